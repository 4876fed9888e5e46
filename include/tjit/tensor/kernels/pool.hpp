// tjit/tensor/kernels/pool.hpp — max and average pooling (1d/2d/3d, with PyTorch's ceil_mode,
// padding, dilation, count_include_pad, divisor_override and max indices) and adaptive average
// and max pooling (1d/2d/3d), on raw contiguous (batch, channels, spatial...) buffers.
//
// Builds on Eigen (NaN-propagating vectorised maxima) and tjit::parallel_for (planes are split
// across threads). Output sizes, window bounds,
// NaN propagation and the flat in-plane indices that max pooling returns follow PyTorch 1.13's
// CPU kernels exactly; every kernel works on a (depth, height, width) volume, and 1d/2d pooling
// are the volumes of depth (and height) 1, as in PyTorch.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/common.hpp"

namespace tjit::kernels {

// Max/avg pooling over `dims` (1, 2 or 3) trailing spatial dims of a (batch, channels, input...)
// buffer. Spatial arrays use their first `dims` entries. Stride defaults to the kernel size at
// the Tensor level (PyTorch's `stride=None`); here it must be given.
struct PoolParams {
  int dims = 2;
  index_t batch = 1, channels = 1;
  std::array<index_t, 3> input{1, 1, 1};
  std::array<index_t, 3> kernel{1, 1, 1};
  std::array<index_t, 3> stride{1, 1, 1};
  std::array<index_t, 3> padding{0, 0, 0};
  std::array<index_t, 3> dilation{1, 1, 1};  // max pooling only
  bool ceil_mode = false;
  bool count_include_pad = true;  // avg pooling only
  std::optional<index_t> divisor_override;  // avg pooling only

  // PyTorch's pooling_output_shape: with ceil_mode, the last window must start inside the input
  // or the left padding.
  index_t output_size(int i) const noexcept {
    const auto u = static_cast<std::size_t>(i);
    const index_t in = input[u], k = kernel[u], s = stride[u], p = padding[u], d = dilation[u];
    index_t out = detail::div_floor(in + 2 * p - d * (k - 1) - 1 + (ceil_mode ? s - 1 : 0), s) + 1;
    if (ceil_mode && (out - 1) * s >= in + p) --out;
    return out;
  }
  std::array<index_t, 3> output() const noexcept {
    std::array<index_t, 3> o{1, 1, 1};
    for (int i = 0; i < dims; ++i) o[static_cast<std::size_t>(i)] = output_size(i);
    return o;
  }
  index_t output_numel() const noexcept {
    index_t n = batch * channels;
    for (int i = 0; i < dims; ++i) n *= output_size(i);
    return n;
  }
};

namespace detail {

// The 3-d view of the pooling parameters (depth, height, width): the `dims` spatial dims are
// the trailing ones, the others have size 1 and no padding.
struct Pool3 {
  index_t planes;
  index_t id = 1, ih = 1, iw = 1, od = 1, oh = 1, ow = 1, kd = 1, kh = 1, kw = 1;
  index_t sd = 1, sh = 1, sw = 1, pd = 0, ph = 0, pw = 0, dd = 1, dh = 1, dw = 1;
  explicit Pool3(const PoolParams& p) noexcept {
    planes = p.batch * p.channels;
    index_t* in[3] = {&id, &ih, &iw};
    index_t* out[3] = {&od, &oh, &ow};
    index_t* k[3] = {&kd, &kh, &kw};
    index_t* s[3] = {&sd, &sh, &sw};
    index_t* pad[3] = {&pd, &ph, &pw};
    index_t* dil[3] = {&dd, &dh, &dw};
    for (int i = 0; i < p.dims && i < 3; ++i) {
      const auto u = static_cast<std::size_t>(i), j = static_cast<std::size_t>(3 - p.dims + i);
      *in[j] = p.input[u], *out[j] = p.output_size(i), *k[j] = p.kernel[u];
      *s[j] = p.stride[u], *pad[j] = p.padding[u], *dil[j] = p.dilation[u];
    }
  }
};

inline void check_pool_common(const PoolParams& p, bool max) {
  TJIT_CHECK(p.dims >= 1 && p.dims <= 3,
             "pooling: expected 1, 2 or 3 spatial dimensions, but got ", p.dims);
  const Pool3 c(p);
  if (p.dims == 3) {
    TJIT_CHECK(c.kd > 0 && c.kh > 0 && c.kw > 0, "kernel size should be greater than zero, but "
               "got kT: ", c.kd, " kH: ", c.kh, " kW: ", c.kw);
    TJIT_CHECK(c.sd > 0 && c.sh > 0 && c.sw > 0, "stride should be greater than zero, but got "
               "dT: ", c.sd, " dH: ", c.sh, " dW: ", c.sw);
    if (max)
      TJIT_CHECK(c.dd > 0 && c.dh > 0 && c.dw > 0, "dilation should be greater than zero, but "
                 "got dilationT: ", c.dd, " dilationH: ", c.dh, " dilationW: ", c.dw);
    TJIT_CHECK(c.pd >= 0 && c.ph >= 0 && c.pw >= 0, "pad must be non-negative, but got pad: ",
               std::min({c.pd, c.ph, c.pw}));
    for (auto [pad, k] : {std::pair{c.pd, c.kd}, std::pair{c.ph, c.kh}, std::pair{c.pw, c.kw}})
      TJIT_CHECK(pad <= k / 2, "pad should be at most half of kernel size, but got pad=", pad,
                 " and kernel_size=", k);
    if (!max)  // avg_pool3d: the kernel must fit in the unpadded input
      TJIT_CHECK(c.id >= c.kd && c.ih >= c.kh && c.iw >= c.kw, "input image (T: ", c.id, " H: ",
                 c.ih, " W: ", c.iw, ") smaller than kernel size (kT: ", c.kd, " kH: ", c.kh,
                 " kW: ", c.kw, ")");
    TJIT_CHECK(c.od >= 1 && c.oh >= 1 && c.ow >= 1, "Given input size: (", p.channels, "x",
               c.id, "x", c.ih, "x", c.iw, "). Calculated output size: (", p.channels, "x", c.od,
               "x", c.oh, "x", c.ow, "). Output size is too small");
    return;
  }
  TJIT_CHECK(c.kh > 0 && c.kw > 0, "kernel size should be greater than zero, but got kH: ", c.kh,
             " kW: ", c.kw);
  TJIT_CHECK(c.sh > 0 && c.sw > 0, "stride should be greater than zero, but got dH: ", c.sh,
             " dW: ", c.sw);
  for (index_t pad : {c.ph, c.pw})
    TJIT_CHECK(pad >= 0, "pad must be non-negative, but got pad: ", pad);
  TJIT_CHECK(c.ph <= c.kh / 2, "pad should be at most half of kernel size, but got pad=", c.ph,
             " and kernel_size=", c.kh);
  TJIT_CHECK(c.pw <= c.kw / 2, "pad should be at most half of kernel size, but got pad=", c.pw,
             " and kernel_size=", c.kw);
  if (max)
    TJIT_CHECK(c.dh > 0 && c.dw > 0, "dilation should be greater than zero, but got dilationH: ",
               c.dh, " dilationW: ", c.dw);
  TJIT_CHECK(p.batch >= 0 && p.channels >= 0 && c.ih >= 0 && c.iw >= 0, "pooling: negative size");
  TJIT_CHECK(c.oh >= 1 && c.ow >= 1, "Given input size: (", p.channels, "x", c.ih, "x", c.iw,
             "). Calculated output size: (", p.channels, "x", c.oh, "x", c.ow,
             "). Output size is too small");
}

template <class F>
void for_each_plane(index_t planes, index_t work_per_plane, const F& fn) {
  const index_t grain = std::max<index_t>(1, 32768 / std::max<index_t>(1, work_per_plane));
  parallel_for(0, planes, grain, [&](index_t b, index_t e) {
    for (index_t i = b; i < e; ++i) fn(i);
  });
}

}  // namespace detail

inline void check_max_pool(const PoolParams& p) { detail::check_pool_common(p, true); }

inline void check_avg_pool(const PoolParams& p) {
  TJIT_CHECK(!p.divisor_override || *p.divisor_override != 0, "divisor must be not zero");
  detail::check_pool_common(p, false);
}

// Max pooling; `indices` (optional) receives each maximum's flat index within its input plane
// (h·W + w), as max_pool*d(return_indices=True) returns. NaN wins, as in PyTorch.
namespace detail {

// Max pooling without indices, vectorised: each output row takes the NaN-propagating maximum of
// its window's input rows into a -inf-padded row, then the maximum over each window's columns.
// Gives exactly the values of the scalar kernel (a maximum is exact).
template <class T>
void max_pool_values(const Pool3& c, const T* input, T* output) noexcept {
  using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
  using MaxOp = Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>;
  const index_t in_sp = c.id * c.ih * c.iw, out_sp = c.od * c.oh * c.ow;
  const index_t len = std::max(c.iw + c.pw, (c.ow - 1) * c.sw + (c.kw - 1) * c.dw + 1);
  const T ninf = -std::numeric_limits<T>::infinity();
  const index_t grain =
      std::max<index_t>(1, 32768 / std::max<index_t>(1, out_sp * c.kd * c.kh * c.kw));
  parallel_for(0, c.planes, grain, [&](index_t b, index_t e) {
    Arr row = Arr::Constant(len, ninf);
    for (index_t plane = b; plane < e; ++plane) {
      const T* in = input + plane * in_sp;
      T* out = output + plane * out_sp;
      for (index_t orow = 0; orow < c.od * c.oh; ++orow) {
        const index_t oz = orow / c.oh, oy = orow % c.oh;
        auto mid = row.segment(c.pw, c.iw);
        bool first = true;
        for (index_t g = 0; g < c.kd; ++g) {
          const index_t z = oz * c.sd - c.pd + g * c.dd;
          if (z < 0 || z >= c.id) continue;
          for (index_t a = 0; a < c.kh; ++a) {
            const index_t y = oy * c.sh - c.ph + a * c.dh;
            if (y < 0 || y >= c.ih) continue;
            Eigen::Map<const Arr> r(in + (z * c.ih + y) * c.iw, c.iw);
            if (first) mid = r;
            else mid = mid.binaryExpr(r, MaxOp());
            first = false;
          }
        }
        if (first) mid.setConstant(ninf);
        Eigen::Map<Arr> o(out + orow * c.ow, c.ow);
        using Strided = Eigen::Map<const Arr, 0, Eigen::InnerStride<>>;
        o = Strided(row.data(), c.ow, Eigen::InnerStride<>(c.sw));
        for (index_t k = 1; k < c.kw; ++k)
          o = o.binaryExpr(Strided(row.data() + k * c.dw, c.ow, Eigen::InnerStride<>(c.sw)),
                           MaxOp());
      }
    }
  });
}

}  // namespace detail

template <class T>
TJIT_KERNEL void max_pool(const PoolParams& p, const T* input, T* output,
                          std::int64_t* indices) noexcept {
  const detail::Pool3 c(p);
  const index_t in_sp = c.id * c.ih * c.iw, out_sp = c.od * c.oh * c.ow;
  if (!indices) {
    if (out_sp > 0) detail::max_pool_values(c, input, output);
    return;
  }
  detail::for_each_plane(c.planes, out_sp * c.kd * c.kh * c.kw, [&](index_t plane) {
    const T* in = input + plane * in_sp;
    T* out = output + plane * out_sp;
    std::int64_t* ind = indices + plane * out_sp;
    for (index_t oz = 0; oz < c.od; ++oz) {
      index_t z0 = oz * c.sd - c.pd;
      const index_t z1 = std::min(z0 + (c.kd - 1) * c.dd + 1, c.id);
      while (z0 < 0) z0 += c.dd;
      for (index_t oy = 0; oy < c.oh; ++oy) {
        index_t y0 = oy * c.sh - c.ph;
        const index_t y1 = std::min(y0 + (c.kh - 1) * c.dh + 1, c.ih);
        while (y0 < 0) y0 += c.dh;
        for (index_t ox = 0; ox < c.ow; ++ox) {
          index_t x0 = ox * c.sw - c.pw;
          const index_t x1 = std::min(x0 + (c.kw - 1) * c.dw + 1, c.iw);
          while (x0 < 0) x0 += c.dw;
          index_t best = (z0 * c.ih + y0) * c.iw + x0;
          T maxval = -std::numeric_limits<T>::infinity();
          for (index_t z = z0; z < z1; z += c.dd)
            for (index_t y = y0; y < y1; y += c.dh)
              for (index_t x = x0; x < x1; x += c.dw) {
                const index_t idx = (z * c.ih + y) * c.iw + x;
                const T v = in[idx];
                if (v > maxval || std::isnan(v)) {
                  maxval = v;
                  best = idx;
                }
              }
          const index_t o = (oz * c.oh + oy) * c.ow + ox;
          out[o] = maxval;
          ind[o] = best;
        }
      }
    }
  });
}

// Average pooling with PyTorch's divisor rules (count_include_pad counts padding inside the
// padded input, never beyond it; divisor_override replaces the divisor).
template <class T>
TJIT_KERNEL void avg_pool(const PoolParams& p, const T* input, T* output) noexcept {
  const detail::Pool3 c(p);
  const index_t in_sp = c.id * c.ih * c.iw, out_sp = c.od * c.oh * c.ow;
  detail::for_each_plane(c.planes, out_sp * c.kd * c.kh * c.kw, [&](index_t plane) {
    const T* in = input + plane * in_sp;
    T* out = output + plane * out_sp;
    for (index_t oz = 0; oz < c.od; ++oz)
      for (index_t oy = 0; oy < c.oh; ++oy)
        for (index_t ox = 0; ox < c.ow; ++ox) {
          const index_t o = (oz * c.oh + oy) * c.ow + ox;
          index_t z0 = oz * c.sd - c.pd, y0 = oy * c.sh - c.ph, x0 = ox * c.sw - c.pw;
          index_t z1 = std::min(z0 + c.kd, c.id + c.pd), y1 = std::min(y0 + c.kh, c.ih + c.ph),
                  x1 = std::min(x0 + c.kw, c.iw + c.pw);
          const index_t pool_size = (z1 - z0) * (y1 - y0) * (x1 - x0);
          z0 = std::max<index_t>(z0, 0), y0 = std::max<index_t>(y0, 0);
          x0 = std::max<index_t>(x0, 0);
          z1 = std::min(z1, c.id), y1 = std::min(y1, c.ih), x1 = std::min(x1, c.iw);
          if (z0 >= z1 || y0 >= y1 || x0 >= x1) {
            out[o] = T(0);
            continue;
          }
          acc_t<T> sum = 0;
          for (index_t z = z0; z < z1; ++z)
            for (index_t y = y0; y < y1; ++y)
              for (index_t x = x0; x < x1; ++x) sum += in[(z * c.ih + y) * c.iw + x];
          index_t div;
          if (p.divisor_override) div = *p.divisor_override;
          else if (p.count_include_pad) div = pool_size;
          else div = (z1 - z0) * (y1 - y0) * (x1 - x0);
          out[o] = static_cast<T>(sum / static_cast<acc_t<T>>(div));
        }
  });
}

// Adaptive pooling of (batch, channels, input...) to (batch, channels, output...).
struct AdaptivePoolParams {
  int dims = 2;
  index_t batch = 1, channels = 1;
  std::array<index_t, 3> input{1, 1, 1};
  std::array<index_t, 3> output{1, 1, 1};
  index_t output_numel() const noexcept {
    index_t n = batch * channels;
    for (int i = 0; i < dims; ++i) n *= output[static_cast<std::size_t>(i)];
    return n;
  }
};

inline void check_adaptive_pool(const AdaptivePoolParams& p) {
  TJIT_CHECK(p.dims >= 1 && p.dims <= 3,
             "adaptive pooling: expected 1, 2 or 3 spatial dimensions, but got ", p.dims);
  for (int i = 0; i < p.dims; ++i) {
    const auto u = static_cast<std::size_t>(i);
    TJIT_CHECK(p.output[u] >= 0, "Trying to create tensor with negative dimension ", p.output[u]);
    TJIT_CHECK(p.input[u] > 0 || p.output[u] == 0,
               "adaptive pooling: input spatial sizes must be non-zero, but got ", p.input[u]);
  }
}

namespace detail {
// PyTorch's adaptive window: [start_index, end_index) of output a of b over c inputs.
inline index_t adaptive_start(index_t a, index_t b, index_t c) noexcept {
  return (a / b) * c + ((a % b) * c) / b;
}
inline index_t adaptive_end(index_t a, index_t b, index_t c) noexcept {
  return 1 + ((a + 1) * c - 1) / b;
}
// The (depth, height, width) view, as Pool3.
struct Adaptive3 {
  index_t planes, in[3] = {1, 1, 1}, out[3] = {1, 1, 1};
  explicit Adaptive3(const AdaptivePoolParams& p) noexcept {
    planes = p.batch * p.channels;
    for (int i = 0; i < p.dims && i < 3; ++i) {
      const auto u = static_cast<std::size_t>(i), j = static_cast<std::size_t>(3 - p.dims + i);
      in[j] = p.input[u], out[j] = p.output[u];
    }
  }
  // Calls f(output offset, z0, z1, y0, y1, x0, x1) for each output position of a plane.
  template <class F>
  void windows(const F& f) const {
    for (index_t oz = 0; oz < out[0]; ++oz) {
      const index_t z0 = adaptive_start(oz, out[0], in[0]), z1 = adaptive_end(oz, out[0], in[0]);
      for (index_t oy = 0; oy < out[1]; ++oy) {
        const index_t y0 = adaptive_start(oy, out[1], in[1]);
        const index_t y1 = adaptive_end(oy, out[1], in[1]);
        for (index_t ox = 0; ox < out[2]; ++ox)
          f((oz * out[1] + oy) * out[2] + ox, z0, z1, y0, y1, adaptive_start(ox, out[2], in[2]),
            adaptive_end(ox, out[2], in[2]));
      }
    }
  }
};
}  // namespace detail

template <class T>
TJIT_KERNEL void adaptive_avg_pool(const AdaptivePoolParams& p, const T* input,
                                   T* output) noexcept {
  const detail::Adaptive3 c(p);
  const index_t ih = c.in[1], iw = c.in[2];
  const index_t in_sp = c.in[0] * ih * iw, out_sp = c.out[0] * c.out[1] * c.out[2];
  if (out_sp == 0) return;
  detail::for_each_plane(c.planes, in_sp + out_sp, [&](index_t plane) {
    const T* in = input + plane * in_sp;
    T* out = output + plane * out_sp;
    c.windows([&](index_t o, index_t z0, index_t z1, index_t y0, index_t y1, index_t x0,
                  index_t x1) {
      acc_t<T> sum = 0;
      for (index_t z = z0; z < z1; ++z)
        for (index_t y = y0; y < y1; ++y)
          for (index_t x = x0; x < x1; ++x) sum += in[(z * ih + y) * iw + x];
      out[o] = static_cast<T>(sum / static_cast<acc_t<T>>((z1 - z0) * (y1 - y0) * (x1 - x0)));
    });
  });
}

// Adaptive max pooling; `indices` (optional) as in max_pool.
template <class T>
TJIT_KERNEL void adaptive_max_pool(const AdaptivePoolParams& p, const T* input, T* output,
                                   std::int64_t* indices) noexcept {
  const detail::Adaptive3 c(p);
  const index_t ih = c.in[1], iw = c.in[2];
  const index_t in_sp = c.in[0] * ih * iw, out_sp = c.out[0] * c.out[1] * c.out[2];
  if (out_sp == 0) return;
  detail::for_each_plane(c.planes, in_sp + out_sp, [&](index_t plane) {
    const T* in = input + plane * in_sp;
    T* out = output + plane * out_sp;
    std::int64_t* ind = indices ? indices + plane * out_sp : nullptr;
    c.windows([&](index_t o, index_t z0, index_t z1, index_t y0, index_t y1, index_t x0,
                  index_t x1) {
      index_t best = (z0 * ih + y0) * iw + x0;
      T maxval = -std::numeric_limits<T>::infinity();
      for (index_t z = z0; z < z1; ++z)
        for (index_t y = y0; y < y1; ++y)
          for (index_t x = x0; x < x1; ++x) {
            const index_t idx = (z * ih + y) * iw + x;
            const T v = in[idx];
            if (v > maxval || std::isnan(v)) {
              maxval = v;
              best = idx;
            }
          }
      out[o] = maxval;
      if (ind) ind[o] = best;
    });
  });
}

}  // namespace tjit::kernels
