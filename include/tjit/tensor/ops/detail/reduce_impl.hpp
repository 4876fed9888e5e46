// tjit/tensor/ops/detail/reduce_impl.hpp — definitions of tjit/tensor/ops/reduce.hpp.
//
// Every reduction runs the same plan: the reduced dims are permuted innermost and the input is
// copied, converted to a compute type (double for floating inputs, int64 for integral ones,
// bool for all/any), into a contiguous [rows, len] buffer; each row is reduced by a small
// function, rows in parallel. Accumulating float32/half in double makes sums at least as exact
// as PyTorch's cascade summation (results agree to float32 rounding).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "tjit/tensor/iterator.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/reduce.hpp"

namespace tjit {
namespace detail {

struct ReducePlan {
  Tensor rows;  // contiguous [nrows * len] in the compute dtype
  std::int64_t nrows = 1, len = 1;
  Shape out_shape;
};

// Which dims of `t` `dims` names (all when empty), with PyTorch's checks.
inline std::vector<bool> reduce_mask(const Tensor& t, IntArrayRef dims) {
  const std::int64_t n = t.dim();
  std::vector<bool> mask(static_cast<std::size_t>(n), dims.empty());
  std::vector<bool> seen(static_cast<std::size_t>(std::max<std::int64_t>(n, 1)), false);
  for (std::int64_t d : dims) {
    std::int64_t w = wrap_dim(d, n);
    TJIT_CHECK(!seen[static_cast<std::size_t>(w)], "dim ", w,
               " appears multiple times in the list of dims");
    seen[static_cast<std::size_t>(w)] = true;
    if (n > 0) mask[static_cast<std::size_t>(w)] = true;
  }
  return mask;
}

inline ReducePlan plan_reduce(const Tensor& t, IntArrayRef dims, bool keepdim,
                              ScalarType compute) {
  auto mask = reduce_mask(t, dims);
  const std::int64_t n = t.dim();
  Shape perm, out;
  ReducePlan p;
  for (std::int64_t i = 0; i < n; ++i)
    if (!mask[static_cast<std::size_t>(i)]) {
      perm.push_back(i);
      p.nrows *= t.size(i);
      out.push_back(t.size(i));
    } else if (keepdim) {
      out.push_back(1);
    }
  for (std::int64_t i = 0; i < n; ++i)
    if (mask[static_cast<std::size_t>(i)]) {
      perm.push_back(i);
      p.len *= t.size(i);
    }
  if (keepdim) {
    out.clear();
    for (std::int64_t i = 0; i < n; ++i) out.push_back(mask[static_cast<std::size_t>(i)] ? 1 : t.size(i));
  }
  p.rows = clone(t.permute(perm), compute);
  p.out_shape = out;
  return p;
}

// Reduces each row with fn(const C* row, int64 len) -> R into a [nrows] tensor of dtype `res`.
template <class C, class R, class F>
Tensor reduce_rows(const ReducePlan& p, ScalarType res, const F& fn) {
  Tensor out = Tensor::empty({p.nrows}, res);
  const C* in = p.rows.data_ptr<C>();
  R* o = out.data_ptr<R>();
  const std::int64_t len = p.len;
  parallel_for(0, p.nrows, std::max<std::int64_t>(1, 32768 / std::max<std::int64_t>(len, 1)),
               [&](std::int64_t b, std::int64_t e) {
                 for (std::int64_t r = b; r < e; ++r) o[r] = fn(in + r * len, len);
               });
  return out;
}

inline ScalarType compute_type(ScalarType t) {
  if (is_floating_type(t)) return kDouble;
  if (t == kBool) return kBool;
  return kLong;
}

inline Tensor finish(const Tensor& flat, const Shape& shape, ScalarType dtype) {
  return to(flat, dtype).view(shape);
}

// sum/prod/mean share this: fn over double or int64 rows.
template <class F>
Tensor reduce_arith(const Tensor& t, IntArrayRef dims, bool keepdim, ScalarType out_dtype,
                    const F& fn) {
  ScalarType c = is_floating_type(out_dtype) ? kDouble : (out_dtype == kBool ? kLong : kLong);
  ReducePlan p = plan_reduce(t, dims, keepdim, c);
  Tensor r = c == kDouble ? reduce_rows<double, double>(p, kDouble, [&](const double* x, std::int64_t n) { return fn(x, n); })
                          : reduce_rows<std::int64_t, std::int64_t>(p, kLong, [&](const std::int64_t* x, std::int64_t n) { return fn(x, n); });
  return finish(r, p.out_shape, out_dtype);
}

inline ScalarType int_to_long(const Tensor& t, std::optional<ScalarType> dtype) {
  if (dtype) return *dtype;
  return is_integral_type(t.scalar_type(), true) ? kLong : t.scalar_type();
}

template <class C>
inline bool is_nan_v(C v) {
  if constexpr (std::is_floating_point_v<C>) return std::isnan(v);
  else return false;
}

// Index of the max (or min) of a row: first on ties, first NaN wins.
template <bool Max, class C>
std::int64_t arg_extreme(const C* x, std::int64_t n) {
  std::int64_t bi = 0;
  C best = x[0];
  if (is_nan_v(best)) return 0;
  for (std::int64_t i = 1; i < n; ++i) {
    C v = x[i];
    if (is_nan_v(v)) return i;
    if (Max ? v > best : v < best) {
      best = v;
      bi = i;
    }
  }
  return bi;
}

template <bool Max>
std::tuple<Tensor, Tensor> extreme_dim(const Tensor& t, std::int64_t dim, bool keepdim,
                                       const char* name) {
  std::int64_t d = wrap_dim(dim, t.dim());
  if (t.dim() > 0)
    TJIT_CHECK(t.size(d) != 0, name, "(): Expected reduction dim ", d, " to have non-zero size.");
  ScalarType c = compute_type(t.scalar_type());
  if (c == kBool) c = kLong;
  ReducePlan p = plan_reduce(t, IntArrayRef(&dim, 1), keepdim, c);
  Tensor idx = dispatch_all(c, name, [&](auto tag) -> Tensor {
    using C = decltype(tag);
    if constexpr (std::is_same_v<C, double> || std::is_same_v<C, std::int64_t>) {
      return reduce_rows<C, std::int64_t>(p, kLong, [](const C* x, std::int64_t n) {
        return arg_extreme<Max>(x, n);
      });
    } else {
      dispatch_fail(name, c);
    }
  });
  // Gather the values from the rows.
  Tensor vals = Tensor::empty({p.nrows}, c);
  dispatch_all(c, name, [&](auto tag) {
    using C = decltype(tag);
    if constexpr (std::is_same_v<C, double> || std::is_same_v<C, std::int64_t>) {
      const C* in = p.rows.data_ptr<C>();
      const std::int64_t* ix = idx.data_ptr<std::int64_t>();
      C* o = vals.data_ptr<C>();
      for (std::int64_t r = 0; r < p.nrows; ++r) o[r] = in[r * p.len + ix[r]];
    }
  });
  return {finish(vals, p.out_shape, t.scalar_type()), idx.view(p.out_shape)};
}

template <bool Max>
Tensor extreme_all(const Tensor& t, IntArrayRef dims, bool keepdim, const char* name) {
  TJIT_CHECK(!(dims.empty() && t.numel() == 0), name, "(): Expected reduction dim to be "
             "specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.");
  for (std::int64_t d : dims) {
    std::int64_t w = wrap_dim(d, t.dim());
    if (t.dim() > 0)
      TJIT_CHECK(t.size(w) != 0, name, "(): Expected reduction dim ", w, " to have non-zero size.");
  }
  ScalarType c = compute_type(t.scalar_type());
  if (c == kBool) c = kLong;
  ReducePlan p = plan_reduce(t, dims, keepdim, c);
  Tensor r = dispatch_all(c, name, [&](auto tag) -> Tensor {
    using C = decltype(tag);
    if constexpr (std::is_same_v<C, double> || std::is_same_v<C, std::int64_t>) {
      return reduce_rows<C, C>(p, c, [](const C* x, std::int64_t n) {
        return x[arg_extreme<Max>(x, n)];
      });
    } else {
      dispatch_fail(name, c);
    }
  });
  return finish(r, p.out_shape, t.scalar_type());
}

// Mean and M2 of a row by Welford's update (as PyTorch's var/std).
inline void welford(const double* x, std::int64_t n, double* mean, double* m2) {
  double m = 0, s = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    double delta = x[i] - m;
    m += delta / static_cast<double>(i + 1);
    s += delta * (x[i] - m);
  }
  *mean = m;
  *m2 = s;
}

inline std::tuple<Tensor, Tensor> var_mean_impl(const Tensor& t, IntArrayRef dims,
                                                std::optional<double> correction, bool keepdim,
                                                bool take_sqrt) {
  TJIT_CHECK(is_floating_type(t.scalar_type()),
             "std and var only support floating point and complex dtypes");
  const double c = correction.value_or(1.0);
  ReducePlan p = plan_reduce(t, dims, keepdim, kDouble);
  Tensor means = Tensor::empty({p.nrows}, kDouble);
  double* mp = means.data_ptr<double>();
  Tensor v = reduce_rows<double, double>(p, kDouble, [&](const double* x, std::int64_t n) {
    double m, m2;
    welford(x, n, &m, &m2);
    mp[(x - p.rows.data_ptr<double>()) / std::max<std::int64_t>(p.len, 1)] = n ? m : NAN;
    double r = m2 / std::max(0.0, static_cast<double>(n) - c);
    return take_sqrt ? std::sqrt(r) : r;
  });
  if (p.len == 0) std::fill(mp, mp + p.nrows, NAN);
  return {finish(v, p.out_shape, t.scalar_type()), finish(means, p.out_shape, t.scalar_type())};
}

inline Tensor all_any(const Tensor& t, IntArrayRef dims, bool keepdim, bool is_all) {
  ScalarType out = t.scalar_type() == kByte ? kByte : kBool;
  ReducePlan p = plan_reduce(t, dims, keepdim, kBool);
  Tensor r = reduce_rows<bool, bool>(p, kBool, [is_all](const bool* x, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i)
      if (x[i] != is_all) return !is_all;
    return is_all;
  });
  return finish(r, p.out_shape, out);
}

template <bool Sum>
Tensor scan(const Tensor& t, std::int64_t dim, std::optional<ScalarType> dtype) {
  ScalarType out = int_to_long(t, dtype);
  std::int64_t d = wrap_dim(dim, t.dim());
  if (t.dim() == 0) return clone(t, out);
  ScalarType c = is_floating_type(out) ? kDouble : kLong;
  Tensor moved = t.transpose(d, -1);
  Tensor rows = clone(moved, c);
  const std::int64_t len = moved.size(-1), nrows = len ? rows.numel() / len : 0;
  dispatch_all(c, Sum ? "cumsum" : "cumprod", [&](auto tag) {
    using C = decltype(tag);
    if constexpr (std::is_same_v<C, double> || std::is_same_v<C, std::int64_t>) {
      C* x = rows.data_ptr<C>();
      parallel_for(0, nrows, std::max<std::int64_t>(1, 32768 / std::max<std::int64_t>(len, 1)),
                   [&](std::int64_t b, std::int64_t e) {
                     for (std::int64_t r = b; r < e; ++r) {
                       C* row = x + r * len;
                       C acc = Sum ? C(0) : C(1);
                       for (std::int64_t i = 0; i < len; ++i) {
                         if constexpr (Sum) {
                           acc = static_cast<C>(acc + row[i]);
                         } else {
                           acc = static_cast<C>(acc * row[i]);
                         }
                         // Accumulate in the output dtype, as PyTorch does.
                         if (out == kFloat) acc = static_cast<C>(static_cast<float>(acc));
                         row[i] = acc;
                       }
                     }
                   });
    }
  });
  Tensor result = Tensor::empty(t.sizes(), out);
  Tensor view = result.transpose(d, -1);
  copy_(view, rows);
  return result;
}

// What a trace records for `correction`: PyTorch 1.13's schemas take `int? correction`.
inline std::optional<std::int64_t> correction_arg(std::optional<double> correction) {
  if (!correction) return std::nullopt;
  return static_cast<std::int64_t>(*correction);
}

}  // namespace detail

TJIT_DEF Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (dim.empty() && !keepdim) {
    TJIT_TRACE("aten::sum", sum(t, dim, keepdim, dtype), t, dtype);
  } else {
    TJIT_TRACE("aten::sum.dim_IntList", sum(t, dim, keepdim, dtype), t, dim, keepdim, dtype);
  }
  ScalarType out = detail::int_to_long(t, dtype);
  return detail::reduce_arith(t, dim, keepdim, out, [](const auto* x, std::int64_t n) {
    using C = std::remove_cv_t<std::remove_pointer_t<decltype(x)>>;
    C s = 0;
    for (std::int64_t i = 0; i < n; ++i) s = static_cast<C>(s + x[i]);
    return s;
  });
}

TJIT_DEF Tensor prod(const Tensor& t, std::optional<std::int64_t> dim, bool keepdim,
                     std::optional<ScalarType> dtype) {
  if (dim) {
    TJIT_TRACE("aten::prod.dim_int", prod(t, dim, keepdim, dtype), t, *dim, keepdim, dtype);
  } else {
    TJIT_TRACE("aten::prod", prod(t, dim, keepdim, dtype), t, dtype);
  }
  ScalarType out = detail::int_to_long(t, dtype);
  auto fn = [](const auto* x, std::int64_t n) {
    using C = std::remove_cv_t<std::remove_pointer_t<decltype(x)>>;
    C s = 1;
    for (std::int64_t i = 0; i < n; ++i) s = static_cast<C>(s * x[i]);
    return s;
  };
  if (!dim) return detail::reduce_arith(t, {}, false, out, fn);
  std::int64_t d = *dim;
  return detail::reduce_arith(t, IntArrayRef(&d, 1), keepdim, out, fn);
}

TJIT_DEF Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  if (dim.empty() && !keepdim) {
    TJIT_TRACE("aten::mean", mean(t, dim, keepdim, dtype), t, dtype);
  } else {
    TJIT_TRACE("aten::mean.dim", mean(t, dim, keepdim, dtype), t, dim, keepdim, dtype);
  }
  if (dtype) {
    TJIT_CHECK(is_floating_type(*dtype), "mean(): could not infer output dtype. Optional dtype "
               "must be either a floating point or complex dtype. Got: ", to_string(*dtype));
  } else {
    TJIT_CHECK(is_floating_type(t.scalar_type()),
               "mean(): could not infer output dtype. Input dtype must be either a floating "
               "point or complex dtype. Got: ", to_string(t.scalar_type()));
  }
  ScalarType out = dtype.value_or(t.scalar_type());
  return detail::reduce_arith(t, dim, keepdim, out, [](const auto* x, std::int64_t n) {
    double s = 0;
    for (std::int64_t i = 0; i < n; ++i) s += static_cast<double>(x[i]);
    return static_cast<std::remove_cv_t<std::remove_pointer_t<decltype(x)>>>(s / static_cast<double>(n));
  });
}

TJIT_DEF Tensor max(const Tensor& t) {
  TJIT_TRACE("aten::max", max(t), t);
  TJIT_CHECK(t.numel() > 0, "max(): Expected reduction dim to be specified for input.numel() == 0. "
             "Specify the reduction dim with the 'dim' argument.");
  return detail::extreme_all<true>(t, {}, false, "max");
}
TJIT_DEF Tensor min(const Tensor& t) {
  TJIT_TRACE("aten::min", min(t), t);
  TJIT_CHECK(t.numel() > 0, "min(): Expected reduction dim to be specified for input.numel() == 0. "
             "Specify the reduction dim with the 'dim' argument.");
  return detail::extreme_all<false>(t, {}, false, "min");
}
TJIT_DEF std::tuple<Tensor, Tensor> max(const Tensor& t, std::int64_t dim, bool keepdim) {
  TJIT_TRACE("aten::max.dim", max(t, dim, keepdim), t, dim, keepdim);
  return detail::extreme_dim<true>(t, dim, keepdim, "max");
}
TJIT_DEF std::tuple<Tensor, Tensor> min(const Tensor& t, std::int64_t dim, bool keepdim) {
  TJIT_TRACE("aten::min.dim", min(t, dim, keepdim), t, dim, keepdim);
  return detail::extreme_dim<false>(t, dim, keepdim, "min");
}
TJIT_DEF Tensor amax(const Tensor& t, IntArrayRef dim, bool keepdim) {
  TJIT_TRACE("aten::amax", amax(t, dim, keepdim), t, dim, keepdim);
  return detail::extreme_all<true>(t, dim, keepdim, "amax");
}
TJIT_DEF Tensor amin(const Tensor& t, IntArrayRef dim, bool keepdim) {
  TJIT_TRACE("aten::amin", amin(t, dim, keepdim), t, dim, keepdim);
  return detail::extreme_all<false>(t, dim, keepdim, "amin");
}
TJIT_DEF Tensor argmax(const Tensor& t, std::optional<std::int64_t> dim, bool keepdim) {
  TJIT_TRACE("aten::argmax", argmax(t, dim, keepdim), t, dim, keepdim);
  if (!dim) {
    TJIT_CHECK(t.numel() > 0, "argmax(): Expected reduction dim to be specified for "
               "input.numel() == 0.");
    if (t.scalar_type() == kBool) detail::dispatch_fail("argmax_cpu", kBool);
    Tensor r = std::get<1>(detail::extreme_dim<true>(t.reshape({-1}), 0, false, "argmax"));
    return keepdim ? r.view(Shape(static_cast<std::size_t>(t.dim()), 1)) : r;
  }
  std::int64_t d = detail::wrap_dim(*dim, t.dim());
  if (t.dim() > 0)
    TJIT_CHECK(t.size(d) != 0, "argmax(): Expected reduction dim ", d, " to have non-zero size.");
  if (t.scalar_type() == kBool && t.numel() > 0) detail::dispatch_fail("argmax_cpu", kBool);
  return std::get<1>(detail::extreme_dim<true>(t, *dim, keepdim, "argmax"));
}
TJIT_DEF Tensor argmin(const Tensor& t, std::optional<std::int64_t> dim, bool keepdim) {
  TJIT_TRACE("aten::argmin", argmin(t, dim, keepdim), t, dim, keepdim);
  if (!dim) {
    TJIT_CHECK(t.numel() > 0, "argmin(): Expected reduction dim to be specified for "
               "input.numel() == 0.");
    if (t.scalar_type() == kBool) detail::dispatch_fail("argmin_cpu", kBool);
    Tensor r = std::get<1>(detail::extreme_dim<false>(t.reshape({-1}), 0, false, "argmin"));
    return keepdim ? r.view(Shape(static_cast<std::size_t>(t.dim()), 1)) : r;
  }
  std::int64_t d = detail::wrap_dim(*dim, t.dim());
  if (t.dim() > 0)
    TJIT_CHECK(t.size(d) != 0, "argmin(): Expected reduction dim ", d, " to have non-zero size.");
  if (t.scalar_type() == kBool && t.numel() > 0) detail::dispatch_fail("argmin_cpu", kBool);
  return std::get<1>(detail::extreme_dim<false>(t, *dim, keepdim, "argmin"));
}

TJIT_DEF Tensor var(const Tensor& t, IntArrayRef dim, std::optional<double> correction, bool keepdim) {
  TJIT_TRACE("aten::var.correction", var(t, dim, correction, keepdim), t, dim,
      detail::correction_arg(correction), keepdim);
  return std::get<0>(detail::var_mean_impl(t, dim, correction, keepdim, false));
}
TJIT_DEF Tensor std(const Tensor& t, IntArrayRef dim, std::optional<double> correction, bool keepdim) {
  TJIT_TRACE("aten::std.correction", std(t, dim, correction, keepdim), t, dim,
      detail::correction_arg(correction), keepdim);
  return std::get<0>(detail::var_mean_impl(t, dim, correction, keepdim, true));
}
TJIT_DEF std::tuple<Tensor, Tensor> var_mean(const Tensor& t, IntArrayRef dim,
                                             std::optional<double> correction, bool keepdim) {
  TJIT_TRACE("aten::var_mean.correction", var_mean(t, dim, correction, keepdim), t, dim,
      detail::correction_arg(correction), keepdim);
  return detail::var_mean_impl(t, dim, correction, keepdim, false);
}
TJIT_DEF std::tuple<Tensor, Tensor> std_mean(const Tensor& t, IntArrayRef dim,
                                             std::optional<double> correction, bool keepdim) {
  TJIT_TRACE("aten::std_mean.correction", std_mean(t, dim, correction, keepdim), t, dim,
      detail::correction_arg(correction), keepdim);
  return detail::var_mean_impl(t, dim, correction, keepdim, true);
}

TJIT_DEF Tensor norm(const Tensor& t, double p, IntArrayRef dim, bool keepdim) {
  if (dim.empty() && !keepdim) {
    TJIT_TRACE("aten::norm.Scalar", norm(t, p, dim, keepdim), t, p);
  } else {
    TJIT_TRACE("aten::norm.ScalarOpt_dim", norm(t, p, dim, keepdim), t, p, dim, keepdim);
  }
  TJIT_CHECK(is_floating_type(t.scalar_type()),
             "norm(): input dtype should be either floating point or complex. Got ",
             to_string(t.scalar_type()), " instead.");
  return detail::reduce_arith(t, dim, keepdim, t.scalar_type(), [p](const auto* x, std::int64_t n) {
    using C = std::remove_cv_t<std::remove_pointer_t<decltype(x)>>;
    double r = 0;
    if (p == 2) {
      for (std::int64_t i = 0; i < n; ++i) r += static_cast<double>(x[i]) * static_cast<double>(x[i]);
      r = std::sqrt(r);
    } else if (p == 1) {
      for (std::int64_t i = 0; i < n; ++i) r += std::abs(static_cast<double>(x[i]));
    } else if (p == 0) {
      for (std::int64_t i = 0; i < n; ++i) r += x[i] != 0 ? 1.0 : 0.0;
    } else if (std::isinf(p)) {
      r = p > 0 ? 0.0 : std::numeric_limits<double>::infinity();
      for (std::int64_t i = 0; i < n; ++i) {
        double a = std::abs(static_cast<double>(x[i]));
        if (std::isnan(a)) { r = a; break; }
        r = p > 0 ? std::max(r, a) : std::min(r, a);
      }
    } else {
      for (std::int64_t i = 0; i < n; ++i) r += std::pow(std::abs(static_cast<double>(x[i])), p);
      r = std::pow(r, 1.0 / p);
    }
    return static_cast<C>(r);
  });
}
TJIT_DEF Tensor norm(const Tensor& t, std::string_view p, IntArrayRef dim, bool keepdim) {
  // p="fro" is the 2-norm over `dim` (TorchScript has no string overload of aten::norm).
  if (dim.empty() && !keepdim) {
    TJIT_TRACE("aten::norm.Scalar", norm(t, p, dim, keepdim), t, 2.0);
  } else {
    TJIT_TRACE("aten::norm.ScalarOpt_dim", norm(t, p, dim, keepdim), t, 2.0, dim, keepdim);
  }
  TJIT_CHECK(p == "fro", "norm(): only p='fro' is supported as a string, got '", p, "'");
  return norm(t, 2.0, dim, keepdim);
}

TJIT_DEF bool equal(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::equal", equal(a, b), a, b);
  IntArrayRef sa = a.sizes(), sb = b.sizes();
  if (!std::equal(sa.begin(), sa.end(), sb.begin(), sb.end())) return false;
  return all(eq(a, b)).item<bool>();
}

TJIT_DEF Tensor all(const Tensor& t) {
  TJIT_TRACE("aten::all", all(t), t);
  return detail::all_any(t, {}, false, true);
}
TJIT_DEF Tensor any(const Tensor& t) {
  TJIT_TRACE("aten::any", any(t), t);
  return detail::all_any(t, {}, false, false);
}
TJIT_DEF Tensor all(const Tensor& t, std::int64_t dim, bool keepdim) {
  TJIT_TRACE("aten::all.dim", all(t, dim, keepdim), t, dim, keepdim);
  return detail::all_any(t, IntArrayRef(&dim, 1), keepdim, true);
}
TJIT_DEF Tensor any(const Tensor& t, std::int64_t dim, bool keepdim) {
  TJIT_TRACE("aten::any.dim", any(t, dim, keepdim), t, dim, keepdim);
  return detail::all_any(t, IntArrayRef(&dim, 1), keepdim, false);
}

TJIT_DEF Tensor logsumexp(const Tensor& t, IntArrayRef dim, bool keepdim) {
  TJIT_TRACE("aten::logsumexp", logsumexp(t, dim, keepdim), t, dim, keepdim);
  ScalarType out = is_floating_type(t.scalar_type()) ? t.scalar_type() : default_dtype();
  return detail::reduce_arith(t, dim, keepdim, out, [](const auto* x, std::int64_t n) {
    using C = std::remove_cv_t<std::remove_pointer_t<decltype(x)>>;
    if (n == 0) return static_cast<C>(-std::numeric_limits<double>::infinity());
    double m = -std::numeric_limits<double>::infinity();
    for (std::int64_t i = 0; i < n; ++i) m = std::max(m, static_cast<double>(x[i]));
    if (std::isinf(m)) m = 0;
    double s = 0;
    for (std::int64_t i = 0; i < n; ++i) s += std::exp(static_cast<double>(x[i]) - m);
    return static_cast<C>(std::log(s) + m);
  });
}

TJIT_DEF Tensor count_nonzero(const Tensor& t, IntArrayRef dim) {
  if (dim.empty()) {
    TJIT_TRACE("aten::count_nonzero", count_nonzero(t, dim), t, std::nullopt);
  } else {
    TJIT_TRACE("aten::count_nonzero.dim_IntList", count_nonzero(t, dim), t, dim);
  }
  return sum(to(t, kBool), dim, false, kLong);
}

TJIT_DEF Tensor cumsum(const Tensor& t, std::int64_t dim, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::cumsum", cumsum(t, dim, dtype), t, dim, dtype);
  return detail::scan<true>(t, dim, dtype);
}
TJIT_DEF Tensor cumprod(const Tensor& t, std::int64_t dim, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::cumprod", cumprod(t, dim, dtype), t, dim, dtype);
  return detail::scan<false>(t, dim, dtype);
}

}  // namespace tjit
