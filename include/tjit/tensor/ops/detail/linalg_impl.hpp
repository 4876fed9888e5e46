// tjit/tensor/ops/detail/linalg_impl.hpp — definitions of tjit/tensor/ops/linalg.hpp.
#pragma once

#include <algorithm>
#include <string>

#include "tjit/tensor/kernels/gemm.hpp"
#include "tjit/tensor/ops/copy.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/linalg.hpp"
#include "tjit/tensor/type_promotion.hpp"

namespace tjit {
namespace detail {

// How a (rows × cols) matrix with strides (s0, s1) is seen by a row-major gemm: as itself
// (trans false, ld = row stride) or as the transpose of a row-major matrix (trans true, ld =
// column stride). False when neither fits (the caller copies).
inline bool gemm_layout(std::int64_t rows, std::int64_t cols, std::int64_t s0, std::int64_t s1,
                        bool* trans, std::int64_t* ld) {
  const std::int64_t r0 = rows == 1 ? std::max<std::int64_t>(1, cols) : s0;
  const std::int64_t r1 = cols == 1 ? 1 : s1;
  if (r1 == 1 && r0 >= std::max<std::int64_t>(1, cols)) {
    *trans = false, *ld = r0;
    return true;
  }
  const std::int64_t t0 = rows == 1 ? 1 : s0;
  const std::int64_t t1 = cols == 1 ? std::max<std::int64_t>(1, rows) : s1;
  if (t0 == 1 && t1 >= std::max<std::int64_t>(1, rows)) {
    *trans = true, *ld = t1;
    return true;
  }
  return false;
}

// c (B, m, n), contiguous = beta·c + alpha·a @ b, with a (B, m, k) and b (B, k, n) of c's dtype,
// any strides (batch stride 0 broadcasts). beta == 0 only writes c.
TJIT_DEF void gemm_into(Tensor a, Tensor b, Tensor& c, const Scalar& alpha, const Scalar& beta) {
  const std::int64_t batch = a.size(0), m = a.size(1), k = a.size(2), n = b.size(2);
  if (c.numel() == 0) return;
  const ScalarType dt = c.scalar_type();
  if (dt == kHalf || dt == kBFloat16) {
    Tensor cf = to(c, kFloat, true);
    gemm_into(to(a, kFloat), to(b, kFloat), cf, alpha, beta);
    copy_(c, cf);
    return;
  }
  if (dt == kFloat || dt == kDouble) {
    dispatch_floating(dt, "addmm_impl_cpu_", [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        bool ta = false, tb = false;
        std::int64_t lda = 1, ldb = 1;
        if (!gemm_layout(m, k, a.stride(1), a.stride(2), &ta, &lda)) {
          a = contiguous(a);
          gemm_layout(m, k, a.stride(1), a.stride(2), &ta, &lda);
        }
        if (!gemm_layout(k, n, b.stride(1), b.stride(2), &tb, &ldb)) {
          b = contiguous(b);
          gemm_layout(k, n, b.stride(1), b.stride(2), &tb, &ldb);
        }
        const std::int64_t sa = batch == 1 ? 0 : a.stride(0), sb = batch == 1 ? 0 : b.stride(0);
        kernels::gemm_batched<T>(batch, ta, tb, m, n, k, alpha.to<T>(), a.data_ptr<T>(), lda, sa,
                                 b.data_ptr<T>(), ldb, sb, beta.to<T>(), c.data_ptr<T>(), n,
                                 m * n);
      }
    });
    return;
  }
  // Integral dtypes: a plain loop (PyTorch supports them on CPU), wrapping as PyTorch does.
  dispatch_integral(dt, false, "addmm_impl_cpu_", [&](auto tag) {
    using T = decltype(tag);
    using U = std::make_unsigned_t<std::conditional_t<sizeof(T) < 4, std::int32_t, T>>;
    const T* ap = a.data_ptr<T>();
    const T* bp = b.data_ptr<T>();
    T* cp = c.data_ptr<T>();
    const U al = static_cast<U>(alpha.to<std::int64_t>()), be = static_cast<U>(beta.to<std::int64_t>());
    const bool use_beta = beta.to<std::int64_t>() != 0;
    for (std::int64_t bi = 0; bi < batch; ++bi)
      for (std::int64_t i = 0; i < m; ++i)
        for (std::int64_t j = 0; j < n; ++j) {
          U sum = 0;
          for (std::int64_t p = 0; p < k; ++p)
            sum += static_cast<U>(ap[bi * a.stride(0) + i * a.stride(1) + p * a.stride(2)]) *
                   static_cast<U>(bp[bi * b.stride(0) + p * b.stride(1) + j * b.stride(2)]);
          T& out = cp[(bi * m + i) * n + j];
          out = static_cast<T>(al * sum + (use_beta ? be * static_cast<U>(out) : U(0)));
        }
  });
}

inline std::string dims_x(const Tensor& t) {
  std::string s;
  for (std::int64_t i = 0; i < t.dim(); ++i) s += (i ? "x" : "") + std::to_string(t.size(i));
  return s;
}

inline void check_same_dtype(const Tensor& a, const Tensor& b, const char* an, const char* bn) {
  (void)an, (void)bn;
  TJIT_CHECK(a.scalar_type() == b.scalar_type(), "expected scalar type ",
             to_string(a.scalar_type()), " but found ", to_string(b.scalar_type()));
}

inline void check_mm(const Tensor& a, const Tensor& b, const char* an = "mat1",
                     const char* bn = "mat2") {
  TJIT_CHECK(a.dim() == 2, "self must be a matrix");
  TJIT_CHECK(b.dim() == 2, "mat2 must be a matrix");
  TJIT_CHECK(a.size(1) == b.size(0), "mat1 and mat2 shapes cannot be multiplied (", dims_x(a),
             " and ", dims_x(b), ")");
  check_same_dtype(a, b, an, bn);
}

// beta·self + alpha·(a @ b) for 3-d a, b (self broadcast to the result, or undefined).
inline Tensor batched_product(const Tensor& self, const Tensor& a, const Tensor& b,
                              const Scalar& beta, const Scalar& alpha) {
  Tensor c = Tensor::empty({a.size(0), a.size(1), b.size(2)}, a.scalar_type());
  const bool use_self = self.defined() && !(beta.to<double>() == 0 && !beta.is_bool());
  if (use_self) copy_(c, self.expand(c.sizes()));
  gemm_into(a, b, c, alpha, use_self ? beta : Scalar(0));
  return c;
}

}  // namespace detail

TJIT_DEF Tensor mm(const Tensor& self, const Tensor& mat2) {
  TJIT_TRACE("aten::mm", mm(self, mat2), self, mat2);
  detail::check_mm(self, mat2);
  const ScalarType dt = self.scalar_type();
  if (dt == kFloat || dt == kDouble) {
    // Operands a gemm can read in place: the one result tensor, written by the same kernel call
    // gemm_into makes for a batch of one (no 3-d views made and dropped around it).
    const std::int64_t m = self.size(0), k = self.size(1), n = mat2.size(1);
    bool ta = false, tb = false;
    std::int64_t lda = 1, ldb = 1;
    if (detail::gemm_layout(m, k, self.stride(0), self.stride(1), &ta, &lda) &&
        detail::gemm_layout(k, n, mat2.stride(0), mat2.stride(1), &tb, &ldb)) {
      Tensor c = Tensor::empty({m, n}, dt);
      if (c.numel() == 0) return c;
      dispatch_floating(dt, "addmm_impl_cpu_", [&](auto tag) {
        using T = decltype(tag);
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>)
          kernels::gemm_batched<T>(1, ta, tb, m, n, k, T(1), self.data_ptr<T>(), lda, 0,
                                   mat2.data_ptr<T>(), ldb, 0, T(0), c.data_ptr<T>(), n, m * n);
      });
      return c;
    }
  }
  return detail::batched_product(Tensor(), self.unsqueeze(0), mat2.unsqueeze(0), 0, 1).squeeze(0);
}

TJIT_DEF Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2,
                      const Scalar& beta, const Scalar& alpha) {
  TJIT_TRACE("aten::addmm", addmm(self, mat1, mat2, beta, alpha), self, mat1, mat2, beta, alpha);
  TJIT_CHECK(mat1.dim() == 2, "mat1 must be a matrix, got ", mat1.dim(), "-D tensor");
  TJIT_CHECK(mat2.dim() == 2, "mat2 must be a matrix, got ", mat2.dim(), "-D tensor");
  TJIT_CHECK(mat1.size(1) == mat2.size(0), "mat1 and mat2 shapes cannot be multiplied (",
             detail::dims_x(mat1), " and ", detail::dims_x(mat2), ")");
  detail::check_same_dtype(mat1, mat2, "mat1", "mat2");
  TJIT_CHECK(self.scalar_type() == mat1.scalar_type(),
             "self and mat2 must have the same dtype, but got ", to_string(self.scalar_type()),
             " and ", to_string(mat1.scalar_type()));
  const Shape out{mat1.size(0), mat2.size(1)};
  Tensor s = self.expand(out);
  return detail::batched_product(s.unsqueeze(0), mat1.unsqueeze(0), mat2.unsqueeze(0), beta, alpha)
      .squeeze(0);
}

TJIT_DEF Tensor bmm(const Tensor& self, const Tensor& mat2) {
  TJIT_TRACE("aten::bmm", bmm(self, mat2), self, mat2);
  TJIT_CHECK(self.dim() == 3, "batch1 must be a 3D tensor");
  TJIT_CHECK(mat2.dim() == 3, "batch2 must be a 3D tensor");
  TJIT_CHECK(mat2.size(0) == self.size(0) && mat2.size(1) == self.size(2),
             "Expected size for first two dimensions of batch2 tensor to be: [", self.size(0),
             ", ", self.size(2), "] but got: [", mat2.size(0), ", ", mat2.size(1), "].");
  detail::check_same_dtype(self, mat2, "batch1", "batch2");
  return detail::batched_product(Tensor(), self, mat2, 0, 1);
}

TJIT_DEF Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2,
                        const Scalar& beta, const Scalar& alpha) {
  TJIT_TRACE("aten::baddbmm", baddbmm(self, batch1, batch2, beta, alpha), self, batch1, batch2,
      beta, alpha);
  TJIT_CHECK(batch1.dim() == 3, "batch1 must be a 3D tensor");
  TJIT_CHECK(batch2.dim() == 3, "batch2 must be a 3D tensor");
  TJIT_CHECK(batch2.size(0) == batch1.size(0) && batch2.size(1) == batch1.size(2),
             "Expected size for first two dimensions of batch2 tensor to be: [", batch1.size(0),
             ", ", batch1.size(2), "] but got: [", batch2.size(0), ", ", batch2.size(1), "].");
  detail::check_same_dtype(batch1, batch2, "batch1", "batch2");
  TJIT_CHECK(self.scalar_type() == batch1.scalar_type(),
             "self and batch1 must have the same dtype, but got ", to_string(self.scalar_type()),
             " and ", to_string(batch1.scalar_type()));
  const Shape out{batch1.size(0), batch1.size(1), batch2.size(2)};
  return detail::batched_product(self.expand(out), batch1, batch2, beta, alpha);
}

TJIT_DEF Tensor mv(const Tensor& self, const Tensor& vec) {
  TJIT_TRACE("aten::mv", mv(self, vec), self, vec);
  TJIT_CHECK(vec.dim() == 1 && self.dim() == 2, "vector + matrix @ vector expected, got 1, ",
             self.dim(), ", ", vec.dim());
  TJIT_CHECK(self.size(1) == vec.size(0), "size mismatch, got ", self.size(0), ", ",
             detail::dims_x(self), ",", vec.size(0));
  detail::check_same_dtype(self, vec, "mat", "vec");
  return detail::batched_product(Tensor(), self.unsqueeze(0), vec.view({1, vec.size(0), 1}), 0, 1)
      .view({self.size(0)});
}

TJIT_DEF Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec,
                      const Scalar& beta, const Scalar& alpha) {
  TJIT_TRACE("aten::addmv", addmv(self, mat, vec, beta, alpha), self, mat, vec, beta, alpha);
  TJIT_CHECK(vec.dim() == 1 && mat.dim() == 2 && self.dim() <= 1,
             "vector + matrix @ vector expected, got ", self.dim(), ", ", mat.dim(), ", ",
             vec.dim());
  TJIT_CHECK(mat.size(1) == vec.size(0) && (mat.size(0) == self.numel() || self.numel() == 1),
             "size mismatch, got ", self.numel() == 1 ? mat.size(0) : self.size(0), ", ",
             detail::dims_x(mat), ",", vec.size(0));
  detail::check_same_dtype(mat, vec, "mat", "vec");
  TJIT_CHECK(self.scalar_type() == mat.scalar_type(), "expected scalar type ",
             to_string(mat.scalar_type()), " but found ", to_string(self.scalar_type()));
  Tensor s = self.reshape({-1}).expand({mat.size(0)}).view({1, mat.size(0), 1});
  return detail::batched_product(s, mat.unsqueeze(0), vec.view({1, vec.size(0), 1}), beta, alpha)
      .view({mat.size(0)});
}

TJIT_DEF Tensor dot(const Tensor& self, const Tensor& other) {
  TJIT_TRACE("aten::dot", dot(self, other), self, other);
  TJIT_CHECK(self.dim() == 1 && other.dim() == 1, "1D tensors expected, but got ", self.dim(),
             "D and ", other.dim(), "D tensors");
  TJIT_CHECK(self.scalar_type() == other.scalar_type(),
             "dot : expected both vectors to have same dtype, but found ",
             to_string(self.scalar_type()), " and ", to_string(other.scalar_type()));
  TJIT_CHECK(self.numel() == other.numel(), "inconsistent tensor size, expected tensor [",
             self.numel(), "] and src [", other.numel(),
             "] to have the same number of elements, but got ", self.numel(), " and ",
             other.numel(), " elements respectively");
  return detail::batched_product(Tensor(), self.view({1, 1, self.size(0)}),
                                 other.view({1, other.size(0), 1}), 0, 1)
      .view({});
}

TJIT_DEF Tensor outer(const Tensor& self, const Tensor& vec2) {
  TJIT_TRACE("aten::outer", outer(self, vec2), self, vec2);
  TJIT_CHECK(self.dim() == 1 && vec2.dim() == 1, "outer: Expected 1-D argument self, but got ",
             self.dim(), "-D");
  ScalarType dt = result_type(self, vec2);
  return mul(to(self, dt).unsqueeze(1), to(vec2, dt));
}

TJIT_DEF Tensor matmul(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::matmul", matmul(a, b), a, b);
  const std::int64_t da = a.dim(), db = b.dim();
  TJIT_CHECK(da != 0 && db != 0, "both arguments to matmul need to be at least 1D, but they are ",
             da, "D and ", db, "D");
  if (da == 1 && db == 1) return dot(a, b);
  if (da == 2 && db == 1) return mv(a, b);
  if (da == 1 && db == 2) return mm(a.unsqueeze(0), b).squeeze(0);
  if (da == 2 && db == 2) return mm(a, b);
  if (da >= 3 && (db == 1 || db == 2)) {
    // Fold a's batch dims into its rows: one mm.
    Shape out(a.sizes().begin(), a.sizes().end() - 1);
    const std::int64_t k = a.size(-1);
    Tensor b2 = db == 1 ? b.unsqueeze(1) : b;
    if (db == 2) out.push_back(b.size(1));
    Tensor r = mm(a.reshape({-1, k}), b2);
    return r.view(out);
  }
  // Batched, with broadcast batch dims.
  const std::int64_t n = da > 1 ? a.size(-2) : 1, m1 = a.size(-1);
  const std::int64_t m2 = db > 1 ? b.size(-2) : b.size(0), p = b.size(-1);
  Shape ba(a.sizes().begin(), a.sizes().end() - std::min<std::int64_t>(da, 2));
  Shape bb(b.sizes().begin(), b.sizes().end() - std::min<std::int64_t>(db, 2));
  Shape batch = broadcast_shapes(ba, bb);
  std::int64_t bn = 1;
  for (auto s : batch) bn *= s;
  Shape ea = batch, eb = batch;
  ea.push_back(n), ea.push_back(m1);
  eb.push_back(m2), eb.push_back(db > 1 ? p : 1);
  Tensor a3 = (da == 1 ? a.unsqueeze(0) : a).expand(ea).reshape({bn, n, m1});
  Tensor b3 = (db == 1 ? b.unsqueeze(1) : b).expand(eb).reshape({bn, m2, db > 1 ? p : 1});
  TJIT_CHECK(m1 == m2, "Expected size for first two dimensions of batch2 tensor to be: [", bn,
             ", ", m1, "] but got: [", bn, ", ", m2, "].");
  Tensor r = bmm(a3, b3);
  Shape out = batch;
  if (da > 1) out.push_back(n);
  if (db > 1) out.push_back(p);
  return r.view(out);
}

TJIT_DEF Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  TJIT_TRACE("aten::linear", linear(input, weight, bias), input, weight, bias);
  if (input.dim() == 2 && bias.defined()) return addmm(bias, input, weight.t());
  Tensor out = matmul(input, weight.t());
  if (bias.defined()) out = add(out, bias);
  return out;
}

}  // namespace tjit
