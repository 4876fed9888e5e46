// Compiles tjit/tensor/ops/elementwise_activation definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/elementwise_activation_impl.hpp"
