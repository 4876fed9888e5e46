// tjit/runtime/ivalue.hpp — IValue: the one value type of the interpreter, of method calls and of
// archives. libtorch's spelling, so code moves over unchanged:
//
//   std::vector<tjit::IValue> inputs{tjit::ones({2, 2}), 3, 0.5, "mean"};
//   tjit::IValue out = module.forward(inputs);
//   tjit::Tensor t = out.toTuple()->elements()[0].toTensor();
//
// Holds None, Tensor, int, float, complex, bool, str, Device, lists, insertion-ordered dicts,
// tuples (named ones too), objects (class instances and modules), enums, futures and an
// "uninitialized" marker. Builds on core/, tensor/ (Tensor, Scalar, Device) and ir/ (types,
// literals).
//
// Note [IValue layout]
// 16 bytes: an 8-byte payload (int64, double, bool, Device, a Tensor — one intrusive pointer —
// or a pointer to a reference-counted heap object) and a tag. Copying a heap value bumps its
// count; heap objects are shared, as in Python: two IValues of one list see each other's
// appends. Scalars and devices are stored inline, so an int loop allocates nothing.
#pragma once

#include <complex>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tjit/core/config.hpp"
#include "tjit/core/error.hpp"
#include "tjit/core/intrusive_ptr.hpp"
#include "tjit/core/task.hpp"
#include "tjit/ir/literal.hpp"
#include "tjit/ir/type.hpp"
#include "tjit/tensor/device.hpp"
#include "tjit/tensor/scalar.hpp"
#include "tjit/tensor/scalar_type.hpp"
#include "tjit/tensor/tensor_base.hpp"

namespace tjit::runtime {

using ir::TypePtr;
class IValue;
struct StringObj;
struct ComplexObj;
struct ListObj;
struct DictObj;
struct TupleObj;
struct Object;
struct EnumObj;
struct FutureObj;
struct CapsuleObj;

using StringPtr = IntrusivePtr<StringObj>;
using ListPtr = IntrusivePtr<ListObj>;
using DictPtr = IntrusivePtr<DictObj>;
using TuplePtr = IntrusivePtr<TupleObj>;
using ObjectPtr = IntrusivePtr<Object>;
using EnumPtr = IntrusivePtr<EnumObj>;
using FuturePtr = IntrusivePtr<FutureObj>;
using CapsulePtr = IntrusivePtr<CapsuleObj>;

// The order matters (Note [IValue tag order]): the tags whose payload owns memory come last.
#define TJIT_FORALL_IVALUE_TAGS(_) \
  _(None)                          \
  _(Double)                        \
  _(Int)                           \
  _(Bool)                          \
  _(Device)                        \
  _(Tensor)                        \
  _(ComplexDouble)                 \
  _(String)                        \
  _(GenericList)                   \
  _(GenericDict)                   \
  _(Tuple)                         \
  _(Object)                        \
  _(Enum)                          \
  _(Future)                        \
  _(Capsule)                       \
  _(Uninitialized)

class IValue {
 public:
  enum class Tag : std::uint32_t {
#define TJIT_IVALUE_TAG(x) x,
    TJIT_FORALL_IVALUE_TAGS(TJIT_IVALUE_TAG)
#undef TJIT_IVALUE_TAG
  };
  static_assert(Tag::Tensor > Tag::Device && Tag::ComplexDouble == Tag(int(Tag::Tensor) + 1) &&
                    Tag::String > Tag::ComplexDouble,
                "Note [IValue tag order]");

  // ---- construction ---------------------------------------------------------------------------
  IValue() noexcept : tag_(Tag::None) { p_.i = 0; }
  IValue(std::nullptr_t) noexcept : IValue() {}
  IValue(std::nullopt_t) noexcept : IValue() {}
  IValue(Tensor t) noexcept : tag_(Tag::Tensor) { new (&p_.t) Tensor(std::move(t)); }
  IValue(double d) noexcept : tag_(Tag::Double) { p_.d = d; }
  IValue(float d) noexcept : IValue(static_cast<double>(d)) {}
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  IValue(I v) noexcept : tag_(Tag::Int) {
    p_.i = static_cast<std::int64_t>(v);
  }
  IValue(bool b) noexcept : tag_(Tag::Bool) { p_.i = 0; p_.b = b; }
  IValue(ScalarType t) noexcept : IValue(static_cast<std::int64_t>(t)) {}  // dtypes are ints
  IValue(Device d) noexcept : tag_(Tag::Device) {
    p_.i = 0;
    p_.dev.type = static_cast<std::int8_t>(d.type());
    p_.dev.index = d.index();
  }
  IValue(std::complex<double> c);
  IValue(std::string s);
  IValue(std::string_view s) : IValue(std::string(s)) {}
  IValue(const char* s) : IValue(std::string(s)) {}
  IValue(const Scalar& s);
  IValue(StringPtr v) noexcept;
  IValue(ListPtr v) noexcept;
  IValue(DictPtr v) noexcept;
  IValue(TuplePtr v) noexcept;
  IValue(ObjectPtr v) noexcept;
  IValue(EnumPtr v) noexcept;
  IValue(FuturePtr v) noexcept;
  IValue(CapsulePtr v) noexcept;
  // Lists of ints, floats, bools, strings and tensors, typed after their C++ element type.
  IValue(std::vector<std::int64_t> v);
  IValue(std::initializer_list<std::int64_t> v) : IValue(std::vector<std::int64_t>(v)) {}
  IValue(IntArrayRef v) : IValue(std::vector<std::int64_t>(v.begin(), v.end())) {}
  IValue(std::vector<double> v);
  IValue(std::vector<bool> v);
  IValue(std::vector<std::string> v);
  IValue(std::vector<Tensor> v);
  template <class T>
  IValue(std::optional<T> v) : IValue() {
    if (v) *this = IValue(std::move(*v));
  }
  // std::tuple / std::pair become TorchScript tuples.
  template <class... Ts>
  IValue(std::tuple<Ts...> t);
  template <class A, class B>
  IValue(std::pair<A, B> p) : IValue(std::tuple<A, B>(std::move(p.first), std::move(p.second))) {}

  static IValue uninitialized() noexcept {
    IValue v;
    v.tag_ = Tag::Uninitialized;
    return v;
  }

  IValue(const IValue& o) noexcept : tag_(o.tag_) { copy_payload(o); }
  IValue(IValue&& o) noexcept : tag_(o.tag_) {
    if (tag_ == Tag::Tensor) {
      new (&p_.t) Tensor(std::move(o.p_.t));
      o.p_.t.~Tensor();
    } else {
      p_.i = o.p_.i;
    }
    o.tag_ = Tag::None;
    o.p_.i = 0;
  }
  IValue& operator=(const IValue& o) noexcept {
    if (!owns_memory() && !o.owns_memory()) {  // numbers, None, devices: a plain copy
      tag_ = o.tag_;
      p_.i = o.p_.i;
    } else if (this != &o) {
      IValue(o).swap(*this);
    }
    return *this;
  }
  IValue& operator=(IValue&& o) noexcept {
    if (!owns_memory() && !o.owns_memory()) {
      tag_ = o.tag_;
      p_.i = o.p_.i;
      if (this != &o) {
        o.tag_ = Tag::None;
        o.p_.i = 0;
      }
    } else {
      IValue(std::move(o)).swap(*this);
    }
    return *this;
  }
  ~IValue() { destroy(); }
  // Overwrite with a number in place (the interpreter's scalar register instructions).
  void setInt(std::int64_t v) noexcept {
    if (owns_memory()) destroy();
    tag_ = Tag::Int;
    p_.i = v;
  }
  void setDouble(double v) noexcept {
    if (owns_memory()) destroy();
    tag_ = Tag::Double;
    p_.d = v;
  }
  void setBool(bool v) noexcept {
    if (owns_memory()) destroy();
    tag_ = Tag::Bool;
    p_.i = 0;
    p_.b = v;
  }
  void swap(IValue& o) noexcept {
    IValue tmp(std::move(o));
    o.move_from(std::move(*this));
    move_from(std::move(tmp));
  }

  // ---- inspection -----------------------------------------------------------------------------
  Tag tag() const noexcept { return tag_; }
  const char* tagKind() const noexcept;
  bool isNone() const noexcept { return tag_ == Tag::None; }
  bool isTensor() const noexcept { return tag_ == Tag::Tensor; }
  bool isDouble() const noexcept { return tag_ == Tag::Double; }
  bool isComplexDouble() const noexcept { return tag_ == Tag::ComplexDouble; }
  bool isInt() const noexcept { return tag_ == Tag::Int; }
  bool isBool() const noexcept { return tag_ == Tag::Bool; }
  bool isString() const noexcept { return tag_ == Tag::String; }
  bool isDevice() const noexcept { return tag_ == Tag::Device; }
  bool isList() const noexcept { return tag_ == Tag::GenericList; }
  bool isGenericDict() const noexcept { return tag_ == Tag::GenericDict; }
  bool isTuple() const noexcept { return tag_ == Tag::Tuple; }
  bool isObject() const noexcept { return tag_ == Tag::Object; }
  bool isModule() const noexcept;
  bool isEnum() const noexcept { return tag_ == Tag::Enum; }
  bool isFuture() const noexcept { return tag_ == Tag::Future; }
  bool isCapsule() const noexcept { return tag_ == Tag::Capsule; }
  bool isUninitialized() const noexcept { return tag_ == Tag::Uninitialized; }
  bool isScalar() const noexcept { return isDouble() || isInt() || isBool() || isComplexDouble(); }
  bool isIntList() const noexcept;
  bool isDoubleList() const noexcept;
  bool isBoolList() const noexcept;
  bool isTensorList() const noexcept;
  // Whether the payload is a pointer to a shared heap object (PyTorch's isPtrType).
  // Note [IValue tag order]: numbers, bools, devices and None come first, then the Tensor, then
  // the tags whose payload is a refcounted pointer; each test is one comparison, which the
  // interpreter's number assignments (setInt, ...) and every copy and move rely on.
  bool isPtrType() const noexcept { return tag_ >= Tag::ComplexDouble; }
  bool owns_memory() const noexcept { return tag_ >= Tag::Tensor; }

  // ---- access (throw tjit::Error naming both kinds on a mismatch) -----------------------------
  const Tensor& toTensor() const& {
    check(Tag::Tensor, "Tensor");
    return p_.t;
  }
  Tensor& toTensor() & {
    check(Tag::Tensor, "Tensor");
    return p_.t;
  }
  Tensor toTensor() && {
    check(Tag::Tensor, "Tensor");
    return std::move(p_.t);
  }
  double toDouble() const {
    check(Tag::Double, "Double");
    return p_.d;
  }
  std::int64_t toInt() const {
    check(Tag::Int, "Int");
    return p_.i;
  }
  bool toBool() const {
    check(Tag::Bool, "Bool");
    return p_.b;
  }
  Device toDevice() const {
    check(Tag::Device, "Device");
    return Device(static_cast<DeviceType>(p_.dev.type), p_.dev.index);
  }
  ScalarType toScalarType() const;  // from the int TorchScript uses for dtypes
  std::complex<double> toComplexDouble() const;
  const std::string& toStringRef() const;
  std::string_view toStringView() const { return toStringRef(); }
  StringPtr toString() const { return ptr<StringObj>(Tag::String, "String"); }
  ListPtr toList() const { return ptr<ListObj>(Tag::GenericList, "GenericList"); }
  DictPtr toGenericDict() const { return ptr<DictObj>(Tag::GenericDict, "GenericDict"); }
  TuplePtr toTuple() const { return ptr<TupleObj>(Tag::Tuple, "Tuple"); }
  ObjectPtr toObject() const { return ptr<Object>(Tag::Object, "Object"); }
  EnumPtr toEnumHolder() const { return ptr<EnumObj>(Tag::Enum, "Enum"); }
  FuturePtr toFuture() const { return ptr<FutureObj>(Tag::Future, "Future"); }
  CapsulePtr toCapsule() const { return ptr<CapsuleObj>(Tag::Capsule, "Capsule"); }
  // Borrowed views of heap objects (valid while this IValue lives).
  ListObj& toListRef() const { return ref<ListObj>(Tag::GenericList, "GenericList"); }
  TupleObj& toTupleRef() const { return ref<TupleObj>(Tag::Tuple, "Tuple"); }
  DictObj& toDictRef() const { return ref<DictObj>(Tag::GenericDict, "GenericDict"); }
  Object& toObjectRef() const { return ref<Object>(Tag::Object, "Object"); }

  // int, float, bool or complex as a Scalar; a one-element tensor too, as PyTorch's toScalar.
  Scalar toScalar() const;
  std::vector<std::int64_t> toIntVector() const;
  std::vector<double> toDoubleVector() const;
  std::vector<bool> toBoolVector() const;
  std::vector<Tensor> toTensorVector() const;
  std::vector<std::string> toStringVector() const;
  // Converts to C++ type T (Tensor, int64_t, double, bool, std::string, Scalar, Device,
  // ScalarType, std::vector<...>, std::optional<...>, std::tuple<...>, IValue); see the boxing
  // rules in runtime/detail/boxing.hpp.
  template <class T>
  T to() const&;

  // ---- Python-like behaviour ------------------------------------------------------------------
  // The runtime type: `Tensor`, `int`, `List[int]`, `Tuple[int, str]`, the class of an object...
  TypePtr type() const;
  // `a == b` as TorchScript's `==` on these values (tensors: identity; use aten::eq for
  // elementwise); `is` compares identity of heap values and equality of inline ones.
  friend bool operator==(const IValue& a, const IValue& b);
  friend bool operator!=(const IValue& a, const IValue& b) { return !(a == b); }
  bool is(const IValue& o) const;
  // Python's hash() for dict keys (str, int, float, bool, Tensor identity, tuples of those).
  std::size_t hash() const;
  // Prints as TorchScript's print(): `1`, `1.5`, `[1, 2]`, `{'a': 1}`, strings unquoted at
  // the top level, tensors in PyTorch's tensor format.
  friend std::ostream& operator<<(std::ostream& out, const IValue& v);
  // Prints as PyTorch's IValue::repr: strings quoted, floats always with a point.
  void repr(std::ostream& out) const;
  std::string repr() const;

  // The raw heap pointer of a pointer type (null otherwise); for identity maps (memoisation in
  // pickling, deep copies).
  const void* internalPtr() const noexcept {
    return tag_ == Tag::Tensor ? p_.t.unsafe_impl_ptr() : isPtrType() ? p_.p : nullptr;
  }

 private:
  IValue(Tag t, Refcounted* p) noexcept : tag_(p ? t : Tag::None) { p_.p = p; }

  void check(Tag want, const char* name) const {
    if (tag_ != want) throw_wrong_kind(name);
  }
  [[noreturn]] void throw_wrong_kind(const char* want) const;
  template <class T>
  IntrusivePtr<T> ptr(Tag want, const char* name) const {
    check(want, name);
    return IntrusivePtr<T>(static_cast<T*>(p_.p));
  }
  template <class T>
  T& ref(Tag want, const char* name) const {
    check(want, name);
    return *static_cast<T*>(p_.p);
  }

  void copy_payload(const IValue& o) noexcept {
    if (tag_ == Tag::Tensor) {
      new (&p_.t) Tensor(o.p_.t);
    } else {
      p_.i = o.p_.i;
      if (isPtrType()) IntrusivePtr<Refcounted>(p_.p).release();  // one more reference
    }
  }
  void move_from(IValue&& o) noexcept {
    tag_ = o.tag_;
    if (tag_ == Tag::Tensor) {
      new (&p_.t) Tensor(std::move(o.p_.t));
      o.p_.t.~Tensor();
    } else {
      p_.i = o.p_.i;
    }
    o.tag_ = Tag::None;
    o.p_.i = 0;
  }
  void destroy() noexcept {
    if (tag_ == Tag::Tensor) {
      p_.t.~Tensor();
    } else if (isPtrType()) {
      IntrusivePtr<Refcounted>::reclaim(p_.p);  // drops our reference
    }
  }

  union Payload {
    Payload() noexcept {}
    ~Payload() {}
    std::int64_t i;
    double d;
    bool b;
    Refcounted* p;
    Tensor t;
    struct {
      std::int8_t type;
      std::int8_t index;
    } dev;
  } p_;
  Tag tag_;
};

static_assert(sizeof(IValue) == 16, "see Note [IValue layout]");

using Stack = std::vector<IValue>;

// ---- heap objects ----------------------------------------------------------------------------

struct StringObj : Refcounted {
  explicit StringObj(std::string s) : str(std::move(s)) {}
  std::string str;
};

struct ComplexObj : Refcounted {
  explicit ComplexObj(std::complex<double> v) : value(v) {}
  std::complex<double> value;
};

// A TorchScript list: a shared vector of IValues and the static type of its elements.
struct ListObj : Refcounted {
  ListObj(TypePtr elem, std::vector<IValue> items = {})
      : elem_type(std::move(elem)), items(std::move(items)) {}
  TypePtr elem_type;
  std::vector<IValue> items;
  std::size_t size() const { return items.size(); }
  // Python's index rules: negative counts from the end; out of range throws IndexError.
  IValue& at(std::int64_t i);
};

// Hash and equality for dict keys.
struct IValueHash {
  std::size_t operator()(const IValue& v) const { return v.hash(); }
};
struct IValueKeyEqual {
  bool operator()(const IValue& a, const IValue& b) const;
};

// An insertion-ordered dict (Python 3.7+ semantics; PyTorch's c10::Dict keeps order too).
struct DictObj : Refcounted {
  DictObj(TypePtr key, TypePtr value) : key_type(std::move(key)), value_type(std::move(value)) {}
  TypePtr key_type, value_type;

  std::size_t size() const { return entries_.size(); }
  const std::vector<std::pair<IValue, IValue>>& entries() const { return entries_; }
  const IValue* find(const IValue& key) const;
  bool contains(const IValue& key) const { return find(key) != nullptr; }
  // d[key]: throws KeyError naming the key when missing.
  const IValue& at(const IValue& key) const;
  // d[key] = value: replaces in place, or appends in insertion order.
  void insert_or_assign(IValue key, IValue value);
  // Inserts only when missing; returns whether it did.
  bool insert(IValue key, IValue value);
  bool erase(const IValue& key);
  void clear();

 private:
  std::vector<std::pair<IValue, IValue>> entries_;
  std::unordered_map<IValue, std::size_t, IValueHash, IValueKeyEqual> index_;  // key -> slot
};

struct TupleObj : Refcounted {
  explicit TupleObj(std::vector<IValue> elems, TypePtr named_type = nullptr)
      : elems_(std::move(elems)), named_type_(std::move(named_type)) {}
  const std::vector<IValue>& elements() const { return elems_; }
  std::vector<IValue>& elements() { return elems_; }
  std::size_t size() const { return elems_.size(); }
  // Set for NamedTuples: their type carries the field names.
  const TypePtr& namedType() const { return named_type_; }

 private:
  std::vector<IValue> elems_;
  TypePtr named_type_;
};

// An instance of a TorchScript class or module: a class type and one slot per attribute (the
// slots follow the class's attribute list, Note [Object slots]).
struct Object : Refcounted {
  Object(TypePtr type, std::size_t num_slots) : type_(std::move(type)), slots_(num_slots) {}
  const TypePtr& type() const { return type_; }
  const std::string& name() const { return type_->name(); }
  std::vector<IValue>& slots() { return slots_; }
  const std::vector<IValue>& slots() const { return slots_; }
  // Attribute by name; throws AttributeError-like tjit::Error when the class has none.
  const IValue& getAttr(std::string_view name) const;
  void setAttr(std::string_view name, IValue v);
  bool hasAttr(std::string_view name) const;
  const IValue& getSlot(std::size_t i) const { return slots_.at(i); }
  void setSlot(std::size_t i, IValue v);
  // An owner set by whoever compiled the class (the CompilationUnit holding its methods).
  std::shared_ptr<void> compilation_unit;

 private:
  std::size_t slot_of(std::string_view name) const;
  TypePtr type_;
  std::vector<IValue> slots_;
};
// Note [Object slots]
// Attributes live in `ClassInfo::attributes` of the object's type; new attributes may be added
// to the type later (a module being built), so setSlot grows the slot vector on demand.

struct EnumObj : Refcounted {
  EnumObj(TypePtr type, std::string name, IValue value)
      : type(std::move(type)), name(std::move(name)), value(std::move(value)) {}
  TypePtr type;
  std::string name;
  IValue value;
  std::string qualifiedClassName() const { return type->name(); }
};

struct FutureObj : Refcounted {
  explicit FutureObj(TypePtr elem_type) : elem_type_(std::move(elem_type)) {}

  const TypePtr& elementType() const { return elem_type_; }

  void markCompleted(IValue value) { complete(std::move(value), nullptr); }
  void setError(std::exception_ptr error) { complete(IValue(), std::move(error)); }

  bool completed() const {
    std::lock_guard<std::mutex> lock(mu_);
    return completed_;
  }
  bool hasError() const {
    std::lock_guard<std::mutex> lock(mu_);
    return error_ != nullptr;
  }

  // Blocks until completed (running the producing task inline if no worker started it), then
  // returns the value or rethrows the error.
  const IValue& wait() {
    if (producer_) producer_->wait();
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return completed_; });
    if (error_) std::rethrow_exception(error_);
    return value_;
  }
  // The value of a completed future (PyTorch's Future.value()).
  const IValue& value() const {
    std::lock_guard<std::mutex> lock(mu_);
    TJIT_CHECK(completed_, "Future is not completed yet");
    if (error_) std::rethrow_exception(error_);
    return value_;
  }

  // Runs `fn(*this)` once the future completes (now, if it already has).
  void addCallback(std::function<void(FutureObj&)> fn) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!completed_) {
      callbacks_.push_back(std::move(fn));
      return;
    }
    lock.unlock();
    fn(*this);
  }

  // The task that will complete this future (set by fork), so wait() can run it inline.
  void setProducer(std::shared_ptr<tjit::detail::Task> task) { producer_ = std::move(task); }

 private:
  void complete(IValue value, std::exception_ptr error) {
    std::vector<std::function<void(FutureObj&)>> callbacks;
    {
      std::lock_guard<std::mutex> lock(mu_);
      TJIT_CHECK(!completed_, "Future is already completed");
      value_ = std::move(value);
      error_ = std::move(error);
      completed_ = true;
      callbacks.swap(callbacks_);
    }
    cv_.notify_all();
    for (auto& cb : callbacks) cb(*this);
  }

  TypePtr elem_type_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool completed_ = false;
  IValue value_;
  std::exception_ptr error_;
  std::vector<std::function<void(FutureObj&)>> callbacks_;
  std::shared_ptr<tjit::detail::Task> producer_;
};

// Opaque C++ state carried through the interpreter (functions as values, generators).
struct CapsuleObj : Refcounted {
  virtual std::string describe() const { return "Capsule"; }
};

// ---- IValue constructors that need the heap types complete ---------------------------------
inline IValue::IValue(StringPtr v) noexcept : IValue(Tag::String, v.release()) {}
inline IValue::IValue(ListPtr v) noexcept : IValue(Tag::GenericList, v.release()) {}
inline IValue::IValue(DictPtr v) noexcept : IValue(Tag::GenericDict, v.release()) {}
inline IValue::IValue(TuplePtr v) noexcept : IValue(Tag::Tuple, v.release()) {}
inline IValue::IValue(ObjectPtr v) noexcept : IValue(Tag::Object, v.release()) {}
inline IValue::IValue(EnumPtr v) noexcept : IValue(Tag::Enum, v.release()) {}
inline IValue::IValue(FuturePtr v) noexcept : IValue(Tag::Future, v.release()) {}
inline IValue::IValue(CapsulePtr v) noexcept : IValue(Tag::Capsule, v.release()) {}
// ---- builders --------------------------------------------------------------------------------

inline ListPtr make_list(TypePtr elem_type, std::vector<IValue> items = {}) {
  return make_intrusive<ListObj>(std::move(elem_type), std::move(items));
}
inline TuplePtr make_tuple(std::vector<IValue> elems, TypePtr named_type = nullptr) {
  return make_intrusive<TupleObj>(std::move(elems), std::move(named_type));
}
inline DictPtr make_dict(TypePtr key_type, TypePtr value_type) {
  return make_intrusive<DictObj>(std::move(key_type), std::move(value_type));
}
ObjectPtr make_object(TypePtr class_type);

// Constants of the IR as runtime values, and back (tensor constants through the holder of
// Note [Tensor constants] in ir/literal.hpp).
IValue from_literal(const ir::Literal& lit, const TypePtr& type = nullptr);
std::optional<ir::Literal> to_literal(const IValue& v);
ir::TensorConstant make_tensor_constant(Tensor t);
// The tensor inside a tensor constant made by make_tensor_constant.
const Tensor& tensor_of_constant(const ir::TensorConstant& c);

// ---- inline definitions ----------------------------------------------------------------------

template <class... Ts>
IValue::IValue(std::tuple<Ts...> t) : IValue() {
  std::vector<IValue> elems;
  elems.reserve(sizeof...(Ts));
  std::apply([&](auto&&... x) { (elems.emplace_back(std::move(x)), ...); }, std::move(t));
  *this = IValue(make_tuple(std::move(elems)));
}

namespace detail {
// How IValue::to<T>() converts: one specialisation per C++ type.
template <class T, class = void>
struct IValueTo {
  static_assert(sizeof(T) == 0, "IValue::to<T>(): no conversion from IValue to this C++ type");
};
template <>
struct IValueTo<IValue> {
  static IValue get(const IValue& v) { return v; }
};
template <>
struct IValueTo<Tensor> {
  static Tensor get(const IValue& v) { return v.toTensor(); }
};
template <class I>
struct IValueTo<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>> {
  static I get(const IValue& v) { return static_cast<I>(v.toInt()); }
};
template <>
struct IValueTo<double> {
  static double get(const IValue& v) { return v.toDouble(); }
};
template <>
struct IValueTo<bool> {
  static bool get(const IValue& v) { return v.toBool(); }
};
template <>
struct IValueTo<std::string> {
  static std::string get(const IValue& v) { return v.toStringRef(); }
};
template <>
struct IValueTo<std::complex<double>> {
  static std::complex<double> get(const IValue& v) { return v.toComplexDouble(); }
};
template <>
struct IValueTo<Scalar> {
  static Scalar get(const IValue& v) { return v.toScalar(); }
};
template <>
struct IValueTo<Device> {
  static Device get(const IValue& v) { return v.toDevice(); }
};
template <>
struct IValueTo<ScalarType> {
  static ScalarType get(const IValue& v) { return v.toScalarType(); }
};
template <class T>
struct IValueTo<IntrusivePtr<T>> {
  static IntrusivePtr<T> get(const IValue& v) {
    if constexpr (std::is_same_v<T, ListObj>) return v.toList();
    else if constexpr (std::is_same_v<T, TupleObj>) return v.toTuple();
    else if constexpr (std::is_same_v<T, DictObj>) return v.toGenericDict();
    else if constexpr (std::is_same_v<T, Object>) return v.toObject();
    else if constexpr (std::is_same_v<T, FutureObj>) return v.toFuture();
    else if constexpr (std::is_same_v<T, StringObj>) return v.toString();
    else if constexpr (std::is_same_v<T, EnumObj>) return v.toEnumHolder();
    else return v.toCapsule();
  }
};
template <class T>
struct IValueTo<std::vector<T>> {
  static std::vector<T> get(const IValue& v) {
    if constexpr (std::is_same_v<T, std::int64_t>) {
      return v.toIntVector();
    } else if constexpr (std::is_same_v<T, double>) {
      return v.toDoubleVector();
    } else if constexpr (std::is_same_v<T, bool>) {
      return v.toBoolVector();
    } else if constexpr (std::is_same_v<T, Tensor>) {
      return v.toTensorVector();
    } else {
      const ListObj& l = v.toListRef();
      std::vector<T> out;
      out.reserve(l.items.size());
      for (const IValue& x : l.items) out.push_back(IValueTo<T>::get(x));
      return out;
    }
  }
};
template <class T>
struct IValueTo<std::optional<T>> {
  static std::optional<T> get(const IValue& v) {
    if (v.isNone()) return std::nullopt;
    return IValueTo<T>::get(v);
  }
};
template <class... Ts>
struct IValueTo<std::tuple<Ts...>> {
  static std::tuple<Ts...> get(const IValue& v) {
    const TupleObj& t = v.toTupleRef();
    TJIT_CHECK(t.size() == sizeof...(Ts), "Expected a tuple of ", sizeof...(Ts),
               " elements but got one of ", t.size());
    return unpack(t, std::index_sequence_for<Ts...>{});
  }
  template <std::size_t... I>
  static std::tuple<Ts...> unpack(const TupleObj& t, std::index_sequence<I...>) {
    return std::tuple<Ts...>(IValueTo<Ts>::get(t.elements()[I])...);
  }
};
}  // namespace detail

template <class T>
T IValue::to() const& {
  return detail::IValueTo<T>::get(*this);
}

}  // namespace tjit::runtime

namespace tjit {
using runtime::IValue;
}  // namespace tjit

#ifdef TJIT_HEADER_ONLY
#include "tjit/runtime/detail/ivalue_impl.hpp"
#endif
