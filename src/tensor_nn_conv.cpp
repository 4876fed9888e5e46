// Compiles tjit/tensor/ops/nn_conv definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/nn_conv_impl.hpp"
