#include "tjit/ir/ir_parser.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "golden_util.hpp"

using namespace tjit::ir;
using tjit_test::ir_golden_dir;
using tjit_test::read_file;
using tjit_test::read_lines;

namespace {
std::string golden_path(const std::string& name) { return ir_golden_dir() + "/goldens/" + name; }
bool exists(const std::string& path) {
  try {
    read_file(path);
    return true;
  } catch (...) {
    return false;
  }
}
}  // namespace

TEST_CASE("every golden PyTorch printed parses and prints back byte for byte") {
  auto names = read_lines(golden_path("LIST"));
  REQUIRE(names.size() >= 38);
  int files = 0;
  for (auto& name : names) {
    for (std::string suffix : {".graph", ".parsed.graph"}) {
      std::string path = golden_path(name + suffix);
      if (suffix != ".graph" && !exists(path)) continue;  // parse_ir could not read that one
      CAPTURE(path);
      std::string text = read_file(path);
      auto g = parse_ir(text);
      g->lint();
      CHECK(g->str() == text);
      ++files;
    }
  }
  CHECK(files >= 60);
}

TEST_CASE("without source comments, top-level nodes print none") {
  // As in PyTorch, nodes inside blocks always print theirs; these goldens have no blocks.
  for (const char* name : {"add_mul", "tensor_ops", "strings", "floats", "string_escapes"}) {
    CAPTURE(name);
    std::string text = read_file(golden_path(std::string(name) + ".graph"));
    auto g = parse_ir(text);
    CHECK(g->str(false) == tjit_test::strip_source_comments(text));
    ParseIROptions no_comments;
    no_comments.source_comments = false;
    CHECK(parse_ir(text, no_comments)->str() == tjit_test::strip_source_comments(text));
  }
}

TEST_CASE("parsed graphs carry names, types, attributes, blocks and source ranges") {
  std::unordered_map<std::string, Value*> vmap;
  Graph g;
  parse_ir(read_file(golden_path("optionals.graph")), g, {}, &vmap);
  REQUIRE(vmap.count("x.1"));
  CHECK(vmap.at("x.1")->type()->str() == "int?");
  CHECK(vmap.at("t.1")->type()->annotation_str() == "Optional[Tensor]");
  int ifs = 0;
  for (Node* n : g.nodes()) {
    if (n->kind() == prim::If) {
      ++ifs;
      CHECK(n->blocks().size() == 2);
      auto flc = n->sourceRange().file_line_col();
      REQUIRE(flc);
      CHECK(flc->filename == "golden_fns.py");
    }
  }
  CHECK(ifs >= 1);

  auto fork = parse_ir(read_file(golden_path("fork_wait.graph")));
  Node* f = fork->nodes().front()->next();
  CHECK(f->kind() == prim::fork);
  REQUIRE(f->hasAttribute(attr::Subgraph));
  CHECK(f->g(attr::Subgraph)->inputs().size() == 1);
  CHECK(f->output()->type()->str() == "Future[Tensor]");

  auto strs = parse_ir(read_file(golden_path("string_escapes.graph")));
  std::vector<std::string> values;
  for (Node* n : strs->nodes())
    if (n->kind() == prim::Constant) values.push_back(n->s(attr::value));
  CHECK(values == std::vector<std::string>{"bell\a\b\f\v\r", "\x7f", "back\\slash", "",
                                           "\u00e9", "tab\tx", "a\x01" "b"});

  auto cplx = parse_ir(read_file(golden_path("complex_numbers.graph")));
  CHECK(cplx->nodes().front()->c(attr::value) == std::complex<double>(1.0, -2.5));
  auto floats = parse_ir(read_file(golden_path("floats.graph")));
  CHECK(floats->nodes().front()->f(attr::value) == 3.1415926535897931);
}

TEST_CASE("hand-written IR: default types, new values numbered after the parsed ones") {
  auto g = parse_ir(R"IR(
graph(%x, %n : int):
  %1 : int = prim::Constant[value=1]()
  %7 : float[] = prim::Constant[value=[1.5, -2.]]()
  %s : str[] = prim::Constant[value=["a", "b"]]()
  %y = aten::add(%x, %x, %1)
  %z : Tensor = prim::isinstance[types=[int, Tensor]](%y)
  return (%y, %z)
)IR");
  g->lint();
  CHECK(g->inputs()[0]->type()->str() == "Tensor");
  Node* c = g->nodes().front()->next();
  CHECK(c->fs(attr::value) == std::vector<double>{1.5, -2.0});
  CHECK(c->constantValue()->to_list().size() == 2);
  CHECK(g->nodes().front()->next()->next()->ss(attr::value) ==
        std::vector<std::string>{"a", "b"});
  Value* v = g->insertConstant(Literal(3));
  CHECK(v->unique() > 7);  // no clash with %1 and %7
}

TEST_CASE("malformed IR text gives errors that point at the problem") {
  CHECK_THROWS_WITH_AS(parse_ir("graph(%x : int):\n  return (%y)\n"),
                       doctest::Contains("use of undefined value %y"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_ir("graph(%x : int):\n  %y : int = aten::add(%x, %x)\n"),
                       doctest::Contains("unexpected end"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_ir("graph(%x : int):\n  %y : int = add(%x)\n  return (%y)\n"),
                       doctest::Contains("expected '::'"), tjit::Error);
  CHECK_THROWS_WITH_AS(
      parse_ir("graph(%x : int):\n  %x : int = aten::neg(%x)\n  return (%x)\n"),
      doctest::Contains("defined twice"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_ir("graph(%x : Bogus):\n  return (%x)\n"),
                       doctest::Contains("unknown type 'Bogus'"), tjit::Error);
  CHECK_THROWS_WITH_AS(
      parse_ir("graph():\n  %a : str = prim::Constant[value=\"abc]()\n  return (%a)\n"),
      doctest::Contains("unterminated string"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_ir("graph(%x : int):\n  return (%x)\nextra"),
                       doctest::Contains("line 3, column 1"), tjit::Error);
  CHECK_THROWS_AS(parse_ir(""), tjit::Error);
  CHECK_THROWS_AS(parse_ir("graph(%x : int):\n  %y : int = prim::Constant[value=[1, 2.5]]()\n  return (%y)\n"),
                  tjit::Error);
}

TEST_CASE("traced graphs: refined tensor types and printed tensor constants") {
  std::string text = read_file(golden_path("trace_mlp.graph"));
  auto g = parse_ir(text);
  const TensorInfo* x = g->inputs()[0]->type()->tensorInfo();
  REQUIRE(x);
  CHECK(x->scalar_type == "Float");
  CHECK(x->sizes == std::vector<std::optional<std::int64_t>>{2, 3});
  CHECK(x->requires_grad == false);
  std::vector<std::string> tensors;
  for (Node* n : g->nodes()) {
    if (n->kind() == prim::Constant && n->hasAttribute(attr::value) &&
        n->kindOf(attr::value) == AttributeKind::t) {
      std::ostringstream s;
      n->t(attr::value)->print_attribute(s);
      tensors.push_back(s.str());
    }
  }
  CHECK(tensors == std::vector<std::string>{"{2}", "{3.5}", " 1  2  3 [ CPULongType{3} ]"});
  CHECK(g->str() == text);
}
