// tjit/tensor/ops/detail/extra_index_impl.hpp — definitions of the joining, scan, search,
// indexing and normalisation ops of tjit/tensor/ops/extra.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "tjit/tensor/kernels/norm.hpp"
#include "tjit/tensor/ops/detail/nn_util.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/extra.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/indexing.hpp"
#include "tjit/tensor/ops/linalg.hpp"
#include "tjit/tensor/ops/reduce.hpp"
#include "tjit/tensor/ops/shape.hpp"

namespace tjit {

// ---------------------------------------------------------------------------------------------
// tensor_split

TJIT_DEF std::vector<Tensor> tensor_split(const Tensor& t, std::int64_t sections, std::int64_t dim) {
  TJIT_TRACE("aten::tensor_split.sections", tensor_split(t, sections, dim), t, sections, dim);
  TJIT_CHECK(t.dim() > 0, "tensor_split expected at least a 1-dimensional tensor, but got a tensor "
                          "with ", t.dim(), " dims");
  TJIT_CHECK(sections > 0, "number of sections must be larger than 0, got ", sections);
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  const std::int64_t n = t.size(d);
  const std::int64_t base = n / sections, extra = n % sections;
  std::vector<Tensor> out;
  std::int64_t start = 0;
  for (std::int64_t i = 0; i < sections; ++i) {
    std::int64_t len = base + (i < extra ? 1 : 0);
    out.push_back(t.slice(d, start, start + len, 1));
    start += len;
  }
  return out;
}

TJIT_DEF std::vector<Tensor> tensor_split_indices(const Tensor& t, IntArrayRef indices,
                                                  std::int64_t dim) {
  TJIT_TRACE("aten::tensor_split.indices", tensor_split_indices(t, indices, dim), t, indices, dim);
  TJIT_CHECK(t.dim() > 0, "tensor_split expected at least a 1-dimensional tensor, but got a tensor "
                          "with ", t.dim(), " dims");
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  std::vector<Tensor> out;
  std::int64_t start = 0;
  for (std::int64_t end : indices) {
    out.push_back(t.slice(d, start, end, 1));
    start = end;
  }
  out.push_back(t.slice(d, start, t.size(d), 1));
  return out;
}

TJIT_DEF std::vector<Tensor> tensor_split(const Tensor& t, const Tensor& indices_or_sections,
                                          std::int64_t dim) {
  TJIT_TRACE("aten::tensor_split.tensor_indices_or_sections",
      tensor_split(t, indices_or_sections, dim), t, indices_or_sections, dim);
  TJIT_CHECK(indices_or_sections.scalar_type() == kLong,
             "tensor_split expected tensor_indices_or_sections to have dtype of long, but got ",
             to_string(indices_or_sections.scalar_type()));
  const std::int64_t k = indices_or_sections.dim();
  TJIT_CHECK(k == 0 || k == 1, "tensor_split expected tensor_indices_or_sections to be a "
                               "zero-dimensional or one-dimensional tensor, but got a tensor with ",
             k, " dims");
  if (k == 0) return tensor_split(t, indices_or_sections.item<std::int64_t>(), dim);
  Tensor c = contiguous(indices_or_sections);
  const std::int64_t* p = c.data_ptr<std::int64_t>();
  std::vector<std::int64_t> idx(p, p + c.numel());
  return tensor_split_indices(t, idx, dim);
}

// ---------------------------------------------------------------------------------------------
// Scans along one dim: cummax, cummin, logcumsumexp

namespace detail {

// Calls f(in_row, out_row, [idx_row], len, stride) for each line of `t` along dim `d` of the
// contiguous copies. Results are contiguous tensors of t's shape.
template <class T, class F>
void scan_lines(const Tensor& src, std::int64_t d, Tensor& out, Tensor* idx, F f) {
  const std::int64_t len = src.dim() == 0 ? 1 : src.size(d);
  std::int64_t inner = 1;
  for (std::int64_t i = d + 1; i < src.dim(); ++i) inner *= src.size(i);
  const std::int64_t outer = len == 0 || inner == 0 ? 0 : src.numel() / (len * inner);
  const T* x = src.data_ptr<T>();
  T* y = out.data_ptr<T>();
  std::int64_t* ix = idx ? idx->data_ptr<std::int64_t>() : nullptr;
  for (std::int64_t o = 0; o < outer; ++o)
    for (std::int64_t i = 0; i < inner; ++i) {
      const std::int64_t base = o * len * inner + i;
      f(x + base, y + base, ix ? ix + base : nullptr, len, inner);
    }
}

template <bool Max>
std::tuple<Tensor, Tensor> cum_extreme(const Tensor& t, std::int64_t dim, const char* name) {
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  if (t.scalar_type() == kHalf) dispatch_fail(name, kHalf);  // as PyTorch 1.13's CPU kernel
  Tensor src = contiguous(t);
  Tensor values = Tensor::empty(t.sizes(), t.scalar_type());
  Tensor indices = Tensor::empty(t.sizes(), kLong);
  dispatch_all(t.scalar_type(), name, [&](auto tag) {
    using T = decltype(tag);
    scan_lines<T>(src, d, values, &indices,
                  [](const T* x, T* y, std::int64_t* ix, std::int64_t len, std::int64_t st) {
                    if (len == 0) return;
                    T best = x[0];
                    std::int64_t bi = 0;
                    for (std::int64_t k = 0; k < len; ++k) {
                      T v = x[k * st];
                      bool nan = false;
                      if constexpr (!std::is_integral_v<T>) nan = std::isnan(static_cast<double>(v));
                      bool take = Max ? (v >= best) : (v <= best);
                      if (take || nan) best = v, bi = k;
                      y[k * st] = best;
                      ix[k * st] = bi;
                    }
                  });
  });
  return {values, indices};
}

template <class C>
C log_add_exp(C x, C y) {
  C lo = std::isnan(y) ? y : std::min(x, y);
  C hi = std::isnan(y) ? y : std::max(x, y);
  if (lo != hi || std::isfinite(lo)) return hi + std::log1p(std::exp(lo - hi));
  return x;  // both infinite with one sign
}

}  // namespace detail

TJIT_DEF std::tuple<Tensor, Tensor> cummax(const Tensor& t, std::int64_t dim) {
  TJIT_TRACE("aten::cummax", cummax(t, dim), t, dim);
  return detail::cum_extreme<true>(t, dim, "cummax_cpu");
}
TJIT_DEF std::tuple<Tensor, Tensor> cummin(const Tensor& t, std::int64_t dim) {
  TJIT_TRACE("aten::cummin", cummin(t, dim), t, dim);
  return detail::cum_extreme<false>(t, dim, "cummin_cpu");
}

TJIT_DEF Tensor logcumsumexp(const Tensor& t, std::int64_t dim) {
  TJIT_TRACE("aten::logcumsumexp", logcumsumexp(t, dim), t, dim);
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  if (!is_floating_type(t.scalar_type()) || t.scalar_type() == kHalf)
    detail::dispatch_fail("logcumsumexp_out_cpu", t.scalar_type());
  Tensor src = contiguous(t);
  Tensor out = Tensor::empty(t.sizes(), t.scalar_type());
  dispatch_floating(t.scalar_type(), "logcumsumexp_out_cpu", [&](auto tag) {
    using T = decltype(tag);
    using C = std::conditional_t<std::is_same_v<T, double>, double, float>;
    detail::scan_lines<T>(src, d, out, nullptr,
                          [](const T* x, T* y, std::int64_t*, std::int64_t len, std::int64_t st) {
                            C acc = -std::numeric_limits<C>::infinity();
                            for (std::int64_t k = 0; k < len; ++k) {
                              acc = detail::log_add_exp<C>(static_cast<C>(x[k * st]), acc);
                              y[k * st] = static_cast<T>(acc);
                            }
                          });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// searchsorted, bucketize

TJIT_DEF Tensor searchsorted(const Tensor& sorted, const Tensor& values, bool out_int32, bool right,
                             std::optional<std::string_view> side, const Tensor& sorter) {
  TJIT_TRACE("aten::searchsorted.Tensor",
      searchsorted(sorted, values, out_int32, right, side, sorter), sorted, values, out_int32,
      right, side, sorter);
  if (side) {
    TJIT_CHECK(*side == "left" || *side == "right", "torch.searchsorted(): side can only be 'left' "
               "or 'right' but got ", *side);
    TJIT_CHECK(!(*side == "left" && right), "torch.searchsorted(): side and right can't be set to "
               "opposites, got side of left while right was True");
    right = *side == "right";
  }
  TJIT_CHECK(sorted.dim() >= 1, "torch.searchsorted(): boundaries tensor should have positive "
             "dimension, but got 0 dimension");
  const bool one_d = sorted.dim() == 1;
  if (!one_d) {
    bool ok = sorted.dim() == values.dim();
    for (std::int64_t i = 0; ok && i + 1 < sorted.dim(); ++i) ok = sorted.size(i) == values.size(i);
    TJIT_CHECK(ok, "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
               "dimensions of boundaries tensor and input value tensor must match, but we got "
               "boundaries tensor ", detail::shape_str(sorted.sizes()), " and input value tensor ",
               detail::shape_str(values.sizes()));
  }
  Tensor seq = sorted;
  if (sorter.defined()) {
    TJIT_CHECK(sorter.scalar_type() == kLong, "torch.searchsorted(): sorter must be a tensor of long "
               "dtype but got dtype ", to_string(sorter.scalar_type()));
    TJIT_CHECK(sorter.sizes() == sorted.sizes(), "torch.searchsorted(): boundary and sorter must "
               "have the same size, but got boundary tensor ", detail::shape_str(sorted.sizes()),
               "and got sorter tensor ", detail::shape_str(sorter.sizes()));
    seq = gather(sorted, -1, sorter);
  }
  const ScalarType common = promote_types(seq.scalar_type(), values.scalar_type());
  Tensor s = contiguous(to(seq, common)), v = contiguous(to(values, common));
  const std::int64_t m = s.size(-1);
  const std::int64_t per_row = one_d ? v.numel() : (v.dim() == 0 ? 1 : v.size(-1));
  Tensor out = Tensor::empty(values.sizes(), kLong);
  std::int64_t* o = out.data_ptr<std::int64_t>();
  dispatch_numeric(common, "searchsorted_out_cpu", [&](auto tag) {
    using T = decltype(tag);
    const T* sp = s.data_ptr<T>();
    const T* vp = v.data_ptr<T>();
    for (std::int64_t i = 0; i < v.numel(); ++i) {
      const T* row = one_d ? sp : sp + (i / std::max<std::int64_t>(per_row, 1)) * m;
      const T x = vp[i];
      const T* pos = right ? std::upper_bound(row, row + m, x, [](const T& a, const T& b) { return a < b; })
                           : std::lower_bound(row, row + m, x, [](const T& a, const T& b) { return a < b; });
      o[i] = pos - row;
    }
  });
  return out_int32 ? to(out, kInt) : out;
}

TJIT_DEF Tensor searchsorted(const Tensor& sorted, const Scalar& value, bool out_int32, bool right,
                             std::optional<std::string_view> side, const Tensor& sorter) {
  TJIT_TRACE("aten::searchsorted.Scalar",
      searchsorted(sorted, value, out_int32, right, side, sorter), sorted, value, out_int32, right,
      side, sorter);
  TJIT_CHECK(sorted.dim() == 1, "torch.searchsorted(): input value can be a scalar only when "
             "boundaries tensor dimension is 1, but we got boundaries tensor dim(",
             sorted.dim(), ") and input value's dim(0) numel(1)");
  Tensor v = scalar_tensor(value, value.is_floating_point() ? kDouble : value.is_bool() ? kBool : kLong);
  return searchsorted(sorted, v, out_int32, right, side, sorter);
}

TJIT_DEF Tensor bucketize(const Tensor& values, const Tensor& boundaries, bool out_int32,
                          bool right) {
  TJIT_TRACE("aten::bucketize.Tensor", bucketize(values, boundaries, out_int32, right), values,
      boundaries, out_int32, right);
  TJIT_CHECK(boundaries.dim() == 1, "boundaries tensor must be 1 dimension, but got dim(",
             boundaries.dim(), ")");
  return searchsorted(boundaries, values, out_int32, right);
}
TJIT_DEF Tensor bucketize(const Scalar& value, const Tensor& boundaries, bool out_int32,
                          bool right) {
  TJIT_TRACE("aten::bucketize.Scalar", bucketize(value, boundaries, out_int32, right), value,
      boundaries, out_int32, right);
  TJIT_CHECK(boundaries.dim() == 1, "boundaries tensor must be 1 dimension, but got dim(",
             boundaries.dim(), ")");
  return searchsorted(boundaries, value, out_int32, right);
}

// ---------------------------------------------------------------------------------------------
// index_add, index_fill, masked_scatter

namespace detail {
inline std::vector<std::int64_t> index_values(const Tensor& index, const char* op) {
  TJIT_CHECK(index.dim() <= 1, op, ": Index is supposed to be a vector");
  Tensor c = contiguous(to(index, kLong));
  const std::int64_t* p = c.data_ptr<std::int64_t>();
  return std::vector<std::int64_t>(p, p + c.numel());
}
inline std::int64_t checked_index(std::int64_t i, std::int64_t size) {
  TJIT_CHECK(i >= -size && i < size, "index out of range in self");
  return i < 0 ? i + size : i;
}
}  // namespace detail

TJIT_DEF Tensor& index_add_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& source,
                            const Scalar& alpha) {
  TJIT_TRACE("aten::index_add_", index_add_(t, dim, index, source, alpha), t, dim, index, source,
      alpha);
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  TJIT_CHECK(index.scalar_type() == kLong || index.scalar_type() == kInt,
             "index_add_(): Expected dtype int32/int64 for index");
  TJIT_CHECK(t.scalar_type() == source.scalar_type(), "index_add_(): self (",
             to_string(t.scalar_type()), ") and source (", to_string(source.scalar_type()),
             ") must have the same scalar type");
  TJIT_CHECK(d == 0 || d < source.dim(), "index_add_(): Indexing dim ", d,
             " is out of bounds of the source tensor with dim ", source.dim());
  auto idx = detail::index_values(index, "index_add_()");
  const std::int64_t expect = source.dim() == 0 ? 1 : source.size(d);
  TJIT_CHECK(static_cast<std::int64_t>(idx.size()) == expect,
             "index_add_(): Number of indices (", idx.size(), ") should be equal to source.size(dim) (",
             expect, ")");
  Tensor self1 = t.dim() == 0 ? t.view({1}) : t;
  Tensor src1 = source.dim() == 0 ? source.view({1}) : source;
  TJIT_CHECK(self1.dim() == src1.dim(), "index_add_(): self and source must have the same number "
             "of dimensions");
  for (std::size_t i = 0; i < idx.size(); ++i) {
    Tensor dst = self1.select(d, detail::checked_index(idx[i], self1.size(d)));
    add_(dst, src1.select(d, static_cast<std::int64_t>(i)), alpha);
  }
  return t;
}
TJIT_DEF Tensor index_add(const Tensor& t, std::int64_t dim, const Tensor& index,
                          const Tensor& source, const Scalar& alpha) {
  TJIT_TRACE("aten::index_add", index_add(t, dim, index, source, alpha), t, dim, index, source,
      alpha);
  Tensor r = clone(t);
  return index_add_(r, dim, index, source, alpha);
}

TJIT_DEF Tensor& index_fill_(Tensor& t, std::int64_t dim, const Tensor& index, const Scalar& value) {
  TJIT_TRACE("aten::index_fill_.int_Scalar", index_fill_(t, dim, index, value), t, dim, index,
      value);
  TJIT_CHECK(index.scalar_type() == kLong, "index_fill_(): Expected dtype int64 for index.");
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  auto idx = detail::index_values(index, "index_fill_()");
  Tensor self1 = t.dim() == 0 ? t.view({1}) : t;
  for (std::int64_t i : idx) {
    const std::int64_t n = self1.size(d);
    TJIT_CHECK(i >= -n && i < n, "index ", i, " is out of bounds for dimension ", d,
               " with size ", n);
    Tensor dst = self1.select(d, i < 0 ? i + n : i);
    fill_(dst, value);
  }
  return t;
}
TJIT_DEF Tensor& index_fill_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& value) {
  TJIT_TRACE("aten::index_fill_.int_Tensor", index_fill_(t, dim, index, value), t, dim, index,
      value);
  TJIT_CHECK(value.dim() == 0, "index_fill_ only supports a 0-dimensional value tensor, but got "
             "tensor with ", value.dim(), " dimension(s).");
  return index_fill_(t, dim, index, value.item());
}
TJIT_DEF Tensor index_fill(const Tensor& t, std::int64_t dim, const Tensor& index,
                           const Scalar& value) {
  TJIT_TRACE("aten::index_fill.int_Scalar", index_fill(t, dim, index, value), t, dim, index, value);
  Tensor r = clone(t);
  return index_fill_(r, dim, index, value);
}
TJIT_DEF Tensor index_fill(const Tensor& t, std::int64_t dim, const Tensor& index,
                           const Tensor& value) {
  TJIT_TRACE("aten::index_fill.int_Tensor", index_fill(t, dim, index, value), t, dim, index, value);
  Tensor r = clone(t);
  return index_fill_(r, dim, index, value);
}

TJIT_DEF Tensor& masked_scatter_(Tensor& t, const Tensor& mask, const Tensor& source) {
  TJIT_TRACE("aten::masked_scatter_", masked_scatter_(t, mask, source), t, mask, source);
  TJIT_CHECK(mask.scalar_type() == kBool || mask.scalar_type() == kByte,
             "masked_scatter_ only supports boolean masks, but got mask with dtype ",
             to_string(mask.scalar_type()));
  TJIT_CHECK(t.scalar_type() == source.scalar_type(), "masked_scatter: expected self and source "
             "to have same dtypes but got", to_string(t.scalar_type()), " and ",
             to_string(source.scalar_type()));
  Tensor m = to(mask, kBool).expand(t.sizes());
  const std::int64_t k = count_nonzero(m).item<std::int64_t>();
  TJIT_CHECK(source.numel() >= k, "Number of elements of source < number of ones in mask");
  Tensor vals = contiguous(source).view({-1}).narrow(0, 0, k);
  return index_put_(t, {std::optional<Tensor>(m)}, vals);
}
TJIT_DEF Tensor masked_scatter(const Tensor& t, const Tensor& mask, const Tensor& source) {
  TJIT_TRACE("aten::masked_scatter", masked_scatter(t, mask, source), t, mask, source);
  Shape shape = broadcast_shapes(t.sizes(), mask.sizes());
  Tensor r = contiguous(t.expand(shape));
  if (r.is_alias_of(t)) r = clone(r);
  return masked_scatter_(r, mask, source);
}

// ---------------------------------------------------------------------------------------------
// repeat_interleave

TJIT_DEF Tensor repeat_interleave(const Tensor& repeats, std::optional<std::int64_t> output_size) {
  TJIT_TRACE("aten::repeat_interleave.Tensor", repeat_interleave(repeats, output_size), repeats,
      output_size);
  TJIT_CHECK(repeats.dim() <= 1, "repeats must be 0-dim or 1-dim tensor");
  TJIT_CHECK(repeats.scalar_type() == kLong || repeats.scalar_type() == kInt,
             "repeats has to be Long or Int tensor");
  Tensor r = contiguous(to(repeats.dim() == 0 ? repeats.view({1}) : repeats, kLong));
  const std::int64_t* p = r.data_ptr<std::int64_t>();
  std::int64_t total = 0;
  for (std::int64_t i = 0; i < r.numel(); ++i) {
    TJIT_CHECK(p[i] >= 0, "repeats can not be negative");
    total += p[i];
  }
  TJIT_CHECK(!output_size || *output_size == total, "output_size (", output_size.value_or(0),
             ") does not match the sum of repeats (", total, ")");
  Tensor out = Tensor::empty({total}, kLong);
  std::int64_t* o = out.data_ptr<std::int64_t>();
  for (std::int64_t i = 0, k = 0; i < r.numel(); ++i)
    for (std::int64_t j = 0; j < p[i]; ++j) o[k++] = i;
  return out;
}

TJIT_DEF Tensor repeat_interleave(const Tensor& t, const Tensor& repeats,
                                  std::optional<std::int64_t> dim,
                                  std::optional<std::int64_t> output_size) {
  TJIT_TRACE("aten::repeat_interleave.self_Tensor", repeat_interleave(t, repeats, dim, output_size),
      t, repeats, dim, output_size);
  Tensor input = dim ? t : contiguous(t).view({-1});
  const std::int64_t d = dim ? detail::wrap_dim(*dim, input.dim()) : 0;
  if (input.dim() == 0) input = input.view({1});
  Tensor reps = repeats;
  if (reps.dim() == 0 || (reps.dim() == 1 && reps.size(0) == 1))
    reps = reps.reshape({1}).expand({input.size(d)});
  TJIT_CHECK(reps.dim() == 1, "repeats must be 0-dim or 1-dim tensor");
  TJIT_CHECK(reps.size(0) == input.size(d), "repeats must have the same size as input along dim");
  return index_select(input, d, repeat_interleave(reps, output_size));
}

TJIT_DEF Tensor repeat_interleave(const Tensor& t, std::int64_t repeats,
                                  std::optional<std::int64_t> dim,
                                  std::optional<std::int64_t> output_size) {
  TJIT_TRACE("aten::repeat_interleave.self_int", repeat_interleave(t, repeats, dim, output_size), t,
      repeats, dim, output_size);
  TJIT_CHECK(repeats >= 0, "repeats can not be negative");
  return repeat_interleave(t, scalar_tensor(repeats, kLong), dim, output_size);
}

// ---------------------------------------------------------------------------------------------
// upsample_antialias

namespace detail {
// The [out, in] weight matrix of one axis (ATen's _compute_indices_min_size_weights_aa).
inline Tensor aa_weights(std::int64_t in, std::int64_t out, double scale, bool bicubic) {
  const double interp = bicubic ? 4 : 2;
  const double support = scale >= 1.0 ? interp * 0.5 * scale : interp * 0.5;
  const double invscale = scale >= 1.0 ? 1.0 / scale : 1.0;
  const auto max_interp = static_cast<std::int64_t>(std::ceil(support)) * 2 + 1;
  auto filter = [bicubic](double x) {
    x = std::abs(x);
    if (!bicubic) return x < 1.0 ? 1.0 - x : 0.0;
    constexpr double a = -0.5;
    if (x < 1.0) return ((a + 2) * x - (a + 3)) * x * x + 1;
    if (x < 2.0) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
    return 0.0;
  };
  Tensor w = zeros({out, in}, kDouble);
  double* p = w.data_ptr<double>();
  for (std::int64_t i = 0; i < out; ++i) {
    const double center = scale * (static_cast<double>(i) + 0.5);
    const std::int64_t xmin = std::max<std::int64_t>(static_cast<std::int64_t>(center - support + 0.5), 0);
    std::int64_t xsize = std::min<std::int64_t>(static_cast<std::int64_t>(center + support + 0.5), in) - xmin;
    xsize = std::clamp<std::int64_t>(xsize, 0, max_interp);
    double total = 0;
    for (std::int64_t j = 0; j < xsize; ++j)
      total += p[i * in + xmin + j] = filter((static_cast<double>(j + xmin) - center + 0.5) * invscale);
    if (total != 0)
      for (std::int64_t j = 0; j < xsize; ++j) p[i * in + xmin + j] /= total;
  }
  return w;
}
}  // namespace detail

TJIT_DEF Tensor upsample_antialias(const Tensor& input,
                                   const std::optional<std::vector<std::int64_t>>& output_size,
                                   std::string_view mode, bool align_corners,
                                   const std::optional<std::vector<double>>& scale_factors) {
  if (mode == "bilinear") {
    TJIT_TRACE("aten::_upsample_bilinear2d_aa.vec",
        upsample_antialias(input, output_size, mode, align_corners, scale_factors), input,
        output_size, align_corners, scale_factors);
  } else {
    TJIT_TRACE("aten::_upsample_bicubic2d_aa.vec",
        upsample_antialias(input, output_size, mode, align_corners, scale_factors), input,
        output_size, align_corners, scale_factors);
  }
  TJIT_CHECK(mode == "bilinear" || mode == "bicubic",
             "Anti-alias option is only supported for bilinear and bicubic modes");
  TJIT_CHECK(input.dim() == 4, "Non-empty 4D data tensor expected but got a tensor with sizes ",
             detail::shape_str(input.sizes()));
  TJIT_CHECK(output_size.has_value() != scale_factors.has_value(),
             "Must specify exactly one of output_size and scale_factors");
  if (!is_floating_type(input.scalar_type()) || input.scalar_type() == kHalf)
    detail::dispatch_fail(mode == "bilinear" ? "upsample_bilinear2d_aa" : "upsample_bicubic2d_aa",
                          input.scalar_type());
  Tensor x = input;
  for (int k = 1; k >= 0; --k) {  // width first, then height, as ATen's separable passes
    const std::int64_t d = 2 + k, in = input.size(d);
    std::int64_t out;
    double scale;
    if (output_size) {
      TJIT_CHECK(output_size->size() == 2, "It is expected output_size equals to 2, but got size ",
                 output_size->size());
      out = (*output_size)[static_cast<std::size_t>(k)];
    } else {
      TJIT_CHECK(scale_factors->size() == 2, "It is expected scale_factors equals to 2, but got size ",
                 scale_factors->size());
      out = static_cast<std::int64_t>(std::floor(static_cast<double>(in) * (*scale_factors)[static_cast<std::size_t>(k)]));
    }
    TJIT_CHECK(in > 0 && out > 0, "Input and output sizes should be greater than 0, but got input (H: ",
               input.size(2), ", W: ", input.size(3), ")");
    if (align_corners)
      scale = out > 1 ? static_cast<double>(in - 1) / static_cast<double>(out - 1) : 0.0;
    else if (scale_factors && (*scale_factors)[static_cast<std::size_t>(k)] > 0)
      scale = 1.0 / (*scale_factors)[static_cast<std::size_t>(k)];
    else
      scale = static_cast<double>(in) / static_cast<double>(out);
    Tensor w = to(detail::aa_weights(in, out, scale, mode == "bicubic"), input.scalar_type());
    x = matmul(x.transpose(d, 3), w.t()).transpose(d, 3);
  }
  return contiguous(x);
}

// ---------------------------------------------------------------------------------------------
// native_layer_norm, native_batch_norm

TJIT_DEF std::tuple<Tensor, Tensor, Tensor> native_layer_norm(const Tensor& input,
                                                              IntArrayRef normalized_shape,
                                                              const Tensor& weight,
                                                              const Tensor& bias, double eps) {
  TJIT_TRACE("aten::native_layer_norm",
      native_layer_norm(input, normalized_shape, weight, bias, eps), input, normalized_shape,
      weight, bias, eps);
  std::vector<std::int64_t> in_sizes(input.sizes().begin(), input.sizes().end());
  std::vector<std::int64_t> ns(normalized_shape.begin(), normalized_shape.end());
  kernels::check_layer_norm(in_sizes, ns);
  for (const Tensor* w : {&weight, &bias})
    TJIT_CHECK(!w->defined() || w->sizes() == normalized_shape, "Expected ",
               w == &weight ? "weight" : "bias", " to be of same shape as normalized_shape, but got ",
               w == &weight ? "weight" : "bias", " of shape ", detail::shape_str(w->sizes()),
               " and normalized_shape = ", detail::shape_str(normalized_shape));
  std::int64_t n = 1;
  for (auto v : ns) n *= v;
  const std::int64_t m = n == 0 ? 0 : input.numel() / n;
  Shape stat_shape(in_sizes.begin(), in_sizes.end() - static_cast<std::ptrdiff_t>(ns.size()));
  for (std::size_t i = 0; i < ns.size(); ++i) stat_shape.push_back(1);
  const ScalarType dt = input.scalar_type();
  return detail::dispatch_float_kernel(dt, "LayerNormKernelImpl", [&](auto tag) {
    using T = decltype(tag);
    Tensor x = detail::as_kernel_operand<T>(input), w = detail::as_kernel_operand<T>(weight),
           b = detail::as_kernel_operand<T>(bias);
    Tensor y = Tensor::empty(input.sizes(), scalar_type_of<T>);
    Tensor mean = Tensor::empty(stat_shape, scalar_type_of<T>);
    Tensor rstd = Tensor::empty(stat_shape, scalar_type_of<T>);
    if (y.numel() > 0)
      kernels::layer_norm<T>(m, n, x.data_ptr<T>(), detail::ptr_or_null<T>(w),
                             detail::ptr_or_null<T>(b), eps, y.data_ptr<T>(), mean.data_ptr<T>(),
                             rstd.data_ptr<T>());
    return std::tuple<Tensor, Tensor, Tensor>{detail::as_dtype(y, dt), detail::as_dtype(mean, dt),
                                              detail::as_dtype(rstd, dt)};
  });
}

TJIT_DEF std::tuple<Tensor, Tensor, Tensor> native_batch_norm(
    const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& running_mean,
    const Tensor& running_var, bool training, double momentum, double eps) {
  TJIT_TRACE("aten::native_batch_norm",
      native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps),
      input, weight, bias, running_mean, running_var, training, momentum, eps);
  TJIT_CHECK(input.dim() >= 2, "batch_norm: expected an input with at least 2 dims, but got ",
             detail::shape_str(input.sizes()));
  const std::int64_t n = input.size(0), c = input.size(1);
  std::int64_t s = 1;
  for (std::int64_t i = 2; i < input.dim(); ++i) s *= input.size(i);
  auto numel = [](const Tensor& t) { return t.defined() ? t.numel() : std::int64_t(-1); };
  kernels::check_batch_norm(c, numel(weight), numel(bias), numel(running_mean), numel(running_var));
  if (training)
    kernels::check_batch_norm_training(
        std::vector<std::int64_t>(input.sizes().begin(), input.sizes().end()));
  TJIT_CHECK(training || (running_mean.defined() && running_var.defined()),
             "running_mean and running_var must be defined in evaluation mode");
  const ScalarType dt = input.scalar_type();
  return detail::dispatch_float_kernel(dt, "batch_norm", [&](auto tag) {
    using T = decltype(tag);
    auto running = [](const Tensor& r) {
      if (!r.defined() || (r.scalar_type() == scalar_type_of<T> && r.is_contiguous())) return r;
      return clone(r, scalar_type_of<T>);
    };
    Tensor x = detail::as_kernel_operand<T>(input), w = detail::as_kernel_operand<T>(weight),
           b = detail::as_kernel_operand<T>(bias);
    Tensor rm = running(running_mean), rv = running(running_var);
    Tensor y = Tensor::empty(input.sizes(), scalar_type_of<T>);
    Tensor save_mean = Tensor::empty({training ? c : 0}, scalar_type_of<T>);
    Tensor save_invstd = Tensor::empty({training ? c : 0}, scalar_type_of<T>);
    if (x.numel() > 0 || training)
      kernels::batch_norm<T>(n, c, s, x.data_ptr<T>(), detail::ptr_or_null<T>(w),
                             detail::ptr_or_null<T>(b), rm.defined() ? rm.data_ptr<T>() : nullptr,
                             rv.defined() ? rv.data_ptr<T>() : nullptr, training, momentum, eps,
                             y.data_ptr<T>(), training ? save_mean.data_ptr<T>() : nullptr,
                             training ? save_invstd.data_ptr<T>() : nullptr);
    if (training) {
      for (auto [orig, tmp] : {std::pair<Tensor, Tensor>{running_mean, rm}, {running_var, rv}})
        if (orig.defined() && !orig.is_same(tmp)) copy_(orig, tmp);
    }
    return std::tuple<Tensor, Tensor, Tensor>{detail::as_dtype(y, dt), save_mean, save_invstd};
  });
}

}  // namespace tjit
