// tjit/tensor/kernels/resample.hpp — interpolation (F.interpolate) of (batch, channels, W),
// (batch, channels, H, W) and (batch, channels, D, H, W) buffers: nearest (PyTorch's legacy
// rule), nearest-exact, linear / bilinear / trilinear and bicubic (A = -0.75, clamped borders),
// with align_corners and explicit scales.
//
// Builds on tjit::parallel_for. Source indices and weights are computed once per output row and
// column with PyTorch 1.13's formulas (area_pixel_compute_scale: 1/scale when a scale factor is
// given and align_corners is false; nearest in float arithmetic), then every plane is a weighted
// sum over 1, 2 or 4 taps per dimension.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/common.hpp"

namespace tjit::kernels {

enum class InterpMode { Nearest, NearestExact, Linear, Bicubic };

// Linear means linear for 1 spatial dim, bilinear for 2 and trilinear for 3. scales[i] is the scale factor passed
// to the op for dim i (as F.interpolate passes scale_factor unless recompute_scale_factor), or
// none when the output size was given.
struct InterpParams {
  int dims = 2;
  index_t batch = 1, channels = 1;
  std::array<index_t, 3> input{1, 1, 1};
  std::array<index_t, 3> output{1, 1, 1};
  std::array<std::optional<double>, 3> scales{};
  bool align_corners = false;
  InterpMode mode = InterpMode::Nearest;

  index_t output_numel() const noexcept {
    index_t n = batch * channels;
    for (int i = 0; i < dims; ++i) n *= output[static_cast<std::size_t>(i)];
    return n;
  }
};

inline void check_interpolate(const InterpParams& p) {
  TJIT_CHECK(p.dims >= 1 && p.dims <= 3,
             "interpolate: expected 1, 2 or 3 spatial dimensions, but got ", p.dims);
  TJIT_CHECK(p.mode != InterpMode::Bicubic || p.dims == 2,
             "interpolate: bicubic needs 2 spatial dimensions (a 4-D input)");
  TJIT_CHECK_AS(ValueError,
                !p.align_corners ||
                    (p.mode != InterpMode::Nearest && p.mode != InterpMode::NearestExact),
                "align_corners option can only be set with the interpolating modes: linear | "
                "bilinear | bicubic | trilinear");
  bool ok = true;
  for (int i = 0; i < p.dims; ++i)
    ok = ok && p.input[static_cast<std::size_t>(i)] > 0 && p.output[static_cast<std::size_t>(i)] > 0;
  auto sizes = [&](const std::array<index_t, 3>& v) {
    static const char* names[3] = {"D", "H", "W"};
    std::string r = "(";
    for (int i = 0; i < p.dims; ++i)
      r += std::string(i ? ", " : "") + names[3 - p.dims + i] + ": " +
           std::to_string(v[static_cast<std::size_t>(i)]);
    return r + ")";
  };
  const std::string in = sizes(p.input), out = sizes(p.output);
  TJIT_CHECK(ok, "Input and output sizes should be greater than 0, but got input ", in,
             " and output ", out);
}

namespace detail {

// Per output index: up to 4 source indices and weights.
template <class T>
struct Taps {
  int n = 1;
  std::vector<index_t> index;  // out × n
  std::vector<T> weight;       // out × n
};

template <class T>
T compute_scales_value(const std::optional<double>& scale, index_t in, index_t out) noexcept {
  return scale && *scale > 0 ? static_cast<T>(1.0 / *scale)
                             : static_cast<T>(in) / static_cast<T>(out);
}

template <class T>
T area_pixel_compute_scale(index_t in, index_t out, bool align_corners,
                           const std::optional<double>& scale) noexcept {
  if (align_corners) return out > 1 ? static_cast<T>(in - 1) / static_cast<T>(out - 1) : T(0);
  return compute_scales_value<T>(scale, in, out);
}

template <class T>
T area_pixel_compute_source_index(T scale, index_t dst, bool align_corners, bool cubic) noexcept {
  if (align_corners) return scale * static_cast<T>(dst);
  const T src = scale * (static_cast<T>(dst) + T(0.5)) - T(0.5);
  return (!cubic && src < T(0)) ? T(0) : src;
}

template <class T>
T cubic1(T x, T a) noexcept {
  return ((a + 2) * x - (a + 3)) * x * x + 1;
}
template <class T>
T cubic2(T x, T a) noexcept {
  return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
}

template <class T>
Taps<T> make_taps(InterpMode mode, index_t in, index_t out, bool align_corners,
                  const std::optional<double>& scale) {
  Taps<T> t;
  t.n = mode == InterpMode::Linear ? 2 : mode == InterpMode::Bicubic ? 4 : 1;
  t.index.resize(static_cast<std::size_t>(out * t.n));
  t.weight.resize(t.index.size());
  for (index_t o = 0; o < out; ++o) {
    index_t* idx = t.index.data() + o * t.n;
    T* w = t.weight.data() + o * t.n;
    switch (mode) {
      case InterpMode::Nearest: {
        if (out == in) idx[0] = o;
        else if (out == 2 * in) idx[0] = o >> 1;
        else {
          const float s = compute_scales_value<float>(scale, in, out);
          idx[0] = std::min(static_cast<index_t>(std::floor(static_cast<float>(o) * s)), in - 1);
        }
        w[0] = T(1);
        break;
      }
      case InterpMode::NearestExact: {
        const float s = compute_scales_value<float>(scale, in, out);
        idx[0] = std::min(static_cast<index_t>(std::floor((static_cast<float>(o) + 0.5f) * s)),
                          in - 1);
        w[0] = T(1);
        break;
      }
      case InterpMode::Linear: {
        const T s = area_pixel_compute_scale<T>(in, out, align_corners, scale);
        const T real = area_pixel_compute_source_index<T>(s, o, align_corners, false);
        const index_t i0 = std::min(static_cast<index_t>(std::floor(real)), in - 1);
        const T lambda = std::min(std::max(real - static_cast<T>(i0), T(0)), T(1));
        idx[0] = i0;
        idx[1] = i0 + (i0 < in - 1 ? 1 : 0);
        w[0] = T(1) - lambda;
        w[1] = lambda;
        break;
      }
      case InterpMode::Bicubic: {
        const T s = area_pixel_compute_scale<T>(in, out, align_corners, scale);
        const T real = area_pixel_compute_source_index<T>(s, o, align_corners, true);
        const index_t i0 = static_cast<index_t>(std::floor(real));
        const T tt = real - static_cast<T>(i0), a = T(-0.75);
        w[0] = cubic2<T>(tt + T(1), a);
        w[1] = cubic1<T>(tt, a);
        w[2] = cubic1<T>(T(1) - tt, a);
        w[3] = cubic2<T>(T(2) - tt, a);
        for (int j = 0; j < 4; ++j) idx[j] = std::clamp<index_t>(i0 - 1 + j, 0, in - 1);
        break;
      }
    }
  }
  return t;
}

}  // namespace detail

// out (batch, channels, output...) = interpolate(in (batch, channels, input...)). Works on the
// (depth, height, width) volume, the missing leading dims of size 1.
template <class T>
TJIT_KERNEL void interpolate(const InterpParams& p, const T* input, T* output) noexcept {
  index_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1};
  std::optional<double> sc[3];
  for (int i = 0; i < p.dims && i < 3; ++i) {
    const auto u = static_cast<std::size_t>(i), j = static_cast<std::size_t>(3 - p.dims + i);
    in[j] = p.input[u], out[j] = p.output[u], sc[j] = p.scales[u];
  }
  const index_t planes = p.batch * p.channels;
  const index_t in_sp = in[0] * in[1] * in[2], out_sp = out[0] * out[1] * out[2];
  if (planes == 0 || out_sp == 0) return;
  auto taps = [&](int j) {
    return j < 3 - p.dims ? detail::make_taps<T>(InterpMode::Nearest, 1, 1, false, std::nullopt)
                          : detail::make_taps<T>(p.mode, in[j], out[j], p.align_corners, sc[j]);
  };
  const auto td = taps(0), th = taps(1), tw = taps(2);
  const index_t ih = in[1], iw = in[2], oh = out[1], ow = out[2];
  const index_t grain = std::max<index_t>(1, 16384 / (out_sp * td.n * th.n * tw.n));
  parallel_for(0, planes, grain, [&](index_t b, index_t e) {
    for (index_t pl = b; pl < e; ++pl) {
      const T* src = input + pl * in_sp;
      T* dst = output + pl * out_sp;
      for (index_t z = 0; z < out[0]; ++z) {
        const index_t* zi = td.index.data() + z * td.n;
        const T* zw = td.weight.data() + z * td.n;
        for (index_t y = 0; y < oh; ++y) {
          const index_t* yi = th.index.data() + y * th.n;
          const T* yw = th.weight.data() + y * th.n;
          for (index_t x = 0; x < ow; ++x) {
            const index_t* xi = tw.index.data() + x * tw.n;
            const T* xw = tw.weight.data() + x * tw.n;
            T acc = T(0);
            for (int g = 0; g < td.n; ++g) {
              const T* slab = src + zi[g] * ih * iw;
              T s = T(0);
              for (int a = 0; a < th.n; ++a) {
                const T* row = slab + yi[a] * iw;
                T r = T(0);
                for (int c = 0; c < tw.n; ++c) r += xw[c] * row[xi[c]];
                s += yw[a] * r;
              }
              acc += zw[g] * s;
            }
            dst[(z * oh + y) * ow + x] = acc;
          }
        }
      }
    }
  });
}

}  // namespace tjit::kernels
