// Helpers for comparing tjit tensors with PyTorch's reference cases (tests/support/refcases).
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <sstream>
#include <string>

#include "refcases.hpp"
#include "tjit/tensor/tensor.hpp"

namespace reftest {

inline tjit::ScalarType dtype_of(const std::string& name) {
  using namespace tjit;
  if (name == "float32") return kFloat;
  if (name == "float64") return kDouble;
  if (name == "float16") return kHalf;
  if (name == "bfloat16") return kBFloat16;
  if (name == "int64") return kLong;
  if (name == "int32") return kInt;
  if (name == "int16") return kShort;
  if (name == "int8") return kChar;
  if (name == "uint8") return kByte;
  if (name == "bool") return kBool;
  throw std::runtime_error("unknown dtype " + name);
}

inline tjit::Tensor to_tensor(const refcases::RefTensor& r) {
  tjit::Tensor t = tjit::Tensor::empty(r.sizes, dtype_of(r.dtype));
  REQUIRE(t.nbytes() == r.bytes.size());
  if (!r.bytes.empty()) std::memcpy(t.data_ptr(), r.bytes.data(), r.bytes.size());
  return t;
}

inline std::string describe(const tjit::Tensor& t) {
  std::ostringstream out;
  tjit::Tensor c = tjit::to(tjit::contiguous(t), tjit::kDouble);
  out << tjit::to_string(t.scalar_type()) << tjit::detail::shape_str(t.sizes()) << " {";
  for (std::int64_t i = 0; i < std::min<std::int64_t>(c.numel(), 12); ++i)
    out << (i ? ", " : "") << c.data_ptr<double>()[i];
  if (c.numel() > 12) out << ", ...";
  return out.str() + "}";
}

// Same dtype, shape and values: exact for integral/bool, relative+absolute tolerance for floats
// (NaN matches NaN; infinities must match exactly).
inline bool same(const tjit::Tensor& got, const tjit::Tensor& want, double rtol, double atol,
                 std::string* why) {
  if (got.scalar_type() != want.scalar_type()) {
    *why = "dtype " + std::string(tjit::to_string(got.scalar_type())) + " != " +
           std::string(tjit::to_string(want.scalar_type()));
    return false;
  }
  if (!(got.sizes() == want.sizes())) {
    *why = "shape " + tjit::detail::shape_str(got.sizes()) + " != " +
           tjit::detail::shape_str(want.sizes());
    return false;
  }
  tjit::Tensor g = tjit::clone(got, tjit::kDouble), w = tjit::clone(want, tjit::kDouble);
  const double* gp = g.data_ptr<double>();
  const double* wp = w.data_ptr<double>();
  bool exact = !want.is_floating_point();
  for (std::int64_t i = 0; i < g.numel(); ++i) {
    double a = gp[i], b = wp[i];
    bool ok;
    if (std::isnan(b)) ok = std::isnan(a);
    else if (std::isinf(b) || exact) ok = a == b;
    else ok = std::abs(a - b) <= atol + rtol * std::abs(b);
    if (!ok) {
      std::ostringstream out;
      out << "element " << i << ": got " << a << ", want " << b;
      *why = out.str();
      return false;
    }
  }
  return true;
}

// Tolerances per dtype: float32 rtol 1e-5 (Eigen's and Sleef's vectorised functions differ by an
// ulp or two), float64 1e-12, float16/bfloat16 one unit in the last place.
inline void tolerance(tjit::ScalarType t, double* rtol, double* atol) {
  switch (t) {
    case tjit::kFloat: *rtol = 1e-5; *atol = 1e-6; break;
    case tjit::kDouble: *rtol = 1e-12; *atol = 1e-12; break;
    case tjit::kHalf: *rtol = 1e-3; *atol = 1e-3; break;
    case tjit::kBFloat16: *rtol = 8e-3; *atol = 8e-3; break;
    default: *rtol = 0; *atol = 0;
  }
}

}  // namespace reftest
