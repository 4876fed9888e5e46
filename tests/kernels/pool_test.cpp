#include "tjit/tensor/kernels/pool.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

namespace k = tjit::kernels;

namespace {

k::PoolParams pool_params(const refcases::Case& c) {
  const auto& xs = kt::tensor(c, "x").sizes;
  const auto kernel = kt::ints(c, "kernel");
  k::PoolParams p;
  p.dims = static_cast<int>(kernel.size());
  const std::size_t lead = xs.size() - static_cast<std::size_t>(p.dims);
  p.batch = lead == 2 ? xs[0] : 1;
  p.channels = xs[lead - 1];
  const auto s = kt::ints(c, "stride"), pad = kt::ints(c, "padding");
  for (std::size_t i = 0; i < kernel.size(); ++i) {
    p.input[i] = xs[lead + i];
    p.kernel[i] = kernel[i];
    p.stride[i] = s[i];
    p.padding[i] = pad[i];
    if (c.has("dilation")) p.dilation[i] = kt::ints(c, "dilation")[i];
  }
  p.ceil_mode = kt::flag(c, "ceil_mode");
  if (c.has("count_include_pad")) p.count_include_pad = kt::flag(c, "count_include_pad");
  if (c.has("divisor_override") && !c.is_none("divisor_override"))
    p.divisor_override = kt::integer(c, "divisor_override");
  return p;
}

void check_sizes(const refcases::Case& c, const k::PoolParams& p, const std::string& key) {
  const auto& want = kt::tensor(c, key).sizes;
  const auto o = p.output();
  for (int i = 0; i < p.dims; ++i)
    CHECK_MESSAGE(o[static_cast<std::size_t>(i)] ==
                      want[want.size() - static_cast<std::size_t>(p.dims - i)],
                  c.name);
}

}  // namespace

TEST_CASE("max_pool matches PyTorch exactly: values and indices, ceil_mode, dilation, NaN") {
  int count = 0;
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("max_pool", "x", [&]<class T>(const refcases::Case& c) {
      const auto p = pool_params(c);
      k::check_max_pool(p);
      check_sizes(c, p, "out");
      auto x = kt::values<T>(c, "x");
      std::vector<T> out(static_cast<std::size_t>(p.output_numel()));
      std::vector<std::int64_t> idx(out.size());
      k::max_pool<T>(p, x.data(), out.data(), idx.data());
      kt::exact(c.name, out, kt::values<T>(c, "out"));
      kt::exact(c.name + " indices", idx, kt::values<std::int64_t>(c, "indices"));
      k::max_pool<T>(p, x.data(), out.data(), nullptr);
      kt::exact(c.name + " (no indices)", out, kt::values<T>(c, "out"));
      ++count;
    });
  }
  CHECK(count >= 40);
}

TEST_CASE("avg_pool matches PyTorch: ceil_mode, count_include_pad, divisor_override") {
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("avg_pool", "x", [&]<class T>(const refcases::Case& c) {
      const auto p = pool_params(c);
      k::check_avg_pool(p);
      check_sizes(c, p, "out");
      auto x = kt::values<T>(c, "x");
      std::vector<T> out(static_cast<std::size_t>(p.output_numel()));
      k::avg_pool<T>(p, x.data(), out.data());
      kt::close(c.name, out, kt::values<T>(c, "out"));
    });
  }
}

TEST_CASE("adaptive avg and max pooling match PyTorch (max exactly, with indices)") {
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("adaptive_pool", "x", [&]<class T>(const refcases::Case& c) {
      const auto& xs = kt::tensor(c, "x").sizes;
      const auto osz = kt::ints(c, "output_size");
      k::AdaptivePoolParams p;
      p.dims = static_cast<int>(osz.size());
      p.batch = xs[0];
      p.channels = xs[1];
      for (std::size_t i = 0; i < osz.size(); ++i) p.input[i] = xs[2 + i], p.output[i] = osz[i];
      k::check_adaptive_pool(p);
      auto x = kt::values<T>(c, "x");
      std::vector<T> avg(static_cast<std::size_t>(p.output_numel())), mx(avg.size());
      std::vector<std::int64_t> idx(avg.size());
      k::adaptive_avg_pool<T>(p, x.data(), avg.data());
      k::adaptive_max_pool<T>(p, x.data(), mx.data(), idx.data());
      kt::close(c.name + " avg", avg, kt::values<T>(c, "avg"));
      kt::exact(c.name + " max", mx, kt::values<T>(c, "max"));
      kt::exact(c.name + " indices", idx, kt::values<std::int64_t>(c, "indices"));
    });
  }
}

TEST_CASE("pooling parameter checks use PyTorch's messages") {
  k::PoolParams p;
  p.batch = 2, p.channels = 3, p.input = {5, 5}, p.kernel = {3, 3}, p.stride = {1, 1};
  CHECK_NOTHROW(k::check_max_pool(p));
  auto q = p;
  q.kernel = {0, 0};
  CHECK_THROWS_WITH_AS(k::check_max_pool(q), "kernel size should be greater than zero, but got kH: 0 kW: 0", tjit::Error);
  q = p;
  q.stride = {-1, -1};
  CHECK_THROWS_WITH_AS(k::check_avg_pool(q), "stride should be greater than zero, but got dH: -1 dW: -1", tjit::Error);
  q = p;
  q.padding = {-1, -1};
  CHECK_THROWS_WITH_AS(k::check_max_pool(q), "pad must be non-negative, but got pad: -1", tjit::Error);
  q = p;
  q.padding = {2, 2};
  CHECK_THROWS_WITH_AS(k::check_max_pool(q), "pad should be at most half of kernel size, but got pad=2 and kernel_size=3", tjit::Error);
  q = p;
  q.dilation = {-1, -1};
  CHECK_THROWS_WITH_AS(k::check_max_pool(q), "dilation should be greater than zero, but got dilationH: -1 dilationW: -1", tjit::Error);
  CHECK_NOTHROW(k::check_avg_pool(q));  // avg pooling has no dilation
  q = p;
  q.kernel = {7, 7}, q.stride = {7, 7};
  CHECK_THROWS_WITH_AS(k::check_max_pool(q), "Given input size: (3x5x5). Calculated output size: (3x0x0). Output size is too small", tjit::Error);
  q = p;
  q.dims = 1, q.input = {5, 1}, q.kernel = {7, 1}, q.stride = {7, 1};
  CHECK_THROWS_WITH_AS(k::check_avg_pool(q), "Given input size: (3x1x5). Calculated output size: (3x1x0). Output size is too small", tjit::Error);
  q = p;
  q.divisor_override = 0;
  CHECK_THROWS_WITH_AS(k::check_avg_pool(q), "divisor must be not zero", tjit::Error);
  k::AdaptivePoolParams a;
  a.output = {-1, 2};
  CHECK_THROWS_AS(k::check_adaptive_pool(a), tjit::Error);
}
