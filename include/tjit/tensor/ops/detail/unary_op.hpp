// tjit/tensor/ops/detail/unary_op.hpp — the one loop behind every unary elementwise op
// (elementwise_unary_impl.hpp and elementwise_activation_impl.hpp): dtype rule, fast path for
// contiguous inputs, strided fallback, `out=` handling.
#pragma once

#include "tjit/tensor/ops/detail/elementwise_kernels.hpp"

namespace tjit::detail {

// How a unary op chooses its output dtype.
enum class UnaryKind {
  Same,         // same dtype as the input (neg, abs, relu, ...)
  FloatResult,  // integral/bool inputs promote to the default float (exp, sin, sigmoid, ...)
  BoolResult,   // bool out (logical_not, isnan, ...)
};

template <UnaryKind kind, class MakeF, class Dispatch>
Tensor unary_op(std::string_view name, const Tensor& in, const MakeF& make_f,
                const Dispatch& dispatch, Tensor* out = nullptr) {
  ScalarType compute = in.scalar_type();
  if (kind == UnaryKind::FloatResult && is_integral_type(compute, true)) compute = default_dtype();
  ScalarType out_dtype = kind == UnaryKind::BoolResult ? kBool : compute;
  // Note [Elementwise fast path] (elementwise_kernels.hpp).
  if (in.scalar_type() == compute && in.is_contiguous() &&
      (!out || (out->is_same(in) && out->scalar_type() == out_dtype))) {
    Tensor result = out ? *out : Tensor::empty(in.sizes(), out_dtype);
    const std::int64_t n = result.numel();
    dispatch(compute, name, [&](auto tag) {
      using T = decltype(tag);
      using C = acc_t<T>;
      using O = std::conditional_t<kind == UnaryKind::BoolResult, bool, T>;
      auto f = make_f(tag);
      flat_loop<2>({static_cast<char*>(result.data_ptr()), static_cast<char*>(in.data_ptr())},
                   {static_cast<std::int64_t>(sizeof(O)), static_cast<std::int64_t>(sizeof(T))},
                   n, UnaryLoop<O, T, C, decltype(f)>{f});
    });
    return result;
  }
  Tensor result;
  if (out) {
    TJIT_CHECK(can_cast(out_dtype, out->scalar_type()), "result type ", to_string(out_dtype),
               " can't be cast to the desired output type ", to_string(out->scalar_type()));
    if (out->scalar_type() == out_dtype) result = *out;
  }
  if (!result.defined()) result = Tensor::empty(in.sizes(), out_dtype);
  Tensor src = unaliased_input(result, to(in, compute));
  dispatch(compute, name, [&](auto tag) {
    using T = decltype(tag);
    using C = acc_t<T>;
    auto f = make_f(tag);
    if constexpr (kind == UnaryKind::BoolResult)
      unary_kernel<bool, T, C>(result, src, f);
    else
      unary_kernel<T, T, C>(result, src, f);
  });
  if (out && !result.is_same(*out)) copy_(*out, result);
  return out ? *out : result;
}

}  // namespace tjit::detail

// Defines `name(t)` and `name_(t)` on floating inputs from one functor: a scalar expression of x
// and an Eigen array expression of x (the vectorised fast path). `kind` picks the result dtype:
// FloatResult (exp, sin, ...: integral inputs give floats) or Same (the nn activations, which
// refuse integral inputs as PyTorch does). Used at namespace tjit scope. The ops report to the
// tracer as aten::name and aten::name_ (TJIT_UNARY_FUNCTOR_IMPL alone defines only
// detail::name_impl, for ops traced under another name).
#define TJIT_UNARY_FUNCTOR_IMPL(name, kernel_name, kind, scalar_expr, vec_expr)          \
  namespace detail {                                                                     \
  template <class C>                                                                     \
  struct name##_fn {                                                                     \
    C operator()(C x) const { return scalar_expr; }                                      \
    template <class A>                                                                   \
    auto vec(const A& x) const { return vec_expr; }                                      \
  };                                                                                     \
  inline Tensor name##_impl(const Tensor& t, Tensor* out) {                              \
    return unary_op<UnaryKind::kind>(                                                    \
        kernel_name, t, [](auto tag) { return name##_fn<acc_t<decltype(tag)>>{}; },      \
        DispatchFloating{}, out);                                                        \
  }                                                                                      \
  }
#define TJIT_UNARY_FUNCTOR_OP(name, kernel_name, kind, scalar_expr, vec_expr)            \
  TJIT_UNARY_FUNCTOR_IMPL(name, kernel_name, kind, scalar_expr, vec_expr)                \
  TJIT_DEF Tensor name(const Tensor& t) {                                                \
    TJIT_TRACE("aten::" #name, name(t), t);                                              \
    return detail::name##_impl(t, nullptr);                                              \
  }                                                                                      \
  TJIT_DEF Tensor& name##_(Tensor& t) {                                                  \
    TJIT_TRACE("aten::" #name "_", name##_(t), t);                                       \
    detail::name##_impl(t, &t);                                                          \
    return t;                                                                            \
  }
