// tjit/tensor/tensor.hpp — the tensor layer in one include: tjit::Tensor, its views, copies,
// factories and elementwise ops. (Kernels are defined once per program: tjit/core/config.hpp.)
#pragma once

#include "tjit/tensor/ops/attention.hpp"
#include "tjit/tensor/ops/copy.hpp"
#include "tjit/tensor/ops/einsum.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/extra.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/indexing.hpp"
#include "tjit/tensor/ops/linalg.hpp"
#include "tjit/tensor/ops/nn.hpp"
#include "tjit/tensor/ops/random.hpp"
#include "tjit/tensor/ops/reduce.hpp"
#include "tjit/tensor/ops/rnn.hpp"
#include "tjit/tensor/ops/shape.hpp"
#include "tjit/tensor/ops/sort.hpp"
#include "tjit/tensor/generator.hpp"
#include "tjit/tensor/print.hpp"
#include "tjit/tensor/tensor_base.hpp"
#include "tjit/tensor/type_promotion.hpp"
