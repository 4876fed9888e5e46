// tjit/tjit.hpp — the umbrella header: everything tjit offers, in one include.
#pragma once

#include "tjit/core/error.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/core/source_range.hpp"
#include "tjit/core/task.hpp"
#include "tjit/core/version.hpp"
#include "tjit/frontend/parser.hpp"
#include "tjit/ir/ir.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/runtime/future.hpp"
#include "tjit/runtime/interpreter.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/serialize/pickle.hpp"
#include "tjit/serialize/torch_save.hpp"
#include "tjit/serialize/zip.hpp"
#include "tjit/tensor/tensor.hpp"
