#include "tjit/runtime/detail/function_impl.hpp"
