// tjit/tensor/ops/indexing.hpp — reading and writing by index with PyTorch 1.13's semantics:
// index_select, gather, scatter/scatter_ (src tensor or value, reduce "add"/"multiply"),
// scatter_add, masked_fill(_), masked_select, nonzero, take, embedding, and advanced indexing
// (`index`, `index_put_`: int64 and bool index tensors, broadcast together, with PyTorch's rule
// for where the indexed dims land when the indices are separated by slices).
//
// Every index is bounds-checked (tjit::IndexError, "index 5 is out of bounds for dimension 0
// with size 3"). Builds on Tensor's views and copy.hpp; elements are moved as bytes, so only
// the accumulating writes (scatter reduce, index_put_ accumulate) are compiled per dtype.
// Definitions: detail/indexing_impl.hpp (see tjit/core/config.hpp for how they are compiled).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

Tensor index_select(const Tensor& t, std::int64_t dim, const Tensor& index);
Tensor gather(const Tensor& t, std::int64_t dim, const Tensor& index);
// reduce: nullopt, "add" or "multiply".
Tensor scatter(const Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src,
               std::optional<std::string_view> reduce = std::nullopt);
Tensor scatter(const Tensor& t, std::int64_t dim, const Tensor& index, const Scalar& value,
               std::optional<std::string_view> reduce = std::nullopt);
Tensor& scatter_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src,
                 std::optional<std::string_view> reduce = std::nullopt);
Tensor& scatter_(Tensor& t, std::int64_t dim, const Tensor& index, const Scalar& value,
                 std::optional<std::string_view> reduce = std::nullopt);
Tensor scatter_add(const Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src);
Tensor& scatter_add_(Tensor& t, std::int64_t dim, const Tensor& index, const Tensor& src);
// `mask` is bool and broadcasts; `value` is a number or a 0-dim tensor.
Tensor masked_fill(const Tensor& t, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& t, const Tensor& mask, const Tensor& value);
Tensor& masked_fill_(Tensor& t, const Tensor& mask, const Scalar& value);
Tensor& masked_fill_(Tensor& t, const Tensor& mask, const Tensor& value);
// The elements where `mask` (broadcast with `t`) is true, as a 1-d tensor.
Tensor masked_select(const Tensor& t, const Tensor& mask);
// [n, t.dim()] int64 indices of the non-zero elements, in row-major order.
Tensor nonzero(const Tensor& t);
std::vector<Tensor> nonzero_tuple(const Tensor& t);
// t.flatten()[index], shaped like `index`.
Tensor take(const Tensor& t, const Tensor& index);
// weight[indices] (rows of `weight`); padding_idx only matters for gradients.
Tensor embedding(const Tensor& weight, const Tensor& indices, std::int64_t padding_idx = -1);
// t[indices...]: one optional index tensor (int64, int32 or bool/uint8 mask) per leading dim.
Tensor index(const Tensor& t, const std::vector<std::optional<Tensor>>& indices);
// t[indices...] = values (broadcast), summing into repeated positions when `accumulate`.
Tensor& index_put_(Tensor& t, const std::vector<std::optional<Tensor>>& indices,
                   const Tensor& values, bool accumulate = false);
Tensor index_put(const Tensor& t, const std::vector<std::optional<Tensor>>& indices,
                 const Tensor& values, bool accumulate = false);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/indexing_impl.hpp"
#endif
