#include "tjit/runtime/detail/ops_tensor_pointwise.hpp"
