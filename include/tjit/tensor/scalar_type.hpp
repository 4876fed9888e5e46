// tjit/tensor/scalar_type.hpp — dtypes: PyTorch's ScalarType numbering, names, sizes, the C++
// element type of each, PyTorch's promotion table, and dispatch from a runtime dtype to a
// template over the element type.
//
// The numbering is PyTorch's (archives and TorchScript constants store dtypes as these ints).
#pragma once

// Eigen's fast-math square root is an rsqrt approximation (sqrt(inf) = nan); PyTorch's is IEEE.
#ifndef EIGEN_FAST_MATH
#define EIGEN_FAST_MATH 0
#endif
#include <Eigen/Core>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "tjit/core/error.hpp"

namespace tjit {

using Half = Eigen::half;
using BFloat16 = Eigen::bfloat16;

enum class ScalarType : std::int8_t {
  Byte = 0,
  Char = 1,
  Short = 2,
  Int = 3,
  Long = 4,
  Half = 5,
  Float = 6,
  Double = 7,
  ComplexHalf = 8,
  ComplexFloat = 9,
  ComplexDouble = 10,
  Bool = 11,
  QInt8 = 12,
  QUInt8 = 13,
  QInt32 = 14,
  BFloat16 = 15,
  Undefined = -1,
};

inline constexpr ScalarType kByte = ScalarType::Byte, kUInt8 = ScalarType::Byte;
inline constexpr ScalarType kChar = ScalarType::Char, kInt8 = ScalarType::Char;
inline constexpr ScalarType kShort = ScalarType::Short, kInt16 = ScalarType::Short;
inline constexpr ScalarType kInt = ScalarType::Int, kInt32 = ScalarType::Int;
inline constexpr ScalarType kLong = ScalarType::Long, kInt64 = ScalarType::Long;
inline constexpr ScalarType kHalf = ScalarType::Half, kFloat16 = ScalarType::Half;
inline constexpr ScalarType kFloat = ScalarType::Float, kFloat32 = ScalarType::Float;
inline constexpr ScalarType kDouble = ScalarType::Double, kFloat64 = ScalarType::Double;
inline constexpr ScalarType kBool = ScalarType::Bool;
inline constexpr ScalarType kBFloat16 = ScalarType::BFloat16;

// c10's name ('Float', 'Long', ...), used in PyTorch's error messages.
constexpr std::string_view to_string(ScalarType t) noexcept {
  switch (t) {
    case ScalarType::Byte: return "Byte";
    case ScalarType::Char: return "Char";
    case ScalarType::Short: return "Short";
    case ScalarType::Int: return "Int";
    case ScalarType::Long: return "Long";
    case ScalarType::Half: return "Half";
    case ScalarType::Float: return "Float";
    case ScalarType::Double: return "Double";
    case ScalarType::ComplexHalf: return "ComplexHalf";
    case ScalarType::ComplexFloat: return "ComplexFloat";
    case ScalarType::ComplexDouble: return "ComplexDouble";
    case ScalarType::Bool: return "Bool";
    case ScalarType::QInt8: return "QInt8";
    case ScalarType::QUInt8: return "QUInt8";
    case ScalarType::QInt32: return "QInt32";
    case ScalarType::BFloat16: return "BFloat16";
    case ScalarType::Undefined: return "Undefined";
  }
  return "Undefined";
}

// Python's spelling ("torch.float32"), as tensors print their dtype.
constexpr std::string_view python_name(ScalarType t) noexcept {
  switch (t) {
    case ScalarType::Byte: return "torch.uint8";
    case ScalarType::Char: return "torch.int8";
    case ScalarType::Short: return "torch.int16";
    case ScalarType::Int: return "torch.int32";
    case ScalarType::Long: return "torch.int64";
    case ScalarType::Half: return "torch.float16";
    case ScalarType::Float: return "torch.float32";
    case ScalarType::Double: return "torch.float64";
    case ScalarType::ComplexHalf: return "torch.complex32";
    case ScalarType::ComplexFloat: return "torch.complex64";
    case ScalarType::ComplexDouble: return "torch.complex128";
    case ScalarType::Bool: return "torch.bool";
    case ScalarType::QInt8: return "torch.qint8";
    case ScalarType::QUInt8: return "torch.quint8";
    case ScalarType::QInt32: return "torch.qint32";
    case ScalarType::BFloat16: return "torch.bfloat16";
    case ScalarType::Undefined: return "torch.undefined";
  }
  return "torch.undefined";
}

constexpr bool is_floating_type(ScalarType t) noexcept {
  return t == kHalf || t == kFloat || t == kDouble || t == kBFloat16;
}
constexpr bool is_complex_type(ScalarType t) noexcept {
  return t == ScalarType::ComplexHalf || t == ScalarType::ComplexFloat ||
         t == ScalarType::ComplexDouble;
}
// Integral in PyTorch's sense; `include_bool` as in c10::isIntegralType.
constexpr bool is_integral_type(ScalarType t, bool include_bool) noexcept {
  return t == kByte || t == kChar || t == kShort || t == kInt || t == kLong ||
         (include_bool && t == kBool);
}
constexpr bool is_signed_type(ScalarType t) noexcept { return t != kByte && t != kBool; }

constexpr std::size_t element_size(ScalarType t) noexcept {
  switch (t) {
    case ScalarType::Byte: case ScalarType::Char: case ScalarType::Bool:
    case ScalarType::QInt8: case ScalarType::QUInt8: return 1;
    case ScalarType::Short: case ScalarType::Half: case ScalarType::BFloat16: return 2;
    case ScalarType::Int: case ScalarType::Float: case ScalarType::QInt32:
    case ScalarType::ComplexHalf: return 4;
    case ScalarType::Long: case ScalarType::Double: case ScalarType::ComplexFloat: return 8;
    case ScalarType::ComplexDouble: return 16;
    case ScalarType::Undefined: return 0;
  }
  return 0;
}

// The element type of each dtype, and back.
template <class T> struct CppToScalarType;
#define TJIT_SCALAR_TYPE_MAP(cpp, st) \
  template <> struct CppToScalarType<cpp> { static constexpr ScalarType value = ScalarType::st; };
TJIT_SCALAR_TYPE_MAP(std::uint8_t, Byte)
TJIT_SCALAR_TYPE_MAP(std::int8_t, Char)
TJIT_SCALAR_TYPE_MAP(std::int16_t, Short)
TJIT_SCALAR_TYPE_MAP(std::int32_t, Int)
TJIT_SCALAR_TYPE_MAP(std::int64_t, Long)
TJIT_SCALAR_TYPE_MAP(Half, Half)
TJIT_SCALAR_TYPE_MAP(float, Float)
TJIT_SCALAR_TYPE_MAP(double, Double)
TJIT_SCALAR_TYPE_MAP(bool, Bool)
TJIT_SCALAR_TYPE_MAP(BFloat16, BFloat16)
#undef TJIT_SCALAR_TYPE_MAP
template <class T>
inline constexpr ScalarType scalar_type_of = CppToScalarType<std::remove_cv_t<T>>::value;

// The C++ spelling c10 uses for T in conversion errors ("uint8_t", "int", "c10::Half", ...).
template <class T>
constexpr const char* cpp_type_name() {
  if constexpr (std::is_same_v<T, std::uint8_t>) return "uint8_t";
  else if constexpr (std::is_same_v<T, std::int8_t>) return "int8_t";
  else if constexpr (std::is_same_v<T, std::int16_t>) return "int16_t";
  else if constexpr (std::is_same_v<T, std::int32_t>) return "int";
  else if constexpr (std::is_same_v<T, std::int64_t>) return "int64_t";
  else if constexpr (std::is_same_v<T, bool>) return "bool";
  else if constexpr (std::is_same_v<T, float>) return "float";
  else if constexpr (std::is_same_v<T, double>) return "double";
  else if constexpr (std::is_same_v<T, Half>) return "c10::Half";
  else return "c10::BFloat16";
}

// The type arithmetic on T is carried out in (half and bfloat16 compute in float, as ATen does).
template <class T> struct AccType { using type = T; };
template <> struct AccType<Half> { using type = float; };
template <> struct AccType<BFloat16> { using type = float; };
template <class T> using acc_t = typename AccType<T>::type;

template <class T>
inline constexpr bool is_reduced_float_v = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
template <class T>
inline constexpr bool is_floating_v = std::is_floating_point_v<T> || is_reduced_float_v<T>;

// PyTorch's promote_types (c10::promoteTypes), for the dtypes tjit supports.
inline ScalarType promote_types(ScalarType a, ScalarType b) {
  if (a == b) return a;
  if (a == ScalarType::Undefined) return b;
  if (b == ScalarType::Undefined) return a;
  TJIT_CHECK(!is_complex_type(a) && !is_complex_type(b), "Promotion for complex types (",
             to_string(a), ", ", to_string(b), ") is not supported");
  auto idx = [](ScalarType t) -> int {
    switch (t) {
      case ScalarType::Byte: return 0;
      case ScalarType::Char: return 1;
      case ScalarType::Short: return 2;
      case ScalarType::Int: return 3;
      case ScalarType::Long: return 4;
      case ScalarType::Half: return 5;
      case ScalarType::Float: return 6;
      case ScalarType::Double: return 7;
      case ScalarType::Bool: return 8;
      case ScalarType::BFloat16: return 9;
      default: return -1;
    }
  };
  int ia = idx(a), ib = idx(b);
  TJIT_CHECK(ia >= 0 && ib >= 0, "Promotion for ", to_string(a), " and ", to_string(b),
             " types is not supported");
  constexpr ScalarType u1 = kByte, i1 = kChar, i2 = kShort, i4 = kInt, i8 = kLong, f2 = kHalf,
                       f4 = kFloat, f8 = kDouble, b1 = kBool, bf = kBFloat16;
  static constexpr ScalarType table[10][10] = {
      /*        u1  i1  i2  i4  i8  f2  f4  f8  b1  bf */
      /* u1 */ {u1, i2, i2, i4, i8, f2, f4, f8, u1, bf},
      /* i1 */ {i2, i1, i2, i4, i8, f2, f4, f8, i1, bf},
      /* i2 */ {i2, i2, i2, i4, i8, f2, f4, f8, i2, bf},
      /* i4 */ {i4, i4, i4, i4, i8, f2, f4, f8, i4, bf},
      /* i8 */ {i8, i8, i8, i8, i8, f2, f4, f8, i8, bf},
      /* f2 */ {f2, f2, f2, f2, f2, f2, f4, f8, f2, f4},
      /* f4 */ {f4, f4, f4, f4, f4, f4, f4, f8, f4, f4},
      /* f8 */ {f8, f8, f8, f8, f8, f8, f8, f8, f8, f8},
      /* b1 */ {u1, i1, i2, i4, i8, f2, f4, f8, b1, bf},
      /* bf */ {bf, bf, bf, bf, bf, f4, f4, f8, bf, bf},
  };
  return table[ia][ib];
}

// The default floating dtype (torch.get_default_dtype()); tjit keeps PyTorch's float32.
constexpr ScalarType default_dtype() noexcept { return kFloat; }

namespace detail {
[[noreturn]] inline void dispatch_fail(std::string_view op, ScalarType t) {
  throw Error(str_cat("\"", op, "\" not implemented for '", to_string(t), "'"));
}
}  // namespace detail

// Calls f(T{}) with T the element type of `t`, over every dtype tjit supports.
template <class F>
decltype(auto) dispatch_all(ScalarType t, std::string_view op, F&& f) {
  switch (t) {
    case ScalarType::Byte: return f(std::uint8_t{});
    case ScalarType::Char: return f(std::int8_t{});
    case ScalarType::Short: return f(std::int16_t{});
    case ScalarType::Int: return f(std::int32_t{});
    case ScalarType::Long: return f(std::int64_t{});
    case ScalarType::Half: return f(Half{});
    case ScalarType::Float: return f(float{});
    case ScalarType::Double: return f(double{});
    case ScalarType::Bool: return f(bool{});
    case ScalarType::BFloat16: return f(BFloat16{});
    default: detail::dispatch_fail(op, t);
  }
}

// Floating dtypes only (float, double, half, bfloat16).
template <class F>
decltype(auto) dispatch_floating(ScalarType t, std::string_view op, F&& f) {
  switch (t) {
    case ScalarType::Half: return f(Half{});
    case ScalarType::Float: return f(float{});
    case ScalarType::Double: return f(double{});
    case ScalarType::BFloat16: return f(BFloat16{});
    default: detail::dispatch_fail(op, t);
  }
}

// Everything except bool.
template <class F>
decltype(auto) dispatch_numeric(ScalarType t, std::string_view op, F&& f) {
  if (t == kBool) detail::dispatch_fail(op, t);
  return dispatch_all(t, op, std::forward<F>(f));
}

// Integral dtypes, bool included when `with_bool`.
template <class F>
decltype(auto) dispatch_integral(ScalarType t, bool with_bool, std::string_view op, F&& f) {
  switch (t) {
    case ScalarType::Byte: return f(std::uint8_t{});
    case ScalarType::Char: return f(std::int8_t{});
    case ScalarType::Short: return f(std::int16_t{});
    case ScalarType::Int: return f(std::int32_t{});
    case ScalarType::Long: return f(std::int64_t{});
    case ScalarType::Bool:
      if (with_bool) return f(bool{});
      [[fallthrough]];
    default: detail::dispatch_fail(op, t);
  }
}

}  // namespace tjit
