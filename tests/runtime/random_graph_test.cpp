// Random ops reached through a graph and the interpreter: `Generator? generator` arguments given
// None (as scripted code passes them) draw from the default generator, bit for bit as PyTorch:
//   torch.manual_seed(0); torch.randn(3); torch.bernoulli(torch.full((3,), 0.5))
//   -> tensor([ 1.5410, -0.2934, -2.1788]), tensor([1., 0., 1.])
#include <doctest/doctest.h>

#include <sstream>

#include "tjit/ir/ir.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/runtime/generator_value.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

using namespace tjit;

namespace {
std::string str(const Tensor& t) {
  std::ostringstream os;
  os << t;
  return os.str();
}
}  // namespace

TEST_CASE("random ops in a graph draw PyTorch's numbers") {
  const char* g = R"IR(graph(%x.1 : int,
      %t.1 : Tensor):
  %2 : NoneType = prim::Constant()
  %3 : int[] = prim::ListConstruct(%x.1)
  %4 : Tensor = aten::randn(%3, %2, %2, %2, %2)
  %5 : Tensor = aten::bernoulli(%t.1, %2)
  %7 : (Tensor, Tensor) = prim::TupleConstruct(%4, %5)
  return (%7)
)IR";
  auto cu = std::make_shared<runtime::CompilationUnit>();
  auto* f = cu->create_function("__torch__.f", ir::parse_ir(g));
  manual_seed(0);
  IValue y = (*f)({IValue(std::int64_t{3}), IValue(full({3}, 0.5))});
  const auto& e = y.toTuple()->elements();
  CHECK(str(e[0].toTensor()) == "tensor([ 1.5410, -0.2934, -2.1788])");
  CHECK(str(e[1].toTensor()) == "tensor([1., 0., 1.])");
}

TEST_CASE("a Generator value drives the .generator overloads") {
  // torch.rand(2, generator=torch.Generator().manual_seed(7)) twice from one generator
  auto gen = std::make_shared<Generator>(7);
  const runtime::Operator* op =
      runtime::OperatorRegistry::instance().findByQualifiedName("aten::rand.generator");
  REQUIRE(op != nullptr);
  auto call = [&] {
    runtime::Stack s{IValue(std::vector<std::int64_t>{2}), runtime::make_generator_value(gen),
                     IValue(), IValue(), IValue(), IValue()};
    op->fn()(s);
    return s.back().toTensor();
  };
  Tensor a = call(), b = call();
  Generator same(7);
  CHECK(equal(a, rand({2}, &same)));
  CHECK(equal(b, rand({2}, &same)));
  CHECK(!equal(a, b));
  runtime::Stack bad{IValue(std::vector<std::int64_t>{2}), IValue(3.0), IValue(), IValue(),
                     IValue(), IValue()};
  CHECK_THROWS_WITH(op->fn()(bad), "expected a Generator or None for argument 'generator'");
}
