// Registration table: tensor pointwise operators (Note [Registration tables] in runtime/operator.hpp).
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit::runtime::ops {

TJIT_DEF std::span<const OperatorDef> tensor_pointwise_ops() {
  static const OperatorDef table[] = {
      TJIT_OP("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
              [](const Tensor& a, const Tensor& b, const Scalar& alpha) {
                return tjit::add(a, b, alpha);
              }),
      TJIT_OP("aten::mul.Tensor(Tensor self, Tensor other) -> Tensor",
              [](const Tensor& a, const Tensor& b) { return tjit::mul(a, b); }),
  };
  return table;
}

}  // namespace tjit::runtime::ops
