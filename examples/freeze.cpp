// //examples:freeze — tjit::freeze and tjit::optimize_for_inference, as torch.jit.freeze and
// torch.jit.optimize_for_inference: a module's forward graph before freezing, after (weights
// are constants, calls inlined, the dropout gone in eval mode), and after optimisation (the
// batch_norm folded into the convolution), with the rewrites reported and the outputs compared.
// `bazel run //examples:freeze -- model.pt` does the same for a torch.jit.save archive.
#include <iostream>

#include "tjit/serialize/freeze.hpp"
#include "tjit/serialize/import.hpp"
#include "tjit/tensor/tensor.hpp"

int main(int argc, char** argv) {
  tjit::Module m;
  tjit::Tensor x;
  if (argc > 1) {
    m = tjit::load(argv[1]);
    x = tjit::linspace(-1, 1, 3 * 224 * 224).view({1, 3, 224, 224});
  } else {
    m = tjit::Module("Net");
    m.register_parameter("w", tjit::linspace(-1, 1, 4 * 3 * 3 * 3).view({4, 3, 3, 3}), false);
    m.register_parameter("gamma", tjit::linspace(0.5, 1.5, 4), false);
    m.register_parameter("beta", tjit::linspace(-0.2, 0.2, 4), false);
    m.register_buffer("mean", tjit::linspace(-0.1, 0.1, 4));
    m.register_buffer("var", tjit::linspace(0.8, 1.2, 4));
    m.register_attribute("scale", tjit::ir::Type::Float(), 2.0);
    m.define(R"(
def forward(self, x):
    y = F.conv2d(x, self.w)
    y = F.batch_norm(y, self.mean, self.var, self.gamma, self.beta, self.training)
    y = F.dropout(F.relu(y), 0.5, self.training)
    return y * self.scale
)");
    x = tjit::linspace(-1, 1, 2 * 3 * 5 * 5).view({2, 3, 5, 5});
  }
  m.eval();
  std::cout << "forward before freezing:\n" << m.graph()->str() << "\n";

  tjit::Module frozen = tjit::freeze(m);
  std::cout << "frozen (tjit::freeze):\n" << frozen.graph()->str() << "\n";

  tjit::OptimizeReport report;
  tjit::Module optimized = tjit::optimize_for_inference(m, {}, &report);
  std::cout << "optimised (tjit::optimize_for_inference):\n"
            << optimized.graph()->str() << "\nrewrites:\n"
            << report.str() << "\n";

  tjit::Tensor a = m.forward({x}).toTensor();
  tjit::Tensor b = frozen.forward({x}).toTensor();
  tjit::Tensor c = optimized.forward({x}).toTensor();
  std::cout << "max |frozen - original| = " << tjit::max(tjit::abs(b - a)).item<double>() << "\n"
            << "max |optimised - original| = " << tjit::max(tjit::abs(c - a)).item<double>()
            << "\n";
  return 0;
}
