// Compiles tjit/tensor/ops/rnn definitions once for the //:tjit target.
#include "tjit/tensor/ops/detail/rnn_impl.hpp"
