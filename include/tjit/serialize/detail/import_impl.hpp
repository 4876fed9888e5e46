// Definitions of serialize/import.hpp.
#pragma once

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "tjit/frontend/emitter.hpp"
#include "tjit/frontend/lexer.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/serialize/import.hpp"
#include "tjit/serialize/pickle.hpp"

namespace tjit::serialize {

namespace detail {

// Note [Upgraders]
// PyTorch 1.13 rewrites calls of operators whose meaning changed when it loads an archive
// older than the change (§8 of the archive-format notes). We do the same on the graphs once
// the archive's code is compiled: `div` on tensors before version 4 is replaced by the body of
// an upgrader function (true division when either side is floating point, else truncation),
// `full` with an integer/bool fill and no dtype before version 5 gets its fill converted to
// float, `linspace`/`logspace` whose `steps` is None before versions 8/9 get 100 steps (their
// old schema, with `int? steps`, is offered to the emitter for such archives). `gelu` before
// version 10 had no `approximate` argument; the current schema's default gives the old meaning.
inline const runtime::CompilationUnit& upgraders() {
  static const std::shared_ptr<runtime::CompilationUnit> cu = tjit::compile(R"(
def div_Tensor_0_3(self: Tensor, other: Tensor) -> Tensor:
  if torch.is_floating_point(self) or torch.is_floating_point(other):
    return torch.div(self, other)
  return torch.div(self, other, rounding_mode="trunc")
def div_int_0_3(self: Tensor, other: int) -> Tensor:
  if torch.is_floating_point(self):
    return torch.div(self, other)
  return torch.div(self, other, rounding_mode="trunc")
def div__Tensor_0_3(self: Tensor, other: Tensor) -> Tensor:
  if torch.is_floating_point(self) or torch.is_floating_point(other):
    return torch.div_(self, other)
  return torch.div_(self, other, rounding_mode="trunc")
def div__int_0_3(self: Tensor, other: int) -> Tensor:
  if torch.is_floating_point(self):
    return torch.div_(self, other)
  return torch.div_(self, other, rounding_mode="trunc")
)");
  return *cu;
}

inline void collect_nodes(ir::Block* b, std::vector<ir::Node*>& out) {
  for (ir::Node* n : b->nodes()) {
    out.push_back(n);
    for (ir::Block* sub : n->blocks()) collect_nodes(sub, out);
  }
}

inline bool is_none_constant(const ir::Value* v) {
  auto c = v->node()->constantValue();
  return c && c->is_none();
}

inline void apply_upgraders(ir::Graph& g, int version) {
  std::vector<ir::Node*> nodes;
  collect_nodes(g.block(), nodes);
  const ir::Symbol div = ir::Symbol::aten("div"), div_ = ir::Symbol::aten("div_"),
                   full = ir::Symbol::aten("full"), linspace = ir::Symbol::aten("linspace"),
                   logspace = ir::Symbol::aten("logspace");
  for (ir::Node* n : nodes) {
    const auto& in = n->inputs();
    if (version < 4 && (n->kind() == div || n->kind() == div_) && !in.empty() &&
        in[0]->type()->isSubtypeOf(*ir::Type::Tensor())) {
      // div.Tensor / div.Scalar (two inputs), or the _mode overloads with rounding_mode None.
      if (in.size() == 3 && is_none_constant(in[2])) n->removeInput(2);
      if (n->inputs().size() != 2) continue;
      const ir::Type& other = *n->inputs()[1]->type();
      const bool inplace = n->kind() == div_;
      std::string fn;
      if (other.isSubtypeOf(*ir::Type::Tensor())) fn = inplace ? "div__Tensor_0_3" : "div_Tensor_0_3";
      else if (other.kind() == ir::TypeKind::IntType || other.kind() == ir::TypeKind::BoolType)
        fn = inplace ? "div__int_0_3" : "div_int_0_3";
      else continue;  // a float divisor always divided truly
      ir::inlineCallTo(n, *upgraders().get_function(fn).graph());
    } else if (version < 5 && n->kind() == full && in.size() == 6 && is_none_constant(in[2])) {
      const ir::Type& fill = *in[1]->type();
      if (fill.kind() != ir::TypeKind::IntType && fill.kind() != ir::TypeKind::BoolType) continue;
      ir::WithInsertPoint guard(n);
      ir::Node* f = g.insertNodeOf(ir::Symbol::aten("Float"), {in[1]});
      f->output()->setType(ir::Type::Float());
      n->replaceInput(1, f->output());
    } else if (((version < 8 && n->kind() == linspace) || (version < 9 && n->kind() == logspace)) &&
               in.size() >= 3 && is_none_constant(in[2])) {
      ir::WithInsertPoint guard(n);
      n->replaceInput(2, g.insertConstant(ir::Literal(std::int64_t(100))));
    }
  }
}

// The old schemas of operators whose signature changed (Note [Upgraders]).
inline std::vector<const ir::FunctionSchema*> old_schemas(ir::Symbol name, int version) {
  static const ir::FunctionSchema linspace = ir::parse_schema(
      "aten::linspace(Scalar start, Scalar end, int? steps=None, *, ScalarType? dtype=None, "
      "Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor");
  static const ir::FunctionSchema logspace = ir::parse_schema(
      "aten::logspace(Scalar start, Scalar end, int? steps=None, float base=10.0, *, "
      "ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) "
      "-> Tensor");
  if (version < 8 && name == ir::Symbol::aten("linspace")) return {&linspace};
  if (version < 9 && name == ir::Symbol::aten("logspace")) return {&logspace};
  return {};
}

inline std::string code_record(const std::string& qualifier) {
  std::string p = qualifier;
  for (char& c : p)
    if (c == '.') c = '/';
  return "code/" + p + ".py";
}

class Importer {
 public:
  explicit Importer(const ZipReader& zip) : zip_(zip), cu_(std::make_shared<runtime::CompilationUnit>()) {}

  Module run(ExtraFilesMap* extra_files) {
    version_ = archive_version(zip_);
    options_.resolver = [this](const std::string& q) { return define_file_for(q); };
    options_.constants = [this](std::size_t i) -> std::optional<IValue> {
      if (i < constants_.size()) return constants_[i];
      return std::nullopt;
    };
    if (version_ < 9) {
      const int v = version_;
      options_.extra_schemas = [v](ir::Symbol name) { return old_schemas(name, v); };
    }
    TJIT_CHECK(zip_.has_record("data.pkl"),
               "this is not a TorchScript archive: it has no data.pkl (file not found: ",
               zip_.archive_name(), "/data.pkl)");
    TJIT_CHECK(zip_.has_record("constants.pkl"),
               "the archive has no constants.pkl (file not found: ", zip_.archive_name(),
               "/constants.pkl)");
    IValue root;
    try {
      UnpicklerOptions co = unpickler_options("constants/");
      IValue c = unpickle(zip_.read("constants.pkl"), co);
      TJIT_CHECK(c.isTuple(), "constants.pkl does not hold a tuple");
      constants_ = c.toTupleRef().elements();
      root = unpickle(zip_.read("data.pkl"), unpickler_options("data/"));
    } catch (const Error& e) {
      report_missing_operators(e);
      // The emitter reports a file that failed to compile while resolving a name as an unknown
      // name; the first error met is the cause.
      if (first_error_ && *first_error_ != e.what()) throw Error(*first_error_);
      throw;
    }
    TJIT_CHECK(root.isObject() && root.toObjectRef().type()->is_module(),
               "data.pkl does not hold a module (found ", root.type()->repr_str(), ")");
    for (runtime::Function* f : cu_->get_functions()) apply_upgraders(*f->graph(), version_);
    if (extra_files) read_extra_files(*extra_files);
    return Module(cu_, root.toObject());
  }

 private:
  UnpicklerOptions unpickler_options(const std::string& prefix) {
    UnpicklerOptions o;
    o.storage_prefix = prefix;
    o.storage_loader = [this](const std::string& record) { return zip_.get_storage(record); };
    o.max_protocol = 2;
    o.type_resolver = [this](const std::string& q) -> ir::TypePtr {
      if (ir::TypePtr t = cu_->find_type(q)) return t;
      define_file_for(q);
      if (ir::TypePtr t = cu_->find_type(q)) return t;
      auto dot = q.rfind('.');
      if (q.rfind("__torch__.", 0) == 0 && dot != std::string::npos) {
        std::string rec = code_record(q.substr(0, dot));
        TJIT_CHECK(zip_.has_record(rec), "Unknown type name '", q, "': the archive has no ",
                   zip_.archive_name(), "/", rec);
        TJIT_CHECK(false, "Unknown type name '", q, "': ", zip_.archive_name(), "/", rec,
                   " does not define it");
      }
      return nullptr;  // not a TorchScript class: the unpickler refuses the global
    };
    o.object_setstate = [this](const runtime::ObjectPtr& obj, IValue state) {
      set_state(obj, std::move(state));
    };
    return o;
  }

  void set_state(const runtime::ObjectPtr& obj, IValue state) {
    obj->compilation_unit = cu_;
    if (runtime::Function* f = cu_->find_method(obj->type(), "__setstate__")) {
      (*f)({IValue(obj), std::move(state)});
      return;
    }
    TJIT_CHECK(state.isGenericDict(), "the state of ", obj->name(),
               " is not a dict and its class has no __setstate__");
    const runtime::DictObj& d = state.toDictRef();
    const auto& attrs = obj->type()->classInfo()->attributes;
    for (std::size_t i = 0; i < attrs.size(); ++i) {
      const IValue* v = d.find(IValue(attrs[i].name));
      TJIT_CHECK(v, "object of class ", obj->name(), " has no value for its attribute '",
                 attrs[i].name, "' in data.pkl");
      obj->setSlot(i, *v);
    }
  }

  // Defines the code file that should hold `qualname` (a class or function), once.
  bool define_file_for(const std::string& qualname) {
    auto dot = qualname.rfind('.');
    if (dot == std::string::npos) return false;
    std::string q = qualname.substr(0, dot);
    if (!tried_.insert(q).second) return false;
    std::string rec = code_record(q);
    if (!zip_.has_record(rec)) return false;
    auto src = std::make_shared<const Source>(zip_.read(rec), rec);
    frontend::CompileOptions o = options_;
    o.qualifier = q;
    try {
      frontend::define(*cu_, src, o);
    } catch (const Error& e) {
      if (!first_error_) first_error_ = e.what();
      throw;
    }
    return true;
  }

  void read_extra_files(ExtraFilesMap& extra) {
    if (extra.empty()) {
      for (const std::string& r : zip_.records())
        if (r.rfind("extra/", 0) == 0) extra[r.substr(6)] = zip_.read(r);
      return;
    }
    for (auto& [name, bytes] : extra)
      if (zip_.has_record("extra/" + name)) bytes = zip_.read("extra/" + name);
  }

  // Note [Missing operators]
  // The emitter stops at the first call it cannot resolve. When loading fails, the code/ files
  // are scanned for every operator they name (`torch.x`, `ops.ns.x`) that the registry lacks;
  // if there are any, the error lists them all, each with its locations.
  void report_missing_operators(const Error& original) {
    std::vector<MissingOperator> missing;
    try {
      missing = find_missing_operators(zip_);
    } catch (const Error&) {
      return;
    }
    if (missing.empty()) return;
    std::ostringstream msg;
    msg << "the archive uses " << missing.size() << " operator" << (missing.size() == 1 ? "" : "s")
        << " that tjit does not have:\n";
    for (const auto& m : missing) {
      msg << "  " << m.name << " at ";
      for (std::size_t i = 0; i < m.locations.size() && i < 3; ++i)
        msg << (i ? ", " : "") << m.locations[i];
      if (m.locations.size() > 3) msg << " and " << m.locations.size() - 3 << " more";
      msg << "\n";
    }
    msg << "(the first error was: " << original.what() << ")";
    throw Error(msg.str());
  }

  const ZipReader& zip_;
  std::shared_ptr<runtime::CompilationUnit> cu_;
  frontend::CompileOptions options_;
  std::vector<IValue> constants_;
  std::set<std::string> tried_;
  std::optional<std::string> first_error_;
  int version_ = 0;
};

}  // namespace detail

TJIT_DEF int archive_version(const ZipReader& zip) {
  std::string rec = zip.has_record(".data/version") ? ".data/version" : "version";
  TJIT_CHECK(zip.has_record(rec), "the archive has no version record (", zip.archive_name(),
             "/version): it is not a torch.jit.save archive");
  std::string text = zip.read(rec);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  int v = 0;
  bool ok = !text.empty() && text.size() < 6;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) v = v * 10 + (c - '0');
  }
  TJIT_CHECK(ok, "the archive's version record holds '", text, "', not a number");
  TJIT_CHECK(v >= 1, "the archive's version ", v, " is below the minimum supported version 1");
  TJIT_CHECK(v <= 10, "the archive's version is ", v,
             ", but the maximum supported version for reading is 10 (PyTorch 1.13's)");
  return v;
}

TJIT_DEF std::vector<MissingOperator> find_missing_operators(const ZipReader& zip) {
  std::vector<MissingOperator> out;
  std::map<std::string, std::size_t> index;
  const auto& registry = runtime::OperatorRegistry::instance();
  for (const std::string& rec : zip.records()) {
    if (rec.rfind("code/", 0) != 0 || rec.size() < 3 || rec.compare(rec.size() - 3, 3, ".py") != 0)
      continue;
    auto src = std::make_shared<const Source>(zip.read(rec), rec);
    std::vector<frontend::Token> toks;
    try {
      toks = frontend::tokenize(src);
    } catch (const Error&) {
      continue;  // a file that does not lex reports its own error when compiled
    }
    auto text = [&](std::size_t i) {
      return std::string_view(src->text()).substr(toks[i].start, toks[i].end - toks[i].start);
    };
    auto is = [&](std::size_t i, frontend::Tok k) { return i < toks.size() && toks[i].kind == k; };
    using frontend::Tok;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (!is(i, Tok::Ident) || (i > 0 && is(i - 1, Tok::Dot))) continue;
      std::string name;
      std::size_t at = i;
      std::string_view head = text(i);
      if ((head == "torch" || head == "math") && is(i + 1, Tok::Dot) && is(i + 2, Tok::Ident)) {
        std::string_view f = text(i + 2);
        if (is(i + 3, Tok::Dot)) continue;  // torch.nn.functional..., torch.jit...
        if (head == "math" && (f == "pi" || f == "e" || f == "inf" || f == "nan")) continue;
        name = "aten::" + std::string(f);
        at = i + 2;
      } else if (head == "ops" && is(i + 1, Tok::Dot) && is(i + 2, Tok::Ident) &&
                 is(i + 3, Tok::Dot) && is(i + 4, Tok::Ident)) {
        name = std::string(text(i + 2)) + "::" + std::string(text(i + 4));
        at = i + 4;
      } else {
        continue;
      }
      if (!registry.lookup(ir::Symbol::fromQualString(name)).empty()) continue;
      auto [line, col] = [&] {
        std::size_t ln = 1, c = 1;
        for (std::size_t k = 0; k < toks[at].start; ++k) {
          if (src->text()[k] == '\n') { ++ln; c = 1; } else { ++c; }
        }
        return std::pair{ln, c};
      }();
      std::string loc = rec + ":" + std::to_string(line) + ":" + std::to_string(col);
      auto it = index.find(name);
      if (it == index.end()) {
        index.emplace(name, out.size());
        out.push_back({name, {loc}});
      } else {
        out[it->second].locations.push_back(loc);
      }
    }
  }
  return out;
}

TJIT_DEF Module import_module(const ZipReader& zip, ExtraFilesMap* extra_files) {
  detail::Importer imp(zip);
  return imp.run(extra_files);
}

}  // namespace tjit::serialize

namespace tjit {

TJIT_DEF Module load(const std::string& path, ExtraFilesMap* extra_files) {
  {
    std::ifstream probe(path, std::ios::binary);
    TJIT_CHECK(probe, "cannot open file ", path);
    char head[2] = {0, 0};
    probe.read(head, 2);
    TJIT_CHECK(!(head[0] == '\x80' && head[1] == '\x02'), "tjit::load: ", path,
               " is a file from torch.save() in the legacy format, not a TorchScript archive");
  }
  serialize::ZipReader zip = serialize::ZipReader::open(path);
  return serialize::import_module(zip, extra_files);
}

TJIT_DEF Module load(std::istream& in, ExtraFilesMap* extra_files) {
  serialize::ZipReader zip = serialize::ZipReader::from_stream(in);
  return serialize::import_module(zip, extra_files);
}

}  // namespace tjit
