// The builtin and prim operator tables (runtime/detail/ops_builtin.hpp, ops_prim.hpp): every
// schema is PyTorch's, byte for byte, and each operator, called through the registry on a stack,
// gives what PyTorch 1.13 gives for the same inputs (builtin_cases.inc, made by
// make_builtin_cases.py): results, element types of the lists it makes, the state of the inputs
// it mutates, and the words of the errors it raises.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tjit/ir/type.hpp"
#include "tjit/runtime/operator.hpp"

using namespace tjit;
using namespace tjit::runtime;

namespace {

IValue dbl(const char* hex) { return IValue(std::strtod(hex, nullptr)); }
IValue lst(const char* elem, std::vector<IValue> items) {
  return IValue(make_list(ir::parse_type(elem), std::move(items)));
}
IValue dct(const char* k, const char* v, std::vector<std::pair<IValue, IValue>> items) {
  DictPtr d = make_dict(ir::parse_type(k), ir::parse_type(v));
  for (auto& [a, b] : items) d->insert_or_assign(a, b);
  return IValue(std::move(d));
}
IValue tup(std::vector<IValue> items) { return IValue(make_tuple(std::move(items))); }

// Same kind, same value (floats bit for bit, NaN equal to NaN), same list element types.
bool same(const IValue& a, const IValue& b, std::string& why) {
  if (a.tag() != b.tag()) {
    why = std::string("kind ") + a.tagKind() + " vs " + b.tagKind();
    return false;
  }
  if (a.isDouble()) {
    double x = a.toDouble(), y = b.toDouble();
    if (std::isnan(x) && std::isnan(y)) return true;
    if (std::memcmp(&x, &y, sizeof x) == 0) return true;
    why = "float value";
    return false;
  }
  if (a.isComplexDouble()) {
    auto x = a.toComplexDouble(), y = b.toComplexDouble();
    return same(IValue(x.real()), IValue(y.real()), why) && same(IValue(x.imag()), IValue(y.imag()), why);
  }
  if (a.isList()) {
    const ListObj &x = a.toListRef(), &y = b.toListRef();
    if (x.elem_type->annotation_str() != y.elem_type->annotation_str()) {
      why = "element type " + x.elem_type->annotation_str() + " vs " + y.elem_type->annotation_str();
      return false;
    }
    if (x.size() != y.size()) {
      why = "list length";
      return false;
    }
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same(x.items[i], y.items[i], why)) return false;
    return true;
  }
  if (a.isTuple()) {
    const auto &x = a.toTupleRef().elements(), &y = b.toTupleRef().elements();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same(x[i], y[i], why)) return false;
    return true;
  }
  if (a.isGenericDict()) {
    const auto &x = a.toDictRef().entries(), &y = b.toDictRef().entries();
    if (x.size() != y.size()) {
      why = "dict size";
      return false;
    }
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same(x[i].first, y[i].first, why) || !same(x[i].second, y[i].second, why)) return false;
    return true;
  }
  if (a == b) return true;
  why = "value";
  return false;
}

std::string show(const std::vector<IValue>& v) {
  std::string out;
  for (const IValue& x : v) out += x.repr() + " ";
  return out;
}

int n_checked = 0;

void check_case(const char* op_name, const char* label_text, std::vector<IValue> inputs,
                std::vector<IValue> expected, std::vector<std::pair<int, IValue>> after,
                const char* error) {
  ++n_checked;
  const std::string label = label_text;
  const Operator* op = OperatorRegistry::instance().findByQualifiedName(op_name);
  REQUIRE_MESSAGE(op != nullptr, op_name, " is not registered");
  REQUIRE_MESSAGE((op->schema().is_vararg() || inputs.size() == op->schema().arguments().size()),
                  label, ": the case gives ", inputs.size(), " inputs");
  const std::vector<IValue> kept = inputs;  // shares the heap objects the operator may mutate
  Stack stack = inputs;
  if (op->schema().is_vararg()) stack.emplace_back(static_cast<std::int64_t>(inputs.size()));
  std::string in_text = show(inputs);
  if (error) {
    std::string got;
    try {
      op->fn()(stack);
      got = "no error; result " + show(stack);
    } catch (const Error& e) {
      got = e.message();
      if (got != error && std::string(e.python_type()) + ": " + got == error) got = error;
    }
    CHECK_MESSAGE(got == error, label, " (", in_text, "): expected error \"", std::string(error), "\", got \"",
                  got, "\"");
    return;
  }
  try {
    op->fn()(stack);
  } catch (const Error& e) {
    FAIL_CHECK(label, " (", in_text, "): unexpected error ", e.what());
    return;
  }
  std::string why;
  bool ok = stack.size() == expected.size();
  for (std::size_t i = 0; ok && i < expected.size(); ++i) ok = same(stack[i], expected[i], why);
  CHECK_MESSAGE(ok, label, " (", in_text, "): expected ", show(expected), "got ", show(stack), why);
  for (auto& [i, v] : after) {
    why.clear();
    CHECK_MESSAGE(same(kept[static_cast<std::size_t>(i)], v, why), label, " (", in_text,
                  "): input ", i, " afterwards: expected ", v.repr(), " got ",
                  kept[static_cast<std::size_t>(i)].repr(), " ", why);
  }
}

const char* const kPytorchSchemas[] = {
#include "tests/runtime/pytorch_schemas.inc"
};

#include "tests/runtime/builtin_cases.inc"

}  // namespace

TEST_CASE("each builtin and prim schema is PyTorch's, byte for byte") {
  std::set<std::string> pytorch(std::begin(kPytorchSchemas), std::end(kPytorchSchemas));
  std::size_t n = 0;
  for (auto table : {ops::builtin_ops(), ops::prim_ops()}) {
    for (const OperatorDef& def : table) {
      ++n;
      CHECK_MESSAGE(pytorch.count(def.schema), "not a PyTorch schema: ", def.schema);
      const Operator* op = OperatorRegistry::instance().findByQualifiedName(def.schema);
      REQUIRE(op != nullptr);
      CHECK(op->schema().str() == def.schema);
    }
  }
  MESSAGE(n, " builtin and prim operators");
  CHECK(n > 500);
}

TEST_CASE("builtin operators give what PyTorch gives") {
  for (auto block : kBuiltinCaseBlocks) block();
  MESSAGE(n_checked, " cases");
}

TEST_CASE("aten::format takes its argument count from the top of the stack") {
  const Operator* op = OperatorRegistry::instance().find("aten::format");
  REQUIRE(op != nullptr);
  Stack s{IValue("x"), IValue("{}+{}"), IValue(std::int64_t(1)), IValue(2.5), IValue(std::int64_t(3))};
  op->fn()(s);
  REQUIRE(s.size() == 2);
  CHECK(s[0].toStringRef() == "x");
  CHECK(s[1].toStringRef() == "1+2.5");
}

TEST_CASE("lists made by generic operators keep the input's element type") {
  const auto& reg = OperatorRegistry::instance();
  Stack s{lst("Optional[int]", {IValue(std::int64_t(1)), IValue()}), lst("Optional[int]", {})};
  reg.find("aten::add", "t")->fn()(s);
  CHECK(s.at(0).toListRef().elem_type->annotation_str() == "Optional[int]");
  Stack d{dct("str", "List[float]", {})};
  reg.find("aten::values", "str")->fn()(d);
  CHECK(d.at(0).toListRef().elem_type->annotation_str() == "List[float]");
}

TEST_CASE("set_grad_enabled and is_grad_enabled") {
  const auto& reg = OperatorRegistry::instance();
  Stack s{IValue(false)};
  reg.find("aten::set_grad_enabled")->fn()(s);
  reg.find("aten::is_grad_enabled")->fn()(s);
  CHECK(s.at(0).toBool() == false);
  s = {IValue(true)};
  reg.find("aten::set_grad_enabled")->fn()(s);
  reg.find("aten::is_grad_enabled")->fn()(s);
  CHECK(s.at(0).toBool() == true);
}
