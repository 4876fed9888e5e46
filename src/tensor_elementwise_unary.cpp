// Compiles tjit/tensor/ops/elementwise_unary definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/elementwise_unary_impl.hpp"
