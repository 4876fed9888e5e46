// Compiles the definitions of tjit/serialize/import.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/serialize/detail/import_impl.hpp"
