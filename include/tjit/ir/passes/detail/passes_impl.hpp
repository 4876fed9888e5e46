// Definitions of ir/passes/passes.hpp.
#pragma once

#include "tjit/ir/passes/passes.hpp"

namespace tjit::ir::passes {

TJIT_DEF bool optimize_graph(Graph& g) {
  bool any = false;
  for (int round = 0; round < 10; ++round) {
    bool changed = unroll_constant_loops(g);
    changed |= eliminate_construct_unpack(g);
    changed |= propagate_constants(g, {.immutable_types_only = false});
    changed |= peephole(g);
    changed |= eliminate_common_subexpressions(g);
    changed |= eliminate_dead_code(g);
    any |= changed;
    if (!changed) break;
  }
  any |= pool_constants(g);
  return any;
}

}  // namespace tjit::ir::passes
