// The emitter against PyTorch 1.13 (goldens recorded by make_emitter_goldens.py from
// emitter_corpus.py): every corpus function is compiled with tjit::compile, its graph compared
// byte for byte with PyTorch's `str(fn.graph)`, and run on the sample inputs through the
// interpreter, its outputs compared with PyTorch's. Operators that tjit's registry does not bind
// yet are looked up in PyTorch's schema list (so emission is checked regardless); such functions
// cannot run yet and their output check is skipped — the counts are printed.
#include "tjit/frontend/emitter.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

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

// PyTorch's schemas by operator name, in PyTorch's order.
const std::map<std::string, std::vector<tjit::ir::FunctionSchema>>& pytorch_schemas() {
  static const auto* table = [] {
    auto* t = new std::map<std::string, std::vector<tjit::ir::FunctionSchema>>();
    std::string data = tjit_test::read_runfile("tests/frontend/pytorch_schemas.txt");
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::size_t eol = data.find('\n', pos);
      std::string line = data.substr(pos, eol - pos);
      pos = eol + 1;
      try {
        auto s = tjit::ir::parse_schema(line);
        (*t)[s.name()].push_back(std::move(s));
      } catch (const std::exception&) {
      }
    }
    return t;
  }();
  return *table;
}

tjit::frontend::CompileOptions options() {
  tjit::frontend::CompileOptions o;
  o.extra_schemas = [](tjit::ir::Symbol name) {
    std::vector<const tjit::ir::FunctionSchema*> out;
    auto it = pytorch_schemas().find(name.toQualString());
    if (it != pytorch_schemas().end())
      for (const auto& s : it->second) out.push_back(&s);
    return out;
  };
  return o;
}

// ---- the value notation of make_emitter_goldens.py
struct Reader {
  const std::string& s;
  std::size_t i = 0;
  char peek() const { return s[i]; }
  std::string until(const char* stops) {
    std::size_t j = s.find_first_of(stops, i);
    std::string r = s.substr(i, j - i);
    i = j;
    return r;
  }
  IValue value() {
    char c = s[i++];
    switch (c) {
      case 'N': return IValue();
      case 'b': return IValue(s[i++] == '1');
      case 'i': return IValue(std::stoll(until(";)]}=\n ")));
      case 'f': return IValue(std::stod(until(";)]}=\n ")));
      case 's': {
        std::size_t n = std::stoul(until(":"));
        ++i;
        std::string v = s.substr(i, n);
        i += n;
        return IValue(v);
      }
      case 'T': {
        char dt = s[i++];
        ++i;  // [
        tjit::Shape shape;
        while (peek() != ']') {
          shape.push_back(std::stoll(until(",]")));
          if (peek() == ',') ++i;
        }
        i += 2;  // ](
        std::vector<float> vals;
        while (peek() != ')') {
          vals.push_back(std::stof(until(",)")));
          if (peek() == ',') ++i;
        }
        ++i;
        tjit::Tensor t = tjit::tensor(vals, shape);
        if (dt == 'l') t = tjit::to(t, tjit::kLong);
        return IValue(t);
      }
      case 'L':
      case 'U': {
        ++i;
        std::vector<IValue> items;
        char close = c == 'L' ? ']' : ')';
        while (peek() != close) {
          items.push_back(value());
          if (peek() == ';') ++i;
        }
        ++i;
        if (c == 'U') return IValue(tjit::runtime::make_tuple(std::move(items)));
        tjit::ir::TypePtr elem = tjit::ir::Type::Int();
        if (!items.empty() && items[0].isDouble()) elem = tjit::ir::Type::Float();
        if (!items.empty() && items[0].isTensor()) elem = tjit::ir::Type::Tensor();
        return IValue(tjit::runtime::make_list(elem, std::move(items)));
      }
      default: throw std::runtime_error(std::string("bad value notation at ") + c);
    }
  }
};

std::string float_repr(double d) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

std::string enc(const IValue& v) {
  if (v.isNone()) return "N";
  if (v.isBool()) return v.toBool() ? "b1" : "b0";
  if (v.isInt()) return "i" + std::to_string(v.toInt());
  if (v.isDouble()) return "f" + float_repr(v.toDouble());
  if (v.isString()) return "s" + std::to_string(v.toStringRef().size()) + ":" + v.toStringRef();
  if (v.isTensor()) {
    tjit::Tensor t = tjit::contiguous(v.toTensor());
    char dt = t.scalar_type() == tjit::kFloat ? 'f' : t.scalar_type() == tjit::kLong ? 'l' : t.scalar_type() == tjit::kBool ? 'b' : 'd';
    std::string out = std::string("T") + dt + "[";
    for (std::size_t k = 0; k < t.sizes().size(); ++k) out += (k ? "," : "") + std::to_string(t.sizes()[k]);
    out += "](";
    tjit::Tensor d = tjit::to(t, tjit::kDouble);
    const double* p = d.data_ptr<double>();
    for (std::int64_t k = 0; k < d.numel(); ++k) out += (k ? "," : "") + float_repr(static_cast<double>(static_cast<float>(p[k])));
    return out + ")";
  }
  if (v.isList()) {
    std::string out = "L[";
    const auto& items = v.toListRef().items;
    for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ";" : "") + enc(items[k]);
    return out + "]";
  }
  if (v.isTuple()) {
    std::string out = "U(";
    const auto& items = v.toTupleRef().elements();
    for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ";" : "") + enc(items[k]);
    return out + ")";
  }
  return "?";
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
