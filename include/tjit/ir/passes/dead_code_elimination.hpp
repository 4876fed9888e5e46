// tjit/ir/passes/dead_code_elimination.hpp — removes nodes whose outputs nobody uses and that
// have no side effects (ir/passes/effects.hpp), unused prim::If outputs and loop-carried values
// used neither after the loop nor inside it, and control flow left empty (PyTorch's
// dead_code_elimination.cpp). In-place operators, list mutators, prints, raises and calls
// always stay.
//
//   ir::passes::eliminate_dead_code(g);   // TJIT_JIT_LOG_LEVEL=dead_code_elimination prints it
//
// Builds on ir/graph.hpp and ir/passes/effects.hpp.
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

// Returns whether the graph changed.
bool eliminate_dead_code(Graph& g);
bool eliminate_dead_code(Block* b);
// Drops the If outputs nobody uses / the loop-carried values nobody reads.
bool remove_dead_control_flow_outputs(Node* n);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/dead_code_elimination_impl.hpp"
#endif
