// tjit/tensor/ops/detail/random_impl.hpp — definitions of tjit/tensor/ops/random.hpp.
//
// Note [Matching PyTorch's random streams]
// Every kernel draws from the generator exactly as PyTorch 1.13's CPU kernel does (how many
// 32- or 64-bit draws per element, in which order) and transforms the draws with the same
// floating-point operations. Three things decide the bits:
// - Order: PyTorch's serial kernels walk a TensorIterator, which visits one output in memory
//   order (dimensions sorted by decreasing stride); for_each_offset does the same.
// - Fused multiply-adds: the kernels run from PyTorch's AVX2 build (compiled with -mfma, which
//   GCC contracts `a * b + c` in), so the transforms here call std::fma exactly where that build
//   fuses, and keep the other products rounded (measured against PyTorch on this machine kind).
// - normal_ on >= 16 contiguous float32 elements uses the AVX2 Box–Muller of
//   ATen/native/cpu/DistributionTemplates.h with the Cephes float log and sincos polynomials
//   (as in avx_mathfun.h); avx2_log and avx2_sincos below evaluate the same polynomials, one lane
//   at a time.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/factory.hpp"
#include "tjit/tensor/ops/random.hpp"
#include "tjit/tensor/ops/reduce.hpp"
#include "tjit/tensor/ops/sort.hpp"

namespace tjit {
namespace detail {

inline Generator& gen_or_default(Generator* g) { return g ? *g : default_generator(); }

// Calls f(offsets...) (element offsets of `t` and of each tensor in `others`, all of t's shape)
// for every element, in memory order of `t` as TensorIterator orders a nullary/unary op.
template <class F, class... Others>
void for_each_offset(const Tensor& t, F&& f, const Others&... others) {
  std::int64_t n = t.numel();
  if (n == 0) return;
  constexpr std::size_t K = 1 + sizeof...(Others);
  std::vector<std::int64_t> dims;
  for (std::int64_t d = 0; d < t.dim(); ++d)
    if (t.size(d) != 1) dims.push_back(d);
  std::stable_sort(dims.begin(), dims.end(),
                   [&](std::int64_t a, std::int64_t b) { return t.stride(a) > t.stride(b); });
  std::size_t nd = dims.size();
  std::vector<std::int64_t> sizes(nd), idx(nd, 0);
  std::vector<std::array<std::int64_t, K>> strides(nd);
  for (std::size_t i = 0; i < nd; ++i) {
    sizes[i] = t.size(dims[i]);
    strides[i] = {t.stride(dims[i]), others.stride(dims[i])...};
  }
  std::array<std::int64_t, K> off = {t.storage_offset(), others.storage_offset()...};
  for (std::int64_t k = 0; k < n; ++k) {
    std::apply(f, off);
    for (std::size_t i = nd; i-- > 0;) {
      if (++idx[i] < sizes[i]) {
        for (std::size_t j = 0; j < K; ++j) off[j] += strides[i][j];
        break;
      }
      for (std::size_t j = 0; j < K; ++j) off[j] -= strides[i][j] * (sizes[i] - 1);
      idx[i] = 0;
    }
  }
}

template <class T>
T* base_ptr(const Tensor& t) {
  return static_cast<T*>(t.storage().data());
}

// c10's names of the element types in random_'s bound errors ("from is out of bounds for int").
inline const char* typemeta_name(ScalarType t) {
  switch (t) {
    case kByte: return "unsigned char";
    case kChar: return "signed char";
    case kShort: return "short int";
    case kInt: return "int";
    case kLong: return "long int";
    case kBool: return "bool";
    case kFloat: return "float";
    case kDouble: return "double";
    case kHalf: return "c10::Half";
    case kBFloat16: return "c10::BFloat16";
    default: return "unknown";
  }
}

// at::uniform_real_distribution<T>(from, to): 24 (float), 53 (double), 11 (half) or 8
// (bfloat16) random bits scaled to [0, 1), then x * (to - from) + from, fused.
template <class T>
auto uniform_real(Generator& g, T from, T to) {
  if constexpr (std::is_same_v<T, double>) {
    double x = static_cast<double>(g.random64() & ((std::uint64_t{1} << 53) - 1)) *
               (1.0 / static_cast<double>(std::uint64_t{1} << 53));
    return std::fma(x, to - from, from);
  } else {
    constexpr int digits = std::is_same_v<T, float> ? 24 : std::is_same_v<T, Half> ? 11 : 8;
    float x = static_cast<float>(g.random() & ((1u << digits) - 1)) *
              (1.0f / static_cast<float>(1u << digits));
    if constexpr (std::is_same_v<T, float>) {
      return std::fma(x, to - from, from);
    } else {
      // c10's Half/BFloat16 `to - from` rounds to the reduced type; the rest computes in float.
      float range = static_cast<float>(T(static_cast<float>(to) - static_cast<float>(from)));
      return std::fma(x, range, static_cast<float>(from));
    }
  }
}

// at::normal_distribution<double> with the generator's cached second sample.
inline double normal_double(Generator& g, double mean, double std) {
  double ret;
  if (auto cached = g.next_double_normal_sample()) {
    ret = *cached;
    g.set_next_double_normal_sample(std::nullopt);
  } else {
    double u1 = uniform_real<double>(g, 0.0, 1.0);
    double u2 = uniform_real<double>(g, 0.0, 1.0);
    double r = std::sqrt(-2.0 * std::log(1.0 - u2));
    double theta = 2.0 * 3.14159265358979323846 * u1;
    g.set_next_double_normal_sample(r * std::sin(theta));
    ret = r * std::cos(theta);
  }
  return std::fma(ret, std, mean);
}

// --- the AVX2 float path of normal_ (see the Note) ---------------------------------------------

inline float bits_to_float(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
inline std::uint32_t float_to_bits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

// Cephes logf as avx_mathfun's log256_ps evaluates it (NaN for x <= 0).
inline float avx2_log(float x) {
  bool invalid = !(x > 0.0f);
  x = std::max(x, std::numeric_limits<float>::min());
  std::uint32_t u = float_to_bits(x);
  float e = static_cast<float>(static_cast<std::int32_t>(u >> 23) - 0x7f) + 1.0f;
  x = bits_to_float((u & ~0x7f800000u) | 0x3f000000u);  // mantissa in [0.5, 1)
  bool small = x < 0.707106781186547524f;
  float tmp = small ? x : 0.0f;
  x = x - 1.0f;
  e = e - (small ? 1.0f : 0.0f);
  x = x + tmp;
  float z = x * x;
  float y = 7.0376836292E-2f;
  for (float c : {-1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f, 1.4249322787E-1f,
                  -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f})
    y = std::fma(y, x, c);
  y = y * x;
  y = std::fma(y, z, e * -2.12194440e-4f);
  y = std::fma(-z, 0.5f, y);
  x = x + y;
  x = std::fma(e, 0.693359375f, x);
  return invalid ? std::numeric_limits<float>::quiet_NaN() : x;
}

// Cephes sinf/cosf as avx_mathfun's sincos256_ps evaluates them.
inline void avx2_sincos(float x0, float* s, float* c) {
  float x = std::fabs(x0);
  bool sign_sin = std::signbit(x0);
  std::int32_t j = static_cast<std::int32_t>(x * 1.27323954473516f);  // 4 / pi, truncated
  j = (j + 1) & ~1;
  float y = static_cast<float>(j);
  bool swap_sin = (j & 4) != 0;
  bool poly_cos = (j & 2) == 0;  // first polynomial (cosine) for the sine lane's |x| <= pi/4 case
  x = std::fma(y, -0.78515625f, x);
  x = std::fma(y, -2.4187564849853515625e-4f, x);
  x = std::fma(y, -3.77489497744594108e-8f, x);
  bool sign_cos = ((~(j - 2)) & 4) != 0;
  float z = x * x;
  float yc = 2.443315711809948E-005f;
  yc = std::fma(yc, z, -1.388731625493765E-003f);
  yc = std::fma(yc, z, 4.166664568298827E-002f);
  yc = yc * z;
  yc = std::fma(yc, z, -(z * 0.5f));
  yc = yc + 1.0f;
  float ys = -1.9515295891E-4f;
  ys = std::fma(ys, z, 8.3321608736E-3f);
  ys = std::fma(ys, z, -1.6666654611E-1f);
  ys = ys * z;
  ys = std::fma(ys, x, x);
  float sv = poly_cos ? ys : yc, cv = poly_cos ? yc : ys;
  *s = (sign_sin != swap_sin) ? -sv : sv;
  *c = sign_cos ? -cv : cv;
}

inline void normal_fill_16_avx2(float* d, float mean, float std) {
  const float two_pi = static_cast<float>(2.0f * 3.14159265358979323846);
  for (int j = 0; j < 8; ++j) {
    float u1 = 1.0f - d[j], u2 = d[j + 8];
    float radius = std::sqrt(-2.0f * avx2_log(u1));
    float s, c;
    avx2_sincos(two_pi * u2, &s, &c);
    d[j] = std::fma(radius * c, std, mean);
    d[j + 8] = std::fma(radius * s, std, mean);
  }
}

// normal_fill_16<T> of DistributionTemplates.h (double, half, bfloat16).
template <class T>
void normal_fill_16(T* d, T mean, T std) {
  for (int j = 0; j < 8; ++j) {
    if constexpr (std::is_same_v<T, double>) {
      double u1 = 1 - d[j], u2 = d[j + 8];
      double radius = std::sqrt(-2 * std::log(u1));
      double theta = 2.0 * 3.14159265358979323846 * u2;
      d[j] = std::fma(radius * std::cos(theta), std, mean);
      d[j + 8] = std::fma(radius * std::sin(theta), std, mean);
    } else if constexpr (std::is_same_v<T, BFloat16>) {
      // c10's BFloat16 arithmetic rounds every step, and BFloat16-math.h's std::log/sqrt/cos/sin
      // return BFloat16.
      auto bf = [](float x) { return static_cast<float>(BFloat16(x)); };
      float u1 = bf(1.0f - static_cast<float>(d[j])), u2 = static_cast<float>(d[j + 8]);
      float lg = bf(std::log(u1));
      float radius = bf(std::sqrt(bf(-2.0f * lg)));
      float theta = bf(static_cast<float>(2.0 * 3.14159265358979323846 * static_cast<double>(u2)));
      float sd = static_cast<float>(std), mn = static_cast<float>(mean);
      d[j] = BFloat16(bf(bf(radius * bf(std::cos(theta))) * sd) + mn);
      d[j + 8] = BFloat16(bf(bf(radius * bf(std::sin(theta))) * sd) + mn);
    } else {
      T u1 = T(1.0f - static_cast<float>(d[j])), u2 = d[j + 8];
      T radius = T(std::sqrt(-2 * std::log(static_cast<float>(u1))));
      T theta = T(2.0 * 3.14159265358979323846 * static_cast<double>(static_cast<float>(u2)));
      float th = static_cast<float>(theta), r = static_cast<float>(radius);
      float sd = static_cast<float>(std), mn = static_cast<float>(mean);
      d[j] = T(std::fma(r * std::cos(th), sd, mn));
      d[j + 8] = T(std::fma(r * std::sin(th), sd, mn));
    }
  }
}

template <class T>
void normal_fill(T* d, std::int64_t n, double mean_d, double std_d, Generator& g) {
  for (std::int64_t i = 0; i < n; ++i) d[i] = T(uniform_real<T>(g, T(0), T(1)));
  T mean = T(mean_d), std = T(std_d);
  auto fill16 = [&](T* p) {
    if constexpr (std::is_same_v<T, float>) normal_fill_16_avx2(p, mean, std);
    else normal_fill_16<T>(p, mean, std);
  };
  for (std::int64_t i = 0; i < n - 15; i += 16) fill16(d + i);
  if (n % 16 != 0) {
    T* last = d + n - 16;  // PyTorch redraws and recomputes the last 16 values
    for (int i = 0; i < 16; ++i) last[i] = T(uniform_real<T>(g, T(0), T(1)));
    fill16(last);
  }
}

// The result of an *_like op: strided like `t` when t is dense and non-overlapping (as
// empty_like with preserve_format), else contiguous.
inline Tensor empty_like_preserve(const Tensor& t, ScalarType dtype) {
  std::int64_t nd = t.dim();
  std::vector<std::int64_t> perm(static_cast<std::size_t>(nd));
  std::iota(perm.begin(), perm.end(), std::int64_t{0});
  std::stable_sort(perm.begin(), perm.end(), [&](std::int64_t a, std::int64_t b) {
    return t.stride(a) > t.stride(b);
  });
  // Dense and non-overlapping: strides in that order are exactly the contiguous ones.
  std::int64_t expect = 1;
  bool dense = true;
  for (std::int64_t i = nd; i-- > 0;) {
    std::int64_t d = perm[static_cast<std::size_t>(i)];
    if (t.size(d) == 1) continue;
    if (t.stride(d) != expect) dense = false;
    expect *= t.size(d);
  }
  if (!dense || t.is_contiguous()) return Tensor::empty(t.sizes(), dtype);
  Shape psizes;
  for (auto d : perm) psizes.push_back(t.size(d));
  Tensor base = Tensor::empty(psizes, dtype);
  std::vector<std::int64_t> inv(static_cast<std::size_t>(nd));
  for (std::int64_t i = 0; i < nd; ++i) inv[static_cast<std::size_t>(perm[i])] = i;
  return base.permute(inv);
}

inline void check_from_to_in_range(std::int64_t from, std::int64_t to_inc, ScalarType st) {
  auto check = [&](auto tag) {
    using T = decltype(tag);
    double lo = static_cast<double>(static_cast<acc_t<T>>(std::numeric_limits<T>::lowest()));
    double hi = static_cast<double>(static_cast<acc_t<T>>(std::numeric_limits<T>::max()));
    if constexpr (std::is_integral_v<T>) {
      lo = static_cast<double>(static_cast<std::int64_t>(std::numeric_limits<T>::lowest()));
      hi = static_cast<double>(static_cast<std::int64_t>(std::numeric_limits<T>::max()));
      TJIT_CHECK(from >= static_cast<std::int64_t>(std::numeric_limits<T>::lowest()) &&
                     from <= static_cast<std::int64_t>(std::numeric_limits<T>::max()),
                 "from is out of bounds for ", typemeta_name(st));
      TJIT_CHECK(to_inc >= static_cast<std::int64_t>(std::numeric_limits<T>::lowest()) &&
                     to_inc <= static_cast<std::int64_t>(std::numeric_limits<T>::max()),
                 "to - 1 is out of bounds for ", typemeta_name(st));
    } else {
      TJIT_CHECK(static_cast<double>(from) >= lo && static_cast<double>(from) <= hi,
                 "from is out of bounds for ", typemeta_name(st));
      TJIT_CHECK(static_cast<double>(to_inc) >= lo && static_cast<double>(to_inc) <= hi,
                 "to - 1 is out of bounds for ", typemeta_name(st));
    }
  };
  dispatch_all(st, "check_random_bounds", check);
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// In-place samplers

TJIT_DEF Tensor& uniform_(Tensor& self, double from, double to, Generator* gen) {
  TJIT_TRACE("aten::uniform_", uniform_(self, from, to, gen), self, from, to, std::nullopt);
  ScalarType st = self.scalar_type();
  dispatch_floating(st, "check_uniform_bounds", [&](auto tag) {
    using T = decltype(tag);
    double lo = static_cast<double>(static_cast<acc_t<T>>(std::numeric_limits<T>::lowest()));
    double hi = static_cast<double>(static_cast<acc_t<T>>(std::numeric_limits<T>::max()));
    TJIT_CHECK(from >= lo && from <= hi, "from is out of bounds for ", detail::typemeta_name(st));
    TJIT_CHECK(to >= lo && to <= hi, "to is out of bounds for ", detail::typemeta_name(st));
    TJIT_CHECK(from <= to, "uniform_ expects to return a [from, to) range, but found from=", from,
               " > to=", to);
    TJIT_CHECK(to - from <= hi, "uniform_ expects to-from <= std::numeric_limits<",
               to_string(st), ">::max(), but found to=", to, " and from=", from,
               " which result in to-from to exceed the limit");
  });
  Generator& g = detail::gen_or_default(gen);
  std::lock_guard<std::mutex> lock(g.mutex());
  dispatch_floating(st, "uniform_kernel_cpu", [&](auto tag) {
    using T = decltype(tag);
    T f = T(from), t = T(to);
    T* p = detail::base_ptr<T>(self);
    detail::for_each_offset(self, [&](std::int64_t o) { p[o] = T(detail::uniform_real<T>(g, f, t)); });
  });
  return self;
}

TJIT_DEF Tensor& normal_(Tensor& self, double mean, double std, Generator* gen) {
  TJIT_TRACE("aten::normal_", normal_(self, mean, std, gen), self, mean, std, std::nullopt);
  TJIT_CHECK(std >= 0.0, "normal expects std >= 0.0, but found std ", std);
  ScalarType st = self.scalar_type();
  if (!is_floating_type(st)) detail::dispatch_fail("normal_kernel_cpu", st);
  Generator& g = detail::gen_or_default(gen);
  std::lock_guard<std::mutex> lock(g.mutex());
  std::int64_t n = self.numel();
  dispatch_floating(st, "normal_kernel_cpu", [&](auto tag) {
    using T = decltype(tag);
    if (n >= 16 && self.is_contiguous()) {
      detail::normal_fill<T>(self.data_ptr<T>(), n, mean, std, g);
    } else {
      T* p = detail::base_ptr<T>(self);
      detail::for_each_offset(self, [&](std::int64_t o) { p[o] = T(detail::normal_double(g, mean, std)); });
    }
  });
  return self;
}

TJIT_DEF Tensor& random_(Tensor& self, std::int64_t from, std::int64_t to, Generator* gen) {
  TJIT_TRACE("aten::random_.from", random_(self, from, to, gen), self, from, to, std::nullopt);
  TJIT_CHECK(from < to, "random_ expects 'from' to be less than 'to', but got from=", from,
             " >= to=", to);
  ScalarType st = self.scalar_type();
  detail::check_from_to_in_range(from, to - 1, st);
  std::uint64_t range = static_cast<std::uint64_t>(to) - static_cast<std::uint64_t>(from);
  Generator& g = detail::gen_or_default(gen);
  std::lock_guard<std::mutex> lock(g.mutex());
  dispatch_all(st, "random_from_to_kernel_cpu", [&](auto tag) {
    using T = decltype(tag);
    constexpr bool wide = std::is_same_v<T, std::int64_t> || std::is_same_v<T, double> ||
                          std::is_same_v<T, float> || std::is_same_v<T, BFloat16>;
    bool use64 = wide && range >= (std::uint64_t{1} << 32);
    T* p = detail::base_ptr<T>(self);
    detail::for_each_offset(self, [&](std::int64_t o) {
      std::uint64_t v = use64 ? g.random64() : g.random();
      auto r = static_cast<std::int64_t>(v % range + static_cast<std::uint64_t>(from));
      if constexpr (std::is_same_v<T, bool>) p[o] = r != 0;
      else if constexpr (is_reduced_float_v<T>) p[o] = T(static_cast<float>(r));
      else p[o] = static_cast<T>(r);
    });
  });
  return self;
}
TJIT_DEF Tensor& random_(Tensor& self, std::int64_t to, Generator* gen) {
  TJIT_TRACE("aten::random_.to", random_(self, to, gen), self, to, std::nullopt);
  return random_(self, 0, to, gen);
}

// not traced: aten::bernoulli_.float is not in the registry
TJIT_DEF Tensor& bernoulli_(Tensor& self, double p, Generator* gen) {
  TJIT_CHECK(0 <= p && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=", p);
  ScalarType st = self.scalar_type();
  if (st == kHalf) detail::dispatch_fail("bernoulli_scalar_cpu_", st);
  Generator& g = detail::gen_or_default(gen);
  std::lock_guard<std::mutex> lock(g.mutex());
  dispatch_all(st, "bernoulli_scalar_cpu_", [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, Half>) {
      T* out = detail::base_ptr<T>(self);
      detail::for_each_offset(self, [&](std::int64_t o) {
        out[o] = T(detail::uniform_real<double>(g, 0.0, 1.0) < p ? 1.0f : 0.0f);
      });
    }
  });
  return self;
}

TJIT_DEF Tensor& bernoulli_(Tensor& self, const Tensor& p_, Generator* gen) {
  TJIT_TRACE("aten::bernoulli_.Tensor", bernoulli_(self, p_, gen), self, p_, std::nullopt);
  ScalarType st = self.scalar_type();
  if (st == kHalf) detail::dispatch_fail("bernoulli_tensor_cpu_self_", st);
  Tensor p = p_.expand(self.sizes());
  ScalarType pt = p.scalar_type();
  if (pt != kFloat && pt != kDouble && pt != kBFloat16)
    detail::dispatch_fail("bernoulli_tensor_cpu_p_", pt);
  Generator& g = detail::gen_or_default(gen);
  std::lock_guard<std::mutex> lock(g.mutex());
  const char* bad_p = "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this "
                      "error message be improved?  If so, please report an enhancement request "
                      "to PyTorch.)";
  dispatch_all(st, "bernoulli_tensor_cpu_self_", [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, Half>) {
      T* out = detail::base_ptr<T>(self);
      // Double p draws 53 bits per element, float and bfloat16 p 24 bits (compared in float).
      auto run = [&](auto ptag) {
        using P = decltype(ptag);
        using C = std::conditional_t<std::is_same_v<P, double>, double, float>;
        const P* pp = detail::base_ptr<P>(p);
        detail::for_each_offset(
            self,
            [&](std::int64_t o, std::int64_t po) {
              C pv = static_cast<C>(pp[po]);
              TJIT_CHECK(pv >= 0 && pv <= 1, bad_p);
              out[o] = T(detail::uniform_real<C>(g, C(0), C(1)) < pv ? 1.0f : 0.0f);
            },
            p);
      };
      if (pt == kDouble) run(double{});
      else if (pt == kFloat) run(float{});
      else run(BFloat16{});
    }
  });
  return self;
}

// ---------------------------------------------------------------------------------------------
// Factories

TJIT_DEF Tensor rand(IntArrayRef size, Generator* gen, ScalarType dtype) {
  TJIT_TRACE("aten::rand", rand(size, gen, dtype), size, dtype, std::nullopt, kCPU, false);
  Tensor t = Tensor::empty(size, dtype);
  return uniform_(t, 0, 1, gen);
}
TJIT_DEF Tensor rand(IntArrayRef size, ScalarType dtype) {
  TJIT_TRACE("aten::rand", rand(size, dtype), size, dtype, std::nullopt, kCPU, false);
  return rand(size, nullptr, dtype);
}
TJIT_DEF Tensor randn(IntArrayRef size, Generator* gen, ScalarType dtype) {
  TJIT_TRACE("aten::randn", randn(size, gen, dtype), size, dtype, std::nullopt, kCPU, false);
  Tensor t = Tensor::empty(size, dtype);
  return normal_(t, 0, 1, gen);
}
TJIT_DEF Tensor randn(IntArrayRef size, ScalarType dtype) {
  TJIT_TRACE("aten::randn", randn(size, dtype), size, dtype, std::nullopt, kCPU, false);
  return randn(size, nullptr, dtype);
}
TJIT_DEF Tensor normal(double mean, double std, IntArrayRef size, Generator* gen,
                       ScalarType dtype) {
  TJIT_TRACE("aten::normal.float_float", normal(mean, std, size, gen, dtype), mean, std, size,
      std::nullopt, dtype, std::nullopt, kCPU, false);
  Tensor t = Tensor::empty(size, dtype);
  return normal_(t, mean, std, gen);
}
TJIT_DEF Tensor randint(std::int64_t low, std::int64_t high, IntArrayRef size, Generator* gen,
                        ScalarType dtype) {
  TJIT_TRACE("aten::randint.low", randint(low, high, size, gen, dtype), low, high, size, dtype,
      std::nullopt, kCPU, false);
  Tensor t = Tensor::empty(size, dtype);
  return random_(t, low, high, gen);
}
TJIT_DEF Tensor randint(std::int64_t high, IntArrayRef size, Generator* gen, ScalarType dtype) {
  TJIT_TRACE("aten::randint", randint(high, size, gen, dtype), high, size, dtype, std::nullopt,
      kCPU, false);
  return randint(0, high, size, gen, dtype);
}

TJIT_DEF Tensor randperm(std::int64_t n, Generator* gen, ScalarType dtype) {
  TJIT_TRACE("aten::randperm", randperm(n, gen, dtype), n, dtype, std::nullopt, kCPU, false);
  Tensor r = Tensor::empty({n}, dtype);
  dispatch_numeric(dtype, "randperm", [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_integral_v<T>) {
      TJIT_CHECK(n == 0 || n - 1 <= static_cast<std::int64_t>(std::numeric_limits<T>::max()),
                 "value cannot be converted to type ", cpp_type_name<T>(), " without overflow");
    } else if constexpr (std::is_same_v<T, Half>) {
      TJIT_CHECK(n - 1 <= 65504, "value cannot be converted to type c10::Half without overflow");
      TJIT_CHECK(n <= (std::int64_t{1} << 11) + 1, "n cannot be greater than 2049 for Half type.");
    } else if constexpr (std::is_same_v<T, float>) {
      TJIT_CHECK(n <= (std::int64_t{1} << 24) + 1, "n cannot be greater than 2^24+1 for Float type.");
    } else if constexpr (std::is_same_v<T, double>) {
      TJIT_CHECK(n <= (std::int64_t{1} << 53) + 1, "n cannot be greater than 2^53+1 for Double type.");
    }
    T* p = r.data_ptr<T>();
    for (std::int64_t i = 0; i < n; ++i) {
      if constexpr (is_reduced_float_v<T>) p[i] = T(static_cast<float>(i));
      else p[i] = static_cast<T>(i);
    }
    if (n == 0) return;
    Generator& g = detail::gen_or_default(gen);
    std::lock_guard<std::mutex> lock(g.mutex());
    for (std::int64_t i = 0; i < n - 1; ++i) {
      std::int64_t z = static_cast<std::int64_t>(g.random()) % (n - i);
      std::swap(p[i], p[z + i]);
    }
  });
  return r;
}

TJIT_DEF Tensor rand_like(const Tensor& t, std::optional<ScalarType> dtype, Generator* gen) {
  TJIT_TRACE("aten::rand_like", rand_like(t, dtype, gen), t, dtype, std::nullopt, kCPU, false,
      std::nullopt);
  Tensor r = detail::empty_like_preserve(t, dtype.value_or(t.scalar_type()));
  return uniform_(r, 0, 1, gen);
}
TJIT_DEF Tensor randn_like(const Tensor& t, std::optional<ScalarType> dtype, Generator* gen) {
  TJIT_TRACE("aten::randn_like", randn_like(t, dtype, gen), t, dtype, std::nullopt, kCPU, false,
      std::nullopt);
  Tensor r = detail::empty_like_preserve(t, dtype.value_or(t.scalar_type()));
  return normal_(r, 0, 1, gen);
}
TJIT_DEF Tensor randint_like(const Tensor& t, std::int64_t low, std::int64_t high,
                             std::optional<ScalarType> dtype, Generator* gen) {
  TJIT_TRACE("aten::randint_like.low_dtype", randint_like(t, low, high, dtype, gen), t, low, high,
      dtype, std::nullopt, kCPU, false, std::nullopt);
  Tensor r = detail::empty_like_preserve(t, dtype.value_or(t.scalar_type()));
  return random_(r, low, high, gen);
}
TJIT_DEF Tensor randint_like(const Tensor& t, std::int64_t high, std::optional<ScalarType> dtype,
                             Generator* gen) {
  TJIT_TRACE("aten::randint_like", randint_like(t, high, dtype, gen), t, high, dtype, std::nullopt,
      kCPU, false, std::nullopt);
  return randint_like(t, 0, high, dtype, gen);
}

TJIT_DEF Tensor bernoulli(const Tensor& p, Generator* gen) {
  TJIT_TRACE("aten::bernoulli", bernoulli(p, gen), p, std::nullopt);
  Tensor r = Tensor::empty(p.sizes(), p.scalar_type());  // LEGACY_CONTIGUOUS_MEMORY_FORMAT
  return bernoulli_(r, p, gen);
}
TJIT_DEF Tensor bernoulli(const Tensor& t, double p, Generator* gen) {
  TJIT_TRACE("aten::bernoulli.p", bernoulli(t, p, gen), t, p, std::nullopt);
  Tensor r = Tensor::empty(t.sizes(), t.scalar_type());
  return bernoulli_(r, p, gen);
}

// ---------------------------------------------------------------------------------------------
// multinomial: without replacement PyTorch draws q ~ Exp(1) per weight and takes
// the top `num_samples` of p / q; with replacement it walks each row's normalised cumulative
// distribution with one uniform draw per sample.

TJIT_DEF Tensor multinomial(const Tensor& self, std::int64_t n_sample, bool with_replacement,
                            Generator* gen) {
  TJIT_TRACE("aten::multinomial", multinomial(self, n_sample, with_replacement, gen), self,
      n_sample, with_replacement, std::nullopt);
  TJIT_CHECK(self.dim() > 0 && self.dim() <= 2, "prob_dist must be 1 or 2 dim");
  TJIT_CHECK(is_floating_type(self.scalar_type()),
             "multinomial only supports floating-point dtypes for input, got: ",
             to_string(self.scalar_type()));
  TJIT_CHECK(n_sample > 0, "cannot sample n_sample <= 0 samples");
  std::int64_t n_categories = self.size(-1);
  TJIT_CHECK(with_replacement || (n_sample <= n_categories),
             "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  TJIT_CHECK(n_categories <= (std::int64_t{1} << 24),
             "number of categories cannot exceed 2^24");
  Shape out_size(self.sizes().begin(), self.sizes().end());
  out_size.back() = n_sample;
  if (self.numel() == 0) return Tensor::empty(out_size, kLong);
  TJIT_CHECK(self.scalar_type() != kHalf, "multinomial is not implemented for half on CPU");
  Generator& g = detail::gen_or_default(gen);
  if (!with_replacement) {
    Tensor d = to(self, kDouble);
    bool valid = max(d).item<double>() < INFINITY && min(d).item<double>() >= 0;
    TJIT_CHECK(valid, "probability tensor contains either `inf`, `nan` or element < 0");
    Tensor sums = self.dim() == 1 ? sum(d).reshape({1}) : sum(d, {1});
    const double* sp = contiguous(sums).data_ptr<double>();
    for (std::int64_t i = 0; i < sums.numel(); ++i)
      TJIT_CHECK(sp[i] != 0, "invalid multinomial distribution (sum of probabilities <= 0)");
    // q = empty_like(self).exponential_(1): -1 / lambda * log(1 - u), u a double draw.
    Tensor q = detail::empty_like_preserve(self, self.scalar_type());
    {
      std::lock_guard<std::mutex> lock(g.mutex());
      dispatch_floating(q.scalar_type(), "exponential_cpu", [&](auto tag) {
        using T = decltype(tag);
        T* qp = detail::base_ptr<T>(q);
        detail::for_each_offset(q, [&](std::int64_t o) {
          double u = detail::uniform_real<double>(g, 0.0, 1.0);
          qp[o] = T(-1.0 * std::log(1.0 - u));
        });
      });
    }
    Tensor ratio = div(self, q);
    if (n_sample == 1) return argmax(ratio, -1, true);
    return std::get<1>(topk(ratio, n_sample, -1, true, true));
  }
  // With replacement: per row, the cumulative distribution normalised by its total (in the
  // input's accumulate type), then for each sample a uniform draw and a left binary search.
  Tensor rows = self.dim() == 1 ? self.unsqueeze(0) : self;
  std::int64_t n_dist = rows.size(0);
  Tensor result = Tensor::empty({n_dist, n_sample}, kLong);
  std::int64_t* rp = result.data_ptr<std::int64_t>();
  std::lock_guard<std::mutex> lock(g.mutex());
  dispatch_floating(self.scalar_type(), "multinomial_", [&](auto tag) {
    using T = decltype(tag);
    using A = acc_t<T>;
    Tensor c = contiguous(rows);
    const T* pp = c.data_ptr<T>();
    std::vector<A> cum(static_cast<std::size_t>(n_categories));
    for (std::int64_t i = 0; i < n_dist; ++i) {
      A total = 0;
      for (std::int64_t j = 0; j < n_categories; ++j) {
        A v = static_cast<A>(pp[i * n_categories + j]);
        TJIT_CHECK(v >= 0, "invalid multinomial distribution (encountering probability entry < 0)");
        TJIT_CHECK(std::isfinite(static_cast<double>(v)),
                   "invalid multinomial distribution (encountering probability entry = infinity or NaN)");
        total += v;
        cum[static_cast<std::size_t>(j)] = total;
      }
      TJIT_CHECK(total > 0, "invalid multinomial distribution (sum of probabilities <= 0)");
      for (auto& x : cum) x /= total;
      cum.back() = 1;
      for (std::int64_t k = 0; k < n_sample; ++k) {
        double u = detail::uniform_real<double>(g, 0.0, 1.0);
        std::int64_t lo = 0, hi = n_categories;
        while (hi - lo > 0) {
          std::int64_t mid = lo + (hi - lo) / 2;
          if (static_cast<double>(cum[static_cast<std::size_t>(mid)]) < u) lo = mid + 1;
          else hi = mid;
        }
        rp[i * n_sample + k] = lo;
      }
    }
  });
  return self.dim() == 1 ? result.view({n_sample}) : result;
}

}  // namespace tjit
