// Definitions of tjit/serialize/export.hpp (see tjit/core/config.hpp for how they are compiled).
//
// Note [What torch.jit.save writes, in which order]
// PyTorch 1.13's ScriptModuleSerializer::serialize, step for step:
// 1. `extra/<name>` records.
// 2. data.pkl is pickled; the pickler records every object's class as it meets it (pre-order:
//    the root, then its attributes in slot order). The storages go to `data/0`, `data/1`, ...
//    (first-use order), then data.pkl itself; then each recorded class is printed
//    (convertNamedType).
// 3. convertTypes(root): the root class and then every dependency the printed code registered
//    (attribute types, classes, NamedTuples and enums used in signatures and bodies, functions
//    called), breadth first, each printed once. A type goes to the file of its qualifier
//    (`__torch__.a.b.C` → code/__torch__/a/b.py); files are written in the order they were
//    first needed, classes inside a file in the order they were printed. All files share one
//    constant table.
// 4. code files (deflated when larger than 200 bytes, as PyTorch compresses them), then the
//    constants: `constants/<N>` storages and constants.pkl.
// 5. The version: 3, raised to the version of the newest operator upgrader the code uses
//    (../shared/notes/torchscript-archive-format.md §2, §8); `.data/version` from 6 on.
#pragma once

#include <deque>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/frontend/code_printer.hpp"
#include "tjit/serialize/export.hpp"
#include "tjit/serialize/pickle.hpp"
#include "tjit/serialize/zip.hpp"

namespace tjit::serialize {

namespace detail {

// The archive version an operator's semantics need (the upgraders of PyTorch 1.13: every
// overload of these operators is versioned).
inline std::int64_t operator_version(const std::string& kind) {
  if (kind == "aten::div" || kind == "aten::div_") return 4;
  if (kind == "aten::full") return 5;
  if (kind == "aten::linspace") return 8;
  if (kind == "aten::logspace") return 9;
  if (kind == "aten::gelu") return 10;
  return 0;
}

inline void raise_version(const ir::Block* b, std::int64_t& version) {
  for (const ir::Node* n : b->nodes()) {
    version = std::max(version, operator_version(n->kind().toQualString()));
    for (const ir::Block* sb : n->blocks()) raise_version(sb, version);
    for (ir::Symbol a : n->attributeNames())
      if (n->kindOf(a) == ir::AttributeKind::g) raise_version(n->g(a)->block(), version);
  }
}

class ArchiveExporter {
 public:
  explicit ArchiveExporter(const runtime::CompilationUnit& cu) : cu_(cu) {}

  // Step 2: data.pkl and its storages; records the classes of the objects met.
  std::string pickle_data(const runtime::ObjectPtr& module, std::vector<PickledStorage>& storages) {
    PicklerOptions o;
    o.object_getstate = [this](const runtime::Object& obj) -> std::optional<runtime::IValue> {
      add_dep(obj.type(), pickled_types_);
      if (!cu_.find_method(obj.type(), "__getstate__")) return std::nullopt;
      runtime::ObjectPtr self(const_cast<runtime::Object*>(&obj));
      return runtime::Method(self, cu_, "__getstate__")({});
    };
    Pickler p(std::move(o));
    std::string bytes = p.pickle(runtime::IValue(module));
    storages = p.storages();
    return bytes;
  }

  // Steps 2 (printing the pickled classes) and 3.
  void convert_types(const ir::TypePtr& root) {
    for (std::size_t i = 0; i < pickled_types_.size(); ++i) convert(pickled_types_[i]);
    add_dep(root, deps_);
    for (std::size_t i = 0; i < deps_.size(); ++i) convert(deps_[i]);
  }

  std::vector<std::pair<std::string, std::string>> code_files() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : files_) {
      std::string path = "code/";
      for (char c : f.qualifier) path += c == '.' ? '/' : c;
      out.emplace_back(path + ".py", f.printer->str());
    }
    return out;
  }
  std::vector<runtime::IValue> constants() const {
    std::vector<runtime::IValue> out;
    for (const auto& c : constant_table_) out.push_back(runtime::from_literal(c));
    return out;
  }
  std::int64_t version() const { return version_; }

 private:
  struct File {
    std::string qualifier;
    std::unique_ptr<frontend::CodePrinter> printer;
    std::size_t deps_seen = 0;
  };

  static std::string key(const ir::TypePtr& t) {
    return std::to_string(static_cast<int>(t->kind())) + ":" + t->name();
  }
  void add_dep(const ir::TypePtr& t, std::vector<ir::TypePtr>& list) {
    std::string k = key(t);
    if (listed_[&list].insert(k).second) list.push_back(t);
  }

  File& file_for(const std::string& qualifier) {
    for (auto& f : files_)
      if (f.qualifier == qualifier) return f;
    frontend::CodePrinterOptions o;
    o.constant_table = &constant_table_;
    files_.push_back(File{qualifier, std::make_unique<frontend::CodePrinter>(std::move(o)), 0});
    return files_.back();
  }

  const runtime::Function& function(const std::string& qualname, const std::string& what) const {
    runtime::Function* f = cu_.find_function(qualname);
    TJIT_CHECK(f, "cannot export ", what, " '", qualname,
               "': it is not compiled in the module's CompilationUnit");
    return *f;
  }

  void convert(const ir::TypePtr& t) {
    if (!converted_.insert(key(t)).second) return;
    const std::string& qual = t->name();
    auto dot = qual.rfind('.');
    TJIT_CHECK(dot != std::string::npos && dot > 0, "cannot export type '", qual,
               "': archives need qualified names such as __torch__.Name");
    File& f = file_for(qual.substr(0, dot));
    switch (t->kind()) {
      case ir::TypeKind::ClassType: {
        std::vector<frontend::MethodCode> methods;
        for (const std::string& m : t->classInfo()->method_names) {
          const runtime::Function& fn = function(qual + "." + m, "method");
          schemas_.push_back(fn.getSchema());
          raise_version(fn.graph()->block(), version_);
          methods.push_back({m, fn.graph().get(), &schemas_.back()});
        }
        f.printer->print_class(t, methods);
        break;
      }
      case ir::TypeKind::TupleType:
      case ir::TypeKind::EnumType:
        f.printer->print_named_type(t);
        break;
      case ir::TypeKind::FunctionType: {
        const runtime::Function& fn = function(qual, "function");
        schemas_.push_back(fn.getSchema());
        raise_version(fn.graph()->block(), version_);
        f.printer->print_function(*fn.graph(), qual.substr(dot + 1), &schemas_.back(), true);
        break;
      }
      default:
        throw Error(tjit::detail::str_cat("cannot export ", t->str(), " '", qual,
                                          "': interfaces are not supported by the exporter yet"));
    }
    const auto& deps = f.printer->dependencies();
    for (; f.deps_seen < deps.size(); ++f.deps_seen) add_dep(deps[f.deps_seen], deps_);
  }

  const runtime::CompilationUnit& cu_;
  std::vector<ir::TypePtr> pickled_types_, deps_;
  std::unordered_map<const void*, std::set<std::string>> listed_;
  std::set<std::string> converted_;
  std::deque<File> files_;
  std::deque<ir::FunctionSchema> schemas_;
  std::vector<ir::Literal> constant_table_;
  std::int64_t version_ = 3;
};

inline const runtime::CompilationUnit& unit_of(const runtime::ObjectPtr& module,
                                               const ExportOptions& options) {
  TJIT_CHECK(module, "export_module: the module is null");
  TJIT_CHECK(module->type()->is_module(), "export_module: '", module->name(),
             "' is not a module (archives hold a module object at their root)");
  if (options.compilation_unit) return *options.compilation_unit;
  TJIT_CHECK(module->compilation_unit,
             "export_module: no CompilationUnit: set ExportOptions::compilation_unit to the unit "
             "the module's classes were compiled into");
  return *static_cast<const runtime::CompilationUnit*>(module->compilation_unit.get());
}

inline void write_storages(ZipWriter& zip, const std::string& prefix,
                           const std::vector<PickledStorage>& storages) {
  for (const auto& s : storages) {
    std::size_t n = static_cast<std::size_t>(s.numel) * element_size(s.dtype);
    zip.write_record(prefix + s.key, s.storage.data(), n);
  }
}

}  // namespace detail

TJIT_DEF void export_module(const runtime::ObjectPtr& module, ZipWriter& zip,
                            const ExportOptions& options) {
  const runtime::CompilationUnit& cu = detail::unit_of(module, options);
  detail::ArchiveExporter ex(cu);
  for (const auto& [name, bytes] : options.extra_files) zip.write_record("extra/" + name, bytes);
  std::vector<PickledStorage> storages;
  std::string data = ex.pickle_data(module, storages);
  detail::write_storages(zip, "data/", storages);
  zip.write_record("data.pkl", data);
  ex.convert_types(module->type());
  for (const auto& [name, text] : ex.code_files())
    zip.write_record(name, text, text.size() > 200 ? Compression::Deflated : Compression::Stored);
  std::vector<PickledStorage> constant_storages;
  std::string constants =
      pickle(runtime::IValue(runtime::make_tuple(ex.constants())), &constant_storages);
  detail::write_storages(zip, "constants/", constant_storages);
  zip.write_record("constants.pkl", constants);
  std::string version = std::to_string(ex.version()) + "\n";
  zip.write_record(ex.version() >= 6 ? ".data/version" : "version", version);
}

TJIT_DEF void export_module(const runtime::ObjectPtr& module, std::ostream& out,
                            const ExportOptions& options) {
  ZipWriter zip(out, options.archive_name.empty() ? "archive" : options.archive_name);
  export_module(module, zip, options);
  zip.finalize();
}

TJIT_DEF void export_module(const runtime::ObjectPtr& module, const std::string& path,
                            const ExportOptions& options) {
  if (options.archive_name.empty()) {
    ZipWriter zip(path);
    export_module(module, zip, options);
    zip.finalize();
    return;
  }
  std::ofstream f(path, std::ios::binary);
  TJIT_CHECK(f, "cannot open '", path, "' for writing");
  export_module(module, f, options);
  f.close();
  TJIT_CHECK(f, "error writing '", path, "'");
}

TJIT_DEF ExportedCode export_code(const runtime::ObjectPtr& module, const ExportOptions& options) {
  const runtime::CompilationUnit& cu = detail::unit_of(module, options);
  detail::ArchiveExporter ex(cu);
  std::vector<PickledStorage> storages;
  ex.pickle_data(module, storages);
  ex.convert_types(module->type());
  return ExportedCode{ex.code_files(), ex.constants(), ex.version()};
}

}  // namespace tjit::serialize
