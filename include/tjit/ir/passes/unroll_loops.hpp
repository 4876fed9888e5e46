// tjit/ir/passes/unroll_loops.hpp — fully unrolls `for` loops with a constant trip count
// (prim::Loop whose trip count is a constant int, whose start and continue conditions are the
// constant true) when the copies stay small: trip count × body nodes ≤ 256 (PyTorch's
// loop_unrolling.cpp unrolls constant trip counts the same way). The iteration number becomes
// a constant in each copy, so constant propagation can fold what depends on it.
//
//   ir::passes::unroll_constant_loops(g);
//
// Builds on ir/graph.hpp.
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

// Returns whether the graph changed.
bool unroll_constant_loops(Graph& g);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/unroll_loops_impl.hpp"
#endif
