// tjit/tensor/kernels/norm.hpp — batch_norm (eval and train, with running-stat updates),
// layer_norm over trailing dims, group_norm and instance_norm, on raw contiguous buffers.
//
// Builds on Eigen's array expressions and tjit::parallel_for (channels, rows or groups are split
// across threads). Statistics are computed in two passes (mean, then the centred sum of squares):
// batch statistics in double (as PyTorch's CPU batch_norm accumulates), layer/group/instance
// statistics in the accumulation type (float for float, vectorised); they agree with PyTorch to
// ~1e-6 relative. Train-mode batch norm returns mean and invstd and updates running
// statistics with the unbiased variance, as PyTorch does.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/common.hpp"

namespace tjit::kernels {

namespace detail {

inline std::string sizes_str(const std::vector<index_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// Mean and biased variance of the `count` elements at x: two vectorised passes (the mean of the
// values shifted by the first one, then the centred sum of squares) in the accumulation type.
template <class T>
void moments(const T* x, index_t count, double& mean, double& var) noexcept {
  if (count == 0) {
    mean = 0, var = 0;
    return;
  }
  using A = acc_t<T>;
  Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> a(x, count);
  // Shifted by the first element, so a large common offset does not cost float precision.
  const A shift = static_cast<A>(x[0]);
  const A m = shift + (a.template cast<A>() - shift).sum() / static_cast<A>(count);
  mean = static_cast<double>(m);
  var = static_cast<double>((a.template cast<A>() - m).square().sum() / static_cast<A>(count));
}

// y = x·scale + shift over `count` elements.
template <class T>
void affine(const T* x, index_t count, T scale, T shift, T* y) noexcept {
  Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> a(x, count);
  Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>> out(y, count);
  out = a * scale + shift;
}

}  // namespace detail

// Sizes of batch_norm's optional per-channel tensors (-1 when absent) against the channel count.
inline void check_batch_norm(index_t channels, index_t weight_numel, index_t bias_numel,
                             index_t running_mean_numel, index_t running_var_numel) {
  const std::pair<const char*, index_t> parts[] = {{"weight", weight_numel},
                                                   {"bias", bias_numel},
                                                   {"running_mean", running_mean_numel},
                                                   {"running_var", running_var_numel}};
  for (const auto& [name, numel] : parts)
    TJIT_CHECK(numel < 0 || numel == channels, name, " should contain ", channels,
               " elements not ", numel);
}

// Train mode needs more than one value per channel (F.batch_norm's ValueError).
inline void check_batch_norm_training(const std::vector<index_t>& input_sizes) {
  index_t per_channel = 1;
  for (std::size_t i = 0; i < input_sizes.size(); ++i)
    if (i != 1) per_channel *= input_sizes[i];
  std::string shape = "torch.Size(" + detail::sizes_str(input_sizes) + ")";
  TJIT_CHECK_AS(ValueError, per_channel != 1,
                "Expected more than 1 value per channel when training, got input size ", shape);
}

// batch_norm on x (n, c, s) → y. weight, bias, running_mean, running_var may be null. Eval
// (training false) normalises with the running statistics. Training normalises with the batch
// statistics, writes them to save_mean / save_invstd (each (c), may be null), and when running
// statistics are given updates them: r = (1 - momentum)·r + momentum·stat, with the unbiased
// variance (count / (count - 1)).
template <class T>
TJIT_KERNEL void batch_norm(index_t n, index_t c, index_t s, const T* x, const T* weight,
                            const T* bias, T* running_mean, T* running_var, bool training,
                            double momentum, double eps, T* y, T* save_mean,
                            T* save_invstd) noexcept {
  const index_t count = n * s;
  const index_t grain = std::max<index_t>(1, 16384 / std::max<index_t>(1, count));
  parallel_for(0, c, grain, [&](index_t c0, index_t c1) {
    for (index_t ch = c0; ch < c1; ++ch) {
      double mean, invstd;
      if (training) {
        double sum = 0;
        for (index_t i = 0; i < n; ++i) {
          Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> a(x + (i * c + ch) * s, s);
          sum += a.template cast<double>().sum();
        }
        mean = count ? sum / static_cast<double>(count) : 0.0;
        double var_sum = 0;
        for (index_t i = 0; i < n; ++i) {
          Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> a(x + (i * c + ch) * s, s);
          var_sum += (a.template cast<double>() - mean).square().sum();
        }
        const double var = count ? var_sum / static_cast<double>(count) : 0.0;
        invstd = 1.0 / std::sqrt(var + eps);
        if (save_mean) save_mean[ch] = static_cast<T>(mean);
        if (save_invstd) save_invstd[ch] = static_cast<T>(invstd);
        if (running_mean)
          running_mean[ch] = static_cast<T>(momentum * mean + (1 - momentum) * running_mean[ch]);
        if (running_var) {
          const double unbiased =
              count > 1 ? var_sum / static_cast<double>(count - 1) : INFINITY;
          running_var[ch] =
              static_cast<T>(momentum * unbiased + (1 - momentum) * running_var[ch]);
        }
      } else {
        mean = running_mean ? static_cast<double>(running_mean[ch]) : 0.0;
        invstd = 1.0 / std::sqrt((running_var ? static_cast<double>(running_var[ch]) : 1.0) + eps);
      }
      const double w = weight ? static_cast<double>(weight[ch]) : 1.0;
      const double b = bias ? static_cast<double>(bias[ch]) : 0.0;
      const T scale = static_cast<T>(w * invstd), shift = static_cast<T>(b - mean * w * invstd);
      for (index_t i = 0; i < n; ++i)
        detail::affine(x + (i * c + ch) * s, s, scale, shift, y + (i * c + ch) * s);
    }
  });
}

// layer_norm's shape rule: the trailing dims of the input must equal normalized_shape.
inline void check_layer_norm(const std::vector<index_t>& input_sizes,
                             const std::vector<index_t>& normalized_shape) {
  bool ok = !normalized_shape.empty() && normalized_shape.size() <= input_sizes.size();
  for (std::size_t i = 0; ok && i < normalized_shape.size(); ++i)
    ok = input_sizes[input_sizes.size() - normalized_shape.size() + i] == normalized_shape[i];
  std::string want = "[*";
  for (auto d : normalized_shape) want += ", " + std::to_string(d);
  want += "]";
  TJIT_CHECK(ok, "Given normalized_shape=", detail::sizes_str(normalized_shape),
             ", expected input with shape ", want, ", but got input of size",
             detail::sizes_str(input_sizes));
}

// layer_norm over rows: x is (m, n), each row normalised over its n elements, then scaled by
// weight (n) and shifted by bias (n), each optional. mean and rstd (m each) may be null.
template <class T>
TJIT_KERNEL void layer_norm(index_t m, index_t n, const T* x, const T* weight, const T* bias,
                            double eps, T* y, T* mean_out, T* rstd_out) noexcept {
  using Arr = Eigen::Array<T, Eigen::Dynamic, 1>;
  const index_t grain = std::max<index_t>(1, 16384 / std::max<index_t>(1, n));
  parallel_for(0, m, grain, [&](index_t r0, index_t r1) {
    for (index_t r = r0; r < r1; ++r) {
      double mean, var;
      detail::moments(x + r * n, n, mean, var);
      const double rstd = 1.0 / std::sqrt(var + eps);
      if (mean_out) mean_out[r] = static_cast<T>(mean);
      if (rstd_out) rstd_out[r] = static_cast<T>(rstd);
      Eigen::Map<const Arr> a(x + r * n, n);
      Eigen::Map<Arr> out(y + r * n, n);
      out = a * static_cast<T>(rstd) + static_cast<T>(-mean * rstd);
      if (weight) out *= Eigen::Map<const Arr>(weight, n);
      if (bias) out += Eigen::Map<const Arr>(bias, n);
    }
  });
}

inline void check_group_norm(const std::vector<index_t>& input_sizes, index_t num_groups,
                             index_t weight_numel = -1, index_t bias_numel = -1) {
  TJIT_CHECK(input_sizes.size() >= 2, "group_norm: expected an input with at least 2 dims, but got ",
             detail::sizes_str(input_sizes));
  const index_t c = input_sizes[1];
  TJIT_CHECK(num_groups > 0 && c % num_groups == 0,
             "Expected number of channels in input to be divisible by num_groups, but got input "
             "of shape ",
             detail::sizes_str(input_sizes), " and num_groups=", num_groups);
  TJIT_CHECK(weight_numel < 0 || weight_numel == c, "Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [", weight_numel, "] and input of shape ", detail::sizes_str(input_sizes));
  TJIT_CHECK(bias_numel < 0 || bias_numel == c, "Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape [", bias_numel, "] and input of shape ", detail::sizes_str(input_sizes));
}

// group_norm: x is (n, c, s); channels split into `groups` groups, each (image, group) of
// (c/groups)·s elements normalised, then per-channel weight/bias (optional). mean and rstd are
// (n, groups), may be null.
template <class T>
TJIT_KERNEL void group_norm(index_t n, index_t c, index_t s, index_t groups, const T* x,
                            const T* weight, const T* bias, double eps, T* y, T* mean_out,
                            T* rstd_out) noexcept {
  const index_t cg = c / groups, count = cg * s;
  const index_t grain = std::max<index_t>(1, 16384 / std::max<index_t>(1, count));
  parallel_for(0, n * groups, grain, [&](index_t g0, index_t g1) {
    for (index_t ng = g0; ng < g1; ++ng) {
      const index_t grp = ng % groups;
      double mean, var;
      detail::moments(x + ng * count, count, mean, var);
      const double rstd = 1.0 / std::sqrt(var + eps);
      if (mean_out) mean_out[ng] = static_cast<T>(mean);
      if (rstd_out) rstd_out[ng] = static_cast<T>(rstd);
      for (index_t j = 0; j < cg; ++j) {
        const index_t ch = grp * cg + j;
        const double w = weight ? static_cast<double>(weight[ch]) : 1.0;
        const double b = bias ? static_cast<double>(bias[ch]) : 0.0;
        detail::affine(x + ng * count + j * s, s, static_cast<T>(w * rstd),
                       static_cast<T>(b - mean * rstd * w), y + ng * count + j * s);
      }
    }
  });
}

// instance_norm on x (n, c, s): with use_input_stats, each (image, channel) is normalised by its
// own statistics (group_norm with c groups) and running statistics (optional, (c)) are updated
// with the batch average of the per-instance mean and unbiased variance, as PyTorch's
// instance_norm (batch_norm on a (1, n·c, s) view) does. Otherwise the running statistics are
// used, as batch_norm in eval mode.
template <class T>
TJIT_KERNEL void instance_norm(index_t n, index_t c, index_t s, const T* x, const T* weight,
                               const T* bias, T* running_mean, T* running_var,
                               bool use_input_stats, double momentum, double eps,
                               T* y) noexcept {
  if (!use_input_stats) {
    batch_norm<T>(n, c, s, x, weight, bias, running_mean, running_var, false, momentum, eps, y,
                  nullptr, nullptr);
    return;
  }
  group_norm<T>(n, c, s, c, x, weight, bias, eps, y, nullptr, nullptr);
  if (!running_mean && !running_var) return;
  for (index_t ch = 0; ch < c; ++ch) {
    double mean_sum = 0, var_sum = 0;
    for (index_t i = 0; i < n; ++i) {
      double mean, var;
      detail::moments(x + (i * c + ch) * s, s, mean, var);
      mean_sum += mean;
      var_sum += s > 1 ? var * static_cast<double>(s) / static_cast<double>(s - 1) : INFINITY;
    }
    if (running_mean)
      running_mean[ch] = static_cast<T>(momentum * mean_sum / static_cast<double>(n) +
                                        (1 - momentum) * running_mean[ch]);
    if (running_var)
      running_var[ch] = static_cast<T>(momentum * var_sum / static_cast<double>(n) +
                                       (1 - momentum) * running_var[ch]);
  }
}

}  // namespace tjit::kernels
