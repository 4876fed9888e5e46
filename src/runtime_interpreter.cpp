#include "tjit/runtime/detail/interpreter_impl.hpp"
