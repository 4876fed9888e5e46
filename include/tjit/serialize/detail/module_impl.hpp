// Definitions of serialize/module.hpp.
#pragma once

#include <cstring>
#include <iostream>
#include <sstream>
#include <unordered_map>

#include "tjit/frontend/code_printer.hpp"
#include "tjit/frontend/emitter.hpp"
#include "tjit/serialize/module.hpp"
#ifdef TJIT_MODULE_HAS_SAVE
#include "tjit/serialize/export.hpp"
#endif

namespace tjit {

namespace detail {

inline std::string join_name(const std::string& prefix, const std::string& name) {
  if (name.empty()) return prefix;
  return prefix.empty() ? name : prefix + "." + name;
}

// Copies of values for Module::clone: objects and containers are new, tensors copied with
// their storages (one copy per storage, so views stay views), other values shared.
struct ModuleCloner {
  std::unordered_map<const void*, Storage> storages;
  std::unordered_map<const void*, IValue> objects;

  Tensor tensor(const Tensor& t) {
    if (!t.defined()) return t;
    const Storage& s = t.storage();
    auto it = storages.find(s.data());
    if (it == storages.end() || s.data() == nullptr) {
      Storage c = Storage::allocate(s.nbytes());
      if (s.nbytes()) std::memcpy(c.data(), s.data(), s.nbytes());
      it = storages.emplace(s.data(), c).first;
    }
    Tensor r = Tensor::from_storage(it->second, t.sizes(), t.strides(), t.storage_offset(),
                                    t.scalar_type());
    r.set_requires_grad(t.requires_grad());
    return r;
  }

  IValue value(const IValue& v) {
    if (v.isTensor()) return tensor(v.toTensor());
    if (v.isObject()) {
      auto it = objects.find(v.internalPtr());
      if (it != objects.end()) return it->second;
      const runtime::Object& o = v.toObjectRef();
      auto c = runtime::make_object(o.type());
      c->compilation_unit = o.compilation_unit;
      objects.emplace(v.internalPtr(), IValue(c));
      for (std::size_t i = 0; i < o.slots().size(); ++i) c->setSlot(i, value(o.slots()[i]));
      return IValue(c);
    }
    if (v.isList()) {
      const auto& l = v.toListRef();
      std::vector<IValue> items;
      for (const IValue& x : l.items) items.push_back(value(x));
      return IValue(runtime::make_list(l.elem_type, std::move(items)));
    }
    if (v.isGenericDict()) {
      const auto& d = v.toDictRef();
      auto c = runtime::make_dict(d.key_type, d.value_type);
      for (const auto& [k, x] : d.entries()) c->insert(k, value(x));
      return IValue(c);
    }
    if (v.isTuple()) {
      const auto& t = v.toTupleRef();
      std::vector<IValue> items;
      for (const IValue& x : t.elements()) items.push_back(value(x));
      return IValue(runtime::make_tuple(std::move(items), t.namedType()));
    }
    return v;
  }
};

}  // namespace detail

TJIT_DEF Module::Module(const std::string& class_name)
    : cu_(std::make_shared<runtime::CompilationUnit>()) {
  std::string q = class_name.find('.') == std::string::npos ? "__torch__." + class_name
                                                            : class_name;
  ir::TypePtr t = ir::Type::Module(q);
  cu_->register_type(t);
  t->classInfo()->addAttribute("training", ir::Type::Bool());
  object_ = runtime::make_object(t);
  object_->setSlot(0, IValue(true));
  object_->compilation_unit = cu_;
}

TJIT_DEF Module::Module(std::shared_ptr<runtime::CompilationUnit> cu, runtime::ObjectPtr object)
    : cu_(std::move(cu)), object_(std::move(object)) {
  TJIT_CHECK(object_, "Module: null object");
  if (!object_->compilation_unit) object_->compilation_unit = cu_;
}

TJIT_DEF const runtime::Object& Module::obj() const {
  TJIT_CHECK(object_, "this Module is empty (default-constructed)");
  return *object_;
}
TJIT_DEF runtime::Object& Module::obj() {
  TJIT_CHECK(object_, "this Module is empty (default-constructed)");
  return *object_;
}

TJIT_DEF const ir::TypePtr& Module::type() const { return obj().type(); }

TJIT_DEF IValue Module::forward(std::vector<IValue> inputs, const Kwargs& kwargs) const {
  return get_method("forward")(std::move(inputs), kwargs);
}

TJIT_DEF runtime::Method Module::get_method(std::string_view name) const {
  obj();
  TJIT_CHECK(cu_, "this Module has no compilation unit");
  return runtime::Method(object_, *cu_, name);
}

TJIT_DEF std::optional<runtime::Method> Module::find_method(std::string_view name) const {
  if (!cu_ || !object_ || !cu_->find_method(type(), name)) return std::nullopt;
  return runtime::Method(object_, *cu_, name);
}

TJIT_DEF std::vector<runtime::Method> Module::get_methods() const {
  std::vector<runtime::Method> out;
  for (const std::string& n : type()->classInfo()->method_names)
    if (cu_->find_method(type(), n)) out.emplace_back(object_, *cu_, n);
  return out;
}

TJIT_DEF std::shared_ptr<ir::Graph> Module::graph(std::string_view method) const {
  return get_method(method).function().graph();
}

TJIT_DEF std::string Module::code(std::string_view method) const {
  runtime::Function& f = get_method(method).function();
  ir::FunctionSchema schema = f.getSchema();
  return frontend::print_method_code(*f.graph(), f.name(), &schema);
}

TJIT_DEF IValue Module::attr(std::string_view name) const {
  TJIT_CHECK(obj().hasAttr(name), "Module '", type()->name(), "' has no attribute '", name, "'");
  return obj().getAttr(name);
}

TJIT_DEF IValue Module::attr(std::string_view name, IValue or_else) const {
  return obj().hasAttr(name) ? obj().getAttr(name) : or_else;
}

TJIT_DEF bool Module::hasattr(std::string_view name) const { return obj().hasAttr(name); }

TJIT_DEF void Module::setattr(std::string_view name, IValue value) {
  TJIT_CHECK(obj().hasAttr(name), "Module '", type()->name(), "' has no attribute '", name,
             "'; register it first (register_attribute)");
  obj().setAttr(name, std::move(value));
}

namespace detail {

template <class F>
void walk_module_slots(const runtime::Object& o, const std::string& prefix, bool recurse, F&& f) {
  const auto& attrs = o.type()->classInfo()->attributes;
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    const IValue& v = i < o.slots().size() ? o.slots()[i] : IValue();
    f(attrs[i], join_name(prefix, attrs[i].name), v);
  }
  if (!recurse) return;
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    const IValue& v = i < o.slots().size() ? o.slots()[i] : IValue();
    if (v.isObject() && v.toObjectRef().type()->is_module())
      walk_module_slots(v.toObjectRef(), join_name(prefix, attrs[i].name), true, f);
  }
}

}  // namespace detail

TJIT_DEF std::vector<NamedTensor> Module::named_parameters(bool recurse) const {
  std::vector<NamedTensor> out;
  detail::walk_module_slots(obj(), "", recurse, [&](const auto& a, std::string n, const IValue& v) {
    if (a.is_parameter && v.isTensor()) out.push_back({std::move(n), v.toTensor()});
  });
  return out;
}

TJIT_DEF std::vector<Tensor> Module::parameters(bool recurse) const {
  std::vector<Tensor> out;
  for (auto& p : named_parameters(recurse)) out.push_back(std::move(p.value));
  return out;
}

TJIT_DEF std::vector<NamedTensor> Module::named_buffers(bool recurse) const {
  std::vector<NamedTensor> out;
  detail::walk_module_slots(obj(), "", recurse, [&](const auto& a, std::string n, const IValue& v) {
    if (a.is_buffer && v.isTensor()) out.push_back({std::move(n), v.toTensor()});
  });
  return out;
}

TJIT_DEF std::vector<Tensor> Module::buffers(bool recurse) const {
  std::vector<Tensor> out;
  for (auto& p : named_buffers(recurse)) out.push_back(std::move(p.value));
  return out;
}

TJIT_DEF std::vector<NamedIValue> Module::named_attributes(bool recurse) const {
  std::vector<NamedIValue> out;
  detail::walk_module_slots(obj(), "", recurse, [&](const auto&, std::string n, const IValue& v) {
    out.push_back({std::move(n), v});
  });
  return out;
}

TJIT_DEF std::vector<NamedModule> Module::named_children() const {
  std::vector<NamedModule> out;
  const auto& attrs = type()->classInfo()->attributes;
  for (std::size_t i = 0; i < attrs.size() && i < obj().slots().size(); ++i) {
    const IValue& v = obj().slots()[i];
    if (v.isObject() && v.toObjectRef().type()->is_module())
      out.push_back({attrs[i].name, Module(cu_, v.toObject())});
  }
  return out;
}

TJIT_DEF std::vector<Module> Module::children() const {
  std::vector<Module> out;
  for (auto& c : named_children()) out.push_back(std::move(c.value));
  return out;
}

TJIT_DEF std::vector<NamedModule> Module::named_modules() const {
  std::vector<NamedModule> out{{"", *this}};
  for (auto& c : named_children())
    for (auto& m : c.value.named_modules())
      out.push_back({detail::join_name(c.name, m.name), std::move(m.value)});
  return out;
}

TJIT_DEF std::vector<Module> Module::modules() const {
  std::vector<Module> out;
  for (auto& m : named_modules()) out.push_back(std::move(m.value));
  return out;
}

TJIT_DEF void Module::register_attribute(const std::string& name, ir::TypePtr type, IValue value,
                                         bool is_parameter, bool is_buffer) {
  auto& info = *this->type()->classInfo();
  std::size_t slot;
  if (auto s = info.findAttributeSlot(name)) {
    slot = *s;
    info.attributes[slot].type = std::move(type);
    info.attributes[slot].is_parameter = is_parameter;
    info.attributes[slot].is_buffer = is_buffer;
  } else {
    slot = info.addAttribute(name, std::move(type), is_parameter, is_buffer);
  }
  obj().setSlot(slot, std::move(value));
}

TJIT_DEF void Module::register_parameter(const std::string& name, Tensor value, bool is_buffer) {
  register_attribute(name, ir::Type::Tensor(), IValue(std::move(value)), !is_buffer, is_buffer);
}

TJIT_DEF void Module::register_buffer(const std::string& name, Tensor value) {
  register_attribute(name, ir::Type::Tensor(), IValue(std::move(value)), false, true);
}

TJIT_DEF void Module::register_module(const std::string& name, const Module& module) {
  register_attribute(name, module.type(), IValue(module._ivalue()));
}

TJIT_DEF void Module::define(const std::string& source) {
  TJIT_CHECK(cu_, "this Module has no compilation unit");
  frontend::CompileOptions o;
  const std::string& q = type()->name();
  o.qualifier = q.substr(0, q.rfind('.'));
  frontend::define_methods(*cu_, type(), std::make_shared<const Source>(source, "<string>"), o);
}

TJIT_DEF void Module::train(bool on) {
  for (Module& m : modules())
    if (m.hasattr("training")) m.obj().setAttr("training", IValue(on));
}

TJIT_DEF bool Module::is_training() const {
  if (!hasattr("training")) return true;
  const IValue& v = obj().getAttr("training");
  return v.isBool() ? v.toBool() : true;
}

TJIT_DEF Module Module::clone() const {
  detail::ModuleCloner c;
  return Module(cu_, c.value(IValue(object_)).toObject());
}

TJIT_DEF std::string Module::dump_to_str(bool print_method_bodies, bool print_attr_values,
                                         bool print_param_values) const {
  // Each block indented by two spaces, as libtorch's torch::jit::Module::dump_to_str.
  auto indent = [](const std::string& s) {
    if (s.empty()) return s;
    std::string out = "  ";
    for (std::size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      if (s[i] == '\n' && i + 1 < s.size()) out += "  ";
    }
    return out;
  };
  std::ostringstream params, attrs, methods, subs;
  for (const auto& p : named_parameters(false)) {
    params << p.name << " = ";
    if (print_param_values) params << IValue(p.value).repr(); else params << "...";
    params << "\n";
  }
  for (const auto& a : named_attributes(false)) {
    attrs << a.name << " = ";
    if (!print_attr_values) {
      attrs << "...";
    } else if (a.value.isObject()) {
      attrs << "<" << a.value.toObjectRef().type()->name() << " object at "
            << a.value.internalPtr() << ">";
    } else {
      attrs << a.value.repr();
    }
    attrs << "\n";
  }
  for (const auto& m : get_methods()) {
    methods << "method " << m.function().name() << " {\n";
    if (print_method_bodies) methods << indent(m.function().graph()->str());
    methods << "\n}\n";
  }
  for (const auto& c : named_children())
    subs << c.value.dump_to_str(print_method_bodies, print_attr_values, print_param_values)
         << "\n";
  std::ostringstream out;
  out << "module " << type()->name() << " {\n"
      << "  parameters {\n" << indent(params.str()) << "  }\n"
      << "  attributes {\n" << indent(attrs.str()) << "  }\n"
      << "  methods {\n" << indent(methods.str()) << "  }\n"
      << "  submodules {\n" << indent(subs.str()) << "  }\n"
      << "}";
  return out.str();
}

TJIT_DEF void Module::dump(bool print_method_bodies, bool print_attr_values,
                           bool print_param_values) const {
  std::cout << dump_to_str(print_method_bodies, print_attr_values, print_param_values) << "\n";
}

#ifdef TJIT_MODULE_HAS_SAVE
TJIT_DEF void Module::save(std::ostream& out, const ExtraFilesMap& extra_files) const {
  serialize::ExportOptions o;
  o.compilation_unit = cu_.get();
  for (const auto& [name, bytes] : extra_files) o.extra_files[name] = bytes;
  serialize::export_module(object_, out, o);
}

TJIT_DEF void Module::save(const std::string& path, const ExtraFilesMap& extra_files) const {
  serialize::ExportOptions o;
  o.compilation_unit = cu_.get();
  for (const auto& [name, bytes] : extra_files) o.extra_files[name] = bytes;
  serialize::export_module(object_, path, o);
}
#endif

}  // namespace tjit
