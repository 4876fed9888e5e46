// Writes files with tjit for check_roundtrip.py to read back with PyTorch; roundtrip_test calls
// write_roundtrip_files(fixtures.bin, $TEST_TMPDIR) and then runs the script itself.
//   resaved_<fixture>   every torch.save fixture loaded by tjit and saved again
//   built.pt            tensors and containers made in C++
//   module_resaved.pt   module.pt with data.pkl re-pickled by tjit's Pickler, code/ deflated
#include <iostream>
#include <map>

#include "support.hpp"
#include "tjit/serialize/pickle.hpp"
#include "tjit/serialize/torch_save.hpp"
#include "tjit/serialize/zip.hpp"
#include "tjit/tensor/tensor.hpp"

using tjit::IValue;
namespace ser = tjit::serialize;

// Returns 0, or 1 after printing the error to stderr.
int write_roundtrip_files(const std::string& fixtures, const std::string& dir) {
  auto bundle = tjit_test::read_bundle(fixtures);
  try {
    for (const auto& [name, bytes] : bundle) {
      if (!bundle.count(name + ".expect") || name.rfind("module", 0) == 0) continue;
      IValue v = tjit::load_tensors(tjit_test::temp_file("in_" + name, bytes));
      tjit::save(v, dir + "/resaved_" + name);
    }

    // Made in C++: views of one storage, every container kind torch.save files hold.
    tjit::Tensor a = tjit::arange(12, tjit::kFloat).view({3, 4});
    auto inner = tjit::runtime::make_dict(tjit::ir::Type::Str(), tjit::ir::Type::Any());
    inner->insert_or_assign(IValue("x"), IValue(1.5));
    inner->insert_or_assign(IValue("y"), IValue());
    inner->insert_or_assign(IValue("z"), IValue(std::vector<std::int64_t>{1, 2, 3}));
    auto d = tjit::runtime::make_dict(tjit::ir::Type::Str(), tjit::ir::Type::Any());
    d->insert_or_assign(IValue("a"), IValue(a));
    d->insert_or_assign(IValue("views"), IValue(std::vector<tjit::Tensor>{a.t(), a.select(0, 1), a.slice(1, 1, 3)}));
    d->insert_or_assign(IValue("tuple"), IValue(std::make_tuple(tjit::ones({2}, tjit::kLong), std::string("s"), true)));
    d->insert_or_assign(IValue("inner"), IValue(inner));
    d->insert_or_assign(IValue("scalar"), IValue(tjit::scalar_tensor(2.5, tjit::kDouble)));
    d->insert_or_assign(IValue("empty"), IValue(tjit::zeros({0, 2})));
    d->insert_or_assign(IValue("big"), IValue(std::int64_t(1) << 40));
    d->insert_or_assign(IValue("neg"), IValue(std::int64_t(-7)));
    d->insert_or_assign(IValue("grad"), IValue(tjit::ones({2}).set_requires_grad(true)));
    tjit::save(IValue(d), dir + "/built.pt");

    // The scripted module of module.pt, its data.pkl re-pickled by tjit.
    auto zip = ser::ZipReader::from_buffer(bundle.at("module.pt"));
    std::map<std::string, tjit::ir::TypePtr> types;
    ser::UnpicklerOptions o;
    o.storage_loader = [&](const std::string& r) { return zip.get_storage(r); };
    o.type_resolver = [&](const std::string& q) {
      auto& t = types[q];
      if (!t) t = tjit::ir::Type::Module(q);
      return t;
    };
    IValue m = ser::unpickle(zip.read("data.pkl"), o);
    std::vector<ser::PickledStorage> storages;
    std::string pkl = ser::pickle(m, &storages);
    ser::ZipWriter w(dir + "/module_resaved.pt");
    for (const auto& s : storages)
      w.write_record("data/" + s.key, s.storage.data(),
                     static_cast<std::size_t>(s.numel) * tjit::element_size(s.dtype));
    w.write_record("data.pkl", pkl);
    for (const auto& rec : zip.records())
      if (rec.rfind("code/", 0) == 0) w.write_record(rec, zip.read(rec), ser::Compression::Deflated);
    w.write_record("constants.pkl", ser::pickle(ser::unpickle(zip.read("constants.pkl"), o)));
    w.write_record("version", zip.read("version"));
    w.finalize();
  } catch (const std::exception& e) {
    std::cerr << "roundtrip_writer: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
