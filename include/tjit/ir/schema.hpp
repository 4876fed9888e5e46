// tjit/ir/schema.hpp — operator signatures: FunctionSchema, Argument, AliasInfo, and the parser
// of TorchScript schema strings:
//
//   auto s = tjit::ir::parse_schema(
//       "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor");
//   s.name() == "aten::add"; s.overload_name() == "Tensor"; s.arguments()[2].kwarg_only();
//   s.str() == the string above (PyTorch 1.13's printing, byte for byte)
//
// Covers alias annotations (`Tensor(a!)`, `Tensor(a -> *)`, `Tensor(a)[]`), keyword-only
// arguments, varargs/varrets (`...`), sized lists (`int[2] stride=1`), type variables (`t`,
// `Dict(t, tVal)`), and defaults (ints, floats, `None`, `True`, strings, lists, `-1`,
// `contiguous_format`, `long`...). Builds on type.hpp and literal.hpp.
#pragma once

#include <cstdint>
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
#include "tjit/ir/symbol.hpp"
#include "tjit/ir/type.hpp"

namespace tjit::ir {

// Which alias sets a value belongs to before and after the op, whether the op writes it, and the
// alias info of contained elements (`Tensor(a)[]`). The wildcard set is `alias::*`.
class AliasInfo {
 public:
  static Symbol wildcardSet() { return Symbol::alias("*"); }

  const std::vector<Symbol>& beforeSets() const { return before_; }
  const std::vector<Symbol>& afterSets() const { return after_; }
  bool isWrite() const { return is_write_; }
  void setIsWrite(bool w) { is_write_ = w; }
  bool isWildcardBefore() const { return contains(before_, wildcardSet()); }
  bool isWildcardAfter() const { return contains(after_, wildcardSet()); }
  void addBeforeSet(Symbol s) {
    if (!contains(before_, s)) before_.push_back(s);
  }
  void addAfterSet(Symbol s) {
    if (!contains(after_, s)) after_.push_back(s);
  }
  const std::vector<AliasInfo>& containedTypes() const { return contained_; }
  void addContainedType(AliasInfo a) { contained_.push_back(std::move(a)); }

  // `(a)`, `(a!)`, `(a -> *)`, `(a|b)`.
  void print(std::ostream& out) const {
    out << "(";
    for (std::size_t i = 0; i < before_.size(); ++i) {
      if (i > 0) out << "|";
      out << before_[i].toUnqualString();
    }
    if (is_write_) out << "!";
    if (!same_sets(before_, after_)) {
      out << " -> ";
      for (std::size_t i = 0; i < after_.size(); ++i) {
        if (i > 0) out << "|";
        out << after_[i].toUnqualString();
      }
    }
    out << ")";
  }

  friend bool operator==(const AliasInfo& a, const AliasInfo& b) {
    return a.is_write_ == b.is_write_ && same_sets(a.before_, b.before_) &&
           same_sets(a.after_, b.after_) && a.contained_ == b.contained_;
  }

 private:
  static bool contains(const std::vector<Symbol>& v, Symbol s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }
  static bool same_sets(const std::vector<Symbol>& a, const std::vector<Symbol>& b) {
    if (a.size() != b.size()) return false;
    for (Symbol s : a)
      if (!contains(b, s)) return false;
    return true;
  }

  std::vector<Symbol> before_, after_;
  bool is_write_ = false;
  std::vector<AliasInfo> contained_;
};

inline std::ostream& operator<<(std::ostream& out, const AliasInfo& a) {
  a.print(out);
  return out;
}

// `type()` is the type the compiler matches against: ScalarType, Layout, MemoryFormat and SymInt
// are ints there. `real_type()` is what the schema says, and what it prints.
class Argument {
 public:
  Argument(std::string name, TypePtr real_type, std::optional<std::int32_t> N = std::nullopt,
           std::optional<Literal> default_value = std::nullopt, bool kwarg_only = false,
           std::optional<AliasInfo> alias_info = std::nullopt)
      : name_(std::move(name)),
        type_(fake_type(real_type)),
        real_type_(std::move(real_type)),
        N_(N),
        default_value_(std::move(default_value)),
        kwarg_only_(kwarg_only),
        alias_info_(std::move(alias_info)) {}

  const std::string& name() const { return name_; }
  const TypePtr& type() const { return type_; }
  const TypePtr& real_type() const { return real_type_; }
  std::optional<std::int32_t> N() const { return N_; }
  const std::optional<Literal>& default_value() const { return default_value_; }
  bool kwarg_only() const { return kwarg_only_; }
  const std::optional<AliasInfo>& alias_info() const { return alias_info_; }
  bool is_out() const { return alias_info_ && alias_info_->isWrite() && kwarg_only_; }

  void print(std::ostream& out) const;
  std::string str() const {
    std::ostringstream s;
    print(s);
    return std::move(s).str();
  }

  // The compiler-facing type of a schema type (see the class comment).
  static TypePtr fake_type(const TypePtr& t) {
    switch (t->kind()) {
      case TypeKind::ScalarTypeType:
      case TypeKind::LayoutType:
      case TypeKind::MemoryFormatType:
      case TypeKind::SymIntType:
        return Type::Int();
      case TypeKind::ListType: {
        auto e = fake_type(t->getElementType());
        return e == t->getElementType() ? t : Type::List(e);
      }
      case TypeKind::OptionalType: {
        auto e = fake_type(t->getElementType());
        return e == t->getElementType() ? t : Type::Optional(e);
      }
      default:
        return t;
    }
  }

 private:
  std::string name_;
  TypePtr type_;
  TypePtr real_type_;
  std::optional<std::int32_t> N_;
  std::optional<Literal> default_value_;
  bool kwarg_only_;
  std::optional<AliasInfo> alias_info_;
};

inline std::ostream& operator<<(std::ostream& out, const Argument& a) {
  a.print(out);
  return out;
}

class FunctionSchema {
 public:
  FunctionSchema(std::string name, std::string overload_name, std::vector<Argument> arguments,
                 std::vector<Argument> returns, bool is_vararg = false, bool is_varret = false)
      : name_(std::move(name)),
        overload_name_(std::move(overload_name)),
        arguments_(std::move(arguments)),
        returns_(std::move(returns)),
        is_vararg_(is_vararg),
        is_varret_(is_varret) {}

  // "aten::add"; "Tensor"; the kind a node of this operator has.
  const std::string& name() const { return name_; }
  const std::string& overload_name() const { return overload_name_; }
  Symbol kind() const { return Symbol::fromQualString(name_); }
  const std::vector<Argument>& arguments() const { return arguments_; }
  const std::vector<Argument>& returns() const { return returns_; }
  bool is_vararg() const { return is_vararg_; }
  bool is_varret() const { return is_varret_; }
  // Whether the op writes any argument (an alias annotation with `!`).
  bool is_mutable() const {
    for (auto& a : arguments_)
      if (a.alias_info() && a.alias_info()->isWrite()) return true;
    return false;
  }
  std::optional<std::size_t> argumentIndexWithName(std::string_view name) const {
    for (std::size_t i = 0; i < arguments_.size(); ++i)
      if (arguments_[i].name() == name) return i;
    return std::nullopt;
  }

  void print(std::ostream& out) const;
  std::string str() const {
    std::ostringstream s;
    print(s);
    return std::move(s).str();
  }

 private:
  std::string name_;
  std::string overload_name_;
  std::vector<Argument> arguments_;
  std::vector<Argument> returns_;
  bool is_vararg_;
  bool is_varret_;
};

inline std::ostream& operator<<(std::ostream& out, const FunctionSchema& s) {
  s.print(out);
  return out;
}

// ---- printing ---------------------------------------------------------------------------------

inline void Argument::print(std::ostream& out) const {
  const TypePtr& type = real_type_;
  bool is_opt = type->kind() == TypeKind::OptionalType;
  TypePtr unopt = is_opt ? type->getElementType() : type;
  if (unopt->kind() == TypeKind::ListType) {
    unopt->getElementType()->print_schema(out);
    if (alias_info_ && !alias_info_->containedTypes().empty())
      alias_info_->containedTypes()[0].print(out);
    out << "[";
    if (N_) out << *N_;
    out << "]";
  } else {
    unopt->print_schema(out);
  }
  if (alias_info_ && !alias_info_->beforeSets().empty()) alias_info_->print(out);
  if (is_opt) out << "?";
  if (!name_.empty()) out << " " << name_;
  if (default_value_) {
    out << "=";
    const Literal& d = *default_value_;
    if ((type->kind() == TypeKind::StringType || unopt->kind() == TypeKind::StringType) &&
        d.is_string()) {
      detail::print_quoted_string(out, d.to_string());
    } else if (type->kind() == TypeKind::ListType &&
               type->getElementType()->kind() == TypeKind::IntType && d.is_list() &&
               d.to_list().size() > 1) {
      // `int[2] stride=1` keeps its one-number spelling when all elements agree.
      const auto& items = d.to_list();
      bool same = std::all_of(items.begin() + 1, items.end(),
                              [&](const Literal& l) { return l == items[0]; });
      if (same) {
        items[0].repr(out);
      } else {
        d.repr(out);
      }
    } else {
      d.repr(out);
    }
  }
}

inline void FunctionSchema::print(std::ostream& out) const {
  out << name_;
  if (!overload_name_.empty()) out << "." << overload_name_;
  out << "(";
  bool seen_kwarg_only = false;
  for (std::size_t i = 0; i < arguments_.size(); ++i) {
    if (i > 0) out << ", ";
    if (arguments_[i].kwarg_only() && !seen_kwarg_only) {
      out << "*, ";
      seen_kwarg_only = true;
    }
    arguments_[i].print(out);
  }
  if (is_vararg_) {
    if (!arguments_.empty()) out << ", ";
    out << "...";
  }
  out << ") -> ";
  bool need_paren = !((returns_.size() == 1 && !is_varret_) || (returns_.empty() && is_varret_));
  if (returns_.size() == 1 && !need_paren) {
    std::string r = returns_[0].str();
    if (!r.empty() && r.front() == '(') need_paren = true;
  }
  if (need_paren) out << "(";
  for (std::size_t i = 0; i < returns_.size(); ++i) {
    if (i > 0) out << ", ";
    returns_[i].print(out);
  }
  if (is_varret_) {
    if (!returns_.empty()) out << ", ";
    out << "...";
  }
  if (need_paren) out << ")";
}

// ---- parsing ----------------------------------------------------------------------------------

namespace detail {

class SchemaParser {
 public:
  explicit SchemaParser(std::string_view text) : c_(text, "schema") {}

  FunctionSchema parse() {
    auto [name, overload] = parse_name();
    c_.expect("(");
    std::vector<Argument> args;
    bool kwarg_only = false, is_vararg = false;
    if (!c_.next_is(")")) {
      do {
        if (is_vararg) c_.fail("'...' must be the last argument");
        if (c_.next_if("...")) {
          is_vararg = true;
          continue;
        }
        if (c_.next_if("*")) {
          kwarg_only = true;
          continue;
        }
        args.push_back(parse_argument(false, kwarg_only));
      } while (c_.next_if(","));
    }
    c_.expect(")");
    c_.expect("->");
    std::vector<Argument> returns;
    bool is_varret = false;
    if (c_.next_if("...")) {
      is_varret = true;
    } else if (c_.next_is("(")) {
      c_.expect("(");
      if (!c_.next_is(")")) {
        do {
          if (is_varret) c_.fail("'...' must be the last return");
          if (c_.next_if("...")) {
            is_varret = true;
            continue;
          }
          returns.push_back(parse_argument(true, false));
        } while (c_.next_if(","));
      }
      c_.expect(")");
    } else {
      returns.push_back(parse_argument(true, false));
    }
    c_.skip_ws();
    if (!c_.at_end()) c_.fail("expected the end of the schema");
    return FunctionSchema(std::move(name), std::move(overload), std::move(args),
                          std::move(returns), is_vararg, is_varret);
  }

  std::pair<std::string, std::string> parse_name() {
    std::string name = c_.ident();
    if (c_.next_if("::")) name += "::" + c_.ident();
    std::string overload;
    if (c_.peek() == '.' ) {
      c_.get();
      overload = c_.ident();
    }
    return {name, overload};
  }

 private:
  std::optional<AliasInfo> parse_alias_annotation() {
    c_.skip_blanks();
    if (c_.peek() == '(') {
      // `(a)`, `(a!)`, `(a|b)`, `(a -> *)`, `(*)`; tell it apart from a tuple: an alias set is a
      // single lower-case letter word or `*` followed by `)`, `!`, `|` or `->`.
      auto save = c_.pos();
      c_.get();
      c_.skip_blanks();
      bool looks_like_alias = c_.peek() == '*';
      if (!looks_like_alias && is_ident_start(c_.peek())) {
        std::string w = c_.ident();
        c_.skip_blanks();
        looks_like_alias = c_.peek() == ')' || c_.peek() == '!' || c_.peek() == '|' ||
                           (c_.peek() == '-' && c_.peek(1) == '>');
        (void)w;
      }
      c_.set_pos(save);
      if (!looks_like_alias) return std::nullopt;
      c_.get();
      AliasInfo info;
      do {
        if (c_.next_if("*")) {
          info.addBeforeSet(AliasInfo::wildcardSet());
        } else {
          std::string set = c_.ident();
          if (!info.isWildcardBefore()) info.addBeforeSet(Symbol::alias(set));
        }
      } while (c_.next_if("|"));
      if (c_.next_if("!")) info.setIsWrite(true);
      if (c_.next_if("->")) {
        do {
          if (c_.next_if("*")) {
            info.addAfterSet(AliasInfo::wildcardSet());
          } else {
            std::string set = c_.ident();
            if (!info.isWildcardAfter()) info.addAfterSet(Symbol::alias(set));
          }
        } while (c_.next_if("|"));
      } else {
        for (Symbol s : info.beforeSets()) info.addAfterSet(s);
      }
      c_.expect(")");
      return info;
    }
    if (c_.peek() == '!') {
      c_.get();
      AliasInfo info;
      info.addBeforeSet(Symbol::alias("$" + std::to_string(next_fresh_++)));
      info.setIsWrite(true);
      return info;
    }
    return std::nullopt;
  }

  std::pair<TypePtr, std::optional<AliasInfo>> parse_type() {
    TypePtr value;
    std::optional<AliasInfo> alias;
    c_.skip_ws();
    if (c_.peek() == '(') {
      c_.get();
      std::vector<TypePtr> elems;
      if (!c_.next_is(")")) {
        do {
          elems.push_back(parse_type().first);
        } while (c_.next_if(","));
      }
      c_.expect(")");
      value = Type::Tuple(std::move(elems));
    } else {
      std::string word = c_.peek_ident();
      if (word == "Future" || word == "RRef") {
        c_.ident();
        c_.expect("(");
        TypePtr e = parse_type().first;
        c_.expect(")");
        value = word == "Future" ? Type::Future(e) : Type::RRef(e);
      } else if (word == "Dict") {
        c_.ident();
        c_.expect("(");
        TypePtr k = parse_type().first;
        c_.expect(",");
        TypePtr v = parse_type().first;
        c_.expect(")");
        value = Type::Dict(k, v);
        alias = parse_alias_annotation();
      } else if (word == "Union") {
        TypeParser p(c_, nullptr);
        value = p.parse_base();
      } else {
        std::string name = c_.dotted_ident();
        if (name.find('.') != std::string::npos) {
          value = Type::Class(name);
        } else if (auto t = TypeParser::simple(name)) {
          value = t;
        } else if (std::islower(static_cast<unsigned char>(name[0]))) {
          value = Type::Var(name);
        } else {
          c_.fail("unknown type '" + name + "'");
        }
        alias = parse_alias_annotation();
      }
    }
    while (true) {
      c_.skip_blanks();
      if (c_.peek() == '[' && c_.peek(1) == ']') {
        c_.get();
        c_.get();
        value = Type::List(value);
        wrap_container_alias(alias);
      } else if (c_.peek() == '?') {
        c_.get();
        value = Type::Optional(value);
      } else {
        break;
      }
    }
    return {value, std::move(alias)};
  }

  // After `[]` (or `[N]`): the list's own alias annotation, holding the element's.
  void wrap_container_alias(std::optional<AliasInfo>& alias) {
    auto container = parse_alias_annotation();
    if (alias) {
      if (!container) {
        container = AliasInfo();
        container->setIsWrite(alias->isWrite());
      }
      container->addContainedType(std::move(*alias));
    }
    alias = std::move(container);
  }

  Argument parse_argument(bool is_return, bool kwarg_only) {
    auto [type, alias] = parse_type();
    std::optional<std::int32_t> N;
    c_.skip_blanks();
    if (c_.peek() == '[') {
      c_.get();
      N = static_cast<std::int32_t>(c_.integer());
      c_.expect("]");
      type = Type::List(type);
      wrap_container_alias(alias);
      c_.skip_blanks();
      if (c_.peek() == '?') {
        c_.get();
        type = Type::Optional(type);
      }
    }
    std::string name;
    std::optional<Literal> def;
    if (is_return) {
      if (c_.next_is_ident()) name = c_.ident();
    } else {
      name = c_.ident();
      if (c_.next_if("=")) def = parse_default(type, N);
    }
    return Argument(std::move(name), type, N, std::move(def), kwarg_only, std::move(alias));
  }

  Literal parse_default(const TypePtr& real_type, std::optional<std::int32_t> N) {
    TypePtr type = Argument::fake_type(real_type);
    TypeKind kind = type->kind();
    if (c_.next_if_word("None")) return Literal();
    if (kind == TypeKind::OptionalType) {
      type = type->getElementType();
      kind = type->kind();
    }
    if (kind == TypeKind::ListType) {
      TypePtr elem = type->getElementType();
      if (N && !c_.next_is("[")) {
        Literal v = parse_single(*elem);
        return Literal::list(std::vector<Literal>(static_cast<std::size_t>(*N), v));
      }
      c_.expect("[");
      std::vector<Literal> items;
      if (!c_.next_is("]")) {
        do {
          items.push_back(parse_single(*elem));
        } while (c_.next_if(","));
      }
      c_.expect("]");
      return Literal::list(std::move(items));
    }
    return parse_single(*type);
  }

  Literal parse_single(const Type& type) {
    if (c_.next_if_word("True")) return Literal(true);
    if (c_.next_if_word("False")) return Literal(false);
    if (c_.next_if_word("None")) return Literal();
    if (c_.next_is_string()) return Literal(c_.string_literal());
    if (c_.next_is_ident()) {
      // Named constants of ScalarType / Layout / MemoryFormat / Reduction, as PyTorch's parser
      // turns them into ints.
      std::string w = c_.ident();
      static const std::pair<const char*, int> names[] = {
          {"float", 6}, {"complex", 9}, {"long", 4}, {"strided", 0}, {"Mean", 1},
          {"contiguous_format", 0}, {"Byte", 0}, {"Char", 1}, {"Short", 2}, {"Int", 3},
          {"Long", 4}, {"Half", 5}, {"Float", 6}, {"Double", 7}, {"ComplexHalf", 8},
          {"ComplexFloat", 9}, {"ComplexDouble", 10}, {"Bool", 11}, {"BFloat16", 15},
      };
      for (auto& [n, v] : names)
        if (w == n) return Literal(std::int64_t{v});
      c_.fail("invalid default value '" + w + "'");
    }
    std::string n = c_.next_if("-") ? "-" : "";
    n += c_.number();
    if (type.kind() == TypeKind::ComplexType || n.find('j') != std::string::npos) {
      std::string im = n.back() == 'j' ? n.substr(0, n.size() - 1) : n;
      double v = c_.parse_double(im);
      return n.back() == 'j' ? Literal(std::complex<double>(0, v))
                             : Literal(std::complex<double>(v, 0));
    }
    if (type.kind() == TypeKind::FloatType || n.find_first_of(".eE") != std::string::npos)
      return Literal(c_.parse_double(n));
    return Literal(c_.parse_int(n));
  }

  Cursor c_;
  int next_fresh_ = 0;
};

}  // namespace detail

// Parses a schema string; throws tjit::Error pointing at the problem when it is malformed.
inline FunctionSchema parse_schema(std::string_view text) {
  detail::SchemaParser p(text);
  return p.parse();
}

// An operator name with optional overload: "aten::add.Tensor" -> {"aten::add", "Tensor"}.
inline std::pair<std::string, std::string> parse_operator_name(std::string_view text) {
  detail::Cursor c(text, "operator name");
  std::string name = c.ident();
  if (c.next_if("::")) name += "::" + c.ident();
  std::string overload;
  if (c.next_if(".")) overload = c.ident();
  c.skip_ws();
  if (!c.at_end()) c.fail("expected the end of the operator name");
  return {name, overload};
}

}  // namespace tjit::ir
