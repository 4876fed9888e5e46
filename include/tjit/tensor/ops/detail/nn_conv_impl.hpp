// tjit/tensor/ops/detail/nn_conv_impl.hpp — definitions of the convolutions of
// tjit/tensor/ops/nn.hpp, on kernels/conv.hpp.
#pragma once

#include <string>
#include <vector>

#include "tjit/tensor/kernels/conv.hpp"
#include "tjit/tensor/ops/detail/nn_util.hpp"
#include "tjit/tensor/ops/nn.hpp"

namespace tjit {
namespace detail {

inline std::vector<std::int64_t> to_vec(IntArrayRef a) { return {a.begin(), a.end()}; }

// The convolution proper: batched input, any floating dtype.
inline Tensor conv_batched(const Tensor& input, const Tensor& weight, const Tensor& bias,
                           IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                           bool transposed, IntArrayRef output_padding, std::int64_t groups) {
  // PyTorch names the C++ element types here, and checks the bias first.
  auto cname = [](ScalarType t) -> std::string {
    return t == kFloat ? "float" : t == kDouble ? "double" : t == kHalf ? "c10::Half"
           : t == kBFloat16 ? "c10::BFloat16" : std::string(to_string(t));
  };
  TJIT_CHECK(!bias.defined() || bias.scalar_type() == input.scalar_type(), "Input type (",
             cname(input.scalar_type()), ") and bias type (", cname(bias.scalar_type()),
             ") should be the same");
  TJIT_CHECK(input.scalar_type() == weight.scalar_type(), "Input type (",
             cname(input.scalar_type()), ") and weight type (", cname(weight.scalar_type()),
             ") should be the same");
  TJIT_CHECK(!bias.defined() || bias.dim() == 1, "Given ", transposed ? "transposed=1, " : "",
             "weight of size ", shape_str(weight.sizes()),
             ", expected bias to be 1-dimensional with ",
             transposed ? weight.size(1) * groups : weight.size(0),
             " elements, but got bias of size ", shape_str(bias.sizes()), " instead");
  const kernels::ConvParams p = kernels::make_conv_params(
      to_vec(input.sizes()), to_vec(weight.sizes()), bias.defined() ? bias.numel() : -1,
      to_vec(stride), to_vec(padding), to_vec(dilation), groups, transposed,
      output_padding.empty() ? std::vector<std::int64_t>{0} : to_vec(output_padding));
  Shape out{p.batch, p.out_channels};
  for (int i = 0; i < p.dims; ++i) out.push_back(p.output_size(i));
  const ScalarType dt = input.scalar_type();
  return dispatch_float_kernel(dt, transposed ? "slow_conv_transpose2d_out_cpu"
                                              : "slow_conv2d_cpu",
                               [&](auto tag) {
    using T = decltype(tag);
    Tensor x = as_kernel_operand<T>(input), w = as_kernel_operand<T>(weight),
           b = as_kernel_operand<T>(bias);
    Tensor y = Tensor::empty(out, scalar_type_of<T>);
    kernels::convolution<T>(p, x.data_ptr<T>(), w.data_ptr<T>(), ptr_or_null<T>(b),
                            y.data_ptr<T>());
    return as_dtype(y, dt);
  });
}

// convN(d): unbatched inputs get a batch dimension of 1 (and lose it again).
inline Tensor conv_front(const char* name, int dims, const Tensor& input, const Tensor& weight,
                         const Tensor& bias, IntArrayRef stride, IntArrayRef padding,
                         IntArrayRef dilation, bool transposed, IntArrayRef output_padding,
                         std::int64_t groups) {
  const std::int64_t d = input.dim();
  TJIT_CHECK(d == dims + 1 || d == dims + 2, "Expected ", dims + 1, "D (unbatched) or ", dims + 2,
             "D (batched) input to ", name, ", but got input of size: ", shape_str(input.sizes()));
  const bool batched = d == dims + 2;
  Tensor y = conv_batched(batched ? input : input.unsqueeze(0), weight, bias, stride, padding,
                          dilation, transposed, output_padding, groups);
  return batched ? y : y.squeeze(0);
}

inline Tensor conv_padding_mode(const char* name, int dims, const Tensor& input,
                                const Tensor& weight, const Tensor& bias, IntArrayRef stride,
                                std::string_view padding, IntArrayRef dilation,
                                std::int64_t groups) {
  const std::int64_t d = input.dim();
  TJIT_CHECK(d == dims + 1 || d == dims + 2, "Expected ", dims + 1, "D (unbatched) or ", dims + 2,
             "D (batched) input to ", name, ", but got input of size: ", shape_str(input.sizes()));
  const bool batched = d == dims + 2;
  Tensor x = batched ? input : input.unsqueeze(0);
  Tensor y;
  if (padding == "valid") {
    y = conv_batched(x, weight, bias, stride, 0, dilation, false, 0, groups);
  } else {
    TJIT_CHECK(padding == "same", "Invalid padding string: '", padding, "'");
    for (auto s : stride) TJIT_CHECK(s == 1, "padding='same' is not supported for strided convolutions");
    TJIT_CHECK(weight.dim() == dims + 2, "Expected ", dims + 2, "-dimensional weight for ", name,
               ", but got weight of size ", shape_str(weight.sizes()));
    const auto dil = expand_list(dilation, static_cast<std::size_t>(dims),
                                 "dilation must be a single int or one per spatial dimension");
    std::vector<std::int64_t> pl(static_cast<std::size_t>(dims)), pr(pl.size());
    bool symmetric = true;
    for (std::size_t i = 0; i < pl.size(); ++i) {
      const std::int64_t total = dil[i] * (weight.size(static_cast<std::int64_t>(i) + 2) - 1);
      pl[i] = total / 2, pr[i] = total - pl[i];
      symmetric = symmetric && pl[i] == pr[i];
    }
    if (!symmetric) {
      std::vector<std::int64_t> pad_nd(2 * pl.size(), 0);
      for (std::size_t i = 0; i < pl.size(); ++i) {
        const std::int64_t delta = pr[i] - pl[i];
        const std::size_t idx = 2 * (pl.size() - 1 - i);
        if (delta > 0) pad_nd[idx + 1] = delta;
        else pad_nd[idx] = delta, pl[i] = pr[i];
      }
      x = constant_pad_nd(x, pad_nd, 0);
    }
    y = conv_batched(x, weight, bias, stride, pl, dilation, false, 0, groups);
  }
  return batched ? y : y.squeeze(0);
}

}  // namespace detail

// `transposed_op`: the schema of conv_transposeNd (aten::conv_transpose1d has no overload name).
#define TJIT_CONV(N, transposed_op)                                                         \
  TJIT_DEF Tensor conv##N##d(const Tensor& input, const Tensor& weight, const Tensor& bias,  \
                             IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, \
                             std::int64_t groups) {                                         \
    TJIT_TRACE("aten::conv" #N "d", conv##N##d(input, weight, bias, stride, padding,        \
                                               dilation, groups),                           \
               input, weight, bias, stride, padding, dilation, groups);                     \
    return detail::conv_front("conv" #N "d", N, input, weight, bias, stride, padding,       \
                              dilation, false, 0, groups);                                  \
  }                                                                                         \
  TJIT_DEF Tensor conv##N##d(const Tensor& input, const Tensor& weight, const Tensor& bias,  \
                             IntArrayRef stride, std::string_view padding,                  \
                             IntArrayRef dilation, std::int64_t groups) {                   \
    TJIT_TRACE("aten::conv" #N "d.padding", conv##N##d(input, weight, bias, stride, padding, \
                                                       dilation, groups),                   \
               input, weight, bias, stride, padding, dilation, groups);                     \
    return detail::conv_padding_mode("conv" #N "d", N, input, weight, bias, stride, padding, \
                                     dilation, groups);                                     \
  }                                                                                         \
  TJIT_DEF Tensor conv_transpose##N##d(const Tensor& input, const Tensor& weight,            \
                                       const Tensor& bias, IntArrayRef stride,              \
                                       IntArrayRef padding, IntArrayRef output_padding,     \
                                       std::int64_t groups, IntArrayRef dilation) {         \
    TJIT_TRACE(transposed_op, conv_transpose##N##d(input, weight, bias, stride, padding,    \
                                                   output_padding, groups, dilation),       \
               input, weight, bias, stride, padding, output_padding, groups, dilation);     \
    return detail::conv_front("conv_transpose" #N "d", N, input, weight, bias, stride,      \
                              padding, dilation, true, output_padding, groups);             \
  }
TJIT_CONV(1, "aten::conv_transpose1d")
TJIT_CONV(2, "aten::conv_transpose2d.input")
TJIT_CONV(3, "aten::conv_transpose3d.input")
#undef TJIT_CONV

TJIT_DEF Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                            IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                            bool transposed, IntArrayRef output_padding, std::int64_t groups) {
  TJIT_TRACE("aten::convolution",
      convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding,
                  groups), input, weight, bias, stride, padding, dilation, transposed,
      output_padding, groups);
  return detail::conv_batched(input, weight, bias, stride, padding, dilation, transposed,
                              output_padding, groups);
}

TJIT_DEF Tensor _convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                             IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                             bool transposed, IntArrayRef output_padding, std::int64_t groups,
                             bool benchmark, bool deterministic, bool cudnn_enabled,
                             bool allow_tf32) {
  TJIT_TRACE("aten::_convolution",
      _convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding,
                   groups, benchmark, deterministic, cudnn_enabled, allow_tf32), input, weight,
      bias, stride, padding, dilation, transposed, output_padding, groups, benchmark, deterministic,
      cudnn_enabled, allow_tf32);
  return detail::conv_batched(input, weight, bias, stride, padding, dilation, transposed,
                              output_padding, groups);
}

}  // namespace tjit
