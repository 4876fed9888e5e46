// tjit/ir/passes/effects.hpp — what the passes ask about a node before they move, merge or
// delete it: side effects, writes to inputs, outputs aliasing inputs, nondeterminism.
//
//   if (!ir::passes::has_side_effects(n) && !n->hasUses()) n->destroy();
//   if (ir::passes::may_be_mutated(v)) ...;   // some node writes to v or to a view of it
//
// Note [Alias approximation]
// tjit has no alias database yet. The passes use a conservative model instead: a node writes to
// its first input when it is an in-place operator (`aten::add_`, `aten::copy_`, any
// `aten::<name>_`) or a list/dict mutator (`aten::append`, `aten::_set_item`, ...); the outputs of
// view operators (`aten::view`, `aten::select`, `aten::t`, ...), of in-place operators and of
// containers built from a value (`prim::ListConstruct`, `prim::TupleConstruct`, list reads)
// alias their inputs. A value "may be mutated" when some node writes to it or to anything that
// aliases it through those edges. Everything else is assumed fresh (what PyTorch's schemas say
// of out-of-place operators).
// Builds on ir/graph.hpp.
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

// Prints, writes to an input, raises, calls, forks, reads or writes global state: the node
// must stay and keep its place relative to other such nodes.
bool has_side_effects(const Node* n);
// Writes to its first input (in-place tensor ops, list and dict mutators, prim::SetAttr on the
// object).
bool writes_to_first_input(const Node* n);
// An output may alias an input (views, in-place ops returning self, containers of inputs).
bool output_may_alias_input(const Node* n);
// Gives different results on each run (random ops, dropout in training).
bool is_nondeterministic(const Node* n);
// Some node of the graph writes to `v` or to a value aliasing it (Note [Alias approximation]).
bool may_be_mutated(const Value* v);
// The graph holds a node that writes to some value.
bool has_mutation(const Graph& g);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/effects_impl.hpp"
#endif
