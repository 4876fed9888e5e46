// Compiles the emitter's graph passes once (see tjit/core/config.hpp).
#include "tjit/frontend/detail/emitter_passes_impl.hpp"
