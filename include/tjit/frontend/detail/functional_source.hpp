// The torch.nn.functional functions that PyTorch scripts from Python (Note [torch.nn.functional
// in the emitter] in emitter_impl.hpp), written here in TorchScript with PyTorch 1.13's
// signatures, so that a call `F.relu(x)` emits what PyTorch emits: a prim::CallFunction of
// `__torch__.torch.nn.functional.relu` with the defaults filled in. The bodies are tjit's own.
#pragma once

#include <map>
#include <string>

namespace tjit::frontend::detail {

// The source of `__torch__.torch.nn.functional.<name>`, or null when F.<name> is a builtin
// operator in PyTorch (F.gelu, F.linear, F.conv2d, F.avg_pool2d, F.pad, ...: aten::<name>).
// `max_pool2d` is PyTorch's boolean dispatch on return_indices: `_max_pool2d` without indices.
inline const char* functional_source(const std::string& name) {
  static const std::map<std::string, const char*> sources = {
      {"relu",
       "def relu(input: Tensor, inplace: bool=False) -> Tensor:\n"
       "    if inplace:\n"
       "        result = torch.relu_(input)\n"
       "    else:\n"
       "        result = torch.relu(input)\n"
       "    return result\n"},
      {"relu6",
       "def relu6(input: Tensor, inplace: bool=False) -> Tensor:\n"
       "    if inplace:\n"
       "        result = torch.hardtanh_(input, 0., 6.)\n"
       "    else:\n"
       "        result = torch.relu6(input)\n"
       "    return result\n"},
      {"silu",
       "def silu(input: Tensor, inplace: bool=False) -> Tensor:\n"
       "    if inplace:\n"
       "        result = torch.silu_(input)\n"
       "    else:\n"
       "        result = torch.silu(input)\n"
       "    return result\n"},
      {"hardtanh",
       "def hardtanh(input: Tensor, min_val: float=-1., max_val: float=1., inplace: bool=False) -> Tensor:\n"
       "    if inplace:\n"
       "        result = torch.hardtanh_(input, min_val, max_val)\n"
       "    else:\n"
       "        result = torch.hardtanh(input, min_val, max_val)\n"
       "    return result\n"},
      {"softmax",
       "def softmax(input: Tensor, dim: Optional[int]=None, _stacklevel: int=3, dtype: Optional[int]=None) -> Tensor:\n"
       "    if dim is None:\n"
       "        nd = input.dim()\n"
       "        if nd == 0 or nd == 1 or nd == 3:\n"
       "            d = 0\n"
       "        else:\n"
       "            d = 1\n"
       "    else:\n"
       "        d = dim\n"
       "    if dtype is None:\n"
       "        ret = torch.softmax(input, d)\n"
       "    else:\n"
       "        ret = torch.softmax(input, d, dtype)\n"
       "    return ret\n"},
      {"log_softmax",
       "def log_softmax(input: Tensor, dim: Optional[int]=None, _stacklevel: int=3, dtype: Optional[int]=None) -> Tensor:\n"
       "    if dim is None:\n"
       "        nd = input.dim()\n"
       "        if nd == 0 or nd == 1 or nd == 3:\n"
       "            d = 0\n"
       "        else:\n"
       "            d = 1\n"
       "    else:\n"
       "        d = dim\n"
       "    if dtype is None:\n"
       "        ret = torch.log_softmax(input, d)\n"
       "    else:\n"
       "        ret = torch.log_softmax(input, d, dtype)\n"
       "    return ret\n"},
      {"dropout",
       "def dropout(input: Tensor, p: float=0.5, training: bool=True, inplace: bool=False) -> Tensor:\n"
       "    if p < 0. or p > 1.:\n"
       "        raise ValueError(\"dropout probability has to be between 0 and 1\")\n"
       "    if inplace:\n"
       "        result = torch.dropout_(input, p, training)\n"
       "    else:\n"
       "        result = torch.dropout(input, p, training)\n"
       "    return result\n"},
      {"_max_pool2d",
       "def _max_pool2d(input: Tensor, kernel_size: BroadcastingList2[int], "
       "stride: Optional[BroadcastingList2[int]]=None, padding: BroadcastingList2[int]=0, "
       "dilation: BroadcastingList2[int]=1, ceil_mode: bool=False, return_indices: bool=False) -> Tensor:\n"
       "    if stride is None:\n"
       "        s = torch.jit.annotate(List[int], [])\n"
       "    else:\n"
       "        s = stride\n"
       "    return torch.max_pool2d(input, kernel_size, s, padding, dilation, ceil_mode)\n"},
      {"adaptive_avg_pool2d",
       "def adaptive_avg_pool2d(input: Tensor, output_size: BroadcastingList2[int]) -> Tensor:\n"
       "    assert input.dim() > len(output_size)\n"
       "    return torch.adaptive_avg_pool2d(input, output_size)\n"},
      {"batch_norm",
       "def batch_norm(input: Tensor, running_mean: Optional[Tensor], running_var: Optional[Tensor], "
       "weight: Optional[Tensor]=None, bias: Optional[Tensor]=None, training: bool=False, "
       "momentum: float=0.1, eps: float=1e-05) -> Tensor:\n"
       "    return torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, False)\n"},
      {"layer_norm",
       "def layer_norm(input: Tensor, normalized_shape: List[int], weight: Optional[Tensor]=None, "
       "bias: Optional[Tensor]=None, eps: float=1e-05) -> Tensor:\n"
       "    return torch.layer_norm(input, normalized_shape, weight, bias, eps, False)\n"},
      {"normalize",
       "def normalize(input: Tensor, p: float=2., dim: int=1, eps: float=1e-12, out: Optional[Tensor]=None) -> Tensor:\n"
       "    if out is not None:\n"
       "        raise RuntimeError(\"normalize: out= is not supported\")\n"
       "    denom = input.norm(p, dim, True).clamp_min(eps).expand_as(input)\n"
       "    return input / denom\n"},
      {"embedding",
       "def embedding(input: Tensor, weight: Tensor, padding_idx: Optional[int]=None, "
       "max_norm: Optional[float]=None, norm_type: float=2., scale_grad_by_freq: bool=False, "
       "sparse: bool=False) -> Tensor:\n"
       "    if padding_idx is None:\n"
       "        pi = -1\n"
       "    else:\n"
       "        pi = padding_idx\n"
       "        if pi < 0:\n"
       "            pi = weight.size(0) + pi\n"
       "    if max_norm is not None:\n"
       "        raise RuntimeError(\"embedding: max_norm is not supported\")\n"
       "    return torch.embedding(weight, input, pi, scale_grad_by_freq, sparse)\n"},
  };
  auto it = sources.find(name);
  return it == sources.end() ? nullptr : it->second;
}

}  // namespace tjit::frontend::detail
