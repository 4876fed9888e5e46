// IValue: layout, conversions, sharing, printing (as TorchScript's print() prints, checked
// against PyTorch 1.13), dict order, equality and hashing.
#include <doctest/doctest.h>

#include <sstream>

#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/tensor.hpp"

using namespace tjit;
using namespace tjit::runtime;

static std::string printed(const IValue& v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

TEST_CASE("IValue is 16 bytes and a tensor one pointer") {
  CHECK(sizeof(IValue) == 16);
  CHECK(sizeof(Tensor) == sizeof(void*));
}

TEST_CASE("scalars are inline and typed") {
  IValue i = 3, d = 2.5, b = true, n;
  CHECK(i.isInt());
  CHECK(i.toInt() == 3);
  CHECK(d.toDouble() == 2.5);
  CHECK(b.toBool());
  CHECK(n.isNone());
  CHECK(i.type()->str() == "int");
  CHECK(d.type()->str() == "float");
  CHECK(IValue(ScalarType::Float).toInt() == 6);
  CHECK(IValue(6).toScalarType() == ScalarType::Float);
  CHECK_THROWS_WITH_AS(i.toDouble(), "Expected Double but got Int", TypeError);
  CHECK_THROWS_WITH_AS(IValue(99).toScalarType(), "dtype code 99 is not a dtype tjit supports",
                       Error);
  CHECK(IValue(Device("cpu")).toDevice() == Device("cpu"));
}

TEST_CASE("tensors are shared, moved without copies") {
  Tensor t = tjit::ones({2});
  IValue v = t;
  CHECK(t.use_count() == 2);
  IValue w = std::move(v);
  CHECK(t.use_count() == 2);
  CHECK(v.isNone());
  CHECK(w.toTensor().is_same(t));
  Tensor back = std::move(w).toTensor();
  CHECK(back.is_same(t));
}

TEST_CASE("lists are shared heap objects with an element type") {
  IValue a = std::vector<std::int64_t>{1, 2, 3};
  IValue b = a;
  b.toListRef().items.push_back(4);
  CHECK(a.toIntVector() == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(a.type()->str() == "int[]");
  CHECK(a.isIntList());
  CHECK(a.toListRef().at(-1).toInt() == 4);
  CHECK_THROWS_WITH_AS(a.toListRef().at(4), "list index out of range", IndexError);
  CHECK(a == IValue(std::vector<std::int64_t>{1, 2, 3, 4}));
  CHECK(a.is(b));
  CHECK(!a.is(IValue(std::vector<std::int64_t>{1, 2, 3, 4})));
}

TEST_CASE("dicts keep insertion order through erase and reassign") {
  auto d = make_dict(ir::Type::Str(), ir::Type::Int());
  d->insert_or_assign("b", 1);
  d->insert_or_assign("a", 2);
  d->insert_or_assign("c", 3);
  d->insert_or_assign("b", 10);
  CHECK(d->erase("a"));
  CHECK(!d->erase("zz"));
  CHECK(printed(d) == "{b: 10, c: 3}");
  CHECK(d->at("c").toInt() == 3);
  CHECK_THROWS_WITH_AS(d->at("zz"), "\"zz\"", KeyError);
  CHECK(IValue(d).type()->str() == "Dict(str, int)");
}

TEST_CASE("printing follows TorchScript's print()") {
  // From PyTorch 1.13: print(["a", "b"], {"k": 1.0, "j": 2.5}, (1, "s", 2.0), 1.0, 3, True,
  // None, "str", torch.device("cpu")) inside a scripted function.
  auto d = make_dict(ir::Type::Str(), ir::Type::Float());
  d->insert_or_assign("k", 1.0);
  d->insert_or_assign("j", 2.5);
  std::vector<IValue> vals{std::vector<std::string>{"a", "b"},
                           d,
                           std::make_tuple(IValue(1), IValue("s"), IValue(2.0)),
                           1.0,
                           3,
                           true,
                           IValue(),
                           "str",
                           Device("cpu")};
  std::string line;
  for (auto& v : vals) line += (line.empty() ? "" : " ") + printed(v);
  CHECK(line == "[a, b] {k: 1., j: 2.5} (1, s, 2.) 1. 3 True None str cpu");
  // print([1.0, 2.0], [True], (1,), 1e20, 0.1, [[1, 2], [3]], 1+2j)
  CHECK(printed(std::vector<double>{1.0, 2.0}) == "[1., 2.]");
  CHECK(printed(std::vector<bool>{true}) == "[True]");
  CHECK(printed(std::make_tuple(IValue(1))) == "(1,)");
  CHECK(printed(1e20) == "1e+20");
  CHECK(printed(0.1) == "0.10000000000000001");
  CHECK(printed(std::complex<double>(1, 2)) == "1.+2.j");
  CHECK(IValue("it's").repr() == "\"it\\'s\"");  // c10 escapes both quotes
}

TEST_CASE("conversions to C++ types") {
  IValue t = std::make_tuple(IValue(1), IValue(std::vector<double>{0.5}), IValue());
  auto [i, v, o] = t.to<std::tuple<std::int64_t, std::vector<double>, std::optional<Tensor>>>();
  CHECK(i == 1);
  CHECK(v == std::vector<double>{0.5});
  CHECK(!o);
  CHECK(IValue(2.5).toScalar().to<double>() == 2.5);
  CHECK(IValue(tjit::full({}, 4)).toScalar().to<std::int64_t>() == 4);
}

TEST_CASE("objects have slots named by their class") {
  auto info = std::make_shared<ir::ClassInfo>();
  auto cls = ir::Type::Class("__torch__.Foo", info);
  info->addAttribute("x", ir::Type::Int());
  auto obj = make_object(cls);
  obj->setAttr("x", 5);
  CHECK(obj->getAttr("x").toInt() == 5);
  CHECK_THROWS_WITH_AS(obj->getAttr("y"), "'__torch__.Foo' object has no attribute 'y'", Error);
  info->addAttribute("y", ir::Type::Float());  // classes grow while modules are built
  obj->setAttr("y", 1.5);
  CHECK(obj->getAttr("y").toDouble() == 1.5);
}

TEST_CASE("literals round-trip, tensor constants included") {
  Tensor t = tjit::arange(3);
  auto lit = to_literal(IValue(std::make_tuple(IValue(t), IValue(std::vector<std::int64_t>{1}))));
  REQUIRE(lit);
  IValue back = from_literal(*lit);
  CHECK(back.toTupleRef().elements()[0].toTensor().is_same(t));
  CHECK(back.toTupleRef().elements()[1].toIntVector() == std::vector<std::int64_t>{1});
  CHECK(lit->repr() == "(tensor([0, 1, 2]), [1])");
}
