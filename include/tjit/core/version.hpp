// tjit/core/version.hpp — the library's version and the PyTorch release whose semantics it follows.
#pragma once

namespace tjit {

inline constexpr const char* version = "0.1.0";
// Every op, printed graph and written file is checked against this PyTorch release.
inline constexpr const char* reference_pytorch_version = "1.13.1";

}  // namespace tjit
