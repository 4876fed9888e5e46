// tjit/tensor/kernels/gemm.hpp — matrix products on raw row-major buffers: C = alpha·op(A)·op(B)
// + beta·C with leading dimensions (BLAS's gemm, row-major), and its batched form.
//
// Builds on Eigen's GEMM (Eigen::Map with outer strides; a transposed operand is the same memory
// mapped column-major, so no copy is made) and on tjit::parallel_for: a large product is split
// into blocks of its larger output dimension, one Eigen GEMM per thread. The matrix kernels of
// the tensor layer (mm, bmm, addmm, linear, matmul) and the convolutions call these.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/common.hpp"

namespace tjit::kernels {

// Checks the sizes and leading dimensions of a row-major gemm: op(A) is m×k, op(B) k×n, C m×n.
// A not transposed is stored m×k (lda ≥ k); transposed, k×m (lda ≥ m). Likewise B.
inline void check_gemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, index_t lda,
                       index_t ldb, index_t ldc) {
  TJIT_CHECK(m >= 0 && n >= 0 && k >= 0, "gemm: negative matrix size (m=", m, ", n=", n,
             ", k=", k, ")");
  const index_t min_lda = std::max<index_t>(1, trans_a ? m : k);
  const index_t min_ldb = std::max<index_t>(1, trans_b ? k : n);
  const index_t min_ldc = std::max<index_t>(1, n);
  TJIT_CHECK(lda >= min_lda, "gemm: lda must be at least ", min_lda, ", but got ", lda);
  TJIT_CHECK(ldb >= min_ldb, "gemm: ldb must be at least ", min_ldb, ", but got ", ldb);
  TJIT_CHECK(ldc >= min_ldc, "gemm: ldc must be at least ", min_ldc, ", but got ", ldc);
}

// check_gemm plus the batch count and the batch strides (0 broadcasts an operand).
inline void check_gemm_batched(index_t batch, bool trans_a, bool trans_b, index_t m, index_t n,
                               index_t k, index_t lda, index_t stride_a, index_t ldb,
                               index_t stride_b, index_t ldc, index_t stride_c) {
  TJIT_CHECK(batch >= 0, "gemm_batched: negative batch size ", batch);
  check_gemm(trans_a, trans_b, m, n, k, lda, ldb, ldc);
  TJIT_CHECK(stride_a >= 0 && stride_b >= 0, "gemm_batched: negative batch stride");
  TJIT_CHECK(batch <= 1 || stride_c >= std::max<index_t>(1, m * ldc),
             "gemm_batched: the outputs of a batch must not overlap (stride_c = ", stride_c,
             " < m·ldc = ", m * ldc, ")");
}

namespace detail {

template <class T, int Order>
using ConstMatMap =
    Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Order>, Eigen::Unaligned,
               Eigen::OuterStride<>>;
template <class T>
using RowMatMap = Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>,
                             Eigen::Unaligned, Eigen::OuterStride<>>;

// One product expression per operand layout (`+=` only: each distinct expression instantiates
// Eigen's whole GEMM again, which is what compile time is made of).
template <class T, class MA, class MB>
void gemm_eigen(const MA& a, const MB& b, T alpha, T beta, RowMatMap<T>& c) {
  if (beta == T(0)) c.setZero();
  else if (beta != T(1)) c *= beta;
  c.noalias() += alpha * a * b;
}

}  // namespace detail

// One thread: the caller's. C (m×n, row-major, ldc) = alpha·op(A)·op(B) + beta·C. With beta == 0,
// C is only written (NaNs in it do not propagate), as in PyTorch's addmm.
template <class T>
TJIT_KERNEL void gemm_serial(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, T alpha,
                             const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c,
                             index_t ldc) noexcept {
  using namespace detail;
  if (m == 0 || n == 0) return;
  RowMatMap<T> cm(c, m, n, Eigen::OuterStride<>(ldc));
  if (k == 0 || alpha == T(0)) {
    if (beta == T(0)) cm.setZero();
    else if (beta != T(1)) cm *= beta;
    return;
  }
  const Eigen::OuterStride<> sa(lda), sb(ldb);
  if (!trans_a) {
    ConstMatMap<T, Eigen::RowMajor> am(a, m, k, sa);
    if (!trans_b) gemm_eigen(am, ConstMatMap<T, Eigen::RowMajor>(b, k, n, sb), alpha, beta, cm);
    else gemm_eigen(am, ConstMatMap<T, Eigen::ColMajor>(b, k, n, sb), alpha, beta, cm);
  } else if (!trans_b) {
    gemm_eigen(ConstMatMap<T, Eigen::ColMajor>(a, m, k, sa),
               ConstMatMap<T, Eigen::RowMajor>(b, k, n, sb), alpha, beta, cm);
  } else {
    // Both transposed (rare): copy op(A) into row-major form, so that only three operand layouts
    // ever instantiate Eigen's GEMM (each one costs seconds of compile time).
    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> at =
        ConstMatMap<T, Eigen::ColMajor>(a, m, k, sa);
    gemm_eigen(ConstMatMap<T, Eigen::RowMajor>(at.data(), m, k, Eigen::OuterStride<>(k)),
               ConstMatMap<T, Eigen::ColMajor>(b, k, n, sb), alpha, beta, cm);
  }
}

namespace detail {

// Products smaller than this many multiply-adds run on one thread.
inline constexpr index_t kGemmParallelFlops = index_t(1) << 17;

// Splits [0, extent) into `parts` blocks whose boundaries are multiples of `align`.
inline index_t gemm_block(index_t extent, index_t parts, index_t align) noexcept {
  index_t b = (extent + parts - 1) / parts;
  return std::min(extent, (b + align - 1) / align * align);
}

}  // namespace detail

// C = alpha·op(A)·op(B) + beta·C, split across the intra-op threads by blocks of the larger of
// m and n (each block one Eigen GEMM). Serial when small or already inside a parallel region.
template <class T>
TJIT_KERNEL void gemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, T alpha,
                      const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c,
                      index_t ldc) noexcept {
  const int threads = get_num_threads();
  if (threads <= 1 || in_parallel_region() || m * n * k < detail::kGemmParallelFlops ||
      std::max(m, n) < 32) {
    gemm_serial(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  if (n >= m) {
    // Column blocks: op(B)'s columns j are at b + j (not transposed) or b + j·ldb (transposed).
    const index_t block = detail::gemm_block(n, threads, 16);
    const index_t parts = (n + block - 1) / block;
    parallel_for(0, parts, 1, [&](index_t p0, index_t p1) {
      for (index_t p = p0; p < p1; ++p) {
        const index_t j = p * block, nb = std::min(block, n - j);
        gemm_serial(trans_a, trans_b, m, nb, k, alpha, a, lda, b + (trans_b ? j * ldb : j), ldb,
                    beta, c + j, ldc);
      }
    });
  } else {
    const index_t block = detail::gemm_block(m, threads, 16);
    const index_t parts = (m + block - 1) / block;
    parallel_for(0, parts, 1, [&](index_t p0, index_t p1) {
      for (index_t p = p0; p < p1; ++p) {
        const index_t i = p * block, mb = std::min(block, m - i);
        gemm_serial(trans_a, trans_b, mb, n, k, alpha, a + (trans_a ? i : i * lda), lda, b, ldb,
                    beta, c + i * ldc, ldc);
      }
    });
  }
}

// Batched gemm: for each i < batch, C_i = alpha·op(A_i)·op(B_i) + beta·C_i with A_i at
// a + i·stride_a (likewise B, C). A stride of 0 broadcasts an operand over the batch. Parallel
// across the batch when it has at least as many items as threads, else within each product.
template <class T>
TJIT_KERNEL void gemm_batched(index_t batch, bool trans_a, bool trans_b, index_t m, index_t n,
                              index_t k, T alpha, const T* a, index_t lda, index_t stride_a,
                              const T* b, index_t ldb, index_t stride_b, T beta, T* c,
                              index_t ldc, index_t stride_c) noexcept {
  const int threads = get_num_threads();
  if (batch >= threads && batch * m * n * k >= detail::kGemmParallelFlops) {
    parallel_for(0, batch, 1, [&](index_t i0, index_t i1) {
      for (index_t i = i0; i < i1; ++i)
        gemm_serial(trans_a, trans_b, m, n, k, alpha, a + i * stride_a, lda, b + i * stride_b,
                    ldb, beta, c + i * stride_c, ldc);
    });
  } else {
    for (index_t i = 0; i < batch; ++i)
      gemm(trans_a, trans_b, m, n, k, alpha, a + i * stride_a, lda, b + i * stride_b, ldb, beta,
           c + i * stride_c, ldc);
  }
}

}  // namespace tjit::kernels
