// tjit/ir/passes/peephole.hpp — local simplifications (PyTorch's peephole.cpp), each exact:
// - `aten::__is__` / `aten::__isnot__` comparing None with a value whose type cannot be None
//   become constants;
// - `prim::unchecked_cast` / `aten::_unwrap_optional` to the type the value already has go;
// - `aten::__not__(aten::__not__(x))` is x;
// - shape checks for known ranks: `aten::dim(x)` is a constant when x's tensor type knows
//   its rank (tensor constants, traced types), and `aten::len(aten::size(x))` is `aten::dim(x)`.
//
//   ir::passes::peephole(g);
//
// Builds on ir/graph.hpp.
#pragma once

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

// Returns whether the graph changed.
bool peephole(Graph& g);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/peephole_impl.hpp"
#endif
