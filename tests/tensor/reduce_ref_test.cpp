// Reductions (tjit/tensor/ops/reduce.hpp) against PyTorch 1.13 on generated reference cases
// (make_reduce_cases.py): values, dtypes and shapes must match; where PyTorch raises, tjit must
// throw tjit::Error. Index results are exact; float results use ref_util's tolerances, with
// float32 sums allowed 1e-4 absolute (PyTorch sums float32 in float32 by cascade summation,
// tjit in double).
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>

#include "ref_util.hpp"
#include "tjit/tensor/ops/reduce.hpp"

using namespace tjit;
using refcases::Case;

namespace {

Shape dims_of(const Case& c) {
  if (!c.has("dim") || c.is_none("dim")) return {};
  const auto& f = c.at("dim");
  if (auto* i = std::get_if<std::int64_t>(&f)) return {*i};
  return std::get<std::vector<std::int64_t>>(f);
}
std::optional<std::int64_t> dim1(const Case& c) {
  if (!c.has("dim") || c.is_none("dim")) return std::nullopt;
  return c.get<std::int64_t>("dim");
}
bool keep(const Case& c) { return c.has("keepdim") && c.get<bool>("keepdim"); }
std::optional<ScalarType> dtype_arg(const Case& c) {
  if (!c.has("dtype")) return std::nullopt;
  return reftest::dtype_of(c.get<std::string>("dtype"));
}
double num(const Case& c, const std::string& k, double dflt) {
  if (!c.has(k)) return dflt;
  const auto& f = c.at(k);
  if (auto* i = std::get_if<std::int64_t>(&f)) return static_cast<double>(*i);
  return std::get<double>(f);
}

using Result = std::tuple<Tensor, Tensor>;
using Op = std::function<Result(const Case&, const Tensor&)>;

Result one(Tensor t) { return {t, Tensor()}; }

const std::map<std::string, Op>& ops() {
  static const std::map<std::string, Op> table = {
      {"sum", [](const Case& c, const Tensor& a) { return one(sum(a, dims_of(c), keep(c), dtype_arg(c))); }},
      {"mean", [](const Case& c, const Tensor& a) { return one(mean(a, dims_of(c), keep(c), dtype_arg(c))); }},
      {"prod", [](const Case& c, const Tensor& a) { return one(prod(a, dim1(c), keep(c), dtype_arg(c))); }},
      {"max", [](const Case& c, const Tensor& a) -> Result {
         if (auto d = dim1(c)) return max(a, *d, keep(c));
         return one(max(a));
       }},
      {"min", [](const Case& c, const Tensor& a) -> Result {
         if (auto d = dim1(c)) return min(a, *d, keep(c));
         return one(min(a));
       }},
      {"amax", [](const Case& c, const Tensor& a) { return one(amax(a, dims_of(c), keep(c))); }},
      {"amin", [](const Case& c, const Tensor& a) { return one(amin(a, dims_of(c), keep(c))); }},
      {"argmax", [](const Case& c, const Tensor& a) { return one(argmax(a, dim1(c), keep(c))); }},
      {"argmin", [](const Case& c, const Tensor& a) { return one(argmin(a, dim1(c), keep(c))); }},
      {"var", [](const Case& c, const Tensor& a) { return one(var(a, dims_of(c), num(c, "correction", 1), keep(c))); }},
      {"std", [](const Case& c, const Tensor& a) { return one(tjit::std(a, dims_of(c), num(c, "correction", 1), keep(c))); }},
      {"norm", [](const Case& c, const Tensor& a) { return one(norm(a, num(c, "p", 2), dims_of(c), keep(c))); }},
      {"all", [](const Case& c, const Tensor& a) {
         if (auto d = dim1(c)) return one(all(a, *d, keep(c)));
         return one(all(a));
       }},
      {"any", [](const Case& c, const Tensor& a) {
         if (auto d = dim1(c)) return one(any(a, *d, keep(c)));
         return one(any(a));
       }},
      {"logsumexp", [](const Case& c, const Tensor& a) { return one(logsumexp(a, dims_of(c), keep(c))); }},
      {"count_nonzero", [](const Case& c, const Tensor& a) { return one(count_nonzero(a, dims_of(c))); }},
      {"cumsum", [](const Case& c, const Tensor& a) { return one(cumsum(a, *dim1(c), dtype_arg(c))); }},
      {"cumprod", [](const Case& c, const Tensor& a) { return one(cumprod(a, *dim1(c), dtype_arg(c))); }},
  };
  return table;
}

}  // namespace

TEST_CASE("reductions match PyTorch on the reference cases") {
  auto cases = refcases::load("tests/tensor/reduce_cases.bin");
  REQUIRE(cases.size() > 3000);
  int checked = 0, message_differs = 0;
  for (const Case& c : cases) {
    const std::string& op = c.get<std::string>("op");
    auto it = ops().find(op);
    REQUIRE_MESSAGE(it != ops().end(), "no tjit binding for reference op " << op);
    Tensor a = reftest::to_tensor(c.get<refcases::RefTensor>("a"));
    if (c.has("a_t")) a = a.transpose(-1, -2);
    INFO("op ", op, ", a = ", reftest::describe(a), ", dim ", detail::shape_str(dims_of(c)),
         ", keepdim ", keep(c));
    if (c.has("error")) {
      const std::string& want = c.get<std::string>("error");
      // PyTorch 1.13 lacks some CPU float16/bfloat16 kernels; tjit computes them (an extension).
      if (want.find("not implemented for 'Half'") != std::string::npos ||
          want.find("not implemented for 'BFloat16'") != std::string::npos)
        continue;
      try {
        Result got = it->second(c, a);
        FAIL_CHECK("PyTorch raises '", want, "' but tjit returned ",
                   reftest::describe(std::get<0>(got)));
      } catch (const Error& e) {
        if (std::string(e.what()) != want) {
          ++message_differs;
          MESSAGE("message differs: tjit '", std::string(e.what()), "', PyTorch '", want, "'");
        }
      }
    } else {
      Tensor want = reftest::to_tensor(c.get<refcases::RefTensor>("out"));
      Result got;
      try {
        got = it->second(c, a);
      } catch (const Error& e) {
        FAIL_CHECK("tjit threw '", std::string(e.what()), "' where PyTorch returns ", reftest::describe(want));
        continue;
      }
      double rtol, atol;
      reftest::tolerance(want.scalar_type(), &rtol, &atol);
      if (want.scalar_type() == kFloat) atol = 1e-4;
      if (want.scalar_type() == kHalf || want.scalar_type() == kBFloat16) rtol *= 2, atol *= 2;
      std::string why;
      bool ok = reftest::same(std::get<0>(got), want, rtol, atol, &why);
      CHECK_MESSAGE(ok, why, "; got ", reftest::describe(std::get<0>(got)), ", want ",
                    reftest::describe(want));
      if (c.has("out2")) {
        Tensor want2 = reftest::to_tensor(c.get<refcases::RefTensor>("out2"));
        ok = reftest::same(std::get<1>(got), want2, 0, 0, &why);
        CHECK_MESSAGE(ok, "indices: ", why, "; got ", reftest::describe(std::get<1>(got)),
                      ", want ", reftest::describe(want2));
      }
    }
    ++checked;
  }
  MESSAGE(checked, " cases checked; ", message_differs, " error messages worded differently");
}
