// Registration table: random ops (with `Generator? generator`), einsum, the recurrent ops and
// attention (Note [Registration tables] in runtime/operator.hpp). Each row is PyTorch 1.13's
// schema string, verbatim, and a one-line call into the tensor layer; argument conventions:
// ops_tensor_util.hpp; generators: runtime/generator_value.hpp.
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/detail/ops_tensor_util.hpp"
#include "tjit/runtime/generator_value.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/ops/extra.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit::runtime::ops {

namespace detail {
inline std::int64_t random_to(std::optional<std::int64_t> to) {
  TJIT_CHECK(to.has_value(), "tjit: random_(from, to=None) is not supported; give `to`");
  return *to;
}
inline void check_no_path(const IValue& path) {
  TJIT_CHECK(path.isNone(), "tjit: einsum with an explicit contraction path is not supported");
}
}  // namespace detail

TJIT_DEF std::span<const OperatorDef> tensor_random_ops() {
  using detail::check_no_path;
  using detail::random_to;
  static const OperatorDef table[] = {
      // Random numbers (PyTorch's CPU generator; generator=None is the default one). An explicit
      // dtype=None gives randint the default float dtype (as in PyTorch), randperm int64.
      TJIT_OP("aten::rand(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](IntArrayRef size, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::rand(size, nullptr, dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::rand.generator(int[] size, *, Generator? generator, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](IntArrayRef size, const IValue& gen, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::rand(size, generator_of(gen), dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::randn(int[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](IntArrayRef size, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randn(size, nullptr, dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::randn.generator(int[] size, *, Generator? generator, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](IntArrayRef size, const IValue& gen, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randn(size, generator_of(gen), dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::randint(int high, int[] size, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](std::int64_t high, IntArrayRef size, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randint(high, size, nullptr, dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::randint.generator(int high, int[] size, *, Generator? generator, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](std::int64_t high, IntArrayRef size, const IValue& gen, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randint(high, size, generator_of(gen), dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::randint.low(int low, int high, int[] size, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](std::int64_t low, std::int64_t high, IntArrayRef size, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randint(low, high, size, nullptr, dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::randint.low_generator(int low, int high, int[] size, *, Generator? generator, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](std::int64_t low, std::int64_t high, IntArrayRef size, const IValue& gen, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randint(low, high, size, generator_of(gen), dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::randperm(int n, *, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](std::int64_t n, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randperm(n, nullptr, dtype.value_or(kLong)); }),
      TJIT_OP("aten::randperm.generator(int n, *, Generator? generator, ScalarType? dtype=4, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](std::int64_t n, const IValue& gen, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::randperm(n, generator_of(gen), dtype.value_or(kLong)); }),
      TJIT_OP("aten::rand_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
              [](const Tensor& self, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/, const IValue& memory_format) { check_cpu(device); check_mf(memory_format); return tjit::rand_like(self, dtype); }),
      TJIT_OP("aten::randn_like(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
              [](const Tensor& self, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/, const IValue& memory_format) { check_cpu(device); check_mf(memory_format); return tjit::randn_like(self, dtype); }),
      TJIT_OP("aten::randint_like(Tensor self, int high, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
              [](const Tensor& self, std::int64_t high, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/, const IValue& memory_format) { check_cpu(device); check_mf(memory_format); return tjit::randint_like(self, high, dtype); }),
      TJIT_OP("aten::randint_like.low_dtype(Tensor self, int low, int high, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat? memory_format=None) -> Tensor",
              [](const Tensor& self, std::int64_t low, std::int64_t high, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/, const IValue& memory_format) { check_cpu(device); check_mf(memory_format); return tjit::randint_like(self, low, high, dtype); }),
      TJIT_OP("aten::normal.float_float(float mean, float std, int[] size, *, Generator? generator=None, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
              [](double mean, double std, IntArrayRef size, const IValue& gen, std::optional<ScalarType> dtype, const IValue& /*layout*/, const std::optional<Device>& device, std::optional<bool> /*pin_memory*/) { check_cpu(device); return tjit::normal(mean, std, size, generator_of(gen), dtype.value_or(default_dtype())); }),
      TJIT_OP("aten::normal.Tensor_float(Tensor mean, float std=1., *, Generator? generator=None) -> Tensor",
              [](const Tensor& mean, double std, const IValue& gen) { return tjit::normal(mean, std, generator_of(gen)); }),
      TJIT_OP("aten::normal.float_Tensor(float mean, Tensor std, *, Generator? generator=None) -> Tensor",
              [](double mean, const Tensor& std, const IValue& gen) { return tjit::normal(mean, std, generator_of(gen)); }),
      TJIT_OP("aten::normal.Tensor_Tensor(Tensor mean, Tensor std, *, Generator? generator=None) -> Tensor",
              [](const Tensor& mean, const Tensor& std, const IValue& gen) { return tjit::normal(mean, std, generator_of(gen)); }),
      TJIT_OP("aten::normal_(Tensor(a!) self, float mean=0., float std=1., *, Generator? generator=None) -> Tensor(a!)",
              [](Tensor& self, double mean, double std, const IValue& gen) { return tjit::normal_(self, mean, std, generator_of(gen)); }),
      TJIT_OP("aten::uniform_(Tensor(a!) self, float from=0., float to=1., *, Generator? generator=None) -> Tensor(a!)",
              [](Tensor& self, double from, double to, const IValue& gen) { return tjit::uniform_(self, from, to, generator_of(gen)); }),
      TJIT_OP("aten::random_.from(Tensor(a!) self, int from, int? to, *, Generator? generator=None) -> Tensor(a!)",
              [](Tensor& self, std::int64_t from, std::optional<std::int64_t> to, const IValue& gen) { return tjit::random_(self, from, random_to(to), generator_of(gen)); }),
      TJIT_OP("aten::random_.to(Tensor(a!) self, int to, *, Generator? generator=None) -> Tensor(a!)",
              [](Tensor& self, std::int64_t to, const IValue& gen) { return tjit::random_(self, to, generator_of(gen)); }),
      TJIT_OP("aten::bernoulli(Tensor self, *, Generator? generator=None) -> Tensor",
              [](const Tensor& self, const IValue& gen) { return tjit::bernoulli(self, generator_of(gen)); }),
      TJIT_OP("aten::bernoulli.p(Tensor self, float p, *, Generator? generator=None) -> Tensor",
              [](const Tensor& self, double p, const IValue& gen) { return tjit::bernoulli(self, p, generator_of(gen)); }),
      TJIT_OP("aten::bernoulli_.float(Tensor(a!) self, float p=0.5, *, Generator? generator=None) -> Tensor(a!)",
              [](Tensor& self, double p, const IValue& gen) { return tjit::bernoulli_(self, p, generator_of(gen)); }),
      TJIT_OP("aten::bernoulli_.Tensor(Tensor(a!) self, Tensor p, *, Generator? generator=None) -> Tensor(a!)",
              [](Tensor& self, const Tensor& p, const IValue& gen) { return tjit::bernoulli_(self, p, generator_of(gen)); }),
      TJIT_OP("aten::multinomial(Tensor self, int num_samples, bool replacement=False, *, Generator? generator=None) -> Tensor",
              [](const Tensor& self, std::int64_t num_samples, bool replacement, const IValue& gen) { return tjit::multinomial(self, num_samples, replacement, generator_of(gen)); }),
      // einsum
      TJIT_OP("aten::einsum(str equation, Tensor[] tensors, *, int[]? path=None) -> Tensor",
              [](std::string_view equation, const std::vector<Tensor>& tensors, const IValue& path) { check_no_path(path); return tjit::einsum(equation, tensors); }),
      // Recurrent ops
      TJIT_OP("aten::lstm.input(Tensor input, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor, Tensor)",
              [](const Tensor& input, const std::vector<Tensor>& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first) { return tjit::lstm(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first); }),
      TJIT_OP("aten::lstm.data(Tensor data, Tensor batch_sizes, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor, Tensor)",
              [](const Tensor& data, const Tensor& batch_sizes, const std::vector<Tensor>& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional) { return tjit::lstm(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train, bidirectional); }),
      TJIT_OP("aten::gru.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)",
              [](const Tensor& input, const Tensor& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first) { return tjit::gru(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first); }),
      TJIT_OP("aten::gru.data(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor)",
              [](const Tensor& data, const Tensor& batch_sizes, const Tensor& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional) { return tjit::gru(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train, bidirectional); }),
      TJIT_OP("aten::rnn_tanh.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)",
              [](const Tensor& input, const Tensor& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first) { return tjit::rnn_tanh(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first); }),
      TJIT_OP("aten::rnn_tanh.data(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor)",
              [](const Tensor& data, const Tensor& batch_sizes, const Tensor& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional) { return tjit::rnn_tanh(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train, bidirectional); }),
      TJIT_OP("aten::rnn_relu.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)",
              [](const Tensor& input, const Tensor& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional, bool batch_first) { return tjit::rnn_relu(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first); }),
      TJIT_OP("aten::rnn_relu.data(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor)",
              [](const Tensor& data, const Tensor& batch_sizes, const Tensor& hx, const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers, double dropout, bool train, bool bidirectional) { return tjit::rnn_relu(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train, bidirectional); }),
      TJIT_OP("aten::lstm_cell(Tensor input, Tensor[] hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> (Tensor, Tensor)",
              [](const Tensor& input, const std::vector<Tensor>& hx, const Tensor& w_ih, const Tensor& w_hh, const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) { return tjit::lstm_cell(input, hx, w_ih, w_hh, opt(b_ih), opt(b_hh)); }),
      TJIT_OP("aten::gru_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor",
              [](const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh, const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) { return tjit::gru_cell(input, hx, w_ih, w_hh, opt(b_ih), opt(b_hh)); }),
      TJIT_OP("aten::rnn_tanh_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor",
              [](const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh, const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) { return tjit::rnn_tanh_cell(input, hx, w_ih, w_hh, opt(b_ih), opt(b_hh)); }),
      TJIT_OP("aten::rnn_relu_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor",
              [](const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh, const std::optional<Tensor>& b_ih, const std::optional<Tensor>& b_hh) { return tjit::rnn_relu_cell(input, hx, w_ih, w_hh, opt(b_ih), opt(b_hh)); }),
      // Attention
      TJIT_OP("aten::_native_multi_head_attention(Tensor query, Tensor key, Tensor value, int embed_dim, int num_head, Tensor qkv_weight, Tensor qkv_bias, Tensor proj_weight, Tensor proj_bias, Tensor? mask=None, bool need_weights=True, bool average_attn_weights=True, int? mask_type=None) -> (Tensor, Tensor)",
              [](const Tensor& query, const Tensor& key, const Tensor& value, std::int64_t embed_dim, std::int64_t num_head, const Tensor& qkv_weight, const Tensor& qkv_bias, const Tensor& proj_weight, const Tensor& proj_bias, const std::optional<Tensor>& mask, bool need_weights, bool average_attn_weights, std::optional<std::int64_t> mask_type) {
                auto r = tjit::_native_multi_head_attention(query, key, value, embed_dim, num_head, qkv_weight, qkv_bias, proj_weight, proj_bias, opt(mask), need_weights, average_attn_weights, mask_type);
                if (!std::get<1>(r).defined()) std::get<1>(r) = Tensor::empty({0}, query.scalar_type());
                return r;
              }),
      TJIT_OP("aten::_transform_bias_rescale_qkv(Tensor qkv, Tensor qkv_bias, int num_heads) -> (Tensor, Tensor, Tensor)",
              [](const Tensor& qkv, const Tensor& qkv_bias, std::int64_t num_heads) { return tjit::_transform_bias_rescale_qkv(qkv, qkv_bias, num_heads); }),
      TJIT_OP("aten::_masked_softmax(Tensor self, Tensor mask, int? dim=None, int? mask_type=None) -> Tensor",
              [](const Tensor& self, const Tensor& mask, std::optional<std::int64_t> dim, std::optional<std::int64_t> mask_type) { return tjit::_masked_softmax(self, mask, dim, mask_type); }),
      TJIT_OP("aten::_scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask=None, float dropout_p=0., bool need_attn_weights=False, bool is_causal=False) -> (Tensor, Tensor)",
              [](const Tensor& query, const Tensor& key, const Tensor& value, const std::optional<Tensor>& attn_mask, double dropout_p, bool need_attn_weights, bool is_causal) {
                auto r = tjit::_scaled_dot_product_attention(query, key, value, opt(attn_mask), dropout_p, need_attn_weights, is_causal);
                if (!std::get<1>(r).defined()) std::get<1>(r) = Tensor::empty({0}, query.scalar_type());
                return r;
              }),
  };
  return table;
}

}  // namespace tjit::runtime::ops
