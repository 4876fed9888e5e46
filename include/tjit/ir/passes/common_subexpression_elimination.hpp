// tjit/ir/passes/common_subexpression_elimination.hpp — a node computing what an earlier node
// in scope already computed (same kind, same inputs, same attributes) reuses its outputs
// (PyTorch's common_subexpression_elimination.cpp). Left alone: nodes with side effects or
// blocks, random ops, prim::Constant (constant pooling merges those), attribute reads, nodes
// producing lists or dicts, and nodes reading or producing a value something writes to
// (Note [Alias approximation] in effects.hpp).
//
//   ir::passes::eliminate_common_subexpressions(g);
//
// Builds on ir/graph.hpp and ir/passes/effects.hpp.
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

// Returns whether the graph changed.
bool eliminate_common_subexpressions(Graph& g);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/common_subexpression_elimination_impl.hpp"
#endif
