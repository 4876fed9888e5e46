// tjit/ir/literal.hpp — the IR's own constant values: schema defaults, enum values and the
// generic `ival` node attribute.
//
// A Literal is None, a bool, int, float, complex, string, device, a list or tuple of literals,
// or an opaque tensor. It prints as PyTorch's IValue::repr prints (what `[value=...]` and schema
// defaults show). Runtime values (IValue) live in `runtime/`; a Literal is what the IR stores.
//
// Note [Tensor constants]
// The IR does not depend on the tensor layer: a tensor-valued constant is held through the
// abstract TensorHolder below, which knows how to print itself the way `[value=...]` shows a
// tensor. The tensor layer implements it (a holder owning a tjit::Tensor) and gives back its
// tensor; nothing in the IR needs to change when it does.
#pragma once

#include <complex>
#include <cstdint>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/ir/detail/text.hpp"

namespace tjit::ir {

// See Note [Tensor constants].
class TensorHolder {
 public:
  virtual ~TensorHolder() = default;
  // Prints the tensor as a node attribute value: `{0.5}` for one element, PyTorch's tensor
  // printout (newlines replaced by spaces) up to 10 elements, `<Tensor>` beyond.
  virtual void print_attribute(std::ostream& out) const = 0;
};
using TensorConstant = std::shared_ptr<const TensorHolder>;

class Literal {
 public:
  enum class Tag { None, Bool, Int, Double, Complex, String, Device, List, Tuple, Tensor };

  Literal() = default;  // None
  Literal(std::nullptr_t) {}
  Literal(bool b) : v_(b) {}
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  Literal(I v) : v_(static_cast<std::int64_t>(v)) {}
  Literal(double v) : v_(v) {}
  Literal(std::complex<double> v) : v_(v) {}
  Literal(std::string s) : v_(std::move(s)) {}
  Literal(const char* s) : v_(std::string(s)) {}
  Literal(TensorConstant t) : v_(std::move(t)) {}

  static Literal list(std::vector<Literal> items) { return Literal(Seq{std::move(items)}); }
  static Literal tuple(std::vector<Literal> items) { return Literal(Tup{std::move(items)}); }
  static Literal device(std::string d) { return Literal(Dev{std::move(d)}); }

  Tag tag() const { return static_cast<Tag>(v_.index()); }
  bool is_none() const { return tag() == Tag::None; }
  bool is_bool() const { return tag() == Tag::Bool; }
  bool is_int() const { return tag() == Tag::Int; }
  bool is_double() const { return tag() == Tag::Double; }
  bool is_complex() const { return tag() == Tag::Complex; }
  bool is_string() const { return tag() == Tag::String; }
  bool is_device() const { return tag() == Tag::Device; }
  bool is_list() const { return tag() == Tag::List; }
  bool is_tuple() const { return tag() == Tag::Tuple; }
  bool is_tensor() const { return tag() == Tag::Tensor; }

  bool to_bool() const { return get<bool>("bool"); }
  std::int64_t to_int() const { return get<std::int64_t>("int"); }
  double to_double() const { return get<double>("float"); }
  std::complex<double> to_complex() const { return get<std::complex<double>>("complex"); }
  const std::string& to_string() const { return get<std::string>("str"); }
  const std::string& to_device() const { return get<Dev>("Device").name; }
  const std::vector<Literal>& to_list() const { return get<Seq>("list").items; }
  const std::vector<Literal>& to_tuple() const { return get<Tup>("tuple").items; }
  const TensorConstant& to_tensor() const { return get<TensorConstant>("Tensor"); }

  // IValue::repr: `None`, `True`, `3`, `1.5`, `1.-2.5j`, `"str"`, `[1, 2]`, `(1, "a")`.
  void repr(std::ostream& out) const {
    switch (tag()) {
      case Tag::None: out << "None"; break;
      case Tag::Bool: out << (to_bool() ? "True" : "False"); break;
      case Tag::Int: out << to_int(); break;
      case Tag::Double: detail::print_double(out, to_double()); break;
      case Tag::Complex: {
        auto c = to_complex();
        detail::print_double(out, c.real());
        out << (c.imag() >= 0 ? "+" : "-");
        detail::print_double(out, std::abs(c.imag()));
        out << "j";
        break;
      }
      case Tag::String: detail::print_quoted_string(out, to_string()); break;
      case Tag::Device: out << "device(type='" << to_device() << "')"; break;
      case Tag::List: print_seq(out, to_list(), "[", "]", false); break;
      case Tag::Tuple: print_seq(out, to_tuple(), "(", ")", true); break;
      case Tag::Tensor:
        if (to_tensor()) {
          to_tensor()->print_attribute(out);
        } else {
          out << "<Tensor>";
        }
        break;
    }
  }
  std::string repr() const {
    std::ostringstream s;
    repr(s);
    return std::move(s).str();
  }

  friend bool operator==(const Literal& a, const Literal& b) { return a.v_ == b.v_; }
  friend bool operator!=(const Literal& a, const Literal& b) { return !(a == b); }

 private:
  struct Dev {
    std::string name;
    bool operator==(const Dev&) const = default;
  };
  struct Seq {
    std::vector<Literal> items;
    bool operator==(const Seq& o) const { return items == o.items; }
  };
  struct Tup {
    std::vector<Literal> items;
    bool operator==(const Tup& o) const { return items == o.items; }
  };
  explicit Literal(Seq s) : v_(std::move(s)) {}
  explicit Literal(Tup t) : v_(std::move(t)) {}
  explicit Literal(Dev d) : v_(std::move(d)) {}

  template <class T>
  const T& get(const char* what) const {
    const T* p = std::get_if<T>(&v_);
    TJIT_CHECK(p, "expected a ", what, " literal but got ", repr());
    return *p;
  }

  static void print_seq(std::ostream& out, const std::vector<Literal>& items, const char* open,
                        const char* close, bool tuple) {
    out << open;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out << ", ";
      items[i].repr(out);
    }
    if (tuple && items.size() == 1) out << ",";
    out << close;
  }

  std::variant<std::monostate, bool, std::int64_t, double, std::complex<double>, std::string,
               Dev, Seq, Tup, TensorConstant>
      v_;
};

inline std::ostream& operator<<(std::ostream& out, const Literal& l) {
  l.repr(out);
  return out;
}

}  // namespace tjit::ir
