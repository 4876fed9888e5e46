// Compiles the definitions of tjit/serialize/zip.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/serialize/detail/zip_impl.hpp"
