// tjit/tensor/ops/detail/extra_pointwise_impl.hpp — definitions of the pointwise ops of
// tjit/tensor/ops/extra.hpp (shifts, round with decimals, shrinks, glu, normal with tensors).
#pragma once

#include <cmath>
#include <type_traits>

#include "tjit/tensor/ops/detail/elementwise_kernels.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/extra.hpp"
#include "tjit/tensor/ops/random.hpp"
#include "tjit/tensor/ops/reduce.hpp"

namespace tjit {

namespace detail {

struct DispatchIntegralNoBool {
  template <class F>
  decltype(auto) operator()(ScalarType t, std::string_view n, F&& f) const {
    return dispatch_integral(t, false, n, std::forward<F>(f));
  }
};

// Shifts on the integral compute type C; counts outside [0, bits) are defined (see extra.hpp).
template <class C>
C shift_left_value(C x, C y) {
  if constexpr (std::is_same_v<C, bool> || !std::is_integral_v<C>) {
    return x;
  } else {
    using U = std::make_unsigned_t<C>;
    constexpr auto bits = static_cast<std::int64_t>(sizeof(C) * 8);
    auto s = static_cast<std::int64_t>(y);
    if (s < 0 || s >= bits) return C(0);
    return static_cast<C>(static_cast<U>(static_cast<U>(x) << s));
  }
}
template <class C>
C shift_right_value(C x, C y) {
  if constexpr (std::is_same_v<C, bool> || !std::is_integral_v<C>) {
    return x;
  } else {
    constexpr auto bits = static_cast<std::int64_t>(sizeof(C) * 8);
    auto s = static_cast<std::int64_t>(y);
    if (s < 0 || s >= bits) return std::is_signed_v<C> && x < 0 ? C(-1) : C(0);
    return static_cast<C>(x >> s);
  }
}

template <bool Left, class B>
Tensor shift_impl(const Tensor& a, const B& b, Tensor* out) {
  return binary_op<BinaryKind::Arith>(Left ? "lshift_cpu" : "rshift_cpu", a, b,
                                      [](auto tag) {
                                        using C = acc_t<decltype(tag)>;
                                        return [](C x, C y) -> C {
                                          return Left ? shift_left_value<C>(x, y)
                                                      : shift_right_value<C>(x, y);
                                        };
                                      },
                                      DispatchIntegralNoBool{}, out);
}

// A same-dtype float op, out-of-place or into `out`. Like PyTorch 1.13's CPU kernels of these
// ops: float, double and bfloat16, not float16.
template <class MakeF>
Tensor float_unary(std::string_view name, const Tensor& t, const MakeF& make_f, Tensor* out) {
  if (!is_floating_type(t.scalar_type()) || t.scalar_type() == kHalf)
    dispatch_fail(name, t.scalar_type());
  Tensor src = contiguous(t);
  Tensor r = Tensor::empty(t.sizes(), t.scalar_type());
  const std::int64_t n = r.numel();
  dispatch_floating(t.scalar_type(), name, [&](auto tag) {
    using T = decltype(tag);
    using C = acc_t<T>;
    auto f = make_f(tag);
    const T* x = src.data_ptr<T>();
    T* y = r.data_ptr<T>();
    for (std::int64_t i = 0; i < n; ++i) y[i] = static_cast<T>(f(static_cast<C>(x[i])));
  });
  if (!out) return r;
  copy_(*out, r);
  return *out;
}

template <class C>
struct RoundDecimalsFn {
  C ten_pow;
  bool neg;
  C operator()(C x) const {
    return neg ? static_cast<C>(std::nearbyint(x / ten_pow) * ten_pow)
               : static_cast<C>(std::nearbyint(x * ten_pow) / ten_pow);
  }
};

}  // namespace detail

TJIT_DEF Tensor bitwise_left_shift(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::bitwise_left_shift.Tensor", bitwise_left_shift(a, b), a, b);
  return detail::shift_impl<true>(a, b, nullptr);
}
TJIT_DEF Tensor bitwise_left_shift(const Tensor& a, const Scalar& b) {
  TJIT_TRACE("aten::bitwise_left_shift.Tensor_Scalar", bitwise_left_shift(a, b), a, b);
  return detail::shift_impl<true>(a, b, nullptr);
}
TJIT_DEF Tensor bitwise_left_shift(const Scalar& a, const Tensor& b) {
  TJIT_TRACE("aten::bitwise_left_shift.Scalar_Tensor", bitwise_left_shift(a, b), a, b);
  return detail::shift_impl<true>(detail::scalar_to_tensor(a), b, nullptr);
}
TJIT_DEF Tensor& bitwise_left_shift_(Tensor& self, const Tensor& b) {
  TJIT_TRACE("aten::bitwise_left_shift_.Tensor", bitwise_left_shift_(self, b), self, b);
  detail::shift_impl<true>(self, b, &self);
  return self;
}
TJIT_DEF Tensor& bitwise_left_shift_(Tensor& self, const Scalar& b) {
  TJIT_TRACE("aten::bitwise_left_shift_.Tensor_Scalar", bitwise_left_shift_(self, b), self, b);
  detail::shift_impl<true>(self, b, &self);
  return self;
}
TJIT_DEF Tensor bitwise_right_shift(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::bitwise_right_shift.Tensor", bitwise_right_shift(a, b), a, b);
  return detail::shift_impl<false>(a, b, nullptr);
}
TJIT_DEF Tensor bitwise_right_shift(const Tensor& a, const Scalar& b) {
  TJIT_TRACE("aten::bitwise_right_shift.Tensor_Scalar", bitwise_right_shift(a, b), a, b);
  return detail::shift_impl<false>(a, b, nullptr);
}
TJIT_DEF Tensor bitwise_right_shift(const Scalar& a, const Tensor& b) {
  TJIT_TRACE("aten::bitwise_right_shift.Scalar_Tensor", bitwise_right_shift(a, b), a, b);
  return detail::shift_impl<false>(detail::scalar_to_tensor(a), b, nullptr);
}
TJIT_DEF Tensor& bitwise_right_shift_(Tensor& self, const Tensor& b) {
  TJIT_TRACE("aten::bitwise_right_shift_.Tensor", bitwise_right_shift_(self, b), self, b);
  detail::shift_impl<false>(self, b, &self);
  return self;
}
TJIT_DEF Tensor& bitwise_right_shift_(Tensor& self, const Scalar& b) {
  TJIT_TRACE("aten::bitwise_right_shift_.Tensor_Scalar", bitwise_right_shift_(self, b), self, b);
  detail::shift_impl<false>(self, b, &self);
  return self;
}

namespace detail {
inline Tensor round_decimals_impl(const Tensor& t, std::int64_t decimals, Tensor* out) {
  bool neg = decimals < 0;
  std::int64_t d = neg ? -decimals : decimals;
  return float_unary("round_cpu", t,
                                   [&](auto tag) {
                                     using C = acc_t<decltype(tag)>;
                                     return RoundDecimalsFn<C>{
                                         static_cast<C>(std::pow(10.0, static_cast<double>(d))),
                                         neg};
                                   },
                                   out);
}
}  // namespace detail

TJIT_DEF Tensor round(const Tensor& t, std::int64_t decimals) {
  TJIT_TRACE("aten::round.decimals", round(t, decimals), t, decimals);
  return detail::round_decimals_impl(t, decimals, nullptr);
}
TJIT_DEF Tensor& round_(Tensor& t, std::int64_t decimals) {
  TJIT_TRACE("aten::round_.decimals", round_(t, decimals), t, decimals);
  detail::round_decimals_impl(t, decimals, &t);
  return t;
}

TJIT_DEF Tensor hardshrink(const Tensor& t, const Scalar& lambd) {
  TJIT_TRACE("aten::hardshrink", hardshrink(t, lambd), t, lambd);
  return detail::float_unary(
      "hardshrink_cpu", t,
      [&](auto tag) {
        using C = acc_t<decltype(tag)>;
        C l = lambd.to<C>();
        return [l](C x) -> C { return (x >= -l && x <= l) ? C(0) : x; };
      },
      nullptr);
}

TJIT_DEF Tensor softshrink(const Tensor& t, const Scalar& lambd) {
  TJIT_TRACE("aten::softshrink", softshrink(t, lambd), t, lambd);
  TJIT_CHECK(lambd.to_double() >= 0, "lambda must be greater or equal to 0, but found to be ",
             lambd.to_double(), ".");
  return detail::float_unary(
      "softshrink_cpu", t,
      [&](auto tag) {
        using C = acc_t<decltype(tag)>;
        C l = lambd.to<C>();
        return [l](C x) -> C { return x > l ? C(x - l) : (x < -l ? C(x + l) : C(0)); };
      },
      nullptr);
}

TJIT_DEF Tensor glu(const Tensor& t, std::int64_t dim) {
  TJIT_TRACE("aten::glu", glu(t, dim), t, dim);
  TJIT_CHECK(t.dim() > 0, "glu does not support scalars because halving size must be even");
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  const std::int64_t n = t.size(d);
  TJIT_CHECK(n % 2 == 0, "Halving dimension must be even, but dimension ", d, " is size ", n);
  if (!is_floating_type(t.scalar_type()) || t.scalar_type() == kHalf)
    detail::dispatch_fail("glu_cpu", t.scalar_type());
  Tensor a = t.narrow(d, 0, n / 2), b = t.narrow(d, n / 2, n / 2);
  return mul(a, sigmoid(b));
}

// PyTorch: the output drawn from N(0, 1) (or N(0, std)) in its own memory order, then scaled by
// the std tensor and shifted by the mean tensor.
TJIT_DEF Tensor normal(const Tensor& mean, double std, Generator* gen) {
  TJIT_TRACE("aten::normal.Tensor_float", normal(mean, std, gen), mean, std, std::nullopt);
  TJIT_CHECK(std >= 0.0, "normal expects std >= 0.0, but found std ", std);
  Tensor out = Tensor::empty(mean.sizes(), mean.scalar_type());
  normal_(out, 0, std, gen);
  return add_(out, mean);
}
namespace detail {
inline void check_normal_std(const Tensor& std) {
  TJIT_CHECK(std.numel() == 0 || tjit::all(ge(std, 0)).item<bool>(),
             "normal expects all elements of std >= 0.0");
}
}  // namespace detail

TJIT_DEF Tensor normal(double mean, const Tensor& std, Generator* gen) {
  TJIT_TRACE("aten::normal.float_Tensor", normal(mean, std, gen), mean, std, std::nullopt);
  detail::check_normal_std(std);
  Tensor out = Tensor::empty(std.sizes(), std.scalar_type());
  normal_(out, 0, 1, gen);
  mul_(out, std);
  return add_(out, mean);
}
TJIT_DEF Tensor normal(const Tensor& mean, const Tensor& std, Generator* gen) {
  TJIT_TRACE("aten::normal.Tensor_Tensor", normal(mean, std, gen), mean, std, std::nullopt);
  detail::check_normal_std(std);
  Shape shape = broadcast_shapes(mean.sizes(), std.sizes());
  Tensor out = Tensor::empty(shape, mean.scalar_type());
  normal_(out, 0, 1, gen);
  mul_(out, std);
  return add_(out, mean);
}

}  // namespace tjit
