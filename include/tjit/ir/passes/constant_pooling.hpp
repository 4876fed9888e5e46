// tjit/ir/passes/constant_pooling.hpp — one prim::Constant per distinct value, all hoisted to
// the start of the graph (PyTorch's constant_pooling.cpp). Tensor constants are pooled when
// they are the same tensor object.
//
//   ir::passes::pool_constants(g);
//
// Builds on ir/graph.hpp.
#pragma once

#include <string>

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

// Returns whether the graph changed.
bool pool_constants(Graph& g);
// The pooling key of a constant node: type and value ("" when the node is not pooled).
std::string constant_key(const Node* n);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/constant_pooling_impl.hpp"
#endif
