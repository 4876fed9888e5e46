// tjit/tensor/ops/detail/indexing_impl.hpp — definitions of tjit/tensor/ops/indexing.hpp.
//
// Reads and writes go through element offsets into the storage: an op computes, for each
// element it touches, the offset (in elements) in the source or destination, bounds-checked,
// then moves elements as bytes of the element size.
#pragma once

#include <cstring>

#include "tjit/tensor/iterator.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/indexing.hpp"

namespace tjit {
namespace detail {

// uint8 masks (deprecated in PyTorch) must hold only 0 and 1; returns the mask as bool.
inline Tensor bool_mask(const Tensor& mask) {
  if (mask.scalar_type() == kByte) {
    Tensor m = contiguous(mask);
    const std::uint8_t* p = m.data_ptr<std::uint8_t>();
    for (std::int64_t i = 0; i < m.numel(); ++i)
      TJIT_CHECK(p[i] <= 1, "Mask tensor can take 0 and 1 values only");
  }
  return to(mask, kBool);
}

inline char* elem_base(const Tensor& t) { return static_cast<char*>(t.storage().data()); }

// Moves element `src_off` of `src` storage to element `dst_off` of `dst` storage.
inline void move_elem(char* dst, std::int64_t dst_off, const char* src, std::int64_t src_off,
                      std::size_t es) {
  std::memcpy(dst + dst_off * static_cast<std::int64_t>(es),
              src + src_off * static_cast<std::int64_t>(es), es);
}

// Offsets (in elements, relative) of every element of the sub-shape dims [b, e) of `t`.
inline std::vector<std::int64_t> offsets_of(const Tensor& t, std::int64_t b, std::int64_t e) {
  std::vector<std::int64_t> out{0};
  for (std::int64_t d = b; d < e; ++d) {
    std::vector<std::int64_t> next;
    next.reserve(out.size() * static_cast<std::size_t>(t.size(d)));
    for (std::int64_t o : out)
      for (std::int64_t i = 0; i < t.size(d); ++i) next.push_back(o + i * t.stride(d));
    out.swap(next);
  }
  return out;
}

inline std::int64_t check_index(std::int64_t i, std::int64_t size, std::int64_t dim) {
  TJIT_CHECK_AS(IndexError, i >= -size && i < size, "index ", i,
                " is out of bounds for dimension ", dim, " with size ", size);
  return i < 0 ? i + size : i;
}

inline Tensor long_index(const Tensor& idx, const char* op) {
  TJIT_CHECK(idx.scalar_type() == kLong || idx.scalar_type() == kInt, op,
             "(): Expected dtype int32 or int64 for index");
  return clone(idx, kLong);
}

// Advanced indexing, resolved: the (possibly transposed) source, the index tensors as
// contiguous int64 broadcast to `bshape`, and the result layout pre + bshape + post.
struct AdvIndex {
  Tensor src;                      // t with the indexed dims moved to [first, first + k)
  std::vector<Tensor> idx;         // k contiguous int64 tensors of shape bshape
  Shape bshape;
  std::int64_t first = 0, k = 0;   // indexed dims of src: [first, first + k)
  Shape result_shape;
  std::vector<std::int64_t> pre_off, post_off, b_off;
};

inline AdvIndex resolve_index(const Tensor& t, const std::vector<std::optional<Tensor>>& indices) {
  // Expand masks into their nonzero coordinates.
  std::vector<std::optional<Tensor>> ix;
  for (const auto& o : indices) {
    if (!o || !o->defined()) {
      ix.push_back(std::nullopt);
      continue;
    }
    const Tensor& i = *o;
    ScalarType st = i.scalar_type();
    TJIT_CHECK_AS(IndexError, st == kLong || st == kInt || st == kBool || st == kByte,
                  "tensors used as indices must be long, int, byte or bool tensors");
    if (st == kBool || st == kByte) {
      const std::int64_t start = static_cast<std::int64_t>(ix.size());
      TJIT_CHECK_AS(IndexError, start + i.dim() <= t.dim(), "too many indices for tensor of dimension ",
                    t.dim(), " (got ", start + i.dim(), ")");
      for (std::int64_t d = 0; d < i.dim(); ++d)
        TJIT_CHECK_AS(IndexError, i.size(d) == t.size(start + d), "The shape of the mask ",
                      shape_str(i.sizes()), " at index ", d,
                      " does not match the shape of the indexed tensor ", shape_str(t.sizes()),
                      " at index ", start + d);
      TJIT_CHECK(i.dim() > 0, "index(): 0-dim bool masks are not supported");
      for (const Tensor& c : nonzero_tuple(i)) ix.push_back(c);
    } else {
      ix.push_back(clone(i, kLong));
    }
  }
  TJIT_CHECK_AS(IndexError, static_cast<std::int64_t>(ix.size()) <= t.dim(),
                "too many indices for tensor of dimension ", t.dim());
  while (static_cast<std::int64_t>(ix.size()) < t.dim()) ix.push_back(std::nullopt);
  // Which dims are indexed; are they adjacent?
  std::vector<std::int64_t> dims;
  for (std::size_t d = 0; d < ix.size(); ++d)
    if (ix[d]) dims.push_back(static_cast<std::int64_t>(d));
  TJIT_CHECK(!dims.empty(), "index(): at least one index tensor is needed");
  bool adjacent = dims.back() - dims.front() + 1 == static_cast<std::int64_t>(dims.size());
  AdvIndex r;
  Shape perm;
  if (adjacent) {
    for (std::int64_t d = 0; d < t.dim(); ++d) perm.push_back(d);
    r.first = dims.front();
  } else {
    perm = dims;
    for (std::int64_t d = 0; d < t.dim(); ++d)
      if (!ix[static_cast<std::size_t>(d)]) perm.push_back(d);
    r.first = 0;
  }
  r.k = static_cast<std::int64_t>(dims.size());
  r.src = t.permute(perm);
  // Broadcast the index tensors.
  Shape b;
  try {
    for (std::int64_t d : dims) b = broadcast_shapes(b, ix[static_cast<std::size_t>(d)]->sizes());
  } catch (const Error&) {
    std::string shapes;
    for (std::int64_t d : dims)
      shapes += (shapes.empty() ? "" : ", ") + shape_str(ix[static_cast<std::size_t>(d)]->sizes());
    throw IndexError(str_cat("shape mismatch: indexing tensors could not be broadcast together "
                             "with shapes ", shapes));
  }
  r.bshape = b;
  for (std::int64_t d : dims) r.idx.push_back(contiguous(ix[static_cast<std::size_t>(d)]->expand(b)));
  // Offsets.
  r.pre_off = offsets_of(r.src, 0, r.first);
  r.post_off = offsets_of(r.src, r.first + r.k, r.src.dim());
  const std::int64_t nb = checked_numel(b);
  r.b_off.assign(static_cast<std::size_t>(nb), 0);
  for (std::int64_t j = 0; j < r.k; ++j) {
    const std::int64_t* ip = r.idx[static_cast<std::size_t>(j)].data_ptr<std::int64_t>();
    const std::int64_t size = r.src.size(r.first + j), stride = r.src.stride(r.first + j);
    for (std::int64_t q = 0; q < nb; ++q)
      r.b_off[static_cast<std::size_t>(q)] += check_index(ip[q], size, perm[static_cast<std::size_t>(r.first + j)]) * stride;
  }
  Shape out(r.src.sizes().begin(), r.src.sizes().begin() + r.first);
  out.insert(out.end(), b.begin(), b.end());
  out.insert(out.end(), r.src.sizes().begin() + r.first + r.k, r.src.sizes().end());
  r.result_shape = out;
  return r;
}

// Element-wise accumulation `dst[o] op= v` for scatter reduce and index_put_ accumulate.
inline void accumulate_elem(ScalarType dtype, char* dst, std::int64_t off, const char* src,
                            std::int64_t src_off, bool multiply) {
  dispatch_all(dtype, multiply ? "scatter_mul" : "index_put_", [&](auto tag) {
    using T = decltype(tag);
    T* d = reinterpret_cast<T*>(dst) + off;
    T v = reinterpret_cast<const T*>(src)[src_off];
    if constexpr (std::is_same_v<T, bool>) {
      *d = multiply ? (*d && v) : (*d || v);
    } else {
      using C = acc_t<T>;
      *d = static_cast<T>(multiply ? static_cast<C>(*d) * static_cast<C>(v)
                                   : static_cast<C>(*d) + static_cast<C>(v));
    }
  });
}

// Walks the multi-indices of `shape` (row-major), calling fn(linear, multi_index).
template <class F>
void for_each_index(IntArrayRef shape, const F& fn) {
  const std::int64_t n = checked_numel(shape);
  std::vector<std::int64_t> idx(shape.size(), 0);
  for (std::int64_t lin = 0; lin < n; ++lin) {
    fn(lin, idx);
    for (std::size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

inline void scatter_impl(Tensor& self, std::int64_t dim, const Tensor& index, const Tensor* src,
                         const Scalar* value, std::optional<std::string_view> reduce,
                         const char* name) {
  const std::int64_t d = wrap_dim(dim, self.dim());
  TJIT_CHECK(index.scalar_type() == kLong, name, "(): Expected dtype int64 for index");
  if (src) {
    TJIT_CHECK(src->scalar_type() == self.scalar_type(), name, "(): Expected self.dtype to be equal to src.dtype");
  }
  const std::int64_t nd = std::max<std::int64_t>(self.dim(), 1);
  if (index.numel() == 0) return;
  TJIT_CHECK(std::max<std::int64_t>(index.dim(), 1) == nd,
             "Index tensor must have the same number of dimensions as self tensor");
  if (src)
    TJIT_CHECK(std::max<std::int64_t>(src->dim(), 1) == nd,
               "Index tensor must have the same number of dimensions as src tensor");
  for (std::int64_t k = 0; k < index.dim(); ++k) {
    if (k != d)
      TJIT_CHECK(index.size(k) <= self.size(k), "Size does not match at dimension ", k,
                 " expected index ", shape_str(index.sizes()), " to be smaller than self ",
                 shape_str(self.sizes()), " apart from dimension ", d);
    if (src)
      TJIT_CHECK(index.size(k) <= src->size(k), "Size does not match at dimension ", k,
                 " expected index ", shape_str(index.sizes()), " to be smaller than src ",
                 shape_str(src->sizes()));
  }
  bool mul = false, acc = false;
  if (reduce) {
    TJIT_CHECK(*reduce == "add" || *reduce == "multiply",
               "reduce argument must be either add or multiply.");
    acc = true;
    mul = *reduce == "multiply";
  }
  Tensor ix = contiguous(index);
  const std::int64_t* ip = ix.data_ptr<std::int64_t>();
  Tensor val;
  if (value) val = full({}, *value, self.scalar_type());
  const std::size_t es = self.element_size();
  char* dst = elem_base(self);
  const std::int64_t self_size = self.dim() == 0 ? 1 : self.size(d);
  // Check every index before writing anything.
  for (std::int64_t i = 0; i < ix.numel(); ++i) {
    TJIT_CHECK_AS(IndexError, ip[i] >= 0 && ip[i] < self_size, "index ", ip[i],
                  " is out of bounds for dimension ", d, " with size ", self_size);
  }
  for_each_index(ix.sizes(), [&](std::int64_t lin, const std::vector<std::int64_t>& mi) {
    std::int64_t doff = self.storage_offset();
    for (std::size_t k = 0; k < mi.size(); ++k)
      doff += (static_cast<std::int64_t>(k) == d ? ip[lin] : mi[k]) * self.stride(static_cast<std::int64_t>(k));
    const char* sbase;
    std::int64_t soff;
    if (src) {
      soff = src->storage_offset();
      for (std::size_t k = 0; k < mi.size(); ++k) soff += mi[k] * src->stride(static_cast<std::int64_t>(k));
      sbase = elem_base(*src);
    } else {
      soff = 0;
      sbase = static_cast<const char*>(val.data_ptr());
    }
    if (acc) accumulate_elem(self.scalar_type(), dst, doff, sbase, soff, mul);
    else move_elem(dst, doff, sbase, soff, es);
  });
}

}  // namespace detail

TJIT_DEF Tensor index(const Tensor& t, const std::vector<std::optional<Tensor>>& indices) {
  TJIT_TRACE("aten::index.Tensor", index(t, indices), t, indices);
  detail::AdvIndex r = detail::resolve_index(t, indices);
  Tensor out = Tensor::empty(r.result_shape, t.scalar_type());
  const std::size_t es = t.element_size();
  char* o = static_cast<char*>(out.data_ptr());
  const char* s = detail::elem_base(r.src);
  std::int64_t i = 0;
  const std::int64_t base = r.src.storage_offset();
  for (std::int64_t p : r.pre_off)
    for (std::int64_t b : r.b_off)
      for (std::int64_t q : r.post_off) detail::move_elem(o, i++, s, base + p + b + q, es);
  return out;
}

TJIT_DEF Tensor& index_put_(Tensor& t, const std::vector<std::optional<Tensor>>& indices,
                            const Tensor& values, bool accumulate) {
  TJIT_TRACE("aten::index_put_", index_put_(t, indices, values, accumulate), t, indices, values,
      accumulate);
  TJIT_CHECK(values.scalar_type() == t.scalar_type(), "Index put requires the source and "
             "destination dtypes match, got ", to_string(t.scalar_type()), " for the destination "
             "and ", to_string(values.scalar_type()), " for the source.");
  detail::AdvIndex r = detail::resolve_index(t, indices);
  Tensor v;
  try {
    v = contiguous(values.expand(r.result_shape));
  } catch (const Error&) {
    throw Error(detail::str_cat("shape mismatch: value tensor of shape ",
                                detail::shape_str(values.sizes()),
                                " cannot be broadcast to indexing result of shape ",
                                detail::shape_str(r.result_shape)));
  }
  // `src` was permuted when indices are separated; values follow the result layout either way.
  const std::size_t es = t.element_size();
  char* d = detail::elem_base(t);
  const char* s = static_cast<const char*>(v.data_ptr());
  std::int64_t i = 0;
  const std::int64_t base = r.src.storage_offset();
  for (std::int64_t p : r.pre_off)
    for (std::int64_t b : r.b_off)
      for (std::int64_t q : r.post_off) {
        if (accumulate) detail::accumulate_elem(t.scalar_type(), d, base + p + b + q, s, i++, false);
        else detail::move_elem(d, base + p + b + q, s, i++, es);
      }
  return t;
}

TJIT_DEF Tensor index_put(const Tensor& t, const std::vector<std::optional<Tensor>>& indices,
                          const Tensor& values, bool accumulate) {
  TJIT_TRACE("aten::index_put", index_put(t, indices, values, accumulate), t, indices, values,
      accumulate);
  Tensor out = clone(t);
  return index_put_(out, indices, values, accumulate);
}

TJIT_DEF Tensor index_select(const Tensor& t, std::int64_t dim, const Tensor& index) {
  TJIT_TRACE("aten::index_select", index_select(t, dim, index), t, dim, index);
  TJIT_CHECK(index.dim() <= 1, "index_select(): Index is supposed to be a vector");
  TJIT_CHECK(index.scalar_type() == kLong || index.scalar_type() == kInt,
             "index_select(): Expected dtype int32 or int64 for index");
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  {
    Tensor ix = clone(index, kLong);
    const std::int64_t* ip = ix.data_ptr<std::int64_t>();
    const std::int64_t size = t.dim() == 0 ? 1 : t.size(d);
    for (std::int64_t i = 0; i < ix.numel(); ++i)
      TJIT_CHECK_AS(IndexError, ip[i] >= 0 && ip[i] < size, "index out of range in self");
  }
  if (t.dim() == 0) return clone(t);
  std::vector<std::optional<Tensor>> ix(static_cast<std::size_t>(d), std::nullopt);
  ix.push_back(index.reshape({-1}));
  return tjit::index(t, ix);
}

TJIT_DEF Tensor gather(const Tensor& t, std::int64_t dim, const Tensor& index) {
  TJIT_TRACE("aten::gather", gather(t, dim, index), t, dim, index, false);
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  TJIT_CHECK(index.scalar_type() == kLong, "gather(): Expected dtype int64 for index");
  Tensor out = Tensor::empty(index.sizes(), t.scalar_type());
  if (index.numel() == 0) return out;
  TJIT_CHECK(std::max<std::int64_t>(index.dim(), 1) == std::max<std::int64_t>(t.dim(), 1),
             "Index tensor must have the same number of dimensions as input tensor");
  for (std::int64_t k = 0; k < index.dim(); ++k)
    if (k != d)
      TJIT_CHECK(index.size(k) <= t.size(k), "Size does not match at dimension ", k,
                 " expected index ", detail::shape_str(index.sizes()), " to be smaller than self ",
                 detail::shape_str(t.sizes()), " apart from dimension ", d);
  Tensor ix = contiguous(index);
  const std::int64_t* ip = ix.data_ptr<std::int64_t>();
  const std::int64_t size = t.dim() == 0 ? 1 : t.size(d);
  const std::size_t es = t.element_size();
  char* o = static_cast<char*>(out.data_ptr());
  const char* s = detail::elem_base(t);
  detail::for_each_index(ix.sizes(), [&](std::int64_t lin, const std::vector<std::int64_t>& mi) {
    TJIT_CHECK_AS(IndexError, ip[lin] >= 0 && ip[lin] < size, "index ", ip[lin],
                  " is out of bounds for dimension ", d, " with size ", size);
    std::int64_t off = t.storage_offset();
    for (std::size_t k = 0; k < mi.size(); ++k)
      off += (static_cast<std::int64_t>(k) == d ? ip[lin] : mi[k]) * t.stride(static_cast<std::int64_t>(k));
    detail::move_elem(o, lin, s, off, es);
  });
  return out;
}

TJIT_DEF Tensor& scatter_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src,
                          std::optional<std::string_view> reduce) {
  if (reduce) {
    TJIT_TRACE("aten::scatter_.reduce", scatter_(t, dim, index, src, reduce), t, dim, index, src,
        *reduce);
  } else {
    TJIT_TRACE("aten::scatter_.src", scatter_(t, dim, index, src, reduce), t, dim, index, src);
  }
  detail::scatter_impl(t, dim, index, &src, nullptr, reduce, "scatter");
  return t;
}
TJIT_DEF Tensor& scatter_(Tensor& t, std::int64_t dim, const Tensor& index, const Scalar& value,
                          std::optional<std::string_view> reduce) {
  if (reduce) {
    TJIT_TRACE("aten::scatter_.value_reduce", scatter_(t, dim, index, value, reduce), t, dim, index,
        value, *reduce);
  } else {
    TJIT_TRACE("aten::scatter_.value", scatter_(t, dim, index, value, reduce), t, dim, index,
        value);
  }
  detail::scatter_impl(t, dim, index, nullptr, &value, reduce, "scatter");
  return t;
}
TJIT_DEF Tensor scatter(const Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src,
                        std::optional<std::string_view> reduce) {
  if (reduce) {
    TJIT_TRACE("aten::scatter.reduce", scatter(t, dim, index, src, reduce), t, dim, index, src,
        *reduce);
  } else {
    TJIT_TRACE("aten::scatter.src", scatter(t, dim, index, src, reduce), t, dim, index, src);
  }
  Tensor out = clone(t);
  return scatter_(out, dim, index, src, reduce);
}
TJIT_DEF Tensor scatter(const Tensor& t, std::int64_t dim, const Tensor& index, const Scalar& value,
                        std::optional<std::string_view> reduce) {
  if (reduce) {
    TJIT_TRACE("aten::scatter.value_reduce", scatter(t, dim, index, value, reduce), t, dim, index,
        value, *reduce);
  } else {
    TJIT_TRACE("aten::scatter.value", scatter(t, dim, index, value, reduce), t, dim, index, value);
  }
  Tensor out = clone(t);
  return scatter_(out, dim, index, value, reduce);
}
TJIT_DEF Tensor& scatter_add_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src) {
  TJIT_TRACE("aten::scatter_add_", scatter_add_(t, dim, index, src), t, dim, index, src);
  detail::scatter_impl(t, dim, index, &src, nullptr, std::string_view("add"), "scatter_add");
  return t;
}
TJIT_DEF Tensor scatter_add(const Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src) {
  TJIT_TRACE("aten::scatter_add", scatter_add(t, dim, index, src), t, dim, index, src);
  Tensor out = clone(t);
  return scatter_add_(out, dim, index, src);
}

TJIT_DEF Tensor masked_fill(const Tensor& t, const Tensor& mask, const Tensor& value) {
  TJIT_TRACE("aten::masked_fill.Tensor", masked_fill(t, mask, value), t, mask, value);
  // uint8 masks are deprecated in PyTorch 1.13 but still accepted.
  TJIT_CHECK(mask.scalar_type() == kBool || mask.scalar_type() == kByte,
             "masked_fill_ only supports boolean masks, but got mask with dtype ",
             to_string(mask.scalar_type()));
  TJIT_CHECK(value.dim() == 0, "masked_fill_ only supports a 0-dimensional value tensor, but got "
             "tensor with ", value.dim(), " dimension(s).");
  return where(detail::bool_mask(mask), to(value, t.scalar_type()), t);
}
TJIT_DEF Tensor masked_fill(const Tensor& t, const Tensor& mask, const Scalar& value) {
  TJIT_TRACE("aten::masked_fill.Scalar", masked_fill(t, mask, value), t, mask, value);
  return masked_fill(t, mask, full({}, value, t.scalar_type()));
}
TJIT_DEF Tensor& masked_fill_(Tensor& t, const Tensor& mask, const Tensor& value) {
  TJIT_TRACE("aten::masked_fill_.Tensor", masked_fill_(t, mask, value), t, mask, value);
  Tensor r = masked_fill(t, mask, value);
  TJIT_CHECK(r.sizes() == t.sizes(), "output with shape ", detail::shape_str(t.sizes()),
             " doesn't match the broadcast shape ", detail::shape_str(r.sizes()));
  copy_(t, r);
  return t;
}
TJIT_DEF Tensor& masked_fill_(Tensor& t, const Tensor& mask, const Scalar& value) {
  TJIT_TRACE("aten::masked_fill_.Scalar", masked_fill_(t, mask, value), t, mask, value);
  return masked_fill_(t, mask, full({}, value, t.scalar_type()));
}

TJIT_DEF Tensor masked_select(const Tensor& t, const Tensor& mask) {
  TJIT_TRACE("aten::masked_select", masked_select(t, mask), t, mask);
  TJIT_CHECK(mask.scalar_type() == kBool || mask.scalar_type() == kByte,
             "masked_select: expected BoolTensor for mask");
  Shape b = broadcast_shapes(t.sizes(), mask.sizes());
  if (detail::checked_numel(b) == 0 || b.empty()) {
    Tensor m = detail::bool_mask(mask).expand(b).reshape({-1});
    return index(t.expand(b).reshape({-1}), {m});
  }
  return index(t.expand(b), {detail::bool_mask(mask).expand(b)});
}

TJIT_DEF std::vector<Tensor> nonzero_tuple(const Tensor& t) {
  TJIT_TRACE("aten::nonzero_numpy", nonzero_tuple(t), t);
  Tensor nz = nonzero(t);
  std::vector<Tensor> out;
  if (t.dim() == 0) {
    out.push_back(contiguous(nonzero(t.reshape({1})).select(1, 0)));
    return out;
  }
  for (std::int64_t d = 0; d < t.dim(); ++d) out.push_back(contiguous(nz.select(1, d)));
  return out;
}

TJIT_DEF Tensor nonzero(const Tensor& t) {
  TJIT_TRACE("aten::nonzero", nonzero(t), t);
  Tensor b = clone(t, kBool);
  const bool* p = b.data_ptr<bool>();
  std::vector<std::int64_t> coords;
  std::int64_t count = 0;
  detail::for_each_index(t.sizes(), [&](std::int64_t lin, const std::vector<std::int64_t>& mi) {
    if (!p[lin]) return;
    ++count;
    coords.insert(coords.end(), mi.begin(), mi.end());
  });
  Tensor out = Tensor::empty({count, t.dim()}, kLong);
  if (!coords.empty()) std::memcpy(out.data_ptr(), coords.data(), coords.size() * sizeof(std::int64_t));
  return out;
}

TJIT_DEF Tensor take(const Tensor& t, const Tensor& index) {
  TJIT_TRACE("aten::take", take(t, index), t, index);
  TJIT_CHECK(index.scalar_type() == kLong, "take(): Expected a long tensor for index, but got ",
             to_string(index.scalar_type()));
  Tensor flat = t.reshape({-1});
  Tensor ix = clone(index, kLong);
  std::int64_t* ip = ix.data_ptr<std::int64_t>();
  const std::int64_t n = flat.numel();
  for (std::int64_t i = 0; i < ix.numel(); ++i) {
    TJIT_CHECK_AS(IndexError, ip[i] >= -n && ip[i] < n, "out of range: tried to access index ",
                  ip[i], " on a tensor of ", n, " elements.");
  }
  if (ix.numel() == 0) return Tensor::empty(index.sizes(), t.scalar_type());
  return tjit::index(flat, {ix.reshape({-1})}).view(index.sizes());
}

TJIT_DEF Tensor embedding(const Tensor& weight, const Tensor& indices, std::int64_t padding_idx) {
  TJIT_TRACE("aten::embedding", embedding(weight, indices, padding_idx), weight, indices,
      padding_idx, false, false);
  (void)padding_idx;  // affects gradients only
  TJIT_CHECK(weight.dim() == 2, "'weight' must be 2-D");
  TJIT_CHECK(indices.scalar_type() == kLong || indices.scalar_type() == kInt,
             "Expected tensor for argument #1 'indices' to have one of the following scalar types: "
             "Long, Int; but got ", python_name(indices.scalar_type()), " instead (while checking "
             "arguments for embedding)");
  Shape out(indices.sizes().begin(), indices.sizes().end());
  out.push_back(weight.size(1));
  Tensor ix = clone(indices, kLong).reshape({-1});
  const std::int64_t* ip = ix.data_ptr<std::int64_t>();
  for (std::int64_t i = 0; i < ix.numel(); ++i)
    TJIT_CHECK_AS(IndexError, ip[i] >= 0 && ip[i] < weight.size(0), "index out of range in self");
  return index_select(weight, 0, ix).view(out);
}

}  // namespace tjit
