// Definitions of frontend/emitter.hpp: the AST → IR emitter (PyTorch's to_ir in ir_emitter.cpp,
// with schema_matching.cpp's matching and sugared_value.cpp's name resolution).
#pragma once

#include "tjit/frontend/emitter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "tjit/frontend/detail/functional_source.hpp"
#include "tjit/frontend/error_report.hpp"
#include "tjit/frontend/parser.hpp"
#include "tjit/ir/type.hpp"
#include "tjit/runtime/operator.hpp"

namespace tjit::frontend {

// Passes of detail/emitter_passes_impl.hpp.
namespace detail {
void convert_to_ssa(ir::Graph& g);
void run_cleanup_passes(ir::Graph& g);
}  // namespace detail

namespace detail {

using ir::Node;
using ir::Symbol;
using ir::Type;
using ir::TypeKind;
using ir::TypePtr;
using ir::Value;

// ------------------------------------------------------------------ sugared values

struct Sugared;
using SugaredPtr = std::shared_ptr<Sugared>;

// What a name or expression denotes before it is a graph value (PyTorch's SugaredValue).
struct Sugared {
  enum class Kind {
    Simple,        // a graph value
    Builtin,       // an operator (with `self` for methods)
    Module,        // torch, torch.nn.functional, math, ...
    Special,       // range, len, isinstance, annotate, fork, wait, print, casts, ...
    Exception,     // ValueError
    ExceptionMsg,  // ValueError("msg")
    Range,         // range(...) being iterated
    Zip,           // zip / enumerate being iterated
    TupleIter,     // a tuple being iterated (unrolled)
    Function,      // a function of the compilation unit
    ClassRef,      // a class, NamedTuple or enum of the unit (`type`)
    Method,        // a method of `value` (an object of class `type`) called `name`
    Namespace,     // a prefix of qualified names (`__torch__.a`), or `ops`, `ops.aten`
    Constants,     // CONSTANTS of archives
    New,           // `C.__new__` of a class C (`type`)
  };
  Kind kind = Kind::Simple;
  Value* value = nullptr;
  Symbol sym;
  std::string name;
  std::vector<Value*> args;
  std::vector<SugaredPtr> children;
  TypePtr type;

  static SugaredPtr simple(Value* v) {
    auto s = std::make_shared<Sugared>();
    s->value = v;
    return s;
  }
  static SugaredPtr make(Kind k, std::string name, Symbol sym = {}, Value* self = nullptr) {
    auto s = std::make_shared<Sugared>();
    s->kind = k;
    s->name = std::move(name);
    s->sym = sym;
    s->value = self;
    return s;
  }
};

struct NamedValue {
  SourceRange range;
  std::string name;
  Value* value = nullptr;
};

inline bool meaningful_name(const std::string& name) {
  if (name.empty()) return false;
  if (name[0] == '$') return false;
  if (name[0] != '_') return true;
  for (std::size_t i = 1; i < name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return true;
  return false;
}

// ------------------------------------------------------------------ type variables

using TypeEnv = std::map<std::string, TypePtr>;

inline bool match_type_vars(const TypePtr& formal, const TypePtr& actual, TypeEnv& env) {
  if (!formal->hasFreeVariables()) return true;
  switch (formal->kind()) {
    case TypeKind::VarType: {
      auto it = env.find(formal->name());
      if (it == env.end()) {
        env.emplace(formal->name(), actual);
        return true;
      }
      if (auto u = ir::unifyTypes(it->second, actual)) {
        it->second = *u;
        return true;
      }
      return false;
    }
    case TypeKind::ListType:
      return actual->kind() == TypeKind::ListType &&
             match_type_vars(formal->getElementType(), actual->getElementType(), env);
    case TypeKind::FutureType:
      return actual->kind() == TypeKind::FutureType &&
             match_type_vars(formal->getElementType(), actual->getElementType(), env);
    case TypeKind::OptionalType:
      if (actual->kind() == TypeKind::NoneType) return true;
      if (actual->kind() == TypeKind::OptionalType)
        return match_type_vars(formal->getElementType(), actual->getElementType(), env);
      return match_type_vars(formal->getElementType(), actual, env);
    case TypeKind::DictType:
      return actual->kind() == TypeKind::DictType &&
             match_type_vars(formal->getKeyType(), actual->getKeyType(), env) &&
             match_type_vars(formal->getValueType(), actual->getValueType(), env);
    case TypeKind::TupleType:
      if (actual->kind() != TypeKind::TupleType ||
          actual->elements().size() != formal->elements().size())
        return false;
      for (std::size_t i = 0; i < formal->elements().size(); ++i)
        if (!match_type_vars(formal->elements()[i], actual->elements()[i], env)) return false;
      return true;
    default: return false;
  }
}

inline TypePtr eval_type_vars(const TypePtr& t, const TypeEnv& env) {
  if (!t->hasFreeVariables()) return t;
  switch (t->kind()) {
    case TypeKind::VarType: {
      auto it = env.find(t->name());
      return it == env.end() ? nullptr : it->second;
    }
    case TypeKind::ListType: {
      auto e = eval_type_vars(t->getElementType(), env);
      return e ? Type::List(e) : nullptr;
    }
    case TypeKind::FutureType: {
      auto e = eval_type_vars(t->getElementType(), env);
      return e ? Type::Future(e) : nullptr;
    }
    case TypeKind::OptionalType: {
      auto e = eval_type_vars(t->getElementType(), env);
      return e ? Type::Optional(e) : nullptr;
    }
    case TypeKind::DictType: {
      auto k = eval_type_vars(t->getKeyType(), env), v = eval_type_vars(t->getValueType(), env);
      return k && v ? Type::Dict(k, v) : nullptr;
    }
    case TypeKind::TupleType: {
      std::vector<TypePtr> es;
      for (auto& e : t->elements()) {
        es.push_back(eval_type_vars(e, env));
        if (!es.back()) return nullptr;
      }
      return Type::Tuple(std::move(es));
    }
    default: return t;
  }
}

// ------------------------------------------------------------------ environment

struct Environment {
  Environment(Node* /*unused*/, ir::Block* b, std::shared_ptr<Environment> next)
      : b(b), next(std::move(next)) {}
  ir::Block* b;
  std::shared_ptr<Environment> next;
  std::map<std::string, TypePtr> type_table;
  std::map<std::string, SugaredPtr> value_table;
  std::map<std::string, std::string> error_messages;
};

// ------------------------------------------------------------------ definitions of one file

// The functions and methods of one define() call, compiled on first reference (Note [Lazy
// name resolution] in emitter.hpp).
struct Definer {
  struct Pending {
    const Def* def = nullptr;
    TypePtr self_type;  // methods: their class
  };
  runtime::CompilationUnit& cu;
  CompileOptions options;
  Module module;
  std::map<std::string, Pending> pending;
  std::vector<std::string> order;
  std::set<std::string> in_progress;

  Definer(runtime::CompilationUnit& cu, CompileOptions options, Module module)
      : cu(cu), options(std::move(options)), module(std::move(module)) {}
  // The function or method `qualname`, compiled now if it is pending; null if unknown.
  runtime::Function* ensure(const std::string& qualname, const SourceRange& loc);
  void declare();
  void compile_all();
};

// Note [Definitions across files]
// An importer defines files while another file is being defined: a class's attribute type
// lives in another file, whose methods call back methods of the first file's classes. So a
// define() reached from inside another one (through CompileOptions::resolver) only declares
// its classes and functions; the outermost define() then compiles every file of the session,
// once everything is declared, and a name pending in any file of the session compiles on
// first reference, as names of the own file do.
struct DefineSession {
  std::vector<std::unique_ptr<Definer>> definers;
};
inline DefineSession*& define_session() {
  thread_local DefineSession* s = nullptr;
  return s;
}

// ------------------------------------------------------------------ the emitter

class Emitter {
 public:
  Emitter(runtime::CompilationUnit* cu, const CompileOptions& options, Definer* definer = nullptr)
      : cu_(cu), options_(options), graph_(std::make_shared<ir::Graph>()), definer_(definer) {}

  std::shared_ptr<ir::Graph> emit(const Def& def, ir::FunctionSchema* schema_out,
                                  TypePtr self_type = nullptr) {
    self_type_ = std::move(self_type);
    is_init_ = self_type_ && def.name == "__init__";
    push_frame(graph_->block(), true);
    ir::FunctionSchema schema = emit_def(def, graph_->block());
    convert_to_ssa(*graph_);
    run_cleanup_passes(*graph_);
    if (schema_out) *schema_out = std::move(schema);
    return graph_;
  }

 private:
  struct DefContext {
    TypePtr declared_return;
    TypePtr merged_return;
  };
  enum class LoopStatus { NotInLoop, InLoop, InUnrolledLoop };

  runtime::CompilationUnit* cu_;
  const CompileOptions& options_;
  std::shared_ptr<ir::Graph> graph_;
  std::shared_ptr<Environment> env_;
  std::vector<DefContext> def_stack_;
  std::unordered_map<std::int64_t, Value*> int_constants_;
  std::map<double, Value*> fp_constants_;
  std::set<ir::Block*> exit_blocks_;
  LoopStatus loop_status_ = LoopStatus::NotInLoop;
  Definer* definer_ = nullptr;
  TypePtr self_type_;  // methods: the class
  bool is_init_ = false;

  // ---------------------------------------------------------------- qualified names
  runtime::Function* find_function(const std::string& qualname, const SourceRange& loc) {
    if (definer_)
      if (auto* f = definer_->ensure(qualname, loc)) return f;
    // Note [Definitions across files]
    if (DefineSession* s = define_session())
      for (const auto& d : s->definers)
        if (d.get() != definer_ && &d->cu == cu_ && d->pending.count(qualname))
          return d->ensure(qualname, loc);
    return cu_ ? cu_->find_function(qualname) : nullptr;
  }
  bool has_method(const TypePtr& cls, const std::string& name) {
    const std::string q = cls->name() + "." + name;
    if (definer_ && definer_->pending.count(q)) return true;
    if (DefineSession* s = define_session())
      for (const auto& d : s->definers)
        if (&d->cu == cu_ && d->pending.count(q)) return true;
    return cu_ && cu_->find_function(q);
  }
  // A class or function called `qualname`, asking the resolver when the unit does not know it.
  SugaredPtr resolve_qualified(const std::string& qualname, const SourceRange& loc) {
    if (cu_ && qualname == kNoGradClass) define_builtin_classes(loc);
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (cu_) {
        if (TypePtr t = cu_->find_type(qualname)) {
          auto r = Sugared::make(Sugared::Kind::ClassRef, qualname);
          r->type = t;
          return r;
        }
      }
      if (runtime::Function* f = find_function(qualname, loc);
          f && qualname.find('.') != std::string::npos)
        return Sugared::make(Sugared::Kind::Function, f->qualname());
      if (attempt == 0 && !(options_.resolver && options_.resolver(qualname))) break;
    }
    return nullptr;
  }
  // Note [Builtin script classes]
  // `torch.no_grad()` is, in PyTorch, the Python class torch.autograd.grad_mode.no_grad, which
  // the compiler scripts on first use: the unit gets `__torch__.torch.autograd.grad_mode.no_grad`
  // (an attribute `prev` and __init__/__enter__/__exit__, as its archives print it). An archive
  // carries that class in its own code/ file, which the resolver defines first; otherwise it is
  // defined from the source below. The interpreter's prim::Enter/Exit switch grad mode for it.
  static constexpr const char* kNoGradClass = "__torch__.torch.autograd.grad_mode.no_grad";
  void define_builtin_classes(const SourceRange& loc) {
    if (!cu_) throw error_report(loc, "torch.no_grad() needs a compilation unit");
    if (cu_->find_type(kNoGradClass)) return;
    if (options_.resolver && options_.resolver(kNoGradClass) && cu_->find_type(kNoGradClass)) return;
    static const char* source =
        "class no_grad:\n"
        "  prev : bool\n"
        "  def __enter__(self: __torch__.torch.autograd.grad_mode.no_grad) -> NoneType:\n"
        "    self.prev = torch.is_grad_enabled()\n"
        "    torch.set_grad_enabled(False)\n"
        "    return None\n"
        "  def __exit__(self: __torch__.torch.autograd.grad_mode.no_grad,\n"
        "    exc_type: Any,\n"
        "    exc_value: Any,\n"
        "    traceback: Any) -> NoneType:\n"
        "    prev = self.prev\n"
        "    torch.set_grad_enabled(prev)\n"
        "    return None\n"
        "  def __init__(self: __torch__.torch.autograd.grad_mode.no_grad) -> NoneType:\n"
        "    self.prev = False\n"
        "    return None\n";
    CompileOptions o;
    o.qualifier = "__torch__.torch.autograd.grad_mode";
    o.extra_schemas = options_.extra_schemas;
    define(*cu_, std::make_shared<const Source>(source, "torch/autograd/grad_mode.py"), o);
  }

  // Note [torch.nn.functional in the emitter]
  // Most of torch.nn.functional is Python that PyTorch's compiler scripts on first use: a call
  // `F.relu(x)` is a prim::CallFunction of `__torch__.torch.nn.functional.relu` (defaults filled
  // in), not an operator. The unit gets such a function from the resolver (an archive's
  // code/__torch__/torch/nn/functional.py) or from detail/functional_source.hpp. F.* functions
  // that are builtins in PyTorch (F.gelu, F.linear, F.conv2d, ...) are operators, aten::<name>.
  SugaredPtr functional(const std::string& field, const SourceRange& loc) {
    std::string name = field == "max_pool2d" ? "_max_pool2d" : field;
    const char* source = functional_source(name);
    if (!source) return nullptr;
    if (!cu_) throw error_report(loc, "torch.nn.functional." + field + " needs a compilation unit");
    const std::string q = "__torch__.torch.nn.functional." + name;
    if (!find_function(q, loc) && !(options_.resolver && options_.resolver(q) && cu_->find_function(q))) {
      CompileOptions o;
      o.qualifier = "__torch__.torch.nn.functional";
      o.extra_schemas = options_.extra_schemas;
      define(*cu_, std::make_shared<const Source>(source, "torch/nn/functional.py"), o);
    }
    return Sugared::make(Sugared::Kind::Function, q);
  }

  TypePtr resolve_type_name(const std::string& name) {
    if (!cu_) return nullptr;
    auto try_one = [&](const std::string& q) -> TypePtr {
      if (TypePtr t = cu_->find_type(q)) return t;
      if (options_.resolver && options_.resolver(q)) return cu_->find_type(q);
      return nullptr;
    };
    if (name.find('.') == std::string::npos) {
      if (TypePtr t = cu_->find_type(options_.qualifier + "." + name)) return t;
      return nullptr;
    }
    return try_one(name);
  }

  // ---------------------------------------------------------------- frames
  void push_frame(ir::Block* b, bool starts_def = false) {
    if (starts_def) def_stack_.emplace_back();
    env_ = std::make_shared<Environment>(nullptr, b, env_);
  }
  std::shared_ptr<Environment> pop_frame(bool ends_def = false) {
    auto old = env_;
    env_ = env_->next;
    if (ends_def) def_stack_.pop_back();
    return old;
  }

  SugaredPtr insert_load(const std::string& name, const TypePtr& type) {
    Node* n = graph_->insertNode(graph_->create(Symbol::prim("Load"), 1));
    n->s_(ir::attr::name, name);
    n->output()->setType(type);
    if (meaningful_name(name)) n->output()->setDebugName(name);
    return Sugared::simple(n->output());
  }
  void insert_store(Environment& e, const std::string& name, const SourceRange& loc, Value* v,
                    TypePtr type) {
    Node* n = graph_->insertNode(graph_->create(Symbol::prim("Store"), {v}, 0));
    n->s_(ir::attr::name, name);
    n->setSourceRange(loc);
    e.type_table[name] = std::move(type);
  }
  SugaredPtr find_in_frame(Environment& e, const std::string& name) {
    if (auto it = e.value_table.find(name); it != e.value_table.end()) return it->second;
    if (auto it = e.type_table.find(name); it != e.type_table.end())
      return insert_load(name, it->second);
    return nullptr;
  }
  SugaredPtr find_in_any_frame(Environment* e, const std::string& name) {
    for (; e; e = e->next.get())
      if (auto r = find_in_frame(*e, name)) return r;
    return nullptr;
  }
  static bool defined_in_any_frame(Environment* e, const std::string& name) {
    for (; e; e = e->next.get())
      if (e->value_table.count(name) || e->type_table.count(name)) return true;
    return false;
  }
  static TypePtr type_in_any_frame(Environment* e, const std::string& name) {
    for (; e; e = e->next.get())
      if (auto it = e->type_table.find(name); it != e->type_table.end()) return it->second;
    return nullptr;
  }

  void set_var(const SourceRange& loc, const std::string& name, Value* v,
               TypePtr annotated = nullptr) {
    set_sugared_var(loc, name, Sugared::simple(v), std::move(annotated));
  }
  void set_sugared_var(const SourceRange& loc, const std::string& name, SugaredPtr value,
                       TypePtr annotated) {
    Value* simple = value->kind == Sugared::Kind::Simple ? value->value : nullptr;
    if (simple && !simple->hasDebugName() && meaningful_name(name) &&
        simple->node()->owningBlock() == env_->b)
      simple->setDebugName(name);
    if (env_->next && defined_in_any_frame(env_->next.get(), name)) {
      if (annotated)
        throw error_report(loc, "Attempting to declare and annotate the type of variable '" +
                                    name + "' but it is already defined in an outer block");
      TypePtr parent = type_in_any_frame(env_->next.get(), name);
      if (simple && parent) {
        simple = try_convert(loc, parent, simple, true);
        if (!simple->type()->isSubtypeOf(*parent))
          throw error_report(loc, "Variable '" + name + "' previously has type " +
                                      parent->repr_str() +
                                      " but is now being assigned to a value of type " +
                                      simple->type()->repr_str() + "\n");
      }
    }
    if (simple) {
      if (annotated && !simple->type()->isSubtypeOf(*annotated))
        throw error_report(loc, "Variable '" + name + "' is annotated with type " +
                                    annotated->repr_str() +
                                    " but is being assigned to a value of type " +
                                    simple->type()->repr_str());
      insert_store(*env_, name, loc, simple, annotated ? annotated : simple->type());
    } else {
      env_->value_table[name] = std::move(value);
    }
  }

  SugaredPtr get_sugared_var(const std::string& ident, const SourceRange& range) {
    if (auto r = find_in_any_frame(env_.get(), ident)) return r;
    using K = Sugared::Kind;
    static const std::map<std::string, std::pair<K, std::string>> globals = {
        {"print", {K::Special, "print"}},
        {"tuple", {K::Special, "tuple"}},
        {"float", {K::Special, "float"}},
        {"int", {K::Special, "int"}},
        {"bool", {K::Special, "bool"}},
        {"str", {K::Special, "str"}},
        {"isinstance", {K::Special, "isinstance"}},
        {"len", {K::Builtin, "aten::len"}},
        {"min", {K::Builtin, "prim::min"}},
        {"max", {K::Builtin, "prim::max"}},
        {"abs", {K::Builtin, "prim::abs"}},
        {"pow", {K::Builtin, "aten::pow"}},
        {"round", {K::Builtin, "aten::round"}},
        {"ord", {K::Builtin, "aten::ord"}},
        {"chr", {K::Builtin, "aten::chr"}},
        {"sorted", {K::Builtin, "aten::sorted"}},
        {"range", {K::Special, "range"}},
        {"zip", {K::Special, "zip"}},
        {"enumerate", {K::Special, "enumerate"}},
        {"annotate", {K::Special, "annotate"}},
        {"unchecked_cast", {K::Special, "unchecked_cast"}},
        {"uninitialized", {K::Special, "uninitialized"}},
        {"getattr", {K::Special, "getattr"}},
        {"fork", {K::Special, "fork"}},
        {"wait", {K::Builtin, "aten::wait"}},
        {"torch", {K::Module, "torch"}},
        {"math", {K::Module, "math"}},
        {"F", {K::Module, "torch.nn.functional"}},
    };
    if (auto it = globals.find(ident); it != globals.end()) {
      const auto& [k, n] = it->second;
      if (k == K::Builtin) return Sugared::make(k, n, Symbol::fromQualString(n));
      return Sugared::make(k, n);
    }
    static const std::set<std::string> exceptions = {
        "Exception", "AssertionError", "ValueError", "RuntimeError", "TypeError",
        "IndexError", "KeyError", "NotImplementedError", "StopIteration", "ZeroDivisionError"};
    if (exceptions.count(ident)) return Sugared::make(K::Exception, ident);
    if (ident == "__torch__" || ident == "ops") return Sugared::make(K::Namespace, ident);
    if (ident == "CONSTANTS" && options_.constants) return Sugared::make(K::Constants, ident);
    if (ident == "inf" || ident == "nan")
      return Sugared::simple(insert_constant(ir::Literal(ident == "inf" ? INFINITY : NAN), range));
    if (cu_) {
      if (auto r = resolve_qualified(options_.qualifier + "." + ident, range)) return r;
      if (auto* f = cu_->find_function(options_.qualifier + "." + ident))
        return Sugared::make(K::Function, f->qualname());
    }
    if (auto it = env_error(ident)) throw error_report(range, *it + "and was used here");
    throw error_report(range, "undefined value " + ident);
  }
  std::optional<std::string> env_error(const std::string& name) {
    Environment* e = env_.get();
    while (e->next) e = e->next.get();
    auto it = e->error_messages.find(name);
    if (it == e->error_messages.end()) return std::nullopt;
    return it->second;
  }
  void set_variable_type_error(const std::string& name, std::string msg) {
    Environment* e = env_.get();
    while (e->next) e = e->next.get();
    e->error_messages[name] = std::move(msg);
  }

  // ---------------------------------------------------------------- constants
  Value* insert_constant(const ir::Literal& v, const SourceRange& loc, TypePtr type = nullptr) {
    Node* n = graph_->createConstant(v, std::move(type));
    graph_->insertNode(n);
    if (!loc.empty_sentinel()) n->setSourceRange(loc);
    return n->output();
  }
  template <class T, class Map>
  Value* materialize_constant(T v, const SourceRange& loc, Map& map) {
    if (auto it = map.find(v); it != map.end()) return it->second;
    ir::WithInsertPoint guard(graph_->block()->nodes().front());
    Value* c = insert_constant(ir::Literal(v), loc);
    map[v] = c;
    return c;
  }
  static SourceRange number_range(const SourceRange& r) {
    // PyTorch's parser gives `-1` the range of the number alone.
    auto t = r.text();
    if (!t.empty() && t[0] == '-') return SourceRange(r.source(), r.start() + 1, r.end());
    return r;
  }

  // ---------------------------------------------------------------- types of annotations
  TypePtr parse_type_expr(const Expr& e) {
    std::string text(e.range.text());
    // `torch.Tensor` and friends
    if (text == "torch.Tensor") text = "Tensor";
    try {
      return ir::parse_type(text, [this](const std::string& q) { return resolve_type_name(q); });
    } catch (const Error&) {
      throw error_report(e.range, "Unknown type name '" + text + "'");
    }
  }

  // ---------------------------------------------------------------- def
  // `BroadcastingListN[T]` (and Optional of it): a List[T] argument that also takes one T,
  // repeated N times (PyTorch's `int[2]` schema arguments).
  TypePtr parse_param_type(const Expr& e, std::optional<std::int32_t>& n) {
    std::string text(e.range.text());
    bool optional = false;
    if (text.rfind("Optional[", 0) == 0 && text.back() == ']') {
      optional = true;
      text = text.substr(9, text.size() - 10);
    }
    const std::string prefix = "BroadcastingList";
    if (text.rfind(prefix, 0) != 0 || text.size() < prefix.size() + 3) return parse_type_expr(e);
    std::size_t open = text.find('[');
    if (open == std::string::npos || text.back() != ']') return parse_type_expr(e);
    n = std::stoi(text.substr(prefix.size(), open - prefix.size()));
    std::string elem = text.substr(open + 1, text.size() - open - 2);
    TypePtr et = elem == "int" ? Type::Int() : elem == "float" ? Type::Float() : elem == "bool" ? Type::Bool() : nullptr;
    if (!et) throw error_report(e.range, "Unknown type name '" + text + "'");
    TypePtr t = Type::List(et);
    return optional ? Type::Optional(t) : t;
  }

  ir::FunctionSchema emit_def(const Def& def, ir::Block* block) {
    std::vector<TypePtr> param_types(def.params.size());
    std::vector<std::optional<std::int32_t>> broadcast_n(def.params.size());
    TypePtr ret_type;
    if (def.type_comment) {
      const auto& tc = *def.type_comment;
      if (tc.param_types.size() != def.params.size())
        throw error_report(def.range, "Number of type annotations for function parameters (" +
                                          std::to_string(tc.param_types.size()) +
                                          ") does not match the number of parameters on the "
                                          "function (" +
                                          std::to_string(def.params.size()) + ")!");
      for (std::size_t i = 0; i < def.params.size(); ++i)
        param_types[i] = parse_type_expr(*tc.param_types[i]);
      if (tc.return_type) ret_type = parse_type_expr(*tc.return_type);
    } else {
      for (std::size_t i = 0; i < def.params.size(); ++i)
        param_types[i] = def.params[i].annotation
                             ? parse_param_type(*def.params[i].annotation, broadcast_n[i])
                             : Type::Tensor();
      if (def.returns) ret_type = parse_type_expr(*def.returns);
    }
    if (ret_type) def_stack_.back().declared_return = ret_type;
    std::vector<ir::Argument> arguments;
    if (self_type_) {
      if (def.params.empty())
        throw error_report(def.range, "methods must have a self argument");
      param_types[0] = self_type_;
    }
    for (std::size_t i = 0; i < def.params.size(); ++i) {
      const auto& p = def.params[i];
      Value* in = block->addInput();
      if (meaningful_name(p.name)) in->setDebugName(p.name);
      in->setType(param_types[i]);
      std::optional<ir::Literal> dflt;
      if (p.default_value) dflt = literal_of(*p.default_value);
      arguments.emplace_back(p.name, param_types[i], broadcast_n[i], dflt, p.kwarg_only);
      if (i == 0 && self_type_ && self_type_->is_module() && options_.scripted_modules)
        env_->value_table[p.name] = Sugared::simple(in);  // torch.jit.script's ModuleValue
      else
        set_var(SourceRange(p.range), p.name, in);
    }
    emit_statements(def.body);
    handle_maybe_no_return(def, block);
    TypePtr rt = def_stack_.back().merged_return;
    Node* placeholder = graph_->insertNode(graph_->createUninitialized(rt));
    block->registerOutput(placeholder->output());
    return ir::FunctionSchema(def.name, "", std::move(arguments), {ir::Argument("", rt)});
  }

  std::optional<ir::Literal> literal_of(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Int: return ir::Literal(e.as<IntLiteral>()->value);
      case ExprKind::Float: return ir::Literal(e.as<FloatLiteral>()->value);
      case ExprKind::Str: return ir::Literal(e.as<StringLiteral>()->value);
      case ExprKind::Bool: return ir::Literal(e.as<BoolLiteral>()->value);
      case ExprKind::None: return ir::Literal();
      case ExprKind::UnaryOp: {
        auto u = e.as<UnaryOp>();
        if (u->op == UnaryOpKind::Neg) {
          auto v = literal_of(*u->operand);
          if (v && v->is_int()) return ir::Literal(-v->to_int());
          if (v && v->is_double()) return ir::Literal(-v->to_double());
        }
        break;
      }
      case ExprKind::List:
      case ExprKind::Tuple: {
        const ExprList& elts = e.kind == ExprKind::List ? e.as<ListLiteral>()->elts : e.as<TupleLiteral>()->elts;
        std::vector<ir::Literal> items;
        for (const auto& x : elts) items.push_back(*literal_of(*x));
        return e.kind == ExprKind::List ? ir::Literal::list(std::move(items)) : ir::Literal::tuple(std::move(items));
      }
      default: break;
    }
    throw error_report(e.range, "Unsupported default value");
  }

  void handle_maybe_no_return(const Def& def, ir::Block* block) {
    auto decl = def_stack_.back().declared_return;
    if (!exit_blocks_.count(block)) {
      if (decl && decl->kind() != TypeKind::NoneType)
        throw error_report(def.range,
                           "Function was not annotated as having type None, but does not "
                           "return along all paths");
      ir::WithInsertPoint guard(block);
      Value* none = insert_constant(ir::Literal(), def.range);
      emit_return_value(def.range, none);
    } else if (!def_stack_.back().merged_return) {
      def_stack_.back().merged_return = decl ? decl : Type::None();
    }
  }

  // ---------------------------------------------------------------- statements
  void emit_statements(const StmtList& stmts) {
    for (const auto& s : stmts) {
      emit_statement(*s);
      if (exit_blocks_.count(env_->b)) return;
    }
  }

  void emit_statement(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::If: emit_if(*s.as<If>()); break;
      case StmtKind::While: emit_while(*s.as<While>()); break;
      case StmtKind::For: emit_for(*s.as<For>()); break;
      case StmtKind::Assign: emit_assignment(*s.as<Assign>()); break;
      case StmtKind::AugAssign: emit_aug_assignment(*s.as<AugAssign>()); break;
      case StmtKind::Expr: {
        const auto& e = *s.as<ExprStmt>()->value;
        if (e.is<StringLiteral>()) break;  // docstring (the Python frontend drops them)
        emit_sugared_expr(e, 0);
        break;
      }
      case StmtKind::Raise: emit_raise(*s.as<Raise>()); break;
      case StmtKind::Assert: emit_assert(*s.as<Assert>()); break;
      case StmtKind::Return: emit_return(*s.as<Return>()); break;
      case StmtKind::Continue:
      case StmtKind::Break: {
        bool is_break = s.kind == StmtKind::Break;
        const char* word = is_break ? "break" : "continue";
        if (loop_status_ == LoopStatus::NotInLoop)
          throw error_report(s.range, std::string("SyntaxError: '") + word + "' outside loop");
        if (loop_status_ == LoopStatus::InUnrolledLoop)
          throw error_report(s.range,
                             "Because we emit iteration over modulelists or tuples as unrolled "
                             "loops, we do not support break or continue inside the body of "
                             "these loops");
        Node* n = graph_->create(Symbol::prim(is_break ? "BreakStmt" : "ContinueStmt"), {}, 0);
        n->setSourceRange(s.range);
        graph_->insertNode(n);
        break;
      }
      case StmtKind::Pass: break;
      case StmtKind::Delete: emit_delete(*s.as<Delete>()); break;
      case StmtKind::With: emit_with(*s.as<With>()); break;
      default:
        throw error_report(s.range, "Unrecognized statement kind");
    }
  }

  // PyTorch's emitWith: `with a as b, c:` enters each object (prim::Enter, typed as its
  // `__enter__` returns; `b` names that value), emits the body, then exits them innermost first
  // (prim::Exit). The exit transforms see Enter/Exit pairs as prim::With blocks, so a `return`
  // inside the body still exits (Note [Context managers] in emitter_passes_impl.hpp).
  void emit_with(const With& w) {
    std::vector<Value*> entered;
    for (const auto& item : w.items) {
      Value* rhs = emit_expr(*item.context);
      Node* n = graph_->insertNode(graph_->create(ir::prim::Enter, {rhs}));
      entered.push_back(rhs);
      const TypePtr& t = rhs->type();
      if (t->kind() != TypeKind::ClassType)
        throw error_report(item.context->range, "With item expression must return an object");
      runtime::Function* enter = find_function(t->name() + ".__enter__", item.context->range);
      runtime::Function* exit = find_function(t->name() + ".__exit__", item.context->range);
      if (!enter || !exit)
        throw error_report(item.context->range,
                           "Object returned by with item expression does not define __enter__ and "
                           "__exit__ methods");
      const ir::FunctionSchema& es = enter->getSchema();
      if (es.arguments().size() != 1)
        throw error_report(item.context->range,
                           "__enter__ must have only one argument and one return value");
      const ir::FunctionSchema& xs = exit->getSchema();
      if (xs.arguments().size() != 4)
        throw error_report(item.context->range, "__exit__ must have four arguments");
      for (std::size_t i = 1; i < 4; ++i)
        if (xs.arguments()[i].type()->kind() != TypeKind::AnyType)
          throw error_report(item.context->range,
                             "argument " + std::to_string(i) + " of __exit__ must have Any type; got " +
                                 xs.arguments()[i].type()->repr_str());
      n->output()->setType(es.returns().at(0).type());
      if (item.target) {
        auto name = item.target->as<Name>();
        if (!name) throw error_report(item.target->range, "expected a variable name after 'as'");
        set_var(item.target->range, name->id, n->output());
      }
    }
    emit_statements(w.body);
    while (!entered.empty()) {
      graph_->insertNode(graph_->create(ir::prim::Exit, {entered.back()}));
      entered.pop_back();
    }
  }

  // PyTorch's emitDelete: `del xs[i]` is aten::Delete (or the class's __delitem__), `del x`
  // forgets the variable.
  void emit_delete(const Delete& d) {
    for (const auto& target : d.targets) {
      if (auto sub = target->as<Subscript>()) {
        if (sub->indices.empty() || sub->indices[0]->is<Slice>())
          throw error_report(target->range,
                             "del statements only support deletion at a single index, slicing is "
                             "not supported (see https://github.com/pytorch/pytorch/issues/31430)");
        SugaredPtr sv = emit_sugared_expr(*sub->value, 1);
        Value* idx = emit_expr(*sub->indices[0]);
        Value* val = as_value(sub->value->range, sv);
        if (val->type()->kind() == TypeKind::ClassType) {
          emit_method_call(target->range, val, "__delitem__", {{target->range, "", idx}}, {});
        } else {
          emit_builtin_call(target->range, Symbol::aten("Delete"),
                            {{target->range, "", val}, {target->range, "", idx}}, {}, nullptr);
        }
      } else if (auto n = target->as<Name>()) {
        for (Environment* e = env_.get(); e; e = e->next.get()) {
          e->value_table.erase(n->id);
          e->type_table.erase(n->id);
        }
      } else {
        throw error_report(target->range,
                           "del statements are only supported for deleting list and dict items "
                           "and variables");
      }
    }
  }

  void emit_return_value(const SourceRange& range, Value* result) {
    TypePtr result_type = def_stack_.back().declared_return;
    if (result_type) {
      if (!(result_type->isSubtypeOf(*Type::Tensor()) &&
            result->type()->isSubtypeOf(*Type::None())))
        result = try_convert(range, result_type, result, true);
      if (!result->type()->isSubtypeOf(*result_type))
        throw error_report(range, "Return value was annotated as having type " +
                                      result_type->repr_str() + " but is actually of type " +
                                      result->type()->repr_str());
    } else {
      result_type = def_stack_.back().merged_return;
      if (!result_type) result_type = result->type();
      auto merged = ir::unifyTypes(result_type, result->type());
      if (!merged)
        throw error_report(range, "Previous return statement returned a value of type " +
                                      result_type->repr_str() +
                                      " but this return statement returns a value of type " +
                                      result->type()->repr_str());
      result_type = *merged;
    }
    def_stack_.back().merged_return = result_type;
    graph_->insertNode(graph_->create(Symbol::prim("ReturnStmt"), {result}, 0));
    exit_blocks_.insert(env_->b);
  }

  void emit_return(const Return& r) {
    Value* v;
    SourceRange range = r.range;
    if (r.value) {
      v = emit_expr(*r.value, def_stack_.back().declared_return);
      range = r.range.merged(r.value->range);  // PyTorch's range: `return <value>`
    } else {
      v = insert_constant(ir::Literal(), r.range);
    }
    emit_return_value(range, v);
  }

  void emit_raise(const Raise& r) {
    if (!r.exc) throw error_report(r.range, "exceptions must derive from BaseException");
    auto sv = emit_sugared_expr(*r.exc, 1);
    Value* msg = nullptr;
    Value* cls = nullptr;
    if (sv->kind == Sugared::Kind::ExceptionMsg) {
      msg = sv->value;
      cls = sv->args.empty() ? nullptr : sv->args[0];
    } else if (sv->kind == Sugared::Kind::Exception) {
      msg = insert_constant(ir::Literal(""), r.range);
    } else {
      throw error_report(r.range, "exceptions must derive from BaseException");
    }
    if (!msg->type()->isSubtypeOf(*Type::Str())) msg = emit_builtin_call(r.range, Symbol::aten("str"), {{r.range, "", msg}}, {}, nullptr);
    std::vector<NamedValue> args{{r.range, "", msg}};
    if (cls) args.push_back({r.range, "", cls});
    emit_builtin_call(r.range, Symbol::prim("RaiseException"), args, {}, nullptr);
    exit_blocks_.insert(env_->b);
  }

  void emit_assert(const Assert& a) {
    CondValue cond = emit_cond_expr(*a.test);
    // The false branch raises AssertionError(msg) — as PyTorch desugars it.
    emit_if_else_blocks(a.range, cond, nullptr, nullptr, [&] {
      Value* msg = a.msg ? emit_expr(*a.msg) : insert_constant(ir::Literal(""), a.range);
      Value* full;
      if (a.msg && a.msg->is<StringLiteral>()) {
        msg->node()->destroy();
        full = insert_constant(ir::Literal("AssertionError: " + a.msg->as<StringLiteral>()->value), a.range);
      } else if (!a.msg) {
        msg->node()->destroy();
        full = insert_constant(ir::Literal("AssertionError: "), a.range);
      } else {
        Value* prefix = insert_constant(ir::Literal("AssertionError: "), a.range);
        full = emit_builtin_call(a.range, Symbol::aten("add"), {{a.range, "", prefix}, {a.range, "", msg}}, {}, nullptr);
      }
      emit_builtin_call(a.range, Symbol::prim("RaiseException"), {{a.range, "", full}}, {}, nullptr);
      exit_blocks_.insert(env_->b);
    });
  }

  // ---------------------------------------------------------------- conditions
  struct Refinement {
    std::string name;
    TypePtr type;
  };
  struct RefinementSet {
    std::vector<Refinement> t, f;
    RefinementSet Not() const { return {f, t}; }
  };
  struct CondValue {
    Value* value;
    RefinementSet refinements;
    std::optional<bool> static_if;
  };

  static bool must_be_none(Value* v) {
    return v->type()->kind() == TypeKind::NoneType ||
           (v->node()->kind() == ir::prim::Constant && !v->node()->hasAttribute(ir::attr::value) &&
            v->type()->kind() == TypeKind::NoneType);
  }

  // `a < b < c` is `(a < b) < c`: PyTorch's C++ parser (torch.jit.CompilationUnit, archives)
  // reads comparison operators as left-associative binary operators, unlike Python.
  static ExprPtr desugar_chain(const Compare& c) {
    ExprPtr cur = c.operands[0];
    for (std::size_t i = 0; i < c.ops.size(); ++i) {
      SourceRange r = cur->range.merged(c.operands[i + 1]->range);
      cur = std::make_shared<Compare>(r, ExprList{cur, c.operands[i + 1]},
                                      std::vector<CmpOpKind>{c.ops[i]});
    }
    return cur;
  }

  CondValue emit_cond_expr(const Expr& e) {
    if (auto c = e.as<Compare>(); c && c->ops.size() > 1) return emit_cond_expr(*desugar_chain(*c));
    if (auto b = e.as<BoolOp>()) {
      CondValue cur = emit_cond_expr(*b->values[0]);
      for (std::size_t i = 1; i < b->values.size(); ++i)
        cur = emit_short_circuit(b->range, cur, *b->values[i], b->op == BoolOpKind::Or);
      return cur;
    }
    if (auto u = e.as<UnaryOp>(); u && u->op == UnaryOpKind::Not) {
      CondValue v = emit_cond_expr(*u->operand);
      Value* r = emit_builtin_call(e.range, Symbol::aten("__not__"), {{e.range, "", v.value}}, {}, nullptr);
      std::optional<bool> si;
      if (v.static_if) si = !*v.static_if;
      return {r, v.refinements.Not(), si};
    }
    if (auto c = e.as<Compare>(); c && c->ops.size() == 1 &&
                                  (c->ops[0] == CmpOpKind::Is || c->ops[0] == CmpOpKind::IsNot)) {
      bool is = c->ops[0] == CmpOpKind::Is;
      Value* lhs = emit_expr(*c->operands[0]);
      Value* rhs = emit_expr(*c->operands[1]);
      auto none_status = [](Value* v) {
        if (v->type()->kind() == TypeKind::NoneType) return 0;
        if (v->type()->kind() == TypeKind::OptionalType) return 1;
        return 2;
      };
      int ln = none_status(lhs), rn = none_status(rhs);
      if (ln == 0 && rn == 0) return {insert_constant(ir::Literal(is), e.range), {}, is};
      if ((ln == 0 && rn == 2) || (ln == 2 && rn == 0))
        return {insert_constant(ir::Literal(!is), e.range), {}, !is};
      Value* r = emit_builtin_call(e.range, Symbol::aten(is ? "__is__" : "__isnot__"),
                                   {{e.range, "", lhs}, {e.range, "", rhs}}, {}, nullptr);
      RefinementSet refs;
      const Expr* var = c->operands[0].get();
      Value* var_v = lhs;
      const Expr* other = c->operands[1].get();
      if (var->is<NoneLiteral>() && !other->is<NoneLiteral>()) {
        std::swap(var, other);
        var_v = rhs;
      }
      if (other->is<NoneLiteral>() && var->is<Name>() &&
          var_v->type()->kind() == TypeKind::OptionalType) {
        Refinement present{var->as<Name>()->id, var_v->type()->getElementType()};
        if (is)
          refs.f.push_back(present);
        else
          refs.t.push_back(present);
      }
      return {r, refs, std::nullopt};
    }
    if (auto call = e.as<Call>()) {
      if (auto n = call->func->as<Name>(); n && n->id == "isinstance" && call->args.size() == 2)
        return emit_isinstance(*call->args[0], *call->args[1]);
    }
    Value* v = emit_to_bool(e.range, emit_expr(e));
    std::optional<bool> si;
    if (v->node()->kind() == ir::prim::Constant && v->type()->kind() == TypeKind::BoolType)
      si = v->node()->i(ir::attr::value) != 0;
    return {v, {}, si};
  }

  CondValue emit_isinstance(const Expr& obj, const Expr& classinfo) {
    std::vector<TypePtr> types;
    std::function<void(const Expr&)> gather = [&](const Expr& c) {
      if (auto t = c.as<TupleLiteral>()) {
        for (auto& x : t->elts) gather(*x);
        return;
      }
      types.push_back(parse_type_expr(c));
    };
    gather(classinfo);
    Value* v = emit_expr(obj);
    RefinementSet refs;
    if (types.size() == 1 && types[0]->isSubtypeOf(*v->type()) && obj.is<Name>())
      refs.t.push_back({obj.as<Name>()->id, types[0]});
    for (auto& t : types)
      if (v->type()->isSubtypeOf(*t)) return {insert_constant(ir::Literal(true), obj.range), refs, true};
    bool statically_false = true;
    for (auto& t : types)
      if (t->isSubtypeOf(*v->type())) statically_false = false;
    if (statically_false) return {insert_constant(ir::Literal(false), obj.range), refs, false};
    Node* n = graph_->insertNode(graph_->create(ir::prim::isinstance, {v}));
    n->tys_(ir::attr::types, types);
    n->output()->setType(Type::Bool());
    return {n->output(), refs, std::nullopt};
  }

  CondValue emit_short_circuit(const SourceRange& loc, const CondValue& lhs, const Expr& second,
                               bool is_or) {
    std::optional<CondValue> rhs;
    auto const_expr = [&] { return insert_constant(ir::Literal(is_or), loc); };
    auto cont_expr = [&] {
      rhs = emit_cond_expr(second);
      return rhs->value;
    };
    Value* r;
    std::optional<bool> si;
    if (is_or) {
      r = emit_if_expr(loc, lhs, const_expr, cont_expr);
      if ((lhs.static_if && *lhs.static_if) || (rhs->static_if && *rhs->static_if))
        si = true;
      else if (lhs.static_if && rhs->static_if)
        si = *lhs.static_if || *rhs->static_if;
    } else {
      r = emit_if_expr(loc, lhs, cont_expr, const_expr);
      if ((lhs.static_if && !*lhs.static_if) || (rhs->static_if && !*rhs->static_if))
        si = false;
      else if (lhs.static_if && rhs->static_if)
        si = *lhs.static_if && *rhs->static_if;
    }
    return {r, {}, si};
  }

  Value* emit_if_expr(const SourceRange& range, const CondValue& cond,
                      const std::function<Value*()>& t, const std::function<Value*()>& f) {
    Node* n = graph_->insertNode(graph_->create(ir::prim::If, 0));
    n->setSourceRange(range);
    n->addInput(cond.value);
    ir::Block* tb = n->addBlock();
    ir::Block* fb = n->addBlock();
    auto emit_branch = [&](ir::Block* b, const std::vector<Refinement>& refs,
                           const std::function<Value*()>& fn) {
      push_frame(b);
      ir::WithInsertPoint guard(b);
      insert_refinements(range, refs);
      b->registerOutput(fn());
      pop_frame();
    };
    emit_branch(tb, cond.refinements.t, t);
    emit_branch(fb, cond.refinements.f, f);
    auto tt = tb->outputs()[0]->type(), ft = fb->outputs()[0]->type();
    auto u = ir::unifyTypes(tt, ft);
    if (!u)
      throw error_report(range, "if-expression's true branch has type " + tt->repr_str() +
                                    " but false branch has type " + ft->repr_str());
    return n->addOutput()->setType(*u);
  }

  // PyTorch's CastValue::call inserts an (unused) constant 0 before looking at its argument;
  // it consumes a value number, so the emitter does the same.
  void cast_zero() { insert_constant(ir::Literal(std::int64_t{0}), SourceRange()); }

  Value* emit_to_bool(const SourceRange& loc, Value* v) {
    cast_zero();
    if (v->type()->kind() == TypeKind::BoolType) return v;
    Value* out;
    try {
      out = emit_builtin_call(loc, Symbol::aten("Bool"), {{loc, "", v}}, {}, nullptr);
    } catch (const Error&) {
      throw error_report(loc, "Could not cast value of type " + v->type()->repr_str() + " to bool");
    }
    return out;
  }

  void insert_refinements(const SourceRange& loc, const std::vector<Refinement>& refs) {
    for (const auto& r : refs) {
      Value* v = get_sugared_var(r.name, loc)->value;
      Node* n = graph_->insertNode(graph_->create(ir::prim::unchecked_cast, {v}));
      n->output()->setType(r.type);
      set_var(loc, r.name, n->output());
    }
  }

  void emit_if(const If& s) {
    CondValue cond = emit_cond_expr(*s.cond);
    emit_if_else_blocks(s.range, cond, &s.body, &s.orelse, nullptr);
  }

  // `false_fn`, when given, emits the false branch instead of `false_stmts` (asserts).
  void emit_if_else_blocks(const SourceRange& loc, const CondValue& cond,
                           const StmtList* true_stmts, const StmtList* false_stmts,
                           const std::function<void()>& false_fn) {
    auto emit_false = [&] {
      if (false_fn)
        false_fn();
      else if (false_stmts)
        emit_statements(*false_stmts);
    };
    if (cond.static_if) {
      if (*cond.static_if) {
        insert_refinements(loc, cond.refinements.t);
        if (true_stmts) emit_statements(*true_stmts);
      } else {
        insert_refinements(loc, cond.refinements.f);
        emit_false();
      }
      return;
    }
    Node* n = graph_->insertNode(graph_->create(ir::prim::If, 0));
    n->setSourceRange(loc);
    n->addInput(cond.value);
    ir::Block* tb = n->addBlock();
    ir::Block* fb = n->addBlock();
    auto branch = [&](ir::Block* b, const std::vector<Refinement>& refs,
                      const std::function<void()>& body) {
      push_frame(b);
      ir::WithInsertPoint guard(b);
      insert_refinements(loc, refs);
      body();
      return pop_frame();
    };
    auto save_true = branch(tb, cond.refinements.t, [&] {
      if (true_stmts) emit_statements(*true_stmts);
    });
    auto save_false = branch(fb, cond.refinements.f, emit_false);
    bool true_exits = exit_blocks_.count(tb), false_exits = exit_blocks_.count(fb);
    if (true_exits && false_exits) exit_blocks_.insert(n->owningBlock());

    std::set<std::string> mutated;
    for (auto& [v, t] : save_true->type_table) {
      if (defined_in_any_frame(save_false.get(), v) || false_exits)
        mutated.insert(v);
      else
        set_variable_type_error(v, error_report(loc, v + " is not defined in the false branch").what());
    }
    for (auto& [v, t] : save_false->type_table) {
      if (defined_in_any_frame(save_true.get(), v) || true_exits)
        mutated.insert(v);
      else
        set_variable_type_error(v, error_report(loc, v + " is not defined in the true branch").what());
    }
    for (const auto& x : mutated) {
      Value* tv = nullptr;
      Value* fv = nullptr;
      {
        ir::WithInsertPoint g(tb);
        if (!true_exits) tv = find_in_any_frame(save_true.get(), x)->value;
      }
      {
        ir::WithInsertPoint g(fb);
        if (!false_exits) fv = find_in_any_frame(save_false.get(), x)->value;
      }
      if (true_exits && false_exits) continue;
      if (true_exits) {
        tv = graph_->createUninitialized(fv->type())->insertBefore(tb->return_node())->output();
        Node* st = graph_->create(Symbol::prim("Store"), {tv}, 0);
        st->s_(ir::attr::name, x);
        st->insertBefore(tb->return_node());
      } else if (false_exits) {
        fv = graph_->createUninitialized(tv->type())->insertBefore(fb->return_node())->output();
        Node* st = graph_->create(Symbol::prim("Store"), {fv}, 0);
        st->s_(ir::attr::name, x);
        st->insertBefore(fb->return_node());
      }
      auto unified = ir::unifyTypes(tv->type(), fv->type());
      if (!unified) {
        std::string msg = "Type mismatch: " + x + " is set to type " + tv->type()->repr_str() +
                          " in the true branch and type " + fv->type()->repr_str() +
                          " in the false branch";
        if (defined_in_any_frame(save_true->next.get(), x))
          throw error_report(loc, msg);
        set_variable_type_error(x, error_report(loc, msg).what());
        continue;
      }
      env_->type_table[x] = *unified;
    }
  }

  // ---------------------------------------------------------------- loops
  void emit_loop_common(const SourceRange& range, const std::function<void()>& body,
                        const SugaredPtr& iter, const Expr* target, const Expr* cond) {
    Value* max_trip;
    if (iter)
      max_trip = iter_len(range, iter);
    else
      max_trip = materialize_constant(std::numeric_limits<std::int64_t>::max(), range,
                                      int_constants_);
    Node* n = graph_->insertNode(graph_->create(ir::prim::Loop, 0));
    n->setSourceRange(range);
    ir::Block* body_block = n->addBlock();
    {
      ir::Block* cond_block = n->addBlock();
      push_frame(cond_block);
      Value* out;
      if (cond) {
        ir::WithInsertPoint g(cond_block);
        out = emit_to_bool(cond->range, emit_expr(*cond));
      } else {
        ir::WithInsertPoint g(n);
        out = insert_constant(ir::Literal(true), range);
      }
      cond_block->registerOutput(out);
      pop_frame();
    }
    n->addInput(max_trip);
    LoopStatus prev = loop_status_;
    loop_status_ = LoopStatus::InLoop;
    Value* trip = body_block->addInput()->setType(Type::Int());
    {
      push_frame(body_block);
      ir::WithInsertPoint g(body_block);
      if (iter && target) {
        SugaredPtr elem = iter_getitem(range, iter, trip);
        emit_assign_target(*target, elem, range);
      }
      body();
      pop_frame();
    }
    loop_status_ = prev;
  }

  Value* iter_len(const SourceRange& loc, const SugaredPtr& it) {
    switch (it->kind) {
      case Sugared::Kind::Range: {
        Value* start = it->args[0];
        Value* end = it->args[1];
        Value* step = it->args[2];
        if (!start && !step) return end;
        if (!start) start = materialize_constant(std::int64_t{0}, loc, int_constants_);
        if (!step) step = materialize_constant(std::int64_t{1}, loc, int_constants_);
        return emit_builtin_call(loc, Symbol::aten("__range_length"),
                                 {{loc, "", start}, {loc, "", end}, {loc, "", step}}, {}, nullptr);
      }
      case Sugared::Kind::Zip: {
        std::vector<NamedValue> lens;
        for (auto& c : it->children) lens.push_back({loc, "", iter_len(loc, c)});
        if (lens.size() == 1) return lens[0].value;
        Node* l = graph_->insertNode(graph_->createList(Type::Int(), [&] {
          std::vector<Value*> v;
          for (auto& x : lens) v.push_back(x.value);
          return v;
        }()));
        return emit_builtin_call(loc, Symbol::prim("min"), {{loc, "", l->output()}}, {}, nullptr);
      }
      default: {
        Value* v = it->value;
        return emit_builtin_call(loc, Symbol::aten("len"), {{loc, "", v}}, {}, nullptr);
      }
    }
  }

  SugaredPtr iter_getitem(const SourceRange& loc, const SugaredPtr& it, Value* idx) {
    switch (it->kind) {
      case Sugared::Kind::Range: {
        Value* start = it->args[0];
        Value* step = it->args[2];
        if (!start && !step) return Sugared::simple(idx);
        if (!start) start = materialize_constant(std::int64_t{0}, loc, int_constants_);
        if (!step) step = materialize_constant(std::int64_t{1}, loc, int_constants_);
        return Sugared::simple(emit_builtin_call(
            loc, Symbol::aten("__derive_index"),
            {{loc, "", idx}, {loc, "", start}, {loc, "", step}}, {}, nullptr));
      }
      case Sugared::Kind::Zip: {
        std::vector<Value*> outs;
        for (auto& c : it->children) outs.push_back(iter_getitem(loc, c, idx)->value);
        return Sugared::simple(graph_->insertNode(graph_->createTuple(outs))->output());
      }
      default:
        return Sugared::simple(emit_builtin_call(loc, Symbol::aten("__getitem__"),
                                                 {{loc, "", it->value}, {loc, "", idx}}, {},
                                                 nullptr));
    }
  }

  SugaredPtr make_iterable(const SourceRange& loc, const SugaredPtr& sv) {
    if (sv->kind == Sugared::Kind::Range || sv->kind == Sugared::Kind::Zip) return sv;
    if (sv->kind != Sugared::Kind::Simple)
      throw error_report(loc, "'" + sv->name + "' object is not iterable");
    TypePtr t = sv->value->type();
    if (t->kind() == TypeKind::TupleType) {
      auto r = Sugared::make(Sugared::Kind::TupleIter, "tuple");
      r->value = sv->value;
      return r;
    }
    if (t->kind() == TypeKind::DictType) {
      Value* keys = emit_builtin_call(loc, Symbol::aten("keys"), {{loc, "", sv->value}}, {}, nullptr);
      return Sugared::simple(keys);
    }
    if (t->kind() != TypeKind::ListType && t->kind() != TypeKind::StringType &&
        t->kind() != TypeKind::TensorType)
      throw error_report(loc, "'" + t->repr_str() + "' object is not iterable");
    return sv;
  }

  void emit_for(const For& s) {
    auto body = [&] { emit_statements(s.body); };
    emit_for_common(s.range, *s.target, *s.iter, body);
  }

  void emit_for_common(const SourceRange& range, const Expr& target, const Expr& iter_expr,
                       const std::function<void()>& body) {
    SugaredPtr sv = emit_sugared_expr(iter_expr, 1);
    SugaredPtr it = make_iterable(range, sv);
    if (it->kind == Sugared::Kind::TupleIter) {
      LoopStatus prev = loop_status_;
      loop_status_ = LoopStatus::InUnrolledLoop;
      const auto& elems = it->value->type()->elements();
      for (std::size_t i = 0; i < elems.size(); ++i) {
        Value* idx = materialize_constant(static_cast<std::int64_t>(i), range, int_constants_);
        Node* n = graph_->insertNode(graph_->createTupleIndex(it->value, idx, elems[i]));
        emit_assign_target(target, Sugared::simple(n->output()), range);
        body();
      }
      loop_status_ = prev;
      return;
    }
    emit_loop_common(range, body, it, &target, nullptr);
  }

  void emit_while(const While& s) {
    auto body = [&] { emit_statements(s.body); };
    emit_loop_common(s.range, body, nullptr, nullptr, s.cond.get());
  }

  // ---------------------------------------------------------------- assignment
  void emit_assignment(const Assign& a) {
    if (!a.value) {
      throw error_report(a.range, "Variable declarations without a value are not supported");
    }
    TypePtr hint = a.annotation ? parse_type_expr(*a.annotation) : nullptr;
    if (a.targets.size() == 1) {
      const Expr& t = *a.targets[0];
      if (auto n = t.as<Name>()) {
        SugaredPtr rhs = emit_sugared_expr(*a.value, 1, hint);
        if (hint && rhs->kind == Sugared::Kind::Simple)
          rhs = Sugared::simple(try_convert(a.value->range, hint, rhs->value, true));
        set_sugared_var(a.range, n->id, rhs, hint);
        return;
      }
      if (auto sub = t.as<Subscript>()) {
        emit_subscript_assign(a.range, *sub, *a.value);
        return;
      }
      SugaredPtr rhs = emit_sugared_expr(*a.value, 1, hint);
      emit_assign_target(t, rhs, a.range, hint);
      return;
    }
    SugaredPtr rhs = emit_sugared_expr(*a.value, 1);
    for (const auto& t : a.targets) emit_assign_target(*t, rhs, a.range);
  }

  void emit_subscript_assign(const SourceRange& loc, const Subscript& sub, const Expr& rhs_expr) {
    Value* v = emit_expr(rhs_expr);
    Value* container = emit_expr(*sub.value);
    if (container->type()->isSubtypeOf(*Type::Tensor())) {
      emit_tensor_subscript_assign(loc, sub, container, {rhs_expr.range, "", v});
      return;
    }
    if (sub.indices.size() != 1 || sub.indices[0]->is<Slice>())
      throw error_report(sub.indices.empty() ? loc : sub.indices[0]->range,
                         "Sliced expression not yet supported for subscripted assignment. File a "
                         "bug if you want this");
    if (container->type()->kind() == TypeKind::TupleType)
      throw error_report(sub.range, container->type()->repr_str() + " does not support subscripted assignment");
    Value* idx = emit_expr(*sub.indices[0]);
    emit_builtin_call(loc, Symbol::aten("_set_item"),
                      {{loc, "", container}, {loc, "", idx}, {loc, "", v}}, {}, nullptr);
  }

  void emit_assign_target(const Expr& target, const SugaredPtr& rhs, const SourceRange& loc,
                          const TypePtr& annotated = nullptr) {
    if (auto n = target.as<Name>()) {
      set_sugared_var(loc, n->id, rhs, nullptr);
      return;
    }
    if (auto a = target.as<Attribute>()) {
      emit_set_attr(loc, *a, as_value(loc, rhs), annotated);
      return;
    }
    const ExprList* elts = nullptr;
    if (auto t = target.as<TupleLiteral>()) elts = &t->elts;
    if (auto l = target.as<ListLiteral>()) elts = &l->elts;
    if (elts) {
      std::vector<SugaredPtr> outs = as_tuple(loc, rhs, elts->size());
      for (std::size_t i = 0; i < elts->size(); ++i) emit_assign_target(*(*elts)[i], outs[i], loc);
      return;
    }
    throw error_report(target.range,
                       "lhs of assignment must be a variable, subscript, or starred expression");
  }

  // `obj.field = v`: prim::SetAttr; in `__init__` of a class a new attribute is added.
  void emit_set_attr(const SourceRange& loc, const Attribute& target, Value* v, const TypePtr& annotated) {
    Value* obj = emit_expr(*target.value);
    const TypePtr& t = obj->type();
    if (t->kind() != TypeKind::ClassType || !t->classInfo())
      throw error_report(loc, "Tried to set an attribute of a value of type '" + t->repr_str() + "'");
    auto& info = *t->classInfo();
    const std::string& field = target.name;
    auto slot = info.findAttributeSlot(field);
    bool self_target = is_init_ && target.value->is<Name>() && target.value->as<Name>()->id == "self";
    if (annotated) v = try_convert(loc, annotated, v, true);
    if (!slot) {
      if (!self_target)
        throw error_report(loc, "Tried to set nonexistent attribute: " + field +
                                    ". Did you forget to initialize it in __init__()?");
      info.addAttribute(field, annotated ? annotated : v->type());
    } else {
      const TypePtr& expected = info.attributes[*slot].type;
      v = try_convert(loc, expected, v, true);
      if (!v->type()->isSubtypeOf(*expected))
        throw error_report(loc, "Wrong type for attribute assignment. Expected " + expected->repr_str() +
                                    " but got " + v->type()->repr_str());
    }
    Node* n = graph_->insertNode(graph_->createSetAttr(obj, field, v));
    n->setSourceRange(loc);
  }

  std::vector<SugaredPtr> as_tuple(const SourceRange& loc, const SugaredPtr& sv, std::size_t n) {
    if (sv->kind != Sugared::Kind::Simple)
      throw error_report(loc, sv->name + " cannot be used as a tuple");
    Value* v = sv->value;
    std::vector<SugaredPtr> out;
    if (v->type()->kind() == TypeKind::TupleType) {
      if (v->type()->elements().size() != n)
        throw error_report(loc, std::to_string(n) + " values to unpack but found " +
                                    std::to_string(v->type()->elements().size()));
      Node* u = graph_->insertNode(graph_->createTupleUnpack(v));
      for (Value* o : u->outputs()) out.push_back(Sugared::simple(o));
      return out;
    }
    if (v->type()->kind() == TypeKind::ListType) {
      Node* u = graph_->insertNode(graph_->createListUnpack(v, n));
      for (Value* o : u->outputs()) out.push_back(Sugared::simple(o));
      return out;
    }
    throw error_report(loc, v->type()->repr_str() + " cannot be used as a tuple");
  }

  void emit_aug_assignment(const AugAssign& a) {
    static const std::map<BinOpKind, std::pair<const char*, const char*>> ops = {
        {BinOpKind::Add, {"add_", "add"}},      {BinOpKind::Sub, {"sub_", "sub"}},
        {BinOpKind::Div, {"div_", "div"}},      {BinOpKind::Mul, {"mul_", "mul"}},
        {BinOpKind::Mod, {"fmod_", "fmod"}},    {BinOpKind::BitOr, {"bitwise_or", "__or__"}},
        {BinOpKind::BitAnd, {"bitwise_and", "__and__"}},
        {BinOpKind::BitXor, {"bitwise_xor", "__xor__"}},
        {BinOpKind::LShift, {"__lshift__", "__lshift__"}},
        {BinOpKind::RShift, {"__irshift__", "__rshift__"}},
        {BinOpKind::Pow, {"pow", "pow"}},
    };
    auto op_for = [&](const TypePtr& t) {
      auto it = ops.find(a.op);
      if (it == ops.end()) throw error_report(a.range, "Unknown augmented assignment");
      bool inplace = t->isSubtypeOf(*Type::Tensor()) || t->kind() == TypeKind::ListType;
      return Symbol::aten(inplace ? it->second.first : it->second.second);
    };
    if (auto n = a.target->as<Name>()) {
      Value* lhs = emit_expr(*a.target);
      Value* rhs = emit_expr(*a.value);
      Value* r = emit_builtin_call(a.range, op_for(lhs->type()),
                                   {{a.range, "", lhs}, {a.value->range, "", rhs}}, {}, nullptr);
      set_var(a.target->range, n->id, r);
      return;
    }
    if (auto attr = a.target->as<Attribute>()) {
      // PyTorch's emitAugAssignmentToSelectVar: read the attribute, combine, set it back.
      Value* obj = emit_expr(*attr->value);
      Value* lhs = as_value(a.target->range, sugared_attr(a.target->range, Sugared::simple(obj), attr->name));
      Value* rhs = emit_expr(*a.value);
      Value* r = emit_builtin_call(a.range, op_for(lhs->type()),
                                   {{a.range, "", lhs}, {a.value->range, "", rhs}}, {}, nullptr);
      if (obj->type()->kind() != TypeKind::ClassType)
        throw error_report(a.target->range, "unexpected expression on left-hand side of augmented assignment");
      Node* n = graph_->insertNode(graph_->createSetAttr(obj, attr->name, r));
      n->setSourceRange(a.range);
      return;
    }
    if (auto sub = a.target->as<Subscript>()) {
      Value* container = emit_expr(*sub->value);
      TypePtr t = container->type();
      if (t->isSubtypeOf(*Type::Tensor())) {
        // PyTorch's emitAugAssignmentToSubscript: the in-place op on the indexed view, or
        // index + op + index_put_ when tensors index it.
        auto [sliced, tensor_indices] = emit_int_and_slice_indexing(sub->range, container, sub->indices);
        NamedValue sliced_arg{a.target->range, "", sliced};
        NamedValue rhs{a.value->range, "", emit_expr(*a.value)};
        if (tensor_indices.empty()) {
          emit_builtin_call(a.range, op_for(t), {sliced_arg, rhs}, {}, nullptr);
          return;
        }
        Value* list = graph_->insertNode(graph_->createList(Type::Optional(Type::Tensor()), tensor_indices))->output();
        Value* indexed = emit_builtin_call(a.range, Symbol::aten("index"), {sliced_arg, {a.range, "", list}}, {}, nullptr);
        Value* aug = emit_builtin_call(a.range, op_for(t), {{a.range, "", indexed}, rhs}, {}, nullptr);
        emit_builtin_call(a.range, Symbol::aten("index_put_"), {sliced_arg, {a.range, "", list}, {a.range, "", aug}}, {}, nullptr);
        return;
      }
      TypePtr elem;
      if (t->kind() == TypeKind::ListType) elem = t->getElementType();
      if (t->kind() == TypeKind::DictType) elem = t->getValueType();
      if (!elem || sub->indices.size() != 1)
        throw error_report(a.target->range, t->repr_str() + " does not support augmented assignment.");
      Value* idx = emit_expr(*sub->indices[0]);
      Value* rhs = emit_expr(*a.value);
      Value* item = emit_builtin_call(a.range, Symbol::aten("__getitem__"),
                                      {{a.range, "", container}, {a.range, "idx", idx}}, {}, nullptr);
      Value* aug = emit_builtin_call(a.range, op_for(elem), {{a.range, "", item}, {a.range, "value", rhs}},
                                     {}, nullptr);
      emit_builtin_call(a.range, Symbol::aten("_set_item"),
                        {{a.range, "", container}, {a.range, "idx", idx}, {a.range, "", aug}}, {},
                        nullptr);
      return;
    }
    throw error_report(a.target->range, "unexpected expression on left-hand side of augmented assignment");
  }

  // ---------------------------------------------------------------- expressions
  Value* emit_expr(const Expr& e, const TypePtr& hint = nullptr) {
    SugaredPtr sv = emit_sugared_expr(e, 1, hint);
    return as_value(e.range, sv);
  }
  Value* as_value(const SourceRange& loc, const SugaredPtr& sv) {
    if (sv->kind == Sugared::Kind::Simple) return sv->value;
    std::string what = sv->name;
    if (sv->kind == Sugared::Kind::Builtin) what = "builtin_function_or_method";
    if (sv->kind == Sugared::Kind::Module) what = "module";
    if (sv->kind == Sugared::Kind::Function) what = "function";
    throw error_report(loc, what + " cannot be used as a value");
  }

  SugaredPtr emit_sugared_expr(const Expr& e, std::size_t n_binders, const TypePtr& hint = nullptr) {
    switch (e.kind) {
      case ExprKind::Name: return get_sugared_var(e.as<Name>()->id, e.range);
      case ExprKind::Attribute: {
        auto a = e.as<Attribute>();
        SugaredPtr base = emit_sugared_expr(*a->value, 1);
        return sugared_attr(e.range, base, a->name);
      }
      case ExprKind::Call: return emit_apply(*e.as<Call>(), n_binders, hint);
      default: return Sugared::simple(emit_simple_expr(e, hint));
    }
  }

  SugaredPtr sugared_attr(const SourceRange& loc, const SugaredPtr& base, const std::string& field) {
    using K = Sugared::Kind;
    if (base->kind == K::Namespace) {
      if (base->name == "ops") return Sugared::make(K::Namespace, "ops." + field);
      if (base->name.rfind("ops.", 0) == 0) {
        std::string q = base->name.substr(4) + "::" + field;
        return Sugared::make(K::Builtin, q, Symbol::fromQualString(q));
      }
      std::string q = base->name + "." + field;
      if (auto r = resolve_qualified(q, loc)) return r;
      return Sugared::make(K::Namespace, q);
    }
    if (base->kind == K::Constants) {
      std::size_t idx = 0;
      bool ok = field.size() > 1 && field[0] == 'c';
      for (std::size_t i = 1; ok && i < field.size(); ++i) {
        ok = std::isdigit(static_cast<unsigned char>(field[i])) != 0;
        if (ok) idx = idx * 10 + static_cast<std::size_t>(field[i] - '0');
      }
      std::optional<runtime::IValue> v;
      if (ok) v = options_.constants(idx);
      if (!v) throw error_report(loc, "constant '" + field + "' is not in the archive's constants table");
      auto lit = runtime::to_literal(*v);
      if (!lit) throw error_report(loc, "constant '" + field + "' cannot be a graph constant");
      return Sugared::simple(insert_constant(*lit, loc));
    }
    if (base->kind == K::ClassRef) {
      const TypePtr& t = base->type;
      if (field == "__new__" && t->kind() == TypeKind::ClassType) {
        auto r = Sugared::make(K::New, t->name());
        r->type = t;
        return r;
      }
      throw error_report(loc, "'" + t->repr_str() + "' object has no attribute or method '" + field + "'");
    }
    if (base->kind == K::Simple && base->value->type()->kind() == TypeKind::ClassType &&
        base->value->type()->classInfo()) {
      return class_attr(loc, base->value, field);
    }
    if (base->kind == K::Simple && base->value->type()->isNamedTuple()) {
      const TypePtr& t = base->value->type();
      const auto& names = t->fieldNames();
      for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == field) {
          // PyTorch inserts a fresh constant (no source range) for every field access.
          Value* idx = insert_constant(ir::Literal(static_cast<std::int64_t>(i)), SourceRange());
          return Sugared::simple(
              graph_->insertNode(graph_->createTupleIndex(base->value, idx, t->elements()[i]))->output());
        }
    }
    if (base->kind == K::Module) {
      std::string path = base->name + "." + field;
      if (path == "torch.nn" || path == "torch.nn.functional" || path == "torch.jit")
        return Sugared::make(K::Module, path);
      if (path == "torch.jit.fork" || path == "torch.jit._fork") return Sugared::make(K::Special, "fork");
      if (path == "torch.jit.wait" || path == "torch.jit._wait")
        return Sugared::make(K::Builtin, "aten::wait", Symbol::aten("wait"));
      if (path == "torch.jit.annotate") return Sugared::make(K::Special, "annotate");
      if (base->name == "torch.nn.functional")
        if (auto f = functional(field, loc)) return f;
      if (path == "torch.no_grad" || path == "torch.autograd.no_grad" ||
          path == "torch.autograd.grad_mode.no_grad") {
        if (auto r = resolve_qualified(kNoGradClass, loc)) return r;
      }
      if (path == "torch.autograd" || path == "torch.autograd.grad_mode")
        return Sugared::make(K::Module, path);
      if (base->name == "math" && (field == "pi" || field == "e" || field == "inf" || field == "nan")) {
        double v = field == "pi" ? M_PI : field == "e" ? M_E : field == "inf" ? INFINITY : NAN;
        return Sugared::simple(insert_constant(ir::Literal(v), loc));
      }
      return Sugared::make(K::Builtin, "aten::" + field, Symbol::aten(field));
    }
    if (base->kind == K::Simple) {
      Value* v = base->value;
      TypePtr t = v->type();
      if (t->isSubtypeOf(*Type::Tensor())) {
        static const std::map<std::string, std::string> props = {
            {"dtype", "prim::dtype"}, {"device", "prim::device"}, {"shape", "aten::size"},
            {"is_cuda", "prim::is_cuda"}, {"requires_grad", "prim::requires_grad"},
            {"data", "prim::data"}, {"T", "aten::numpy_T"}, {"ndim", "aten::dim"}};
        if (auto it = props.find(field); it != props.end())
          return Sugared::simple(emit_builtin_call(loc, Symbol::fromQualString(it->second),
                                                   {{loc, "", v}}, {}, nullptr));
      }
      return Sugared::make(K::Builtin, "aten::" + field, Symbol::aten(field), v);
    }
    throw error_report(loc, "'" + base->name + "' object has no attribute or method '" + field + "'");
  }

  // `obj.field` on an object of a class or module: an attribute (prim::GetAttr), a class
  // constant, or a method.
  SugaredPtr class_attr(const SourceRange& loc, Value* obj, const std::string& field) {
    const TypePtr& t = obj->type();
    const auto& info = *t->classInfo();
    if (auto slot = info.findAttributeSlot(field)) {
      Node* n = graph_->insertNode(graph_->createGetAttr(obj, field));
      // Numeric names (`getattr(self, "0")` of ModuleList children) are not value names.
      if (meaningful_name(field) && field.find_first_not_of("0123456789") != std::string::npos)
        n->output()->setDebugName(field);
      (void)slot;
      return Sugared::simple(n->output());
    }
    for (const auto& [name, lit] : info.constants)
      if (name == field) return Sugared::simple(insert_constant(lit, loc));
    if (has_method(t, field)) {
      auto r = Sugared::make(Sugared::Kind::Method, field, {}, obj);
      r->type = t;
      return r;
    }
    if (t->is_module())
      throw error_report(loc, "Module '" + short_name(t->name()) + "' has no attribute '" + field + "' ");
    throw error_report(loc, "Tried to access nonexistent attribute or method '" + field +
                                "' of type '" + t->repr_str() +
                                "'. Did you forget to initialize an attribute in __init__()?");
  }
  static std::string short_name(const std::string& q) {
    auto dot = q.rfind('.');
    return dot == std::string::npos ? q : q.substr(dot + 1);
  }

  // A call of method `name` of `self` (prim::CallMethod), the method compiled on demand.
  Value* emit_method_call(const SourceRange& loc, Value* self, const std::string& name,
                          const std::vector<NamedValue>& args, const std::vector<NamedValue>& kwargs) {
    const TypePtr& t = self->type();
    runtime::Function* f = find_function(t->name() + "." + name, loc);
    if (!f) throw error_report(loc, "'" + t->repr_str() + "' object has no attribute or method '" + name + "'");
    ir::FunctionSchema schema = f->getSchema();
    std::vector<NamedValue> all{{loc, "self", self}};
    for (auto& a : args) all.push_back(a);
    std::string why;
    auto matched = try_match_schema(schema, loc, all, kwargs, nullptr, true, why);
    if (!matched) throw error_report(loc, why);
    Node* call = graph_->insertNode(graph_->create(ir::prim::CallMethod, matched->inputs, 1));
    call->s_(ir::attr::name, name);
    call->setSourceRange(loc);
    call->output()->setType(matched->returns.at(0));
    return call->output();
  }

  // `C(args)`: a NamedTuple is a tuple; a class is prim::CreateObject and its __init__.
  Value* emit_construct(const SourceRange& loc, const TypePtr& t, const std::vector<NamedValue>& args,
                        const std::vector<NamedValue>& kwargs) {
    if (t->isNamedTuple()) {
      std::vector<ir::Argument> fields;
      for (std::size_t i = 0; i < t->elements().size(); ++i)
        fields.emplace_back(t->fieldNames()[i], t->elements()[i]);
      ir::FunctionSchema schema(t->name(), "", std::move(fields), {ir::Argument("", t)});
      std::string why;
      auto matched = try_match_schema(schema, loc, args, kwargs, nullptr, true, why);
      if (!matched) throw error_report(loc, why);
      return graph_->insertNode(graph_->createTuple(matched->inputs, t))->output();
    }
    if (t->kind() != TypeKind::ClassType || t->is_module())
      throw error_report(loc, "cannot call a value of type '" + t->repr_str() + "'");
    Node* n = graph_->insertNode(graph_->create(ir::prim::CreateObject, 1));
    n->setSourceRange(loc);
    n->output()->setType(t);
    emit_method_call(loc, n->output(), "__init__", args, kwargs);
    return n->output();
  }

  std::vector<NamedValue> emit_args(const ExprList& args) {
    std::vector<NamedValue> out;
    for (const auto& a : args) {
      if (a->is<Starred>()) throw error_report(a->range, "Starred expressions are not supported here");
      out.push_back({a->range, "", emit_expr(*a)});
    }
    return out;
  }
  std::vector<NamedValue> emit_kwargs(const std::vector<Keyword>& kws) {
    std::vector<NamedValue> out;
    for (const auto& k : kws) out.push_back({k.value->range, k.name, emit_expr(*k.value)});
    return out;
  }

  SugaredPtr emit_apply(const Call& c, std::size_t n_binders, const TypePtr& hint) {
    (void)n_binders;
    (void)hint;
    SugaredPtr callee = emit_sugared_expr(*c.func, 1);
    using K = Sugared::Kind;
    // PyTorch reports a call at its callee's range (`torch.relu` in `torch.relu(x, x)`).
    const SourceRange& loc = c.func->range;
    switch (callee->kind) {
      case K::Builtin: {
        auto args = emit_args(c.args);
        auto kwargs = emit_kwargs(c.keywords);
        return Sugared::simple(emit_builtin_call(loc, callee->sym, args, kwargs, callee->value));
      }
      case K::Exception: {
        auto args = emit_args(c.args);
        Value* msg;
        if (args.empty())
          msg = insert_constant(ir::Literal(""), loc);
        else if (args.size() == 1)
          msg = args[0].value;
        else
          throw error_report(loc, "Exceptions must take a single message argument");
        auto r = Sugared::make(K::ExceptionMsg, callee->name);
        r->value = msg;
        r->args.push_back(insert_constant(ir::Literal("builtins." + callee->name), loc));
        return r;
      }
      case K::Special: return emit_special(c, callee->name);  // (ranges of their own)
      case K::Method: {
        auto args = emit_args(c.args);
        auto kwargs = emit_kwargs(c.keywords);
        return Sugared::simple(emit_method_call(loc, callee->value, callee->name, args, kwargs));
      }
      case K::ClassRef: {
        auto args = emit_args(c.args);
        auto kwargs = emit_kwargs(c.keywords);
        return Sugared::simple(emit_construct(loc, callee->type, args, kwargs));
      }
      case K::New: {
        Node* n = graph_->insertNode(graph_->create(ir::prim::CreateObject, 1));
        n->setSourceRange(loc);
        n->output()->setType(callee->type);
        return Sugared::simple(n->output());
      }
      case K::Simple:
        if (callee->value->type()->kind() == TypeKind::ClassType && callee->value->type()->is_module()) {
          auto args = emit_args(c.args);
          auto kwargs = emit_kwargs(c.keywords);
          return Sugared::simple(emit_method_call(loc, callee->value, "forward", args, kwargs));
        }
        break;
      case K::Function: {
        find_function(callee->name, loc);
        runtime::Function& f = cu_->get_function(callee->name);
        auto args = emit_args(c.args);
        auto kwargs = emit_kwargs(c.keywords);
        ir::FunctionSchema schema = f.getSchema();
        std::string why;
        auto matched = try_match_schema(schema, loc, args, kwargs, nullptr, true, why);
        if (!matched) throw error_report(loc, "\n" + schema.str() + ":\n" + why + "\n");
        Node* fn_const = graph_->insertNode(graph_->create(ir::prim::Constant, 1));
        fn_const->s_(ir::attr::name, f.name());
        fn_const->output()->setType(Type::Function(f.qualname()));
        std::vector<Value*> ins{fn_const->output()};
        for (Value* v : matched->inputs) ins.push_back(v);
        Node* call = graph_->insertNode(graph_->create(ir::prim::CallFunction, ins, 1));
        call->setSourceRange(loc);
        call->output()->setType(matched->returns.at(0));
        return Sugared::simple(call->output());
      }
      default: break;
    }
    throw error_report(loc, "'" + callee->name + "' is not callable");
  }

  SugaredPtr emit_special(const Call& c, const std::string& form) {
    const SourceRange& loc = c.range;
    using K = Sugared::Kind;
    if (form == "range") {
      auto args = emit_args(c.args);
      if (args.empty() || args.size() > 3)
        throw error_report(loc, "range expected at least 1 arguments, got " + std::to_string(args.size()));
      for (std::size_t k = 0; k < args.size(); ++k)
        if (!args[k].value->type()->isSubtypeOf(*Type::Int()))
          // PyTorch reports it from the call's start to the end of its last argument
          throw error_report(c.range.start() < c.args.back()->range.end()
                                 ? SourceRange(c.range.source(), c.range.start(), c.args.back()->range.end())
                                 : c.range,
                             "all inputs of range must be ints, found " +
                                 args[k].value->type()->repr_str() + " in argument " + std::to_string(k));
      auto r = Sugared::make(K::Range, "range");
      if (args.size() == 1)
        r->args = {nullptr, args[0].value, nullptr};
      else
        r->args = {args[0].value, args[1].value, args.size() == 3 ? args[2].value : nullptr};
      return r;
    }
    if (form == "zip" || form == "enumerate") {
      auto r = Sugared::make(K::Zip, form);
      if (form == "enumerate") {
        Value* start = nullptr;
        auto args = c.args;
        if (args.size() == 2) start = emit_expr(*args[1]);
        auto rng = Sugared::make(K::Range, "range");
        SugaredPtr inner = make_iterable(loc, emit_sugared_expr(*c.args[0], 1));
        Value* end = iter_len(loc, inner);
        if (start) end = emit_builtin_call(loc, Symbol::aten("add"), {{loc, "", end}, {loc, "", start}}, {}, nullptr);
        rng->args = {start, end, nullptr};
        r->children = {rng, inner};
        (void)start;
        return r;
      }
      for (const auto& a : c.args) r->children.push_back(make_iterable(loc, emit_sugared_expr(*a, 1)));
      return r;
    }
    if (form == "annotate") {
      if (c.args.size() != 2) throw error_report(loc, "annotate expects 2 arguments");
      TypePtr t = parse_type_expr(*c.args[0]);
      Value* v = emit_expr(*c.args[1], t);
      if (v->type()->kind() == TypeKind::NoneType && t->kind() == TypeKind::OptionalType) {
        Node* n = graph_->insertNode(graph_->create(ir::prim::unchecked_cast, {v}));
        n->output()->setType(t);
        v = n->output();
      }
      if (!v->type()->isSubtypeOf(*t))
        throw error_report(loc, "expected an expression of type " + t->repr_str() +
                                    " but found " + v->type()->repr_str());
      return Sugared::simple(v);
    }
    if (form == "unchecked_cast") {  // the importer's refinement: unchecked_cast(T, e)
      if (c.args.size() != 2) throw error_report(loc, "unchecked_cast expects 2 arguments");
      TypePtr t = parse_type_expr(*c.args[0]);
      Value* v = emit_expr(*c.args[1]);
      Node* n = graph_->insertNode(graph_->create(ir::prim::unchecked_cast, {v}));
      n->output()->setType(t);
      return Sugared::simple(n->output());
    }
    if (form == "uninitialized") {  // a value never read on executed paths
      if (c.args.size() != 1) throw error_report(loc, "uninitialized expects 1 argument");
      TypePtr t = parse_type_expr(*c.args[0]);
      return Sugared::simple(graph_->insertNode(graph_->createUninitialized(t))->output());
    }
    if (form == "getattr") {  // getattr(obj, "name"), names that are not identifiers
      if (c.args.size() != 2 || !c.args[1]->is<StringLiteral>())
        throw error_report(loc, "getattr's second argument must be a string literal");
      SugaredPtr obj = emit_sugared_expr(*c.args[0], 1);
      return sugared_attr(loc, obj, c.args[1]->as<StringLiteral>()->value);
    }
    if (form == "isinstance") {
      CondValue cv = emit_isinstance(*c.args.at(0), *c.args.at(1));
      return Sugared::simple(cv.value);
    }
    if (form == "int" || form == "float" || form == "bool" || form == "str") {
      static const std::map<std::string, std::pair<TypePtr, std::string>> casts = {
          {"int", {Type::Int(), "aten::Int"}},
          {"float", {Type::Float(), "aten::Float"}},
          {"bool", {Type::Bool(), "aten::Bool"}},
          {"str", {Type::Str(), "aten::str"}}};
      const auto& [type, op] = casts.at(form);
      auto args = emit_args(c.args);
      if (args.size() == 1) cast_zero();
      if (args.size() == 1 && args[0].value->type()->equals(*type)) return Sugared::simple(args[0].value);
      return Sugared::simple(emit_builtin_call(loc, Symbol::fromQualString(op), args, {}, nullptr));
    }
    if (form == "print") {
      auto args = emit_args(c.args);
      std::vector<Value*> ins;
      for (auto& a : args) ins.push_back(a.value);
      Node* n = graph_->insertNode(graph_->create(ir::prim::Print, ins, 0));
      n->setSourceRange(loc);
      return Sugared::simple(insert_constant(ir::Literal(), loc));
    }
    if (form == "tuple") {
      auto args = emit_args(c.args);
      std::vector<Value*> ins;
      for (auto& a : args) ins.push_back(a.value);
      return Sugared::simple(graph_->insertNode(graph_->createTuple(ins))->output());
    }
    if (form == "fork") {
      if (c.args.empty()) throw error_report(loc, "fork expects at least one argument");
      SugaredPtr fn = emit_sugared_expr(*c.args[0], 1);
      // The forked call becomes the fork's subgraph (PyTorch emits a closure and inlines it).
      Node* fork = graph_->insertNode(graph_->create(ir::prim::fork, 1));
      fork->setSourceRange(loc);
      auto sub = std::make_shared<ir::Graph>();
      std::vector<NamedValue> args;
      for (std::size_t i = 1; i < c.args.size(); ++i) args.push_back({c.args[i]->range, "", emit_expr(*c.args[i])});
      fork->moveAfter(graph_->insertPoint()->prev());
      std::vector<Value*> sub_ins;
      for (auto& a : args) {
        fork->addInput(a.value);
        Value* si = sub->addInput()->setType(a.value->type());
        if (a.value->hasDebugName()) si->setDebugName(a.value->debugName());
        sub_ins.push_back(si);
      }
      Value* out;
      {
        Emitter inner(cu_, options_);
        inner.graph_ = sub;
        inner.push_frame(sub->block(), true);
        std::vector<NamedValue> sargs;
        for (std::size_t i = 0; i < sub_ins.size(); ++i) sargs.push_back({args[i].range, "", sub_ins[i]});
        if (fn->kind != Sugared::Kind::Builtin) throw error_report(loc, "fork of this callable is not supported");
        ir::WithInsertPoint g(sub->block());
        out = inner.emit_builtin_call(loc, fn->sym, sargs, {}, nullptr);
        sub->registerOutput(out);
      }
      fork->g_(ir::attr::Subgraph, sub);
      fork->output()->setType(Type::Future(out->type()));
      return Sugared::simple(fork->output());
    }
    throw error_report(loc, "unsupported call of " + form);
  }

  Value* emit_simple_expr(const Expr& e, const TypePtr& hint) {
    switch (e.kind) {
      case ExprKind::Int:
        return materialize_constant(e.as<IntLiteral>()->value, number_range(e.range), int_constants_);
      case ExprKind::Float:
        return materialize_constant(e.as<FloatLiteral>()->value, number_range(e.range), fp_constants_);
      case ExprKind::Str: return insert_constant(ir::Literal(e.as<StringLiteral>()->value), e.range);
      case ExprKind::Bool: return insert_constant(ir::Literal(e.as<BoolLiteral>()->value), e.range);
      case ExprKind::None: return insert_constant(ir::Literal(), e.range);
      case ExprKind::BinOp: {
        auto b = e.as<BinOp>();
        static const std::map<BinOpKind, const char*> names = {
            {BinOpKind::Add, "add"}, {BinOpKind::Sub, "sub"}, {BinOpKind::Mul, "mul"},
            {BinOpKind::Div, "div"}, {BinOpKind::FloorDiv, "floordiv"},
            {BinOpKind::Mod, "remainder"}, {BinOpKind::Pow, "pow"}, {BinOpKind::MatMul, "matmul"},
            {BinOpKind::BitAnd, "__and__"}, {BinOpKind::BitOr, "__or__"},
            {BinOpKind::BitXor, "__xor__"}, {BinOpKind::LShift, "__lshift__"},
            {BinOpKind::RShift, "__rshift__"}};
        Value* l = emit_expr(*b->lhs);
        Value* r = emit_expr(*b->rhs);
        return emit_builtin_call(e.range, Symbol::aten(names.at(b->op)),
                                 {{b->lhs->range, "", l}, {b->rhs->range, "", r}}, {}, nullptr);
      }
      case ExprKind::UnaryOp: {
        auto u = e.as<UnaryOp>();
        if (u->op == UnaryOpKind::Not) return emit_cond_expr(e).value;
        Value* v = emit_expr(*u->operand);
        if (u->op == UnaryOpKind::Pos) return v;
        return emit_builtin_call(e.range, Symbol::aten(u->op == UnaryOpKind::Neg ? "neg" : "bitwise_not"),
                                 {{u->operand->range, "", v}}, {}, nullptr);
      }
      case ExprKind::BoolOp: return emit_cond_expr(e).value;
      case ExprKind::Compare: {
        auto c = e.as<Compare>();
        if (c->ops.size() == 1 && (c->ops[0] == CmpOpKind::Is || c->ops[0] == CmpOpKind::IsNot))
          return emit_cond_expr(e).value;
        if (c->ops.size() != 1) return emit_expr(*desugar_chain(*c), hint);
        static const std::map<CmpOpKind, const char*> names = {
            {CmpOpKind::Eq, "eq"}, {CmpOpKind::Ne, "ne"}, {CmpOpKind::Lt, "lt"},
            {CmpOpKind::Le, "le"}, {CmpOpKind::Gt, "gt"}, {CmpOpKind::Ge, "ge"},
            {CmpOpKind::In, "__contains__"}, {CmpOpKind::NotIn, "__contains__"}};
        Value* l = emit_expr(*c->operands[0]);
        Value* r = emit_expr(*c->operands[1]);
        std::vector<NamedValue> args{{c->operands[0]->range, "", l}, {c->operands[1]->range, "", r}};
        if (c->ops[0] == CmpOpKind::In || c->ops[0] == CmpOpKind::NotIn) std::swap(args[0], args[1]);
        Value* out = emit_builtin_call(e.range, Symbol::aten(names.at(c->ops[0])), args, {}, nullptr);
        if (c->ops[0] == CmpOpKind::NotIn)
          out = emit_builtin_call(e.range, Symbol::aten("__not__"), {{e.range, "", out}}, {}, nullptr);
        return out;
      }
      case ExprKind::IfExp: {
        auto i = e.as<IfExp>();
        CondValue cv = emit_cond_expr(*i->cond);
        if (cv.static_if) return emit_expr(*cv.static_if ? *i->then : *i->orelse, hint);
        return emit_if_expr(e.range, cv, [&] { return emit_expr(*i->then, hint); },
                            [&] { return emit_expr(*i->orelse, hint); });
      }
      case ExprKind::Tuple: {
        auto t = e.as<TupleLiteral>();
        std::vector<Value*> vals;
        for (std::size_t k = 0; k < t->elts.size(); ++k) {
          TypePtr h;
          if (hint && hint->kind() == TypeKind::TupleType && hint->elements().size() == t->elts.size())
            h = hint->elements()[k];
          vals.push_back(emit_expr(*t->elts[k], h));
        }
        return graph_->insertNode(graph_->createTuple(vals))->output();
      }
      case ExprKind::List: return emit_list_literal(*e.as<ListLiteral>(), hint);
      case ExprKind::Dict: return emit_dict_literal(*e.as<DictLiteral>(), hint);
      case ExprKind::Subscript: return emit_subscript(*e.as<Subscript>());
      case ExprKind::ListComp: return emit_list_comp(*e.as<ListComp>(), hint);
      case ExprKind::DictComp: return emit_dict_comp(*e.as<DictComp>(), hint);
      default: break;
    }
    throw error_report(e.range, "Unsupported expression");
  }

  Value* emit_list_literal(const ListLiteral& l, const TypePtr& hint) {
    std::vector<Value*> vals;
    TypePtr elem_hint = hint && hint->kind() == TypeKind::ListType ? hint->getElementType() : nullptr;
    for (const auto& x : l.elts) vals.push_back(emit_expr(*x, elem_hint));
    TypePtr elem;
    if (elem_hint) {
      elem = elem_hint;
      bool ok = true;
      for (Value* v : vals) ok = ok && v->type()->isSubtypeOf(*elem_hint);
      if (!ok) {
        TypePtr unified = vals[0]->type();
        for (std::size_t i = 1; i < vals.size() && unified; ++i) {
          auto u = ir::unifyTypes(unified, vals[i]->type());
          unified = u ? *u : nullptr;
        }
        throw error_report(l.range, "List type annotation `" + hint->repr_str() +
                                        "` did not match the types of the given list elements, "
                                        "which were unified to " +
                                        (unified ? unified->repr_str() : std::string("Any")));
      }
    } else if (vals.empty()) {
      elem = Type::Tensor();
    } else {
      elem = vals[0]->type();
      for (std::size_t i = 1; i < vals.size(); ++i) {
        auto u = ir::unifyTypes(elem, vals[i]->type());
        if (!u)
          throw error_report(l.range, "Lists must contain only a single type, expected: " +
                                          elem->repr_str() + " but found " +
                                          vals[i]->type()->repr_str() + " instead");
        elem = *u;
      }
    }
    Node* n = graph_->insertNode(graph_->createList(elem, vals));
    return n->output();
  }

  Value* emit_dict_literal(const DictLiteral& d, const TypePtr& hint) {
    std::vector<Value*> keys, values;
    for (std::size_t i = 0; i < d.keys.size(); ++i) {
      keys.push_back(emit_expr(*d.keys[i]));
      values.push_back(emit_expr(*d.values[i]));
    }
    TypePtr kt, vt;
    if (hint && hint->kind() == TypeKind::DictType) {
      kt = hint->getKeyType();
      vt = hint->getValueType();
    } else if (keys.empty()) {
      kt = Type::Str();
      vt = Type::Tensor();
    } else {
      kt = keys[0]->type();
      vt = values[0]->type();
      for (std::size_t i = 1; i < keys.size(); ++i) {
        if (auto u = ir::unifyTypes(vt, values[i]->type())) vt = *u;
        if (auto u = ir::unifyTypes(kt, keys[i]->type())) kt = *u;
      }
    }
    Node* n = graph_->insertNode(graph_->createDict(kt, vt, keys, values));
    return n->output();
  }

  Value* emit_list_comp(const ListComp& lc, const TypePtr& hint) {
    if (!lc.ifs.empty()) throw error_report(lc.range, "Comprehension ifs are not supported yet");
    Node* ln = graph_->insertNode(graph_->create(ir::prim::ListConstruct, 1));
    Value* list = ln->output()->setType(Type::List(Type::Tensor()));
    bool type_set = false;
    if (hint) {
      list->setType(hint);
      type_set = true;
    }
    Node* scope = graph_->insertNode(graph_->create(Symbol::prim("ComprehensionScope"), 0));
    scope->setSourceRange(lc.range);
    ir::Block* b = scope->addBlock();
    push_frame(b);
    ir::WithInsertPoint g(b);
    auto body = [&] {
      Value* out = emit_expr(*lc.elt);
      if (!type_set) {
        list->setType(Type::List(out->type()));
        type_set = true;
      }
      emit_builtin_call(lc.range, Symbol::aten("append"), {{lc.range, "", out}}, {}, list);
    };
    emit_for_common(lc.range, *lc.target, *lc.iter, body);
    pop_frame();
    return list;
  }

  // PyTorch's emitDictComprehension: a DictConstruct filled by aten::_set_item in a loop.
  Value* emit_dict_comp(const DictComp& dc, const TypePtr& hint) {
    if (!dc.ifs.empty()) throw error_report(dc.range, "Comprehension ifs are not supported yet");
    Node* dn = graph_->insertNode(graph_->create(ir::prim::DictConstruct, 1));
    Value* dict = dn->output()->setType(Type::Dict(Type::Str(), Type::Tensor()));
    bool type_set = false;
    if (hint) {
      if (hint->kind() != TypeKind::DictType)
        throw error_report(dc.range, "Expected Dict type annotation for dict comprehension, found " +
                                         hint->repr_str());
      dict->setType(hint);
      type_set = true;
    }
    Node* scope = graph_->insertNode(graph_->create(Symbol::prim("ComprehensionScope"), 0));
    scope->setSourceRange(dc.range);
    ir::Block* b = scope->addBlock();
    push_frame(b);
    ir::WithInsertPoint g(b);
    auto body = [&] {
      Value* k = emit_expr(*dc.key);
      Value* v = emit_expr(*dc.value);
      if (!type_set) {
        dict->setType(Type::Dict(k->type(), v->type()));
        type_set = true;
      }
      emit_builtin_call(dc.range, Symbol::aten("_set_item"),
                        {{dc.range, "self", dict}, {dc.range, "", k}, {dc.range, "", v}}, {}, nullptr);
    };
    emit_for_common(dc.range, *dc.target, *dc.iter, body);
    pop_frame();
    return dict;
  }

  Value* emit_subscript(const Subscript& s) {
    Value* v = emit_expr(*s.value);
    const SourceRange& loc = s.range;
    TypePtr t = v->type();
    if (t->isSubtypeOf(*Type::Tensor())) {
      // PyTorch's emitSubscript emits a single index once before emitMultidimSlicing emits it
      // again (the first copy is dead code, but it numbers values).
      if (s.indices.size() == 1 && !s.indices[0]->is<Slice>() && !s.indices[0]->is<EllipsisLiteral>())
        emit_sugared_expr(*s.indices[0], 1);
      return emit_tensor_indexing(loc, v, s.indices);
    }
    if (s.indices.size() != 1) throw error_report(loc, "Subscripts of " + t->repr_str() + " take one index");
    const Expr& idx = *s.indices[0];
    if (auto sl = idx.as<Slice>()) {
      if (t->kind() == TypeKind::TupleType)
        throw error_report(loc, "Tuple slicing is not supported yet");
      std::vector<NamedValue> args{{s.value->range, "", v}};
      args.push_back({loc, "", sl->lower ? emit_expr(*sl->lower) : insert_constant(ir::Literal(), loc)});
      args.push_back({loc, "", sl->upper ? emit_expr(*sl->upper) : insert_constant(ir::Literal(), loc)});
      args.push_back({loc, "", sl->step ? emit_expr(*sl->step) : materialize_constant(std::int64_t{1}, loc, int_constants_)});
      return emit_builtin_call(loc, Symbol::aten("slice"), args, {}, nullptr);
    }
    Value* i = emit_expr(idx);
    if (t->kind() == TypeKind::TupleType) {
      if (i->node()->kind() == ir::prim::Constant && i->type()->kind() == TypeKind::IntType) {
        std::int64_t k = i->node()->i(ir::attr::value);
        std::int64_t n = static_cast<std::int64_t>(t->elements().size());
        if (k < 0) k += n;
        if (k < 0 || k >= n) throw error_report(loc, "Tuple index out of range");
        return graph_->insertNode(graph_->createTupleIndex(v, i, t->elements()[k]))->output();
      }
      throw error_report(loc, "Tuple indices must be integer constants");
    }
    return emit_builtin_call(loc, Symbol::aten("__getitem__"), {{s.value->range, "", v}, {idx.range, "", i}}, {}, nullptr);
  }

  Value* emit_tensor_indexing(const SourceRange& loc, Value* v, const ExprList& indices) {
    auto [sliced, tensor_indices] = emit_int_and_slice_indexing(loc, v, indices);
    if (tensor_indices.empty()) return sliced;
    Value* list = graph_->insertNode(graph_->createList(Type::Optional(Type::Tensor()), tensor_indices))->output();
    return emit_builtin_call(loc, Symbol::aten("index"), {{loc, "", sliced}, {loc, "", list}}, {}, nullptr);
  }

  // PyTorch's emitIntAndSliceIndexing: ints select, slices slice, None unsqueezes, `...` skips
  // the dimensions the indices after it do not name (those are counted from the end), and
  // tensors (or lists, made tensors) are returned by dimension for aten::index / index_put_.
  // Indices before `...` are emitted left to right, those after it right to left; then the
  // select/slice/unsqueeze nodes in order.
  std::pair<Value*, std::vector<Value*>> emit_int_and_slice_indexing(const SourceRange& loc,
                                                                     Value* sliceable,
                                                                     const ExprList& indices) {
    const std::size_t n = indices.size();
    std::vector<std::int64_t> dims(n, 0);
    std::vector<Value*> exprs(n, nullptr);
    auto handle = [&](const Expr& e, std::size_t i, std::int64_t dim, bool reverse) -> std::int64_t {
      dims[i] = dim;
      if (e.is<Slice>()) return reverse ? dim - 1 : dim + 1;
      if (e.is<EllipsisLiteral>()) return dim;
      if (e.is<NoneLiteral>()) return reverse ? dim : dim + 1;
      Value* index = emit_expr(e, Type::Optional(Type::Tensor()));
      if (index->type()->kind() == TypeKind::ListType) {
        index = emit_builtin_call(e.range, Symbol::aten("tensor"), {{e.range, "", index}}, {}, nullptr);
      }
      exprs[i] = index;
      if (index->type()->isSubtypeOf(*Type::Int())) return reverse ? dim - 1 : dim;
      if (index->type()->isSubtypeOf(*Type::Optional(Type::Tensor()))) {
        if (reverse)
          throw error_report(loc, "Ellipses followed by tensor indexing is currently not supported");
        return dim + 1;
      }
      throw error_report(loc, "Unsupported operation: indexing tensor with unsupported index type '" +
                                  index->type()->repr_str() +
                                  "'. Only ints, slices, lists and tensors are supported");
    };
    std::size_t idx = 0;
    std::int64_t dim = 0;
    for (; idx < n; ++idx) {
      if (indices[idx]->is<EllipsisLiteral>()) break;
      dim = handle(*indices[idx], idx, dim, false);
    }
    std::int64_t rdim = -1;
    for (std::size_t r = n; r-- > idx + 1;) {
      if (indices[r]->is<EllipsisLiteral>())
        throw error_report(loc, "An index can only have a single ellipsis ('...')");
      rdim = handle(*indices[r], r, rdim, true);
    }
    std::vector<Value*> tensor_indices;
    for (std::size_t i = 0; i < n; ++i) {
      const Expr& e = *indices[i];
      if (auto sl = e.as<Slice>()) {
        Value* d = insert_constant(ir::Literal(dims[i]), loc);
        std::vector<NamedValue> args{{loc, "", sliceable}, {loc, "", d}};
        // (PyTorch's missing bounds are None constants without a source range)
        args.push_back({loc, "", sl->lower ? emit_expr(*sl->lower) : insert_constant(ir::Literal(), SourceRange())});
        args.push_back({loc, "", sl->upper ? emit_expr(*sl->upper) : insert_constant(ir::Literal(), SourceRange())});
        args.push_back({loc, "", sl->step ? emit_expr(*sl->step) : insert_constant(ir::Literal(std::int64_t{1}), loc)});
        sliceable = emit_builtin_call(loc, Symbol::aten("slice"), args, {}, nullptr);
        continue;
      }
      if (e.is<EllipsisLiteral>()) continue;
      if (e.is<NoneLiteral>()) {
        Value* d = insert_constant(ir::Literal(dims[i]), loc);
        sliceable = emit_builtin_call(loc, Symbol::aten("unsqueeze"), {{loc, "", sliceable}, {loc, "", d}}, {}, nullptr);
        continue;
      }
      Value* ex = exprs[i];
      if (ex->type()->isSubtypeOf(*Type::Int())) {
        Value* d = insert_constant(ir::Literal(dims[i]), loc);
        sliceable = emit_builtin_call(loc, Symbol::aten("select"), {{loc, "", sliceable}, {loc, "", d}, {loc, "", ex}}, {}, nullptr);
      } else {
        std::size_t k = static_cast<std::size_t>(dims[i]);
        if (tensor_indices.size() < k + 1) tensor_indices.resize(k + 1, nullptr);
        tensor_indices[k] = ex;
      }
    }
    for (auto& t : tensor_indices)
      if (!t) {
        t = insert_constant(ir::Literal(), SourceRange());
      }
    return {sliceable, tensor_indices};
  }

  // `x[...] = v` on a tensor (PyTorch's emitSubscriptAssign): the indexed view is written with
  // aten::copy_, or aten::index_put_ when tensors index it; a number on the right becomes a
  // tensor of the view's dtype and device first.
  void emit_tensor_subscript_assign(const SourceRange& stmt_range, const Subscript& lhs, Value* sliceable,
                                    NamedValue rhs) {
    auto [sliced, tensor_indices] = emit_int_and_slice_indexing(lhs.range, sliceable, lhs.indices);
    NamedValue sliced_arg{lhs.range, "", sliced};
    if (!rhs.value->type()->isSubtypeOf(*Type::Tensor())) {
      SourceRange none;
      Value* dtype = emit_builtin_call(none, Symbol::prim("dtype"), {{none, "", sliced}}, {}, nullptr);
      Value* device = emit_builtin_call(none, Symbol::prim("device"), {{none, "", sliced}}, {}, nullptr);
      rhs.value = emit_builtin_call(none, Symbol::aten("tensor"), {rhs},
                                    {{none, "dtype", dtype}, {none, "device", device}}, nullptr);
    }
    if (tensor_indices.empty()) {
      emit_builtin_call(stmt_range, Symbol::aten("copy_"), {sliced_arg, rhs}, {}, nullptr);
      return;
    }
    Value* list = graph_->insertNode(graph_->createList(Type::Optional(Type::Tensor()), tensor_indices))->output();
    emit_builtin_call(stmt_range, Symbol::aten("index_put_"), {sliced_arg, {stmt_range, "", list}, rhs}, {}, nullptr);
  }

 public:
  // ---------------------------------------------------------------- schema matching
  struct Matched {
    std::vector<Value*> inputs;
    std::vector<TypePtr> returns;
  };

  Value* try_convert(const SourceRange& loc, const TypePtr& concrete, Value* value, bool allow_conversions) {
    if (concrete->kind() == TypeKind::OptionalType && value->type()->kind() != TypeKind::OptionalType &&
        !value->type()->isSubtypeOf(*Type::None()))
      return try_convert(loc, concrete->getElementType(), value, allow_conversions);
    if (value->type()->kind() == TypeKind::TupleType && concrete->kind() == TypeKind::ListType &&
        allow_conversions) {
      // a tuple of elements of the list's type becomes a list
      const auto& elems = value->type()->elements();
      bool ok = !elems.empty();
      for (auto& e : elems) ok = ok && e->isSubtypeOf(*concrete->getElementType());
      if (ok) {
        Node* u = graph_->insertNode(graph_->createTupleUnpack(value));
        std::vector<Value*> outs(u->outputs().begin(), u->outputs().end());
        return graph_->insertNode(graph_->createList(concrete->getElementType(), outs))->output();
      }
    }
    if (allow_conversions) {
      TypePtr vt = value->type();
      bool is_tensor = vt->isSubtypeOf(*Type::Tensor());
      bool is_number = vt->kind() == TypeKind::NumberType;
      auto ck = concrete->kind();
      auto insert1 = [&](const char* op) {
        return emit_builtin_call(loc, Symbol::fromQualString(op), {{loc, "", value}}, {}, nullptr);
      };
      if (is_tensor) {
        if (ck == TypeKind::FloatType) return insert1("aten::FloatImplicit");
        if (ck == TypeKind::ComplexType) return insert1("aten::ComplexImplicit");
        if (ck == TypeKind::IntType) return insert1("aten::IntImplicit");
        if (ck == TypeKind::NumberType) return insert1("aten::ScalarImplicit");
      } else if (is_number) {
        if (ck == TypeKind::FloatType) return insert1("aten::Float");
        if (ck == TypeKind::IntType) return insert1("aten::Int");
      }
      // Note [Bool is not a number]: PyTorch 1.13 never converts a bool argument to int, float
      // or Scalar (`Expected a value of type 'int' for argument 'a' but instead found type
      // 'bool'.`), nor an int to bool.
      if (vt->isSubtypeOf(*Type::Str()) && concrete->kind() == TypeKind::DeviceObjType)
        return insert1("aten::device");
    }
    return value;
  }

  // A default argument: a constant; a scalar default of a `BroadcastingListN` argument of a
  // script function is repeated into a ListConstruct (operators' `int[2] x=1` defaults are
  // list constants already).
  Value* insert_default(const ir::Literal& d, const ir::Argument& arg) {
    TypePtr t = arg.type();
    if (t->kind() == TypeKind::OptionalType && !d.is_none()) t = t->getElementType();
    // A list default takes the argument's type (an empty one has nothing to infer it from).
    Value* c = insert_constant(d, SourceRange(),
                               d.is_list() && t->kind() == TypeKind::ListType ? t : nullptr);
    if (arg.N() && t->kind() == TypeKind::ListType && !d.is_list() && !d.is_none()) {
      std::vector<Value*> elems(static_cast<std::size_t>(*arg.N()), c);
      return graph_->insertNode(graph_->createList(t->getElementType(), elems))->output();
    }
    return c;
  }

  std::optional<Value*> try_match_argument(const ir::Argument& arg, const NamedValue& nv,
                                           bool allow_conversions, TypeEnv& env, std::string& why) {
    Value* v = nv.value;
    TypePtr formal = arg.type();
    if (formal->kind() == TypeKind::OptionalType && arg.N() &&
        formal->getElementType()->kind() == TypeKind::ListType &&
        v->type()->isSubtypeOf(*formal->getElementType()->getElementType()))
      formal = formal->getElementType();
    // int → int[N] broadcasting lists
    if (formal->kind() == TypeKind::ListType && arg.N() &&
        v->type()->isSubtypeOf(*formal->getElementType())) {
      std::vector<Value*> rep(static_cast<std::size_t>(*arg.N()), v);
      return graph_->insertNode(graph_->createList(formal->getElementType(), rep))->output();
    }
    if (!match_type_vars(formal, v->type(), env)) {
      why = "Could not match type " + v->type()->repr_str() + " to " + formal->repr_str() +
            " in argument '" + arg.name() + "'";
      return std::nullopt;
    }
    TypePtr concrete = eval_type_vars(formal, env);
    if (!concrete) concrete = formal;
    v = try_convert(nv.range, concrete, v, allow_conversions);
    bool ok = v->type()->isSubtypeOf(*concrete);
    if (!ok && concrete->kind() == TypeKind::NumberType && v->type()->kind() == TypeKind::BoolType) ok = false;
    if (!ok) {
      why = "Expected a value of type '" + concrete->repr_str() + "' for argument '" + arg.name() +
            "' but instead found type '" + v->type()->repr_str() + "'.";
      return std::nullopt;
    }
    return v;
  }

  std::optional<Matched> try_match_schema(const ir::FunctionSchema& schema, const SourceRange& loc,
                                          const std::vector<NamedValue>& args_in,
                                          const std::vector<NamedValue>& kwargs, Value* self,
                                          bool allow_conversions, std::string& why) {
    std::vector<NamedValue> args;
    if (self) args.push_back({loc, "self", self});
    for (auto& a : args_in) args.push_back(a);
    TypeEnv env;
    std::vector<Value*> positional;
    std::size_t used = 0;
    std::vector<bool> used_kw(kwargs.size(), false);
    const auto& formals = schema.arguments();
    for (std::size_t i = 0; i < formals.size(); ++i) {
      const ir::Argument& arg = formals[i];
      std::optional<NamedValue> actual;
      if (!arg.kwarg_only() && used < args.size()) {
        // varargs packed into a list: the last positional list argument takes the rest
        bool last_positional = true;
        for (std::size_t j = i + 1; j < formals.size(); ++j)
          if (!formals[j].kwarg_only()) last_positional = false;
        TypePtr ft = arg.type();
        if (ft->kind() == TypeKind::OptionalType) ft = ft->getElementType();
        if (allow_conversions && last_positional && ft->kind() == TypeKind::ListType &&
            !ft->getElementType()->hasFreeVariables() &&
            (args.size() - used > 1 || (args[used].value->type()->kind() != TypeKind::ListType &&
                                         args[used].value->type()->kind() != TypeKind::TupleType &&
                                         args[used].value->type()->isSubtypeOf(*ft->getElementType()) &&
                                         !arg.N()))) {
          std::vector<Value*> elems;
          for (; used < args.size(); ++used) {
            auto c = try_convert(args[used].range, ft->getElementType(), args[used].value, allow_conversions);
            if (!c->type()->isSubtypeOf(*ft->getElementType())) {
              why = "Expected a value of type '" + ft->getElementType()->repr_str() + "' for argument '" +
                    arg.name() + "' but instead found type '" + c->type()->repr_str() + "'.";
              return std::nullopt;
            }
            elems.push_back(c);
          }
          positional.push_back(graph_->insertNode(graph_->createList(ft->getElementType(), elems))->output());
          continue;
        }
        actual = args[used++];
      } else {
        for (std::size_t k = 0; k < kwargs.size(); ++k)
          if (kwargs[k].name == arg.name()) {
            if (used_kw[k]) {
              why = "Argument " + arg.name() + " specified twice";
              return std::nullopt;
            }
            used_kw[k] = true;
            actual = kwargs[k];
          }
        if (!actual) {
          if (!arg.default_value()) {
            why = "Argument " + arg.name() + " not provided.";
            return std::nullopt;
          }
          positional.push_back(insert_default(*arg.default_value(), arg));
          continue;
        }
      }
      auto m = try_match_argument(arg, *actual, allow_conversions, env, why);
      if (!m) return std::nullopt;
      positional.push_back(*m);
    }
    if (used < args.size() && !schema.is_vararg()) {
      why = "Expected at most " + std::to_string(formals.size()) + " arguments but found " +
            std::to_string(args.size()) + " positional arguments.";
      return std::nullopt;
    }
    for (; used < args.size(); ++used) positional.push_back(args[used].value);
    for (std::size_t k = 0; k < kwargs.size(); ++k)
      if (!used_kw[k]) {
        why = "Keyword argument " + kwargs[k].name + " unknown.";
        return std::nullopt;
      }
    Matched m;
    m.inputs = std::move(positional);
    for (const auto& r : schema.returns()) {
      TypePtr t = eval_type_vars(r.type(), env);
      if (!t) {
        why = "Could not infer the return type " + r.type()->repr_str();
        return std::nullopt;
      }
      m.returns.push_back(t);
    }
    return m;
  }

  std::vector<const ir::FunctionSchema*> schemas_for(Symbol name) {
    std::vector<const ir::FunctionSchema*> out;
    if (options_.extra_schemas) out = options_.extra_schemas(name);
    if (!out.empty()) return out;
    for (const runtime::Operator* op : runtime::OperatorRegistry::instance().lookup(name))
      out.push_back(&op->schema());
    return out;
  }

  Value* emit_builtin_call(const SourceRange& loc, Symbol name, const std::vector<NamedValue>& args,
                           const std::vector<NamedValue>& kwargs, Value* self) {
    auto schemas = schemas_for(name);
    if (schemas.empty())
      throw error_report(loc, "Unknown builtin op: " + name.toQualString() +
                                  ".\nCould not find any similar ops to " + name.toQualString() +
                                  ". This op may not exist or may not be currently supported in "
                                  "TorchScript.\n");
    std::optional<Matched> matched;
    const ir::FunctionSchema* chosen = nullptr;
    std::vector<std::string> failures;
    // PyTorch's builtin functions for a number on the left of a tensor (`2 * x`) are tried with
    // the operator's overloads before any implicit conversion.
    const bool scalar_left = !self && kwargs.empty() && args.size() == 2 &&
                             args[0].value->type()->isSubtypeOf(*Type::Number()) &&
                             args[1].value->type()->isSubtypeOf(*Type::Tensor()) &&
                             std::set<std::string>{"aten::add", "aten::mul", "aten::eq", "aten::ne",
                                                   "aten::lt", "aten::le", "aten::gt", "aten::ge",
                                                   "aten::sub", "aten::div"}
                                 .count(name.toQualString());
    for (bool allow : {false, true}) {
      if (schemas.size() == 1 && !allow) continue;
      if (allow && scalar_left) break;
      failures.clear();
      for (const auto* s : schemas) {
        std::string why;
        matched = try_match_schema(*s, loc, args, kwargs, self, allow, why);
        if (matched) {
          chosen = s;
          break;
        }
        failures.push_back(s->str() + ":\n  " + why);
      }
      if (matched) break;
    }
    if (!matched && scalar_left) {
      // PyTorch's builtin functions for a scalar on the left (`2 * x`): the operation with the
      // tensor first (builtin_functions.cpp, inlined into the caller).
      static const std::map<std::string, std::string> swapped = {
          {"aten::add", "aten::add"}, {"aten::mul", "aten::mul"}, {"aten::eq", "aten::eq"},
          {"aten::ne", "aten::ne"},   {"aten::lt", "aten::gt"},   {"aten::le", "aten::ge"},
          {"aten::gt", "aten::lt"},   {"aten::ge", "aten::le"}};
      NamedValue a = args[0], b = args[1];
      if (auto it = swapped.find(name.toQualString()); it != swapped.end()) {
        Value* r = emit_builtin_call(loc, Symbol::fromQualString(it->second), {b, a}, {}, nullptr);
        if (auto range = builtin_function_range(name.toQualString())) r->node()->setSourceRange(*range);
        return r;
      }
      if (name.toQualString() == "aten::sub") {
        Value* neg = emit_builtin_call(loc, Symbol::aten("neg"), {b}, {}, nullptr);
        return emit_builtin_call(loc, Symbol::aten("add"), {{loc, "", neg}, a}, {}, nullptr);
      }
      if (name.toQualString() == "aten::div") {
        Value* rec = emit_builtin_call(loc, Symbol::aten("reciprocal"), {b}, {}, nullptr);
        return emit_builtin_call(loc, Symbol::aten("mul"), {{loc, "", rec}, a}, {}, nullptr);
      }
    }
    if (!matched) {
      if (schemas.size() == 1)
        throw error_report(loc, failures[0].substr(failures[0].find(":\n  ") + 4) +
                                    "\n\nThe original call is");
      std::string msg = "Arguments for call are not valid.\nThe following variants are available:\n  ";
      for (auto& f : failures) msg += "\n  " + f + "\n  ";
      msg += "\nThe original call is";
      throw error_report(loc, msg);
    }
    (void)chosen;
    Node* n = graph_->insertNode(graph_->create(name, matched->inputs, 0));
    n->setSourceRange(loc);
    for (auto& r : matched->returns) n->addOutput()->setType(r);
    if (n->outputs().size() == 1) return n->output();
    std::vector<Value*> outs(n->outputs().begin(), n->outputs().end());
    return graph_->insertNode(graph_->createTuple(outs))->output();
  }

  // Note [Ranges of builtin functions]
  // PyTorch compiles `2 * x` as its builtin script function `mul(a: int, b: Tensor)`, inlined:
  // the node keeps the range of `b * a` in that function's own source ("<string>", line 3,
  // column 9 for mul; 5, 7, 9 for add, ne, eq). This source reproduces those positions.
  static std::optional<SourceRange> builtin_function_range(const std::string& op) {
    static const auto source = std::make_shared<const Source>(
        "\ndef mul(a, b):\n  return b * a\ndef add(a, b):\n  return b + a\n"
        "def ne(a, b):\n  return b != a\ndef eq(a, b):\n  return b == a\n",
        "<string>");
    static const std::map<std::string, std::string> bodies = {
        {"aten::mul", "b * a"}, {"aten::add", "b + a"}, {"aten::ne", "b != a"}, {"aten::eq", "b == a"}};
    auto it = bodies.find(op);
    if (it == bodies.end()) return std::nullopt;
    std::size_t at = source->text().find(it->second);
    return SourceRange(source, at, at + it->second.size());
  }

  friend std::shared_ptr<ir::Graph> tjit::frontend::emit_function(const Def&, runtime::CompilationUnit*,
                                                                  const CompileOptions&,
                                                                  ir::FunctionSchema*);
};

}  // namespace detail

TJIT_DEF std::shared_ptr<ir::Graph> emit_function(const Def& def, runtime::CompilationUnit* cu,
                                                  const CompileOptions& options,
                                                  ir::FunctionSchema* schema_out) {
  detail::Emitter e(cu, options);
  return e.emit(def, schema_out);
}

namespace detail {

inline std::string expr_text(const Expr& e) { return std::string(e.range.text()); }

// A literal of a class body (`K : Final[int] = 3`, enum members), tuples included.
inline ir::Literal class_literal(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Int: return ir::Literal(e.as<IntLiteral>()->value);
    case ExprKind::Float: return ir::Literal(e.as<FloatLiteral>()->value);
    case ExprKind::Str: return ir::Literal(e.as<StringLiteral>()->value);
    case ExprKind::Bool: return ir::Literal(e.as<BoolLiteral>()->value);
    case ExprKind::None: return ir::Literal();
    case ExprKind::UnaryOp: {
      auto u = e.as<UnaryOp>();
      if (u->op == UnaryOpKind::Neg) {
        ir::Literal v = class_literal(*u->operand);
        if (v.is_int()) return ir::Literal(-v.to_int());
        if (v.is_double()) return ir::Literal(-v.to_double());
      }
      break;
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
      const ExprList& elts = e.kind == ExprKind::Tuple ? e.as<TupleLiteral>()->elts : e.as<ListLiteral>()->elts;
      std::vector<ir::Literal> items;
      for (const auto& x : elts) items.push_back(class_literal(*x));
      return ir::Literal::tuple(std::move(items));
    }
    default: break;
  }
  throw error_report(e.range, "class constants must be literals");
}

inline std::vector<std::string> string_list(const Expr& e) {
  std::vector<std::string> out;
  const ExprList* elts = nullptr;
  if (auto l = e.as<ListLiteral>()) elts = &l->elts;
  if (auto t = e.as<TupleLiteral>()) elts = &t->elts;
  if (!elts) throw error_report(e.range, "expected a list of strings");
  for (const auto& x : *elts) {
    auto sl = x->as<StringLiteral>();
    if (!sl) throw error_report(x->range, "expected a string");
    out.push_back(sl->value);
  }
  return out;
}

TJIT_DEF runtime::Function* Definer::ensure(const std::string& qualname, const SourceRange& loc) {
  auto it = pending.find(qualname);
  if (it == pending.end()) return cu.find_function(qualname);
  if (in_progress.count(qualname))
    throw error_report(loc, "Recursive calls are not supported in TorchScript: '" + qualname +
                                "' is called while it is being compiled");
  Pending p = it->second;
  in_progress.insert(qualname);
  ir::FunctionSchema schema("", "", {}, {});
  std::shared_ptr<ir::Graph> g;
  try {
    Emitter e(&cu, options, this);
    g = e.emit(*p.def, &schema, p.self_type);
  } catch (...) {
    in_progress.erase(qualname);
    throw;
  }
  in_progress.erase(qualname);
  pending.erase(qualname);
  runtime::Function* f = cu.create_function(qualname, g);
  f->setSchema(std::move(schema));
  return f;
}

TJIT_DEF void Definer::declare() {
  const std::string& q = options.qualifier;
  struct ClassEntry {
    const ClassDef* c;
    std::string qualname, base;
    TypePtr type;
  };
  std::vector<ClassEntry> classes;
  for (const auto& s : module.body) {
    if (auto d = s->as<Def>()) {
      pending[q + "." + d->name] = {d, nullptr};
      order.push_back(q + "." + d->name);
    } else if (auto c = s->as<ClassDef>()) {
      std::string base = c->bases.empty() ? "" : expr_text(*c->bases[0]);
      ClassEntry e{c, q + "." + c->name, base, nullptr};
      if (cu.find_type(e.qualname))
        throw error_report(c->range, "class '" + e.qualname + "' already defined.");
      if (base == "Module" || base == "nn.Module" || base == "torch.nn.Module") {
        e.type = Type::Module(e.qualname);
      } else if (base.empty() || base == "object") {
        e.type = Type::Class(e.qualname);
      } else if (base == "NamedTuple" || base == "Enum" || base == "enum.Enum") {
        // built once their fields are known (below)
      } else if (base == "ModuleInterface" || base == "Interface") {
        e.type = Type::Interface(e.qualname, base == "ModuleInterface");
      } else {
        throw error_report(c->bases[0]->range, "unsupported base class '" + base + "'");
      }
      if (e.type) cu.register_type(e.type);
      classes.push_back(std::move(e));
    } else if (auto a = s->as<Assign>(); a && a->targets.size() == 1 && a->targets[0]->is<Name>() &&
                                           a->targets[0]->as<Name>()->id == "op_version_set") {
      // legacy header line
    } else {
      throw error_report(s->range, "expected def or class but found statement");
    }
  }
  auto parse_type = [&](const Expr& e) {
    std::string text = expr_text(e);
    if (text.rfind("Final[", 0) == 0 && text.back() == ']') text = text.substr(6, text.size() - 7);
    if (text == "torch.Tensor") text = "Tensor";
    try {
      return ir::parse_type(text, [&](const std::string& n) -> TypePtr {
        if (n.find('.') == std::string::npos) return cu.find_type(q + "." + n);
        if (TypePtr t = cu.find_type(n)) return t;
        if (options.resolver && options.resolver(n)) return cu.find_type(n);
        return nullptr;
      });
    } catch (const Error&) {
      throw error_report(e.range, "Unknown type name '" + text + "'");
    }
  };
  // NamedTuples and enums first: other classes' attributes may have their types.
  std::stable_sort(classes.begin(), classes.end(), [](const ClassEntry& a, const ClassEntry& b) {
    return (a.type == nullptr) > (b.type == nullptr);
  });
  for (auto& e : classes) {
    const ClassDef& c = *e.c;
    if (e.base == "NamedTuple") {
      std::vector<std::string> names;
      std::vector<TypePtr> types_;
      for (const auto& st : c.body) {
        auto a = st->as<Assign>();
        if (!a || !a->annotation || a->targets.size() != 1 || !a->targets[0]->is<Name>()) continue;
        names.push_back(a->targets[0]->as<Name>()->id);
        types_.push_back(parse_type(*a->annotation));
      }
      e.type = Type::NamedTuple(e.qualname, std::move(names), std::move(types_));
      cu.register_type(e.type);
      continue;
    }
    if (e.base == "Enum" || e.base == "enum.Enum") {
      std::vector<std::pair<std::string, ir::Literal>> values;
      TypePtr vt;
      for (const auto& st : c.body) {
        auto a = st->as<Assign>();
        if (!a || !a->value || a->targets.size() != 1 || !a->targets[0]->is<Name>()) continue;
        ir::Literal v = class_literal(*a->value);
        TypePtr t = v.is_int() ? Type::Int() : v.is_double() ? Type::Float() : Type::Str();
        if (vt && !vt->equals(*t))
          throw error_report(a->range, "Enum class with varying value types are not supported.");
        vt = t;
        values.emplace_back(a->targets[0]->as<Name>()->id, std::move(v));
      }
      e.type = Type::Enum(e.qualname, vt ? vt : Type::Int(), std::move(values));
      cu.register_type(e.type);
      continue;
    }
    auto& info = *e.type->classInfo();
    std::vector<std::string> params, buffers;
    for (const auto& st : c.body) {
      if (auto d = st->as<Def>()) {
        std::string mq = e.qualname + "." + d->name;
        if (e.type->kind() == TypeKind::InterfaceType) {
          info.method_names.push_back(d->name);
          continue;
        }
        if (d->decorator("staticmethod"))
          throw error_report(d->range, "static methods are not supported yet");
        pending[mq] = {d, e.type};
        info.method_names.push_back(d->name);
        order.push_back(mq);
        continue;
      }
      if (st->is<Pass>() || st->is<ExprStmt>()) continue;  // pass, docstrings
      auto a = st->as<Assign>();
      if (!a || a->targets.size() != 1)
        throw error_report(st->range, "unexpected statement in a class body");
      const Expr& t = *a->targets[0];
      if (auto sub = t.as<Subscript>()) {  // __annotations__["0"] = T
        if (!sub->value->is<Name>() || sub->value->as<Name>()->id != "__annotations__" ||
            sub->indices.size() != 1 || !sub->indices[0]->is<StringLiteral>() || !a->value)
          throw error_report(st->range, "unexpected statement in a class body");
        info.addAttribute(sub->indices[0]->as<StringLiteral>()->value, parse_type(*a->value));
        continue;
      }
      auto n = t.as<Name>();
      if (!n) throw error_report(st->range, "unexpected statement in a class body");
      if (n->id == "__parameters__" && a->value) {
        params = string_list(*a->value);
        continue;
      }
      if (n->id == "__buffers__" && a->value) {
        buffers = string_list(*a->value);
        continue;
      }
      if (n->id == "__constants__" || n->id == "__jit_unused_properties__" ||
          n->id == "__annotations__")
        continue;
      if (a->value) {  // `K : Final[int] = 3`, or `K = 3`
        info.constants.emplace_back(n->id, class_literal(*a->value));
        continue;
      }
      if (!a->annotation) throw error_report(st->range, "unexpected statement in a class body");
      info.addAttribute(n->id, parse_type(*a->annotation));
    }
    for (auto& attr : info.attributes) {
      for (auto& p : params) attr.is_parameter = attr.is_parameter || attr.name == p;
      for (auto& b : buffers) attr.is_buffer = attr.is_buffer || attr.name == b;
    }
  }
}

TJIT_DEF void Definer::compile_all() {
  // `__init__` of classes first: it declares the attributes other methods use.
  for (const auto& q : order)
    if (q.size() > 9 && q.compare(q.size() - 9, 9, ".__init__") == 0 && pending.count(q))
      ensure(q, pending.at(q).def->range);
  for (const auto& q : order)
    if (pending.count(q)) ensure(q, pending.at(q).def->range);
}

}  // namespace detail

TJIT_DEF void define(runtime::CompilationUnit& cu, const std::shared_ptr<const Source>& source,
                     const CompileOptions& options) {
  auto d = std::make_unique<detail::Definer>(cu, options, parse(source));
  detail::Definer* dp = d.get();
  detail::DefineSession*& session = detail::define_session();
  if (session) {  // Note [Definitions across files]
    session->definers.push_back(std::move(d));
    dp->declare();
    return;
  }
  detail::DefineSession own;
  session = &own;
  struct Reset {
    detail::DefineSession*& s;
    ~Reset() { s = nullptr; }
  } reset{session};
  own.definers.push_back(std::move(d));
  dp->declare();
  for (std::size_t i = 0; i < own.definers.size(); ++i) own.definers[i]->compile_all();
}

TJIT_DEF void define_methods(runtime::CompilationUnit& cu, const ir::TypePtr& class_type,
                             const std::shared_ptr<const Source>& source,
                             const CompileOptions& options) {
  TJIT_CHECK(class_type && class_type->classInfo() && cu.find_type(class_type->name()),
             "define_methods: the class is not registered in the compilation unit");
  detail::Definer d(cu, options, parse(source));
  for (const auto& s : d.module.body) {
    auto def = s->as<Def>();
    if (!def) throw error_report(s->range, "expected def but found statement");
    std::string mq = class_type->name() + "." + def->name;
    if (d.pending.count(mq) || cu.find_function(mq))
      throw error_report(def->range, "method '" + mq + "' already defined.");
    d.pending[mq] = {def, class_type};
    d.order.push_back(mq);
    class_type->classInfo()->method_names.push_back(def->name);
  }
  d.compile_all();
}

}  // namespace tjit::frontend

namespace tjit {

TJIT_DEF std::shared_ptr<runtime::CompilationUnit> compile(std::string_view source,
                                                           const frontend::CompileOptions& options) {
  auto cu = std::make_shared<runtime::CompilationUnit>();
  frontend::define(*cu, std::make_shared<const Source>(std::string(source), "<string>"), options);
  return cu;
}

}  // namespace tjit
