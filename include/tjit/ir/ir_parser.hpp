// tjit/ir/ir_parser.hpp — reads graph text (what `str(graph)` prints) back into a Graph, like
// PyTorch's `torch._C.parse_ir`, so tests and users can write graphs directly:
//
//   auto g = tjit::ir::parse_ir(R"IR(
//     graph(%x : Tensor, %n : int):
//       %1 : int = prim::Constant[value=1]()
//       %y : Tensor = aten::add(%x, %x, %1)
//       return (%y)
//   )IR");
//
// Unlike parse_ir, it keeps everything needed to print the same text again — see
// Note [Round trip of value numbers] — and reads `# file:line:col` comments back into source
// ranges. Also reads `with prim::fork_0 = graph(...)` subgraph sections. Builds on graph.hpp.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/source_range.hpp"
#include "tjit/ir/detail/text.hpp"
#include "tjit/ir/graph.hpp"
#include "tjit/ir/literal.hpp"
#include "tjit/ir/type.hpp"

namespace tjit::ir {

struct ParseIROptions {
  // Turn `# file:line:col` comments after nodes into source ranges (so they print again).
  bool source_comments = true;
  // Resolves class names met in types; by default each name becomes a class type.
  TypeResolver resolver = nullptr;
};

// Note [Round trip of value numbers]
// A value without a name prints as its number, and PyTorch numbers values in creation order,
// so a parsed graph would normally print renumbered (PyTorch's parse_ir does that). Ours gives
// each `%N` value the number N and starts the graph's counter above the largest N in the text,
// so `parse_ir(text).str() == text` for any text PyTorch printed; values added later get fresh
// numbers above them.

namespace detail {

// A tensor constant as PyTorch printed it (`{2}`, ` 1  2  3 [ CPULongType{3} ]`): kept as text,
// printed back as is. See Note [Tensor constants]; the tensor layer can read the text.
class PrintedTensor : public TensorHolder {
 public:
  explicit PrintedTensor(std::string text) : text_(std::move(text)) {}
  void print_attribute(std::ostream& out) const override { out << text_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

class IRParser {
 public:
  IRParser(std::string_view text, ParseIROptions opts)
      : c_(text, "IR text"), opts_(std::move(opts)) {
    // The largest `%N` in the text: see Note [Round trip of value numbers].
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      if (text[i] != '%' || !std::isdigit(static_cast<unsigned char>(text[i + 1]))) continue;
      std::size_t j = i + 1;
      std::size_t n = 0;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) && n < (std::size_t{1} << 40)) {
        n = n * 10 + static_cast<std::size_t>(text[j] - '0');
        ++j;
      }
      if (j < text.size() && (is_ident_char(text[j]) || text[j] == '.')) continue;
      next_unique_ = std::max(next_unique_, n + 1);
    }
  }

  void parse(Graph& g, std::unordered_map<std::string, Value*>* vmap_out) {
    std::unordered_map<std::string, Value*> vmap;
    parse_graph(g, vmap);
    if (vmap_out) *vmap_out = vmap;
    // Subgraph sections: `with prim::fork_0 = graph(...)`.
    while (c_.next_if_word("with")) {
      std::string name = op_name();
      c_.expect("=");
      auto sub = std::make_shared<Graph>();
      std::unordered_map<std::string, Value*> sub_vmap;
      parse_graph(*sub, sub_vmap);
      auto it = grouped_.find(name);
      if (it == grouped_.end() || it->second.empty())
        c_.fail("no node refers to subgraph '" + name + "'");
      Node* n = it->second.front();
      it->second.erase(it->second.begin());
      n->g_(attr::Subgraph, sub);
    }
    c_.skip_ws();
    if (!c_.at_end()) c_.fail("expected the end of the graph text");
    // Nodes printed as `kind_N` whose subgraph followed get their real kind back.
    for (auto& [node, kind] : pending_kind_)
      if (node->hasAttribute(attr::Subgraph)) GraphAccess::set_kind(node, Symbol::fromQualString(kind));
  }

 private:
  void parse_graph(Graph& g, std::unordered_map<std::string, Value*>& vmap) {
    GraphAccess::set_next_unique(g, next_unique_);
    if (c_.ident() != "graph") c_.fail("expected 'graph'");
    c_.expect("(");
    if (!c_.next_is(")")) {
      do {
        parse_param(g.block(), vmap);
      } while (c_.next_if(","));
    }
    c_.expect(")");
    c_.expect(":");
    parse_statements(g, g.block(), vmap);
    if (!c_.next_if_word("return")) c_.fail("expected 'return'");
    c_.expect("(");
    for (Value* v : value_list(vmap)) g.registerOutput(v);
    c_.expect(")");
  }

  void parse_param(Block* b, std::unordered_map<std::string, Value*>& vmap) {
    std::string name = var();
    Value* v = b->addInput();
    name_value(v, name, vmap);
    if (c_.next_if(":")) {
      v->setType(type());
    }
  }

  void name_value(Value* v, const std::string& name,
                  std::unordered_map<std::string, Value*>& vmap) {
    if (vmap.count(name)) c_.fail("value %" + name + " is defined twice");
    if (Value::isValidName(name)) {
      v->setDebugName(name);
    } else {
      if (name.size() > 12) c_.fail("value number %" + name + " is too large");
      GraphAccess::set_unique(v, std::stoull(name));
    }
    vmap[name] = v;
  }

  std::string var() {
    c_.expect("%");
    std::size_t start = c_.pos();
    while (is_ident_char(c_.peek()) || c_.peek() == '.') c_.get();
    if (c_.pos() == start) c_.fail("expected a value name after '%'");
    return std::string(c_.text().substr(start, c_.pos() - start));
  }

  std::vector<Value*> value_list(std::unordered_map<std::string, Value*>& vmap) {
    std::vector<Value*> vs;
    if (c_.next_is(")")) return vs;
    do {
      auto save = c_.pos();
      std::string name = var();
      auto it = vmap.find(name);
      if (it == vmap.end()) {
        c_.set_pos(save);
        c_.fail("use of undefined value %" + name);
      }
      vs.push_back(it->second);
    } while (c_.next_if(","));
    return vs;
  }

  TypePtr type() {
    TypeParser p(c_, opts_.resolver);
    return p.parse();
  }

  std::string op_name() {
    std::string ns = c_.ident();
    if (c_.peek() != ':' || c_.peek(1) != ':') c_.fail("expected '::' in an operator name");
    c_.get();
    c_.get();
    std::string name = c_.ident();
    return ns + "::" + name;
  }

  void parse_statements(Graph& g, Block* b, std::unordered_map<std::string, Value*>& vmap) {
    while (true) {
      c_.skip_ws();
      if (c_.at_end()) c_.fail("unexpected end of the graph text");
      if (c_.next_is("->")) return;
      if (c_.peek_ident() == "return") return;
      parse_node(g, b, vmap);
    }
  }

  void parse_node(Graph& g, Block* b, std::unordered_map<std::string, Value*>& vmap) {
    struct Out {
      std::string name;
      TypePtr type;
    };
    std::vector<Out> outs;
    if (c_.next_is("%")) {
      do {
        Out o;
        o.name = var();
        o.type = c_.next_if(":") ? type() : Type::Tensor();
        outs.push_back(std::move(o));
      } while (c_.next_if(","));
    }
    c_.expect("=");
    std::string kind = op_name();
    Node* n = g.create(Symbol::fromQualString(kind), outs.size());
    b->appendNode(n);
    if (c_.next_is("[")) parse_attributes(n);
    c_.expect("(");
    for (Value* v : value_list(vmap)) n->addInput(v);
    c_.expect(")");
    // A `# file:line:col` comment on the same line.
    c_.skip_blanks();
    if (c_.peek() == '#') {
      std::size_t start = c_.pos();
      while (!c_.at_end() && c_.peek() != '\n') c_.get();
      if (opts_.source_comments) attach_comment(n, c_.text().substr(start, c_.pos() - start));
    }
    for (std::size_t i = 0; i < outs.size(); ++i) {
      name_value(n->outputs()[i], outs[i].name, vmap);
      n->outputs()[i]->setType(outs[i].type);
    }
    // `kind_N`: a node whose subgraph follows the graph.
    auto us = kind.find_last_of('_');
    if (us != std::string::npos && us + 1 < kind.size() &&
        kind.find_first_not_of("0123456789", us + 1) == std::string::npos) {
      grouped_[kind].push_back(n);
      pending_kind_[n] = kind.substr(0, us);
    }
    // Blocks: `blockN(...):` ... `-> (...)`.
    while (true) {
      std::string word = c_.peek_ident();
      if (word.size() < 6 || word.compare(0, 5, "block") != 0 ||
          word.find_first_not_of("0123456789", 5) != std::string::npos)
        break;
      c_.ident();
      Block* sub = n->addBlock();
      c_.expect("(");
      if (!c_.next_is(")")) {
        do {
          parse_param(sub, vmap);
        } while (c_.next_if(","));
      }
      c_.expect(")");
      c_.expect(":");
      parse_statements(g, sub, vmap);
      c_.expect("->");
      c_.expect("(");
      for (Value* v : value_list(vmap)) sub->registerOutput(v);
      c_.expect(")");
    }
  }

  void attach_comment(Node* n, std::string_view comment) {
    // "# file:line:col"
    std::string_view body = comment.substr(1);
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    auto c2 = body.rfind(':');
    if (c2 == std::string_view::npos || c2 == 0) return;
    auto c1 = body.rfind(':', c2 - 1);
    if (c1 == std::string_view::npos || c1 == 0) return;
    std::string file(body.substr(0, c1));
    std::string line_s(body.substr(c1 + 1, c2 - c1 - 1));
    std::string col_s(body.substr(c2 + 1));
    while (!col_s.empty() && (col_s.back() == ' ' || col_s.back() == '\r')) col_s.pop_back();
    auto all_digits = [](const std::string& s) {
      return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
    };
    if (!all_digits(line_s) || !all_digits(col_s)) return;
    std::size_t line = std::stoull(line_s), col = std::stoull(col_s);
    if (line == 0) return;
    // A stand-in source whose only line starts at `line`: file_line_col() gives back exactly
    // (file, line, col).
    std::string key = file + ":" + line_s + ":" + col_s;
    auto& src = sources_[key];
    if (!src) src = std::make_shared<const Source>(std::string(col, ' '), file, line - 1);
    n->setSourceRange(SourceRange(src, col, col));
  }

  void parse_attributes(Node* n) {
    c_.expect("[");
    if (c_.next_if("]")) return;
    do {
      std::string name = c_.ident();
      c_.expect("=");
      parse_attribute_value(n, Symbol::attr(name));
    } while (c_.next_if(","));
    c_.expect("]");
  }

  // One scalar literal: number, complex, string, inf/nan, True/False/None, `<Tensor>`, a type.
  struct Scalar {
    AttributeKind kind;
    AttributeValue value;
  };

  Scalar scalar() {
    c_.skip_ws();
    if (c_.next_is_string()) return {AttributeKind::s, AttributeValue(std::in_place_index<6>, c_.string_literal())};
    if (c_.next_if("<")) {
      std::string what = c_.ident();
      if (what != "Tensor") c_.fail("unknown attribute value <" + what + ">");
      c_.expect(">");
      return {AttributeKind::t, AttributeValue(std::in_place_index<8>, TensorConstant())};
    }
    auto save = c_.pos();
    bool neg = c_.next_if("-");
    std::string word = c_.peek_ident();
    if (word == "inf" || word == "nan") {
      c_.ident();
      double d = word == "inf" ? std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::quiet_NaN();
      return {AttributeKind::f, AttributeValue(std::in_place_index<0>, neg ? -d : d)};
    }
    if (c_.next_is_number()) {
      std::string n = c_.number();
      if (!n.empty() && n.back() == 'j') {
        double im = c_.parse_double(n.substr(0, n.size() - 1));
        return {AttributeKind::c, AttributeValue(std::in_place_index<2>, std::complex<double>(0, neg ? -im : im))};
      }
      bool is_float = n.find_first_of(".eE") != std::string::npos;
      // Complex as printed: `1.-2.5j`, `0.+2.j`.
      if (is_float) {
        auto before = c_.pos();
        char sign = c_.peek();
        if ((sign == '+' || sign == '-') && std::isdigit(static_cast<unsigned char>(c_.peek(1)))) {
          c_.get();
          std::string im = c_.number();
          if (!im.empty() && im.back() == 'j') {
            double re = c_.parse_double(n);
            double imv = c_.parse_double(im.substr(0, im.size() - 1));
            return {AttributeKind::c,
                    AttributeValue(std::in_place_index<2>,
                                   std::complex<double>(neg ? -re : re, sign == '-' ? -imv : imv))};
          }
          c_.set_pos(before);
        }
        double d = c_.parse_double(n);
        return {AttributeKind::f, AttributeValue(std::in_place_index<0>, neg ? -d : d)};
      }
      return {AttributeKind::i, AttributeValue(std::in_place_index<4>, c_.parse_int(neg ? "-" + n : n))};
    }
    if (neg) {
      c_.set_pos(save);
      c_.fail("expected a number after '-'");
    }
    if (word.empty()) c_.fail("expected an attribute value");
    return {AttributeKind::ty, AttributeValue(std::in_place_index<12>, type())};
  }

  // The rest of a tuple literal after its `(`; items are scalars, None, True/False, tuples and
  // lists.
  Literal tuple_literal() {
    std::vector<Literal> items;
    c_.skip_ws();
    while (!c_.next_if(")")) {
      items.push_back(literal_item());
      c_.skip_ws();
      if (!c_.next_if(",")) {
        c_.expect(")");
        break;
      }
      c_.skip_ws();
    }
    return Literal::tuple(std::move(items));
  }
  Literal literal_item() {
    c_.skip_ws();
    if (c_.next_if("(")) return tuple_literal();
    if (c_.next_if("[")) {
      std::vector<Literal> items;
      if (!c_.next_if("]")) {
        do {
          items.push_back(literal_item());
        } while (c_.next_if(","));
        c_.expect("]");
      }
      return Literal::list(std::move(items));
    }
    if (c_.next_if_word("True")) return Literal(true);
    if (c_.next_if_word("False")) return Literal(false);
    if (c_.next_if_word("None")) return Literal();
    Scalar s = scalar();
    switch (s.kind) {
      case AttributeKind::i: return Literal(std::get<4>(s.value));
      case AttributeKind::f: return Literal(std::get<0>(s.value));
      case AttributeKind::c: return Literal(std::get<2>(s.value));
      case AttributeKind::s: return Literal(std::get<6>(s.value));
      default: c_.fail("unsupported value in a tuple constant");
    }
    return Literal();
  }

  void parse_attribute_value(Node* n, Symbol name) {
    if (c_.peek() == '{' || c_.peek() == ' ') {
      // A printed tensor: up to the `,` or `]` that ends the attribute.
      std::size_t start = c_.pos();
      int depth = 0;
      while (!c_.at_end()) {
        char ch = c_.peek();
        if (ch == '\n') break;
        if (depth == 0 && (ch == ',' || ch == ']')) break;
        if (ch == '[' || ch == '{') ++depth;
        if (ch == ']' || ch == '}') --depth;
        c_.get();
      }
      if (depth != 0 || c_.pos() == start) c_.fail("malformed tensor attribute value");
      n->t_(name, std::make_shared<const PrintedTensor>(
                      std::string(c_.text().substr(start, c_.pos() - start))));
      return;
    }
    if (c_.next_if("(")) {
      // A tuple constant, kept as a Literal: `(-3, 1e-08, True, "s", inf, 1.+2.j)`.
      n->ival_(name, tuple_literal());
      return;
    }
    if (!c_.next_if("[")) {
      Scalar s = scalar();
      n->setAttribute(name, std::move(s.value));
      return;
    }
    std::vector<Scalar> items;
    if (!c_.next_is("]")) {
      do {
        items.push_back(scalar());
      } while (c_.next_if(","));
    }
    c_.expect("]");
    if (items.empty()) {
      n->is_(name, {});
      return;
    }
    AttributeKind k = items[0].kind;
    for (auto& it : items)
      if (it.kind != k) c_.fail("attribute list mixes kinds of values");
    switch (k) {
      case AttributeKind::i: {
        std::vector<std::int64_t> v;
        for (auto& it : items) v.push_back(std::get<4>(it.value));
        n->is_(name, std::move(v));
        break;
      }
      case AttributeKind::f: {
        std::vector<double> v;
        for (auto& it : items) v.push_back(std::get<0>(it.value));
        n->fs_(name, std::move(v));
        break;
      }
      case AttributeKind::c: {
        std::vector<std::complex<double>> v;
        for (auto& it : items) v.push_back(std::get<2>(it.value));
        n->cs_(name, std::move(v));
        break;
      }
      case AttributeKind::s: {
        std::vector<std::string> v;
        for (auto& it : items) v.push_back(std::get<6>(it.value));
        n->ss_(name, std::move(v));
        break;
      }
      case AttributeKind::ty: {
        std::vector<TypePtr> v;
        for (auto& it : items) v.push_back(std::get<12>(it.value));
        n->tys_(name, std::move(v));
        break;
      }
      default:
        c_.fail("unsupported attribute list");
    }
  }

 private:
  Cursor c_;
  ParseIROptions opts_;
  std::size_t next_unique_ = 0;
  std::map<std::string, std::vector<Node*>> grouped_;
  std::unordered_map<Node*, std::string> pending_kind_;
  std::unordered_map<std::string, std::shared_ptr<const Source>> sources_;
};

}  // namespace detail

// Parses graph text into g (which must be empty). `vmap`, when given, receives the values of the
// main graph by their names in the text (`x.1`, `23`).
inline void parse_ir(std::string_view text, Graph& g, const ParseIROptions& opts = {},
                     std::unordered_map<std::string, Value*>* vmap = nullptr) {
  TJIT_CHECK(g.inputs().empty() && g.nodes().empty(), "parse_ir: the graph must be empty");
  detail::IRParser p(text, opts);
  p.parse(g, vmap);
}

inline std::shared_ptr<Graph> parse_ir(std::string_view text, const ParseIROptions& opts = {}) {
  auto g = std::make_shared<Graph>();
  parse_ir(text, *g, opts);
  return g;
}

}  // namespace tjit::ir
