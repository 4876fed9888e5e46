// tjit/serialize/torch_save.hpp — `torch.save` / `torch.load` files (the zip format PyTorch
// writes by default since 1.6; ../shared/notes/torchscript-archive-format.md §5).
//
//   tjit::IValue sd = tjit::load_tensors("weights.pt");   // a state_dict: Dict[str, Tensor]
//   tjit::Tensor w = sd.toDictRef().at("fc.weight").toTensor();
//   tjit::save({{"w", w}, {"b", b}}, "out.pt");            // torch.load("out.pt") reads it
//
// load_tensors returns what PyTorch saved: tensors (views sharing storage stay views of one
// storage; stored records are aliased from the memory-mapped file, not copied), dicts and
// state_dicts (insertion-ordered Dict[str, Tensor]), lists, tuples, numbers, strings, devices,
// dtypes (as ints). Parameters load as tensors with requires_grad set. Python objects other
// than those (a whole nn.Module pickled by torch.save, arbitrary classes) are refused: loading
// never runs code. Legacy (pre-1.6) files are recognised and refused with a clear message.
//
// save writes the file torch.save would write for the same value: records `data.pkl`,
// `data/<key>` (keys "0", "1", ... in first-use order, written in string order), `version`
// ("3"), in PyTorch's zip layout.
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/serialize/zip.hpp"
#include "tjit/tensor/tensor_base.hpp"

namespace tjit {

IValue load_tensors(const std::string& path);
IValue load_tensors(std::istream& in);
// From an open archive (the zip of a torch.save file).
IValue load_tensors(const serialize::ZipReader& zip);

// Writes `value` (tensors and containers of them, numbers, strings, None, devices).
void save(const IValue& value, const std::string& path);
void save(const IValue& value, std::ostream& out);
// A dict of named tensors, in the given order (what `torch.save(state_dict)` reads back as).
void save(const std::vector<std::pair<std::string, Tensor>>& tensors, const std::string& path);
void save(const std::vector<std::pair<std::string, Tensor>>& tensors, std::ostream& out);

// The names of the user-facing API, over the same reader and writer:
// `tjit::pickle_load(path)` is what Python's torch.load(path) gives (tensors, tuples, lists,
// dicts, numbers, strings, None, ...); `tjit::pickle_save(value, path)` writes what
// torch.save(value, path) writes, so torch.load reads it back.
inline IValue pickle_load(const std::string& path) { return load_tensors(path); }
inline IValue pickle_load(std::istream& in) { return load_tensors(in); }
inline void pickle_save(const IValue& value, const std::string& path) { save(value, path); }
inline void pickle_save(const IValue& value, std::ostream& out) { save(value, out); }

namespace serialize {
// Writes the records of a torch.save file for `value` into `zip` (does not finalize).
void write_torch_save(const IValue& value, ZipWriter& zip);
// The value as a Dict[str, Tensor] keeping the order.
IValue tensor_dict(const std::vector<std::pair<std::string, Tensor>>& tensors);
}  // namespace serialize

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/serialize/detail/torch_save_impl.hpp"
#endif
