// Compiles the definitions of tjit/serialize/module.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/serialize/detail/module_impl.hpp"
