// tjit/ir/type.hpp — TorchScript's type system.
//
// Types are shared immutable objects (`TypePtr`): `Type::Int()`, `Type::List(Type::Tensor())`,
// `Type::Optional(t)`, `Type::Dict(k, v)`, `Type::Tuple({...})`, `Type::Union({...})`,
// `Type::Class("__torch__.foo.Bar")`, ... with PyTorch 1.13's rules for subtyping
// (`isSubtypeOf`), unification (`unifyTypes`) and the three spellings PyTorch prints:
//   str()             as graphs print it:        int?  int[]  Dict(str, Tensor)  (int, Tensor)
//   annotation_str()  as TorchScript code has it: Optional[int]  List[int]  Dict[str, Tensor]
//   schema_str()      PyTorch's Type::str(), used inside schemas, unions and dicts
// `parse_type` reads any of these spellings (and schema alias annotations are left to
// schema.hpp). Builds on core/error.hpp and ir/literal.hpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tjit/core/error.hpp"
#include "tjit/ir/detail/text.hpp"
#include "tjit/ir/literal.hpp"

namespace tjit::ir {

// In PyTorch's order: a Union sorts its members by kind, so the order is observable.
#define TJIT_FORALL_TYPE_KINDS(_) \
  _(AnyType)                      \
  _(EnumType)                     \
  _(AnyEnumType)                  \
  _(TensorType)                   \
  _(StorageType)                  \
  _(TupleType)                    \
  _(ListType)                     \
  _(DictType)                     \
  _(NumberType)                   \
  _(FloatType)                    \
  _(ComplexType)                  \
  _(FutureType)                   \
  _(RRefType)                     \
  _(IntType)                      \
  _(NoneType)                     \
  _(StringType)                   \
  _(GeneratorType)                \
  _(QuantizerType)                \
  _(BoolType)                     \
  _(OptionalType)                 \
  _(VarType)                      \
  _(DeviceObjType)                \
  _(StreamObjType)                \
  _(FunctionType)                 \
  _(ClassType)                    \
  _(PyObjectType)                 \
  _(CapsuleType)                  \
  _(InterfaceType)                \
  _(QSchemeType)                  \
  _(LayoutType)                   \
  _(ScalarTypeType)               \
  _(MemoryFormatType)             \
  _(AnyListType)                  \
  _(AnyTupleType)                 \
  _(AnyClassType)                 \
  _(SymIntType)                   \
  _(UnionType)

enum class TypeKind {
#define TJIT_TYPE_KIND(k) k,
  TJIT_FORALL_TYPE_KINDS(TJIT_TYPE_KIND)
#undef TJIT_TYPE_KIND
};

inline const char* typeKindToString(TypeKind k) {
  switch (k) {
#define TJIT_TYPE_KIND_STR(k) \
  case TypeKind::k:           \
    return #k;
    TJIT_FORALL_TYPE_KINDS(TJIT_TYPE_KIND_STR)
#undef TJIT_TYPE_KIND_STR
  }
  return "?";
}

class Type;
using TypePtr = std::shared_ptr<const Type>;

// What a class, module, interface or enum type knows besides its name. Class types are
// created once and then filled in (attributes are added while a class is compiled or loaded),
// so this part is mutable and shared between all TypePtrs of the class.
struct ClassInfo {
  struct Attribute {
    std::string name;
    TypePtr type;
    bool is_parameter = false;
    bool is_buffer = false;
  };
  bool is_module = false;
  std::vector<Attribute> attributes;
  std::vector<std::pair<std::string, Literal>> constants;  // class constants / enum names
  std::vector<std::string> method_names;
  TypePtr enum_value_type;  // enums: int, float or str

  std::optional<std::size_t> findAttributeSlot(std::string_view name) const {
    for (std::size_t i = 0; i < attributes.size(); ++i)
      if (attributes[i].name == name) return i;
    return std::nullopt;
  }
  std::size_t addAttribute(std::string name, TypePtr type, bool is_parameter = false,
                           bool is_buffer = false) {
    TJIT_CHECK(!findAttributeSlot(name), "attribute '", name, "' already defined");
    attributes.push_back({std::move(name), std::move(type), is_parameter, is_buffer});
    return attributes.size() - 1;
  }
};

// What a refined tensor type knows (traced graphs print it: `Float(2, 3, strides=[3, 1],
// requires_grad=0, device=cpu)`); every part may be unknown. The dtype is PyTorch's ScalarType
// name ("Float", "Long", ...), the device its string ("cpu", "cuda:0").
struct TensorInfo {
  std::optional<std::string> scalar_type;
  std::optional<std::vector<std::optional<std::int64_t>>> sizes;  // set when the rank is known
  std::optional<std::vector<std::optional<std::int64_t>>> strides;
  std::optional<bool> requires_grad;
  std::optional<std::string> device;
  std::optional<bool> undefined;

  bool operator==(const TensorInfo&) const = default;
  bool unknown() const { return *this == TensorInfo{}; }

  // PyTorch's TensorType::merge: what two tensor types have in common.
  TensorInfo merge(const TensorInfo& o) const {
    TensorInfo r;
    if (scalar_type == o.scalar_type) r.scalar_type = scalar_type;
    auto merge_shape = [](const auto& a, const auto& b) {
      std::optional<std::vector<std::optional<std::int64_t>>> m;
      if (a && b && a->size() == b->size()) {
        m.emplace();
        for (std::size_t i = 0; i < a->size(); ++i)
          m->push_back((*a)[i] == (*b)[i] ? (*a)[i] : std::nullopt);
      }
      return m;
    };
    r.sizes = merge_shape(sizes, o.sizes);
    r.strides = merge_shape(strides, o.strides);
    if (requires_grad == o.requires_grad) r.requires_grad = requires_grad;
    if (device == o.device) r.device = device;
    if (undefined == o.undefined) r.undefined = undefined;
    return r;
  }

  static bool is_scalar_type_name(std::string_view n) {
    static const char* names[] = {"Byte", "Char", "Short", "Int", "Long", "Half", "Float",
                                  "Double", "ComplexHalf", "ComplexFloat", "ComplexDouble",
                                  "Bool", "QInt8", "QUInt8", "QInt32", "BFloat16", "QUInt4x2",
                                  "QUInt2x4"};
    for (const char* x : names)
      if (n == x) return true;
    return false;
  }
};

class Type : public std::enable_shared_from_this<Type> {
 public:
  // ---- singletons --------------------------------------------------------------------------
#define TJIT_SINGLETON(Name, Kind)                                          \
  static const TypePtr& Name() {                                           \
    static const TypePtr t = TypePtr(new Type(TypeKind::Kind));             \
    return t;                                                              \
  }
  TJIT_SINGLETON(Any, AnyType)
  TJIT_SINGLETON(Tensor, TensorType)
  TJIT_SINGLETON(Storage, StorageType)
  TJIT_SINGLETON(Number, NumberType)
  TJIT_SINGLETON(Float, FloatType)
  TJIT_SINGLETON(Complex, ComplexType)
  TJIT_SINGLETON(Int, IntType)
  TJIT_SINGLETON(None, NoneType)
  TJIT_SINGLETON(Str, StringType)
  TJIT_SINGLETON(Generator, GeneratorType)
  TJIT_SINGLETON(Quantizer, QuantizerType)
  TJIT_SINGLETON(Bool, BoolType)
  TJIT_SINGLETON(Device, DeviceObjType)
  TJIT_SINGLETON(Stream, StreamObjType)
  TJIT_SINGLETON(PyObject, PyObjectType)
  TJIT_SINGLETON(Capsule, CapsuleType)
  TJIT_SINGLETON(QScheme, QSchemeType)
  TJIT_SINGLETON(Layout, LayoutType)
  TJIT_SINGLETON(ScalarType, ScalarTypeType)
  TJIT_SINGLETON(MemoryFormat, MemoryFormatType)
  TJIT_SINGLETON(AnyList, AnyListType)
  TJIT_SINGLETON(AnyTuple, AnyTupleType)
  TJIT_SINGLETON(AnyClass, AnyClassType)
  TJIT_SINGLETON(AnyEnum, AnyEnumType)
  TJIT_SINGLETON(SymInt, SymIntType)
#undef TJIT_SINGLETON

  // ---- constructors of composite types ------------------------------------------------------
  // A tensor type refined with what is known of its dtype, shape, strides, grad and device.
  static TypePtr TensorOf(TensorInfo info) {
    if (info.unknown()) return Tensor();
    auto t = std::shared_ptr<Type>(new Type(TypeKind::TensorType));
    t->tensor_ = std::make_shared<const TensorInfo>(std::move(info));
    return t;
  }
  static TypePtr List(TypePtr elem) { return make(TypeKind::ListType, {std::move(elem)}); }
  static TypePtr Dict(TypePtr key, TypePtr value) {
    return make(TypeKind::DictType, {std::move(key), std::move(value)});
  }
  static TypePtr Tuple(std::vector<TypePtr> elems) {
    return make(TypeKind::TupleType, std::move(elems));
  }
  // A NamedTuple: `qualified_name` like `__torch__.foo.Point` (may be empty), field names.
  static TypePtr NamedTuple(std::string qualified_name, std::vector<std::string> fields,
                            std::vector<TypePtr> elems) {
    TJIT_CHECK(fields.size() == elems.size(), "NamedTuple needs one name per field");
    auto t = std::shared_ptr<Type>(new Type(TypeKind::TupleType));
    t->contained_ = std::move(elems);
    t->name_ = std::move(qualified_name);
    t->field_names_ = std::move(fields);
    t->named_ = true;
    return t;
  }
  static TypePtr Future(TypePtr elem) { return make(TypeKind::FutureType, {std::move(elem)}); }
  static TypePtr RRef(TypePtr elem) { return make(TypeKind::RRefType, {std::move(elem)}); }
  // Optional[T]. Optional[Optional[T]] is Optional[T]; Optional of a union is a union with None.
  static TypePtr Optional(TypePtr elem);
  // Union[...], flattened, deduplicated and sorted as PyTorch does; a union of one type is that
  // type, Union[T, None] is Optional[T].
  static TypePtr Union(std::vector<TypePtr> members);
  static TypePtr Var(std::string name) {
    auto t = std::shared_ptr<Type>(new Type(TypeKind::VarType));
    t->name_ = std::move(name);
    return t;
  }
  // A class (`__torch__.foo.Bar`), module, interface or enum; `info` is shared and mutable.
  static TypePtr Class(std::string qualified_name, std::shared_ptr<ClassInfo> info = nullptr) {
    return named(TypeKind::ClassType, std::move(qualified_name), std::move(info));
  }
  static TypePtr Module(std::string qualified_name) {
    auto info = std::make_shared<ClassInfo>();
    info->is_module = true;
    return named(TypeKind::ClassType, std::move(qualified_name), std::move(info));
  }
  static TypePtr Interface(std::string qualified_name, bool is_module = false) {
    auto info = std::make_shared<ClassInfo>();
    info->is_module = is_module;
    return named(TypeKind::InterfaceType, std::move(qualified_name), std::move(info));
  }
  static TypePtr Enum(std::string qualified_name, TypePtr value_type,
                      std::vector<std::pair<std::string, Literal>> names_values) {
    auto info = std::make_shared<ClassInfo>();
    info->enum_value_type = std::move(value_type);
    info->constants = std::move(names_values);
    return named(TypeKind::EnumType, std::move(qualified_name), std::move(info));
  }
  // The type of a first-class function; prints as `Function`, annotates as its name.
  static TypePtr Function(std::string qualified_name) {
    return named(TypeKind::FunctionType, std::move(qualified_name), nullptr);
  }

  // ---- queries -------------------------------------------------------------------------------
  TypeKind kind() const { return kind_; }
  const std::vector<TypePtr>& containedTypes() const { return contained_; }
  const TypePtr& containedType(std::size_t i) const { return contained_.at(i); }
  // List/Optional/Future/RRef element; Dict key and value.
  const TypePtr& getElementType() const {
    TJIT_CHECK(kind_ == TypeKind::ListType || kind_ == TypeKind::OptionalType ||
                   kind_ == TypeKind::FutureType || kind_ == TypeKind::RRefType,
               "getElementType() on ", str());
    return contained_[0];
  }
  const TypePtr& getKeyType() const { return dictPart(0); }
  const TypePtr& getValueType() const { return dictPart(1); }
  const std::vector<TypePtr>& elements() const { return contained_; }  // tuple elements
  // Qualified name of classes, named tuples, enums, interfaces, functions; name of a type var.
  const std::string& name() const { return name_; }
  bool isNamedTuple() const { return kind_ == TypeKind::TupleType && named_; }
  const std::vector<std::string>& fieldNames() const { return field_names_; }
  const std::shared_ptr<ClassInfo>& classInfo() const { return info_; }
  // Refinements of a tensor type; null for plain `Tensor` and for other kinds.
  const TensorInfo* tensorInfo() const { return tensor_.get(); }
  bool is_module() const { return info_ && info_->is_module; }
  bool hasFreeVariables() const {
    if (kind_ == TypeKind::VarType) return true;
    for (auto& c : contained_)
      if (c->hasFreeVariables()) return true;
    return false;
  }
  bool isUnionType() const {
    return kind_ == TypeKind::UnionType || kind_ == TypeKind::OptionalType;
  }
  // Union membership test, with Number standing for int, float and complex.
  bool canHoldType(const Type& t) const;

  // ---- relations -----------------------------------------------------------------------------
  bool equals(const Type& rhs) const;
  friend bool operator==(const Type& a, const Type& b) { return a.equals(b); }
  friend bool operator!=(const Type& a, const Type& b) { return !a.equals(b); }
  bool isSubtypeOf(const Type& rhs) const;
  bool isSubtypeOf(const TypePtr& rhs) const { return isSubtypeOf(*rhs); }

  // ---- spellings -----------------------------------------------------------------------------
  std::string str() const {
    std::ostringstream s;
    print_graph(s);
    return std::move(s).str();
  }
  std::string annotation_str() const {
    std::ostringstream s;
    print_annotation(s);
    return std::move(s).str();
  }
  std::string schema_str() const {
    std::ostringstream s;
    print_schema(s);
    return std::move(s).str();
  }
  std::string repr_str() const { return annotation_str(); }

  // As graphs print it (PyTorch's operator<< on a Type).
  void print_graph(std::ostream& out) const {
    switch (kind_) {
      case TypeKind::ListType:
        contained_[0]->print_graph(out);
        out << "[]";
        return;
      case TypeKind::OptionalType:
        contained_[0]->print_graph(out);
        out << "?";
        return;
      case TypeKind::FutureType:
        out << "Future[";
        contained_[0]->print_graph(out);
        out << "]";
        return;
      case TypeKind::RRefType:
        out << "RRef[";
        contained_[0]->print_graph(out);
        out << "]";
        return;
      case TypeKind::TupleType:
        if (named_) out << "NamedTuple";
        out << "(";
        for (std::size_t i = 0; i < contained_.size(); ++i) {
          if (i > 0) out << ", ";
          if (named_) out << field_names_[i] << " : ";
          contained_[i]->print_graph(out);
        }
        out << ")";
        return;
      case TypeKind::FunctionType:
        out << "Function";
        return;
      case TypeKind::TensorType:
        print_tensor(out);
        return;
      default:
        print_schema(out);
    }
  }

  // PyTorch's Type::str().
  void print_schema(std::ostream& out) const {
    switch (kind_) {
      case TypeKind::ListType:
        contained_[0]->print_schema(out);
        out << "[]";
        return;
      case TypeKind::OptionalType:
        contained_[0]->print_schema(out);
        out << "?";
        return;
      case TypeKind::DictType:
        out << "Dict(";
        contained_[0]->print_schema(out);
        out << ", ";
        contained_[1]->print_schema(out);
        out << ")";
        return;
      case TypeKind::TupleType:
        if (named_ && !name_.empty()) {
          out << name_;
          return;
        }
        out << "(";
        for (std::size_t i = 0; i < contained_.size(); ++i) {
          if (i > 0) out << ", ";
          contained_[i]->print_schema(out);
        }
        out << ")";
        return;
      case TypeKind::FutureType:
        out << "Future(";
        contained_[0]->print_schema(out);
        out << ")";
        return;
      case TypeKind::RRefType:
        out << "RRef(";
        contained_[0]->print_schema(out);
        out << ")";
        return;
      case TypeKind::UnionType:
        print_union(out, false);
        return;
      case TypeKind::EnumType:
        out << "Enum<" << name_ << ">";
        return;
      case TypeKind::ClassType:
      case TypeKind::InterfaceType:
      case TypeKind::VarType:
        out << name_;
        return;
      case TypeKind::FunctionType:
        out << "Function";
        return;
      default:
        out << simple_name(kind_, false);
    }
  }

  void print_annotation(std::ostream& out) const {
    switch (kind_) {
      case TypeKind::ListType:
        out << "List[";
        contained_[0]->print_annotation(out);
        out << "]";
        return;
      case TypeKind::OptionalType:
        out << "Optional[";
        contained_[0]->print_annotation(out);
        out << "]";
        return;
      case TypeKind::DictType:
        out << "Dict[";
        contained_[0]->print_annotation(out);
        out << ", ";
        contained_[1]->print_annotation(out);
        out << "]";
        return;
      case TypeKind::TupleType:
        if (named_ && !name_.empty()) {
          out << name_;
          return;
        }
        out << "Tuple[";
        if (contained_.empty()) out << "()";
        for (std::size_t i = 0; i < contained_.size(); ++i) {
          if (i > 0) out << ", ";
          contained_[i]->print_annotation(out);
        }
        out << "]";
        return;
      case TypeKind::FutureType:
        out << "Future[";
        contained_[0]->print_annotation(out);
        out << "]";
        return;
      case TypeKind::RRefType:
        out << "RRef[";
        contained_[0]->print_annotation(out);
        out << "]";
        return;
      case TypeKind::UnionType:
        print_union(out, true);
        return;
      case TypeKind::EnumType:
      case TypeKind::ClassType:
      case TypeKind::InterfaceType:
      case TypeKind::VarType:
      case TypeKind::FunctionType:
        out << name_;
        return;
      default:
        out << simple_name(kind_, true);
    }
  }

 private:
  explicit Type(TypeKind k) : kind_(k) {}

  static TypePtr make(TypeKind k, std::vector<TypePtr> contained) {
    for (auto& c : contained) TJIT_CHECK(c != nullptr, "null contained type");
    auto t = std::shared_ptr<Type>(new Type(k));
    t->contained_ = std::move(contained);
    return t;
  }
  static TypePtr named(TypeKind k, std::string name, std::shared_ptr<ClassInfo> info) {
    TJIT_CHECK(!name.empty(), "a ", typeKindToString(k), " needs a qualified name");
    auto t = std::shared_ptr<Type>(new Type(k));
    t->name_ = std::move(name);
    t->info_ = info ? std::move(info) : std::make_shared<ClassInfo>();
    return t;
  }

  const TypePtr& dictPart(std::size_t i) const {
    TJIT_CHECK(kind_ == TypeKind::DictType, "expected a Dict type but got ", str());
    return contained_[i];
  }

  static const char* simple_name(TypeKind k, bool annotation) {
    switch (k) {
      case TypeKind::AnyType: return "Any";
      case TypeKind::TensorType: return "Tensor";
      case TypeKind::StorageType: return "Storage";
      case TypeKind::NumberType: return annotation ? "number" : "Scalar";
      case TypeKind::FloatType: return "float";
      case TypeKind::ComplexType: return "complex";
      case TypeKind::IntType: return "int";
      case TypeKind::NoneType: return "NoneType";
      case TypeKind::StringType: return "str";
      case TypeKind::GeneratorType: return "Generator";
      case TypeKind::QuantizerType: return "Quantizer";
      case TypeKind::BoolType: return "bool";
      case TypeKind::DeviceObjType: return "Device";
      case TypeKind::StreamObjType: return "Stream";
      case TypeKind::PyObjectType: return "PyObject";
      case TypeKind::CapsuleType: return "Capsule";
      case TypeKind::QSchemeType: return "QScheme";
      case TypeKind::LayoutType: return "Layout";
      case TypeKind::ScalarTypeType: return "ScalarType";
      case TypeKind::MemoryFormatType: return "MemoryFormat";
      case TypeKind::AnyListType: return "list";
      case TypeKind::AnyTupleType: return "tuple";
      case TypeKind::AnyClassType: return "AnyClassType";
      case TypeKind::AnyEnumType: return "AnyEnumType";
      case TypeKind::SymIntType: return "SymInt";
      default: return "?";
    }
  }

  // PyTorch's operator<< for TensorType at full verbosity.
  void print_tensor(std::ostream& out) const {
    if (!tensor_) {
      out << "Tensor";
      return;
    }
    const TensorInfo& t = *tensor_;
    if (t.scalar_type) {
      out << *t.scalar_type;
      if (!t.sizes) out << "Tensor";
    } else {
      out << "Tensor";
    }
    if (t.sizes) {
      std::size_t ndim = t.sizes->size();
      bool strides_known = ndim > 0 && t.strides && t.strides->size() == ndim &&
                           std::all_of(t.strides->begin(), t.strides->end(),
                                       [](const auto& s) { return s.has_value(); });
      out << "(";
      std::size_t i = 0;
      for (i = 0; i < ndim; ++i) {
        if (i > 0) out << ", ";
        if ((*t.sizes)[i]) {
          out << *(*t.sizes)[i];
        } else {
          out << "*";
        }
      }
      if (strides_known) {
        out << ", strides=[";
        for (std::size_t j = 0; j < ndim; ++j) {
          if (j > 0) out << ", ";
          out << *(*t.strides)[j];
        }
        out << "]";
      }
      if (t.requires_grad) {
        if (i++ > 0) out << ", ";
        out << "requires_grad=" << (*t.requires_grad ? 1 : 0);
      }
      if (t.device) {
        if (i++ > 0) out << ", ";
        out << "device=" << *t.device;
      }
      out << ")";
    } else {
      std::size_t i = 0;
      if (t.requires_grad) {
        out << "(requires_grad=" << (*t.requires_grad ? 1 : 0);
        i++;
      }
      if (t.device) {
        out << (i++ > 0 ? ", " : "(") << "device=" << *t.device;
      }
      if (i > 0) out << ")";
    }
    if (t.undefined && *t.undefined) out << "[Undefined]";
  }

  static bool is_number_kind(const Type& t) {
    return t.kind_ == TypeKind::IntType || t.kind_ == TypeKind::FloatType ||
           t.kind_ == TypeKind::ComplexType;
  }

  // PyTorch's unionStr, including its quirk: the ", " before a member is written only when the
  // member is not the first, and the one before `Scalar` only after something was written that
  // way — so Union[Tensor, int, float, complex] prints `Union(TensorScalar)`.
  void print_union(std::ostream& out, bool annotation) const {
    bool can_hold_number = canHoldType(*Number());
    out << "Union" << (annotation ? "[" : "(");
    bool printed = false;
    for (std::size_t i = 0; i < contained_.size(); ++i) {
      if (!can_hold_number || !is_number_kind(*contained_[i])) {
        if (i > 0) {
          out << ", ";
          printed = true;
        }
        if (annotation) {
          contained_[i]->print_annotation(out);
        } else {
          contained_[i]->print_schema(out);
        }
      }
    }
    if (can_hold_number) {
      if (printed) out << ", ";
      out << (annotation ? "number" : "Scalar");
    }
    out << (annotation ? "]" : ")");
  }

  friend struct TypeAccess;

  TypeKind kind_;
  std::vector<TypePtr> contained_;
  std::string name_;
  std::vector<std::string> field_names_;
  bool named_ = false;
  std::shared_ptr<ClassInfo> info_;
  std::shared_ptr<const TensorInfo> tensor_;
};

inline std::ostream& operator<<(std::ostream& out, const Type& t) {
  t.print_graph(out);
  return out;
}

// Unifies two types as the TorchScript compiler does where control flow joins: the supertype
// when one is a subtype of the other, Optional[T] for T and None, element-wise for tuples and
// futures; nullopt when they do not unify (or a Union of both with `default_to_union`).
std::optional<TypePtr> unifyTypes(const TypePtr& t1, const TypePtr& t2,
                                  bool default_to_union = false, TypePtr type_hint = nullptr);
std::optional<TypePtr> unifyTypeList(const std::vector<TypePtr>& types,
                                     bool default_to_union = false, TypePtr type_hint = nullptr);

// ---- implementation ---------------------------------------------------------------------------

struct TypeAccess {
  static std::shared_ptr<Type> raw(TypeKind k) { return std::shared_ptr<Type>(new Type(k)); }
  static std::vector<TypePtr>& contained(Type& t) { return t.contained_; }
};

inline bool Type::canHoldType(const Type& t) const {
  TJIT_CHECK(isUnionType(), "canHoldType() on ", str());
  if (t.kind_ == TypeKind::NumberType) {
    return canHoldType(*Int()) && canHoldType(*Float()) && canHoldType(*Complex());
  }
  if (kind_ == TypeKind::OptionalType) {
    if (t.isSubtypeOf(*None())) return true;
    if (contained_[0]->kind_ == TypeKind::NumberType && is_number_kind(t)) return true;
    return t.isSubtypeOf(*contained_[0]);
  }
  return std::any_of(contained_.begin(), contained_.end(),
                     [&](const TypePtr& inner) { return t.isSubtypeOf(*inner); });
}

namespace detail {
inline void flatten_union(const TypePtr& t, std::vector<TypePtr>& out);
}

inline bool Type::equals(const Type& rhs) const {
  if (this == &rhs) return true;
  if (isUnionType() && rhs.isUnionType() && kind_ != rhs.kind_) {
    // Optional[Union[A, B]] == Union[A, B, None]: compare the flattened members.
    std::vector<TypePtr> a, b;
    for (auto& t : contained_) detail::flatten_union(t, a);
    for (auto& t : rhs.contained_) detail::flatten_union(t, b);
    (kind_ == TypeKind::OptionalType ? a : b).push_back(None());
    auto subset = [](const std::vector<TypePtr>& x, const std::vector<TypePtr>& y) {
      return std::all_of(x.begin(), x.end(), [&](const TypePtr& t) {
        return std::any_of(y.begin(), y.end(), [&](const TypePtr& u) { return t->equals(*u); });
      });
    };
    return subset(a, b) && subset(b, a);
  }
  if (kind_ != rhs.kind_) return false;
  switch (kind_) {
    case TypeKind::ClassType:
    case TypeKind::InterfaceType:
    case TypeKind::EnumType:
    case TypeKind::FunctionType:
    case TypeKind::VarType:
      return name_ == rhs.name_;
    case TypeKind::UnionType: {
      if (contained_.size() != rhs.contained_.size()) return false;
      for (auto& a : contained_) {
        bool found = std::any_of(rhs.contained_.begin(), rhs.contained_.end(),
                                 [&](const TypePtr& b) { return a->equals(*b); });
        if (!found) return false;
      }
      return true;
    }
    case TypeKind::TensorType: {
      static const TensorInfo none;
      return (tensor_ ? *tensor_ : none) == (rhs.tensor_ ? *rhs.tensor_ : none);
    }
    case TypeKind::TupleType:
      if (named_ != rhs.named_ || name_ != rhs.name_ || field_names_ != rhs.field_names_)
        return false;
      [[fallthrough]];
    default:
      if (contained_.size() != rhs.contained_.size()) return false;
      for (std::size_t i = 0; i < contained_.size(); ++i)
        if (!contained_[i]->equals(*rhs.contained_[i])) return false;
      return true;
  }
}

inline bool Type::isSubtypeOf(const Type& rhs) const {
  // Rules shared by every type: Any is the top type, a type is a subtype of itself, of an
  // Optional of a supertype, and of a union with a member that is a supertype.
  auto base = [&]() -> bool {
    if (rhs.kind_ == TypeKind::AnyType || equals(rhs)) return true;
    if (rhs.kind_ == TypeKind::OptionalType) return isSubtypeOf(*rhs.contained_[0]);
    if (rhs.kind_ == TypeKind::UnionType) {
      return std::any_of(rhs.contained_.begin(), rhs.contained_.end(),
                         [&](const TypePtr& inner) { return isSubtypeOf(*inner); });
    }
    return false;
  };
  switch (kind_) {
    case TypeKind::IntType:
    case TypeKind::FloatType:
    case TypeKind::ComplexType:
      return rhs.kind_ == TypeKind::NumberType || base();
    case TypeKind::NoneType:
      if (rhs.kind_ == TypeKind::OptionalType) return true;
      return base();
    case TypeKind::NumberType:
      if (rhs.kind_ == TypeKind::UnionType) return rhs.canHoldType(*Number());
      return base();
    case TypeKind::TensorType:
      if (rhs.kind_ == TypeKind::TensorType) {
        if (!rhs.tensor_) return true;
        static const TensorInfo none;
        return (tensor_ ? *tensor_ : none).merge(*rhs.tensor_) == *rhs.tensor_;
      }
      return base();
    case TypeKind::ListType:
      return base() || rhs.kind_ == TypeKind::AnyListType;
    case TypeKind::EnumType:
      return base() || rhs.kind_ == TypeKind::AnyEnumType;
    case TypeKind::ClassType:
      if (rhs.kind_ == TypeKind::AnyClassType) return true;
      if (rhs.kind_ == TypeKind::InterfaceType && info_ && rhs.info_) {
        // Structural: every method the interface declares exists on the class.
        for (auto& m : rhs.info_->method_names)
          if (std::find(info_->method_names.begin(), info_->method_names.end(), m) ==
              info_->method_names.end())
            return false;
        return true;
      }
      return base();
    case TypeKind::TupleType: {
      if (base()) return true;
      if (rhs.kind_ == TypeKind::AnyTupleType) return true;
      if (rhs.kind_ != TypeKind::TupleType) return false;
      if (!named_ && rhs.named_) return false;
      if (rhs.named_ && field_names_ != rhs.field_names_) return false;
      if (contained_.size() != rhs.contained_.size()) return false;
      for (std::size_t i = 0; i < contained_.size(); ++i)
        if (!contained_[i]->isSubtypeOf(*rhs.contained_[i])) return false;
      return true;
    }
    case TypeKind::FutureType:
      if (rhs.kind_ == TypeKind::FutureType) return contained_[0]->isSubtypeOf(*rhs.contained_[0]);
      return base();
    case TypeKind::RRefType:
      if (rhs.kind_ == TypeKind::RRefType) return contained_[0]->isSubtypeOf(*rhs.contained_[0]);
      return base();
    case TypeKind::OptionalType:
      if (rhs.kind_ == TypeKind::OptionalType)
        return contained_[0]->isSubtypeOf(*rhs.contained_[0]);
      if (rhs.kind_ == TypeKind::UnionType) {
        return rhs.canHoldType(*None()) && rhs.canHoldType(*contained_[0]);
      }
      return rhs.kind_ == TypeKind::AnyType || equals(rhs);
    case TypeKind::UnionType: {
      std::vector<const Type*> rhs_types;
      if (rhs.kind_ == TypeKind::UnionType) {
        for (auto& t : rhs.contained_) rhs_types.push_back(t.get());
      } else if (rhs.kind_ == TypeKind::OptionalType) {
        rhs_types.push_back(None().get());
        if (rhs.contained_[0]->kind_ == TypeKind::NumberType) {
          rhs_types.insert(rhs_types.end(), {Int().get(), Float().get(), Complex().get()});
        } else {
          rhs_types.push_back(rhs.contained_[0].get());
        }
      } else if (rhs.kind_ == TypeKind::NumberType) {
        rhs_types.insert(rhs_types.end(), {Int().get(), Float().get(), Complex().get()});
      } else {
        rhs_types.push_back(&rhs);
      }
      return std::all_of(contained_.begin(), contained_.end(), [&](const TypePtr& l) {
        return std::any_of(rhs_types.begin(), rhs_types.end(),
                           [&](const Type* r) { return l->isSubtypeOf(*r); });
      });
    }
    default:
      return base();
  }
}

namespace detail {

inline void flatten_union(const TypePtr& t, std::vector<TypePtr>& out) {
  if (t->kind() == TypeKind::UnionType) {
    for (auto& inner : t->containedTypes()) flatten_union(inner, out);
  } else if (t->kind() == TypeKind::OptionalType) {
    flatten_union(t->getElementType(), out);
    out.push_back(Type::None());
  } else if (t->kind() == TypeKind::NumberType) {
    out.push_back(Type::Int());
    out.push_back(Type::Float());
    out.push_back(Type::Complex());
  } else {
    out.push_back(t);
  }
}

// PyTorch's filterDuplicateSubtypes: right to left, merge each type into an earlier one it
// unifies with (never across None).
inline void filter_duplicate_subtypes(std::vector<TypePtr>& types) {
  if (types.empty()) return;
  auto get_supertype = [](const TypePtr& a, const TypePtr& b) -> std::optional<TypePtr> {
    bool an = a->isSubtypeOf(*Type::None()), bn = b->isSubtypeOf(*Type::None());
    if (an != bn) return std::nullopt;
    return unifyTypes(a, b, false);
  };
  std::size_t end_idx = types.size() - 1;
  for (std::size_t i = types.size() - 1; i > 0; --i) {
    for (std::size_t j = std::min(i - 1, end_idx);; --j) {
      if (auto unified = get_supertype(types[i], types[j])) {
        types[j] = *unified;
        types[i] = types[end_idx];
        --end_idx;
        break;
      }
      if (j == 0) break;
    }
  }
  types.erase(types.begin() + static_cast<std::ptrdiff_t>(end_idx) + 1, types.end());
}

inline TypePtr make_union_raw(std::vector<TypePtr> members, TypeKind kind) {
  auto t = TypeAccess::raw(kind);
  TypeAccess::contained(*t) = std::move(members);
  return t;
}

}  // namespace detail

inline TypePtr Type::Union(std::vector<TypePtr> members) {
  TJIT_CHECK(!members.empty(), "cannot create an empty Union");
  std::vector<TypePtr> flat;
  for (auto& m : members) {
    TJIT_CHECK(m != nullptr, "null type in Union");
    detail::flatten_union(m, flat);
  }
  detail::filter_duplicate_subtypes(flat);
  std::sort(flat.begin(), flat.end(), [](const TypePtr& a, const TypePtr& b) {
    if (a->kind() != b->kind()) return a->kind() < b->kind();
    return a->schema_str() < b->schema_str();
  });
  if (flat.size() == 1) return flat[0];
  bool has_none = false, has_int = false, has_float = false, has_complex = false;
  for (auto& t : flat) {
    has_none |= t->kind() == TypeKind::NoneType;
    has_int |= t->kind() == TypeKind::IntType;
    has_float |= t->kind() == TypeKind::FloatType;
    has_complex |= t->kind() == TypeKind::ComplexType;
  }
  if (has_none) {
    if (flat.size() == 4 && has_int && has_float && has_complex) return Optional(Number());
    if (flat.size() == 2)
      return Optional(flat[0]->kind() != TypeKind::NoneType ? flat[0] : flat[1]);
  }
  return detail::make_union_raw(std::move(flat), TypeKind::UnionType);
}

// PyTorch's OptionalType: Optional[Optional[T]] is Optional[T]; of a union, the union without
// None (and `number` when that union is int, float and complex).
inline TypePtr Type::Optional(TypePtr elem) {
  TJIT_CHECK(elem != nullptr, "Optional of a null type");
  switch (elem->kind()) {
    case TypeKind::NoneType:
    case TypeKind::OptionalType:
      return elem;
    case TypeKind::UnionType: {
      std::vector<TypePtr> without_none;
      for (auto& m : elem->containedTypes())
        if (m->kind() != TypeKind::NoneType) without_none.push_back(m);
      bool is_number = without_none.size() == 3 && elem->canHoldType(*Number());
      TypePtr inner = is_number ? Number()
                      : without_none.size() == 1
                          ? without_none[0]
                          : detail::make_union_raw(std::move(without_none), TypeKind::UnionType);
      return detail::make_union_raw({std::move(inner)}, TypeKind::OptionalType);
    }
    default:
      return detail::make_union_raw({std::move(elem)}, TypeKind::OptionalType);
  }
}

namespace detail {

inline std::optional<TypePtr> unify_impl(const TypePtr& t1, const TypePtr& t2,
                                         bool default_to_union, const TypePtr& type_hint) {
  if (t1->isSubtypeOf(*t2)) return t2;
  if (t2->isSubtypeOf(*t1)) return t1;
  if (t1->kind() == TypeKind::TensorType && t2->kind() == TypeKind::TensorType) {
    static const TensorInfo unknown;
    const TensorInfo* a = t1->tensorInfo();
    const TensorInfo* b = t2->tensorInfo();
    return Type::TensorOf((a ? *a : unknown).merge(b ? *b : unknown));
  }
  const auto& none = Type::None();
  bool n1 = t1->isSubtypeOf(*none), n2 = t2->isSubtypeOf(*none);
  if (n1 && !n2) return Type::Optional(t2);
  if (n2 && !n1) return Type::Optional(t1);
  if (t1->kind() == TypeKind::OptionalType) {
    if (auto elem = unifyTypes(t1->getElementType(), t2)) return Type::Optional(*elem);
  } else if (t2->kind() == TypeKind::OptionalType) {
    if (auto elem = unifyTypes(t2->getElementType(), t1)) return Type::Optional(*elem);
  }
  if (t1->kind() == TypeKind::TupleType && t2->kind() == TypeKind::TupleType) {
    auto& a = t1->elements();
    auto& b = t2->elements();
    if (a.size() != b.size()) return std::nullopt;
    std::vector<TypePtr> elems;
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto e = unifyTypes(a[i], b[i], default_to_union);
      if (!e) return std::nullopt;
      elems.push_back(*e);
    }
    return Type::Tuple(std::move(elems));
  }
  if (t1->kind() == TypeKind::FutureType && t2->kind() == TypeKind::FutureType) {
    if (auto e = unifyTypes(t1->getElementType(), t2->getElementType()))
      return Type::Future(*e);
  }
  if (type_hint && t1->isSubtypeOf(*type_hint) && t2->isSubtypeOf(*type_hint)) return type_hint;
  return std::nullopt;
}

}  // namespace detail

inline std::optional<TypePtr> unifyTypes(const TypePtr& t1, const TypePtr& t2,
                                         bool default_to_union, TypePtr type_hint) {
  auto unified = detail::unify_impl(t1, t2, default_to_union, type_hint);
  if (default_to_union && !unified) return Type::Union({t1, t2});
  return unified;
}

inline std::optional<TypePtr> unifyTypeList(const std::vector<TypePtr>& types,
                                            bool default_to_union, TypePtr type_hint) {
  if (types.empty()) return std::nullopt;
  TypePtr ret = types[0];
  for (std::size_t i = 1; i < types.size(); ++i) {
    auto u = unifyTypes(ret, types[i], default_to_union, type_hint);
    if (!u) return std::nullopt;
    ret = *u;
  }
  return ret;
}

// ---- parsing ----------------------------------------------------------------------------------

// Resolves a qualified name (`__torch__.foo.Bar`) met while parsing a type. The default makes a
// class type of that name.
using TypeResolver = std::function<TypePtr(const std::string& qualified_name)>;

namespace detail {

class TypeParser {
 public:
  TypeParser(Cursor& c, TypeResolver resolver) : c_(c), resolver_(std::move(resolver)) {}

  // One type, in any of the three spellings, with postfix `[]` and `?`. Stops before an alias
  // annotation `(a!)` when `stop_at_alias` (the schema parser reads it).
  TypePtr parse() {
    TypePtr t = parse_base();
    return parse_postfix(std::move(t));
  }

  TypePtr parse_postfix(TypePtr t) {
    while (true) {
      c_.skip_blanks();
      if (c_.peek() == '[' && next_nonblank_after(1) == ']') {
        c_.expect("[");
        c_.expect("]");
        t = Type::List(std::move(t));
      } else if (c_.peek() == '?') {
        c_.get();
        t = Type::Optional(std::move(t));
      } else {
        return t;
      }
    }
  }

  TypePtr parse_base() {
    c_.skip_ws();
    if (c_.peek() == '(') return parse_tuple_parens();
    std::string name = c_.ident();
    auto bracket_args = [&](std::size_t n_min, std::size_t n_max) {
      c_.expect("[");
      std::vector<TypePtr> args;
      if (!c_.next_is("]")) {
        do {
          args.push_back(parse());
        } while (c_.next_if(","));
      }
      c_.expect("]");
      if (args.size() < n_min || args.size() > n_max)
        c_.fail(::tjit::detail::str_cat(name, "[...] takes ", n_min, n_min == n_max ? "" : "+",
                                        " type arguments"));
      return args;
    };
    auto paren_args = [&](std::size_t n) {
      c_.expect("(");
      std::vector<TypePtr> args;
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) c_.expect(",");
        args.push_back(parse());
      }
      c_.expect(")");
      return args;
    };
    auto next_char = [&]() {
      c_.skip_blanks();
      return c_.peek();
    };
    if (name == "List" && next_char() == '[') return Type::List(bracket_args(1, 1)[0]);
    if (name == "Optional" && next_char() == '[') {
      // As in Python, Optional[Union[A, B]] is Union[A, B, None].
      TypePtr e = bracket_args(1, 1)[0];
      if (e->kind() == TypeKind::UnionType) return Type::Union({e, Type::None()});
      return Type::Optional(e);
    }
    if (name == "Final" && next_char() == '[') return bracket_args(1, 1)[0];
    if (name == "Dict") {
      if (next_char() == '[') {
        auto a = bracket_args(2, 2);
        return Type::Dict(a[0], a[1]);
      }
      auto a = paren_args(2);
      return Type::Dict(a[0], a[1]);
    }
    if (name == "Future" || name == "RRef") {
      TypePtr e = next_char() == '[' ? bracket_args(1, 1)[0] : paren_args(1)[0];
      return name == "Future" ? Type::Future(e) : Type::RRef(e);
    }
    if (name == "Tuple" && next_char() == '[') {
      c_.expect("[");
      std::vector<TypePtr> elems;
      if (c_.next_if("(")) {
        c_.expect(")");
      } else if (!c_.next_is("]")) {
        do {
          elems.push_back(parse());
        } while (c_.next_if(","));
      }
      c_.expect("]");
      return Type::Tuple(std::move(elems));
    }
    if (name == "Union" && (next_char() == '[' || next_char() == '(')) {
      bool bracket = c_.peek() == '[';
      c_.get();
      std::vector<TypePtr> members;
      do {
        members.push_back(parse());
      } while (c_.next_if(","));
      c_.expect(bracket ? "]" : ")");
      // TorchScript reads Union[int, float, complex] as `number`.
      if (members.size() == 3) {
        int seen = 0;
        for (auto& m : members) {
          seen |= m->kind() == TypeKind::IntType ? 1 : 0;
          seen |= m->kind() == TypeKind::FloatType ? 2 : 0;
          seen |= m->kind() == TypeKind::ComplexType ? 4 : 0;
        }
        if (seen == 7) return Type::Number();
      }
      return Type::Union(std::move(members));
    }
    if (name == "NamedTuple" && next_char() == '(') {
      c_.expect("(");
      std::vector<std::string> fields;
      std::vector<TypePtr> elems;
      if (!c_.next_is(")")) {
        do {
          fields.push_back(c_.ident());
          c_.expect(":");
          elems.push_back(parse());
        } while (c_.next_if(","));
      }
      c_.expect(")");
      return Type::NamedTuple("", std::move(fields), std::move(elems));
    }
    if (name == "Tensor" && next_char() == '(') return refined_tensor(std::nullopt);
    if (TensorInfo::is_scalar_type_name(name)) return refined_tensor(name);
    if (name.size() > 6 && name.compare(name.size() - 6, 6, "Tensor") == 0 &&
        TensorInfo::is_scalar_type_name(name.substr(0, name.size() - 6))) {
      TensorInfo info;
      info.scalar_type = name.substr(0, name.size() - 6);
      if (next_char() == '(') parse_tensor_details(info, false);
      return Type::TensorOf(std::move(info));
    }
    if (auto t = simple(name)) return t;
    // Qualified names: `torch.Tensor`, `__torch__.foo.Bar`.
    if (c_.peek() == '.' && is_ident_start(c_.peek(1))) {
      std::string qual = name;
      while (c_.peek() == '.' && is_ident_start(c_.peek(1))) {
        c_.get();
        qual += '.';
        qual += c_.ident();
      }
      if (qual == "torch.Tensor") return Type::Tensor();
      if (qual == "torch.device") return Type::Device();
      if (qual == "torch.Generator") return Type::Generator();
      if (qual == "torch.dtype") return Type::Int();
      if (resolver_) {
        if (auto t = resolver_(qual)) return t;
      }
      return Type::Class(qual);
    }
    if (!name.empty() && std::islower(static_cast<unsigned char>(name[0])))
      return Type::Var(name);
    if (resolver_) {
      if (auto t = resolver_(name)) return t;
    }
    c_.fail(::tjit::detail::str_cat("unknown type '", name, "'"));
  }

  static TypePtr simple(const std::string& n) {
    static const std::pair<const char*, const TypePtr* (*)()> table[] = {
        {"Tensor", [] { return &Type::Tensor(); }},
        {"int", [] { return &Type::Int(); }},
        {"float", [] { return &Type::Float(); }},
        {"complex", [] { return &Type::Complex(); }},
        {"bool", [] { return &Type::Bool(); }},
        {"str", [] { return &Type::Str(); }},
        {"NoneType", [] { return &Type::None(); }},
        {"None", [] { return &Type::None(); }},
        {"Any", [] { return &Type::Any(); }},
        {"Device", [] { return &Type::Device(); }},
        {"Generator", [] { return &Type::Generator(); }},
        {"Stream", [] { return &Type::Stream(); }},
        {"Scalar", [] { return &Type::Number(); }},
        {"number", [] { return &Type::Number(); }},
        {"Storage", [] { return &Type::Storage(); }},
        {"Layout", [] { return &Type::Layout(); }},
        {"ScalarType", [] { return &Type::ScalarType(); }},
        {"MemoryFormat", [] { return &Type::MemoryFormat(); }},
        {"QScheme", [] { return &Type::QScheme(); }},
        {"Quantizer", [] { return &Type::Quantizer(); }},
        {"Capsule", [] { return &Type::Capsule(); }},
        {"PyObject", [] { return &Type::PyObject(); }},
        {"AnyClassType", [] { return &Type::AnyClass(); }},
        {"AnyEnumType", [] { return &Type::AnyEnum(); }},
        {"SymInt", [] { return &Type::SymInt(); }},
        {"list", [] { return &Type::AnyList(); }},
        {"tuple", [] { return &Type::AnyTuple(); }},
        {"Dimname", [] { return &Type::Str(); }},
        {"ConstQuantizerPtr", [] { return &Type::Int(); }},
    };
    for (auto& [name, get] : table)
      if (n == name) return *get();
    if (n == "Function") return Type::Function("Function");
    return nullptr;
  }

 private:
  char next_nonblank_after(std::size_t ahead) const {
    std::size_t i = ahead;
    while (c_.peek(i) == ' ' || c_.peek(i) == '\t') ++i;
    return c_.peek(i);
  }

  // `Float(2, *, strides=[3, 1], requires_grad=0, device=cpu)`, `Long(device=cpu)`.
  TypePtr refined_tensor(std::optional<std::string> scalar_type) {
    TensorInfo info;
    info.scalar_type = std::move(scalar_type);
    c_.skip_blanks();
    if (c_.peek() != '(') c_.fail("expected '(' after a dtype");
    parse_tensor_details(info, true);
    return Type::TensorOf(std::move(info));
  }

  void parse_tensor_details(TensorInfo& info, bool with_sizes) {
    c_.expect("(");
    std::vector<std::optional<std::int64_t>> sizes;
    if (!c_.next_is(")")) {
      do {
        c_.skip_ws();
        if (c_.next_if("*")) {
          sizes.push_back(std::nullopt);
        } else if (c_.next_is_number()) {
          sizes.push_back(c_.integer());
        } else {
          std::string field = c_.ident();
          c_.expect("=");
          if (field == "strides") {
            c_.expect("[");
            std::vector<std::optional<std::int64_t>> strides;
            if (!c_.next_is("]")) {
              do {
                strides.push_back(c_.integer());
              } while (c_.next_if(","));
            }
            c_.expect("]");
            info.strides = std::move(strides);
          } else if (field == "requires_grad") {
            info.requires_grad = c_.integer() != 0;
          } else if (field == "device") {
            std::string dev = c_.ident();
            if (c_.next_if(":")) dev += ":" + std::to_string(c_.integer());
            info.device = std::move(dev);
          } else {
            c_.fail("unknown tensor type field '" + field + "'");
          }
        }
      } while (c_.next_if(","));
    }
    c_.expect(")");
    if (with_sizes) info.sizes = std::move(sizes);
  }

  TypePtr parse_tuple_parens() {
    c_.expect("(");
    std::vector<TypePtr> elems;
    if (!c_.next_is(")")) {
      do {
        elems.push_back(parse());
      } while (c_.next_if(","));
    }
    c_.expect(")");
    return Type::Tuple(std::move(elems));
  }

  Cursor& c_;
  TypeResolver resolver_;
};

}  // namespace detail

// Parses a type in any spelling PyTorch prints: `Optional[List[int]]`, `int[]?`,
// `Dict(str, Tensor)`, `(int, str)`, `Tuple[()]`, `Union[int, str]`, `__torch__.foo.Bar`.
// Union[int, float, complex] is `number`, as in TorchScript annotations.
inline TypePtr parse_type(std::string_view text, TypeResolver resolver = nullptr) {
  detail::Cursor c(text, "type");
  detail::TypeParser p(c, std::move(resolver));
  TypePtr t = p.parse();
  c.skip_ws();
  if (!c.at_end()) c.fail("expected the end of the type");
  return t;
}

}  // namespace tjit::ir
