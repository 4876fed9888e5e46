// The emitter against PyTorch 1.13 (goldens recorded by make_emitter_goldens.py from
// emitter_corpus.py): every corpus function is compiled with tjit::compile, its graph compared
// byte for byte with PyTorch's `str(fn.graph)`, and run on the sample inputs through the
// interpreter, its outputs compared with PyTorch's. Operators that tjit's registry does not bind
// yet are looked up in PyTorch's schema list (so emission is checked regardless); such functions
// cannot run yet and their output check is skipped — the counts are printed.
#include "tjit/frontend/emitter.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

#include "emitter_test_support.hpp"
#include "runfiles.hpp"

#include <doctest/doctest.h>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

using tjit::IValue;
using emitter_test::enc;
using emitter_test::options;
using emitter_test::Reader;

struct Case {
  std::string kind, name, source, graph, io;
};

std::vector<Case> load_cases() {
  const std::string data = tjit_test::read_runfile("tests/frontend/emitter_goldens.txt");
  std::vector<Case> cases;
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t eol = data.find('\n', pos);
    REQUIRE(eol != std::string::npos);
    char kind[16], name[128];
    std::size_t a = 0, b = 0, c = 0;
    REQUIRE(std::sscanf(data.c_str() + pos, "@@@ %15s %127s %zu %zu %zu", kind, name, &a, &b, &c) == 5);
    pos = eol + 1;
    cases.push_back({kind, name, data.substr(pos, a), data.substr(pos + a, b), data.substr(pos + a + b, c)});
    pos += a + b + c + 1;
  }
  return cases;
}

bool uses_unbound_ops(const tjit::ir::Block* b) {
  const auto& reg = tjit::runtime::OperatorRegistry::instance();
  for (const tjit::ir::Node* n : b->nodes()) {
    for (const tjit::ir::Block* sb : n->blocks())
      if (uses_unbound_ops(sb)) return true;
    const std::string& k = n->kind().toQualString();
    if (k.rfind("aten::", 0) == 0 || k == "prim::min" || k == "prim::max" || k == "prim::abs")
      if (!reg.match(n)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("functions compile to PyTorch's graphs and run to PyTorch's outputs") {
  const auto cases = load_cases();
  int fns = 0, compiled = 0, graphs_equal = 0, ran = 0, outputs_equal = 0, skipped_unbound = 0;
  std::string report;
  for (const auto& c : cases) {
    if (c.kind != "fn") continue;
    ++fns;
    CAPTURE(c.name);
    std::shared_ptr<tjit::runtime::CompilationUnit> cu;
    try {
      cu = tjit::compile(c.source, options());
      ++compiled;
    } catch (const std::exception& e) {
      report += "  " + c.name + ": does not compile: " + e.what() + "\n";
      continue;
    }
    auto& fn = cu->get_function(c.name);
    std::string got = fn.graph()->str();
    if (got == c.graph) {
      ++graphs_equal;
    } else {
      report += "  " + c.name + ": graph differs\n--- PyTorch\n" + c.graph + "--- tjit\n" + got;
    }
    if (uses_unbound_ops(fn.graph()->block())) {
      ++skipped_unbound;
      report += "  " + c.name + ": not run (operators not bound yet)\n";
      continue;
    }
    std::size_t pos = 0;
    bool all_ok = true;
    while (pos < c.io.size()) {
      std::size_t eol = c.io.find('\n', pos);
      std::string line = c.io.substr(pos, eol - pos);
      pos = eol + 1;
      std::size_t arrow = line.find(" => ");
      Reader r{line};
      IValue in = r.value();
      std::string expect = line.substr(arrow + 4);
      std::string out;
      try {
        auto args = in.toTupleRef().elements();
        out = enc(fn(std::vector<IValue>(args.begin(), args.end())));
      } catch (const std::exception& e) {
        out = std::string("error: ") + e.what();
      }
      if (out != expect) {
        all_ok = false;
        report += "  " + c.name + ": output " + out + " expected " + expect + "\n";
      }
    }
    ++ran;
    if (all_ok) ++outputs_equal;
  }
  std::cout << report;
  std::cout << "emitter corpus: " << fns << " functions, " << compiled << " compile, "
            << graphs_equal << " graphs equal to PyTorch's, " << ran << " run (" << outputs_equal
            << " with PyTorch's outputs), " << skipped_unbound
            << " not run: operators not bound yet\n";
  CHECK(fns >= 40);
  CHECK(compiled >= fns / 2);
}

TEST_CASE("compile errors read as PyTorch's") {
  const auto cases = load_cases();
  int n = 0, equal = 0;
  for (const auto& c : cases) {
    if (c.kind != "err") continue;
    ++n;
    std::string got = "(no error)";
    try {
      tjit::compile(c.source, options());
    } catch (const std::exception& e) {
      got = e.what();
    }
    if (got == c.graph)
      ++equal;
    else
      std::cout << "  error " << c.name << " differs:\n--- PyTorch\n" << c.graph << "\n--- tjit\n" << got << "\n";
  }
  std::cout << "emitter errors: " << equal << " of " << n << " equal to PyTorch's\n";
  CHECK(equal >= 1);
}

TEST_CASE("compiled functions are found by plain and qualified name") {
  auto cu = tjit::compile("def foo(a: int, b: int) -> int:\n    return a\n");
  CHECK(cu->find_function("foo") != nullptr);
  CHECK(cu->find_function("__torch__.foo") != nullptr);
  CHECK(cu->get_function("foo")({IValue(3), IValue(4)}).toInt() == 3);
}
