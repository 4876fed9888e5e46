#include "tjit/runtime/detail/ops_tensor_nn.hpp"
