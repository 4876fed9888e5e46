// tjit/runtime/operator.hpp — the operator registry: every operator the interpreter can run,
// each registered once with its TorchScript schema.
//
//   const auto& reg = tjit::runtime::OperatorRegistry::instance();
//   const Operator* add = reg.find("aten::add", "Tensor");
//   Stack s{a, b, 1};  add->fn()(s);   // s == {a + b}
//   tjit::supported_ops();             // every schema, as PyTorch prints schemas
//
// Operators are boxed: they pop their arguments (all of them, defaults included — the emitter
// and the IR parser put defaults into the graph as PyTorch does) from the end of a Stack and
// push their results. Operators the interpreter implements itself as instructions (structural
// prim ops such as prim::If, prim::ListConstruct, prim::fork) are registered with their schema
// and no function, so supported_ops() and schema matching still know them.
//
// Note [Registration tables]
// No static initialisers (a linker may drop them): each family of operators is a function
// returning a table of plain {schema text, function pointer} data, and the registry is built
// from the list of tables on first use (thread-safe). Schemas are parsed then, once.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/ir/schema.hpp"
#include "tjit/runtime/ivalue.hpp"

namespace tjit::runtime {

using OperatorFn = void (*)(Stack&);

// One row of a registration table (Note [Registration tables]).
struct OperatorDef {
  const char* schema;
  OperatorFn fn;  // null: the interpreter implements it as an instruction
};

class Operator {
 public:
  Operator(ir::FunctionSchema schema, OperatorFn fn) : schema_(std::move(schema)), fn_(fn) {}
  const ir::FunctionSchema& schema() const { return schema_; }
  OperatorFn fn() const { return fn_; }
  // Implemented by the interpreter itself rather than through fn().
  bool isSpecial() const { return fn_ == nullptr; }

 private:
  ir::FunctionSchema schema_;
  OperatorFn fn_;
};

class OperatorRegistry {
 public:
  static const OperatorRegistry& instance();

  // Every overload registered under a name (`aten::add`), in registration order.
  const std::vector<const Operator*>& lookup(ir::Symbol name) const;
  // The overload `name.overload` (`find("aten::add", "Tensor")`; "" for the plain one).
  const Operator* find(std::string_view name, std::string_view overload = "") const;
  // By schema text or `name.overload` text (`"aten::add.Tensor"`).
  const Operator* findByQualifiedName(std::string_view qualified) const;
  const std::vector<std::unique_ptr<Operator>>& all() const { return ops_; }

  // The operator a node calls: same name, inputs/outputs matching the schema's types.
  // Nullptr when none matches.
  const Operator* match(const ir::Node* node) const;

 private:
  OperatorRegistry();
  void add(std::span<const OperatorDef> table);

  std::vector<std::unique_ptr<Operator>> ops_;
  std::unordered_map<std::string, std::vector<const Operator*>> by_name_;
  std::unordered_map<std::string, const Operator*> by_qualified_;
};

// Whether `schema` accepts the node's inputs and outputs (types are checked with subtyping;
// type variables bind consistently; Scalar accepts int, float and bool).
bool schema_matches(const ir::FunctionSchema& schema, const ir::Node* node);

// Every registered schema, printed as PyTorch prints schemas.
std::vector<std::string> supported_ops_schemas();

// Registration tables of each family of operators (Note [Registration tables]); defined in
// runtime/ops/*.
// Each is defined in runtime/detail/ops_<family>.hpp and compiled by src/runtime_ops_<family>.cpp.
namespace ops {
std::span<const OperatorDef> prim_ops();              // prim:: ops with functions
std::span<const OperatorDef> structural_ops();        // interpreter instructions (no function)
std::span<const OperatorDef> builtin_ops();           // int/float/bool/str/list/dict/math/device
std::span<const OperatorDef> tensor_pointwise_ops();  // elementwise math, comparisons, activations
std::span<const OperatorDef> tensor_reduce_ops();     // reductions, sort, topk
std::span<const OperatorDef> tensor_shape_ops();      // views, shape, indexing, cat/stack
std::span<const OperatorDef> tensor_nn_ops();         // conv, pool, norm, linear, softmax, rnn
std::span<const OperatorDef> tensor_misc_ops();       // factories, conversions, linalg, random
std::span<const OperatorDef> tensor_random_ops();     // random ops, einsum, rnn, attention
std::span<const OperatorDef> tensor_extra_ops();      // shifts, shrinks, cummax, searchsorted, ...
}  // namespace ops

}  // namespace tjit::runtime

namespace tjit {
inline std::vector<std::string> supported_ops() { return runtime::supported_ops_schemas(); }
}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/runtime/detail/operator_impl.hpp"
#include "tjit/runtime/detail/ops_prim.hpp"
#include "tjit/runtime/detail/ops_builtin.hpp"
#include "tjit/runtime/detail/ops_tensor_pointwise.hpp"
#include "tjit/runtime/detail/ops_tensor_reduce.hpp"
#include "tjit/runtime/detail/ops_tensor_shape.hpp"
#include "tjit/runtime/detail/ops_tensor_nn.hpp"
#include "tjit/runtime/detail/ops_tensor_misc.hpp"
#include "tjit/runtime/detail/ops_tensor_random.hpp"
#include "tjit/runtime/detail/ops_tensor_extra.hpp"
#endif
