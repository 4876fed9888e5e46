#include "tjit/frontend/detail/code_printer_impl.hpp"
