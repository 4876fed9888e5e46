// //examples:save_load — archives in and out, as torch.jit.load / torch.jit.save and torch.load /
// torch.save do:
//   1. load the PyTorch archive shipped in examples/ and run it;
//   2. change it from C++ — an attribute, a parameter, a new method compiled from TorchScript —
//      and save it as an archive PyTorch 1.13 loads (`torch.jit.load(path)`);
//   3. load that archive back and check it computes the same;
//   4. write and read a torch.save file (a dict of tensors, as a state_dict is stored).
//
//   bazel run //examples:save_load -- [OUT_DIR]       (default: the system's temporary directory)
#include <filesystem>
#include <iostream>
#include <string>

#include "tjit/tjit.hpp"

int main(int argc, char** argv) {
  const std::filesystem::path out_dir =
      argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::temp_directory_path();
  try {
    // 1. Load and run.
    tjit::Module model = tjit::load("examples/demo_model.pt");
    model.eval();
    tjit::IValue in = tjit::pickle_load("examples/demo_input.pt");
    tjit::Tensor x = in.toTupleRef().elements()[0].toTensor();
    std::cout << "loaded examples/demo_model.pt; forward(x) =\n" << model.forward({x}) << "\n\n";

    // 2. Change it: an attribute, a parameter (through the submodule), a new method.
    model.setattr("temperature", 4.0);
    tjit::Module fc;
    for (const auto& child : model.named_children())
      if (child.name == "fc") fc = child.value;
    tjit::Tensor bias = fc.attr("bias").toTensor();
    fc.setattr("bias", bias + 1.0);
    model.define(R"(
def logits(self, x):
    y = torch.max_pool2d(torch.relu(self.conv(x)), 2)
    return self.fc(y.flatten(1)) / self.temperature
)");
    const std::filesystem::path saved = out_dir / "tjit_demo_changed.pt";
    model.save(saved.string());
    std::cout << "saved " << saved.string() << " (torch.jit.load reads it: /usr/bin/python3 -c "
              << "\"import torch; m = torch.jit.load('" << saved.string()
              << "'); print(m.code); print(m.logits(torch.load('examples/demo_input.pt')[0]))\")\n";

    // 3. Load it back: the same code, the same results.
    tjit::Module again = tjit::load(saved.string());
    tjit::Tensor a = model.run_method("logits", x).toTensor();
    tjit::Tensor b = again.run_method("logits", x).toTensor();
    std::cout << "logits(x) before saving =\n" << a << "\nafter loading again =\n" << b << "\n";
    std::cout << "temperature after loading: " << again.attr("temperature").toDouble() << "\n";
    if (!tjit::equal(a, b)) {
      std::cerr << "save_load: the reloaded module computes something else\n";
      return 1;
    }

    // 4. torch.save files: a dict of tensors (torch.load reads it; we read PyTorch's).
    const std::filesystem::path weights = out_dir / "tjit_demo_weights.pt";
    tjit::IValue state = tjit::pickle_load("examples/demo_output.pt");
    std::cout << "\ntorch.load(\"examples/demo_output.pt\") = " << state.tagKind() << " of "
              << state.toTensor().numel() << " elements\n";
    tjit::runtime::DictPtr params =
        tjit::runtime::make_dict(tjit::ir::Type::Str(), tjit::ir::Type::Tensor());
    for (const auto& p : again.named_parameters()) params->insert_or_assign(p.name, p.value);
    tjit::pickle_save(tjit::IValue(params), weights.string());
    tjit::IValue back = tjit::pickle_load(weights.string());
    std::cout << "wrote " << weights.string() << " with " << back.toGenericDict()->size()
              << " tensors; fc.bias read back = " << back.toGenericDict()->at(tjit::IValue("fc.bias")) << "\n";
  } catch (const tjit::Error& e) {
    std::cerr << "save_load: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
