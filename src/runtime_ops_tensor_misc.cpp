#include "tjit/runtime/detail/ops_tensor_misc.hpp"
