// tjit/ir/passes/inline_calls.hpp — replaces `prim::CallFunction` and `prim::CallMethod` by the
// body of the function or method they call, recursively (PyTorch's inliner.cpp). Calls whose
// callee is unknown statically (a method of an interface, a function value that is not a
// constant) stay.
//
//   ir::passes::inline_calls(g, cu);    // callees looked up in a CompilationUnit
//   ir::passes::inline_calls(g, [&](ir::Node* call) -> std::shared_ptr<ir::Graph> { ... });
//
// Builds on ir/graph.hpp; the CompilationUnit overload on runtime/function.hpp.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"

namespace tjit::runtime {
class CompilationUnit;
}

namespace tjit::ir::passes {

// The graph a call node runs, or null when it is not known.
using CalleeLookup = std::function<std::shared_ptr<Graph>(Node* call)>;

// Returns whether the graph changed.
bool inline_calls(Graph& g, const CalleeLookup& lookup);
bool inline_calls(Graph& g, const runtime::CompilationUnit& cu);
// The qualified name a prim::CallFunction calls ("__torch__.f"), or "" when not a constant.
std::string called_function_name(const Node* call);

}  // namespace tjit::ir::passes

#ifdef TJIT_HEADER_ONLY
#include "tjit/ir/passes/detail/inline_calls_impl.hpp"
#endif
