// The tensor operator tables against PyTorch 1.13: every case of make_op_cases.py calls one
// overload through the registry (OperatorRegistry::find + fn()) with the arguments
// torch.ops.<ns>.<name>.<overload> got, and compares what it pushed with what PyTorch returned:
// dtype, shape and values (exact for integral and bool results, per-dtype tolerance for floats),
// and for in-place overloads that result 0 is argument 0 itself.
#include <doctest/doctest.h>

#include <cstring>
#include <set>
#include <string>

#include "refcases.hpp"
#include "tjit/runtime/generator_value.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

using namespace tjit;
using namespace tjit::runtime;

namespace {

ScalarType dtype_of(const std::string& name) {
  if (name == "float32") return kFloat;
  if (name == "float64") return kDouble;
  if (name == "float16") return kHalf;
  if (name == "bfloat16") return kBFloat16;
  if (name == "int64") return kLong;
  if (name == "int32") return kInt;
  if (name == "int16") return kShort;
  if (name == "int8") return kChar;
  if (name == "uint8") return kByte;
  if (name == "bool") return kBool;
  throw std::runtime_error("unknown dtype " + name);
}

Tensor to_tensor(const refcases::RefTensor& r) {
  Tensor t = Tensor::empty(r.sizes, dtype_of(r.dtype));
  REQUIRE(t.nbytes() == r.bytes.size());
  if (!r.bytes.empty()) std::memcpy(t.data_ptr(), r.bytes.data(), r.bytes.size());
  return t;
}

void tolerance(ScalarType t, double* rtol, double* atol) {
  switch (t) {
    case kFloat: *rtol = 1e-5; *atol = 1e-5; break;
    case kDouble: *rtol = 1e-12; *atol = 1e-12; break;
    case kHalf: *rtol = 1e-3; *atol = 1e-3; break;
    case kBFloat16: *rtol = 8e-3; *atol = 8e-3; break;
    default: *rtol = 0; *atol = 0;
  }
}

IValue to_ivalue(const refcases::Case& c, const std::string& key) {
  const refcases::Field& f = c.at(key);
  if (c.has(key + "_dev")) return IValue(Device(c.get<std::string>(key)));
  if (c.has(key + "_gen"))
    return make_generator_value(
        std::make_shared<Generator>(static_cast<std::uint64_t>(c.get<std::int64_t>(key))));
  if (c.has(key + "_none")) {
    std::vector<Tensor> ts;
    for (const auto& t : std::get<std::vector<refcases::RefTensor>>(f)) ts.push_back(to_tensor(t));
    IValue list(std::move(ts));
    for (auto i : c.get<std::vector<std::int64_t>>(key + "_none"))
      list.toListRef().items[static_cast<std::size_t>(i)] = IValue();
    return list;
  }
  return std::visit(
      [](const auto& v) -> IValue {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, refcases::None>) {
          return IValue();
        } else if constexpr (std::is_same_v<T, refcases::RefTensor>) {
          return IValue(to_tensor(v));
        } else if constexpr (std::is_same_v<T, std::vector<refcases::RefTensor>>) {
          std::vector<Tensor> ts;
          for (const auto& t : v) ts.push_back(to_tensor(t));
          return IValue(std::move(ts));
        } else {
          return IValue(v);
        }
      },
      f);
}

// "" when `got` matches field `key` of the case.
std::string compare(const refcases::Case& c, const std::string& key, const IValue& got,
                    bool shape_only) {
  const refcases::Field& f = c.at(key);
  auto same_tensor = [&](const Tensor& g, const refcases::RefTensor& r) -> std::string {
    Tensor w = to_tensor(r);
    if (g.scalar_type() != w.scalar_type())
      return "dtype " + std::string(to_string(g.scalar_type())) + " != " +
             std::string(to_string(w.scalar_type()));
    if (!(g.sizes() == w.sizes()))
      return "shape " + tjit::detail::shape_str(g.sizes()) + " != " +
             tjit::detail::shape_str(w.sizes());
    if (shape_only) return "";
    double rtol = 0, atol = 0;
    tolerance(w.scalar_type(), &rtol, &atol);
    if (c.has("rtol")) rtol = c.get<double>("rtol"), atol = c.get<double>("atol");
    Tensor gd = clone(g, kDouble), wd = clone(w, kDouble);
    for (std::int64_t i = 0; i < gd.numel(); ++i) {
      double a = gd.data_ptr<double>()[i], b = wd.data_ptr<double>()[i];
      bool ok = std::isnan(b) ? std::isnan(a)
                : (std::isinf(b) || rtol == 0) ? a == b
                                               : std::abs(a - b) <= atol + rtol * std::abs(b);
      if (!ok)
        return "element " + std::to_string(i) + ": got " + std::to_string(a) + ", want " +
               std::to_string(b);
    }
    return "";
  };
  return std::visit(
      [&](const auto& want) -> std::string {
        using T = std::decay_t<decltype(want)>;
        if constexpr (std::is_same_v<T, refcases::RefTensor>) {
          if (!got.isTensor()) return "not a tensor";
          return same_tensor(got.toTensor(), want);
        } else if constexpr (std::is_same_v<T, std::vector<refcases::RefTensor>>) {
          if (!got.isList()) return "not a list";
          auto ts = got.toTensorVector();
          if (ts.size() != want.size()) return "list length differs";
          for (std::size_t i = 0; i < ts.size(); ++i)
            if (auto why = same_tensor(ts[i], want[i]); !why.empty()) return "[" + std::to_string(i) + "] " + why;
          return "";
        } else if constexpr (std::is_same_v<T, std::string>) {
          if (c.has(key + "_dev")) return got.isDevice() && got.toDevice().str() == want ? "" : "device differs";
          return got.isString() && got.toStringRef() == want ? "" : "string differs";
        } else if constexpr (std::is_same_v<T, bool>) {
          return got.isBool() && got.toBool() == want ? "" : "bool differs";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return got.isInt() && got.toInt() == want ? "" : "int differs";
        } else if constexpr (std::is_same_v<T, double>) {
          return got.isDouble() && got.toDouble() == want ? "" : "float differs";
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          return got.isIntList() && got.toIntVector() == want ? "" : "int list differs";
        } else {
          return "unexpected reference kind";
        }
      },
      f);
}

}  // namespace

TEST_CASE("tensor operators called through the registry match PyTorch") {
  auto cases = refcases::load("tests/runtime/op_cases.bin");
  REQUIRE(cases.size() > 500);
  const auto& reg = OperatorRegistry::instance();
  std::set<std::string> ops;
  int failures = 0;
  for (const auto& c : cases) {
    const std::string& op = c.get<std::string>("op");
    ops.insert(op);
    const Operator* o = reg.findByQualifiedName(op);
    if (!o || o->isSpecial()) {
      FAIL_CHECK(c.name, ": ", op, " is not registered");
      ++failures;
      continue;
    }
    Stack stack;
    auto n = c.get<std::int64_t>("n");
    for (std::int64_t i = 0; i < n; ++i) stack.push_back(to_ivalue(c, "a" + std::to_string(i)));
    IValue self = n ? stack[0] : IValue();
    std::string why;
    try {
      if (c.has("seed")) tjit::manual_seed(static_cast<std::uint64_t>(c.get<std::int64_t>("seed")));
      o->fn()(stack);
      auto nr = static_cast<std::size_t>(c.get<std::int64_t>("nr"));
      if (stack.size() != nr) {
        why = "pushed " + std::to_string(stack.size()) + " results, PyTorch returned " + std::to_string(nr);
      } else {
        for (std::size_t i = 0; i < nr && why.empty(); ++i) {
          why = compare(c, "r" + std::to_string(i), stack[i], c.has("shape_only"));
          if (!why.empty()) why = "result " + std::to_string(i) + ": " + why;
        }
        if (why.empty() && c.has("inplace") &&
            !(stack[0].isTensor() && stack[0].toTensor().is_same(self.toTensor())))
          why = "in-place result is not the input tensor";
      }
    } catch (const std::exception& e) {
      why = std::string("threw: ") + e.what();
    }
    if (!why.empty()) {
      ++failures;
      FAIL_CHECK(c.name, ": ", why);
    }
  }
  MESSAGE(cases.size(), " cases over ", ops.size(), " overloads, ", failures, " failures");
  CHECK(ops.size() >= 150);
}
