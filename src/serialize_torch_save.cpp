// Compiles the definitions of tjit/serialize/torch_save.hpp once for //:tjit (see tjit/core/config.hpp).
#include "tjit/serialize/detail/torch_save_impl.hpp"
