// tjit/tensor/ops/detail/nn_util.hpp — helpers the nn op definitions share: running a float
// kernel on a tensor of any floating dtype (float16/bfloat16 computed in float), contiguous
// operands of a given element type, and PyTorch's list arguments ("a single int or a tuple").
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "tjit/tensor/ops/copy.hpp"

namespace tjit::detail {

// Calls f(T{}) with T = float or double: float16/bfloat16 map to float. `op` names the kernel in
// the "not implemented for" error for other dtypes.
template <class F>
decltype(auto) dispatch_float_kernel(ScalarType t, std::string_view op, F&& f) {
  switch (t) {
    case kFloat:
    case kHalf:
    case kBFloat16: return f(float{});
    case kDouble: return f(double{});
    default: detail::dispatch_fail(op, t);
  }
}

// `t` contiguous with element type T (undefined stays undefined).
template <class T>
Tensor as_kernel_operand(const Tensor& t) {
  if (!t.defined()) return t;
  return contiguous(to(t, scalar_type_of<T>));
}

template <class T>
const T* ptr_or_null(const Tensor& t) {
  return t.defined() ? t.data_ptr<T>() : nullptr;
}

// A result computed in T, given back in `dtype`.
inline Tensor as_dtype(const Tensor& t, ScalarType dtype) { return to(t, dtype); }

// A list argument expanded to n values: one value repeats, n values stay.
inline std::vector<std::int64_t> expand_list(IntArrayRef v, std::size_t n, const char* what) {
  TJIT_CHECK(v.size() == 1 || v.size() == n, what);
  std::vector<std::int64_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = v[v.size() == 1 ? 0 : i];
  return out;
}

}  // namespace tjit::detail
