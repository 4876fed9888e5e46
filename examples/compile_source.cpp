// //examples:compile_source — TorchScript source compiled at run time, as libtorch's
// torch::jit::compile and Module::define do: a function compiled with tjit::compile, its graph
// and code printed (what PyTorch prints for `fn.graph` / `fn.code`) and run; then a module
// class defined from source into a compilation unit, an object of it given its parameter, and
// its `forward` run. `with torch.no_grad():`, tensor subscript assignment and
// torch.nn.functional calls compile as PyTorch 1.13 compiles them.
#include <iostream>

#include "tjit/frontend/code_printer.hpp"
#include "tjit/frontend/emitter.hpp"
#include "tjit/tensor/tensor.hpp"

int main() {
  // 1. A function: compile, print, run.
  auto cu = tjit::compile(R"(
def scale_rows(x, n: int):
    for i in range(n):
        x[i] *= i + 1
    with torch.no_grad():
        y = F.relu(x - 2)
    return y, torch.is_grad_enabled()
)");
  auto& fn = cu->get_function("scale_rows");
  std::cout << "scale_rows.graph:\n" << fn.graph()->str() << "\n";
  const tjit::ir::FunctionSchema schema = fn.getSchema();
  std::cout << "scale_rows.code:\n"
            << tjit::frontend::print_function_code(*fn.graph(), "scale_rows", &schema) << "\n";
  tjit::Tensor x = tjit::ones({3, 2});
  tjit::IValue out = fn({x, 3});
  std::cout << "scale_rows(ones(3, 2), 3) = " << out.toTupleRef().elements()[0].toTensor()
            << "\ngrad mode after the with block: " << std::boolalpha
            << out.toTupleRef().elements()[1].toBool() << "\n\n";

  // 2. A module class from source (what Module::define compiles: methods using self.<attr>).
  tjit::runtime::CompilationUnit unit;
  tjit::frontend::CompileOptions options;
  options.qualifier = "__torch__";
  tjit::frontend::define(unit, std::make_shared<const tjit::Source>(R"(
class Net(Module):
    __parameters__ = ["weight", "bias"]
    weight : Tensor
    bias : Tensor
    def forward(self, x):
        return F.linear(x, self.weight, self.bias).softmax(-1)
)", "<string>"), options);
  auto net = tjit::runtime::create_object(unit, "__torch__.Net");
  net->setAttr("weight", tjit::IValue(tjit::eye(2)));
  net->setAttr("bias", tjit::IValue(tjit::zeros({2})));
  std::cout << "Net.forward.graph:\n" << *unit.get_function("__torch__.Net.forward").graph();
  tjit::IValue y = tjit::runtime::Method(net, unit, "forward")({tjit::IValue(tjit::ones({1, 2}))});
  std::cout << "Net()(ones(1, 2)) = " << y.toTensor() << "\n\n";

  // 3. Errors read as PyTorch's: the message, the source line and a caret under the range.
  try {
    tjit::compile("def f(b: bool) -> int:\n    return b\n");
  } catch (const tjit::Error& e) {
    std::cout << "compile error:\n" << e.what() << "\n";
  }
}
