// tjit/tensor/ops/detail/elementwise_compare_impl.hpp — definitions of the comparison, logical
// and bitwise binary ops of tjit/tensor/ops/elementwise.hpp.
#pragma once

#include "tjit/tensor/ops/detail/elementwise_kernels.hpp"

namespace tjit {

TJIT_BINARY_OP(bitwise_and, Arith, DispatchIntegralBool, { return static_cast<C>(x & y); })
TJIT_BINARY_OP(bitwise_or, Arith, DispatchIntegralBool, { return static_cast<C>(x | y); })
TJIT_BINARY_OP(bitwise_xor, Arith, DispatchIntegralBool, { return static_cast<C>(x ^ y); })
TJIT_BINARY_OP_TENSOR_OTHER(logical_and, Logical, DispatchAll, { return x != C(0) && y != C(0); })
TJIT_BINARY_OP_TENSOR_OTHER(logical_or, Logical, DispatchAll, { return x != C(0) || y != C(0); })
TJIT_BINARY_OP_TENSOR_OTHER(logical_xor, Logical, DispatchAll, {
  return (x != C(0)) != (y != C(0));
})
TJIT_BINARY_OP(eq, Compare, DispatchAll, { return x == y; })
TJIT_BINARY_OP(ne, Compare, DispatchAll, { return x != y; })
TJIT_BINARY_OP(lt, Compare, DispatchAll, { return x < y; })
TJIT_BINARY_OP(le, Compare, DispatchAll, { return x <= y; })
TJIT_BINARY_OP(gt, Compare, DispatchAll, { return x > y; })
TJIT_BINARY_OP(ge, Compare, DispatchAll, { return x >= y; })

}  // namespace tjit
