// tjit/tensor/ops/nn.hpp — the neural-network ops of torch.nn.functional with PyTorch 1.13's
// shapes, dtype rules and messages: convolutions (1d/2d/3d, transposed, 'same'/'valid', the
// traced `_convolution`), max/avg/adaptive pooling, batch/layer/group/instance norm,
// softmax/log_softmax, dropout (training too), interpolate, pad, prelu. Pooling and
// interpolate cover 1, 2 and 3 spatial dims.
//
// Builds on the raw-buffer kernels of tjit/tensor/kernels/ (conv, pool, norm, softmax, resample,
// pad): this layer checks arguments, resolves shapes, makes inputs contiguous and computes
// float16/bfloat16 in float. Definitions: detail/nn_conv_impl.hpp (convolutions) and
// detail/nn_impl.hpp (the rest).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/tensor/ops/copy.hpp"

namespace tjit {

class Generator;  // tjit/tensor/generator.hpp

// --- convolutions (weight [out, in/groups, k...]; bias optional; 2d/3d/4d... unbatched ok) ----
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias = Tensor(),
              IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
              std::int64_t groups = 1);
Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias = Tensor(),
              IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
              std::int64_t groups = 1);
Tensor conv3d(const Tensor& input, const Tensor& weight, const Tensor& bias = Tensor(),
              IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
              std::int64_t groups = 1);
// padding "same" (stride 1; PyTorch's asymmetric rule: the extra element goes right) or "valid".
Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              std::string_view padding, IntArrayRef dilation = 1, std::int64_t groups = 1);
Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              std::string_view padding, IntArrayRef dilation = 1, std::int64_t groups = 1);
Tensor conv3d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              std::string_view padding, IntArrayRef dilation = 1, std::int64_t groups = 1);
// Transposed: weight [in, out/groups, k...]; PyTorch's argument order.
Tensor conv_transpose1d(const Tensor& input, const Tensor& weight, const Tensor& bias = Tensor(),
                        IntArrayRef stride = 1, IntArrayRef padding = 0,
                        IntArrayRef output_padding = 0, std::int64_t groups = 1,
                        IntArrayRef dilation = 1);
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight, const Tensor& bias = Tensor(),
                        IntArrayRef stride = 1, IntArrayRef padding = 0,
                        IntArrayRef output_padding = 0, std::int64_t groups = 1,
                        IntArrayRef dilation = 1);
Tensor conv_transpose3d(const Tensor& input, const Tensor& weight, const Tensor& bias = Tensor(),
                        IntArrayRef stride = 1, IntArrayRef padding = 0,
                        IntArrayRef output_padding = 0, std::int64_t groups = 1,
                        IntArrayRef dilation = 1);
// aten::convolution and the traced form aten::_convolution (batched input only).
Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                   IntArrayRef output_padding, std::int64_t groups);
Tensor _convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                    IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                    bool transposed, IntArrayRef output_padding, std::int64_t groups,
                    bool benchmark = false, bool deterministic = false,
                    bool cudnn_enabled = true, bool allow_tf32 = true);

// --- pooling (stride empty = kernel_size) -----------------------------------------------------
Tensor max_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, IntArrayRef dilation = 1, bool ceil_mode = false);
Tensor max_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, IntArrayRef dilation = 1, bool ceil_mode = false);
// (values, flat in-plane indices)
std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input, IntArrayRef kernel_size,
                                                   IntArrayRef stride = {},
                                                   IntArrayRef padding = 0,
                                                   IntArrayRef dilation = 1,
                                                   bool ceil_mode = false);
std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input, IntArrayRef kernel_size,
                                                   IntArrayRef stride = {},
                                                   IntArrayRef padding = 0,
                                                   IntArrayRef dilation = 1,
                                                   bool ceil_mode = false);
Tensor avg_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, bool ceil_mode = false, bool count_include_pad = true);
Tensor avg_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, bool ceil_mode = false, bool count_include_pad = true,
                  std::optional<std::int64_t> divisor_override = std::nullopt);
Tensor max_pool3d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, IntArrayRef dilation = 1, bool ceil_mode = false);
// (values, flat in-volume indices (d·H + h)·W + w)
std::tuple<Tensor, Tensor> max_pool3d_with_indices(const Tensor& input, IntArrayRef kernel_size,
                                                   IntArrayRef stride = {},
                                                   IntArrayRef padding = 0,
                                                   IntArrayRef dilation = 1,
                                                   bool ceil_mode = false);
Tensor avg_pool3d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                  IntArrayRef padding = 0, bool ceil_mode = false, bool count_include_pad = true,
                  std::optional<std::int64_t> divisor_override = std::nullopt);
Tensor adaptive_avg_pool1d(const Tensor& input, IntArrayRef output_size);
Tensor adaptive_avg_pool2d(const Tensor& input, IntArrayRef output_size);
Tensor adaptive_avg_pool3d(const Tensor& input, IntArrayRef output_size);
std::tuple<Tensor, Tensor> adaptive_max_pool1d(const Tensor& input, IntArrayRef output_size);
std::tuple<Tensor, Tensor> adaptive_max_pool2d(const Tensor& input, IntArrayRef output_size);
std::tuple<Tensor, Tensor> adaptive_max_pool3d(const Tensor& input, IntArrayRef output_size);

// --- normalisation (undefined Tensor = None) --------------------------------------------------
// Training: batch statistics; running_mean/var (when given) are updated in place.
Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                  const Tensor& running_mean, const Tensor& running_var, bool training,
                  double momentum, double eps, bool cudnn_enabled = true);
Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape,
                  const Tensor& weight = Tensor(), const Tensor& bias = Tensor(),
                  double eps = 1e-5, bool cudnn_enable = true);
Tensor group_norm(const Tensor& input, std::int64_t num_groups, const Tensor& weight = Tensor(),
                  const Tensor& bias = Tensor(), double eps = 1e-5, bool cudnn_enabled = true);
Tensor instance_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                     const Tensor& running_mean, const Tensor& running_var, bool use_input_stats,
                     double momentum, double eps, bool cudnn_enabled = true);

// --- softmax ----------------------------------------------------------------------------------
// dtype: the input is converted to it first (integral inputs need one).
Tensor softmax(const Tensor& input, std::int64_t dim,
               std::optional<ScalarType> dtype = std::nullopt);
Tensor log_softmax(const Tensor& input, std::int64_t dim,
                   std::optional<ScalarType> dtype = std::nullopt);

// --- dropout: identity when not training; in training, PyTorch's values after the same seed ----
// (draws from `gen`, or the default generator: tjit/tensor/generator.hpp). feature_* drop whole
// channels (inputs of >= 2 dims); alpha_* keep the mean and variance of SELU activations.
Tensor dropout(const Tensor& input, double p, bool train, Generator* gen = nullptr);
Tensor& dropout_(Tensor& input, double p, bool train, Generator* gen = nullptr);
Tensor feature_dropout(const Tensor& input, double p, bool train, Generator* gen = nullptr);
Tensor alpha_dropout(const Tensor& input, double p, bool train, Generator* gen = nullptr);
Tensor feature_alpha_dropout(const Tensor& input, double p, bool train, Generator* gen = nullptr);

// --- resampling and padding -------------------------------------------------------------------
// F.interpolate: mode nearest | nearest-exact (3-d to 5-d) | linear (3-d) | bilinear | bicubic
// (4-d) | trilinear (5-d); exactly one of size / scale_factor (one value or one per spatial dim).
Tensor interpolate(const Tensor& input, std::optional<std::vector<std::int64_t>> size,
                   std::optional<std::vector<double>> scale_factor = std::nullopt,
                   std::string_view mode = "nearest",
                   std::optional<bool> align_corners = std::nullopt,
                   std::optional<bool> recompute_scale_factor = std::nullopt);
// F.pad: pad is last dim first; mode constant | reflect | replicate | circular.
Tensor pad(const Tensor& input, IntArrayRef pad, std::string_view mode = "constant",
           std::optional<double> value = std::nullopt);
Tensor constant_pad_nd(const Tensor& input, IntArrayRef pad, const Scalar& value = 0);

// --- misc -------------------------------------------------------------------------------------
Tensor prelu(const Tensor& input, const Tensor& weight);
// embedding is in ops/indexing.hpp; pixel_shuffle, pixel_unshuffle and channel_shuffle in
// ops/shape.hpp.

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/nn_conv_impl.hpp"
#include "tjit/tensor/ops/detail/nn_impl.hpp"
#endif
