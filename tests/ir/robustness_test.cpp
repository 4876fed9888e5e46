// Malformed input must give a tjit::Error, never a crash or another exception: every parser of the
// layer is run on goldens and schemas mutated at random (fixed seed). A longer run of the same
// loop under -fsanitize=address,undefined (200k inputs) found nothing.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "golden_util.hpp"
#include "tjit/ir/ir.hpp"

using namespace tjit::ir;

namespace {
std::string mutate(std::string t, std::mt19937& rng) {
  static const char junk[] = "%()[]{}:,.=-><!?*|#\"'\\ \n0123456789abcXYZ_";
  int edits = 1 + static_cast<int>(rng() % 3);
  for (int e = 0; e < edits && !t.empty(); ++e) {
    std::size_t pos = rng() % t.size();
    switch (rng() % 4) {
      case 0: t.erase(pos, 1 + rng() % 5); break;
      case 1: t.insert(pos, 1, junk[rng() % (sizeof(junk) - 1)]); break;
      case 2: t[pos] = junk[rng() % (sizeof(junk) - 1)]; break;
      default: t.resize(pos); break;
    }
  }
  return t;
}

template <class F>
void expect_only_tjit_errors(const std::string& input, F&& run) {
  try {
    run();
  } catch (const tjit::Error&) {
  } catch (const std::exception& e) {
    std::string msg = std::string("not a tjit::Error: ") + e.what() + "\ninput:\n" + input;
    FAIL_CHECK(msg);
  }
}
}  // namespace

TEST_CASE("mutated graph text, schemas and types give tjit::Error or a valid result") {
  std::mt19937 rng(1234);
  std::vector<std::string> graphs;
  for (auto& name : tjit_test::read_lines(tjit_test::ir_golden_dir() + "/goldens/LIST"))
    graphs.push_back(tjit_test::read_file(tjit_test::ir_golden_dir() + "/goldens/" + name + ".graph"));
  auto schemas = tjit_test::read_lines(tjit_test::ir_golden_dir() + "/schemas.txt");
  std::vector<std::string> types;
  for (auto& line : tjit_test::read_lines(tjit_test::ir_golden_dir() + "/types.txt"))
    types.push_back(tjit_test::split_tabs(line)[1]);
  int parsed = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string g = mutate(graphs[rng() % graphs.size()], rng);
    expect_only_tjit_errors(g, [&] {
      auto graph = parse_ir(g);
      graph->lint();
      graph->copy()->str();
      ++parsed;
    });
    std::string s = mutate(schemas[rng() % schemas.size()], rng);
    expect_only_tjit_errors(s, [&] { parse_schema(s).str(); });
    std::string t = mutate(types[rng() % types.size()], rng);
    expect_only_tjit_errors(t, [&] { parse_type(t)->annotation_str(); });
  }
  CHECK(parsed > 0);
}
