#include "tjit/runtime/detail/ops_tensor_extra.hpp"
