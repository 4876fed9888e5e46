// tjit parses expressions into the trees Python's own parser builds (ast_goldens.txt, recorded
// by make_ast_goldens.py from Python's `ast` module): precedence, associativity, chained
// comparisons, boolean chains, unary operators, slices, calls and comprehensions.
#include "tjit/frontend/parser.hpp"

#include "runfiles.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("random expressions parse exactly as Python parses them") {
  const std::string data = tjit_test::read_runfile("tests/frontend/ast_goldens.txt");
  std::size_t pos = 0, cases = 0;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    const std::string line = data.substr(pos, eol - pos);
    pos = eol + 1;
    const std::size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const std::string source = line.substr(0, tab), expected = line.substr(tab + 1);
    CAPTURE(source);
    std::string got;
    try {
      got = tjit::frontend::dump(*tjit::frontend::parse_expression(source));
    } catch (const tjit::Error& e) {
      got = e.what();
    }
    CHECK(got == expected);
    ++cases;
  }
  CHECK(cases == 600);
}

TEST_CASE("hand-written TorchScript in Python files parses (feature_modules.py)") {
  const std::string text = tjit_test::read_runfile("tests/frontend/feature_modules.py");
  tjit::frontend::Module m;
  try {
    m = tjit::frontend::parse(text, "feature_modules.py");
  } catch (const tjit::Error& e) {
    FAIL(e.what());
  }
  CHECK(m.imports.size() >= 5);
  const auto* syn = m.find_class("Syn");
  REQUIRE(syn);
  const tjit::frontend::Def* forward = nullptr;
  for (const auto& s : syn->body)
    if (auto d = s->as<tjit::frontend::Def>(); d && d->name == "forward") forward = d;
  REQUIRE(forward);
  CHECK(forward->body.size() > 40);
  const auto* unused = syn->body[1]->as<tjit::frontend::Def>();
  REQUIRE(unused);
  CHECK(unused->decorator("torch.jit.unused") != nullptr);
  CHECK(m.find_class("Color") != nullptr);
  CHECK(m.find_def("modules") != nullptr);
}
