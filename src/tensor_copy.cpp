// Compiles tjit/tensor/ops/copy definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/copy_impl.hpp"
