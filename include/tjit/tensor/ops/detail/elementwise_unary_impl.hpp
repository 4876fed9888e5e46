// tjit/tensor/ops/detail/elementwise_unary_impl.hpp — definitions of the unary ops of
// tjit/tensor/ops/elementwise.hpp (math functions, rounding, sign, logical_not, isnan, ...);
// the activations are in elementwise_activation_impl.hpp.
#pragma once

#include "tjit/tensor/ops/detail/unary_op.hpp"

namespace tjit {

// ---------------------------------------------------------------------------------------------
// Unary ops

namespace detail {

template <class C>
struct NegFn {
  C operator()(C x) const { return static_cast<C>(-x); }
  template <class A>
  auto vec(const A& x) const { return -x; }
};

}  // namespace detail

// Float-valued math functions: (name, scalar expression of x, Eigen expression of x or none).
#define TJIT_UNARY_FLOAT(name, scalar_expr, vec_expr) \
  TJIT_UNARY_FUNCTOR_OP(name, #name, FloatResult, scalar_expr, vec_expr)

TJIT_UNARY_FLOAT(exp, std::exp(x), x.exp())
TJIT_UNARY_FLOAT(exp2, std::exp2(x), (x * C(0.693147180559945309417232121458176568)).exp())
TJIT_UNARY_FLOAT(expm1, std::expm1(x), x.expm1())
TJIT_UNARY_FLOAT(log, std::log(x), x.log())
TJIT_UNARY_FLOAT(log2, std::log2(x), x.log() * C(1.44269504088896340735992468100189214))
TJIT_UNARY_FLOAT(log10, std::log10(x), x.log10())
TJIT_UNARY_FLOAT(log1p, std::log1p(x), x.log1p())
TJIT_UNARY_FLOAT(sqrt, std::sqrt(x), x.sqrt())
TJIT_UNARY_FLOAT(rsqrt, C(1) / std::sqrt(x), x.rsqrt())
TJIT_UNARY_FLOAT(sin, std::sin(x), x.sin())
TJIT_UNARY_FLOAT(cos, std::cos(x), x.cos())
TJIT_UNARY_FLOAT(tan, std::tan(x), x.tan())
TJIT_UNARY_FLOAT(asin, std::asin(x), x.asin())
TJIT_UNARY_FLOAT(acos, std::acos(x), x.acos())
TJIT_UNARY_FLOAT(atan, std::atan(x), x.atan())
TJIT_UNARY_FLOAT(sinh, std::sinh(x), x.sinh())
TJIT_UNARY_FLOAT(cosh, std::cosh(x), x.cosh())
TJIT_UNARY_FLOAT(tanh, std::tanh(x), x.tanh())
TJIT_UNARY_FLOAT(asinh, std::asinh(x), x.asinh())
TJIT_UNARY_FLOAT(acosh, std::acosh(x), x.acosh())
TJIT_UNARY_FLOAT(atanh, std::atanh(x), x.atanh())
TJIT_UNARY_FLOAT(sigmoid, C(1) / (C(1) + std::exp(-x)), C(1) / (C(1) + (-x).exp()))
TJIT_UNARY_FLOAT(erf, std::erf(x), x.unaryExpr([](C v) { return std::erf(v); }))
TJIT_UNARY_FLOAT(erfc, std::erfc(x), x.unaryExpr([](C v) { return std::erfc(v); }))
TJIT_UNARY_FLOAT(lgamma, std::lgamma(x), x.unaryExpr([](C v) { return std::lgamma(v); }))
TJIT_UNARY_FLOAT(reciprocal, C(1) / x, x.inverse())
#undef TJIT_UNARY_FLOAT

// Ops that keep the dtype (integral inputs stay integral).
#define TJIT_UNARY_SAME(name, Dispatch, scalar_body)                                       \
  namespace detail {                                                                       \
  inline Tensor name##_impl(const Tensor& t, Tensor* out) {                                \
    return unary_op<UnaryKind::Same>(                                                      \
        #name, t,                                                                          \
        [](auto tag) {                                                                     \
          using C = acc_t<decltype(tag)>;                                                  \
          return [](C x) -> C scalar_body;                                                 \
        },                                                                                 \
        Dispatch{}, out);                                                                  \
  }                                                                                        \
  }                                                                                        \
  TJIT_DEF Tensor name(const Tensor& t) {                                                  \
    TJIT_TRACE("aten::" #name, name(t), t);                                                \
    return detail::name##_impl(t, nullptr);                                                \
  }                                                                                        \
  TJIT_DEF Tensor& name##_(Tensor& t) {                                                    \
    TJIT_TRACE("aten::" #name "_", name##_(t), t);                                         \
    detail::name##_impl(t, &t);                                                            \
    return t;                                                                              \
  }

namespace detail {
inline void check_not_bool(const Tensor& t, const char* what) {
  TJIT_CHECK(t.scalar_type() != kBool, what);
}
}  // namespace detail

TJIT_UNARY_SAME(abs, detail::DispatchNumeric, {
  if constexpr (std::is_same_v<C, bool> || std::is_unsigned_v<C>) return x;
  else return x < C(0) ? C(-x) : x;
})
TJIT_UNARY_SAME(floor, detail::DispatchNumeric, {
  if constexpr (std::is_floating_point_v<C>) return std::floor(x);
  else return x;
})
TJIT_UNARY_SAME(ceil, detail::DispatchNumeric, {
  if constexpr (std::is_floating_point_v<C>) return std::ceil(x);
  else return x;
})
TJIT_UNARY_SAME(trunc, detail::DispatchNumeric, {
  if constexpr (std::is_floating_point_v<C>) return std::trunc(x);
  else return x;
})
TJIT_UNARY_SAME(round, detail::DispatchNumeric, {
  if constexpr (std::is_floating_point_v<C>) return std::nearbyint(x);  // half to even
  else return x;
})
TJIT_UNARY_SAME(frac, detail::DispatchFloating, { return x - std::trunc(x); })
TJIT_UNARY_SAME(sign, detail::DispatchAll, {
  if constexpr (std::is_same_v<C, bool>) return x;
  else return static_cast<C>((C(0) < x) - (x < C(0)));
})
TJIT_UNARY_SAME(bitwise_not, detail::DispatchIntegralBool, {
  if constexpr (std::is_same_v<C, bool>) return !x;
  else return static_cast<C>(~x);
})
#undef TJIT_UNARY_SAME

TJIT_DEF Tensor neg(const Tensor& t) {
  TJIT_TRACE("aten::neg", neg(t), t);
  detail::check_not_bool(t, "Negation, the `-` operator, on a bool tensor is not supported. If "
                            "you are trying to invert a mask, use the `~` or `logical_not()` "
                            "operator instead.");
  return detail::unary_op<detail::UnaryKind::Same>("neg", t,
                          [](auto tag) {
                            using C = acc_t<decltype(tag)>;
                            return detail::NegFn<C>{};
                          },
                          detail::DispatchNumeric{});
}
TJIT_DEF Tensor& neg_(Tensor& t) {
  TJIT_TRACE("aten::neg_", neg_(t), t);
  Tensor r = neg(t);
  copy_(t, r);
  return t;
}
TJIT_DEF Tensor square(const Tensor& t) {
  TJIT_TRACE("aten::square", square(t), t);
  return pow(t, 2);
}

TJIT_DEF Tensor logical_not(const Tensor& t) {
  TJIT_TRACE("aten::logical_not", logical_not(t), t);
  return detail::unary_op<detail::UnaryKind::BoolResult>("logical_not", t,
                          [](auto tag) {
                            using C = acc_t<decltype(tag)>;
                            return [](C x) -> bool { return !(x != C(0)); };
                          },
                          detail::DispatchAll{});
}
TJIT_DEF Tensor isnan(const Tensor& t) {
  TJIT_TRACE("aten::isnan", isnan(t), t);
  return detail::unary_op<detail::UnaryKind::BoolResult>("isnan", t,
                          [](auto tag) {
                            using C = acc_t<decltype(tag)>;
                            return [](C x) -> bool {
                              if constexpr (std::is_floating_point_v<C>) return std::isnan(x);
                              else return false;
                            };
                          },
                          detail::DispatchAll{});
}
TJIT_DEF Tensor isinf(const Tensor& t) {
  TJIT_TRACE("aten::isinf", isinf(t), t);
  return detail::unary_op<detail::UnaryKind::BoolResult>("isinf", t,
                          [](auto tag) {
                            using C = acc_t<decltype(tag)>;
                            return [](C x) -> bool {
                              if constexpr (std::is_floating_point_v<C>) return std::isinf(x);
                              else return false;
                            };
                          },
                          detail::DispatchAll{});
}
TJIT_DEF Tensor isfinite(const Tensor& t) {
  TJIT_TRACE("aten::isfinite", isfinite(t), t);
  return detail::unary_op<detail::UnaryKind::BoolResult>("isfinite", t,
                          [](auto tag) {
                            using C = acc_t<decltype(tag)>;
                            return [](C x) -> bool {
                              if constexpr (std::is_floating_point_v<C>) return std::isfinite(x);
                              else return true;
                            };
                          },
                          detail::DispatchAll{});
}

}  // namespace tjit
