#include "tjit/runtime/detail/ops_tensor_reduce.hpp"
