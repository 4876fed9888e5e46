// Definitions of runtime/function.hpp.
#pragma once

#include "tjit/runtime/function.hpp"

namespace tjit::runtime {

TJIT_DEF ir::FunctionSchema Function::getSchema() const {
  if (schema_) return *schema_;
  std::vector<ir::Argument> args, rets;
  for (const ir::Value* v : graph_->inputs())
    args.emplace_back(v->hasDebugName() ? v->debugNameBase() : "", v->type());
  for (const ir::Value* v : graph_->outputs()) rets.emplace_back("", v->type());
  return ir::FunctionSchema(name(), "", std::move(args), std::move(rets));
}

TJIT_DEF IValue Function::operator()(std::vector<IValue> args, const Kwargs& kwargs) const {
  Stack stack = bind_arguments(getSchema(), std::move(args), kwargs);
  run(stack);
  if (stack.size() == 1) return std::move(stack[0]);
  return IValue(make_tuple(std::move(stack)));
}

TJIT_DEF Function* CompilationUnit::create_function(std::string qualname,
                                                    std::shared_ptr<ir::Graph> graph) {
  std::lock_guard<std::mutex> lock(mu_);
  TJIT_CHECK(!by_name_.count(qualname), "method '", qualname, "' already defined.");
  functions_.push_back(std::make_unique<Function>(qualname, std::move(graph), this));
  Function* f = functions_.back().get();
  by_name_.emplace(std::move(qualname), f);
  return f;
}

TJIT_DEF Function* CompilationUnit::find_function(std::string_view qualname) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_name_.find(std::string(qualname));
  // A plain name also finds `__torch__.<name>`, as torch::jit::compile's units find their
  // functions (Note [Qualified names of compiled functions] in frontend/emitter.hpp).
  if (it == by_name_.end() && qualname.find('.') == std::string_view::npos)
    it = by_name_.find("__torch__." + std::string(qualname));
  return it == by_name_.end() ? nullptr : it->second;
}

TJIT_DEF Function& CompilationUnit::get_function(std::string_view qualname) const {
  Function* f = find_function(qualname);
  TJIT_CHECK(f, "function '", qualname, "' is not defined");
  return *f;
}

TJIT_DEF std::vector<Function*> CompilationUnit::get_functions() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Function*> out;
  for (const auto& f : functions_) out.push_back(f.get());
  return out;
}

TJIT_DEF void CompilationUnit::register_type(ir::TypePtr type) {
  std::lock_guard<std::mutex> lock(mu_);
  TJIT_CHECK(!types_by_name_.count(type->name()), "class '", type->name(), "' already defined.");
  types_by_name_.emplace(type->name(), type);
  types_.push_back(std::move(type));
}

TJIT_DEF ir::TypePtr CompilationUnit::find_type(std::string_view qualname) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = types_by_name_.find(std::string(qualname));
  if (it == types_by_name_.end() && qualname.find('.') == std::string_view::npos)
    it = types_by_name_.find("__torch__." + std::string(qualname));
  return it == types_by_name_.end() ? nullptr : it->second;
}

TJIT_DEF std::vector<ir::TypePtr> CompilationUnit::get_types() const {
  std::lock_guard<std::mutex> lock(mu_);
  return types_;
}

TJIT_DEF Method::Method(ObjectPtr owner, const CompilationUnit& cu, std::string_view name)
    : owner_(std::move(owner)), fn_(cu.find_method(owner_->type(), name)) {
  TJIT_CHECK(fn_, "'", owner_->type()->annotation_str(), "' object has no attribute or method '",
             name, "'");
}

TJIT_DEF IValue Method::operator()(std::vector<IValue> args, const Kwargs& kwargs) const {
  args.insert(args.begin(), IValue(owner_));
  Stack stack = bind_arguments(fn_->getSchema(), std::move(args), kwargs);
  fn_->run(stack);
  if (stack.size() == 1) return std::move(stack[0]);
  return IValue(make_tuple(std::move(stack)));
}

TJIT_DEF ObjectPtr create_object(const CompilationUnit& cu, std::string_view class_qualname) {
  ir::TypePtr t = cu.find_type(class_qualname);
  TJIT_CHECK(t && t->kind() == ir::TypeKind::ClassType, "class '", class_qualname,
             "' is not defined");
  return make_object(t);
}

TJIT_DEF bool is_instance(const IValue& v, const ir::Type& type) {
  using ir::TypeKind;
  switch (type.kind()) {
    case TypeKind::AnyType: return true;
    case TypeKind::OptionalType:
      return v.isNone() || is_instance(v, *type.getElementType());
    case TypeKind::UnionType:
      for (const auto& t : type.containedTypes())
        if (is_instance(v, *t)) return true;
      return false;
    case TypeKind::NumberType: return v.isInt() || v.isDouble() || v.isComplexDouble();
    case TypeKind::TensorType: return v.isTensor();
    case TypeKind::AnyListType: return v.isList();
    case TypeKind::AnyTupleType: return v.isTuple();
    case TypeKind::AnyClassType: return v.isObject();
    case TypeKind::ListType: {
      if (!v.isList()) return false;
      // Lists are invariant: the list's own element type decides (as PyTorch's isinstance).
      return v.toListRef().elem_type->isSubtypeOf(*type.getElementType()) &&
             type.getElementType()->isSubtypeOf(*v.toListRef().elem_type);
    }
    case TypeKind::DictType: {
      if (!v.isGenericDict()) return false;
      const DictObj& d = v.toDictRef();
      return *d.key_type == *type.getKeyType() && *d.value_type == *type.getValueType();
    }
    case TypeKind::TupleType: {
      if (!v.isTuple()) return false;
      const auto& elems = v.toTupleRef().elements();
      if (elems.size() != type.elements().size()) return false;
      for (std::size_t i = 0; i < elems.size(); ++i)
        if (!is_instance(elems[i], *type.elements()[i])) return false;
      return true;
    }
    default: return v.type()->isSubtypeOf(type);
  }
}

TJIT_DEF std::vector<IValue> bind_arguments(const ir::FunctionSchema& schema,
                                            std::vector<IValue> args, const Kwargs& kwargs,
                                            std::size_t skip_self) {
  const auto& formals = schema.arguments();
  const std::size_t n = formals.size() - std::min(skip_self, formals.size());
  std::string fname = schema.name();
  TJIT_CHECK_AS(TypeError, args.size() <= n, fname, "() expected at most ", n,
                " argument(s) but received ", args.size(), " argument(s). Declaration: ",
                schema.str());
  std::vector<IValue> out(n);
  std::vector<bool> set(n, false);
  for (std::size_t i = 0; i < args.size(); ++i) {
    TJIT_CHECK_AS(TypeError, !formals[skip_self + i].kwarg_only(), fname,
                  "() takes ", i, " positional argument(s) but more were given. Declaration: ",
                  schema.str());
    out[i] = std::move(args[i]);
    set[i] = true;
  }
  for (const auto& [key, value] : kwargs) {
    bool found = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (formals[skip_self + i].name() != key) continue;
      TJIT_CHECK_AS(TypeError, !set[i], "Argument ", key,
                    " specified twice in schema, submit one or the other");
      out[i] = value;
      set[i] = true;
      found = true;
    }
    TJIT_CHECK_AS(TypeError, found, "Unknown keyword argument '", key, "' for operator '", fname,
                  "'. Schema: ", schema.str());
  }
  for (std::size_t i = 0; i < n; ++i) {
    const ir::Argument& a = formals[skip_self + i];
    if (!set[i]) {
      TJIT_CHECK_AS(TypeError, a.default_value().has_value(), fname,
                    "() is missing value for argument '", a.name(), "'. Declaration: ",
                    schema.str());
      out[i] = from_literal(*a.default_value(), a.type());
    }
    TJIT_CHECK_AS(TypeError, is_instance(out[i], *a.type()), fname, "() Expected a value of type '",
                  a.type()->annotation_str(), "' for argument '", a.name(),
                  "' but instead found type '", out[i].type()->annotation_str(),
                  "'.\nPosition: ", skip_self + i, "\nValue: ", out[i].repr(),
                  "\nDeclaration: ", schema.str());
  }
  return out;
}

}  // namespace tjit::runtime
