// The `tjit` command: run a TorchScript archive, print its code, graphs and contents.
// Every failure prints one line on stderr ("tjit: ...") and exits with status 1 (2 for usage).
#include <cstdint>
#include <cstring>
#include <iostream>
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
  std::string need(const std::string& flag) const {
    auto it = options.find(flag);
    if (it == options.end()) throw UsageError(flag + " is required");
    return it->second;
  }
};

int run(const Args& a) {
  const std::string input = a.need("--input"), output = a.need("--output");
  tjit::Module m = tjit::load(a.archive);
  tjit::IValue in = tjit::pickle_load(input);
  if (!in.isTuple())
    throw tjit::Error("--input must hold a tuple of the positional arguments, not a " +
                      std::string(in.tagKind()));
  std::vector<tjit::IValue> args = in.toTupleRef().elements();
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
