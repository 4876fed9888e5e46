// tjit/runtime/generator_value.hpp — a tjit::Generator as a TorchScript value (`Generator` in
// schemas): a Capsule holding a shared generator. Operators taking `Generator? generator` read it
// with generator_of(): None gives nullptr (the default generator).
//
//   auto g = std::make_shared<tjit::Generator>(42);
//   tjit::IValue gv = tjit::runtime::make_generator_value(g);
#pragma once

#include <memory>
#include <string>

#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/generator.hpp"

namespace tjit::runtime {

struct GeneratorObj : CapsuleObj {
  explicit GeneratorObj(std::shared_ptr<Generator> g) : gen(std::move(g)) {}
  std::string describe() const override { return "Generator"; }
  std::shared_ptr<Generator> gen;
};

inline IValue make_generator_value(std::shared_ptr<Generator> g) {
  return IValue(CapsulePtr(make_intrusive<GeneratorObj>(std::move(g))));
}

// nullptr for None; the generator a Generator value holds; an error for anything else.
inline Generator* generator_of(const IValue& v) {
  if (v.isNone()) return nullptr;
  if (v.isCapsule()) {
    CapsulePtr c = v.toCapsule();
    if (auto* g = dynamic_cast<GeneratorObj*>(c.get())) return g->gen.get();
  }
  throw Error("expected a Generator or None for argument 'generator'");
}

}  // namespace tjit::runtime
