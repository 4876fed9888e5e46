// tjit/tensor/kernels/conv.hpp — N-d convolution (1d/2d/3d, NC… layout) and transposed
// convolution on raw contiguous buffers, with stride, padding, dilation, groups and bias.
//
// Builds on kernels/gemm.hpp (Eigen's GEMM) and tjit::parallel_for. Forward convolution is a
// GEMM of the weights with column tiles of the input (im2col, one cache-sized tile at a time);
// 1×1 convolutions with stride 1 and no padding are a plain GEMM on the input; convolutions with
// one input channel per group (depthwise) run a direct vectorised kernel. Transposed convolution
// is a GEMM into columns followed by col2im. Work is split across batch, groups and output tiles.
// The Tensor-level ops (conv1d/2d/3d, conv_transpose*, _convolution) compute ConvParams (incl.
// 'same'/'valid' padding), make inputs contiguous and call check_conv, then convolution().
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/common.hpp"
#include "tjit/tensor/kernels/gemm.hpp"

namespace tjit::kernels {

// The shape of a convolution. Spatial arrays use their first `dims` entries.
// Input: (batch, in_channels, input...). Weight: (out_channels, in_channels/groups, kernel...),
// or for a transposed convolution (in_channels, out_channels/groups, kernel...).
// Bias (optional): (out_channels). Output: (batch, out_channels, output()...).
struct ConvParams {
  int dims = 2;
  index_t batch = 1, in_channels = 1, out_channels = 1, groups = 1;
  std::array<index_t, 3> input{1, 1, 1};
  std::array<index_t, 3> kernel{1, 1, 1};
  std::array<index_t, 3> stride{1, 1, 1};
  std::array<index_t, 3> padding{0, 0, 0};
  std::array<index_t, 3> dilation{1, 1, 1};
  std::array<index_t, 3> output_padding{0, 0, 0};  // transposed only
  bool transposed = false;

  // Spatial output size along dimension i (< dims), PyTorch's formula.
  index_t output_size(int i) const noexcept {
    const auto ui = static_cast<std::size_t>(i);
    if (transposed)
      return (input[ui] - 1) * stride[ui] - 2 * padding[ui] + dilation[ui] * (kernel[ui] - 1) +
             output_padding[ui] + 1;
    return (input[ui] + 2 * padding[ui] - dilation[ui] * (kernel[ui] - 1) - 1) / stride[ui] + 1;
  }
  std::array<index_t, 3> output() const noexcept {
    std::array<index_t, 3> o{1, 1, 1};
    for (int i = 0; i < dims; ++i) o[static_cast<std::size_t>(i)] = output_size(i);
    return o;
  }
  index_t input_numel() const noexcept { return batch * in_channels * spatial(input); }
  index_t output_numel() const noexcept { return batch * out_channels * spatial(output()); }
  index_t weight_numel() const noexcept {
    return (transposed ? in_channels * (out_channels / groups)
                       : out_channels * (in_channels / groups)) *
           spatial(kernel);
  }
  index_t spatial(const std::array<index_t, 3>& a) const noexcept {
    index_t n = 1;
    for (int i = 0; i < dims; ++i) n *= a[static_cast<std::size_t>(i)];
    return n;
  }
  std::vector<index_t> weight_sizes() const {
    std::vector<index_t> w{transposed ? in_channels : out_channels,
                           transposed ? out_channels / std::max<index_t>(groups, 1)
                                      : in_channels / std::max<index_t>(groups, 1)};
    for (int i = 0; i < dims; ++i) w.push_back(kernel[static_cast<std::size_t>(i)]);
    return w;
  }
  std::vector<index_t> input_sizes() const {
    std::vector<index_t> s{batch, in_channels};
    for (int i = 0; i < dims; ++i) s.push_back(input[static_cast<std::size_t>(i)]);
    return s;
  }
};

namespace detail {
inline std::string list_str(const std::vector<index_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}
}  // namespace detail

// Validates a convolution's parameters with PyTorch's messages. `bias_size` is the bias's
// element count, or -1 when there is no bias.
inline void check_conv(const ConvParams& p, index_t bias_size = -1) {
  using detail::list_str;
  TJIT_CHECK(p.dims >= 1 && p.dims <= 3, "convolution: expected 1, 2 or 3 spatial dimensions, but got ",
             p.dims);
  const auto d = static_cast<std::size_t>(p.dims);
  for (std::size_t i = 0; i < d; ++i)
    TJIT_CHECK(p.stride[i] > 0, "non-positive stride is not supported");
  for (std::size_t i = 0; i < d; ++i)
    TJIT_CHECK(p.padding[i] >= 0, "negative padding is not supported");
  for (std::size_t i = 0; i < d; ++i)
    TJIT_CHECK(p.output_padding[i] >= 0, "negative output_padding is not supported");
  for (std::size_t i = 0; i < d; ++i)
    TJIT_CHECK(p.dilation[i] > 0, "dilation should be greater than zero, but got ",
               list_str(std::vector<index_t>(p.dilation.begin(), p.dilation.begin() + p.dims)));
  TJIT_CHECK(p.groups > 0, "non-positive groups is not supported");
  TJIT_CHECK(p.batch >= 0 && p.in_channels >= 0 && p.out_channels >= 0,
             "convolution: negative size");
  for (std::size_t i = 0; i < d; ++i)
    TJIT_CHECK(p.input[i] >= 0 && p.kernel[i] >= 0, "convolution: negative size");
  const index_t wout = p.transposed ? p.in_channels : p.out_channels;
  TJIT_CHECK(wout % p.groups == 0, "Given groups=", p.groups,
             ", expected weight to be divisible by ", p.groups,
             " at dimension 0, but got weight of size [", list_str(p.weight_sizes()),
             "] instead");
  if (!p.transposed) {
    TJIT_CHECK(p.in_channels % p.groups == 0, "Given groups=", p.groups, ", weight of size ",
               list_str(p.weight_sizes()), ", expected input", list_str(p.input_sizes()),
               " to have ", p.in_channels / p.groups * p.groups, " channels, but got ",
               p.in_channels, " channels instead");
  } else {
    TJIT_CHECK(p.out_channels % p.groups == 0, "convolution: out_channels (", p.out_channels,
               ") must be divisible by groups (", p.groups, ")");
  }
  if (bias_size >= 0)
    TJIT_CHECK(bias_size == p.out_channels, "Given ", p.transposed ? "transposed=1, " : "",
               "weight of size ", list_str(p.weight_sizes()),
               ", expected bias to be 1-dimensional with ", p.out_channels,
               " elements, but got bias of size [", bias_size, "] instead");
  if (!p.transposed) {
    bool too_big = false;
    std::vector<index_t> padded, ks;
    for (std::size_t i = 0; i < d; ++i) {
      padded.push_back(p.input[i] + 2 * p.padding[i]);
      ks.push_back(p.dilation[i] * (p.kernel[i] - 1) + 1);
      too_big = too_big || padded.back() < ks.back();
    }
    TJIT_CHECK(!too_big, "Calculated padded input size per channel: (",
               detail::join_x(padded.begin(), padded.end()), "). Kernel size: (",
               detail::join_x(ks.begin(), ks.end()),
               "). Kernel size can't be greater than actual input size");
  } else {
    for (std::size_t i = 0; i < d; ++i)
      TJIT_CHECK(p.output_padding[i] < p.stride[i] || p.output_padding[i] < p.dilation[i],
                 "output padding must be smaller than either stride or dilation, but got "
                 "output_padding: ",
                 p.output_padding[i], " stride: ", p.stride[i], " dilation: ", p.dilation[i]);
    bool small = false;
    std::vector<index_t> in, out;
    for (int i = 0; i < p.dims; ++i) {
      in.push_back(p.input[static_cast<std::size_t>(i)]);
      out.push_back(p.output_size(i));
      small = small || out.back() <= 0;
    }
    TJIT_CHECK(!small, "Given input size per channel: (", detail::join_x(in.begin(), in.end()),
               "). Calculated output size per channel: (", detail::join_x(out.begin(), out.end()),
               "). Output size is too small");
  }
}

// Builds ConvParams from an (N, C, spatial...) input's sizes, the weight's sizes and the
// per-dimension arguments (each a single value or one per spatial dim, as PyTorch accepts), and
// checks everything with PyTorch's messages (check_shape_forward's). bias_numel: -1 for no bias.
// Unbatched inputs and 'same'/'valid' padding are resolved by the caller.
inline ConvParams make_conv_params(const std::vector<index_t>& input_sizes,
                                   const std::vector<index_t>& weight_sizes, index_t bias_numel,
                                   const std::vector<index_t>& stride,
                                   const std::vector<index_t>& padding,
                                   const std::vector<index_t>& dilation, index_t groups,
                                   bool transposed = false,
                                   const std::vector<index_t>& output_padding = {0}) {
  using detail::list_str;
  TJIT_CHECK(weight_sizes.size() >= 3, "weight should have at least three dimensions");
  const int dims = static_cast<int>(weight_sizes.size()) - 2;
  TJIT_CHECK(dims <= 3, "convolution: expected 1, 2 or 3 spatial dimensions, but got ", dims);
  TJIT_CHECK(input_sizes.size() == weight_sizes.size(), "Expected ", weight_sizes.size(),
             "-dimensional input for ", weight_sizes.size(), "-dimensional weight ",
             list_str(weight_sizes), ", but got ", input_sizes.size(),
             "-dimensional input of size ", list_str(input_sizes), " instead");
  auto expand = [&](const std::vector<index_t>& v, const char* name) {
    TJIT_CHECK(v.size() == 1 || v.size() == static_cast<std::size_t>(dims), "expected ", name,
               " to be a single integer value or a list of ", dims,
               " values to match the convolution dimensions, but got ", name, "=", list_str(v));
    std::array<index_t, 3> a{1, 1, 1};
    for (int i = 0; i < dims; ++i)
      a[static_cast<std::size_t>(i)] = v[v.size() == 1 ? 0 : static_cast<std::size_t>(i)];
    return a;
  };
  ConvParams p;
  p.dims = dims;
  p.stride = expand(stride, "stride");
  p.padding = expand(padding, "padding");
  p.dilation = expand(dilation, "dilation");
  p.output_padding = expand(output_padding, "output_padding");
  if (!transposed) p.output_padding = {0, 0, 0};
  p.transposed = transposed;
  p.groups = groups;
  p.batch = input_sizes[0];
  p.in_channels = input_sizes[1];
  for (int i = 0; i < dims; ++i) {
    p.input[static_cast<std::size_t>(i)] = input_sizes[static_cast<std::size_t>(i) + 2];
    p.kernel[static_cast<std::size_t>(i)] = weight_sizes[static_cast<std::size_t>(i) + 2];
  }
  TJIT_CHECK(groups > 0, "non-positive groups is not supported");
  TJIT_CHECK(weight_sizes[0] % groups == 0, "Given groups=", groups,
             ", expected weight to be divisible by ", groups,
             " at dimension 0, but got weight of size [", list_str(weight_sizes), "] instead");
  if (!transposed) {
    p.out_channels = weight_sizes[0];
    TJIT_CHECK(input_sizes[1] == weight_sizes[1] * groups, "Given groups=", groups,
               ", weight of size ", list_str(weight_sizes), ", expected input",
               list_str(input_sizes), " to have ", weight_sizes[1] * groups,
               " channels, but got ", input_sizes[1], " channels instead");
  } else {
    p.out_channels = weight_sizes[1] * groups;
    TJIT_CHECK(input_sizes[1] == weight_sizes[0], "Given transposed=1, weight of size ",
               list_str(weight_sizes), ", expected input", list_str(input_sizes), " to have ",
               weight_sizes[0], " channels, but got ", input_sizes[1], " channels instead");
  }
  check_conv(p, bias_numel);
  return p;
}

namespace detail {

// A convolution seen as 3-d: missing leading spatial dims have size 1, stride 1, no padding.
struct Conv3 {
  index_t n, cin, cout, g, cgin, cgout;
  index_t id, ih, iw, kd, kh, kw, od, oh, ow;
  index_t sd, sh, sw, pd, ph, pw, dd, dh, dw;
  index_t in_sp, out_sp, k_sp;

  explicit Conv3(const ConvParams& p) noexcept {
    std::array<index_t, 3> in{1, 1, 1}, k{1, 1, 1}, s{1, 1, 1}, pad{0, 0, 0}, dil{1, 1, 1},
        out{1, 1, 1};
    const auto o = p.output();
    for (int i = 0; i < p.dims; ++i) {
      const auto src = static_cast<std::size_t>(i), dst = static_cast<std::size_t>(3 - p.dims + i);
      in[dst] = p.input[src];
      k[dst] = p.kernel[src];
      s[dst] = p.stride[src];
      pad[dst] = p.padding[src];
      dil[dst] = p.dilation[src];
      out[dst] = o[src];
    }
    n = p.batch, cin = p.in_channels, cout = p.out_channels, g = p.groups;
    cgin = cin / g, cgout = cout / g;
    id = in[0], ih = in[1], iw = in[2], kd = k[0], kh = k[1], kw = k[2];
    od = out[0], oh = out[1], ow = out[2];
    sd = s[0], sh = s[1], sw = s[2], pd = pad[0], ph = pad[1], pw = pad[2];
    dd = dil[0], dh = dil[1], dw = dil[2];
    in_sp = id * ih * iw, out_sp = od * oh * ow, k_sp = kd * kh * kw;
  }
};

// First and one-past-last output index o with 0 <= o*s + off < size.
inline void valid_range(index_t size, index_t s, index_t off, index_t out, index_t& lo,
                        index_t& hi) noexcept {
  lo = off >= 0 ? 0 : (-off + s - 1) / s;
  hi = size - 1 - off < 0 ? 0 : (size - 1 - off) / s + 1;
  lo = std::min(lo, out);
  hi = std::clamp(hi, lo, out);
}

// Writes rows (c, kd, kh, kw) of the im2col matrix for output positions [p0, p1) (flattened
// od·oh·ow) of one image's channel group: col is K × (p1-p0), row-major.
template <class T>
void im2col_tile(const Conv3& c, const T* in, index_t p0, index_t p1, T* col) noexcept {
  const index_t tn = p1 - p0;
  T* row = col;
  for (index_t ch = 0; ch < c.cgin; ++ch) {
    const T* plane = in + ch * c.in_sp;
    for (index_t a = 0; a < c.kd; ++a)
      for (index_t b = 0; b < c.kh; ++b)
        for (index_t e = 0; e < c.kw; ++e, row += tn) {
          const index_t offw = e * c.dw - c.pw;
          index_t lo_w, hi_w;
          valid_range(c.iw, c.sw, offw, c.ow, lo_w, hi_w);
          index_t p = p0;
          while (p < p1) {
            const index_t x = p % c.ow, yz = p / c.ow, y = yz % c.oh, z = yz / c.oh;
            const index_t len = std::min(c.ow - x, p1 - p);
            T* dst = row + (p - p0);
            const index_t iz = z * c.sd - c.pd + a * c.dd, iy = y * c.sh - c.ph + b * c.dh;
            if (iz < 0 || iz >= c.id || iy < 0 || iy >= c.ih) {
              std::fill(dst, dst + len, T(0));
            } else {
              const T* src = plane + (iz * c.ih + iy) * c.iw;
              const index_t x1 = x + len;
              const index_t a0 = std::clamp(lo_w, x, x1), a1 = std::clamp(hi_w, a0, x1);
              std::fill(dst, dst + (a0 - x), T(0));
              if (c.sw == 1) {
                std::memcpy(dst + (a0 - x), src + a0 + offw,
                            static_cast<std::size_t>(a1 - a0) * sizeof(T));
              } else {
                const T* s = src + offw;
                for (index_t q = a0; q < a1; ++q) dst[q - x] = s[q * c.sw];
              }
              std::fill(dst + (a1 - x), dst + len, T(0));
            }
            p += len;
          }
        }
  }
}

// Depthwise-style convolution (one input channel per group), direct: every output channel plane
// accumulates one shifted, scaled input row per kernel tap (vectorised along the output width).
template <class T>
void conv_direct_plane(const Conv3& c, const T* in, const T* w, T b, T* out) noexcept {
  using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
  std::fill(out, out + c.out_sp, b);
  for (index_t z = 0; z < c.od; ++z)
    for (index_t y = 0; y < c.oh; ++y) {
      T* orow = out + (z * c.oh + y) * c.ow;
      for (index_t a = 0; a < c.kd; ++a) {
        const index_t iz = z * c.sd - c.pd + a * c.dd;
        if (iz < 0 || iz >= c.id) continue;
        for (index_t bb = 0; bb < c.kh; ++bb) {
          const index_t iy = y * c.sh - c.ph + bb * c.dh;
          if (iy < 0 || iy >= c.ih) continue;
          const T* irow = in + (iz * c.ih + iy) * c.iw;
          const T* wk = w + (a * c.kh + bb) * c.kw;
          for (index_t e = 0; e < c.kw; ++e) {
            const index_t off = e * c.dw - c.pw;
            index_t lo, hi;
            valid_range(c.iw, c.sw, off, c.ow, lo, hi);
            if (hi <= lo) continue;
            const T wv = wk[e];
            Eigen::Map<Arr> o(orow + lo, hi - lo);
            if (c.sw == 1) {
              o += wv * Eigen::Map<const Arr>(irow + lo + off, hi - lo);
            } else {
              o += wv * Eigen::Map<const Arr, 0, Eigen::InnerStride<>>(
                            irow + lo * c.sw + off, hi - lo, Eigen::InnerStride<>(c.sw));
            }
          }
        }
      }
    }
}

// 2-d depthwise plane through phase planes: the zero-padded input is split by stride phase
// (row % sh, column % sw) into planes of hq × wq, so that every kernel tap reads one phase plane
// contiguously at a fixed offset. The whole output plane (with wq - ow scratch columns per row)
// is then one flat vectorised sum over the taps.
template <class T>
void conv_direct_plane_2d(const Conv3& c, const T* in, const T* w, T b, T* out,
                          std::vector<T>& buf) noexcept {
  using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
  using CMap = Eigen::Map<const Arr>;
  const index_t hp = c.ih + 2 * c.ph, wp = c.iw + 2 * c.pw;
  const index_t hq = (hp + c.sh - 1) / c.sh, wq = (wp + c.sw - 1) / c.sw;
  const index_t plane = hq * wq, nphase = c.sh * c.sw;
  const bool direct_out = wq == c.ow;
  const index_t acc_size = direct_out ? 0 : c.oh * wq;
  if (buf.size() < static_cast<std::size_t>(nphase * plane + acc_size))
    buf.resize(static_cast<std::size_t>(nphase * plane + acc_size));
  T* phases = buf.data();
  // Zero only what the input copy below does not overwrite: the padding.
  if (c.ph > 0 || c.pw > 0 || hq * c.sh != hp || wq * c.sw != wp)
    std::fill(phases, phases + nphase * plane, T(0));
  for (index_t iy = 0; iy < c.ih; ++iy) {
    const index_t pr = iy + c.ph, i = pr / c.sh, ra = pr % c.sh;
    const T* src = in + iy * c.iw;
    for (index_t rb = 0; rb < c.sw; ++rb) {
      T* dst = phases + (ra * c.sw + rb) * plane + i * wq;
      // padded column j*sw + rb is input column j*sw + rb - pw
      index_t lo, hi;
      valid_range(c.iw, c.sw, rb - c.pw, wq, lo, hi);
      if (c.sw == 1) {
        std::memcpy(dst + lo, src + lo + rb - c.pw, static_cast<std::size_t>(hi - lo) * sizeof(T));
      } else {
        for (index_t j = lo; j < hi; ++j) dst[j] = src[j * c.sw + rb - c.pw];
      }
    }
  }
  T* acc = direct_out ? out : phases + nphase * plane;
  const index_t len = (c.oh - 1) * wq + c.ow;
  auto tap = [&](index_t a, index_t e) {
    const index_t oy = a * c.dh, ox = e * c.dw;
    return phases + ((oy % c.sh) * c.sw + ox % c.sw) * plane + (oy / c.sh) * wq + ox / c.sw;
  };
  Eigen::Map<Arr> o(acc, len);
  if (c.kh == 3 && c.kw == 3) {
    o = b + w[0] * CMap(tap(0, 0), len) + w[1] * CMap(tap(0, 1), len) +
        w[2] * CMap(tap(0, 2), len) + w[3] * CMap(tap(1, 0), len) + w[4] * CMap(tap(1, 1), len) +
        w[5] * CMap(tap(1, 2), len) + w[6] * CMap(tap(2, 0), len) + w[7] * CMap(tap(2, 1), len) +
        w[8] * CMap(tap(2, 2), len);
  } else {
    o.setConstant(b);
    for (index_t a = 0; a < c.kh; ++a)
      for (index_t e = 0; e < c.kw; ++e) o += w[a * c.kw + e] * CMap(tap(a, e), len);
  }
  if (!direct_out)
    for (index_t y = 0; y < c.oh; ++y)
      std::memcpy(out + y * c.ow, acc + y * wq, static_cast<std::size_t>(c.ow) * sizeof(T));
}

template <class T>
void conv_direct(const Conv3& c, const T* input, const T* weight, const T* bias,
                 T* output) noexcept {
  const index_t planes = c.n * c.cout;
  const index_t grain = std::max<index_t>(1, 8192 / std::max<index_t>(1, c.out_sp * c.k_sp));
  const bool two_d = c.kd == 1 && c.id == 1;
  parallel_for(0, planes, grain, [&](index_t b, index_t e) {
    std::vector<T> buf;
    for (index_t i = b; i < e; ++i) {
      const index_t n = i / c.cout, oc = i % c.cout, grp = oc / c.cgout;
      const T* in = input + (n * c.cin + grp) * c.in_sp;
      const T bv = bias ? bias[oc] : T(0);
      if (two_d)
        conv_direct_plane_2d(c, in, weight + oc * c.k_sp, bv, output + i * c.out_sp, buf);
      else
        conv_direct_plane(c, in, weight + oc * c.k_sp, bv, output + i * c.out_sp);
    }
  });
}

// Output columns per im2col tile: about 256 KiB of column buffer, at least 64 columns.
template <class T>
index_t conv_tile_columns(index_t k, index_t out_sp) noexcept {
  index_t tn = (index_t(256) << 10) / (static_cast<index_t>(sizeof(T)) * std::max<index_t>(k, 1));
  tn = std::max<index_t>(tn, 64);
  tn = (tn + 15) / 16 * 16;
  return std::min(tn, std::max<index_t>(out_sp, 1));
}

template <class T>
void conv_gemm(const Conv3& c, const T* input, const T* weight, const T* bias,
               T* output) noexcept {
  const index_t K = c.cgin * c.k_sp;
  const bool pointwise = c.k_sp == 1 && c.sd == 1 && c.sh == 1 && c.sw == 1 && c.pd == 0 &&
                         c.ph == 0 && c.pw == 0;
  const int threads = get_num_threads();
  index_t tn = pointwise ? c.out_sp : conv_tile_columns<T>(K, c.out_sp);
  index_t ntiles = (c.out_sp + tn - 1) / tn;
  const index_t ng = c.n * c.g;
  if (ng * ntiles < threads && c.out_sp >= 2 * 64 * threads && !pointwise) {
    ntiles = threads;
    tn = (c.out_sp + ntiles - 1) / ntiles;
    tn = (tn + 15) / 16 * 16;
    ntiles = (c.out_sp + tn - 1) / tn;
  }
  if (pointwise && ng < threads && c.out_sp >= 2 * 64 * threads) {
    ntiles = threads;
    tn = ((c.out_sp + ntiles - 1) / ntiles + 15) / 16 * 16;
    ntiles = (c.out_sp + tn - 1) / tn;
  }
  // Few output positions and many output channels (deep layers at batch 1): split the output
  // channels instead, so each thread packs only its share of the (large) weight matrix.
  if (threads > 1 && ng < threads && c.out_sp <= 256 && c.cgout >= 32 * threads && !pointwise) {
    tn = c.out_sp;
    ntiles = 1;
  }
  // Balance the threads: make the number of (image, group, tile) items a multiple of them.
  if (threads > 1 && ng * ntiles >= threads && ng * ntiles < 8 * threads &&
      (ng * ntiles) % threads != 0 && c.out_sp >= 64) {
    const index_t items = (ng * ntiles + threads - 1) / threads * threads;
    if (items % ng == 0) {
      ntiles = items / ng;
      tn = (c.out_sp + ntiles - 1) / ntiles;
      ntiles = (c.out_sp + tn - 1) / tn;
    }
  }
  index_t mtiles = 1;
  if (ng * ntiles < threads && c.cgout >= 32) mtiles = threads;
  const index_t mb = (c.cgout + mtiles - 1) / mtiles;
  const index_t items = ng * ntiles * mtiles;
  const double flops_per_item =
      2.0 * static_cast<double>(c.cgout) * static_cast<double>(K) * static_cast<double>(tn);
  const index_t grain = flops_per_item >= 1e5 ? 1 : static_cast<index_t>(1e5 / flops_per_item) + 1;
  parallel_for(0, items, grain, [&](index_t i0, index_t i1) {
    std::vector<T> col;
    if (!pointwise) col.resize(static_cast<std::size_t>(K * tn));
    for (index_t it = i0; it < i1; ++it) {
      const index_t mt = it % mtiles, rest = it / mtiles;
      const index_t tile = rest % ntiles, ngi = rest / ntiles;
      const index_t n = ngi / c.g, grp = ngi % c.g;
      const index_t p0 = tile * tn, p1 = std::min(c.out_sp, p0 + tn);
      const index_t m0 = mt * mb, m1 = std::min(c.cgout, m0 + mb);
      if (m1 <= m0 || p1 <= p0) continue;
      const T* in_g = input + (n * c.cin + grp * c.cgin) * c.in_sp;
      T* out_g = output + (n * c.cout + grp * c.cgout) * c.out_sp;
      const T* b;
      index_t ldb;
      if (pointwise) {
        b = in_g + p0;
        ldb = c.in_sp;
      } else {
        im2col_tile(c, in_g, p0, p1, col.data());
        b = col.data();
        ldb = p1 - p0;
      }
      T beta = T(0);
      if (bias) {
        for (index_t m = m0; m < m1; ++m)
          std::fill(out_g + m * c.out_sp + p0, out_g + m * c.out_sp + p1, bias[grp * c.cgout + m]);
        beta = T(1);
      }
      gemm_serial(false, false, m1 - m0, p1 - p0, K, T(1), weight + (grp * c.cgout + m0) * K, K,
                  b, ldb, beta, out_g + m0 * c.out_sp + p0, c.out_sp);
    }
  });
}

// Scatter-adds columns (cgout·k_sp rows × input positions) into one image's output group.
template <class T>
void col2im_channel(const Conv3& c, const T* col, T* out_plane) noexcept {
  // col rows for this output channel: k_sp rows of in_sp each.
  for (index_t a = 0; a < c.kd; ++a)
    for (index_t b = 0; b < c.kh; ++b)
      for (index_t e = 0; e < c.kw; ++e, col += c.in_sp) {
        const index_t offw = e * c.dw - c.pw;
        for (index_t z = 0; z < c.id; ++z) {
          const index_t oz = z * c.sd - c.pd + a * c.dd;
          if (oz < 0 || oz >= c.od) continue;
          for (index_t y = 0; y < c.ih; ++y) {
            const index_t oy = y * c.sh - c.ph + b * c.dh;
            if (oy < 0 || oy >= c.oh) continue;
            const T* src = col + (z * c.ih + y) * c.iw;
            T* dst = out_plane + (oz * c.oh + oy) * c.ow + offw;
            for (index_t x = 0; x < c.iw; ++x) {
              const index_t ox = x * c.sw + offw;
              if (ox >= 0 && ox < c.ow) dst[x * c.sw] += src[x];
            }
          }
        }
      }
}

template <class T>
void conv_transpose_gemm(const Conv3& c, const T* input, const T* weight, const T* bias,
                         T* output) noexcept {
  const index_t rows = c.cgout * c.k_sp;  // columns matrix: rows × in_sp
  const index_t ng = c.n * c.g;
  const int threads = get_num_threads();
  auto one = [&](index_t ngi, std::vector<T>& col, bool inner_parallel) {
    const index_t n = ngi / c.g, grp = ngi % c.g;
    const T* in_g = input + (n * c.cin + grp * c.cgin) * c.in_sp;
    const T* w_g = weight + grp * c.cgin * rows;
    T* out_g = output + (n * c.cout + grp * c.cgout) * c.out_sp;
    col.resize(static_cast<std::size_t>(rows * c.in_sp));
    if (inner_parallel)
      gemm(true, false, rows, c.in_sp, c.cgin, T(1), w_g, rows, in_g, c.in_sp, T(0), col.data(),
           c.in_sp);
    else
      gemm_serial(true, false, rows, c.in_sp, c.cgin, T(1), w_g, rows, in_g, c.in_sp, T(0),
                  col.data(), c.in_sp);
    auto channels = [&](index_t m0, index_t m1) {
      for (index_t m = m0; m < m1; ++m) {
        T* plane = out_g + m * c.out_sp;
        std::fill(plane, plane + c.out_sp, bias ? bias[grp * c.cgout + m] : T(0));
        col2im_channel(c, col.data() + m * c.k_sp * c.in_sp, plane);
      }
    };
    if (inner_parallel) parallel_for(0, c.cgout, 1, channels);
    else channels(0, c.cgout);
  };
  if (ng >= threads || threads == 1) {
    parallel_for(0, ng, 1, [&](index_t i0, index_t i1) {
      std::vector<T> col;
      for (index_t i = i0; i < i1; ++i) one(i, col, false);
    });
  } else {
    std::vector<T> col;
    for (index_t i = 0; i < ng; ++i) one(i, col, true);
  }
}

}  // namespace detail

// Forward convolution. Buffers are contiguous; bias may be null. Call check_conv first.
template <class T>
TJIT_KERNEL void conv_forward(const ConvParams& p, const T* input, const T* weight,
                              const T* bias, T* output) noexcept {
  const detail::Conv3 c(p);
  if (c.n == 0 || c.cout == 0 || c.out_sp == 0) return;
  if (c.cgin == 0 || c.k_sp == 0) {
    for (index_t n = 0; n < c.n; ++n)
      for (index_t oc = 0; oc < c.cout; ++oc) {
        T* plane = output + (n * c.cout + oc) * c.out_sp;
        std::fill(plane, plane + c.out_sp, bias ? bias[oc] : T(0));
      }
    return;
  }
  if (c.cgin == 1 && c.k_sp > 1 && c.cgout <= 4)
    detail::conv_direct(c, input, weight, bias, output);
  else
    detail::conv_gemm(c, input, weight, bias, output);
}

// Transposed convolution (the gradient of conv_forward w.r.t. its input, plus bias).
template <class T>
TJIT_KERNEL void conv_transpose(const ConvParams& p, const T* input, const T* weight,
                                const T* bias, T* output) noexcept {
  const detail::Conv3 c(p);
  if (c.n == 0 || c.cout == 0 || c.out_sp == 0) return;
  detail::conv_transpose_gemm(c, input, weight, bias, output);
}

// conv_forward or conv_transpose, as p.transposed says.
template <class T>
void convolution(const ConvParams& p, const T* input, const T* weight, const T* bias,
                 T* output) noexcept {
  if (p.transposed) conv_transpose(p, input, weight, bias, output);
  else conv_forward(p, input, weight, bias, output);
}

}  // namespace tjit::kernels
