// Definitions of ir/passes/dead_code_elimination.hpp.
#pragma once

#include "tjit/ir/passes/dead_code_elimination.hpp"
#include "tjit/ir/passes/effects.hpp"
#include "tjit/ir/passes/pass_log.hpp"

namespace tjit::ir::passes {

TJIT_DEF bool remove_dead_control_flow_outputs(Node* n) {
  bool changed = false;
  if (n->kind() == prim::If) {
    for (std::size_t k = n->outputs().size(); k > 0; --k) {
      std::size_t i = k - 1;
      if (n->outputs()[i]->hasUses()) continue;
      n->eraseOutput(i);
      for (Block* b : n->blocks()) b->eraseOutput(i);
      changed = true;
    }
  } else if (n->kind() == prim::Loop) {
    Block* body = n->blocks()[0];
    for (std::size_t k = n->outputs().size(); k > 0; --k) {
      std::size_t i = k - 1;
      if (n->outputs()[i]->hasUses() || body->inputs()[1 + i]->hasUses()) continue;
      n->eraseOutput(i);
      n->removeInput(2 + i);
      body->eraseInput(1 + i);
      body->eraseOutput(1 + i);
      changed = true;
    }
  }
  return changed;
}

TJIT_DEF bool eliminate_dead_code(Block* b) {
  bool changed = false;
  for (Node* n = b->return_node()->prev(); n != b->param_node();) {
    Node* prev = n->prev();
    changed |= remove_dead_control_flow_outputs(n);
    for (Block* sb : n->blocks()) changed |= eliminate_dead_code(sb);
    bool used = false;
    for (Value* o : n->outputs()) used = used || o->hasUses();
    bool removable = !used && !has_side_effects(n);
    if (removable && !n->blocks().empty()) {
      // control flow without used outputs: removable only once its blocks are empty
      for (Block* sb : n->blocks())
        if (!sb->nodes().empty()) removable = false;
    }
    if (removable) {
      n->destroy();
      changed = true;
    }
    n = prev;
  }
  return changed;
}

TJIT_DEF bool eliminate_dead_code(Graph& g) {
  bool changed = eliminate_dead_code(g.block());
  log_pass("dead_code_elimination", g, changed);
  return changed;
}

}  // namespace tjit::ir::passes
