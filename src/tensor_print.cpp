// Compiles tjit/tensor/print definitions once for the //:tjit target.
#include "tjit/tensor/detail/print_impl.hpp"
