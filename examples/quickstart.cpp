// The demo (`./dev.sh demo [ARCHIVE INPUTS]`): a model trained and scripted in PyTorch, loaded
// and run by tjit. By default it is the archive shipped beside this file (demo_model.pt, made by
// make_demo_model.py with PyTorch 1.13) on its recorded input; its code and graph are printed as
// PyTorch prints them and its output compared with PyTorch's. Any torch.jit.save archive and a
// torch.save file holding a tuple of its forward's arguments can be given instead. Then the other
// way in: a C++ lambda scripted at compile time, whose type is its graph.
#include <algorithm>
#include <iostream>
#include <string>

#include "tjit/script/script.hpp"
#include "tjit/tjit.hpp"

namespace {

// @torch.jit.script
// def scaled_gate(x, y):
//     return torch.sigmoid(2 * x + y) * y
constexpr auto scaled_gate = tjit::script<"scaled_gate">(
    [](auto x, auto y) { return sigmoid(2 * x + y) * y; }, tjit::arg<"x">, tjit::arg<"y">);

// The largest absolute difference between two tensors of the same shape.
double max_abs_diff(const tjit::Tensor& a, const tjit::Tensor& b) {
  return tjit::max(tjit::abs(tjit::sub(tjit::to(a, tjit::kDouble), tjit::to(b, tjit::kDouble))))
      .item()
      .to_double();
}

}  // namespace

int main(int argc, char** argv) {
  const bool bundled = argc < 3;
  const std::string archive = bundled ? "examples/demo_model.pt" : argv[1];
  const std::string inputs = bundled ? "examples/demo_input.pt" : argv[2];
  std::cout << "tjit " << tjit::version << " (semantics of PyTorch "
            << tjit::reference_pytorch_version << ")\n\n";
  try {
    // 1. Load: zip + pickle + TorchScript source, compiled by tjit (no Python, no libtorch).
    tjit::Module model = tjit::load(archive);
    model.eval();
    std::cout << "loaded " << archive << ": " << model.type()->str() << ", "
              << model.named_parameters().size() << " parameters\n\n";

    // 2. What PyTorch prints for model.code and model.forward.graph.
    std::cout << "model.code:\n" << model.code() << "\n";
    std::cout << "model.forward.graph:\n" << model.graph("forward")->str() << "\n";

    // 3. Run it on the recorded input.
    tjit::IValue in = tjit::pickle_load(inputs);
    if (!in.isTuple()) throw tjit::Error(inputs + " must hold a tuple of forward's arguments");
    std::vector<tjit::IValue> args = in.toTupleRef().elements();
    tjit::IValue out = model.forward(args);
    std::cout << "model(*torch.load(\"" << inputs << "\")) =\n" << out << "\n";

    // 4. The same result as PyTorch's?
    if (bundled && out.isTensor()) {
      tjit::Tensor expected = tjit::pickle_load("examples/demo_output.pt").toTensor();
      double diff = max_abs_diff(out.toTensor(), expected);
      std::cout << "PyTorch 1.13 computed (examples/demo_output.pt) =\n" << expected << "\n"
                << "largest difference: " << diff
                << (diff <= 1e-5 ? " (equal within 1e-5)" : " (DIFFERENT)") << "\n";
      if (diff > 1e-5) return 1;
    }

    // 5. The script's own language: a different `steps` argument runs the loop more often.
    if (bundled) {
      args.emplace_back(5);
      std::cout << "\nmodel(x, steps=5) =\n" << model.forward(args) << "\n";
    }
  } catch (const tjit::Error& e) {
    std::cerr << "demo: " << e.what() << "\n";
    return 1;
  }
  // 6. Compile-time scripting: the graph PyTorch prints for the same function, and a run that is
  //    straight-line kernel calls (no interpreter).
  tjit::Tensor a = tjit::arange(4, tjit::kFloat), b = tjit::ones({4});
  std::cout << "\nscaled_gate.graph (a C++ lambda scripted at compile time):\n"
            << scaled_gate.graph() << "scaled_gate(arange(4), ones(4)) = " << scaled_gate(a, b)
            << "\n";
  std::cout << "\nMore: the README's tour; `bazel run //tools:tjit -- --help` for the command line.\n";
  return 0;
}
