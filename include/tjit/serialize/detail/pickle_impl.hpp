// Definitions of tjit/serialize/pickle.hpp (see tjit/core/config.hpp for TJIT_DEF).
#pragma once

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "tjit/serialize/pickle.hpp"

namespace tjit::serialize {

namespace detail {

using runtime::CapsuleObj;
using runtime::DictObj;
using runtime::ListObj;
using runtime::Object;
using runtime::TupleObj;

enum Op : std::uint8_t {
  MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', BININT = 'J', BININT1 = 'K',
  BININT2 = 'M', NONE = 'N', BINPERSID = 'Q', REDUCE = 'R', BINSTRING = 'T',
  SHORT_BINSTRING = 'U', BINUNICODE = 'X', APPEND = 'a', BUILD = 'b', GLOBAL = 'c', DICT = 'd',
  EMPTY_DICT = '}', APPENDS = 'e', GET = 'g', BINGET = 'h', LONG_BINGET = 'j', LIST = 'l',
  EMPTY_LIST = ']', PUT = 'p', BINPUT = 'q', LONG_BINPUT = 'r', SETITEM = 's', TUPLE = 't',
  EMPTY_TUPLE = ')', SETITEMS = 'u', BINFLOAT = 'G', BINBYTES = 'B', SHORT_BINBYTES = 'C',
  PROTO = 0x80, NEWOBJ = 0x81, TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87, NEWTRUE = 0x88,
  NEWFALSE = 0x89, LONG1 = 0x8a, LONG4 = 0x8b, SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d,
  BINBYTES8 = 0x8e, NEWOBJ_EX = 0x92, STACK_GLOBAL = 0x93, MEMOIZE = 0x94, FRAME = 0x95,
};

// A GLOBAL the unpickler understands, as a value on its stack (never in its result).
struct GlobalObj : CapsuleObj {
  enum Kind {
    RebuildTensorV2, RebuildParameter, OrderedDict, Complex, Device, BuildIntList,
    BuildDoubleList, BuildBoolList, BuildTensorList, RestoreTypeTag, StorageClass, Class, Enum,
  };
  GlobalObj(Kind k, std::string qualname) : kind(k), name(std::move(qualname)) {}
  Kind kind;
  std::string name;  // "torch._utils._rebuild_tensor_v2"
  ScalarType dtype = ScalarType::Undefined;  // StorageClass
  TypePtr type;                             // Class, Enum
  std::string describe() const override { return "global " + name; }
};

// A storage from a persistent id.
struct StorageObj : CapsuleObj {
  Storage storage;
  ScalarType dtype = ScalarType::Undefined;
  std::int64_t numel = 0;
  std::string describe() const override { return "Storage"; }
};

template <class T>
T* capsule_as(const IValue& v) {
  return v.isCapsule() ? dynamic_cast<T*>(v.toCapsule().get()) : nullptr;
}

inline bool is_container(const IValue& v) {
  return v.isList() || v.isTuple() || v.isGenericDict() || v.isObject();
}

inline std::vector<IValue> children_of(const IValue& v) {
  std::vector<IValue> out;
  if (v.isList()) {
    out = v.toListRef().items;
  } else if (v.isTuple()) {
    out = v.toTupleRef().elements();
  } else if (v.isGenericDict()) {
    for (const auto& [k, x] : v.toDictRef().entries()) {
      out.push_back(k);
      out.push_back(x);
    }
  } else if (v.isObject()) {
    out = v.toObjectRef().slots();
  }
  return out;
}

// Takes containers apart iteratively so that destroying deep or cyclic structures neither
// recurses nor leaks. Only for values the unpickler made and is throwing away.
inline void dismantle(std::vector<IValue> work) noexcept {
  try {
    while (!work.empty()) {
      IValue v = std::move(work.back());
      work.pop_back();
      if (v.isList()) {
        auto& items = v.toListRef().items;
        for (auto& x : items) work.push_back(std::move(x));
        items.clear();
      } else if (v.isTuple()) {
        auto& items = v.toTupleRef().elements();
        for (auto& x : items) work.push_back(std::move(x));
        items.clear();
      } else if (v.isGenericDict()) {
        DictObj& d = v.toDictRef();
        for (const auto& [k, x] : d.entries()) {
          work.push_back(k);
          work.push_back(x);
        }
        d.clear();
      } else if (v.isObject()) {
        auto& slots = v.toObjectRef().slots();
        for (auto& x : slots) work.push_back(std::move(x));
        slots.clear();
      }
    }
  } catch (...) {
  }
}

inline TypePtr unify_all(const std::vector<TypePtr>& ts) {
  if (ts.empty()) return ir::Type::Any();
  TypePtr t = ts[0];
  for (std::size_t i = 1; i < ts.size(); ++i)
    if (!ts[i]->equals(*t)) return ir::Type::Any();
  return t;
}

class Unpickler {
 public:
  Unpickler(std::string_view bytes, const UnpicklerOptions& o) : in_(bytes), o_(o) {}

  IValue parse() {
    try {
      IValue result = run();
      finish(result);
      memo_.clear();
      return result;
    } catch (...) {
      std::vector<IValue> all = std::move(stack_);
      for (auto& [id, v] : memo_) all.push_back(std::move(v));
      for (auto& [k, s] : storages_) all.push_back(std::move(s));
      memo_.clear();
      dismantle(std::move(all));
      throw;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(tjit::detail::str_cat("Unpickler: ", what, " (at byte ", op_pos_, ")"));
  }
  const std::uint8_t* need(std::size_t n) {
    if (in_.size() - pos_ < n) fail("the pickle is truncated");
    auto p = reinterpret_cast<const std::uint8_t*>(in_.data()) + pos_;
    pos_ += n;
    return p;
  }
  std::uint64_t read_le(int n) {
    const std::uint8_t* p = need(static_cast<std::size_t>(n));
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
  }
  std::string read_bytes(std::uint64_t n) {
    if (n > in_.size() - pos_) fail("the pickle is truncated");
    return std::string(reinterpret_cast<const char*>(need(static_cast<std::size_t>(n))),
                       static_cast<std::size_t>(n));
  }
  std::string read_line() {
    std::size_t nl = in_.find('\n', pos_);
    if (nl == std::string_view::npos) fail("the pickle is truncated (GLOBAL without newline)");
    std::string s(in_.substr(pos_, nl - pos_));
    pos_ = nl + 1;
    return s;
  }
  IValue pop() {
    if (stack_.size() <= (marks_.empty() ? 0 : marks_.back()))
      fail("stack underflow");
    IValue v = std::move(stack_.back());
    stack_.pop_back();
    return v;
  }
  IValue& top() {
    if (stack_.size() <= (marks_.empty() ? 0 : marks_.back())) fail("stack underflow");
    return stack_.back();
  }
  // The items since the last MARK, removing the mark.
  std::vector<IValue> pop_mark() {
    if (marks_.empty()) fail("MARK expected but not found");
    std::size_t m = marks_.back();
    marks_.pop_back();
    std::vector<IValue> items(std::make_move_iterator(stack_.begin() + static_cast<std::ptrdiff_t>(m)),
                              std::make_move_iterator(stack_.end()));
    stack_.resize(m);
    return items;
  }
  void memo_put(std::uint64_t id) {
    if (stack_.empty()) fail("memo PUT on an empty stack");
    memo_[id] = stack_.back();
  }
  void memo_get(std::uint64_t id) {
    auto it = memo_.find(id);
    if (it == memo_.end()) fail(tjit::detail::str_cat("memo id ", id, " was never stored"));
    stack_.push_back(it->second);
  }

  IValue make_tuple(std::vector<IValue> items) {
    int depth = 1;
    for (const IValue& x : items)
      if (x.isTuple()) {
        auto it = tuple_depth_.find(x.internalPtr());
        depth = std::max(depth, (it == tuple_depth_.end() ? 1 : it->second) + 1);
      }
    if (depth > o_.max_depth) fail("tuples are nested too deeply");
    IValue t(runtime::make_tuple(std::move(items)));
    tuple_depth_[t.internalPtr()] = depth;
    return t;
  }
  IValue make_untyped_list(std::vector<IValue> items = {}) {
    IValue l(runtime::make_list(ir::Type::Any(), std::move(items)));
    untyped_.insert(l.internalPtr());
    untyped_keep_.push_back(l);
    return l;
  }
  IValue make_untyped_dict() {
    IValue d(runtime::make_dict(ir::Type::Any(), ir::Type::Any()));
    untyped_.insert(d.internalPtr());
    untyped_keep_.push_back(d);
    return d;
  }
  void set_item(IValue& dict, IValue k, IValue v) {
    if (!dict.isGenericDict()) fail(tjit::detail::str_cat("SETITEM on a ", dict.tagKind()));
    dict.toDictRef().insert_or_assign(std::move(k), std::move(v));
  }
  void append(IValue& list, std::vector<IValue> items) {
    if (!list.isList()) fail(tjit::detail::str_cat("APPEND on a ", list.tagKind()));
    auto& l = list.toListRef().items;
    for (auto& x : items) l.push_back(std::move(x));
  }

  IValue run();
  IValue global(const std::string& module, const std::string& name);
  IValue reduce(const IValue& callable, IValue args);
  IValue rebuild_tensor(const std::vector<IValue>& args);
  IValue persistent_load(const IValue& pid);
  void build(IValue& obj, IValue state);
  void finish(IValue& result);

  std::string_view in_;
  std::size_t pos_ = 0, op_pos_ = 0;
  const UnpicklerOptions& o_;
  std::vector<IValue> stack_;
  std::vector<std::size_t> marks_;
  std::unordered_map<std::uint64_t, IValue> memo_;
  std::unordered_map<std::string, IValue> storages_;  // key -> StorageObj
  std::unordered_map<const void*, int> tuple_depth_;
  std::unordered_set<const void*> untyped_;
  // Keeps the untyped containers alive until the end: a container consumed on the way (an
  // object's state dict) must not free its address for another value, which untyped_ would
  // then take for it.
  std::vector<IValue> untyped_keep_;
};

inline IValue Unpickler::run() {
  if (in_.size() < 2 || static_cast<std::uint8_t>(in_[0]) != PROTO)
    throw Error("Unpickler: not a pickle (it must start with the PROTO opcode 0x80)");
  while (true) {
    op_pos_ = pos_;
    std::uint8_t op = *need(1);
    switch (op) {
      case PROTO: {
        int proto = static_cast<int>(read_le(1));
        if (proto < 2 || proto > o_.max_protocol)
          fail(o_.max_protocol == 2 ? "Only Pickle protocol 2 is supported"
                                    : tjit::detail::str_cat("unsupported pickle protocol ", proto));
        break;
      }
      case FRAME: read_le(8); break;
      case STOP: {
        IValue r = pop();
        if (!stack_.empty() || !marks_.empty()) fail("values left on the stack at STOP");
        if (pos_ != in_.size()) fail("bytes after STOP");
        return r;
      }
      case MARK: marks_.push_back(stack_.size()); break;
      case POP: pop(); break;
      case POP_MARK: pop_mark(); break;
      case DUP: { IValue v = top(); stack_.push_back(std::move(v)); break; }
      case NONE: stack_.emplace_back(); break;
      case NEWTRUE: stack_.emplace_back(true); break;
      case NEWFALSE: stack_.emplace_back(false); break;
      case BININT1: stack_.emplace_back(static_cast<std::int64_t>(read_le(1))); break;
      case BININT2: stack_.emplace_back(static_cast<std::int64_t>(read_le(2))); break;
      case BININT:
        stack_.emplace_back(static_cast<std::int64_t>(static_cast<std::int32_t>(read_le(4))));
        break;
      case LONG1:
      case LONG4: {
        std::uint64_t n = read_le(op == LONG1 ? 1 : 4);
        if (n > 8) fail(tjit::detail::str_cat("integer of ", n, " bytes does not fit in int64"));
        const std::uint8_t* p = need(static_cast<std::size_t>(n));
        std::uint64_t v = 0;
        for (std::uint64_t i = n; i-- > 0;) v = (v << 8) | p[i];
        if (n > 0 && n < 8 && (p[n - 1] & 0x80)) v |= ~std::uint64_t(0) << (8 * n);  // sign
        stack_.emplace_back(static_cast<std::int64_t>(v));
        break;
      }
      case BINFLOAT: {
        const std::uint8_t* p = need(8);
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | p[i];
        double d;
        std::memcpy(&d, &bits, 8);
        stack_.emplace_back(d);
        break;
      }
      case BINUNICODE: stack_.emplace_back(read_bytes(read_le(4))); break;
      case SHORT_BINUNICODE: stack_.emplace_back(read_bytes(read_le(1))); break;
      case BINUNICODE8: stack_.emplace_back(read_bytes(read_le(8))); break;
      case BINSTRING: stack_.emplace_back(read_bytes(read_le(4))); break;
      case SHORT_BINSTRING: stack_.emplace_back(read_bytes(read_le(1))); break;
      case BINBYTES: stack_.emplace_back(read_bytes(read_le(4))); break;
      case SHORT_BINBYTES: stack_.emplace_back(read_bytes(read_le(1))); break;
      case BINBYTES8: stack_.emplace_back(read_bytes(read_le(8))); break;
      case EMPTY_TUPLE: stack_.push_back(make_tuple({})); break;
      case TUPLE1:
      case TUPLE2:
      case TUPLE3: {
        std::size_t n = op - TUPLE1 + 1;
        std::vector<IValue> items(n);
        for (std::size_t i = n; i-- > 0;) items[i] = pop();
        stack_.push_back(make_tuple(std::move(items)));
        break;
      }
      case TUPLE: stack_.push_back(make_tuple(pop_mark())); break;
      case EMPTY_LIST: stack_.push_back(make_untyped_list()); break;
      case LIST: stack_.push_back(make_untyped_list(pop_mark())); break;
      case APPEND: {
        IValue v = pop();
        append(top(), {std::move(v)});
        break;
      }
      case APPENDS: {
        std::vector<IValue> items = pop_mark();
        append(top(), std::move(items));
        break;
      }
      case EMPTY_DICT: stack_.push_back(make_untyped_dict()); break;
      case DICT: {
        std::vector<IValue> items = pop_mark();
        if (items.size() % 2) fail("DICT with an odd number of items");
        IValue d = make_untyped_dict();
        for (std::size_t i = 0; i < items.size(); i += 2) set_item(d, items[i], items[i + 1]);
        stack_.push_back(std::move(d));
        break;
      }
      case SETITEM: {
        IValue v = pop();
        IValue k = pop();
        set_item(top(), std::move(k), std::move(v));
        break;
      }
      case SETITEMS: {
        std::vector<IValue> items = pop_mark();
        if (items.size() % 2) fail("SETITEMS with an odd number of items");
        IValue& d = top();
        for (std::size_t i = 0; i < items.size(); i += 2)
          set_item(d, std::move(items[i]), std::move(items[i + 1]));
        break;
      }
      case BINPUT: memo_put(read_le(1)); break;
      case LONG_BINPUT: memo_put(read_le(4)); break;
      case MEMOIZE: memo_put(memo_.size()); break;
      case PUT: {
        std::string line = read_line();
        std::uint64_t id = 0;
        if (line.empty() || line.size() > 9) fail("invalid PUT id");
        for (char c : line) {
          if (c < '0' || c > '9') fail("invalid PUT id");
          id = id * 10 + static_cast<std::uint64_t>(c - '0');
        }
        memo_put(id);
        break;
      }
      case BINGET: memo_get(read_le(1)); break;
      case LONG_BINGET: memo_get(read_le(4)); break;
      case GET: {
        std::string line = read_line();
        std::uint64_t id = 0;
        if (line.empty() || line.size() > 9) fail("invalid GET id");
        for (char c : line) {
          if (c < '0' || c > '9') fail("invalid GET id");
          id = id * 10 + static_cast<std::uint64_t>(c - '0');
        }
        memo_get(id);
        break;
      }
      case GLOBAL: {
        std::string module = read_line();
        std::string name = read_line();
        stack_.push_back(global(module, name));
        break;
      }
      case STACK_GLOBAL: {
        IValue name = pop(), module = pop();
        if (!name.isString() || !module.isString()) fail("STACK_GLOBAL needs two strings");
        stack_.push_back(global(module.toStringRef(), name.toStringRef()));
        break;
      }
      case REDUCE: {
        IValue args = pop();
        IValue fn = pop();
        stack_.push_back(reduce(fn, std::move(args)));
        break;
      }
      case NEWOBJ:
      case NEWOBJ_EX: {
        if (op == NEWOBJ_EX) {
          IValue kwargs = pop();
          if (!kwargs.isGenericDict() || kwargs.toDictRef().size() != 0)
            fail("NEWOBJ_EX with keyword arguments is not supported");
        }
        IValue args = pop();
        IValue cls = pop();
        auto* g = capsule_as<GlobalObj>(cls);
        if (!g) fail("NEWOBJ on something that is not a class");
        if (g->kind == GlobalObj::Class) {
          if (!args.isTuple() || args.toTupleRef().size() != 0)
            fail("NEWOBJ of " + g->name + " with arguments");
          stack_.emplace_back(runtime::make_object(g->type));
        } else if (g->kind == GlobalObj::OrderedDict) {
          stack_.push_back(make_untyped_dict());
        } else {
          fail("NEWOBJ of " + g->name + " is not supported");
        }
        break;
      }
      case BUILD: {
        IValue state = pop();
        build(top(), std::move(state));
        break;
      }
      case BINPERSID: {
        IValue pid = pop();
        stack_.push_back(persistent_load(pid));
        break;
      }
      default:
        fail(tjit::detail::str_cat("Unknown opcode ", static_cast<int>(op), " (0x", std::hex,
                                   static_cast<int>(op), ")"));
    }
  }
}

inline IValue Unpickler::global(const std::string& module, const std::string& name) {
  std::string q = module + "." + name;
  using K = GlobalObj::Kind;
  auto make = [&](K k) { return IValue(runtime::CapsulePtr(make_intrusive<GlobalObj>(k, q))); };
  if (module == "torch._utils") {
    if (name == "_rebuild_tensor_v2") return make(K::RebuildTensorV2);
    if (name == "_rebuild_parameter") return make(K::RebuildParameter);
    if (name == "_rebuild_qtensor" || name == "_rebuild_sparse_tensor")
      fail("global " + q + " is not supported: tjit has no quantized or sparse tensors");
  } else if (module == "collections" && name == "OrderedDict") {
    return make(K::OrderedDict);
  } else if (module == "builtins" && name == "complex") {
    return make(K::Complex);
  } else if (module == "torch.jit._pickle") {
    if (name == "build_intlist") return make(K::BuildIntList);
    if (name == "build_doublelist" || name == "build_floatlist") return make(K::BuildDoubleList);
    if (name == "build_boollist") return make(K::BuildBoolList);
    if (name == "build_tensorlist") return make(K::BuildTensorList);
    if (name == "restore_type_tag") return make(K::RestoreTypeTag);
  } else if (module == "torch") {
    if (name == "device") return make(K::Device);
    if (name.size() > 7 && name.compare(name.size() - 7, 7, "Storage") == 0) {
      if (auto dt = dtype_of_storage_class(name)) {
        IValue g = make(K::StorageClass);
        capsule_as<GlobalObj>(g)->dtype = *dt;
        return g;
      }
    }
    static const std::pair<const char*, ScalarType> dtypes[] = {
        {"uint8", kByte},     {"int8", kChar},         {"int16", kShort},   {"short", kShort},
        {"int32", kInt},      {"int", kInt},           {"int64", kLong},    {"long", kLong},
        {"float16", kHalf},   {"half", kHalf},         {"float32", kFloat}, {"float", kFloat},
        {"float64", kDouble}, {"double", kDouble},     {"bool", kBool},     {"bfloat16", kBFloat16},
        {"complex64", ScalarType::ComplexFloat},       {"complex128", ScalarType::ComplexDouble}};
    for (const auto& [n, t] : dtypes)
      if (name == n) return IValue(t);
  }
  // Not one of PyTorch's own: only a TorchScript class or enum the resolver knows.
  TypePtr t = o_.type_resolver ? o_.type_resolver(q) : nullptr;
  if (!t)
    fail("refusing to load global " + q +
         ": only tensors, storages, containers and TorchScript classes are loaded, never "
         "Python callables");
  if (t->kind() == ir::TypeKind::EnumType) {
    IValue g = make(K::Enum);
    capsule_as<GlobalObj>(g)->type = t;
    return g;
  }
  if (t->kind() != ir::TypeKind::ClassType || !t->classInfo())
    fail("global " + q + " resolved to " + t->str() + ", which is not a class");
  IValue g = make(K::Class);
  capsule_as<GlobalObj>(g)->type = t;
  return g;
}

inline IValue Unpickler::reduce(const IValue& callable, IValue args) {
  auto* g = capsule_as<GlobalObj>(callable);
  if (!g) fail(tjit::detail::str_cat("REDUCE on a ", callable.tagKind(), ", not a global"));
  using K = GlobalObj::Kind;
  if (g->kind == K::Enum) {
    IValue value = args;
    if (args.isTuple() && args.toTupleRef().size() == 1) value = args.toTupleRef().elements()[0];
    for (const auto& [n, lit] : g->type->classInfo()->constants)
      if (runtime::from_literal(lit) == value)
        return IValue(make_intrusive<runtime::EnumObj>(g->type, n, value));
    fail("no member of enum " + g->name + " has the pickled value");
  }
  if (!args.isTuple()) fail("the arguments of " + g->name + " are not a tuple");
  const std::vector<IValue>& a = args.toTupleRef().elements();
  auto arity = [&](std::size_t lo, std::size_t hi) {
    if (a.size() < lo || a.size() > hi)
      fail(tjit::detail::str_cat(g->name, " called with ", a.size(), " arguments"));
  };
  auto retag = [&](const TypePtr& elem, bool (IValue::*ok)() const) {
    arity(1, 1);
    if (!a[0].isList()) fail(g->name + " expects a list");
    for (const IValue& x : a[0].toListRef().items)
      if (!(x.*ok)()) fail(g->name + " given an element of type " + x.type()->str());
    a[0].toListRef().elem_type = elem;
    untyped_.erase(a[0].internalPtr());
    return a[0];
  };
  switch (g->kind) {
    case K::RebuildTensorV2: return rebuild_tensor(a);
    case K::RebuildParameter: {
      arity(2, 3);
      if (!a[0].isTensor() || !a[1].isBool()) fail("bad arguments to " + g->name);
      Tensor t = a[0].toTensor();
      t.set_requires_grad(a[1].toBool());
      return t;
    }
    case K::OrderedDict: {
      arity(0, 1);
      IValue d = make_untyped_dict();
      if (a.size() == 1) {  // OrderedDict([(k, v), ...])
        if (!a[0].isList()) fail("OrderedDict expects a list of pairs");
        for (const IValue& kv : a[0].toListRef().items) {
          if (!kv.isTuple() || kv.toTupleRef().size() != 2) fail("OrderedDict expects pairs");
          set_item(d, kv.toTupleRef().elements()[0], kv.toTupleRef().elements()[1]);
        }
      }
      return d;
    }
    case K::Complex: {
      arity(2, 2);
      auto num = [&](const IValue& v) {
        if (v.isDouble()) return v.toDouble();
        if (v.isInt()) return static_cast<double>(v.toInt());
        fail("complex() expects numbers");
      };
      return IValue(std::complex<double>(num(a[0]), num(a[1])));
    }
    case K::Device: {
      arity(1, 2);
      if (!a[0].isString()) fail("torch.device expects a string");
      std::string spec = a[0].toStringRef();
      if (a.size() == 2) {
        if (!a[1].isInt()) fail("torch.device expects an integer index");
        spec += ":" + std::to_string(a[1].toInt());
      }
      return IValue(Device(spec));
    }
    case K::BuildIntList: return retag(ir::Type::Int(), &IValue::isInt);
    case K::BuildDoubleList: return retag(ir::Type::Float(), &IValue::isDouble);
    case K::BuildBoolList: return retag(ir::Type::Bool(), &IValue::isBool);
    case K::BuildTensorList: return retag(ir::Type::Tensor(), &IValue::isTensor);
    case K::RestoreTypeTag: {
      arity(2, 2);
      if (!a[1].isString()) fail("restore_type_tag expects a type string");
      ir::TypeResolver resolver;
      if (o_.type_resolver) {
        resolver = [this](const std::string& n) {
          TypePtr t = o_.type_resolver(n);
          if (!t) fail("unknown type " + n + " in a type tag");
          return t;
        };
      }
      TypePtr t = ir::parse_type(a[1].toStringRef(), resolver);
      const IValue& c = a[0];
      if (t->kind() == ir::TypeKind::ListType && c.isList()) {
        c.toListRef().elem_type = t->getElementType();
      } else if (t->kind() == ir::TypeKind::DictType && c.isGenericDict()) {
        c.toDictRef().key_type = t->getKeyType();
        c.toDictRef().value_type = t->getValueType();
      } else if (!(c.isList() || c.isGenericDict())) {
        return c;  // other values carry their type themselves
      } else {
        fail("type tag " + a[1].toStringRef() + " does not match a " + c.tagKind());
      }
      untyped_.erase(c.internalPtr());
      return c;
    }
    case K::Class:
      fail("Expected GenericDict but got Tuple: class " + g->name +
           " must be built with NEWOBJ and BUILD, not REDUCE");
    default: break;
  }
  fail(g->name + " cannot be called");
}

inline IValue Unpickler::persistent_load(const IValue& pid) {
  if (!pid.isTuple()) fail("persistent id is not a tuple");
  const auto& a = pid.toTupleRef().elements();
  if (a.size() < 5 || a.size() > 6 || !a[0].isString() || a[0].toStringRef() != "storage")
    fail("persistent id is not ('storage', type, key, location, numel)");
  auto* cls = capsule_as<GlobalObj>(a[1]);
  if (!cls || cls->kind != GlobalObj::StorageClass) fail("persistent id without a storage class");
  if (!a[2].isString() || !a[3].isString() || !a[4].isInt())
    fail("persistent id is not ('storage', type, key: str, location: str, numel: int)");
  const std::string& key = a[2].toStringRef();
  std::int64_t numel = a[4].toInt();
  std::size_t isz = element_size(cls->dtype);
  if (numel < 0 || static_cast<std::uint64_t>(numel) > (std::uint64_t(1) << 62) / isz)
    fail(tjit::detail::str_cat("storage ", key, " claims an invalid element count ", numel));
  std::uint64_t nbytes = static_cast<std::uint64_t>(numel) * isz;

  auto it = storages_.find(key);
  if (it != storages_.end()) {
    auto* s = capsule_as<StorageObj>(it->second);
    if (s->dtype != cls->dtype || s->numel != numel)
      fail("storage " + key + " is referred to with two different types or sizes");
    return it->second;
  }
  auto obj = make_intrusive<StorageObj>();
  obj->dtype = cls->dtype;
  obj->numel = numel;
  if (numel == 0) {
    obj->storage = Storage::allocate(0);
  } else {
    if (!o_.storage_loader) fail("a storage is referenced but no storage loader was given");
    std::string record = o_.storage_prefix + key;
    obj->storage = o_.storage_loader(record);
    if (obj->storage.nbytes() != nbytes)
      fail(tjit::detail::str_cat("storage record ", record, " holds ", obj->storage.nbytes(),
                                 " bytes but the pickle claims ", numel, " elements of ",
                                 python_name(cls->dtype), " (", nbytes, " bytes)"));
  }
  IValue v(runtime::CapsulePtr(std::move(obj)));
  storages_[key] = v;
  return v;
}

inline IValue Unpickler::rebuild_tensor(const std::vector<IValue>& a) {
  if (a.size() < 5 || a.size() > 7)
    fail(tjit::detail::str_cat("_rebuild_tensor_v2 called with ", a.size(), " arguments"));
  auto* s = capsule_as<StorageObj>(a[0]);
  if (!s) fail("_rebuild_tensor_v2: the first argument is not a storage");
  auto ints = [&](const IValue& v, const char* what) {
    if (!v.isTuple()) fail(std::string("_rebuild_tensor_v2: ") + what + " is not a tuple");
    std::vector<std::int64_t> out;
    for (const IValue& x : v.toTupleRef().elements()) {
      if (!x.isInt()) fail(std::string("_rebuild_tensor_v2: ") + what + " holds a non-integer");
      out.push_back(x.toInt());
    }
    return out;
  };
  if (!a[1].isInt()) fail("_rebuild_tensor_v2: the storage offset is not an integer");
  std::int64_t offset = a[1].toInt();
  std::vector<std::int64_t> sizes = ints(a[2], "size"), strides = ints(a[3], "stride");
  if (sizes.size() != strides.size()) fail("_rebuild_tensor_v2: size and stride lengths differ");
  if (!a[4].isBool()) fail("_rebuild_tensor_v2: requires_grad is not a bool");
  // Bounds: every element the view reaches lies inside the storage.
  __int128 hi = offset, numel = 1;
  if (offset < 0) fail("_rebuild_tensor_v2: negative storage offset");
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] < 0 || strides[i] < 0)
      fail("_rebuild_tensor_v2: negative size or stride");
    numel *= sizes[i];
    if (numel > (__int128(1) << 62)) numel = __int128(1) << 62;
    if (sizes[i] > 0) hi += static_cast<__int128>(sizes[i] - 1) * strides[i];
  }
  if (numel > 0 ? hi >= s->numel : offset > s->numel)
    fail(tjit::detail::str_cat("tensor of size ", tjit::detail::shape_str(sizes), ", stride ",
                               tjit::detail::shape_str(strides), " and offset ", offset,
                               " reaches outside its storage of ", s->numel, " elements"));
  Tensor t = Tensor::from_storage(s->storage, sizes, strides, offset, s->dtype);
  t.set_requires_grad(a[4].toBool());
  return t;
}

inline void Unpickler::build(IValue& obj, IValue state) {
  if (obj.isObject()) {
    if (o_.object_setstate) {
      o_.object_setstate(obj.toObject(), std::move(state));
      return;
    }
    Object& o = obj.toObjectRef();
    if (!state.isGenericDict())
      fail("the state of " + o.name() + " is not a dict (the class needs __setstate__)");
    const DictObj& d = state.toDictRef();
    auto& info = *o.type()->classInfo();
    if (info.attributes.empty()) {
      for (const auto& [k, v] : d.entries()) {
        if (!k.isString()) fail("attribute name of " + o.name() + " is not a string");
        info.addAttribute(k.toStringRef(), v.type());
      }
    }
    for (std::size_t i = 0; i < info.attributes.size(); ++i) {
      const IValue* v = d.find(IValue(info.attributes[i].name));
      if (!v)
        fail("object of class " + o.name() + " has no value for its attribute '" +
             info.attributes[i].name + "'");
      o.setSlot(i, *v);
    }
    return;
  }
  if (obj.isGenericDict()) return;  // OrderedDict's attributes (state_dict's _metadata)
  if (obj.isTensor()) {
    if (state.isNone() || (state.isGenericDict() && state.toDictRef().size() == 0) ||
        (state.isTuple() && state.toTupleRef().size() == 0))
      return;
    fail("tensors with Python attributes are not supported");
  }
  fail(tjit::detail::str_cat("BUILD on a ", obj.tagKind(), " is not supported"));
}

// Checks depth and cycles of the result iteratively, and types untyped lists and dicts after
// their contents.
inline void Unpickler::finish(IValue& result) {
  if (!is_container(result)) {
    if (result.isCapsule()) fail("the pickle's result is a " + result.toCapsule()->describe());
    return;
  }
  struct Frame {
    IValue v;
    std::vector<IValue> kids;
    std::size_t next = 0;
  };
  std::unordered_set<const void*> done, active;
  std::vector<Frame> st;
  st.push_back({result, children_of(result)});
  active.insert(result.internalPtr());
  while (!st.empty()) {
    Frame& f = st.back();
    if (f.next < f.kids.size()) {
      IValue k = f.kids[f.next++];
      if (k.isCapsule()) fail("a " + k.toCapsule()->describe() + " is used as a value");
      if (!is_container(k)) continue;
      const void* p = k.internalPtr();
      if (done.count(p)) continue;
      if (active.count(p)) fail("the pickle contains a reference cycle");
      if (static_cast<int>(st.size()) >= o_.max_depth) fail("containers are nested too deeply");
      active.insert(p);
      auto kids = children_of(k);
      st.push_back({std::move(k), std::move(kids)});
      continue;
    }
    const void* p = f.v.internalPtr();
    if (untyped_.count(p)) {
      if (f.v.isList()) {
        std::vector<TypePtr> ts;
        for (const IValue& x : f.v.toListRef().items) ts.push_back(x.type());
        f.v.toListRef().elem_type = unify_all(ts);
      } else {
        std::vector<TypePtr> ks, vs;
        for (const auto& [k, x] : f.v.toDictRef().entries()) {
          ks.push_back(k.type());
          vs.push_back(x.type());
        }
        f.v.toDictRef().key_type = unify_all(ks);
        f.v.toDictRef().value_type = unify_all(vs);
      }
    }
    active.erase(p);
    done.insert(p);
    st.pop_back();
  }
}

}  // namespace detail

TJIT_DEF std::optional<ScalarType> dtype_of_storage_class(std::string_view name) {
  static const std::pair<const char*, ScalarType> table[] = {
      {"FloatStorage", kFloat},       {"DoubleStorage", kDouble},
      {"HalfStorage", kHalf},         {"BFloat16Storage", kBFloat16},
      {"LongStorage", kLong},         {"IntStorage", kInt},
      {"ShortStorage", kShort},       {"CharStorage", kChar},
      {"ByteStorage", kByte},         {"BoolStorage", kBool},
      {"ComplexFloatStorage", ScalarType::ComplexFloat},
      {"ComplexDoubleStorage", ScalarType::ComplexDouble},
      {"ComplexHalfStorage", ScalarType::ComplexHalf}};
  for (const auto& [n, t] : table)
    if (name == n) return t;
  return std::nullopt;
}

TJIT_DEF std::string storage_class_of_dtype(ScalarType t) {
  return std::string(to_string(t)) + "Storage";
}

TJIT_DEF IValue unpickle(std::string_view bytes, const UnpicklerOptions& options) {
  detail::Unpickler u(bytes, options);
  return u.parse();
}

// ---- Pickler -----------------------------------------------------------------------------------

TJIT_DEF std::string Pickler::pickle(const IValue& v) {
  out_.clear();
  op(detail::PROTO);
  op(2);
  push(v, 0);
  op(detail::STOP);
  return out_;
}

TJIT_DEF void Pickler::put_memo() {
  std::uint32_t id = next_memo_++;
  if (id < 256) {
    op(detail::BINPUT);
    op(static_cast<std::uint8_t>(id));
  } else {
    op(detail::LONG_BINPUT);
    for (int i = 0; i < 4; ++i) op(static_cast<std::uint8_t>(id >> (8 * i)));
  }
}

TJIT_DEF void Pickler::get_memo(std::uint32_t id) {
  if (id < 256) {
    op(detail::BINGET);
    op(static_cast<std::uint8_t>(id));
  } else {
    op(detail::LONG_BINGET);
    for (int i = 0; i < 4; ++i) op(static_cast<std::uint8_t>(id >> (8 * i)));
  }
}

TJIT_DEF void Pickler::push_int(std::int64_t i) {
  if (i >= 0 && i <= 0xFF) {
    op(detail::BININT1);
    op(static_cast<std::uint8_t>(i));
  } else if (i >= 0 && i <= 0xFFFF) {
    op(detail::BININT2);
    op(static_cast<std::uint8_t>(i));
    op(static_cast<std::uint8_t>(i >> 8));
  } else if (i >= INT32_MIN && i <= INT32_MAX) {
    op(detail::BININT);
    for (int k = 0; k < 4; ++k) op(static_cast<std::uint8_t>(static_cast<std::uint64_t>(i) >> (8 * k)));
  } else {
    op(detail::LONG1);
    op(8);
    for (int k = 0; k < 8; ++k) op(static_cast<std::uint8_t>(static_cast<std::uint64_t>(i) >> (8 * k)));
  }
}

TJIT_DEF void Pickler::push_double(double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, 8);
  op(detail::BINFLOAT);
  for (int k = 7; k >= 0; --k) op(static_cast<std::uint8_t>(bits >> (8 * k)));
}

TJIT_DEF void Pickler::push_string(const std::string& s) {
  auto it = memo_strings_.find(s);
  if (it != memo_strings_.end()) {
    get_memo(it->second);
    return;
  }
  TJIT_CHECK(s.size() <= 0xFFFFFFFFu, "Pickler: string too long");
  op(detail::BINUNICODE);
  for (int k = 0; k < 4; ++k) op(static_cast<std::uint8_t>(s.size() >> (8 * k)));
  out_ += s;
  memo_strings_[s] = next_memo_;
  put_memo();
}

TJIT_DEF void Pickler::push_global(std::string_view module, std::string_view name) {
  std::string key = std::string(module) + "\n" + std::string(name) + "\n";
  auto it = memo_globals_.find(key);
  if (it != memo_globals_.end()) {
    get_memo(it->second);
    return;
  }
  op(detail::GLOBAL);
  out_ += key;
  memo_globals_[key] = next_memo_;
  put_memo();
}

TJIT_DEF void Pickler::push_storage(const Tensor& t) {
  const Storage& s = t.storage();
  auto it = memo_storages_.find(s.id());
  if (it != memo_storages_.end()) {
    for (const auto& ps : storages_)
      if (ps.storage == s)
        TJIT_CHECK(ps.dtype == t.scalar_type(), "Pickler: tensors of dtypes ",
                   python_name(ps.dtype), " and ", python_name(t.scalar_type()),
                   " share one storage, which PyTorch's format cannot express");
    get_memo(it->second);
    return;
  }
  std::string key = std::to_string(options_.first_key + static_cast<std::int64_t>(storages_.size()));
  std::int64_t numel = static_cast<std::int64_t>(s.nbytes() / t.element_size());
  op(detail::MARK);
  push_string("storage");
  push_global("torch", storage_class_of_dtype(t.scalar_type()));
  push_string(key);
  push_string("cpu");
  push_int(numel);
  op(detail::TUPLE);
  op(detail::BINPERSID);
  memo_storages_[s.id()] = next_memo_;
  put_memo();
  storages_.push_back({key, s, t.scalar_type(), numel});
}

TJIT_DEF void Pickler::push_tensor(const Tensor& t) {
  TJIT_CHECK(t.defined(), "Pickler: cannot pickle an undefined tensor");
  push_global("torch._utils", "_rebuild_tensor_v2");
  op(detail::MARK);
  push_storage(t);
  push_int(t.storage_offset());
  op(detail::MARK);
  for (auto x : t.sizes()) push_int(x);
  op(detail::TUPLE);
  op(detail::MARK);
  for (auto x : t.strides()) push_int(x);
  op(detail::TUPLE);
  op(t.requires_grad() ? detail::NEWTRUE : detail::NEWFALSE);
  push_global("collections", "OrderedDict");
  op(detail::EMPTY_TUPLE);
  op(detail::REDUCE);
  op(detail::TUPLE);
  op(detail::REDUCE);
}

TJIT_DEF void Pickler::push_tuple_items(const std::vector<IValue>& items, int depth) {
  if (items.empty()) {
    op(detail::EMPTY_TUPLE);
    return;
  }
  bool small = items.size() <= 3;
  if (!small) op(detail::MARK);
  for (const IValue& x : items) push(x, depth + 1);
  op(small ? static_cast<std::uint8_t>(detail::TUPLE1 + items.size() - 1)
           : static_cast<std::uint8_t>(detail::TUPLE));
}

TJIT_DEF void Pickler::push_list(const runtime::ListObj& l, int depth) {
  if (options_.style == PickleStyle::TorchSave) {
    op(detail::EMPTY_LIST);
    if (l.items.empty()) return;
    op(detail::MARK);
    for (const IValue& x : l.items) push(x, depth + 1);
    op(detail::APPENDS);
    return;
  }
  const char* builder = nullptr;
  switch (l.elem_type->kind()) {
    case ir::TypeKind::IntType: builder = "build_intlist"; break;
    case ir::TypeKind::FloatType: builder = "build_doublelist"; break;
    case ir::TypeKind::BoolType: builder = "build_boollist"; break;
    case ir::TypeKind::TensorType: builder = "build_tensorlist"; break;
    default: break;
  }
  if (builder) {
    push_global("torch.jit._pickle", builder);
    op(detail::MARK);
    op(detail::EMPTY_LIST);
    op(detail::MARK);
    for (const IValue& x : l.items) push(x, depth + 1);
    op(detail::APPENDS);
    op(detail::TUPLE);
    op(detail::REDUCE);
    return;
  }
  push_global("torch.jit._pickle", "restore_type_tag");
  op(detail::EMPTY_LIST);
  op(detail::MARK);
  for (const IValue& x : l.items) push(x, depth + 1);
  op(detail::APPENDS);
  push_string(ir::Type::List(l.elem_type)->annotation_str());
  op(detail::TUPLE2);
  op(detail::REDUCE);
}

TJIT_DEF void Pickler::push_dict(const runtime::DictObj& d, int depth) {
  bool ts = options_.style == PickleStyle::TorchScript;
  if (ts) push_global("torch.jit._pickle", "restore_type_tag");
  op(detail::EMPTY_DICT);
  if (ts || d.size() > 0) {
    op(detail::MARK);
    for (const auto& [k, v] : d.entries()) {
      push(k, depth + 1);
      push(v, depth + 1);
    }
    op(detail::SETITEMS);
  }
  if (ts) {
    push_string(ir::Type::Dict(d.key_type, d.value_type)->annotation_str());
    op(detail::TUPLE2);
    op(detail::REDUCE);
  }
}

TJIT_DEF void Pickler::push(const IValue& v, int depth) {
  TJIT_CHECK(depth < 1000, "Pickler: values nested too deeply (or a reference cycle)");
  // Shared heap values are written once and fetched from the memo after (PyTorch memoizes by
  // pointer the values held more than once; tensors and objects always).
  bool memoize = false;
  if (v.isTensor() || v.isObject()) {
    memoize = true;
  } else if (v.isList()) {
    memoize = v.toList().use_count() > 2;
  } else if (v.isGenericDict()) {
    memoize = v.toGenericDict().use_count() > 2;
  } else if (v.isTuple()) {
    memoize = v.toTuple().use_count() > 2;
  }
  if (!memoize) {
    push_impl(v, depth);
    return;
  }
  const void* p = v.internalPtr();
  auto it = memo_ptrs_.find(p);
  if (it != memo_ptrs_.end()) {
    get_memo(it->second);
    return;
  }
  push_impl(v, depth);
  memo_ptrs_[p] = next_memo_;
  put_memo();
}

TJIT_DEF void Pickler::push_impl(const IValue& v, int depth) {
  using Tag = IValue::Tag;
  switch (v.tag()) {
    case Tag::None: op(detail::NONE); return;
    case Tag::Bool: op(v.toBool() ? detail::NEWTRUE : detail::NEWFALSE); return;
    case Tag::Int: push_int(v.toInt()); return;
    case Tag::Double: push_double(v.toDouble()); return;
    case Tag::String: push_string(v.toStringRef()); return;
    case Tag::Tensor: push_tensor(v.toTensor()); return;
    case Tag::ComplexDouble: {
      auto c = v.toComplexDouble();
      push_global("builtins", "complex");
      push_double(c.real());
      push_double(c.imag());
      op(detail::TUPLE2);
      op(detail::REDUCE);
      return;
    }
    case Tag::Device:
      push_global("torch", "device");
      push_string(v.toDevice().str());
      op(detail::TUPLE1);
      op(detail::REDUCE);
      return;
    case Tag::Tuple: push_tuple_items(v.toTupleRef().elements(), depth); return;
    case Tag::GenericList: push_list(v.toListRef(), depth); return;
    case Tag::GenericDict: push_dict(v.toDictRef(), depth); return;
    case Tag::Enum: {
      TJIT_CHECK(options_.style == PickleStyle::TorchScript,
                 "Pickler: torch.save files cannot hold TorchScript enums");
      auto e = v.toEnumHolder();
      const std::string& q = e->type->name();
      auto dot = q.rfind('.');
      push_global(dot == std::string::npos ? "" : q.substr(0, dot), q.substr(dot + 1));
      push(e->value, depth + 1);
      op(detail::REDUCE);
      return;
    }
    case Tag::Object: {
      TJIT_CHECK(options_.style == PickleStyle::TorchScript,
                 "Pickler: torch.save files cannot hold TorchScript objects");
      const runtime::Object& o = v.toObjectRef();
      const std::string& q = o.name();
      auto dot = q.rfind('.');
      push_global(dot == std::string::npos ? "" : q.substr(0, dot), q.substr(dot + 1));
      op(detail::EMPTY_TUPLE);
      op(detail::NEWOBJ);
      std::optional<IValue> state;
      if (options_.object_getstate) state = options_.object_getstate(o);
      if (state) {
        push(*state, depth + 1);
      } else {
        op(detail::EMPTY_DICT);
        op(detail::MARK);
        const auto& attrs = o.type()->classInfo()->attributes;
        for (std::size_t i = 0; i < attrs.size(); ++i) {
          push_string(attrs[i].name);
          // Not `cond ? slot : IValue()`: that copies the slot, and the extra reference would
          // make push() memoize a list or dict held only by this object.
          if (i < o.slots().size())
            push(o.slots()[i], depth + 1);
          else
            push(IValue(), depth + 1);
        }
        op(detail::SETITEMS);
      }
      op(detail::BUILD);
      return;
    }
    default: break;
  }
  throw Error(tjit::detail::str_cat("Pickler: cannot pickle a value of kind ", v.tagKind()));
}

TJIT_DEF std::string pickle(const IValue& v, std::vector<PickledStorage>* storages,
                            PicklerOptions options) {
  Pickler p(std::move(options));
  std::string out = p.pickle(v);
  if (storages) storages->insert(storages->end(), p.storages().begin(), p.storages().end());
  return out;
}

}  // namespace tjit::serialize
