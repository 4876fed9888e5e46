// tjit::freeze and tjit::optimize_for_inference against PyTorch 1.13 (freeze_fixtures.py):
// frozen graphs of small modules against torch.jit.freeze's, outputs of frozen and optimised
// modules (torchvision resnet18 and mobilenet_v2 included) against PyTorch's, before and after
// a save/load round trip, and PyTorch loading what tjit saved.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tjit/ir/passes/passes.hpp"
#include "tjit/serialize/freeze.hpp"
#include "tjit/serialize/import.hpp"
#include "tjit/serialize/torch_save.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/reduce.hpp"

using tjit::IValue;
using tjit::Module;
using tjit::Tensor;

namespace {

std::string runfile(const std::string& path) {
  const char* src = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  if (src && ws) return std::string(src) + "/" + ws + "/" + path;
  return path;
}

std::string tmpdir() {
  const char* d = std::getenv("TEST_TMPDIR");
  return d ? d : "/tmp";
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}

const std::map<std::string, std::string>& fixtures() {
  static const auto bundle = [] {
    std::string d = read_file(runfile("tests/passes/freeze_fixtures.bin"));
    std::map<std::string, std::string> out;
    std::size_t i = 0;
    while (i < d.size()) {
      std::size_t j = d.find('\n', i), k = d.find('\n', j + 1);
      std::size_t n = std::stoull(d.substr(j + 1, k - j - 1));
      out[d.substr(i, j - i)] = d.substr(k + 1, n);
      i = k + 1 + n;
    }
    return out;
  }();
  return bundle;
}

bool has(const std::string& name) { return fixtures().count(name) != 0; }

// Writes the fixture to $TEST_TMPDIR and returns the path.
std::string fixture_file(const std::string& name) {
  std::string path = tmpdir() + "/" + name;
  write_file(path, fixtures().at(name));
  return path;
}

std::vector<IValue> inputs(const std::string& name) {
  IValue t = tjit::pickle_load(fixture_file(name + ".in"));
  return t.toTupleRef().elements();
}

double max_diff(const IValue& got, const IValue& want) {
  Tensor a = got.toTensor(), b = want.toTensor();
  REQUIRE(a.sizes() == b.sizes());
  return tjit::max(tjit::abs(a - b)).item<double>();
}

// Node kinds of a graph, depth-first, constants left out (as freeze_fixtures.py writes them).
void kinds(const tjit::ir::Block* b, std::string& out) {
  for (const tjit::ir::Node* n : b->nodes()) {
    if (n->kind() != tjit::ir::prim::Constant) out += n->kind().toQualString() + "\n";
    for (const tjit::ir::Block* s : n->blocks()) kinds(s, out);
  }
}

std::vector<std::string> run_python_check(const std::string& dir) {
  std::string cmd = "/usr/bin/python3 " + runfile("tests/passes/freeze_fixtures.py") +
                    " check " + dir + " 2>" + tmpdir() + "/python_stderr.txt";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  if (rc != 0) FAIL_CHECK("python failed: " << read_file(tmpdir() + "/python_stderr.txt"));
  std::vector<std::string> lines;
  std::istringstream s(out);
  for (std::string l; std::getline(s, l);) lines.push_back(l);
  return lines;
}

}  // namespace

TEST_CASE("freeze needs eval mode, with PyTorch's message") {
  Module m = tjit::load(fixture_file("counter.pt"));
  m.train();
  try {
    tjit::freeze(m);
    FAIL("freeze accepted a module in training mode");
  } catch (const tjit::Error& e) {
    CHECK(std::string(e.what()).find("Freezing is currently only implemented for modules in eval "
                                     "mode. Please call .eval() on your module before freezing.") !=
          std::string::npos);
  }
}

TEST_CASE("frozen graphs of small modules have the nodes of torch.jit.freeze's") {
  for (std::string name : {"counter", "inplace", "branches"}) {
    CAPTURE(name);
    Module m = tjit::load(fixture_file(name + ".pt"));
    Module f = tjit::freeze(m);
    auto g = f.graph();
    g->lint();
    std::string got;
    kinds(g->block(), got);
    CHECK_MESSAGE(got == fixtures().at(name + ".kinds"),
                  "tjit:\n" << g->toString(false) << "\nPyTorch:\n"
                            << fixtures().at(name + ".frozen.graph"));
    IValue want = tjit::pickle_load(fixture_file(name + ".out"));
    CHECK(max_diff(f.forward(inputs(name)), want) == 0.0);
  }
}

TEST_CASE("mutated attributes stay attributes; the rest become constants") {
  Module f = tjit::freeze(tjit::load(fixture_file("counter.pt")));
  CHECK(f.hasattr("count"));
  CHECK(!f.hasattr("sub"));
  CHECK(!f.hasattr("training"));
  f.forward(inputs("counter"));
  CHECK(f.attr("count").toInt() == 1);
  Module g = tjit::freeze(tjit::load(fixture_file("inplace.pt")));
  CHECK(g.hasattr("acc"));
  CHECK(!g.hasattr("w"));
  Module p = tjit::freeze(tjit::load(fixture_file("branches.pt")), {"k"});
  CHECK(p.hasattr("k"));
  // freezing a frozen module mangles the original name again, as PyTorch does
  CHECK(p.type()->name() == "__torch__.___torch_mangle_0.Branches");
  CHECK(tjit::freeze(p).type()->name() == "__torch__.___torch_mangle_1.Branches");
}

TEST_CASE("frozen and optimised models give PyTorch's outputs, also after save and load") {
  struct Model {
    std::string name;
    double tol_frozen, tol_optimized;
  };
  // Tolerances (max abs difference to PyTorch): frozen graphs run the same kernels as the
  // unfrozen module (resnet18/mobilenet_v2: tjit's kernels against PyTorch's, ~2e-5 on outputs of
  // magnitude ~1); batch_norm folding adds rounding of the rescaled weights.
  std::vector<Model> models = {{"branches", 0, 0}, {"convbn", 1e-5, 1e-4}};
  if (has("resnet18.pt")) models.push_back({"resnet18", 1e-4, 2e-4});
  if (has("mobilenet_v2.pt")) models.push_back({"mobilenet_v2", 1e-4, 2e-4});
  std::string dir = tmpdir() + "/frozen";
  REQUIRE(std::system(("mkdir -p " + dir).c_str()) == 0);
  for (const Model& md : models) {
    CAPTURE(md.name);
    Module m = tjit::load(fixture_file(md.name + ".pt"));
    auto in = inputs(md.name);
    IValue want = tjit::pickle_load(fixture_file(md.name + ".out"));
    Module f = tjit::freeze(m);
    double df = max_diff(f.forward(in), want);
    CHECK(df <= md.tol_frozen);
    tjit::OptimizeReport report;
    Module o = tjit::optimize_for_inference(m, {}, &report);
    MESSAGE(md.name << ":\n" << report.str());
    double d = max_diff(o.forward(in), want);
    MESSAGE(md.name << ": max |tjit - PyTorch|: frozen " << df << ", optimised " << d);
    CHECK(d <= md.tol_optimized);
    tjit::OptimizeReport exact;
    Module e = tjit::optimize_for_inference(m, {.bit_exact = true}, &exact);
    CHECK(max_diff(e.forward(in), f.forward(in)) == 0.0);
    if (md.name != "branches") {
      CHECK(!report.rewrites.empty());
      CHECK(!exact.refused.empty());
      std::string g = o.graph()->toString(false);
      CHECK(g.find("aten::batch_norm") == std::string::npos);
    }
    // round trip through an archive, read back by tjit and by PyTorch
    std::string path = dir + "/" + md.name + ".frozen.pt";
    o.save(path);
    Module back = tjit::load(path);
    CHECK(max_diff(back.forward(in), want) <= md.tol_optimized);
    write_file(dir + "/" + md.name + ".in", fixtures().at(md.name + ".in"));
    write_file(dir + "/" + md.name + ".out", fixtures().at(md.name + ".out"));
    write_file(dir + "/" + md.name + ".tol", std::to_string(md.tol_optimized));
  }
  auto verdicts = run_python_check(dir);
  CHECK(verdicts.size() == models.size());
  for (const auto& v : verdicts) {
    CAPTURE(v);
    CHECK(v.find(" ok") != std::string::npos);
  }
}
