// tjit/tensor/kernels/pad.hpp — F.pad on raw contiguous buffers: constant, reflect, replicate
// and circular padding of the last 1, 2 or 3 dims; negative padding crops.
//
// Builds on tjit::parallel_for. make_pad_params turns an input shape and PyTorch's pad list
// (last dim first: left, right, top, bottom, front, back) into PadParams, checking them with
// PyTorch's messages; pad() then maps every output element to its source through per-dimension
// index tables (-1 = the constant value).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/common.hpp"

namespace tjit::kernels {

enum class PadMode { Constant, Reflect, Replicate, Circular };

// Padding of the last `dims` dims; planes = the product of the leading dims. Spatial arrays are in
// dimension order (first padded dim first) and use their first `dims` entries.
struct PadParams {
  int dims = 1;
  index_t planes = 1;
  std::array<index_t, 3> input{1, 1, 1};
  std::array<index_t, 3> before{0, 0, 0};
  std::array<index_t, 3> after{0, 0, 0};
  PadMode mode = PadMode::Constant;
  double value = 0;

  index_t output_size(int i) const noexcept {
    const auto u = static_cast<std::size_t>(i);
    return input[u] + before[u] + after[u];
  }
  index_t output_numel() const noexcept {
    index_t n = planes;
    for (int i = 0; i < dims; ++i) n *= output_size(i);
    return n;
  }
};

// Builds and checks PadParams from the input's sizes and F.pad's pad list.
inline PadParams make_pad_params(const std::vector<index_t>& sizes, const std::vector<index_t>& pad,
                                 PadMode mode, double value = 0) {
  TJIT_CHECK(pad.size() % 2 == 0, "Padding length must be divisible by 2");
  TJIT_CHECK(pad.size() / 2 <= sizes.size(), "Padding length too large");
  const int dims = static_cast<int>(pad.size() / 2);
  TJIT_CHECK(dims >= 1 && dims <= 3, "pad: only 1 to 3 padded dimensions are supported, but got ",
             dims);
  if (mode != PadMode::Constant)
    TJIT_CHECK_AS(NotImplementedError, sizes.size() >= 2 && sizes.size() <= 5 &&
                                           static_cast<std::size_t>(dims) + 2 >= sizes.size() &&
                                           static_cast<std::size_t>(dims) + 1 <= sizes.size(),
                  "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
  PadParams p;
  p.dims = dims;
  p.mode = mode;
  p.value = value;
  const std::size_t lead = sizes.size() - static_cast<std::size_t>(dims);
  for (std::size_t i = 0; i < lead; ++i) p.planes *= sizes[i];
  const std::string ndim = std::to_string(sizes.size());
  for (int i = 0; i < dims; ++i) {
    const auto u = static_cast<std::size_t>(i);
    const std::size_t k = static_cast<std::size_t>(dims - 1 - i) * 2;  // pad list is last dim first
    p.input[u] = sizes[lead + u];
    p.before[u] = pad[k];
    p.after[u] = pad[k + 1];
    const index_t n = p.input[u], dim = static_cast<index_t>(lead + u);
    const char letter = "DHW"[3 - dims + i];
    switch (mode) {
      case PadMode::Constant:
        TJIT_CHECK(p.output_size(i) >= 0, "The input size ", n, ", plus negative padding ",
                   p.before[u], " and ", p.after[u],
                   " resulted in a negative output size, which is invalid. Check dimension ",
                   dim, " of your input.");
        break;
      case PadMode::Reflect: {
        std::string in_desc = dims == 1 ? "[" : ndim;
        if (dims == 1) {
          for (std::size_t j = 0; j < sizes.size(); ++j)
            in_desc += (j ? ", " : "") + std::to_string(sizes[j]);
          in_desc += "]";
        }
        TJIT_CHECK(p.before[u] < n && p.after[u] < n, "Argument #", 4 + 2 * (dims - 1 - i),
                   ": Padding size should be less than the corresponding input dimension, but "
                   "got: padding (",
                   p.before[u], ", ", p.after[u], ") at dimension ", dim, " of input ", in_desc);
        TJIT_CHECK(p.output_size(i) >= 1, "input (", letter, ": ", n,
                   ") is too small. Calculated output ", letter, ": ", p.output_size(i));
        break;
      }
      case PadMode::Replicate:
        TJIT_CHECK(n > 0, "pad: replicate padding needs a non-empty dimension ", dim);
        TJIT_CHECK(p.output_size(i) >= 1, "input (", letter, ": ", n,
                   ") is too small. Calculated output ", letter, ": ", p.output_size(i));
        break;
      case PadMode::Circular:
        TJIT_CHECK(p.before[u] <= n && p.after[u] <= n,
                   "Padding value causes wrapping around more than once.");
        TJIT_CHECK(n - std::max<index_t>(0, -p.before[u]) - std::max<index_t>(0, -p.after[u]) > 0 ||
                       (p.before[u] <= 0 && p.after[u] <= 0),
                   "Negative padding value is resulting in an empty dimension.");
        break;
    }
  }
  return p;
}

namespace detail {

// Source index along one dim for each output index (-1: the constant value).
inline std::vector<index_t> pad_table(PadMode mode, index_t n, index_t before, index_t after) {
  const index_t out = n + before + after;
  std::vector<index_t> t(static_cast<std::size_t>(std::max<index_t>(out, 0)));
  // Circular padding wraps within the cropped input, as PyTorch's _pad_circular does.
  const index_t lo = std::max<index_t>(0, -before), hi = n - std::max<index_t>(0, -after);
  const index_t period = std::max<index_t>(hi - lo, 1);
  for (index_t o = 0; o < out; ++o) {
    index_t i = o - before;
    switch (mode) {
      case PadMode::Constant:
        if (i < 0 || i >= n) i = -1;
        break;
      case PadMode::Reflect:
        if (n == 1) i = 0;
        else {
          const index_t per = 2 * (n - 1);
          i = ((i % per) + per) % per;
          if (i >= n) i = per - i;
        }
        break;
      case PadMode::Replicate:
        i = std::clamp<index_t>(i, 0, n - 1);
        break;
      case PadMode::Circular:
        i = lo + (((i - lo) % period) + period) % period;
        break;
    }
    t[static_cast<std::size_t>(o)] = i;
  }
  return t;
}

}  // namespace detail

// out = F.pad(in, ...) as described by p (from make_pad_params).
template <class T>
TJIT_KERNEL void pad(const PadParams& p, const T* input, T* output) noexcept {
  // As 3-d: missing leading dims have size 1 and no padding.
  std::array<index_t, 3> n{1, 1, 1}, b{0, 0, 0}, a{0, 0, 0};
  for (int i = 0; i < p.dims; ++i) {
    const auto src = static_cast<std::size_t>(i), dst = static_cast<std::size_t>(3 - p.dims + i);
    n[dst] = p.input[src], b[dst] = p.before[src], a[dst] = p.after[src];
  }
  const auto tz = detail::pad_table(p.mode, n[0], b[0], a[0]);
  const auto ty = detail::pad_table(p.mode, n[1], b[1], a[1]);
  const auto tx = detail::pad_table(p.mode, n[2], b[2], a[2]);
  const index_t od = static_cast<index_t>(tz.size()), oh = static_cast<index_t>(ty.size()),
                ow = static_cast<index_t>(tx.size());
  const index_t in_sp = n[0] * n[1] * n[2], out_sp = od * oh * ow;
  if (out_sp == 0 || p.planes == 0) return;
  const T value = static_cast<T>(p.value);
  const index_t grain = std::max<index_t>(1, 32768 / out_sp);
  parallel_for(0, p.planes, grain, [&](index_t p0, index_t p1) {
    for (index_t pl = p0; pl < p1; ++pl) {
      const T* in = input + pl * in_sp;
      T* out = output + pl * out_sp;
      for (index_t z = 0; z < od; ++z)
        for (index_t y = 0; y < oh; ++y) {
          T* orow = out + (z * oh + y) * ow;
          const index_t sz = tz[static_cast<std::size_t>(z)], sy = ty[static_cast<std::size_t>(y)];
          if (sz < 0 || sy < 0) {
            std::fill(orow, orow + ow, value);
            continue;
          }
          const T* irow = in + (sz * n[1] + sy) * n[2];
          for (index_t x = 0; x < ow; ++x) {
            const index_t sx = tx[static_cast<std::size_t>(x)];
            orow[x] = sx < 0 ? value : irow[sx];
          }
        }
    }
  });
}

}  // namespace tjit::kernels
