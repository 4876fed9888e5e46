// tjit/serialize/freeze.hpp — tjit::freeze and tjit::optimize_for_inference, as
// torch.jit.freeze and torch.jit.optimize_for_inference.
//
//   tjit::Module m = tjit::load("model.pt");
//   m.eval();
//   tjit::Module f = tjit::freeze(m);                  // weights become graph constants
//   tjit::OptimizeReport report;
//   tjit::Module o = tjit::optimize_for_inference(f, {}, &report);   // conv+bn folded, ...
//   for (const auto& r : report.rewrites) std::cout << r << "\n";
//   o.save("frozen.pt");                               // torch.jit.load reads it
//
// freeze (PyTorch's freeze_module.cpp semantics): the module must be in eval mode (PyTorch's
// message otherwise); it is cloned; `forward` and the methods named in `preserved_attrs` get
// every call inlined (submodule methods, script functions); attributes — parameters, buffers,
// plain values, of the module and of its submodules — that no kept method writes (prim::SetAttr,
// or an in-place op on the value, Note [Alias approximation] in ir/passes/effects.hpp) become
// constants named `self.<path>`; then the graph passes run (ir/passes/passes.hpp). The result
// is an object of a new class `<qualifier>.___torch_mangle_<N>.<Name>` (as PyTorch names it)
// keeping only the attributes the kept methods still read or write, and the preserved ones
// (`preserved_attrs` may name `sub.attr`). Exported methods not listed in `preserved_attrs` are
// dropped, as PyTorch drops them. Saved, tensor constants go to constants.pkl.
//
// optimize_for_inference freezes the module first when it still has a `training` attribute,
// then rewrites `forward`, reporting each rewrite:
// - dropout removal (`aten::dropout` & co. with train=False): exact;
// - conv{1,2,3}d + batch_norm and linear + batch_norm folding (eval-mode batch_norm on the
//   output of a convolution/linear with constant weights, the output used by nothing else but
//   shape checks): the weights are rescaled, W' = W·γ/√(σ²+ε), b' = (b−μ)·γ/√(σ²+ε)+β —
//   results differ from the unfolded graph by rounding (float32: relative ~1e-6 per output,
//   well inside 1e-4 after resnet18's 20 folded layers). Refused when `bit_exact` is set.
// Builds on serialize/module.hpp and ir/passes/.
#pragma once

#include <string>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/serialize/module.hpp"

namespace tjit {

Module freeze(const Module& module, const std::vector<std::string>& preserved_attrs = {});

struct OptimizeOptions {
  // Refuse rewrites that change floating-point results (conv/linear + batch_norm folding).
  bool bit_exact = false;
};

struct OptimizeReport {
  // One line per rewrite done: "conv2d+batch_norm folded (%input.5 → %x.7)".
  std::vector<std::string> rewrites;
  // Rewrites found but not done, with why ("... refused: bit_exact").
  std::vector<std::string> refused;
  // All of it, one line each ("rewrite: ...", "refused: ..."): what `tjit info` shows.
  std::string str() const;
};

Module optimize_for_inference(const Module& module, const OptimizeOptions& options = {},
                              OptimizeReport* report = nullptr);

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/serialize/detail/freeze_impl.hpp"
#endif
