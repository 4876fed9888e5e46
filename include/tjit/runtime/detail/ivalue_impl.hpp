// Definitions of runtime/ivalue.hpp (compiled once: src/runtime_ivalue.cpp, or inline under
// TJIT_HEADER_ONLY).
#pragma once

#include <cmath>
#include <sstream>

#include "tjit/ir/detail/text.hpp"
#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/print.hpp"

namespace tjit::runtime {

TJIT_DEF const char* IValue::tagKind() const noexcept {
  switch (tag_) {
#define TJIT_IVALUE_TAG_NAME(x) \
  case Tag::x:                  \
    return #x;
    TJIT_FORALL_IVALUE_TAGS(TJIT_IVALUE_TAG_NAME)
#undef TJIT_IVALUE_TAG_NAME
  }
  return "InvalidTag";
}

TJIT_DEF void IValue::throw_wrong_kind(const char* want) const {
  throw TypeError(tjit::detail::str_cat("Expected ", want, " but got ", tagKind()));
}

TJIT_DEF bool IValue::isModule() const noexcept {
  return tag_ == Tag::Object && static_cast<const Object*>(p_.p)->type()->is_module();
}

namespace detail {
inline bool list_of(const IValue& v, ir::TypeKind k) {
  return v.isList() && v.toListRef().elem_type->kind() == k;
}
}  // namespace detail

TJIT_DEF bool IValue::isIntList() const noexcept { return detail::list_of(*this, ir::TypeKind::IntType); }
TJIT_DEF bool IValue::isDoubleList() const noexcept {
  return detail::list_of(*this, ir::TypeKind::FloatType);
}
TJIT_DEF bool IValue::isBoolList() const noexcept { return detail::list_of(*this, ir::TypeKind::BoolType); }
TJIT_DEF bool IValue::isTensorList() const noexcept {
  return detail::list_of(*this, ir::TypeKind::TensorType);
}

TJIT_DEF IValue::IValue(std::complex<double> c)
    : IValue(Tag::ComplexDouble, make_intrusive<ComplexObj>(c).release()) {}
TJIT_DEF IValue::IValue(std::string s)
    : IValue(Tag::String, make_intrusive<StringObj>(std::move(s)).release()) {}

TJIT_DEF IValue::IValue(const Scalar& s) : IValue() {
  if (s.is_bool()) {
    *this = IValue(s.to<bool>());
  } else if (s.is_integral(false)) {
    *this = IValue(s.to<std::int64_t>());
  } else {
    *this = IValue(s.to<double>());
  }
}

namespace detail {
template <class T>
ListPtr list_from(const ir::TypePtr& elem, std::vector<T>&& v) {
  std::vector<IValue> items;
  items.reserve(v.size());
  for (auto& x : v) items.emplace_back(std::move(x));
  return make_list(elem, std::move(items));
}
}  // namespace detail

TJIT_DEF IValue::IValue(std::vector<std::int64_t> v)
    : IValue(detail::list_from(ir::Type::Int(), std::move(v))) {}
TJIT_DEF IValue::IValue(std::vector<double> v)
    : IValue(detail::list_from(ir::Type::Float(), std::move(v))) {}
TJIT_DEF IValue::IValue(std::vector<std::string> v)
    : IValue(detail::list_from(ir::Type::Str(), std::move(v))) {}
TJIT_DEF IValue::IValue(std::vector<Tensor> v)
    : IValue(detail::list_from(ir::Type::Tensor(), std::move(v))) {}
TJIT_DEF IValue::IValue(std::vector<bool> v) : IValue() {
  std::vector<IValue> items;
  items.reserve(v.size());
  for (bool b : v) items.emplace_back(b);
  *this = IValue(make_list(ir::Type::Bool(), std::move(items)));
}

TJIT_DEF ScalarType IValue::toScalarType() const {
  std::int64_t v = toInt();
  TJIT_CHECK(v >= 0 && v <= static_cast<std::int64_t>(ScalarType::BFloat16) &&
                 element_size(static_cast<ScalarType>(v)) > 0,
             "dtype code ", v, " is not a dtype tjit supports");
  return static_cast<ScalarType>(v);
}

TJIT_DEF std::complex<double> IValue::toComplexDouble() const {
  return ref<ComplexObj>(Tag::ComplexDouble, "ComplexDouble").value;
}

TJIT_DEF const std::string& IValue::toStringRef() const {
  return ref<StringObj>(Tag::String, "String").str;
}

TJIT_DEF Scalar IValue::toScalar() const {
  switch (tag_) {
    case Tag::Double: return Scalar(p_.d);
    case Tag::Int: return Scalar(p_.i);
    case Tag::Bool: return Scalar(p_.b);
    case Tag::Tensor: return p_.t.item();
    default: throw TypeError(tjit::detail::str_cat("Expected a Scalar but got ", tagKind()));
  }
}

namespace detail {
template <class T, class F>
std::vector<T> vector_of(const IValue& v, F get) {
  const ListObj& l = v.toListRef();
  std::vector<T> out;
  out.reserve(l.items.size());
  for (const IValue& x : l.items) out.push_back(get(x));
  return out;
}
}  // namespace detail

TJIT_DEF std::vector<std::int64_t> IValue::toIntVector() const {
  return detail::vector_of<std::int64_t>(*this, [](const IValue& x) { return x.toInt(); });
}
TJIT_DEF std::vector<double> IValue::toDoubleVector() const {
  return detail::vector_of<double>(*this, [](const IValue& x) { return x.toDouble(); });
}
TJIT_DEF std::vector<bool> IValue::toBoolVector() const {
  return detail::vector_of<bool>(*this, [](const IValue& x) { return x.toBool(); });
}
TJIT_DEF std::vector<Tensor> IValue::toTensorVector() const {
  return detail::vector_of<Tensor>(*this, [](const IValue& x) { return x.toTensor(); });
}
TJIT_DEF std::vector<std::string> IValue::toStringVector() const {
  return detail::vector_of<std::string>(*this, [](const IValue& x) { return x.toStringRef(); });
}

TJIT_DEF TypePtr IValue::type() const {
  using ir::Type;
  switch (tag_) {
    case Tag::None: return Type::None();
    case Tag::Tensor: return Type::Tensor();
    case Tag::Double: return Type::Float();
    case Tag::ComplexDouble: return Type::Complex();
    case Tag::Int: return Type::Int();
    case Tag::Bool: return Type::Bool();
    case Tag::String: return Type::Str();
    case Tag::Device: return Type::Device();
    case Tag::GenericList: return Type::List(toListRef().elem_type);
    case Tag::GenericDict: {
      const DictObj& d = toDictRef();
      return Type::Dict(d.key_type, d.value_type);
    }
    case Tag::Tuple: {
      const TupleObj& t = toTupleRef();
      if (t.namedType()) return t.namedType();
      std::vector<TypePtr> elems;
      elems.reserve(t.size());
      for (const IValue& e : t.elements()) elems.push_back(e.type());
      return Type::Tuple(std::move(elems));
    }
    case Tag::Object: return toObjectRef().type();
    case Tag::Enum: return static_cast<const EnumObj*>(p_.p)->type;
    case Tag::Future: return Type::Future(static_cast<const FutureObj*>(p_.p)->elementType());
    case Tag::Capsule: return Type::Capsule();
    case Tag::Uninitialized: return Type::Any();
  }
  return Type::Any();
}

namespace detail {
inline bool is_number_tag(IValue::Tag t) {
  return t == IValue::Tag::Int || t == IValue::Tag::Double || t == IValue::Tag::Bool;
}
inline double number_of(const IValue& v) {
  return v.isInt() ? static_cast<double>(v.toInt()) : v.isBool() ? v.toBool() : v.toDouble();
}
template <class Seq>
bool seq_equal(const Seq& a, const Seq& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i])) return false;
  return true;
}
}  // namespace detail

TJIT_DEF bool operator==(const IValue& a, const IValue& b) {
  using Tag = IValue::Tag;
  if (a.tag_ != b.tag_) {
    if (detail::is_number_tag(a.tag_) && detail::is_number_tag(b.tag_))
      return detail::number_of(a) == detail::number_of(b);
    return false;
  }
  switch (a.tag_) {
    case Tag::None:
    case Tag::Uninitialized: return true;
    case Tag::Tensor: return a.p_.t.is_same(b.p_.t);
    case Tag::Double: return a.p_.d == b.p_.d;
    case Tag::Int: return a.p_.i == b.p_.i;
    case Tag::Bool: return a.p_.b == b.p_.b;
    case Tag::Device: return a.toDevice() == b.toDevice();
    case Tag::ComplexDouble: return a.toComplexDouble() == b.toComplexDouble();
    case Tag::String: return a.toStringRef() == b.toStringRef();
    case Tag::GenericList: return detail::seq_equal(a.toListRef().items, b.toListRef().items);
    case Tag::Tuple:
      return detail::seq_equal(a.toTupleRef().elements(), b.toTupleRef().elements());
    case Tag::GenericDict: {
      const DictObj &x = a.toDictRef(), &y = b.toDictRef();
      if (x.size() != y.size()) return false;
      for (const auto& [k, v] : x.entries()) {
        const IValue* w = y.find(k);
        if (!w || !(*w == v)) return false;
      }
      return true;
    }
    case Tag::Enum: {
      auto x = a.toEnumHolder(), y = b.toEnumHolder();
      return x->type->name() == y->type->name() && x->name == y->name;
    }
    case Tag::Object:
    case Tag::Future:
    case Tag::Capsule: return a.p_.p == b.p_.p;
  }
  return false;
}

TJIT_DEF bool IValue::is(const IValue& o) const {
  if (tag_ == Tag::Tensor && o.tag_ == Tag::Tensor) return p_.t.is_same(o.p_.t);
  if (isPtrType() || o.isPtrType()) return tag_ == o.tag_ && p_.p == o.p_.p;
  return *this == o;
}

TJIT_DEF std::size_t IValue::hash() const {
  switch (tag_) {
    case Tag::None: return 0;
    case Tag::Bool: return std::hash<bool>()(p_.b);
    case Tag::Int: return std::hash<std::int64_t>()(p_.i);
    case Tag::Double: return std::hash<double>()(p_.d);
    case Tag::String: return std::hash<std::string>()(toStringRef());
    case Tag::Tensor: return std::hash<const void*>()(p_.t.unsafe_impl_ptr());
    case Tag::Device: return std::hash<std::int64_t>()(p_.i);
    case Tag::Tuple: {
      std::size_t h = 0x345678;
      for (const IValue& e : toTupleRef().elements()) h = h * 1000003 ^ e.hash();
      return h;
    }
    case Tag::Enum: return std::hash<std::string>()(toEnumHolder()->name);
    case Tag::Object:
    case Tag::Future:
    case Tag::Capsule: return std::hash<const void*>()(p_.p);
    default: break;
  }
  throw TypeError(tjit::detail::str_cat("unhashable type: '", type()->annotation_str(), "'"));
}

TJIT_DEF bool IValueKeyEqual::operator()(const IValue& a, const IValue& b) const {
  return a.is(b) || a == b;
}

namespace detail {
// TorchScript's print(): strings bare, even inside containers (c10's IValue operator<<).
inline void print_ivalue(std::ostream& out, const IValue& v, bool quote_strings);

template <class Seq>
void print_items(std::ostream& out, const Seq& items, bool quote) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out << ", ";
    print_ivalue(out, items[i], quote);
  }
}

inline void print_ivalue(std::ostream& out, const IValue& v, bool quote) {
  using Tag = IValue::Tag;
  switch (v.tag()) {
    case Tag::None: out << "None"; return;
    case Tag::Uninitialized: out << "Uninitialized"; return;
    case Tag::Tensor: out << v.toTensor(); return;
    case Tag::Double: ir::detail::print_double(out, v.toDouble()); return;
    case Tag::Int: out << v.toInt(); return;
    case Tag::Bool: out << (v.toBool() ? "True" : "False"); return;
    case Tag::ComplexDouble: {
      auto c = v.toComplexDouble();
      ir::detail::print_double(out, c.real());
      out << (c.imag() >= 0 ? "+" : "-");
      ir::detail::print_double(out, std::abs(c.imag()));
      out << "j";
      return;
    }
    case Tag::String:
      if (quote) {
        ir::detail::print_quoted_string(out, v.toStringRef());
      } else {
        out << v.toStringRef();
      }
      return;
    case Tag::Device: out << v.toDevice().str(); return;
    case Tag::GenericList: {
      const ListObj& l = v.toListRef();
      out << "[";
      print_items(out, l.items, quote);
      out << "]";
      return;
    }
    case Tag::Tuple: {
      const TupleObj& t = v.toTupleRef();
      out << "(";
      print_items(out, t.elements(), quote);
      if (t.size() == 1) out << ",";
      out << ")";
      return;
    }
    case Tag::GenericDict: {
      out << "{";
      bool first = true;
      for (const auto& [k, val] : v.toDictRef().entries()) {
        if (!first) out << ", ";
        first = false;
        print_ivalue(out, k, quote);
        out << ": ";
        print_ivalue(out, val, quote);
      }
      out << "}";
      return;
    }
    case Tag::Object: {
      const Object& o = v.toObjectRef();
      out << "<" << o.name() << " object at " << static_cast<const void*>(&o) << ">";
      return;
    }
    case Tag::Enum: {
      auto e = v.toEnumHolder();
      out << "Enum<" << e->type->name().substr(e->type->name().rfind('.') + 1) << "." << e->name
          << ">";
      return;
    }
    case Tag::Future: out << "Future(" << static_cast<const void*>(v.internalPtr()) << ")"; return;
    case Tag::Capsule: out << v.toCapsule()->describe(); return;
  }
}
}  // namespace detail

TJIT_DEF std::ostream& operator<<(std::ostream& out, const IValue& v) {
  detail::print_ivalue(out, v, false);
  return out;
}
TJIT_DEF void IValue::repr(std::ostream& out) const { detail::print_ivalue(out, *this, true); }
TJIT_DEF std::string IValue::repr() const {
  std::ostringstream s;
  repr(s);
  return std::move(s).str();
}

// ---- containers --------------------------------------------------------------------------------

TJIT_DEF IValue& ListObj::at(std::int64_t i) {
  std::int64_t n = static_cast<std::int64_t>(items.size());
  std::int64_t j = i < 0 ? i + n : i;
  if (j < 0 || j >= n) throw IndexError("list index out of range");
  return items[static_cast<std::size_t>(j)];
}

TJIT_DEF const IValue* DictObj::find(const IValue& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &entries_[it->second].second;
}

TJIT_DEF const IValue& DictObj::at(const IValue& key) const {
  const IValue* v = find(key);
  if (!v) throw KeyError(key.repr());
  return *v;
}

TJIT_DEF void DictObj::insert_or_assign(IValue key, IValue value) {
  auto it = index_.find(key);
  if (it != index_.end()) {
    entries_[it->second].second = std::move(value);
    return;
  }
  index_.emplace(key, entries_.size());
  entries_.emplace_back(std::move(key), std::move(value));
}

TJIT_DEF bool DictObj::insert(IValue key, IValue value) {
  if (index_.count(key)) return false;
  index_.emplace(key, entries_.size());
  entries_.emplace_back(std::move(key), std::move(value));
  return true;
}

TJIT_DEF bool DictObj::erase(const IValue& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  std::size_t slot = it->second;
  index_.erase(it);
  entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(slot));
  for (auto& [k, s] : index_)
    if (s > slot) --s;
  return true;
}

TJIT_DEF void DictObj::clear() {
  entries_.clear();
  index_.clear();
}

// ---- objects -----------------------------------------------------------------------------------

TJIT_DEF std::size_t Object::slot_of(std::string_view name) const {
  const auto& info = type_->classInfo();
  if (info)
    if (auto slot = info->findAttributeSlot(name)) return *slot;
  throw Error(tjit::detail::str_cat("'", type_->annotation_str(), "' object has no attribute '", name,
                              "'"));
}

TJIT_DEF const IValue& Object::getAttr(std::string_view name) const {
  std::size_t slot = slot_of(name);
  static const IValue none;
  return slot < slots_.size() ? slots_[slot] : none;
}

TJIT_DEF void Object::setAttr(std::string_view name, IValue v) { setSlot(slot_of(name), std::move(v)); }

TJIT_DEF bool Object::hasAttr(std::string_view name) const {
  const auto& info = type_->classInfo();
  return info && info->findAttributeSlot(name).has_value();
}

TJIT_DEF void Object::setSlot(std::size_t i, IValue v) {
  if (i >= slots_.size()) slots_.resize(i + 1);
  slots_[i] = std::move(v);
}

TJIT_DEF ObjectPtr make_object(TypePtr class_type) {
  TJIT_CHECK(class_type && class_type->classInfo(), "make_object: '",
             class_type ? class_type->str() : "null", "' is not a class type");
  std::size_t n = class_type->classInfo()->attributes.size();
  return make_intrusive<Object>(std::move(class_type), n);
}

// ---- literals ----------------------------------------------------------------------------------

namespace detail {
class TensorConstantHolder final : public ir::TensorHolder {
 public:
  explicit TensorConstantHolder(Tensor t) : t_(std::move(t)) {}
  const Tensor& tensor() const { return t_; }
  void print_attribute(std::ostream& out) const override {
    if (t_.numel() == 1 && t_.dim() == 0) {
      out << "{" << IValue(t_.item()) << "}";
    } else if (t_.numel() <= 10) {
      std::string s = tjit::to_string(t_);
      for (char& c : s)
        if (c == '\n') c = ' ';
      out << s;
    } else {
      out << "<Tensor>";
    }
  }

 private:
  Tensor t_;
};
}  // namespace detail

TJIT_DEF ir::TensorConstant make_tensor_constant(Tensor t) {
  return std::make_shared<const detail::TensorConstantHolder>(std::move(t));
}

TJIT_DEF const Tensor& tensor_of_constant(const ir::TensorConstant& c) {
  auto* h = dynamic_cast<const detail::TensorConstantHolder*>(c.get());
  TJIT_CHECK(h, "this tensor constant holds no tensor (it was parsed from graph text, which "
                "only records how the tensor printed)");
  return h->tensor();
}

TJIT_DEF IValue from_literal(const ir::Literal& lit, const TypePtr& type) {
  using T = ir::Literal::Tag;
  switch (lit.tag()) {
    case T::None: return IValue();
    case T::Bool: return lit.to_bool();
    case T::Int: return lit.to_int();
    case T::Double: return lit.to_double();
    case T::Complex: return lit.to_complex();
    case T::String: return lit.to_string();
    case T::Device: return Device(lit.to_device());
    case T::Tensor: return tensor_of_constant(lit.to_tensor());
    case T::List: {
      TypePtr elem = type && type->kind() == ir::TypeKind::ListType ? type->getElementType()
                                                                    : nullptr;
      std::vector<IValue> items;
      for (const auto& x : lit.to_list()) items.push_back(from_literal(x, elem));
      if (!elem) {
        elem = items.empty() ? ir::Type::Any() : items[0].type();
        if (elem->kind() == ir::TypeKind::TensorType) elem = ir::Type::Tensor();
      }
      return make_list(elem, std::move(items));
    }
    case T::Tuple: {
      std::vector<IValue> items;
      std::size_t i = 0;
      for (const auto& x : lit.to_tuple()) {
        TypePtr et = type && type->kind() == ir::TypeKind::TupleType &&
                             i < type->elements().size()
                         ? type->elements()[i]
                         : nullptr;
        items.push_back(from_literal(x, et));
        ++i;
      }
      return make_tuple(std::move(items),
                        type && type->isNamedTuple() ? type : TypePtr(nullptr));
    }
  }
  return IValue();
}

TJIT_DEF std::optional<ir::Literal> to_literal(const IValue& v) {
  using Tag = IValue::Tag;
  switch (v.tag()) {
    case Tag::None: return ir::Literal();
    case Tag::Bool: return ir::Literal(v.toBool());
    case Tag::Int: return ir::Literal(v.toInt());
    case Tag::Double: return ir::Literal(v.toDouble());
    case Tag::ComplexDouble: return ir::Literal(v.toComplexDouble());
    case Tag::String: return ir::Literal(v.toStringRef());
    case Tag::Device: return ir::Literal::device(v.toDevice().str());
    case Tag::Tensor: return ir::Literal(make_tensor_constant(v.toTensor()));
    case Tag::GenericList:
    case Tag::Tuple: {
      const auto& items = v.isList() ? v.toListRef().items : v.toTupleRef().elements();
      std::vector<ir::Literal> out;
      for (const IValue& x : items) {
        auto l = to_literal(x);
        if (!l) return std::nullopt;
        out.push_back(std::move(*l));
      }
      return v.isList() ? ir::Literal::list(std::move(out)) : ir::Literal::tuple(std::move(out));
    }
    default: return std::nullopt;
  }
}

}  // namespace tjit::runtime
