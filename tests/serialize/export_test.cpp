// Archive export against PyTorch 1.13. The test drives /usr/bin/python3 itself (the script
// export_check.py is test data), with every file in $TEST_TMPDIR:
//  (a) modules compiled from TorchScript source with the emitter — parameters, buffers,
//      attributes of every type, submodules, a script class, an enum, exported methods, a
//      NamedTuple return, a free function, a tensor constant — are run by tjit, exported, and
//      then loaded by torch.jit.load, run on the same inputs and compared with tjit's outputs;
//      PyTorch's `.code` of each method must equal tjit's printed code, and PyTorch saving the
//      loaded module again must write the same code/ files as tjit did;
//  (b) archives torch.jit.save wrote are read back with a small loader (ZipReader + unpickler +
//      the emitter) and exported again: every record must be byte-identical to PyTorch's
//      (code/ text, data.pkl, data/N, constants, version, record order; the optional .debug_pkl
//      files aside), and the result must load and run in PyTorch as the original does.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"
#include "tjit/frontend/code_printer.hpp"
#include "tjit/frontend/emitter.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/serialize/export.hpp"
#include "tjit/serialize/pickle.hpp"
#include "tjit/serialize/torch_save.hpp"
#include "tjit/serialize/zip.hpp"
#include "tjit/tensor/tensor.hpp"

namespace {

using tjit::IValue;
using tjit::Tensor;
namespace rt = tjit::runtime;
namespace ser = tjit::serialize;
using tjit::ir::Type;

std::string tmpdir() {
  const char* d = std::getenv("TEST_TMPDIR");
  return d ? d : "/tmp";
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}

// Runs the check script; returns its verdict lines.
std::vector<std::string> run_python(const std::string& args) {
  std::string cmd = "/usr/bin/python3 " + tjit_test::runfile("tests/serialize/export_check.py") +
                    " " + args + " 2>" + tmpdir() + "/python_stderr.txt";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  if (rc != 0) {
    std::string err = tjit_test::read_file(tmpdir() + "/python_stderr.txt");
    FAIL_CHECK("python failed (" << rc << "): " << err);
  }
  std::vector<std::string> lines;
  std::istringstream s(out);
  for (std::string l; std::getline(s, l);) lines.push_back(l);
  return lines;
}

// The methods' code as `module.method.code` shows it.
void write_method_code(const std::string& base, const rt::CompilationUnit& cu,
                       const rt::ObjectPtr& m, const std::string& method) {
  rt::Function* f = cu.find_method(m->type(), method);
  REQUIRE(f);
  auto schema = f->getSchema();
  write_file(base + "." + method + ".code",
             tjit::frontend::print_method_code(*f->graph(), method, &schema));
}

// ---- (a) a module compiled from source ----------------------------------------------------

const char* kSource = R"(class Sub(Module):
  __parameters__ = ["w", ]
  __buffers__ = []
  w : Tensor
  training : bool
  k : int
  def forward(self, x: Tensor) -> Tensor:
    return x * self.w + self.k
  def twice(self, x: Tensor) -> Tensor:
    return self.forward(self.forward(x))
class Out(NamedTuple):
  y : Tensor
  n : int
class State:
  v : int
  def __init__(self, v: int) -> NoneType:
    self.v = v
  def get(self) -> int:
    return self.v
class Color(Enum):
  RED = 1
  GREEN = 2
class M(Module):
  __parameters__ = ["weight", ]
  __buffers__ = ["running", ]
  weight : Tensor
  running : Tensor
  training : bool
  i : int
  f : float
  b : bool
  s : str
  l : List[int]
  lf : List[float]
  ls : List[str]
  d : Dict[str, float]
  t : Tuple[int, str]
  o : Optional[Tensor]
  oi : Optional[int]
  tl : List[Tensor]
  dt : Dict[str, Tensor]
  st : __torch__.exp.State
  color : __torch__.exp.Color
  sub : __torch__.exp.Sub
  K : Final[int] = 7
  def forward(self, x: Tensor) -> Tuple[Tensor, int, str]:
    y = self.sub(x) + torch.sum(self.weight) + torch.to(self.running, 6)
    if self.b:
      y = y * self.f
    n = self.i + len(self.l) + len(self.ls) + int(self.d["b"]) + self.t[0] + self.st.get()
    n = n + self.K
    # Optional attributes are used without `is not None` refinement: the emitter orders an
    # `if`'s outputs and keeps its unused ones differently from PyTorch's, so such code prints
    # differently from what PyTorch prints after loading it (an emitter matter, not export's).
    n = n + len([self.oi]) + len([self.o])
    y = y + self.tl[0] + torch.sum(self.dt["z"]) + CONSTANTS.c0 + self.lf[1]
    return y, n, self.s + self.ls[0]
  def extra(self, x: Tensor, k: int=2) -> __torch__.exp.Out:
    return __torch__.exp.Out(helper(self.sub.twice(x), k), k + 1)
def helper(x: Tensor, k: int) -> Tensor:
  return x * k
)";

struct Built {
  std::shared_ptr<rt::CompilationUnit> cu;
  rt::ObjectPtr module;
};

Built build_module() {
  auto cu = std::make_shared<rt::CompilationUnit>();
  tjit::frontend::CompileOptions o;
  o.qualifier = "__torch__.exp";
  Tensor c0 = tjit::tensor<float>({0.25f, 0.5f});
  o.constants = [c0](std::size_t i) -> std::optional<IValue> {
    if (i == 0) return IValue(c0);
    return std::nullopt;
  };
  tjit::frontend::define(*cu, std::make_shared<const tjit::Source>(kSource, "code/__torch__/exp.py"),
                         o);
  auto sub = rt::create_object(*cu, "__torch__.exp.Sub");
  Tensor w = tjit::tensor<float>({2.f, 3.f});
  w.set_requires_grad(true);
  sub->setAttr("w", w);
  sub->setAttr("training", true);
  sub->setAttr("k", 1);
  auto st = rt::create_object(*cu, "__torch__.exp.State");
  st->setAttr("v", 3);
  auto m = rt::create_object(*cu, "__torch__.exp.M");
  Tensor weight = tjit::tensor<float>({1.f, 2.f, 3.f, 4.f}, tjit::Shape{2, 2});
  weight.set_requires_grad(true);
  m->setAttr("weight", weight);
  m->setAttr("running", tjit::tensor<double>({0.5, -0.5}));
  m->setAttr("training", false);
  m->setAttr("i", 5);
  m->setAttr("f", 2.5);
  m->setAttr("b", true);
  m->setAttr("s", std::string("hello \"world\"\n"));
  m->setAttr("l", rt::make_list(Type::Int(), {1, 2, 3}));
  m->setAttr("lf", rt::make_list(Type::Float(), {0.5, 1.5}));
  m->setAttr("ls", rt::make_list(Type::Str(), {std::string("a"), std::string("b")}));
  auto d = rt::make_dict(Type::Str(), Type::Float());
  d->insert_or_assign(std::string("a"), 1.0);
  d->insert_or_assign(std::string("b"), 2.0);
  m->setAttr("d", d);
  m->setAttr("t", rt::make_tuple({1, std::string("x")}));
  m->setAttr("o", IValue());
  m->setAttr("oi", 4);
  // Two tensors sharing one storage (a view), and an int64 one.
  Tensor base = tjit::tensor<float>({1.f, 1.f, 7.f});
  m->setAttr("tl", rt::make_list(Type::Tensor(), {base.slice(0, 0, 2), base}));
  auto dt = rt::make_dict(Type::Str(), Type::Tensor());
  dt->insert_or_assign(std::string("z"), tjit::tensor<std::int64_t>({0, 1, 2}));
  m->setAttr("dt", dt);
  m->setAttr("st", st);
  tjit::ir::TypePtr color = cu->find_type("__torch__.exp.Color");
  REQUIRE(color);
  m->setAttr("color", tjit::make_intrusive<rt::EnumObj>(color, "GREEN", IValue(2)));
  m->setAttr("sub", sub);
  return {cu, m};
}

IValue tuple_of(std::vector<IValue> v) { return rt::make_tuple(std::move(v)); }

// Writes <name>.tjit.pt, its inputs, tjit's outputs, the method name and the methods' code.
void export_case(const std::string& name, const Built& b, const std::string& method,
                 const std::vector<std::vector<IValue>>& inputs, bool with_extra = false) {
  const std::string base = tmpdir() + "/" + name;
  std::vector<IValue> ins, outs;
  for (const auto& args : inputs) {
    ins.push_back(tuple_of(args));
    outs.push_back(rt::Method(b.module, *b.cu, method)(args));
  }
  tjit::save(rt::make_list(Type::Any(), ins), base + ".in.pt");
  tjit::save(rt::make_list(Type::Any(), outs), base + ".out.pt");
  write_file(base + ".method", method);
  for (const auto& m : b.module->type()->classInfo()->method_names)
    write_method_code(base, *b.cu, b.module, m);
  ser::ExportOptions o;
  o.compilation_unit = b.cu.get();
  if (with_extra) {
    o.extra_files["notes.txt"] = "made by tjit";
    write_file(base + ".extra", "made by tjit");
  }
  ser::export_module(b.module, base + ".tjit.pt", o);
}

// ---- (b) a small loader for PyTorch's archives ---------------------------------------------

Built tiny_load(const std::string& path) {
  auto zip = std::make_shared<ser::ZipReader>(ser::ZipReader::open(path));
  auto cu = std::make_shared<rt::CompilationUnit>();
  auto files = std::make_shared<std::map<std::string, std::string>>();
  for (const auto& r : zip->records())
    if (r.rfind("code/", 0) == 0 && r.size() > 8 && r.compare(r.size() - 3, 3, ".py") == 0) {
      std::string q = r.substr(5, r.size() - 8);
      for (char& c : q)
        if (c == '/') c = '.';
      (*files)[q] = r;
    }
  ser::UnpicklerOptions co;
  co.storage_loader = [zip](const std::string& rec) { return zip->get_storage(rec); };
  co.storage_prefix = "constants/";
  IValue constants = ser::unpickle(zip->read("constants.pkl"), co);
  auto defined = std::make_shared<std::set<std::string>>();
  auto resolver = std::make_shared<std::function<bool(const std::string&)>>();
  *resolver = [=](const std::string& name) -> bool {
    std::string q = name;
    while (true) {
      auto dot = q.rfind('.');
      if (dot == std::string::npos) return false;
      q = q.substr(0, dot);
      auto it = files->find(q);
      if (it == files->end()) continue;
      if (!defined->insert(q).second) return false;
      tjit::frontend::CompileOptions o;
      o.qualifier = q;
      o.resolver = [resolver](const std::string& n) { return (*resolver)(n); };
      o.constants = [constants](std::size_t i) -> std::optional<IValue> {
        const auto& e = constants.toTupleRef().elements();
        if (i < e.size()) return e[i];
        return std::nullopt;
      };
      tjit::frontend::define(*cu, std::make_shared<const tjit::Source>(zip->read(it->second),
                                                                        it->second),
                             o);
      return true;
    }
  };
  ser::UnpicklerOptions o;
  o.storage_loader = [zip](const std::string& rec) { return zip->get_storage(rec); };
  o.type_resolver = [=](const std::string& q) -> tjit::ir::TypePtr {
    if (!cu->find_type(q)) (*resolver)(q);
    return cu->find_type(q);
  };
  IValue root = ser::unpickle(zip->read("data.pkl"), o);
  REQUIRE(root.isObject());
  return {cu, root.toObject()};
}

}  // namespace

TEST_CASE("exported archives load and run in PyTorch 1.13, and re-export PyTorch's byte for byte") {
  const std::string dir = tmpdir();
  // (b) PyTorch's archives, re-exported.
  std::vector<std::string> made = run_python("make " + dir);
  REQUIRE(!made.empty());
  int compared = 0;
  for (const auto& line : made) {
    std::istringstream s(line);
    std::string tag, name, method;
    s >> tag >> name >> method;
    REQUIRE(tag == "MODULE");
    CAPTURE(name);
    const std::string base = dir + "/" + name;
    Built b = tiny_load(base + ".pt");
    write_file(base + ".method", method);
    for (const auto& m : b.module->type()->classInfo()->method_names)
      write_method_code(base, *b.cu, b.module, m);
    ser::ExportOptions o;
    o.compilation_unit = b.cu.get();
    ser::export_module(b.module, base + ".tjit.pt", o);
    // Record by record against PyTorch's archive.
    auto theirs = ser::ZipReader::open(base + ".pt");
    auto ours = ser::ZipReader::open(base + ".tjit.pt");
    CHECK(ours.archive_name() == name + ".tjit");
    std::vector<std::string> want;
    for (const auto& r : theirs.records())
      if (r.size() < 10 || r.compare(r.size() - 10, 10, ".debug_pkl") != 0) want.push_back(r);
    CHECK(ours.records() == want);
    for (const auto& r : want) {
      CAPTURE(r);
      if (!ours.has_record(r)) continue;
      std::string a = theirs.read(r), c = ours.read(r);
      CHECK_MESSAGE(a == c, "record " << r << " differs:\n--- PyTorch\n"
                                      << a << "\n--- tjit\n"
                                      << c);
      ++compared;
    }
  }
  CHECK(compared >= 15);

  // (a) modules built from source.
  Built b = build_module();
  export_case("src_forward", b, "forward", {{tjit::tensor<float>({1.f, -1.f})}}, true);
  export_case("src_extra", b, "extra",
              {{tjit::tensor<float>({1.f, 2.f}), 3}, {tjit::tensor<float>({0.5f, 4.f}), 2}});

  // PyTorch's verdicts on everything written.
  std::vector<std::string> verdicts = run_python("check " + dir);
  int ok = 0;
  std::set<std::string> names;
  for (const auto& v : verdicts) {
    if (v.rfind("OK ", 0) == 0) {
      ++ok;
      names.insert(v.substr(3, v.find(' ', 3) - 3));
    } else {
      FAIL_CHECK(v);
    }
  }
  MESSAGE(ok << " PyTorch checks passed on " << names.size() << " archives");
  CHECK(names.size() == made.size() + 2);
  CHECK(ok >= 20);
}
