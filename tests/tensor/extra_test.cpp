// The ops of tjit/tensor/ops/extra.hpp called directly: views, in-place writes and PyTorch 1.13's
// error messages (their values against PyTorch are checked through the registry by
// //tests/runtime:op_ref_test). Expected values from PyTorch, the Python beside each.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tjit/tensor/ops/extra.hpp"
#include "tjit/tensor/tensor.hpp"

using namespace tjit;

namespace {
template <class T>
std::vector<T> values(const Tensor& t) {
  Tensor c = contiguous(t);
  const T* p = c.data_ptr<T>();
  return std::vector<T>(p, p + c.numel());
}
Tensor L(std::initializer_list<std::int64_t> v) { return tensor<std::int64_t>(v); }
Tensor F(std::initializer_list<float> v) { return tensor<float>(v); }
std::string error_of(void (*f)()) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("extra ops: values, views and in-place writes") {
  Tensor a = tensor<std::int32_t>({1, -8, 3, 100});
  Tensor s = tensor<std::int32_t>({1, 2, 4, 0});
  // torch.tensor([1,-8,3,100], dtype=torch.int32) << torch.tensor([1,2,4,0], dtype=torch.int32)
  CHECK(values<std::int32_t>(bitwise_left_shift(a, s)) == std::vector<std::int32_t>{2, -32, 48, 100});
  CHECK(values<std::int32_t>(bitwise_right_shift(a, s)) == std::vector<std::int32_t>{0, -2, 0, 100});
  // torch.tensor_split(torch.arange(7), 3) -> sizes 3, 2, 2, views of the input
  Tensor r = arange(7);
  auto parts = tensor_split(r, 3);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].numel() == 3);
  CHECK(parts[2].is_alias_of(r));
  // x.index_fill_(0, torch.tensor([1]), -1) writes through a view
  Tensor x = zeros({2, 3});
  Tensor row = x.select(0, 1);
  index_fill_(row, 0, L({2}), -1);
  CHECK(values<float>(x) == std::vector<float>{0, 0, 0, 0, 0, -1});
  // torch.cummax(torch.tensor([1, 3, 2, 3]), 0)
  auto [v, i] = cummax(L({1, 3, 2, 3}), 0);
  CHECK(values<std::int64_t>(v) == std::vector<std::int64_t>{1, 3, 3, 3});
  CHECK(values<std::int64_t>(i) == std::vector<std::int64_t>{0, 1, 1, 3});
  // torch.bucketize(torch.tensor([3, 6, 9]), torch.tensor([1, 3, 5, 7]), right=True)
  CHECK(values<std::int64_t>(bucketize(L({3, 6, 9}), L({1, 3, 5, 7}), false, true)) ==
        std::vector<std::int64_t>{2, 3, 4});
}

TEST_CASE("extra ops: PyTorch's errors") {
  CHECK(error_of([] { bitwise_left_shift(ones({2}), ones({2})); }) ==
        "\"lshift_cpu\" not implemented for 'Float'");
  CHECK(error_of([] { softshrink(ones({2}), -1); }) ==
        "lambda must be greater or equal to 0, but found to be -1.");
  CHECK(error_of([] { glu(ones({3})); }) ==
        "Halving dimension must be even, but dimension 0 is size 3");
  CHECK(error_of([] { glu(scalar_tensor(1.0)); }) ==
        "glu does not support scalars because halving size must be even");
  CHECK(error_of([] { hardshrink(arange(3)); }) == "\"hardshrink_cpu\" not implemented for 'Long'");
  CHECK(error_of([] { hardshrink(ones({2}, kHalf)); }) == "\"hardshrink_cpu\" not implemented for 'Half'");
  CHECK(error_of([] { cummin(ones({2}, kHalf), 0); }) == "\"cummin_cpu\" not implemented for 'Half'");
  CHECK(error_of([] { round(arange(3), 2); }) == "\"round_cpu\" not implemented for 'Long'");
  CHECK(error_of([] { logcumsumexp(arange(3), 0); }) ==
        "\"logcumsumexp_out_cpu\" not implemented for 'Long'");
  CHECK(error_of([] { tensor_split(arange(7), 0); }) ==
        "number of sections must be larger than 0, got 0");
  CHECK(error_of([] { searchsorted(L({1, 3}), L({2}), false, true, "left"); }) ==
        "torch.searchsorted(): side and right can't be set to opposites, got side of left while "
        "right was True");
  CHECK(error_of([] { masked_scatter(L({1, 2}), tensor<bool>({true, true}), L({7})); }) ==
        "Number of elements of source < number of ones in mask");
  CHECK(error_of([] { index_fill(L({1, 2}), 0, L({1}), F({2.5f})); }) ==
        "index_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 "
        "dimension(s).");
  CHECK(error_of([] { index_add(L({1, 2}), 0, L({1, 1, 0}), F({1.0f, 2.0f, 3.0f})); }) ==
        "index_add_(): self (Long) and source (Float) must have the same scalar type");
  CHECK(error_of([] { index_add(L({1, 2}), 0, L({5}), L({1})); }) ==
        "index out of range in self");
}

TEST_CASE("extra ops: the README's example") {
  Tensor a = arange(8);
  auto parts = tensor_split(a, 3);  // views: sizes 3, 3, 2
  CHECK(parts[2].numel() == 2);
  auto [vals, idx] = cummax(randn({4, 5}), 1);
  CHECK(idx.scalar_type() == kLong);
  Tensor b = bucketize(rand({6}), linspace(0, 1, 5), false, true);
  CHECK(b.numel() == 6);
  Tensor s = bitwise_left_shift(a, 2);  // a << 2
  CHECK(values<std::int64_t>(s)[3] == 12);
  Tensor x = randn({8, 64});
  auto [y, mean, rstd] = native_layer_norm(x, {64}, Tensor(), Tensor(), 1e-5);
  CHECK(mean.sizes() == IntArrayRef(Shape{8, 1}));
}
