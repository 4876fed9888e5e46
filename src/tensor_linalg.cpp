// Compiles tjit/tensor/ops/linalg definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/linalg_impl.hpp"
