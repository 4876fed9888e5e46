// tjit/tjit.hpp — the umbrella header: everything tjit offers, in one include.
#pragma once

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/core/source_range.hpp"
#include "tjit/core/version.hpp"
#include "tjit/frontend/parser.hpp"
#include "tjit/ir/ir.hpp"
#include "tjit/tensor/tensor.hpp"
