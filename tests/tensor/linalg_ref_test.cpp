// mm, bmm, matmul, addmm, mv, addmv, dot, outer, linear, baddbmm against PyTorch 1.13 on the
// reference cases of make_nn_cases.py (group linalg).
#include <doctest/doctest.h>

#include "nn_ref_runner.hpp"

using namespace tjit;
using namespace nnref;

TEST_CASE("linear algebra matches PyTorch on the reference cases") {
  auto two = [](auto f) -> Op {
    return [f](const Case& c) -> std::vector<Tensor> { return {f(T(c, "x"), T(c, "w"))}; };
  };
  auto three = [](auto f) -> Op {
    return [f](const Case& c) -> std::vector<Tensor> {
      Scalar beta = c.has("beta") ? (std::holds_alternative<double>(c.at("beta")) ? Scalar(D(c, "beta")) : Scalar(I(c, "beta"))) : Scalar(1);
      Scalar alpha = c.has("alpha") ? (std::holds_alternative<double>(c.at("alpha")) ? Scalar(D(c, "alpha")) : Scalar(I(c, "alpha"))) : Scalar(1);
      return {f(T(c, "b"), T(c, "x"), T(c, "w"), beta, alpha)};
    };
  };
  const std::map<std::string, Op> ops = {
      {"mm", two([](const Tensor& a, const Tensor& b) { return mm(a, b); })},
      {"bmm", two([](const Tensor& a, const Tensor& b) { return bmm(a, b); })},
      {"mv", two([](const Tensor& a, const Tensor& b) { return mv(a, b); })},
      {"dot", two([](const Tensor& a, const Tensor& b) { return dot(a, b); })},
      {"outer", two([](const Tensor& a, const Tensor& b) { return outer(a, b); })},
      {"matmul", two([](const Tensor& a, const Tensor& b) { return matmul(a, b); })},
      {"linear_nobias", two([](const Tensor& a, const Tensor& b) { return linear(a, b); })},
      {"linear", [](const Case& c) -> std::vector<Tensor> { return {linear(T(c, "x"), T(c, "w"), T(c, "b"))}; }},
      {"addmm", three([](const Tensor& s, const Tensor& a, const Tensor& b, const Scalar& be, const Scalar& al) { return addmm(s, a, b, be, al); })},
      {"addmv", three([](const Tensor& s, const Tensor& a, const Tensor& b, const Scalar& be, const Scalar& al) { return addmv(s, a, b, be, al); })},
      {"baddbmm", three([](const Tensor& s, const Tensor& a, const Tensor& b, const Scalar& be, const Scalar& al) { return baddbmm(s, a, b, be, al); })},
  };
  run("tests/tensor/linalg_cases.bin", ops, 100);
}

TEST_CASE("matmul passes strided operands to the GEMM without copying them") {
  Tensor a = arange(12, kFloat).view({3, 4});
  Tensor b = arange(20, kFloat).view({5, 4});
  Tensor r = mm(a, b.t());  // b.t() is column-major: a transposed GEMM operand
  Tensor want = mm(a, contiguous(b.t()));
  std::string why;
  CHECK_MESSAGE(reftest::same(r, want, 0, 0, &why), why);
}
