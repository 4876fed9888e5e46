// Tracing against PyTorch 1.13: the graphs of make_goldens.py's functions written in C++, the
// documentation's check_inputs and warning examples, strict mode, and archives PyTorch loads.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "tests/frontend/runfiles.hpp"
#include "tjit/serialize/import.hpp"
#include "tjit/serialize/torch_save.hpp"
#include "tjit/trace/trace.hpp"

using namespace tjit;

namespace {

// "name" -> graph text PyTorch printed (source comments and local names removed).
const std::map<std::string, std::string>& goldens() {
  static const auto g = [] {
    std::map<std::string, std::string> out;
    std::istringstream in(tjit_test::read_runfile("tests/trace/trace_goldens.txt"));
    std::string line, name;
    while (std::getline(in, line)) {
      if (line.rfind("== ", 0) == 0) {
        name = line.substr(3);
        out[name];
      } else {
        out[name] += line + "\n";
      }
    }
    return out;
  }();
  return g;
}

// Collects warnings instead of printing them.
struct Warnings {
  std::vector<TracerWarning> list;
  TraceOptions options(std::vector<std::string> names = {}) {
    TraceOptions o;
    o.input_names = std::move(names);
    o.on_warning = [this](const TracerWarning& w) { list.push_back(w); };
    return o;
  }
  bool any(const std::string& needle) const {
    for (const auto& w : list)
      if (w.message.find(needle) != std::string::npos) return true;
    return false;
  }
};

std::vector<Tensor> flat(const IValue& v) {
  std::vector<Tensor> out;
  if (v.isTensor()) out.push_back(v.toTensor());
  if (v.isTuple())
    for (const IValue& e : v.toTuple()->elements()) out.push_back(e.toTensor());
  if (v.isList())
    for (const IValue& e : v.toList()->items) out.push_back(e.toTensor());
  return out;
}

bool same(const Tensor& a, const Tensor& b) {
  return a.sizes() == b.sizes() && a.scalar_type() == b.scalar_type() &&
         equal(contiguous(a), contiguous(b));
}

Tensor arange_f(std::int64_t rows, std::int64_t cols, double start = 0) {
  return add(arange(rows * cols, kFloat).reshape({rows, cols}), start);
}

std::string tmpdir() {
  const char* d = std::getenv("TEST_TMPDIR");
  return d ? d : "/tmp";
}

// Saves `t`, has PyTorch load and run it on `inputs`; returns trace_check.py's verdict.
std::string pytorch_runs(const TracedFunction& t, const std::string& name,
                         const std::vector<IValue>& inputs) {
  std::string base = tmpdir() + "/" + name;
  t.save(base + ".pt");
  pickle_save(IValue(runtime::make_list(ir::Type::Any(), inputs)), base + "_inputs.pt");
  pickle_save(t(inputs), base + "_expected.pt");
  std::string cmd = "/usr/bin/python3 tests/trace/trace_check.py " + base + ".pt " + base +
                    "_inputs.pt " + base + "_expected.pt 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// The C++ versions of make_goldens.py's functions.
auto views = [](const Tensor& x) {
  return std::tuple{x.narrow(1, 1, 2).t(), x.flatten().unsqueeze(0).squeeze(0).view({4, 3}),
                    contiguous(x.permute({1, 0})).expand({2, 4, 3})};
};
auto lists = [](const Tensor& x, const Tensor& y) {
  Tensor a = x.chunk(2, 1)[0];  // (C++ evaluates a call's arguments in no fixed order)
  Tensor r = sub(a, y.split(1, 0)[1], 2);
  return std::tuple{clone(r.select(0, 1)), r};
};
auto arith = [](const Tensor& x, const Tensor& y) {
  return add(sub(x, y), x).transpose(0, 1).reshape({-1, 2});
};
auto inplace = [](const Tensor& x, const Tensor& y) {
  Tensor z = clone(x);
  add_(z, y);
  Tensor row = z.select(0, 0);
  copy_(row, y.select(0, 1));
  return z;
};
auto list_input = [](const std::vector<Tensor>& xs) {
  auto parts = add(xs[0], xs[1]).split_with_sizes({1, 2}, 1);
  return std::tuple{parts[0], parts[1]};
};
auto cast = [](const Tensor& x) {
  auto rows = to(x, kDouble).unbind(0);
  return std::tuple{rows[0], rows[1]};
};

}  // namespace

TEST_CASE("traces print what PyTorch's traces of the same ops print") {
  Warnings w;
  auto x34 = ones({3, 4});
  CHECK(tjit::trace(views, x34, w.options({"x"})).graph()->str() == goldens().at("views"));
  CHECK(tjit::trace(lists, std::tuple{ones({2, 4}), ones({2, 2})}, w.options({"x", "y"}))
            .graph()
            ->str() == goldens().at("lists"));
  CHECK(tjit::trace(arith, std::tuple{ones({2, 3}), ones({2, 3})}, w.options({"x", "y"}))
            .graph()
            ->str() == goldens().at("arith"));
  CHECK(tjit::trace(inplace, std::tuple{ones({2, 3}), ones({2, 3})}, w.options({"x", "y"}))
            .graph()
            ->str() == goldens().at("inplace"));
  CHECK(tjit::trace(list_input, std::tuple{std::vector<Tensor>{ones({2, 3}), ones({2, 3})}},
                    w.options({"xs"}))
            .graph()
            ->str() == goldens().at("list_input"));
  CHECK(tjit::trace(cast, ones({2, 3}), w.options({"x"})).graph()->str() == goldens().at("cast"));
}

TEST_CASE("a traced function runs new inputs as the C++ function does") {
  Warnings w;
  auto t = tjit::trace(lists, std::tuple{ones({2, 4}), ones({2, 2})}, w.options());
  Tensor x = arange_f(2, 4, 1), y = arange_f(2, 2, -3);
  auto got = flat(t(x, y));
  auto [a, b] = lists(x, y);
  REQUIRE(got.size() == 2);
  CHECK(same(got[0], a));
  CHECK(same(got[1], b));

  auto ti = tjit::trace(inplace, std::tuple{ones({2, 3}), ones({2, 3})}, w.options());
  Tensor p = arange_f(2, 3), q = arange_f(2, 3, 10);
  CHECK(same(ti(p, q).toTensor(), inplace(p, q)));
  CHECK(same(p, arange_f(2, 3)));  // the clone kept the input untouched

  auto tc = tjit::trace(cast, ones({2, 3}), w.options());
  auto rows = flat(tc(arange_f(2, 3, 0.5)));
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].scalar_type() == kDouble);
  CHECK(rows[1].select(0, 2).item<double>() == 5.5);
}

TEST_CASE("code of a traced function") {
  Warnings w;
  auto t = tjit::trace(arith, std::tuple{ones({2, 3}), ones({2, 3})}, w.options({"x", "y"}));
  CHECK(t.code() ==
        "def forward(x: Tensor,\n    y: Tensor) -> Tensor:\n"
        "  _0 = torch.transpose(torch.add(torch.sub(x, y), x), 0, 1)\n"
        "  return torch.reshape(_0, [-1, 2])\n");
}

TEST_CASE("loop_in_traced_fn: check_inputs finds the graphs differ") {
  // The documentation's example: the loop's trip count is baked into the trace.
  auto loop_in_traced_fn = [](const Tensor& x) {
    Tensor result = x.select(0, 0);
    for (std::int64_t i = 0; i < x.size(0); ++i) result = mul(result, x.select(0, i));
    return result;
  };
  Warnings w;
  std::string message;
  try {
    tjit::trace(loop_in_traced_fn, rand({3, 4, 5}), w.options({"x"}),
                {rand({4, 5, 6}), rand({2, 3, 4})});
  } catch (const TracingCheckError& e) {
    message = e.what();
  }
  CHECK(message.find("Tracing failed sanity checks!\nERROR: Graphs differed across "
                     "invocations!\n\tGraph diff:\n\t\t  graph(%x : Tensor):\n") !=
        std::string::npos);
  // The check input has one more row: one more select and mul.
  CHECK(message.find("\t\t    %15 : Tensor = aten::mul(%11, %14)\n"
                     "\t\t-   return (%15)\n"
                     "\t\t+   %16 : int = prim::Constant[value=0]()\n"
                     "\t\t+   %17 : int = prim::Constant[value=3]()\n"
                     "\t\t+   %18 : Tensor = aten::select(%x, %16, %17)\n"
                     "\t\t+   %19 : Tensor = aten::mul(%15, %18)\n"
                     "\t\t+   return (%19)\n") != std::string::npos);
  CHECK(message.find("\tFirst diverging operator:\n\tNode diff:\n\t\t- return (%15)\n"
                     "\t\t+ %16 : int = prim::Constant[value=0]()\n") != std::string::npos);
  // The trace multiplies three rows whatever the input has (checked on the first check input).
  CHECK(w.any("Output nr 1. of the traced function does not match the corresponding output of "
              "the C++ function. Detailed error:\nTensor-likes are not close!\n\nMismatched "
              "elements: "));
}

TEST_CASE("fill_row_zero: the warnings PyTorch gives, and the torch.cat rewrite") {
  auto fill_row_zero = [](const Tensor& x) {
    Tensor row = x.select(0, 0);
    copy_(row, rand({x.size(1)}));
    return x;
  };
  Warnings w;
  tjit::trace(fill_row_zero, rand({3, 4}), w.options({"x"}));
  CHECK(w.any("There are 2 live references to the data region being modified when tracing "
              "in-place operator copy_"));
  CHECK(w.any("Trace had nondeterministic nodes. Did you forget call .eval() on your model? "
              "Nodes:\n\t%"));
  CHECK(w.any("aten::rand("));
  CHECK(w.any("Output nr 1. of the traced function does not match the corresponding output of "
              "the C++ function. Detailed error:\nTensor-likes are not close!\n\nMismatched "
              "elements: 4 / 12 (33.3%)\nGreatest absolute difference: "));

  auto fill_row_zero_cat = [](const Tensor& x) {
    return cat({rand({1, x.size(1)}), x.slice(0, 1, 3)}, 0);
  };
  Warnings w2;
  auto t = tjit::trace(fill_row_zero_cat, rand({3, 4}), w2.options({"x"}));
  CHECK_FALSE(w2.any("live references"));
  std::string g = t.graph()->str();
  CHECK(g.find("aten::cat(") != std::string::npos);
  CHECK(g.find("aten::slice(%x, ") != std::string::npos);
  CHECK(g.find("aten::copy_") == std::string::npos);
}

TEST_CASE("reading a tensor's value into C++ warns, and strict mode names the line") {
  auto scaled = [](const Tensor& x) {
    double s = sum(x).item<double>();  // the value is baked into the trace
    return mul(x, s);
  };
  Warnings w;
  auto t = tjit::trace(scaled, ones({2}), w.options());
  REQUIRE(w.list.size() == 1);
  CHECK(w.list[0].message.rfind("Converting a tensor to a C++ number might cause the trace to be "
                                "incorrect.", 0) == 0);
  CHECK(w.list[0].location.find("trace_test.cpp:") != std::string::npos);
  CHECK(t.warnings().size() == 1);
  // The baked value: 2.0 for ones(2), whatever the new input's sum.
  CHECK(same(t(full({2}, 3.0)).toTensor(), full({2}, 6.0)));

  TraceOptions strict;
  strict.strict = true;
  std::string message;
  try {
    tjit::trace(scaled, ones({2}), strict);
  } catch (const Error& e) {
    message = e.what();
  }
  CHECK(message.find("Converting a tensor to a C++ number") != std::string::npos);
  CHECK(message.find("trace_test.cpp:") != std::string::npos);
}

TEST_CASE("captured tensors become constants; outputs may be inputs") {
  Tensor w = arange_f(2, 3);
  auto f = [&](const Tensor& x) { return std::tuple{add(x, w), x}; };
  Warnings ws;
  auto t = tjit::trace(f, ones({2, 3}), ws.options({"x"}));
  std::string g = t.graph()->str();
  CHECK(g.find("= prim::Constant[value=") != std::string::npos);
  CHECK(g.find("prim::TupleConstruct(%") != std::string::npos);
  auto out = flat(t(full({2, 3}, 2.0)));
  REQUIRE(out.size() == 2);
  CHECK(same(out[0], add(w, 2.0)));
  CHECK(same(out[1], full({2, 3}, 2.0)));
}

TEST_CASE("traced functions save as archives PyTorch loads and runs") {
  Warnings w;
  auto t = tjit::trace(lists, std::tuple{ones({2, 4}), ones({2, 2})}, w.options({"x", "y"}));
  CHECK(pytorch_runs(t, "lists", {IValue(arange_f(2, 4)), IValue(arange_f(2, 2, 7))}) == "ok");
  auto ti = tjit::trace(inplace, std::tuple{ones({2, 3}), ones({2, 3})}, w.options({"x", "y"}));
  CHECK(pytorch_runs(ti, "inplace", {IValue(arange_f(2, 3)), IValue(arange_f(2, 3, 5))}) == "ok");
  Tensor c = arange_f(2, 3, 0.25);
  auto tk = tjit::trace([&](const Tensor& x) { return sub(x, c); }, ones({2, 3}), w.options());
  CHECK(pytorch_runs(tk, "constant", {IValue(ones({2, 3}))}) == "ok");
  // Loading our archive back gives the same graph.
  t.save(tmpdir() + "/lists_again.pt");
  Module m = load(tmpdir() + "/lists_again.pt");
  auto got = flat(m.forward({IValue(arange_f(2, 4)), IValue(arange_f(2, 2, 7))}));
  auto [a, b] = lists(arange_f(2, 4), arange_f(2, 2, 7));
  REQUIRE(got.size() == 2);
  CHECK(same(got[0], a));
  CHECK(same(got[1], b));
}

TEST_CASE("tracing errors") {
  Warnings w;
  auto f = [](const Tensor& x) { return x; };
  std::string message;
  try {
    tracer::trace_function([&](const std::vector<IValue>& in) { return in[0]; },
                           {IValue(std::int64_t{3})}, w.options(), {});
  } catch (const Error& e) {
    message = e.what();
  }
  CHECK(message == "trace: inputs must be Tensors, lists or tuples of Tensors, not Int");
  // Nested traces on one thread are refused.
  auto nested = [&](const Tensor& x) {
    tjit::trace(f, x, w.options());
    return x;
  };
  CHECK_THROWS_WITH_AS(tjit::trace(nested, ones({1}), w.options()),
                       doctest::Contains("another trace runs on this thread"), Error);
}
