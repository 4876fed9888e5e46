// Unpickler / Pickler on PyTorch 1.13's pickles (fixtures.bin, make_fixtures.py) and on
// hostile ones.
#include <doctest/doctest.h>

#include <map>

#include "support.hpp"
#include "tjit/serialize/pickle.hpp"
#include "tjit/serialize/zip.hpp"

using namespace std::string_literals;
using tjit::IValue;
using tjit::serialize::UnpicklerOptions;
using tjit::serialize::ZipReader;
using tjit_test::describe;
using tjit_test::fixture;

namespace {

// What the archive importer will do, minus compiling: one module type per qualified name.
struct Resolver {
  std::map<std::string, tjit::ir::TypePtr> types;
  tjit::ir::TypePtr operator()(const std::string& q) {
    if (q.rfind("__torch__.", 0) != 0) return nullptr;
    auto& t = types[q];
    if (!t) t = tjit::ir::Type::Module(q);
    return t;
  }
};

IValue load_pickle(const ZipReader& zip, const std::string& record, const std::string& prefix,
                   Resolver& resolver) {
  UnpicklerOptions o;
  o.storage_prefix = prefix;
  o.storage_loader = [&](const std::string& r) { return zip.get_storage(r); };
  o.type_resolver = [&](const std::string& q) { return resolver(q); };
  return tjit::serialize::unpickle(zip.read(record), o);
}

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int x : b) s.push_back(static_cast<char>(x));
  return s;
}

}  // namespace

TEST_CASE("data.pkl of a scripted module: objects, attributes, parameters") {
  ZipReader zip = ZipReader::from_buffer(fixture("module.pt"));
  Resolver resolver;
  IValue m = load_pickle(zip, "data.pkl", "data/", resolver);
  CHECK(describe(m) == fixture("module.pt.data.expect"));
  REQUIRE(m.isObject());
  CHECK(m.isModule());
  const auto& obj = m.toObjectRef();
  CHECK(obj.name() == "__torch__.M");
  CHECK(obj.getAttr("i").toInt() == 5);
  CHECK(obj.getAttr("f").toDouble() == 2.5);
  CHECK(obj.getAttr("s").toStringRef() == "hello");
  CHECK(obj.getAttr("l").toIntVector() == std::vector<std::int64_t>{1, 2, 3});
  CHECK(obj.getAttr("l").type()->str() == "int[]");
  CHECK(obj.getAttr("ls").type()->annotation_str() == "List[str]");
  CHECK(obj.getAttr("d").type()->annotation_str() == "Dict[str, float]");
  CHECK(obj.getAttr("fl").type()->annotation_str() == "List[float]");
  CHECK(obj.getAttr("tl").type()->annotation_str() == "List[Tensor]");
  tjit::Tensor w = obj.getAttr("w").toTensor();
  CHECK(w.requires_grad());
  CHECK(w.sizes() == tjit::IntArrayRef{2, 3});
  CHECK(w.data_ptr<float>()[5] == 5.0f);
  // tl[0] is w[0]: it shares w's storage.
  CHECK(obj.getAttr("tl").toTensorVector()[0].is_alias_of(w));
  const auto& sub = obj.getAttr("sub").toObjectRef();
  CHECK(sub.name() == "__torch__.Sub");
  const auto& lin = sub.getAttr("lin").toObjectRef();
  CHECK(lin.name() == "__torch__.torch.nn.modules.linear.Linear");
  CHECK(lin.getAttr("weight").toTensor().sizes() == tjit::IntArrayRef{3, 2});
  CHECK(resolver.types.size() == 3);

  IValue c = load_pickle(zip, "constants.pkl", "constants/", resolver);
  CHECK(describe(c) == fixture("module.pt.constants.expect"));
}

TEST_CASE("constants.pkl of a traced function") {
  ZipReader zip = ZipReader::from_buffer(fixture("traced.pt"));
  Resolver resolver;
  IValue c = load_pickle(zip, "constants.pkl", "constants/", resolver);
  CHECK(describe(c) == fixture("traced.pt.constants.expect"));
}

TEST_CASE("a class with declared attributes takes them from the state, in its order") {
  ZipReader zip = ZipReader::from_buffer(fixture("module.pt"));
  Resolver resolver;
  // Declare Linear as the importer would (parameters first, training last), before loading.
  auto lin = tjit::ir::Type::Module("__torch__.torch.nn.modules.linear.Linear");
  lin->classInfo()->addAttribute("training", tjit::ir::Type::Bool());
  lin->classInfo()->addAttribute("weight", tjit::ir::Type::Tensor(), true);
  lin->classInfo()->addAttribute("bias", tjit::ir::Type::Tensor(), true);
  resolver.types[lin->name()] = lin;
  IValue m = load_pickle(zip, "data.pkl", "data/", resolver);
  const auto& l = m.toObjectRef().getAttr("sub").toObjectRef().getAttr("lin").toObjectRef();
  CHECK(l.getSlot(0).toBool() == true);
  CHECK(l.getSlot(2).toTensor().sizes() == tjit::IntArrayRef{3});
  // A declared attribute the pickle lacks is an error.
  lin->classInfo()->addAttribute("missing", tjit::ir::Type::Int());
  CHECK_THROWS_WITH_AS(load_pickle(zip, "data.pkl", "data/", resolver),
                       doctest::Contains("no value for its attribute 'missing'"), tjit::Error);
}

TEST_CASE("the object hook sees every BUILD") {
  ZipReader zip = ZipReader::from_buffer(fixture("module.pt"));
  Resolver resolver;
  std::vector<std::string> built;
  UnpicklerOptions o;
  o.storage_loader = [&](const std::string& r) { return zip.get_storage(r); };
  o.type_resolver = [&](const std::string& q) { return resolver(q); };
  o.object_setstate = [&](const tjit::runtime::ObjectPtr& obj, IValue state) {
    built.push_back(obj->name());
    CHECK(state.isGenericDict());
  };
  tjit::serialize::unpickle(zip.read("data.pkl"), o);
  CHECK(built == std::vector<std::string>{"__torch__.torch.nn.modules.linear.Linear",
                                          "__torch__.Sub", "__torch__.M"});
}

TEST_CASE("Pickler: TorchScript style round trip through our Unpickler") {
  ZipReader zip = ZipReader::from_buffer(fixture("module.pt"));
  Resolver resolver;
  IValue m = load_pickle(zip, "data.pkl", "data/", resolver);
  std::vector<tjit::serialize::PickledStorage> storages;
  std::string pkl = tjit::serialize::pickle(m, &storages);
  CHECK(storages.size() == 6);  // w (shared with tl[0]), running, tl[1], buf, weight, bias
  std::map<std::string, tjit::Storage> records;
  for (auto& s : storages) records["data/" + s.key] = s.storage;
  UnpicklerOptions o;
  o.storage_loader = [&](const std::string& r) { return records.at(r); };
  o.type_resolver = [&](const std::string& q) { return resolver(q); };
  IValue again = tjit::serialize::unpickle(pkl, o);
  CHECK(describe(again) == fixture("module.pt.data.expect"));
}

TEST_CASE("hostile pickles are refused with clear errors") {
  auto refuse = [](const std::string& pkl, const std::string& msg) {
    CAPTURE(msg);
    CHECK_THROWS_WITH_AS(tjit::serialize::unpickle(pkl), doctest::Contains(msg.c_str()),
                         tjit::Error);
  };
  refuse("\x80\x02" "cos\nsystem\nX\x04\0\0\0echo\x85R."s, "os.system");
  refuse("\x80\x02" "cbuiltins\neval\n."s, "builtins.eval");
  refuse("\x80\x02" "c__torch__.x\nY\n)\x81."s, "__torch__.x.Y");  // no resolver
  refuse("\x80\x02]", "truncated");
  refuse("K\x07.", "PROTO");
  refuse("\x80\x09K\x07.", "protocol");
  refuse("\x80\x02" "t.", "MARK");
  refuse("\x80\x02" "a.", "underflow");
  refuse("\x80\x02" "h\x05.", "memo id 5");
  refuse("\x80\x02" "K\x01K\x02.", "left on the stack");
  refuse("\x80\x02" "K\x01.junk", "after STOP");
  refuse(bytes({0x80, 2, 0xFF, '.'}), "Unknown opcode");
  refuse("\x80\x02" "K\x00K\x01K\x02s."s, "SETITEM on a Int");
  refuse("\x80\x02" "\x8a\x09" "123456789."s, "does not fit");
  // A list appended to itself.
  refuse("\x80\x02]q\x00h\x00" "a."s, "cycle");
  // Deep nesting: 100000 lists inside each other.
  {
    std::string p = "\x80\x02";
    for (int i = 0; i < 100000; ++i) p += "]";
    for (int i = 0; i < 99999; ++i) p += "a";
    p += ".";
    refuse(p, "nested too deeply");
    std::string t = "\x80\x02" ")";
    for (int i = 0; i < 100000; ++i) t += "\x85";
    t += ".";
    refuse(t, "nested too deeply");
  }
  // Storage claims.
  std::string rebuild = "\x80\x02" "ctorch._utils\n_rebuild_tensor_v2\n((X\x07\0\0\0storage"
                        "ctorch\nFloatStorage\nX\x01\0\0\0" "0X\x03\0\0\0" "cpuK"s;
  auto tensor_pkl = [&](int numel, int size) {
    return rebuild + std::string(1, static_cast<char>(numel)) +
           "tQK\0(K"s + std::string(1, static_cast<char>(size)) +
           "t(K\x01t\x89" "ccollections\nOrderedDict\n)RtR."s;
  };
  UnpicklerOptions o;
  o.storage_loader = [](const std::string&) { return tjit::Storage::allocate(12); };
  CHECK(tjit::serialize::unpickle(tensor_pkl(3, 3), o).toTensor().numel() == 3);
  CHECK_THROWS_WITH_AS(tjit::serialize::unpickle(tensor_pkl(4, 4), o),
                       doctest::Contains("holds 12 bytes but the pickle claims 4 elements"),
                       tjit::Error);
  CHECK_THROWS_WITH_AS(tjit::serialize::unpickle(tensor_pkl(3, 4), o),
                       doctest::Contains("reaches outside its storage"), tjit::Error);
  CHECK_THROWS_WITH_AS(tjit::serialize::unpickle(tensor_pkl(3, 3)),
                       doctest::Contains("no storage loader"), tjit::Error);
}

TEST_CASE("every truncation and single-byte change of PyTorch's pickles is harmless") {
  ZipReader zip = ZipReader::from_buffer(fixture("module.pt"));
  std::string pkl = zip.read("data.pkl");
  Resolver resolver;
  UnpicklerOptions o;
  o.storage_loader = [&](const std::string& r) { return zip.get_storage(r); };
  o.type_resolver = [&](const std::string& q) { return resolver(q); };
  for (std::size_t n = 0; n < pkl.size(); ++n) {
    CAPTURE(n);
    resolver.types.clear();
    CHECK_THROWS_AS(tjit::serialize::unpickle(pkl.substr(0, n), o), tjit::Error);
  }
  for (std::size_t i = 0; i < pkl.size(); ++i) {
    for (unsigned char x : {0x01, 0x10, 0x80, 0xFF}) {
      std::string bad = pkl;
      bad[i] = static_cast<char>(bad[i] ^ x);
      resolver.types.clear();
      try {
        tjit::serialize::unpickle(bad, o);
      } catch (const tjit::Error&) {
      }
    }
  }
}
