// tjit/tensor/generator.hpp — PyTorch's CPU random number generator: a 32-bit Mersenne Twister
// (mt19937) seeded as at::mt19937 seeds it, 64-bit draws made of two 32-bit ones (first draw high),
// and the cached second Box–Muller sample (one for float, one for double) that
// at::CPUGeneratorImpl keeps. After the same seed, tjit's random ops draw the same numbers as
// PyTorch 1.13's CPU kernels (tjit/tensor/ops/random.hpp says which are bit-exact).
//
// Thread safety as in PyTorch: every op that draws locks `mutex()` for the whole fill, so
// concurrent ops on one generator interleave whole tensors, never single draws.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

namespace tjit {

class Generator {
 public:
  static constexpr std::uint64_t kDefaultSeed = 67280421310721ULL;  // at::default_rng_seed_val

  explicit Generator(std::uint64_t seed = kDefaultSeed) { set_current_seed(seed); }
  Generator(const Generator& other) { *this = other; }
  Generator& operator=(const Generator& other) {
    if (this != &other) {
      std::scoped_lock lock(mutex_, other.mutex_);
      copy_state(other);
    }
    return *this;
  }

  // Reseeds the engine and forgets the cached normal samples (torch.Generator.manual_seed).
  void set_current_seed(std::uint64_t seed) {
    seed_ = seed;
    state_[0] = static_cast<std::uint32_t>(seed & 0xffffffffu);
    for (std::uint32_t j = 1; j < kN; ++j)
      state_[j] = 1812433253u * (state_[j - 1] ^ (state_[j - 1] >> 30)) + j;
    index_ = kN;
    next_float_normal_.reset();
    next_double_normal_.reset();
  }
  Generator& manual_seed(std::uint64_t seed) {
    std::lock_guard<std::mutex> lock(mutex_);
    set_current_seed(seed);
    return *this;
  }
  // Seeds from std::random_device and returns the seed (torch.Generator.seed).
  std::uint64_t seed() {
    std::random_device rd;
    std::uint64_t s = (static_cast<std::uint64_t>(rd()) << 32) | rd();
    std::lock_guard<std::mutex> lock(mutex_);
    set_current_seed(s);
    return s;
  }
  std::uint64_t current_seed() const { return seed_; }
  std::uint64_t initial_seed() const { return seed_; }

  // Raw draws. Callers hold mutex() (see the note at the top).
  std::uint32_t random() {
    if (index_ >= kN) twist();
    std::uint32_t y = state_[index_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }
  std::uint64_t random64() {
    std::uint64_t hi = random();
    std::uint64_t lo = random();
    return (hi << 32) | lo;
  }

  std::optional<float> next_float_normal_sample() const { return next_float_normal_; }
  std::optional<double> next_double_normal_sample() const { return next_double_normal_; }
  void set_next_float_normal_sample(std::optional<float> v) { next_float_normal_ = v; }
  void set_next_double_normal_sample(std::optional<double> v) { next_double_normal_ = v; }

  std::mutex& mutex() const { return mutex_; }

 private:
  static constexpr std::uint32_t kN = 624, kM = 397;

  void twist() {
    for (std::uint32_t i = 0; i < kN; ++i) {
      std::uint32_t y = (state_[i] & 0x80000000u) | (state_[(i + 1) % kN] & 0x7fffffffu);
      state_[i] = state_[(i + kM) % kN] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
    }
    index_ = 0;
  }
  void copy_state(const Generator& o) {
    seed_ = o.seed_;
    state_ = o.state_;
    index_ = o.index_;
    next_float_normal_ = o.next_float_normal_;
    next_double_normal_ = o.next_double_normal_;
  }

  std::uint64_t seed_ = kDefaultSeed;
  std::array<std::uint32_t, kN> state_{};
  std::uint32_t index_ = kN;
  std::optional<float> next_float_normal_;
  std::optional<double> next_double_normal_;
  mutable std::mutex mutex_;
};

// The process-wide generator the random ops use when given none. Like PyTorch's, it starts from
// a nondeterministic seed; tjit::manual_seed makes it reproducible.
inline Generator& default_generator() {
  static Generator gen{[] {
    std::random_device rd;
    return (static_cast<std::uint64_t>(rd()) << 32) | rd();
  }()};
  return gen;
}

// torch.manual_seed / torch.seed / torch.initial_seed on the default generator.
inline Generator& manual_seed(std::uint64_t seed) { return default_generator().manual_seed(seed); }
inline std::uint64_t seed() { return default_generator().seed(); }
inline std::uint64_t initial_seed() { return default_generator().initial_seed(); }

}  // namespace tjit
