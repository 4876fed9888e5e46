// conv1d/2d/3d (ints, 'same', 'valid'), conv_transpose1d/2d/3d and _convolution against PyTorch
// 1.13 on the reference cases of make_nn_cases.py (group conv).
#include <doctest/doctest.h>

#include "nn_ref_runner.hpp"

using namespace tjit;
using namespace nnref;

TEST_CASE("convolutions match PyTorch on the reference cases") {
  auto conv = [](auto f) -> Op {
    return [f](const Case& c) -> std::vector<Tensor> {
      return {f(T(c, "x"), T(c, "w"), T(c, "b"), L(c, "stride"), L(c, "padding"), L(c, "dilation"),
                I(c, "groups"))};
    };
  };
  auto conv_str = [](auto f) -> Op {
    return [f](const Case& c) -> std::vector<Tensor> {
      return {f(T(c, "x"), T(c, "w"), T(c, "b"), 1,
                S(c, "padding"), L(c, "dilation"), 1)};
    };
  };
  auto convt = [](auto f) -> Op {
    return [f](const Case& c) -> std::vector<Tensor> {
      return {f(T(c, "x"), T(c, "w"), T(c, "b"), L(c, "stride"), L(c, "padding"),
                L(c, "output_padding"), I(c, "groups"), L(c, "dilation"))};
    };
  };
  const std::map<std::string, Op> ops = {
      {"conv1d", conv([](auto&&... a) { return conv1d(a...); })},
      {"conv2d", conv([](auto&&... a) { return conv2d(a...); })},
      {"conv3d", conv([](auto&&... a) { return conv3d(a...); })},
      {"conv2d_nobias", [](const Case& c) -> std::vector<Tensor> {
         return {conv2d(T(c, "x"), T(c, "w"), Tensor(), L(c, "stride"), L(c, "padding"),
                        L(c, "dilation"), I(c, "groups"))};
       }},
      {"conv1d_str", conv_str([](const Tensor& x, const Tensor& w, const Tensor& b, std::int64_t s, const std::string& p, const std::vector<std::int64_t>& d, std::int64_t g) { return conv1d(x, w, b, s, p, d, g); })},
      {"conv2d_str", [](const Case& c) -> std::vector<Tensor> {
         // The stride-2 'same' error case is the only one whose expected result is an error.
         const std::int64_t stride = c.has("error") && S(c, "padding") == "same" ? 2 : 1;
         return {conv2d(T(c, "x"), T(c, "w"), T(c, "b"), stride, S(c, "padding"), L(c, "dilation"))};
       }},
      {"conv3d_str", conv_str([](const Tensor& x, const Tensor& w, const Tensor& b, std::int64_t s, const std::string& p, const std::vector<std::int64_t>& d, std::int64_t g) { return conv3d(x, w, b, s, p, d, g); })},
      {"conv_transpose1d", convt([](auto&&... a) { return conv_transpose1d(a...); })},
      {"conv_transpose2d", convt([](auto&&... a) { return conv_transpose2d(a...); })},
      {"conv_transpose3d", convt([](auto&&... a) { return conv_transpose3d(a...); })},
      {"_convolution", [](const Case& c) -> std::vector<Tensor> {
         return {_convolution(T(c, "x"), T(c, "w"), T(c, "b"), L(c, "stride"), L(c, "padding"),
                              L(c, "dilation"), B(c, "transposed"), L(c, "output_padding"),
                              I(c, "groups"), false, false, true, true)};
       }},
  };
  run("tests/tensor/conv_cases.bin", ops, 80);
}
