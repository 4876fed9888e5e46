// lstm, gru, rnn_tanh, rnn_relu (padded, unbatched and packed) and their cells against PyTorch
// 1.13's nn.LSTM / nn.GRU / nn.RNN / nn.*Cell in eval mode, on the reference cases of
// make_nn_cases.py (group rnn). Tolerances are the runner's (float32 1e-4, float64 1e-10).
#include <doctest/doctest.h>

#include "nn_ref_runner.hpp"
#include "tjit/tensor/ops/copy.hpp"
#include "tjit/tensor/ops/random.hpp"
#include "tjit/tensor/ops/rnn.hpp"

using namespace tjit;
using namespace nnref;

namespace {

std::vector<Tensor> TL(const Case& c, const std::string& key) {
  std::vector<Tensor> out;
  for (const auto& t : c.get<std::vector<refcases::RefTensor>>(key)) out.push_back(reftest::to_tensor(t));
  return out;
}

std::vector<Tensor> params(const Case& c) {
  std::vector<Tensor> p = TL(c, "params");
  if (c.has("drop_last_param")) p.pop_back();
  return p;
}

std::vector<Tensor> vec(std::tuple<Tensor, Tensor> t) { return {std::get<0>(t), std::get<1>(t)}; }
std::vector<Tensor> vec(std::tuple<Tensor, Tensor, Tensor> t) {
  return {std::get<0>(t), std::get<1>(t), std::get<2>(t)};
}

template <class F>
Op padded(F f) {
  return [f](const Case& c) {
    return vec(f(T(c, "x"), TL(c, "hx"), params(c), B(c, "has_biases"), I(c, "num_layers"), D(c, "dropout"),
                 false, B(c, "bidirectional"), B(c, "batch_first")));
  };
}
template <class F>
Op packed(F f) {
  return [f](const Case& c) {
    return vec(f(T(c, "x"), T(c, "batch_sizes"), TL(c, "hx"), params(c), B(c, "has_biases"), I(c, "num_layers"),
                 D(c, "dropout"), false, B(c, "bidirectional")));
  };
}

}  // namespace

TEST_CASE("recurrent ops match PyTorch on the reference cases") {
  const std::map<std::string, Op> ops = {
      {"lstm", padded([](const Tensor& x, const std::vector<Tensor>& hx, auto&&... a) { return lstm(x, hx, a...); })},
      {"gru", padded([](const Tensor& x, const std::vector<Tensor>& hx, auto&&... a) { return gru(x, hx[0], a...); })},
      {"rnn_tanh", padded([](const Tensor& x, const std::vector<Tensor>& hx, auto&&... a) { return rnn_tanh(x, hx[0], a...); })},
      {"rnn_relu", padded([](const Tensor& x, const std::vector<Tensor>& hx, auto&&... a) { return rnn_relu(x, hx[0], a...); })},
      {"lstm_packed", packed([](const Tensor& x, const Tensor& bs, const std::vector<Tensor>& hx, auto&&... a) { return lstm(x, bs, hx, a...); })},
      {"gru_packed", packed([](const Tensor& x, const Tensor& bs, const std::vector<Tensor>& hx, auto&&... a) { return gru(x, bs, hx[0], a...); })},
      {"rnn_tanh_packed", packed([](const Tensor& x, const Tensor& bs, const std::vector<Tensor>& hx, auto&&... a) { return rnn_tanh(x, bs, hx[0], a...); })},
      {"rnn_relu_packed", packed([](const Tensor& x, const Tensor& bs, const std::vector<Tensor>& hx, auto&&... a) { return rnn_relu(x, bs, hx[0], a...); })},
      {"lstm_cell", [](const Case& c) { return vec(lstm_cell(T(c, "x"), TL(c, "hx"), T(c, "w_ih"), T(c, "w_hh"), T(c, "b_ih"), T(c, "b_hh"))); }},
      {"gru_cell", [](const Case& c) { return std::vector<Tensor>{gru_cell(T(c, "x"), TL(c, "hx")[0], T(c, "w_ih"), T(c, "w_hh"), T(c, "b_ih"), T(c, "b_hh"))}; }},
      {"rnn_tanh_cell", [](const Case& c) { return std::vector<Tensor>{rnn_tanh_cell(T(c, "x"), TL(c, "hx")[0], T(c, "w_ih"), T(c, "w_hh"), T(c, "b_ih"), T(c, "b_hh"))}; }},
      {"rnn_relu_cell", [](const Case& c) { return std::vector<Tensor>{rnn_relu_cell(T(c, "x"), TL(c, "hx")[0], T(c, "w_ih"), T(c, "w_hh"), T(c, "b_ih"), T(c, "b_hh"))}; }},
  };
  run("tests/tensor/rnn_cases.bin", ops, 190);
}

TEST_CASE("training-mode dropout between layers draws PyTorch's mask after the same seed") {
  // torch.manual_seed(7); torch.rnn_tanh(x, h, p, True, 2, 0.5, True, False, False) in 1.13.
  const std::vector<Tensor> p = {full({2, 3}, 0.1), full({2, 2}, 0.2), full({2}, 0.3),
                                 full({2}, -0.1),   full({2, 2}, 0.5), full({2, 2}, -0.2),
                                 full({2}, 0.1),    full({2}, 0.2)};
  Tensor x = arange(12, kFloat).view({4, 1, 3}) / 10, h = zeros({2, 1, 2});
  tjit::manual_seed(7);
  auto [out, hn] = rnn_tanh(x, h, p, true, 2, 0.5, true, false, false);
  const float want_out[] = {0.6363743543624878f,  0.6363743543624878f,  0.04541899263858795f,
                            0.04541899263858795f, 0.27460014820098877f, 0.27460014820098877f,
                            0.6626833081245422f,  0.6626833081245422f};
  const float want_hn[] = {0.6074228882789612f, 0.6074228882789612f, 0.6626833081245422f,
                           0.6626833081245422f};
  Tensor o = tjit::contiguous(out), hh = tjit::contiguous(hn);
  for (int i = 0; i < 8; ++i) CHECK(o.data_ptr<float>()[i] == doctest::Approx(want_out[i]).epsilon(1e-5));
  for (int i = 0; i < 4; ++i) CHECK(hh.data_ptr<float>()[i] == doctest::Approx(want_hn[i]).epsilon(1e-5));
  CHECK_NOTHROW(rnn_tanh(x, h, p, true, 2, 0.5, false, false, false));
}
