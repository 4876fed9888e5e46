// bench/interp_graphs.hpp — the graphs both interpreter benchmarks run (tjit's and libtorch's),
// as TorchScript IR text, so the two programs measure the very same graphs. No dependencies.
#pragma once

#include <string>

namespace bench {

// `ops` tiny tensor ops in a chain, alternating add/mul/sub: graph(%x : Tensor, %y : Tensor).
inline std::string tiny_ops_graph(int ops) {
  std::string s = "graph(%x : Tensor, %y : Tensor):\n  %one : int = prim::Constant[value=1]()\n";
  std::string prev = "%x";
  for (int i = 0; i < ops; ++i) {
    std::string v = "%v" + std::to_string(i);
    switch (i % 3) {
      case 0: s += "  " + v + " : Tensor = aten::add(" + prev + ", %y, %one)\n"; break;
      case 1: s += "  " + v + " : Tensor = aten::mul(" + prev + ", %y)\n"; break;
      default: s += "  " + v + " : Tensor = aten::sub(" + prev + ", %y, %one)\n"; break;
    }
    prev = v;
  }
  return s + "  return (" + prev + ")\n";
}

// for i in range(n): acc = (acc + i * 3) % 1000003 — graph(%n : int) -> int; 3 int ops/iteration.
inline std::string int_loop_graph() {
  return R"IR(graph(%n : int):
  %t : bool = prim::Constant[value=1]()
  %zero : int = prim::Constant[value=0]()
  %three : int = prim::Constant[value=3]()
  %m : int = prim::Constant[value=1000003]()
  %r : int = prim::Loop(%n, %t, %zero)
    block0(%i : int, %acc : int):
      %a : int = aten::mul(%i, %three)
      %b : int = aten::add(%acc, %a)
      %c : int = aten::remainder(%b, %m)
      -> (%t, %c)
  return (%r)
)IR";
}

// A chain of `n` elementwise ops on a large tensor, each result used only by the next op:
// an interpreter that frees values at their last use needs ~2 live intermediates.
inline std::string chain_graph(int n) {
  std::string s = "graph(%x : Tensor):\n  %one : int = prim::Constant[value=1]()\n";
  std::string prev = "%x";
  for (int i = 0; i < n; ++i) {
    std::string v = "%c" + std::to_string(i);
    s += "  " + v + " : Tensor = aten::add(" + prev + ", %x, %one)\n";
    prev = v;
  }
  return s + "  return (" + prev + ")\n";
}

}  // namespace bench
