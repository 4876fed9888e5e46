// Compiles tjit/tensor/ops/attention definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/attention_impl.hpp"
