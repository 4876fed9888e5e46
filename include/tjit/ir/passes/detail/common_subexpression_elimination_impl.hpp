// Definitions of ir/passes/common_subexpression_elimination.hpp.
#pragma once

#include "tjit/ir/passes/common_subexpression_elimination.hpp"

#include <cstring>
#include <sstream>
#include <string>
#include <unordered_map>

#include "tjit/ir/passes/effects.hpp"
#include "tjit/ir/passes/pass_log.hpp"
#include "tjit/ir/type.hpp"

namespace tjit::ir::passes {

namespace detail {

// The node's identity as a string, or "" when the node must not be merged.
inline std::string cse_key(Node* n) {
  const Symbol k = n->kind();
  if (k == prim::Constant || k == prim::GetAttr || k == prim::SetAttr || k == prim::Param ||
      k == prim::Return || k == prim::Uninitialized || k == prim::CreateObject ||
      !n->blocks().empty() || n->outputs().empty())
    return "";
  if (has_side_effects(n) || is_nondeterministic(n)) return "";
  for (Value* o : n->outputs()) {
    TypeKind tk = o->type()->kind();
    if (tk == TypeKind::ListType || tk == TypeKind::DictType || tk == TypeKind::ClassType ||
        tk == TypeKind::FutureType || tk == TypeKind::AnyType)
      return "";
    if (may_be_mutated(o)) return "";
  }
  for (Value* v : n->inputs())
    if (v->type()->kind() != TypeKind::IntType && v->type()->kind() != TypeKind::FloatType &&
        v->type()->kind() != TypeKind::BoolType && may_be_mutated(v))
      return "";
  std::ostringstream s;
  s << k.toQualString() << "(";
  for (Value* v : n->inputs()) s << static_cast<const void*>(v) << ",";
  s << ")";
  for (Symbol a : n->attributeNames()) {
    s << "[" << a.toQualString() << "=";
    switch (n->kindOf(a)) {
      case AttributeKind::i: s << n->i(a); break;
      case AttributeKind::f: {
        double d = n->f(a);
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof d);
        s << bits;
        break;
      }
      case AttributeKind::s: s << n->s(a).size() << ":" << n->s(a); break;
      case AttributeKind::is:
        for (auto x : n->is(a)) s << x << ",";
        break;
      case AttributeKind::ival: s << n->ival(a).repr(); break;
      case AttributeKind::ty: s << n->ty(a)->str(); break;
      default: return "";  // tensors, graphs: never merged
    }
    s << "]";
  }
  for (Value* o : n->outputs()) s << "->" << o->type()->str();
  return s.str();
}

inline bool cse_block(Block* b, std::unordered_map<std::string, Node*> seen) {
  bool changed = false;
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    Node* next = n->next();
    for (Block* sb : n->blocks()) changed |= cse_block(sb, seen);
    std::string key = cse_key(n);
    if (!key.empty()) {
      auto it = seen.find(key);
      if (it != seen.end()) {
        for (std::size_t i = 0; i < n->outputs().size(); ++i)
          n->output(i)->replaceAllUsesWith(it->second->output(i));
        n->destroy();
        changed = true;
      } else {
        seen.emplace(std::move(key), n);
      }
    }
    n = next;
  }
  return changed;
}

}  // namespace detail

TJIT_DEF bool eliminate_common_subexpressions(Graph& g) {
  bool changed = detail::cse_block(g.block(), {});
  log_pass("common_subexpression_elimination", g, changed);
  return changed;
}

}  // namespace tjit::ir::passes
