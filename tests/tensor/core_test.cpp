// Tensor data model: views share storage, strides, promotion, broadcasting and errors, with
// expected values taken from PyTorch 1.13 (the comment beside each shows the Python).
#include <doctest/doctest.h>

#include <vector>

#include "tjit/tensor/tensor.hpp"

using namespace tjit;

namespace {
template <class T>
std::vector<T> values(const Tensor& t) {
  Tensor c = contiguous(t);
  const T* p = c.data_ptr<T>();
  return std::vector<T>(p, p + c.numel());
}
Shape shape(const Tensor& t) { return Shape(t.sizes().begin(), t.sizes().end()); }
}  // namespace

TEST_CASE("views share storage and in-place ops write through them") {
  Tensor x = arange(12, kFloat).view({3, 4});  // torch.arange(12.).view(3, 4)
  Tensor row = x.select(0, 1);
  add_(row, 100);  // x[1] += 100
  CHECK(values<float>(x) ==
        std::vector<float>{0, 1, 2, 3, 104, 105, 106, 107, 8, 9, 10, 11});
  Tensor col = x.t().select(0, 2);  // x.t()[2] -> x[:, 2]
  CHECK(col.strides()[0] == 4);
  CHECK(values<float>(col) == std::vector<float>{2, 106, 10});
  CHECK(x.t().is_alias_of(x));
  CHECK(!x.t().is_contiguous());
  Tensor s = x.slice(1, 1, std::nullopt, 2);  // x[:, 1::2]
  CHECK(shape(s) == Shape{3, 2});
  CHECK(values<float>(s) == std::vector<float>{1, 3, 105, 107, 9, 11});
  fill_(s, -1);
  CHECK(values<float>(x)[1] == -1);
  CHECK(values<float>(x)[3] == -1);
}

TEST_CASE("view strides, reshape copies only when it must") {
  Tensor x = arange(24).view({2, 3, 4});
  CHECK(shape(x.view({6, -1})) == Shape{6, 4});
  CHECK(x.permute({2, 0, 1}).strides()[0] == 1);
  // x.transpose(0, 1).view(6, 4) fails in PyTorch; reshape copies.
  CHECK_THROWS_WITH(x.transpose(0, 1).view({6, 4}),
                    "view size is not compatible with input tensor's size and stride (at least one "
                    "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  Tensor r = x.transpose(0, 1).reshape({6, 4});
  CHECK(!r.is_alias_of(x));
  CHECK(values<std::int64_t>(r.select(0, 1)) == std::vector<std::int64_t>{12, 13, 14, 15});
  CHECK(x.reshape({4, 6}).is_alias_of(x));
  CHECK_THROWS_WITH(x.view({5, -1}), "shape '[5, -1]' is invalid for input of size 24");
  CHECK_THROWS_WITH(x.view({-1, -1}), "only one dimension can be inferred");
  // x.unsqueeze(1).expand(2, 5, 3, 4).stride() == (12, 0, 4, 1)
  Tensor ex = x.unsqueeze(1).expand({2, 5, 3, 4});
  CHECK(Shape(ex.strides().begin(), ex.strides().end()) == Shape{12, 0, 4, 1});
  CHECK_THROWS_WITH(x.expand({2, 5, 4}),
                    "The expanded size of the tensor (5) must match the existing size (3) at "
                    "non-singleton dimension 1.  Target sizes: [2, 5, 4].  Tensor sizes: [2, 3, 4]");
  auto parts = arange(10).chunk(3);  // sizes 4, 4, 2
  REQUIRE(parts.size() == 3);
  CHECK(parts[2].numel() == 2);
  CHECK(values<std::int64_t>(arange(9).view({3, 3}).diagonal(1)) == std::vector<std::int64_t>{1, 5});
  CHECK(shape(x.flatten(1)) == Shape{2, 12});
  CHECK(shape(x.flatten(1).unflatten(1, {3, -1})) == Shape{2, 3, 4});
  CHECK(shape(zeros({1, 3, 1}).squeeze()) == Shape{3});
  CHECK_THROWS_WITH(x.select(1, 3), "select(): index 3 out of range for tensor of size [2, 3, 4] at dimension 1");
  CHECK_THROWS_WITH(x.size(3), "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
}

TEST_CASE("type promotion follows torch.result_type") {
  Tensor i64 = arange(3), f32 = ones({3}), f64 = ones({3}, kDouble), b = ones({3}, kBool);
  Tensor u8 = ones({3}, kByte), i8 = ones({3}, kChar), f16 = ones({3}, kHalf), bf = ones({3}, kBFloat16);
  CHECK(result_type(i64, f32) == kFloat);
  CHECK(result_type(u8, i8) == kShort);          // uint8 + int8 -> int16
  CHECK(result_type(f16, bf) == kFloat);         // float16 + bfloat16 -> float32
  CHECK(result_type(b, u8) == kByte);
  CHECK(result_type(i64, Scalar(2.5)) == kFloat);  // int tensor + python float -> default dtype
  CHECK(result_type(f16, Scalar(2.5)) == kHalf);   // python scalars do not upcast floats
  CHECK(result_type(u8, Scalar(1000)) == kByte);   // nor ints
  CHECK(result_type(f32, scalar_tensor(1.0, kDouble)) == kFloat);   // 0-dim lower priority
  CHECK(result_type(i64, scalar_tensor(1.0, kDouble)) == kDouble);  // ... unless higher category
  CHECK(result_type(b, Scalar(true)) == kBool);
  CHECK((i64 + 1.5).scalar_type() == kFloat);
  CHECK((i64 / 2).scalar_type() == kFloat);     // true division
  CHECK((u8 * b).scalar_type() == kByte);
  CHECK(eq(i64, f32).scalar_type() == kBool);
}

TEST_CASE("arithmetic values match PyTorch") {
  Tensor a = tensor<float>({-7.5f, -2.0f, 0.0f, 3.0f, 5.5f});
  Tensor b = tensor<float>({2.0f, -3.0f, 4.0f, 2.0f, -2.0f});
  // torch.div(a, b, rounding_mode='floor') -> [-4., 0., 0., 1., -3.]
  CHECK(values<float>(div(a, b, "floor")) == std::vector<float>{-4, 0, 0, 1, -3});
  // trunc -> [-3., 0., 0., 1., -2.]
  CHECK(values<float>(div(a, b, "trunc")) == std::vector<float>{-3, 0, 0, 1, -2});
  // torch.remainder(a, b) -> [0.5, -2., 0., 1., -0.5]
  CHECK(values<float>(remainder(a, b)) == std::vector<float>{0.5f, -2, 0, 1, -0.5f});
  // torch.fmod(a, b) -> [-1.5, -2., 0., 1., 1.5]
  CHECK(values<float>(fmod(a, b)) == std::vector<float>{-1.5f, -2, 0, 1, 1.5f});
  Tensor ia = tensor<std::int64_t>({-7, 7, -8, 9}), ib = tensor<std::int64_t>({2, -2, 3, 3});
  CHECK(values<std::int64_t>(floor_divide(ia, ib)) == std::vector<std::int64_t>{-4, -4, -3, 3});
  CHECK(values<std::int64_t>(remainder(ia, ib)) == std::vector<std::int64_t>{1, -1, 1, 0});
  CHECK(values<std::int64_t>(pow(ia, 2)) == std::vector<std::int64_t>{49, 49, 64, 81});
  CHECK_THROWS_WITH(pow(ia, -1), "Integers to negative integer powers are not allowed.");
  CHECK_THROWS_WITH(floor_divide(ia, zeros({4}, kLong)), "ZeroDivisionError");
  CHECK_THROWS_WITH(sub(ones({2}, kBool), ones({2}, kBool)),
                    "Subtraction, the `-` operator, with two bool tensors is not supported. Use "
                    "the `^` or `logical_xor()` operator instead.");
  CHECK_THROWS_WITH(add(ia, ia, 1.5), "For integral input tensors, argument alpha must not be a "
                                      "floating point number.");
  Tensor li = ones({3}, kLong);
  CHECK_THROWS_WITH(add_(li, ones({3})),
                    "result type Float can't be cast to the desired output type Long");
  CHECK_THROWS_WITH(add(ones({3}), ones({4})),
                    "The size of tensor a (3) must match the size of tensor b (4) at "
                    "non-singleton dimension 0");
  // broadcasting: [3,1] + [4] -> [3,4]
  Tensor bc = arange(3).view({3, 1}) * 10 + arange(4);
  CHECK(shape(bc) == Shape{3, 4});
  CHECK(values<std::int64_t>(bc.select(0, 2)) == std::vector<std::int64_t>{20, 21, 22, 23});
  // True + True == True for bool tensors; True * False == False
  CHECK(values<bool>(ones({1}, kBool) + ones({1}, kBool)) == std::vector<bool>{true});
}

TEST_CASE("activations and math on float tensors") {
  Tensor x = tensor<float>({-3.0f, -1.0f, 0.0f, 0.5f, 4.0f});
  CHECK(values<float>(relu(x)) == std::vector<float>{0, 0, 0, 0.5f, 4});
  CHECK(values<float>(relu6(x * 2)) == std::vector<float>{0, 0, 0, 1, 6});
  CHECK(values<float>(hardtanh(x)) == std::vector<float>{-1, -1, 0, 0.5f, 1});
  // F.hardswish(x) -> [-0., -0.3333, 0., 0.2917, 4.]
  auto hs = values<float>(hardswish(x));
  CHECK(hs[1] == doctest::Approx(-1.0 / 3).epsilon(1e-6));
  CHECK(hs[3] == doctest::Approx(0.5 * 3.5 / 6).epsilon(1e-6));
  // F.gelu(torch.tensor([0.5])) = 0.3457312;  approximate='tanh' -> 0.3457140
  CHECK(values<float>(gelu(tensor<float>({0.5f})))[0] == doctest::Approx(0.3457312).epsilon(1e-6));
  CHECK(values<float>(gelu(tensor<float>({0.5f}), "tanh"))[0] == doctest::Approx(0.3457140).epsilon(1e-6));
  CHECK(values<float>(sigmoid(tensor<float>({0.0f, 2.0f}))) [1] == doctest::Approx(0.8807970).epsilon(1e-6));
  CHECK(sqrt(arange(4)).scalar_type() == kFloat);  // int -> float
  CHECK(values<float>(clamp(x, -2, 1)) == std::vector<float>{-2, -1, 0, 0.5f, 1});
  CHECK(values<float>(where(gt(x, 0), x, zeros({1}))) == std::vector<float>{0, 0, 0, 0.5f, 4});
  CHECK_THROWS_WITH(neg(ones({2}, kBool)),
                    "Negation, the `-` operator, on a bool tensor is not supported. If you are "
                    "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}

TEST_CASE("non-contiguous and zero-size inputs") {
  Tensor x = arange(6, kFloat).view({2, 3}).t();  // [[0,3],[1,4],[2,5]]
  CHECK(values<float>(x * 2) == std::vector<float>{0, 6, 2, 8, 4, 10});
  Tensor e = zeros({0, 3});
  CHECK(shape(e + 1) == Shape{0, 3});
  CHECK(shape(exp(e)) == Shape{0, 3});
  Tensor z = scalar_tensor(2.5);
  CHECK(z.dim() == 0);
  CHECK((z * 2).item<double>() == 5.0);
  CHECK_THROWS_WITH(ones({2}).item(), "a Tensor with 2 elements cannot be converted to Scalar");
  Tensor h = ones({4}, kHalf) * 1.5;
  CHECK(h.scalar_type() == kHalf);
  CHECK(values<Half>(h)[0] == Half(1.5f));
}

TEST_CASE("from_blob wraps memory without copying") {
  std::vector<float> buf{1, 2, 3, 4, 5, 6};
  bool freed = false;
  {
    Tensor t = from_blob(buf.data(), Shape{2, 3}, kFloat, [&](void*) { freed = true; });
    Tensor v = t.select(1, 0);
    mul_(v, 10);
    CHECK(buf[3] == 40);
  }
  CHECK(freed);
}
