// Random ops (tjit/tensor/ops/random.hpp) and training-mode dropout against PyTorch 1.13 on
// generated reference cases (make_random_cases.py): after the same manual_seed, every value must
// be bit-identical — integers and floats alike (the comparison here has no tolerance).
#include <doctest/doctest.h>

#include <cstring>
#include <numeric>
#include <thread>

#include "ops_runner.hpp"
#include "tjit/tensor/ops/nn.hpp"
#include "tjit/tensor/ops/random.hpp"

using namespace tjit;
using refcases::Case;
using reftest::int_arg;
using reftest::Tensors;

namespace {

double float_arg(const Case& c, const std::string& k) {
  const auto& f = c.at(k);
  if (auto* i = std::get_if<std::int64_t>(&f)) return static_cast<double>(*i);
  return std::get<double>(f);
}
ScalarType dtype_arg(const Case& c) {
  return c.has("dtype") ? reftest::dtype_of(c.get<std::string>("dtype")) : kFloat;
}

// The tensor a sampler writes into: contiguous, all dims reversed, or every other column.
Tensor target(const Case& c) {
  Shape size = reftest::ints_arg(c, "size");
  ScalarType dt = dtype_arg(c);
  std::int64_t layout = int_arg(c, "layout", 0);
  if (layout == 0) return Tensor::empty(size, dt);
  if (layout == 1) {
    Shape rev(size.rbegin(), size.rend()), perm(size.size());
    std::iota(perm.rbegin(), perm.rend(), 0);
    return Tensor::empty(rev, dt).permute(perm);
  }
  Shape wide = size;
  wide.back() *= 2;
  return Tensor::empty(wide, dt).slice(-1, 0, std::nullopt, 2);
}

Tensor seeded(const Case& c) {
  manual_seed(static_cast<std::uint64_t>(int_arg(c, "seed", 0)));
  return Tensor();
}

// Bitwise equality (the reference tolerance would hide a last-bit difference).
bool bit_equal(const Tensor& a, const Tensor& b) {
  if (a.scalar_type() != b.scalar_type() || !(a.sizes() == b.sizes())) return false;
  Tensor x = contiguous(a), y = contiguous(b);
  return std::memcmp(x.data_ptr(), y.data_ptr(), x.nbytes()) == 0;
}

}  // namespace

TEST_CASE("random ops match PyTorch bit for bit on the reference cases") {
  using Op = reftest::MultiOp;
  auto one = [](auto f) -> Op {
    return [f](const Case& c, const Tensors& ts) {
      seeded(c);
      return Tensors{f(c, ts)};
    };
  };
  static const std::map<std::string, Op> ops = {
      {"uniform", one([](const Case& c, const Tensors&) {
         Tensor t = target(c);
         return uniform_(t, float_arg(c, "lo"), float_arg(c, "hi"));
       })},
      {"normal", one([](const Case& c, const Tensors&) {
         Tensor t = target(c);
         return normal_(t, float_arg(c, "mean"), float_arg(c, "std"));
       })},
      {"random", one([](const Case& c, const Tensors&) {
         Tensor t = target(c);
         return random_(t, int_arg(c, "lo", 0), int_arg(c, "hi", 0));
       })},
      {"bernoulli_scalar", one([](const Case& c, const Tensors&) {
         Tensor t = target(c);
         return bernoulli_(t, float_arg(c, "p"));
       })},
      {"bernoulli_tensor", one([](const Case& c, const Tensors& ts) {
         Tensor t = target(c);
         return bernoulli_(t, ts[0]);
       })},
      {"rand", one([](const Case& c, const Tensors&) {
         return rand(reftest::ints_arg(c, "size"), dtype_arg(c));
       })},
      {"randn", one([](const Case& c, const Tensors&) {
         return randn(reftest::ints_arg(c, "size"), dtype_arg(c));
       })},
      {"randint", one([](const Case& c, const Tensors&) {
         return randint(int_arg(c, "lo", 0), int_arg(c, "hi", 0), reftest::ints_arg(c, "size"),
                        nullptr, dtype_arg(c));
       })},
      {"randperm", one([](const Case& c, const Tensors&) {
         return randperm(int_arg(c, "n", 0), nullptr, c.has("dtype") ? dtype_arg(c) : kLong);
       })},
      {"rand_like", one([](const Case&, const Tensors& ts) { return rand_like(ts[0]); })},
      {"randn_like", one([](const Case&, const Tensors& ts) { return randn_like(ts[0]); })},
      {"randint_like", one([](const Case& c, const Tensors& ts) {
         return randint_like(ts[0], int_arg(c, "lo", 0), int_arg(c, "hi", 0));
       })},
      {"bernoulli", one([](const Case&, const Tensors& ts) { return bernoulli(ts[0]); })},
      {"multinomial", one([](const Case& c, const Tensors& ts) {
         return multinomial(ts[0], int_arg(c, "n", 1), int_arg(c, "replacement", 0) != 0);
       })},
      {"dropout", one([](const Case& c, const Tensors& ts) {
         return dropout(ts[0], float_arg(c, "p"), int_arg(c, "train", 1) != 0);
       })},
      {"dropout_", one([](const Case& c, const Tensors& ts) {
         Tensor x = clone(ts[0]);
         return dropout_(x, float_arg(c, "p"), true);
       })},
      {"feature_dropout", one([](const Case& c, const Tensors& ts) {
         return feature_dropout(ts[0], float_arg(c, "p"), true);
       })},
      {"alpha_dropout", one([](const Case& c, const Tensors& ts) {
         return alpha_dropout(ts[0], float_arg(c, "p"), true);
       })},
      {"feature_alpha_dropout", one([](const Case& c, const Tensors& ts) {
         return feature_alpha_dropout(ts[0], float_arg(c, "p"), true);
       })},
      {"sequence", [](const Case& c, const Tensors&) {
         seeded(c);
         Tensors r;
         r.push_back(randn({3}));
         r.push_back(randn({3}, kDouble));
         r.push_back(rand({2}));
         r.push_back(randn({5}, kDouble));
         r.push_back(randn({20}));
         r.push_back(randint(0, 10, {4}));
         r.push_back(randn({1}, kDouble));
         return r;
       }},
  };
  reftest::run_cases("tests/tensor/random_cases.bin", ops, 1000);

  // run_cases compares floats with a tolerance; check every output bit for bit as well.
  int inexact = 0, compared = 0;
  for (const Case& c : refcases::load("tests/tensor/random_cases.bin")) {
    if (c.has("error")) continue;
    Tensors ts;
    if (c.has("ts"))
      for (const auto& r : c.get<std::vector<refcases::RefTensor>>("ts"))
        ts.push_back(reftest::to_tensor(r));
    if (c.has("t_t")) ts[0] = ts[0].transpose(-1, -2);
    Tensors got = ops.at(c.get<std::string>("op"))(c, ts);
    Tensors want;
    if (c.has("outs")) {
      for (const auto& r : c.get<std::vector<refcases::RefTensor>>("outs"))
        want.push_back(reftest::to_tensor(r));
    } else {
      want.push_back(reftest::to_tensor(c.get<refcases::RefTensor>("out")));
    }
    for (std::size_t i = 0; i < want.size(); ++i) {
      ++compared;
      if (!bit_equal(got[i], want[i])) {
        ++inexact;
        MESSAGE("not bit-identical: ", c.get<std::string>("op"), " output ", i, ": got ",
                reftest::describe(got[i]), ", want ", reftest::describe(want[i]));
      }
    }
  }
  MESSAGE(compared, " outputs compared bitwise");
  CHECK(inexact == 0);
}

TEST_CASE("generators: own state, seeding, copies and the default generator") {
  Generator g1(42), g2(42);
  manual_seed(42);
  Tensor a = randn({40}, &g1), b = randn({40}), c = randn({40}, &g2);
  CHECK(bit_equal(a, b));
  CHECK(bit_equal(a, c));
  CHECK(initial_seed() == 42);
  CHECK(g1.initial_seed() == 42);
  // A copy continues the same stream, including the cached normal sample.
  Generator g3(7);
  (void)randn({3}, &g3, kDouble);  // leaves a cached second sample
  Generator g4 = g3;
  CHECK(bit_equal(randn({5}, &g3, kDouble), randn({5}, &g4, kDouble)));
  // Reseeding forgets the cached sample.
  g3.manual_seed(7);
  Generator g5(7);
  CHECK(bit_equal(randn({3}, &g3, kDouble), randn({3}, &g5, kDouble)));
  std::uint64_t s = seed();
  CHECK(initial_seed() == s);
}

TEST_CASE("a generator shared by threads hands out whole tensors") {
  // Each op holds the generator's lock for its whole fill: two threads drawing 1000 numbers each
  // get, between them, exactly the first 2000 numbers of the stream, in two blocks.
  Generator g(3), ref(3);
  Tensor all = rand({2000}, &ref, kDouble);
  Tensor x, y;
  std::thread t1([&] { x = rand({1000}, &g, kDouble); });
  std::thread t2([&] { y = rand({1000}, &g, kDouble); });
  t1.join();
  t2.join();
  Tensor first = all.narrow(0, 0, 1000), second = all.narrow(0, 1000, 1000);
  CHECK(((bit_equal(x, first) && bit_equal(y, second)) ||
         (bit_equal(y, first) && bit_equal(x, second))));
}
