// tjit/tensor/ops/detail/copy_impl.hpp — definitions of tjit/tensor/ops/copy.hpp.
#pragma once

#include "tjit/tensor/iterator.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// dst[...] = src[...] with src broadcast to dst's shape and converted to dst's dtype.
TJIT_DEF Tensor& copy_(Tensor& dst, const Tensor& src) {
  TJIT_TRACE("aten::copy_", copy_(dst, src), dst, src, false);
  TJIT_CHECK(dst.defined() && src.defined(), "copy_: both tensors must be defined");
  Shape shape = broadcast_shapes(dst.sizes(), src.sizes());
  TJIT_CHECK(std::equal(shape.begin(), shape.end(), dst.sizes().begin(), dst.sizes().end()),
             "output with shape ", detail::shape_str(dst.sizes()),
             " doesn't match the broadcast shape ", detail::shape_str(shape));
  Tensor s = src;
  // Overlapping memory with a different layout: read from a snapshot.
  if (src.is_alias_of(dst) && !(src.storage_offset() == dst.storage_offset() &&
                                std::equal(src.strides().begin(), src.strides().end(),
                                           dst.strides().begin(), dst.strides().end()) &&
                                src.scalar_type() == dst.scalar_type())) {
    Tensor tmp = Tensor::empty(src.sizes(), src.scalar_type());
    copy_(tmp, src);
    s = tmp;
  }
  Tensor e = s.expand(dst.sizes());
  dispatch_all(dst.scalar_type(), "copy_", [&](auto dtag) {
    using D = decltype(dtag);
    dispatch_all(e.scalar_type(), "copy_", [&](auto stag) {
      using S = decltype(stag);
      detail::strided_loop<2>(
          dst.sizes(), {static_cast<char*>(dst.data_ptr()), static_cast<char*>(e.data_ptr())},
          {dst.strides(), e.strides()},
          {static_cast<std::int64_t>(sizeof(D)), static_cast<std::int64_t>(sizeof(S))},
          [](const std::array<char*, 2>& p, const std::array<std::int64_t, 2>& st, std::int64_t n) {
            if (st[0] == sizeof(D) && st[1] == sizeof(S)) {
              D* out = reinterpret_cast<D*>(p[0]);
              const S* in = reinterpret_cast<const S*>(p[1]);
              for (std::int64_t i = 0; i < n; ++i) out[i] = detail::cast_value<D>(in[i]);
            } else {
              for (std::int64_t i = 0; i < n; ++i)
                *reinterpret_cast<D*>(p[0] + i * st[0]) =
                    detail::cast_value<D>(*reinterpret_cast<const S*>(p[1] + i * st[1]));
            }
          });
    });
  });
  return dst;
}

// A contiguous copy in `dtype` (same dtype: a plain copy).
TJIT_DEF Tensor clone(const Tensor& t, std::optional<ScalarType> dtype) {
  if (dtype && *dtype != t.scalar_type()) {
    TJIT_TRACE("aten::to.dtype", clone(t, dtype), t, *dtype, false, true, std::nullopt);
  } else {
    TJIT_TRACE("aten::clone", clone(t, dtype), t, std::nullopt);
  }
  Tensor out = Tensor::empty(t.sizes(), dtype.value_or(t.scalar_type()));
  copy_(out, t);
  return out;
}

TJIT_DEF Tensor contiguous(const Tensor& t) {
  TJIT_TRACE("aten::contiguous", contiguous(t), t, 0);  // memory_format=contiguous_format
  return t.is_contiguous() ? t : clone(t);
}

// `t` itself when it already has `dtype` (unless `copy`), else a converted copy.
TJIT_DEF Tensor to(const Tensor& t, ScalarType dtype, bool copy) {
  TJIT_TRACE("aten::to.dtype", to(t, dtype, copy), t, dtype, false, copy, std::nullopt);
  if (t.scalar_type() == dtype && !copy) return t;
  return clone(t, dtype);
}

}  // namespace tjit
