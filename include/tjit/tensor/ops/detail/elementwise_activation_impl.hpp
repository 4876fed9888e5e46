// tjit/tensor/ops/detail/elementwise_activation_impl.hpp — definitions of the activations of
// tjit/tensor/ops/elementwise.hpp (silu, hardswish, relu, hardtanh, elu, gelu, softplus, clamp,
// threshold, ...), on the unary loop of unary_op.hpp.
#pragma once

#include "tjit/tensor/ops/detail/unary_op.hpp"

namespace tjit {

// torch.nn.functional activations: floating inputs only, as in PyTorch.
#define TJIT_UNARY_NN(name, kernel_name, scalar_expr, vec_expr) \
  TJIT_UNARY_FUNCTOR_OP(name, kernel_name, Same, scalar_expr, vec_expr)

TJIT_UNARY_NN(silu, "silu_cpu", x / (C(1) + std::exp(-x)), x / (C(1) + (-x).exp()))
TJIT_UNARY_NN(mish, "mish_cpu", x * std::tanh(std::log1p(std::exp(x))), x * (x.exp().log1p()).tanh())
TJIT_UNARY_NN(hardsigmoid, "hardsigmoid_cpu", std::min(std::max(x + C(3), C(0)), C(6)) / C(6),
                 (x + C(3)).max(C(0)).min(C(6)) / C(6))
TJIT_UNARY_NN(hardswish, "hardswish_cpu", x * std::min(std::max(x + C(3), C(0)), C(6)) / C(6),
                 x * (x + C(3)).max(C(0)).min(C(6)) / C(6))
TJIT_UNARY_NN(selu, "elu_cpu",
                 C(1.0507009873554804934193349852946) *
                     (x > C(0) ? x : C(1.6732632423543772848170429916717) * std::expm1(x)),
                 C(1.0507009873554804934193349852946) *
                     (x > C(0)).select(x, C(1.6732632423543772848170429916717) * x.expm1()))
#undef TJIT_UNARY_NN

// logsigmoid is aten::log_sigmoid, which has no in-place form.
TJIT_UNARY_FUNCTOR_IMPL(logsigmoid, "log_sigmoid_cpu", Same,
                        std::min(x, C(0)) - std::log1p(std::exp(-std::abs(x))),
                        x.min(C(0)) - (-x.abs()).exp().log1p())
TJIT_DEF Tensor logsigmoid(const Tensor& t) {
  TJIT_TRACE("aten::log_sigmoid", logsigmoid(t), t);
  return detail::logsigmoid_impl(t, nullptr);
}
// not traced: aten::log_sigmoid_ is not in the registry (PyTorch has no in-place log_sigmoid)
TJIT_DEF Tensor& logsigmoid_(Tensor& t) {
  detail::logsigmoid_impl(t, &t);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Activations with parameters (relu, hardtanh, leaky_relu, elu, gelu, softplus, threshold, ...)

namespace detail {
// A same-dtype unary op from a functor factory; `float_only` refuses integral inputs.
template <bool FloatOnly, class MakeF>
Tensor activation(std::string_view name, const Tensor& t, const MakeF& make_f,
                  Tensor* out = nullptr) {
  if constexpr (FloatOnly) {
    return unary_op<UnaryKind::Same>(name, t, make_f, DispatchFloating{}, out);
  } else {
    return unary_op<UnaryKind::Same>(name, t, make_f, DispatchNumeric{}, out);
  }
}

template <class C>
struct ClampFn {
  C lo, hi;
  bool has_lo, has_hi;
  C operator()(C x) const {
    if constexpr (std::is_floating_point_v<C>)
      if (std::isnan(x)) return x;
    if (has_lo && x < lo) x = lo;
    if (has_hi && x > hi) x = hi;
    return x;
  }
};

template <class C>
struct ReluFn {
  C operator()(C x) const {
    if constexpr (std::is_floating_point_v<C>)
      if (std::isnan(x)) return x;
    return x > C(0) ? x : C(0);
  }
  template <class A>
  auto vec(const A& x) const { return x.max(C(0)); }
};

template <class C>
struct LeakyReluFn {
  C slope;
  C operator()(C x) const { return x > C(0) ? x : static_cast<C>(x * slope); }
  template <class A>
  auto vec(const A& x) const { return (x > C(0)).select(x, x * slope); }
};

template <class C>
struct EluFn {
  C alpha, scale, input_scale;
  C operator()(C x) const {
    return x > C(0) ? x * scale : std::expm1(x * input_scale) * alpha * scale;
  }
};

template <class C>
struct GeluFn {
  bool tanh_approx;
  C operator()(C x) const {
    if (tanh_approx) {
      constexpr C kBeta = C(0.7978845608028654);  // sqrt(2/pi)
      constexpr C kKappa = C(0.044715);
      return C(0.5) * x * (C(1) + std::tanh(kBeta * (x + kKappa * x * x * x)));
    }
    return x * C(0.5) * (C(1) + std::erf(x * C(0.70710678118654752440)));
  }
};

template <class C>
struct SoftplusFn {
  C beta, threshold;
  C operator()(C x) const {
    return x * beta > threshold ? x : std::log1p(std::exp(x * beta)) / beta;
  }
};

template <class C>
struct ThresholdFn {
  C threshold, value;
  C operator()(C x) const { return x <= threshold ? value : x; }
};

}  // namespace detail


namespace detail {
inline Tensor relu_impl(const Tensor& t, Tensor* out) {
  TJIT_CHECK(t.scalar_type() != kBool, "\"clamp_min_cpu\" not implemented for 'Bool'");
  return activation<false>("relu", t, [](auto tag) { return ReluFn<acc_t<decltype(tag)>>{}; },
                           out);
}
}  // namespace detail
TJIT_DEF Tensor relu(const Tensor& t) {
  TJIT_TRACE("aten::relu", relu(t), t);
  return detail::relu_impl(t, nullptr);
}
TJIT_DEF Tensor& relu_(Tensor& t) {
  TJIT_TRACE("aten::relu_", relu_(t), t);
  detail::relu_impl(t, &t);
  return t;
}

// clamp with optional bounds; result dtype follows the bounds' promotion as in PyTorch.
TJIT_DEF Tensor clamp(const Tensor& t, std::optional<Scalar> min, std::optional<Scalar> max,
                    Tensor* out) {
  TJIT_TRACE("aten::clamp", clamp(t, min, max, out), t, min, max);
  TJIT_CHECK(min || max, "torch.clamp: At least one of 'min' or 'max' must not be None");
  detail::ResultTypeState st;
  st.update(t);
  if (min) st.update(*min);
  if (max) st.update(*max);
  ScalarType rt = st.result();
  if (out) TJIT_CHECK(can_cast(rt, out->scalar_type()), "result type ", to_string(rt),
                      " can't be cast to the desired output type ", to_string(out->scalar_type()));
  Tensor src = to(t, rt);
  return detail::unary_op<detail::UnaryKind::Same>("clamp", src,
                          [&](auto tag) {
                            using C = acc_t<decltype(tag)>;
                            return detail::ClampFn<C>{min ? min->to<C>() : C(0),
                                                      max ? max->to<C>() : C(0), min.has_value(),
                                                      max.has_value()};
                          },
                          detail::DispatchNumeric{}, out);
}
TJIT_DEF Tensor& clamp_(Tensor& t, std::optional<Scalar> min, std::optional<Scalar> max) {
  TJIT_TRACE("aten::clamp_", clamp_(t, min, max), t, min, max);
  clamp(t, min, max, &t);
  return t;
}
TJIT_DEF Tensor clamp_min(const Tensor& t, const Scalar& min) {
  TJIT_TRACE("aten::clamp_min", clamp_min(t, min), t, min);
  return clamp(t, min, std::nullopt);
}
TJIT_DEF Tensor clamp_max(const Tensor& t, const Scalar& max) {
  TJIT_TRACE("aten::clamp_max", clamp_max(t, max), t, max);
  return clamp(t, std::nullopt, max);
}
TJIT_DEF Tensor clip(const Tensor& t, std::optional<Scalar> min, std::optional<Scalar> max) {
  TJIT_TRACE("aten::clip", clip(t, min, max), t, min, max);
  return clamp(t, min, max);
}

// hardtanh keeps the input's dtype: the bounds are converted to it (no promotion, unlike clamp).
namespace detail {
inline Tensor hardtanh_impl(const Tensor& t, const Scalar& min_val, const Scalar& max_val,
                            Tensor* out) {
  TJIT_CHECK(t.scalar_type() != kBool, "Bool inputs not supported for hardtanh");
  TJIT_CHECK(t.scalar_type() != kByte || (min_val.to_double() >= 0 && max_val.to_double() >= 0),
             "cannot do hardtanh on an unsigned type with negative limits");
  return unary_op<UnaryKind::Same>(
      "clamp_scalar_cpu", t,
      [&](auto tag) {
        using C = acc_t<decltype(tag)>;
        return ClampFn<C>{min_val.to<C>(), max_val.to<C>(), true, true};
      },
      DispatchNumeric{}, out);
}
}  // namespace detail
TJIT_DEF Tensor hardtanh(const Tensor& t, const Scalar& min_val, const Scalar& max_val) {
  TJIT_TRACE("aten::hardtanh", hardtanh(t, min_val, max_val), t, min_val, max_val);
  return detail::hardtanh_impl(t, min_val, max_val, nullptr);
}
TJIT_DEF Tensor& hardtanh_(Tensor& t, const Scalar& min_val, const Scalar& max_val) {
  TJIT_TRACE("aten::hardtanh_", hardtanh_(t, min_val, max_val), t, min_val, max_val);
  detail::hardtanh_impl(t, min_val, max_val, &t);
  return t;
}
TJIT_DEF Tensor relu6(const Tensor& t) {
  TJIT_TRACE("aten::relu6", relu6(t), t);
  return hardtanh(t, 0, 6);
}
TJIT_DEF Tensor& relu6_(Tensor& t) {
  TJIT_TRACE("aten::relu6_", relu6_(t), t);
  return hardtanh_(t, 0, 6);
}

TJIT_DEF Tensor leaky_relu(const Tensor& t, const Scalar& negative_slope, Tensor* out) {
  TJIT_TRACE("aten::leaky_relu", leaky_relu(t, negative_slope, out), t, negative_slope);
  return detail::activation<true>("leaky_relu", t, [&](auto tag) {
    using C = acc_t<decltype(tag)>;
    return detail::LeakyReluFn<C>{negative_slope.to<C>()};
  }, out);
}
TJIT_DEF Tensor& leaky_relu_(Tensor& t, const Scalar& negative_slope) {
  TJIT_TRACE("aten::leaky_relu_", leaky_relu_(t, negative_slope), t, negative_slope);
  leaky_relu(t, negative_slope, &t);
  return t;
}

TJIT_DEF Tensor elu(const Tensor& t, const Scalar& alpha, const Scalar& scale,
                  const Scalar& input_scale, Tensor* out) {
  TJIT_TRACE("aten::elu", elu(t, alpha, scale, input_scale, out), t, alpha, scale, input_scale);
  return detail::activation<true>("elu", t, [&](auto tag) {
    using C = acc_t<decltype(tag)>;
    return detail::EluFn<C>{alpha.to<C>(), scale.to<C>(), input_scale.to<C>()};
  }, out);
}
TJIT_DEF Tensor& elu_(Tensor& t, const Scalar& alpha) {
  TJIT_TRACE("aten::elu_", elu_(t, alpha), t, alpha, 1, 1);
  elu(t, alpha, 1, 1, &t);
  return t;
}
// celu(x) = elu(x, alpha, scale=1, input_scale=1/alpha), as PyTorch computes it.
TJIT_DEF Tensor celu(const Tensor& t, const Scalar& alpha, Tensor* out) {
  TJIT_TRACE("aten::celu", celu(t, alpha, out), t, alpha);
  TJIT_CHECK(alpha.to_double() != 0, "ZeroDivisionError from celu: alpha cannot be 0.");
  return elu(t, alpha, 1, 1.0 / alpha.to_double(), out);
}

TJIT_DEF Tensor gelu(const Tensor& t, std::string_view approximate, Tensor* out) {
  TJIT_TRACE("aten::gelu", gelu(t, approximate, out), t, approximate);
  TJIT_CHECK(approximate == "none" || approximate == "tanh",
             "approximate argument must be either none or tanh.");
  bool tanh_approx = approximate == "tanh";
  return detail::activation<true>("GeluKernelImpl", t, [&](auto tag) {
    return detail::GeluFn<acc_t<decltype(tag)>>{tanh_approx};
  }, out);
}
TJIT_DEF Tensor& gelu_(Tensor& t, std::string_view approximate) {
  TJIT_TRACE("aten::gelu_", gelu_(t, approximate), t, approximate);
  gelu(t, approximate, &t);
  return t;
}

TJIT_DEF Tensor softplus(const Tensor& t, const Scalar& beta, const Scalar& threshold) {
  TJIT_TRACE("aten::softplus", softplus(t, beta, threshold), t, beta, threshold);
  return detail::activation<true>("softplus", t, [&](auto tag) {
    using C = acc_t<decltype(tag)>;
    return detail::SoftplusFn<C>{beta.to<C>(), threshold.to<C>()};
  });
}

TJIT_DEF Tensor threshold(const Tensor& t, const Scalar& th, const Scalar& value,
                        Tensor* out) {
  TJIT_TRACE("aten::threshold", threshold(t, th, value, out), t, th, value);
  return detail::activation<false>("threshold", t, [&](auto tag) {
    using C = acc_t<decltype(tag)>;
    using T = decltype(tag);
    if constexpr (std::is_integral_v<T>)
      return detail::ThresholdFn<C>{th.to_checked<T>(cpp_type_name<T>()),
                                    value.to_checked<T>(cpp_type_name<T>())};
    else
      return detail::ThresholdFn<C>{th.to<C>(), value.to<C>()};
  }, out);
}
TJIT_DEF Tensor& threshold_(Tensor& t, const Scalar& th, const Scalar& value) {
  TJIT_TRACE("aten::threshold_", threshold_(t, th, value), t, th, value);
  threshold(t, th, value, &t);
  return t;
}

}  // namespace tjit

