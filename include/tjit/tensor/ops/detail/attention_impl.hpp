// tjit/tensor/ops/detail/attention_impl.hpp — definitions of tjit/tensor/ops/attention.hpp, each
// following the order of operations of PyTorch 1.13 (attention.cpp, nn/functional.py).
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "tjit/tensor/ops/attention.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/indexing.hpp"
#include "tjit/tensor/ops/linalg.hpp"
#include "tjit/tensor/ops/nn.hpp"
#include "tjit/tensor/ops/reduce.hpp"
#include "tjit/tensor/ops/shape.hpp"

namespace tjit {
namespace detail::attn {

inline double neg_inf() { return -std::numeric_limits<double>::infinity(); }

inline std::string tuple_str(IntArrayRef s) {
  std::string r = "(";
  for (std::size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + (s.size() == 1 ? ",)" : ")");
}
inline std::string torch_size(IntArrayRef s) { return "torch.Size(" + detail::shape_str(s) + ")"; }

// The q, k, v projections of F._in_projection_packed (one GEMM when q, k and v are one tensor).
inline std::vector<Tensor> in_projection_packed(const Tensor& q, const Tensor& k, const Tensor& v,
                                                const Tensor& w, const Tensor& b) {
  if (q.is_same(k) && k.is_same(v)) return linear(q, w, b).chunk(3, -1);
  const auto ws = w.chunk(3);
  const auto bs = b.defined() ? b.chunk(3) : std::vector<Tensor>(3);
  return {linear(q, ws[0], bs[0]), linear(k, ws[1], bs[1]), linear(v, ws[2], bs[2])};
}

}  // namespace detail::attn

TJIT_DEF Tensor _masked_softmax(const Tensor& input, const Tensor& mask,
                                std::optional<std::int64_t> dim,
                                std::optional<std::int64_t> mask_type) {
  TJIT_TRACE("aten::_masked_softmax", _masked_softmax(input, mask, dim, mask_type), input, mask,
      dim, mask_type);
  TJIT_CHECK(input.sizes() == mask.sizes(), "Mask shape should match input shape");
  TJIT_CHECK(mask.scalar_type() == kBool, "Mask should be a boolean tensor");
  TJIT_CHECK(mask_type.has_value(), "Mask Type should be defined");
  TJIT_CHECK(*mask_type != 0, "src_mask not currently supported on CPU");
  TJIT_CHECK(*mask_type == 1 || *mask_type == 2,
             "Mask Type should be 0 (src_mask), 1 (src_key_padding_mask), or 2 (default_mask)");
  const std::int64_t d = dim ? *dim : input.dim() - 1;
  return softmax(masked_fill(input, mask, detail::attn::neg_inf()), d);
}

TJIT_DEF std::tuple<Tensor, Tensor, Tensor> _transform_bias_rescale_qkv(const Tensor& qkv,
                                                                        const Tensor& qkv_bias,
                                                                        std::int64_t num_heads) {
  TJIT_TRACE("aten::_transform_bias_rescale_qkv",
      _transform_bias_rescale_qkv(qkv, qkv_bias, num_heads), qkv, qkv_bias, num_heads);
  TJIT_CHECK(qkv.dim() == 3, "_transform_bias_rescale_qkv: expected 3-D `qkv`, got ", qkv.dim(),
             "-D tensor");
  const std::int64_t b = qkv.size(0), t = qkv.size(1), d = qkv.size(2) / 3;
  TJIT_CHECK(num_heads > 0 && d % num_heads == 0,
             "Expected D % num_head == 0 to be true, but got false.  (Could this error message be "
             "improved?  If so, please report an enhancement request to PyTorch.)");
  TJIT_CHECK(qkv.size(2) % 3 == 0,
             "Expected _3D % 3 == 0 to be true, but got false.  (Could this error message be "
             "improved?  If so, please report an enhancement request to PyTorch.)");
  TJIT_CHECK(qkv_bias.dim() == 1 && qkv_bias.size(0) == 3 * d,
             "expected `qkv_bias` to be 1-D of size 3 * embed_dim = ", 3 * d, ", got ",
             detail::shape_str(qkv_bias.sizes()));
  const std::int64_t dh = d / num_heads;
  // [B, T, 3, H, dh] -> [3, B, H, T, dh]
  Tensor x = contiguous(add(qkv, qkv_bias).view({b, t, 3, num_heads, dh}).permute({2, 0, 3, 1, 4}));
  auto parts = x.unbind(0);
  const double inv = 1.0 / std::sqrt(static_cast<double>(dh));
  return {mul(parts[0], inv), parts[1], parts[2]};
}

TJIT_DEF std::tuple<Tensor, Tensor> _native_multi_head_attention(
    const Tensor& query, const Tensor& key, const Tensor& value, std::int64_t embed_dim,
    std::int64_t num_head, const Tensor& qkv_weight, const Tensor& qkv_bias,
    const Tensor& proj_weight, const Tensor& proj_bias, const Tensor& mask, bool need_weights,
    bool average_attn_weights, std::optional<std::int64_t> mask_type) {
  TJIT_TRACE("aten::_native_multi_head_attention",
      _native_multi_head_attention(query, key, value, embed_dim, num_head, qkv_weight, qkv_bias,
                                   proj_weight, proj_bias, mask, need_weights, average_attn_weights,
                                   mask_type), query, key, value, embed_dim, num_head, qkv_weight,
      qkv_bias, proj_weight, proj_bias, mask, need_weights, average_attn_weights, mask_type);
  const std::int64_t d = embed_dim;
  TJIT_CHECK(query.dim() == 3, "expected 3-D `query`, got ", query.dim(), "-D tensor");
  TJIT_CHECK(query.size(2) == embed_dim, "passed-in embed_dim ", embed_dim,
             " didn't match last dim of query ", query.size(2));
  TJIT_CHECK(key.dim() == 3, "expected 3-D `key`, got ", key.dim(), "-D tensor");
  TJIT_CHECK(value.dim() == 3, "expected 3-D `value`, got ", value.dim(), "-D tensor");
  TJIT_CHECK(query.sizes() == key.sizes() && key.sizes() == value.sizes(),
             "expected `query`/`key`/`value` shapes to match");
  TJIT_CHECK(qkv_weight.dim() == 2, "expected 2-D `qkv_weight`, got ", qkv_weight.dim(),
             "-D tensor");
  TJIT_CHECK(d * 3 == qkv_weight.size(0), "expected `qkv_weight` first dim to be 3x embed_dim");
  TJIT_CHECK(d == qkv_weight.size(1), "expected `qkv_weight` second dim to be embed_Dim");
  TJIT_CHECK(qkv_bias.dim() == 1, "expected 1-D `qkv_bias`, got ", qkv_bias.dim(), "-D tensor");
  TJIT_CHECK(qkv_bias.size(0) == 3 * d,
             "expected `qkv_bias` first dim and first dim of query to be equal");
  TJIT_CHECK(num_head > 0 && d % num_head == 0, "`embed_dim` must divide evenly by `num_heads`");
  const std::int64_t b = query.size(0), t = query.size(1);
  // [B, T, 3·D]
  Tensor qkv;
  if (key.is_same(value)) {
    if (query.is_same(key)) {
      qkv = matmul(query, qkv_weight.t());
    } else {
      const auto w = qkv_weight.split_with_sizes({d, 2 * d}, 0);
      qkv = cat({matmul(query, w[0].t()), matmul(key, w[1].t())}, 2);
    }
  } else {
    const auto w = qkv_weight.chunk(3, 0);
    qkv = cat({matmul(query, w[0].t()), matmul(key, w[1].t()), matmul(value, w[2].t())}, 2);
  }
  if (qkv.numel() == 0) return {empty_like(query), Tensor()};
  auto [q, k, v] = _transform_bias_rescale_qkv(qkv, qkv_bias, num_head);
  Tensor qkt = matmul(q, k.transpose(2, 3));  // [B, H, T, T]
  if (mask.defined()) {
    Tensor m = mask.scalar_type() == kBool ? mask : to(mask, kBool);
    if (m.dim() == 2) {
      TJIT_CHECK(m.size(0) == b,
                 "Expected attn_mask->sizes()[0] == batch_size to be true, but got false.  "
                 "(Could this error message be improved?  If so, please report an enhancement "
                 "request to PyTorch.)");
      TJIT_CHECK(m.size(1) == t, "expected a key padding mask of shape ", detail::shape_str({b, t}),
                 ", got ", detail::shape_str(m.sizes()));
      m = m.view({b, 1, 1, t}).expand({b, num_head, t, t});
    }
    qkt = _masked_softmax(qkt, m, 3, mask_type);
  } else {
    qkt = softmax(qkt, 3);
  }
  Tensor ctx = matmul(qkt, v);  // [B, H, T, dh]
  Tensor proj = linear(ctx.permute({0, 2, 1, 3}).reshape({b, t, d}), proj_weight, proj_bias);
  if (!need_weights) return {proj, Tensor()};
  if (average_attn_weights) qkt = div(sum(qkt, {1}), num_head);
  return {proj, qkt};
}

TJIT_DEF std::tuple<Tensor, Tensor> _scaled_dot_product_attention(
    const Tensor& query, const Tensor& key, const Tensor& value, const Tensor& attn_mask,
    double dropout_p, bool need_attn_weights, bool is_causal) {
  TJIT_TRACE("aten::_scaled_dot_product_attention",
      _scaled_dot_product_attention(query, key, value, attn_mask, dropout_p, need_attn_weights,
                                    is_causal), query, key, value, attn_mask, dropout_p,
      need_attn_weights, is_causal);
  Tensor mask = attn_mask;
  if (is_causal) {
    TJIT_CHECK(!mask.defined(), "_scaled_dot_product_attention: Explicit attn_mask should not "
                                "be set when is_causal=True");
    mask = tril(ones({query.size(-2), key.size(-2)}, kBool));
  }
  if (mask.defined() && mask.scalar_type() == kBool) {
    Tensor additive = zeros_like(mask, query.scalar_type());
    masked_fill_(additive, logical_not(mask), detail::attn::neg_inf());
    mask = additive;
  }
  Tensor q = div(query, std::sqrt(static_cast<double>(query.size(-1))));
  Tensor attn = matmul(q, key.transpose(-2, -1));
  if (mask.defined()) attn = add(attn, mask);
  attn = softmax(attn, -1);
  if (dropout_p > 0.0) attn = dropout(attn, dropout_p, true);
  return {matmul(attn, value), attn};
}

// not traced: F.multi_head_attention_forward is Python code, not a TorchScript operator (its
// inner ops are recorded, as PyTorch records them)
TJIT_DEF std::tuple<Tensor, Tensor> multi_head_attention_forward(
    const Tensor& query_in, const Tensor& key_in, const Tensor& value_in,
    std::int64_t embed_dim_to_check, std::int64_t num_heads, const Tensor& in_proj_weight,
    const Tensor& in_proj_bias, const Tensor& bias_k, const Tensor& bias_v, bool add_zero_attn,
    double dropout_p, const Tensor& out_proj_weight, const Tensor& out_proj_bias, bool training,
    const Tensor& key_padding_mask_in, bool need_weights, const Tensor& attn_mask_in,
    bool use_separate_proj_weight, const Tensor& q_proj_weight, const Tensor& k_proj_weight,
    const Tensor& v_proj_weight, const Tensor& static_k, const Tensor& static_v,
    bool average_attn_weights) {
  using detail::attn::neg_inf;
  Tensor query = query_in, key = key_in, value = value_in;
  Tensor kpm = key_padding_mask_in, attn_mask = attn_mask_in;
  // _mha_shape_check
  bool batched = true;
  if (query.dim() == 3) {
    TJIT_CHECK(key.dim() == 3 && value.dim() == 3,
               "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found ",
               key.dim(), "-D and ", value.dim(), "-D tensors respectively");
    TJIT_CHECK(!kpm.defined() || kpm.dim() == 2,
               "For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D but "
               "found ", kpm.dim(), "-D tensor instead");
    TJIT_CHECK(!attn_mask.defined() || attn_mask.dim() == 2 || attn_mask.dim() == 3,
               "For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
               "found ", attn_mask.dim(), "-D tensor instead");
  } else if (query.dim() == 2) {
    batched = false;
    TJIT_CHECK(key.dim() == 2 && value.dim() == 2,
               "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found ",
               key.dim(), "-D and ", value.dim(), "-D tensors respectively");
    TJIT_CHECK(!kpm.defined() || kpm.dim() == 1,
               "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D "
               "but found ", kpm.dim(), "-D tensor instead");
    if (attn_mask.defined()) {
      TJIT_CHECK(attn_mask.dim() == 2 || attn_mask.dim() == 3,
                 "For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but "
                 "found ", attn_mask.dim(), "-D tensor instead");
      if (attn_mask.dim() == 3) {
        const Shape want{num_heads, query.size(0), key.size(0)};
        TJIT_CHECK(attn_mask.sizes() == IntArrayRef(want), "Expected `attn_mask` shape to be ",
                   detail::attn::tuple_str(want), " but got ",
                   detail::attn::torch_size(attn_mask.sizes()));
      }
    }
  } else {
    TJIT_CHECK(false, "query should be unbatched 2D or batched 3D tensor but received ",
               query.dim(), "-D query tensor");
  }
  if (!batched) {
    // Keep q/k/v identity (self-attention) through the unsqueeze.
    const bool kv = key.is_same(value), qk = query.is_same(key);
    query = query.unsqueeze(1);
    key = qk ? query : key.unsqueeze(1);
    value = kv ? key : value.unsqueeze(1);
    if (kpm.defined()) kpm = kpm.unsqueeze(0);
  }
  const std::int64_t tgt_len = query.size(0), bsz = query.size(1), embed_dim = query.size(2);
  TJIT_CHECK(!kpm.defined() || kpm.scalar_type() == kBool || kpm.is_floating_point(),
             "only bool and floating types of key_padding_mask are supported");
  TJIT_CHECK(embed_dim == embed_dim_to_check, "was expecting embedding dimension of ",
             embed_dim_to_check, ", but got ", embed_dim);
  TJIT_CHECK(num_heads > 0, "num_heads must be positive");
  const std::int64_t head_dim = embed_dim / num_heads;
  TJIT_CHECK(head_dim * num_heads == embed_dim, "embed_dim ", embed_dim,
             " not divisible by num_heads ", num_heads);
  if (use_separate_proj_weight)
    TJIT_CHECK(key.size(0) == value.size(0) && key.size(1) == value.size(1),
               "key's sequence and batch dims ", detail::attn::torch_size({key.size(0), key.size(1)}),
               " do not match value's ", detail::attn::torch_size({value.size(0), value.size(1)}));
  else
    TJIT_CHECK(key.sizes() == value.sizes(), "key shape ", detail::attn::torch_size(key.sizes()),
               " does not match value shape ", detail::attn::torch_size(value.sizes()));
  std::vector<Tensor> qkv;
  if (!use_separate_proj_weight) {
    TJIT_CHECK(in_proj_weight.defined(),
               "use_separate_proj_weight is False but in_proj_weight is None");
    qkv = detail::attn::in_projection_packed(query, key, value, in_proj_weight, in_proj_bias);
  } else {
    TJIT_CHECK(q_proj_weight.defined() && k_proj_weight.defined() && v_proj_weight.defined(),
               "use_separate_proj_weight is True but q_proj_weight, k_proj_weight or "
               "v_proj_weight is None");
    const auto bs = in_proj_bias.defined() ? in_proj_bias.chunk(3) : std::vector<Tensor>(3);
    qkv = {linear(query, q_proj_weight, bs[0]), linear(key, k_proj_weight, bs[1]),
           linear(value, v_proj_weight, bs[2])};
  }
  Tensor q = qkv[0], k = qkv[1], v = qkv[2];
  std::int64_t src_len = key.size(0);
  if (attn_mask.defined()) {
    if (attn_mask.scalar_type() == kByte) attn_mask = to(attn_mask, kBool);
    TJIT_CHECK(attn_mask.is_floating_point() || attn_mask.scalar_type() == kBool,
               "Only float, byte, and bool types are supported for attn_mask, not ",
               python_name(attn_mask.scalar_type()));
    if (attn_mask.dim() == 2) {
      const Shape want{tgt_len, src_len};
      TJIT_CHECK(attn_mask.sizes() == IntArrayRef(want), "The shape of the 2D attn_mask is ",
                 detail::attn::torch_size(attn_mask.sizes()), ", but should be ",
                 detail::attn::tuple_str(want), ".");
      attn_mask = attn_mask.unsqueeze(0);
    } else if (attn_mask.dim() == 3) {
      const Shape want{bsz * num_heads, tgt_len, src_len};
      TJIT_CHECK(attn_mask.sizes() == IntArrayRef(want), "The shape of the 3D attn_mask is ",
                 detail::attn::torch_size(attn_mask.sizes()), ", but should be ",
                 detail::attn::tuple_str(want), ".");
    } else {
      TJIT_CHECK(false, "attn_mask's dimension ", attn_mask.dim(), " is not supported");
    }
  }
  if (bias_k.defined() && bias_v.defined()) {
    TJIT_CHECK(!static_k.defined(), "bias cannot be added to static key.");
    TJIT_CHECK(!static_v.defined(), "bias cannot be added to static value.");
    k = cat({k, repeat(bias_k, {1, bsz, 1})});
    v = cat({v, repeat(bias_v, {1, bsz, 1})});
    if (attn_mask.defined()) attn_mask = pad(attn_mask, {0, 1});
    if (kpm.defined()) kpm = pad(kpm, {0, 1});
  } else {
    TJIT_CHECK(!bias_k.defined() && !bias_v.defined(), "bias_k and bias_v must both be given");
  }
  q = contiguous(q).view({tgt_len, bsz * num_heads, head_dim}).transpose(0, 1);
  auto heads = [&](const Tensor& t, const Tensor& fixed, const char* name) {
    if (!fixed.defined())
      return contiguous(t).view({t.size(0), bsz * num_heads, head_dim}).transpose(0, 1);
    TJIT_CHECK(fixed.size(0) == bsz * num_heads, "expecting ", name, ".size(0) of ",
               bsz * num_heads, ", but got ", fixed.size(0));
    TJIT_CHECK(fixed.size(2) == head_dim, "expecting ", name, ".size(2) of ", head_dim,
               ", but got ", fixed.size(2));
    return fixed;
  };
  k = heads(k, static_k, "static_k");
  v = heads(v, static_v, "static_v");
  if (add_zero_attn) {
    k = cat({k, zeros({bsz * num_heads, 1, head_dim}, k.scalar_type())}, 1);
    v = cat({v, zeros({bsz * num_heads, 1, head_dim}, v.scalar_type())}, 1);
    if (attn_mask.defined()) attn_mask = pad(attn_mask, {0, 1});
    if (kpm.defined()) kpm = pad(kpm, {0, 1});
  }
  src_len = k.size(1);
  if (kpm.defined()) {
    const Shape want{bsz, src_len};
    TJIT_CHECK(kpm.sizes() == IntArrayRef(want), "expecting key_padding_mask shape of ",
               detail::attn::tuple_str(want), ", but got ", detail::attn::torch_size(kpm.sizes()));
    kpm = kpm.view({bsz, 1, 1, src_len})
              .expand({-1, num_heads, -1, -1})
              .reshape({bsz * num_heads, 1, src_len});
    if (!attn_mask.defined()) attn_mask = kpm;
    else if (attn_mask.scalar_type() == kBool) attn_mask = logical_or(attn_mask, kpm);
    else attn_mask = masked_fill(attn_mask, kpm, neg_inf());
  }
  if (attn_mask.defined() && attn_mask.scalar_type() == kBool) {
    Tensor m = zeros_like(attn_mask, q.scalar_type());
    masked_fill_(m, attn_mask, neg_inf());
    attn_mask = m;
  }
  if (!training) dropout_p = 0.0;
  Tensor q_scaled = div(q, std::sqrt(static_cast<double>(q.size(2))));
  Tensor w = attn_mask.defined() ? baddbmm(attn_mask, q_scaled, k.transpose(-2, -1))
                                 : bmm(q_scaled, k.transpose(-2, -1));
  w = softmax(w, -1);
  if (dropout_p > 0.0) w = dropout(w, dropout_p, true);
  Tensor out = bmm(w, v);
  out = contiguous(out.transpose(0, 1)).view({tgt_len * bsz, embed_dim});
  out = linear(out, out_proj_weight, out_proj_bias);
  out = out.view({tgt_len, bsz, out.size(1)});
  if (!need_weights) {
    if (!batched) out = out.squeeze(1);
    return {out, Tensor()};
  }
  w = w.view({bsz, num_heads, tgt_len, src_len});
  if (average_attn_weights) w = div(sum(w, {1}), num_heads);
  if (!batched) {
    out = out.squeeze(1);
    w = w.squeeze(0);
  }
  return {out, w};
}

}  // namespace tjit
