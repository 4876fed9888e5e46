// Definitions of ir/passes/peephole.hpp.
#pragma once

#include "tjit/ir/passes/peephole.hpp"

#include "tjit/ir/passes/pass_log.hpp"
#include "tjit/ir/type.hpp"

namespace tjit::ir::passes {

namespace detail {

inline bool is_none_constant(const Value* v) {
  return v->node()->kind() == prim::Constant && v->type()->kind() == TypeKind::NoneType;
}

inline bool cannot_be_none(const Value* v) { return !Type::None()->isSubtypeOf(*v->type()); }

inline void replace_with_constant(Node* n, const Literal& lit) {
  WithInsertPoint guard(n);
  Value* c = n->owningGraph()->insertConstant(lit);
  n->output()->replaceAllUsesWith(c);
  n->destroy();
}

inline bool peephole_block(Block* b) {
  static const Symbol is = Symbol::fromQualString("aten::__is__");
  static const Symbol isnot = Symbol::fromQualString("aten::__isnot__");
  static const Symbol unwrap = Symbol::fromQualString("aten::_unwrap_optional");
  static const Symbol not_ = Symbol::fromQualString("aten::__not__");
  static const Symbol dim = Symbol::fromQualString("aten::dim");
  static const Symbol len = Symbol::fromQualString("aten::len");
  static const Symbol size = Symbol::fromQualString("aten::size");
  bool changed = false;
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    Node* next = n->next();
    for (Block* sb : n->blocks()) changed |= peephole_block(sb);
    const Symbol k = n->kind();
    if ((k == is || k == isnot) && n->inputs().size() == 2) {
      Value* a = n->input(0);
      Value* c = n->input(1);
      bool a_none = is_none_constant(a), c_none = is_none_constant(c);
      if ((a_none && cannot_be_none(c)) || (c_none && cannot_be_none(a))) {
        replace_with_constant(n, Literal(k == isnot));
        changed = true;
      }
    } else if ((k == prim::unchecked_cast || k == unwrap) && n->inputs().size() == 1 &&
               n->input()->type()->equals(*n->output()->type())) {
      n->output()->replaceAllUsesWith(n->input());
      n->destroy();
      changed = true;
    } else if (k == not_ && n->input()->node()->kind() == not_) {
      n->output()->replaceAllUsesWith(n->input()->node()->input());
      n->destroy();
      changed = true;
    } else if (k == dim && n->inputs().size() == 1) {
      const TensorInfo* info = n->input()->type()->tensorInfo();
      if (n->input()->type()->kind() == TypeKind::TensorType && info && info->sizes) {
        replace_with_constant(n, Literal(static_cast<std::int64_t>(info->sizes->size())));
        changed = true;
      }
    } else if (k == len && n->inputs().size() == 1 && n->input()->node()->kind() == size &&
               n->input()->node()->inputs().size() == 1) {
      WithInsertPoint guard(n);
      Node* d = n->owningGraph()->insertNodeOf(dim, {n->input()->node()->input()});
      d->output()->setType(Type::Int());
      n->output()->replaceAllUsesWith(d->output());
      n->destroy();
      changed = true;
    }
    n = next;
  }
  return changed;
}

}  // namespace detail

TJIT_DEF bool peephole(Graph& g) {
  bool changed = detail::peephole_block(g.block());
  log_pass("peephole", g, changed);
  return changed;
}

}  // namespace tjit::ir::passes
