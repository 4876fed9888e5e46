// Definitions of ir/passes/unroll_loops.hpp.
#pragma once

#include "tjit/ir/passes/unroll_loops.hpp"

#include <unordered_map>

#include "tjit/ir/passes/pass_log.hpp"

namespace tjit::ir::passes {

namespace detail {

inline std::size_t count_nodes(const Block* b) {
  std::size_t n = 0;
  for (const Node* x : b->nodes()) {
    ++n;
    for (const Block* s : x->blocks()) n += count_nodes(s);
  }
  return n;
}

inline bool constant_true(const Value* v) {
  auto lit = v->node()->constantValue();
  return lit && lit->is_bool() && lit->to_bool();
}

inline bool unroll(Node* loop) {
  Block* body = loop->blocks()[0];
  auto trips = loop->input(0)->node()->constantValue();
  if (!trips || trips->tag() != Literal::Tag::Int) return false;
  const std::int64_t n = trips->to_int();
  if (n < 0 || n > 64 || !constant_true(loop->input(1)) || !constant_true(body->outputs()[0]))
    return false;
  if (static_cast<std::size_t>(n) * count_nodes(body) > 256) return false;
  Graph& g = *loop->owningGraph();
  std::vector<Value*> carried(loop->inputs().begin() + 2, loop->inputs().end());
  WithInsertPoint guard(loop);
  for (std::int64_t i = 0; i < n; ++i) {
    std::unordered_map<const Value*, Value*> env;
    env[body->inputs()[0]] = g.insertConstant(Literal(i));
    for (std::size_t k = 0; k < carried.size(); ++k) env[body->inputs()[1 + k]] = carried[k];
    auto map = [&](Value* v) -> Value* {
      auto it = env.find(v);
      return it == env.end() ? v : it->second;
    };
    for (Node* b : body->nodes()) {
      Node* c = g.insertNode(g.createClone(b, map));
      for (std::size_t k = 0; k < b->outputs().size(); ++k) env[b->outputs()[k]] = c->outputs()[k];
    }
    for (std::size_t k = 0; k < carried.size(); ++k) carried[k] = map(body->outputs()[1 + k]);
  }
  for (std::size_t k = 0; k < carried.size(); ++k) loop->outputs()[k]->replaceAllUsesWith(carried[k]);
  loop->destroy();
  return true;
}

inline bool unroll_block(Block* b) {
  bool changed = false;
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    Node* next = n->next();
    for (Block* s : n->blocks()) changed |= unroll_block(s);
    if (n->kind() == prim::Loop) changed |= unroll(n);
    n = next;
  }
  return changed;
}

}  // namespace detail

TJIT_DEF bool unroll_constant_loops(Graph& g) {
  bool changed = detail::unroll_block(g.block());
  log_pass("unroll_loops", g, changed);
  return changed;
}

}  // namespace tjit::ir::passes
