// Compiles the definitions of tjit/serialize/freeze.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/serialize/detail/freeze_impl.hpp"
