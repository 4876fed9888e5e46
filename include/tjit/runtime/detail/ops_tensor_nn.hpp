// Registration table: tensor nn operators (Note [Registration tables] in runtime/operator.hpp).
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit::runtime::ops {

TJIT_DEF std::span<const OperatorDef> tensor_nn_ops() {
  return {};
}

}  // namespace tjit::runtime::ops
