// tjit/tensor/ops/shape.hpp — joining and rearranging tensors with PyTorch 1.13's semantics:
// cat (type promotion, the legacy skip of 1-d empty inputs), stack, hstack/vstack, repeat, tile,
// flip, roll, tril/triu, movedim, pixel_shuffle/pixel_unshuffle, channel_shuffle.
//
// Builds on Tensor's views (tensor_base.hpp) and copy_ (copy.hpp): every op here writes its
// result through strided views, so no op adds per-dtype kernels of its own.
// Definitions: detail/shape_impl.hpp (see tjit/core/config.hpp for how they are compiled).
#pragma once

#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// Concatenates along `dim`; the result has the promoted dtype of the inputs.
Tensor cat(const std::vector<Tensor>& tensors, std::int64_t dim = 0);
// Joins equally shaped tensors along a new dim.
Tensor stack(const std::vector<Tensor>& tensors, std::int64_t dim = 0);
Tensor hstack(const std::vector<Tensor>& tensors);
Tensor vstack(const std::vector<Tensor>& tensors);
// Tensor.repeat: tiles `t` `repeats[i]` times along each dim (len(repeats) >= t.dim()).
Tensor repeat(const Tensor& t, IntArrayRef repeats);
// torch.tile: repeat with `reps` padded by leading 1s.
Tensor tile(const Tensor& t, IntArrayRef reps);
// Reverses the order of elements along `dims` (a copy, as in PyTorch).
Tensor flip(const Tensor& t, IntArrayRef dims);
// Rolls elements along `dims` by `shifts` (the flattened tensor when dims is empty).
Tensor roll(const Tensor& t, IntArrayRef shifts, IntArrayRef dims = {});
// Lower/upper triangle of the last two dims, the rest zeroed.
Tensor tril(const Tensor& t, std::int64_t diagonal = 0);
Tensor triu(const Tensor& t, std::int64_t diagonal = 0);
// A view with dims `source` moved to positions `destination`.
Tensor movedim(const Tensor& t, IntArrayRef source, IntArrayRef destination);
Tensor pixel_shuffle(const Tensor& t, std::int64_t upscale_factor);
Tensor pixel_unshuffle(const Tensor& t, std::int64_t downscale_factor);
Tensor channel_shuffle(const Tensor& t, std::int64_t groups);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/shape_impl.hpp"
#endif
