// Compiles tjit/tensor/ops/sort definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/sort_impl.hpp"
