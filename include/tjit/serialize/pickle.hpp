// tjit/serialize/pickle.hpp — the pickle layer of archives and torch.save files: an Unpickler
// that turns `data.pkl` / `constants.pkl` into IValues, and a Pickler that writes them back as
// PyTorch does (../shared/notes/torchscript-archive-format.md §4).
//
//   serialize::UnpicklerOptions o;
//   o.storage_loader = [&](const std::string& record) { return zip.get_storage(record); };
//   o.type_resolver = [&](const std::string& qualname) { return importer.class_type(qualname); };
//   IValue module = serialize::unpickle(zip.read("data.pkl"), o);
//
// Safety: a pickle can name any Python callable. The Unpickler only understands the GLOBALs
// PyTorch's own loader understands (§4.6: tensor and parameter rebuilders, storage classes,
// dtypes, torch.device, OrderedDict, complex, the torch.jit._pickle helpers) plus the classes
// the type resolver knows (TorchScript classes, compiled from the archive's code/, never Python).
// Anything else — `os.system`, `builtins.eval`, a Python class — is refused with an error naming
// it. Every read is bounds-checked; sizes claimed for storages and tensors are checked against
// the record bytes; a malformed pickle gives a tjit::Error, never a crash.
//
// Builds on runtime/ivalue.hpp and tensor/.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/core/error.hpp"
#include "tjit/ir/type.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/scalar_type.hpp"
#include "tjit/tensor/storage.hpp"
#include "tjit/tensor/tensor_base.hpp"

namespace tjit::serialize {

using runtime::IValue;
using ir::TypePtr;

// `torch <Name>Storage` ↔ dtype ("Float" ↔ float32, ...); nullopt for unknown names.
std::optional<ScalarType> dtype_of_storage_class(std::string_view name);
std::string storage_class_of_dtype(ScalarType t);  // "FloatStorage"

struct UnpicklerOptions {
  // Returns the bytes of a storage record, e.g. "data/0" (`storage_prefix` + the pickle's key).
  // Called once per key; the result is checked against numel * itemsize the pickle claims.
  std::function<Storage(const std::string& record)> storage_loader;
  std::string storage_prefix = "data/";
  // Resolves a GLOBAL that is not one of PyTorch's own (§4.6), e.g. "__torch__.foo.Bar" for
  // GLOBAL '__torch__.foo Bar', to a class or enum type — the archive importer compiles the
  // class from code/ here, lazily. Returning null refuses the global. Unset: every such global
  // is refused (torch.save files hold no TorchScript classes).
  std::function<TypePtr(const std::string& qualified_name)> type_resolver;
  // Sets an object's state at BUILD (the importer calls the class's __setstate__ here when it
  // has one). Unset: the state must be a dict; every attribute the class declares is taken
  // from it (missing ones are an error, extra ones ignored), and a class that declares no
  // attributes yet gets one per dict entry, typed after its value.
  std::function<void(const runtime::ObjectPtr& obj, IValue state)> object_setstate;
  // Accept pickle protocols 2–5 (Python's torch.save with pickle_protocol>2); TorchScript
  // archives are always protocol 2.
  int max_protocol = 5;
  // Containers nested deeper than this are refused (deep nesting would exhaust the C++ stack).
  int max_depth = 1000;
};

// Parses one pickle (stops at STOP; trailing bytes are an error).
IValue unpickle(std::string_view bytes, const UnpicklerOptions& options = {});

enum class PickleStyle {
  // As torch.jit.save writes data.pkl / constants.pkl (§4.3): typed list wrappers,
  // restore_type_tag on dicts, objects by NEWOBJ + BUILD.
  TorchScript,
  // As torch.save writes data.pkl (§5.2): plain Python lists, dicts and tuples.
  TorchSave,
};

// A storage the pickle refers to; the caller writes `storage`'s bytes as record
// `<prefix><key>` (numel * element_size(dtype) bytes).
struct PickledStorage {
  std::string key;
  Storage storage;
  ScalarType dtype;
  std::int64_t numel;
};

struct PicklerOptions {
  PickleStyle style = PickleStyle::TorchScript;
  // The first storage key; keys count up from it as storages are met ("0", "1", ...).
  std::int64_t first_key = 0;
  // An object's state when its class has __getstate__ (the exporter calls it); return nullopt
  // to write the attributes as a dict.
  std::function<std::optional<IValue>(const runtime::Object& obj)> object_getstate;
};

class Pickler {
 public:
  explicit Pickler(PicklerOptions options = {}) : options_(std::move(options)) {}
  // Pickles `v` as a whole pickle (PROTO 2 ... STOP) and returns the bytes; storages met are
  // appended to storages() (each once: tensors sharing a storage share it in the pickle).
  std::string pickle(const IValue& v);
  const std::vector<PickledStorage>& storages() const { return storages_; }

 private:
  void push(const IValue& v, int depth);
  void push_impl(const IValue& v, int depth);
  void push_tensor(const Tensor& t);
  void push_storage(const Tensor& t);
  void push_int(std::int64_t i);
  void push_double(double d);
  void push_string(const std::string& s);
  void push_global(std::string_view module, std::string_view name);
  void push_list(const runtime::ListObj& l, int depth);
  void push_dict(const runtime::DictObj& d, int depth);
  void push_tuple_items(const std::vector<IValue>& items, int depth);
  void put_memo();  // BINPUT / LONG_BINPUT of the next id
  void get_memo(std::uint32_t id);
  void op(std::uint8_t code) { out_.push_back(static_cast<char>(code)); }

  PicklerOptions options_;
  std::string out_;
  std::uint32_t next_memo_ = 0;
  std::unordered_map<std::string, std::uint32_t> memo_strings_, memo_globals_;
  std::unordered_map<const void*, std::uint32_t> memo_ptrs_, memo_storages_;
  std::vector<IValue> keep_;  // holds memoized values so their addresses stay unique
  std::vector<PickledStorage> storages_;
};

// One-shot helper: pickle `v`, appending the storages met to `*storages` when given.
std::string pickle(const IValue& v, std::vector<PickledStorage>* storages = nullptr,
                   PicklerOptions options = {});

}  // namespace tjit::serialize

#ifdef TJIT_HEADER_ONLY
#include "tjit/serialize/detail/pickle_impl.hpp"
#endif
