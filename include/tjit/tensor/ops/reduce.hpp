// tjit/tensor/ops/reduce.hpp — reductions with PyTorch 1.13's semantics: sum, mean, prod, max/min
// (full or along a dim with indices), amax/amin, argmax/argmin, var/std (correction), norm,
// all/any, logsumexp, count_nonzero, and the scans cumsum/cumprod.
//
// `dim` lists: empty means "every dim" (as PyTorch's dim=None / dim=[]); negative dims wrap.
// Builds on copy.hpp (conversions) and the intra-op pool (rows are reduced in parallel).
// Definitions: detail/reduce_impl.hpp (see tjit/core/config.hpp for how they are compiled).
#pragma once

#include <optional>
#include <string_view>
#include <tuple>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// Integral and bool inputs sum (and multiply) to int64 unless `dtype` says otherwise.
Tensor sum(const Tensor& t, IntArrayRef dim = {}, bool keepdim = false,
           std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& t, std::optional<std::int64_t> dim = std::nullopt, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
// Floating (or `dtype`) inputs only, as in PyTorch.
Tensor mean(const Tensor& t, IntArrayRef dim = {}, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);

// Full reductions to a 0-dim tensor (NaN propagates).
Tensor max(const Tensor& t);
Tensor min(const Tensor& t);
// Along `dim`: (values, indices); the first index wins on ties, a NaN wins over numbers.
std::tuple<Tensor, Tensor> max(const Tensor& t, std::int64_t dim, bool keepdim = false);
std::tuple<Tensor, Tensor> min(const Tensor& t, std::int64_t dim, bool keepdim = false);
Tensor amax(const Tensor& t, IntArrayRef dim = {}, bool keepdim = false);
Tensor amin(const Tensor& t, IntArrayRef dim = {}, bool keepdim = false);
// Without `dim`: the index into the flattened tensor.
Tensor argmax(const Tensor& t, std::optional<std::int64_t> dim = std::nullopt, bool keepdim = false);
Tensor argmin(const Tensor& t, std::optional<std::int64_t> dim = std::nullopt, bool keepdim = false);

// Variance with `correction` (default 1, i.e. unbiased; 0 for unbiased=False); floating inputs
// only. (No `bool unbiased` overload: a double would silently convert to it.)
Tensor var(const Tensor& t, IntArrayRef dim = {}, std::optional<double> correction = std::nullopt,
           bool keepdim = false);
Tensor std(const Tensor& t, IntArrayRef dim = {}, std::optional<double> correction = std::nullopt,
           bool keepdim = false);
std::tuple<Tensor, Tensor> var_mean(const Tensor& t, IntArrayRef dim = {},
                                    std::optional<double> correction = std::nullopt,
                                    bool keepdim = false);
std::tuple<Tensor, Tensor> std_mean(const Tensor& t, IntArrayRef dim = {},
                                    std::optional<double> correction = std::nullopt,
                                    bool keepdim = false);

// Vector p-norm over `dim`: p = 2, 1, inf, -inf, 0 or any other real; floating inputs only.
Tensor norm(const Tensor& t, double p = 2, IntArrayRef dim = {}, bool keepdim = false);
// p = "fro" (the 2-norm over `dim`).
Tensor norm(const Tensor& t, std::string_view p, IntArrayRef dim = {}, bool keepdim = false);

// Bool results (uint8 inputs give uint8, as in PyTorch).
Tensor all(const Tensor& t);
Tensor all(const Tensor& t, std::int64_t dim, bool keepdim = false);
Tensor any(const Tensor& t);
Tensor any(const Tensor& t, std::int64_t dim, bool keepdim = false);
// torch.equal: same sizes and the same values (after type promotion), as one bool.
bool equal(const Tensor& a, const Tensor& b);

// log(sum(exp(x))) over `dim`, computed stably; integral inputs give the default float.
Tensor logsumexp(const Tensor& t, IntArrayRef dim, bool keepdim = false);
// Number of non-zero elements over `dim` (int64).
Tensor count_nonzero(const Tensor& t, IntArrayRef dim = {});

// Inclusive scans along `dim`; integral and bool inputs give int64 unless `dtype` is given.
Tensor cumsum(const Tensor& t, std::int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor cumprod(const Tensor& t, std::int64_t dim, std::optional<ScalarType> dtype = std::nullopt);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/reduce_impl.hpp"
#endif
