// tjit/tensor/print.hpp — tensors print as PyTorch prints them (`str(t)` / `repr(t)`):
// `tensor([[1., 2.]])`, the same number formatting (precision 4, int mode, scientific mode),
// line wrapping at 80 columns, summarising with `...` above 1000 elements, and the
// `dtype=` / `size=` suffixes.
#pragma once

#include <ostream>
#include <string>

#include "tjit/core/config.hpp"
#include "tjit/tensor/tensor_base.hpp"

namespace tjit {

// PyTorch's print options (torch.set_printoptions); the defaults are PyTorch's.
struct PrintOptions {
  int precision = 4;
  std::int64_t threshold = 1000;
  std::int64_t edgeitems = 3;
  std::int64_t linewidth = 80;
};

// What `str(t)` gives in Python.
std::string to_string(const Tensor& t, const PrintOptions& options = {});

inline std::ostream& operator<<(std::ostream& out, const Tensor& t) { return out << to_string(t); }

}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/tensor/detail/print_impl.hpp"
#endif
