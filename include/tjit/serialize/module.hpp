// tjit/serialize/module.hpp — tjit::Module, a TorchScript module in libtorch's shape
// (torch::jit::Module): what tjit::load returns, or one built from C++.
//
//   tjit::Module m = tjit::load("model.pt");
//   tjit::IValue y = m.forward({x});                       // from any number of threads
//   for (const auto& p : m.named_parameters()) std::cout << p.name << "\n";   // "fc.weight"
//   std::cout << m.code();                                 // what PyTorch's m.code prints
//   m.run_method("extra", x, 3);  m.attr("count").toInt();  m.eval();
//
//   tjit::Module n("Net");                                 // class __torch__.Net
//   n.register_parameter("w", tjit::ones({2}), /*is_buffer=*/false);
//   n.define("def forward(self, x):\n    return x * self.w\n");
//
// A Module is a handle: copies share the object (as libtorch's do); clone() copies it.
// The module's object (runtime::Object) and the CompilationUnit holding its classes' methods
// are shared; a Module keeps its unit alive. The names below follow libtorch's
// torch/csrc/jit/api/module.h: named_* lists recurse into submodules (names joined with
// '.') unless `recurse` is false; named_modules() starts with the module itself (name "").
//
// It lives in serialize/ (not runtime/) because code() prints through the frontend's code
// printer, and save() — with the exporter — writes archives.
// Builds on runtime/function.hpp and frontend/code_printer.hpp.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/tensor_base.hpp"

// The exporter (serialize/export.hpp) gives Module::save when it is part of the library.
#if __has_include("tjit/serialize/export.hpp")
#define TJIT_MODULE_HAS_SAVE 1
#endif

namespace tjit {

using runtime::IValue;
// Extra files of an archive (`_extra_files` of torch.jit.save), name -> bytes.
using ExtraFilesMap = std::unordered_map<std::string, std::string>;
using runtime::Kwargs;

class Module;

struct NamedTensor {
  std::string name;
  Tensor value;
};
struct NamedIValue {
  std::string name;
  IValue value;
};
struct NamedModule;

class Module {
 public:
  // An empty handle (is_valid() false).
  Module() = default;
  // A new module class `__torch__.<class_name>` (a dotted name is taken as qualified) in a
  // fresh CompilationUnit, and an object of it with a `training` attribute set to true.
  explicit Module(const std::string& class_name);
  // A module object whose class's methods are in `cu`.
  Module(std::shared_ptr<runtime::CompilationUnit> cu, runtime::ObjectPtr object);

  bool is_valid() const { return object_ != nullptr; }

  // ---- methods
  IValue forward(std::vector<IValue> inputs, const Kwargs& kwargs = {}) const;
  // Throws tjit::Error naming the class when it has no such method.
  runtime::Method get_method(std::string_view name) const;
  std::optional<runtime::Method> find_method(std::string_view name) const;
  // Every compiled method of the module's class, in declaration order.
  std::vector<runtime::Method> get_methods() const;
  template <class... Args>
  IValue run_method(std::string_view name, Args&&... args) const {
    return get_method(name)(std::vector<IValue>{IValue(std::forward<Args>(args))...});
  }
  // The graph of a method (prints as PyTorch's `m.<method>.graph`).
  std::shared_ptr<ir::Graph> graph(std::string_view method = "forward") const;
  // What PyTorch's `m.code` shows: forward's code (`m.<method>.code` for another method).
  std::string code(std::string_view method = "forward") const;

  // ---- attributes
  IValue attr(std::string_view name) const;  // throws when there is none
  IValue attr(std::string_view name, IValue or_else) const;
  bool hasattr(std::string_view name) const;
  void setattr(std::string_view name, IValue value);

  std::vector<NamedTensor> named_parameters(bool recurse = true) const;
  std::vector<Tensor> parameters(bool recurse = true) const;
  std::vector<NamedTensor> named_buffers(bool recurse = true) const;
  std::vector<Tensor> buffers(bool recurse = true) const;
  std::vector<NamedIValue> named_attributes(bool recurse = true) const;
  std::vector<NamedModule> named_children() const;
  std::vector<Module> children() const;
  std::vector<NamedModule> named_modules() const;
  std::vector<Module> modules() const;

  // ---- building from C++
  void register_parameter(const std::string& name, Tensor value, bool is_buffer);
  void register_buffer(const std::string& name, Tensor value);
  void register_attribute(const std::string& name, ir::TypePtr type, IValue value,
                          bool is_parameter = false, bool is_buffer = false);
  void register_module(const std::string& name, const Module& module);
  // Compiles `def`s as methods of the module's class (torch::jit::Module::define):
  //   m.define("def forward(self, x):\n    return x * self.w\n");
  void define(const std::string& source);

  // ---- modes
  // Sets `training` on this module and every submodule that has the attribute.
  void train(bool on = true);
  void eval() { train(false); }
  bool is_training() const;  // true when there is no `training` attribute (frozen modules)

  // ---- copies and printing
  // A copy whose objects are new and whose tensors are copied (storage sharing between the
  // module's tensors is kept); the classes and compiled methods are shared.
  Module clone() const;
  // libtorch's Module::dump_to_str: parameters, attributes, method graphs, submodules.
  std::string dump_to_str(bool print_method_bodies = true, bool print_attr_values = true,
                          bool print_param_values = false) const;
  void dump(bool print_method_bodies = true, bool print_attr_values = true,
            bool print_param_values = false) const;
#ifdef TJIT_MODULE_HAS_SAVE
  // Writes the archive torch.jit.save would write (serialize::export_module): PyTorch's
  // torch.jit.load and tjit::load read it back.
  void save(const std::string& path, const ExtraFilesMap& extra_files = {}) const;
  void save(std::ostream& out, const ExtraFilesMap& extra_files = {}) const;
#endif

  // The module's class (`type()->name()` is its qualified name, "__torch__.Net").
  const ir::TypePtr& type() const;
  const runtime::ObjectPtr& _ivalue() const { return object_; }
  const std::shared_ptr<runtime::CompilationUnit>& compilation_unit() const { return cu_; }

 private:
  const runtime::Object& obj() const;
  runtime::Object& obj();
  std::shared_ptr<runtime::CompilationUnit> cu_;
  runtime::ObjectPtr object_;
};

struct NamedModule {
  std::string name;
  Module value;
};

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/serialize/detail/module_impl.hpp"
#endif
