// tjit/tensor/ops/detail/elementwise_kernels.hpp — the elementwise engine shared by the binary and
// unary op definitions: strided kernels with Eigen fast paths, promotion and in-place checks.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <type_traits>

#include "tjit/tensor/iterator.hpp"
#include "tjit/tensor/ops/elementwise.hpp"

namespace tjit {
namespace detail {

template <class T>
using ArrayMap = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
template <class T>
using ConstArrayMap = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;

template <class T>
inline constexpr bool is_eigen_vec_type_v = std::is_same_v<T, float> || std::is_same_v<T, double>;

template <class F, class T>
concept HasVec1 = requires(const F& f, const ConstArrayMap<T>& a) { f.vec(a); };
template <class F, class T>
concept HasVec2 = requires(const F& f, const ConstArrayMap<T>& a) { f.vec(a, a); };

// A Python number as the 0-dim "wrapped number" tensor PyTorch makes of it.
inline Tensor scalar_to_tensor(const Scalar& s) {
  Tensor t = Tensor::empty({}, s.type());
  switch (s.kind()) {
    case Scalar::Kind::Bool: *t.data_ptr<bool>() = s.to_bool(); break;
    case Scalar::Kind::Int: *t.data_ptr<std::int64_t>() = s.to_long(); break;
    case Scalar::Kind::Float: *t.data_ptr<double>() = s.to_double(); break;
  }
  t.set_wrapped_number(true);
  return t;
}
// The same for a tracer's argument list (made with the hook off: filling it is no data read).
inline Tensor traced_scalar_to_tensor(const Scalar& s) {
  tracing::Suspend off;
  return scalar_to_tensor(s);
}

// The inner loop of a unary op: out[i] = cast<O>(f(cast<C>(in[i]))) over byte strides `st`.
template <class O, class I, class C, class F>
struct UnaryLoop {
  const F& f;
  void operator()(const std::array<char*, 2>& p, const std::array<std::int64_t, 2>& st,
                  std::int64_t n) const {
    O* o = reinterpret_cast<O*>(p[0]);
    const I* a = reinterpret_cast<const I*>(p[1]);
    if (st[0] == sizeof(O) && st[1] == sizeof(I)) {
      if constexpr (std::is_same_v<O, I> && std::is_same_v<I, C> && is_eigen_vec_type_v<O>) {
        if constexpr (HasVec1<F, O>) {
          ArrayMap<O>(o, n) = f.vec(ConstArrayMap<I>(a, n));
          return;
        }
      }
      for (std::int64_t i = 0; i < n; ++i) o[i] = cast_value<O>(f(cast_value<C>(a[i])));
    } else {
      for (std::int64_t i = 0; i < n; ++i)
        *reinterpret_cast<O*>(p[0] + i * st[0]) = cast_value<O>(
            f(cast_value<C>(*reinterpret_cast<const I*>(p[1] + i * st[1]))));
    }
  }
};

// out[i] = cast<O>(f(cast<C>(in[i]))): `in` already has out's shape (or broadcasts to it).
template <class O, class I, class C, class F>
void unary_kernel(const Tensor& out, const Tensor& in, const F& f) {
  Tensor e = in.expand(out.sizes());
  strided_loop<2>(
      out.sizes(), {static_cast<char*>(out.data_ptr()), static_cast<char*>(e.data_ptr())},
      {out.strides(), e.strides()},
      {static_cast<std::int64_t>(sizeof(O)), static_cast<std::int64_t>(sizeof(I))},
      UnaryLoop<O, I, C, F>{f});
}

template <class O, class T, class C, class F>
constexpr bool vec2_enabled() {
  if constexpr (std::is_same_v<O, T> && std::is_same_v<T, C> && is_eigen_vec_type_v<T>)
    return HasVec2<F, T>;
  else
    return false;
}

// The inner loop of a binary op: out[i] = cast<O>(f(a[i], b[i])) with a and b of element type T,
// computing in C, over byte strides `st` (0: a broadcast operand).
template <class O, class T, class C, class F>
struct BinaryLoop {
  const F& f;
  void operator()(const std::array<char*, 3>& p, const std::array<std::int64_t, 3>& st,
                  std::int64_t n) const {
    constexpr auto so = static_cast<std::int64_t>(sizeof(O));
    constexpr auto st_ = static_cast<std::int64_t>(sizeof(T));
    O* o = reinterpret_cast<O*>(p[0]);
    const T* x = reinterpret_cast<const T*>(p[1]);
    const T* y = reinterpret_cast<const T*>(p[2]);
    constexpr bool vec = vec2_enabled<O, T, C, F>();
    if (st[0] == so && st[1] == st_ && st[2] == st_) {
      if constexpr (vec) {
        ArrayMap<O>(o, n) = f.vec(ConstArrayMap<T>(x, n), ConstArrayMap<T>(y, n));
      } else {
        for (std::int64_t i = 0; i < n; ++i)
          o[i] = cast_value<O>(f(cast_value<C>(x[i]), cast_value<C>(y[i])));
      }
    } else if (st[0] == so && st[1] == st_ && st[2] == 0) {
      const C yv = cast_value<C>(*y);
      for (std::int64_t i = 0; i < n; ++i) o[i] = cast_value<O>(f(cast_value<C>(x[i]), yv));
    } else if (st[0] == so && st[1] == 0 && st[2] == st_) {
      const C xv = cast_value<C>(*x);
      for (std::int64_t i = 0; i < n; ++i) o[i] = cast_value<O>(f(xv, cast_value<C>(y[i])));
    } else {
      for (std::int64_t i = 0; i < n; ++i)
        *reinterpret_cast<O*>(p[0] + i * st[0]) = cast_value<O>(
            f(cast_value<C>(*reinterpret_cast<const T*>(p[1] + i * st[1])),
              cast_value<C>(*reinterpret_cast<const T*>(p[2] + i * st[2]))));
    }
  }
};

// out[i] = cast<O>(f(a[i], b[i])) with a and b of element type T (already promoted), computing
// in C; a and b broadcast to out's shape.
template <class O, class T, class C, class F>
void binary_kernel(const Tensor& out, const Tensor& a, const Tensor& b, const F& f) {
  Tensor ea = a.expand(out.sizes()), eb = b.expand(out.sizes());
  constexpr auto so = static_cast<std::int64_t>(sizeof(O)), st_ = static_cast<std::int64_t>(sizeof(T));
  strided_loop<3>(
      out.sizes(),
      {static_cast<char*>(out.data_ptr()), static_cast<char*>(ea.data_ptr()),
       static_cast<char*>(eb.data_ptr())},
      {out.strides(), ea.strides(), eb.strides()}, {so, st_, st_}, BinaryLoop<O, T, C, F>{f});
}

// Note [Elementwise fast path]
// Most elementwise calls have contiguous operands of the result's dtype, either of equal sizes
// or one of them a single element (a scalar, a 0-dim tensor, a Python number) of no higher rank.
// Those skip broadcasting, promotion copies, expand() views and the strided iterator: flat_loop
// runs the op's inner loop over the flat range with exactly the strides and chunks strided_loop
// would have given it (one dim of `n` elements, byte stride 0 for the single element; every
// stride 0 when n == 1), so the results are bit-identical to the general path's.
template <std::size_t N, class Loop>
void flat_loop(const std::array<char*, N>& data, std::array<std::int64_t, N> st, std::int64_t n,
               const Loop& loop) {
  if (n <= 0) return;
  if (n == 1) st.fill(0);
  if (n < kElementwiseGrain) {
    loop(data, st, n);
    return;
  }
  parallel_for(0, n, kElementwiseGrain, [&](std::int64_t b, std::int64_t e) {
    std::array<char*, N> p;
    for (std::size_t k = 0; k < N; ++k) p[k] = data[k] + b * st[k];
    loop(p, st, e - b);
  });
}

// A Python number as the value PyTorch's wrapped-number tensor of it gives after conversion to T.
template <class T>
T wrapped_scalar_value(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Bool: return cast_value<T>(s.to_bool());
    case Scalar::Kind::Int: return cast_value<T>(s.to_long());
    case Scalar::Kind::Float: break;
  }
  return cast_value<T>(s.to_double());
}

// Checks an in-place op's output: it must hold the broadcast shape and accept the result dtype.
inline void check_inplace(const Tensor& self, IntArrayRef broadcast, ScalarType result) {
  TJIT_CHECK(std::equal(broadcast.begin(), broadcast.end(), self.sizes().begin(),
                        self.sizes().end()),
             "output with shape ", shape_str(self.sizes()), " doesn't match the broadcast shape ",
             shape_str(broadcast));
  TJIT_CHECK(can_cast(result, self.scalar_type()), "result type ", to_string(result),
             " can't be cast to the desired output type ", to_string(self.scalar_type()));
}

// Reads through `src` into a fresh tensor when it overlaps `out` in a different layout.
inline Tensor unaliased_input(const Tensor& out, const Tensor& src) {
  if (!src.is_alias_of(out)) return src;
  if (src.storage_offset() == out.storage_offset() &&
      std::equal(src.strides().begin(), src.strides().end(), out.strides().begin(),
                 out.strides().end()) &&
      std::equal(src.sizes().begin(), src.sizes().end(), out.sizes().begin(), out.sizes().end()))
    return src;
  return clone(src);
}

// Which dtype a binary op computes in, and which it returns.
enum class BinaryKind {
  Arith,        // result_type in, result_type out
  TrueDivide,   // integral promotes to the default float
  Compare,      // compute in result_type, return bool
  Logical,      // any inputs, bool out
};

// The fast path of binary_op (Note [Elementwise fast path]): `b` is a tensor, or a Python
// number when `bs` is given. Returns false (having done nothing) when the call does not qualify.
template <BinaryKind kind, class MakeF, class Dispatch>
bool binary_fast(std::string_view name, const Tensor& a, const Tensor* b, const Scalar* bs,
                 ScalarType common, ScalarType out_dtype, const MakeF& make_f,
                 const Dispatch& dispatch, Tensor* out, Tensor& result) {
  if (a.scalar_type() != common || (b && b->scalar_type() != common)) return false;
  if (!a.is_contiguous() || (b && !b->is_contiguous())) return false;
  // Which operand gives the result's sizes, and which broadcasts a single element.
  bool a_one = false, b_one = bs != nullptr;
  const Tensor* shape_of = &a;
  if (b) {
    IntArrayRef as = a.sizes(), bsz = b->sizes();
    if (!(as == bsz)) {
      if (b->numel() == 1 && bsz.size() <= as.size()) {
        b_one = true;
      } else if (a.numel() == 1 && as.size() <= bsz.size()) {
        a_one = true;
        shape_of = b;
      } else {
        return false;
      }
    }
  }
  if (out) {
    // In place: `out` is `a`, keeps its sizes and dtype, and `b` does not overlap it in another
    // layout.
    if (!out->is_same(a) || shape_of != &a || out->scalar_type() != out_dtype) return false;
    if (b && b->is_alias_of(*out) && !b->is_same(*out)) return false;
    result = *out;
  } else {
    result = Tensor::empty(shape_of->sizes(), out_dtype);
  }
  const std::int64_t n = result.numel();
  dispatch(common, name, [&](auto tag) {
    using T = decltype(tag);
    using C = acc_t<T>;
    using O = std::conditional_t<kind == BinaryKind::Compare || kind == BinaryKind::Logical, bool, T>;
    auto f = make_f(tag);
    T bv{};
    char* pb;
    if (bs) {
      bv = wrapped_scalar_value<T>(*bs);
      pb = reinterpret_cast<char*>(&bv);
    } else {
      pb = static_cast<char*>(b->data_ptr());
    }
    constexpr auto so = static_cast<std::int64_t>(sizeof(O)), st = static_cast<std::int64_t>(sizeof(T));
    flat_loop<3>({static_cast<char*>(result.data_ptr()), static_cast<char*>(a.data_ptr()), pb},
                 {so, a_one ? 0 : st, b_one ? 0 : st}, n, BinaryLoop<O, T, C, decltype(f)>{f});
  });
  return true;
}

template <BinaryKind kind>
ScalarType binary_compute_type(ScalarType common) {
  if (kind == BinaryKind::TrueDivide && is_integral_type(common, true)) return default_dtype();
  return common;
}
template <BinaryKind kind>
ScalarType binary_out_type(ScalarType common) {
  return (kind == BinaryKind::Compare || kind == BinaryKind::Logical) ? kBool : common;
}

// Runs functor `F` (templated on the compute type) for a binary op. `dispatch` picks the set of
// dtypes the op accepts; `out` (optional) receives the result (in-place ops pass self).
template <BinaryKind kind, class MakeF, class Dispatch>
Tensor binary_op(std::string_view name, const Tensor& a, const Tensor& b, const MakeF& make_f,
                 const Dispatch& dispatch, Tensor* out = nullptr) {
  ScalarType common = binary_compute_type<kind>(result_type(a, b));
  ScalarType out_dtype = binary_out_type<kind>(common);
  Tensor result;
  if (binary_fast<kind>(name, a, &b, nullptr, common, out_dtype, make_f, dispatch, out, result))
    return result;
  Shape shape = broadcast_shapes(a.sizes(), b.sizes());
  Tensor direct_target;  // written directly when its dtype is the out dtype
  if (out) {
    check_inplace(*out, shape, out_dtype);
    if (out->scalar_type() == out_dtype) direct_target = *out;
  }
  result = direct_target.defined() ? direct_target : Tensor::empty(shape, out_dtype);
  Tensor ca = unaliased_input(result, to(a, common)), cb = unaliased_input(result, to(b, common));
  dispatch(common, name, [&](auto tag) {
    using T = decltype(tag);
    using C = acc_t<T>;
    auto f = make_f(tag);
    if constexpr (kind == BinaryKind::Compare || kind == BinaryKind::Logical)
      binary_kernel<bool, T, C>(result, ca, cb, f);
    else
      binary_kernel<T, T, C>(result, ca, cb, f);
  });
  if (out && !direct_target.defined()) copy_(*out, result);
  return out ? *out : result;
}

// The same with a Python number for `b` (PyTorch's wrapped-number tensor, without making it).
template <BinaryKind kind, class MakeF, class Dispatch>
Tensor binary_op(std::string_view name, const Tensor& a, const Scalar& b, const MakeF& make_f,
                 const Dispatch& dispatch, Tensor* out = nullptr) {
  ScalarType common = binary_compute_type<kind>(result_type(a, b));
  ScalarType out_dtype = binary_out_type<kind>(common);
  Tensor result;
  if (binary_fast<kind>(name, a, nullptr, &b, common, out_dtype, make_f, dispatch, out, result))
    return result;
  return binary_op<kind>(name, a, scalar_to_tensor(b), make_f, dispatch, out);
}

template <class F>
decltype(auto) dispatch_all_fn(ScalarType t, std::string_view name, F&& f) {
  return dispatch_all(t, name, std::forward<F>(f));
}
struct DispatchAll {
  template <class F>
  decltype(auto) operator()(ScalarType t, std::string_view n, F&& f) const {
    return dispatch_all(t, n, std::forward<F>(f));
  }
};
struct DispatchIntegralBool {
  template <class F>
  decltype(auto) operator()(ScalarType t, std::string_view n, F&& f) const {
    return dispatch_integral(t, true, n, std::forward<F>(f));
  }
};
struct DispatchNumeric {
  template <class F>
  decltype(auto) operator()(ScalarType t, std::string_view n, F&& f) const {
    return dispatch_numeric(t, n, std::forward<F>(f));
  }
};
struct DispatchFloating {
  template <class F>
  decltype(auto) operator()(ScalarType t, std::string_view n, F&& f) const {
    return dispatch_floating(t, n, std::forward<F>(f));
  }
};

[[noreturn]] inline void zero_division() { throw Error("ZeroDivisionError"); }

// Python-style floor division and modulo, shared by div(rounding_mode='floor'), floor_divide,
// remainder and the TorchScript int/float builtins.
template <class T>
inline T floor_div_value(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b == 0) zero_division();
    if constexpr (std::is_signed_v<T>) {
      if (b == -1) return static_cast<T>(T(0) - a);  // avoids INT_MIN / -1 trapping
      T q = a / b;
      if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
      return q;
    } else {
      return a / b;
    }
  } else {
    if (b == T(0)) return a / b;
    T mod = std::fmod(a, b);
    T div = (a - mod) / b;
    if (mod != T(0) && ((b < T(0)) != (mod < T(0)))) div -= T(1);
    T fl;
    if (div != T(0)) {
      fl = std::floor(div);
      if (div - fl > T(0.5)) fl += T(1);
    } else {
      fl = std::copysign(T(0), a / b);
    }
    return fl;
  }
}

template <class T>
inline T remainder_value(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b == 0) zero_division();
    if constexpr (std::is_signed_v<T>) {
      if (b == -1) return 0;
      T r = a % b;
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    } else {
      return a % b;
    }
  } else {
    T r = std::fmod(a, b);
    if (r != T(0) && ((b < T(0)) != (r < T(0)))) r += b;
    return r;
  }
}

template <class T>
inline T int_pow(T base, T exp) {
  if constexpr (std::is_signed_v<T>) {
    if (exp < 0) {
      if (base == 1) return 1;
      if (base == -1) return (exp % 2 == 0) ? 1 : -1;
      return 0;
    }
  }
  T result = 1;
  while (exp) {
    if (exp & 1) result = static_cast<T>(result * base);
    exp = static_cast<T>(exp >> 1);
    base = static_cast<T>(base * base);
  }
  return result;
}

}  // namespace detail

}  // namespace tjit

// Defines a binary op (tensor-tensor, tensor-scalar, and both in place) from one functor body;
// used at namespace tjit scope by elementwise_binary_impl.hpp and elementwise_compare_impl.hpp.
// The ops report to the tracer as aten::name.Tensor / .Scalar and aten::name_.Tensor / .Scalar.
// TJIT_BINARY_OP_IMPL alone defines only detail::name_impl.
#define TJIT_BINARY_OP_IMPL(name, kind, Dispatch, body)                                    \
  namespace detail {                                                                       \
  template <class B>                                                                       \
  Tensor name##_impl(const Tensor& a, const B& b, Tensor* out) {                           \
    return binary_op<BinaryKind::kind>(#name, a, b,                                        \
                     [](auto tag) {                                                        \
                       using T = decltype(tag);                                            \
                       using C = acc_t<T>;                                                 \
                       (void)sizeof(T);                                                    \
                       return [](C x, C y) body;                                           \
                     },                                                                    \
                     Dispatch{}, out);                                                     \
  }                                                                                        \
  }
#define TJIT_BINARY_OP(name, kind, Dispatch, body)                                         \
  TJIT_BINARY_OP_IMPL(name, kind, Dispatch, body)                                          \
  TJIT_DEF Tensor name(const Tensor& a, const Tensor& b) {                                 \
    TJIT_TRACE("aten::" #name ".Tensor", name(a, b), a, b);                                \
    return detail::name##_impl(a, b, nullptr);                                             \
  }                                                                                        \
  TJIT_DEF Tensor name(const Tensor& a, const Scalar& b) {                                 \
    TJIT_TRACE("aten::" #name ".Scalar", name(a, b), a, b);                                \
    return detail::name##_impl(a, b, nullptr);                                             \
  }                                                                                        \
  TJIT_DEF Tensor& name##_(Tensor& self, const Tensor& b) {                                \
    TJIT_TRACE("aten::" #name "_.Tensor", name##_(self, b), self, b);                      \
    detail::name##_impl(self, b, &self);                                                   \
    return self;                                                                           \
  }                                                                                        \
  TJIT_DEF Tensor& name##_(Tensor& self, const Scalar& b) {                                \
    TJIT_TRACE("aten::" #name "_.Scalar", name##_(self, b), self, b);                      \
    detail::name##_impl(self, b, &self);                                                   \
    return self;                                                                           \
  }
// The same for ops whose only schemas take a Tensor `other` (aten::atan2, aten::logical_and,
// ...): a Scalar is recorded as the wrapped-number tensor PyTorch's argument parser makes of it.
#define TJIT_BINARY_OP_TENSOR_OTHER(name, kind, Dispatch, body)                            \
  TJIT_BINARY_OP_IMPL(name, kind, Dispatch, body)                                          \
  TJIT_DEF Tensor name(const Tensor& a, const Tensor& b) {                                 \
    TJIT_TRACE("aten::" #name, name(a, b), a, b);                                          \
    return detail::name##_impl(a, b, nullptr);                                             \
  }                                                                                        \
  TJIT_DEF Tensor name(const Tensor& a, const Scalar& b) {                                 \
    TJIT_TRACE("aten::" #name, name(a, b), a, detail::traced_scalar_to_tensor(b));         \
    return detail::name##_impl(a, b, nullptr);                                             \
  }                                                                                        \
  TJIT_DEF Tensor& name##_(Tensor& self, const Tensor& b) {                                \
    TJIT_TRACE("aten::" #name "_", name##_(self, b), self, b);                             \
    detail::name##_impl(self, b, &self);                                                   \
    return self;                                                                           \
  }                                                                                        \
  TJIT_DEF Tensor& name##_(Tensor& self, const Scalar& b) {                                \
    TJIT_TRACE("aten::" #name "_", name##_(self, b), self, detail::traced_scalar_to_tensor(b)); \
    detail::name##_impl(self, b, &self);                                                   \
    return self;                                                                           \
  }
