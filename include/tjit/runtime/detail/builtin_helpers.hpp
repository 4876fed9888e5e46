// tjit/runtime/detail/builtin_helpers.hpp — the implementations behind the builtin and prim
// operator tables (ops_builtin.hpp, ops_prim.hpp): numbers, printing, lists, dicts, strings.
// Notes [Vararg operators] and [Builtin deviations] are in ops_builtin.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdlib>
#include <cctype>
#include <cerrno>
#include <iomanip>
#include <iostream>
#include <limits>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/core/task.hpp"
#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/runtime/operator.hpp"

namespace tjit::runtime::ops {
namespace builtin {

using I = std::int64_t;
using C = std::complex<double>;
using runtime::detail::pop;
using ir::Type;

// ---- numbers ---------------------------------------------------------------------------------

inline I wrap_add(I a, I b) { return static_cast<I>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b)); }
inline I wrap_sub(I a, I b) { return static_cast<I>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b)); }
inline I wrap_mul(I a, I b) { return static_cast<I>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b)); }
inline I wrap_neg(I a) { return static_cast<I>(0 - static_cast<std::uint64_t>(a)); }

inline I int_floordiv(I a, I b) {
  if (b == 0) throw ZeroDivisionError("division by 0");
  if (b == -1) return wrap_neg(a);
  I q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}
inline I int_remainder(I a, I b) {
  if (b == 0) throw ZeroDivisionError("integer division or modulo by zero");
  if (b == -1) return 0;
  I r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

// Note [Division by a constant]
// `x % m` and `x // m` with m a constant are common in scripts (hashing, strides, parity).
// The interpreter compiles them (REM_IK, FLOORDIV_IK) the way C++ compilers compile a division
// by a constant: a multiply by a precomputed reciprocal ("magic number") and shifts, after
// Granlund & Montgomery and Warren's Hacker's Delight §10-1, rather than a hardware division,
// whose ~15-cycle latency is most of a tight loop's. Exact for every int64 dividend; made only
// for |d| >= 2 (and d != INT64_MIN), where the others keep the general path.
struct ConstDivisor {
  I d = 0;
  I magic = 0;
  int shift = 0;

#ifdef __SIZEOF_INT128__
  static std::optional<ConstDivisor> make(I d) {
    if (d == 0 || d == 1 || d == -1 || d == std::numeric_limits<I>::min()) return std::nullopt;
    using U = std::uint64_t;
    const U two63 = U(1) << 63;
    const U ad = d < 0 ? U(0) - U(d) : U(d);
    const U t = two63 + (U(d) >> 63);
    const U anc = t - 1 - t % ad;  // |nc|, the largest dividend n with rem(n, d) = d - 1
    int p = 63;
    U q1 = two63 / anc, r1 = two63 - q1 * anc;  // 2^p / |nc| and its remainder
    U q2 = two63 / ad, r2 = two63 - q2 * ad;    // 2^p / |d| and its remainder
    U delta = 0;
    do {
      ++p;
      q1 *= 2, r1 *= 2;
      if (r1 >= anc) ++q1, r1 -= anc;
      q2 *= 2, r2 *= 2;
      if (r2 >= ad) ++q2, r2 -= ad;
      delta = ad - r2;
    } while (q1 < delta || (q1 == delta && r1 == 0));
    U m = q2 + 1;
    if (d < 0) m = U(0) - m;
    return ConstDivisor{d, static_cast<I>(m), p - 64};
  }
  // C++'s n / d (rounding toward zero).
  I trunc_div(I n) const noexcept {
    const auto hi = static_cast<I>((static_cast<__int128>(magic) * n) >> 64);
    std::uint64_t q = static_cast<std::uint64_t>(hi);
    if (d > 0 && magic < 0) q += static_cast<std::uint64_t>(n);
    if (d < 0 && magic > 0) q -= static_cast<std::uint64_t>(n);
    I qs = static_cast<I>(q) >> shift;
    return qs + static_cast<I>(static_cast<std::uint64_t>(qs) >> 63);
  }
#else
  static std::optional<ConstDivisor> make(I) { return std::nullopt; }
  I trunc_div(I n) const noexcept { return n / d; }
#endif
  // Python's n // d and n % d, as int_floordiv and int_remainder give them.
  I floordiv(I n) const noexcept {
    const I q = trunc_div(n), r = n - q * d;
    return r != 0 && ((r < 0) != (d < 0)) ? q - 1 : q;
  }
  I remainder(I n) const noexcept {
    const I r = n - trunc_div(n) * d;
    return r != 0 && ((r < 0) != (d < 0)) ? r + d : r;
  }
};

inline double float_pow(double a, double b) {
  if (a == 0 && b < 0) throw ZeroDivisionError("0.0 cannot be raised to a negative power");
  return std::pow(a, b);
}
inline I int_pow(I a, I b) {
  if (b < 0) {
    if (a == 0) throw ZeroDivisionError("0.0 cannot be raised to a negative power");
    return static_cast<I>(std::pow(static_cast<double>(a), static_cast<double>(b)));
  }
  I r = 1;
  while (b) {
    if (b & 1) r = wrap_mul(r, a);
    a = wrap_mul(a, a);
    b >>= 1;
  }
  return r;
}
// Float to int as PyTorch's floor()/ceil() (checkDoubleInRange).
inline I checked_int(double a) {
  if (std::isnan(a) || std::isinf(a) || a > static_cast<double>(std::numeric_limits<I>::max()) ||
      a < static_cast<double>(std::numeric_limits<I>::min()))
    throw Error("Cannot convert float " + std::to_string(a) + " to integer");
  return static_cast<I>(a);
}
// int(x) of a float: truncates; nan, inf and out-of-range give INT64_MIN as PyTorch's cast does.
inline I trunc_int(double a) {
  if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0))
    return std::numeric_limits<I>::min();
  return static_cast<I>(a);
}
inline double f32(double v) { return static_cast<double>(static_cast<float>(v)); }

inline bool is_intlike(const IValue& v) { return v.isInt() || v.isBool(); }
inline I as_int(const IValue& v) { return v.isBool() ? static_cast<I>(v.toBool()) : v.toInt(); }
inline double as_double(const IValue& v) {
  if (v.isDouble()) return v.toDouble();
  return static_cast<double>(as_int(v));
}
inline C as_complex(const IValue& v) {
  return v.isComplexDouble() ? v.toComplexDouble() : C(as_double(v), 0.0);
}

template <class F>
concept HasInt = requires(I a) { F::i(a, a); };
template <class F>
concept HasComplex = requires(C a) { F::c(a, a); };
template <class F>
concept HasUnaryInt = requires(I a) { F::i(a); };
template <class F>
concept HasUnaryComplex = requires(C a) { F::c(a); };

// Binary number operators: F::i (int, int), F::f (float, float), F::c (complex, complex).
// Mixed int/float arguments go through F::f, mixed with complex through F::c.
template <class F>
struct Bin {
  static auto ii(I a, I b) {
    if constexpr (HasInt<F>) return F::i(a, b);
    else return F::f(static_cast<double>(a), static_cast<double>(b));
  }
  static auto ff(double a, double b) { return F::f(a, b); }
  static auto if_(I a, double b) { return F::f(static_cast<double>(a), b); }
  static auto fi(double a, I b) { return F::f(a, static_cast<double>(b)); }
  static auto cc(C a, C b) { return F::c(a, b); }
  static auto ic(I a, C b) { return F::c(C(static_cast<double>(a)), b); }
  static auto ci(C a, I b) { return F::c(a, C(static_cast<double>(b))); }
  static auto fc(double a, C b) { return F::c(C(a), b); }
  static auto cf(C a, double b) { return F::c(a, C(b)); }
  // (Scalar a, Scalar b): dispatch on the runtime kinds.
  static void scalar(Stack& s) {
    IValue b = pop(s), a = pop(s);
    if constexpr (HasComplex<F>) {
      if (a.isComplexDouble() || b.isComplexDouble()) {
        s.emplace_back(F::c(as_complex(a), as_complex(b)));
        return;
      }
    }
    if (is_intlike(a) && is_intlike(b)) s.emplace_back(ii(as_int(a), as_int(b)));
    else s.emplace_back(F::f(as_double(a), as_double(b)));
  }
};

struct AddF {
  static I i(I a, I b) { return wrap_add(a, b); }
  static double f(double a, double b) { return a + b; }
  static C c(C a, C b) { return a + b; }
};
struct SubF {
  static I i(I a, I b) { return wrap_sub(a, b); }
  static double f(double a, double b) { return a - b; }
  static C c(C a, C b) { return a - b; }
};
struct MulF {
  static I i(I a, I b) { return wrap_mul(a, b); }
  static double f(double a, double b) { return a * b; }
  static C c(C a, C b) { return a * b; }
};
// Complex division as c10::complex divides in PyTorch 1.13 (the textbook formula; std::complex
// scales, and rounds differently).
inline C complex_div(C x, C y) {
  double a = x.real(), b = x.imag(), c = y.real(), d = y.imag();
  double den = c * c + d * d;
  return C((a * c + b * d) / den, (b * c - a * d) / den);
}
struct DivF {
  static double f(double a, double b) { return a / b; }
  static C c(C a, C b) { return complex_div(a, b); }
};
struct FloordivF {
  static I i(I a, I b) { return int_floordiv(a, b); }
  static double f(double a, double b) { return std::floor(a / b); }
};
struct RemainderF {
  static I i(I a, I b) { return int_remainder(a, b); }
  static double f(double a, double b) { return std::fmod(b + std::fmod(a, b), b); }
};
struct PowF {
  static double f(double a, double b) { return float_pow(a, b); }
  static C c(C a, C b) { return std::pow(a, b); }
};
struct FmodF {
  static double f(double a, double b) { return std::fmod(a, b); }
};
struct MathRemainderF {
  static double f(double a, double b) { return std::remainder(a, b); }
};
struct Atan2F {
  static double f(double a, double b) { return std::atan2(a, b); }
};
struct CopysignF {
  static double f(double a, double b) { return std::copysign(a, b); }
};
struct LogBaseF {
  static double f(double a, double b) { return std::log(a) / std::log(b); }
  static C c(C a, C b) { return std::log(a) / std::log(b); }
};
struct PolarF {
  static C f(double r, double t) { return C(r * std::cos(t), r * std::sin(t)); }
};
struct MinF {
  static I i(I a, I b) { return a < b ? a : b; }
  static double f(double a, double b) { return a < b ? a : b; }
};
struct MaxF {
  static I i(I a, I b) { return a > b ? a : b; }
  static double f(double a, double b) { return a > b ? a : b; }
};
#define TJIT_CMP_FUNCTOR(Name, op)                                  \
  struct Name {                                                     \
    static bool i(I a, I b) { return a op b; }                      \
    static bool f(double a, double b) { return a op b; }            \
  };
TJIT_CMP_FUNCTOR(LtF, <)
TJIT_CMP_FUNCTOR(LeF, <=)
TJIT_CMP_FUNCTOR(GtF, >)
TJIT_CMP_FUNCTOR(GeF, >=)
#undef TJIT_CMP_FUNCTOR
struct EqF {
  static bool i(I a, I b) { return a == b; }
  static bool f(double a, double b) { return a == b; }
  static bool c(C a, C b) { return a == b; }
};
struct NeF {
  static bool i(I a, I b) { return a != b; }
  static bool f(double a, double b) { return a != b; }
  static bool c(C a, C b) { return a != b; }
};

// Unary math: F::f on floats (ints converted), F::c on complex, F::i on ints when the int
// overload stays an int. The Scalar overload rounds a real result through C++ float, as
// PyTorch's DEFINE_UNARY_OP does (`static_cast<float>`), unless `Exact` is set.
template <class F, bool IntToInt = false>
struct Un {
  static auto i(I a) {
    if constexpr (HasUnaryInt<F>) return F::i(a);
    else return F::f(static_cast<double>(a));
  }
  static auto f(double a) { return F::f(a); }
  static auto c(C a) { return F::c(a); }
  static void scalar(Stack& s) {
    IValue x = pop(s);
    if constexpr (HasUnaryComplex<F>) {
      if (x.isComplexDouble()) {
        s.emplace_back(F::c(x.toComplexDouble()));
        return;
      }
    }
    if (is_intlike(x)) {
      if constexpr (IntToInt) {
        s.emplace_back(i(as_int(x)));
      } else {
        s.emplace_back(f32(static_cast<double>(i(as_int(x)))));
      }
      return;
    }
    auto r = F::f(x.toDouble());
    if constexpr (std::is_same_v<decltype(r), I>) s.emplace_back(r);
    else s.emplace_back(f32(r));
  }
};

#define TJIT_UNARY_FUNCTOR(Name, fn)                  \
  struct Name {                                       \
    static double f(double a) { return fn(a); }       \
    static C c(C a) { return fn(a); }                 \
  };
TJIT_UNARY_FUNCTOR(ExpF, std::exp)
TJIT_UNARY_FUNCTOR(LogF, std::log)
TJIT_UNARY_FUNCTOR(Log10F, std::log10)
TJIT_UNARY_FUNCTOR(SqrtF, std::sqrt)
TJIT_UNARY_FUNCTOR(SinF, std::sin)
TJIT_UNARY_FUNCTOR(CosF, std::cos)
TJIT_UNARY_FUNCTOR(TanF, std::tan)
TJIT_UNARY_FUNCTOR(AsinF, std::asin)
TJIT_UNARY_FUNCTOR(AcosF, std::acos)
TJIT_UNARY_FUNCTOR(AtanF, std::atan)
TJIT_UNARY_FUNCTOR(SinhF, std::sinh)
TJIT_UNARY_FUNCTOR(CoshF, std::cosh)
TJIT_UNARY_FUNCTOR(TanhF, std::tanh)
TJIT_UNARY_FUNCTOR(AsinhF, std::asinh)
TJIT_UNARY_FUNCTOR(AcoshF, std::acosh)
TJIT_UNARY_FUNCTOR(AtanhF, std::atanh)
#undef TJIT_UNARY_FUNCTOR
#define TJIT_REAL_FUNCTOR(Name, expr)                 \
  struct Name {                                       \
    static double f(double a) { return expr; }        \
  };
TJIT_REAL_FUNCTOR(Log1pF, std::log1p(a))
TJIT_REAL_FUNCTOR(Expm1F, std::expm1(a))
TJIT_REAL_FUNCTOR(ErfF, std::erf(a))
TJIT_REAL_FUNCTOR(ErfcF, std::erfc(a))
TJIT_REAL_FUNCTOR(GammaF, std::tgamma(a))
TJIT_REAL_FUNCTOR(LgammaF, std::lgamma(a))
TJIT_REAL_FUNCTOR(FabsF, std::fabs(a))
TJIT_REAL_FUNCTOR(RoundF, std::nearbyint(a))
TJIT_REAL_FUNCTOR(RadiansF, a * (std::acos(-1.0) / 180.0))
TJIT_REAL_FUNCTOR(DegreesF, a * (180.0 / std::acos(-1.0)))
#undef TJIT_REAL_FUNCTOR
struct FloorF {
  static I i(I a) { return a; }
  static I f(double a) { return checked_int(std::floor(a)); }
};
struct CeilF {
  static I i(I a) { return a; }
  static I f(double a) { return checked_int(std::ceil(a)); }
};
struct NegF {
  static I i(I a) { return wrap_neg(a); }
  static double f(double a) { return -a; }
  static C c(C a) { return -a; }
};
struct AbsF {
  static I i(I a) { return a < 0 ? wrap_neg(a) : a; }
  static double f(double a) { return std::fabs(a); }
};
struct AngleF {
  static double f(double a) { return std::signbit(a) ? std::acos(-1.0) : 0.0; }
  static double c(C a) { return std::arg(a); }
};

// ---- printing --------------------------------------------------------------------------------

// A float as str() and print() show it in PyTorch 1.13 (c10's IValue operator<<): a float
// holding an int64 value as `3.` (`-0.0` as `0.`), anything else with 17 significant digits.
// (IValue's own operator<< prints as IValue::repr does: `-0.`, and `1e+10` for 1e10.)
inline void print_float(std::ostream& out, double d) {
  int c = std::fpclassify(d);
  if ((c == FP_NORMAL || c == FP_ZERO) && d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
    auto i = static_cast<I>(d);
    if (static_cast<double>(i) == d) {
      out << i << ".";
      return;
    }
  }
  auto old = out.precision();
  out << std::setprecision(std::numeric_limits<double>::max_digits10) << d
      << std::setprecision(static_cast<int>(old));
}
// print() / str() of a value: IValue's operator<<, with 1.13's floats inside containers too.
inline void print_value(std::ostream& out, const IValue& v) {
  auto items = [&](const std::vector<IValue>& xs) {
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (i) out << ", ";
      print_value(out, xs[i]);
    }
  };
  if (v.isDouble()) {
    print_float(out, v.toDouble());
  } else if (v.isComplexDouble()) {
    C z = v.toComplexDouble();
    print_float(out, z.real());
    out << (z.imag() >= 0 ? "+" : "-");
    print_float(out, std::abs(z.imag()));
    out << "j";
  } else if (v.isList()) {
    out << "[";
    items(v.toListRef().items);
    out << "]";
  } else if (v.isTuple()) {
    const auto& e = v.toTupleRef().elements();
    out << "(";
    items(e);
    out << (e.size() == 1 ? ",)" : ")");
  } else if (v.isGenericDict()) {
    out << "{";
    bool first = true;
    for (const auto& [k, x] : v.toDictRef().entries()) {
      if (!first) out << ", ";
      first = false;
      print_value(out, k);
      out << ": ";
      print_value(out, x);
    }
    out << "}";
  } else {
    out << v;
  }
}
inline std::string str_of(const IValue& v) {
  std::ostringstream out;
  print_value(out, v);
  return std::move(out).str();
}
// A raw C++ value in an error message, as c10::str prints it.
inline std::string raw_str(const IValue& v) {
  std::ostringstream out;
  if (v.isString()) out << v.toStringRef();
  else if (v.isDouble()) out << v.toDouble();
  else if (v.isBool()) out << static_cast<int>(v.toBool());
  else out << v;
  return std::move(out).str();
}

inline std::string int_to_base(I v, int base, const char* prefix) {
  std::uint64_t u = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  std::string digits;
  do {
    digits.push_back("0123456789abcdef"[u % static_cast<unsigned>(base)]);
    u /= static_cast<unsigned>(base);
  } while (u);
  std::reverse(digits.begin(), digits.end());
  return std::string(v < 0 ? "-" : "") + prefix + digits;
}

// aten::format: `{}` takes the next argument, printed as print() prints it.
inline void format(Stack& s) {
  const std::size_t n = static_cast<std::size_t>(pop(s).toInt());
  TJIT_CHECK(n >= 1 && s.size() >= n, "aten::format expects its inputs on the stack");
  const IValue* args = s.data() + (s.size() - n);
  const std::string& fmt = args[0].toStringRef();
  std::ostringstream out;
  std::size_t used = 1;
  for (std::size_t begin = 0;;) {
    std::size_t loc = fmt.find("{}", begin);
    if (loc == std::string::npos) {
      out << fmt.substr(begin);
      break;
    }
    out << fmt.substr(begin, loc - begin);
    if (used >= n) throw Error("Too few arguments for format string: " + fmt);
    print_value(out, args[used++]);
    begin = loc + 2;
  }
  s.resize(s.size() - n);
  s.emplace_back(std::move(out).str());
}

// ---- conversions -----------------------------------------------------------------------------

inline I int_of_str(const std::string& s) {
  const char* b = s.c_str();
  char* e = nullptr;
  errno = 0;
  long long v = std::strtoll(b, &e, 10);
  if (e == b) throw ValueError("invalid literal for int() with base 10: '" + s + "'");
  if (errno == ERANGE) throw ValueError("int() of '" + s + "' is out of the range of int64");
  if (static_cast<std::size_t>(e - b) != s.size())
    throw Error("invalid literal for int() with base 10: '" + s + "'");
  return static_cast<I>(v);
}
inline double float_of_str(const std::string& s) {
  const char* b = s.c_str();
  char* e = nullptr;
  errno = 0;
  double v = std::strtod(b, &e);
  if (e == b) throw ValueError("could not convert string to float: '" + s + "'");
  if (errno == ERANGE && std::isinf(v))
    throw ValueError("float() of '" + s + "' is out of range");
  if (static_cast<std::size_t>(e - b) != s.size())
    throw Error("could not convert string to float: '" + s + "'");
  return v;
}

// ---- lists -----------------------------------------------------------------------------------

inline ListObj& L(const IValue& v) { return v.toListRef(); }
inline IValue new_list_like(const ListObj& l, std::vector<IValue> items = {}) {
  return IValue(make_list(l.elem_type, std::move(items)));
}
inline std::size_t checked_index(const ListObj& l, I idx) {
  I n = static_cast<I>(l.size());
  I j = idx < 0 ? idx + n : idx;
  if (j < 0 || j >= n) throw IndexError("list index out of range");
  return static_cast<std::size_t>(j);
}

// Python's slice.indices(): start, stop and the number of elements.
struct SliceIdx {
  I start, step, count;
};
inline SliceIdx slice_indices(I len, std::optional<I> start, std::optional<I> stop, I step) {
  if (step == 0) throw ValueError("List slice should have non-zero step");
  I lo = step < 0 ? -1 : 0, hi = step < 0 ? len - 1 : len;
  auto adjust = [&](std::optional<I> v, I dflt) {
    if (!v) return dflt;
    I x = *v;
    if (x < 0) {
      x = x < -len ? lo : x + len;
      if (x < 0) x = lo;
    } else if (x >= len) {
      x = hi;
    }
    return x;
  };
  I b = adjust(start, step < 0 ? len - 1 : 0);
  I e = adjust(stop, step < 0 ? -1 : len);
  I count = 0;
  if (step < 0) {
    if (e < b) count = (b - e - 1) / (-step) + 1;
  } else if (b < e) {
    count = (e - b - 1) / step + 1;
  }
  return {b, step, count};
}

// Ordering of list elements for sort/sorted/min/max: ints, floats, bools, strings, tuples.
inline bool ivalue_lt(const IValue& a, const IValue& b);
inline bool ivalue_eq(const IValue& a, const IValue& b) { return a == b; }
inline bool ivalue_lt(const IValue& a, const IValue& b) {
  if (a.isString() && b.isString()) return a.toStringRef() < b.toStringRef();
  if ((a.isInt() || a.isBool()) && (b.isInt() || b.isBool())) return as_int(a) < as_int(b);
  if (a.isScalar() && b.isScalar() && !a.isComplexDouble() && !b.isComplexDouble())
    return as_double(a) < as_double(b);
  if (a.isTuple() && b.isTuple()) {
    const auto& x = a.toTupleRef().elements();
    const auto& y = b.toTupleRef().elements();
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
      if (ivalue_lt(x[i], y[i])) return true;
      if (ivalue_lt(y[i], x[i])) return false;
    }
    return x.size() < y.size();
  }
  if (a.isList() && b.isList()) {
    const auto& x = a.toListRef().items;
    const auto& y = b.toListRef().items;
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
      if (ivalue_lt(x[i], y[i])) return true;
      if (ivalue_lt(y[i], x[i])) return false;
    }
    return x.size() < y.size();
  }
  throw TypeError("'<' not supported between instances of '" + a.type()->annotation_str() +
                  "' and '" + b.type()->annotation_str() + "'");
}
// PyTorch's listSort comparator (equal elements never compare less).
inline void sort_items(std::vector<IValue>& items, bool reverse) {
  std::sort(items.begin(), items.end(), [reverse](const IValue& a, const IValue& b) {
    if (a == b) return false;
    return ivalue_lt(a, b) != reverse;
  });
}

inline void list_sort(Stack& s) {
  bool reverse = pop(s).toBool();
  IValue l = pop(s);
  sort_items(L(l).items, reverse);
}
inline void list_sorted(Stack& s) {
  IValue l = pop(s);
  std::vector<IValue> items = L(l).items;
  sort_items(items, false);
  s.push_back(new_list_like(L(l), std::move(items)));
}

// prim::min/max of two lists: the lexicographically smaller/larger one.
template <bool Max>
inline void list_minmax2(Stack& s) {
  IValue b = pop(s), a = pop(s);
  const auto &x = L(a).items, &y = L(b).items;
  std::size_t n = std::min(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] == y[i]) continue;
    s.push_back(Max ? (ivalue_lt(y[i], x[i]) ? a : b) : (ivalue_lt(x[i], y[i]) ? a : b));
    return;
  }
  if (Max) s.push_back(y.size() > x.size() ? b : a);
  else s.push_back(y.size() < x.size() ? b : a);
}
// prim::min/max of one list's elements.
template <bool Max>
inline void list_minmax1(Stack& s) {
  IValue l = pop(s);
  const auto& x = L(l).items;
  if (x.empty()) throw ValueError(Max ? "max() arg is an empty sequence" : "min() arg is an empty sequence");
  IValue best = x[0];
  for (std::size_t i = 1; i < x.size(); ++i) {
    bool better = Max ? ivalue_lt(best, x[i]) : ivalue_lt(x[i], best);
    if (better) best = x[i];
  }
  s.push_back(std::move(best));
}

inline void list_getitem(Stack& s) {
  I idx = pop(s).toInt();
  IValue l = pop(s);
  s.push_back(L(l).items[checked_index(L(l), idx)]);
}
inline void list_setitem(Stack& s) {
  IValue el = pop(s);
  I idx = pop(s).toInt();
  IValue l = pop(s);
  L(l).items[checked_index(L(l), idx)] = std::move(el);
  s.push_back(std::move(l));
}
inline void list_append(Stack& s) {
  IValue el = pop(s);
  IValue l = pop(s);
  L(l).items.push_back(std::move(el));
  s.push_back(std::move(l));
}
inline void list_pop(Stack& s) {
  I idx = pop(s).toInt();
  IValue l = pop(s);
  auto& items = L(l).items;
  if (items.empty()) throw IndexError("pop from empty list");
  std::size_t j = checked_index(L(l), idx);
  IValue v = std::move(items[j]);
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(j));
  s.push_back(std::move(v));
}
inline void list_insert(Stack& s) {
  IValue el = pop(s);
  I idx = pop(s).toInt();
  IValue l = pop(s);
  auto& items = L(l).items;
  I n = static_cast<I>(items.size());
  I j = idx < 0 ? idx + n : idx;
  if (j < 0) j = 0;
  if (j > n) j = n;
  items.insert(items.begin() + static_cast<std::ptrdiff_t>(j), std::move(el));
}
inline void list_delete(Stack& s) {
  I idx = pop(s).toInt();
  IValue l = pop(s);
  auto& items = L(l).items;
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(checked_index(L(l), idx)));
}
inline void list_extend(Stack& s) {
  IValue other = pop(s);
  IValue l = pop(s);
  std::vector<IValue> add = L(other).items;  // a copy: l.extend(l) is fine
  auto& items = L(l).items;
  items.insert(items.end(), add.begin(), add.end());
}
inline void list_iadd(Stack& s) {
  IValue other = s.back();
  IValue l = s[s.size() - 2];
  list_extend(s);
  s.push_back(std::move(l));
}
inline void list_add(Stack& s) {
  IValue b = pop(s), a = pop(s);
  std::vector<IValue> items = L(a).items;
  items.insert(items.end(), L(b).items.begin(), L(b).items.end());
  s.push_back(new_list_like(L(a), std::move(items)));
}
inline std::vector<IValue> repeat(const std::vector<IValue>& x, I n) {
  std::vector<IValue> out;
  if (n <= 0) return out;
  out.reserve(x.size() * static_cast<std::size_t>(n));
  for (I i = 0; i < n; ++i) out.insert(out.end(), x.begin(), x.end());
  return out;
}
inline void list_mul_left(Stack& s) {
  I n = pop(s).toInt();
  IValue l = pop(s);
  s.push_back(new_list_like(L(l), repeat(L(l).items, n)));
}
inline void list_mul_right(Stack& s) {
  IValue l = pop(s);
  I n = pop(s).toInt();
  s.push_back(new_list_like(L(l), repeat(L(l).items, n)));
}
inline void list_imul(Stack& s) {
  I n = pop(s).toInt();
  IValue l = pop(s);
  L(l).items = repeat(L(l).items, n);
  s.push_back(std::move(l));
}
inline void list_slice(Stack& s) {
  I step = pop(s).toInt();
  IValue end = pop(s), start = pop(s);
  IValue l = pop(s);
  const auto& items = L(l).items;
  SliceIdx ix = slice_indices(static_cast<I>(items.size()),
                              start.isNone() ? std::nullopt : std::optional<I>(start.toInt()),
                              end.isNone() ? std::nullopt : std::optional<I>(end.toInt()), step);
  std::vector<IValue> out;
  out.reserve(static_cast<std::size_t>(ix.count));
  for (I k = 0, i = ix.start; k < ix.count; ++k, i += ix.step)
    out.push_back(items[static_cast<std::size_t>(i)]);
  s.push_back(new_list_like(L(l), std::move(out)));
}
inline void list_copy(Stack& s) {
  IValue l = pop(s);
  s.push_back(new_list_like(L(l), L(l).items));
}
inline void list_clear(Stack& s) { L(pop(s)).items.clear(); }
inline void list_reverse(Stack& s) {
  IValue l = pop(s);
  std::reverse(L(l).items.begin(), L(l).items.end());
}
inline void list_len(Stack& s) { s.push_back(static_cast<I>(L(pop(s)).size())); }
inline void list_contains(Stack& s) {
  IValue el = pop(s), l = pop(s);
  const auto& items = L(l).items;
  s.push_back(std::find(items.begin(), items.end(), el) != items.end());
}
inline void list_count(Stack& s) {
  IValue el = pop(s), l = pop(s);
  const auto& items = L(l).items;
  s.push_back(static_cast<I>(std::count(items.begin(), items.end(), el)));
}
inline void list_index(Stack& s) {
  IValue el = pop(s), l = pop(s);
  const auto& items = L(l).items;
  auto it = std::find(items.begin(), items.end(), el);
  if (it == items.end()) throw ValueError("'" + raw_str(el) + "' is not in list");
  s.push_back(static_cast<I>(it - items.begin()));
}
inline void list_remove(Stack& s) {
  IValue el = pop(s), l = pop(s);
  auto& items = L(l).items;
  auto it = std::find(items.begin(), items.end(), el);
  if (it == items.end()) throw ValueError("list.remove(x): x not in list");
  items.erase(it);
}
template <bool Eq>
inline void list_eq(Stack& s) {
  IValue b = pop(s), a = pop(s);
  s.push_back((L(a).items == L(b).items) == Eq);
}
template <class T>
inline void list_sum(Stack& s) {
  IValue l = pop(s);
  T acc{};
  for (const IValue& x : L(l).items) {
    if constexpr (std::is_same_v<T, I>) acc = wrap_add(acc, as_int(x));
    else if constexpr (std::is_same_v<T, double>) acc += x.toDouble();
    else acc += x.toComplexDouble();
  }
  s.push_back(acc);
}
template <bool Any>
inline void list_any_all(Stack& s) {
  IValue l = pop(s);
  for (const IValue& x : L(l).items) {
    bool t = x.isString() ? !x.toStringRef().empty() : x.isDouble() ? x.toDouble() != 0 : as_int(x) != 0;
    if (t == Any) {
      s.push_back(Any);
      return;
    }
  }
  s.push_back(!Any);
}

// ---- dicts -----------------------------------------------------------------------------------

inline DictObj& D(const IValue& v) { return v.toDictRef(); }
// d[key] of a missing key: KeyError naming the key as PyTorch does (`KeyError: x`).
inline const IValue& dict_at(const IValue& d, const IValue& key) {
  const IValue* v = D(d).find(key);
  if (!v) throw KeyError(str_of(key));
  return *v;
}
inline IValue copy_dict(const DictObj& d) {
  DictPtr out = make_dict(d.key_type, d.value_type);
  for (const auto& [k, v] : d.entries()) out->insert_or_assign(k, v);
  return IValue(std::move(out));
}
inline void dict_len(Stack& s) { s.push_back(static_cast<I>(D(pop(s)).size())); }
inline void dict_getitem(Stack& s) {
  IValue k = pop(s), d = pop(s);
  s.push_back(dict_at(d, k));
}
inline void dict_setitem(Stack& s) {
  IValue v = pop(s), k = pop(s), d = pop(s);
  D(d).insert_or_assign(std::move(k), std::move(v));
}
inline void dict_get(Stack& s) {
  IValue k = pop(s), d = pop(s);
  const IValue* v = D(d).find(k);
  s.push_back(v ? *v : IValue());
}
inline void dict_get_default(Stack& s) {
  IValue dflt = pop(s), k = pop(s), d = pop(s);
  const IValue* v = D(d).find(k);
  s.push_back(v ? *v : std::move(dflt));
}
inline void dict_setdefault(Stack& s) {
  IValue dflt = pop(s), k = pop(s), d = pop(s);
  D(d).insert(k, dflt);
  s.push_back(*D(d).find(k));
}
inline void dict_pop(Stack& s) {
  IValue k = pop(s), d = pop(s);
  IValue v = dict_at(d, k);
  D(d).erase(k);
  s.push_back(std::move(v));
}
inline void dict_pop_default(Stack& s) {
  IValue dflt = pop(s), k = pop(s), d = pop(s);
  const IValue* v = D(d).find(k);
  if (!v) {
    s.push_back(std::move(dflt));
    return;
  }
  IValue out = *v;
  D(d).erase(k);
  s.push_back(std::move(out));
}
inline void dict_delete(Stack& s) {
  IValue k = pop(s), d = pop(s);
  dict_at(d, k);  // KeyError when missing
  D(d).erase(k);
}
inline void dict_popitem(Stack& s) {
  IValue d = pop(s);
  if (D(d).size() == 0) throw KeyError("popitem(): dictionary is empty");
  auto [k, v] = D(d).entries().front();
  D(d).erase(k);
  s.push_back(IValue(make_tuple({std::move(k), std::move(v)})));
}
inline void dict_keys(Stack& s) {
  IValue d = pop(s);
  std::vector<IValue> out;
  for (const auto& e : D(d).entries()) out.push_back(e.first);
  s.push_back(IValue(make_list(D(d).key_type, std::move(out))));
}
inline void dict_values(Stack& s) {
  IValue d = pop(s);
  std::vector<IValue> out;
  for (const auto& e : D(d).entries()) out.push_back(e.second);
  s.push_back(IValue(make_list(D(d).value_type, std::move(out))));
}
inline void dict_items(Stack& s) {
  IValue d = pop(s);
  std::vector<IValue> out;
  for (const auto& [k, v] : D(d).entries()) out.push_back(IValue(make_tuple({k, v})));
  s.push_back(IValue(make_list(Type::Tuple({D(d).key_type, D(d).value_type}), std::move(out))));
}
inline void dict_update(Stack& s) {
  IValue other = pop(s), d = pop(s);
  auto entries = D(other).entries();  // a copy: d.update(d) is fine
  for (auto& [k, v] : entries) D(d).insert_or_assign(k, v);
}
inline void dict_copy(Stack& s) { s.push_back(copy_dict(D(pop(s)))); }
inline void dict_clear(Stack& s) { D(pop(s)).clear(); }
inline void dict_contains(Stack& s) {
  IValue k = pop(s), d = pop(s);
  s.push_back(D(d).contains(k));
}
// dict([(k, v), ...])
inline void dict_from_pairs(Stack& s) {
  IValue l = pop(s);
  const ListObj& list = L(l);
  TypePtr kt = Type::Any(), vt = Type::Any();
  if (list.elem_type && list.elem_type->kind() == ir::TypeKind::TupleType &&
      list.elem_type->elements().size() == 2) {
    kt = list.elem_type->elements()[0];
    vt = list.elem_type->elements()[1];
  }
  DictPtr out = make_dict(kt, vt);
  for (const IValue& t : list.items) {
    const auto& e = t.toTupleRef().elements();
    TJIT_CHECK(e.size() == 2, "dict() expects pairs");
    out->insert_or_assign(e[0], e[1]);
  }
  s.push_back(IValue(std::move(out)));
}

// ---- strings ---------------------------------------------------------------------------------

// Start/end arguments of find, count, startswith...: PyTorch's clamping.
inline std::string clamp_range(const std::string& str, I start, I end) {
  I size = static_cast<I>(str.size());
  if (start < 0) start = std::max<I>(0, size + start);
  if (end < 0) end = std::max<I>(0, size + end + 1);
  if (start > size || end <= start) return "";
  return str.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
}
inline I str_find(const std::string& str, const std::string& sub, I start, I end, bool reverse) {
  I size = static_cast<I>(str.size());
  if (start < 0) start = std::max<I>(0, size + start);
  if (end < 0) end = std::max<I>(0, size + end + 1);
  std::string s = end > start && start <= size
                      ? str.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start))
                      : std::string();
  if (s.size() < sub.size()) return -1;
  std::size_t pos = reverse ? s.rfind(sub) : s.find(sub);
  return pos == std::string::npos ? -1 : static_cast<I>(pos) + start;
}
template <int (*Pred)(int)>
inline bool all_chars(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!Pred(static_cast<unsigned char>(c))) return false;
  return true;
}
template <int (*Map)(int)>
inline std::string map_chars(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(Map(static_cast<unsigned char>(c)));
  return out;
}
inline int swapcase_char(int c) { return std::isupper(c) ? std::tolower(c) : std::toupper(c); }
inline bool has_cased(std::string_view s, int (*is_case)(int)) {
  bool found = false;
  for (char ch : s) {
    int c = static_cast<unsigned char>(ch);
    if (std::isalpha(c)) {
      found = true;
      if (!is_case(c)) return false;
    }
  }
  return found;
}
inline std::string lstrip(std::string s, const std::string& chars) {
  auto i = s.find_first_not_of(chars);
  return i == std::string::npos ? std::string() : s.substr(i);
}
inline std::string rstrip(std::string s, const std::string& chars) {
  auto i = s.find_last_not_of(chars);
  return i == std::string::npos ? std::string() : s.substr(0, i + 1);
}
inline void check_fill(const std::string& fill) {
  if (fill.size() != 1)
    throw TypeError("The fill character must be exactly one character long");
}
inline std::string repeat_str(std::string_view s, I n) {
  std::string out;
  for (I i = 0; i < n; ++i) out += s;
  return out;
}
inline IValue str_list(std::vector<std::string> v) { return IValue(std::move(v)); }

// Bytes str.split() treats as whitespace when no separator is given (PyTorch's list, byte by
// byte: the UTF-8 bytes of U+2028/U+2029 and U+0085 each count).
inline const std::string& split_whitespace() {
  static const std::string w = std::string(" \t\n\r\v\f\x1c\x1d\x1e") + "\x85" + "\xe2\x80\xa8\xa9";
  return w;
}
inline const std::string& line_breaks() {
  static const std::string w = std::string("\n\r\v\f\x1c\x1d\x1e") + "\x85" + "\xe2\x80\xa8\xa9";
  return w;
}
inline std::vector<std::string> str_split(const std::string& str, std::optional<std::string_view> sep,
                                          I max) {
  std::vector<std::string> out;
  if (!sep) {
    std::size_t prev = 0, pos = 0;
    while ((pos = str.find_first_of(split_whitespace(), pos)) != std::string::npos) {
      if (pos > prev) out.push_back(str.substr(prev, pos - prev));
      prev = ++pos;
    }
    if (prev != str.size()) out.push_back(str.substr(prev));
    return out;
  }
  if (sep->empty()) throw ValueError("empty separator");
  std::string sp(*sep);
  std::size_t prev = 0, pos = 0;
  I count = 0;
  while ((pos = str.find(sp, pos)) != std::string::npos) {
    if (max >= 0 && ++count > max) break;
    out.push_back(str.substr(prev, pos - prev));
    pos += sp.size();
    prev = pos;
  }
  out.push_back(str.substr(prev));
  return out;
}
inline std::vector<std::string> str_rsplit(std::string str, std::string sep, I max) {
  if (sep.empty()) throw ValueError("empty separator");
  std::reverse(str.begin(), str.end());
  std::reverse(sep.begin(), sep.end());
  std::vector<std::string> out;
  std::size_t prev = 0, pos = 0;
  I count = 0;
  while ((pos = str.find(sep, pos)) != std::string::npos) {
    if (max >= 0 && ++count > max) break;
    std::string sub = str.substr(prev, pos - prev);
    std::reverse(sub.begin(), sub.end());
    out.insert(out.begin(), std::move(sub));
    pos += sep.size();
    prev = pos;
  }
  std::string sub = str.substr(prev);
  std::reverse(sub.begin(), sub.end());
  out.insert(out.begin(), std::move(sub));
  return out;
}
inline std::vector<std::string> str_splitlines(const std::string& str, bool keepends) {
  std::vector<std::string> out;
  std::size_t prev = 0, pos = 0;
  while ((pos = str.find_first_of(line_breaks(), pos)) != std::string::npos) {
    out.push_back(str.substr(prev, pos - prev));
    if (keepends) out.push_back(str.substr(pos, 1));
    prev = ++pos;
  }
  if (prev != str.size()) out.push_back(str.substr(prev));
  return out;
}
inline std::string str_replace(std::string str, const std::string& old_s, const std::string& new_s,
                               I max) {
  I n = 0;
  std::size_t pos = 0;
  while ((pos = str.find(old_s, pos)) != std::string::npos) {
    if (max >= 0 && ++n > max) break;
    str.replace(pos, old_s.size(), new_s);
    pos += new_s.size();
    if (old_s.empty()) {
      if (pos >= str.size()) break;
      ++pos;
    }
  }
  return str;
}
inline std::string str_slice(const std::string& str, IValue start, IValue end, I step) {
  SliceIdx ix = slice_indices(static_cast<I>(str.size()),
                              start.isNone() ? std::nullopt : std::optional<I>(start.toInt()),
                              end.isNone() ? std::nullopt : std::optional<I>(end.toInt()), step);
  std::string out;
  for (I k = 0, i = ix.start; k < ix.count; ++k, i += ix.step)
    out.push_back(str[static_cast<std::size_t>(i)]);
  return out;
}
inline std::string str_at(const std::string& str, I index) {
  I n = static_cast<I>(str.size());
  I j = index < 0 ? index + n : index;
  if (j < 0 || j >= n) throw IndexError("string index out of range");
  return std::string(1, str[static_cast<std::size_t>(j)]);
}
inline std::string str_center(const std::string& str, I width, const std::string& fill) {
  check_fill(fill);
  if (static_cast<I>(str.size()) >= width) return str;
  I full = width - static_cast<I>(str.size());
  I l = full / 2, r = (full + 1) / 2;
  if (width % 2) std::swap(l, r);
  return repeat_str(fill, l) + str + repeat_str(fill, r);
}
inline std::string str_expandtabs(const std::string& str, I tabsize) {
  std::string out;
  std::size_t col = 0;
  for (char c : str) {
    if (c != '\t') {
      out += c;
      ++col;
    } else if (tabsize > 0) {
      do {
        out += ' ';
        ++col;
      } while (col % static_cast<std::size_t>(tabsize));
    }
  }
  return out;
}
inline bool str_istitle(const std::string& str) {
  bool result = false, prev_alpha = false;
  for (char ch : str) {
    int c = static_cast<unsigned char>(ch);
    if (prev_alpha) {
      if (c != std::tolower(c)) return false;
    } else {
      if (c != std::toupper(c)) return false;
      if (std::isalpha(c)) result = true;
    }
    prev_alpha = std::isalpha(c);
  }
  return result;
}
inline std::string str_title(const std::string& str) {
  std::string out;
  bool prev_nonalpha = true;
  for (char ch : str) {
    int c = static_cast<unsigned char>(ch);
    out += static_cast<char>(prev_nonalpha ? std::toupper(c) : std::tolower(c));
    prev_nonalpha = !std::isalpha(c);
  }
  return out;
}
inline std::string str_capitalize(const std::string& str) {
  std::string out;
  for (std::size_t i = 0; i < str.size(); ++i) {
    int c = static_cast<unsigned char>(str[i]);
    out += static_cast<char>(i == 0 ? std::toupper(c) : std::tolower(c));
  }
  return out;
}
inline I str_count(const std::string& str, const std::string& sub, I start, I end) {
  I size = static_cast<I>(str.size());
  if (start > size) return 0;
  if (start < 0) start = std::max<I>(0, size + start);
  if (end < 0) end = std::max<I>(0, size + end + 1);
  I n = 0;
  std::size_t pos = static_cast<std::size_t>(start);
  while ((pos = str.find(sub, pos)) != std::string::npos) {
    if (static_cast<I>(pos) >= end) break;
    ++n;
    pos += sub.size();
    if (sub.empty()) ++pos;
  }
  return n;
}
inline bool str_startswith(const std::string& str, const std::string& sub, I start, I end, bool ends) {
  I size = static_cast<I>(str.size());
  if (start < 0) start = std::max<I>(0, size + start);
  if (end < 0) end = std::max<I>(0, size + end + 1);
  if (start > size) return false;
  std::string s = str.substr(static_cast<std::size_t>(start),
                             end < start ? std::string::npos : static_cast<std::size_t>(end - start));
  if (s.size() < sub.size()) return false;
  return ends ? s.compare(s.size() - sub.size(), sub.size(), sub) == 0
              : s.compare(0, sub.size(), sub) == 0;
}
inline std::tuple<std::string, std::string, std::string> str_partition(const std::string& str,
                                                                       std::string sep, bool r) {
  std::size_t pos = r ? str.rfind(sep) : str.find(sep);
  if (pos == std::string::npos) {
    if (r) return {"", "", str};
    return {str, "", ""};
  }
  return {str.substr(0, pos), sep, str.substr(pos + sep.size())};
}
inline std::string str_join(const std::string& sep, const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

}  // namespace builtin
}  // namespace tjit::runtime::ops
