// //examples:script_function — scripting functions at compile time (TorchScript's
// torch.jit.script on functions): C++ generic lambdas whose type is their SSA graph. Each runs
// as straight-line kernel calls, prints the graph and code PyTorch 1.13 prints for the same
// program, and lowers to a runtime Function the interpreter runs. With PYTORCH_JIT=0 in the
// environment the same calls run the lambdas eagerly on real tensors.
#include <cstdint>
#include <iostream>

#include "tjit/runtime/function.hpp"
#include "tjit/script/script.hpp"
#include "tjit/tensor/tensor.hpp"

// @torch.jit.script
// def foo(x, y):
//     return 2 * x + y
constexpr auto foo = tjit::script<"foo">([](auto x, auto y) { return 2 * x + y; },
                                         tjit::arg<"x">, tjit::arg<"y">);

// def foo(len: int):
//     rv = torch.zeros(3, 4)
//     for i in range(len):
//         if i < 10:
//             rv = rv - 1.0
//         else:
//             rv = rv + 1.0
//     return rv
constexpr auto loop = tjit::script<"foo">(
    [](auto len) {
      return tjit::loop<"i", "rv">(len, tjit::torch::zeros(3, 4), [](auto i, auto rv) {
        return tjit::if_<"rv">(i < 10, [&] { return rv - 1.0; }, [&] { return rv + 1.0; });
      });
    },
    tjit::arg<"len", std::int64_t>);

// def fn(x):
//     r = x
//     for i in range(x.size(0)):
//         r = r * x
//     return r
constexpr auto fn = tjit::script<"fn">(
    [](auto x) { return tjit::loop<"i", "r">(x.size(0), x, [&](auto, auto r) { return r * x; }); },
    tjit::arg<"x">);

int main() {
  tjit::Tensor x = tjit::arange(6, tjit::kFloat).view({2, 3});
  tjit::Tensor y = tjit::ones({2, 3});

  std::cout << "foo.graph:\n" << foo.graph() << "\nfoo.code:\n" << foo.code() << "\n";
  std::cout << "foo(x, y) =\n" << foo(x, y) << "\n\n";
  // The lowered function, run by the interpreter.
  std::cout << "foo.to_function()(x, y) =\n" << foo.to_function()({x, y}).toTensor() << "\n\n";

  std::cout << "loop.graph:\n" << loop.graph() << "\nloop.code:\n" << loop.code() << "\n";
  std::cout << "loop(12) =\n" << loop(12) << "\n\n";

  std::cout << "fn.graph:\n" << fn.graph() << "\nfn.code:\n" << fn.code() << "\n";
  std::cout << "fn(x) =\n" << fn(x) << "\n\n";

  // The type is the graph: a table of nodes, each an op tag and input indices.
  std::cout << "foo's type holds " << std::size(foo.table.nodes) << " nodes; fn's "
            << std::size(fn.table.nodes) << "\n";
}
