// Tensors print exactly as PyTorch 1.13 prints them (goldens from make_print_cases.py).
#include <doctest/doctest.h>

#include "ref_util.hpp"

TEST_CASE("str(tensor) matches PyTorch byte for byte") {
  auto cases = refcases::load("tests/tensor/print_cases.bin");
  REQUIRE(cases.size() > 30);
  for (const auto& c : cases) {
    tjit::Tensor t = reftest::to_tensor(c.get<refcases::RefTensor>("a"));
    const std::string& want = c.get<std::string>("text");
    CHECK(tjit::to_string(t) == want);
  }
}

TEST_CASE("printing a non-contiguous view prints its logical values") {
  tjit::Tensor t = tjit::arange(6).view({2, 3}).t();
  CHECK(tjit::to_string(t) == "tensor([[0, 3],\n        [1, 4],\n        [2, 5]])");
}
