// tjit/tensor/ops/detail/rnn_impl.hpp — definitions of tjit/tensor/ops/rnn.hpp.
//
// One implementation serves every entry point: a layer runs over a packed sequence (rows of
// `data` grouped by time step, `sizes[t]` rows at step t, decreasing), and a padded [T, B, I]
// input is the packed sequence whose batch sizes are all B. A layer projects its whole input
// with one linear, then steps the cell: the same `cell_step` the *_cell ops call.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/linalg.hpp"
#include "tjit/tensor/ops/nn.hpp"
#include "tjit/tensor/ops/rnn.hpp"
#include "tjit/tensor/ops/shape.hpp"

namespace tjit {
namespace detail::rnn {

enum class Kind { Lstm, Gru, Tanh, Relu };

inline std::int64_t gate_count(Kind k) {
  return k == Kind::Lstm ? 4 : k == Kind::Gru ? 3 : 1;
}
inline const char* module_name(Kind k) {
  return k == Kind::Lstm ? "LSTM" : k == Kind::Gru ? "GRU" : "RNN";
}

// One direction of one layer; b_* and w_hr may be undefined.
struct Weights {
  Tensor w_ih, w_hh, b_ih, b_hh, w_hr;
};

// h, and c for LSTM.
struct State {
  Tensor h, c;
  State narrow(std::int64_t start, std::int64_t len) const {
    return {h.narrow(0, start, len), c.defined() ? c.narrow(0, start, len) : Tensor()};
  }
};

// One time step from the projected input gi = x·W_ihᵀ + b_ih, as ATen's cells compute it.
inline State cell_step(Kind k, const Tensor& gi, const State& s, const Weights& w) {
  const Tensor gh = linear(s.h, w.w_hh, w.b_hh);
  switch (k) {
    case Kind::Lstm: {
      const auto g = add(gh, gi).chunk(4, 1);
      const Tensor in = sigmoid(g[0]), forget = sigmoid(g[1]), cell = tanh(g[2]),
                   out = sigmoid(g[3]);
      Tensor c = add(mul(forget, s.c), mul(in, cell));
      Tensor h = mul(out, tanh(c));
      if (w.w_hr.defined()) h = matmul(h, w.w_hr.t());
      return {h, c};
    }
    case Kind::Gru: {
      const auto i = gi.chunk(3, 1), hh = gh.chunk(3, 1);
      const Tensor reset = sigmoid(add(hh[0], i[0])), update = sigmoid(add(hh[1], i[1]));
      const Tensor n = tanh(add(i[2], mul(hh[2], reset)));
      return {add(mul(sub(s.h, n), update), n), Tensor()};
    }
    case Kind::Tanh: return {tanh(add(gh, gi)), Tensor()};
    case Kind::Relu: return {relu(add(gh, gi)), Tensor()};
  }
  return s;
}

inline void copy_rows(const State& dst, const State& src, std::int64_t start, std::int64_t len) {
  Tensor h = dst.h.narrow(0, start, len);
  copy_(h, src.h.narrow(0, start, len));
  if (dst.c.defined()) {
    Tensor c = dst.c.narrow(0, start, len);
    copy_(c, src.c.narrow(0, start, len));
  }
}

// One direction of one layer over a packed sequence. Returns the outputs (rows as in `data`) and
// the final state of each of the sizes[0] sequences.
inline std::pair<Tensor, State> run_layer(Kind k, const Tensor& data,
                                          const std::vector<std::int64_t>& sizes,
                                          const State& h0, const Weights& w, bool reverse) {
  const Tensor gi = linear(data, w.w_ih, w.b_ih);
  const auto steps = static_cast<std::int64_t>(sizes.size());
  std::vector<std::int64_t> offset(sizes.size() + 1, 0);
  for (std::size_t t = 0; t < sizes.size(); ++t) offset[t + 1] = offset[t] + sizes[t];
  std::vector<Tensor> outs(sizes.size());
  auto at = [&](std::int64_t t) { return static_cast<std::size_t>(t); };
  if (!reverse) {
    // Sequences end as the batch shrinks: their final states are kept as they drop out.
    State fin{empty_like(h0.h), h0.c.defined() ? empty_like(h0.c) : Tensor()};
    State s = h0;
    std::int64_t last = sizes[0];
    for (std::int64_t t = 0; t < steps; ++t) {
      const std::int64_t b = sizes[at(t)];
      if (b < last) {
        copy_rows(fin, s, b, last - b);
        s = s.narrow(0, b);
      }
      last = b;
      s = cell_step(k, gi.narrow(0, offset[at(t)], b), s, w);
      outs[at(t)] = s.h;
    }
    copy_rows(fin, s, 0, last);
    return {cat(outs, 0), fin};
  }
  // Backwards: start with the shortest batch and add sequences as they begin.
  std::int64_t last = sizes[at(steps - 1)];
  State s = h0.narrow(0, last);
  for (std::int64_t t = steps - 1; t >= 0; --t) {
    const std::int64_t b = sizes[at(t)];
    if (b > last) {
      const State more = h0.narrow(last, b - last);
      s = {cat({s.h, more.h}, 0), s.c.defined() ? cat({s.c, more.c}, 0) : Tensor()};
    }
    last = b;
    s = cell_step(k, gi.narrow(0, offset[at(t)], b), s, w);
    outs[at(t)] = s.h;
  }
  return {cat(outs, 0), s};
}

// The layer stack over a packed sequence; returns the last layer's output and every layer and
// direction's final state, in h_n's order.
inline std::pair<Tensor, std::vector<State>> run_stack(
    Kind k, Tensor data, const std::vector<std::int64_t>& sizes, const std::vector<State>& h0,
    const std::vector<Weights>& w, std::int64_t num_layers, double dropout_p, bool train,
    bool bidirectional) {
  const std::size_t dirs = bidirectional ? 2 : 1;
  std::vector<State> finals;
  for (std::int64_t l = 0; l < num_layers; ++l) {
    const std::size_t i = static_cast<std::size_t>(l) * dirs;
    auto fw = run_layer(k, data, sizes, h0[i], w[i], false);
    finals.push_back(fw.second);
    if (bidirectional) {
      auto bw = run_layer(k, data, sizes, h0[i + 1], w[i + 1], true);
      finals.push_back(bw.second);
      data = cat({fw.first, bw.first}, -1);
    } else {
      data = fw.first;
    }
    if (dropout_p != 0 && train && l < num_layers - 1) data = tjit::dropout(data, dropout_p, true);
  }
  return {data, finals};
}

// ATen's gather_params: per layer and direction w_ih, w_hh, [b_ih, b_hh], [w_hr].
inline std::vector<Weights> gather(const std::vector<Tensor>& params, bool has_biases,
                                   bool has_proj, std::int64_t num_layers, bool bidirectional) {
  const std::size_t per = (has_biases ? 4 : 2) + (has_proj ? 1 : 0);
  TJIT_CHECK(params.size() % per == 0, "got an incorrect number of RNN parameters");
  std::vector<Weights> w;
  for (std::size_t i = 0; i < params.size(); i += per) {
    Weights x;
    x.w_ih = params[i];
    x.w_hh = params[i + 1];
    if (has_biases) x.b_ih = params[i + 2], x.b_hh = params[i + 3];
    if (has_proj) x.w_hr = params[i + per - 1];
    w.push_back(x);
  }
  TJIT_CHECK(!bidirectional || w.size() % 2 == 0,
             "Odd number of params or hiddens given to a bidirectional RNN");
  TJIT_CHECK(static_cast<std::int64_t>(w.size()) == num_layers * (bidirectional ? 2 : 1),
             "Expected more weights in stacked_rnn");
  for (const Weights& x : w)
    for (const Tensor* t : {&x.w_ih, &x.w_hh})
      TJIT_CHECK(t->defined() && t->dim() == 2, "RNN weights must be 2-D, but got ",
                 t->defined() ? t->dim() : 0, "-D tensor");
  return w;
}

inline std::string size_tuple(IntArrayRef s) {
  std::string r = "(";
  for (std::size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + ")";
}

inline void check_hidden(const Tensor& h, IntArrayRef want, const char* what) {
  TJIT_CHECK(h.sizes() == want, "Expected ", what, " size ", size_tuple(want), ", got ",
             shape_str(h.sizes()));
}

// The shared body of every entry point. `data`/`sizes` is the packed input; `hx` holds h_0 (and
// c_0) of shape [layers·dirs, sizes[0], ·]. Returns (packed output, h_n, c_n).
inline std::tuple<Tensor, Tensor, Tensor> run(Kind k, const Tensor& data,
                                              const std::vector<std::int64_t>& sizes,
                                              const std::vector<Tensor>& hx,
                                              const std::vector<Tensor>& params,
                                              bool has_biases, std::int64_t num_layers,
                                              double dropout_p, bool train, bool bidirectional) {
  const bool lstm = k == Kind::Lstm;
  for (const Tensor& h : hx)
    TJIT_CHECK(h.defined() && h.dim() == 3, "RNN hidden states must be 3-D, but got ",
               h.defined() ? h.dim() : 0, "-D tensor");
  const bool proj = lstm && hx[0].size(2) != hx[1].size(2);
  std::vector<Weights> w = gather(params, has_biases, proj, num_layers, bidirectional);
  const std::int64_t dirs = bidirectional ? 2 : 1, batch = sizes.empty() ? 0 : sizes[0];
  const std::int64_t hidden = w[0].w_hh.size(0) / gate_count(k);
  const std::int64_t out_size = proj ? w[0].w_hr.size(0) : hidden;
  TJIT_CHECK(data.dim() == 2, "RNN input must be 2-D packed data, but got ",
             shape_str(data.sizes()));
  if (lstm) {
    check_hidden(hx[0], {num_layers * dirs, batch, out_size}, "hidden[0]");
    check_hidden(hx[1], {num_layers * dirs, batch, hidden}, "hidden[1]");
  } else {
    check_hidden(hx[0], {num_layers * dirs, batch, hidden}, "hidden");
  }
  const auto h = hx[0].unbind(0);
  const std::vector<Tensor> c = lstm ? hx[1].unbind(0) : std::vector<Tensor>();
  std::vector<State> h0;
  for (std::size_t i = 0; i < h.size(); ++i) h0.push_back({h[i], lstm ? c[i] : Tensor()});
  auto r = run_stack(k, data, sizes, h0, w, num_layers, dropout_p, train, bidirectional);
  std::vector<Tensor> hn, cn;
  for (const State& s : r.second) {
    hn.push_back(s.h);
    if (lstm) cn.push_back(s.c);
  }
  return {r.first, stack(hn, 0), lstm ? stack(cn, 0) : Tensor()};
}

// The padded entry points: [T, B, I] (or [B, T, I]), or 2-d unbatched input as nn.* treat it.
inline std::tuple<Tensor, Tensor, Tensor> run_padded(Kind k, const Tensor& input,
                                                     std::vector<Tensor> hx,
                                                     const std::vector<Tensor>& params,
                                                     bool has_biases, std::int64_t num_layers,
                                                     double dropout_p, bool train,
                                                     bool bidirectional, bool batch_first) {
  const bool lstm = k == Kind::Lstm;
  TJIT_CHECK_AS(ValueError, input.dim() == 2 || input.dim() == 3, module_name(k),
                ": Expected input to be 2-D or 3-D but received ", input.dim(), "-D tensor");
  const bool batched = input.dim() == 3;
  const std::int64_t want = batched ? 3 : 2;
  const char* kind = batched ? "For batched 3-D input" : "For unbatched 2-D input";
  if (lstm)
    TJIT_CHECK(hx[0].dim() == want && hx[1].dim() == want, kind, ", hx and cx should also be ",
               want, "-D but got (", hx[0].dim(), "-D, ", hx[1].dim(), "-D) tensors");
  else
    TJIT_CHECK(hx[0].dim() == want, kind, ", hx should also be ", want, "-D but got ",
               hx[0].dim(), "-D tensor");
  Tensor x = input;
  if (!batched) {
    x = x.unsqueeze(batch_first ? 0 : 1);
    for (Tensor& h : hx) h = h.unsqueeze(1);
  }
  if (batch_first) x = x.transpose(0, 1);
  const std::int64_t steps = x.size(0), batch = x.size(1);
  TJIT_CHECK(steps > 0, "Expected sequence length to be larger than 0 in RNN");
  auto [out, hn, cn] = run(k, x.reshape({steps * batch, x.size(2)}),
                           std::vector<std::int64_t>(static_cast<std::size_t>(steps), batch), hx,
                           params, has_biases, num_layers, dropout_p, train, bidirectional);
  out = out.view({steps, batch, out.size(1)});
  if (batch_first) out = out.transpose(0, 1);
  if (!batched) {
    out = out.squeeze(batch_first ? 0 : 1);
    hn = hn.squeeze(1);
    if (cn.defined()) cn = cn.squeeze(1);
  }
  return {out, hn, cn};
}

inline std::vector<std::int64_t> batch_sizes_of(const Tensor& data, const Tensor& batch_sizes) {
  TJIT_CHECK(batch_sizes.dim() == 1 && batch_sizes.scalar_type() == kLong,
             "batch_sizes should be a 1-D int64 tensor, but got ",
             shape_str(batch_sizes.sizes()));
  const Tensor b = contiguous(batch_sizes);
  std::vector<std::int64_t> sizes(b.data_ptr<std::int64_t>(),
                                  b.data_ptr<std::int64_t>() + b.numel());
  TJIT_CHECK(!sizes.empty(), "Expected sequence length to be larger than 0 in RNN");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    TJIT_CHECK(sizes[i] > 0 && (i == 0 || sizes[i] <= sizes[i - 1]),
               "batch_sizes must be positive and non-increasing");
    total += sizes[i];
  }
  TJIT_CHECK(data.dim() == 2 && data.size(0) == total,
             "packed data must have sum(batch_sizes) = ", total, " rows, but got ",
             shape_str(data.sizes()));
  return sizes;
}

inline std::tuple<Tensor, Tensor> one_hidden(std::tuple<Tensor, Tensor, Tensor> r) {
  return {std::get<0>(r), std::get<1>(r)};
}

// The cells: nn.*Cell's 1-d handling, then ATen's checks, then one step.
inline std::tuple<Tensor, Tensor> cell(Kind k, const char* name, const Tensor& input,
                                       std::vector<Tensor> hx, const Tensor& w_ih,
                                       const Tensor& w_hh, const Tensor& b_ih,
                                       const Tensor& b_hh) {
  TJIT_CHECK_AS(ValueError, input.dim() == 1 || input.dim() == 2, name,
                ": Expected input to be 1-D or 2-D but received ", input.dim(), "-D tensor");
  const bool batched = input.dim() == 2;
  Tensor x = batched ? input : input.unsqueeze(0);
  if (!batched)
    for (Tensor& h : hx) h = h.unsqueeze(0);
  for (const Tensor& h : hx)
    TJIT_CHECK(h.dim() == 2, name, ": Expected hidden to be ", batched ? 2 : 1,
               "-D, but got ", h.dim() - (batched ? 0 : 1), "-D tensor");
  TJIT_CHECK(w_ih.dim() == 2 && w_hh.dim() == 2, name, ": weights must be 2-D");
  const std::int64_t hidden = w_hh.size(1), g = gate_count(k);
  TJIT_CHECK(x.size(1) == w_ih.size(1), "input has inconsistent input_size: got ", x.size(1),
             " expected ", w_ih.size(1));
  TJIT_CHECK(w_ih.size(0) == g * hidden, "weight_ih first dim must be ", g,
             " * hidden_size = ", g * hidden, ", but got ", w_ih.size(0));
  TJIT_CHECK(w_hh.size(0) == g * hidden, "weight_hh first dim must be ", g,
             " * hidden_size = ", g * hidden, ", but got ", w_hh.size(0));
  for (std::size_t i = 0; i < hx.size(); ++i) {
    TJIT_CHECK(x.size(0) == hx[i].size(0), "Input batch size ", x.size(0),
               " doesn't match hidden", i, " batch size ", hx[i].size(0));
    TJIT_CHECK(hx[i].size(1) == hidden, "hidden", i, " has inconsistent hidden_size: got ",
               hx[i].size(1), ", expected ", hidden);
  }
  Weights w{w_ih, w_hh, b_ih, b_hh, Tensor()};
  State s = cell_step(k, linear(x, w_ih, b_ih), {hx[0], hx.size() > 1 ? hx[1] : Tensor()}, w);
  if (!batched) s = {s.h.squeeze(0), s.c.defined() ? s.c.squeeze(0) : Tensor()};
  return {s.h, s.c};
}

}  // namespace detail::rnn

TJIT_DEF std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& input,
                                                 const std::vector<Tensor>& hx,
                                                 const std::vector<Tensor>& params,
                                                 bool has_biases, std::int64_t num_layers,
                                                 double dropout, bool train, bool bidirectional,
                                                 bool batch_first) {
  TJIT_TRACE("aten::lstm.input",
      lstm(input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first),
      input, hx, params, has_biases, num_layers, dropout, train, bidirectional, batch_first);
  TJIT_CHECK(hx.size() == 2, "lstm expects two hidden states");
  return detail::rnn::run_padded(detail::rnn::Kind::Lstm, input, hx, params, has_biases,
                                 num_layers, dropout, train, bidirectional, batch_first);
}

#define TJIT_ONE_HIDDEN_RNN(name, kind)                                                        \
  TJIT_DEF std::tuple<Tensor, Tensor> name(const Tensor& input, const Tensor& hx,              \
                                           const std::vector<Tensor>& params, bool has_biases, \
                                           std::int64_t num_layers, double dropout,            \
                                           bool train, bool bidirectional, bool batch_first) { \
    TJIT_TRACE("aten::" #name ".input",                                                        \
               name(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,  \
                    batch_first),                                                              \
               input, hx, params, has_biases, num_layers, dropout, train, bidirectional,       \
               batch_first);                                                                   \
    return detail::rnn::one_hidden(detail::rnn::run_padded(                                    \
        detail::rnn::Kind::kind, input, {hx}, params, has_biases, num_layers, dropout, train,  \
        bidirectional, batch_first));                                                          \
  }                                                                                            \
  TJIT_DEF std::tuple<Tensor, Tensor> name(                                                    \
      const Tensor& data, const Tensor& batch_sizes, const Tensor& hx,                         \
      const std::vector<Tensor>& params, bool has_biases, std::int64_t num_layers,             \
      double dropout, bool train, bool bidirectional) {                                        \
    TJIT_TRACE("aten::" #name ".data",                                                         \
               name(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train,     \
                    bidirectional),                                                            \
               data, batch_sizes, hx, params, has_biases, num_layers, dropout, train,          \
               bidirectional);                                                                 \
    return detail::rnn::one_hidden(detail::rnn::run(                                           \
        detail::rnn::Kind::kind, data, detail::rnn::batch_sizes_of(data, batch_sizes), {hx},   \
        params, has_biases, num_layers, dropout, train, bidirectional));                       \
  }
TJIT_ONE_HIDDEN_RNN(gru, Gru)
TJIT_ONE_HIDDEN_RNN(rnn_tanh, Tanh)
TJIT_ONE_HIDDEN_RNN(rnn_relu, Relu)
#undef TJIT_ONE_HIDDEN_RNN

TJIT_DEF std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& data, const Tensor& batch_sizes,
                                                 const std::vector<Tensor>& hx,
                                                 const std::vector<Tensor>& params,
                                                 bool has_biases, std::int64_t num_layers,
                                                 double dropout, bool train,
                                                 bool bidirectional) {
  TJIT_TRACE("aten::lstm.data",
      lstm(data, batch_sizes, hx, params, has_biases, num_layers, dropout, train, bidirectional),
      data, batch_sizes, hx, params, has_biases, num_layers, dropout, train, bidirectional);
  TJIT_CHECK(hx.size() == 2, "lstm expects two hidden states");
  return detail::rnn::run(detail::rnn::Kind::Lstm, data,
                          detail::rnn::batch_sizes_of(data, batch_sizes), hx, params, has_biases,
                          num_layers, dropout, train, bidirectional);
}

TJIT_DEF std::tuple<Tensor, Tensor> lstm_cell(const Tensor& input, const std::vector<Tensor>& hx,
                                              const Tensor& w_ih, const Tensor& w_hh,
                                              const Tensor& b_ih, const Tensor& b_hh) {
  TJIT_TRACE("aten::lstm_cell", lstm_cell(input, hx, w_ih, w_hh, b_ih, b_hh), input, hx, w_ih, w_hh,
      b_ih, b_hh);
  TJIT_CHECK(hx.size() == 2, "lstm_cell expects two hidden states");
  return detail::rnn::cell(detail::rnn::Kind::Lstm, "LSTMCell", input, hx, w_ih, w_hh, b_ih,
                           b_hh);
}
TJIT_DEF Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                         const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh) {
  TJIT_TRACE("aten::gru_cell", gru_cell(input, hx, w_ih, w_hh, b_ih, b_hh), input, hx, w_ih, w_hh,
      b_ih, b_hh);
  return std::get<0>(
      detail::rnn::cell(detail::rnn::Kind::Gru, "GRUCell", input, {hx}, w_ih, w_hh, b_ih, b_hh));
}
TJIT_DEF Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                              const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh) {
  TJIT_TRACE("aten::rnn_tanh_cell", rnn_tanh_cell(input, hx, w_ih, w_hh, b_ih, b_hh), input, hx,
      w_ih, w_hh, b_ih, b_hh);
  return std::get<0>(detail::rnn::cell(detail::rnn::Kind::Tanh, "RNNCell", input, {hx}, w_ih,
                                       w_hh, b_ih, b_hh));
}
TJIT_DEF Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                              const Tensor& w_hh, const Tensor& b_ih, const Tensor& b_hh) {
  TJIT_TRACE("aten::rnn_relu_cell", rnn_relu_cell(input, hx, w_ih, w_hh, b_ih, b_hh), input, hx,
      w_ih, w_hh, b_ih, b_hh);
  return std::get<0>(detail::rnn::cell(detail::rnn::Kind::Relu, "RNNCell", input, {hx}, w_ih,
                                       w_hh, b_ih, b_hh));
}

}  // namespace tjit
