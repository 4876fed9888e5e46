// Definitions of tjit/frontend/code_printer.hpp (see tjit/core/config.hpp for how they are
// compiled).
//
// Note [How PythonPrint prints]
// The printer follows PyTorch 1.13's torch/csrc/jit/serialization/python_print.cpp step for step,
// because its output is only reproducible that way:
// - Inlining. A right-to-left, pre-order walk of each node's inputs runs alongside a backward walk
//   of the block's nodes (constants skipped): while the producer of the next input is the node
//   just before, has one output used once, no blocks, no debug name (unless it feeds a return),
//   is no isinstance and feeds no fork or loop-carried slot, it is printed inline into its use.
//   Constants are always inlined.
// - Long lines. An inlined expression of 40 characters or more (counting 2 per indent level)
//   is taken out into `_N = ...` statements together with every inlined input printed before it
//   in the same statement, so evaluation order is kept ([reordering of inlines]).
// - Names. A value that needs a variable gets its debug name without the `.N` suffix (made a
//   valid identifier), or `_`; a name already used in the function, or reserved, gets the
//   counter of that candidate appended (`_0`, `_1`, `x0`). Counters live as long as the printer
//   (a class's methods continue them); used names reset per function.
// - Calls. Trailing arguments equal to the schema's defaults are dropped; keyword-only arguments
//   print as `name=value`; out arguments at the end print as keywords.
#pragma once

#include <cctype>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/frontend/code_printer.hpp"
#include "tjit/ir/detail/text.hpp"
#include "tjit/runtime/operator.hpp"

namespace tjit::frontend {

namespace detail {

inline bool is_valid_identifier(const std::string& name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = std::islower(static_cast<unsigned char>(c)) ||
              std::isupper(static_cast<unsigned char>(c)) || c == '_' ||
              (i > 0 && std::isdigit(static_cast<unsigned char>(c)));
    if (!ok) return false;
  }
  return true;
}

inline const std::unordered_set<std::string>& reserved_names() {
  static const std::unordered_set<std::string> names = {
      "_",        "as",       "aten",   "attribute", "CONSTANTS", "fork",    "getattr",
      "inf",      "nan",      "infj",   "nanj",      "ops",       "__torch__", "and",
      "assert",   "async",    "await",  "break",     "class",     "continue", "def",
      "del",      "elif",     "else",   "except",    "False",     "finally", "for",
      "from",     "global",   "if",     "import",    "in",        "is",      "lambda",
      "None",     "nonlocal", "not",    "or",        "pass",      "raise",   "return",
      "True",     "try",      "with",   "while",     "yield",     "uninitialized",
      "unchecked_cast"};
  return names;
}

inline std::string make_valid_identifier(const std::string& candidate) {
  std::string s;
  if (candidate.empty() || std::isdigit(static_cast<unsigned char>(candidate[0]))) s += '_';
  for (char c : candidate) {
    bool ok = std::isupper(static_cast<unsigned char>(c)) ||
              std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    s += ok ? c : '_';
  }
  return s;
}

// PyTorch's elementTypeCanBeInferredFromMembers.
inline bool element_type_inferable(const ir::TypePtr& t) {
  switch (t->kind()) {
    case ir::TypeKind::UnionType:
    case ir::TypeKind::OptionalType:
    case ir::TypeKind::NumberType:
    case ir::TypeKind::InterfaceType:
    case ir::TypeKind::AnyType:
      return false;
    default:
      return true;
  }
}

// The type of a literal value (for `Final[T]` declarations).
inline ir::TypePtr literal_type(const ir::Literal& v) {
  using Tag = ir::Literal::Tag;
  switch (v.tag()) {
    case Tag::None: return ir::Type::None();
    case Tag::Bool: return ir::Type::Bool();
    case Tag::Int: return ir::Type::Int();
    case Tag::Double: return ir::Type::Float();
    case Tag::Complex: return ir::Type::Complex();
    case Tag::String: return ir::Type::Str();
    case Tag::Device: return ir::Type::Device();
    case Tag::Tensor: return ir::Type::Tensor();
    case Tag::List:
      return ir::Type::List(v.to_list().empty() ? ir::Type::Any()
                                                : literal_type(v.to_list()[0]));
    case Tag::Tuple: {
      std::vector<ir::TypePtr> elems;
      for (auto& e : v.to_tuple()) elems.push_back(literal_type(e));
      return ir::Type::Tuple(std::move(elems));
    }
  }
  return ir::Type::Any();
}

inline bool contains_non_ascii(const ir::Literal& v) {
  if (v.is_string()) {
    for (char c : v.to_string())
      if (static_cast<unsigned char>(c) > 0x7f) return true;
    return false;
  }
  if (v.is_list())
    for (auto& e : v.to_list())
      if (contains_non_ascii(e)) return true;
  if (v.is_tuple())
    for (auto& e : v.to_tuple())
      if (contains_non_ascii(e)) return true;
  return false;
}

}  // namespace detail

struct CodePrinter::Impl {
  using Value = ir::Value;
  using Node = ir::Node;
  using Block = ir::Block;

  CodePrinterOptions options;
  std::string body;
  std::size_t level = 0;
  std::vector<ir::Literal> own_constants;
  // The table CONSTANTS.cN index: this printer's own, or CodePrinterOptions::constant_table.
  std::vector<ir::Literal>& constant_table;
  std::vector<ir::TypePtr> deps;

  std::unordered_set<const Node*> output_inline;
  std::unordered_map<const Node*, std::int64_t> visited_split_inline_uses;
  std::unordered_set<std::string> used_names;
  std::unordered_map<std::string, std::size_t> next_id;
  std::unordered_set<const Node*> seen_constants;
  std::unordered_map<const Value*, std::string> expr_table;
  std::unordered_map<const Value*, std::string> ident_refs;

  explicit Impl(CodePrinterOptions o)
      : options(std::move(o)),
        constant_table(options.constant_table ? *options.constant_table : own_constants) {}

  static const std::string& kind(const Node* n) { return n->kind().toQualString(); }

  const ir::FunctionSchema* schema_of(const Node* n) const {
    if (options.schema_lookup) return options.schema_lookup(n);
    const runtime::Operator* op = runtime::OperatorRegistry::instance().match(n);
    return op ? &op->schema() : nullptr;
  }

  // ---- dependencies ---------------------------------------------------------------------------
  void add_dep(const ir::TypePtr& t) {
    for (auto& d : deps)
      if (d == t || (d->kind() == t->kind() && d->name() == t->name())) return;
    deps.push_back(t);
  }
  void register_class_dependencies(const ir::TypePtr& t) {
    switch (t->kind()) {
      case ir::TypeKind::ClassType:
      case ir::TypeKind::InterfaceType:
      case ir::TypeKind::EnumType:
        add_dep(t);
        break;
      case ir::TypeKind::TupleType:
        if (t->isNamedTuple() && !t->name().empty()) add_dep(t);
        break;
      default:
        break;
    }
    for (auto& c : t->containedTypes()) register_class_dependencies(c);
  }
  void scan_type_dependencies(const Node* n) {
    for (Value* v : n->inputs()) register_class_dependencies(v->type());
    for (Value* v : n->outputs()) register_class_dependencies(v->type());
    for (ir::Symbol a : n->attributeNames()) {
      if (n->kindOf(a) == ir::AttributeKind::ty) register_class_dependencies(n->ty(a));
      if (n->kindOf(a) == ir::AttributeKind::tys)
        for (auto& t : n->tys(a)) register_class_dependencies(t);
    }
  }

  // ---- inlining (Note [How PythonPrint prints]) ---------------------------------------------
  bool can_inline(const Value* v) const {
    const Node* n = v->node();
    if (n->outputs().size() != 1) return false;
    if (v->uses().size() != 1) return false;
    const ir::Use& use = v->uses()[0];
    if (v->hasDebugName() && use.user->kind() != ir::prim::Return) return false;
    if (!n->blocks().empty()) return false;
    if (use.user->kind() == ir::prim::Loop && use.offset >= 2) return false;
    const std::string& uk = kind(use.user);
    if (uk == "prim::fork" || uk == "prim::rpc_async" || uk == "prim::rpc_sync" ||
        uk == "prim::rpc_remote")
      return false;
    if (n->kind() == ir::prim::isinstance) return false;
    return true;
  }
  const Node* scan_value(const Node* block_point, const Value* v) {
    const Node* n = v->node();
    if (n == block_point && can_inline(v)) {
      block_point = scan_node(block_point);
      output_inline.insert(n);
    } else if (n->kind() == ir::prim::Constant) {
      output_inline.insert(n);
    }
    return block_point;
  }
  static const Node* previous_non_constant(const Node* n) {
    do {
      n = n->prev();
    } while (n && n->kind() == ir::prim::Constant);
    return n;
  }
  const Node* scan_node(const Node* n) {
    if (output_inline.count(n)) return n;
    for (const Block* b : n->blocks()) scan_block(b);
    const Node* block_point = previous_non_constant(n);
    for (auto it = n->inputs().rbegin(); it != n->inputs().rend(); ++it)
      block_point = scan_value(block_point, *it);
    return block_point;
  }
  void scan_block(const Block* b) {
    scan_node(b->return_node());
    for (Node* n : b->nodes().reverse()) scan_node(n);
  }

  void build_constant_list(const Node* n, std::vector<const Node*>& out) {
    for (Value* in : n->inputs()) {
      const Node* p = in->node();
      if (p->kind() == ir::prim::Constant && !seen_constants.count(p)) {
        out.push_back(p);
        seen_constants.insert(p);
      }
    }
    for (const Block* b : n->blocks()) build_constant_list(b, out);
  }
  void build_constant_list(const Block* b, std::vector<const Node*>& out) {
    for (Node* n : b->nodes()) build_constant_list(n, out);
    build_constant_list(b->return_node(), out);
  }

  // ---- names ----------------------------------------------------------------------------------
  std::string gen_name(const std::string& candidate) {
    std::string name = candidate;
    while (used_names.count(name) || detail::reserved_names().count(name))
      name = candidate + std::to_string(next_id[name]++);
    used_names.insert(name);
    return name;
  }
  std::string gen_unique_name_for(const Value* v) {
    return gen_name(v->hasDebugName() ? detail::make_valid_identifier(v->debugNameBase()) : "_");
  }
  std::string use_of(const Value* v) const {
    auto it = ident_refs.find(v);
    if (it != ident_refs.end()) return it->second;
    auto e = expr_table.find(v);
    TJIT_CHECK(e != expr_table.end(), "code printer: value %", v->debugName(),
               " was used before it was printed");
    return e->second;
  }
  void assign_ident(const Value* v, std::string s) { ident_refs[v] = std::move(s); }
  void assign_expr(const Value* v, std::string s) { expr_table[v] = std::move(s); }
  void assign_same(const Value* v, const Value* w) { assign_expr(v, use_of(w)); }
  void assign_unique_names(const std::vector<Value*>& values) {
    for (Value* v : values) assign_ident(v, gen_unique_name_for(v));
  }

  void indent() {
    for (std::size_t i = 0; i < level; ++i) body += "  ";
  }

  std::string value_list(const std::vector<Value*>& list, std::size_t from = 0,
                         const char* begin = "", const char* end = "") const {
    std::string s = begin;
    for (std::size_t i = from; i < list.size(); ++i) {
      if (i > from) s += ", ";
      s += use_of(list[i]);
    }
    s += end;
    return s;
  }

  void print_assignment(const std::vector<Value*>& lhs, std::size_t lhs_from,
                        const std::vector<Value*>& rhs, std::size_t rhs_from) {
    if (lhs.size() <= lhs_from) return;
    indent();
    body += value_list(lhs, lhs_from) + " = " + value_list(rhs, rhs_from) + "\n";
  }

  // ---- constants ------------------------------------------------------------------------------
  std::size_t get_or_add_constant(const ir::Literal& v) {
    if (v.is_tensor()) {
      for (std::size_t i = 0; i < constant_table.size(); ++i)
        if (constant_table[i].is_tensor() && constant_table[i].to_tensor() == v.to_tensor())
          return i;
    }
    constant_table.push_back(v);
    return constant_table.size() - 1;
  }

  // IValue::repr with PythonPrint's formatter: tensors and non-ASCII strings go to the constant
  // table; `type` (may be null) is the value's static type, needed for empty lists.
  void print_constant(std::ostream& out, const ir::Literal& v, const ir::TypePtr& type) {
    using Tag = ir::Literal::Tag;
    if (v.is_tensor() || detail::contains_non_ascii(v)) {
      out << "CONSTANTS.c" << get_or_add_constant(v);
      return;
    }
    switch (v.tag()) {
      case Tag::Device:
        out << "torch.device(";
        ir::detail::print_quoted_string(out, v.to_device());
        out << ")";
        return;
      case Tag::List: {
        ir::TypePtr list_type = type && type->kind() == ir::TypeKind::ListType
                                    ? type
                                    : detail::literal_type(v);
        ir::TypePtr elem = list_type->getElementType();
        bool annotate = v.to_list().empty() || !detail::element_type_inferable(elem);
        if (annotate) out << "annotate(" << list_type->annotation_str() << ", ";
        out << "[";
        for (std::size_t i = 0; i < v.to_list().size(); ++i) {
          if (i > 0) out << ", ";
          print_constant(out, v.to_list()[i], elem);
        }
        out << "]";
        if (annotate) out << ")";
        return;
      }
      case Tag::Tuple: {
        const auto& items = v.to_tuple();
        bool typed = type && type->kind() == ir::TypeKind::TupleType &&
                     type->elements().size() == items.size();
        if (typed && type->isNamedTuple() && !type->name().empty())
          out << type->annotation_str();
        out << "(";
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (i > 0) out << ", ";
          print_constant(out, items[i], typed ? type->elements()[i] : nullptr);
        }
        out << (items.size() == 1 ? ",)" : ")");
        return;
      }
      default:
        v.repr(out);
    }
  }
  std::string constant_str(const ir::Literal& v, const ir::TypePtr& type) {
    std::ostringstream s;
    print_constant(s, v, type);
    return std::move(s).str();
  }

  // ---- long lines -----------------------------------------------------------------------------
  bool is_long_line(const std::string& s) const { return s.size() + level * 2 >= 40; }
  bool is_non_constant_inline(const Value* v) const {
    return v->node()->kind() != ir::prim::Constant && output_inline.count(v->node());
  }
  void split_long_inlines(const Value* v) {
    std::vector<const Value*> to_split_reversed;
    const ir::Use& u = v->uses().at(0);
    scan_long_inlines(u.user, static_cast<std::int64_t>(u.offset), to_split_reversed);
    for (auto it = to_split_reversed.rbegin(); it != to_split_reversed.rend(); ++it)
      print_output_definition((*it)->node(), use_of(*it));
  }
  void scan_long_inlines(const Node* user, std::int64_t offset,
                         std::vector<const Value*>& to_split_reversed) {
    auto it = visited_split_inline_uses.find(user);
    bool present = it != visited_split_inline_uses.end();
    std::int64_t stop = present ? it->second + 1 : 0;
    for (std::int64_t i = offset; i >= stop; --i) {
      const Value* prev_arg = user->inputs()[static_cast<std::size_t>(i)];
      if (is_non_constant_inline(prev_arg)) to_split_reversed.push_back(prev_arg);
    }
    visited_split_inline_uses[user] = offset;
    if (!present && output_inline.count(user)) {
      const ir::Use& u = user->output()->uses().at(0);
      scan_long_inlines(u.user, static_cast<std::int64_t>(u.offset) - 1, to_split_reversed);
    }
  }

  void print_output_definition(const Node* node, const std::string& expr) {
    assign_unique_names(node->outputs());
    indent();
    if (!node->outputs().empty()) body += value_list(node->outputs()) + " = ";
    body += expr + "\n";
  }

  // ---- statements -----------------------------------------------------------------------------
  void print_if(const Node* n) {
    assign_unique_names(n->outputs());
    indent();
    body += "if " + use_of(n->input(0)) + ":\n";
    const Block* then_b = n->blocks()[0];
    const Block* else_b = n->blocks()[1];
    ++level;
    print_block(then_b, !n->outputs().empty());
    print_assignment(n->outputs(), 0, then_b->outputs(), 0);
    --level;
    indent();
    body += "else:\n";
    ++level;
    print_block(else_b, !n->outputs().empty());
    print_assignment(n->outputs(), 0, else_b->outputs(), 0);
    --level;
  }

  static std::optional<ir::Literal> constant_of(const Value* v) {
    const Node* n = v->node();
    if (n->kind() != ir::prim::Constant) return std::nullopt;
    if (v->type()->kind() == ir::TypeKind::FunctionType) return std::nullopt;
    return n->constantValue();
  }

  void print_loop(const Node* n) {
    const Block* body_b = n->blocks()[0];
    const Value* max_trip = n->input(0);
    const Value* input_cond = n->input(1);
    const Value* trip_count = body_b->inputs()[0];
    const Value* next_cond = body_b->outputs()[0];
    auto trip = constant_of(max_trip);
    auto cond_in = constant_of(input_cond);
    auto cond_next = constant_of(next_cond);
    auto is_true = [](const std::optional<ir::Literal>& l) {
      return l && l->is_bool() && l->to_bool();
    };
    bool always_true = is_true(cond_in) && is_true(cond_next);
    bool trip_specified = !trip || !trip->is_int() ||
                          trip->to_int() != std::numeric_limits<std::int64_t>::max() ||
                          trip_count->hasUses();
    bool for_loop;
    if (always_true) {
      for_loop = trip_specified;
    } else {
      TJIT_CHECK(!trip_specified,
                 "loop cannot be printed as python because it has gone through an "
                 "optimization that combined while and for loops. File a bug");
      for_loop = false;
    }

    std::vector<Value*> carried_outputs = n->outputs();
    assign_unique_names(carried_outputs);
    for (std::size_t i = 0; i < carried_outputs.size(); ++i)
      assign_same(body_b->inputs()[i + 1], carried_outputs[i]);
    // initial values, annotated where the types differ
    for (std::size_t i = 0; i < carried_outputs.size(); ++i) {
      indent();
      body += use_of(carried_outputs[i]);
      const Value* rhs = n->input(i + 2);
      if (*carried_outputs[i]->type() != *rhs->type())
        body += ": " + carried_outputs[i]->type()->annotation_str();
      body += " = " + use_of(rhs) + "\n";
    }
    assign_ident(trip_count, gen_unique_name_for(trip_count));
    if (for_loop) {
      indent();
      body += "for " + use_of(trip_count) + " in range(" + use_of(max_trip) + "):\n";
    } else {
      indent();
      body += use_of(trip_count) + " = " + use_of(input_cond) + "\n";
      indent();
      body += "while " + use_of(trip_count) + ":\n";
    }
    ++level;
    std::size_t offset = for_loop ? 1 : 0;
    print_block(body_b, body_b->inputs().size() > offset);
    print_assignment(body_b->inputs(), offset, body_b->outputs(), offset);
    --level;
  }

  void print_block(const Block* b, bool has_other_statements) {
    if (!has_other_statements && b->nodes().empty()) {
      indent();
      body += "pass\n";
    }
    for (Node* n : b->nodes()) print_node(n, false);
  }

  void print_node(const Node* node, bool print_const) {
    scan_type_dependencies(node);
    if (!print_const && node->kind() == ir::prim::Constant) return;
    const std::string& k = kind(node);
    if (k == "prim::Return") {
      if (!node->inputs().empty()) {
        indent();
        body += "return " + value_list(node->inputs()) + "\n";
      }
    } else if (k == "prim::Loop") {
      print_loop(node);
    } else if (k == "prim::If") {
      print_if(node);
    } else if (k == "prim::TupleUnpack" || k == "prim::ListUnpack") {
      assign_unique_names(node->outputs());
      indent();
      if (!node->outputs().empty()) body += value_list(node->outputs(), 0, "", ", = ");
      body += use_of(node->input()) + "\n";
    } else if (k == "prim::SetAttr") {
      indent();
      body += use_of(node->input(0)) + "." + node->s(ir::Symbol::attr("name")) + " = " +
              use_of(node->input(1)) + "\n";
    } else if (k == "prim::fork") {
      std::string name = gen_name("__forked_function");
      const ir::GraphPtr& g = node->g(ir::Symbol::attr("Subgraph"));
      indent();
      body += "def " + name + "():\n";
      for (std::size_t i = 0; i < node->inputs().size(); ++i)
        assign_same(g->inputs().at(i), node->inputs()[i]);
      print_body(g->block());
      print_output_definition(node, "fork(" + name + ")");
    } else if (k == "prim::Enter") {
      const Value* in = node->input(0);
      const Value* out = node->output(0);
      indent();
      body += "with " + use_of(in);
      if (out->hasUses()) {
        assign_ident(out, gen_unique_name_for(out));
        body += " as " + use_of(out);
      }
      body += ":\n";
      ++level;
    } else if (k == "prim::Exit") {
      if (node->prev() && node->prev()->kind() == ir::prim::Enter) {
        indent();
        body += "pass\n";
      }
      --level;
    } else if (k == "prim::Closure") {
      assign_unique_names(node->outputs());
      std::string name = use_of(node->output());
      const ir::GraphPtr& g = node->g(ir::Symbol::attr("Subgraph"));
      indent();
      body += "def " + name + "(";
      assign_unique_names(g->inputs());
      for (std::size_t i = 0; i < g->inputs().size(); ++i) {
        if (i > 0) body += ", ";
        body += use_of(g->inputs()[i]) + ": " + g->inputs()[i]->type()->annotation_str();
      }
      body += "):\n";
      print_body(g->block());
    } else {
      std::string rhs = print_rhs(node);
      if (!output_inline.count(node) ||
          (node->kind() == ir::prim::Constant && is_long_line(rhs))) {
        print_output_definition(node, rhs);
      } else {
        assign_expr(node->output(), rhs);
        if (is_long_line(rhs)) split_long_inlines(node->output());
      }
    }
  }

  std::string op_name(const Node* node) const {
    const std::string& k = kind(node);
    if (k == "aten::backward") return "torch.autograd.backward";
    if (k == "aten::grad") return "torch.autograd.grad";
    if (node->kind().is_aten()) return "torch." + node->kind().toUnqualString();
    return "ops." + node->kind().ns() + "." + node->kind().toUnqualString();
  }

  // PyTorch's CalculateNecessaryArgs (with trailing out arguments): how many leading arguments
  // to print, and how many out arguments follow them.
  static std::pair<std::size_t, std::size_t> necessary_args(const ir::FunctionSchema& schema,
                                                            const Node* node) {
    const auto& args = schema.arguments();
    const auto& inputs = node->inputs();
    if (args.empty()) return {0, 0};
    std::int64_t idx = static_cast<std::int64_t>(args.size()) - 1;
    while (idx >= 0 && args[static_cast<std::size_t>(idx)].is_out()) --idx;
    std::size_t num_out = args.size() - static_cast<std::size_t>(idx + 1);
    if (args.size() < inputs.size()) return {inputs.size(), num_out};
    for (; idx >= 0; --idx) {
      const auto& arg = args[static_cast<std::size_t>(idx)];
      if (!arg.default_value()) return {static_cast<std::size_t>(idx + 1), num_out};
      if (static_cast<std::size_t>(idx) >= inputs.size())
        return {static_cast<std::size_t>(idx + 1), num_out};
      auto actual = constant_of(inputs[static_cast<std::size_t>(idx)]);
      if (!actual) return {static_cast<std::size_t>(idx + 1), num_out};
      ir::Literal def = *arg.default_value();
      // `int[2] stride=1` means [1, 1]
      if (arg.real_type()->kind() == ir::TypeKind::ListType && arg.N() &&
          (def.is_int() || def.is_double() || def.is_bool()))
        def = ir::Literal::list(std::vector<ir::Literal>(static_cast<std::size_t>(*arg.N()), def));
      if (!(def == *actual)) return {static_cast<std::size_t>(idx + 1), num_out};
    }
    return {0, num_out};
  }

  std::string print_rhs(const Node* node) {
    const std::string& k = kind(node);
    auto call = [&](const char* begin) { return value_list(node->inputs(), 0, begin, ")"); };
    if (k == "prim::Uninitialized")
      return "uninitialized(" + node->output()->type()->annotation_str() + ")";
    if (k == "prim::Constant") {
      if (node->outputs().size() == 1 &&
          node->output()->type()->kind() == ir::TypeKind::FunctionType) {
        const ir::TypePtr& ft = node->output()->type();
        // A function the emitter compiled carries its qualified name in its type: print that,
        // and record the function as a dependency (PythonPrint's deps_table_.add(fn)).
        if (ft->name().find('.') != std::string::npos) {
          add_dep(ft);
          return ft->name();
        }
        std::string name = node->hasAttribute(ir::Symbol::attr("name"))
                               ? node->s(ir::Symbol::attr("name"))
                               : ft->name();
        return options.function_name ? options.function_name(name) : "__torch__." + name;
      }
      auto v = node->constantValue();
      if (!v || v->is_none()) return "None";
      return constant_str(*v, node->output()->type());
    }
    if (k == "aten::ScalarImplicit" || k == "aten::FloatImplicit" || k == "aten::IntImplicit")
      return "annotate(" + node->output()->type()->annotation_str() + ", " +
             use_of(node->input()) + ")";
    if (k == "aten::Int") return call("int(");
    if (k == "aten::Float") return call("float(");
    if (k == "aten::Bool") return call("bool(");
    if (k == "aten::str") return call("str(");
    if (k == "prim::Print") return call("print(");
    if (k == "aten::sorted") return call("sorted(");
    if (k == "aten::__getitem__") {
      std::string val = use_of(node->input(0));
      std::string s = detail::is_valid_identifier(val) ? val : "(" + val + ")";
      return s + "[" + use_of(node->input(1)) + "]";
    }
    if (k == "prim::TupleConstruct") {
      std::string s;
      const auto& t = node->output()->type();
      if (t->isNamedTuple() && !t->name().empty()) s = t->annotation_str();
      return s + value_list(node->inputs(), 0, "(", node->inputs().size() == 1 ? ",)" : ")");
    }
    if (k == "prim::TupleIndex")
      return "(" + use_of(node->input(0)) + ")[" + use_of(node->input(1)) + "]";
    if (k == "prim::TupleSlice")
      return "(" + use_of(node->input()) + ")[" +
             std::to_string(node->i(ir::Symbol::attr("beg"))) + ":" +
             std::to_string(node->i(ir::Symbol::attr("end"))) + "]";
    if (k == "prim::ListConstruct") {
      const auto& t = node->output()->type();
      if (node->inputs().empty()) return "annotate(" + t->annotation_str() + ", [])";
      if (!detail::element_type_inferable(t->getElementType()))
        return "annotate(" + t->annotation_str() + ", " + value_list(node->inputs(), 0, "[", "]") +
               ")";
      return value_list(node->inputs(), 0, "[", "]");
    }
    if (k == "prim::DictConstruct") {
      const auto& t = node->output()->type();
      std::string d = "{";
      for (std::size_t i = 0; i + 1 < node->inputs().size(); i += 2) {
        if (i > 0) d += ", ";
        d += use_of(node->inputs()[i]) + ": " + use_of(node->inputs()[i + 1]);
      }
      d += "}";
      if (node->inputs().empty() || !detail::element_type_inferable(t->getKeyType()) ||
          !detail::element_type_inferable(t->getValueType()))
        return "annotate(" + t->annotation_str() + ", " + d + ")";
      return d;
    }
    if (k == "prim::CreateObject") {
      std::string c = node->output()->type()->annotation_str();
      return c + ".__new__(" + c + ")";
    }
    if (k == "prim::GetAttr") {
      const std::string& field = node->s(ir::Symbol::attr("name"));
      if (detail::is_valid_identifier(field)) return use_of(node->input(0)) + "." + field;
      return "getattr(" + use_of(node->input(0)) + ", " + ir::detail::quoted(field) + ")";
    }
    if (k == "prim::CallFunction") {
      std::string s = use_of(node->input(0)) + "(";
      for (std::size_t i = 1; i < node->inputs().size(); ++i)
        s += use_of(node->inputs()[i]) + ", ";
      return s + ")";
    }
    if (k == "prim::CallMethod") {
      std::string s = "(" + use_of(node->input(0)) + ")." + node->s(ir::Symbol::attr("name")) + "(";
      for (std::size_t i = 1; i < node->inputs().size(); ++i)
        s += use_of(node->inputs()[i]) + ", ";
      register_class_dependencies(node->input(0)->type());
      return s + ")";
    }
    if (k == "aten::_unwrap_optional") {
      const Value* in = node->input();
      bool none = in->type()->kind() == ir::TypeKind::NoneType;
      std::string arg = none ? "annotate(" +
                                   ir::Type::Optional(node->output()->type())->annotation_str() +
                                   ", " + use_of(in) + ")"
                             : use_of(in);
      return op_name(node) + "(" + arg + ")";
    }
    if (k == "prim::unchecked_unwrap_optional" || k == "prim::unchecked_cast")
      return "unchecked_cast(" + node->output()->type()->annotation_str() + ", " +
             use_of(node->input()) + ")";
    if (k == "prim::isinstance") {
      std::string s = "isinstance(" + use_of(node->input()) + ", ";
      const auto& types = node->tys(ir::Symbol::attr("types"));
      if (types.size() == 1) {
        s += types[0]->annotation_str();
      } else {
        s += "(";
        for (std::size_t i = 0; i < types.size(); ++i) {
          if (i > 0) s += ", ";
          s += types[i]->annotation_str();
        }
        s += ")";
      }
      return s + ")";
    }
    if (k == "prim::tolist")
      return "annotate(" + node->output()->type()->annotation_str() + ", " +
             use_of(node->input(0)) + ".tolist())";
    if (k == "prim::EnumValue") return "(" + use_of(node->input()) + ").value";
    if (k == "prim::EnumName") return "(" + use_of(node->input()) + ").name";

    // an operator call
    std::string s = op_name(node) + "(";
    const ir::FunctionSchema* schema = schema_of(node);
    if (!schema) return s + value_list(node->inputs()) + ")";
    const auto& args = schema->arguments();
    auto [num_necessary, num_out] = necessary_args(*schema, node);
    for (std::size_t i = 0; i < num_necessary; ++i) {
      if (i > 0) s += ", ";
      if (i < args.size() && args[i].kwarg_only()) s += args[i].name() + "=";
      s += use_of(node->inputs()[i]);
    }
    for (std::size_t i = args.size() - num_out; i < args.size(); ++i) {
      s += ", ";
      std::size_t input_idx = node->inputs().size() - (args.size() - i);
      if (input_idx < node->inputs().size())
        s += args[i].name() + "=" + use_of(node->inputs()[input_idx]);
    }
    return s + ")";
  }

  void print_body(const Block* b) {
    std::vector<const Node*> constants;
    build_constant_list(b, constants);
    scan_block(b);
    ++level;
    for (const Node* n : constants) print_node(n, true);
    print_block(b, !b->outputs().empty());
    print_node(b->return_node(), false);
    --level;
  }

  void print_default_value(const ir::Argument& arg, const ir::Literal& value) {
    body += "=";
    const ir::TypePtr& t = arg.real_type();
    if (t->kind() == ir::TypeKind::ListType && (value.is_int() || value.is_double() ||
                                                 value.is_bool())) {
      std::size_t n = arg.N() ? static_cast<std::size_t>(*arg.N()) : 1;
      body += constant_str(ir::Literal::list(std::vector<ir::Literal>(n, value)), t);
    } else {
      body += constant_str(value, t);
    }
  }

  void print_function(const ir::Graph& graph, std::string_view name,
                      const ir::FunctionSchema* schema, bool print_first_argument_type) {
    used_names.clear();
    indent();
    body += "def " + std::string(name) + "(";
    const auto& inputs = graph.inputs();
    ir::TypePtr return_type;
    if (schema) {
      TJIT_CHECK(schema->arguments().size() == inputs.size(), "code printer: the schema of ",
                 name, " has ", schema->arguments().size(), " arguments but its graph ",
                 inputs.size(), " inputs");
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        const ir::Argument& arg = schema->arguments()[i];
        register_class_dependencies(arg.real_type());
        std::string arg_name = gen_name(arg.name().empty() ? "_" : arg.name());
        if (i == 0) {
          body += arg_name;
          if (print_first_argument_type) body += ": " + arg.real_type()->annotation_str();
        } else {
          body += ",\n    " + arg_name + ": " + arg.real_type()->annotation_str();
        }
        if (arg.default_value()) print_default_value(arg, *arg.default_value());
        assign_ident(inputs[i], arg_name);
      }
      return_type = schema->returns().at(0).real_type();
    } else {
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        Value* in = inputs[i];
        register_class_dependencies(in->type());
        std::string arg_name = gen_name(
            in->hasDebugName() ? detail::make_valid_identifier(in->debugNameBase()) : "_");
        if (i == 0) {
          body += arg_name;
          if (print_first_argument_type) body += ": " + in->type()->annotation_str();
        } else {
          body += ",\n    " + arg_name + ": " + in->type()->annotation_str();
        }
        assign_ident(in, arg_name);
      }
      if (graph.outputs().size() == 1) {
        return_type = graph.outputs()[0]->type();
      } else {
        std::vector<ir::TypePtr> ts;
        for (Value* v : graph.outputs()) ts.push_back(v->type());
        return_type = ir::Type::Tuple(std::move(ts));
      }
    }
    body += ") -> " + return_type->annotation_str() + ":\n";
    register_class_dependencies(return_type);
    print_body(graph.block());
  }

  void print_class(const ir::TypePtr& t, const std::vector<MethodCode>& methods) {
    TJIT_CHECK(t && t->kind() == ir::TypeKind::ClassType && t->classInfo(),
               "print_class needs a class type with its ClassInfo");
    const ir::ClassInfo& info = *t->classInfo();
    std::string qual = t->name();
    std::string short_name = qual.substr(qual.find_last_of('.') + 1);
    body += "class " + short_name;
    if (info.is_module) body += "(Module)";
    body += ":\n";
    ++level;
    if (info.is_module) {
      indent();
      body += "__parameters__ = [";
      for (auto& a : info.attributes)
        if (a.is_parameter) body += "\"" + a.name + "\", ";
      body += "]\n";
      indent();
      body += "__buffers__ = [";
      for (auto& a : info.attributes)
        if (a.is_buffer) body += "\"" + a.name + "\", ";
      body += "]\n";
    }
    for (std::size_t i = 0; i < info.attributes.size(); ++i) {
      const auto& a = info.attributes[i];
      register_class_dependencies(a.type);
      indent();
      if (!detail::is_valid_identifier(a.name)) {
        if (i == 0) {
          body += "__annotations__ = []\n";
          indent();
        }
        body += "__annotations__[\"" + a.name + "\"] = " + a.type->annotation_str() + "\n";
      } else {
        body += a.name + " : " + a.type->annotation_str() + "\n";
      }
    }
    for (const auto& [cname, value] : info.constants) {
      indent();
      ir::TypePtr ct = detail::literal_type(value);
      body += cname + " : Final[" + ct->annotation_str() + "] = " + constant_str(value, ct) +
              "\n";
    }
    for (const MethodCode& m : methods) {
      TJIT_CHECK(m.graph, "print_class: method ", m.name, " has no graph");
      print_function(*m.graph, m.name, m.schema, true);
    }
    --level;
  }

  void print_named_type(const ir::TypePtr& t) {
    std::string qual = t->name();
    std::string short_name = qual.substr(qual.find_last_of('.') + 1);
    if (t->isNamedTuple()) {
      body += "class " + short_name + "(NamedTuple):\n";
      for (std::size_t i = 0; i < t->elements().size(); ++i)
        body += "  " + t->fieldNames()[i] + " : " + t->elements()[i]->annotation_str() + "\n";
    } else if (t->kind() == ir::TypeKind::EnumType) {
      body += "class " + short_name + "(Enum):\n";
      bool quote = t->classInfo()->enum_value_type &&
                   t->classInfo()->enum_value_type->kind() == ir::TypeKind::StringType;
      for (const auto& [n, v] : t->classInfo()->constants) {
        body += "  " + n + " = ";
        if (v.is_string()) {
          body += (quote ? "\"" : "") + v.to_string() + (quote ? "\"" : "");
        } else {
          body += v.repr();
        }
        body += "\n";
      }
    } else {
      TJIT_CHECK(false, "print_named_type: ", t->str(), " is no NamedTuple or Enum");
    }
  }
};

TJIT_DEF CodePrinter::CodePrinter(CodePrinterOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
TJIT_DEF CodePrinter::~CodePrinter() = default;
TJIT_DEF CodePrinter::CodePrinter(CodePrinter&&) noexcept = default;
TJIT_DEF CodePrinter& CodePrinter::operator=(CodePrinter&&) noexcept = default;

TJIT_DEF void CodePrinter::print_function(const ir::Graph& graph, std::string_view name,
                                          const ir::FunctionSchema* schema,
                                          bool print_first_argument_type) {
  impl_->print_function(graph, name, schema, print_first_argument_type);
}
TJIT_DEF void CodePrinter::print_class(const ir::TypePtr& class_type,
                                       const std::vector<MethodCode>& methods) {
  impl_->print_class(class_type, methods);
}
TJIT_DEF void CodePrinter::print_named_type(const ir::TypePtr& type) {
  impl_->print_named_type(type);
}
TJIT_DEF std::string CodePrinter::str() const { return impl_->body; }
TJIT_DEF const std::vector<ir::Literal>& CodePrinter::constants() const {
  return impl_->constant_table;
}
TJIT_DEF const std::vector<ir::TypePtr>& CodePrinter::dependencies() const {
  return impl_->deps;
}

TJIT_DEF std::string print_function_code(const ir::Graph& graph, std::string_view name,
                                         const ir::FunctionSchema* schema,
                                         const CodePrinterOptions& options) {
  CodePrinter p(options);
  p.print_function(graph, name, schema, true);
  return p.str();
}

TJIT_DEF std::string print_method_code(const ir::Graph& graph, std::string_view name,
                                       const ir::FunctionSchema* schema,
                                       const CodePrinterOptions& options) {
  CodePrinter p(options);
  p.print_function(graph, name, schema, false);
  return p.str();
}

}  // namespace tjit::frontend
