// tjit/tensor/kernels/common.hpp — what every compute kernel shares: the index type, the
// out-of-line attribute, the accumulation type and small helpers for shape arithmetic.
//
// Kernels in tjit::kernels work on raw, contiguous, row-major buffers with explicit shapes; the
// Tensor-level ops compute shapes, check dtypes and make inputs contiguous before calling them.
// Each kernel comes with a check_* function that validates its parameters and throws tjit::Error
// with PyTorch's wording; the kernels themselves are noexcept and assume checked parameters.
#pragma once

#include <cstdint>
#include <string>

#include "tjit/core/error.hpp"

// Keeps one instantiation of a kernel per element type out of line, so code that calls many
// kernels (static graphs, the interpreter) stays small and fast to compile.
#if defined(__GNUC__) || defined(__clang__)
#define TJIT_KERNEL __attribute__((noinline))
#else
#define TJIT_KERNEL
#endif

namespace tjit::kernels {

using index_t = std::int64_t;

// The type a kernel accumulates in: float accumulates in float (as PyTorch's CPU kernels do for
// most ops), double in double.
template <class T>
struct acc_type {
  using type = T;
};
template <class T>
using acc_t = typename acc_type<T>::type;

namespace detail {

inline index_t div_floor(index_t a, index_t b) noexcept {
  index_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

inline index_t div_ceil(index_t a, index_t b) noexcept { return -div_floor(-a, b); }

// "(a x b x c)" as PyTorch prints spatial sizes in its messages.
template <class It>
std::string join_x(It first, It last) {
  std::string s;
  for (It it = first; it != last; ++it) {
    if (it != first) s += " x ";
    s += std::to_string(*it);
  }
  return s;
}

}  // namespace detail
}  // namespace tjit::kernels
