// Compiles tjit/tensor/ops/indexing definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/indexing_impl.hpp"
