#include "tjit/runtime/detail/ops_tensor_shape.hpp"
