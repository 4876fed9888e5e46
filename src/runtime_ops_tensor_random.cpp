#include "tjit/runtime/detail/ops_tensor_random.hpp"
