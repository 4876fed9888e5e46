// tjit/tensor/ops/rnn.hpp — the recurrent ops behind nn.LSTM, nn.GRU and nn.RNN with their ATen
// signatures (PyTorch 1.13): aten::lstm / gru / rnn_tanh / rnn_relu over a padded sequence
// (`.input`) or a packed one (`.data`, with batch_sizes), and the single-step cells lstm_cell,
// gru_cell, rnn_tanh_cell, rnn_relu_cell.
//
// Builds on linear (linalg.hpp), sigmoid/tanh/relu (elementwise.hpp) and cat/stack (shape.hpp):
// the input projection of a whole layer is one GEMM, each time step one more, as in PyTorch's CPU
// path. `params` is the flat list nn.LSTM keeps (`_flat_weights`): per layer and direction
// w_ih, w_hh, [b_ih, b_hh], [w_hr]; LSTM projections (proj_size) are detected, as in ATen, from
// h_0 and c_0 having different last dims. Inter-layer dropout in training mode goes through
// tjit::dropout (which throws until tjit has a random generator).
//
// Beyond ATen: 2-d (unbatched) input with 2-d hidden states is accepted and treated as nn.LSTM
// treats it (a batch of one; results without the batch dim); the cells accept 1-d input likewise.
// Definitions: detail/rnn_impl.hpp.
#pragma once

#include <cstdint>
#include <tuple>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

// --- full sequences: input [T, B, I] ([B, T, I] when batch_first); hx [layers·dirs, B, H] -----
// Returns (output [T, B, dirs·H_out], h_n, c_n).
std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& input, const std::vector<Tensor>& hx,
                                        const std::vector<Tensor>& params, bool has_biases,
                                        std::int64_t num_layers, double dropout, bool train,
                                        bool bidirectional, bool batch_first);
// Returns (output, h_n).
std::tuple<Tensor, Tensor> gru(const Tensor& input, const Tensor& hx,
                               const std::vector<Tensor>& params, bool has_biases,
                               std::int64_t num_layers, double dropout, bool train,
                               bool bidirectional, bool batch_first);
std::tuple<Tensor, Tensor> rnn_tanh(const Tensor& input, const Tensor& hx,
                                    const std::vector<Tensor>& params, bool has_biases,
                                    std::int64_t num_layers, double dropout, bool train,
                                    bool bidirectional, bool batch_first);
std::tuple<Tensor, Tensor> rnn_relu(const Tensor& input, const Tensor& hx,
                                    const std::vector<Tensor>& params, bool has_biases,
                                    std::int64_t num_layers, double dropout, bool train,
                                    bool bidirectional, bool batch_first);

// --- packed sequences (PackedSequence.data [N, I] and its int64 batch_sizes [T], decreasing) ---
// Returns the packed output data [N, dirs·H_out] and the final states.
std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& data, const Tensor& batch_sizes,
                                        const std::vector<Tensor>& hx,
                                        const std::vector<Tensor>& params, bool has_biases,
                                        std::int64_t num_layers, double dropout, bool train,
                                        bool bidirectional);
std::tuple<Tensor, Tensor> gru(const Tensor& data, const Tensor& batch_sizes, const Tensor& hx,
                               const std::vector<Tensor>& params, bool has_biases,
                               std::int64_t num_layers, double dropout, bool train,
                               bool bidirectional);
std::tuple<Tensor, Tensor> rnn_tanh(const Tensor& data, const Tensor& batch_sizes,
                                    const Tensor& hx, const std::vector<Tensor>& params,
                                    bool has_biases, std::int64_t num_layers, double dropout,
                                    bool train, bool bidirectional);
std::tuple<Tensor, Tensor> rnn_relu(const Tensor& data, const Tensor& batch_sizes,
                                    const Tensor& hx, const std::vector<Tensor>& params,
                                    bool has_biases, std::int64_t num_layers, double dropout,
                                    bool train, bool bidirectional);

// --- cells: input [B, I] (or [I]), hidden [B, H] (or [H]); biases optional ------------------
// Returns (h', c').
std::tuple<Tensor, Tensor> lstm_cell(const Tensor& input, const std::vector<Tensor>& hx,
                                     const Tensor& w_ih, const Tensor& w_hh,
                                     const Tensor& b_ih = Tensor(), const Tensor& b_hh = Tensor());
Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih, const Tensor& w_hh,
                const Tensor& b_ih = Tensor(), const Tensor& b_hh = Tensor());
Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                     const Tensor& w_hh, const Tensor& b_ih = Tensor(),
                     const Tensor& b_hh = Tensor());
Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                     const Tensor& w_hh, const Tensor& b_ih = Tensor(),
                     const Tensor& b_hh = Tensor());

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/rnn_impl.hpp"
#endif
