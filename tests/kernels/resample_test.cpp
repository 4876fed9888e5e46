#include "tjit/tensor/kernels/pad.hpp"
#include "tjit/tensor/kernels/resample.hpp"

#include <doctest/doctest.h>

#include "support.hpp"

namespace k = tjit::kernels;

TEST_CASE("interpolate matches F.interpolate: nearest, nearest-exact, (bi)linear, bicubic, align_corners, scales") {
  int count = 0;
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("interpolate", "x", [&]<class T>(const refcases::Case& c) {
      const auto& xs = kt::tensor(c, "x").sizes;
      const auto& os = kt::tensor(c, "out").sizes;
      k::InterpParams p;
      p.dims = static_cast<int>(xs.size()) - 2;
      p.batch = xs[0], p.channels = xs[1];
      for (std::size_t i = 0; i < static_cast<std::size_t>(p.dims); ++i)
        p.input[i] = xs[2 + i], p.output[i] = os[2 + i];
      if (!c.is_none("scales")) {
        const auto& sc = c.get<std::vector<double>>("scales");
        for (std::size_t i = 0; i < sc.size(); ++i) p.scales[i] = sc[i];
      }
      p.align_corners = kt::flag(c, "align_corners");
      const auto& mode = c.get<std::string>("mode");
      p.mode = mode == "nearest"         ? k::InterpMode::Nearest
               : mode == "nearest-exact" ? k::InterpMode::NearestExact
               : mode == "bicubic"       ? k::InterpMode::Bicubic
                                         : k::InterpMode::Linear;
      k::check_interpolate(p);
      auto x = kt::values<T>(c, "x");
      std::vector<T> out(static_cast<std::size_t>(p.output_numel()));
      k::interpolate<T>(p, x.data(), out.data());
      if (p.mode == k::InterpMode::Nearest || p.mode == k::InterpMode::NearestExact)
        kt::exact(c.name, out, kt::values<T>(c, "out"));
      else
        kt::close(c.name, out, kt::values<T>(c, "out"));
      ++count;
    });
  }
  CHECK(count >= 200);
}

TEST_CASE("interpolate checks") {
  k::InterpParams p;
  p.input = {5, 5}, p.output = {0, 3};
  CHECK_THROWS_WITH_AS(k::check_interpolate(p),
                       "Input and output sizes should be greater than 0, but got input (H: 5, W: "
                       "5) and output (H: 0, W: 3)",
                       tjit::Error);
  p.dims = 1, p.input = {5, 1}, p.output = {0, 1};
  CHECK_THROWS_WITH_AS(k::check_interpolate(p),
                       "Input and output sizes should be greater than 0, but got input (W: 5) and "
                       "output (W: 0)",
                       tjit::Error);
  p.output = {3, 1}, p.align_corners = true;
  CHECK_THROWS_AS(k::check_interpolate(p), tjit::ValueError);
}

TEST_CASE("pad matches F.pad: constant, reflect, replicate, circular, 1d/2d/3d, negative") {
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    kt::for_each_case("pad", "x", [&]<class T>(const refcases::Case& c) {
      const auto& mode = c.get<std::string>("mode");
      const k::PadMode m = mode == "constant"  ? k::PadMode::Constant
                           : mode == "reflect" ? k::PadMode::Reflect
                           : mode == "replicate" ? k::PadMode::Replicate
                                                 : k::PadMode::Circular;
      const auto p = k::make_pad_params(kt::tensor(c, "x").sizes, kt::ints(c, "pad"), m,
                                        kt::real(c, "value"));
      REQUIRE_MESSAGE(p.output_numel() == kt::tensor(c, "out").numel(), c.name);
      auto x = kt::values<T>(c, "x");
      std::vector<T> out(static_cast<std::size_t>(p.output_numel()));
      k::pad<T>(p, x.data(), out.data());
      kt::exact(c.name, out, kt::values<T>(c, "out"));
    });
  }
}

TEST_CASE("pad checks use PyTorch's messages") {
  CHECK_THROWS_WITH_AS(k::make_pad_params({1, 3, 5}, {5, 5}, k::PadMode::Reflect),
                       "Argument #4: Padding size should be less than the corresponding input "
                       "dimension, but got: padding (5, 5) at dimension 2 of input [1, 3, 5]",
                       tjit::Error);
  CHECK_THROWS_WITH_AS(k::make_pad_params({1, 3, 5, 5}, {1, 1, 5, 5}, k::PadMode::Reflect),
                       "Argument #6: Padding size should be less than the corresponding input "
                       "dimension, but got: padding (5, 5) at dimension 2 of input 4",
                       tjit::Error);
  CHECK_THROWS_WITH_AS(k::make_pad_params({1, 3, 5}, {6, 1}, k::PadMode::Circular),
                       "Padding value causes wrapping around more than once.", tjit::Error);
  CHECK_THROWS_WITH_AS(k::make_pad_params({1, 3, 5}, {-6, 1}, k::PadMode::Replicate),
                       "input (W: 5) is too small. Calculated output W: 0", tjit::Error);
  CHECK_THROWS_AS(k::make_pad_params({1, 3, 5}, {-6, 0}, k::PadMode::Constant), tjit::Error);
  CHECK_THROWS_AS(k::make_pad_params({1, 3, 5}, {1}, k::PadMode::Constant), tjit::Error);
  CHECK_THROWS_AS(k::make_pad_params({5}, {1, 1}, k::PadMode::Reflect), tjit::NotImplementedError);
}
