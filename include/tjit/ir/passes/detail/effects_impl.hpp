// Definitions of ir/passes/effects.hpp (Note [Alias approximation]).
#pragma once

#include "tjit/ir/passes/effects.hpp"

#include <string>
#include <unordered_set>
#include <vector>

namespace tjit::ir::passes {

namespace detail {

inline bool in_place_name(const std::string& k) {
  // aten::add_, aten::relu_ — not aten::__and__ or prim::foo__.
  return k.size() > 2 && k.back() == '_' && k[k.size() - 2] != '_';
}

inline const std::unordered_set<std::string>& container_mutators() {
  static const std::unordered_set<std::string> s = {
      "aten::append", "aten::_set_item", "aten::insert", "aten::pop", "aten::clear",
      "aten::extend", "aten::remove", "aten::Delete", "aten::sort", "aten::reverse",
      "aten::update", "aten::setdefault", "aten::popitem", "aten::copy_", "aten::index_put_",
      "prim::SetAttr"};
  return s;
}

inline const std::unordered_set<std::string>& view_ops() {
  static const std::unordered_set<std::string> s = {
      "aten::view", "aten::view_as", "aten::reshape", "aten::reshape_as", "aten::select",
      "aten::slice", "aten::narrow", "aten::t", "aten::transpose", "aten::permute",
      "aten::expand", "aten::expand_as", "aten::squeeze", "aten::unsqueeze", "aten::flatten",
      "aten::unflatten", "aten::as_strided", "aten::diagonal", "aten::movedim",
      "aten::swapaxes", "aten::swapdims", "aten::detach", "aten::alias", "aten::contiguous",
      "aten::to", "aten::type_as", "aten::real", "aten::imag", "aten::chunk", "aten::split",
      "aten::unbind", "aten::unsafe_chunk", "aten::unsafe_split", "aten::unfold",
      "aten::numpy_T", "aten::mT", "aten::mH", "aten::adjoint", "aten::__getitem__",
      "aten::values", "aten::items", "aten::keys", "aten::get", "aten::list", "aten::dict",
      "aten::_unsafe_view", "aten::matrix_H", "aten::view_as_real", "aten::view_as_complex",
      "aten::split_with_sizes", "aten::tensor_split", "aten::hsplit", "aten::vsplit",
      "aten::dsplit", "aten::T", "aten::H", "aten::ravel", "aten::indices", "aten::crow_indices",
      "prim::ListConstruct", "prim::TupleConstruct", "prim::DictConstruct",
      "prim::ListUnpack", "prim::TupleUnpack", "prim::TupleIndex", "prim::unchecked_cast",
      "prim::unchecked_unwrap_optional", "aten::wait", "prim::data", "aten::__derive_index",
      "aten::append", "aten::insert", "aten::_set_item", "aten::extend", "aten::setdefault",
      "aten::pop", "aten::popitem"};
  return s;
}

}  // namespace detail

TJIT_DEF bool has_side_effects(const Node* n) {
  static const std::unordered_set<std::string> effects = {
      "prim::Print", "prim::RaiseException", "aten::append", "aten::_set_item", "aten::insert",
      "aten::pop", "aten::clear", "aten::extend", "aten::remove", "aten::Delete", "prim::SetAttr",
      "aten::warn", "prim::fork", "aten::wait", "prim::CallFunction", "prim::CallMethod",
      "prim::Enter", "prim::Exit", "aten::copy_", "aten::index_put_", "aten::sort", "aten::reverse",
      "aten::update", "aten::setdefault", "aten::popitem", "prim::ReturnStmt",
      "aten::manual_seed", "aten::seed"};
  const std::string& k = n->kind().toQualString();
  return effects.count(k) || detail::in_place_name(k);
}

TJIT_DEF bool writes_to_first_input(const Node* n) {
  const std::string& k = n->kind().toQualString();
  return detail::container_mutators().count(k) || detail::in_place_name(k);
}

TJIT_DEF bool output_may_alias_input(const Node* n) {
  const std::string& k = n->kind().toQualString();
  return detail::view_ops().count(k) || detail::in_place_name(k) ||
         n->kind() == prim::If || n->kind() == prim::Loop;
}

TJIT_DEF bool is_nondeterministic(const Node* n) {
  static const std::unordered_set<std::string> random = {
      "aten::rand", "aten::rand_like", "aten::randn", "aten::randn_like", "aten::randint",
      "aten::randint_like", "aten::randperm", "aten::bernoulli", "aten::multinomial",
      "aten::normal", "aten::poisson", "aten::rrelu", "aten::native_dropout",
      "aten::empty", "aten::empty_like", "aten::new_empty", "aten::empty_strided",
      "aten::new_empty_strided", "aten::uniform", "aten::exponential", "aten::geometric",
      "aten::log_normal", "aten::cauchy", "aten::random"};
  static const std::unordered_set<std::string> dropouts = {
      "aten::dropout", "aten::feature_dropout", "aten::alpha_dropout",
      "aten::feature_alpha_dropout"};
  const std::string& k = n->kind().toQualString();
  if (random.count(k)) return true;
  if (dropouts.count(k)) {
    // deterministic when `train` is a constant false
    if (n->inputs().size() < 3) return true;
    auto c = n->input(2)->node()->constantValue();
    return !(c && c->is_bool() && !c->to_bool());
  }
  return false;
}

TJIT_DEF bool may_be_mutated(const Value* start) {
  std::vector<const Value*> work{start};
  std::unordered_set<const Value*> seen{start};
  auto push = [&](const Value* v) {
    if (seen.insert(v).second) work.push_back(v);
  };
  while (!work.empty()) {
    const Value* v = work.back();
    work.pop_back();
    for (const Use& u : v->uses()) {
      Node* user = u.user;
      const Symbol k = user->kind();
      if (writes_to_first_input(user) && u.offset == 0) return true;
      if (k == prim::CallFunction || k == prim::CallMethod || k == prim::fork ||
          k == prim::SetAttr || k == prim::Enter || k == prim::Exit)
        return true;
      if (k == prim::Return) {
        // a block's output: the owning If's output, or the Loop's carried value
        Block* b = user->owningBlock();
        Node* owner = b->owningNode();
        if (!owner) continue;  // the graph's output
        if (owner->kind() == prim::If) {
          push(owner->output(u.offset));
        } else if (owner->kind() == prim::Loop && u.offset >= 1) {
          push(owner->output(u.offset - 1));
          push(b->inputs()[u.offset]);
        }
        continue;
      }
      if (k == prim::Loop && u.offset >= 2) {
        push(user->output(u.offset - 2));
        push(user->blocks()[0]->inputs()[u.offset - 1]);
        continue;
      }
      if (output_may_alias_input(user)) {
        for (const Value* o : user->outputs()) push(o);
        // a value stored into a container aliases the container
        if (writes_to_first_input(user) && u.offset > 0) push(user->input(0));
      }
    }
  }
  return false;
}

TJIT_DEF bool has_mutation(const Graph& g) {
  std::vector<const Block*> blocks{g.block()};
  while (!blocks.empty()) {
    const Block* b = blocks.back();
    blocks.pop_back();
    for (const Node* n : b->nodes()) {
      if (writes_to_first_input(n)) return true;
      for (const Block* s : n->blocks()) blocks.push_back(s);
    }
  }
  return false;
}

}  // namespace tjit::ir::passes
