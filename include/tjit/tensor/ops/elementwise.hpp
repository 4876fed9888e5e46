// tjit/tensor/ops/elementwise.hpp — elementwise ops: arithmetic, comparisons, logical and bitwise
// ops, math functions, activations, where, clamp; out-of-place and in-place (`name_`), with
// PyTorch's broadcasting, type promotion and error messages; and libtorch's operators.
//
// Definitions: detail/elementwise_{unary,activation,binary,compare}_impl.hpp (see
// tjit/core/config.hpp for how they are compiled).
#pragma once

#include <optional>
#include <string_view>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor& add_(Tensor& self, const Tensor& b, const Scalar& alpha = 1);
Tensor& add_(Tensor& self, const Scalar& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor& sub_(Tensor& self, const Tensor& b, const Scalar& alpha = 1);
Tensor& sub_(Tensor& self, const Scalar& b, const Scalar& alpha = 1);
Tensor rsub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha = 1);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Scalar& b);
Tensor& mul_(Tensor& self, const Tensor& b);
Tensor& mul_(Tensor& self, const Scalar& b);
// rounding_mode: nullopt (true division), "trunc" or "floor".
Tensor div(const Tensor& a, const Tensor& b,
           std::optional<std::string_view> rounding_mode = std::nullopt);
Tensor div(const Tensor& a, const Scalar& b,
           std::optional<std::string_view> rounding_mode = std::nullopt);
Tensor& div_(Tensor& self, const Tensor& b,
             std::optional<std::string_view> rounding_mode = std::nullopt);
Tensor& div_(Tensor& self, const Scalar& b,
             std::optional<std::string_view> rounding_mode = std::nullopt);
Tensor true_divide(const Tensor& a, const Tensor& b);
Tensor floor_divide(const Tensor& a, const Tensor& b);
Tensor floor_divide(const Tensor& a, const Scalar& b);
Tensor pow(const Tensor& a, const Tensor& b);
Tensor pow(const Tensor& a, const Scalar& b);
Tensor pow(const Scalar& a, const Tensor& b);
Tensor& pow_(Tensor& self, const Tensor& b);
Tensor& pow_(Tensor& self, const Scalar& b);

#define TJIT_DECLARE_BINARY(name)                 \
  Tensor name(const Tensor& a, const Tensor& b);  \
  Tensor name(const Tensor& a, const Scalar& b);  \
  Tensor& name##_(Tensor& self, const Tensor& b); \
  Tensor& name##_(Tensor& self, const Scalar& b);
TJIT_DECLARE_BINARY(remainder)
TJIT_DECLARE_BINARY(fmod)
TJIT_DECLARE_BINARY(atan2)
TJIT_DECLARE_BINARY(maximum)
TJIT_DECLARE_BINARY(minimum)
TJIT_DECLARE_BINARY(bitwise_and)
TJIT_DECLARE_BINARY(bitwise_or)
TJIT_DECLARE_BINARY(bitwise_xor)
TJIT_DECLARE_BINARY(logical_and)
TJIT_DECLARE_BINARY(logical_or)
TJIT_DECLARE_BINARY(logical_xor)
TJIT_DECLARE_BINARY(eq)
TJIT_DECLARE_BINARY(ne)
TJIT_DECLARE_BINARY(lt)
TJIT_DECLARE_BINARY(le)
TJIT_DECLARE_BINARY(gt)
TJIT_DECLARE_BINARY(ge)
#undef TJIT_DECLARE_BINARY

#define TJIT_DECLARE_UNARY(name)  \
  Tensor name(const Tensor& t);   \
  Tensor& name##_(Tensor& t);
// Float-valued: integral and bool inputs give float32, as in PyTorch.
TJIT_DECLARE_UNARY(exp)
TJIT_DECLARE_UNARY(exp2)
TJIT_DECLARE_UNARY(expm1)
TJIT_DECLARE_UNARY(log)
TJIT_DECLARE_UNARY(log2)
TJIT_DECLARE_UNARY(log10)
TJIT_DECLARE_UNARY(log1p)
TJIT_DECLARE_UNARY(sqrt)
TJIT_DECLARE_UNARY(rsqrt)
TJIT_DECLARE_UNARY(sin)
TJIT_DECLARE_UNARY(cos)
TJIT_DECLARE_UNARY(tan)
TJIT_DECLARE_UNARY(asin)
TJIT_DECLARE_UNARY(acos)
TJIT_DECLARE_UNARY(atan)
TJIT_DECLARE_UNARY(sinh)
TJIT_DECLARE_UNARY(cosh)
TJIT_DECLARE_UNARY(tanh)
TJIT_DECLARE_UNARY(asinh)
TJIT_DECLARE_UNARY(acosh)
TJIT_DECLARE_UNARY(atanh)
TJIT_DECLARE_UNARY(sigmoid)
TJIT_DECLARE_UNARY(erf)
TJIT_DECLARE_UNARY(erfc)
TJIT_DECLARE_UNARY(lgamma)
TJIT_DECLARE_UNARY(reciprocal)
TJIT_DECLARE_UNARY(silu)
TJIT_DECLARE_UNARY(mish)
TJIT_DECLARE_UNARY(logsigmoid)
TJIT_DECLARE_UNARY(hardsigmoid)
TJIT_DECLARE_UNARY(hardswish)
TJIT_DECLARE_UNARY(selu)
// Dtype-preserving.
TJIT_DECLARE_UNARY(abs)
TJIT_DECLARE_UNARY(floor)
TJIT_DECLARE_UNARY(ceil)
TJIT_DECLARE_UNARY(trunc)
TJIT_DECLARE_UNARY(round)
TJIT_DECLARE_UNARY(frac)
TJIT_DECLARE_UNARY(sign)
TJIT_DECLARE_UNARY(bitwise_not)
TJIT_DECLARE_UNARY(neg)
TJIT_DECLARE_UNARY(relu)
TJIT_DECLARE_UNARY(relu6)
#undef TJIT_DECLARE_UNARY

Tensor square(const Tensor& t);
Tensor logical_not(const Tensor& t);
Tensor isnan(const Tensor& t);
Tensor isinf(const Tensor& t);
Tensor isfinite(const Tensor& t);

// clamp with optional bounds (at least one); `out` receives the result when given.
Tensor clamp(const Tensor& t, std::optional<Scalar> min, std::optional<Scalar> max,
             Tensor* out = nullptr);
Tensor& clamp_(Tensor& t, std::optional<Scalar> min, std::optional<Scalar> max);
Tensor clamp_min(const Tensor& t, const Scalar& min);
Tensor clamp_max(const Tensor& t, const Scalar& max);
Tensor clip(const Tensor& t, std::optional<Scalar> min, std::optional<Scalar> max);
Tensor hardtanh(const Tensor& t, const Scalar& min_val = -1, const Scalar& max_val = 1);
Tensor& hardtanh_(Tensor& t, const Scalar& min_val = -1, const Scalar& max_val = 1);
Tensor leaky_relu(const Tensor& t, const Scalar& negative_slope = 0.01, Tensor* out = nullptr);
Tensor& leaky_relu_(Tensor& t, const Scalar& negative_slope = 0.01);
Tensor elu(const Tensor& t, const Scalar& alpha = 1, const Scalar& scale = 1,
           const Scalar& input_scale = 1, Tensor* out = nullptr);
Tensor& elu_(Tensor& t, const Scalar& alpha = 1);
Tensor celu(const Tensor& t, const Scalar& alpha = 1.0, Tensor* out = nullptr);
// approximate: "none" or "tanh".
Tensor gelu(const Tensor& t, std::string_view approximate = "none", Tensor* out = nullptr);
Tensor& gelu_(Tensor& t, std::string_view approximate = "none");
Tensor softplus(const Tensor& t, const Scalar& beta = 1, const Scalar& threshold = 20);
Tensor threshold(const Tensor& t, const Scalar& th, const Scalar& value, Tensor* out = nullptr);
Tensor& threshold_(Tensor& t, const Scalar& th, const Scalar& value);

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);
Tensor where(const Tensor& cond, const Tensor& a, const Scalar& b);
Tensor where(const Tensor& cond, const Scalar& a, const Tensor& b);
Tensor where(const Tensor& cond, const Scalar& a, const Scalar& b);

// Operators, as in libtorch.
// not traced (block): each forwards to one op above, which records itself
inline Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
inline Tensor operator+(const Tensor& a, const Scalar& b) { return add(a, b); }
inline Tensor operator+(const Scalar& a, const Tensor& b) { return add(b, a); }
inline Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
inline Tensor operator-(const Tensor& a, const Scalar& b) { return sub(a, b); }
inline Tensor operator-(const Scalar& a, const Tensor& b) { return rsub(b, a); }
inline Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
inline Tensor operator*(const Tensor& a, const Scalar& b) { return mul(a, b); }
inline Tensor operator*(const Scalar& a, const Tensor& b) { return mul(b, a); }
inline Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
inline Tensor operator/(const Tensor& a, const Scalar& b) { return div(a, b); }
inline Tensor operator%(const Tensor& a, const Tensor& b) { return remainder(a, b); }
inline Tensor operator%(const Tensor& a, const Scalar& b) { return remainder(a, b); }
inline Tensor operator-(const Tensor& a) { return neg(a); }
inline Tensor operator~(const Tensor& a) { return bitwise_not(a); }
inline Tensor operator&(const Tensor& a, const Tensor& b) { return bitwise_and(a, b); }
inline Tensor operator|(const Tensor& a, const Tensor& b) { return bitwise_or(a, b); }
inline Tensor operator^(const Tensor& a, const Tensor& b) { return bitwise_xor(a, b); }
inline Tensor operator==(const Tensor& a, const Tensor& b) { return eq(a, b); }
inline Tensor operator==(const Tensor& a, const Scalar& b) { return eq(a, b); }
inline Tensor operator!=(const Tensor& a, const Tensor& b) { return ne(a, b); }
inline Tensor operator!=(const Tensor& a, const Scalar& b) { return ne(a, b); }
inline Tensor operator<(const Tensor& a, const Tensor& b) { return lt(a, b); }
inline Tensor operator<(const Tensor& a, const Scalar& b) { return lt(a, b); }
inline Tensor operator<=(const Tensor& a, const Tensor& b) { return le(a, b); }
inline Tensor operator<=(const Tensor& a, const Scalar& b) { return le(a, b); }
inline Tensor operator>(const Tensor& a, const Tensor& b) { return gt(a, b); }
inline Tensor operator>(const Tensor& a, const Scalar& b) { return gt(a, b); }
inline Tensor operator>=(const Tensor& a, const Tensor& b) { return ge(a, b); }
inline Tensor operator>=(const Tensor& a, const Scalar& b) { return ge(a, b); }
inline Tensor& operator+=(Tensor& a, const Tensor& b) { return add_(a, b); }
inline Tensor& operator+=(Tensor& a, const Scalar& b) { return add_(a, b); }
inline Tensor& operator-=(Tensor& a, const Tensor& b) { return sub_(a, b); }
inline Tensor& operator-=(Tensor& a, const Scalar& b) { return sub_(a, b); }
inline Tensor& operator*=(Tensor& a, const Tensor& b) { return mul_(a, b); }
inline Tensor& operator*=(Tensor& a, const Scalar& b) { return mul_(a, b); }
inline Tensor& operator/=(Tensor& a, const Tensor& b) { return div_(a, b); }
inline Tensor& operator/=(Tensor& a, const Scalar& b) { return div_(a, b); }

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/elementwise_activation_impl.hpp"
#include "tjit/tensor/ops/detail/elementwise_binary_impl.hpp"
#include "tjit/tensor/ops/detail/elementwise_compare_impl.hpp"
#include "tjit/tensor/ops/detail/elementwise_unary_impl.hpp"
#endif
