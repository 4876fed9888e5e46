// Indexing ops (tjit/tensor/ops/indexing.hpp) against PyTorch 1.13 on generated reference cases
// (make_indexing_cases.py). Exact except for float accumulation (ref_util tolerances).
#include <doctest/doctest.h>

#include "ops_runner.hpp"
#include "tjit/tensor/ops/indexing.hpp"

using namespace tjit;
using refcases::Case;
using reftest::int_arg;
using reftest::Tensors;

namespace {

Scalar value_of(const Case& c) {
  const auto& f = c.at("value");
  if (auto* i = std::get_if<std::int64_t>(&f)) return Scalar(*i);
  return Scalar(std::get<double>(f));
}
std::optional<std::string_view> reduce_of(const Case& c) {
  if (!c.has("reduce")) return std::nullopt;
  return std::string_view(c.get<std::string>("reduce"));
}
// The index list of an `index`/`index_put` case; returns the position of the next input.
std::vector<std::optional<Tensor>> indices_of(const Case& c, const Tensors& ts, std::size_t* next) {
  std::vector<std::optional<Tensor>> ix;
  std::size_t k = 1;
  for (char ch : c.get<std::string>("pattern")) {
    if (ch == 'N') ix.push_back(std::nullopt);
    else ix.push_back(ts[k++]);
  }
  *next = k;
  return ix;
}

}  // namespace

TEST_CASE("indexing ops match PyTorch on the reference cases") {
  static const std::map<std::string, reftest::MultiOp> ops = {
      {"index_select", [](const Case& c, const Tensors& ts) { return Tensors{index_select(ts[0], int_arg(c, "dim", 0), ts[1])}; }},
      {"gather", [](const Case& c, const Tensors& ts) { return Tensors{gather(ts[0], int_arg(c, "dim", 0), ts[1])}; }},
      {"scatter", [](const Case& c, const Tensors& ts) {
         if (c.has("value")) return Tensors{scatter(ts[0], int_arg(c, "dim", 0), ts[1], value_of(c), reduce_of(c))};
         return Tensors{scatter(ts[0], int_arg(c, "dim", 0), ts[1], ts[2], reduce_of(c))};
       }},
      {"scatter_add", [](const Case& c, const Tensors& ts) { return Tensors{scatter_add(ts[0], int_arg(c, "dim", 0), ts[1], ts[2])}; }},
      {"masked_fill", [](const Case& c, const Tensors& ts) {
         if (ts.size() > 2) return Tensors{masked_fill(ts[0], ts[1], ts[2])};
         return Tensors{masked_fill(ts[0], ts[1], value_of(c))};
       }},
      {"masked_fill_", [](const Case& c, const Tensors& ts) {
         Tensor t = clone(ts[0]);
         masked_fill_(t, ts[1], value_of(c));
         return Tensors{t};
       }},
      {"masked_select", [](const Case&, const Tensors& ts) { return Tensors{masked_select(ts[0], ts[1])}; }},
      {"nonzero", [](const Case&, const Tensors& ts) { return Tensors{nonzero(ts[0])}; }},
      {"nonzero_tuple", [](const Case&, const Tensors& ts) { return nonzero_tuple(ts[0]); }},
      {"take", [](const Case&, const Tensors& ts) { return Tensors{take(ts[0], ts[1])}; }},
      {"embedding", [](const Case& c, const Tensors& ts) { return Tensors{embedding(ts[0], ts[1], int_arg(c, "dim", -1))}; }},
      {"index", [](const Case& c, const Tensors& ts) {
         std::size_t k;
         auto ix = indices_of(c, ts, &k);
         return Tensors{index(ts[0], ix)};
       }},
      {"index_put", [](const Case& c, const Tensors& ts) {
         std::size_t k;
         auto ix = indices_of(c, ts, &k);
         return Tensors{index_put(ts[0], ix, ts[k], int_arg(c, "acc", 0) != 0)};
       }},
  };
  reftest::run_cases("tests/tensor/indexing_cases.bin", ops, 150);
}
