// Every elementwise op against PyTorch 1.13 on generated reference cases (make_cases.py): values,
// dtypes and shapes must match; where PyTorch raises, tjit must throw tjit::Error.
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>

#include "ref_util.hpp"

using namespace tjit;
using refcases::Case;

namespace {

using Op = std::function<Tensor(const Case&, const Tensor& a)>;

Scalar scalar_of(const Case& c, const std::string& key) {
  const auto& f = c.at(key);
  if (auto* b = std::get_if<bool>(&f)) return Scalar(*b);
  if (auto* i = std::get_if<std::int64_t>(&f)) return Scalar(*i);
  return Scalar(std::get<double>(f));
}

// Binary ops take `b` as a tensor or a Python scalar.
template <class F>
Op binary(F f) {
  return [f](const Case& c, const Tensor& a) -> Tensor {
    if (c.has("b")) return f(a, reftest::to_tensor(c.get<refcases::RefTensor>("b")));
    // A Python number: a 0-dim "wrapped number" tensor of its own kind, as PyTorch makes it.
    Scalar s = scalar_of(c, "b_scalar");
    Tensor b = full({}, s, s.type());
    b.set_wrapped_number(true);
    return f(a, b);
  };
}
template <class F>
Op unary(F f) {
  return [f](const Case&, const Tensor& a) -> Tensor { return f(a); };
}

const std::map<std::string, Op>& ops() {
  static const std::map<std::string, Op> table = {
      {"add", binary([](const Tensor& a, const Tensor& b) { return add(a, b); })},
      {"add_alpha", binary([](const Tensor& a, const Tensor& b) { return add(a, b, 2); })},
      {"sub", binary([](const Tensor& a, const Tensor& b) { return sub(a, b); })},
      {"mul", binary([](const Tensor& a, const Tensor& b) { return mul(a, b); })},
      {"div", binary([](const Tensor& a, const Tensor& b) { return div(a, b); })},
      {"div_floor", binary([](const Tensor& a, const Tensor& b) { return div(a, b, "floor"); })},
      {"div_trunc", binary([](const Tensor& a, const Tensor& b) { return div(a, b, "trunc"); })},
      {"remainder", binary([](const Tensor& a, const Tensor& b) { return remainder(a, b); })},
      {"fmod", binary([](const Tensor& a, const Tensor& b) { return fmod(a, b); })},
      {"pow", binary([](const Tensor& a, const Tensor& b) { return pow(a, b); })},
      {"atan2", binary([](const Tensor& a, const Tensor& b) { return atan2(a, b); })},
      {"maximum", binary([](const Tensor& a, const Tensor& b) { return maximum(a, b); })},
      {"minimum", binary([](const Tensor& a, const Tensor& b) { return minimum(a, b); })},
      {"eq", binary([](const Tensor& a, const Tensor& b) { return eq(a, b); })},
      {"ne", binary([](const Tensor& a, const Tensor& b) { return ne(a, b); })},
      {"lt", binary([](const Tensor& a, const Tensor& b) { return lt(a, b); })},
      {"le", binary([](const Tensor& a, const Tensor& b) { return le(a, b); })},
      {"gt", binary([](const Tensor& a, const Tensor& b) { return gt(a, b); })},
      {"ge", binary([](const Tensor& a, const Tensor& b) { return ge(a, b); })},
      {"logical_and", binary([](const Tensor& a, const Tensor& b) { return logical_and(a, b); })},
      {"logical_or", binary([](const Tensor& a, const Tensor& b) { return logical_or(a, b); })},
      {"logical_xor", binary([](const Tensor& a, const Tensor& b) { return logical_xor(a, b); })},
      {"bitwise_and", binary([](const Tensor& a, const Tensor& b) { return bitwise_and(a, b); })},
      {"bitwise_or", binary([](const Tensor& a, const Tensor& b) { return bitwise_or(a, b); })},
      {"bitwise_xor", binary([](const Tensor& a, const Tensor& b) { return bitwise_xor(a, b); })},
      {"floor_divide", binary([](const Tensor& a, const Tensor& b) { return floor_divide(a, b); })},
#define TJIT_U(name) {#name, unary([](const Tensor& a) { return name(a); })}
      TJIT_U(exp), TJIT_U(exp2), TJIT_U(expm1), TJIT_U(log), TJIT_U(log2), TJIT_U(log10),
      TJIT_U(log1p), TJIT_U(sqrt), TJIT_U(rsqrt), TJIT_U(sin), TJIT_U(cos), TJIT_U(tan),
      TJIT_U(asin), TJIT_U(acos), TJIT_U(atan), TJIT_U(sinh), TJIT_U(cosh), TJIT_U(tanh),
      TJIT_U(asinh), TJIT_U(acosh), TJIT_U(atanh), TJIT_U(sigmoid), TJIT_U(erf), TJIT_U(erfc),
      TJIT_U(lgamma), TJIT_U(reciprocal), TJIT_U(abs), TJIT_U(floor), TJIT_U(ceil),
      TJIT_U(trunc), TJIT_U(round), TJIT_U(frac), TJIT_U(sign), TJIT_U(bitwise_not), TJIT_U(neg),
      TJIT_U(relu), TJIT_U(square), TJIT_U(logical_not), TJIT_U(isnan), TJIT_U(isinf),
      TJIT_U(isfinite), TJIT_U(silu), TJIT_U(mish), TJIT_U(logsigmoid), TJIT_U(hardsigmoid),
      TJIT_U(hardswish), TJIT_U(selu), TJIT_U(relu6),
#undef TJIT_U
      {"hardtanh", unary([](const Tensor& a) { return hardtanh(a, -2.0, 1.5); })},
      {"leaky_relu", unary([](const Tensor& a) { return leaky_relu(a, 0.2); })},
      {"elu", unary([](const Tensor& a) { return elu(a, 0.7); })},
      {"celu", unary([](const Tensor& a) { return celu(a, 1.3); })},
      {"gelu", unary([](const Tensor& a) { return gelu(a); })},
      {"gelu_tanh", unary([](const Tensor& a) { return gelu(a, "tanh"); })},
      {"softplus", unary([](const Tensor& a) { return softplus(a, 2.0, 5.0); })},
      {"threshold", unary([](const Tensor& a) { return threshold(a, 0.5, -3.0); })},
      {"clamp", unary([](const Tensor& a) { return clamp(a, -1, 2); })},
      {"clamp_min", unary([](const Tensor& a) { return clamp(a, 0.5, std::nullopt); })},
      {"clamp_float_bounds", unary([](const Tensor& a) { return clamp(a, -1.5, 2.5); })},
      {"where", [](const Case& c, const Tensor& a) {
         return where(reftest::to_tensor(c.get<refcases::RefTensor>("cond")), a,
                      reftest::to_tensor(c.get<refcases::RefTensor>("b")));
       }},
      {"where_scalar", [](const Case& c, const Tensor& a) {
         return where(reftest::to_tensor(c.get<refcases::RefTensor>("cond")), a,
                      scalar_of(c, "b_scalar"));
       }},
  };
  return table;
}

}  // namespace

TEST_CASE("elementwise ops match PyTorch on the reference cases") {
  auto cases = refcases::load("tests/tensor/cases.bin");
  REQUIRE(cases.size() > 3000);
  int checked = 0, message_differs = 0;
  for (const Case& c : cases) {
    const std::string& op = c.get<std::string>("op");
    auto it = ops().find(op);
    REQUIRE_MESSAGE(it != ops().end(), "no tjit binding for reference op " << op);
    Tensor a = reftest::to_tensor(c.get<refcases::RefTensor>("a"));
    if (c.has("a_t")) a = a.transpose(-1, -2);
    INFO("op ", op, ", a = ", reftest::describe(a));
    if (c.has("error")) {
      const std::string& want = c.get<std::string>("error");
      // Python-binding refusals (a number where only a Tensor overload exists) say nothing about
      // the kernels; tjit's C++ API accepts a Scalar there, as libtorch's does for most ops.
      if (want.find("must be Tensor, not") != std::string::npos) continue;
      // PyTorch 1.13 lacks CPU float16 kernels for many math functions; tjit computes them in
      // float and rounds, as it does for bfloat16 (a documented extension). Values are checked by
      // the bfloat16 and float32 cases.
      if (want.find("not implemented for 'Half'") != std::string::npos ||
          want.find("not implemented for 'BFloat16'") != std::string::npos)
        continue;
      try {
        Tensor got = it->second(c, a);
        FAIL_CHECK("PyTorch raises '", want, "' but tjit returned ", reftest::describe(got));
      } catch (const Error& e) {
        if (std::string(e.what()) != want) ++message_differs;
      }
    } else {
      Tensor want = reftest::to_tensor(c.get<refcases::RefTensor>("out"));
      Tensor got;
      try {
        got = it->second(c, a);
      } catch (const Error& e) {
        FAIL_CHECK("tjit threw '", e.what(), "' where PyTorch returns ", reftest::describe(want));
        continue;
      }
      double rtol, atol;
      reftest::tolerance(want.scalar_type(), &rtol, &atol);
      std::string why;
      bool ok = reftest::same(got, want, rtol, atol, &why);
      CHECK_MESSAGE(ok, why, "; got ", reftest::describe(got), ", want ", reftest::describe(want));
    }
    ++checked;
  }
  MESSAGE(checked, " cases checked; ", message_differs, " error messages worded differently");
}
