// Definitions of the emitter's graph passes (frontend/emitter.hpp): conversion of prim::Load /
// prim::Store to SSA with the exit transforms (PyTorch's convert_to_ssa.cpp,
// inline_loop_condition.cpp, exit_transforms.cpp) and the cleanups PyTorch runs on a freshly
// emitted graph (lowering of simple tuples, dead code elimination, constant propagation and
// pooling: the passes of ir/passes/, run in PyTorch's order).
#pragma once

#include "tjit/frontend/emitter.hpp"

#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "tjit/ir/passes/constant_pooling.hpp"
#include "tjit/ir/passes/constant_propagation.hpp"
#include "tjit/ir/passes/dead_code_elimination.hpp"
#include "tjit/ir/passes/lower_tuples.hpp"
#include "tjit/ir/type.hpp"
#include "tjit/runtime/operator.hpp"

namespace tjit::frontend::detail {

using ir::Block;
using ir::Graph;
using ir::Node;
using ir::Symbol;
using ir::TypePtr;
using ir::Value;

namespace passes {

inline Symbol sym(const char* qual) { return Symbol::fromQualString(qual); }

inline bool meaningful(const std::string& name) {
  if (name.empty() || name[0] == '$') return false;
  if (name[0] != '_') return true;
  for (std::size_t i = 1; i < name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return true;
  return false;
}

template <class T>
struct MiniEnv {
  MiniEnv(Block* b, std::shared_ptr<MiniEnv> next) : b(b), next(std::move(next)) {}
  Block* b;
  std::shared_ptr<MiniEnv> next;
  std::map<std::string, T> table;
  T findInThisFrame(const std::string& n) {
    auto it = table.find(n);
    return it == table.end() ? T{} : it->second;
  }
  T findInAnyFrame(const std::string& n) {
    for (auto* e = this; e; e = e->next.get())
      if (auto it = e->table.find(n); it != e->table.end()) return it->second;
    return T{};
  }
};

inline Node* create_load(Graph& g, const std::string& name, const TypePtr& type) {
  Node* n = g.create(sym("prim::Load"), 1);
  n->s_(ir::attr::name, name);
  n->output()->setType(type);
  return n;
}
inline Node* create_store(Graph& g, const std::string& name, Value* v) {
  Node* n = g.create(sym("prim::Store"), {v}, 0);
  n->s_(ir::attr::name, name);
  return n;
}

struct ControlFlowLoadStores {
  using Env = MiniEnv<TypePtr>;
  std::shared_ptr<Env> env;

  static void addBlockInput(Block* b, const TypePtr& t, const std::string& name) {
    Graph& g = *b->owningGraph();
    create_store(g, name, b->addInput(name)->setType(t))->insertAfter(b->param_node());
  }
  static void addBlockOutput(Block* b, const TypePtr& t, const std::string& name) {
    ir::WithInsertPoint guard(b);
    Graph& g = *b->owningGraph();
    Value* v = g.insertNode(create_load(g, name, t))->output();
    b->registerOutput(v);
  }
  static void addNodeOutput(Node* n, const TypePtr& t, const std::string& name) {
    Value* out = n->addOutput()->setType(t);
    if (meaningful(name)) out->setDebugName(name);
    create_store(*n->owningGraph(), name, out)->insertAfter(n);
  }
  static void addNodeInput(Node* n, const TypePtr& t, const std::string& name) {
    Value* in = create_load(*n->owningGraph(), name, t)->insertBefore(n)->output();
    n->addInput(in);
  }

  void addIf(Node* n) {
    auto tv = add(n->blocks()[0]);
    auto fv = add(n->blocks()[1]);
    std::set<std::string> mutated;
    for (auto& [v, t] : tv->table)
      if (fv->findInAnyFrame(v)) mutated.insert(v);
    for (auto& [v, t] : fv->table)
      if (tv->findInAnyFrame(v)) mutated.insert(v);
    for (const auto& x : mutated) {
      auto tt = tv->findInAnyFrame(x), ft = fv->findInAnyFrame(x);
      auto u = ir::unifyTypes(tt, ft);
      if (!u) continue;
      addBlockOutput(n->blocks()[0], tt, x);
      addBlockOutput(n->blocks()[1], ft, x);
      addNodeOutput(n, *u, x);
    }
  }
  void addLoop(Node* n) {
    Block* body = n->blocks()[0];
    auto lv = add(body);
    for (auto& [name, bt] : lv->table) {
      auto parent = env->findInAnyFrame(name);
      if (!parent) continue;
      auto u = *ir::unifyTypes(parent, bt);
      addNodeInput(n, parent, name);
      addBlockInput(body, u, name);
      addBlockOutput(body, bt, name);
      addNodeOutput(n, u, name);
    }
  }
  std::shared_ptr<Env> add(Block* b) {
    env = std::make_shared<Env>(b, env);
    for (Node* n : b->nodes()) {
      if (n->kind() == ir::prim::If)
        addIf(n);
      else if (n->kind() == ir::prim::Loop)
        addLoop(n);
      else if (n->kind() == ir::prim::Closure)
        for (Block* c : n->blocks()) add(c);
      else if (n->kind() == sym("prim::Store"))
        env->table[n->s(ir::attr::name)] = n->input()->type();
      else if (n->kind() == sym("prim::ComprehensionScope"))
        add(n->blocks()[0]);
    }
    auto old = env;
    env = env->next;
    return old;
  }
};

struct EraseLoadStores {
  using Env = MiniEnv<Value*>;
  std::shared_ptr<Env> env;
  void run(Block* b) {
    env = std::make_shared<Env>(b, env);
    for (auto it = b->nodes().begin(); it != b->nodes().end();) {
      Node* n = *it;
      ++it;
      if (n->kind() == sym("prim::Store")) {
        env->table[n->s(ir::attr::name)] = n->input();
        n->destroy();
      } else if (n->kind() == sym("prim::Load")) {
        Value* var = env->findInAnyFrame(n->s(ir::attr::name));
        TJIT_CHECK(var, "typechecking should ensure ", n->s(ir::attr::name), " is set");
        n->output()->replaceAllUsesWith(var);
        n->destroy();
      } else if (n->kind() == sym("prim::ComprehensionScope")) {
        Block* body = n->blocks()[0];
        run(body);
        for (auto bi = body->nodes().begin(); bi != body->nodes().end();) {
          Node* bn = *bi;
          ++bi;
          bn->moveBefore(n);
        }
        n->destroy();
      } else {
        for (Block* sb : n->blocks()) run(sb);
      }
    }
    env = env->next;
  }
};

inline void inline_block_before_node(Node* before, Block* b) {
  for (auto it = b->nodes().begin(); it != b->nodes().end();) {
    Node* n = *it;
    ++it;
    n->moveBefore(before);
  }
}

struct LoopContinuations {
  Graph* graph = nullptr;
  Value* false_val = nullptr;
  Node* curr_loop = nullptr;

  void addLoopCarriedOutputs(Node* n) {
    ir::WithInsertPoint guard(n);
    Node* cont = curr_loop->blocks()[0]->return_node();
    for (Value* out : cont->inputs()) {
      Node* load = out->node();
      TJIT_CHECK(load->kind() == sym("prim::Load"), "loop-carried output is not a load");
      Node* nl = graph->insertNode(graph->createClone(load, [](Value* v) { return v; }));
      n->addInput(nl->output());
    }
  }
  void assign(Block* b) {
    for (auto it = b->nodes().begin(); it != b->nodes().end();) {
      Node* n = *it;
      ++it;
      if (n->kind() == ir::prim::If) {
        assign(n->blocks()[0]);
        assign(n->blocks()[1]);
      } else if (n->kind() == ir::prim::Closure) {
        LoopContinuations inner;
        inner.run(n->blocks()[0]);
      } else if (n->kind() == ir::prim::Loop) {
        Node* prev = curr_loop;
        curr_loop = n;
        assign(n->blocks()[0]);
        curr_loop = prev;
      } else if (n->kind() == sym("prim::ContinueStmt")) {
        Node* lc = graph->create(sym("prim::LoopContinuation"), 0)->insertAfter(n);
        Block* header = lc->addBlock();
        header->cloneFrom(curr_loop->blocks()[1], [](Value* v) { return v; });
        inline_block_before_node(n, header);
        lc->addInput(header->outputs()[0]);
        lc->eraseBlock(0);
        addLoopCarriedOutputs(lc);
        n->destroy();
      } else if (n->kind() == sym("prim::BreakStmt")) {
        Node* lc = graph->create(sym("prim::LoopContinuation"), 0)->insertAfter(n);
        lc->addInput(false_val);
        addLoopCarriedOutputs(lc);
        n->destroy();
      }
    }
  }
  void run(Block* b) {
    graph = b->owningGraph();
    {
      ir::WithInsertPoint guard(b->nodes().front());
      Node* c = graph->createConstant(ir::Literal(false));
      graph->insertNode(c);
      false_val = c->output();
    }
    assign(b);
  }
};

inline void inline_loop_condition(Node* n) {
  Block* body = n->blocks()[0];
  Block* pre_header = n->blocks()[1];
  Block* header = n->addBlock();
  header->cloneFrom(pre_header, [](Value* v) { return v; });
  inline_block_before_node(n, header);
  n->insertInput(1, header->outputs()[0]);
  n->eraseBlock(2);
  inline_block_before_node(body->return_node(), pre_header);
  body->insertOutput(0, pre_header->outputs()[0]);
  n->eraseBlock(1);
}
inline void inline_loop_condition(Block* b) {
  for (Node* n : b->nodes()) {
    for (Block* sb : n->blocks()) inline_loop_condition(sb);
    if (n->kind() == ir::prim::Loop) inline_loop_condition(n);
  }
}

// ---------------------------------------------------------------- exit transforms

enum class ExitStatus { WILL, MIGHT, WONT, THROWS };

struct ExitPair {
  Value* has_exited;
  std::vector<Value*> values;
};

struct ExitTransformer {
  explicit ExitTransformer(Graph& g) : graph(&g) {
    ir::WithInsertPoint guard(g.block()->nodes().front());
    Node* t = g.createConstant(ir::Literal(true));
    g.insertNode(t);
    true_val = t->output();
    Node* f = g.createConstant(ir::Literal(false));
    g.insertNode(f);
    false_val = f->output();
    throws_val = unit(ir::Type::Bool());
  }

  Graph* graph;
  Value* true_val;
  Value* false_val;
  Value* throws_val;
  Symbol exit_kind;
  Block* target = nullptr;
  std::vector<std::pair<TypePtr, Value*>> units;

  Value* unit(const TypePtr& t) {
    for (auto& [ty, v] : units)
      if (ty == t || ty->equals(*t)) return v;
    Value* v = graph->createUninitialized(t)->insertAfter(graph->param_node())->output();
    units.emplace_back(t, v);
    return v;
  }

  ExitPair throws() { return {throws_val, {}}; }
  ExitPair wont() { return {false_val, {}}; }
  ExitStatus status(const ExitPair& p) {
    if (p.has_exited == true_val) return ExitStatus::WILL;
    if (p.has_exited == false_val) return ExitStatus::WONT;
    if (p.has_exited == throws_val) return ExitStatus::THROWS;
    return ExitStatus::MIGHT;
  }
  static bool graph_or_closure(Block* b) {
    return b->owningNode() == nullptr || b->owningNode()->kind() == ir::prim::Closure;
  }
  static void register_outputs(Block* b, const std::vector<Value*>& outs) {
    for (Value* v : outs) b->registerOutput(v);
  }
  static void replace_outputs(Block* b, const std::vector<Value*>& outs) {
    while (!b->outputs().empty()) b->eraseOutput(0);
    register_outputs(b, outs);
  }
  static void add_if_outputs(Node* n, const std::vector<Value*>& t, const std::vector<Value*>& f) {
    register_outputs(n->blocks()[0], t);
    register_outputs(n->blocks()[1], f);
    for (std::size_t i = 0; i < t.size(); ++i) {
      auto u = ir::unifyTypes(t[i]->type(), f[i]->type(), /*default_to_union=*/true);
      n->addOutput()->setType(*u);
    }
  }
  std::vector<Value*> uninit_like(const std::vector<Value*>& vals) {
    std::vector<Value*> out;
    for (Value* v : vals) out.push_back(unit(v->type()));
    return out;
  }

  ExitPair transform_loop(Node* node) {
    Block* body = node->blocks()[0];
    ExitPair p = transform(body);
    if (status(p) == ExitStatus::WONT || status(p) == ExitStatus::THROWS) return wont();
    ir::WithInsertPoint guard(body);
    Node* nif = graph->insertNode(graph->create(ir::prim::If, 0));
    nif->addInput(p.has_exited);
    nif->addBlock()->registerOutput(false_val);
    nif->addBlock()->registerOutput(body->outputs()[0]);
    Value* new_cond = nif->addOutput()->setType(ir::Type::Bool());
    body->eraseOutput(0);
    body->insertOutput(0, new_cond);
    node->addInput(false_val);
    body->addInput()->setType(ir::Type::Bool());
    body->registerOutput(p.has_exited);
    Value* new_has_exited = node->addOutput()->setType(ir::Type::Bool());
    for (Value* ev : p.values) {
      auto t = ev->type();
      node->addInput(unit(t));
      node->addOutput()->setType(t);
      body->addInput()->setType(t);
      body->registerOutput(ev);
    }
    std::vector<Value*> exit_vals(node->outputs().end() - static_cast<std::ptrdiff_t>(p.values.size()),
                                  node->outputs().end());
    return {new_has_exited, exit_vals};
  }

  static ExitStatus if_status(ExitStatus t, ExitStatus f) {
    if (t == ExitStatus::THROWS) return f;
    if (f == ExitStatus::THROWS) return t;
    if (t == ExitStatus::WONT && f == ExitStatus::WONT) return ExitStatus::WONT;
    if (t == ExitStatus::WILL && f == ExitStatus::WILL) return ExitStatus::WILL;
    return ExitStatus::MIGHT;
  }

  ExitPair transform_if(Node* node) {
    ExitPair tp = transform(node->blocks()[0]);
    ExitPair fp = transform(node->blocks()[1]);
    auto ts = status(tp), fs = status(fp);
    auto st = if_status(ts, fs);
    if (st == ExitStatus::THROWS) return throws();
    if (st == ExitStatus::WONT) return wont();
    if (ts == ExitStatus::WONT || ts == ExitStatus::THROWS)
      tp = {tp.has_exited, uninit_like(fp.values)};
    else if (fs == ExitStatus::WONT || fs == ExitStatus::THROWS)
      fp = {fp.has_exited, uninit_like(tp.values)};
    Value* has_exited;
    if (st == ExitStatus::WILL) {
      has_exited = true_val;
    } else {
      add_if_outputs(node, {tp.has_exited}, {fp.has_exited});
      has_exited = node->outputs().back();
    }
    add_if_outputs(node, tp.values, fp.values);
    std::vector<Value*> vals(node->outputs().end() - static_cast<std::ptrdiff_t>(tp.values.size()),
                             node->outputs().end());
    return {has_exited, vals};
  }

  ExitPair guard_block_nodes(Block* block, const ExitPair& p, Node* first) {
    Node* nif = graph->create(ir::prim::If, 0)->insertBefore(first);
    nif->addInput(p.has_exited);
    Block* exit_block = nif->addBlock();
    Block* guard_block = nif->addBlock();
    for (Node* n = first; n != block->return_node();) {
      Node* next = n->next();
      n->moveBefore(guard_block->return_node());
      n = next;
    }
    std::vector<Value*> outs(block->outputs().begin(), block->outputs().end());
    std::vector<Value*> exit_vals = uninit_like(outs);
    for (std::size_t i = 0; i < outs.size(); ++i) {
      exit_block->registerOutput(exit_vals[i]);
      guard_block->registerOutput(outs[i]);
      nif->addOutput()->setType(outs[i]->type());
    }
    while (!block->outputs().empty()) block->eraseOutput(0);
    for (Value* o : nif->outputs()) block->registerOutput(o);
    graph->create(exit_kind, p.values, 0)->insertBefore(exit_block->return_node());
    return transform_if(nif);
  }

  void destroy_after_exit(Node* n) {
    for (Value* o : n->outputs())
      if (o->hasUses()) o->replaceAllUsesWith(unit(o->type()));
    n->destroy();
  }
  void delete_after_exit(Block* block, Node* first) {
    if (first == block->return_node()) return;
    ir::WithInsertPoint guard(block->nodes().front());
    std::vector<Node*> to_delete;
    for (Node* n = first; n != block->return_node(); n = n->next()) to_delete.push_back(n);
    for (auto it = to_delete.rbegin(); it != to_delete.rend(); ++it) destroy_after_exit(*it);
  }

  void update_target(Block* b) {
    if (b->owningNode() && b->owningNode()->kind() == ir::prim::Loop &&
        exit_kind == sym("prim::LoopContinuation"))
      target = b;
    else if (graph_or_closure(b) && exit_kind == sym("prim::ReturnStmt"))
      target = b;
  }

  ExitPair transform(Block* block) {
    Block* prev_target = target;
    update_target(block);
    ExitPair p = wont();
    for (Node* node = block->nodes().front(); node != block->return_node();) {
      Node* next = node->next();
      Symbol k = node->kind();
      if (k == ir::prim::RaiseException) {
        p = throws();
      } else if (k == sym("prim::ReturnStmt") || k == sym("prim::LoopContinuation")) {
        if (k == exit_kind) {
          p = {true_val, std::vector<Value*>(node->inputs().begin(), node->inputs().end())};
          node->destroy();
        }
      } else if (k == ir::prim::If) {
        p = transform_if(node);
      } else if (k == ir::prim::With) {
        p = transform(node->blocks()[0]);
      } else if (k == ir::prim::Closure) {
        transform(node->blocks()[0]);
      } else if (k == ir::prim::Loop) {
        p = transform_loop(node);
      }
      auto s = status(p);
      if (s == ExitStatus::WILL || s == ExitStatus::THROWS) {
        delete_after_exit(block, next);
        break;
      }
      if (s == ExitStatus::MIGHT) {
        if (next != block->return_node()) p = guard_block_nodes(block, p, next);
        break;
      }
      node = next;
    }
    if (target == block) {
      if (status(p) == ExitStatus::MIGHT) {
        Node* nif = graph->create(ir::prim::If, 0)->insertBefore(block->return_node());
        nif->addBlock();
        nif->addBlock();
        nif->addInput(p.has_exited);
        std::vector<Value*> outs(block->outputs().begin(), block->outputs().end());
        add_if_outputs(nif, p.values, outs);
        replace_outputs(block, std::vector<Value*>(nif->outputs().begin(), nif->outputs().end()));
      } else if (status(p) == ExitStatus::WILL) {
        replace_outputs(block, p.values);
      }
      p = wont();
    }
    target = prev_target;
    return p;
  }
};

inline std::optional<bool> constant_bool(Value* v) {
  if (v->node()->kind() != ir::prim::Constant || v->type()->kind() != ir::TypeKind::BoolType)
    return std::nullopt;
  return v->node()->i(ir::attr::value) != 0;
}

inline bool inline_consecutive_ifs(Node* node) {
  if (node->kind() != ir::prim::If || node->next()->kind() != ir::prim::If) return false;
  Node* second = node->next();
  Value* cond = second->input(0);
  if (cond->node() != node) return false;
  std::size_t off = cond->offset();
  auto tv = constant_bool(node->blocks()[0]->outputs()[off]);
  auto fv = constant_bool(node->blocks()[1]->outputs()[off]);
  if (!tv || !fv || *tv == *fv) return false;
  for (int i = 0; i < 2; ++i) {
    Block* first_block = node->blocks()[i];
    bool val = i == 0 ? *tv : *fv;
    Block* second_block = val ? second->blocks()[0] : second->blocks()[1];
    auto map = [&](Value* v) {
      if (v->node() != node) return v;
      return first_block->outputs()[v->offset()];
    };
    first_block->cloneFrom(second_block, map);
  }
  for (Value* out : second->outputs()) {
    Value* nv = node->addOutput()->copyMetadata(out);
    out->replaceAllUsesWith(nv);
  }
  second->destroy();
  return true;
}

inline void inline_consecutive_ifs(Block* b) {
  for (Node* n = b->nodes().front(); n != b->return_node();) {
    for (Block* sb : n->blocks()) inline_consecutive_ifs(sb);
    if (!inline_consecutive_ifs(n)) n = n->next();
  }
}

// Note [Context managers]
// The emitter writes `with` as prim::Enter(obj) ... prim::Exit(obj) in one block. For the exit
// transforms each pair becomes a prim::With node whose first block holds the body and whose
// second block holds the Exit, so that an exit (return/break/continue) inside the body still
// runs the Exit; afterwards the blocks are inlined back (PyTorch's
// convertEnterExitNodesToWithBlocks / convertWithBlocksToEnterExitNodes).
inline void collect_nodes(Block* b, std::vector<Node*>& out) {
  for (Node* n : b->nodes()) {
    out.push_back(n);
    for (Block* sb : n->blocks()) collect_nodes(sb, out);
  }
}

inline void enter_exit_to_with_blocks(Graph& g) {
  std::vector<Node*> nodes;
  collect_nodes(g.block(), nodes);
  std::vector<std::pair<Node*, Node*>> pairs;
  std::vector<Node*> stack;
  for (Node* n : nodes) {
    if (n->kind() == ir::prim::Enter) {
      stack.push_back(n);
    } else if (n->kind() == ir::prim::Exit) {
      TJIT_CHECK(!stack.empty() && stack.back()->input(0) == n->input(0),
                 "prim::Exit without its prim::Enter");
      pairs.emplace_back(stack.back(), n);
      stack.pop_back();
    }
  }
  TJIT_CHECK(stack.empty(), "prim::Enter without its prim::Exit");
  for (auto& [enter, exit] : pairs) {
    Node* with = g.create(ir::prim::With, 0);
    Block* body = with->addBlock();
    Block* exit_block = with->addBlock();
    for (Node* cur = enter->next(); cur != exit;) {
      Node* next = cur->next();
      cur->moveBefore(body->return_node());
      cur = next;
    }
    exit->moveBefore(exit_block->return_node());
    with->insertAfter(enter);
  }
}

inline void with_blocks_to_enter_exit(Graph& g) {
  std::vector<Node*> nodes;
  collect_nodes(g.block(), nodes);
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    Node* with = *it;
    if (with->kind() != ir::prim::With) continue;
    for (Block* b : with->blocks())
      for (Node* cur = b->nodes().front(); cur != b->return_node();) {
        Node* next = cur->next();
        cur->moveBefore(with);
        cur = next;
      }
    with->destroy();
  }
}

inline void transform_exits(Graph& g) {
  enter_exit_to_with_blocks(g);
  ExitTransformer loops(g);
  loops.exit_kind = sym("prim::LoopContinuation");
  loops.transform(g.block());
  ExitTransformer rets(g);
  rets.exit_kind = sym("prim::ReturnStmt");
  rets.transform(g.block());
  inline_consecutive_ifs(g.block());
  with_blocks_to_enter_exit(g);
}

// ---------------------------------------------------------------- cleanups
// Dead code elimination, tuple lowering, constant propagation of immutable types and constant
// pooling are the graph passes of ir/passes/ (Note [Constant propagation of immutable types]).

// ---------------------------------------------------------------- canonical outputs
// PyTorch's CanonicalizeOutputs: the outputs of prim::If and prim::Loop are sorted by their
// first use in topological order (unused ones last, in their order).

inline std::size_t block_depth(Node* n) {
  std::size_t d = 0;
  for (Block* b = n->owningBlock(); b->owningNode(); b = b->owningNode()->owningBlock()) ++d;
  return d;
}

inline bool node_before(Node* a, Node* b) {
  std::size_t da = block_depth(a), db = block_depth(b);
  while (da > db) {
    a = a->owningBlock()->owningNode();
    --da;
  }
  while (db > da) {
    b = b->owningBlock()->owningNode();
    --db;
  }
  if (a == b) return false;  // one inside the other: treat as not before
  while (true) {
    if (a->owningBlock() == b->owningBlock()) return a->isBefore(b);
    Node* pa = a->owningBlock()->owningNode();
    Node* pb = b->owningBlock()->owningNode();
    if (pa == pb) {
      auto index_of = [](Node* owner, Block* blk) {
        for (std::size_t i = 0; i < owner->blocks().size(); ++i)
          if (owner->blocks()[i] == blk) return i;
        return owner->blocks().size();
      };
      return index_of(pa, a->owningBlock()) < index_of(pa, b->owningBlock());
    }
    a = pa;
    b = pb;
  }
}

inline bool use_before(const ir::Use& a, const ir::Use& b) {
  if (a.user == b.user) return a.offset < b.offset;
  return node_before(a.user, b.user);
}

inline std::optional<ir::Use> first_use(Value* v) {
  if (v->uses().empty()) return std::nullopt;
  ir::Use best = v->uses()[0];
  for (std::size_t i = 1; i < v->uses().size(); ++i)
    if (use_before(v->uses()[i], best)) best = v->uses()[i];
  return best;
}

inline std::vector<std::size_t> canonical_order(const std::vector<Value*>& values) {
  std::vector<std::size_t> idx(values.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::vector<std::optional<ir::Use>> uses;
  for (Value* v : values) uses.push_back(first_use(v));
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t i1, std::size_t i2) {
    if (!uses[i1] && !uses[i2]) return i1 < i2;
    if (!uses[i1]) return false;
    if (!uses[i2]) return true;
    return use_before(*uses[i1], *uses[i2]);
  });
  return idx;
}

inline void permute_block_outputs(Block* b, const std::vector<std::size_t>& order, std::size_t offset) {
  std::vector<Value*> outs(b->outputs().begin(), b->outputs().end());
  for (std::size_t i = 0; i < order.size(); ++i)
    b->return_node()->replaceInput(offset + i, outs[offset + order[i]]);
}

inline void canonicalize_outputs(Block* block) {
  for (Node* n : block->nodes()) {
    std::vector<Value*> outs(n->outputs().begin(), n->outputs().end());
    if ((n->kind() == ir::prim::If || n->kind() == ir::prim::Loop) && outs.size() > 1) {
      auto order = canonical_order(outs);
      bool identity = true;
      for (std::size_t i = 0; i < order.size(); ++i) identity = identity && order[i] == i;
      if (!identity) {
        if (n->kind() == ir::prim::If) {
          n->permuteOutputs(order);
          for (Block* b : n->blocks()) permute_block_outputs(b, order, 0);
        } else {
          n->permuteOutputs(order);
          std::vector<Value*> ins(n->inputs().begin(), n->inputs().end());
          for (std::size_t i = 0; i < order.size(); ++i) n->replaceInput(2 + i, ins[2 + order[i]]);
          Block* body = n->blocks()[0];
          std::vector<std::size_t> param_order{0};
          for (std::size_t i : order) param_order.push_back(1 + i);
          body->param_node()->permuteOutputs(param_order);
          permute_block_outputs(body, order, 1);
        }
      }
    }
    for (Block* b : n->blocks()) canonicalize_outputs(b);
  }
}

}  // namespace passes

TJIT_DEF void convert_to_ssa(ir::Graph& g) {
  passes::ControlFlowLoadStores ctrl;
  ctrl.add(g.block());
  passes::LoopContinuations lc;
  lc.run(g.block());
  passes::inline_loop_condition(g.block());
  passes::EraseLoadStores erase;
  erase.run(g.block());
  passes::transform_exits(g);
}

TJIT_DEF void run_cleanup_passes(ir::Graph& g) {
  ir::passes::lower_simple_tuples(g);
  ir::passes::eliminate_dead_code(g);
  if (ir::passes::propagate_constants(g)) ir::passes::eliminate_dead_code(g);
  ir::passes::pool_constants(g);
  passes::canonicalize_outputs(g.block());
}

}  // namespace tjit::frontend::detail
