// Definitions of ir/passes/lower_tuples.hpp.
#pragma once

#include "tjit/ir/passes/lower_tuples.hpp"

#include <optional>

#include "tjit/ir/passes/effects.hpp"
#include "tjit/ir/passes/pass_log.hpp"

namespace tjit::ir::passes {

namespace detail {

inline std::optional<std::int64_t> constant_int(const Value* v) {
  auto lit = v->node()->constantValue();
  if (!lit || lit->tag() != Literal::Tag::Int) return std::nullopt;
  return lit->to_int();
}

inline bool lower_construct_unpack(Block* b, bool lists) {
  bool changed = false;
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    Node* next = n->next();
    for (Block* sb : n->blocks()) changed |= lower_construct_unpack(sb, lists);
    const Symbol k = n->kind();
    if (k == prim::TupleUnpack && n->input()->node()->kind() == prim::TupleConstruct) {
      Node* tc = n->input()->node();
      for (std::size_t i = 0; i < n->outputs().size(); ++i)
        n->output(i)->replaceAllUsesWith(tc->input(i));
      n->destroy();
      changed = true;
    } else if (k == prim::TupleIndex && n->input(0)->node()->kind() == prim::TupleConstruct &&
               n->input(1)->node()->kind() == prim::Constant) {
      Node* tc = n->input(0)->node();
      std::int64_t i = n->input(1)->node()->i(attr::value);
      if (i < 0) i += static_cast<std::int64_t>(tc->inputs().size());
      n->output()->replaceAllUsesWith(tc->input(static_cast<std::size_t>(i)));
      n->destroy();
      changed = true;
    } else if (lists && !n->inputs().empty() &&
               n->input(0)->node()->kind() == prim::ListConstruct &&
               !may_be_mutated(n->input(0))) {
      Node* lc = n->input(0)->node();
      const std::int64_t size = static_cast<std::int64_t>(lc->inputs().size());
      const std::string& ks = k.toQualString();
      if (k == prim::ListUnpack && static_cast<std::int64_t>(n->outputs().size()) == size) {
        for (std::size_t i = 0; i < n->outputs().size(); ++i)
          n->output(i)->replaceAllUsesWith(lc->input(i));
        n->destroy();
        changed = true;
      } else if (ks == "aten::__getitem__" && n->inputs().size() == 2) {
        auto i = constant_int(n->input(1));
        if (i && *i < 0) *i += size;
        if (i && *i >= 0 && *i < size &&
            lc->input(static_cast<std::size_t>(*i))->type()->equals(*n->output()->type())) {
          n->output()->replaceAllUsesWith(lc->input(static_cast<std::size_t>(*i)));
          n->destroy();
          changed = true;
        }
      } else if (ks == "aten::len" && n->inputs().size() == 1) {
        WithInsertPoint guard(n);
        Value* c = n->owningGraph()->insertConstant(Literal(size));
        n->output()->replaceAllUsesWith(c);
        n->destroy();
        changed = true;
      }
    }
    n = next;
  }
  return changed;
}

}  // namespace detail

TJIT_DEF bool lower_simple_tuples(Graph& g) {
  bool changed = detail::lower_construct_unpack(g.block(), false);
  log_pass("lower_tuples", g, changed);
  return changed;
}

TJIT_DEF bool eliminate_construct_unpack(Graph& g) {
  bool changed = detail::lower_construct_unpack(g.block(), true);
  log_pass("lower_tuples", g, changed);
  return changed;
}

}  // namespace tjit::ir::passes
