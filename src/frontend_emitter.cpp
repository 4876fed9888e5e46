// Compiles the emitter's definitions once (see tjit/core/config.hpp).
#include "tjit/frontend/detail/emitter_impl.hpp"
