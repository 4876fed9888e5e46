// Compiles the definitions of tjit/serialize/pickle.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/serialize/detail/pickle_impl.hpp"
