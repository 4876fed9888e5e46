// tjit/tensor/ops/attention.hpp — attention with PyTorch 1.13's semantics: the fused
// `_native_multi_head_attention` that nn.MultiheadAttention's fast path calls (eval, batch_first,
// self-attention), its pieces `_transform_bias_rescale_qkv` and `_masked_softmax`, the
// `_scaled_dot_product_attention` math path, and F.multi_head_attention_forward (the general
// path: separate q/k/v, attn_mask, key_padding_mask, bias_k/v, add_zero_attn, static k/v).
//
// Builds on linear/matmul/baddbmm (linalg.hpp), softmax (nn.hpp), masked_fill (indexing.hpp) and
// the views of Tensor; no kernel of its own. Definitions: detail/attention_impl.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <tuple>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// softmax over `dim` (default: the last) with the positions where `mask` (bool, the input's
// shape) is true left out; rows left out entirely give NaN, as on PyTorch's CPU. mask_type must
// be given (1 = padding mask, 2 = generic; 0, the src_mask, is unsupported on CPU in PyTorch too).
Tensor _masked_softmax(const Tensor& input, const Tensor& mask,
                       std::optional<std::int64_t> dim = std::nullopt,
                       std::optional<std::int64_t> mask_type = std::nullopt);

// qkv [B, T, 3·D] plus qkv_bias [3·D], split into q, k, v of shape [B, num_heads, T, D/num_heads];
// q is scaled by 1/sqrt(D/num_heads).
std::tuple<Tensor, Tensor, Tensor> _transform_bias_rescale_qkv(const Tensor& qkv,
                                                               const Tensor& qkv_bias,
                                                               std::int64_t num_heads);

// query/key/value [B, T, D] (same shapes). mask: a [B, T] key padding mask (mask_type 1) or a
// mask of the attention weights' shape [B, num_head, T, T]; true = masked out. Returns (output
// [B, T, D], weights [B, T, T] averaged over heads or [B, num_head, T, T]; undefined when
// need_weights is false).
std::tuple<Tensor, Tensor> _native_multi_head_attention(
    const Tensor& query, const Tensor& key, const Tensor& value, std::int64_t embed_dim,
    std::int64_t num_head, const Tensor& qkv_weight, const Tensor& qkv_bias,
    const Tensor& proj_weight, const Tensor& proj_bias, const Tensor& mask = Tensor(),
    bool need_weights = true, bool average_attn_weights = true,
    std::optional<std::int64_t> mask_type = std::nullopt);

// softmax(q·kᵀ/sqrt(E) + mask)·v and the weights; a bool attn_mask marks the positions that take
// part, is_causal the lower triangle. Dropout only when dropout_p > 0 (through tjit::dropout).
std::tuple<Tensor, Tensor> _scaled_dot_product_attention(
    const Tensor& query, const Tensor& key, const Tensor& value,
    const Tensor& attn_mask = Tensor(), double dropout_p = 0.0, bool need_attn_weights = false,
    bool is_causal = false);

// F.multi_head_attention_forward: query [L, N, E] (or [L, E] unbatched), key/value [S, N, ·].
// Undefined tensors stand for None. Returns (output [L, N, E], weights or undefined).
std::tuple<Tensor, Tensor> multi_head_attention_forward(
    const Tensor& query, const Tensor& key, const Tensor& value, std::int64_t embed_dim_to_check,
    std::int64_t num_heads, const Tensor& in_proj_weight, const Tensor& in_proj_bias,
    const Tensor& bias_k, const Tensor& bias_v, bool add_zero_attn, double dropout_p,
    const Tensor& out_proj_weight, const Tensor& out_proj_bias, bool training = true,
    const Tensor& key_padding_mask = Tensor(), bool need_weights = true,
    const Tensor& attn_mask = Tensor(), bool use_separate_proj_weight = false,
    const Tensor& q_proj_weight = Tensor(), const Tensor& k_proj_weight = Tensor(),
    const Tensor& v_proj_weight = Tensor(), const Tensor& static_k = Tensor(),
    const Tensor& static_v = Tensor(), bool average_attn_weights = true);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/attention_impl.hpp"
#endif
