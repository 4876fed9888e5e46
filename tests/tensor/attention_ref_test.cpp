// nn.MultiheadAttention (eval; its fast path through _native_multi_head_attention or the general
// F.multi_head_attention_forward, as the module picks), _native_multi_head_attention,
// _masked_softmax, _transform_bias_rescale_qkv and _scaled_dot_product_attention against PyTorch
// 1.13 on the reference cases of make_nn_cases.py (group attention). The runner's tolerances.
#include <doctest/doctest.h>

#include "nn_ref_runner.hpp"
#include "tjit/tensor/ops/attention.hpp"

using namespace tjit;
using namespace nnref;

namespace {

std::optional<std::int64_t> opt_int(const Case& c, const std::string& key) {
  if (!c.has(key) || c.is_none(key)) return std::nullopt;
  return I(c, key);
}

std::vector<Tensor> results(std::tuple<Tensor, Tensor> r) {
  if (!std::get<1>(r).defined()) return {std::get<0>(r)};
  return {std::get<0>(r), std::get<1>(r)};
}

// The module's forward: the fast path or the general one, with batch_first's transposes that
// keep query/key/value identity.
std::vector<Tensor> mha(const Case& c) {
  Tensor q = T(c, "x");
  Tensor k = B(c, "self_attn") ? q : T(c, "k");
  Tensor v = B(c, "kv_same") ? k : T(c, "v");
  const std::int64_t heads = I(c, "num_heads"), e = q.size(-1);
  const Tensor am = T(c, "attn_mask"), kpm = T(c, "key_padding_mask");
  const bool nw = B(c, "need_weights"), avg = B(c, "average");
  if (B(c, "fast")) {
    std::optional<std::int64_t> mt;
    if (kpm.defined()) mt = 1;
    else if (am.defined()) mt = 0;
    return results(_native_multi_head_attention(q, k, v, e, heads, T(c, "in_proj_weight"), T(c, "in_proj_bias"),
                                                T(c, "out_w"), T(c, "out_b"), kpm.defined() ? kpm : am, nw, avg, mt));
  }
  const bool bf = B(c, "batch_first") && q.dim() == 3;
  if (bf) {
    const bool kv = k.is_same(v), qk = q.is_same(k);
    q = q.transpose(1, 0);
    k = qk ? q : k.transpose(1, 0);
    v = kv ? k : v.transpose(1, 0);
  }
  const Tensor in_w = T(c, "in_proj_weight");
  auto [out, w] = multi_head_attention_forward(
      q, k, v, e, heads, in_w, T(c, "in_proj_bias"), T(c, "bias_k"), T(c, "bias_v"), B(c, "add_zero_attn"), 0.1 /* eval: ignored */,
      T(c, "out_w"), T(c, "out_b"), false, kpm, nw, am, !in_w.defined(), T(c, "q_proj_weight"),
      T(c, "k_proj_weight"), T(c, "v_proj_weight"), Tensor(), Tensor(), avg);
  if (bf) out = out.transpose(1, 0);
  return results({out, w});
}

std::vector<Tensor> native_mha(const Case& c) {
  Tensor q = T(c, "x");
  const std::string kv = S(c, "kv");
  Tensor k = kv == "self" || kv == "empty" ? q : T(c, "k");
  Tensor v = kv == "cross" ? T(c, "v") : k;
  const std::int64_t heads = c.has("num_heads") ? I(c, "num_heads") : 2;
  return results(_native_multi_head_attention(q, k, v, 8, heads, T(c, "w"), T(c, "b"), T(c, "pw"), T(c, "pb"),
                                              T(c, "mask"), B(c, "need_weights"), B(c, "average"),
                                              opt_int(c, "mask_type")));
}

}  // namespace

TEST_CASE("attention ops match PyTorch on the reference cases") {
  const std::map<std::string, Op> ops = {
      {"mha", mha},
      {"native_mha", native_mha},
      {"masked_softmax", [](const Case& c) -> std::vector<Tensor> {
         return {_masked_softmax(T(c, "x"), T(c, "mask"), opt_int(c, "dim"), opt_int(c, "mask_type"))};
       }},
      {"transform_qkv", [](const Case& c) -> std::vector<Tensor> {
         auto [q, k, v] = _transform_bias_rescale_qkv(T(c, "x"), T(c, "b"), I(c, "num_heads"));
         return {q, k, v};
       }},
      {"sdpa", [](const Case& c) {
         return results(_scaled_dot_product_attention(T(c, "x"), T(c, "k"), T(c, "v"), T(c, "mask"), 0.0, true,
                                                      B(c, "is_causal")));
       }},
  };
  run("tests/tensor/attention_cases.bin", ops, 600);
}
