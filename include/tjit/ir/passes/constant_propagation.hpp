// tjit/ir/passes/constant_propagation.hpp — runs nodes whose inputs are all constants and puts
// constants of their results in their place (PyTorch's constant_propagation.cpp).
//
//   ir::passes::propagate_constants(g);                        // immutable types only
//   ir::passes::propagate_constants(g, {.immutable_types_only = false});   // freeze: tensors too
//
// Note [Constant propagation of immutable types]
// What torch.jit.script runs on every fresh graph (ConstantPropagationImmutableTypes): a node
// whose inputs are all constants, whose inputs and outputs have immutable types (int, float,
// bool, str, None, Device, tuples of them), and which has no side effects is run through the
// operator registry and replaced by constants of its results (no source range); a prim::If on
// a constant condition is replaced by the chosen block; a prim::Loop that cannot run is
// removed; If outputs equal in both branches and loop-carried values the body does not change
// are dropped. Callers run dead code elimination afterwards.
// With `immutable_types_only` false (what freezing runs), nodes on tensors and lists fold too,
// unless they are random, write to an input, or their results may be written to later
// (Note [Alias approximation] in effects.hpp) — a folded constant is shared by every run.
// Builds on ir/ and the runtime's operator registry (which runs the nodes).
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

struct ConstantPropagationOptions {
  bool immutable_types_only = true;
};

// Returns whether the graph changed.
bool propagate_constants(Graph& g, const ConstantPropagationOptions& options = {});

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/constant_propagation_impl.hpp"
#endif
