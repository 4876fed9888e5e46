// Compiles the definitions of tjit/script/script.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/script/detail/script_impl.hpp"
