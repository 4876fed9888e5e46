// Compiles tjit/tensor/ops/shape definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/shape_impl.hpp"
