// tjit/tensor/ops/linalg.hpp — matrix products with PyTorch 1.13's shapes, dtype rules and
// messages: mm, bmm, matmul (every rank case, broadcast batch dims), addmm, mv, addmv, dot,
// outer, linear, baddbmm.
//
// Builds on kernels/gemm.hpp (float32/float64; strided operands are passed as leading dimensions
// and transposes, copied only when neither layout fits), a plain loop for integral dtypes, and
// float computation for float16/bfloat16. Definitions: detail/linalg_impl.hpp.
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

Tensor mm(const Tensor& self, const Tensor& mat2);
Tensor bmm(const Tensor& self, const Tensor& mat2);
Tensor matmul(const Tensor& self, const Tensor& other);
// beta·self + alpha·(mat1 @ mat2); self broadcasts to the product's shape.
Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
             const Scalar& alpha = 1);
Tensor mv(const Tensor& self, const Tensor& vec);
Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec, const Scalar& beta = 1,
             const Scalar& alpha = 1);
Tensor dot(const Tensor& self, const Tensor& other);
Tensor outer(const Tensor& self, const Tensor& vec2);
// input @ weight.T + bias; weight is [out_features, in_features], bias optional.
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias = Tensor());
Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2,
               const Scalar& beta = 1, const Scalar& alpha = 1);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/linalg_impl.hpp"
#endif
