// Compiles tjit/tensor/ops/random definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/random_impl.hpp"
