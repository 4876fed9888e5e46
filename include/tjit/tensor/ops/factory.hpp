// tjit/tensor/ops/factory.hpp — making tensors: empty, zeros, ones, full, arange, linspace, eye,
// the *_like forms, fill_/zero_, tensor(values) from C++ data, and from_blob (wrapping memory
// the caller owns, without a copy).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

Tensor empty(IntArrayRef sizes, ScalarType dtype = default_dtype());
Tensor zeros(IntArrayRef sizes, ScalarType dtype = default_dtype());
Tensor ones(IntArrayRef sizes, ScalarType dtype = default_dtype());
// dtype defaults to the value's kind: bool, int64 or the default float.
Tensor full(IntArrayRef sizes, const Scalar& value, std::optional<ScalarType> dtype = std::nullopt);
Tensor empty_like(const Tensor& t, std::optional<ScalarType> dtype = std::nullopt);
Tensor zeros_like(const Tensor& t, std::optional<ScalarType> dtype = std::nullopt);
Tensor ones_like(const Tensor& t, std::optional<ScalarType> dtype = std::nullopt);
Tensor full_like(const Tensor& t, const Scalar& value, std::optional<ScalarType> dtype = std::nullopt);
// [start, end) in steps; dtype inferred as torch.arange does (int64 unless any bound is a float).
Tensor arange(const Scalar& end, std::optional<ScalarType> dtype = std::nullopt);
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step = 1,
              std::optional<ScalarType> dtype = std::nullopt);
Tensor linspace(const Scalar& start, const Scalar& end, std::int64_t steps,
                std::optional<ScalarType> dtype = std::nullopt);
Tensor eye(std::int64_t n, std::optional<std::int64_t> m = std::nullopt,
           ScalarType dtype = default_dtype());
Tensor& fill_(Tensor& t, const Scalar& value);
Tensor& zero_(Tensor& t);

// A tensor holding a copy of `values` with the given sizes (default: 1-d).
// not traced: made from C++ data (no TorchScript operator; a trace sees a constant)
template <class T>
Tensor tensor(const std::vector<T>& values, std::optional<Shape> sizes = std::nullopt) {
  Shape sz = sizes.value_or(Shape{static_cast<std::int64_t>(values.size())});
  Tensor t = Tensor::empty(sz, scalar_type_of<T>);
  TJIT_CHECK(t.numel() == static_cast<std::int64_t>(values.size()), "tensor(): ", values.size(),
             " values cannot fill shape ", detail::shape_str(sz));
  T* p = t.data_ptr<T>();
  for (std::size_t i = 0; i < values.size(); ++i) p[i] = values[i];
  return t;
}
// not traced: made from C++ data (no TorchScript operator; a trace sees a constant)
template <class T>
Tensor tensor(std::initializer_list<T> values, std::optional<Shape> sizes = std::nullopt) {
  return tensor(std::vector<T>(values), std::move(sizes));
}
// A 0-dim tensor holding `value` (int -> int64, floating -> the default float, bool -> bool).
Tensor scalar_tensor(const Scalar& value, std::optional<ScalarType> dtype = std::nullopt);

// Wraps memory the caller owns (contiguous unless `strides` are given). `deleter`, when given,
// runs once the last tensor viewing it is gone.
Tensor from_blob(void* data, IntArrayRef sizes, ScalarType dtype,
                 std::function<void(void*)> deleter = nullptr);
Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, ScalarType dtype,
                 std::function<void(void*)> deleter = nullptr);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/factory_impl.hpp"
#endif
