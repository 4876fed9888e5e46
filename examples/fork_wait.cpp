// //examples:fork_wait — TorchScript's fork/wait (torch.jit.fork / torch.jit.wait), from C++
// and from a graph. The documentation's example forks `foo` on each input and waits for all
// results; here the same is done with tjit::fork on C++ callables, and then by a TorchScript
// graph (as PyTorch prints it for the documentation's `example`) that the interpreter runs,
// forking onto the same inter-op pool.
#include <iostream>
#include <vector>

#include "tjit/tjit.hpp"

using tjit::Tensor;

int main() {
  // 1. From C++: fork returns a tjit::Future<T>; wait gives the value (or rethrows the error).
  auto foo = [](const Tensor& a, int b) { return tjit::neg(a) + b; };
  Tensor x = tjit::arange(4, tjit::kFloat);
  std::vector<tjit::Future<Tensor>> futures;
  for (int b = 0; b < 3; ++b) futures.push_back(tjit::fork(foo, x, b));
  Tensor total = tjit::zeros({4});
  for (auto& f : futures) total = total + tjit::wait(f);
  std::cout << "C++ fork/wait: sum of foo(x, b) for b in 0..2 = " << total << "\n";

  // Errors travel to the waiter.
  auto bad = tjit::fork([] { return tjit::ones({2}).view({3}); });
  try {
    bad.wait();
  } catch (const tjit::Error& e) {
    std::cout << "a forked task failed: " << e.what() << "\n";
  }

  // 2. From a graph: `def example(x): fut = torch.jit.fork(foo, x); y = foo(x);
  //    return torch.jit.wait(fut) + y`, as PyTorch 1.13 prints its graph.
  auto cu = std::make_shared<tjit::runtime::CompilationUnit>();
  cu->create_function("__torch__.foo", tjit::ir::parse_ir(R"IR(
graph(%a.1 : Tensor):
  %2 : Tensor = aten::neg(%a.1)
  return (%2)
)IR"));
  auto& example = *cu->create_function("__torch__.example", tjit::ir::parse_ir(R"IR(
graph(%x.1 : Tensor):
  %9 : int = prim::Constant[value=1]()
  %fut.1 : Future[Tensor] = prim::fork_0(%x.1)
  %3 : Function = prim::Constant[name="foo"]()
  %y.1 : Tensor = prim::CallFunction(%3, %x.1)
  %7 : Tensor = aten::wait(%fut.1)
  %10 : Tensor = aten::add(%7, %y.1, %9)
  return (%10)
with prim::fork_0 = graph(%x.1 : Tensor):
  %1 : Function = prim::Constant[name="foo"]()
  %3 : Tensor = prim::CallFunction(%1, %x.1)
  return (%3)
)IR"));
  std::cout << "graph:\n" << example.graph()->str();
  std::cout << "example(arange(4)) = " << example({x}).toTensor() << "\n";
  std::cout << "inter-op threads: " << tjit::get_num_interop_threads() << "\n";
  return 0;
}
