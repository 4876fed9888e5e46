// tjit/frontend/ast.hpp — the TorchScript syntax tree.
//
// What the parser produces and the emitter (AST → IR) consumes: a typed tree of expressions
// (Expr), statements (Stmt), function and class definitions (Def, ClassDef) and files (Module),
// every node carrying the SourceRange errors point at. Node types follow Python's `ast` module
// where TorchScript agrees with it (chained comparisons stay chained, `and`/`or` are BoolOps);
// literals are decoded (ints, floats, strings) and `-<number>` is folded into the literal, as
// PyTorch's parser does. `dump()` renders any node as an S-expression, for tests and debugging.
// Builds on core/source_range.hpp.
#pragma once

#include "tjit/core/source_range.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tjit::frontend {

// Note [The AST and PyTorch's tree views]
// For whoever ports logic from PyTorch's ir_emitter.cpp, which walks tree_views.h:
//   Var → Name; Const → IntLiteral / FloatLiteral / ComplexLiteral (decoded, `-` folded in);
//   StringLiteral → StringLiteral (adjacent literals joined); Select → Attribute;
//   Apply (inputs, attributes) → Call (args, keywords); Subscript/SliceExpr → Subscript/Slice;
//   TK_IF_EXPR → IfExp; TK_STARRED → Starred; TK_UNARY_MINUS / TK_NOT / '~' → UnaryOp;
//   binary operators → BinOp, except: `and`/`or` → BoolOp (n-ary, same short-circuit meaning);
//   comparisons → Compare, kept chained as Python means them (`a < b < c` is `a < b and b < c`
//   with b evaluated once; PyTorch's C++ parser nested them as `(a < b) < c`, its Python
//   frontend expanded them to `and`s); `not in` is CmpOpKind::NotIn (PyTorch: not(in)).
//   ListComp/DictComp may carry `if` conditions (`ifs`), which PyTorch rejects ("Comprehension
//   ifs are not supported yet") — the emitter decides. Generator expressions are ListComps.
//   Assign: targets like PyTorch's lhs list (`a = b = v` → targets {a, b}); a declaration
//   `x : T` has a null value. For: one target (a TupleLiteral when several) and one iterable
//   (a TupleLiteral for `for x in a, b`). Def: params + returns (PyTorch's Decl), decorators
//   kept (PyTorch's Python frontend consumed them); a `# type:` comment is already merged into
//   the annotations, as PyTorch's parser does. f-strings arrive as `"..{}..".format(args)` calls,
//   as PyTorch's Python frontend builds them. Docstrings stay as ExprStmt(StringLiteral); the
//   Python frontend drops them, so the emitter should skip them.

// ---------------------------------------------------------------- expressions

enum class ExprKind : std::uint8_t {
  Name, Int, Float, Complex, Str, Bool, None, Ellipsis,
  Attribute, Call, Subscript, Slice, BinOp, UnaryOp, BoolOp, Compare, IfExp, Starred,
  Tuple, List, Dict, ListComp, DictComp,
};

struct Expr {
  explicit Expr(ExprKind kind, SourceRange range) : kind(kind), range(std::move(range)) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  const ExprKind kind;
  SourceRange range;
  std::uint32_t depth = 1;  // height of the tree below this node (1 for a leaf)

  // The node as `T` when it is one (T::kKind == kind), else nullptr.
  template <class T>
  const T* as() const noexcept {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
  template <class T>
  bool is() const noexcept {
    return kind == T::kKind;
  }
};
using ExprPtr = std::shared_ptr<const Expr>;
using ExprList = std::vector<ExprPtr>;

template <ExprKind K>
struct ExprOf : Expr {
  static constexpr ExprKind kKind = K;
  explicit ExprOf(SourceRange r) : Expr(K, std::move(r)) {}
};

// An identifier used as a value: `x`, `torch`, `__torch__`, `inf`.
struct Name : ExprOf<ExprKind::Name> {
  Name(SourceRange r, std::string id) : ExprOf(std::move(r)), id(std::move(id)) {}
  std::string id;
};
struct IntLiteral : ExprOf<ExprKind::Int> {
  IntLiteral(SourceRange r, std::int64_t value) : ExprOf(std::move(r)), value(value) {}
  std::int64_t value;
};
struct FloatLiteral : ExprOf<ExprKind::Float> {
  FloatLiteral(SourceRange r, double value) : ExprOf(std::move(r)), value(value) {}
  double value;
};
// An imaginary literal `2j` (complex numbers are written `re + imj`).
struct ComplexLiteral : ExprOf<ExprKind::Complex> {
  ComplexLiteral(SourceRange r, double imag) : ExprOf(std::move(r)), imag(imag) {}
  double imag;
};
// One or more adjacent string literals, concatenated and decoded.
struct StringLiteral : ExprOf<ExprKind::Str> {
  StringLiteral(SourceRange r, std::string value) : ExprOf(std::move(r)), value(std::move(value)) {}
  std::string value;
};
struct BoolLiteral : ExprOf<ExprKind::Bool> {
  BoolLiteral(SourceRange r, bool value) : ExprOf(std::move(r)), value(value) {}
  bool value;
};
struct NoneLiteral : ExprOf<ExprKind::None> {
  using ExprOf::ExprOf;
};
// `...` (or the name `Ellipsis`).
struct EllipsisLiteral : ExprOf<ExprKind::Ellipsis> {
  using ExprOf::ExprOf;
};

// `value.name`
struct Attribute : ExprOf<ExprKind::Attribute> {
  Attribute(SourceRange r, ExprPtr value, std::string name, SourceRange name_range)
      : ExprOf(std::move(r)), value(std::move(value)), name(std::move(name)),
        name_range(std::move(name_range)) {}
  ExprPtr value;
  std::string name;
  SourceRange name_range;
};

struct Keyword {
  std::string name;
  SourceRange range;  // of the name
  ExprPtr value;
};
// `func(args..., name=value...)`; `*x` arguments are Starred.
struct Call : ExprOf<ExprKind::Call> {
  Call(SourceRange r, ExprPtr func, ExprList args, std::vector<Keyword> keywords)
      : ExprOf(std::move(r)), func(std::move(func)), args(std::move(args)),
        keywords(std::move(keywords)) {}
  ExprPtr func;
  ExprList args;
  std::vector<Keyword> keywords;
};

// `value[i]`, `value[a, b:c, ...]`: one entry per comma-separated index (Slice nodes for `:`).
struct Subscript : ExprOf<ExprKind::Subscript> {
  Subscript(SourceRange r, ExprPtr value, ExprList indices)
      : ExprOf(std::move(r)), value(std::move(value)), indices(std::move(indices)) {}
  ExprPtr value;
  ExprList indices;
};
// `lower:upper:step` inside a subscript; absent parts are null.
struct Slice : ExprOf<ExprKind::Slice> {
  Slice(SourceRange r, ExprPtr lower, ExprPtr upper, ExprPtr step)
      : ExprOf(std::move(r)), lower(std::move(lower)), upper(std::move(upper)),
        step(std::move(step)) {}
  ExprPtr lower, upper, step;
};

enum class BinOpKind : std::uint8_t {
  Add, Sub, Mul, Div, FloorDiv, Mod, Pow, MatMul, BitAnd, BitOr, BitXor, LShift, RShift,
};
inline std::string_view spelling(BinOpKind op) noexcept {
  constexpr std::string_view s[] = {"+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>"};
  return s[static_cast<int>(op)];
}
struct BinOp : ExprOf<ExprKind::BinOp> {
  BinOp(SourceRange r, BinOpKind op, ExprPtr lhs, ExprPtr rhs)
      : ExprOf(std::move(r)), op(op), lhs(std::move(lhs)), rhs(std::move(rhs)) {}
  BinOpKind op;
  ExprPtr lhs, rhs;
};

enum class UnaryOpKind : std::uint8_t { Neg, Pos, Invert, Not };
inline std::string_view spelling(UnaryOpKind op) noexcept {
  constexpr std::string_view s[] = {"-", "+", "~", "not"};
  return s[static_cast<int>(op)];
}
struct UnaryOp : ExprOf<ExprKind::UnaryOp> {
  UnaryOp(SourceRange r, UnaryOpKind op, ExprPtr operand)
      : ExprOf(std::move(r)), op(op), operand(std::move(operand)) {}
  UnaryOpKind op;
  ExprPtr operand;
};

// `a and b and c` / `a or b` (two or more values, evaluated left to right, short-circuit).
enum class BoolOpKind : std::uint8_t { And, Or };
struct BoolOp : ExprOf<ExprKind::BoolOp> {
  BoolOp(SourceRange r, BoolOpKind op, ExprList values)
      : ExprOf(std::move(r)), op(op), values(std::move(values)) {}
  BoolOpKind op;
  ExprList values;
};

// `a < b <= c`: operands.size() == ops.size() + 1; Python's chained meaning.
enum class CmpOpKind : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge, Is, IsNot, In, NotIn };
inline std::string_view spelling(CmpOpKind op) noexcept {
  constexpr std::string_view s[] = {"==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"};
  return s[static_cast<int>(op)];
}
struct Compare : ExprOf<ExprKind::Compare> {
  Compare(SourceRange r, ExprList operands, std::vector<CmpOpKind> ops)
      : ExprOf(std::move(r)), operands(std::move(operands)), ops(std::move(ops)) {}
  ExprList operands;
  std::vector<CmpOpKind> ops;
};

// `then if cond else orelse`
struct IfExp : ExprOf<ExprKind::IfExp> {
  IfExp(SourceRange r, ExprPtr cond, ExprPtr then, ExprPtr orelse)
      : ExprOf(std::move(r)), cond(std::move(cond)), then(std::move(then)),
        orelse(std::move(orelse)) {}
  ExprPtr cond, then, orelse;
};

// `*value` (in calls, displays and assignment targets).
struct Starred : ExprOf<ExprKind::Starred> {
  Starred(SourceRange r, ExprPtr value) : ExprOf(std::move(r)), value(std::move(value)) {}
  ExprPtr value;
};

struct TupleLiteral : ExprOf<ExprKind::Tuple> {
  TupleLiteral(SourceRange r, ExprList elts) : ExprOf(std::move(r)), elts(std::move(elts)) {}
  ExprList elts;
};
struct ListLiteral : ExprOf<ExprKind::List> {
  ListLiteral(SourceRange r, ExprList elts) : ExprOf(std::move(r)), elts(std::move(elts)) {}
  ExprList elts;
};
struct DictLiteral : ExprOf<ExprKind::Dict> {
  DictLiteral(SourceRange r, ExprList keys, ExprList values)
      : ExprOf(std::move(r)), keys(std::move(keys)), values(std::move(values)) {}
  ExprList keys, values;
};

// `[elt for target in iter if cond...]` (one generator, as TorchScript allows).
struct ListComp : ExprOf<ExprKind::ListComp> {
  ListComp(SourceRange r, ExprPtr elt, ExprPtr target, ExprPtr iter, ExprList ifs)
      : ExprOf(std::move(r)), elt(std::move(elt)), target(std::move(target)),
        iter(std::move(iter)), ifs(std::move(ifs)) {}
  ExprPtr elt, target, iter;
  ExprList ifs;
};
// `{key: value for target in iter if cond...}`
struct DictComp : ExprOf<ExprKind::DictComp> {
  DictComp(SourceRange r, ExprPtr key, ExprPtr value, ExprPtr target, ExprPtr iter, ExprList ifs)
      : ExprOf(std::move(r)), key(std::move(key)), value(std::move(value)),
        target(std::move(target)), iter(std::move(iter)), ifs(std::move(ifs)) {}
  ExprPtr key, value, target, iter;
  ExprList ifs;
};

// ---------------------------------------------------------------- statements

enum class StmtKind : std::uint8_t {
  Expr, Assign, AugAssign, If, For, While, Break, Continue, Pass, Return, Raise, Assert,
  Delete, With, Global, Def, Class,
};

struct Stmt {
  explicit Stmt(StmtKind kind, SourceRange range) : kind(kind), range(std::move(range)) {}
  virtual ~Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  const StmtKind kind;
  SourceRange range;

  template <class T>
  const T* as() const noexcept {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
  template <class T>
  bool is() const noexcept {
    return kind == T::kKind;
  }
};
using StmtPtr = std::shared_ptr<const Stmt>;
using StmtList = std::vector<StmtPtr>;

template <StmtKind K>
struct StmtOf : Stmt {
  static constexpr StmtKind kKind = K;
  explicit StmtOf(SourceRange r) : Stmt(K, std::move(r)) {}
};

// An expression evaluated for its effect (also docstrings: a lone string literal).
struct ExprStmt : StmtOf<StmtKind::Expr> {
  ExprStmt(SourceRange r, ExprPtr value) : StmtOf(std::move(r)), value(std::move(value)) {}
  ExprPtr value;
};

// `t1 = t2 = value`, `x: T = value`, and the declaration `x: T` (value null). Targets are Name,
// Attribute, Subscript, Starred, or Tuple/List literals of targets.
struct Assign : StmtOf<StmtKind::Assign> {
  Assign(SourceRange r, ExprList targets, ExprPtr value, ExprPtr annotation)
      : StmtOf(std::move(r)), targets(std::move(targets)), value(std::move(value)),
        annotation(std::move(annotation)) {}
  ExprList targets;
  ExprPtr value;       // null for a bare declaration
  ExprPtr annotation;  // null when not annotated
};

// `target op= value`
struct AugAssign : StmtOf<StmtKind::AugAssign> {
  AugAssign(SourceRange r, ExprPtr target, BinOpKind op, ExprPtr value)
      : StmtOf(std::move(r)), target(std::move(target)), op(op), value(std::move(value)) {}
  ExprPtr target;
  BinOpKind op;
  ExprPtr value;
};

// `if cond: body else: orelse`; `elif` is an If alone in orelse, with is_elif set.
struct If : StmtOf<StmtKind::If> {
  If(SourceRange r, ExprPtr cond, StmtList body, StmtList orelse, bool is_elif)
      : StmtOf(std::move(r)), cond(std::move(cond)), body(std::move(body)),
        orelse(std::move(orelse)), is_elif(is_elif) {}
  ExprPtr cond;
  StmtList body, orelse;
  bool is_elif;
};

// `for target in iter: body` (target may be a tuple of targets).
struct For : StmtOf<StmtKind::For> {
  For(SourceRange r, ExprPtr target, ExprPtr iter, StmtList body)
      : StmtOf(std::move(r)), target(std::move(target)), iter(std::move(iter)),
        body(std::move(body)) {}
  ExprPtr target, iter;
  StmtList body;
};

struct While : StmtOf<StmtKind::While> {
  While(SourceRange r, ExprPtr cond, StmtList body)
      : StmtOf(std::move(r)), cond(std::move(cond)), body(std::move(body)) {}
  ExprPtr cond;
  StmtList body;
};

struct Break : StmtOf<StmtKind::Break> { using StmtOf::StmtOf; };
struct Continue : StmtOf<StmtKind::Continue> { using StmtOf::StmtOf; };
struct Pass : StmtOf<StmtKind::Pass> { using StmtOf::StmtOf; };

struct Return : StmtOf<StmtKind::Return> {
  Return(SourceRange r, ExprPtr value) : StmtOf(std::move(r)), value(std::move(value)) {}
  ExprPtr value;  // null for a bare `return`
};

// `raise exc` (exc null for a bare `raise`).
struct Raise : StmtOf<StmtKind::Raise> {
  Raise(SourceRange r, ExprPtr exc) : StmtOf(std::move(r)), exc(std::move(exc)) {}
  ExprPtr exc;
};

struct Assert : StmtOf<StmtKind::Assert> {
  Assert(SourceRange r, ExprPtr test, ExprPtr msg)
      : StmtOf(std::move(r)), test(std::move(test)), msg(std::move(msg)) {}
  ExprPtr test;
  ExprPtr msg;  // may be null
};

struct Delete : StmtOf<StmtKind::Delete> {
  Delete(SourceRange r, ExprList targets) : StmtOf(std::move(r)), targets(std::move(targets)) {}
  ExprList targets;
};

struct WithItem {
  ExprPtr context;
  ExprPtr target;  // the `as` target, or null
  SourceRange range;
};
struct With : StmtOf<StmtKind::With> {
  With(SourceRange r, std::vector<WithItem> items, StmtList body)
      : StmtOf(std::move(r)), items(std::move(items)), body(std::move(body)) {}
  std::vector<WithItem> items;
  StmtList body;
};

struct Global : StmtOf<StmtKind::Global> {
  Global(SourceRange r, std::vector<std::string> names)
      : StmtOf(std::move(r)), names(std::move(names)) {}
  std::vector<std::string> names;
};

struct Param {
  std::string name;
  SourceRange range;   // of the name
  ExprPtr annotation;  // may be null
  ExprPtr default_value;  // may be null
  bool kwarg_only = false;  // after a bare `*`
};

// The signature given by a `# type: (A, B) -> R` comment.
struct TypeComment {
  SourceRange range;  // the whole comment
  ExprList param_types;
  ExprPtr return_type;  // may be null
};

// `def name(params) -> returns: body`, with its decorators (`@torch.jit.export`, ...).
struct Def : StmtOf<StmtKind::Def> {
  Def(SourceRange r) : StmtOf(std::move(r)) {}
  std::string name;
  SourceRange name_range;
  std::vector<Param> params;
  ExprPtr returns;  // may be null
  StmtList body;
  ExprList decorators;
  std::optional<TypeComment> type_comment;

  // The decorator spelled `spelling` (e.g. "torch.jit.export", "staticmethod"), if present
  // (calls such as `@torch.jit.ignore(drop=True)` match by their callee).
  const Expr* decorator(std::string_view spelling) const;
};
using DefPtr = std::shared_ptr<const Def>;

// `class Name(bases): body`. Bodies hold attribute declarations (Assign without value),
// constants and enum members (Assign), methods (Def), `pass` and docstrings.
struct ClassDef : StmtOf<StmtKind::Class> {
  ClassDef(SourceRange r) : StmtOf(std::move(r)) {}
  std::string name;
  SourceRange name_range;
  ExprList bases;
  StmtList body;
  ExprList decorators;
};
using ClassDefPtr = std::shared_ptr<const ClassDef>;

// One file: its statements (defs and classes in archives), plus the legacy header lines older
// PyTorch wrote (`op_version_set = N` stays an Assign in body; `import ...` lines are kept here).
struct Module {
  std::shared_ptr<const Source> source;
  StmtList body;
  std::vector<std::string> imports;

  // The top-level class or def called `name` (as a qualified name's last part resolves in the
  // file of its qualifier), or nullptr.
  const ClassDef* find_class(std::string_view name) const {
    for (const auto& s : body)
      if (auto c = s->as<ClassDef>(); c && c->name == name) return c;
    return nullptr;
  }
  const Def* find_def(std::string_view name) const {
    for (const auto& s : body)
      if (auto d = s->as<Def>(); d && d->name == name) return d;
    return nullptr;
  }
};

// ---------------------------------------------------------------- helpers

// The dotted name an expression spells (`torch.jit.export`), or "" if it is not one.
inline std::string dotted_name(const Expr& e) {
  if (auto n = e.as<Name>()) return n->id;
  if (auto a = e.as<Attribute>()) {
    std::string base = dotted_name(*a->value);
    return base.empty() ? std::string() : base + "." + a->name;
  }
  return {};
}

inline const Expr* Def::decorator(std::string_view spelling) const {
  for (const auto& d : decorators) {
    const Expr* e = d.get();
    if (auto c = e->as<Call>()) e = c->func.get();
    if (dotted_name(*e) == spelling) return d.get();
  }
  return nullptr;
}

namespace detail {

inline void quote_into(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

inline std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

inline void dump_into(std::string& out, const Expr* e);
inline void dump_into(std::string& out, const Stmt& s);

inline void dump_list(std::string& out, const ExprList& list) {
  for (const auto& e : list) {
    out += ' ';
    dump_into(out, e.get());
  }
}
inline void dump_body(std::string& out, std::string_view tag, const StmtList& body) {
  out += " (";
  out += tag;
  for (const auto& s : body) {
    out += ' ';
    dump_into(out, *s);
  }
  out += ')';
}

inline void dump_into(std::string& out, const Expr* e) {
  if (!e) {
    out += "_";
    return;
  }
  switch (e->kind) {
    case ExprKind::Name: out += e->as<Name>()->id; return;
    case ExprKind::Int: out += std::to_string(e->as<IntLiteral>()->value); return;
    case ExprKind::Float: out += number_text(e->as<FloatLiteral>()->value) + "f"; return;
    case ExprKind::Complex: out += number_text(e->as<ComplexLiteral>()->imag) + "j"; return;
    case ExprKind::Str: quote_into(out, e->as<StringLiteral>()->value); return;
    case ExprKind::Bool: out += e->as<BoolLiteral>()->value ? "True" : "False"; return;
    case ExprKind::None: out += "None"; return;
    case ExprKind::Ellipsis: out += "..."; return;
    case ExprKind::Attribute: {
      auto a = e->as<Attribute>();
      out += "(. ";
      dump_into(out, a->value.get());
      out += ' ' + a->name + ')';
      return;
    }
    case ExprKind::Call: {
      auto c = e->as<Call>();
      out += "(call ";
      dump_into(out, c->func.get());
      dump_list(out, c->args);
      for (const auto& k : c->keywords) {
        out += " (= " + k.name + ' ';
        dump_into(out, k.value.get());
        out += ')';
      }
      out += ')';
      return;
    }
    case ExprKind::Subscript: {
      auto s = e->as<Subscript>();
      out += "([] ";
      dump_into(out, s->value.get());
      dump_list(out, s->indices);
      out += ')';
      return;
    }
    case ExprKind::Slice: {
      auto s = e->as<Slice>();
      out += "(: ";
      dump_into(out, s->lower.get());
      out += ' ';
      dump_into(out, s->upper.get());
      out += ' ';
      dump_into(out, s->step.get());
      out += ')';
      return;
    }
    case ExprKind::BinOp: {
      auto b = e->as<BinOp>();
      out += '(';
      out += spelling(b->op);
      out += ' ';
      dump_into(out, b->lhs.get());
      out += ' ';
      dump_into(out, b->rhs.get());
      out += ')';
      return;
    }
    case ExprKind::UnaryOp: {
      auto u = e->as<UnaryOp>();
      out += '(';
      out += u->op == UnaryOpKind::Neg ? "neg" : u->op == UnaryOpKind::Pos ? "pos" : spelling(u->op);
      out += ' ';
      dump_into(out, u->operand.get());
      out += ')';
      return;
    }
    case ExprKind::BoolOp: {
      auto b = e->as<BoolOp>();
      out += b->op == BoolOpKind::And ? "(and" : "(or";
      dump_list(out, b->values);
      out += ')';
      return;
    }
    case ExprKind::Compare: {
      auto c = e->as<Compare>();
      out += "(cmp ";
      dump_into(out, c->operands[0].get());
      for (std::size_t i = 0; i < c->ops.size(); ++i) {
        out += ' ';
        out += spelling(c->ops[i]);
        out += ' ';
        dump_into(out, c->operands[i + 1].get());
      }
      out += ')';
      return;
    }
    case ExprKind::IfExp: {
      auto i = e->as<IfExp>();
      out += "(ifexp ";
      dump_into(out, i->cond.get());
      out += ' ';
      dump_into(out, i->then.get());
      out += ' ';
      dump_into(out, i->orelse.get());
      out += ')';
      return;
    }
    case ExprKind::Starred:
      out += "(* ";
      dump_into(out, e->as<Starred>()->value.get());
      out += ')';
      return;
    case ExprKind::Tuple:
      out += "(tuple";
      dump_list(out, e->as<TupleLiteral>()->elts);
      out += ')';
      return;
    case ExprKind::List:
      out += "(list";
      dump_list(out, e->as<ListLiteral>()->elts);
      out += ')';
      return;
    case ExprKind::Dict: {
      auto d = e->as<DictLiteral>();
      out += "(dict";
      for (std::size_t i = 0; i < d->keys.size(); ++i) {
        out += " (";
        dump_into(out, d->keys[i].get());
        out += ' ';
        dump_into(out, d->values[i].get());
        out += ')';
      }
      out += ')';
      return;
    }
    case ExprKind::ListComp: {
      auto c = e->as<ListComp>();
      out += "(listcomp ";
      dump_into(out, c->elt.get());
      out += ' ';
      dump_into(out, c->target.get());
      out += ' ';
      dump_into(out, c->iter.get());
      dump_list(out, c->ifs);
      out += ')';
      return;
    }
    case ExprKind::DictComp: {
      auto c = e->as<DictComp>();
      out += "(dictcomp ";
      dump_into(out, c->key.get());
      out += ' ';
      dump_into(out, c->value.get());
      out += ' ';
      dump_into(out, c->target.get());
      out += ' ';
      dump_into(out, c->iter.get());
      dump_list(out, c->ifs);
      out += ')';
      return;
    }
  }
}

inline void dump_def(std::string& out, const Def& d) {
  out += "(def " + d.name;
  if (!d.decorators.empty()) {
    out += " (decorators";
    dump_list(out, d.decorators);
    out += ')';
  }
  out += " (params";
  for (const auto& p : d.params) {
    out += " (" + p.name;
    if (p.kwarg_only) out += " kwonly";
    if (p.annotation) {
      out += " : ";
      dump_into(out, p.annotation.get());
    }
    if (p.default_value) {
      out += " = ";
      dump_into(out, p.default_value.get());
    }
    out += ')';
  }
  out += ')';
  if (d.returns) {
    out += " -> ";
    dump_into(out, d.returns.get());
  }
  if (d.type_comment) {
    out += " (type";
    dump_list(out, d.type_comment->param_types);
    out += " -> ";
    dump_into(out, d.type_comment->return_type.get());
    out += ')';
  }
  dump_body(out, "body", d.body);
  out += ')';
}

inline void dump_into(std::string& out, const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Expr:
      out += "(expr ";
      dump_into(out, s.as<ExprStmt>()->value.get());
      out += ')';
      return;
    case StmtKind::Assign: {
      auto a = s.as<Assign>();
      out += "(=";
      dump_list(out, a->targets);
      if (a->annotation) {
        out += " : ";
        dump_into(out, a->annotation.get());
      }
      out += ' ';
      dump_into(out, a->value.get());
      out += ')';
      return;
    }
    case StmtKind::AugAssign: {
      auto a = s.as<AugAssign>();
      out += '(';
      out += spelling(a->op);
      out += "= ";
      dump_into(out, a->target.get());
      out += ' ';
      dump_into(out, a->value.get());
      out += ')';
      return;
    }
    case StmtKind::If: {
      auto i = s.as<If>();
      out += i->is_elif ? "(elif " : "(if ";
      dump_into(out, i->cond.get());
      dump_body(out, "then", i->body);
      if (!i->orelse.empty()) dump_body(out, "else", i->orelse);
      out += ')';
      return;
    }
    case StmtKind::For: {
      auto f = s.as<For>();
      out += "(for ";
      dump_into(out, f->target.get());
      out += ' ';
      dump_into(out, f->iter.get());
      dump_body(out, "do", f->body);
      out += ')';
      return;
    }
    case StmtKind::While: {
      auto w = s.as<While>();
      out += "(while ";
      dump_into(out, w->cond.get());
      dump_body(out, "do", w->body);
      out += ')';
      return;
    }
    case StmtKind::Break: out += "(break)"; return;
    case StmtKind::Continue: out += "(continue)"; return;
    case StmtKind::Pass: out += "(pass)"; return;
    case StmtKind::Return:
      out += "(return ";
      dump_into(out, s.as<Return>()->value.get());
      out += ')';
      return;
    case StmtKind::Raise:
      out += "(raise ";
      dump_into(out, s.as<Raise>()->exc.get());
      out += ')';
      return;
    case StmtKind::Assert: {
      auto a = s.as<Assert>();
      out += "(assert ";
      dump_into(out, a->test.get());
      out += ' ';
      dump_into(out, a->msg.get());
      out += ')';
      return;
    }
    case StmtKind::Delete:
      out += "(del";
      dump_list(out, s.as<Delete>()->targets);
      out += ')';
      return;
    case StmtKind::With: {
      auto w = s.as<With>();
      out += "(with";
      for (const auto& item : w->items) {
        out += " (";
        dump_into(out, item.context.get());
        if (item.target) {
          out += " as ";
          dump_into(out, item.target.get());
        }
        out += ')';
      }
      dump_body(out, "do", w->body);
      out += ')';
      return;
    }
    case StmtKind::Global: {
      out += "(global";
      for (const auto& n : s.as<Global>()->names) out += ' ' + n;
      out += ')';
      return;
    }
    case StmtKind::Def: dump_def(out, *s.as<Def>()); return;
    case StmtKind::Class: {
      auto c = s.as<ClassDef>();
      out += "(class " + c->name;
      if (!c->decorators.empty()) {
        out += " (decorators";
        dump_list(out, c->decorators);
        out += ')';
      }
      out += " (bases";
      dump_list(out, c->bases);
      out += ')';
      dump_body(out, "body", c->body);
      out += ')';
      return;
    }
  }
}

}  // namespace detail

// S-expression renderings, e.g. `(call (. torch add) x 1)`; absent children print as `_`.
inline std::string dump(const Expr& e) {
  std::string out;
  detail::dump_into(out, &e);
  return out;
}
inline std::string dump(const Stmt& s) {
  std::string out;
  detail::dump_into(out, s);
  return out;
}
inline std::string dump(const Module& m) {
  std::string out;
  for (const auto& s : m.body) {
    if (!out.empty()) out += '\n';
    detail::dump_into(out, *s);
  }
  return out;
}

}  // namespace tjit::frontend
