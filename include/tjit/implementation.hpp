// tjit/implementation.hpp — include this in exactly ONE .cpp file of your program: it compiles
// tjit's kernels and runtime definitions once (see tjit/core/config.hpp). Not needed when every
// translation unit defines TJIT_HEADER_ONLY, or when you link Bazel's //:tjit target.
#pragma once

#ifndef TJIT_HEADER_ONLY
#include "tjit/tensor/ops/detail/attention_impl.hpp"
#include "tjit/tensor/ops/detail/copy_impl.hpp"
#include "tjit/tensor/ops/detail/elementwise_binary_impl.hpp"
#include "tjit/tensor/ops/detail/elementwise_unary_impl.hpp"
#include "tjit/tensor/ops/detail/factory_impl.hpp"
#include "tjit/tensor/ops/detail/linalg_impl.hpp"
#include "tjit/tensor/ops/detail/nn_conv_impl.hpp"
#include "tjit/tensor/ops/detail/nn_impl.hpp"
#include "tjit/tensor/ops/detail/rnn_impl.hpp"
#include "tjit/tensor/detail/print_impl.hpp"
#include "tjit/tensor/ops/detail/reduce_impl.hpp"
#include "tjit/tensor/ops/detail/shape_impl.hpp"
#include "tjit/tensor/ops/detail/indexing_impl.hpp"
#include "tjit/tensor/ops/detail/sort_impl.hpp"
#include "tjit/tensor/ops/detail/random_impl.hpp"
#include "tjit/tensor/ops/detail/einsum_impl.hpp"
#include "tjit/runtime/detail/ivalue_impl.hpp"
#include "tjit/runtime/detail/operator_impl.hpp"
#include "tjit/runtime/detail/interpreter_impl.hpp"
#include "tjit/runtime/detail/function_impl.hpp"
#include "tjit/runtime/detail/ops_prim.hpp"
#include "tjit/runtime/detail/ops_builtin.hpp"
#include "tjit/runtime/detail/ops_tensor_pointwise.hpp"
#include "tjit/runtime/detail/ops_tensor_reduce.hpp"
#include "tjit/runtime/detail/ops_tensor_shape.hpp"
#include "tjit/runtime/detail/ops_tensor_nn.hpp"
#include "tjit/runtime/detail/ops_tensor_misc.hpp"
#include "tjit/frontend/detail/code_printer_impl.hpp"
#endif
