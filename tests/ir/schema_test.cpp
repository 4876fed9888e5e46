#include "tjit/ir/schema.hpp"

#include <doctest/doctest.h>

#include "golden_util.hpp"

using namespace tjit::ir;
using tjit_test::ir_golden_dir;
using tjit_test::read_lines;

TEST_CASE("every sampled PyTorch 1.13 schema parses and prints back identically") {
  auto lines = read_lines(ir_golden_dir() + "/schemas.txt");
  REQUIRE(lines.size() > 700);
  for (auto& line : lines) {
    try {
      FunctionSchema s = parse_schema(line);
      if (s.str() != line) FAIL_CHECK(std::string(line + "\n  printed as\n" + s.str()));
    } catch (const tjit::Error& e) {
      FAIL_CHECK(std::string(line + "\n  " + e.what()));
    }
  }
}

TEST_CASE("aten::add.Tensor: name, overload, arguments, keyword-only, defaults") {
  auto s = parse_schema("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor");
  CHECK(s.name() == "aten::add");
  CHECK(s.overload_name() == "Tensor");
  CHECK(s.kind() == aten::add);
  REQUIRE(s.arguments().size() == 3);
  CHECK(s.arguments()[0].name() == "self");
  CHECK(s.arguments()[0].type()->kind() == TypeKind::TensorType);
  CHECK_FALSE(s.arguments()[1].kwarg_only());
  CHECK(s.arguments()[2].kwarg_only());
  CHECK(s.arguments()[2].type()->kind() == TypeKind::NumberType);
  CHECK(s.arguments()[2].default_value() == Literal(1));
  REQUIRE(s.returns().size() == 1);
  CHECK(s.returns()[0].name().empty());
  CHECK_FALSE(s.is_mutable());
  CHECK(s.argumentIndexWithName("other") == 1u);
}

TEST_CASE("alias annotations") {
  auto s = parse_schema(
      "aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)");
  const auto& a = s.arguments()[0].alias_info();
  REQUIRE(a);
  CHECK(a->isWrite());
  CHECK(a->beforeSets() == std::vector<Symbol>{Symbol::alias("a")});
  CHECK(s.is_mutable());
  CHECK(s.returns()[0].alias_info() == a);

  auto chunk = parse_schema("aten::chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]");
  const auto& c = chunk.arguments()[0].alias_info();
  CHECK(c->afterSets() == std::vector<Symbol>{AliasInfo::wildcardSet()});
  const auto& r = chunk.returns()[0].alias_info();
  REQUIRE(r);
  REQUIRE(r->containedTypes().size() == 1);
  CHECK(r->containedTypes()[0].beforeSets() == std::vector<Symbol>{Symbol::alias("a")});
  CHECK(chunk.returns()[0].type()->str() == "Tensor[]");

  auto out = parse_schema("aten::foo.out(Tensor self, *, Tensor(a!)[] out) -> ()");
  CHECK(out.arguments()[1].alias_info()->containedTypes().size() == 1);
  CHECK(out.str() == "aten::foo.out(Tensor self, *, Tensor(a!)[] out) -> ()");
}

TEST_CASE("returns, varargs and varrets") {
  auto m = parse_schema("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)");
  REQUIRE(m.returns().size() == 2);
  CHECK(m.returns()[1].name() == "indices");
  CHECK(m.arguments()[2].default_value() == Literal(false));

  auto f = parse_schema("aten::format(str self, ...) -> str");
  CHECK(f.is_vararg());
  CHECK(f.arguments().size() == 1);

  auto t = parse_schema("prim::TupleConstruct(...) -> Any");
  CHECK(t.is_vararg());
  CHECK(t.arguments().empty());
  CHECK(t.returns()[0].type()->kind() == TypeKind::AnyType);

  auto d = parse_schema("prim::DifferentiableGraph(...) -> ...");
  CHECK(d.is_varret());
  CHECK(d.returns().empty());
  CHECK(d.str() == "prim::DifferentiableGraph(...) -> ...");

  auto items = parse_schema("aten::items.str(Dict(str, t) self) -> ((str, t)[])");
  CHECK(items.returns()[0].type()->str() == "(str, t)[]");
  CHECK(items.str() == "aten::items.str(Dict(str, t) self) -> ((str, t)[])");
}

TEST_CASE("types and defaults of every kind") {
  auto s = parse_schema(
      "aten::f(int[2] stride=1, int[]? size=None, Tensor?[] indices, t[] l, Dict(t, tVal) d, "
      "float eps=1e-05, str reduction=\"mean\", int[] dims=[0, 1], MemoryFormat "
      "memory_format=contiguous_format, ScalarType dtype=long, int dim=-1, bool flag=True, "
      "float p=1, complex c=0.5j, int[] e=[]) -> Tensor");
  const auto& a = s.arguments();
  CHECK(a[0].N() == 2);
  CHECK(a[0].default_value() == Literal::list({Literal(1), Literal(1)}));
  CHECK(a[0].str() == "int[2] stride=1");
  CHECK(a[1].type()->str() == "int[]?");
  CHECK(a[2].type()->str() == "Tensor?[]");
  CHECK(a[3].type()->hasFreeVariables());
  CHECK(a[4].type()->str() == "Dict(t, tVal)");
  CHECK(a[5].default_value() == Literal(1e-05));
  CHECK(a[5].str() == "float eps=1.0000000000000001e-05");
  CHECK(a[6].default_value() == Literal("mean"));
  CHECK(a[7].default_value() == Literal::list({Literal(0), Literal(1)}));
  CHECK(a[8].default_value() == Literal(0));
  CHECK(a[8].type()->kind() == TypeKind::IntType);
  CHECK(a[8].real_type()->kind() == TypeKind::MemoryFormatType);
  CHECK(a[8].str() == "MemoryFormat memory_format=0");
  CHECK(a[9].default_value() == Literal(4));
  CHECK(a[10].default_value() == Literal(-1));
  CHECK(a[11].default_value() == Literal(true));
  CHECK(a[12].default_value() == Literal(1.0));
  CHECK(a[12].str() == "float p=1.");
  CHECK(a[13].default_value() == Literal(std::complex<double>(0, 0.5)));
  CHECK(a[14].default_value() == Literal::list({}));
}

TEST_CASE("operator names") {
  CHECK(parse_operator_name("aten::add.Tensor") == std::pair<std::string, std::string>{"aten::add", "Tensor"});
  CHECK(parse_operator_name("prim::If").second.empty());
}

TEST_CASE("malformed schemas give errors that point at the problem") {
  CHECK_THROWS_WITH_AS(parse_schema("aten::f(Tensor self -> Tensor"),
                       doctest::Contains("expected ')'"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_schema("aten::f(Bogus x) -> Tensor"),
                       doctest::Contains("unknown type 'Bogus'"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_schema("aten::f(Tensor x)"), doctest::Contains("expected '->'"),
                       tjit::Error);
  CHECK_THROWS_WITH_AS(parse_schema("aten::f(..., Tensor x) -> Tensor"),
                       doctest::Contains("'...' must be the last"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_schema("aten::f(int x=abc) -> Tensor"),
                       doctest::Contains("invalid default value 'abc'"), tjit::Error);
  CHECK_THROWS_AS(parse_schema("aten::f(int x) -> Tensor junk extra"), tjit::Error);
  CHECK_THROWS_AS(parse_schema(""), tjit::Error);
  CHECK_THROWS_AS(parse_schema("aten::f(Tensor(a x) -> Tensor"), tjit::Error);
}
