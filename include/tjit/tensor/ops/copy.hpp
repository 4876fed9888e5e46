// tjit/tensor/ops/copy.hpp — copying and converting: copy_ (broadcasting, any dtype to any),
// to(dtype), contiguous, clone, and Tensor::reshape (a view when possible, else a copy).
#pragma once

#include <optional>

#include "tjit/core/config.hpp"
#include "tjit/tensor/type_promotion.hpp"

namespace tjit {

// dst[...] = src[...] with src broadcast to dst's shape and converted to dst's dtype. Reads from
// a snapshot when src overlaps dst in another layout.
Tensor& copy_(Tensor& dst, const Tensor& src);
// A contiguous copy, optionally converted to `dtype`.
Tensor clone(const Tensor& t, std::optional<ScalarType> dtype = std::nullopt);
// `t` when already contiguous, else a contiguous copy.
Tensor contiguous(const Tensor& t);
// `t` itself when it already has `dtype` (unless `copy`), else a converted copy.
Tensor to(const Tensor& t, ScalarType dtype, bool copy = false);

inline Tensor Tensor::reshape(IntArrayRef shape) const {
  TJIT_TRACE("aten::reshape", reshape(shape), *this, shape);
  DimVector sz, st;
  infer_size_into(shape, numel(), sz);
  if (view_strides_into(sz, st)) return as_strided(sz, st);
  return clone(*this).view(sz);
}

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/copy_impl.hpp"
#endif
