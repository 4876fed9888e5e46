#include "tjit/tensor/kernels/conv.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

namespace k = tjit::kernels;

namespace {

k::ConvParams params_of(const refcases::Case& c) {
  const auto& xs = kt::tensor(c, "x").sizes;
  const auto& ws = kt::tensor(c, "w").sizes;
  k::ConvParams p;
  p.dims = static_cast<int>(xs.size()) - 2;
  p.transposed = kt::flag(c, "transposed");
  p.groups = kt::integer(c, "groups");
  p.batch = xs[0];
  p.in_channels = xs[1];
  p.out_channels = p.transposed ? ws[1] * p.groups : ws[0];
  const auto s = kt::ints(c, "stride"), pad = kt::ints(c, "padding"), d = kt::ints(c, "dilation"),
             op = kt::ints(c, "output_padding");
  for (std::size_t i = 0; i < static_cast<std::size_t>(p.dims); ++i) {
    p.input[i] = xs[i + 2];
    p.kernel[i] = ws[i + 2];
    p.stride[i] = s[i];
    p.padding[i] = pad[i];
    p.dilation[i] = d[i];
    p.output_padding[i] = op[i];
  }
  return p;
}

}  // namespace

TEST_CASE("convolution matches PyTorch: 1d/2d/3d, stride, padding, dilation, groups, depthwise, 1x1, transposed") {
  int count = 0;
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("conv", "x", [&]<class T>(const refcases::Case& c) {
      const k::ConvParams p = params_of(c);
      const bool has_bias = !c.is_none("b");
      k::check_conv(p, has_bias ? kt::tensor(c, "b").numel() : -1);
      auto x = kt::values<T>(c, "x"), w = kt::values<T>(c, "w");
      std::vector<T> b = has_bias ? kt::values<T>(c, "b") : std::vector<T>{};
      const auto& want = kt::tensor(c, "out");
      REQUIRE_MESSAGE(p.output_numel() == want.numel(), c.name);
      for (int i = 0; i < p.dims; ++i)
        CHECK_MESSAGE(p.output_size(i) == want.sizes[static_cast<std::size_t>(i) + 2], c.name);
      CHECK(p.weight_numel() == static_cast<k::index_t>(w.size()));
      std::vector<T> out(static_cast<std::size_t>(p.output_numel()), T(-7));
      k::convolution<T>(p, x.data(), w.data(), has_bias ? b.data() : nullptr, out.data());
      kt::close(c.name + (threads == 2 ? " (2 threads)" : ""), out, want.values<T>());
      ++count;
    });
  }
  CHECK(count >= 70);
}

TEST_CASE("check_conv rejects bad parameters with PyTorch's messages") {
  k::ConvParams p;
  p.batch = 1, p.in_channels = 3, p.out_channels = 4, p.input = {5, 5, 1}, p.kernel = {7, 7, 1};
  CHECK_THROWS_WITH_AS(k::check_conv(p),
                       "Calculated padded input size per channel: (5 x 5). Kernel size: (7 x 7). "
                       "Kernel size can't be greater than actual input size",
                       tjit::Error);
  p.kernel = {3, 3, 1};
  CHECK_NOTHROW(k::check_conv(p, 4));
  CHECK_THROWS_WITH_AS(k::check_conv(p, 3),
                       "Given weight of size [4, 3, 3, 3], expected bias to be 1-dimensional with "
                       "4 elements, but got bias of size [3] instead",
                       tjit::Error);
  auto q = p;
  q.stride = {0, 1, 1};
  CHECK_THROWS_WITH_AS(k::check_conv(q), "non-positive stride is not supported", tjit::Error);
  q = p;
  q.padding = {-1, 0, 0};
  CHECK_THROWS_WITH_AS(k::check_conv(q), "negative padding is not supported", tjit::Error);
  q = p;
  q.dilation = {0, 0, 1};
  CHECK_THROWS_WITH_AS(k::check_conv(q), "dilation should be greater than zero, but got [0, 0]",
                       tjit::Error);
  q = p;
  q.groups = 0;
  CHECK_THROWS_WITH_AS(k::check_conv(q), "non-positive groups is not supported", tjit::Error);
  q = p;
  q.groups = 3;  // 4 output channels
  CHECK_THROWS_WITH_AS(k::check_conv(q),
                       "Given groups=3, expected weight to be divisible by 3 at dimension 0, but "
                       "got weight of size [[4, 1, 3, 3]] instead",
                       tjit::Error);
  q = p;
  q.out_channels = 4, q.groups = 2;  // 3 input channels
  CHECK_THROWS_WITH_AS(k::check_conv(q),
                       "Given groups=2, weight of size [4, 1, 3, 3], expected input[1, 3, 5, 5] "
                       "to have 2 channels, but got 3 channels instead",
                       tjit::Error);
  q = p;
  q.transposed = true, q.stride = {2, 2, 1}, q.output_padding = {2, 2, 0};
  CHECK_THROWS_AS(k::check_conv(q), tjit::Error);
  q.output_padding = {1, 1, 0};
  CHECK_NOTHROW(k::check_conv(q));
  q = p;
  q.transposed = true, q.input = {1, 1, 1}, q.padding = {3, 3, 0};
  CHECK_THROWS_WITH_AS(k::check_conv(q),
                       "Given input size per channel: (1 x 1). Calculated output size per "
                       "channel: (-3 x -3). Output size is too small",
                       tjit::Error);
}

TEST_CASE("make_conv_params builds ConvParams from sizes and checks them as PyTorch does") {
  auto p = k::make_conv_params({1, 3, 224, 224}, {64, 3, 7, 7}, 64, {2}, {3}, {1}, 1);
  CHECK(p.dims == 2);
  CHECK(p.output() == std::array<k::index_t, 3>{112, 112, 1});
  auto t = k::make_conv_params({2, 4, 5}, {4, 3, 3}, -1, {2}, {1}, {1}, 2, true, {1});
  CHECK(t.out_channels == 6);
  CHECK(t.output_size(0) == 10);
  CHECK_THROWS_WITH_AS(k::make_conv_params({1, 1, 3, 5}, {4, 3, 3, 3}, -1, {1}, {0}, {1}, 1),
                       "Given groups=1, weight of size [4, 3, 3, 3], expected input[1, 1, 3, 5] "
                       "to have 3 channels, but got 1 channels instead",
                       tjit::Error);
  CHECK_THROWS_WITH_AS(k::make_conv_params({1, 3, 5, 5}, {4, 3, 3, 3}, -1, {1, 1, 1}, {0}, {1}, 1),
                       "expected stride to be a single integer value or a list of 2 values to "
                       "match the convolution dimensions, but got stride=[1, 1, 1]",
                       tjit::Error);
  CHECK_THROWS_WITH_AS(k::make_conv_params({1, 3, 5, 5}, {3, 4, 3, 3}, -1, {1}, {0}, {1}, 2, true),
                       "Given groups=2, expected weight to be divisible by 2 at dimension 0, but "
                       "got weight of size [[3, 4, 3, 3]] instead",
                       tjit::Error);
  CHECK_THROWS_WITH_AS(k::make_conv_params({1, 4, 5, 5}, {4, 3, 3, 3}, 3, {1}, {0}, {1}, 2, true),
                       "Given transposed=1, weight of size [4, 3, 3, 3], expected bias to be "
                       "1-dimensional with 6 elements, but got bias of size [3] instead",
                       tjit::Error);
  CHECK_THROWS_WITH_AS(k::make_conv_params({1, 3, 5}, {4, 3}, -1, {1}, {0}, {1}, 1),
                       "weight should have at least three dimensions", tjit::Error);
}
