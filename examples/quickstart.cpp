// The demo (`./dev.sh demo`): what tjit can do today, run for real.
#include <iostream>

#include "tjit/tjit.hpp"

int main() {
  std::cout << "tjit " << tjit::version << " (semantics of PyTorch "
            << tjit::reference_pytorch_version << ")\n";
  try {
    TJIT_CHECK(2 + 2 == 5, "errors carry a message a person can act on");
  } catch (const tjit::Error& e) {
    std::cout << "caught tjit::Error (" << e.python_type() << "): " << e.what() << "\n";
  }
  return 0;
}
