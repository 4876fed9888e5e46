// Runs the reference cases of make_nn_cases.py: each op binding reads its inputs and arguments
// from a case and returns its results, compared with PyTorch's `out` (then `out2`, `out3`, `rm_out`,
// `rv_out` when present). Where PyTorch raises, tjit must throw tjit::Error.
// Tolerances: float32 rtol 1e-4 / atol 1e-5 (GEMM and convolution sums in another order),
// float64 1e-10, bfloat16 (computed in float, rounded once) 2e-2.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ref_util.hpp"

namespace nnref {

using refcases::Case;
using tjit::Tensor;
using Op = std::function<std::vector<Tensor>(const Case&)>;

// Tensor `key` of the case (transposed back when stored transposed); undefined when absent/None.
inline Tensor T(const Case& c, const std::string& key) {
  if (!c.has(key) || c.is_none(key)) return Tensor();
  Tensor t = reftest::to_tensor(c.get<refcases::RefTensor>(key));
  if (c.has(key + "_t")) t = t.transpose(-1, -2);
  return t;
}
inline std::vector<std::int64_t> L(const Case& c, const std::string& key) {
  return c.get<std::vector<std::int64_t>>(key);
}
inline std::int64_t I(const Case& c, const std::string& key) { return c.get<std::int64_t>(key); }
inline double D(const Case& c, const std::string& key) { return c.get<double>(key); }
inline bool B(const Case& c, const std::string& key) { return c.get<bool>(key); }
inline std::string S(const Case& c, const std::string& key) { return c.get<std::string>(key); }

inline void tolerance(tjit::ScalarType t, double* rtol, double* atol) {
  switch (t) {
    case tjit::kFloat: *rtol = 1e-4; *atol = 1e-5; break;
    case tjit::kDouble: *rtol = 1e-10; *atol = 1e-10; break;
    case tjit::kHalf:
    case tjit::kBFloat16: *rtol = 2e-2; *atol = 2e-2; break;
    default: *rtol = 0; *atol = 0;
  }
}

inline void run(const std::string& path, const std::map<std::string, Op>& ops,
                std::size_t min_cases) {
  auto cases = refcases::load(path);
  REQUIRE(cases.size() >= min_cases);
  int checked = 0, message_differs = 0;
  for (const Case& c : cases) {
    const std::string& op = c.get<std::string>("op");
    auto it = ops.find(op);
    REQUIRE_MESSAGE(it != ops.end(), "no tjit binding for reference op " << op);
    std::string inputs;
    for (const char* k : {"x", "w", "b"})
      if (c.has(k) && !c.is_none(k)) inputs += std::string(" ") + k + "=" + reftest::describe(T(c, k));
    INFO("case ", checked, ": op ", op, inputs);
    if (c.has("error")) {
      const std::string& want = c.get<std::string>("error");
      try {
        std::vector<Tensor> got = it->second(c);
        FAIL_CHECK("PyTorch raises '", want, "' but tjit returned ", reftest::describe(got[0]));
      } catch (const tjit::Error& e) {
        if (std::string(e.what()) != want) {
          ++message_differs;
          MESSAGE("message differs: tjit '", std::string(e.what()), "', PyTorch '", want, "'");
        }
      }
    } else {
      std::vector<Tensor> got;
      try {
        got = it->second(c);
      } catch (const tjit::Error& e) {
        FAIL_CHECK("tjit threw '", e.what(), "' where PyTorch returns a result");
        ++checked;
        continue;
      }
      std::size_t i = 0;
      for (const char* key : {"out", "out2", "out3", "rm_out", "rv_out"}) {
        if (!c.has(key) || c.is_none(key)) continue;  // None: an undefined result
        REQUIRE(i < got.size());
        Tensor want = reftest::to_tensor(c.get<refcases::RefTensor>(key));
        double rtol, atol;
        tolerance(want.scalar_type(), &rtol, &atol);
        std::string why;
        bool ok = reftest::same(got[i], want, rtol, atol, &why);
        CHECK_MESSAGE(ok, key, ": ", why, "; got ", reftest::describe(got[i]), ", want ",
                      reftest::describe(want));
        ++i;
      }
    }
    ++checked;
  }
  MESSAGE(checked, " cases checked; ", message_differs, " error messages worded differently");
}

}  // namespace nnref
