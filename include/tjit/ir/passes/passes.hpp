// tjit/ir/passes/passes.hpp — every graph pass (one header each), and the pipeline freezing
// runs:
//
//   ir::passes::inline_calls(g, cu);             // inline_calls.hpp
//   ir::passes::optimize_graph(g);              // the passes below to a fixed point
//
// Each pass returns whether it changed the graph, leaves `g.lint()` clean, and prints the graph
// it changed when named in TJIT_JIT_LOG_LEVEL (pass_log.hpp).
// Builds on ir/ and the runtime's operator registry (constant propagation runs nodes).
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/ir/passes/common_subexpression_elimination.hpp"
#include "tjit/ir/passes/constant_pooling.hpp"
#include "tjit/ir/passes/constant_propagation.hpp"
#include "tjit/ir/passes/dead_code_elimination.hpp"
#include "tjit/ir/passes/effects.hpp"
#include "tjit/ir/passes/inline_calls.hpp"
#include "tjit/ir/passes/lower_tuples.hpp"
#include "tjit/ir/passes/pass_log.hpp"
#include "tjit/ir/passes/peephole.hpp"
#include "tjit/ir/passes/unroll_loops.hpp"

namespace tjit::ir::passes {

// Loop unrolling of constant trip counts, construct/unpack elimination, constant propagation (tensors included), peephole, CSE and
// dead code elimination, repeated until nothing changes, then constant pooling. Returns
// whether the graph changed.
bool optimize_graph(Graph& g);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/passes_impl.hpp"
#endif
