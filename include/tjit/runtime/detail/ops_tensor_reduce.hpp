// Registration table: reductions, scans, sorting and selection (Note [Registration tables] in runtime/operator.hpp).
// Each row is PyTorch 1.13's schema string, verbatim (torch._C._jit_get_all_schemas()), and a
// one-line call into the tensor layer; argument conventions: ops_tensor_util.hpp.
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/detail/ops_tensor_util.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit::runtime::ops {

TJIT_DEF std::span<const OperatorDef> tensor_reduce_ops() {
  static const OperatorDef table[] = {
      // Sums, means, products (dim=None or [] reduces every dim)
      TJIT_OP("aten::sum(Tensor self, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, std::optional<ScalarType> dtype) { return tjit::sum(self, {}, false, dtype); }),
      TJIT_OP("aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, bool keepdim, std::optional<ScalarType> dtype) { return tjit::sum(self, dims_or_all(dim), keepdim, dtype); }),
      TJIT_OP("aten::mean(Tensor self, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, std::optional<ScalarType> dtype) { return tjit::mean(self, {}, false, dtype); }),
      TJIT_OP("aten::mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, bool keepdim, std::optional<ScalarType> dtype) { return tjit::mean(self, dims_or_all(dim), keepdim, dtype); }),
      TJIT_OP("aten::prod(Tensor self, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, std::optional<ScalarType> dtype) { return tjit::prod(self, std::nullopt, false, dtype); }),
      TJIT_OP("aten::prod.dim_int(Tensor self, int dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, std::int64_t dim, bool keepdim, std::optional<ScalarType> dtype) { return tjit::prod(self, dim, keepdim, dtype); }),
      // max / min (max.other and min.other are the elementwise maximum / minimum)
      TJIT_OP("aten::max(Tensor self) -> Tensor",
              [](const Tensor& self) { return tjit::max(self); }),
      TJIT_OP("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t dim, bool keepdim) { return tjit::max(self, dim, keepdim); }),
      TJIT_OP("aten::max.other(Tensor self, Tensor other) -> Tensor",
              [](const Tensor& self, const Tensor& other) { return tjit::maximum(self, other); }),
      TJIT_OP("aten::min(Tensor self) -> Tensor",
              [](const Tensor& self) { return tjit::min(self); }),
      TJIT_OP("aten::min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t dim, bool keepdim) { return tjit::min(self, dim, keepdim); }),
      TJIT_OP("aten::min.other(Tensor self, Tensor other) -> Tensor",
              [](const Tensor& self, const Tensor& other) { return tjit::minimum(self, other); }),
      TJIT_OP("aten::amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor",
              [](const Tensor& self, IntArrayRef dim, bool keepdim) { return tjit::amax(self, dim, keepdim); }),
      TJIT_OP("aten::amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor",
              [](const Tensor& self, IntArrayRef dim, bool keepdim) { return tjit::amin(self, dim, keepdim); }),
      TJIT_OP("aten::argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor",
              [](const Tensor& self, std::optional<std::int64_t> dim, bool keepdim) { return tjit::argmax(self, dim, keepdim); }),
      TJIT_OP("aten::argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor",
              [](const Tensor& self, std::optional<std::int64_t> dim, bool keepdim) { return tjit::argmin(self, dim, keepdim); }),
      // Variance and standard deviation (unbiased=True is correction=1)
      TJIT_OP("aten::var(Tensor self, bool unbiased=True) -> Tensor",
              [](const Tensor& self, bool unbiased) { return tjit::var(self, {}, correction_of(unbiased)); }),
      TJIT_OP("aten::var.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, bool unbiased, bool keepdim) { return tjit::var(self, dims_or_all(dim), correction_of(unbiased), keepdim); }),
      TJIT_OP("aten::var.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> Tensor",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, std::optional<std::int64_t> correction, bool keepdim) { return tjit::var(self, dims_or_all(dim), correction_of(correction), keepdim); }),
      TJIT_OP("aten::std(Tensor self, bool unbiased=True) -> Tensor",
              [](const Tensor& self, bool unbiased) { return tjit::std(self, {}, correction_of(unbiased)); }),
      TJIT_OP("aten::std.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> Tensor",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, bool unbiased, bool keepdim) { return tjit::std(self, dims_or_all(dim), correction_of(unbiased), keepdim); }),
      TJIT_OP("aten::std.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> Tensor",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, std::optional<std::int64_t> correction, bool keepdim) { return tjit::std(self, dims_or_all(dim), correction_of(correction), keepdim); }),
      TJIT_OP("aten::var_mean(Tensor self, bool unbiased=True) -> (Tensor, Tensor)",
              [](const Tensor& self, bool unbiased) { return tjit::var_mean(self, {}, correction_of(unbiased)); }),
      TJIT_OP("aten::var_mean.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, bool unbiased, bool keepdim) { return tjit::var_mean(self, dims_or_all(dim), correction_of(unbiased), keepdim); }),
      TJIT_OP("aten::var_mean.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> (Tensor, Tensor)",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, std::optional<std::int64_t> correction, bool keepdim) { return tjit::var_mean(self, dims_or_all(dim), correction_of(correction), keepdim); }),
      TJIT_OP("aten::std_mean(Tensor self, bool unbiased=True) -> (Tensor, Tensor)",
              [](const Tensor& self, bool unbiased) { return tjit::std_mean(self, {}, correction_of(unbiased)); }),
      TJIT_OP("aten::std_mean.dim(Tensor self, int[1]? dim, bool unbiased=True, bool keepdim=False) -> (Tensor, Tensor)",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, bool unbiased, bool keepdim) { return tjit::std_mean(self, dims_or_all(dim), correction_of(unbiased), keepdim); }),
      TJIT_OP("aten::std_mean.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False) -> (Tensor, Tensor)",
              [](const Tensor& self, const std::optional<std::vector<std::int64_t>>& dim, std::optional<std::int64_t> correction, bool keepdim) { return tjit::std_mean(self, dims_or_all(dim), correction_of(correction), keepdim); }),
      // Norms
      TJIT_OP("aten::norm.Scalar(Tensor self, Scalar p=2) -> Tensor",
              [](const Tensor& self, const Scalar& p) { return tjit::norm(self, p.to_double()); }),
      TJIT_OP("aten::norm.ScalarOpt_dim(Tensor self, Scalar? p, int[1] dim, bool keepdim=False) -> Tensor",
              [](const Tensor& self, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim) { return tjit::norm(self, p ? p->to_double() : 2.0, dim, keepdim); }),
      TJIT_OP("aten::norm.ScalarOpt_dim_dtype(Tensor self, Scalar? p, int[1] dim, bool keepdim, *, ScalarType dtype) -> Tensor",
              [](const Tensor& self, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim, ScalarType dtype) { return tjit::norm(tjit::to(self, dtype), p ? p->to_double() : 2.0, dim, keepdim); }),
      TJIT_OP("aten::norm.ScalarOpt_dtype(Tensor self, Scalar? p, *, ScalarType dtype) -> Tensor",
              [](const Tensor& self, const std::optional<Scalar>& p, ScalarType dtype) { return tjit::norm(tjit::to(self, dtype), p ? p->to_double() : 2.0); }),
      // Logical reductions, logsumexp, counting
      TJIT_OP("aten::all(Tensor self) -> Tensor",
              [](const Tensor& self) { return tjit::all(self); }),
      TJIT_OP("aten::all.dim(Tensor self, int dim, bool keepdim=False) -> Tensor",
              [](const Tensor& self, std::int64_t dim, bool keepdim) { return tjit::all(self, dim, keepdim); }),
      TJIT_OP("aten::any(Tensor self) -> Tensor",
              [](const Tensor& self) { return tjit::any(self); }),
      TJIT_OP("aten::any.dim(Tensor self, int dim, bool keepdim=False) -> Tensor",
              [](const Tensor& self, std::int64_t dim, bool keepdim) { return tjit::any(self, dim, keepdim); }),
      TJIT_OP("aten::logsumexp(Tensor self, int[1] dim, bool keepdim=False) -> Tensor",
              [](const Tensor& self, IntArrayRef dim, bool keepdim) { return tjit::logsumexp(self, dim, keepdim); }),
      TJIT_OP("aten::count_nonzero.dim_IntList(Tensor self, int[] dim) -> Tensor",
              [](const Tensor& self, IntArrayRef dim) { return tjit::count_nonzero(self, dim); }),
      TJIT_OP("aten::count_nonzero(Tensor self, int? dim=None) -> Tensor",
              [](const Tensor& self, std::optional<std::int64_t> dim) { return dim ? tjit::count_nonzero(self, {*dim}) : tjit::count_nonzero(self); }),
      // Scans
      TJIT_OP("aten::cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, std::int64_t dim, std::optional<ScalarType> dtype) { return tjit::cumsum(self, dim, dtype); }),
      TJIT_OP("aten::cumprod(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor",
              [](const Tensor& self, std::int64_t dim, std::optional<ScalarType> dtype) { return tjit::cumprod(self, dim, dtype); }),
      TJIT_OP("aten::cumsum_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)",
              [](Tensor& self, std::int64_t dim, std::optional<ScalarType> dtype) { return tjit::copy_(self, tjit::cumsum(self, dim, dtype)); }),
      TJIT_OP("aten::cumprod_(Tensor(a!) self, int dim, *, ScalarType? dtype=None) -> Tensor(a!)",
              [](Tensor& self, std::int64_t dim, std::optional<ScalarType> dtype) { return tjit::copy_(self, tjit::cumprod(self, dim, dtype)); }),
      // Sorting and selection
      TJIT_OP("aten::sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t dim, bool descending) { return tjit::sort(self, dim, descending); }),
      TJIT_OP("aten::sort.stable(Tensor self, *, bool? stable, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::optional<bool> stable, std::int64_t dim, bool descending) { return tjit::sort(self, dim, descending, stable.value_or(false)); }),
      TJIT_OP("aten::argsort(Tensor self, int dim=-1, bool descending=False) -> Tensor",
              [](const Tensor& self, std::int64_t dim, bool descending) { return tjit::argsort(self, dim, descending); }),
      TJIT_OP("aten::argsort.stable(Tensor self, *, bool stable, int dim=-1, bool descending=False) -> Tensor",
              [](const Tensor& self, bool stable, std::int64_t dim, bool descending) { return tjit::argsort(self, dim, descending, stable); }),
      TJIT_OP("aten::topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t k, std::int64_t dim, bool largest, bool sorted) { return tjit::topk(self, k, dim, largest, sorted); }),
      TJIT_OP("aten::kthvalue(Tensor self, int k, int dim=-1, bool keepdim=False) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t k, std::int64_t dim, bool keepdim) { return tjit::kthvalue(self, k, dim, keepdim); }),
      TJIT_OP("aten::median(Tensor self) -> Tensor",
              [](const Tensor& self) { return tjit::median(self); }),
      TJIT_OP("aten::median.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t dim, bool keepdim) { return tjit::median(self, dim, keepdim); }),
      TJIT_OP("aten::_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)",
              [](const Tensor& self, bool sorted, bool return_inverse, bool return_counts) { return unique_result(tjit::unique(self, sorted, return_inverse, return_counts)); }),
      TJIT_OP("aten::_unique(Tensor self, bool sorted=True, bool return_inverse=False) -> (Tensor, Tensor)",
              [](const Tensor& self, bool sorted, bool /*return_inverse*/) { return unique2_result(tjit::unique(self, sorted, true, false)); }),
      TJIT_OP("aten::unique_consecutive(Tensor self, bool return_inverse=False, bool return_counts=False, int? dim=None) -> (Tensor, Tensor, Tensor)",
              [](const Tensor& self, bool return_inverse, bool return_counts, std::optional<std::int64_t> dim) { return unique_result(unique_consecutive_dim(self, return_inverse, return_counts, dim)); }),
  };
  return table;
}

}  // namespace tjit::runtime::ops
