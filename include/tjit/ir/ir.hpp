// tjit/ir/ir.hpp — the whole ir/ layer: symbols, types, literals, graphs and their printer, the
// IR text parser, and function schemas. Builds on core/.
#pragma once

#include "tjit/ir/graph.hpp"
#include "tjit/ir/ir_parser.hpp"
#include "tjit/ir/literal.hpp"
#include "tjit/ir/schema.hpp"
#include "tjit/ir/symbol.hpp"
#include "tjit/ir/type.hpp"
