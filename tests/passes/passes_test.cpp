// The graph passes of include/tjit/ir/passes/ on golden before/after graphs (pass_goldens.txt),
// the inliner on compiled functions, and the debug switch.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tjit/frontend/emitter.hpp"
#include "tjit/ir/ir_parser.hpp"
#include "tjit/ir/passes/passes.hpp"

using namespace tjit;
namespace passes = tjit::ir::passes;

namespace {

struct Case {
  std::string name, pass, before, after;
};

std::string data_path(const std::string& file) {
  const char* src = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  if (src && ws) return std::string(src) + "/" + ws + "/tests/passes/" + file;
  return "tests/passes/" + file;
}

std::vector<Case> read_cases() {
  std::ifstream in(data_path("pass_goldens.txt"));
  REQUIRE(in.good());
  std::vector<Case> cases;
  std::string line;
  int part = 0;
  while (std::getline(in, line)) {
    if (line.rfind("### ", 0) == 0) {
      std::istringstream s(line.substr(4));
      Case c;
      s >> c.name >> c.pass;
      cases.push_back(c);
      part = 1;
    } else if (line == "---") {
      part = 2;
    } else if (part == 1) {
      if (!line.empty()) cases.back().before += line + "\n";
    } else if (part == 2) {
      if (!line.empty()) cases.back().after += line + "\n";
    }
  }
  return cases;
}

bool run_pass(const std::string& pass, ir::Graph& g) {
  if (pass == "dead_code_elimination") return passes::eliminate_dead_code(g);
  if (pass == "constant_propagation") return passes::propagate_constants(g);
  if (pass == "constant_propagation_tensors")
    return passes::propagate_constants(g, {.immutable_types_only = false}) &&
           (passes::eliminate_dead_code(g), true);
  if (pass == "common_subexpression_elimination")
    return passes::eliminate_common_subexpressions(g);
  if (pass == "peephole") return passes::peephole(g);
  if (pass == "lower_tuples") return passes::eliminate_construct_unpack(g);
  if (pass == "optimize") return passes::optimize_graph(g);
  FAIL("unknown pass ", pass);
  return false;
}

}  // namespace

TEST_CASE("each pass turns its golden 'before' graph into its 'after' graph") {
  auto cases = read_cases();
  REQUIRE(cases.size() >= 20);
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto g = ir::parse_ir(c.before);
    g->lint();
    bool changed = run_pass(c.pass, *g);
    g->lint();
    std::string got = g->toString(false);
    if (c.after.empty()) {
      // an empty "after" means: the pass must leave the graph alone
      CHECK_MESSAGE(got == ir::parse_ir(c.before)->toString(false), "got:\n" << got);
      CHECK(!changed);
    } else {
      CHECK_MESSAGE(got == c.after, "got:\n" << got);
    }
  }
}

TEST_CASE("inline_calls puts the bodies of called functions in place, recursively") {
  auto cu = tjit::compile(
      "def f(x):\n    return x + 1\n\n"
      "def g(x):\n    return f(x) * 2\n\n"
      "def h(x):\n    return g(x) - f(x)\n");
  auto g = cu->get_function("h").graph()->copy();
  CHECK(passes::inline_calls(*g, *cu));
  g->lint();
  std::string text = g->toString(false);
  CHECK(text.find("prim::CallFunction") == std::string::npos);
  CHECK(text.find("aten::mul") != std::string::npos);
  CHECK(!passes::inline_calls(*g, *cu));  // nothing left to inline
}

TEST_CASE("the debug switch names passes as PYTORCH_JIT_LOG_LEVEL does") {
  setenv("TJIT_JIT_LOG_LEVEL", ">>dead_code_elimination.cpp:peephole", 1);
  CHECK(passes::pass_log_enabled("dead_code_elimination"));
  CHECK(passes::pass_log_enabled("peephole"));
  CHECK(!passes::pass_log_enabled("inline_calls"));
  setenv("TJIT_JIT_LOG_LEVEL", "*", 1);
  CHECK(passes::pass_log_enabled("inline_calls"));
  unsetenv("TJIT_JIT_LOG_LEVEL");
  CHECK(!passes::pass_log_enabled("peephole"));
}
