#include "tjit/runtime/detail/ivalue_impl.hpp"
