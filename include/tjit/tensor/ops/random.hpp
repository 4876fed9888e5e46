// tjit/tensor/ops/random.hpp — random tensors drawn as PyTorch 1.13's CPU kernels draw them:
// rand, randn, randint, randperm, bernoulli and multinomial, the *_like forms, and the in-place
// uniform_, normal_, bernoulli_, random_. Each takes an optional Generator* (nullptr: the default
// generator, tjit/tensor/generator.hpp).
//
// Bit-exactness (after the same seed, float32 and float64):
// - rand/uniform_, randint/random_, randperm, bernoulli(_) (scalar or tensor p), dropout: exact.
//   (Debian's PyTorch has no MKL, so bernoulli_(p) uses the mt19937 kernel reproduced here.)
// - randn/normal_: exact against PyTorch's x86-64 AVX2 build (its kernel on any CPU with AVX2):
//   float32 tensors of >= 16 contiguous elements use its vectorised Box–Muller with the Cephes
//   log/sincos polynomials, every other case Box–Muller in double, with FMAs where that build
//   fuses. Without AVX2, PyTorch's own results differ in the last bits.
// - Values are written in memory order of the output (TensorIterator's order), so non-contiguous
//   outputs get the same value at each index as in PyTorch.
//
// Definitions: detail/random_impl.hpp (see tjit/core/config.hpp for how they are compiled).
#pragma once

#include <cstdint>
#include <optional>

#include "tjit/core/config.hpp"
#include "tjit/tensor/generator.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// In place. uniform_: [from, to); normal_: mean + std * N(0, 1); random_: [from, to) integers.
Tensor& uniform_(Tensor& self, double from = 0, double to = 1, Generator* gen = nullptr);
Tensor& normal_(Tensor& self, double mean = 0, double std = 1, Generator* gen = nullptr);
Tensor& random_(Tensor& self, std::int64_t from, std::int64_t to, Generator* gen = nullptr);
Tensor& random_(Tensor& self, std::int64_t to, Generator* gen = nullptr);
// Each element becomes 1 with probability p (a number, or a tensor broadcast to self's shape).
Tensor& bernoulli_(Tensor& self, double p = 0.5, Generator* gen = nullptr);
Tensor& bernoulli_(Tensor& self, const Tensor& p, Generator* gen = nullptr);

// New tensors (dtype: the default float; randint and randperm: int64).
Tensor rand(IntArrayRef size, Generator* gen = nullptr, ScalarType dtype = default_dtype());
Tensor rand(IntArrayRef size, ScalarType dtype);
Tensor randn(IntArrayRef size, Generator* gen = nullptr, ScalarType dtype = default_dtype());
Tensor randn(IntArrayRef size, ScalarType dtype);
Tensor normal(double mean, double std, IntArrayRef size, Generator* gen = nullptr,
              ScalarType dtype = default_dtype());
Tensor randint(std::int64_t low, std::int64_t high, IntArrayRef size, Generator* gen = nullptr,
               ScalarType dtype = kLong);
Tensor randint(std::int64_t high, IntArrayRef size, Generator* gen = nullptr,
               ScalarType dtype = kLong);
Tensor randperm(std::int64_t n, Generator* gen = nullptr, ScalarType dtype = kLong);

// Shaped (and, for dense inputs, strided) like `t`, as torch.*_like with preserve_format.
Tensor rand_like(const Tensor& t, std::optional<ScalarType> dtype = std::nullopt,
                 Generator* gen = nullptr);
Tensor randn_like(const Tensor& t, std::optional<ScalarType> dtype = std::nullopt,
                  Generator* gen = nullptr);
Tensor randint_like(const Tensor& t, std::int64_t low, std::int64_t high,
                    std::optional<ScalarType> dtype = std::nullopt, Generator* gen = nullptr);
Tensor randint_like(const Tensor& t, std::int64_t high, std::optional<ScalarType> dtype = std::nullopt,
                    Generator* gen = nullptr);

// 0/1 samples with the probabilities in `p` (torch.bernoulli(p)), or with one probability.
Tensor bernoulli(const Tensor& p, Generator* gen = nullptr);
Tensor bernoulli(const Tensor& t, double p, Generator* gen = nullptr);

// Indices drawn from the rows of `probs` (1-d or 2-d, unnormalised weights).
Tensor multinomial(const Tensor& probs, std::int64_t num_samples, bool replacement = false,
                   Generator* gen = nullptr);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/random_impl.hpp"
#endif
