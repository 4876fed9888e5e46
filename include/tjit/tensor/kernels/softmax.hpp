// tjit/tensor/kernels/softmax.hpp — softmax and log_softmax over one dimension of a contiguous
// buffer seen as (outer, dim, inner), numerically stable (the maximum is subtracted first).
//
// Builds on Eigen's vectorised array expressions and tjit::parallel_for (split over outer, or
// over inner blocks when outer is small). The Tensor-level softmax(x, dim) computes outer = the
// product of the sizes before dim, inner = the product after it.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/common.hpp"

namespace tjit::kernels {

namespace detail {

template <class T, bool Log>
void softmax_row(const T* x, index_t n, T* y) noexcept {
  using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
  Eigen::Map<const Arr> a(x, n);
  Eigen::Map<Arr> out(y, n);
  const T mx = a.maxCoeff();
  if (Log) {
    const T lse = std::log((a - mx).exp().sum());
    out = a - mx - lse;
  } else {
    out = (a - mx).exp();
    out *= T(1) / out.sum();
  }
}

// Columns [i0, i1) of one (dim, inner) slab, vectorised along inner.
template <class T, bool Log>
void softmax_cols(const T* x, index_t dim, index_t inner, index_t i0, index_t i1, T* y) noexcept {
  using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
  const index_t w = i1 - i0;
  Arr mx = Arr::Constant(w, -std::numeric_limits<T>::infinity());
  for (index_t d = 0; d < dim; ++d) mx = mx.max(Eigen::Map<const Arr>(x + d * inner + i0, w));
  // NaN in a column: max() may skip it; the sum below still turns the column into NaN.
  Arr sum = Arr::Zero(w);
  for (index_t d = 0; d < dim; ++d) {
    if (Log) {  // y may alias x: keep x intact until the last pass
      sum += (Eigen::Map<const Arr>(x + d * inner + i0, w) - mx).exp();
    } else {
      Eigen::Map<Arr> out(y + d * inner + i0, w);
      out = (Eigen::Map<const Arr>(x + d * inner + i0, w) - mx).exp();
      sum += out;
    }
  }
  if (Log) {
    const Arr shift = mx + sum.log();
    for (index_t d = 0; d < dim; ++d)
      Eigen::Map<Arr>(y + d * inner + i0, w) = Eigen::Map<const Arr>(x + d * inner + i0, w) - shift;
  } else {
    const Arr inv = sum.inverse();
    for (index_t d = 0; d < dim; ++d) Eigen::Map<Arr>(y + d * inner + i0, w) *= inv;
  }
}

template <class T, bool Log>
void softmax_impl(index_t outer, index_t dim, index_t inner, const T* x, T* y) noexcept {
  if (outer == 0 || dim == 0 || inner == 0) return;
  if (inner == 1) {
    const index_t grain = std::max<index_t>(1, 8192 / dim);
    parallel_for(0, outer, grain, [&](index_t o0, index_t o1) {
      for (index_t o = o0; o < o1; ++o) softmax_row<T, Log>(x + o * dim, dim, y + o * dim);
    });
    return;
  }
  constexpr index_t kBlock = 256;  // columns per task
  const index_t blocks = (inner + kBlock - 1) / kBlock;
  const index_t grain = std::max<index_t>(1, 8192 / (dim * std::min(inner, kBlock)));
  parallel_for(0, outer * blocks, grain, [&](index_t t0, index_t t1) {
    for (index_t t = t0; t < t1; ++t) {
      const index_t o = t / blocks, b = t % blocks;
      const index_t i0 = b * kBlock, i1 = std::min(inner, i0 + kBlock);
      softmax_cols<T, Log>(x + o * dim * inner, dim, inner, i0, i1, y + o * dim * inner);
    }
  });
}

}  // namespace detail

// y = softmax(x) along the middle dimension of (outer, dim, inner). y may equal x.
template <class T>
TJIT_KERNEL void softmax(index_t outer, index_t dim, index_t inner, const T* x, T* y) noexcept {
  detail::softmax_impl<T, false>(outer, dim, inner, x, y);
}

// y = log_softmax(x) along the middle dimension of (outer, dim, inner). y may equal x.
template <class T>
TJIT_KERNEL void log_softmax(index_t outer, index_t dim, index_t inner, const T* x,
                             T* y) noexcept {
  detail::softmax_impl<T, true>(outer, dim, inner, x, y);
}

}  // namespace tjit::kernels
