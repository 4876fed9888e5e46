// Runs reference cases of ops with several inputs and outputs (shape, indexing and sorting ops)
// against PyTorch's: each case lists its input tensors as `ts` (`t_t`=1: ts[0] stored
// transposed), and its outputs as `out` (plus `out2`, `out3`) or `outs` (a list), or an `error`.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "ref_util.hpp"

namespace reftest {

using Tensors = std::vector<tjit::Tensor>;
using MultiOp = std::function<Tensors(const refcases::Case&, const Tensors&)>;

inline std::int64_t int_arg(const refcases::Case& c, const std::string& k, std::int64_t dflt) {
  return c.has(k) ? c.get<std::int64_t>(k) : dflt;
}
inline tjit::Shape ints_arg(const refcases::Case& c, const std::string& k) {
  if (!c.has(k) || c.is_none(k)) return {};
  const auto& f = c.at(k);
  if (auto* i = std::get_if<std::int64_t>(&f)) return {*i};
  return std::get<std::vector<std::int64_t>>(f);
}

inline void run_cases(const std::string& path, const std::map<std::string, MultiOp>& ops,
                      std::size_t min_cases) {
  auto cases = refcases::load(path);
  REQUIRE(cases.size() >= min_cases);
  int checked = 0, message_differs = 0;
  for (const refcases::Case& c : cases) {
    const std::string& op = c.get<std::string>("op");
    auto it = ops.find(op);
    REQUIRE_MESSAGE(it != ops.end(), "no tjit binding for reference op " << op);
    Tensors ts;
    if (c.has("ts"))
      for (const auto& r : c.get<std::vector<refcases::RefTensor>>("ts")) ts.push_back(to_tensor(r));
    if (c.has("t_t")) ts[0] = ts[0].transpose(-1, -2);
    INFO("case ", c.name, " #", checked, ", ts[0] = ", ts.empty() ? "-" : describe(ts[0]));
    if (c.has("error")) {
      const std::string& want = c.get<std::string>("error");
      try {
        Tensors got = it->second(c, ts);
        FAIL_CHECK("PyTorch raises '", want, "' but tjit returned ",
                   got.empty() ? std::string("nothing") : describe(got[0]));
      } catch (const tjit::Error& e) {
        if (std::string(e.what()) != want) {
          ++message_differs;
          MESSAGE("message differs: tjit '", std::string(e.what()), "', PyTorch '", want, "'");
        }
      }
      ++checked;
      continue;
    }
    Tensors want;
    if (c.has("outs")) {
      for (const auto& r : c.get<std::vector<refcases::RefTensor>>("outs")) want.push_back(to_tensor(r));
    } else {
      for (const char* k : {"out", "out2", "out3"})
        if (c.has(k)) want.push_back(to_tensor(c.get<refcases::RefTensor>(k)));
    }
    Tensors got;
    try {
      got = it->second(c, ts);
    } catch (const tjit::Error& e) {
      FAIL_CHECK("tjit threw '", std::string(e.what()), "' where PyTorch returns ",
                 want.empty() ? std::string("nothing") : describe(want[0]));
      ++checked;
      continue;
    }
    REQUIRE_MESSAGE(got.size() >= want.size(), "tjit returned ", got.size(), " tensors, want ",
                    want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      double rtol, atol;
      tolerance(want[i].scalar_type(), &rtol, &atol);
      std::string why;
      bool ok = same(got[i], want[i], rtol, atol, &why);
      CHECK_MESSAGE(ok, "output ", i, ": ", why, "; got ", describe(got[i]), ", want ",
                    describe(want[i]));
    }
    ++checked;
  }
  MESSAGE(checked, " cases checked; ", message_differs, " error messages worded differently");
}

}  // namespace reftest
