// tjit/tensor/ops/extra.hpp — more of PyTorch 1.13's tensor ops, with its semantics and error
// messages: bitwise shifts, round with decimals, hardshrink/softshrink/glu, tensor_split,
// cummax/cummin/logcumsumexp, searchsorted/bucketize, index_add/index_fill/masked_scatter,
// repeat_interleave,
// native_layer_norm/native_batch_norm (which also return their statistics), and normal with
// tensor mean/std.
//
// Builds on the elementwise machinery (broadcasting, promotion), the views of Tensor, index_put_
// and scatter_add (indexing.hpp) and the normalisation kernels (kernels/norm.hpp).
// Definitions: detail/extra_pointwise_impl.hpp and detail/extra_index_impl.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/generator.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// --- pointwise (detail/extra_pointwise_impl.hpp) ---------------------------------------------
// Integral dtypes only (as PyTorch's "lshift_cpu"/"rshift_cpu"). Shift counts outside
// [0, bits) give 0 (left) or the sign fill (right): PyTorch 1.13 leaves them to the machine.
Tensor bitwise_left_shift(const Tensor& a, const Tensor& b);
Tensor bitwise_left_shift(const Tensor& a, const Scalar& b);
Tensor bitwise_left_shift(const Scalar& a, const Tensor& b);
Tensor& bitwise_left_shift_(Tensor& self, const Tensor& b);
Tensor& bitwise_left_shift_(Tensor& self, const Scalar& b);
Tensor bitwise_right_shift(const Tensor& a, const Tensor& b);
Tensor bitwise_right_shift(const Tensor& a, const Scalar& b);
Tensor bitwise_right_shift(const Scalar& a, const Tensor& b);
Tensor& bitwise_right_shift_(Tensor& self, const Tensor& b);
Tensor& bitwise_right_shift_(Tensor& self, const Scalar& b);

// round(x * 10^d) / 10^d (d < 0: round(x / 10^-d) * 10^-d), half to even; floating dtypes.
Tensor round(const Tensor& t, std::int64_t decimals);
Tensor& round_(Tensor& t, std::int64_t decimals);

Tensor hardshrink(const Tensor& t, const Scalar& lambd = 0.5);
Tensor softshrink(const Tensor& t, const Scalar& lambd = 0.5);
// First half of `dim` times the sigmoid of the second half.
Tensor glu(const Tensor& t, std::int64_t dim = -1);

// normal with tensor arguments: mean + std * N(0, 1), drawn as PyTorch draws them.
Tensor normal(const Tensor& mean, double std = 1, Generator* gen = nullptr);
Tensor normal(double mean, const Tensor& std, Generator* gen = nullptr);
Tensor normal(const Tensor& mean, const Tensor& std, Generator* gen = nullptr);

// --- joining, scans, search, indexing, norms (detail/extra_index_impl.hpp) ---------------------
// Views of `t` along `dim`: `sections` parts (the first size % sections one longer), or cut
// before each index; a tensor argument is an int64 scalar (sections) or 1-d list (indices).
std::vector<Tensor> tensor_split(const Tensor& t, std::int64_t sections, std::int64_t dim = 0);
std::vector<Tensor> tensor_split_indices(const Tensor& t, IntArrayRef indices,
                                         std::int64_t dim = 0);
std::vector<Tensor> tensor_split(const Tensor& t, const Tensor& indices_or_sections,
                                 std::int64_t dim = 0);

// Running max/min along dim with the index where it was reached (NaN propagates).
std::tuple<Tensor, Tensor> cummax(const Tensor& t, std::int64_t dim);
std::tuple<Tensor, Tensor> cummin(const Tensor& t, std::int64_t dim);
Tensor logcumsumexp(const Tensor& t, std::int64_t dim);

// Insertion points of `values` in the innermost dim of `sorted` (1-d, or the same leading dims
// as values). side "left"/"right" (or right=true); sorter: indices sorting `sorted`.
Tensor searchsorted(const Tensor& sorted, const Tensor& values, bool out_int32 = false,
                    bool right = false, std::optional<std::string_view> side = std::nullopt,
                    const Tensor& sorter = Tensor());
Tensor searchsorted(const Tensor& sorted, const Scalar& value, bool out_int32 = false,
                    bool right = false, std::optional<std::string_view> side = std::nullopt,
                    const Tensor& sorter = Tensor());
Tensor bucketize(const Tensor& values, const Tensor& boundaries, bool out_int32 = false,
                 bool right = false);
Tensor bucketize(const Scalar& value, const Tensor& boundaries, bool out_int32 = false,
                 bool right = false);

// self[..., index[i], ...] += alpha * source[..., i, ...] along dim.
Tensor index_add(const Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& source,
                 const Scalar& alpha = 1);
Tensor& index_add_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha = 1);
// self[..., index[i], ...] = value along dim (value: a number or a 0-dim tensor).
Tensor index_fill(const Tensor& t, std::int64_t dim, const Tensor& index, const Scalar& value);
Tensor index_fill(const Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& value);
Tensor& index_fill_(Tensor& t, std::int64_t dim, const Tensor& index, const Scalar& value);
Tensor& index_fill_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& value);
// Positions where mask is true take source's elements in order (mask broadcasts).
Tensor masked_scatter(const Tensor& t, const Tensor& mask, const Tensor& source);
Tensor& masked_scatter_(Tensor& t, const Tensor& mask, const Tensor& source);

// torch.repeat_interleave: each element (slice along dim; of the flattened input when dim is
// None) repeated `repeats` times (a number, or a 1-d tensor of counts, one per element).
Tensor repeat_interleave(const Tensor& repeats, std::optional<std::int64_t> output_size = std::nullopt);
Tensor repeat_interleave(const Tensor& t, const Tensor& repeats,
                         std::optional<std::int64_t> dim = std::nullopt,
                         std::optional<std::int64_t> output_size = std::nullopt);
Tensor repeat_interleave(const Tensor& t, std::int64_t repeats,
                         std::optional<std::int64_t> dim = std::nullopt,
                         std::optional<std::int64_t> output_size = std::nullopt);

// F.interpolate(..., antialias=True) for 4-d input: mode "bilinear" or "bicubic", separable
// filters widened by the downscale factor (PyTorch's _upsample_{bilinear,bicubic}2d_aa).
// output_size or scale_factors (2 values each) must be given.
Tensor upsample_antialias(const Tensor& input,
                          const std::optional<std::vector<std::int64_t>>& output_size,
                          std::string_view mode, bool align_corners,
                          const std::optional<std::vector<double>>& scale_factors);

// (output, mean, rstd); mean/rstd have the input's leading dims and 1 for each normalised dim.
std::tuple<Tensor, Tensor, Tensor> native_layer_norm(const Tensor& input,
                                                     IntArrayRef normalized_shape,
                                                     const Tensor& weight, const Tensor& bias,
                                                     double eps);
// (output, save_mean, save_invstd): the batch statistics (C) when training (running stats
// updated in place), empty tensors in evaluation.
std::tuple<Tensor, Tensor, Tensor> native_batch_norm(const Tensor& input, const Tensor& weight,
                                                     const Tensor& bias,
                                                     const Tensor& running_mean,
                                                     const Tensor& running_var, bool training,
                                                     double momentum, double eps);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/extra_pointwise_impl.hpp"
#include "tjit/tensor/ops/detail/extra_index_impl.hpp"
#endif
