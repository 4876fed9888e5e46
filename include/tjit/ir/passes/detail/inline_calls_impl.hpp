// Definitions of ir/passes/inline_calls.hpp.
#pragma once

#include "tjit/ir/passes/inline_calls.hpp"

#include "tjit/ir/passes/pass_log.hpp"
#include "tjit/ir/type.hpp"
#include "tjit/runtime/function.hpp"

namespace tjit::ir::passes {

TJIT_DEF std::string called_function_name(const Node* call) {
  const Value* f = call->input(0);
  if (f->node()->kind() != prim::Constant || f->type()->kind() != TypeKind::FunctionType)
    return "";
  // As the interpreter reads it: the type's qualified name, or the constant's `name`.
  const std::string& tn = f->type()->name();
  if (!tn.empty() && tn != "Function") return tn;
  return f->node()->hasAttribute(attr::name) ? f->node()->s(attr::name) : "";
}

namespace detail {

inline bool inline_block(Block* b, const CalleeLookup& lookup, int depth) {
  TJIT_CHECK(depth < 200, "inline_calls: calls nest more than 200 deep (a recursive function?)");
  bool changed = false;
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    if (n->kind() == prim::CallFunction || n->kind() == prim::CallMethod) {
      if (auto callee = lookup(n)) {
        Node* prev = n->prev();
        // the callee's own calls are inlined first, on a copy
        std::shared_ptr<Graph> body = callee->copy();
        inline_block(body->block(), lookup, depth + 1);
        inlineCallTo(n, *body);
        changed = true;
        n = prev->next();
        // rescan from the first inlined node: only calls without a known callee remain there
        continue;
      }
    }
    for (Block* sb : n->blocks()) changed |= inline_block(sb, lookup, depth);
    n = n->next();
  }
  return changed;
}

}  // namespace detail

TJIT_DEF bool inline_calls(Graph& g, const CalleeLookup& lookup) {
  bool changed = detail::inline_block(g.block(), lookup, 0);
  log_pass("inline_calls", g, changed);
  return changed;
}

TJIT_DEF bool inline_calls(Graph& g, const runtime::CompilationUnit& cu) {
  return inline_calls(g, [&](Node* call) -> std::shared_ptr<Graph> {
    runtime::Function* f = nullptr;
    if (call->kind() == prim::CallFunction) {
      std::string name = called_function_name(call);
      if (!name.empty()) f = cu.find_function(name);
    } else {
      const TypePtr& t = call->input(0)->type();
      if (t->kind() == TypeKind::ClassType && t->classInfo())
        f = cu.find_method(t, call->s(attr::name));
    }
    return f ? f->graph() : nullptr;
  });
}

}  // namespace tjit::ir::passes
