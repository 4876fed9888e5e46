// tjit/tensor/ops/sort.hpp — sorting and selection with PyTorch 1.13's semantics: sort
// (stable, descending; NaN sorts as the greatest value), argsort, topk, kthvalue, median (the
// lower median), unique (sorted, inverse, counts) and unique_consecutive.
//
// Builds on copy.hpp: rows along `dim` are copied out, sorted by index, and written back.
// Definitions: detail/sort_impl.hpp (see tjit/core/config.hpp for how they are compiled).
#pragma once

#include <optional>
#include <tuple>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// (values, indices). tjit's sort is always stable (`stable` is accepted for the signature).
std::tuple<Tensor, Tensor> sort(const Tensor& t, std::int64_t dim = -1, bool descending = false,
                                bool stable = false);
Tensor argsort(const Tensor& t, std::int64_t dim = -1, bool descending = false, bool stable = false);
// The k largest (or smallest) along `dim`, in sorted order (also when !sorted).
std::tuple<Tensor, Tensor> topk(const Tensor& t, std::int64_t k, std::int64_t dim = -1,
                                bool largest = true, bool sorted = true);
// The k-th smallest (1-based) along `dim`.
std::tuple<Tensor, Tensor> kthvalue(const Tensor& t, std::int64_t k, std::int64_t dim = -1,
                                    bool keepdim = false);
// The lower median: of all elements (0-dim), or along `dim` with indices. NaN propagates.
Tensor median(const Tensor& t);
std::tuple<Tensor, Tensor> median(const Tensor& t, std::int64_t dim, bool keepdim = false);
// Distinct elements of the flattened tensor, ascending; (values, inverse, counts), where
// inverse and counts are undefined tensors unless asked for.
std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& t, bool sorted = true,
                                          bool return_inverse = false, bool return_counts = false);
// Collapses runs of equal consecutive elements of the flattened tensor.
std::tuple<Tensor, Tensor, Tensor> unique_consecutive(const Tensor& t, bool return_inverse = false,
                                                      bool return_counts = false);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/sort_impl.hpp"
#endif
