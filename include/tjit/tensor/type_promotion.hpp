// tjit/tensor/type_promotion.hpp — PyTorch's broadcasting and type-promotion rules, exactly:
// broadcast_shapes, result_type (with the lower priority of 0-dim tensors and Python numbers),
// can_cast.
#pragma once

#include <algorithm>
#include <initializer_list>

#include "tjit/tensor/tensor_base.hpp"

namespace tjit {

// The broadcast of two shapes, with PyTorch's message when they do not broadcast.
inline Shape broadcast_shapes(IntArrayRef a, IntArrayRef b) {
  std::size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    std::int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da == db || db == 1) out[i] = da;
    else if (da == 1) out[i] = db;
    else
      throw Error(detail::str_cat("The size of tensor a (", da, ") must match the size of tensor b (",
                                  db, ") at non-singleton dimension ", i));
  }
  return out;
}

namespace detail {

// c10's ResultTypeState: dim tensors, 0-dim tensors and wrapped numbers promote separately.
struct ResultTypeState {
  ScalarType dim_result = ScalarType::Undefined;
  ScalarType zero_result = ScalarType::Undefined;
  ScalarType wrapped_result = ScalarType::Undefined;

  void update(const Tensor& t) {
    if (!t.defined()) return;
    ScalarType cur = t.scalar_type();
    if (t.is_wrapped_number()) {
      if (is_floating_type(cur)) cur = default_dtype();
      wrapped_result = promote_types(wrapped_result, cur);
    } else if (t.dim() == 0) {
      zero_result = promote_types(zero_result, cur);
    } else {
      dim_result = promote_types(dim_result, cur);
    }
  }
  void update(const Scalar& s) {
    ScalarType cur = s.type();
    if (is_floating_type(cur)) cur = default_dtype();
    wrapped_result = promote_types(wrapped_result, cur);
  }

  static ScalarType combine(ScalarType higher, ScalarType lower) {
    if (is_complex_type(higher)) return higher;
    if (!is_complex_type(lower) && is_floating_type(higher)) return higher;
    if (higher == kBool || is_floating_type(lower) || is_complex_type(lower))
      return promote_types(higher, lower);
    if (higher != ScalarType::Undefined) return higher;
    return lower;
  }
  ScalarType result() const { return combine(dim_result, combine(zero_result, wrapped_result)); }
};

}  // namespace detail

inline ScalarType result_type(std::initializer_list<Tensor> tensors) {
  detail::ResultTypeState st;
  for (const Tensor& t : tensors) st.update(t);
  return st.result();
}
inline ScalarType result_type(const Tensor& a, const Tensor& b) {
  detail::ResultTypeState st;  // not through the list above: that copies both tensors
  st.update(a);
  st.update(b);
  return st.result();
}
inline ScalarType result_type(const Tensor& a, const Scalar& b) {
  detail::ResultTypeState st;
  st.update(a);
  st.update(b);
  return st.result();
}

// Whether a value of dtype `from` may be written into `to` by an in-place op (c10::canCast).
inline bool can_cast(ScalarType from, ScalarType to) {
  if (is_complex_type(from) && !is_complex_type(to)) return false;
  if (is_floating_type(from) && is_integral_type(to, false)) return false;
  if (from != kBool && to == kBool) return false;
  return true;
}

}  // namespace tjit
