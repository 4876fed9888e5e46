// tjit/runtime/function.hpp — Function (a named graph and its compiled code) and
// CompilationUnit (the functions and class methods that can call each other).
//
//   auto cu = std::make_shared<tjit::runtime::CompilationUnit>();
//   auto* f = cu->create_function("__torch__.f", graph);
//   tjit::IValue y = (*f)({x});         // from C++, like torch::jit::Function
//
// A Function compiles its graph on first call (once, thread-safe) and then only runs it: no
// profiling, no re-optimisation keyed on shapes, so the first call is as fast as the hundredth.
// One Function may be called from many threads at once.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tjit/ir/graph.hpp"
#include "tjit/ir/schema.hpp"
#include "tjit/runtime/interpreter.hpp"
#include "tjit/runtime/ivalue.hpp"

namespace tjit::runtime {

using Kwargs = std::unordered_map<std::string, IValue>;

class Function {
 public:
  Function(std::string qualname, std::shared_ptr<ir::Graph> graph,
           const CompilationUnit* cu = nullptr)
      : qualname_(std::move(qualname)), graph_(std::move(graph)), cu_(cu) {}

  // "__torch__.MyModule.forward" -> "forward".
  std::string name() const {
    auto dot = qualname_.rfind('.');
    return dot == std::string::npos ? qualname_ : qualname_.substr(dot + 1);
  }
  const std::string& qualname() const { return qualname_; }
  const std::shared_ptr<ir::Graph>& graph() const { return graph_; }

  // The schema used to bind arguments (names, defaults, keyword-only). Without one, the
  // graph's inputs give names and types and every argument is positional.
  void setSchema(ir::FunctionSchema schema) { schema_ = std::move(schema); }
  ir::FunctionSchema getSchema() const;
  bool hasSchema() const { return schema_.has_value(); }

  // The compiled code (compiled on first use).
  const Code& code() const {
    std::call_once(compiled_, [&] { code_ = std::make_unique<Code>(graph_, name(), cu_); });
    return *code_;
  }
  // Runs on a stack holding all inputs (self first for methods); leaves the outputs.
  void run(Stack& stack) const { code().run(stack); }
  // Binds positional and keyword arguments against the schema (defaults filled in, types
  // checked) and runs. A graph with several outputs returns them as a tuple.
  IValue operator()(std::vector<IValue> args, const Kwargs& kwargs = {}) const;

 private:
  std::string qualname_;
  std::shared_ptr<ir::Graph> graph_;
  const CompilationUnit* cu_;
  std::optional<ir::FunctionSchema> schema_;
  mutable std::once_flag compiled_;
  mutable std::unique_ptr<Code> code_;
};

class CompilationUnit {
 public:
  CompilationUnit() = default;
  CompilationUnit(const CompilationUnit&) = delete;
  CompilationUnit& operator=(const CompilationUnit&) = delete;

  // Adds a function (or a method: qualname "<class qualname>.<method>"). Names are unique.
  Function* create_function(std::string qualname, std::shared_ptr<ir::Graph> graph);
  Function* find_function(std::string_view qualname) const;
  Function& get_function(std::string_view qualname) const;
  // A class's method, or null.
  Function* find_method(const ir::TypePtr& cls, std::string_view name) const {
    return find_function(cls->name() + "." + std::string(name));
  }
  std::vector<Function*> get_functions() const;

  // Named types (script classes, modules, NamedTuples, enums, interfaces) by qualified name,
  // as the frontend compiles them or an importer declares them. Names are unique.
  void register_type(ir::TypePtr type);
  ir::TypePtr find_type(std::string_view qualname) const;
  std::vector<ir::TypePtr> get_types() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Function>> functions_;
  std::unordered_map<std::string, Function*> by_name_;
  std::vector<ir::TypePtr> types_;
  std::unordered_map<std::string, ir::TypePtr> types_by_name_;
};

// A method of an object (a script class instance or a module): calls pass the object as
// `self`.
//
//   auto obj = tjit::runtime::create_object(*cu, "__torch__.M");
//   obj->setAttr("w", w);                           // one value per declared attribute
//   tjit::IValue y = tjit::runtime::Method(obj, *cu, "forward")({x});
class Method {
 public:
  // Throws tjit::Error when the object's class has no compiled method `name`.
  Method(ObjectPtr owner, const CompilationUnit& cu, std::string_view name);
  IValue operator()(std::vector<IValue> args, const Kwargs& kwargs = {}) const;
  Function& function() const { return *fn_; }
  const ObjectPtr& owner() const { return owner_; }

 private:
  ObjectPtr owner_;
  Function* fn_;
};

// An object of the class `class_qualname` compiled into `cu`: every attribute slot None, to be
// set by the caller (an importer fills them from data.pkl).
ObjectPtr create_object(const CompilationUnit& cu, std::string_view class_qualname);

// Binds args/kwargs to `schema` as the TorchScript compiler does for a call: positional
// arguments first, then keywords, then defaults; checks each value's type. Errors name the
// function and argument like PyTorch's.
std::vector<IValue> bind_arguments(const ir::FunctionSchema& schema, std::vector<IValue> args,
                                   const Kwargs& kwargs, std::size_t skip_self = 0);

// Whether a runtime value is an instance of a (static) type, as isinstance/argument checks use.
bool is_instance(const IValue& v, const ir::Type& type);

}  // namespace tjit::runtime

#ifdef TJIT_HEADER_ONLY
#include "tjit/runtime/detail/function_impl.hpp"
#include "tjit/runtime/detail/interpreter_impl.hpp"
#endif
