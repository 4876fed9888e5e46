// Definitions of runtime/operator.hpp.
#pragma once

#include <map>
#include <mutex>

#include "tjit/runtime/operator.hpp"

namespace tjit::runtime {

TJIT_DEF const OperatorRegistry& OperatorRegistry::instance() {
  static const OperatorRegistry registry;  // thread-safe first use
  return registry;
}

TJIT_DEF OperatorRegistry::OperatorRegistry() {
  add(ops::structural_ops());
  add(ops::prim_ops());
  add(ops::builtin_ops());
  add(ops::tensor_pointwise_ops());
  add(ops::tensor_reduce_ops());
  add(ops::tensor_shape_ops());
  add(ops::tensor_nn_ops());
  add(ops::tensor_misc_ops());
  add(ops::tensor_random_ops());
  add(ops::tensor_extra_ops());
}

TJIT_DEF void OperatorRegistry::add(std::span<const OperatorDef> table) {
  for (const OperatorDef& def : table) {
    ir::FunctionSchema schema = [&] {
      try {
        return ir::parse_schema(def.schema);
      } catch (const Error& e) {
        throw Error(tjit::detail::str_cat("bad schema in tjit's operator table: ", def.schema,
                                          ": ", e.what()));
      }
    }();
    std::string qualified = schema.overload_name().empty()
                                ? schema.name()
                                : schema.name() + "." + schema.overload_name();
    TJIT_CHECK(!by_qualified_.count(qualified), "operator ", qualified,
               " is registered twice in tjit's operator tables");
    ops_.push_back(std::make_unique<Operator>(std::move(schema), def.fn));
    const Operator* op = ops_.back().get();
    by_qualified_.emplace(std::move(qualified), op);
    by_name_[op->schema().name()].push_back(op);
  }
}

TJIT_DEF const std::vector<const Operator*>& OperatorRegistry::lookup(ir::Symbol name) const {
  static const std::vector<const Operator*> none;
  auto it = by_name_.find(name.toQualString());
  return it == by_name_.end() ? none : it->second;
}

TJIT_DEF const Operator* OperatorRegistry::find(std::string_view name,
                                                std::string_view overload) const {
  std::string q(name);
  if (!overload.empty()) {
    q += ".";
    q += overload;
  }
  auto it = by_qualified_.find(q);
  return it == by_qualified_.end() ? nullptr : it->second;
}

TJIT_DEF const Operator* OperatorRegistry::findByQualifiedName(std::string_view qualified) const {
  std::string_view q = qualified.substr(0, qualified.find('('));
  auto it = by_qualified_.find(std::string(q));
  return it == by_qualified_.end() ? nullptr : it->second;
}

namespace detail {

using TypeEnv = std::map<std::string, ir::TypePtr>;

inline bool match_type(const ir::TypePtr& formal, const ir::TypePtr& actual, TypeEnv& env) {
  using ir::TypeKind;
  if (formal->kind() == TypeKind::VarType) {
    auto it = env.find(formal->name());
    if (it == env.end()) {
      env.emplace(formal->name(), actual);
      return true;
    }
    if (actual->isSubtypeOf(*it->second)) return true;
    if (it->second->isSubtypeOf(*actual)) {
      it->second = actual;
      return true;
    }
    return false;
  }
  if (!formal->hasFreeVariables()) {
    if (actual->isSubtypeOf(*formal)) return true;
    // Scalar (Number) arguments take bools too, as PyTorch's matching does.
    return formal->kind() == TypeKind::NumberType && actual->kind() == TypeKind::BoolType;
  }
  switch (formal->kind()) {
    case TypeKind::ListType:
      return actual->kind() == TypeKind::ListType &&
             match_type(formal->getElementType(), actual->getElementType(), env);
    case TypeKind::FutureType:
      return actual->kind() == TypeKind::FutureType &&
             match_type(formal->getElementType(), actual->getElementType(), env);
    case TypeKind::OptionalType:
      if (actual->kind() == TypeKind::NoneType) return true;
      if (actual->kind() == TypeKind::OptionalType)
        return match_type(formal->getElementType(), actual->getElementType(), env);
      return match_type(formal->getElementType(), actual, env);
    case TypeKind::DictType:
      return actual->kind() == TypeKind::DictType &&
             match_type(formal->getKeyType(), actual->getKeyType(), env) &&
             match_type(formal->getValueType(), actual->getValueType(), env);
    case TypeKind::TupleType: {
      if (actual->kind() != TypeKind::TupleType ||
          actual->elements().size() != formal->elements().size())
        return false;
      for (std::size_t i = 0; i < formal->elements().size(); ++i)
        if (!match_type(formal->elements()[i], actual->elements()[i], env)) return false;
      return true;
    }
    default: return false;
  }
}

}  // namespace detail

TJIT_DEF bool schema_matches(const ir::FunctionSchema& schema, const ir::Node* node) {
  const auto& args = schema.arguments();
  const auto& ins = node->inputs();
  if (schema.is_vararg() ? ins.size() < args.size() : ins.size() != args.size()) return false;
  if (!schema.is_varret() && node->outputs().size() != schema.returns().size()) return false;
  detail::TypeEnv env;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (!detail::match_type(args[i].type(), ins[i]->type(), env)) return false;
  return true;
}

TJIT_DEF const Operator* OperatorRegistry::match(const ir::Node* node) const {
  for (const Operator* op : lookup(node->kind()))
    if (schema_matches(op->schema(), node)) return op;
  return nullptr;
}

TJIT_DEF std::vector<std::string> supported_ops_schemas() {
  std::vector<std::string> out;
  for (const auto& op : OperatorRegistry::instance().all()) out.push_back(op->schema().str());
  return out;
}

}  // namespace tjit::runtime
