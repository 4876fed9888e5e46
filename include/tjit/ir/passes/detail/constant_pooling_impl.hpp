// Definitions of ir/passes/constant_pooling.hpp.
#pragma once

#include "tjit/ir/passes/constant_pooling.hpp"

#include <sstream>
#include <unordered_map>

#include "tjit/ir/passes/pass_log.hpp"

namespace tjit::ir::passes {

TJIT_DEF std::string constant_key(const Node* n) {
  std::ostringstream s;
  s << n->output()->type()->str() << "|";
  if (n->hasAttribute(attr::value)) {
    switch (n->kindOf(attr::value)) {
      case AttributeKind::i: s << "i" << n->i(attr::value); break;
      case AttributeKind::f: {
        double d = n->f(attr::value);
        s << "f";
        s.write(reinterpret_cast<const char*>(&d), sizeof d);
        break;
      }
      case AttributeKind::s: s << "s" << n->s(attr::value); break;
      case AttributeKind::ival: s << "v" << n->ival(attr::value).repr(); break;  // lists, tuples
      case AttributeKind::t: s << "t" << static_cast<const void*>(n->t(attr::value).get()); break;
      default: return "";  // not pooled
    }
  } else if (n->hasAttribute(attr::name)) {
    s << "n" << n->s(attr::name);
  } else {
    s << "none";
  }
  return s.str();
}

namespace detail {

inline bool pool_constants(Block* b, std::unordered_map<std::string, Node*>& seen) {
  bool changed = false;
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    Node* next = n->next();
    if (!n->blocks().empty()) {
      for (Block* sb : n->blocks()) changed |= pool_constants(sb, seen);
      n = next;
      continue;
    }
    if (n->kind() != prim::Constant) {
      n = next;
      continue;
    }
    std::string key = constant_key(n);
    if (!key.empty()) {
      auto it = seen.find(key);
      if (it != seen.end()) {
        n->output()->replaceAllUsesWith(it->second->output());
        n->destroy();
        changed = true;
        n = next;
        continue;
      }
      seen.emplace(key, n);
    }
    Node* first = n->owningGraph()->block()->nodes().front();
    if (n != first) {
      n->moveBefore(first);
      changed = true;
    }
    n = next;
  }
  return changed;
}

}  // namespace detail

TJIT_DEF bool pool_constants(Graph& g) {
  std::unordered_map<std::string, Node*> seen;
  bool changed = detail::pool_constants(g.block(), seen);
  log_pass("constant_pooling", g, changed);
  return changed;
}

}  // namespace tjit::ir::passes
