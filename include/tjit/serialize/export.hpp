// tjit/serialize/export.hpp — writes a module object as the archive `torch.jit.save` writes, so
// that PyTorch 1.13's `torch.jit.load` loads it and runs it
// (../shared/notes/torchscript-archive-format.md).
//
//   tjit::serialize::ExportOptions o;
//   o.compilation_unit = cu.get();               // where the module's methods are compiled
//   o.extra_files["notes.txt"] = "hello";        // torch.jit.load(..., _extra_files=...)
//   tjit::serialize::export_module(module, "model.pt", o);
//
// What is written, in PyTorch's record order: `extra/<name>`, `data/<N>` (every storage once,
// shared storages stay shared), `data.pkl` (the object tree), `code/<qualifier>.py` (one file per
// Python module path: every class — modules with `__parameters__`, `__buffers__` and their
// attribute declarations, script classes, NamedTuples, enums — and free function reached from the
// module, in the order PyTorch's serializer prints them), `constants/<N>` and `constants.pkl` (the
// tensors and non-ASCII strings the code refers to as `CONSTANTS.cN`), and `version` (3, raised
// as PyTorch raises it for operators whose semantics changed: `div` 4, `full` 5, `linspace` 8,
// `logspace` 9, `gelu` 10; `.data/version` from 6 on). PyTorch 1.13 writes no `byteorder` record
// and no `import` lines, and neither do we; the optional `.debug_pkl` files are not written.
//
// Builds on serialize/zip.hpp, serialize/pickle.hpp, frontend/code_printer.hpp and the runtime.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/serialize/zip.hpp"

namespace tjit::serialize {

struct ExportOptions {
  // Written as `extra/<name>` records (in name order), as torch.jit.save's `_extra_files`.
  std::map<std::string, std::string> extra_files;
  // The archive's top-level folder. Empty: what torch.jit.save 1.13 uses — `archive` for a
  // stream, the file name without its last extension for a path (`a.pt` → `a`).
  std::string archive_name;
  // The unit holding the methods of the module's classes (and the functions they call). Null:
  // the unit the root object's `compilation_unit` points to (set by tjit::load / tjit::Module).
  const runtime::CompilationUnit* compilation_unit = nullptr;
};

// Writes the archive of `module` (an object of a module class) to a stream or a file.
// Throws tjit::Error when the module cannot be exported (a value that has no archive form, a
// class whose methods are not in the unit, an interface type).
void export_module(const runtime::ObjectPtr& module, std::ostream& out,
                   const ExportOptions& options = {});
void export_module(const runtime::ObjectPtr& module, const std::string& path,
                   const ExportOptions& options = {});
// Writes the records into `zip` (does not finalize it).
void export_module(const runtime::ObjectPtr& module, ZipWriter& zip,
                   const ExportOptions& options = {});

// The code/ files of the archive, in the order they are written: (record name, source text),
// e.g. ("code/__torch__/m.py", "class M(Module):\n..."); with the constant table they refer to.
struct ExportedCode {
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<runtime::IValue> constants;
  std::int64_t version = 3;
};
ExportedCode export_code(const runtime::ObjectPtr& module, const ExportOptions& options = {});

}  // namespace tjit::serialize

#ifdef TJIT_HEADER_ONLY
#include "tjit/serialize/detail/export_impl.hpp"
#endif
