// Compiles the definitions of tjit/serialize/export.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/serialize/detail/export_impl.hpp"
