// Definitions of tjit/serialize/torch_save.hpp (see tjit/core/config.hpp for TJIT_DEF).
#pragma once

#include <algorithm>
#include <fstream>
#include <istream>
#include <iterator>
#include <ostream>

#include "tjit/serialize/pickle.hpp"
#include "tjit/serialize/torch_save.hpp"
#include "tjit/serialize/zip.hpp"

namespace tjit {

namespace serialize::detail {

inline void check_not_legacy(const std::uint8_t* d, std::size_t n) {
  if (n >= 2 && d[0] == 0x80 && d[1] == 0x02)
    throw Error(
        "this is a legacy torch.save file (the pre-1.6 format, written with "
        "_use_new_zipfile_serialization=False), which tjit does not read: load it with "
        "torch.load in Python and save it again with torch.save");
}

}  // namespace serialize::detail

TJIT_DEF IValue load_tensors(const serialize::ZipReader& zip) {
  TJIT_CHECK(!zip.has_record("constants.pkl"),
             "this is a TorchScript archive (written by torch.jit.save), not a torch.save file: "
             "load it as a module");
  std::string version = zip.has_record(".data/version") ? zip.read(".data/version")
                        : zip.has_record("version")      ? zip.read("version")
                                                         : std::string();
  TJIT_CHECK(!version.empty(), "PytorchStreamReader failed locating file version: file not found");
  std::int64_t v = 0;
  for (char c : version) {
    if (c == '\n') break;
    TJIT_CHECK(c >= '0' && c <= '9' && v < 1000000, "invalid version record '", version, "'");
    v = v * 10 + (c - '0');
  }
  TJIT_CHECK(v >= 1 && v <= 10, "Attempted to read a PyTorch file with version ", v,
             ", but the maximum supported version for reading is 10");
  serialize::UnpicklerOptions o;
  o.storage_loader = [&](const std::string& record) { return zip.get_storage(record); };
  return serialize::unpickle(zip.read("data.pkl"), o);
}

TJIT_DEF IValue load_tensors(const std::string& path) {
  serialize::ZipReader zip = [&] {
    try {
      return serialize::ZipReader::open(path);
    } catch (const Error&) {
      std::ifstream f(path, std::ios::binary);
      char head[2] = {0, 0};
      if (f && f.read(head, 2))
        serialize::detail::check_not_legacy(reinterpret_cast<std::uint8_t*>(head), 2);
      throw;
    }
  }();
  try {
    return load_tensors(zip);
  } catch (Error& e) {
    e.add_context("while loading " + path);
    throw;
  }
}

TJIT_DEF IValue load_tensors(std::istream& in) {
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  serialize::detail::check_not_legacy(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                      bytes.size());
  return load_tensors(serialize::ZipReader::from_buffer(bytes));
}

namespace serialize {

TJIT_DEF void write_torch_save(const IValue& value, ZipWriter& zip) {
  PicklerOptions po;
  po.style = PickleStyle::TorchSave;
  std::vector<PickledStorage> storages;
  std::string pkl = pickle(value, &storages, po);
  zip.write_record("data.pkl", pkl);
  std::sort(storages.begin(), storages.end(),
            [](const PickledStorage& a, const PickledStorage& b) { return a.key < b.key; });
  for (const PickledStorage& s : storages)
    zip.write_record("data/" + s.key, s.storage.data(),
                     static_cast<std::size_t>(s.numel) * element_size(s.dtype));
  zip.write_record("version", "3\n");
}

TJIT_DEF IValue tensor_dict(const std::vector<std::pair<std::string, Tensor>>& tensors) {
  auto d = runtime::make_dict(ir::Type::Str(), ir::Type::Tensor());
  for (const auto& [k, t] : tensors) d->insert_or_assign(IValue(k), IValue(t));
  return IValue(d);
}

}  // namespace serialize

TJIT_DEF void save(const IValue& value, const std::string& path) {
  serialize::ZipWriter zip(path);
  serialize::write_torch_save(value, zip);
  zip.finalize();
}

TJIT_DEF void save(const IValue& value, std::ostream& out) {
  serialize::ZipWriter zip(out);
  serialize::write_torch_save(value, zip);
  zip.finalize();
}

TJIT_DEF void save(const std::vector<std::pair<std::string, Tensor>>& tensors,
                   const std::string& path) {
  save(serialize::tensor_dict(tensors), path);
}

TJIT_DEF void save(const std::vector<std::pair<std::string, Tensor>>& tensors,
                   std::ostream& out) {
  save(serialize::tensor_dict(tensors), out);
}

}  // namespace tjit
