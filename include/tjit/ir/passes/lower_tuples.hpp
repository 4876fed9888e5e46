// tjit/ir/passes/lower_tuples.hpp — construct/unpack elimination: `prim::TupleUnpack` and
// `prim::TupleIndex` (constant index) of a `prim::TupleConstruct` read its inputs directly
// (PyTorch's LowerSimpleTuples); `prim::ListUnpack`, `aten::__getitem__` (constant index) and
// `aten::len` of a `prim::ListConstruct` do the same for lists nobody writes to (Note [Alias
// approximation] in effects.hpp). The constructs left without uses go with dead code
// elimination.
//
//   ir::passes::lower_simple_tuples(g);              // tuples only (what scripting runs)
//   ir::passes::eliminate_construct_unpack(g);       // tuples and lists
//
// Builds on ir/graph.hpp and ir/passes/effects.hpp.
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

// Returns whether the graph changed.
bool lower_simple_tuples(Graph& g);
bool eliminate_construct_unpack(Graph& g);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/lower_tuples_impl.hpp"
#endif
