// tjit/ir/symbol.hpp — interned, namespace-qualified names: `aten::add`, `prim::If`, `attr::value`.
//
// A Symbol is a 32-bit id into one process-wide table, so comparing and hashing symbols is an
// integer operation; the table maps ids back to their namespace and name for printing. Node
// kinds and attribute names are Symbols. The symbols the IR itself relies on are built in with
// fixed ids (`prim::Constant`, `attr::value`, ...), usable as constants and in `switch`; any
// other name is interned on first use. Interning is thread-safe. Builds on the standard library.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <ostream>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tjit/core/error.hpp"

// The built-in symbols, as (namespace, name). Their ids are their positions in this list.
#define TJIT_FORALL_NAMESPACES(_) \
  _(namespaces)                   \
  _(prim)                         \
  _(aten)                         \
  _(cuda)                         \
  _(onnx)                         \
  _(attr)                         \
  _(scope)                        \
  _(user)                         \
  _(alias)

#define TJIT_FORALL_BUILTIN_SYMBOLS(_) \
  _(prim, Constant)                    \
  _(prim, Param)                       \
  _(prim, Return)                      \
  _(prim, If)                          \
  _(prim, Loop)                        \
  _(prim, fork)                        \
  _(prim, CallFunction)                \
  _(prim, CallMethod)                  \
  _(prim, TupleConstruct)              \
  _(prim, TupleUnpack)                 \
  _(prim, TupleIndex)                  \
  _(prim, TupleSlice)                  \
  _(prim, ListConstruct)               \
  _(prim, ListUnpack)                  \
  _(prim, DictConstruct)               \
  _(prim, GetAttr)                     \
  _(prim, SetAttr)                     \
  _(prim, Uninitialized)               \
  _(prim, unchecked_cast)              \
  _(prim, RaiseException)              \
  _(prim, Enter)                       \
  _(prim, Exit)                        \
  _(prim, isinstance)                  \
  _(prim, Closure)                     \
  _(prim, CreateObject)                \
  _(prim, Print)                       \
  _(prim, Guard)                       \
  _(prim, With)                        \
  _(prim, FunctionCall)                \
  _(prim, Subgraph)                    \
  _(aten, wait)                        \
  _(aten, add)                         \
  _(aten, sub)                         \
  _(aten, mul)                         \
  _(aten, div)                         \
  _(aten, format)                      \
  _(attr, value)                       \
  _(attr, name)                        \
  _(attr, Subgraph)                    \
  _(attr, types)                       \
  _(attr, scope)                       \
  _(attr, beg)                         \
  _(attr, end)

namespace tjit::ir {

namespace detail {
enum class BuiltinSymbolId : std::uint32_t {
#define TJIT_NS_ID(ns) ns_##ns,
  TJIT_FORALL_NAMESPACES(TJIT_NS_ID)
#undef TJIT_NS_ID
#define TJIT_SYM_ID(ns, name) ns##_##name,
  TJIT_FORALL_BUILTIN_SYMBOLS(TJIT_SYM_ID)
#undef TJIT_SYM_ID
  num_builtins
};
}  // namespace detail

class Symbol {
 public:
  using unique_t = std::uint32_t;

  constexpr Symbol() noexcept = default;
  constexpr explicit Symbol(unique_t id) noexcept : id_(id) {}
  constexpr explicit Symbol(detail::BuiltinSymbolId id) noexcept
      : id_(static_cast<unique_t>(id)) {}

  // "aten::add" -> the symbol (namespace aten, name add). The namespace is required.
  static Symbol fromQualString(std::string_view qual);
  // Symbol::aten("add"), Symbol::prim("If"), Symbol::attr("value"), ...
  static Symbol fromDomainAndUnqualString(std::string_view ns, std::string_view name);
  static Symbol aten(std::string_view s) { return fromDomainAndUnqualString("aten", s); }
  static Symbol prim(std::string_view s) { return fromDomainAndUnqualString("prim", s); }
  static Symbol attr(std::string_view s) { return fromDomainAndUnqualString("attr", s); }
  static Symbol onnx(std::string_view s) { return fromDomainAndUnqualString("onnx", s); }
  static Symbol cuda(std::string_view s) { return fromDomainAndUnqualString("cuda", s); }
  static Symbol user(std::string_view s) { return fromDomainAndUnqualString("user", s); }
  static Symbol scope(std::string_view s) { return fromDomainAndUnqualString("scope", s); }
  static Symbol alias(std::string_view s) { return fromDomainAndUnqualString("alias", s); }

  constexpr unique_t id() const noexcept { return id_; }
  // Implicit, as PyTorch's: lets `switch (node->kind())` use the built-in constants.
  constexpr operator unique_t() const noexcept { return id_; }

  // "aten::add", "add", "aten".
  const std::string& toQualString() const;
  const std::string& toUnqualString() const;
  const std::string& ns() const;
  std::string toDisplayString() const { return toQualString(); }

  bool is_prim() const { return ns() == "prim"; }
  bool is_aten() const { return ns() == "aten"; }
  bool is_attr() const { return ns() == "attr"; }
  bool is_onnx() const { return ns() == "onnx"; }
  bool is_user() const { return ns() == "user"; }
  bool is_cuda() const { return ns() == "cuda"; }

  friend constexpr bool operator==(Symbol a, Symbol b) noexcept { return a.id_ == b.id_; }
  friend constexpr bool operator!=(Symbol a, Symbol b) noexcept { return a.id_ != b.id_; }
  friend constexpr bool operator<(Symbol a, Symbol b) noexcept { return a.id_ < b.id_; }

 private:
  unique_t id_ = 0;
};

inline std::ostream& operator<<(std::ostream& out, Symbol s) { return out << s.toQualString(); }

namespace detail {

// The process-wide table. Entries are never removed; a deque keeps references stable.
class SymbolTable {
 public:
  struct Entry {
    std::string qual, ns, name;
  };

  static SymbolTable& instance() {
    static SymbolTable table;
    return table;
  }

  std::uint32_t intern(std::string_view ns, std::string_view name) {
    std::string qual;
    qual.reserve(ns.size() + 2 + name.size());
    qual.append(ns).append("::").append(name);
    {
      std::shared_lock lock(mutex_);
      auto it = by_qual_.find(qual);
      if (it != by_qual_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    return intern_locked(std::move(qual), ns, name);
  }

  const Entry& entry(std::uint32_t id) const {
    std::shared_lock lock(mutex_);
    TJIT_CHECK(id < entries_.size(), "unknown symbol id ", id);
    return entries_[id];
  }

 private:
  SymbolTable() {
#define TJIT_NS_ENTRY(ns) intern_locked("namespaces::" #ns, "namespaces", #ns);
    TJIT_FORALL_NAMESPACES(TJIT_NS_ENTRY)
#undef TJIT_NS_ENTRY
#define TJIT_SYM_ENTRY(ns, name) intern_locked(#ns "::" #name, #ns, #name);
    TJIT_FORALL_BUILTIN_SYMBOLS(TJIT_SYM_ENTRY)
#undef TJIT_SYM_ENTRY
  }

  std::uint32_t intern_locked(std::string qual, std::string_view ns, std::string_view name) {
    auto it = by_qual_.find(qual);
    if (it != by_qual_.end()) return it->second;
    auto id = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(Entry{qual, std::string(ns), std::string(name)});
    by_qual_.emplace(std::move(qual), id);
    return id;
  }

  mutable std::shared_mutex mutex_;
  std::deque<Entry> entries_;
  std::unordered_map<std::string, std::uint32_t> by_qual_;
};

}  // namespace detail

inline Symbol Symbol::fromDomainAndUnqualString(std::string_view ns, std::string_view name) {
  TJIT_CHECK(!ns.empty() && !name.empty(), "invalid symbol '", ns, "::", name, "'");
  return Symbol(detail::SymbolTable::instance().intern(ns, name));
}

inline Symbol Symbol::fromQualString(std::string_view qual) {
  auto pos = qual.find("::");
  TJIT_CHECK(pos != std::string_view::npos && pos > 0 && pos + 2 < qual.size(),
             "'", qual, "' is not a qualified symbol (expected namespace::name)");
  return fromDomainAndUnqualString(qual.substr(0, pos), qual.substr(pos + 2));
}

inline const std::string& Symbol::toQualString() const {
  return detail::SymbolTable::instance().entry(id_).qual;
}
inline const std::string& Symbol::toUnqualString() const {
  return detail::SymbolTable::instance().entry(id_).name;
}
inline const std::string& Symbol::ns() const {
  return detail::SymbolTable::instance().entry(id_).ns;
}

// The built-in constants: prim::Constant, attr::value, ... and namespaces::aten, ...
namespace namespaces {
#define TJIT_NS_CONST(ns) inline constexpr Symbol ns{detail::BuiltinSymbolId::ns_##ns};
TJIT_FORALL_NAMESPACES(TJIT_NS_CONST)
#undef TJIT_NS_CONST
}  // namespace namespaces

#define TJIT_DECLARE_NS(ns) namespace ns {}
TJIT_FORALL_NAMESPACES(TJIT_DECLARE_NS)
#undef TJIT_DECLARE_NS

#define TJIT_SYM_CONST(ns, name) \
  namespace ns {                 \
  inline constexpr Symbol name{detail::BuiltinSymbolId::ns##_##name}; \
  }
TJIT_FORALL_BUILTIN_SYMBOLS(TJIT_SYM_CONST)
#undef TJIT_SYM_CONST

}  // namespace tjit::ir

template <>
struct std::hash<tjit::ir::Symbol> {
  std::size_t operator()(tjit::ir::Symbol s) const noexcept { return s.id(); }
};
