#include "tjit/runtime/detail/ops_builtin.hpp"
