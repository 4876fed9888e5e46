// tjit/frontend/emitter.hpp — TorchScript source to IR graphs (PyTorch's ir_emitter.cpp).
//
//   auto cu = tjit::compile("def foo(x, y):\n    return 2 * x + y\n");
//   tjit::IValue z = cu->get_function("foo")({x, y});   // also "__torch__.foo"
//   std::cout << *cu->get_function("foo").graph();       // prints as PyTorch's fn.graph
//
// The emitter walks the AST of frontend/ast.hpp and emits what PyTorch 1.13 emits, in the same
// order, so graphs print byte for byte as PyTorch's `.graph`: variables go through prim::Store /
// prim::Load and are turned into SSA afterwards (ConvertToSSA: block-carried values of prim::If
// and prim::Loop, break/continue/return through the exit transforms, `with` blocks), then the
// cleanup passes PyTorch runs on a fresh graph (lowering of simple tuples, dead code, constant
// propagation of immutable types, constant pooling, canonical If/Loop output order).
// `torch.no_grad()` and most of `torch.nn.functional` are script classes and functions that the
// unit gets on first use (Note [Builtin script classes], Note [torch.nn.functional in the
// emitter] in detail/emitter_impl.hpp).
// Calls resolve against the operator registry's schemas (overloads, defaults, keyword and
// keyword-only arguments, type variables, the conversions schema_matching.cpp allows).
//
// Note [Qualified names of compiled functions]
// Functions are named as PyTorch's archives name them, `__torch__.<name>`; CompilationUnit
// also finds them by their plain name, as torch::jit::compile's units do.
//
// Builds on frontend/parser.hpp, ir/ and runtime/ (operator registry, CompilationUnit).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/core/source_range.hpp"
#include "tjit/frontend/ast.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/ir/schema.hpp"
#include "tjit/runtime/function.hpp"

namespace tjit::frontend {

struct CompileOptions {
  // Prefix of the functions' and classes' qualified names (Note [Qualified names of compiled
  // functions]): an archive importer passes the file's qualifier, `__torch__.a.b` for
  // code/__torch__/a/b.py. Plain names in the source also resolve against it.
  std::string qualifier = "__torch__";
  // Called with a qualified name (`__torch__.a.b.C`, `__torch__.a.b.f`) that the unit does not
  // define yet: an importer defines the file holding it (calling define again on the same
  // unit) and returns true; false leaves the name undefined (Note [Lazy name resolution]).
  std::function<bool(const std::string& qualified_name)> resolver;
  // `CONSTANTS.c<N>` of archives: entry N of constants.pkl (nullopt: out of range).
  std::function<std::optional<runtime::IValue>(std::size_t)> constants;
  // Compile methods of module classes as torch.jit.script(module) does (`self` is the module
  // itself, not a variable: graphs show `%self`); archives' code is compiled as PyTorch's
  // importer compiles it (`self` is a variable: `%self.1`).
  bool scripted_modules = false;
  // Schemas consulted for an operator name the registry does not know (tests use PyTorch's
  // full list to check emission while operators are still being bound). Returns the overloads
  // in PyTorch's order, or an empty list.
  std::function<std::vector<const ir::FunctionSchema*>(ir::Symbol)> extra_schemas;
};

// Note [Lazy name resolution]
// define() first declares every class of the file (its type with the attributes, parameters,
// buffers and constants its body declares: the forms of §6.2 of the archive-format notes, or
// class-level annotations of hand-written classes), then compiles functions and methods; a
// function or method is compiled when first referenced (so definition order does not matter),
// and a qualified name the unit does not know goes to CompileOptions::resolver, which may
// define another file first. Attributes of plain classes not declared in the body are
// inferred from `self.x = ...` in `__init__`, which is compiled first.

// Compiles every `def` and `class` of `source` into `cu`: functions and methods as
// `<qualifier>.<name>` / `<qualifier>.<Class>.<method>`, classes registered in `cu` by their
// qualified name (script classes, modules, NamedTuples, enums).
void define(runtime::CompilationUnit& cu, const std::shared_ptr<const Source>& source,
            const CompileOptions& options = {});

// Compiles the `def`s of `source` as methods of `class_type`, a class already registered in
// `cu` (torch::jit::Module::define: `def forward(self, x): ...` on a module built in C++).
void define_methods(runtime::CompilationUnit& cu, const ir::TypePtr& class_type,
                    const std::shared_ptr<const Source>& source, const CompileOptions& options = {});

// The graph of one function definition, emitted on its own (`cu` resolves calls to functions
// already defined in it).
std::shared_ptr<ir::Graph> emit_function(const Def& def, runtime::CompilationUnit* cu,
                                         const CompileOptions& options,
                                         ir::FunctionSchema* schema_out = nullptr);

}  // namespace tjit::frontend

namespace tjit {

// Like torch::jit::compile: a unit whose functions can be called (source file "<string>").
std::shared_ptr<runtime::CompilationUnit> compile(std::string_view source,
                                                  const frontend::CompileOptions& options = {});

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/frontend/detail/emitter_impl.hpp"
#include "tjit/frontend/detail/emitter_passes_impl.hpp"
#endif
