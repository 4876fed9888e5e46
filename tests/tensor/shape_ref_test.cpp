// Joining and shape ops (tjit/tensor/ops/shape.hpp) against PyTorch 1.13 on generated reference
// cases (make_shape_cases.py). All results are exact (these ops only move elements).
#include <doctest/doctest.h>

#include "ops_runner.hpp"
#include "tjit/tensor/ops/shape.hpp"

using namespace tjit;
using refcases::Case;
using reftest::int_arg;
using reftest::ints_arg;
using reftest::Tensors;

TEST_CASE("shape ops match PyTorch on the reference cases") {
  static const std::map<std::string, reftest::MultiOp> ops = {
      {"cat", [](const Case& c, const Tensors& ts) { return Tensors{cat(ts, int_arg(c, "dim", 0))}; }},
      {"stack", [](const Case& c, const Tensors& ts) { return Tensors{stack(ts, int_arg(c, "dim", 0))}; }},
      {"hstack", [](const Case&, const Tensors& ts) { return Tensors{hstack(ts)}; }},
      {"vstack", [](const Case&, const Tensors& ts) { return Tensors{vstack(ts)}; }},
      {"repeat", [](const Case& c, const Tensors& ts) { return Tensors{repeat(ts[0], ints_arg(c, "reps"))}; }},
      {"tile", [](const Case& c, const Tensors& ts) { return Tensors{tile(ts[0], ints_arg(c, "reps"))}; }},
      {"flip", [](const Case& c, const Tensors& ts) { return Tensors{flip(ts[0], ints_arg(c, "dims"))}; }},
      {"roll", [](const Case& c, const Tensors& ts) {
         return Tensors{roll(ts[0], ints_arg(c, "shifts"), ints_arg(c, "dims"))};
       }},
      {"tril", [](const Case& c, const Tensors& ts) { return Tensors{tril(ts[0], int_arg(c, "k", 0))}; }},
      {"triu", [](const Case& c, const Tensors& ts) { return Tensors{triu(ts[0], int_arg(c, "k", 0))}; }},
      {"movedim", [](const Case& c, const Tensors& ts) {
         return Tensors{movedim(ts[0], ints_arg(c, "src"), ints_arg(c, "dst"))};
       }},
      {"pixel_shuffle", [](const Case& c, const Tensors& ts) { return Tensors{pixel_shuffle(ts[0], int_arg(c, "k", 1))}; }},
      {"pixel_unshuffle", [](const Case& c, const Tensors& ts) { return Tensors{pixel_unshuffle(ts[0], int_arg(c, "k", 1))}; }},
      {"channel_shuffle", [](const Case& c, const Tensors& ts) { return Tensors{channel_shuffle(ts[0], int_arg(c, "k", 1))}; }},
  };
  reftest::run_cases("tests/tensor/shape_cases.bin", ops, 100);
}
