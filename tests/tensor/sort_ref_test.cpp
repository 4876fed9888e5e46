// Sorting and selection (tjit/tensor/ops/sort.hpp) against PyTorch 1.13 on generated reference
// cases (make_sort_cases.py). Exact: these ops only move elements. Sorts compare with PyTorch's
// stable sort (tjit always sorts stably); topk cases avoid ties.
#include <doctest/doctest.h>

#include "ops_runner.hpp"
#include "tjit/tensor/ops/sort.hpp"

using namespace tjit;
using refcases::Case;
using reftest::int_arg;
using reftest::Tensors;

namespace {
Tensors two(const std::tuple<Tensor, Tensor>& r) { return {std::get<0>(r), std::get<1>(r)}; }
Tensors three(const std::tuple<Tensor, Tensor, Tensor>& r) {
  return {std::get<0>(r), std::get<1>(r), std::get<2>(r)};
}
}  // namespace

TEST_CASE("sorting ops match PyTorch on the reference cases") {
  static const std::map<std::string, reftest::MultiOp> ops = {
      {"sort", [](const Case& c, const Tensors& ts) {
         return two(sort(ts[0], int_arg(c, "dim", -1), int_arg(c, "desc", 0) != 0, true));
       }},
      {"argsort", [](const Case& c, const Tensors& ts) {
         return Tensors{argsort(ts[0], int_arg(c, "dim", -1), int_arg(c, "desc", 0) != 0, true)};
       }},
      {"topk", [](const Case& c, const Tensors& ts) {
         return two(topk(ts[0], int_arg(c, "k", 1), int_arg(c, "dim", -1), int_arg(c, "desc", 1) != 0));
       }},
      {"kthvalue", [](const Case& c, const Tensors& ts) {
         return two(kthvalue(ts[0], int_arg(c, "k", 1), int_arg(c, "dim", -1), int_arg(c, "keepdim", 0) != 0));
       }},
      {"median", [](const Case& c, const Tensors& ts) {
         return two(median(ts[0], int_arg(c, "dim", -1), int_arg(c, "keepdim", 0) != 0));
       }},
      {"median_all", [](const Case&, const Tensors& ts) { return Tensors{median(ts[0])}; }},
      {"unique", [](const Case&, const Tensors& ts) { return three(unique(ts[0], true, true, true)); }},
      {"unique_consecutive", [](const Case&, const Tensors& ts) {
         return three(unique_consecutive(ts[0], true, true));
       }},
  };
  reftest::run_cases("tests/tensor/sort_cases.bin", ops, 200);
}
