// tjit/runtime/interpreter.hpp — runs an ir::Graph.
//
// A graph is compiled once into `Code`: a flat stream of instructions over numbered registers,
// with operators resolved to their functions, constants unpacked, control flow turned into
// jumps, and every value moved out of its register at its last use (Note [Moves and drops]),
// so memory is freed as early as in straight-line C++. Running it pushes the inputs on a stack
// and gets the outputs back; `Code` is immutable, so one Code may run on many threads at once
// (each run has its own registers).
//
//   auto g = tjit::ir::parse_ir("graph(%a : Tensor, %b : Tensor): ...");
//   tjit::runtime::Code code(g, "f");
//   tjit::runtime::Stack s{x, y};
//   code.run(s);                        // s now holds the outputs
//
// Calls (`prim::CallFunction`, `prim::CallMethod`) go to Functions of a CompilationUnit
// (function.hpp); `prim::fork` runs its subgraph on the inter-op pool; errors leave with a
// TorchScript traceback (Note [TorchScript tracebacks] in core/error.hpp).
#pragma once

#include <memory>
#include <string>

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/runtime/ivalue.hpp"

namespace tjit::runtime {

class CompilationUnit;

class Code {
 public:
  // Compiles `graph`. `name` is the function name tracebacks show; `cu` resolves the functions
  // and methods the graph calls (may be null for graphs that call none). Throws tjit::Error
  // naming the node when an operator is unknown or no overload matches its inputs.
  Code(std::shared_ptr<ir::Graph> graph, std::string name, const CompilationUnit* cu = nullptr);
  ~Code();
  Code(const Code&) = delete;
  Code& operator=(const Code&) = delete;

  // Pops num_inputs() values, pushes num_outputs() values.
  void run(Stack& stack) const;

  std::size_t num_inputs() const;
  std::size_t num_outputs() const;
  const std::string& name() const;
  const std::shared_ptr<ir::Graph>& graph() const;
  // The instruction listing (for debugging and tests).
  std::string dump() const;
  std::size_t num_registers() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tjit::runtime

// Code and Function come together (calls need both); function.hpp brings the definitions.
#include "tjit/runtime/function.hpp"
