// Registration table: prim operators (Note [Registration tables] in runtime/operator.hpp).
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit::runtime::ops {

// Operators PyTorch registers with a schema that the interpreter runs as instructions. (The
// purely structural nodes -- prim::If, prim::Loop, prim::ListConstruct, prim::GetAttr, ... --
// have no schema in PyTorch either; the interpreter knows them by kind.)
TJIT_DEF std::span<const OperatorDef> structural_ops() {
  static const OperatorDef table[] = {
      TJIT_SPECIAL_OP("aten::wait(Future(t) self) -> t"),
      TJIT_SPECIAL_OP("prim::RaiseException(str msg, str? cls=None) -> ()"),
      TJIT_SPECIAL_OP("prim::TupleUnpack(Any tup) -> ..."),
      TJIT_SPECIAL_OP("prim::TupleIndex(Any tup, int i) -> Any"),
      TJIT_SPECIAL_OP("prim::Uninitialized() -> Any"),
      TJIT_SPECIAL_OP("prim::unchecked_cast(t x) -> t"),
      TJIT_SPECIAL_OP("prim::Print(...) -> ()"),
  };
  return table;
}

TJIT_DEF std::span<const OperatorDef> prim_ops() {
  return {};
}

}  // namespace tjit::runtime::ops
