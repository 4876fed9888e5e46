// tjit::load_tensors / tjit::save on torch.save files PyTorch 1.13 wrote (fixtures.bin).
#include <doctest/doctest.h>

#include <sstream>

#include "support.hpp"
#include "tjit/serialize/torch_save.hpp"
#include "tjit/tensor/tensor.hpp"

using tjit::IValue;
using tjit_test::describe;
using tjit_test::fixture;
using tjit_test::fixtures;

namespace {
IValue load_bytes(const std::string& bytes) {
  std::istringstream in(bytes);
  return tjit::load_tensors(in);
}
}  // namespace

TEST_CASE("every torch.save fixture loads as PyTorch loads it") {
  int n = 0;
  for (const auto& [name, bytes] : fixtures()) {
    auto e = fixtures().find(name + ".expect");
    if (e == fixtures().end() || name.rfind("module", 0) == 0) continue;
    CAPTURE(name);
    CHECK(describe(load_bytes(bytes)) == e->second);
    // From a file: memory-mapped, stored records aliased.
    std::string path = tjit_test::temp_file(name, bytes);
    CHECK(describe(tjit::load_tensors(path)) == e->second);
    ++n;
  }
  CHECK(n == 22);
}

TEST_CASE("state_dict: insertion-ordered Dict[str, Tensor]") {
  IValue sd = tjit::load_tensors(tjit_test::temp_file("sd.pt", fixture("state_dict.pt")));
  REQUIRE(sd.isGenericDict());
  CHECK(sd.type()->annotation_str() == "Dict[str, Tensor]");
  const auto& d = sd.toDictRef();
  CHECK(d.entries().front().first.toStringRef() == "0.weight");
  CHECK(d.entries().back().first.toStringRef() == "2.bias");
  tjit::Tensor nbt = d.at(IValue("1.num_batches_tracked")).toTensor();
  CHECK(nbt.dim() == 0);
  CHECK(nbt.scalar_type() == tjit::kLong);
  // Loaded tensors are ordinary tensors: they compute.
  tjit::Tensor w = d.at(IValue("0.weight")).toTensor();
  CHECK(tjit::sum(w * 0).item<float>() == 0.0f);
}

TEST_CASE("views keep sharing one storage") {
  IValue v = load_bytes(fixture("views.pt"));
  auto ts = v.toTensorVector();
  REQUIRE(ts.size() == 6);
  for (int i = 1; i < 5; ++i) CHECK(ts[i].is_alias_of(ts[0]));
  tjit::add_(ts[2], 100);  // a[1] += 100 writes through into a
  CHECK(ts[0].select(0, 1).select(0, 0).item<float>() == 106.0f);
  CHECK(v.type()->annotation_str() == "List[Tensor]");
}

TEST_CASE("parameters and requires_grad") {
  CHECK(load_bytes(fixture("parameter.pt")).toTensor().requires_grad());
  CHECK(load_bytes(fixture("requires_grad.pt")).toTensor().requires_grad());
  CHECK_FALSE(load_bytes(fixture("single_tensor.pt")).toTensor().requires_grad());
}

TEST_CASE("files that are not plain torch.save files") {
  CHECK_THROWS_WITH_AS(load_bytes(fixture("legacy.pt")),
                       doctest::Contains("legacy torch.save file"), tjit::Error);
  CHECK_THROWS_WITH_AS(tjit::load_tensors(tjit_test::temp_file("legacy.pt", fixture("legacy.pt"))),
                       doctest::Contains("legacy torch.save file"), tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("module.pt")),
                       doctest::Contains("TorchScript archive"), tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("whole_module.pt")),
                       doctest::Contains("torch.nn.modules.linear.Linear"), tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("evil_os_system.pt")),
                       doctest::Contains("refusing to load global os.system"), tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("evil_eval.pt")),
                       doctest::Contains("builtins.eval"), tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("claims_more_than_record.pt")),
                       doctest::Contains("holds 12 bytes but the pickle claims 4 elements"),
                       tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("view_outside_storage.pt")),
                       doctest::Contains("reaches outside its storage"), tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("record_missing.pt")),
                       doctest::Contains("data/0: file not found"), tjit::Error);
  CHECK_THROWS_WITH_AS(load_bytes(fixture("protocol1.pt")), doctest::Contains("PROTO"),
                       tjit::Error);
  CHECK(load_bytes(fixture("ok_handmade.pt")).toTensor().numel() == 3);
  CHECK_THROWS_WITH_AS(tjit::load_tensors("/nonexistent.pt"), doctest::Contains("No such file"),
                       tjit::Error);
}

TEST_CASE("every truncation of a torch.save file is an error") {
  const std::string& good = fixture("views.pt");
  for (std::size_t n = 0; n < good.size(); ++n) {
    CAPTURE(n);
    CHECK_THROWS_AS(load_bytes(good.substr(0, n)), tjit::Error);
  }
}

TEST_CASE("save then load in tjit") {
  tjit::Tensor a = tjit::arange(12, tjit::kFloat).view({3, 4});
  std::ostringstream out;
  tjit::save({{"a", a}, {"at", a.t()}, {"row", a.select(0, 2)}, {"n", tjit::ones({0})}}, out);
  IValue back = load_bytes(out.str());
  const auto& d = back.toDictRef();
  CHECK(d.size() == 4);
  CHECK(d.at(IValue("at")).toTensor().strides() == tjit::IntArrayRef{1, 4});
  CHECK(d.at(IValue("row")).toTensor().storage_offset() == 8);
  CHECK(d.at(IValue("row")).toTensor().is_alias_of(d.at(IValue("a")).toTensor()));
  CHECK(describe(d.at(IValue("a"))) == describe(IValue(a)));
  // One storage record for the three views, one for the empty tensor.
  auto zip = tjit::serialize::ZipReader::from_buffer(out.str());
  CHECK(zip.records() == std::vector<std::string>{"data.pkl", "data/0", "data/1", "version"});
}
