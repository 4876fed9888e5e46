// tjit/tensor/ops/einsum.hpp — torch.einsum with PyTorch 1.13's semantics: implicit output
// (ellipsis, then the labels used once, A-Z before a-z) or explicit `->` output, `...` ellipsis
// with broadcasting, repeated labels (diagonals), labels summed away, spaces ignored; errors worded
// as PyTorch words them.
//
// Builds on linalg.hpp: operands are aligned by permute/unsqueeze/diagonal views, contracted left
// to right in pairs, each pair reduced to one bmm by permute + reshape as ATen's sumproduct_pair.
// Definitions: detail/einsum_impl.hpp (see tjit/core/config.hpp for how they are compiled).
#pragma once

#include <string_view>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

Tensor einsum(std::string_view equation, const std::vector<Tensor>& operands);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/einsum_impl.hpp"
#endif
