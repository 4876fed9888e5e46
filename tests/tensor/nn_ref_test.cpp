// Pooling (1d/2d/3d), normalisation, softmax, dropout (eval), interpolate, pad, prelu, embedding and the
// shuffles against PyTorch 1.13 on the reference cases of make_nn_cases.py (group nn).
#include <doctest/doctest.h>

#include "nn_ref_runner.hpp"

using namespace tjit;
using namespace nnref;

namespace {

std::vector<Tensor> pair(std::tuple<Tensor, Tensor> t) { return {std::get<0>(t), std::get<1>(t)}; }

std::optional<bool> opt_bool(const Case& c, const std::string& key) {
  if (!c.has(key) || c.is_none(key)) return std::nullopt;
  return B(c, key);
}

}  // namespace

TEST_CASE("nn ops match PyTorch on the reference cases") {
  auto one = [](auto f) -> Op {
    return [f](const Case& c) -> std::vector<Tensor> { return {f(c, T(c, "x"))}; };
  };
  const std::map<std::string, Op> ops = {
      {"max_pool2d", one([](const Case& c, const Tensor& x) {
         return max_pool2d(x, L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), L(c, "dilation"), B(c, "ceil_mode"));
       })},
      {"max_pool1d", one([](const Case& c, const Tensor& x) {
         return max_pool1d(x, L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), L(c, "dilation"), B(c, "ceil_mode"));
       })},
      {"max_pool2d_with_indices", [](const Case& c) {
         return pair(max_pool2d_with_indices(T(c, "x"), L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), L(c, "dilation"), B(c, "ceil_mode")));
       }},
      {"max_pool1d_with_indices", [](const Case& c) {
         return pair(max_pool1d_with_indices(T(c, "x"), L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), L(c, "dilation"), B(c, "ceil_mode")));
       }},
      {"avg_pool2d", one([](const Case& c, const Tensor& x) {
         std::optional<std::int64_t> dov;
         if (c.has("divisor_override") && !c.is_none("divisor_override")) dov = I(c, "divisor_override");
         return avg_pool2d(x, L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), B(c, "ceil_mode"), B(c, "count_include_pad"), dov);
       })},
      {"avg_pool1d", one([](const Case& c, const Tensor& x) {
         return avg_pool1d(x, L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), B(c, "ceil_mode"), B(c, "count_include_pad"));
       })},
      {"max_pool3d", one([](const Case& c, const Tensor& x) {
         return max_pool3d(x, L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), L(c, "dilation"), B(c, "ceil_mode"));
       })},
      {"max_pool3d_with_indices", [](const Case& c) {
         return pair(max_pool3d_with_indices(T(c, "x"), L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), L(c, "dilation"), B(c, "ceil_mode")));
       }},
      {"avg_pool3d", one([](const Case& c, const Tensor& x) {
         std::optional<std::int64_t> dov;
         if (c.has("divisor_override") && !c.is_none("divisor_override")) dov = I(c, "divisor_override");
         return avg_pool3d(x, L(c, "kernel_size"), L(c, "stride"), L(c, "padding"), B(c, "ceil_mode"), B(c, "count_include_pad"), dov);
       })},
      {"adaptive_avg_pool3d", one([](const Case& c, const Tensor& x) { return adaptive_avg_pool3d(x, L(c, "output_size")); })},
      {"adaptive_max_pool3d", [](const Case& c) { return pair(adaptive_max_pool3d(T(c, "x"), L(c, "output_size"))); }},
      {"adaptive_avg_pool2d", one([](const Case& c, const Tensor& x) { return adaptive_avg_pool2d(x, L(c, "output_size")); })},
      {"adaptive_avg_pool1d", one([](const Case& c, const Tensor& x) { return adaptive_avg_pool1d(x, L(c, "output_size")); })},
      {"adaptive_max_pool2d", [](const Case& c) { return pair(adaptive_max_pool2d(T(c, "x"), L(c, "output_size"))); }},
      {"adaptive_max_pool1d", [](const Case& c) { return pair(adaptive_max_pool1d(T(c, "x"), L(c, "output_size"))); }},
      {"batch_norm", [](const Case& c) -> std::vector<Tensor> {
         Tensor rm = T(c, "rm"), rv = T(c, "rv");
         Tensor y = batch_norm(T(c, "x"), T(c, "w"), T(c, "b"), rm, rv, B(c, "training"), D(c, "momentum"), D(c, "eps"));
         return {y, rm, rv};
       }},
      {"batch_norm_nostats", one([](const Case&, const Tensor& x) {
         return batch_norm(x, Tensor(), Tensor(), Tensor(), Tensor(), true, 0.1, 1e-5);
       })},
      {"instance_norm", one([](const Case& c, const Tensor& x) {
         return instance_norm(x, T(c, "w"), Tensor(), Tensor(), Tensor(), true, 0.1, 1e-5);
       })},
      {"layer_norm", one([](const Case& c, const Tensor& x) { return layer_norm(x, L(c, "normalized_shape"), T(c, "w"), T(c, "b"), 1e-5); })},
      {"layer_norm_noaffine", one([](const Case& c, const Tensor& x) { return layer_norm(x, L(c, "normalized_shape")); })},
      {"group_norm", one([](const Case& c, const Tensor& x) { return group_norm(x, I(c, "num_groups"), T(c, "w"), T(c, "b"), 1e-5); })},
      {"softmax", one([](const Case& c, const Tensor& x) { return softmax(x, I(c, "dim")); })},
      {"softmax_f64", one([](const Case& c, const Tensor& x) { return softmax(x, I(c, "dim"), kDouble); })},
      {"log_softmax", one([](const Case& c, const Tensor& x) { return log_softmax(x, I(c, "dim")); })},
      // The error case asks for p = 1.5.
      {"dropout_eval", one([](const Case& c, const Tensor& x) { return dropout(x, c.has("error") ? 1.5 : 0.5, false); })},
      {"interpolate_size", one([](const Case& c, const Tensor& x) {
         return interpolate(x, L(c, "size"), std::nullopt, S(c, "mode"), opt_bool(c, "align_corners"));
       })},
      {"interpolate_scale", one([](const Case& c, const Tensor& x) {
         return interpolate(x, std::nullopt, c.get<std::vector<double>>("scale_factor"), S(c, "mode"),
                            opt_bool(c, "align_corners"), opt_bool(c, "recompute_scale_factor"));
       })},
      {"pad", one([](const Case& c, const Tensor& x) { return pad(x, L(c, "pad"), S(c, "mode")); })},
      {"pad_value", one([](const Case& c, const Tensor& x) { return pad(x, L(c, "pad"), "constant", 2.5); })},
      {"prelu", one([](const Case& c, const Tensor& x) { return prelu(x, T(c, "w")); })},
      {"embedding", one([](const Case& c, const Tensor& x) { return embedding(T(c, "w"), x); })},
      {"pixel_shuffle", one([](const Case&, const Tensor& x) { return pixel_shuffle(x, 2); })},
      {"pixel_unshuffle", one([](const Case&, const Tensor& x) { return pixel_unshuffle(x, 2); })},
      {"channel_shuffle", one([](const Case&, const Tensor& x) { return channel_shuffle(x, 2); })},
  };
  run("tests/tensor/nn_cases.bin", ops, 300);
}

TEST_CASE("dropout in eval mode returns its input; p is checked") {
  Tensor x = ones({2, 3});
  CHECK(dropout(x, 0.3, false).is_same(x));
  CHECK_THROWS_AS(dropout(x, -0.1, false), ValueError);
}
