// Compiles tjit/tensor/ops/elementwise_binary definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/elementwise_binary_impl.hpp"
