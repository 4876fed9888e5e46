// Classes and modules through the emitter, against PyTorch 1.13 (goldens recorded by
// make_emitter_class_goldens.py from emitter_class_corpus.py). For every case:
//  - the archive form: each code/ file torch.jit.save wrote is defined under its qualifier,
//    the case module's file first, other files on demand through the resolver (as the archive
//    importer loads them); the method's graph is compared with the module loaded back by
//    torch.jit.load;
//  - the hand-written form: the case module's classes with their Python methods, compiled as
//    torch.jit.script compiles them; the graph is compared with torch.jit.script's;
//  - an object built with the recorded attribute values runs the method on the samples, and
//    its outputs are compared with PyTorch's.
// Graphs are compared without their source-location comments (PyTorch's point into the
// Python file that made the goldens).
#include "emitter_test_support.hpp"
#include "runfiles.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace {

using tjit::IValue;
using emitter_test::enc;
using emitter_test::Reader;

struct Case {
  std::string name, method;
  std::map<std::string, std::string> files;  // qualifier -> code (archive form)
  std::string src_qualifier, src;
  std::string loaded, scripted, self, io;
};

std::vector<Case> load_cases() {
  const std::string data = tjit_test::read_runfile("tests/frontend/emitter_class_goldens.txt");
  std::vector<Case> cases;
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t eol = data.find('\n', pos);
    REQUIRE(eol != std::string::npos);
    char kind[16];
    std::size_t n = 0;
    REQUIRE(std::sscanf(data.c_str() + pos, "@@@ %15s %zu", kind, &n) == 2);
    pos = eol + 1;
    std::string text = data.substr(pos, n);
    pos += n + 1;
    std::string k = kind;
    auto split = [&](std::string& first, std::string& rest) {
      auto nl = text.find('\n');
      first = text.substr(0, nl);
      rest = text.substr(nl + 1);
    };
    if (k == "case") {
      cases.emplace_back();
      auto sp = text.find(' ');
      cases.back().name = text.substr(0, sp);
      cases.back().method = text.substr(sp + 1);
    } else if (k == "file") {
      std::string q, code;
      split(q, code);
      cases.back().files[q] = code;
    } else if (k == "src") {
      split(cases.back().src_qualifier, cases.back().src);
    } else if (k == "loaded") {
      cases.back().loaded = text;
    } else if (k == "scripted") {
      cases.back().scripted = text;
    } else if (k == "self") {
      cases.back().self = text;
    } else if (k == "io") {
      cases.back().io = text;
    }
  }
  return cases;
}

std::string strip_locations(const std::string& g) {
  static const std::regex comment(" # [^\n]*:[0-9]+:[0-9]+");
  return std::regex_replace(g, comment, "");
}

// Defines `files` into `cu` as an archive importer does: `first`, then any other file when a
// name under its qualifier is first needed.
struct Importer {
  tjit::runtime::CompilationUnit& cu;
  const std::map<std::string, std::string>& files;
  std::map<std::string, bool> defined;

  void define(const std::string& qualifier, const std::string& code, bool scripted) {
    defined[qualifier] = true;
    tjit::frontend::CompileOptions o = emitter_test::options();
    o.qualifier = qualifier;
    o.scripted_modules = scripted;
    o.resolver = [this](const std::string& name) {
      // `__torch__.a.b.C` lives in the file of the longest qualifier that prefixes it.
      std::string q = name;
      while (true) {
        auto dot = q.rfind('.');
        if (dot == std::string::npos) return false;
        q = q.substr(0, dot);
        auto it = files.find(q);
        if (it != files.end()) {
          if (defined[q]) return false;
          define(q, it->second, false);
          return true;
        }
      }
    };
    auto path = "code/" + std::regex_replace(qualifier, std::regex("\\."), "/") + ".py";
    tjit::frontend::define(cu, std::make_shared<const tjit::Source>(code, path), o);
  }
};

bool uses_unbound_ops(const tjit::runtime::CompilationUnit& cu) {
  const auto& reg = tjit::runtime::OperatorRegistry::instance();
  std::function<bool(const tjit::ir::Block*)> walk = [&](const tjit::ir::Block* b) {
    for (const tjit::ir::Node* n : b->nodes()) {
      for (const tjit::ir::Block* sb : n->blocks())
        if (walk(sb)) return true;
      const std::string& k = n->kind().toQualString();
      if (k.rfind("aten::", 0) == 0 || k == "prim::min" || k == "prim::max" || k == "prim::abs")
        if (!reg.match(n)) return true;
    }
    return false;
  };
  for (auto* f : cu.get_functions())
    if (walk(f->graph()->block())) return true;
  return false;
}

}  // namespace

TEST_CASE("classes and modules compile to PyTorch's graphs and run to PyTorch's outputs") {
  const auto cases = load_cases();
  int n = 0, archive_ok = 0, loaded_equal = 0, src_ok = 0, scripted_equal = 0, ran = 0,
      outputs_equal = 0, unbound = 0;
  std::string report;
  for (const auto& c : cases) {
    ++n;
    CAPTURE(c.name);
    const std::string cls = c.src_qualifier + ".M";
    // The archive form.
    tjit::runtime::CompilationUnit cu;
    bool archive = false;
    try {
      Importer imp{cu, c.files, {}};
      imp.define(c.src_qualifier, c.files.at(c.src_qualifier), false);
      ++archive_ok;
      archive = true;
      std::string got = cu.get_function(cls + "." + c.method).graph()->str();
      if (strip_locations(got) == strip_locations(c.loaded))
        ++loaded_equal;
      else
        report += "  " + c.name + " (archive form): graph differs\n--- PyTorch\n" +
                  strip_locations(c.loaded) + "--- tjit\n" + strip_locations(got);
    } catch (const std::exception& e) {
      report += "  " + c.name + " (archive form): does not compile: " + e.what() + "\n";
    }
    // The hand-written form.
    tjit::runtime::CompilationUnit cu2;
    try {
      Importer imp{cu2, c.files, {}};
      imp.define(c.src_qualifier, c.src, true);
      ++src_ok;
      std::string got = cu2.get_function(cls + "." + c.method).graph()->str();
      if (strip_locations(got) == strip_locations(c.scripted))
        ++scripted_equal;
      else
        report += "  " + c.name + " (scripted form): graph differs\n--- PyTorch\n" +
                  strip_locations(c.scripted) + "--- tjit\n" + strip_locations(got);
    } catch (const std::exception& e) {
      report += "  " + c.name + " (scripted form): does not compile: " + e.what() + "\n";
    }
    if (!archive) continue;
    if (uses_unbound_ops(cu)) {
      ++unbound;
      report += "  " + c.name + ": not run (operators not bound yet)\n";
      continue;
    }
    ++ran;
    bool all_ok = true;
    try {
      Reader sr{c.self};
      sr.cu = &cu;
      IValue self = sr.value();
      tjit::runtime::Method m(self.toObject(), cu, c.method);
      std::size_t pos = 0;
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
          out = enc(m(std::vector<IValue>(args.begin(), args.end())));
        } catch (const std::exception& e) {
          out = std::string("error: ") + e.what();
        }
        if (out != expect) {
          all_ok = false;
          report += "  " + c.name + ": output " + out + " expected " + expect + "\n";
        }
      }
    } catch (const std::exception& e) {
      all_ok = false;
      report += "  " + c.name + ": " + e.what() + "\n";
    }
    if (all_ok) ++outputs_equal;
  }
  std::cout << report;
  std::cout << "emitter classes: " << n << " cases; archive form: " << archive_ok << " compile, "
            << loaded_equal << " graphs equal to PyTorch's; scripted form: " << src_ok
            << " compile, " << scripted_equal << " graphs equal; " << ran << " run ("
            << outputs_equal << " with PyTorch's outputs), " << unbound
            << " not run: operators not bound yet\n";
  CHECK(n >= 8);
  CHECK(archive_ok >= n / 2);
  CHECK(outputs_equal == ran);
}

TEST_CASE("an object of a compiled class calls its methods") {
  tjit::runtime::CompilationUnit cu;
  tjit::frontend::CompileOptions o;
  o.qualifier = "__torch__.m";
  tjit::frontend::define(cu, std::make_shared<const tjit::Source>(
                                 "class Acc:\n"
                                 "  n : int\n"
                                 "  def __init__(self, n: int):\n"
                                 "    self.n = n\n"
                                 "  def set(self, k: int) -> int:\n"
                                 "    old = self.n\n"
                                 "    self.n = k\n"
                                 "    return old\n"
                                 "def make(n: int) -> int:\n"
                                 "  a = __torch__.m.Acc(n)\n"
                                 "  a.set(7)\n"
                                 "  return a.n\n",
                                 "<string>"),
                         o);
  auto obj = tjit::runtime::create_object(cu, "__torch__.m.Acc");
  obj->setAttr("n", IValue(std::int64_t{5}));
  tjit::runtime::Method set(obj, cu, "set");
  CHECK(set({IValue(std::int64_t{3})}).toInt() == 5);
  CHECK(obj->getAttr("n").toInt() == 3);
  CHECK(cu.get_function("__torch__.m.make")({IValue(std::int64_t{1})}).toInt() == 7);
  CHECK_THROWS_WITH(tjit::runtime::Method(obj, cu, "nope"),
                    doctest::Contains("has no attribute or method 'nope'"));
}
