// Compiles tjit/tensor/ops/reduce definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/reduce_impl.hpp"
