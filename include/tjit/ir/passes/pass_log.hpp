// tjit/ir/passes/pass_log.hpp — the passes' debug switch, shaped like PyTorch's
// PYTORCH_JIT_LOG_LEVEL: `TJIT_JIT_LOG_LEVEL=dead_code_elimination:inline_calls` (or `*` for
// every pass; leading `>` and a trailing `.cpp`/`.hpp` on a name are accepted as PyTorch writes
// them) makes each named pass print the graph it changed to stderr:
//
//   [DUMP dead_code_elimination] graph after dead_code_elimination:
//   graph(%x : Tensor): ...
//
// Builds on ir/graph.hpp.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "tjit/ir/graph.hpp"

namespace tjit::ir::passes {

inline bool pass_log_enabled(std::string_view pass) {
  const char* env = std::getenv("TJIT_JIT_LOG_LEVEL");
  if (!env || !*env) return false;
  std::string_view s(env);
  while (!s.empty()) {
    auto colon = s.find(':');
    std::string_view item = s.substr(0, colon);
    while (!item.empty() && item.front() == '>') item.remove_prefix(1);
    for (std::string_view ext : {".cpp", ".hpp"})
      if (item.size() > ext.size() && item.substr(item.size() - ext.size()) == ext)
        item.remove_suffix(ext.size());
    if (item == "*" || item == pass) return true;
    if (colon == std::string_view::npos) break;
    s.remove_prefix(colon + 1);
  }
  return false;
}

// Prints `g` when `pass` is switched on and `changed` is true.
inline void log_pass(std::string_view pass, const Graph& g, bool changed = true) {
  if (!changed || !pass_log_enabled(pass)) return;
  std::cerr << "[DUMP " << pass << "] graph after " << pass << ":\n" << g.toString(false);
}

}  // namespace tjit::ir::passes
