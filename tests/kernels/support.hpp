// tests/kernels/support.hpp — shared helpers for the kernel tests: the reference cases (made by
// make_cases.py with PyTorch), typed access to their tensors, and tolerant comparison.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "refcases.hpp"

namespace kt {

using index_t = std::int64_t;

inline const std::vector<refcases::Case>& cases() {
  static const std::vector<refcases::Case> all = refcases::load("tests/kernels/cases.bin");
  return all;
}

// Every case whose name starts with `prefix` + "/".
inline std::vector<const refcases::Case*> with_prefix(const std::string& prefix) {
  std::vector<const refcases::Case*> out;
  for (const auto& c : cases())
    if (c.name.rfind(prefix + "/", 0) == 0) out.push_back(&c);
  return out;
}

inline const refcases::RefTensor& tensor(const refcases::Case& c, const std::string& key) {
  return c.get<refcases::RefTensor>(key);
}

template <class T>
std::vector<T> values(const refcases::Case& c, const std::string& key) {
  return tensor(c, key).values<T>();
}

inline std::vector<index_t> ints(const refcases::Case& c, const std::string& key) {
  return c.get<std::vector<index_t>>(key);
}
inline index_t integer(const refcases::Case& c, const std::string& key) {
  return c.get<std::int64_t>(key);
}
inline double real(const refcases::Case& c, const std::string& key) {
  return c.get<double>(key);
}
inline bool flag(const refcases::Case& c, const std::string& key) { return c.get<bool>(key); }

// Tolerances: float rtol 1e-4 / atol 1e-5; double rtol 1e-10 / atol 1e-12 (stated in the report).
template <class T>
struct Tol {
  static constexpr double rtol = 1e-4, atol = 1e-5;
};
template <>
struct Tol<double> {
  static constexpr double rtol = 1e-10, atol = 1e-12;
};

// Compares element by element; reports the first mismatch with the case's name.
template <class T>
bool close(const std::string& name, const std::vector<T>& got, const std::vector<T>& want,
           double rtol = Tol<T>::rtol, double atol = Tol<T>::atol) {
  if (got.size() != want.size()) {
    FAIL_CHECK(name << ": size " << got.size() << " != " << want.size());
    return false;
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    const double g = static_cast<double>(got[i]), w = static_cast<double>(want[i]);
    if (std::isnan(w) && std::isnan(g)) continue;
    if (std::isinf(w) && g == w) continue;
    if (!(std::abs(g - w) <= atol + rtol * std::abs(w))) {
      FAIL_CHECK(name << ": element " << i << " is " << g << ", PyTorch has " << w);
      return false;
    }
  }
  CHECK_MESSAGE(true, name);  // one assertion per compared tensor, for the summary's count
  return true;
}

// Exact comparison (max pool values and indices).
template <class T>
bool exact(const std::string& name, const std::vector<T>& got, const std::vector<T>& want) {
  if (got.size() != want.size()) {
    FAIL_CHECK(name << ": size " << got.size() << " != " << want.size());
    return false;
  }
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!(got[i] == want[i]) && !(got[i] != got[i] && want[i] != want[i])) {
      FAIL_CHECK(name << ": element " << i << " is " << got[i] << ", PyTorch has " << want[i]);
      return false;
    }
  CHECK_MESSAGE(true, name);
  return true;
}

// Runs fn.template operator()<T>(case) with T the float type of the case's tensor `key`.
template <class F>
void for_each_case(const std::string& prefix, const std::string& key, F&& fn) {
  auto list = with_prefix(prefix);
  REQUIRE_MESSAGE(!list.empty(), "no reference cases for " << prefix);
  for (const auto* c : list) {
    const auto& dt = tensor(*c, key).dtype;
    if (dt == "float32") fn.template operator()<float>(*c);
    else if (dt == "float64") fn.template operator()<double>(*c);
    else FAIL_CHECK(c->name << ": unexpected dtype " << dt);
  }
}

}  // namespace kt
