// tjit/tensor/scalar.hpp — tjit::Scalar, a number of one of three kinds (bool, int, float), as
// c10::Scalar: what `x + 1`, `clamp(x, 0.5)` and TorchScript's `Scalar` arguments carry.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <type_traits>

#include "tjit/tensor/scalar_type.hpp"

namespace tjit {

class Scalar {
 public:
  enum class Kind : std::uint8_t { Bool, Int, Float };

  Scalar() : Scalar(std::int64_t{0}) {}
  Scalar(bool v) : kind_(Kind::Bool) { i_ = v ? 1 : 0; }  // NOLINT(runtime/explicit)
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Scalar(T v) : kind_(Kind::Int) {  // NOLINT(runtime/explicit)
    i_ = static_cast<std::int64_t>(v);
  }
  template <class T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  Scalar(T v) : kind_(Kind::Float) {  // NOLINT(runtime/explicit)
    d_ = static_cast<double>(v);
  }
  Scalar(Half v) : Scalar(static_cast<double>(static_cast<float>(v))) {}      // NOLINT
  Scalar(BFloat16 v) : Scalar(static_cast<double>(static_cast<float>(v))) {}  // NOLINT

  Kind kind() const noexcept { return kind_; }
  bool is_bool() const noexcept { return kind_ == Kind::Bool; }
  bool is_integral(bool include_bool) const noexcept {
    return kind_ == Kind::Int || (include_bool && kind_ == Kind::Bool);
  }
  bool is_floating_point() const noexcept { return kind_ == Kind::Float; }

  // The dtype a Python number of this kind has when wrapped into a tensor.
  ScalarType type() const noexcept {
    switch (kind_) {
      case Kind::Bool: return kBool;
      case Kind::Int: return kLong;
      case Kind::Float: return kDouble;
    }
    return kDouble;
  }

  // Like to<T>(), but an integral T that cannot hold the value is an error (c10's
  // checked_convert): "value cannot be converted to type uint8_t without overflow".
  template <class T>
  T to_checked(const char* type_name) const {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      bool ok;
      if (kind_ == Kind::Float) {
        ok = std::isfinite(d_) && d_ >= static_cast<double>(std::numeric_limits<T>::lowest()) &&
             d_ <= static_cast<double>(std::numeric_limits<T>::max());
      } else {
        ok = i_ >= static_cast<std::int64_t>(std::numeric_limits<T>::lowest()) &&
             (std::is_same_v<T, std::uint64_t> ||
              i_ <= static_cast<std::int64_t>(std::numeric_limits<T>::max()));
      }
      if (!ok)
        throw Error(detail::str_cat("value cannot be converted to type ", type_name,
                                    " without overflow"));
    }
    return to<T>();
  }

  template <class T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) {
      return kind_ == Kind::Float ? d_ != 0.0 : i_ != 0;
    } else if constexpr (std::is_integral_v<T>) {
      return kind_ == Kind::Float ? static_cast<T>(d_) : static_cast<T>(i_);
    } else {
      return kind_ == Kind::Float ? static_cast<T>(d_) : static_cast<T>(static_cast<double>(i_));
    }
  }
  double to_double() const { return to<double>(); }
  std::int64_t to_long() const { return to<std::int64_t>(); }
  bool to_bool() const { return to<bool>(); }

  Scalar operator-() const {
    switch (kind_) {
      case Kind::Float: return Scalar(-d_);
      default: return Scalar(-i_);
    }
  }

  friend bool operator==(const Scalar& a, const Scalar& b) {
    if (a.kind_ == Kind::Float || b.kind_ == Kind::Float) return a.to_double() == b.to_double();
    return a.i_ == b.i_;
  }

  friend std::ostream& operator<<(std::ostream& out, const Scalar& s) {
    switch (s.kind_) {
      case Kind::Bool: return out << (s.i_ ? "True" : "False");
      case Kind::Int: return out << s.i_;
      case Kind::Float: return out << s.d_;
    }
    return out;
  }

 private:
  Kind kind_;
  union {
    std::int64_t i_;
    double d_;
  };
};

}  // namespace tjit
