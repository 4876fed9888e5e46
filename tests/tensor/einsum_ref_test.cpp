// tjit::einsum (tjit/tensor/ops/einsum.hpp) against PyTorch 1.13 on generated reference cases
// (make_einsum_cases.py): results within the float tolerances of ref_util.hpp (sums run in
// another order than PyTorch's BLAS), integers exact, and PyTorch's error messages.
#include <doctest/doctest.h>

#include "ops_runner.hpp"
#include "tjit/tensor/ops/einsum.hpp"

using namespace tjit;
using refcases::Case;
using reftest::Tensors;

TEST_CASE("einsum matches PyTorch on the reference cases") {
  static const std::map<std::string, reftest::MultiOp> ops = {
      {"einsum", [](const Case& c, const Tensors& ts) {
         return Tensors{einsum(c.get<std::string>("eq"), ts)};
       }},
  };
  reftest::run_cases("tests/tensor/einsum_cases.bin", ops, 150);
}

TEST_CASE("einsum needs an operand and keeps views when it only permutes") {
  CHECK_THROWS_WITH_AS(einsum("i", {}), "einsum(): must provide at least one operand", Error);
  Tensor x = Tensor::empty({2, 3});
  Tensor t = einsum("ij->ji", {x});
  CHECK(t.is_alias_of(x));
  CHECK(t.size(0) == 3);
}
