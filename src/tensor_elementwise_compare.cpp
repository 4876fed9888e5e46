// Compiles tjit/tensor/ops/elementwise_compare definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/elementwise_compare_impl.hpp"
