// Compiles tjit/tensor/ops/extra definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/extra_index_impl.hpp"
