// tjit/tensor/ops/detail/nn_impl.hpp — definitions of tjit/tensor/ops/nn.hpp other than the
// convolutions: pooling, normalisation, softmax, dropout, interpolate, pad, prelu, embedding,
// pixel/channel shuffles. Each checks arguments as PyTorch 1.13 does, then calls its kernel.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "tjit/tensor/kernels/norm.hpp"
#include "tjit/tensor/kernels/pad.hpp"
#include "tjit/tensor/kernels/pool.hpp"
#include "tjit/tensor/kernels/resample.hpp"
#include "tjit/tensor/kernels/softmax.hpp"
#include "tjit/tensor/ops/detail/nn_util.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/nn.hpp"
#include "tjit/tensor/ops/random.hpp"

namespace tjit {
namespace detail {

inline std::vector<std::int64_t> vec_of(IntArrayRef a) { return {a.begin(), a.end()}; }

// ---------------------------------------------------------------------------------------------
// Pooling

// Fills a PoolParams from a (C, L...) or (N, C, L...) input and the list arguments.
inline kernels::PoolParams pool_params(const char* name, int dims, const Tensor& input,
                                       IntArrayRef kernel_size, IntArrayRef stride,
                                       IntArrayRef padding, IntArrayRef dilation,
                                       bool ceil_mode, bool* batched) {
  const std::int64_t d = input.dim();
  if (dims == 1) {
    TJIT_CHECK(d == 2 || d == 3, name, "() Expected 2D or 3D input tensor, but got ",
               shape_str(input.sizes()));
  } else if (dims == 3) {
    TJIT_CHECK(d == 4 || d == 5, "non-empty 4D or 5D (batch mode) tensor expected for input");
  } else {
    bool ok = (d == 3 || d == 4);
    for (std::int64_t i = 1; ok && i < d; ++i) ok = input.size(i) != 0;
    TJIT_CHECK(d == 3 || d == 4, "non-empty 3D or 4D (batch mode) tensor expected for input");
    TJIT_CHECK(ok, "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for "
                   "input, but got:",
               shape_str(input.sizes()));
  }
  *batched = d == dims + 2;
  const std::string n(name);
  const std::string two = dims == 1 ? "int" : dims == 2 ? "tuple of two ints" : "tuple of three ints";
  TJIT_CHECK(kernel_size.size() == 1 || static_cast<int>(kernel_size.size()) == dims,
             n, ": kernel_size must either be a single int, or a ", two);
  TJIT_CHECK(stride.empty() || stride.size() == 1 || static_cast<int>(stride.size()) == dims,
             n, ": stride must either be omitted, a single int, or a ", two);
  TJIT_CHECK(padding.size() == 1 || static_cast<int>(padding.size()) == dims,
             n, ": padding must either be a single int, or a ", two);
  TJIT_CHECK(dilation.size() == 1 || static_cast<int>(dilation.size()) == dims,
             n, ": dilation must be either a single int, or a ", two);
  kernels::PoolParams p;
  p.dims = dims;
  p.batch = *batched ? input.size(0) : 1;
  p.channels = input.size(*batched ? 1 : 0);
  for (int i = 0; i < dims; ++i) {
    const auto u = static_cast<std::size_t>(i);
    auto pick = [&](IntArrayRef v) { return v[v.size() == 1 ? 0 : u]; };
    p.input[u] = input.size(input.dim() - dims + i);
    p.kernel[u] = pick(kernel_size);
    p.stride[u] = stride.empty() ? p.kernel[u] : pick(stride);
    p.padding[u] = pick(padding);
    p.dilation[u] = pick(dilation);
  }
  p.ceil_mode = ceil_mode;
  return p;
}

inline Shape pool_out_shape(const Tensor& input, int dims, const std::array<std::int64_t, 3>& o) {
  Shape s(input.sizes().begin(), input.sizes().end() - dims);
  for (int i = 0; i < dims; ++i) s.push_back(o[static_cast<std::size_t>(i)]);
  return s;
}

inline std::tuple<Tensor, Tensor> max_pool_any(const char* name, int dims, const Tensor& input,
                                               IntArrayRef kernel_size, IntArrayRef stride,
                                               IntArrayRef padding, IntArrayRef dilation,
                                               bool ceil_mode, bool with_indices) {
  bool batched;
  kernels::PoolParams p = pool_params(name, dims, input, kernel_size, stride, padding, dilation,
                                      ceil_mode, &batched);
  kernels::check_max_pool(p);
  const Shape out = pool_out_shape(input, dims, p.output());
  const ScalarType dt = input.scalar_type();
  Tensor ind = with_indices ? Tensor::empty(out, kLong) : Tensor();
  Tensor y = dispatch_float_kernel(dt, name, [&](auto tag) {
    using T = decltype(tag);
    Tensor x = as_kernel_operand<T>(input);
    Tensor r = Tensor::empty(out, scalar_type_of<T>);
    if (r.numel() > 0)
      kernels::max_pool<T>(p, x.data_ptr<T>(), r.data_ptr<T>(),
                           with_indices ? ind.data_ptr<std::int64_t>() : nullptr);
    return as_dtype(r, dt);
  });
  return {y, ind};
}

inline Tensor avg_pool_any(const char* name, int dims, const Tensor& input,
                           IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                           bool ceil_mode, bool count_include_pad,
                           std::optional<std::int64_t> divisor_override) {
  bool batched;
  kernels::PoolParams p = pool_params(name, dims, input, kernel_size, stride, padding, 1,
                                      ceil_mode, &batched);
  p.count_include_pad = count_include_pad;
  p.divisor_override = divisor_override;
  kernels::check_avg_pool(p);
  const Shape out = pool_out_shape(input, dims, p.output());
  const ScalarType dt = input.scalar_type();
  return dispatch_float_kernel(dt, name, [&](auto tag) {
    using T = decltype(tag);
    Tensor x = as_kernel_operand<T>(input);
    Tensor r = Tensor::empty(out, scalar_type_of<T>);
    if (r.numel() > 0) kernels::avg_pool<T>(p, x.data_ptr<T>(), r.data_ptr<T>());
    return as_dtype(r, dt);
  });
}

inline kernels::AdaptivePoolParams adaptive_params(const char* name, int dims,
                                                   const Tensor& input, IntArrayRef output_size) {
  const std::int64_t d = input.dim();
  if (std::string(name).find("max") != std::string::npos)
    TJIT_CHECK(static_cast<int>(output_size.size()) == dims, name,
               "(): internal error: output_size.size() must be ", dims);
  else
    TJIT_CHECK(static_cast<int>(output_size.size()) == dims, name, ": output_size must be ", dims);
  for (std::int64_t i = 1; i < d; ++i)
    TJIT_CHECK(input.size(i) > 0, name, "(): Expected input to have non-zero size for non-batch "
                                        "dimensions, but input has sizes ",
               shape_str(input.sizes()), " with dimension ", i, " being empty");
  TJIT_CHECK(d == dims + 1 || d == dims + 2, name, "(): Expected ", dims + 1, "D or ", dims + 2,
             "D tensor, but got ", shape_str(input.sizes()));
  kernels::AdaptivePoolParams p;
  p.dims = dims;
  const bool batched = d == dims + 2;
  p.batch = batched ? input.size(0) : 1;
  p.channels = input.size(batched ? 1 : 0);
  for (int i = 0; i < dims; ++i) {
    const auto u = static_cast<std::size_t>(i);
    p.input[u] = input.size(d - dims + i);
    p.output[u] = output_size[output_size.size() == 1 ? 0 : u];
  }
  kernels::check_adaptive_pool(p);
  return p;
}

inline std::tuple<Tensor, Tensor> adaptive_pool_any(const char* name, int dims,
                                                    const Tensor& input, IntArrayRef output_size,
                                                    bool max) {
  kernels::AdaptivePoolParams p = adaptive_params(name, dims, input, output_size);
  const Shape out = pool_out_shape(input, dims, p.output);
  const ScalarType dt = input.scalar_type();
  Tensor ind = max ? Tensor::empty(out, kLong) : Tensor();
  Tensor y = dispatch_float_kernel(dt, name, [&](auto tag) {
    using T = decltype(tag);
    Tensor x = as_kernel_operand<T>(input);
    Tensor r = Tensor::empty(out, scalar_type_of<T>);
    if (r.numel() > 0) {
      if (max) kernels::adaptive_max_pool<T>(p, x.data_ptr<T>(), r.data_ptr<T>(),
                                             ind.data_ptr<std::int64_t>());
      else kernels::adaptive_avg_pool<T>(p, x.data_ptr<T>(), r.data_ptr<T>());
    }
    return as_dtype(r, dt);
  });
  return {y, ind};
}

// (n, c, s) of an (N, C, *) input.
inline void ncs(const Tensor& input, std::int64_t* n, std::int64_t* c, std::int64_t* s) {
  *n = input.size(0), *c = input.size(1), *s = 1;
  for (std::int64_t i = 2; i < input.dim(); ++i) *s *= input.size(i);
}

// A running-statistics tensor the kernel can update in place: `t` itself when contiguous of type
// T, else a converted copy to write back afterwards.
template <class T>
Tensor running_operand(const Tensor& t) {
  if (!t.defined()) return t;
  if (t.scalar_type() == scalar_type_of<T> && t.is_contiguous()) return t;
  return clone(t, scalar_type_of<T>);
}
inline void write_back(const Tensor& orig, const Tensor& tmp) {
  if (orig.defined() && !orig.is_same(tmp)) {
    Tensor o = orig;
    copy_(o, tmp);
  }
}

inline std::int64_t softmax_dim(const Tensor& x, std::int64_t dim, std::int64_t* outer,
                                std::int64_t* len, std::int64_t* inner) {
  const std::int64_t d = wrap_dim(dim, x.dim());
  *outer = 1, *inner = 1, *len = x.dim() == 0 ? 1 : x.size(d);
  for (std::int64_t i = 0; i < d; ++i) *outer *= x.size(i);
  for (std::int64_t i = d + 1; i < x.dim(); ++i) *inner *= x.size(i);
  return d;
}

inline Tensor softmax_any(const Tensor& input, std::int64_t dim, std::optional<ScalarType> dtype,
                          bool log) {
  Tensor x = dtype ? to(input, *dtype) : input;
  std::int64_t outer, len, inner;
  softmax_dim(x, dim, &outer, &len, &inner);
  const ScalarType dt = x.scalar_type();
  return dispatch_float_kernel(
      dt, log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl", [&](auto tag) {
        using T = decltype(tag);
        Tensor xc = as_kernel_operand<T>(x);
        Tensor y = Tensor::empty(x.sizes(), scalar_type_of<T>);
        if (y.numel() > 0) {
          if (log) kernels::log_softmax<T>(outer, len, inner, xc.data_ptr<T>(), y.data_ptr<T>());
          else kernels::softmax<T>(outer, len, inner, xc.data_ptr<T>(), y.data_ptr<T>());
        }
        return as_dtype(y, dt);
      });
}

inline void check_dropout(double p) {
  TJIT_CHECK_AS(ValueError, p >= 0 && p <= 1,
                "dropout probability has to be between 0 and 1, but got ", p);
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Pooling

TJIT_DEF Tensor max_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  TJIT_TRACE("aten::max_pool1d",
      max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode), input, kernel_size,
      stride, padding, dilation, ceil_mode);
  return std::get<0>(detail::max_pool_any("max_pool1d", 1, input, kernel_size, stride, padding,
                                          dilation, ceil_mode, false));
}
TJIT_DEF Tensor max_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  TJIT_TRACE("aten::max_pool2d",
      max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode), input, kernel_size,
      stride, padding, dilation, ceil_mode);
  return std::get<0>(detail::max_pool_any("max_pool2d", 2, input, kernel_size, stride, padding,
                                          dilation, ceil_mode, false));
}
TJIT_DEF std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input,
                                                            IntArrayRef kernel_size,
                                                            IntArrayRef stride,
                                                            IntArrayRef padding,
                                                            IntArrayRef dilation, bool ceil_mode) {
  TJIT_TRACE("aten::max_pool1d_with_indices",
      max_pool1d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode), input,
      kernel_size, stride, padding, dilation, ceil_mode);
  return detail::max_pool_any("max_pool1d", 1, input, kernel_size, stride, padding, dilation,
                              ceil_mode, true);
}
TJIT_DEF std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input,
                                                            IntArrayRef kernel_size,
                                                            IntArrayRef stride,
                                                            IntArrayRef padding,
                                                            IntArrayRef dilation, bool ceil_mode) {
  TJIT_TRACE("aten::max_pool2d_with_indices",
      max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode), input,
      kernel_size, stride, padding, dilation, ceil_mode);
  return detail::max_pool_any("max_pool2d", 2, input, kernel_size, stride, padding, dilation,
                              ceil_mode, true);
}
TJIT_DEF Tensor avg_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, bool ceil_mode, bool count_include_pad) {
  TJIT_TRACE("aten::avg_pool1d",
      avg_pool1d(input, kernel_size, stride, padding, ceil_mode, count_include_pad), input,
      kernel_size, stride, padding, ceil_mode, count_include_pad);
  return detail::avg_pool_any("avg_pool1d", 1, input, kernel_size, stride, padding, ceil_mode,
                              count_include_pad, std::nullopt);
}
TJIT_DEF Tensor avg_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                           std::optional<std::int64_t> divisor_override) {
  TJIT_TRACE("aten::avg_pool2d",
      avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                 divisor_override), input, kernel_size, stride, padding, ceil_mode,
      count_include_pad, divisor_override);
  return detail::avg_pool_any("avg_pool2d", 2, input, kernel_size, stride, padding, ceil_mode,
                              count_include_pad, divisor_override);
}
TJIT_DEF Tensor max_pool3d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  TJIT_TRACE("aten::max_pool3d",
      max_pool3d(input, kernel_size, stride, padding, dilation, ceil_mode), input, kernel_size,
      stride, padding, dilation, ceil_mode);
  return std::get<0>(detail::max_pool_any("max_pool3d", 3, input, kernel_size, stride, padding,
                                          dilation, ceil_mode, false));
}
TJIT_DEF std::tuple<Tensor, Tensor> max_pool3d_with_indices(const Tensor& input,
                                                            IntArrayRef kernel_size,
                                                            IntArrayRef stride,
                                                            IntArrayRef padding,
                                                            IntArrayRef dilation, bool ceil_mode) {
  TJIT_TRACE("aten::max_pool3d_with_indices",
      max_pool3d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode), input,
      kernel_size, stride, padding, dilation, ceil_mode);
  return detail::max_pool_any("max_pool3d", 3, input, kernel_size, stride, padding, dilation,
                              ceil_mode, true);
}
TJIT_DEF Tensor avg_pool3d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                           IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                           std::optional<std::int64_t> divisor_override) {
  TJIT_TRACE("aten::avg_pool3d",
      avg_pool3d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                 divisor_override), input, kernel_size, stride, padding, ceil_mode,
      count_include_pad, divisor_override);
  return detail::avg_pool_any("avg_pool3d", 3, input, kernel_size, stride, padding, ceil_mode,
                              count_include_pad, divisor_override);
}
TJIT_DEF Tensor adaptive_avg_pool3d(const Tensor& input, IntArrayRef output_size) {
  TJIT_TRACE("aten::adaptive_avg_pool3d", adaptive_avg_pool3d(input, output_size), input,
      output_size);
  return std::get<0>(detail::adaptive_pool_any("adaptive_avg_pool3d", 3, input, output_size, false));
}
TJIT_DEF std::tuple<Tensor, Tensor> adaptive_max_pool3d(const Tensor& input,
                                                        IntArrayRef output_size) {
  TJIT_TRACE("aten::adaptive_max_pool3d", adaptive_max_pool3d(input, output_size), input,
      output_size);
  return detail::adaptive_pool_any("adaptive_max_pool3d", 3, input, output_size, true);
}
TJIT_DEF Tensor adaptive_avg_pool1d(const Tensor& input, IntArrayRef output_size) {
  TJIT_TRACE("aten::adaptive_avg_pool1d", adaptive_avg_pool1d(input, output_size), input,
      output_size);
  return std::get<0>(detail::adaptive_pool_any("adaptive_avg_pool1d", 1, input, output_size, false));
}
TJIT_DEF Tensor adaptive_avg_pool2d(const Tensor& input, IntArrayRef output_size) {
  TJIT_TRACE("aten::adaptive_avg_pool2d", adaptive_avg_pool2d(input, output_size), input,
      output_size);
  return std::get<0>(detail::adaptive_pool_any("adaptive_avg_pool2d", 2, input, output_size, false));
}
TJIT_DEF std::tuple<Tensor, Tensor> adaptive_max_pool1d(const Tensor& input,
                                                        IntArrayRef output_size) {
  TJIT_TRACE("aten::adaptive_max_pool1d", adaptive_max_pool1d(input, output_size), input,
      output_size);
  return detail::adaptive_pool_any("adaptive_max_pool1d", 1, input, output_size, true);
}
TJIT_DEF std::tuple<Tensor, Tensor> adaptive_max_pool2d(const Tensor& input,
                                                        IntArrayRef output_size) {
  TJIT_TRACE("aten::adaptive_max_pool2d", adaptive_max_pool2d(input, output_size), input,
      output_size);
  return detail::adaptive_pool_any("adaptive_max_pool2d", 2, input, output_size, true);
}

// ---------------------------------------------------------------------------------------------
// Normalisation

TJIT_DEF Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                           const Tensor& running_mean, const Tensor& running_var, bool training,
                           double momentum, double eps, bool cudnn_enabled) {
  TJIT_TRACE("aten::batch_norm",
      batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps,
                 cudnn_enabled), input, weight, bias, running_mean, running_var, training, momentum,
      eps, cudnn_enabled);
  TJIT_CHECK(input.dim() >= 2, "batch_norm: expected an input with at least 2 dims, but got ",
             detail::shape_str(input.sizes()));
  std::int64_t n, c, s;
  detail::ncs(input, &n, &c, &s);
  auto numel = [](const Tensor& t) { return t.defined() ? t.numel() : std::int64_t(-1); };
  kernels::check_batch_norm(c, numel(weight), numel(bias), numel(running_mean),
                            numel(running_var));
  if (training) kernels::check_batch_norm_training(detail::vec_of(input.sizes()));
  TJIT_CHECK(training || (running_mean.defined() && running_var.defined()),
             "running_mean and running_var must be defined in evaluation mode");
  const ScalarType dt = input.scalar_type();
  return detail::dispatch_float_kernel(dt, "batch_norm", [&](auto tag) {
    using T = decltype(tag);
    Tensor x = detail::as_kernel_operand<T>(input), w = detail::as_kernel_operand<T>(weight),
           b = detail::as_kernel_operand<T>(bias);
    Tensor rm = detail::running_operand<T>(running_mean),
           rv = detail::running_operand<T>(running_var);
    Tensor y = Tensor::empty(input.sizes(), scalar_type_of<T>);
    if (x.numel() > 0 || training)
      kernels::batch_norm<T>(n, c, s, x.data_ptr<T>(), detail::ptr_or_null<T>(w),
                             detail::ptr_or_null<T>(b), rm.defined() ? rm.data_ptr<T>() : nullptr,
                             rv.defined() ? rv.data_ptr<T>() : nullptr, training, momentum, eps,
                             y.data_ptr<T>(), nullptr, nullptr);
    if (training) detail::write_back(running_mean, rm), detail::write_back(running_var, rv);
    return detail::as_dtype(y, dt);
  });
}

TJIT_DEF Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape,
                           const Tensor& weight, const Tensor& bias, double eps,
                           bool cudnn_enable) {
  TJIT_TRACE("aten::layer_norm",
      layer_norm(input, normalized_shape, weight, bias, eps, cudnn_enable), input, normalized_shape,
      weight, bias, eps, cudnn_enable);
  kernels::check_layer_norm(detail::vec_of(input.sizes()), detail::vec_of(normalized_shape));
  for (const Tensor* t : {&weight, &bias})
    TJIT_CHECK(!t->defined() || t->sizes() == normalized_shape, "Expected ",
               t == &weight ? "weight" : "bias", " to be of same shape as normalized_shape, but got ",
               t == &weight ? "weight" : "bias", " of shape ", detail::shape_str(t->sizes()),
               " and normalized_shape = ", detail::shape_str(normalized_shape));
  std::int64_t n = 1;
  for (auto v : normalized_shape) n *= v;
  const std::int64_t m = n == 0 ? 0 : input.numel() / n;
  const ScalarType dt = input.scalar_type();
  return detail::dispatch_float_kernel(dt, "LayerNormKernelImpl", [&](auto tag) {
    using T = decltype(tag);
    Tensor x = detail::as_kernel_operand<T>(input), w = detail::as_kernel_operand<T>(weight),
           b = detail::as_kernel_operand<T>(bias);
    Tensor y = Tensor::empty(input.sizes(), scalar_type_of<T>);
    if (y.numel() > 0)
      kernels::layer_norm<T>(m, n, x.data_ptr<T>(), detail::ptr_or_null<T>(w),
                             detail::ptr_or_null<T>(b), eps, y.data_ptr<T>(), nullptr, nullptr);
    return detail::as_dtype(y, dt);
  });
}

TJIT_DEF Tensor group_norm(const Tensor& input, std::int64_t num_groups, const Tensor& weight,
                           const Tensor& bias, double eps, bool cudnn_enabled) {
  TJIT_TRACE("aten::group_norm", group_norm(input, num_groups, weight, bias, eps, cudnn_enabled),
      input, num_groups, weight, bias, eps, cudnn_enabled);
  auto numel = [](const Tensor& t) { return t.defined() ? t.numel() : std::int64_t(-1); };
  kernels::check_group_norm(detail::vec_of(input.sizes()), num_groups, numel(weight),
                            numel(bias));
  std::int64_t n, c, s;
  detail::ncs(input, &n, &c, &s);
  const ScalarType dt = input.scalar_type();
  return detail::dispatch_float_kernel(dt, "GroupNormKernelImpl", [&](auto tag) {
    using T = decltype(tag);
    Tensor x = detail::as_kernel_operand<T>(input), w = detail::as_kernel_operand<T>(weight),
           b = detail::as_kernel_operand<T>(bias);
    Tensor y = Tensor::empty(input.sizes(), scalar_type_of<T>);
    if (y.numel() > 0)
      kernels::group_norm<T>(n, c, s, num_groups, x.data_ptr<T>(), detail::ptr_or_null<T>(w),
                             detail::ptr_or_null<T>(b), eps, y.data_ptr<T>(), nullptr, nullptr);
    return detail::as_dtype(y, dt);
  });
}

TJIT_DEF Tensor instance_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                              const Tensor& running_mean, const Tensor& running_var,
                              bool use_input_stats, double momentum, double eps,
                              bool cudnn_enabled) {
  TJIT_TRACE("aten::instance_norm",
      instance_norm(input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps,
                    cudnn_enabled), input, weight, bias, running_mean, running_var, use_input_stats,
      momentum, eps, cudnn_enabled);
  TJIT_CHECK(input.dim() >= 2, "instance_norm: expected an input with at least 2 dims, but got ",
             detail::shape_str(input.sizes()));
  std::int64_t n, c, s;
  detail::ncs(input, &n, &c, &s);
  TJIT_CHECK(use_input_stats || (running_mean.defined() && running_var.defined()),
             "Expected running_mean and running_var to be defined when use_input_stats is false");
  if (use_input_stats) {
    std::vector<std::int64_t> sz{1, n * c};
    for (std::int64_t i = 2; i < input.dim(); ++i) sz.push_back(input.size(i));
    kernels::check_batch_norm_training(sz);
  }
  auto numel = [](const Tensor& t) { return t.defined() ? t.numel() : std::int64_t(-1); };
  kernels::check_batch_norm(c, numel(weight), numel(bias), numel(running_mean),
                            numel(running_var));
  const ScalarType dt = input.scalar_type();
  return detail::dispatch_float_kernel(dt, "instance_norm", [&](auto tag) {
    using T = decltype(tag);
    Tensor x = detail::as_kernel_operand<T>(input), w = detail::as_kernel_operand<T>(weight),
           b = detail::as_kernel_operand<T>(bias);
    Tensor rm = detail::running_operand<T>(running_mean),
           rv = detail::running_operand<T>(running_var);
    Tensor y = Tensor::empty(input.sizes(), scalar_type_of<T>);
    if (y.numel() > 0)
      kernels::instance_norm<T>(n, c, s, x.data_ptr<T>(), detail::ptr_or_null<T>(w),
                                detail::ptr_or_null<T>(b),
                                rm.defined() ? rm.data_ptr<T>() : nullptr,
                                rv.defined() ? rv.data_ptr<T>() : nullptr, use_input_stats,
                                momentum, eps, y.data_ptr<T>());
    if (use_input_stats) detail::write_back(running_mean, rm), detail::write_back(running_var, rv);
    return detail::as_dtype(y, dt);
  });
}

// ---------------------------------------------------------------------------------------------
// Softmax, dropout

TJIT_DEF Tensor softmax(const Tensor& input, std::int64_t dim, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::softmax.int", softmax(input, dim, dtype), input, dim, dtype);
  return detail::softmax_any(input, dim, dtype, false);
}
TJIT_DEF Tensor log_softmax(const Tensor& input, std::int64_t dim,
                            std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::log_softmax.int", log_softmax(input, dim, dtype), input, dim, dtype);
  return detail::softmax_any(input, dim, dtype, true);
}

// Training mode as ATen's _dropout_impl: noise = bernoulli_(1 - p) on a contiguous tensor shaped
// like the input (feature variants: [N, C, 1, ...]), then input * noise / (1 - p), or for alpha
// dropout input * (noise * a) + b. Each step is one PyTorch tensor op in the input's dtype, with
// its scalars rounded to that dtype, so the values match PyTorch's after the same seed.
namespace detail {
inline Tensor dropout_any(const Tensor& input, double p, bool train, bool feature, bool alpha,
                          Generator* gen) {
  check_dropout(p);
  if (p == 0 || !train || input.numel() == 0) return input;
  if (p == 1) return mul(input, zeros({}, input.scalar_type()));
  Tensor noise;
  if (feature) {
    TJIT_CHECK(input.dim() >= 2, "Feature dropout requires at least 2 dimensions in the input");
    Shape sizes(static_cast<std::size_t>(input.dim()), 1);
    sizes[0] = input.size(0);
    sizes[1] = input.size(1);
    noise = Tensor::empty(sizes, input.scalar_type());
  } else {
    noise = Tensor::empty(input.sizes(), input.scalar_type());
  }
  bernoulli_(noise, 1 - p, gen);
  // The scalar steps, each rounded to the noise dtype as PyTorch's tensor-scalar ops round them.
  Tensor b = alpha ? Tensor::empty(noise.sizes(), noise.scalar_type()) : Tensor();
  dispatch_floating(noise.scalar_type(), "div_true_cpu", [&](auto tag) {
    using T = decltype(tag);
    T* n = noise.data_ptr<T>();
    std::int64_t count = noise.numel();
    if (!alpha) {
      const T keep = T(1 - p);
      for (std::int64_t i = 0; i < count; ++i) n[i] = n[i] / keep;
      return;
    }
    constexpr double kAlpha = 1.7580993408473766;
    const double a = 1. / std::sqrt((kAlpha * kAlpha * p + 1) * (1 - p));
    const T scale = T(kAlpha * a), shift = T(kAlpha * a * p), ta = T(a);
    T* bp = b.data_ptr<T>();
    for (std::int64_t i = 0; i < count; ++i) {
      T m = T(n[i] - T(1)) * scale;  // noise.add(-1).mul_(alpha * a)
      bp[i] = m + shift;              //   .add_(alpha * a * p)
      n[i] = n[i] * ta;               // noise.mul_(a)
    }
  });
  Tensor out = mul(input, noise);
  return alpha ? add_(out, b) : out;
}
}  // namespace detail

TJIT_DEF Tensor dropout(const Tensor& input, double p, bool train, Generator* gen) {
  TJIT_TRACE("aten::dropout", dropout(input, p, train, gen), input, p, train);
  return detail::dropout_any(input, p, train, false, false, gen);
}
TJIT_DEF Tensor& dropout_(Tensor& input, double p, bool train, Generator* gen) {
  TJIT_TRACE("aten::dropout_", dropout_(input, p, train, gen), input, p, train);
  Tensor r = dropout(input, p, train, gen);
  if (!r.is_same(input)) copy_(input, r);
  return input;
}
TJIT_DEF Tensor feature_dropout(const Tensor& input, double p, bool train, Generator* gen) {
  TJIT_TRACE("aten::feature_dropout", feature_dropout(input, p, train, gen), input, p, train);
  return detail::dropout_any(input, p, train, true, false, gen);
}
TJIT_DEF Tensor alpha_dropout(const Tensor& input, double p, bool train, Generator* gen) {
  TJIT_TRACE("aten::alpha_dropout", alpha_dropout(input, p, train, gen), input, p, train);
  return detail::dropout_any(input, p, train, false, true, gen);
}
TJIT_DEF Tensor feature_alpha_dropout(const Tensor& input, double p, bool train, Generator* gen) {
  TJIT_TRACE("aten::feature_alpha_dropout", feature_alpha_dropout(input, p, train, gen), input, p,
      train);
  return detail::dropout_any(input, p, train, true, true, gen);
}

// ---------------------------------------------------------------------------------------------
// Resampling and padding

TJIT_DEF Tensor interpolate(const Tensor& input, std::optional<std::vector<std::int64_t>> size,
                            std::optional<std::vector<double>> scale_factor,
                            std::string_view mode, std::optional<bool> align_corners,
                            std::optional<bool> recompute_scale_factor) {
  // TorchScript's own operator for F.interpolate: the C++ arguments, one to one.
  TJIT_TRACE("aten::__interpolate.size_list_scale_list",
      interpolate(input, size, scale_factor, mode, align_corners, recompute_scale_factor), input,
      size, scale_factor, mode, align_corners, recompute_scale_factor, false);
  using kernels::InterpMode;
  InterpMode m;
  if (mode == "nearest") m = InterpMode::Nearest;
  else if (mode == "nearest-exact") m = InterpMode::NearestExact;
  else if (mode == "linear" || mode == "bilinear" || mode == "trilinear") m = InterpMode::Linear;
  else if (mode == "bicubic") m = InterpMode::Bicubic;
  else TJIT_CHECK_AS(NotImplementedError, false, "interpolate: mode '", mode, "' is not supported");
  const bool nearest = m == InterpMode::Nearest || m == InterpMode::NearestExact;
  if (nearest) {
    TJIT_CHECK_AS(ValueError, !align_corners.has_value(),
                  "align_corners option can only be set with the interpolating modes: linear | "
                  "bilinear | bicubic | trilinear");
  }
  const std::int64_t dim = input.dim() - 2;
  TJIT_CHECK_AS(ValueError, !(size && scale_factor),
                "only one of size or scale_factor should be defined");
  TJIT_CHECK_AS(ValueError, size || scale_factor,
                "either size or scale_factor should be defined");
  std::vector<std::int64_t> out;
  std::vector<std::optional<double>> scales(static_cast<std::size_t>(std::max<std::int64_t>(dim, 0)));
  std::string in_sp = "[";
  for (std::int64_t i = 2; i < input.dim(); ++i)
    in_sp += (i > 2 ? ", " : "") + std::to_string(input.size(i));
  in_sp += "]";
  if (size) {
    TJIT_CHECK_AS(ValueError, !(recompute_scale_factor && *recompute_scale_factor),
                  "recompute_scale_factor is not meaningful with an explicit size.");
    if (size->size() == 1 && dim > 1) size->assign(static_cast<std::size_t>(dim), (*size)[0]);
    TJIT_CHECK_AS(ValueError, static_cast<std::int64_t>(size->size()) == dim,
                  "Input and output must have the same number of spatial dimensions, but got "
                  "input with spatial dimensions of ", in_sp, " and output size of ",
                  detail::shape_str(*size), ". Please provide input tensor in (N, C, d1, d2, ...,dK) "
                  "format and output size in (o1, o2, ...,oK) format.");
    out = *size;
  } else {
    if (scale_factor->size() == 1 && dim > 1)
      scale_factor->assign(static_cast<std::size_t>(dim), (*scale_factor)[0]);
    TJIT_CHECK_AS(ValueError, static_cast<std::int64_t>(scale_factor->size()) == dim,
                  "Input and scale_factor must have the same number of spatial dimensions, but "
                  "got input with spatial dimensions of ", in_sp, " and scale_factor of shape ",
                  scale_factor->size(), ". Please provide input tensor in (N, C, d1, d2, ...,dK) "
                  "format and scale_factor in (s1, s2, ...,sK) format.");
    for (std::int64_t i = 0; i < dim; ++i) {
      const double sc = (*scale_factor)[static_cast<std::size_t>(i)];
      out.push_back(static_cast<std::int64_t>(
          std::floor(static_cast<double>(input.size(i + 2)) * sc)));
      if (!(recompute_scale_factor && *recompute_scale_factor))
        scales[static_cast<std::size_t>(i)] = sc;
    }
  }
  const bool ok = (mode == "linear" && input.dim() == 3) ||
                  ((mode == "bilinear" || mode == "bicubic") && input.dim() == 4) ||
                  (mode == "trilinear" && input.dim() == 5) ||
                  (nearest && input.dim() >= 3 && input.dim() <= 5);
  if (!ok) {
    const char* need = mode == "linear" ? "3D" : mode == "trilinear" ? "5D" : "4D";
    TJIT_CHECK_AS(NotImplementedError, nearest || input.dim() < 3 || input.dim() > 5,
                  "Got ", input.dim(), "D input, but ", mode, " mode needs ", need, " input");
    TJIT_CHECK_AS(NotImplementedError, false,
                  "Input Error: Only 3D, 4D and 5D input Tensors supported (got ", input.dim(),
                  "D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | "
                  "nearest-exact (got ", mode, ")");
  }
  kernels::InterpParams p;
  p.dims = static_cast<int>(dim);
  p.batch = input.size(0);
  p.channels = input.size(1);
  for (std::size_t i = 0; i < out.size(); ++i) {
    p.input[i] = input.size(static_cast<std::int64_t>(i) + 2);
    p.output[i] = out[i];
    p.scales[i] = scales[i];
  }
  p.align_corners = align_corners.value_or(false);
  p.mode = m;
  kernels::check_interpolate(p);
  Shape osz{p.batch, p.channels};
  osz.insert(osz.end(), out.begin(), out.end());
  const ScalarType dt = input.scalar_type();
  return detail::dispatch_float_kernel(dt, "upsample", [&](auto tag) {
    using T = decltype(tag);
    Tensor x = detail::as_kernel_operand<T>(input);
    Tensor y = Tensor::empty(osz, scalar_type_of<T>);
    if (y.numel() > 0) kernels::interpolate<T>(p, x.data_ptr<T>(), y.data_ptr<T>());
    return detail::as_dtype(y, dt);
  });
}

TJIT_DEF Tensor pad(const Tensor& input, IntArrayRef pad, std::string_view mode,
                    std::optional<double> value) {
  TJIT_TRACE("aten::pad", tjit::pad(input, pad, mode, value), input, pad, mode, value);
  using kernels::PadMode;
  PadMode m;
  if (mode == "constant") m = PadMode::Constant;
  else if (mode == "reflect") m = PadMode::Reflect;
  else if (mode == "replicate") m = PadMode::Replicate;
  else if (mode == "circular") m = PadMode::Circular;
  else TJIT_CHECK(false, "Unrecognised padding mode ", mode);
  TJIT_CHECK(m == PadMode::Constant || !value || *value == 0, "Padding mode \"", mode,
             "\" doesn't take in value argument");
  if (m == PadMode::Circular) {
    const std::size_t want = input.dim() >= 2 ? 2 * static_cast<std::size_t>(input.dim() - 2) : 0;
    TJIT_CHECK(pad.size() == want, "Invalid padding size, expected ", want, " but got ",
               pad.size());
  }
  kernels::PadParams p = kernels::make_pad_params(detail::vec_of(input.sizes()),
                                                  detail::vec_of(pad), m, value.value_or(0));
  Shape out(input.sizes().begin(), input.sizes().end() - p.dims);
  for (int i = 0; i < p.dims; ++i) out.push_back(p.output_size(i));
  return dispatch_all(input.scalar_type(), "pad", [&](auto tag) {
    using T = decltype(tag);
    Tensor x = contiguous(input);
    Tensor y = Tensor::empty(out, input.scalar_type());
    if (y.numel() > 0) kernels::pad<T>(p, x.data_ptr<T>(), y.data_ptr<T>());
    return y;
  });
}

TJIT_DEF Tensor constant_pad_nd(const Tensor& input, IntArrayRef pad_sizes, const Scalar& value) {
  TJIT_TRACE("aten::constant_pad_nd", constant_pad_nd(input, pad_sizes, value), input, pad_sizes,
      value);
  return pad(input, pad_sizes, "constant", value.to<double>());
}

// ---------------------------------------------------------------------------------------------
// Misc

TJIT_DEF Tensor prelu(const Tensor& input, const Tensor& weight) {
  TJIT_TRACE("aten::prelu", prelu(input, weight), input, weight);
  TJIT_CHECK(weight.dim() <= 1, "prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = ",
             weight.dim());
  const std::int64_t channels = input.dim() >= 2 ? input.size(1) : 1;
  TJIT_CHECK(weight.numel() == 1 || weight.numel() == channels,
             "Mismatch of parameter numbers and input channel size. Found parameter numbers = ",
             weight.numel(), " and channel size = ", channels, ".");
  Tensor w = weight.reshape({-1});
  if (weight.numel() != 1 && input.dim() >= 2) {
    Shape s(static_cast<std::size_t>(input.dim()), 1);
    s[1] = channels;
    w = w.view(s);
  } else if (weight.numel() == 1) {
    w = w.view({});
  }
  Tensor zero = zeros({}, input.scalar_type());
  return where(gt(input, zero), input, mul(input, w));
}


}  // namespace tjit
