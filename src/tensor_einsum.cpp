// Compiles tjit/tensor/ops/einsum definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/einsum_impl.hpp"
