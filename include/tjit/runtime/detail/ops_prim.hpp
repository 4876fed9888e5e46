// Registration table: prim operators (Note [Registration tables] in runtime/operator.hpp).
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/detail/builtin_helpers.hpp"
#include "tjit/runtime/operator.hpp"

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

// prim:: operators on values that are not tensors (helpers shared with builtin_ops()).
TJIT_DEF std::span<const OperatorDef> prim_ops() {
  using namespace builtin;
  static const OperatorDef table[] = {
      TJIT_OP("prim::min.int(int a, int b) -> int", &Bin<MinF>::ii), TJIT_OP("prim::min.float(float a, float b) -> float", &Bin<MinF>::ff),
      TJIT_OP("prim::min.int_float(int a, float b) -> float", &Bin<MinF>::if_), TJIT_OP("prim::min.float_int(float a, int b) -> float", &Bin<MinF>::fi),
      TJIT_STACK_OP("prim::min(Scalar a, Scalar b) -> Scalar", &Bin<MinF>::scalar),
      TJIT_STACK_OP("prim::min.int_list(int[] l, int[] r) -> int[]", &list_minmax2<false>), TJIT_STACK_OP("prim::min.self_int(int[] self) -> int", &list_minmax1<false>),
      TJIT_STACK_OP("prim::min.float_list(float[] l, float[] r) -> float[]", &list_minmax2<false>), TJIT_STACK_OP("prim::min.self_float(float[] self) -> float", &list_minmax1<false>),
      TJIT_STACK_OP("prim::min.bool_list(bool[] l, bool[] r) -> bool[]", &list_minmax2<false>), TJIT_STACK_OP("prim::min.self_bool(bool[] self) -> bool", &list_minmax1<false>), TJIT_OP("prim::max.int(int a, int b) -> int", &Bin<MaxF>::ii), TJIT_OP("prim::max.float(float a, float b) -> float", &Bin<MaxF>::ff),
      TJIT_OP("prim::max.int_float(int a, float b) -> float", &Bin<MaxF>::if_), TJIT_OP("prim::max.float_int(float a, int b) -> float", &Bin<MaxF>::fi),
      TJIT_STACK_OP("prim::max(Scalar a, Scalar b) -> Scalar", &Bin<MaxF>::scalar),
      TJIT_STACK_OP("prim::max.int_list(int[] l, int[] r) -> int[]", &list_minmax2<true>), TJIT_STACK_OP("prim::max.self_int(int[] self) -> int", &list_minmax1<true>),
      TJIT_STACK_OP("prim::max.float_list(float[] l, float[] r) -> float[]", &list_minmax2<true>), TJIT_STACK_OP("prim::max.self_float(float[] self) -> float", &list_minmax1<true>),
      TJIT_STACK_OP("prim::max.bool_list(bool[] l, bool[] r) -> bool[]", &list_minmax2<true>), TJIT_STACK_OP("prim::max.self_bool(bool[] self) -> bool", &list_minmax1<true>),
      TJIT_OP("prim::abs.int(int a) -> int", &Un<AbsF, true>::i),
      TJIT_OP("prim::abs.float(float a) -> float", &Un<AbsF, true>::f),
      TJIT_OP("prim::abs.complex(complex a) -> float", [](C a) { return std::abs(a); }),
      TJIT_STACK_OP("prim::abs.Scalar(Scalar a) -> Scalar", [](Stack& s) {
        if (s.back().isComplexDouble()) s.back() = IValue(std::abs(s.back().toComplexDouble()));
        else Un<AbsF, true>::scalar(s);
      }),
      TJIT_STACK_OP("prim::unchecked_unwrap_optional(t(a)? optional) -> t(a)", [](Stack&) {}),
      TJIT_OP("prim::StringIndex(str string, int index) -> str", [](const std::string& s, I i) { return str_at(s, i); }),
      TJIT_OP("prim::type(Device self) -> str", [](Device d) {
        return std::string(d.is_cpu() ? "cpu" : d.is_cuda() ? "cuda" : "meta");
      }),
      TJIT_OP("prim::index(Device self) -> int?", [](Device d) {
        return d.has_index() ? std::optional<I>(d.index()) : std::nullopt;
      }),
      TJIT_OP("prim::rangelist(int n) -> int[]", [](I n) {
        std::vector<I> out;
        for (I i = 0; i < n; ++i) out.push_back(i);
        return out;
      }),
  };
  return table;
}

}  // namespace tjit::runtime::ops
