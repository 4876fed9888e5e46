// tjit/frontend/code_printer.hpp — the code printer: IR → TorchScript source, as PyTorch 1.13's
// PythonPrint writes it (what `scripted_fn.code` shows and what `torch.jit.save` puts into
// `code/<qualifier>.py`).
//
//   auto g = tjit::ir::parse_ir(graph_text);
//   std::string code = tjit::frontend::print_function_code(*g, "foo", &schema);
//   // def foo(x: Tensor,
//   //     y: int) -> Tensor:
//   //   return torch.add(x, y)
//
//   tjit::frontend::CodePrinter p;          // one per archive: shares the constant table
//   p.print_class(module_type, {{"forward", graph, &schema}});
//   p.str();  p.constants();               // the file text, and what CONSTANTS.cN denote
//
// What it reproduces (see Note [How PythonPrint prints] in the implementation): value naming
// (`_0`, `_1`, ... and debug names without their `.N` suffix, made unique with a counter),
// inlining of single-use expressions in tree order, splitting of long inlines, constants,
// `torch.*` / `ops.<ns>.*` spellings, keyword-only arguments and dropped trailing defaults
// (from each node's schema), `if`/`for`/`while` from prim::If/prim::Loop, tuples, lists, dicts,
// `fork` closures, `with`, `annotate`, `uninitialized`, `unchecked_cast`, `isinstance`, and class
// bodies (`__parameters__`, `__buffers__`, attributes, `Final` constants, methods).
//
// Schemas come from runtime::OperatorRegistry by default; an operator it does not know is
// printed with all its arguments, positionally. Builds on ir/ and runtime/operator.hpp.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/ir/literal.hpp"
#include "tjit/ir/schema.hpp"
#include "tjit/ir/type.hpp"

namespace tjit::frontend {

struct CodePrinterOptions {
  // The schema a node calls (for keyword-only arguments and trailing defaults); null when
  // unknown. Unset: runtime::OperatorRegistry::instance().match(node).
  std::function<const ir::FunctionSchema*(const ir::Node*)> schema_lookup;
  // The qualified name of a function a `Function` constant names (`prim::Constant[name="f"]`).
  // Unset: "__torch__." + name.
  std::function<std::string(const std::string&)> function_name;
  // A constant table shared by several printers (an archive's files share one constants.pkl);
  // null: the printer keeps its own. Must outlive the printer.
  std::vector<ir::Literal>* constant_table = nullptr;
};

// One method of a class to print: its name, graph and (optional) schema. Without a schema the
// parameters are named after the graph's inputs and have no defaults.
struct MethodCode {
  std::string name;
  const ir::Graph* graph = nullptr;
  const ir::FunctionSchema* schema = nullptr;
};

class CodePrinter {
 public:
  explicit CodePrinter(CodePrinterOptions options = {});
  ~CodePrinter();
  CodePrinter(CodePrinter&&) noexcept;
  CodePrinter& operator=(CodePrinter&&) noexcept;

  // `def name(x: T, ...) -> R:` and the body. With print_first_argument_type false, the first
  // parameter is printed without its type (what `module.method.code` shows).
  void print_function(const ir::Graph& graph, std::string_view name,
                      const ir::FunctionSchema* schema = nullptr,
                      bool print_first_argument_type = true);
  // A class as torch.jit.save writes it: `class Foo(Module):`, `__parameters__`, `__buffers__`,
  // attribute declarations, `Final` constants, then the methods.
  void print_class(const ir::TypePtr& class_type, const std::vector<MethodCode>& methods);
  // `class P(NamedTuple):` with its fields; `class E(Enum):` with its members.
  void print_named_type(const ir::TypePtr& type);

  // Everything printed so far.
  std::string str() const;
  // The constant table: element N is what `CONSTANTS.cN` denotes (tensors and non-ASCII
  // strings), shared by everything this printer printed — an archive's constants.pkl.
  const std::vector<ir::Literal>& constants() const;
  // Classes, named tuples, enums and functions the printed code refers to, in first-use order.
  const std::vector<ir::TypePtr>& dependencies() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What `scripted_fn.code` shows for a function with this graph.
std::string print_function_code(const ir::Graph& graph, std::string_view name,
                                const ir::FunctionSchema* schema = nullptr,
                                const CodePrinterOptions& options = {});

// What `module.method.code` shows (no type on `self`).
std::string print_method_code(const ir::Graph& graph, std::string_view name,
                              const ir::FunctionSchema* schema = nullptr,
                              const CodePrinterOptions& options = {});

}  // namespace tjit::frontend

#ifdef TJIT_HEADER_ONLY
#include "tjit/frontend/detail/code_printer_impl.hpp"
#endif
