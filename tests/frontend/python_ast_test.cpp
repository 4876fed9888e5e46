// tjit parses expressions and statements into the trees Python's own parser builds
// (ast_goldens.txt, recorded by make_ast_goldens.py from Python's `ast` module): precedence,
// associativity, chained comparisons, boolean chains, unary operators, slices, calls,
// comprehensions, every statement form, indentation, elif chains, one-line suites.
#include "tjit/frontend/parser.hpp"

#include "runfiles.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

// Undoes make_ast_goldens.py's escaping of newlines and backslashes in statement cases.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      out += s[i + 1] == 'n' ? '\n' : s[i + 1];
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("random expressions and statement blocks parse exactly as Python parses them") {
  const std::string data = tjit_test::read_runfile("tests/frontend/ast_goldens.txt");
  std::size_t pos = 0, expressions = 0, blocks = 0;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    const std::string line = data.substr(pos, eol - pos);
    pos = eol + 1;
    const std::size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    std::string source = line.substr(0, tab), expected = line.substr(tab + 1);
    // Statement blocks end with an (escaped) newline; expressions don't.
    const bool block = source.size() >= 2 && source.compare(source.size() - 2, 2, "\\n") == 0;
    if (block) {
      source = unescape(source);
      expected = unescape(expected);
    }
    CAPTURE(source);
    std::string got;
    try {
      got = block ? tjit::frontend::dump(tjit::frontend::parse(source))
                  : tjit::frontend::dump(*tjit::frontend::parse_expression(source));
    } catch (const tjit::Error& e) {
      got = e.what();
    }
    CHECK(got == expected);
    ++(block ? blocks : expressions);
  }
  CHECK(expressions == 600);
  CHECK(blocks == 300);
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
