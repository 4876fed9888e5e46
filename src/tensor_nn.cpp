// Compiles tjit/tensor/ops/nn definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/nn_impl.hpp"
