// The demo (`./dev.sh demo`): what tjit does today, run for real — tensors on Eigen kernels
// printed as PyTorch prints them, a TorchScript graph parsed and printed back, and TorchScript
// source parsed with PyTorch's error reporting. (Loading archives and compile-time scripted
// functions join this demo as those layers land.)
#include <iostream>

#include "tjit/tjit.hpp"

int main() {
  std::cout << "tjit " << tjit::version << " (semantics of PyTorch "
            << tjit::reference_pytorch_version << ")\n\n";

  // 1. Tensors: PyTorch's data model, type promotion and printing.
  tjit::Tensor x = tjit::arange(6, tjit::kFloat).view({2, 3});
  tjit::Tensor y = tjit::gelu(x - 2.5) * 2 + tjit::arange(3);
  std::cout << "x = " << x << "\n";
  std::cout << "gelu(x - 2.5) * 2 + arange(3) = " << y << "\n";
  std::cout << "x.t()[1] (a view) = " << x.t().select(0, 1) << "\n";
  std::cout << "torch.arange(6) / 4 = " << tjit::arange(6) / 4 << "\n";
  try {
    tjit::add(x, tjit::ones({4}));
  } catch (const tjit::Error& e) {
    std::cout << "x + ones(4) -> RuntimeError: " << e.what() << "\n";
  }

  // 2. The IR: a graph as PyTorch prints it, parsed and printed back byte for byte.
  const char* text = R"IR(graph(%x.1 : Tensor,
      %n.1 : int):
  %2 : int = prim::Constant[value=1]()
  %y.1 : Tensor = aten::add(%x.1, %n.1, %2)
  %4 : Tensor = aten::relu(%y.1)
  return (%4)
)IR";
  auto graph = tjit::ir::parse_ir(text);
  std::cout << "\nparsed and printed IR:\n" << graph->str();

  // 3. TorchScript source: parsed with PyTorch's errors (source line and caret).
  auto module = tjit::frontend::parse("def foo(x, y):\n    return 2 * x + y\n");
  std::cout << "\nparsed TorchScript: " << tjit::frontend::dump(*module.body.front()) << "\n";
  try {
    tjit::frontend::parse("def foo(x):\n    y = x + )\n    return y\n");
  } catch (const tjit::Error& e) {
    std::cout << "\na syntax error, reported as PyTorch reports it:\n" << e.what() << "\n";
  }
  return 0;
}
