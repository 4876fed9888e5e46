// tjit/serialize/import.hpp — loading `torch.jit.save` archives: tjit::load, as
// torch::jit::load (../shared/notes/torchscript-archive-format.md).
//
//   tjit::ExtraFilesMap extra{{"notes.txt", ""}};        // asked-for extra/ files are filled in
//   tjit::Module m = tjit::load("model.pt", &extra);
//   tjit::IValue y = m.forward({x});
//
// What happens: the archive is memory-mapped (ZipReader); `.data/version` or `version` is read
// (1–10 accepted); `constants.pkl` is unpickled (tensors from `constants/`); then `data.pkl`,
// whose TorchScript classes are compiled from `code/<qualifier>.py` as the unpickler meets them
// (one CompilationUnit per archive; a file's methods compile when the file is first needed, and
// any file it refers to with it). `__setstate__` is called when a class has one. Weights alias
// the mapping: nothing is copied. Archives older than an operator's semantic change are
// upgraded as PyTorch upgrades them (§8: integer `div` truncates before version 4, `full` with
// an integer fill makes floats before version 5, `linspace`/`logspace` without `steps` take
// 100 before versions 8/9).
//
// Errors are tjit::Error: a malformed zip or pickle, a global that is not PyTorch's (never
// run), a missing code file. When the code calls operators tjit does not have, the error lists
// every one of them with where the archive uses it — not only the first.
// Builds on serialize/zip.hpp, pickle.hpp, module.hpp and frontend/emitter.hpp.
#pragma once

#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/serialize/module.hpp"
#include "tjit/serialize/zip.hpp"

namespace tjit {

// Loads an archive. `extra_files`: the entries asked for (keys) are filled with the bytes of
// `extra/<key>` when the archive has it (others are left as they are); an empty map is filled
// with every extra file of the archive.
Module load(const std::string& path, ExtraFilesMap* extra_files = nullptr);
Module load(std::istream& in, ExtraFilesMap* extra_files = nullptr);

namespace serialize {

Module import_module(const ZipReader& zip, ExtraFilesMap* extra_files = nullptr);

// The archive's format version (`.data/version`, else `version`); throws when missing or
// outside 1..10.
int archive_version(const ZipReader& zip);

// An operator the archive's code calls that tjit's registry does not have, and where
// ("code/__torch__/m.py:7:10").
struct MissingOperator {
  std::string name;  // "aten::stft"
  std::vector<std::string> locations;
};
// Every such operator of the archive's code/ files, in first-use order.
std::vector<MissingOperator> find_missing_operators(const ZipReader& zip);

}  // namespace serialize
}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/serialize/detail/import_impl.hpp"
#endif
