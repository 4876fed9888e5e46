// The `tjit` command: run a TorchScript archive, print its code, graphs and contents.
// Every failure prints one line on stderr ("tjit: ...") and exits with status 1 (2 for usage).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tjit/tjit.hpp"

namespace {

constexpr const char* kUsage =
    "usage: tjit <command> [options]\n"
    "\n"
    "commands:\n"
    "  run ARCHIVE [--method NAME] --input INPUTS --output OUT\n"
    "             run a method (forward by default) of a torch.jit.save archive; INPUTS is a\n"
    "             torch.save file holding a tuple of the positional arguments, OUT receives the\n"
    "             result in torch.save format\n"
    "  code ARCHIVE\n"
    "             print the module's code, as PyTorch's torch.jit.load(ARCHIVE).code\n"
    "  graph ARCHIVE [--method NAME]\n"
    "             print a method's graph, as PyTorch's torch.jit.load(ARCHIVE).NAME.graph\n"
    "  graph ARCHIVE --inlined [--method NAME]\n"
    "             the same graph with every call inlined (submodule methods, functions)\n"
    "  info ARCHIVE\n"
    "             the archive's version, classes, methods, parameters and operators used, and\n"
    "             the rewrites `tjit freeze --optimize` made\n"
    "  freeze ARCHIVE OUT [--optimize] [--bit-exact] [--preserve NAME,NAME...]\n"
    "             write the archive of torch.jit.freeze(module.eval()) to OUT (PyTorch loads it);\n"
    "             --optimize also runs optimize_for_inference (conv/linear+batch_norm folding,\n"
    "             dropout removal; --bit-exact refuses the rewrites that change results)\n"
    "  dot ARCHIVE [--method NAME]\n"
    "             a method's graph in Graphviz's dot language (tjit dot m.pt | dot -Tsvg > m.svg):\n"
    "             one box per node, an edge per value, prim::If/prim::Loop blocks as clusters\n"
    "  bench ARCHIVE --input INPUTS [--method NAME] [--iters N] [--threads N] [--json]\n"
    "             load time, first-call latency, then min/median/max latency over N calls\n"
    "             (default 20) after a warm-up call; --threads sets the intra-op threads; --json\n"
    "             prints one object: load_ms, first_call_ms, min_ms, median_ms, max_ms, iters,\n"
    "             threads\n"
    "  version    print tjit's version and the PyTorch release it follows\n"
    "  help       this text (also: tjit <command> --help)\n";

// Written into frozen archives by `tjit freeze --optimize` (extra/), shown by `tjit info`.
constexpr const char* kOptimizationsFile = "tjit_optimizations.txt";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ARCHIVE plus --name VALUE options; `flags` lists the options the command takes.
// `switches` are options without a value; `positional` the number of plain arguments taken
// (ARCHIVE, then the rest in `more`).
struct Args {
  std::string archive;
  std::vector<std::string> more;
  std::map<std::string, std::string> options;
  std::set<std::string> on;

  Args(int argc, char** argv, const std::set<std::string>& flags,
       const std::set<std::string>& switches = {}, std::size_t positional = 1) {
    for (int i = 2; i < argc; ++i) {
      std::string a = argv[i];
      if (switches.count(a)) {
        on.insert(a);
      } else if (a.rfind("--", 0) == 0) {
        if (!flags.count(a)) throw UsageError("unknown option " + a);
        if (i + 1 >= argc) throw UsageError(a + " needs a value");
        options[a] = argv[++i];
      } else if (archive.empty()) {
        archive = a;
      } else if (more.size() + 1 < positional) {
        more.push_back(a);
      } else {
        throw UsageError("unexpected argument '" + a + "'");
      }
    }
    if (archive.empty()) throw UsageError("no ARCHIVE given");
    if (more.size() + 1 < positional) throw UsageError("missing arguments");
  }
  std::string get(const std::string& flag, const std::string& or_else) const {
    auto it = options.find(flag);
    return it == options.end() ? or_else : it->second;
  }
  bool has(const std::string& sw) const { return on.count(sw) > 0; }
  // A positive integer option.
  int count(const std::string& flag, int or_else) const {
    auto it = options.find(flag);
    if (it == options.end()) return or_else;
    char* end = nullptr;
    long v = std::strtol(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0' || v < 1 || v > 1000000000)
      throw UsageError(flag + " needs a positive integer, not '" + it->second + "'");
    return static_cast<int>(v);
  }
  std::string need(const std::string& flag) const {
    auto it = options.find(flag);
    if (it == options.end()) throw UsageError(flag + " is required");
    return it->second;
  }
};

// The positional arguments stored (as a tuple) in a torch.save file.
std::vector<tjit::IValue> load_inputs(const std::string& path) {
  tjit::IValue in = tjit::pickle_load(path);
  if (!in.isTuple())
    throw tjit::Error("--input must hold a tuple of the positional arguments, not a " +
                      std::string(in.tagKind()));
  return in.toTupleRef().elements();
}

int run(const Args& a) {
  const std::string input = a.need("--input"), output = a.need("--output");
  tjit::Module m = tjit::load(a.archive);
  std::vector<tjit::IValue> args = load_inputs(input);
  tjit::IValue out = m.get_method(a.get("--method", "forward"))(std::move(args));
  tjit::pickle_save(out, output);
  return 0;
}

int code(const Args& a) {
  std::cout << tjit::load(a.archive).code();
  return 0;
}

int graph(const Args& a) {
  tjit::Module m = tjit::load(a.archive);
  auto g = m.graph(a.get("--method", "forward"));
  if (a.on.count("--inlined")) {
    g = g->copy();
    tjit::ir::passes::inline_calls(*g, *m.compilation_unit());
  }
  std::cout << g->str();
  return 0;
}

// ---- dot ----------------------------------------------------------------------------------------

std::string dot_escape(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') {
      out += "\\l";  // left-justified line break
      continue;
    }
    out += ch;
  }
  return out;
}

// A node's own line as the graph printer prints it, without its blocks or source location.
std::string node_line(const tjit::ir::Node* n) {
  std::ostringstream line;
  n->print(line, 0, nullptr, /*print_source_locations=*/false);
  std::string text = line.str();
  text = text.substr(0, text.find('\n'));
  text.erase(0, text.find_first_not_of(' '));
  return text;
}

struct DotWriter {
  std::ostream& out;
  std::map<const tjit::ir::Node*, std::string> ids;
  int next_id = 0;

  std::string id(const tjit::ir::Node* n) {
    auto it = ids.find(n);
    if (it != ids.end()) return it->second;
    return ids[n] = "n" + std::to_string(next_id++);
  }
  void edges_into(const tjit::ir::Node* n) {
    for (const tjit::ir::Value* v : n->inputs())
      out << "  " << id(v->node()) << " -> " << id(n) << " [label=\"%" << dot_escape(v->debugName())
          << "\"];\n";
  }
  void block(const tjit::ir::Block* b, const std::string& indent) {
    for (const tjit::ir::Node* n : b->nodes()) {
      if (n->blocks().empty()) {
        out << indent << id(n) << " [label=\"" << dot_escape(node_line(n)) << "\"];\n";
      } else {
        out << indent << id(n) << " [label=\"" << dot_escape(node_line(n))
            << "\", style=filled, fillcolor=\"#eeeeee\"];\n";
        for (std::size_t k = 0; k < n->blocks().size(); ++k) {
          const tjit::ir::Block* sub = n->blocks()[k];
          out << indent << "subgraph cluster_" << id(n) << "_" << k << " {\n"
              << indent << "  label=\"" << dot_escape(n->kind().toQualString()) << " block" << k
              << "\";\n";
          out << indent << "  " << id(sub->param_node()) << " [shape=cds, label=\"block" << k
              << " inputs\"];\n";
          block(sub, indent + "  ");
          out << indent << "  " << id(sub->return_node()) << " [shape=cds, label=\"-> block" << k
              << " outputs\"];\n";
          out << indent << "}\n";
          out << "  " << id(n) << " -> " << id(sub->param_node()) << " [style=dashed];\n";
        }
      }
      edges_into(n);
    }
    edges_into(b->return_node());
  }
};

int dot(const Args& a) {
  auto g = tjit::load(a.archive).graph(a.get("--method", "forward"));
  std::ostringstream out;
  DotWriter w{out, {}, 0};
  out << "digraph \"" << dot_escape(a.get("--method", "forward")) << "\" {\n"
      << "  node [shape=box, fontname=\"monospace\", fontsize=10];\n"
      << "  edge [fontname=\"monospace\", fontsize=9];\n";
  out << "  " << w.id(g->block()->param_node()) << " [shape=invhouse, label=\"inputs\"];\n";
  w.block(g->block(), "  ");
  out << "  " << w.id(g->block()->return_node()) << " [shape=house, label=\"return\"];\n";
  out << "}\n";
  std::cout << out.str();
  return 0;
}

// ---- bench --------------------------------------------------------------------------------------

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int bench(const Args& a) {
  const std::string input = a.need("--input"), method = a.get("--method", "forward");
  const int iters = a.count("--iters", 20);
  const int threads = a.count("--threads", tjit::get_num_threads());
  tjit::set_num_threads(threads);
  std::vector<tjit::IValue> args = load_inputs(input);
  auto t0 = std::chrono::steady_clock::now();
  tjit::Module m = tjit::load(a.archive);
  const double load_ms = ms_since(t0);
  tjit::runtime::Method f = m.get_method(method);
  t0 = std::chrono::steady_clock::now();
  f(args);
  const double first_ms = ms_since(t0);
  f(args);  // warm-up
  std::vector<double> times;
  for (int i = 0; i < iters; ++i) {
    t0 = std::chrono::steady_clock::now();
    f(args);
    times.push_back(ms_since(t0));
  }
  std::sort(times.begin(), times.end());
  const double median = times.size() % 2 ? times[times.size() / 2]
                                         : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
  char buf[512];
  if (a.has("--json")) {
    std::snprintf(buf, sizeof buf,
                  "{\"load_ms\": %.4f, \"first_call_ms\": %.4f, \"min_ms\": %.4f, "
                  "\"median_ms\": %.4f, \"max_ms\": %.4f, \"iters\": %d, \"threads\": %d}\n",
                  load_ms, first_ms, times.front(), median, times.back(), iters, threads);
  } else {
    std::snprintf(buf, sizeof buf,
                  "%s.%s, %d thread%s\n  load         %10.3f ms\n  first call   %10.3f ms\n"
                  "  %d calls:    min %.3f ms, median %.3f ms, max %.3f ms\n",
                  a.archive.c_str(), method.c_str(), threads, threads == 1 ? "" : "s", load_ms,
                  first_ms, iters, times.front(), median, times.back());
  }
  std::cout << buf;
  return 0;
}

void collect_ops(const tjit::ir::Block* b, std::set<std::string>& ops) {
  for (const tjit::ir::Node* n : b->nodes()) {
    ops.insert(n->kind().toQualString());
    for (const tjit::ir::Block* sub : n->blocks()) collect_ops(sub, ops);
  }
}

int info(const Args& a) {
  tjit::serialize::ZipReader zip = tjit::serialize::ZipReader::open(a.archive);
  std::string version = zip.has_record(".data/version") ? zip.read(".data/version")
                        : zip.has_record("version")     ? zip.read("version")
                                                        : "?";
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();
  tjit::Module m = tjit::load(a.archive);
  std::cout << "archive: " << a.archive << " (" << zip.archive_name() << "/, version " << version
            << ", " << zip.records().size() << " records)\n";

  std::map<std::string, std::vector<std::string>> classes;  // type -> methods
  std::set<std::string> ops;
  auto visit = [&](const tjit::Module& mod) {
    std::string type = mod.type()->str();
    if (classes.count(type)) return;
    auto& methods = classes[type];
    for (const auto& method : mod.get_methods()) {
      methods.push_back(method.function().name());
      collect_ops(method.function().graph()->block(), ops);
    }
  };
  visit(m);
  for (const auto& child : m.named_modules()) visit(child.value);
  std::cout << "classes:\n";
  for (const auto& [type, methods] : classes) {
    std::cout << "  " << type << ":";
    for (const auto& name : methods) std::cout << " " << name;
    std::cout << "\n";
  }
  auto count = [](const std::vector<tjit::NamedTensor>& ts, std::int64_t& elems,
                  std::int64_t& bytes) {
    for (const auto& t : ts) {
      elems += t.value.numel();
      bytes += t.value.numel() * static_cast<std::int64_t>(t.value.element_size());
    }
  };
  std::int64_t pn = 0, pb = 0, bn = 0, bb = 0;
  count(m.named_parameters(), pn, pb);
  count(m.named_buffers(), bn, bb);
  std::cout << "parameters: " << m.named_parameters().size() << " tensors, " << pn
            << " elements, " << pb << " bytes\n";
  std::cout << "buffers: " << m.named_buffers().size() << " tensors, " << bn << " elements, "
            << bb << " bytes\n";
  std::cout << "operators used (" << ops.size() << "):\n";
  for (const auto& op : ops) std::cout << "  " << op << "\n";
  if (zip.has_record("extra/" + std::string(kOptimizationsFile))) {
    std::cout << "optimizations (tjit freeze --optimize):\n";
    std::string text = zip.read("extra/" + std::string(kOptimizationsFile));
    std::size_t start = 0;
    for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
      std::cout << "  " << text.substr(start, nl - start) << "\n";
  }
  return 0;
}

int freeze(const Args& a) {
  tjit::Module m = tjit::load(a.archive);
  m.eval();
  std::vector<std::string> preserved;
  std::string list = a.get("--preserve", "");
  for (std::size_t start = 0; start < list.size();) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) preserved.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  tjit::ExtraFilesMap extra;
  tjit::Module f;
  if (!a.on.count("--optimize")) {
    f = tjit::freeze(m, preserved);
  } else {
    tjit::OptimizeReport report;
    tjit::OptimizeOptions o;
    o.bit_exact = a.on.count("--bit-exact") != 0;
    // optimize_for_inference freezes (and reports the dropouts freezing removes) unless
    // attributes are to be preserved, which only freeze takes
    f = tjit::optimize_for_inference(preserved.empty() ? m : tjit::freeze(m, preserved), o,
                                     &report);
    extra[kOptimizationsFile] = report.str();
    std::cout << report.str();
  }
  f.save(a.more.at(0), extra);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string_view cmd = argc > 1 ? argv[1] : "help";
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "version" || cmd == "--version") {
    std::cout << "tjit " << tjit::version << " (PyTorch " << tjit::reference_pytorch_version
              << " semantics)\n";
    return 0;
  }
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::cout << kUsage;
      return 0;
    }
  }
  try {
    if (cmd == "run") return run(Args(argc, argv, {"--method", "--input", "--output"}));
    if (cmd == "code") return code(Args(argc, argv, {}));
    if (cmd == "graph") return graph(Args(argc, argv, {"--method"}, {"--inlined"}));
    if (cmd == "info") return info(Args(argc, argv, {}));
    if (cmd == "dot") return dot(Args(argc, argv, {"--method"}));
    if (cmd == "bench")
      return bench(Args(argc, argv, {"--input", "--method", "--iters", "--threads"}, {"--json"}));
    if (cmd == "freeze")
      return freeze(Args(argc, argv, {"--preserve"}, {"--optimize", "--bit-exact"}, 2));
  } catch (const UsageError& e) {
    std::cerr << "tjit " << cmd << ": " << e.what() << " (see tjit --help)\n";
    return 2;
  } catch (const std::exception& e) {
    // One line: the first line of the message (TorchScript errors continue with source).
    std::string msg = e.what();
    std::cerr << "tjit " << cmd << ": " << msg.substr(0, msg.find('\n')) << "\n";
    return 1;
  }
  std::cerr << "tjit: unknown command '" << cmd << "' (see tjit --help)\n";
  return 2;
}
