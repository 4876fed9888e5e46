// tjit/tensor/iterator.hpp — the strided loop every elementwise kernel runs on.
//
// strided_loop(shape, {operands}, fn) visits every index of `shape` once for N operands given as
// (base pointer, strides in bytes). Dimensions of size 1 are dropped and dimensions that are
// contiguous for every operand are merged, so most calls become one long inner loop; fn gets
// the inner loop (pointers, byte strides, length) and is free to vectorise it. Large loops are
// split over the intra-op pool.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "tjit/core/parallel.hpp"
#include "tjit/tensor/tensor_base.hpp"

namespace tjit::detail {

// Elements per parallel chunk: below this an op runs on one thread.
inline constexpr std::int64_t kElementwiseGrain = 32768;

// The inner-loop callback, type-erased so that the loop machinery below is compiled once per
// operand count rather than once per op and dtype.
template <std::size_t N>
struct InnerLoop {
  void (*call)(const void* ctx, const std::array<char*, N>& ptrs,
               const std::array<std::int64_t, N>& byte_strides, std::int64_t n);
  const void* ctx;
  void operator()(const std::array<char*, N>& p, const std::array<std::int64_t, N>& st,
                  std::int64_t n) const {
    call(ctx, p, st, n);
  }
};

template <std::size_t N>
void strided_loop_erased(IntArrayRef shape, const std::array<char*, N>& data,
                         const std::array<IntArrayRef, N>& strides,
                         const std::array<std::int64_t, N>& element_sizes, InnerLoop<N> fn,
                         std::int64_t grain) {
  // Gather the dims that matter, innermost first, with byte strides.
  struct Dim {
    std::int64_t size;
    std::array<std::int64_t, N> stride;
  };
  std::vector<Dim> dims;
  dims.reserve(shape.size());
  std::int64_t numel = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    numel *= shape[i];
    if (shape[i] == 1) continue;
    Dim d{shape[i], {}};
    for (std::size_t k = 0; k < N; ++k) d.stride[k] = strides[k][i] * element_sizes[k];
    dims.push_back(d);
  }
  if (numel == 0) return;
  // Merge an outer dim into the inner one when every operand steps across both uniformly.
  std::vector<Dim> merged;
  for (const Dim& d : dims) {
    if (!merged.empty()) {
      Dim& in = merged.back();
      bool ok = true;
      for (std::size_t k = 0; k < N && ok; ++k) ok = d.stride[k] == in.stride[k] * in.size;
      if (ok) {
        in.size *= d.size;
        continue;
      }
    }
    merged.push_back(d);
  }
  if (merged.empty()) merged.push_back(Dim{1, {}});

  const Dim inner = merged.front();
  const std::size_t nouter = merged.size() - 1;
  if (nouter == 0) {
    // One long loop: split it.
    parallel_for(0, inner.size, grain, [&](std::int64_t b, std::int64_t e) {
      std::array<char*, N> p;
      for (std::size_t k = 0; k < N; ++k) p[k] = data[k] + b * inner.stride[k];
      fn(p, inner.stride, e - b);
    });
    return;
  }
  std::int64_t outer_count = numel / inner.size;
  std::int64_t outer_grain = std::max<std::int64_t>(1, grain / std::max<std::int64_t>(inner.size, 1));
  parallel_for(0, outer_count, outer_grain, [&](std::int64_t b, std::int64_t e) {
    // Decompose b into a multi-index over the outer dims, then count upwards.
    std::vector<std::int64_t> idx(nouter, 0);
    std::int64_t rem = b;
    for (std::size_t j = 0; j < nouter; ++j) {
      idx[j] = rem % merged[j + 1].size;
      rem /= merged[j + 1].size;
    }
    std::array<char*, N> p;
    for (std::size_t k = 0; k < N; ++k) {
      p[k] = data[k];
      for (std::size_t j = 0; j < nouter; ++j) p[k] += idx[j] * merged[j + 1].stride[k];
    }
    for (std::int64_t o = b; o < e; ++o) {
      fn(p, inner.stride, inner.size);
      for (std::size_t j = 0; j < nouter; ++j) {
        const Dim& d = merged[j + 1];
        if (++idx[j] < d.size) {
          for (std::size_t k = 0; k < N; ++k) p[k] += d.stride[k];
          break;
        }
        idx[j] = 0;
        for (std::size_t k = 0; k < N; ++k) p[k] -= (d.size - 1) * d.stride[k];
      }
    }
  });
}

// fn(const std::array<char*, N>& ptrs, const std::array<std::int64_t, N>& byte_strides,
//    std::int64_t n) runs the inner loop.
template <std::size_t N, class F>
void strided_loop(IntArrayRef shape, const std::array<char*, N>& data,
                  const std::array<IntArrayRef, N>& strides,
                  const std::array<std::int64_t, N>& element_sizes, const F& fn,
                  std::int64_t grain = kElementwiseGrain) {
  InnerLoop<N> erased{[](const void* ctx, const std::array<char*, N>& p,
                         const std::array<std::int64_t, N>& st,
                         std::int64_t n) { (*static_cast<const F*>(ctx))(p, st, n); },
                      &fn};
  strided_loop_erased<N>(shape, data, strides, element_sizes, erased, grain);
}

// Converts between element types as PyTorch's casts do (half/bfloat16 through float,
// anything to bool as "!= 0").
template <class To, class From>
inline To cast_value(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    if constexpr (is_reduced_float_v<From>) return static_cast<float>(v) != 0.0f;
    else return v != From(0);
  } else if constexpr (is_reduced_float_v<From>) {
    return static_cast<To>(static_cast<float>(v));
  } else if constexpr (is_reduced_float_v<To>) {
    return To(static_cast<float>(v));
  } else {
    return static_cast<To>(v);
  }
}

}  // namespace tjit::detail
