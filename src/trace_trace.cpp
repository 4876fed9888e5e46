// Compiles the definitions of tjit/trace/trace.hpp once for //:tjit_trace (see tjit/core/config.hpp).
#include "tjit/trace/detail/trace_impl.hpp"
