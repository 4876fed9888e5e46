#include "tjit/ir/type.hpp"

#include <doctest/doctest.h>

#include "golden_util.hpp"

using namespace tjit::ir;
using tjit_test::ir_golden_dir;
using tjit_test::read_lines;
using tjit_test::split_tabs;

TEST_CASE("every sampled annotation parses and prints as PyTorch 1.13 prints it") {
  auto lines = read_lines(ir_golden_dir() + "/types.txt");
  REQUIRE(lines.size() > 50);
  for (auto& line : lines) {
    auto p = split_tabs(line);
    REQUIRE(p.size() == 3);
    CAPTURE(line);
    TypePtr t = parse_type(p[0]);
    CHECK(t->str() == p[1]);
    CHECK(t->annotation_str() == p[2]);
  }
}

TEST_CASE("isSubtypeOf agrees with PyTorch on every pair of the sample") {
  auto lines = read_lines(ir_golden_dir() + "/subtypes.txt");
  REQUIRE(lines.size() > 2500);
  int checked = 0;
  for (auto& line : lines) {
    auto p = split_tabs(line);
    TypePtr a = parse_type(p[0]), b = parse_type(p[1]);
    if (a->isSubtypeOf(*b) != (p[2] == "1")) FAIL_CHECK(line);
    ++checked;
  }
  CHECK(checked == static_cast<int>(lines.size()));
}

TEST_CASE("unifyTypes agrees with PyTorch's unify_type_list on every pair of the sample") {
  auto lines = read_lines(ir_golden_dir() + "/unify.txt");
  REQUIRE(lines.size() > 2500);
  for (auto& line : lines) {
    auto p = split_tabs(line);
    auto u = unifyTypes(parse_type(p[0]), parse_type(p[1]));
    std::string got = u ? (*u)->annotation_str() : "error";
    if (got != p[2]) FAIL_CHECK(std::string(line + " got " + got));
  }
}

TEST_CASE("the three spellings of composite types") {
  TypePtr t = Type::Dict(Type::Str(), Type::List(Type::Optional(Type::Tensor())));
  CHECK(t->str() == "Dict(str, Tensor?[])");
  CHECK(t->annotation_str() == "Dict[str, List[Optional[Tensor]]]");
  TypePtr f = Type::Future(Type::Tuple({Type::Int(), Type::Float()}));
  CHECK(f->str() == "Future[(int, float)]");
  CHECK(f->schema_str() == "Future((int, float))");
  CHECK(f->annotation_str() == "Future[Tuple[int, float]]");
  CHECK(Type::Tuple({})->annotation_str() == "Tuple[()]");
  CHECK(Type::Tuple({})->str() == "()");
  CHECK(Type::Number()->str() == "Scalar");
  CHECK(Type::Number()->annotation_str() == "number");
}

TEST_CASE("named tuples, classes, enums, functions and type variables") {
  TypePtr p = Type::NamedTuple("__torch__.golden_fns.Point", {"x", "y"},
                               {Type::Int(), Type::Float()});
  CHECK(p->str() == "NamedTuple(x : int, y : float)");
  CHECK(p->annotation_str() == "__torch__.golden_fns.Point");
  CHECK(p->schema_str() == "__torch__.golden_fns.Point");
  CHECK(p->isSubtypeOf(*Type::Tuple({Type::Int(), Type::Float()})));
  CHECK_FALSE(Type::Tuple({Type::Int(), Type::Float()})->isSubtypeOf(*p));

  TypePtr c = Type::Class("__torch__.golden_fns.Counter");
  CHECK(c->str() == "__torch__.golden_fns.Counter");
  CHECK(*c == *parse_type("__torch__.golden_fns.Counter"));
  CHECK(c->isSubtypeOf(*Type::AnyClass()));
  c->classInfo()->addAttribute("count", Type::Int());
  CHECK(c->classInfo()->findAttributeSlot("count") == 0u);
  CHECK_THROWS_AS(c->classInfo()->addAttribute("count", Type::Int()), tjit::Error);

  TypePtr m = Type::Module("__torch__.Model");
  CHECK(m->is_module());

  TypePtr e = Type::Enum("__torch__.Color", Type::Int(), {{"RED", Literal(1)}, {"GREEN", Literal(2)}});
  CHECK(e->str() == "Enum<__torch__.Color>");
  CHECK(e->annotation_str() == "__torch__.Color");
  CHECK(e->isSubtypeOf(*Type::AnyEnum()));

  TypePtr fn = Type::Function("__torch__.golden_fns._inner");
  CHECK(fn->str() == "Function");
  CHECK(fn->annotation_str() == "__torch__.golden_fns._inner");

  TypePtr v = parse_type("List[t]");
  CHECK(v->hasFreeVariables());
  CHECK(v->str() == "t[]");
  CHECK_FALSE(Type::List(Type::Int())->hasFreeVariables());
}

TEST_CASE("unions are flattened, deduplicated and sorted as PyTorch does") {
  CHECK(Type::Union({Type::Str(), Type::Int()})->str() == "Union(int, str)");
  CHECK(Type::Union({Type::Int(), Type::None()})->str() == "int?");
  CHECK(Type::Union({Type::Int()})->str() == "int");
  CHECK(Type::Union({Type::Bool(), Type::Int(), Type::Int()})->str() == "Union(int, bool)");
  // PyTorch's printing quirk for unions that hold all numbers.
  CHECK(Type::Union({Type::Tensor(), Type::Int(), Type::Float(), Type::Complex()})->str() ==
        "Union(TensorScalar)");
  TypePtr opt_union = Type::Optional(Type::Union({Type::Int(), Type::Str()}));
  CHECK(opt_union->str() == "Union(int, str)?");
  CHECK(opt_union->annotation_str() == "Optional[Union[int, str]]");
  CHECK(*opt_union == *Type::Union({Type::Int(), Type::Str(), Type::None()}));
  CHECK(Type::Optional(Type::Optional(Type::Int()))->str() == "int?");
  CHECK(*Type::Optional(Type::Int()) == *parse_type("int?"));
}

TEST_CASE("graph and schema spellings parse too") {
  CHECK(parse_type("int[]?")->annotation_str() == "Optional[List[int]]");
  CHECK(parse_type("Dict(str, Tensor)")->annotation_str() == "Dict[str, Tensor]");
  CHECK(parse_type("(int, (str, float))")->annotation_str() == "Tuple[int, Tuple[str, float]]");
  CHECK(parse_type("Future[Tensor]")->annotation_str() == "Future[Tensor]");
  CHECK(parse_type("Future(Tensor)")->annotation_str() == "Future[Tensor]");
  CHECK(parse_type("NamedTuple(x : int, y : float)")->str() == "NamedTuple(x : int, y : float)");
  CHECK(parse_type("Union(int, str)")->annotation_str() == "Union[int, str]");
  CHECK(parse_type("Scalar")->kind() == TypeKind::NumberType);
  CHECK(parse_type("torch.Tensor")->kind() == TypeKind::TensorType);
  CHECK(parse_type("Final[int]")->kind() == TypeKind::IntType);
}

TEST_CASE("a resolver maps class names to known types") {
  TypePtr known = Type::Class("__torch__.M");
  known->classInfo()->addAttribute("w", Type::Tensor(), true);
  TypePtr t = parse_type("List[__torch__.M]", [&](const std::string& n) -> TypePtr {
    return n == "__torch__.M" ? known : nullptr;
  });
  CHECK(t->getElementType() == known);
}

TEST_CASE("malformed types are clear errors") {
  CHECK_THROWS_WITH_AS(parse_type("List[int"), doctest::Contains("expected ']'"), tjit::Error);
  CHECK_THROWS_WITH_AS(parse_type("Dict[int]"), doctest::Contains("Dict[...] takes 2"),
                       tjit::Error);
  CHECK_THROWS_WITH_AS(parse_type("Bogus"), doctest::Contains("unknown type 'Bogus'"),
                       tjit::Error);
  CHECK_THROWS_AS(parse_type("int]"), tjit::Error);
  CHECK_THROWS_AS(parse_type(""), tjit::Error);
  CHECK_THROWS_AS(parse_type("Tuple[int,"), tjit::Error);
}

namespace {
TypePtr refined(std::string dtype, std::vector<std::optional<std::int64_t>> sizes,
                std::vector<std::optional<std::int64_t>> strides, bool grad = false) {
  TensorInfo info;
  info.scalar_type = std::move(dtype);
  info.sizes = std::move(sizes);
  info.strides = std::move(strides);
  info.requires_grad = grad;
  info.device = "cpu";
  return Type::TensorOf(std::move(info));
}
}  // namespace

TEST_CASE("refined tensor types print, compare and unify as PyTorch's TensorType") {
  // Expected strings from torch._C.TensorType.create_from_tensor(...) and unify_type_list.
  TypePtr a = refined("Float", {2, 3}, {3, 1});
  TypePtr b = refined("Double", {2, 4}, {4, 1});
  TypePtr c = refined("Float", {3, 2}, {1, 3});
  TypePtr d = refined("Float", {2, 3}, {3, 1}, true);
  CHECK(a->str() == "Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)");
  CHECK(d->str() == "Float(2, 3, strides=[3, 1], requires_grad=1, device=cpu)");
  CHECK(a->annotation_str() == "Tensor");
  CHECK(a->schema_str() == "Tensor");
  CHECK((*unifyTypes(a, b))->str() == "Tensor(2, *, requires_grad=0, device=cpu)");
  CHECK((*unifyTypes(a, c))->str() == "Float(*, *, requires_grad=0, device=cpu)");
  CHECK((*unifyTypes(a, d))->str() == "Float(2, 3, strides=[3, 1], device=cpu)");
  CHECK((*unifyTypes(a, Type::None()))->str() ==
        "Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)?");
  CHECK(Type::List(a)->str() == "Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)[]");
  CHECK(a->isSubtypeOf(*Type::Tensor()));
  CHECK_FALSE(Type::Tensor()->isSubtypeOf(*a));
  CHECK(a->isSubtypeOf(**unifyTypes(a, b)));
  TypePtr partial = refined("Float", {2, std::nullopt}, {3, 1});
  CHECK(partial->str() == "Float(2, *, strides=[3, 1], requires_grad=0, device=cpu)");
  CHECK(a->isSubtypeOf(*partial));
  CHECK_FALSE(partial->isSubtypeOf(*a));

  TensorInfo rank0;
  rank0.scalar_type = "Float";
  rank0.sizes.emplace();
  rank0.requires_grad = false;
  rank0.device = "cpu";
  CHECK(Type::TensorOf(rank0)->str() == "Float(requires_grad=0, device=cpu)");
  rank0.sizes.reset();
  CHECK(Type::TensorOf(rank0)->str() == "FloatTensor(requires_grad=0, device=cpu)");
  CHECK(Type::TensorOf(TensorInfo{}) == Type::Tensor());

  for (const char* text : {"Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)",
                           "Tensor(2, *, requires_grad=0, device=cpu)",
                           "Long(device=cpu)", "FloatTensor(requires_grad=0, device=cpu)",
                           "Double(3, 2, strides=[1, 3], requires_grad=1, device=cuda:1)"}) {
    CHECK(parse_type(text)->str() == text);
  }
  CHECK(*parse_type("Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)") == *a);
  CHECK_THROWS_WITH_AS(parse_type("Float(2, size=3)"),
                       doctest::Contains("unknown tensor type field 'size'"), tjit::Error);
}
