// Definitions of ir/passes/constant_propagation.hpp (Note [Constant propagation of immutable
// types] there).
#pragma once

#include "tjit/ir/passes/constant_propagation.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tjit/ir/passes/constant_pooling.hpp"
#include "tjit/ir/passes/effects.hpp"
#include "tjit/ir/passes/pass_log.hpp"
#include "tjit/ir/type.hpp"
#include "tjit/runtime/operator.hpp"

namespace tjit::ir::passes {

namespace detail {

inline bool mutable_type(const TypePtr& t) {
  using K = TypeKind;
  switch (t->kind()) {
    case K::IntType: case K::FloatType: case K::BoolType: case K::StringType: case K::NoneType:
    case K::DeviceObjType: case K::NumberType: case K::ComplexType: case K::LayoutType:
    case K::ScalarTypeType: case K::MemoryFormatType: case K::EnumType: case K::FunctionType:
    case K::QSchemeType: case K::SymIntType:
      return false;
    case K::OptionalType: case K::TupleType: case K::UnionType:
      for (const auto& c : t->containedTypes())
        if (mutable_type(c)) return true;
      return false;
    default: return true;
  }
}

struct ConstantPropagator {
  bool made_change = false;
  bool immutable_only = true;

  static bool all_constant_inputs(Node* n) {
    for (Value* v : n->inputs())
      if (v->node()->kind() != prim::Constant) return false;
    return true;
  }
  // Outputs a folded node may have outside immutable mode: tensors and lists of scalars.
  static bool foldable_output(const TypePtr& t) {
    if (!mutable_type(t)) return true;
    if (t->kind() == TypeKind::TensorType) return true;
    if (t->kind() == TypeKind::ListType) {
      const TypePtr& e = t->containedTypes()[0];
      return e->kind() == TypeKind::IntType || e->kind() == TypeKind::FloatType ||
             e->kind() == TypeKind::BoolType;
    }
    return false;
  }

  bool supported(Node* n) const {
    static const std::set<std::string> skip = {
        "prim::If", "prim::Loop", "prim::Closure", "prim::Constant", "prim::AutogradZero",
        "prim::Uninitialized", "prim::Guard", "prim::profile", "prim::profile_ivalue",
        "prim::unchecked_unwrap_optional", "aten::dequantize", "prim::Print",
        "prim::RaiseException", "prim::SetAttr", "aten::warn", "prim::CallFunction",
        "prim::CallMethod", "prim::Enter", "prim::Exit", "aten::wait", "prim::fork",
        "prim::CreateObject", "prim::GetAttr", "prim::isinstance", "prim::unchecked_cast",
        "prim::TupleUnpack", "prim::ListUnpack"};
    if (!n->blocks().empty() || skip.count(n->kind().toQualString())) return false;
    // Operators without inputs read global state (aten::is_grad_enabled, ...): PyTorch
    // registers them as conservative, i.e. with side effects.
    if (n->inputs().empty()) return false;
    if (!immutable_only) {
      if (has_side_effects(n) || writes_to_first_input(n) || is_nondeterministic(n)) return false;
      for (Value* v : n->outputs())
        if (!foldable_output(v->type()) || (mutable_type(v->type()) && may_be_mutated(v)))
          return false;
      return true;
    }
    for (Value* v : n->inputs())
      if (mutable_type(v->type())) return false;
    for (Value* v : n->outputs())
      if (mutable_type(v->type())) return false;
    return true;
  }

  // The node's results when it runs on its constant inputs; nullopt when it cannot run.
  static std::optional<std::vector<runtime::IValue>> run_node(Node* n) {
    runtime::Stack stack;
    for (Value* v : n->inputs()) {
      auto lit = v->node()->constantValue();
      if (!lit) return std::nullopt;
      stack.push_back(runtime::from_literal(*lit, v->type()));
    }
    const std::string& k = n->kind().toQualString();
    if (k == "prim::TupleConstruct") {
      if (n->output()->type()->isNamedTuple()) return std::nullopt;
      runtime::IValue t(runtime::make_tuple(std::vector<runtime::IValue>(stack.begin(), stack.end())));
      return std::vector<runtime::IValue>{t};
    }
    if (k == "prim::ListConstruct") {
      const TypePtr& t = n->output()->type();
      if (t->kind() != TypeKind::ListType) return std::nullopt;
      runtime::IValue l(runtime::make_list(t->containedTypes()[0],
                                           std::vector<runtime::IValue>(stack.begin(), stack.end())));
      return std::vector<runtime::IValue>{l};
    }
    if (k == "prim::TupleIndex") {
      if (!stack[0].isTuple() || !stack[1].isInt()) return std::nullopt;
      const auto& elems = stack[0].toTupleRef().elements();
      std::int64_t i = stack[1].toInt();
      if (i < 0) i += static_cast<std::int64_t>(elems.size());
      if (i < 0 || i >= static_cast<std::int64_t>(elems.size())) return std::nullopt;
      return std::vector<runtime::IValue>{elems[static_cast<std::size_t>(i)]};
    }
    const runtime::Operator* op = runtime::OperatorRegistry::instance().match(n);
    if (!op || op->isSpecial() || op->schema().is_vararg()) return std::nullopt;
    try {
      op->fn()(stack);
    } catch (...) {
      return std::nullopt;
    }
    if (stack.size() != n->outputs().size()) return std::nullopt;
    return std::vector<runtime::IValue>(stack.begin(), stack.end());
  }

  void propagate_node(Node* n) {
    auto outs = run_node(n);
    if (!outs) return;
    Graph& g = *n->owningGraph();
    WithInsertPoint guard(n);
    for (std::size_t i = 0; i < outs->size(); ++i) {
      auto lit = runtime::to_literal((*outs)[i]);
      if (!lit) continue;
      Node* c;
      try {
        const TypePtr& ot = n->outputs()[i]->type();
        bool typed = (*outs)[i].isNone() || ot->kind() == TypeKind::ListType;
        c = g.createConstant(*lit, typed ? ot : nullptr);
      } catch (const Error&) {
        continue;
      }
      g.insertNode(c);
      made_change = true;
      n->outputs()[i]->replaceAllUsesWith(c->output());
    }
  }

  void inline_if(Node* n) {
    bool cond = n->input(0)->node()->i(attr::value) != 0;
    Block* body = n->blocks()[cond ? 0 : 1];
    run(body);
    for (Node* b = body->nodes().front(); b != body->return_node();) {
      Node* next = b->next();
      b->moveBefore(n);
      b = next;
    }
    for (std::size_t i = 0; i < n->outputs().size(); ++i)
      n->outputs()[i]->replaceAllUsesWith(body->outputs()[i]);
    n->destroy();
    made_change = true;
  }

  static bool same_constant(Value* a, Value* b) {
    Node* x = a->node();
    Node* y = b->node();
    if (x->kind() != prim::Constant || y->kind() != prim::Constant) return false;
    if (!a->type()->equals(*b->type())) return false;
    auto la = x->constantValue(), lb = y->constantValue();
    if (!la || !lb) return false;
    if (a->type()->kind() == TypeKind::TensorType) return false;
    return la->repr() == lb->repr() && constant_key(x) == constant_key(y);
  }

  void remove_extra_if_outputs(Node* n) {
    Block* tb = n->blocks()[0];
    Block* fb = n->blocks()[1];
    std::size_t initial = tb->outputs().size();
    Graph& g = *n->owningGraph();
    WithInsertPoint guard(n);
    for (std::size_t i = 0; i < tb->outputs().size();) {
      Value* t = tb->outputs()[i];
      Value* f = fb->outputs()[i];
      if (t == f) {
        n->outputs()[i]->replaceAllUsesWith(t);
        n->eraseOutput(i);
        tb->eraseOutput(i);
        fb->eraseOutput(i);
        continue;
      }
      if (same_constant(t, f)) {
        Node* c = g.createClone(t->node(), [](Value* v) { return v; });
        c->setSourceRange(SourceRange());
        g.insertNode(c);
        n->outputs()[i]->replaceAllUsesWith(c->output());
        n->eraseOutput(i);
        tb->eraseOutput(i);
        fb->eraseOutput(i);
        continue;
      }
      ++i;
    }
    if (initial != tb->outputs().size()) made_change = true;
  }

  void remove_extra_loop_outputs(Node* n) {
    Block* body = n->blocks()[0];
    std::size_t initial = n->outputs().size();
    for (std::size_t k = n->outputs().size(); k > 0; --k) {
      std::size_t i = k - 1;
      if (body->inputs()[1 + i] == body->outputs()[1 + i]) {
        Value* in = n->input(2 + i);
        n->outputs()[i]->replaceAllUsesWith(in);
        body->inputs()[1 + i]->replaceAllUsesWith(in);
        n->eraseOutput(i);
        n->removeInput(2 + i);
        body->eraseInput(1 + i);
        body->eraseOutput(1 + i);
      }
    }
    if (initial != n->outputs().size()) made_change = true;
  }

  static bool loop_will_not_run(Node* n) {
    std::int64_t trips = 1;
    bool cond = true;
    Node* t = n->input(0)->node();
    if (t->kind() == prim::Constant && n->input(0)->type()->kind() == TypeKind::IntType)
      trips = t->i(attr::value);
    Node* c = n->input(1)->node();
    if (c->kind() == prim::Constant && n->input(1)->type()->kind() == TypeKind::BoolType)
      cond = c->i(attr::value) != 0;
    return !(cond && trips > 0);
  }

  void propagate(Node* n) {
    bool constant_inputs = all_constant_inputs(n);
    if (n->kind() == prim::If) {
      if (constant_inputs) {
        inline_if(n);
      } else {
        for (Block* b : n->blocks()) run(b);
        remove_extra_if_outputs(n);
      }
    } else if (n->kind() == prim::Loop) {
      if (loop_will_not_run(n)) {
        for (std::size_t i = 0; i < n->outputs().size(); ++i)
          n->outputs()[i]->replaceAllUsesWith(n->input(2 + i));
        n->destroy();
        made_change = true;
      } else {
        for (Block* b : n->blocks()) run(b);
        remove_extra_loop_outputs(n);
      }
    } else if (constant_inputs && supported(n)) {
      propagate_node(n);
    } else {
      for (Block* b : n->blocks()) run(b);
    }
  }

  void run(Block* b) {
    for (Node* n = b->nodes().front(); n != b->return_node();) {
      Node* next = n->next();
      propagate(n);
      n = next;
    }
  }
};

}  // namespace detail

TJIT_DEF bool propagate_constants(Graph& g, const ConstantPropagationOptions& options) {
  detail::ConstantPropagator cp;
  cp.immutable_only = options.immutable_types_only;
  cp.run(g.block());
  log_pass("constant_propagation", g, cp.made_change);
  return cp.made_change;
}

}  // namespace tjit::ir::passes
