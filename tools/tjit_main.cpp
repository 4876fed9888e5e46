// The `tjit` command. Subcommands arrive with the layers they need (run, code, graph, info, ...);
// each prints one clear line on stderr and exits non-zero on failure.
#include <cstring>
#include <iostream>
#include <string_view>

#include "tjit/tjit.hpp"

namespace {

constexpr const char* kUsage =
    "usage: tjit <command> [options]\n"
    "\n"
    "commands:\n"
    "  version    print tjit's version and the PyTorch release it follows\n"
    "  help       this text\n";

}  // namespace

int main(int argc, char** argv) {
  std::string_view cmd = argc > 1 ? argv[1] : "help";
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "version" || cmd == "--version") {
    std::cout << "tjit " << tjit::version << " (PyTorch " << tjit::reference_pytorch_version
              << " semantics)\n";
    return 0;
  }
  std::cerr << "tjit: unknown command '" << cmd << "' (see tjit --help)\n";
  return 2;
}
