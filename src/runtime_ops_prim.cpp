#include "tjit/runtime/detail/ops_prim.hpp"
