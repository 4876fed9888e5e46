// tjit/tensor/ops/detail/elementwise_binary_impl.hpp — definitions of the binary ops of
// tjit/tensor/ops/elementwise.hpp (arithmetic, remainder, fmod, atan2, maximum/minimum, pow, where); comparisons,
// logical and bitwise ops are in elementwise_compare_impl.hpp.
#pragma once

#include "tjit/tensor/ops/detail/elementwise_kernels.hpp"

namespace tjit {

// ---------------------------------------------------------------------------------------------
// Arithmetic


namespace detail {

template <class C>
struct AddFn {
  C al;
  C operator()(C x, C y) const { return static_cast<C>(x + al * y); }
  template <class A, class B>
  auto vec(const A& x, const B& y) const { return x + al * y; }
};
template <class C>
struct MulFn {
  C operator()(C x, C y) const { return static_cast<C>(x * y); }
  template <class A, class B>
  auto vec(const A& x, const B& y) const { return x * y; }
};
template <class C>
struct TrueDivFn {
  C operator()(C x, C y) const { return x / y; }
  template <class A, class B>
  auto vec(const A& x, const B& y) const { return x / y; }
};

inline void check_alpha(ScalarType common, const Scalar& alpha) {
  if (is_integral_type(common, true)) {
    TJIT_CHECK(!alpha.is_floating_point(), "For integral input tensors, argument alpha must not be "
                                           "a floating point number.");
  }
  if (alpha.is_bool()) {
    TJIT_CHECK(common == kBool, "Boolean alpha only supported for Boolean results.");
  }
}

inline void check_sub_types(ScalarType a, ScalarType b) {
  TJIT_CHECK(!(a == kBool && b == kBool),
             "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` "
             "or `logical_xor()` operator instead.");
  TJIT_CHECK(a != kBool && b != kBool,
             "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
             "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}
inline void check_sub(const Tensor& a, const Tensor& b) {
  check_sub_types(a.scalar_type(), b.scalar_type());
}
inline void check_sub(const Tensor& a, const Scalar& b) { check_sub_types(a.scalar_type(), b.type()); }

// `b` is a Tensor, or a Scalar (a Python number: binary_op's Scalar overload).
template <class B>
Tensor add_impl(const Tensor& a, const B& b, const Scalar& alpha, Tensor* out) {
  ScalarType common = result_type(a, b);
  check_alpha(common, alpha);
  return binary_op<BinaryKind::Arith>("add", a, b,
                   [&](auto tag) {
                     using T = decltype(tag);
                     using C = acc_t<T>;
                     if constexpr (std::is_same_v<T, bool>) {
                       bool al = alpha.to_bool();
                       return [al](bool x, bool y) { return x || (al && y); };
                     } else {
                       return AddFn<C>{alpha.to<C>()};
                     }
                   },
                   DispatchAll{}, out);
}

}  // namespace detail

TJIT_DEF Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  TJIT_TRACE("aten::add.Tensor", add(a, b, alpha), a, b, alpha);
  return detail::add_impl(a, b, alpha, nullptr);
}
TJIT_DEF Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  TJIT_TRACE("aten::add.Scalar", add(a, b, alpha), a, b, alpha);
  return detail::add_impl(a, b, alpha, nullptr);
}
TJIT_DEF Tensor& add_(Tensor& self, const Tensor& b, const Scalar& alpha) {
  TJIT_TRACE("aten::add_.Tensor", add_(self, b, alpha), self, b, alpha);
  detail::add_impl(self, b, alpha, &self);
  return self;
}
TJIT_DEF Tensor& add_(Tensor& self, const Scalar& b, const Scalar& alpha) {
  TJIT_TRACE("aten::add_.Scalar", add_(self, b, alpha), self, b, alpha);
  detail::add_impl(self, b, alpha, &self);
  return self;
}

TJIT_DEF Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  TJIT_TRACE("aten::sub.Tensor", sub(a, b, alpha), a, b, alpha);
  detail::check_sub(a, b);
  return detail::add_impl(a, b, -alpha, nullptr);
}
TJIT_DEF Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  TJIT_TRACE("aten::sub.Scalar", sub(a, b, alpha), a, b, alpha);
  detail::check_sub(a, b);
  return detail::add_impl(a, b, -alpha, nullptr);
}
TJIT_DEF Tensor rsub(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  TJIT_TRACE("aten::rsub.Tensor", rsub(a, b, alpha), a, b, alpha);
  return sub(b, a, alpha);
}
TJIT_DEF Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  TJIT_TRACE("aten::rsub.Scalar", rsub(a, b, alpha), a, b, alpha);
  return sub(detail::scalar_to_tensor(b), a, alpha);
}
TJIT_DEF Tensor& sub_(Tensor& self, const Tensor& b, const Scalar& alpha) {
  TJIT_TRACE("aten::sub_.Tensor", sub_(self, b, alpha), self, b, alpha);
  detail::check_sub(self, b);
  detail::add_impl(self, b, -alpha, &self);
  return self;
}
TJIT_DEF Tensor& sub_(Tensor& self, const Scalar& b, const Scalar& alpha) {
  TJIT_TRACE("aten::sub_.Scalar", sub_(self, b, alpha), self, b, alpha);
  detail::check_sub(self, b);
  detail::add_impl(self, b, -alpha, &self);
  return self;
}

namespace detail {
template <class B>
Tensor mul_impl(const Tensor& a, const B& b, Tensor* out) {
  return binary_op<BinaryKind::Arith>("mul", a, b,
                   [](auto tag) {
                     using T = decltype(tag);
                     using C = acc_t<T>;
                     if constexpr (std::is_same_v<T, bool>) {
                       return [](bool x, bool y) { return x && y; };
                     } else {
                       return MulFn<C>{};
                     }
                   },
                   DispatchAll{}, out);
}

// div with rounding_mode None ("true"), "trunc" or "floor".
template <class B>
Tensor div_impl(const Tensor& a, const B& b, std::optional<std::string_view> mode, Tensor* out) {
  if (!mode) {
    return binary_op<BinaryKind::TrueDivide>("div_true", a, b,
                     [](auto tag) {
                       using T = decltype(tag);
                       using C = acc_t<T>;
                       return TrueDivFn<C>{};
                     },
                     DispatchFloating{}, out);
  }
  TJIT_CHECK(*mode == "trunc" || *mode == "floor",
             "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '",
             *mode, "'");
  bool floor = *mode == "floor";
  return binary_op<BinaryKind::Arith>(floor ? "div_floor_cpu" : "div_trunc_cpu", a, b,
                   [floor](auto tag) {
                     using T = decltype(tag);
                     using C = acc_t<T>;
                     return [floor](C x, C y) -> C {
                       (void)floor;  // unused in the bool instantiation
                       if constexpr (std::is_same_v<C, bool>) {
                         if (!y) zero_division();
                         return x;
                       } else if constexpr (std::is_integral_v<C>) {
                         if (floor) return floor_div_value(x, y);
                         if (y == 0) zero_division();
                         if constexpr (std::is_signed_v<C>)
                           if (y == -1) return static_cast<C>(C(0) - x);
                         return static_cast<C>(x / y);
                       } else {
                         return floor ? floor_div_value(x, y) : std::trunc(x / y);
                       }
                     };
                   },
                   DispatchNumeric{}, out);
}
}  // namespace detail

TJIT_DEF Tensor mul(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::mul.Tensor", mul(a, b), a, b);
  return detail::mul_impl(a, b, nullptr);
}
TJIT_DEF Tensor mul(const Tensor& a, const Scalar& b) {
  TJIT_TRACE("aten::mul.Scalar", mul(a, b), a, b);
  return detail::mul_impl(a, b, nullptr);
}
TJIT_DEF Tensor& mul_(Tensor& self, const Tensor& b) {
  TJIT_TRACE("aten::mul_.Tensor", mul_(self, b), self, b);
  detail::mul_impl(self, b, &self);
  return self;
}
TJIT_DEF Tensor& mul_(Tensor& self, const Scalar& b) {
  TJIT_TRACE("aten::mul_.Scalar", mul_(self, b), self, b);
  detail::mul_impl(self, b, &self);
  return self;
}

TJIT_DEF Tensor div(const Tensor& a, const Tensor& b,
                  std::optional<std::string_view> rounding_mode) {
  if (rounding_mode) {
    TJIT_TRACE("aten::div.Tensor_mode", div(a, b, rounding_mode), a, b, rounding_mode);
  } else {
    TJIT_TRACE("aten::div.Tensor", div(a, b, rounding_mode), a, b);
  }
  return detail::div_impl(a, b, rounding_mode, nullptr);
}
TJIT_DEF Tensor div(const Tensor& a, const Scalar& b,
                  std::optional<std::string_view> rounding_mode) {
  if (rounding_mode) {
    TJIT_TRACE("aten::div.Scalar_mode", div(a, b, rounding_mode), a, b, rounding_mode);
  } else {
    TJIT_TRACE("aten::div.Scalar", div(a, b, rounding_mode), a, b);
  }
  return detail::div_impl(a, b, rounding_mode, nullptr);
}
TJIT_DEF Tensor& div_(Tensor& self, const Tensor& b,
                    std::optional<std::string_view> rounding_mode) {
  if (rounding_mode) {
    TJIT_TRACE("aten::div_.Tensor_mode", div_(self, b, rounding_mode), self, b, rounding_mode);
  } else {
    TJIT_TRACE("aten::div_.Tensor", div_(self, b, rounding_mode), self, b);
  }
  detail::div_impl(self, b, rounding_mode, &self);
  return self;
}
TJIT_DEF Tensor& div_(Tensor& self, const Scalar& b,
                    std::optional<std::string_view> rounding_mode) {
  if (rounding_mode) {
    TJIT_TRACE("aten::div_.Scalar_mode", div_(self, b, rounding_mode), self, b, rounding_mode);
  } else {
    TJIT_TRACE("aten::div_.Scalar", div_(self, b, rounding_mode), self, b);
  }
  detail::div_impl(self, b, rounding_mode, &self);
  return self;
}
TJIT_DEF Tensor true_divide(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::true_divide.Tensor", true_divide(a, b), a, b);
  return div(a, b);
}
TJIT_DEF Tensor floor_divide(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::floor_divide", floor_divide(a, b), a, b);
  return div(a, b, "floor");
}
TJIT_DEF Tensor floor_divide(const Tensor& a, const Scalar& b) {
  TJIT_TRACE("aten::floor_divide.Scalar", floor_divide(a, b), a, b);
  return div(a, b, "floor");
}

TJIT_BINARY_OP(remainder, Arith, DispatchNumeric, { return detail::remainder_value<C>(x, y); })
TJIT_BINARY_OP(fmod, Arith, DispatchNumeric, {
  if constexpr (std::is_integral_v<C>) {
    if (y == 0) detail::zero_division();
    if constexpr (std::is_signed_v<C>)
      if (y == -1) return C(0);
    return static_cast<C>(x % y);
  } else {
    return std::fmod(x, y);
  }
})
TJIT_BINARY_OP_TENSOR_OTHER(atan2, TrueDivide, DispatchFloating, { return std::atan2(x, y); })
TJIT_BINARY_OP_IMPL(maximum, Arith, DispatchAll, {
  if constexpr (std::is_floating_point_v<C>)
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<C>::quiet_NaN();
  return x > y ? x : y;
})
TJIT_BINARY_OP_IMPL(minimum, Arith, DispatchAll, {
  if constexpr (std::is_floating_point_v<C>)
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<C>::quiet_NaN();
  return x < y ? x : y;
})
// aten::maximum / aten::minimum take a Tensor `other` and have no in-place form.
#define TJIT_MAXIMUM_MINIMUM(name)                                                         \
  TJIT_DEF Tensor name(const Tensor& a, const Tensor& b) {                                 \
    TJIT_TRACE("aten::" #name, name(a, b), a, b);                                          \
    return detail::name##_impl(a, b, nullptr);                                             \
  }                                                                                        \
  TJIT_DEF Tensor name(const Tensor& a, const Scalar& b) {                                 \
    TJIT_TRACE("aten::" #name, name(a, b), a, detail::traced_scalar_to_tensor(b));         \
    return detail::name##_impl(a, b, nullptr);                                             \
  }                                                                                        \
  /* not traced: aten::name_ does not exist (PyTorch has no in-place maximum/minimum) */   \
  TJIT_DEF Tensor& name##_(Tensor& self, const Tensor& b) {                                \
    detail::name##_impl(self, b, &self);                                                   \
    return self;                                                                           \
  }                                                                                        \
  /* not traced: aten::name_ does not exist (PyTorch has no in-place maximum/minimum) */   \
  TJIT_DEF Tensor& name##_(Tensor& self, const Scalar& b) {                                \
    detail::name##_impl(self, b, &self);                                                   \
    return self;                                                                           \
  }
TJIT_MAXIMUM_MINIMUM(maximum)
TJIT_MAXIMUM_MINIMUM(minimum)
#undef TJIT_MAXIMUM_MINIMUM

// pow: integral tensors refuse negative integral exponents, as PyTorch does.
namespace detail {
template <class B>
Tensor pow_impl(const Tensor& a, const B& b, Tensor* out) {
  return binary_op<BinaryKind::Arith>("pow", a, b,
                   [](auto tag) {
                     using T = decltype(tag);
                     using C = acc_t<T>;
                     return [](C x, C y) -> C {
                       if constexpr (std::is_same_v<C, bool>) {
                         return x || !y;
                       } else if constexpr (std::is_integral_v<C>) {
                         if constexpr (std::is_signed_v<C>)
                           TJIT_CHECK(y >= 0, "Integers to negative integer powers are not allowed.");
                         return int_pow<C>(x, y);
                       } else {
                         return std::pow(x, y);
                       }
                     };
                   },
                   DispatchNumeric{}, out);
}
}  // namespace detail
TJIT_DEF Tensor pow(const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::pow.Tensor_Tensor", pow(a, b), a, b);
  return detail::pow_impl(a, b, nullptr);
}
TJIT_DEF Tensor pow(const Tensor& a, const Scalar& b) {
  TJIT_TRACE("aten::pow.Tensor_Scalar", pow(a, b), a, b);
  if (b.is_integral(false) && is_integral_type(a.scalar_type(), true))
    TJIT_CHECK(b.to_long() >= 0, "Integers to negative integer powers are not allowed.");
  if (b.is_floating_point() || b.is_integral(false)) {
    double e = b.to_double();
    ScalarType rt = result_type(a, b);
    if (is_floating_type(rt)) {
      if (e == 2.0) return mul(to(a, rt), to(a, rt));
      if (e == 1.0) return clone(a, rt);
    }
  }
  return detail::pow_impl(a, b, nullptr);
}
TJIT_DEF Tensor pow(const Scalar& a, const Tensor& b) {
  TJIT_TRACE("aten::pow.Scalar", pow(a, b), a, b);
  return detail::pow_impl(detail::scalar_to_tensor(a), b, nullptr);
}
TJIT_DEF Tensor& pow_(Tensor& self, const Tensor& b) {
  TJIT_TRACE("aten::pow_.Tensor", pow_(self, b), self, b);
  detail::pow_impl(self, b, &self);
  return self;
}
TJIT_DEF Tensor& pow_(Tensor& self, const Scalar& b) {
  TJIT_TRACE("aten::pow_.Scalar", pow_(self, b), self, b);
  detail::pow_impl(self, b, &self);
  return self;
}

// where(condition, a, b): elementwise select with three-way broadcasting.
TJIT_DEF Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
  TJIT_TRACE("aten::where.self", where(cond, a, b), cond, a, b);
  TJIT_CHECK(cond.scalar_type() == kBool || cond.scalar_type() == kByte,
             "where expected condition to be a boolean tensor, but got a tensor with dtype ",
             to_string(cond.scalar_type()));
  ScalarType rt = result_type(a, b);
  Shape shape = broadcast_shapes(broadcast_shapes(cond.sizes(), a.sizes()), b.sizes());
  Tensor out = Tensor::empty(shape, rt);
  Tensor c = to(cond, kBool).expand(shape), x = to(a, rt).expand(shape), y = to(b, rt).expand(shape);
  dispatch_all(rt, "where_cpu", [&](auto tag) {
    using T = decltype(tag);
    detail::strided_loop<4>(
        shape,
        {static_cast<char*>(out.data_ptr()), static_cast<char*>(c.data_ptr()),
         static_cast<char*>(x.data_ptr()), static_cast<char*>(y.data_ptr())},
        {out.strides(), c.strides(), x.strides(), y.strides()},
        {static_cast<std::int64_t>(sizeof(T)), 1, static_cast<std::int64_t>(sizeof(T)),
         static_cast<std::int64_t>(sizeof(T))},
        [](const std::array<char*, 4>& p, const std::array<std::int64_t, 4>& st, std::int64_t n) {
          for (std::int64_t i = 0; i < n; ++i)
            *reinterpret_cast<T*>(p[0] + i * st[0]) =
                *reinterpret_cast<const bool*>(p[1] + i * st[1])
                    ? *reinterpret_cast<const T*>(p[2] + i * st[2])
                    : *reinterpret_cast<const T*>(p[3] + i * st[3]);
        });
  });
  return out;
}
TJIT_DEF Tensor where(const Tensor& cond, const Tensor& a, const Scalar& b) {
  TJIT_TRACE("aten::where.ScalarOther", where(cond, a, b), cond, a, b);
  return where(cond, a, detail::scalar_to_tensor(b));
}
TJIT_DEF Tensor where(const Tensor& cond, const Scalar& a, const Tensor& b) {
  TJIT_TRACE("aten::where.ScalarSelf", where(cond, a, b), cond, a, b);
  return where(cond, detail::scalar_to_tensor(a), b);
}
TJIT_DEF Tensor where(const Tensor& cond, const Scalar& a, const Scalar& b) {
  TJIT_TRACE("aten::where.Scalar", where(cond, a, b), cond, a, b);
  return where(cond, detail::scalar_to_tensor(a), detail::scalar_to_tensor(b));
}

}  // namespace tjit
