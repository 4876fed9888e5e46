// The code printer against PyTorch 1.13: for every function, method and module class of
// printer_corpus.py, PyTorch's graph text is parsed, printed as TorchScript source and compared
// byte for byte with PyTorch's `.code` / the class's text in its torch.jit.save archive
// (make_printer_cases.py writes them).
//
// Each case is printed twice: with the schemas PyTorch matched for its nodes (all must match),
// and with the operator registry's schemas only (where the registry lacks an operator, keyword
// names and dropped defaults may differ; the count is reported, not required).
#include <doctest/doctest.h>

#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "runfiles.hpp"
#include "tjit/frontend/code_printer.hpp"
#include "tjit/ir/ir_parser.hpp"
#include "tjit/ir/schema.hpp"

namespace {

using namespace tjit;

struct GraphCase {
  std::string graph, schema, code;
  std::vector<std::string> node_schemas;
  std::vector<std::string> functions;
};

struct MethodCase {
  std::string name;
  GraphCase g;
};

struct Record {
  std::string kind, name;
  GraphCase g;                       // function / method
  std::vector<std::string> header;   // class
  std::string code;                  // class
  std::vector<MethodCase> methods;   // class
};

std::vector<Record> read_cases(const std::string& text) {
  std::vector<Record> out;
  std::istringstream in(text);
  std::string line;
  Record* rec = nullptr;
  GraphCase* g = nullptr;
  std::string* section = nullptr;
  std::vector<std::string>* lines = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("@@@@ ", 0) == 0) {
      if (line == "@@@@ end") break;
      auto sp = line.find(' ', 5);
      out.push_back(Record{line.substr(5, sp - 5), line.substr(sp + 1), {}, {}, {}, {}});
      rec = &out.back();
      g = &rec->g;
      section = nullptr;
      lines = nullptr;
      continue;
    }
    if (line.rfind("@@ ", 0) == 0) {
      std::string s = line.substr(3);
      section = nullptr;
      lines = nullptr;
      if (s.rfind("method ", 0) == 0) {
        rec->methods.push_back(MethodCase{s.substr(7), {}});
        g = &rec->methods.back().g;
      } else if (s == "graph") {
        section = &g->graph;
      } else if (s == "schema") {
        section = &g->schema;
      } else if (s == "code") {
        section = rec->kind == "class" ? &rec->code : &g->code;
      } else if (s == "nodeschemas") {
        lines = &g->node_schemas;
      } else if (s == "functions") {
        lines = &g->functions;
      } else if (s == "header") {
        lines = &rec->header;
      }
      continue;
    }
    if (section) *section += line + "\n";
    if (lines) lines->push_back(line);
  }
  return out;
}

// A literal as PyTorch prints class constants: ints, floats, strings, bools, None, tuples.
ir::Literal parse_literal(ir::detail::Cursor& c) {
  c.skip_blanks();
  if (c.next_if("(")) {
    std::vector<ir::Literal> items;
    c.skip_blanks();
    while (!c.next_if(")")) {
      items.push_back(parse_literal(c));
      c.skip_blanks();
      c.next_if(",");
      c.skip_blanks();
    }
    return ir::Literal::tuple(std::move(items));
  }
  if (c.next_is("\"")) return ir::Literal(c.string_literal());
  if (c.next_if_word("True")) return ir::Literal(true);
  if (c.next_if_word("False")) return ir::Literal(false);
  if (c.next_if_word("None")) return ir::Literal();
  std::string n = c.next_if("-") ? "-" : "";
  n += c.number();
  if (n.find_first_of(".eE") != std::string::npos) return ir::Literal(c.parse_double(n));
  return ir::Literal(c.parse_int(n));
}

struct Corpus {
  std::vector<Record> records;
  std::map<std::string, ir::TypePtr> classes;
  std::map<std::string, std::string> function_names;  // `Function` constants' qualified names

  ir::TypePtr resolve(const std::string& name) {
    auto it = classes.find(name);
    if (it != classes.end()) return it->second;
    auto t = ir::Type::Class(name, std::make_shared<ir::ClassInfo>());
    classes[name] = t;
    return t;
  }
  ir::TypeResolver resolver() {
    return [this](const std::string& n) { return resolve(n); };
  }

  explicit Corpus(const std::string& text) : records(read_cases(text)) {
    auto add_functions = [&](const GraphCase& g) {
      for (auto& f : g.functions) function_names[f.substr(0, f.find(' '))] = f.substr(f.find(' ') + 1);
    };
    for (auto& r : records) {
      add_functions(r.g);
      for (auto& m : r.methods) add_functions(m.g);
    }
    for (auto& r : records)
      if (r.kind == "class") resolve(r.name);
    for (auto& r : records) {
      if (r.kind != "class") continue;
      auto& info = *classes[r.name]->classInfo();
      for (auto& h : r.header) {
        if (h == "module") {
          info.is_module = true;
          continue;
        }
        auto sp1 = h.find(' ');
        auto sp2 = h.find(' ', sp1 + 1);
        std::string tag = h.substr(0, sp1), name = h.substr(sp1 + 1, sp2 - sp1 - 1);
        if (tag == "C") {
          // `C name <type> <literal>`: the type is printed back from the literal
          std::string rest = h.substr(sp2 + 1);
          int depth = 0;
          std::size_t i = 0;
          for (; i < rest.size(); ++i) {
            if (rest[i] == '[') ++depth;
            if (rest[i] == ']') --depth;
            if (rest[i] == ' ' && depth == 0) break;
          }
          std::string lit = rest.substr(i + 1);
          ir::detail::Cursor c(lit, "literal");
          info.constants.emplace_back(name, parse_literal(c));
        } else {
          info.addAttribute(name, ir::parse_type(h.substr(sp2 + 1), resolver()), tag == "P",
                            tag == "B");
        }
      }
    }
  }
};

// A parsed graph case and the node → schema map of PyTorch's matches.
struct Parsed {
  std::shared_ptr<ir::Graph> graph;
  std::optional<ir::FunctionSchema> schema;
  std::map<const ir::Node*, ir::FunctionSchema> node_schemas;
};

void collect_nodes(const ir::Block* b, std::vector<const ir::Node*>& out) {
  for (const ir::Node* n : b->nodes()) {
    out.push_back(n);
    for (const ir::Block* sub : n->blocks()) collect_nodes(sub, out);
    if (n->hasAttribute(ir::Symbol::attr("Subgraph")) &&
        n->kindOf(ir::Symbol::attr("Subgraph")) == ir::AttributeKind::g)
      collect_nodes(n->g(ir::Symbol::attr("Subgraph"))->block(), out);
  }
}

Parsed parse_case(const GraphCase& c, Corpus& corpus) {
  Parsed p;
  ir::ParseIROptions opts;
  opts.source_comments = false;
  opts.resolver = corpus.resolver();
  p.graph = ir::parse_ir(c.graph, opts);
  std::string s = c.schema;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  p.schema = ir::parse_schema(s);
  std::vector<const ir::Node*> nodes;
  collect_nodes(p.graph->block(), nodes);
  REQUIRE_MESSAGE(nodes.size() == c.node_schemas.size(), "node count differs for schemas");
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (c.node_schemas[i] != "-") p.node_schemas.emplace(nodes[i], ir::parse_schema(c.node_schemas[i]));
  return p;
}

const Corpus& corpus();

frontend::CodePrinterOptions options_for(const Parsed* p) {
  frontend::CodePrinterOptions o;
  o.function_name = [](const std::string& n) { return corpus().function_names.at(n); };
  if (p) {
    o.schema_lookup = [p](const ir::Node* n) -> const ir::FunctionSchema* {
      auto it = p->node_schemas.find(n);
      return it == p->node_schemas.end() ? nullptr : &it->second;
    };
  }
  return o;
}

const Corpus& corpus() {
  static Corpus c(tjit_test::read_runfile("tests/frontend/printer_cases.txt"));
  return c;
}

std::string print_record(const Record& r, Corpus& c, bool pytorch_schemas) {
  if (r.kind == "function" || r.kind == "method") {
    Parsed p = parse_case(r.g, c);
    auto short_name = r.kind == "function" ? r.name : r.name.substr(r.name.rfind('.') + 1);
    auto o = options_for(pytorch_schemas ? &p : nullptr);
    return r.kind == "function" ? frontend::print_function_code(*p.graph, short_name, &*p.schema, o)
                                : frontend::print_method_code(*p.graph, short_name, &*p.schema, o);
  }
  std::vector<Parsed> parsed;
  for (auto& m : r.methods) parsed.push_back(parse_case(m.g, c));
  // one lookup over every method's nodes
  Parsed all;
  for (auto& p : parsed) all.node_schemas.insert(p.node_schemas.begin(), p.node_schemas.end());
  frontend::CodePrinter printer(options_for(pytorch_schemas ? &all : nullptr));
  std::vector<frontend::MethodCode> methods;
  for (std::size_t i = 0; i < parsed.size(); ++i)
    methods.push_back({r.methods[i].name, parsed[i].graph.get(), &*parsed[i].schema});
  printer.print_class(c.classes.at(r.name), methods);
  return printer.str();
}

const std::string& expected(const Record& r) { return r.kind == "class" ? r.code : r.g.code; }

}  // namespace

TEST_CASE("code printer: the corpus prints as PyTorch prints it") {
  auto& c = const_cast<Corpus&>(corpus());
  int functions = 0, methods = 0, classes = 0;
  int match = 0, match_registry = 0;
  for (const Record& r : c.records) {
    (r.kind == "function" ? functions : r.kind == "method" ? methods : classes)++;
    CAPTURE(r.name);
    auto print = [&](bool pytorch_schemas) {
      try {
        return print_record(r, c, pytorch_schemas);
      } catch (const std::exception& e) {
        return std::string("<exception> ") + e.what();
      }
    };
    std::string got = print(true);
    CHECK(got == expected(r));
    if (got == expected(r)) ++match;
    if (print(false) == expected(r)) ++match_registry;
  }
  std::cout << "code printer corpus: " << functions << " functions, " << methods << " methods, "
            << classes << " classes; " << match << " match PyTorch byte for byte with PyTorch's "
            << "schemas, " << match_registry << " with the operator registry's alone\n";
  CHECK(functions >= 40);
  CHECK(classes >= 5);
}

TEST_CASE("code printer: operators without a schema print every argument positionally") {
  auto g = ir::parse_ir(R"IR(graph(%x : Tensor):
  %1 : int = prim::Constant[value=1]()
  %2 : Tensor = my::op(%x, %1, %1)
  return (%2)
)IR");
  frontend::CodePrinterOptions o;
  o.schema_lookup = [](const ir::Node*) -> const ir::FunctionSchema* { return nullptr; };
  CHECK(frontend::print_function_code(*g, "f", nullptr, o) ==
        "def f(x: Tensor) -> Tensor:\n  return ops.my.op(x, 1, 1)\n");
}

TEST_CASE("code printer: tensor constants go to the constant table") {
  auto g = ir::parse_ir(R"IR(graph(%x : Tensor):
  %1 : Tensor = prim::Constant[value={2}]()
  %2 : Tensor = prim::Constant[value={2}]()
  %3 : Tensor = aten::mul(%x, %1)
  %4 : Tensor = aten::mul(%3, %2)
  return (%4)
)IR");
  frontend::CodePrinterOptions o;
  o.schema_lookup = [](const ir::Node*) -> const ir::FunctionSchema* { return nullptr; };
  frontend::CodePrinter p(o);
  p.print_function(*g, "f");
  CHECK(p.str() ==
        "def f(x: Tensor) -> Tensor:\n  _0 = torch.mul(torch.mul(x, CONSTANTS.c0), CONSTANTS.c1)\n"
        "  return _0\n");
  CHECK(p.constants().size() == 2);
}
