// Compiles tjit/tensor/ops/factory definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/factory_impl.hpp"
