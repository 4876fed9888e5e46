// Prints tjit::supported_ops(), one schema per line (the input of missing_ops.py).
#include <iostream>

#include "tjit/runtime/operator.hpp"

int main() {
  for (const auto& s : tjit::supported_ops()) std::cout << s << "\n";
}
