// tjit/tensor/ops/detail/sort_impl.hpp — definitions of tjit/tensor/ops/sort.hpp.
//
// Rows along `dim` are copied out as double (floating inputs, exact) or int64 (integral and
// bool), sorted as index permutations with std::stable_sort (NaN greatest), and the values are
// read back from the input by index, so results keep the input dtype exactly.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "tjit/core/parallel.hpp"

#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/indexing.hpp"
#include "tjit/tensor/ops/sort.hpp"

namespace tjit {
namespace detail {

// Rows of `t` along `d` in compute type C (double or int64), as a contiguous [rows, len] buffer.
struct SortRows {
  Tensor rows;
  std::int64_t nrows = 0, len = 0;
  bool floating = false;
};

inline SortRows sort_rows(const Tensor& t, std::int64_t d) {
  SortRows r;
  r.floating = is_floating_type(t.scalar_type());
  Tensor moved = t.dim() == 0 ? t.reshape({1}) : t.transpose(d, -1);
  r.rows = clone(moved, r.floating ? kDouble : kLong);
  r.len = moved.size(-1);
  r.nrows = r.len ? moved.numel() / r.len : 0;
  return r;
}

// Sorted index permutation of every row (int64 [rows, len]).
inline Tensor sort_indices(const SortRows& r, bool descending) {
  Tensor idx = Tensor::empty({r.nrows, r.len}, kLong);
  std::int64_t* ip = idx.data_ptr<std::int64_t>();
  auto run = [&](auto tag) {
    using C = decltype(tag);
    const C* x = r.rows.data_ptr<C>();
    parallel_for(0, r.nrows, 1, [&](std::int64_t b, std::int64_t e) {
      for (std::int64_t row = b; row < e; ++row) {
        const C* v = x + row * r.len;
        std::int64_t* o = ip + row * r.len;
        std::iota(o, o + r.len, std::int64_t{0});
        auto less = [v](std::int64_t a, std::int64_t c) {
          C x1 = v[a], x2 = v[c];
          if constexpr (std::is_floating_point_v<C>) {
            if (std::isnan(x1)) return false;
            if (std::isnan(x2)) return true;
          }
          return x1 < x2;
        };
        if (descending)
          std::stable_sort(o, o + r.len, [&](std::int64_t a, std::int64_t c) { return less(c, a); });
        else
          std::stable_sort(o, o + r.len, less);
      }
    });
  };
  if (r.floating) run(double{});
  else run(std::int64_t{});
  return idx;
}

// Takes columns [0, k) of a [rows, len] index tensor, reads the values of `t` along `d`, and
// returns both shaped like `t` with dim `d` of size k.
inline std::tuple<Tensor, Tensor> take_sorted(const Tensor& t, std::int64_t d, const Tensor& idx,
                                              std::int64_t begin, std::int64_t k, bool keepdim_drop) {
  Tensor sel = idx.narrow(1, begin, k);
  // Shape of t with dim d moved last and of size k.
  Shape moved;
  if (t.dim() > 0) {
    Tensor m = t.transpose(d, -1);
    moved.assign(m.sizes().begin(), m.sizes().end());
    moved.back() = k;
  } else {
    moved = {k};
  }
  Tensor ind = contiguous(sel).view(moved);
  Tensor src = t.dim() == 0 ? t.reshape({1}) : t.transpose(d, -1);
  Tensor vals = gather(src, -1, ind);
  if (t.dim() == 0) {
    return {vals.reshape({}), ind.reshape({})};
  }
  vals = contiguous(vals.transpose(d, -1));
  ind = contiguous(ind.transpose(d, -1));
  if (keepdim_drop) {
    vals = vals.squeeze(d);
    ind = ind.squeeze(d);
  }
  return {vals, ind};
}

}  // namespace detail

TJIT_DEF std::tuple<Tensor, Tensor> sort(const Tensor& t, std::int64_t dim, bool descending, bool stable) {
  if (stable) {
    TJIT_TRACE("aten::sort.stable", sort(t, dim, descending, stable), t, stable, dim, descending);
  } else {
    TJIT_TRACE("aten::sort", sort(t, dim, descending, stable), t, dim, descending);
  }
  (void)stable;
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  detail::SortRows r = detail::sort_rows(t, d);
  Tensor idx = detail::sort_indices(r, descending);
  return detail::take_sorted(t, d, idx, 0, r.len, false);
}

TJIT_DEF Tensor argsort(const Tensor& t, std::int64_t dim, bool descending, bool stable) {
  if (stable) {
    TJIT_TRACE("aten::argsort.stable", argsort(t, dim, descending, stable), t, stable, dim,
        descending);
  } else {
    TJIT_TRACE("aten::argsort", argsort(t, dim, descending, stable), t, dim, descending);
  }
  return std::get<1>(sort(t, dim, descending, stable));
}

TJIT_DEF std::tuple<Tensor, Tensor> topk(const Tensor& t, std::int64_t k, std::int64_t dim,
                                         bool largest, bool sorted) {
  TJIT_TRACE("aten::topk", topk(t, k, dim, largest, sorted), t, k, dim, largest, sorted);
  (void)sorted;
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  const std::int64_t n = t.dim() == 0 ? 1 : t.size(d);
  TJIT_CHECK(k >= 0 && k <= n, "selected index k out of range");
  detail::SortRows r = detail::sort_rows(t, d);
  Tensor idx = detail::sort_indices(r, largest);
  return detail::take_sorted(t, d, idx, 0, k, false);
}

TJIT_DEF std::tuple<Tensor, Tensor> kthvalue(const Tensor& t, std::int64_t k, std::int64_t dim,
                                             bool keepdim) {
  TJIT_TRACE("aten::kthvalue", kthvalue(t, k, dim, keepdim), t, k, dim, keepdim);
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  const std::int64_t n = t.dim() == 0 ? 1 : t.size(d);
  TJIT_CHECK(k >= 1 && k <= n, "kthvalue(): selected number k out of range for dimension ", d);
  detail::SortRows r = detail::sort_rows(t, d);
  Tensor idx = detail::sort_indices(r, false);
  return detail::take_sorted(t, d, idx, k - 1, 1, !keepdim && t.dim() > 0);
}

TJIT_DEF std::tuple<Tensor, Tensor> median(const Tensor& t, std::int64_t dim, bool keepdim) {
  TJIT_TRACE("aten::median.dim", median(t, dim, keepdim), t, dim, keepdim);
  const std::int64_t d = detail::wrap_dim(dim, t.dim());
  const std::int64_t n = t.dim() == 0 ? 1 : t.size(d);
  TJIT_CHECK_AS(IndexError, n > 0, "median(): Expected reduction dim ", d, " to have non-zero size.");
  detail::SortRows r = detail::sort_rows(t, d);
  Tensor idx = detail::sort_indices(r, false);
  // NaN propagates: a row holding NaN has its first NaN as the median.
  if (r.floating) {
    const double* x = r.rows.data_ptr<double>();
    std::int64_t* ip = idx.data_ptr<std::int64_t>();
    for (std::int64_t row = 0; row < r.nrows; ++row) {
      const double* v = x + row * r.len;
      for (std::int64_t i = 0; i < r.len; ++i)
        if (std::isnan(v[i])) {
          ip[row * r.len + (r.len - 1) / 2] = i;
          break;
        }
    }
  }
  return detail::take_sorted(t, d, idx, (n - 1) / 2, 1, !keepdim && t.dim() > 0);
}

TJIT_DEF Tensor median(const Tensor& t) {
  TJIT_TRACE("aten::median", median(t), t);
  if (t.numel() == 0) return full({}, std::numeric_limits<double>::quiet_NaN(), t.scalar_type());
  return std::get<0>(median(t.reshape({-1}), 0, false));
}

TJIT_DEF std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& t, bool sorted,
                                                   bool return_inverse, bool return_counts) {
  TJIT_TRACE("aten::_unique2", unique(t, sorted, return_inverse, return_counts), t, sorted,
      return_inverse, return_counts);
  (void)sorted;
  Tensor flat = t.reshape({-1});
  auto [vals, order] = sort(flat, 0, false, true);
  const std::int64_t n = flat.numel();
  Tensor sv = clone(vals, is_floating_type(t.scalar_type()) ? kDouble : kLong);
  std::vector<std::int64_t> first, inv(static_cast<std::size_t>(n)), counts;
  const std::int64_t* op = order.data_ptr<std::int64_t>();
  auto run = [&](auto tag) {
    using C = decltype(tag);
    const C* v = sv.data_ptr<C>();
    for (std::int64_t i = 0; i < n; ++i) {
      bool same = i > 0 && (v[i] == v[i - 1]);
      if (!same) {
        first.push_back(i);
        counts.push_back(0);
      }
      ++counts.back();
      inv[static_cast<std::size_t>(op[i])] = static_cast<std::int64_t>(first.size()) - 1;
    }
  };
  if (is_floating_type(t.scalar_type())) run(double{});
  else run(std::int64_t{});
  Tensor out = index(vals, {tensor(first)});
  Tensor inverse, cnt;
  if (return_inverse) inverse = tensor(inv).view(t.sizes());
  if (return_counts) cnt = tensor(counts);
  return {out, inverse, cnt};
}

TJIT_DEF std::tuple<Tensor, Tensor, Tensor> unique_consecutive(const Tensor& t, bool return_inverse,
                                                               bool return_counts) {
  TJIT_TRACE("aten::unique_consecutive", unique_consecutive(t, return_inverse, return_counts), t,
      return_inverse, return_counts, std::nullopt);
  Tensor flat = t.reshape({-1});
  const std::int64_t n = flat.numel();
  Tensor sv = clone(flat, is_floating_type(t.scalar_type()) ? kDouble : kLong);
  std::vector<std::int64_t> first, inv(static_cast<std::size_t>(n)), counts;
  auto run = [&](auto tag) {
    using C = decltype(tag);
    const C* v = sv.data_ptr<C>();
    for (std::int64_t i = 0; i < n; ++i) {
      if (!(i > 0 && v[i] == v[i - 1])) {
        first.push_back(i);
        counts.push_back(0);
      }
      ++counts.back();
      inv[static_cast<std::size_t>(i)] = static_cast<std::int64_t>(first.size()) - 1;
    }
  };
  if (is_floating_type(t.scalar_type())) run(double{});
  else run(std::int64_t{});
  Tensor out = index(flat, {tensor(first)});
  Tensor inverse, cnt;
  if (return_inverse) inverse = tensor(inv).view(t.sizes());
  if (return_counts) cnt = tensor(counts);
  return {out, inverse, cnt};
}

}  // namespace tjit
