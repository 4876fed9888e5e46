// Registration table: builtin operators (Note [Registration tables] in runtime/operator.hpp) —
// the TorchScript language on values that are not tensors: int/float/bool/complex arithmetic and
// comparisons, conversions, the `math` module, lists, dicts, strings, devices and a few
// interpreter queries. Semantics are PyTorch 1.13's (register_prim_ops*.cpp,
// register_string_ops.cpp); the deviations are listed in Note [Builtin deviations].
//
// Note [Vararg operators]
// An operator whose schema ends in `...` (aten::format) finds the number of its inputs, as an
// int, on top of the stack, above the inputs themselves (PyTorch's OPN instruction does this).
//
// Note [Builtin deviations]
// Where PyTorch 1.13 crashes or misbehaves, tjit raises Python's error instead: int `%` and
// `//` of INT64_MIN by -1 wrap instead of trapping, int `%` by zero raises ZeroDivisionError,
// `list * -1` is [] (PyTorch: "vector::reserve"), aten::pow.int_to_int returns an int as its
// schema says (PyTorch pushes a float), int()/float() of a malformed string name the string
// (PyTorch: "stoll"/"stod"), str[i] out of range says "string index out of range".
// Strings are bytes, as in PyTorch's runtime (len("é") == 2, isalpha is the C locale's).
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/detail/builtin_helpers.hpp"
#include "tjit/runtime/operator.hpp"

namespace tjit::runtime::ops {

TJIT_DEF std::span<const OperatorDef> builtin_ops() {
  using namespace builtin;
  static const OperatorDef table[] = {
      // ---- int / float / complex arithmetic ----
      TJIT_OP("aten::add.int(int a, int b) -> int", &Bin<AddF>::ii), TJIT_OP("aten::add.complex(complex a, complex b) -> complex", &Bin<AddF>::cc),
      TJIT_OP("aten::add.float(float a, float b) -> float", &Bin<AddF>::ff), TJIT_OP("aten::add.int_complex(int a, complex b) -> complex", &Bin<AddF>::ic),
      TJIT_OP("aten::add.complex_int(complex a, int b) -> complex", &Bin<AddF>::ci), TJIT_OP("aten::add.float_complex(float a, complex b) -> complex", &Bin<AddF>::fc),
      TJIT_OP("aten::add.complex_float(complex a, float b) -> complex", &Bin<AddF>::cf), TJIT_OP("aten::add.int_float(int a, float b) -> float", &Bin<AddF>::if_),
      TJIT_OP("aten::add.float_int(float a, int b) -> float", &Bin<AddF>::fi), TJIT_STACK_OP("aten::add(Scalar a, Scalar b) -> Scalar", &Bin<AddF>::scalar),
      TJIT_OP("aten::sub.int(int a, int b) -> int", &Bin<SubF>::ii), TJIT_OP("aten::sub.complex(complex a, complex b) -> complex", &Bin<SubF>::cc),
      TJIT_OP("aten::sub.float(float a, float b) -> float", &Bin<SubF>::ff), TJIT_OP("aten::sub.int_complex(int a, complex b) -> complex", &Bin<SubF>::ic),
      TJIT_OP("aten::sub.complex_int(complex a, int b) -> complex", &Bin<SubF>::ci), TJIT_OP("aten::sub.float_complex(float a, complex b) -> complex", &Bin<SubF>::fc),
      TJIT_OP("aten::sub.complex_float(complex a, float b) -> complex", &Bin<SubF>::cf), TJIT_OP("aten::sub.int_float(int a, float b) -> float", &Bin<SubF>::if_),
      TJIT_OP("aten::sub.float_int(float a, int b) -> float", &Bin<SubF>::fi), TJIT_STACK_OP("aten::sub(Scalar a, Scalar b) -> Scalar", &Bin<SubF>::scalar),
      TJIT_OP("aten::mul.int(int a, int b) -> int", &Bin<MulF>::ii), TJIT_OP("aten::mul.complex(complex a, complex b) -> complex", &Bin<MulF>::cc),
      TJIT_OP("aten::mul.float(float a, float b) -> float", &Bin<MulF>::ff), TJIT_OP("aten::mul.int_complex(int a, complex b) -> complex", &Bin<MulF>::ic),
      TJIT_OP("aten::mul.complex_int(complex a, int b) -> complex", &Bin<MulF>::ci), TJIT_OP("aten::mul.float_complex(float a, complex b) -> complex", &Bin<MulF>::fc),
      TJIT_OP("aten::mul.complex_float(complex a, float b) -> complex", &Bin<MulF>::cf), TJIT_OP("aten::mul.int_float(int a, float b) -> float", &Bin<MulF>::if_),
      TJIT_OP("aten::mul.float_int(float a, int b) -> float", &Bin<MulF>::fi), TJIT_STACK_OP("aten::mul(Scalar a, Scalar b) -> Scalar", &Bin<MulF>::scalar),
      TJIT_OP("aten::div.int(int a, int b) -> float", &Bin<DivF>::ii),
      TJIT_OP("aten::div.complex(complex a, complex b) -> complex", &Bin<DivF>::cc),
      TJIT_OP("aten::div.float(float a, float b) -> float", &Bin<DivF>::ff),
      TJIT_STACK_OP("aten::div(Scalar a, Scalar b) -> float", &Bin<DivF>::scalar),
      TJIT_OP("aten::floordiv.int(int a, int b) -> int", &Bin<FloordivF>::ii),
      TJIT_OP("aten::floordiv.float(float a, float b) -> float", &Bin<FloordivF>::ff),
      TJIT_OP("aten::floordiv.int_float(int a, float b) -> float", &Bin<FloordivF>::if_),
      TJIT_OP("aten::floordiv.float_int(float a, int b) -> float", &Bin<FloordivF>::fi),
      TJIT_STACK_OP("aten::floordiv(Scalar a, Scalar b) -> Scalar", &Bin<FloordivF>::scalar),
      TJIT_OP("aten::remainder.int(int a, int b) -> int", &Bin<RemainderF>::ii),
      TJIT_OP("aten::remainder.float(float a, float b) -> float", &Bin<RemainderF>::ff),
      TJIT_OP("aten::remainder.int_float(int a, float b) -> float", &Bin<RemainderF>::if_),
      TJIT_OP("aten::remainder.float_int(float a, int b) -> float", &Bin<RemainderF>::fi),
      TJIT_STACK_OP("aten::remainder(Scalar a, Scalar b) -> Scalar", &Bin<RemainderF>::scalar),
      TJIT_OP("aten::pow.int(int a, int b) -> float", &Bin<PowF>::ii),
      TJIT_OP("aten::pow.complex(complex a, complex b) -> complex", &Bin<PowF>::cc),
      TJIT_OP("aten::pow.float(float a, float b) -> float", &Bin<PowF>::ff),
      TJIT_OP("aten::pow.int_float(int a, float b) -> float", &Bin<PowF>::if_),
      TJIT_OP("aten::pow.float_int(float a, int b) -> float", &Bin<PowF>::fi),
      TJIT_OP("aten::pow.float_complex(float a, complex b) -> complex", &Bin<PowF>::fc),
      TJIT_OP("aten::pow.complex_float(complex a, float b) -> complex", &Bin<PowF>::cf),
      TJIT_STACK_OP("aten::pow.Scalar_Scalar(Scalar a, Scalar b) -> float", &Bin<PowF>::scalar),
      TJIT_OP("aten::pow.int_to_int(int a, int b) -> int", [](I a, I b) { return int_pow(a, b); }),
      TJIT_OP("aten::fmod.int(int a, int b) -> float", &Bin<FmodF>::ii), TJIT_OP("aten::fmod.float(float a, float b) -> float", &Bin<FmodF>::ff),
      TJIT_OP("aten::fmod.int_float(int a, float b) -> float", &Bin<FmodF>::if_), TJIT_OP("aten::fmod.float_int(float a, int b) -> float", &Bin<FmodF>::fi), TJIT_STACK_OP("aten::fmod(Scalar a, Scalar b) -> float", &Bin<FmodF>::scalar),
      TJIT_OP("aten::mathremainder.int(int a, int b) -> float", &Bin<MathRemainderF>::ii), TJIT_OP("aten::mathremainder.float(float a, float b) -> float", &Bin<MathRemainderF>::ff),
      TJIT_OP("aten::mathremainder.int_float(int a, float b) -> float", &Bin<MathRemainderF>::if_), TJIT_OP("aten::mathremainder.float_int(float a, int b) -> float", &Bin<MathRemainderF>::fi), TJIT_STACK_OP("aten::mathremainder(Scalar a, Scalar b) -> float", &Bin<MathRemainderF>::scalar),
      TJIT_OP("aten::copysign.int(int a, int b) -> float", &Bin<CopysignF>::ii), TJIT_OP("aten::copysign.float(float a, float b) -> float", &Bin<CopysignF>::ff),
      TJIT_OP("aten::copysign.int_float(int a, float b) -> float", &Bin<CopysignF>::if_), TJIT_OP("aten::copysign.float_int(float a, int b) -> float", &Bin<CopysignF>::fi), TJIT_STACK_OP("aten::copysign(Scalar a, Scalar b) -> float", &Bin<CopysignF>::scalar),
      TJIT_OP("aten::atan2.int(int a, int b) -> float", &Bin<Atan2F>::ii), TJIT_OP("aten::atan2.float(float a, float b) -> float", &Bin<Atan2F>::ff),
      TJIT_OP("aten::atan2.int_float(int a, float b) -> float", &Bin<Atan2F>::if_), TJIT_OP("aten::atan2.float_int(float a, int b) -> float", &Bin<Atan2F>::fi), TJIT_STACK_OP("aten::atan2.Scalar_Scalar(Scalar a, Scalar b) -> float", &Bin<Atan2F>::scalar),
      TJIT_OP("aten::polar.int(int a, int b) -> complex", &Bin<PolarF>::ii), TJIT_OP("aten::polar.float(float a, float b) -> complex", &Bin<PolarF>::ff),
      TJIT_OP("aten::polar.int_float(int a, float b) -> complex", &Bin<PolarF>::if_), TJIT_OP("aten::polar.float_int(float a, int b) -> complex", &Bin<PolarF>::fi), TJIT_STACK_OP("aten::polar.Scalar_Scalar(Scalar a, Scalar b) -> Scalar", &Bin<PolarF>::scalar),
      TJIT_OP("aten::log.int_int(int a, int b) -> float", &Bin<LogBaseF>::ii),
      TJIT_OP("aten::log.float_float(float a, float b) -> float", &Bin<LogBaseF>::ff),
      TJIT_OP("aten::log.complex_complex(complex a, complex b) -> complex", &Bin<LogBaseF>::cc),
      TJIT_OP("aten::log.int_float(int a, float b) -> float", &Bin<LogBaseF>::if_),
      TJIT_OP("aten::log.float_int(float a, int b) -> float", &Bin<LogBaseF>::fi),
      TJIT_OP("aten::log.int_complex(int a, complex b) -> complex", &Bin<LogBaseF>::ic),
      TJIT_OP("aten::log.complex_int(complex a, int b) -> complex", &Bin<LogBaseF>::ci),
      TJIT_OP("aten::log.float_complex(float a, complex b) -> complex", &Bin<LogBaseF>::fc),
      TJIT_OP("aten::log.complex_float(complex a, float b) -> complex", &Bin<LogBaseF>::cf),
      TJIT_STACK_OP("aten::log.Scalar_Scalar(Scalar a, Scalar b) -> float", &Bin<LogBaseF>::scalar),
      TJIT_OP("aten::divmod.int(int x, int y) -> (int, int)", [](I a, I b) {
        if (b == 0) throw ZeroDivisionError("integer division or modulo by zero");
        return std::make_tuple(int_floordiv(a, b), int_remainder(a, b));
      }),
      TJIT_OP("aten::divmod.float(float x, float y) -> (float, float)", [](double x, double y) {
        double a = static_cast<double>(x), b = static_cast<double>(y);
        if (b == 0) throw ZeroDivisionError("float divmod()");
        double rem = std::fmod(a, b);
        if (rem != 0 && ((a < 0) != (b < 0))) rem += b;
        return std::make_tuple((a - rem) / b, rem);
      }), TJIT_OP("aten::divmod.int_float(int x, float y) -> (float, float)", [](I x, double y) {
        double a = static_cast<double>(x), b = static_cast<double>(y);
        if (b == 0) throw ZeroDivisionError("float divmod()");
        double rem = std::fmod(a, b);
        if (rem != 0 && ((a < 0) != (b < 0))) rem += b;
        return std::make_tuple((a - rem) / b, rem);
      }), TJIT_OP("aten::divmod.float_int(float x, int y) -> (float, float)", [](double x, I y) {
        double a = static_cast<double>(x), b = static_cast<double>(y);
        if (b == 0) throw ZeroDivisionError("float divmod()");
        double rem = std::fmod(a, b);
        if (rem != 0 && ((a < 0) != (b < 0))) rem += b;
        return std::make_tuple((a - rem) / b, rem);
      }),
      TJIT_OP("aten::__round_to_zero_floordiv.int(int a, int b) -> int", [](I a, I b) {
        if (b == 0) throw ZeroDivisionError("division by 0");
        return b == -1 ? wrap_neg(a) : a / b;
      }),
      TJIT_OP("aten::gcd.int(int a, int b) -> int", [](I a, I b) {
        while (b != 0) {
          I r = a % b;
          a = b;
          b = r;
        }
        return a < 0 ? wrap_neg(a) : a;
      }),
      TJIT_OP("aten::factorial.int(int a) -> int", [](I a) {
        if (a < 0) throw ValueError("factorial() not defined for negative values");
        I r = 1;
        for (I i = 2; i <= a; ++i) r = wrap_mul(r, i);
        return r;
      }),
      TJIT_OP("aten::modf(float a) -> (float, float)", [](double a) {
        double ip = 0;
        double frac = std::modf(a, &ip);
        return std::make_tuple(frac, ip);
      }),
      TJIT_OP("aten::frexp(float a) -> (float, int)", [](double a) {
        int e = 0;
        double m = std::frexp(a, &e);
        return std::make_tuple(m, static_cast<I>(e));
      }),
      TJIT_OP("aten::ldexp(float x, int i) -> float", [](double x, I i) { return std::ldexp(x, static_cast<int>(i)); }),

      // ---- bits and logic ----
      TJIT_OP("aten::__and__.bool(bool a, bool b) -> bool", [](bool a, bool b) { return a && b; }),
      TJIT_OP("aten::__and__.int(int a, int b) -> int", [](I a, I b) { return a & b; }),
      TJIT_OP("aten::__or__.bool(bool a, bool b) -> bool", [](bool a, bool b) { return a || b; }),
      TJIT_OP("aten::__or__.int(int a, int b) -> int", [](I a, I b) { return a | b; }),
      TJIT_OP("aten::__xor__.bool(bool a, bool b) -> bool", [](bool a, bool b) { return a != b; }),
      TJIT_OP("aten::__xor__.int(int a, int b) -> int", [](I a, I b) { return a ^ b; }),
      TJIT_OP("aten::__not__(bool self) -> bool", [](bool a) { return !a; }),
      // Shift counts wrap modulo 64, as the x86 instruction PyTorch's `a << b` compiles to.
      TJIT_OP("aten::__lshift__.int(int a, int b) -> int", [](I a, I b) {
        return static_cast<I>(static_cast<std::uint64_t>(a) << (b & 63));
      }),
      TJIT_OP("aten::__rshift__.int(int a, int b) -> int", [](I a, I b) { return a >> (b & 63); }),

      // ---- comparisons ----
      TJIT_OP("aten::lt.int(int a, int b) -> bool", &Bin<LtF>::ii), TJIT_OP("aten::lt.float(float a, float b) -> bool", &Bin<LtF>::ff),
      TJIT_OP("aten::lt.int_float(int a, float b) -> bool", &Bin<LtF>::if_), TJIT_OP("aten::lt.float_int(float a, int b) -> bool", &Bin<LtF>::fi),
      TJIT_STACK_OP("aten::lt(Scalar a, Scalar b) -> bool", &Bin<LtF>::scalar),
      TJIT_OP("aten::lt.str(str a, str b) -> bool", [](std::string_view a, std::string_view b) { return a < b; }), TJIT_OP("aten::le.int(int a, int b) -> bool", &Bin<LeF>::ii), TJIT_OP("aten::le.float(float a, float b) -> bool", &Bin<LeF>::ff),
      TJIT_OP("aten::le.int_float(int a, float b) -> bool", &Bin<LeF>::if_), TJIT_OP("aten::le.float_int(float a, int b) -> bool", &Bin<LeF>::fi),
      TJIT_STACK_OP("aten::le(Scalar a, Scalar b) -> bool", &Bin<LeF>::scalar),
      TJIT_OP("aten::le.str(str a, str b) -> bool", [](std::string_view a, std::string_view b) { return a <= b; }), TJIT_OP("aten::gt.int(int a, int b) -> bool", &Bin<GtF>::ii), TJIT_OP("aten::gt.float(float a, float b) -> bool", &Bin<GtF>::ff),
      TJIT_OP("aten::gt.int_float(int a, float b) -> bool", &Bin<GtF>::if_), TJIT_OP("aten::gt.float_int(float a, int b) -> bool", &Bin<GtF>::fi),
      TJIT_STACK_OP("aten::gt(Scalar a, Scalar b) -> bool", &Bin<GtF>::scalar),
      TJIT_OP("aten::gt.str(str a, str b) -> bool", [](std::string_view a, std::string_view b) { return a > b; }), TJIT_OP("aten::ge.int(int a, int b) -> bool", &Bin<GeF>::ii), TJIT_OP("aten::ge.float(float a, float b) -> bool", &Bin<GeF>::ff),
      TJIT_OP("aten::ge.int_float(int a, float b) -> bool", &Bin<GeF>::if_), TJIT_OP("aten::ge.float_int(float a, int b) -> bool", &Bin<GeF>::fi),
      TJIT_STACK_OP("aten::ge(Scalar a, Scalar b) -> bool", &Bin<GeF>::scalar),
      TJIT_OP("aten::ge.str(str a, str b) -> bool", [](std::string_view a, std::string_view b) { return a >= b; }),
      TJIT_OP("aten::eq.int(int a, int b) -> bool", &Bin<EqF>::ii), TJIT_OP("aten::eq.float(float a, float b) -> bool", &Bin<EqF>::ff),
      TJIT_OP("aten::eq.int_float(int a, float b) -> bool", &Bin<EqF>::if_), TJIT_OP("aten::eq.float_int(float a, int b) -> bool", &Bin<EqF>::fi),
      TJIT_STACK_OP("aten::eq(Scalar a, Scalar b) -> bool", &Bin<EqF>::scalar),
      TJIT_OP("aten::eq.str(str a, str b) -> bool", [](std::string_view a, std::string_view b) { return a == b; }), TJIT_OP("aten::ne.int(int a, int b) -> bool", &Bin<NeF>::ii), TJIT_OP("aten::ne.float(float a, float b) -> bool", &Bin<NeF>::ff),
      TJIT_OP("aten::ne.int_float(int a, float b) -> bool", &Bin<NeF>::if_), TJIT_OP("aten::ne.float_int(float a, int b) -> bool", &Bin<NeF>::fi),
      TJIT_STACK_OP("aten::ne(Scalar a, Scalar b) -> bool", &Bin<NeF>::scalar),
      TJIT_OP("aten::ne.str(str a, str b) -> bool", [](std::string_view a, std::string_view b) { return a != b; }),
      TJIT_OP("aten::eq.bool(bool a, bool b) -> bool", [](bool a, bool b) { return a == b; }),
      TJIT_OP("aten::eq.complex(complex a, complex b) -> bool", &Bin<EqF>::cc), TJIT_OP("aten::eq.float_complex(float a, complex b) -> bool", &Bin<EqF>::fc),
      TJIT_OP("aten::eq.complex_float(complex a, float b) -> bool", &Bin<EqF>::cf),
      TJIT_STACK_OP("aten::eq.int_list(int[] a, int[] b) -> bool", &list_eq<true>), TJIT_STACK_OP("aten::eq.float_list(float[] a, float[] b) -> bool", &list_eq<true>),
      TJIT_STACK_OP("aten::eq.bool_list(bool[] a, bool[] b) -> bool", &list_eq<true>), TJIT_STACK_OP("aten::eq.str_list(str[] a, str[] b) -> bool", &list_eq<true>),
      TJIT_OP("aten::eq.device(Device a, Device b) -> bool", [](Device a, Device b) { return (a == b) == true; }),
      TJIT_STACK_OP("aten::eq.enum(AnyEnumType a, AnyEnumType b) -> bool", [](Stack& s) { IValue b = pop(s), a = pop(s); s.emplace_back((a == b) == true); }), TJIT_OP("aten::ne.bool(bool a, bool b) -> bool", [](bool a, bool b) { return a != b; }),
      TJIT_OP("aten::ne.complex(complex a, complex b) -> bool", &Bin<NeF>::cc), TJIT_OP("aten::ne.float_complex(float a, complex b) -> bool", &Bin<NeF>::fc),
      TJIT_OP("aten::ne.complex_float(complex a, float b) -> bool", &Bin<NeF>::cf),
      TJIT_STACK_OP("aten::ne.int_list(int[] a, int[] b) -> bool", &list_eq<false>), TJIT_STACK_OP("aten::ne.float_list(float[] a, float[] b) -> bool", &list_eq<false>),
      TJIT_STACK_OP("aten::ne.bool_list(bool[] a, bool[] b) -> bool", &list_eq<false>), TJIT_STACK_OP("aten::ne.str_list(str[] a, str[] b) -> bool", &list_eq<false>),
      TJIT_OP("aten::ne.device(Device a, Device b) -> bool", [](Device a, Device b) { return (a == b) == false; }),
      TJIT_STACK_OP("aten::ne.enum(AnyEnumType a, AnyEnumType b) -> bool", [](Stack& s) { IValue b = pop(s), a = pop(s); s.emplace_back((a == b) == false); }),
      TJIT_STACK_OP("aten::__is__(t1 self, t2 obj) -> bool", [](Stack& s) { IValue b = pop(s), a = pop(s); s.emplace_back(a.is(b)); }),
      TJIT_STACK_OP("aten::__isnot__(t1 self, t2 obj) -> bool", [](Stack& s) { IValue b = pop(s), a = pop(s); s.emplace_back(!a.is(b)); }),

      // ---- math ----
      TJIT_OP("aten::exp.int(int a) -> float", &Un<ExpF>::i), TJIT_OP("aten::exp.float(float a) -> float", &Un<ExpF>::f),
      TJIT_OP("aten::exp.complex(complex a) -> complex", &Un<ExpF>::c), TJIT_STACK_OP("aten::exp.Scalar(Scalar a) -> Scalar", &Un<ExpF>::scalar), TJIT_OP("aten::log.int(int a) -> float", &Un<LogF>::i), TJIT_OP("aten::log.float(float a) -> float", &Un<LogF>::f),
      TJIT_OP("aten::log.complex(complex a) -> complex", &Un<LogF>::c), TJIT_STACK_OP("aten::log.Scalar(Scalar a) -> Scalar", &Un<LogF>::scalar), TJIT_OP("aten::log10.int(int a) -> float", &Un<Log10F>::i), TJIT_OP("aten::log10.float(float a) -> float", &Un<Log10F>::f),
      TJIT_OP("aten::log10.complex(complex a) -> complex", &Un<Log10F>::c), TJIT_STACK_OP("aten::log10.Scalar(Scalar a) -> Scalar", &Un<Log10F>::scalar), TJIT_OP("aten::sqrt.int(int a) -> float", &Un<SqrtF>::i), TJIT_OP("aten::sqrt.float(float a) -> float", &Un<SqrtF>::f),
      TJIT_OP("aten::sqrt.complex(complex a) -> complex", &Un<SqrtF>::c), TJIT_STACK_OP("aten::sqrt.Scalar(Scalar a) -> Scalar", &Un<SqrtF>::scalar),
      TJIT_OP("aten::sin.int(int a) -> float", &Un<SinF>::i), TJIT_OP("aten::sin.float(float a) -> float", &Un<SinF>::f),
      TJIT_OP("aten::sin.complex(complex a) -> complex", &Un<SinF>::c), TJIT_STACK_OP("aten::sin.Scalar(Scalar a) -> Scalar", &Un<SinF>::scalar), TJIT_OP("aten::cos.int(int a) -> float", &Un<CosF>::i), TJIT_OP("aten::cos.float(float a) -> float", &Un<CosF>::f),
      TJIT_OP("aten::cos.complex(complex a) -> complex", &Un<CosF>::c), TJIT_STACK_OP("aten::cos.Scalar(Scalar a) -> Scalar", &Un<CosF>::scalar), TJIT_OP("aten::tan.int(int a) -> float", &Un<TanF>::i), TJIT_OP("aten::tan.float(float a) -> float", &Un<TanF>::f),
      TJIT_OP("aten::tan.complex(complex a) -> complex", &Un<TanF>::c), TJIT_STACK_OP("aten::tan.Scalar(Scalar a) -> Scalar", &Un<TanF>::scalar), TJIT_OP("aten::asin.int(int a) -> float", &Un<AsinF>::i), TJIT_OP("aten::asin.float(float a) -> float", &Un<AsinF>::f),
      TJIT_OP("aten::asin.complex(complex a) -> complex", &Un<AsinF>::c), TJIT_STACK_OP("aten::asin.Scalar(Scalar a) -> Scalar", &Un<AsinF>::scalar), TJIT_OP("aten::acos.int(int a) -> float", &Un<AcosF>::i), TJIT_OP("aten::acos.float(float a) -> float", &Un<AcosF>::f),
      TJIT_OP("aten::acos.complex(complex a) -> complex", &Un<AcosF>::c), TJIT_STACK_OP("aten::acos.Scalar(Scalar a) -> Scalar", &Un<AcosF>::scalar),
      TJIT_OP("aten::atan.int(int a) -> float", &Un<AtanF>::i), TJIT_OP("aten::atan.float(float a) -> float", &Un<AtanF>::f),
      TJIT_OP("aten::atan.complex(complex a) -> complex", &Un<AtanF>::c), TJIT_STACK_OP("aten::atan.Scalar(Scalar a) -> Scalar", &Un<AtanF>::scalar), TJIT_OP("aten::sinh.int(int a) -> float", &Un<SinhF>::i), TJIT_OP("aten::sinh.float(float a) -> float", &Un<SinhF>::f),
      TJIT_OP("aten::sinh.complex(complex a) -> complex", &Un<SinhF>::c), TJIT_STACK_OP("aten::sinh.Scalar(Scalar a) -> Scalar", &Un<SinhF>::scalar), TJIT_OP("aten::cosh.int(int a) -> float", &Un<CoshF>::i), TJIT_OP("aten::cosh.float(float a) -> float", &Un<CoshF>::f),
      TJIT_OP("aten::cosh.complex(complex a) -> complex", &Un<CoshF>::c), TJIT_STACK_OP("aten::cosh.Scalar(Scalar a) -> Scalar", &Un<CoshF>::scalar), TJIT_OP("aten::tanh.int(int a) -> float", &Un<TanhF>::i), TJIT_OP("aten::tanh.float(float a) -> float", &Un<TanhF>::f),
      TJIT_OP("aten::tanh.complex(complex a) -> complex", &Un<TanhF>::c), TJIT_STACK_OP("aten::tanh.Scalar(Scalar a) -> Scalar", &Un<TanhF>::scalar),
      TJIT_OP("aten::asinh.int(int a) -> float", &Un<AsinhF>::i), TJIT_OP("aten::asinh.float(float a) -> float", &Un<AsinhF>::f),
      TJIT_OP("aten::asinh.complex(complex a) -> complex", &Un<AsinhF>::c), TJIT_STACK_OP("aten::asinh.Scalar(Scalar a) -> Scalar", &Un<AsinhF>::scalar), TJIT_OP("aten::acosh.int(int a) -> float", &Un<AcoshF>::i), TJIT_OP("aten::acosh.float(float a) -> float", &Un<AcoshF>::f),
      TJIT_OP("aten::acosh.complex(complex a) -> complex", &Un<AcoshF>::c), TJIT_STACK_OP("aten::acosh.Scalar(Scalar a) -> Scalar", &Un<AcoshF>::scalar), TJIT_OP("aten::atanh.int(int a) -> float", &Un<AtanhF>::i), TJIT_OP("aten::atanh.float(float a) -> float", &Un<AtanhF>::f),
      TJIT_OP("aten::atanh.complex(complex a) -> complex", &Un<AtanhF>::c), TJIT_STACK_OP("aten::atanh.Scalar(Scalar a) -> Scalar", &Un<AtanhF>::scalar),
      TJIT_OP("aten::log1p.int(int a) -> float", &Un<Log1pF>::i), TJIT_OP("aten::log1p.float(float a) -> float", &Un<Log1pF>::f),
      TJIT_STACK_OP("aten::log1p.Scalar(Scalar a) -> Scalar", &Un<Log1pF>::scalar), TJIT_OP("aten::expm1.int(int a) -> float", &Un<Expm1F>::i), TJIT_OP("aten::expm1.float(float a) -> float", &Un<Expm1F>::f),
      TJIT_STACK_OP("aten::expm1.Scalar(Scalar a) -> Scalar", &Un<Expm1F>::scalar), TJIT_OP("aten::erf.int(int a) -> float", &Un<ErfF>::i), TJIT_OP("aten::erf.float(float a) -> float", &Un<ErfF>::f),
      TJIT_STACK_OP("aten::erf.Scalar(Scalar a) -> Scalar", &Un<ErfF>::scalar), TJIT_OP("aten::erfc.int(int a) -> float", &Un<ErfcF>::i), TJIT_OP("aten::erfc.float(float a) -> float", &Un<ErfcF>::f),
      TJIT_STACK_OP("aten::erfc.Scalar(Scalar a) -> Scalar", &Un<ErfcF>::scalar),
      TJIT_OP("aten::gamma.int(int a) -> float", &Un<GammaF>::i), TJIT_OP("aten::gamma.float(float a) -> float", &Un<GammaF>::f),
      TJIT_STACK_OP("aten::gamma.Scalar(Scalar a) -> Scalar", &Un<GammaF>::scalar), TJIT_OP("aten::lgamma.int(int a) -> float", &Un<LgammaF>::i), TJIT_OP("aten::lgamma.float(float a) -> float", &Un<LgammaF>::f),
      TJIT_STACK_OP("aten::lgamma.Scalar(Scalar a) -> Scalar", &Un<LgammaF>::scalar), TJIT_OP("aten::fabs.int(int a) -> float", &Un<FabsF>::i), TJIT_OP("aten::fabs.float(float a) -> float", &Un<FabsF>::f),
      TJIT_STACK_OP("aten::fabs.Scalar(Scalar a) -> Scalar", &Un<FabsF>::scalar), TJIT_OP("aten::round.int(int a) -> float", &Un<RoundF>::i), TJIT_OP("aten::round.float(float a) -> float", &Un<RoundF>::f),
      TJIT_STACK_OP("aten::round.Scalar(Scalar a) -> Scalar", &Un<RoundF>::scalar),
      TJIT_OP("aten::radians.int(int a) -> float", &Un<RadiansF>::i), TJIT_OP("aten::radians.float(float a) -> float", &Un<RadiansF>::f),
      TJIT_STACK_OP("aten::radians.Scalar(Scalar a) -> Scalar", &Un<RadiansF>::scalar), TJIT_OP("aten::degrees.int(int a) -> float", &Un<DegreesF>::i), TJIT_OP("aten::degrees.float(float a) -> float", &Un<DegreesF>::f),
      TJIT_STACK_OP("aten::degrees.Scalar(Scalar a) -> Scalar", &Un<DegreesF>::scalar),
      TJIT_OP("aten::floor.int(int a) -> int", &Un<FloorF, true>::i), TJIT_OP("aten::floor.float(float a) -> int", &Un<FloorF, true>::f),
      TJIT_STACK_OP("aten::floor.Scalar(Scalar a) -> Scalar", &Un<FloorF, true>::scalar),
      TJIT_OP("aten::ceil.int(int a) -> int", &Un<CeilF, true>::i), TJIT_OP("aten::ceil.float(float a) -> int", &Un<CeilF, true>::f),
      TJIT_STACK_OP("aten::ceil.Scalar(Scalar a) -> Scalar", &Un<CeilF, true>::scalar),
      TJIT_OP("aten::neg.int(int a) -> int", &Un<NegF, true>::i), TJIT_OP("aten::neg.float(float a) -> float", &Un<NegF, true>::f),
      TJIT_OP("aten::neg.complex(complex a) -> complex", &Un<NegF, true>::c), TJIT_STACK_OP("aten::neg.Scalar(Scalar a) -> Scalar", &Un<NegF, true>::scalar),
      TJIT_OP("aten::angle.int(int a) -> float", &Un<AngleF>::i), TJIT_OP("aten::angle.float(float a) -> float", &Un<AngleF>::f),
      TJIT_OP("aten::angle.complex(complex a) -> float", &Un<AngleF>::c), TJIT_STACK_OP("aten::angle.Scalar(Scalar a) -> Scalar", [](Stack& s) {
        if (s.back().isComplexDouble()) s.back() = IValue(std::arg(s.back().toComplexDouble()));
        else Un<AngleF>::scalar(s);
      }),
      TJIT_OP("aten::isnan.float(float a) -> bool", [](double a) { return std::isnan(a); }),
      TJIT_OP("aten::isnan.complex(complex a) -> bool", [](C a) { return std::isnan(a.real()) || std::isnan(a.imag()); }),
      TJIT_OP("aten::isinf.float(float a) -> bool", [](double a) { return std::isinf(a); }),
      TJIT_OP("aten::isinf.complex(complex a) -> bool", [](C a) { return std::isinf(a.real()) || std::isinf(a.imag()); }),
      TJIT_OP("aten::isfinite.float(float a) -> bool", [](double a) { return std::isfinite(a); }),
      TJIT_OP("aten::isfinite.complex(complex a) -> bool", [](C a) { return std::isfinite(a.real()) && std::isfinite(a.imag()); }),

      // ---- conversions ----
      TJIT_OP("aten::Int.bool(bool a) -> int", [](bool a) { return static_cast<I>(a); }),
      TJIT_OP("aten::Int.float(float a) -> int", [](double a) { return trunc_int(a); }),
      TJIT_STACK_OP("aten::Int.Scalar(Scalar a) -> int", [](Stack& s) {
        IValue x = pop(s);
        s.emplace_back(x.isDouble() ? trunc_int(x.toDouble()) : as_int(x));
      }),
      TJIT_OP("aten::Int.str(str a) -> int", [](const std::string& a) { return int_of_str(a); }),
      TJIT_STACK_OP("aten::Float.Scalar(Scalar a) -> float", [](Stack& s) { s.back() = IValue(as_double(s.back())); }),
      TJIT_OP("aten::Float.int(int a) -> float", [](I a) { return static_cast<double>(a); }),
      TJIT_OP("aten::Float.bool(bool a) -> float", [](bool a) { return a ? 1.0 : 0.0; }),
      TJIT_OP("aten::Float.str(str a) -> float", [](const std::string& a) { return float_of_str(a); }),
      TJIT_OP("aten::Bool.int(int a) -> bool", [](I a) { return a != 0; }),
      TJIT_OP("aten::Bool.float(float a) -> bool", [](double a) { return a != 0; }),
      TJIT_STACK_OP("aten::Complex.Scalar(Scalar a) -> complex", [](Stack& s) { s.back() = IValue(as_complex(s.back())); }),
      TJIT_OP("aten::Complex.int_bool(int x, bool y) -> complex", [](I x, bool y) { return C(static_cast<double>(x), static_cast<double>(y)); }), TJIT_OP("aten::Complex.bool_int(bool x, int y) -> complex", [](bool x, I y) { return C(static_cast<double>(x), static_cast<double>(y)); }), TJIT_OP("aten::Complex.float_bool(float x, bool y) -> complex", [](double x, bool y) { return C(static_cast<double>(x), static_cast<double>(y)); }),
      TJIT_OP("aten::Complex.bool_float(bool x, float y) -> complex", [](bool x, double y) { return C(static_cast<double>(x), static_cast<double>(y)); }), TJIT_OP("aten::Complex.float_int(float x, int y) -> complex", [](double x, I y) { return C(static_cast<double>(x), static_cast<double>(y)); }), TJIT_OP("aten::Complex.int_float(int x, float y) -> complex", [](I x, double y) { return C(static_cast<double>(x), static_cast<double>(y)); }),
      TJIT_OP("aten::Complex.int_int(int x, int y) -> complex", [](I x, I y) { return C(static_cast<double>(x), static_cast<double>(y)); }), TJIT_OP("aten::Complex.bool_bool(bool x, bool y) -> complex", [](bool x, bool y) { return C(static_cast<double>(x), static_cast<double>(y)); }), TJIT_OP("aten::Complex.float_float(float x, float y) -> complex", [](double x, double y) { return C(static_cast<double>(x), static_cast<double>(y)); }),
      TJIT_STACK_OP("aten::str(t elem) -> str", [](Stack& s) { s.back() = IValue(str_of(s.back())); }),
      TJIT_OP("aten::hex(int i) -> str", [](I i) { return int_to_base(i, 16, "0x"); }),
      TJIT_OP("aten::oct(int i) -> str", [](I i) { return int_to_base(i, 8, "0o"); }),
      TJIT_OP("aten::bin(int i) -> str", [](I i) { return int_to_base(i, 2, "0b"); }),
      TJIT_OP("aten::chr(int i) -> str", [](I i) {
        if (i < 0 || i >= 1114111)
          throw ValueError("chr() arg not in range(0x110000), found " + std::to_string(i));
        return std::string(1, static_cast<char>(i));
      }),
      TJIT_OP("aten::ord(str string) -> int", [](std::string_view s) {
        if (s.size() != 1)
          throw TypeError("String for ord() must be 1 character, found " + std::to_string(s.size()));
        return static_cast<I>(static_cast<unsigned char>(s[0]));
      }),
      TJIT_STACK_OP("aten::format(str self, ...) -> str", &format),
      TJIT_STACK_OP("aten::hash.generic(t value) -> int", [](Stack& s) { s.back() = IValue(static_cast<I>(s.back().hash())); }),

      // ---- lists ----
      TJIT_STACK_OP("aten::len.t(t[] a) -> int", &list_len),
      TJIT_STACK_OP("aten::len.any(Any[] a) -> int", &list_len),
      TJIT_STACK_OP("aten::__getitem__.t(t[](a) list, int idx) -> t(*)", &list_getitem),
      TJIT_STACK_OP("aten::select.t(t[](a) list, int idx) -> t(*)", &list_getitem),
      TJIT_STACK_OP("aten::_set_item.t(t[](a!) l, int idx, t(b -> *) el) -> t[](a!)", &list_setitem),
      TJIT_STACK_OP("aten::append.t(t[](a!) self, t(c -> *) el) -> t[](a!)", &list_append),
      TJIT_STACK_OP("aten::pop.t(t[](a!) self, int idx=-1) -> t(*)", &list_pop),
      TJIT_STACK_OP("aten::insert.t(t[](a!) self, int idx, t(b -> *) el) -> ()", &list_insert),
      TJIT_STACK_OP("aten::Delete.t(t[](a!) self, int idx) -> ()", &list_delete),
      TJIT_STACK_OP("aten::extend.t(t[](a!) self, t[] other) -> ()", &list_extend),
      TJIT_STACK_OP("aten::add.t(t[] a, t[] b) -> t[]", &list_add),
      TJIT_STACK_OP("aten::add_.t(t[](a!) self, t[] b) -> t[]", &list_iadd),
      TJIT_STACK_OP("aten::mul.left_t(t[] l, int n) -> t[]", &list_mul_left),
      TJIT_STACK_OP("aten::mul.right_(int n, t[] l) -> t[]", &list_mul_right),
      TJIT_STACK_OP("aten::mul_.t(t[](a!) l, int n) -> t[](a!)", &list_imul),
      TJIT_STACK_OP("aten::slice.t(t[] l, int? start=None, int? end=None, int step=1) -> t[]", &list_slice),
      TJIT_STACK_OP("aten::copy.t(t[](a) self) -> t[]", &list_copy),
      TJIT_STACK_OP("aten::list.t(t[] l) -> t[]", &list_copy),
      TJIT_STACK_OP("aten::clear.t(t[](a!) self) -> ()", &list_clear),
      TJIT_STACK_OP("aten::reverse.t(t[](a!) self) -> ()", &list_reverse),
      TJIT_STACK_OP("aten::sort.int(int[](a!) self, bool reverse=False) -> ()", &list_sort), TJIT_STACK_OP("aten::sort.float(float[](a!) self, bool reverse=False) -> ()", &list_sort),
      TJIT_STACK_OP("aten::sort.bool(bool[](a!) self, bool reverse=False) -> ()", &list_sort), TJIT_STACK_OP("aten::sort.str(str[](a!) self, bool reverse=False) -> ()", &list_sort),
      TJIT_STACK_OP("aten::sort.any(t[](a!) self, bool reverse=False) -> ()", &list_sort),
      TJIT_STACK_OP("aten::sorted.int(int[](a) input) -> int[]", &list_sorted), TJIT_STACK_OP("aten::sorted.float(float[](a) input) -> float[]", &list_sorted),
      TJIT_STACK_OP("aten::sorted.bool(bool[](a) input) -> bool[]", &list_sorted), TJIT_STACK_OP("aten::sorted.str(str[](a) input) -> str[]", &list_sorted),
      TJIT_STACK_OP("aten::sorted.any(t[](a) self) -> t[]", &list_sorted),
      TJIT_STACK_OP("aten::__contains__.int_list(int[] l, int item) -> bool", &list_contains),
      TJIT_STACK_OP("aten::__contains__.float_list(float[] l, float item) -> bool", &list_contains),
      TJIT_STACK_OP("aten::__contains__.str_list(str[] l, str item) -> bool", &list_contains),
      TJIT_STACK_OP("aten::count.int(int[] self, int el) -> int", &list_count), TJIT_STACK_OP("aten::count.float(float[] self, float el) -> int", &list_count),
      TJIT_STACK_OP("aten::count.bool(bool[] self, bool el) -> int", &list_count), TJIT_STACK_OP("aten::count.str(str[] self, str el) -> int", &list_count),
      TJIT_STACK_OP("aten::index.list_int(int[] self, int el) -> int", &list_index), TJIT_STACK_OP("aten::index.list_float(float[] self, float el) -> int", &list_index),
      TJIT_STACK_OP("aten::index.list_bool(bool[] self, bool el) -> int", &list_index), TJIT_STACK_OP("aten::index.list_str(str[] self, str el) -> int", &list_index),
      TJIT_STACK_OP("aten::remove.int(int[](a!) self, int el) -> ()", &list_remove), TJIT_STACK_OP("aten::remove.float(float[](a!) self, float el) -> ()", &list_remove),
      TJIT_STACK_OP("aten::remove.bool(bool[](a!) self, bool el) -> ()", &list_remove), TJIT_STACK_OP("aten::remove.str(str[](a!) self, str el) -> ()", &list_remove),
      TJIT_STACK_OP("aten::sum.int(int[] self) -> int", &list_sum<I>), TJIT_STACK_OP("aten::sum.float(float[] self) -> float", &list_sum<double>),
      TJIT_STACK_OP("aten::sum.complex(complex[] self) -> complex", &list_sum<C>), TJIT_STACK_OP("aten::sum.bool(bool[] self) -> int", &list_sum<I>),
      TJIT_STACK_OP("aten::any.str(str[] self) -> bool", &list_any_all<true>), TJIT_STACK_OP("aten::any.int(int[] self) -> bool", &list_any_all<true>),
      TJIT_STACK_OP("aten::any.float(float[] self) -> bool", &list_any_all<true>), TJIT_STACK_OP("aten::any.bool(bool[] self) -> bool", &list_any_all<true>),
      TJIT_STACK_OP("aten::all.int(int[] self) -> bool", &list_any_all<false>), TJIT_STACK_OP("aten::all.float(float[] self) -> bool", &list_any_all<false>),
      TJIT_STACK_OP("aten::all.bool(bool[] self) -> bool", &list_any_all<false>),
      TJIT_STACK_OP("aten::Size(int[] sizes) -> int[]", [](Stack&) {}),

      // ---- dicts ----
      TJIT_STACK_OP("aten::len.Dict_str(Dict(str, t) self) -> int", &dict_len), TJIT_STACK_OP("aten::__getitem__.Dict_str(Dict(str, t) self, str key) -> t(*)", &dict_getitem),
      TJIT_STACK_OP("aten::_set_item.str(Dict(str, t)(a!) l, str(b -> *) idx, t(c -> *) v) -> ()", &dict_setitem), TJIT_STACK_OP("aten::get.str(Dict(str, t) self, str key) -> t(*)?", &dict_get),
      TJIT_STACK_OP("aten::get.default_str(Dict(str, t) self, str key, t default_value) -> t(*)", &dict_get_default), TJIT_STACK_OP("aten::setdefault.str(Dict(str, t)(a!) self, str(b -> *) key, t(c -> *) default_value) -> t(*)", &dict_setdefault),
      TJIT_STACK_OP("aten::pop.Dict_str(Dict(str, t)(a!) self, str key) -> t(*)", &dict_pop), TJIT_STACK_OP("aten::pop.Dict_default_str(Dict(str, t)(a!) self, str key, t default_value) -> t(*)", &dict_pop_default),
      TJIT_STACK_OP("aten::popitem.str(Dict(str, t)(a!) self) -> ((str, t))", &dict_popitem), TJIT_STACK_OP("aten::keys.str(Dict(str, t) self) -> str[](*)", &dict_keys),
      TJIT_STACK_OP("aten::values.str(Dict(str, t) self) -> t[](*)", &dict_values), TJIT_STACK_OP("aten::items.str(Dict(str, t) self) -> ((str, t)[])", &dict_items),
      TJIT_STACK_OP("aten::update.str(Dict(str, t)(a!) self, Dict(str, t)(a!) to_add) -> ()", &dict_update), TJIT_STACK_OP("aten::copy.Dict_str(Dict(str, t)(a) self) -> Dict(str, t)", &dict_copy),
      TJIT_STACK_OP("aten::clear.str(Dict(str, t)(a!) self) -> ()", &dict_clear), TJIT_STACK_OP("aten::__contains__.str(Dict(str, t) dict, str key) -> bool", &dict_contains),
      TJIT_STACK_OP("aten::dict.str((str, tVal)[] inputs) -> Dict(str, tVal)", &dict_from_pairs), TJIT_STACK_OP("aten::dict.Dict_str(Dict(str, t)(a) self) -> Dict(str, t)", &dict_copy),
      TJIT_STACK_OP("aten::Delete.Dict_str(Dict(str, t)(a!) self, str key) -> ()", &dict_delete), TJIT_STACK_OP("aten::len.Dict_int(Dict(int, t) self) -> int", &dict_len), TJIT_STACK_OP("aten::__getitem__.Dict_int(Dict(int, t) self, int key) -> t(*)", &dict_getitem),
      TJIT_STACK_OP("aten::_set_item.int(Dict(int, t)(a!) l, int(b -> *) idx, t(c -> *) v) -> ()", &dict_setitem), TJIT_STACK_OP("aten::get.int(Dict(int, t) self, int key) -> t(*)?", &dict_get),
      TJIT_STACK_OP("aten::get.default_int(Dict(int, t) self, int key, t default_value) -> t(*)", &dict_get_default), TJIT_STACK_OP("aten::setdefault.int(Dict(int, t)(a!) self, int(b -> *) key, t(c -> *) default_value) -> t(*)", &dict_setdefault),
      TJIT_STACK_OP("aten::pop.Dict_int(Dict(int, t)(a!) self, int key) -> t(*)", &dict_pop), TJIT_STACK_OP("aten::pop.Dict_default_int(Dict(int, t)(a!) self, int key, t default_value) -> t(*)", &dict_pop_default),
      TJIT_STACK_OP("aten::popitem.int(Dict(int, t)(a!) self) -> ((int, t))", &dict_popitem), TJIT_STACK_OP("aten::keys.int(Dict(int, t) self) -> int[](*)", &dict_keys),
      TJIT_STACK_OP("aten::values.int(Dict(int, t) self) -> t[](*)", &dict_values), TJIT_STACK_OP("aten::items.int(Dict(int, t) self) -> ((int, t)[])", &dict_items),
      TJIT_STACK_OP("aten::update.int(Dict(int, t)(a!) self, Dict(int, t)(a!) to_add) -> ()", &dict_update), TJIT_STACK_OP("aten::copy.Dict_int(Dict(int, t)(a) self) -> Dict(int, t)", &dict_copy),
      TJIT_STACK_OP("aten::clear.int(Dict(int, t)(a!) self) -> ()", &dict_clear), TJIT_STACK_OP("aten::__contains__.int(Dict(int, t) dict, int key) -> bool", &dict_contains),
      TJIT_STACK_OP("aten::dict.int((int, tVal)[] inputs) -> Dict(int, tVal)", &dict_from_pairs), TJIT_STACK_OP("aten::dict.Dict_int(Dict(int, t)(a) self) -> Dict(int, t)", &dict_copy),
      TJIT_STACK_OP("aten::Delete.Dict_int(Dict(int, t)(a!) self, int key) -> ()", &dict_delete), TJIT_STACK_OP("aten::len.Dict_bool(Dict(bool, t) self) -> int", &dict_len), TJIT_STACK_OP("aten::__getitem__.Dict_bool(Dict(bool, t) self, bool key) -> t(*)", &dict_getitem),
      TJIT_STACK_OP("aten::_set_item.bool(Dict(bool, t)(a!) l, bool(b -> *) idx, t(c -> *) v) -> ()", &dict_setitem), TJIT_STACK_OP("aten::get.bool(Dict(bool, t) self, bool key) -> t(*)?", &dict_get),
      TJIT_STACK_OP("aten::get.default_bool(Dict(bool, t) self, bool key, t default_value) -> t(*)", &dict_get_default), TJIT_STACK_OP("aten::setdefault.bool(Dict(bool, t)(a!) self, bool(b -> *) key, t(c -> *) default_value) -> t(*)", &dict_setdefault),
      TJIT_STACK_OP("aten::pop.Dict_bool(Dict(bool, t)(a!) self, bool key) -> t(*)", &dict_pop), TJIT_STACK_OP("aten::pop.Dict_default_bool(Dict(bool, t)(a!) self, bool key, t default_value) -> t(*)", &dict_pop_default),
      TJIT_STACK_OP("aten::popitem.bool(Dict(bool, t)(a!) self) -> ((bool, t))", &dict_popitem), TJIT_STACK_OP("aten::keys.bool(Dict(bool, t) self) -> bool[](*)", &dict_keys),
      TJIT_STACK_OP("aten::values.bool(Dict(bool, t) self) -> t[](*)", &dict_values), TJIT_STACK_OP("aten::items.bool(Dict(bool, t) self) -> ((bool, t)[])", &dict_items),
      TJIT_STACK_OP("aten::update.bool(Dict(bool, t)(a!) self, Dict(bool, t)(a!) to_add) -> ()", &dict_update), TJIT_STACK_OP("aten::copy.Dict_bool(Dict(bool, t)(a) self) -> Dict(bool, t)", &dict_copy),
      TJIT_STACK_OP("aten::clear.bool(Dict(bool, t)(a!) self) -> ()", &dict_clear), TJIT_STACK_OP("aten::__contains__.bool(Dict(bool, t) dict, bool key) -> bool", &dict_contains),
      TJIT_STACK_OP("aten::dict.bool((bool, tVal)[] inputs) -> Dict(bool, tVal)", &dict_from_pairs), TJIT_STACK_OP("aten::dict.Dict_bool(Dict(bool, t)(a) self) -> Dict(bool, t)", &dict_copy),
      TJIT_STACK_OP("aten::Delete.Dict_bool(Dict(bool, t)(a!) self, bool key) -> ()", &dict_delete), TJIT_STACK_OP("aten::len.Dict_float(Dict(float, t) self) -> int", &dict_len), TJIT_STACK_OP("aten::__getitem__.Dict_float(Dict(float, t) self, float key) -> t(*)", &dict_getitem),
      TJIT_STACK_OP("aten::_set_item.float(Dict(float, t)(a!) l, float(b -> *) idx, t(c -> *) v) -> ()", &dict_setitem), TJIT_STACK_OP("aten::get.float(Dict(float, t) self, float key) -> t(*)?", &dict_get),
      TJIT_STACK_OP("aten::get.default_float(Dict(float, t) self, float key, t default_value) -> t(*)", &dict_get_default), TJIT_STACK_OP("aten::setdefault.float(Dict(float, t)(a!) self, float(b -> *) key, t(c -> *) default_value) -> t(*)", &dict_setdefault),
      TJIT_STACK_OP("aten::pop.Dict_float(Dict(float, t)(a!) self, float key) -> t(*)", &dict_pop), TJIT_STACK_OP("aten::pop.Dict_default_float(Dict(float, t)(a!) self, float key, t default_value) -> t(*)", &dict_pop_default),
      TJIT_STACK_OP("aten::popitem.float(Dict(float, t)(a!) self) -> ((float, t))", &dict_popitem), TJIT_STACK_OP("aten::keys.float(Dict(float, t) self) -> float[](*)", &dict_keys),
      TJIT_STACK_OP("aten::values.float(Dict(float, t) self) -> t[](*)", &dict_values), TJIT_STACK_OP("aten::items.float(Dict(float, t) self) -> ((float, t)[])", &dict_items),
      TJIT_STACK_OP("aten::update.float(Dict(float, t)(a!) self, Dict(float, t)(a!) to_add) -> ()", &dict_update), TJIT_STACK_OP("aten::copy.Dict_float(Dict(float, t)(a) self) -> Dict(float, t)", &dict_copy),
      TJIT_STACK_OP("aten::clear.float(Dict(float, t)(a!) self) -> ()", &dict_clear), TJIT_STACK_OP("aten::__contains__.float(Dict(float, t) dict, float key) -> bool", &dict_contains),
      TJIT_STACK_OP("aten::dict.float((float, tVal)[] inputs) -> Dict(float, tVal)", &dict_from_pairs), TJIT_STACK_OP("aten::dict.Dict_float(Dict(float, t)(a) self) -> Dict(float, t)", &dict_copy),
      TJIT_STACK_OP("aten::Delete.Dict_float(Dict(float, t)(a!) self, float key) -> ()", &dict_delete), TJIT_STACK_OP("aten::len.Dict_complex(Dict(complex, t) self) -> int", &dict_len), TJIT_STACK_OP("aten::__getitem__.Dict_complex(Dict(complex, t) self, complex key) -> t(*)", &dict_getitem),
      TJIT_STACK_OP("aten::_set_item.complex(Dict(complex, t)(a!) l, complex(b -> *) idx, t(c -> *) v) -> ()", &dict_setitem), TJIT_STACK_OP("aten::get.complex(Dict(complex, t) self, complex key) -> t(*)?", &dict_get),
      TJIT_STACK_OP("aten::get.default_complex(Dict(complex, t) self, complex key, t default_value) -> t(*)", &dict_get_default), TJIT_STACK_OP("aten::setdefault.complex(Dict(complex, t)(a!) self, complex(b -> *) key, t(c -> *) default_value) -> t(*)", &dict_setdefault),
      TJIT_STACK_OP("aten::pop.Dict_complex(Dict(complex, t)(a!) self, complex key) -> t(*)", &dict_pop), TJIT_STACK_OP("aten::pop.Dict_default_complex(Dict(complex, t)(a!) self, complex key, t default_value) -> t(*)", &dict_pop_default),
      TJIT_STACK_OP("aten::popitem.complex(Dict(complex, t)(a!) self) -> ((complex, t))", &dict_popitem), TJIT_STACK_OP("aten::keys.complex(Dict(complex, t) self) -> complex[](*)", &dict_keys),
      TJIT_STACK_OP("aten::values.complex(Dict(complex, t) self) -> t[](*)", &dict_values), TJIT_STACK_OP("aten::items.complex(Dict(complex, t) self) -> ((complex, t)[])", &dict_items),
      TJIT_STACK_OP("aten::update.complex(Dict(complex, t)(a!) self, Dict(complex, t)(a!) to_add) -> ()", &dict_update), TJIT_STACK_OP("aten::copy.Dict_complex(Dict(complex, t)(a) self) -> Dict(complex, t)", &dict_copy),
      TJIT_STACK_OP("aten::clear.complex(Dict(complex, t)(a!) self) -> ()", &dict_clear), TJIT_STACK_OP("aten::__contains__.complex(Dict(complex, t) dict, complex key) -> bool", &dict_contains),
      TJIT_STACK_OP("aten::dict.complex((complex, tVal)[] inputs) -> Dict(complex, tVal)", &dict_from_pairs), TJIT_STACK_OP("aten::dict.Dict_complex(Dict(complex, t)(a) self) -> Dict(complex, t)", &dict_copy),
      TJIT_STACK_OP("aten::Delete.Dict_complex(Dict(complex, t)(a!) self, complex key) -> ()", &dict_delete),

      // ---- strings ----
      TJIT_OP("aten::len.str(str s) -> int", [](std::string_view s) { return static_cast<I>(s.size()); }),
      TJIT_OP("aten::__getitem__.str(str s, int index) -> str", [](const std::string& s, I i) { return str_at(s, i); }),
      TJIT_OP("aten::slice.str(str string, int? start=None, int? end=None, int step=1) -> str", [](const std::string& s, IValue start, IValue end, I step) {
        return str_slice(s, std::move(start), std::move(end), step);
      }),
      TJIT_OP("aten::add.str(str a, str b) -> str", [](std::string_view a, std::string_view b) { return std::string(a) + std::string(b); }),
      TJIT_OP("aten::list(str t) -> str[]", [](std::string_view s) {
        std::vector<std::string> out;
        for (char c : s) out.emplace_back(1, c);
        return out;
      }),
      TJIT_OP("aten::lower(str self) -> str", [](std::string_view s) { return map_chars<std::tolower>(s); }),
      TJIT_OP("aten::upper(str self) -> str", [](std::string_view s) { return map_chars<std::toupper>(s); }),
      TJIT_OP("aten::swapcase(str self) -> str", [](std::string_view s) { return map_chars<swapcase_char>(s); }),
      TJIT_OP("aten::title(str self) -> str", [](const std::string& s) { return str_title(s); }),
      TJIT_OP("aten::capitalize(str self) -> str", [](const std::string& s) { return str_capitalize(s); }),
      TJIT_OP("aten::isdigit(str self) -> bool", [](std::string_view s) { return all_chars<std::isdigit>(s); }),
      TJIT_OP("aten::isspace(str self) -> bool", [](std::string_view s) { return all_chars<std::isspace>(s); }),
      TJIT_OP("aten::isalnum(str self) -> bool", [](std::string_view s) { return all_chars<std::isalnum>(s); }),
      TJIT_OP("aten::isalpha(str self) -> bool", [](std::string_view s) { return all_chars<std::isalpha>(s); }),
      TJIT_OP("aten::isdecimal(str self) -> bool", [](std::string_view s) { return all_chars<std::isdigit>(s); }),
      TJIT_OP("aten::isnumeric(str self) -> bool", [](std::string_view s) { return all_chars<std::isdigit>(s); }),
      TJIT_OP("aten::isupper(str self) -> bool", [](std::string_view s) { return has_cased(s, std::isupper); }),
      TJIT_OP("aten::islower(str self) -> bool", [](std::string_view s) { return has_cased(s, std::islower); }),
      TJIT_OP("aten::istitle(str self) -> bool", [](const std::string& s) { return str_istitle(s); }),
      TJIT_OP("aten::isidentifier(str self) -> bool", [](std::string_view s) {
        return !s.empty() && !std::isdigit(static_cast<unsigned char>(s[0])) && all_chars<std::isalnum>(s);
      }),
      TJIT_OP("aten::isprintable(str self) -> bool", [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char ch) {
          int c = static_cast<unsigned char>(ch);
          return std::isalnum(c) || std::ispunct(c) || c == ' ';
        });
      }),
      TJIT_OP("aten::center(str self, int width, str fillchar=\" \") -> str", [](const std::string& s, I w, const std::string& f) { return str_center(s, w, f); }),
      TJIT_OP("aten::ljust(str self, int width, str fillchar=\" \") -> str", [](const std::string& s, I w, const std::string& f) {
        check_fill(f);
        return s + repeat_str(f, w - static_cast<I>(s.size()));
      }),
      TJIT_OP("aten::rjust(str self, int width, str fillchar=\" \") -> str", [](const std::string& s, I w, const std::string& f) {
        check_fill(f);
        return repeat_str(f, w - static_cast<I>(s.size())) + s;
      }),
      TJIT_OP("aten::zfill(str self, int width) -> str", [](const std::string& s, I w) { return repeat_str("0", w - static_cast<I>(s.size())) + s; }),
      TJIT_OP("aten::expandtabs(str self, int tabsize=8) -> str", [](const std::string& s, I t) { return str_expandtabs(s, t); }),
      TJIT_OP("aten::strip(str self, str chars=\" \\n\\t\\f\\v\") -> str", [](const std::string& s, const std::string& c) { return lstrip(rstrip(s, c), c); }),
      TJIT_OP("aten::lstrip(str self, str chars=\" \\n\\t\\f\\v\") -> str", [](const std::string& s, const std::string& c) { return lstrip(s, c); }),
      TJIT_OP("aten::rstrip(str self, str chars=\" \\n\\t\\f\\v\") -> str", [](const std::string& s, const std::string& c) { return rstrip(s, c); }),
      TJIT_OP("aten::find(str self, str substr, int start=0, int end=-1) -> int", [](const std::string& s, const std::string& sub, I a, I b) { return str_find(s, sub, a, b, false); }),
      TJIT_OP("aten::rfind(str self, str substr, int start=0, int end=-1) -> int", [](const std::string& s, const std::string& sub, I a, I b) { return str_find(s, sub, a, b, true); }),
      TJIT_OP("aten::index.str(str self, str substr, int start=0, int end=-1) -> int", [](const std::string& s, const std::string& sub, I a, I b) {
        I r = str_find(s, sub, a, b, false);
        if (r < 0) throw ValueError("substring not found");
        return r;
      }),
      TJIT_OP("aten::rindex(str self, str substr, int start=0, int end=-1) -> int", [](const std::string& s, const std::string& sub, I a, I b) {
        I r = str_find(s, sub, a, b, true);
        if (r < 0) throw ValueError("substring not found");
        return r;
      }),
      TJIT_OP("aten::count(str self, str substr, int start=0, int end=-1) -> int", [](const std::string& s, const std::string& sub, I a, I b) { return str_count(s, sub, a, b); }),
      TJIT_OP("aten::startswith(str self, str substr, int start=0, int end=-1) -> bool", [](const std::string& s, const std::string& sub, I a, I b) {
        return str_startswith(s, sub, a, b, false);
      }),
      TJIT_OP("aten::endswith(str self, str substr, int start=0, int end=-1) -> bool", [](const std::string& s, const std::string& sub, I a, I b) {
        return str_startswith(s, sub, a, b, true);
      }),
      TJIT_OP("aten::replace(str self, str old, str new, int max=-1) -> str", [](const std::string& s, const std::string& o, const std::string& n, I max) {
        return str_replace(s, o, n, max);
      }),
      TJIT_OP("aten::partition(str self, str separator) -> (str, str, str)", [](const std::string& s, const std::string& sep) { return str_partition(s, sep, false); }),
      TJIT_OP("aten::rpartition(str self, str separator) -> (str, str, str)", [](const std::string& s, const std::string& sep) { return str_partition(s, sep, true); }),
      TJIT_OP("aten::split.str(str self, str? separator=None, int max=-1) -> str[]", [](const std::string& s, std::optional<std::string_view> sep, I max) {
        return str_split(s, sep, max);
      }),
      TJIT_OP("aten::rsplit(str self, str separator=\" \", int max=-1) -> str[]", [](const std::string& s, const std::string& sep, I max) { return str_rsplit(s, sep, max); }),
      TJIT_OP("aten::splitlines(str self, bool keepends=False) -> str[]", [](const std::string& s, bool keep) { return str_splitlines(s, keep); }),
      TJIT_OP("aten::join(str self, str[] values) -> str", [](const std::string& sep, const std::vector<std::string>& v) { return str_join(sep, v); }),

      // ---- devices, grad mode, interpreter queries ----
      TJIT_OP("aten::device(str a) -> Device", [](std::string_view s) { return Device(s); }),
      TJIT_OP("aten::is_scripting() -> bool", [] { return true; }),
      TJIT_OP("aten::_get_tracing_state() -> bool", [] { return false; }),
      TJIT_OP("aten::is_grad_enabled() -> bool", [] { return tjit::is_grad_enabled(); }),
      TJIT_OP("aten::set_grad_enabled(bool val) -> ()", [](bool v) { tjit::set_grad_enabled(v); }),
      TJIT_OP("aten::is_autocast_enabled() -> bool", [] { return false; }),
      TJIT_OP("aten::is_autocast_cpu_enabled() -> bool", [] { return false; }),
      TJIT_OP("aten::warn(str message, int stacklevel=2) -> ()", [](std::string_view msg, I) { std::cerr << "UserWarning: " << msg << "\n"; }),
      TJIT_OP("aten::__range_length(int lo, int hi, int step) -> int", [](I lo, I hi, I step) {
        if (step == 0) throw ValueError("range() arg 3 must not be zero");
        if (step > 0 && lo < hi) return 1 + (hi - 1 - lo) / step;
        if (step < 0 && lo > hi) return 1 + (lo - 1 - hi) / (0 - step);
        return I{0};
      }),
      TJIT_OP("aten::__derive_index(int index, int start, int step) -> int", [](I index, I start, I step) { return wrap_add(start, wrap_mul(index, step)); }),
      TJIT_STACK_OP("aten::_unwrap_optional(t(a)? optional) -> t(a)", [](Stack& s) {
        TJIT_CHECK(!s.back().isNone(), "Unwrapping null optional");
      }),
  };
  return table;
}

}  // namespace tjit::runtime::ops
