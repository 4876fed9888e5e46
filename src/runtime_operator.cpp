#include "tjit/runtime/detail/operator_impl.hpp"
