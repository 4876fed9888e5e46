// tjit/tensor/ops/detail/shape_impl.hpp — definitions of tjit/tensor/ops/shape.hpp.
#pragma once

#include <cstring>
#include <numeric>

#include "tjit/tensor/iterator.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/shape.hpp"

namespace tjit {
namespace detail {

// dst = src element by element (same dtype, same shape); src strides may be negative, which
// views cannot express. One instantiation for every dtype: elements are moved as bytes.
inline void copy_bytes_strided(Tensor& dst, const Tensor& src, char* src_base,
                               IntArrayRef src_strides) {
  const std::int64_t es = static_cast<std::int64_t>(dst.element_size());
  strided_loop<2>(dst.sizes(), {static_cast<char*>(dst.data_ptr()), src_base},
                  {dst.strides(), src_strides}, {es, es},
                  [es](const std::array<char*, 2>& p, const std::array<std::int64_t, 2>& st,
                       std::int64_t n) {
                    for (std::int64_t i = 0; i < n; ++i)
                      std::memcpy(p[0] + i * st[0], p[1] + i * st[1], static_cast<std::size_t>(es));
                  });
  (void)src;
}

inline std::string sizes_of(const std::vector<Tensor>& ts) {
  std::string s;
  for (const Tensor& t : ts) s += shape_str(t.sizes());
  return s;
}

}  // namespace detail

TJIT_DEF Tensor cat(const std::vector<Tensor>& tensors, std::int64_t dim) {
  TJIT_TRACE("aten::cat", cat(tensors, dim), tensors, dim);
  TJIT_CHECK(!tensors.empty(), "torch.cat(): expected a non-empty list of Tensors");
  for (std::size_t i = 0; i < tensors.size(); ++i)
    TJIT_CHECK(tensors[i].dim() > 0, "zero-dimensional tensor (at position ", i,
               ") cannot be concatenated");
  detail::ResultTypeState st;
  for (const Tensor& t : tensors) st.update(t);
  const ScalarType dtype = st.result();
  // Legacy behaviour: 1-d tensors of size 0 are skipped whatever their shape elsewhere.
  auto skipped = [](const Tensor& t) { return t.dim() == 1 && t.numel() == 0; };
  const Tensor* ref = nullptr;
  for (const Tensor& t : tensors)
    if (!skipped(t)) {
      ref = &t;
      break;
    }
  if (!ref) {
    detail::wrap_dim(dim, tensors[0].dim());
    return Tensor::empty({0}, dtype);
  }
  const std::int64_t d = detail::wrap_dim(dim, ref->dim());
  Shape out(ref->sizes().begin(), ref->sizes().end());
  out[static_cast<std::size_t>(d)] = 0;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    if (skipped(t)) continue;
    TJIT_CHECK(t.dim() == ref->dim(), "Tensors must have same number of dimensions: got ",
               ref->dim(), " and ", t.dim());
    for (std::int64_t k = 0; k < t.dim(); ++k) {
      if (k == d) continue;
      TJIT_CHECK(t.size(k) == ref->size(k), "Sizes of tensors must match except in dimension ", d,
                 ". Expected size ", ref->size(k), " but got size ", t.size(k),
                 " for tensor number ", i, " in the list.");
    }
    out[static_cast<std::size_t>(d)] += t.size(d);
  }
  Tensor result = Tensor::empty(out, dtype);
  std::int64_t off = 0;
  for (const Tensor& t : tensors) {
    if (skipped(t)) continue;
    Tensor part = result.narrow(d, off, t.size(d));
    copy_(part, t);
    off += t.size(d);
  }
  return result;
}

TJIT_DEF Tensor stack(const std::vector<Tensor>& tensors, std::int64_t dim) {
  TJIT_TRACE("aten::stack", stack(tensors, dim), tensors, dim);
  TJIT_CHECK(!tensors.empty(), "stack expects a non-empty TensorList");
  const std::int64_t d = detail::wrap_dim(dim, tensors[0].dim() + 1);
  for (std::size_t i = 1; i < tensors.size(); ++i)
    TJIT_CHECK(tensors[i].sizes() == tensors[0].sizes(),
               "stack expects each tensor to be equal size, but got ",
               detail::shape_str(tensors[0].sizes()), " at entry 0 and ",
               detail::shape_str(tensors[i].sizes()), " at entry ", i);
  std::vector<Tensor> parts;
  parts.reserve(tensors.size());
  for (const Tensor& t : tensors) parts.push_back(t.unsqueeze(d));
  return cat(parts, d);
}

TJIT_DEF Tensor hstack(const std::vector<Tensor>& tensors) {
  TJIT_TRACE("aten::hstack", hstack(tensors), tensors);
  TJIT_CHECK(!tensors.empty(), "hstack expects a non-empty TensorList");
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors) parts.push_back(t.dim() == 0 ? t.reshape({1}) : t);
  return cat(parts, parts[0].dim() == 1 ? 0 : 1);
}

TJIT_DEF Tensor vstack(const std::vector<Tensor>& tensors) {
  TJIT_TRACE("aten::vstack", vstack(tensors), tensors);
  TJIT_CHECK(!tensors.empty(), "vstack expects a non-empty TensorList");
  std::vector<Tensor> parts;
  for (const Tensor& t : tensors)
    parts.push_back(t.dim() == 0 ? t.reshape({1, 1}) : t.dim() == 1 ? t.unsqueeze(0) : t);
  return cat(parts, 0);
}

TJIT_DEF Tensor repeat(const Tensor& t, IntArrayRef repeats) {
  TJIT_TRACE("aten::repeat", repeat(t, repeats), t, repeats);
  TJIT_CHECK(static_cast<std::int64_t>(repeats.size()) >= t.dim(),
             "Number of dimensions of repeat dims can not be smaller than number of dimensions "
             "of tensor");
  const std::size_t n = repeats.size();
  Shape padded(n - static_cast<std::size_t>(t.dim()), 1);
  padded.insert(padded.end(), t.sizes().begin(), t.sizes().end());
  Shape out(n), inter, src;
  for (std::size_t i = 0; i < n; ++i) {
    TJIT_CHECK(repeats[i] >= 0, "Trying to create tensor with negative dimension ", repeats[i],
               ": ", detail::shape_str(repeats));
    out[i] = padded[i] * repeats[i];
    inter.push_back(repeats[i]);
    inter.push_back(padded[i]);
    src.push_back(1);
    src.push_back(padded[i]);
  }
  Tensor result = Tensor::empty(out, t.scalar_type());
  if (result.numel() == 0) return result;
  Tensor view = result.view(inter);
  copy_(view, t.reshape(src));
  return result;
}

TJIT_DEF Tensor tile(const Tensor& t, IntArrayRef reps) {
  TJIT_TRACE("aten::tile", tile(t, reps), t, reps);
  Shape r(reps.begin(), reps.end());
  while (static_cast<std::int64_t>(r.size()) < t.dim()) r.insert(r.begin(), 1);
  return repeat(t, r);
}

TJIT_DEF Tensor flip(const Tensor& t, IntArrayRef dims) {
  TJIT_TRACE("aten::flip", flip(t, dims), t, dims);
  std::vector<bool> mask(static_cast<std::size_t>(t.dim()), false);
  for (std::int64_t d : dims) {
    std::int64_t w = detail::wrap_dim(d, t.dim());
    TJIT_CHECK(t.dim() == 0 || !mask[static_cast<std::size_t>(w)], "dim ", w,
               " appears multiple times in the list of dims");
    if (t.dim() > 0) mask[static_cast<std::size_t>(w)] = true;
  }
  Tensor result = Tensor::empty(t.sizes(), t.scalar_type());
  if (t.numel() == 0) return result;
  Shape st(t.strides().begin(), t.strides().end());
  std::int64_t off = t.storage_offset();
  for (std::size_t i = 0; i < st.size(); ++i)
    if (mask[i]) {
      off += (t.sizes()[i] - 1) * st[i];
      st[i] = -st[i];
    }
  char* base = static_cast<char*>(t.storage().data()) + off * static_cast<std::int64_t>(t.element_size());
  detail::copy_bytes_strided(result, t, base, st);
  return result;
}

TJIT_DEF Tensor roll(const Tensor& t, IntArrayRef shifts, IntArrayRef dims) {
  TJIT_TRACE("aten::roll", roll(t, shifts, dims), t, shifts, dims);
  TJIT_CHECK(!shifts.empty(), "`shifts` required");
  if (dims.empty()) {
    TJIT_CHECK(shifts.size() == 1, "shifts and dimensions must align. shifts: ", shifts.size(),
               ", dims:", dims.size());
    return roll(t.flatten(), shifts, {0}).view(t.sizes());
  }
  TJIT_CHECK(shifts.size() == dims.size(), "shifts and dimensions must align. shifts: ",
             shifts.size(), ", dims:", dims.size());
  Tensor cur = t;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    std::int64_t d = detail::wrap_dim(dims[i], t.dim());
    std::int64_t n = cur.size(d);
    if (n == 0) continue;
    std::int64_t s = ((shifts[i] % n) + n) % n;
    cur = cat({cur.narrow(d, n - s, s), cur.narrow(d, 0, n - s)}, d);
  }
  return cur.is_same(t) ? clone(t) : cur;
}

namespace detail {
inline Tensor triangle(const Tensor& t, std::int64_t k, bool lower, const char* name) {
  (void)name;
  detail::wrap_dim(-2, t.dim());  // PyTorch's message for inputs of fewer than 2 dims
  const std::int64_t m = t.size(-2), n = t.size(-1);
  Tensor rows = arange(m).view({m, 1}), cols = arange(n).view({1, n});
  Tensor diff = sub(cols, rows);
  Tensor keep = lower ? le(diff, Scalar(k)) : ge(diff, Scalar(k));
  return where(keep, t, zeros({}, t.scalar_type()));
}
}  // namespace detail

TJIT_DEF Tensor tril(const Tensor& t, std::int64_t diagonal) {
  TJIT_TRACE("aten::tril", tril(t, diagonal), t, diagonal);
  return detail::triangle(t, diagonal, true, "tril");
}
TJIT_DEF Tensor triu(const Tensor& t, std::int64_t diagonal) {
  TJIT_TRACE("aten::triu", triu(t, diagonal), t, diagonal);
  return detail::triangle(t, diagonal, false, "triu");
}

TJIT_DEF Tensor movedim(const Tensor& t, IntArrayRef source, IntArrayRef destination) {
  TJIT_TRACE("aten::movedim.intlist", movedim(t, source, destination), t, source, destination);
  TJIT_CHECK(source.size() == destination.size(), "movedim: Invalid source or destination dims: "
             "source (", detail::shape_str(source), " dims) should contain the same number of "
             "dims as destination (", detail::shape_str(destination), " dims)");
  const std::int64_t n = t.dim();
  std::vector<std::int64_t> perm(static_cast<std::size_t>(n), -1);
  std::vector<bool> src_used(static_cast<std::size_t>(n), false);
  std::vector<std::int64_t> src(source.size()), dst(destination.size());
  for (std::size_t i = 0; i < source.size(); ++i) {
    src[i] = detail::wrap_dim(source[i], n);
    dst[i] = detail::wrap_dim(destination[i], n);
  }
  for (std::size_t i = 0; i < src.size(); ++i)
    for (std::size_t j = i + 1; j < src.size(); ++j) {
      TJIT_CHECK(src[i] != src[j], "movedim: repeated dim in `source` (", detail::shape_str(source), ")");
      TJIT_CHECK(dst[i] != dst[j], "movedim: repeated dim in `destination` (",
                 detail::shape_str(destination), ")");
    }
  if (n == 0) return t.alias();
  for (std::size_t i = 0; i < src.size(); ++i) {
    perm[static_cast<std::size_t>(dst[i])] = src[i];
    src_used[static_cast<std::size_t>(src[i])] = true;
  }
  std::int64_t next = 0;
  for (auto& p : perm) {
    if (p != -1) continue;
    while (src_used[static_cast<std::size_t>(next)]) ++next;
    p = next++;
  }
  return t.permute(perm);
}

TJIT_DEF Tensor pixel_shuffle(const Tensor& t, std::int64_t r) {
  TJIT_TRACE("aten::pixel_shuffle", pixel_shuffle(t, r), t, r);
  TJIT_CHECK(t.dim() >= 3, "pixel_shuffle expects input to have at least 3 dimensions, but got "
             "input with ", t.dim(), " dimension(s)");
  TJIT_CHECK(r > 0, "pixel_shuffle expects a positive upscale_factor, but got ", r);
  const std::int64_t c = t.size(-3), h = t.size(-2), w = t.size(-1);
  TJIT_CHECK(c % (r * r) == 0, "pixel_shuffle expects its input's 'channel' dimension to be "
             "divisible by the square of upscale_factor, but input.size(-3)=", c,
             " is not divisible by ", r * r);
  Shape batch(t.sizes().begin(), t.sizes().end() - 3);
  const std::int64_t b = static_cast<std::int64_t>(batch.size());
  Shape s1 = batch;
  for (std::int64_t v : {c / (r * r), r, r, h, w}) s1.push_back(v);
  Shape perm;
  for (std::int64_t i = 0; i < b; ++i) perm.push_back(i);
  for (std::int64_t v : {0, 3, 1, 4, 2}) perm.push_back(b + v);
  Shape out = batch;
  for (std::int64_t v : {c / (r * r), h * r, w * r}) out.push_back(v);
  return clone(t.reshape(s1).permute(perm)).view(out);
}

TJIT_DEF Tensor pixel_unshuffle(const Tensor& t, std::int64_t r) {
  TJIT_TRACE("aten::pixel_unshuffle", pixel_unshuffle(t, r), t, r);
  TJIT_CHECK(t.dim() >= 3, "pixel_unshuffle expects input to have at least 3 dimensions, but "
             "got input with ", t.dim(), " dimension(s)");
  TJIT_CHECK(r > 0, "pixel_unshuffle expects a positive downscale_factor, but got ", r);
  const std::int64_t c = t.size(-3), h = t.size(-2), w = t.size(-1);
  TJIT_CHECK(h % r == 0, "pixel_unshuffle expects height to be divisible by downscale_factor, "
             "but input.size(-2)=", h, " is not divisible by ", r);
  TJIT_CHECK(w % r == 0, "pixel_unshuffle expects width to be divisible by downscale_factor, "
             "but input.size(-1)=", w, " is not divisible by ", r);
  Shape batch(t.sizes().begin(), t.sizes().end() - 3);
  const std::int64_t b = static_cast<std::int64_t>(batch.size());
  Shape s1 = batch;
  for (std::int64_t v : {c, h / r, r, w / r, r}) s1.push_back(v);
  Shape perm;
  for (std::int64_t i = 0; i < b; ++i) perm.push_back(i);
  for (std::int64_t v : {0, 2, 4, 1, 3}) perm.push_back(b + v);
  Shape out = batch;
  for (std::int64_t v : {c * r * r, h / r, w / r}) out.push_back(v);
  return clone(t.reshape(s1).permute(perm)).view(out);
}

TJIT_DEF Tensor channel_shuffle(const Tensor& t, std::int64_t groups) {
  TJIT_TRACE("aten::channel_shuffle", channel_shuffle(t, groups), t, groups);
  TJIT_CHECK(t.dim() > 2, "channel_shuffle expects input to have at least 3 dimensions, but got "
             "input with ", t.dim(), " dimension(s)");
  TJIT_CHECK(groups > 0, "Number of groups to divide channels in must be positive.",
             " Value of groups:", groups);
  const std::int64_t c = t.size(1);
  TJIT_CHECK(c % groups == 0, "Number of channels must be divisible by groups. Got ", c,
             " channels and ", groups, " groups.");
  Shape s1{t.size(0), groups, c / groups};
  s1.insert(s1.end(), t.sizes().begin() + 2, t.sizes().end());
  return clone(t.reshape(s1).transpose(1, 2)).view(t.sizes());
}

}  // namespace tjit
