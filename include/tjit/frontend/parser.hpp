// tjit/frontend/parser.hpp — TorchScript source → syntax tree.
//
// `parse(source)` reads a whole file (an archive's `code/` record, or source given to
// tjit::compile) into a Module; `parse_expression` reads one expression (e.g. a type string).
// The grammar is Python's, restricted to what TorchScript has: everything PyTorch's printer
// writes into archives (§6 of the archive-format notes) and what people write by hand (defs
// with annotations, defaults and `# type:` comments, decorators, classes, NamedTuples, enums,
// interfaces, all statements, comprehensions, slices, ...). Python syntax TorchScript lacks
// (lambda, try, yield, sets, ...) is rejected with PyTorch's message for it; every error is a
// tjit::Error laid out as PyTorch's (frontend/error_report.hpp). Nesting is bounded, so no input
// can overflow the stack. Builds on frontend/lexer.hpp and frontend/ast.hpp.
#pragma once

#include "tjit/core/error.hpp"
#include "tjit/core/source_range.hpp"
#include "tjit/frontend/ast.hpp"
#include "tjit/frontend/error_report.hpp"
#include "tjit/frontend/lexer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tjit::frontend {

struct ParseOptions {
  // Top-level defs are methods (libtorch's Module::define): the first parameter is `self`, which
  // a `# type:` comment does not list.
  bool defs_are_methods = false;
};

class Parser {
 public:
  // Expressions (brackets, operands of unary operators and `**`) and blocks nested deeper than
  // this are an error. It bounds the parser's recursion, hence its stack use (~16 frames per
  // level).
  static constexpr int kMaxNesting = 200;
  // Expression trees taller than this (e.g. `1+1+...+1` with thousands of terms) are an error.
  static constexpr std::uint32_t kMaxExprDepth = 2000;

  explicit Parser(std::shared_ptr<const Source> source, ParseOptions options = {},
                  std::size_t begin = 0, std::size_t end = std::string::npos)
      : L(std::move(source), begin, end), in_class_(options.defs_are_methods) {}

  Lexer& lexer() noexcept { return L; }

  // A whole file.
  Module parse_module() {
    Module m;
    m.source = L.source();
    while (L.cur().kind != Tok::Eof) {
      if (L.next_if(Tok::Newline)) continue;
      if (L.cur().kind == Tok::Import || is_ident("from")) {
        // Legacy `import` lines of older archives: kept as text, otherwise ignored.
        const std::size_t start = L.cur().start;
        std::size_t end = start;
        while (L.cur().kind != Tok::Newline && L.cur().kind != Tok::Eof) end = L.next().end;
        m.imports.emplace_back(std::string_view(L.source()->text()).substr(start, end - start));
        continue;
      }
      parse_statement(m.body);
    }
    return m;
  }

  // One expression (or a tuple of them) filling the text.
  ExprPtr parse_expression_only() {
    ExprPtr e = parse_testlist_star();
    while (L.next_if(Tok::Newline)) {
    }
    if (L.cur().kind != Tok::Eof) L.expected("eof");
    return e;
  }

  // `(T1, T2) -> R` — the text of a `# type:` comment after its prefix.
  TypeComment parse_type_signature(SourceRange comment_range) {
    TypeComment tc;
    tc.range = std::move(comment_range);
    L.expect(Tok::LParen);
    while (L.cur().kind != Tok::RParen) {
      tc.param_types.push_back(parse_test());
      if (!L.next_if(Tok::Comma)) break;
    }
    L.expect(Tok::RParen);
    if (L.next_if(Tok::Arrow)) tc.return_type = parse_test();
    while (L.next_if(Tok::Newline)) {
    }
    if (L.cur().kind != Tok::Eof) L.expected("eof");
    return tc;
  }

 private:
  // ------------------------------------------------------------ helpers
  struct NestingGuard {
    NestingGuard(Parser& p, const Token& at) : p(p) {
      if (++p.nesting_ > kMaxNesting)
        throw error_report(p.L.range(at), "too many nested brackets, blocks or operators (the limit is " +
                                              std::to_string(kMaxNesting) + ")");
    }
    ~NestingGuard() { --p.nesting_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;
    Parser& p;
  };

  Token advance() {
    Token t = L.next();
    last_end_ = t.end;
    return t;
  }
  Token expect(Tok kind) {
    Token t = L.expect(kind);
    last_end_ = t.end;
    return t;
  }
  bool accept(Tok kind) {
    if (L.cur().kind != kind) return false;
    advance();
    return true;
  }
  bool is_ident(std::string_view word) {
    const Token& t = L.cur();
    return t.kind == Tok::Ident && L.text(t) == word;
  }
  SourceRange range_from(std::size_t start) const { return L.range(start, std::max(start, last_end_)); }
  SourceRange tok_range(const Token& t) const { return L.range(t); }

  template <class T, class... Args>
  std::shared_ptr<T> make(Args&&... args) {
    return std::make_shared<T>(std::forward<Args>(args)...);
  }
  // Sets a new node's depth from its children and enforces kMaxExprDepth.
  ExprPtr finish(std::shared_ptr<Expr> e, std::initializer_list<const Expr*> children) {
    std::uint32_t d = 0;
    for (const Expr* c : children)
      if (c) d = std::max(d, c->depth);
    return finish_depth(std::move(e), d);
  }
  ExprPtr finish_list(std::shared_ptr<Expr> e, const ExprList& children, const Expr* extra = nullptr) {
    std::uint32_t d = extra ? extra->depth : 0;
    for (const auto& c : children)
      if (c) d = std::max(d, c->depth);
    return finish_depth(std::move(e), d);
  }
  ExprPtr finish_depth(std::shared_ptr<Expr> e, std::uint32_t child_depth) {
    e->depth = child_depth + 1;
    if (e->depth > kMaxExprDepth)
      throw error_report(e->range, "expression is too deeply nested (the limit is " +
                                       std::to_string(kMaxExprDepth) + " levels)");
    return e;
  }

  [[noreturn]] void unsupported(std::string_view feature, std::size_t start, std::size_t len) {
    throw unsupported_error(feature, L.range(start, start + len));
  }

  // ------------------------------------------------------------ statements

  // One statement (compound, or a line of `;`-separated simple ones), appended to `out`.
  void parse_statement(StmtList& out) {
    const Token& t = L.cur();
    switch (t.kind) {
      case Tok::If: out.push_back(parse_if()); return;
      case Tok::While: out.push_back(parse_while()); return;
      case Tok::For: out.push_back(parse_for()); return;
      case Tok::With: out.push_back(parse_with()); return;
      case Tok::Def: out.push_back(parse_def({})); return;
      case Tok::Class: out.push_back(parse_class({})); return;
      case Tok::At: out.push_back(parse_decorated()); return;
      case Tok::Ident: {
        std::string_view w = L.text(t);
        if (w == "try" && L.lookahead().kind == Tok::Colon) unsupported("try blocks", t.start, 3);
        if (w == "async") {
          Tok k = L.lookahead().kind;
          if (k == Tok::Def) unsupported("async function definitions", t.start, 9);
          if (k == Tok::For) unsupported("async for loops", t.start, 9);
          if (k == Tok::With) unsupported("async with statements", t.start, 10);
        }
        break;
      }
      default:
        break;
    }
    parse_simple_line(out);
  }

  void parse_simple_line(StmtList& out) {
    for (;;) {
      out.push_back(parse_small_stmt());
      if (!accept(Tok::Semicolon)) break;
      if (L.cur().kind == Tok::Newline) break;
    }
    expect(Tok::Newline);
  }

  // The body after a ':' — an indented block, or simple statements on the same line.
  StmtList parse_suite() {
    NestingGuard guard(*this, L.cur());
    StmtList body;
    if (accept(Tok::Indent)) {
      do {
        parse_statement(body);
      } while (!accept(Tok::Dedent));
      return body;
    }
    if (L.cur().kind == Tok::Newline || L.cur().kind == Tok::Eof) L.expected("indent");
    parse_simple_line(body);
    return body;
  }

  static bool ends_tuple(Tok k) {
    switch (k) {
      case Tok::Newline: case Tok::Semicolon: case Tok::Assign: case Tok::RParen:
      case Tok::RBracket: case Tok::RBrace: case Tok::Colon: case Tok::In: case Tok::Eof:
      case Tok::Indent: case Tok::Dedent:
      case Tok::PlusEq: case Tok::MinusEq: case Tok::StarEq: case Tok::SlashEq:
      case Tok::PercentEq: case Tok::AtEq: case Tok::AmpEq: case Tok::PipeEq: case Tok::CaretEq:
      case Tok::LShiftEq: case Tok::RShiftEq: case Tok::PowEq: case Tok::FloorDivEq:
        return true;
      default:
        return false;
    }
  }

  static std::optional<BinOpKind> aug_op(Tok k) {
    switch (k) {
      case Tok::PlusEq: return BinOpKind::Add;
      case Tok::MinusEq: return BinOpKind::Sub;
      case Tok::StarEq: return BinOpKind::Mul;
      case Tok::SlashEq: return BinOpKind::Div;
      case Tok::FloorDivEq: return BinOpKind::FloorDiv;
      case Tok::PercentEq: return BinOpKind::Mod;
      case Tok::PowEq: return BinOpKind::Pow;
      case Tok::AtEq: return BinOpKind::MatMul;
      case Tok::AmpEq: return BinOpKind::BitAnd;
      case Tok::PipeEq: return BinOpKind::BitOr;
      case Tok::CaretEq: return BinOpKind::BitXor;
      case Tok::LShiftEq: return BinOpKind::LShift;
      case Tok::RShiftEq: return BinOpKind::RShift;
      default: return std::nullopt;
    }
  }

  bool at_stmt_end() {
    Tok k = L.cur().kind;
    return k == Tok::Newline || k == Tok::Semicolon || k == Tok::Eof;
  }

  void check_target(const ExprPtr& e) {
    switch (e->kind) {
      case ExprKind::Name: case ExprKind::Attribute: case ExprKind::Subscript: return;
      case ExprKind::Starred: check_target(e->as<Starred>()->value); return;
      case ExprKind::Tuple:
        for (const auto& x : e->as<TupleLiteral>()->elts) check_target(x);
        return;
      case ExprKind::List:
        for (const auto& x : e->as<ListLiteral>()->elts) check_target(x);
        return;
      default:
        throw error_report(e->range, "unexpected expression on left-hand side of assignment");
    }
  }

  StmtPtr parse_small_stmt() {
    const Token t = L.cur();
    const SourceRange kw = tok_range(t);
    switch (t.kind) {
      case Tok::Pass: advance(); return make<Pass>(kw);
      case Tok::Break: advance(); return make<Break>(kw);
      case Tok::Continue: advance(); return make<Continue>(kw);
      case Tok::Return: {
        advance();
        ExprPtr value = at_stmt_end() ? nullptr : parse_testlist_star();
        return make<Return>(kw, std::move(value));
      }
      case Tok::Raise: {
        advance();
        ExprPtr exc = at_stmt_end() ? nullptr : parse_test();
        if (is_ident("from"))
          throw error_report(tok_range(L.cur()), "exception chaining (raise ... from ...) is not supported");
        return make<Raise>(kw, std::move(exc));
      }
      case Tok::Assert: {
        advance();
        ExprPtr test = parse_test();
        ExprPtr msg = accept(Tok::Comma) ? parse_test() : nullptr;
        return make<Assert>(kw, std::move(test), std::move(msg));
      }
      case Tok::Del: {
        advance();
        ExprList targets;
        do {
          if (at_stmt_end()) break;
          targets.push_back(parse_bitor());
        } while (accept(Tok::Comma));
        if (targets.empty()) L.expected("ident");
        return make<Delete>(kw, std::move(targets));
      }
      case Tok::Global: {
        advance();
        std::vector<std::string> names;
        do {
          names.emplace_back(L.text(expect(Tok::Ident)));
        } while (accept(Tok::Comma));
        return make<Global>(kw, std::move(names));
      }
      case Tok::Import: unsupported("import statements", t.start, 6);
      case Tok::Ident: {
        std::string_view w = L.text(t);
        if (w == "nonlocal" && L.lookahead().kind == Tok::Ident) unsupported("nonlocal variables", t.start, 8);
        if (w == "from" && L.lookahead().kind == Tok::Ident) unsupported("import statements", t.start, 4);
        break;
      }
      default:
        break;
    }
    // Expression statement or assignment.
    const std::size_t start = t.start;
    ExprPtr lhs = parse_testlist_star();
    if (L.cur().kind == Tok::Colon) {
      advance();
      ExprPtr annotation = parse_test();
      ExprPtr value = accept(Tok::Assign) ? parse_testlist_star() : nullptr;
      if (lhs->is<TupleLiteral>())
        throw error_report(lhs->range, "only single target (not tuple) can be annotated");
      check_target(lhs);
      if (L.cur().kind == Tok::Assign)
        throw error_report(annotation->range, "Annotated multiple assignment is not supported in python");
      return make<Assign>(range_from(start), ExprList{lhs}, std::move(value), std::move(annotation));
    }
    if (auto op = aug_op(L.cur().kind)) {
      advance();
      if (lhs->is<TupleLiteral>())
        throw error_report(lhs->range, " augmented assignment can only have one LHS expression");
      check_target(lhs);
      ExprPtr value = parse_testlist_star();
      return make<AugAssign>(range_from(start), std::move(lhs), *op, std::move(value));
    }
    if (L.cur().kind == Tok::Assign) {
      ExprList targets{lhs};
      while (accept(Tok::Assign)) targets.push_back(parse_testlist_star());
      ExprPtr value = targets.back();
      targets.pop_back();
      for (const auto& x : targets) check_target(x);
      return make<Assign>(range_from(start), std::move(targets), std::move(value), nullptr);
    }
    if (L.cur().kind == Tok::Walrus) unsupported("NamedExpr", L.cur().start, 2);
    return make<ExprStmt>(range_from(start), std::move(lhs));
  }

  // `if`, then its `elif`s (read in a loop, so long chains cost no stack), then `else`.
  StmtPtr parse_if() {
    struct Branch {
      Token kw;
      ExprPtr cond;
      StmtList body;
    };
    std::vector<Branch> branches;
    do {
      const Token kw = advance();  // `if` or `elif`
      ExprPtr cond = parse_test();
      expect(Tok::Colon);
      StmtList body = parse_suite();
      branches.push_back({kw, std::move(cond), std::move(body)});
      if (branches.size() > kMaxExprDepth)
        throw error_report(tok_range(kw), "too many elif branches (the limit is " +
                                              std::to_string(kMaxExprDepth) + ")");
    } while (L.cur().kind == Tok::Elif);
    StmtList orelse;
    if (accept(Tok::Else)) {
      expect(Tok::Colon);
      orelse = parse_suite();
    }
    StmtPtr node;
    for (std::size_t i = branches.size(); i-- > 0;) {
      Branch& b = branches[i];
      if (node) orelse = StmtList{node};
      node = make<If>(tok_range(b.kw), std::move(b.cond), std::move(b.body), std::move(orelse), i > 0);
      orelse.clear();
    }
    return node;
  }

  StmtPtr parse_while() {
    const Token kw = advance();
    ExprPtr cond = parse_test();
    expect(Tok::Colon);
    StmtList body = parse_suite();
    if (L.cur().kind == Tok::Else)
      throw error_at(tok_range(L.cur()), "else branches of while loops aren't supported");
    return make<While>(tok_range(kw), std::move(cond), std::move(body));
  }

  // Targets of `for` and comprehensions: `a`, `a, b`, `(a, b)`, `*rest`.
  ExprPtr parse_target_list() {
    const std::size_t start = L.cur().start;
    ExprList elts;
    bool comma = false;
    for (;;) {
      elts.push_back(parse_star_or(/*test=*/false));
      if (L.cur().kind != Tok::Comma) break;
      advance();
      comma = true;
      if (ends_tuple(L.cur().kind)) break;
    }
    for (const auto& e : elts) check_target(e);
    if (!comma) return elts[0];
    auto t = make<TupleLiteral>(range_from(start), std::move(elts));
    return finish_list(t, t->elts);
  }

  StmtPtr parse_for() {
    const Token kw = advance();
    ExprPtr target = parse_target_list();
    expect(Tok::In);
    ExprPtr iter = parse_testlist_star();
    expect(Tok::Colon);
    StmtList body = parse_suite();
    if (L.cur().kind == Tok::Else)
      throw error_at(tok_range(kw), "else branches of for loops aren't supported");
    return make<For>(tok_range(kw), std::move(target), std::move(iter), std::move(body));
  }

  StmtPtr parse_with() {
    const Token kw = advance();
    std::vector<WithItem> items;
    do {
      WithItem item;
      const std::size_t start = L.cur().start;
      item.context = parse_test();
      if (accept(Tok::As)) {
        item.target = parse_bitor();
        check_target(item.target);
      }
      item.range = range_from(start);
      items.push_back(std::move(item));
    } while (accept(Tok::Comma));
    expect(Tok::Colon);
    StmtList body = parse_suite();
    return make<With>(tok_range(kw), std::move(items), std::move(body));
  }

  StmtPtr parse_decorated() {
    ExprList decorators;
    while (L.cur().kind == Tok::At) {
      advance();
      decorators.push_back(parse_test());
      expect(Tok::Newline);
    }
    if (L.cur().kind == Tok::Def) return parse_def(std::move(decorators));
    if (L.cur().kind == Tok::Class) return parse_class(std::move(decorators));
    if (is_ident("async") && L.lookahead().kind == Tok::Def)
      unsupported("async function definitions", L.cur().start, 9);
    L.expected("def");
  }

  Param parse_param(bool kwarg_only) {
    Param p;
    Token name = expect(Tok::Ident);
    p.name = std::string(L.text(name));
    p.range = tok_range(name);
    p.kwarg_only = kwarg_only;
    if (accept(Tok::Colon)) p.annotation = parse_test();
    if (accept(Tok::Assign)) p.default_value = parse_test();
    return p;
  }

  StmtPtr parse_def(ExprList decorators) {
    const Token kw = expect(Tok::Def);
    auto def = std::make_shared<Def>(tok_range(kw));
    Token name = expect(Tok::Ident);
    def->name = std::string(L.text(name));
    def->name_range = tok_range(name);
    def->decorators = std::move(decorators);
    const bool is_method = in_class_;
    const Token lparen = expect(Tok::LParen);
    bool kwarg_only = false;
    while (L.cur().kind != Tok::RParen) {
      const Token t = L.cur();
      if (t.kind == Tok::Star || t.kind == Tok::Pow) {
        advance();
        if (t.kind == Tok::Star && !kwarg_only &&
            (L.cur().kind == Tok::Comma || L.cur().kind == Tok::RParen)) {
          kwarg_only = true;  // bare `*`: the rest are keyword-only
        } else {
          // PyTorch points from the last `*` to the end of the name.
          Token n = L.cur();
          std::size_t end = n.kind == Tok::Ident ? n.end : t.end;
          throw error_at(L.range(t.kind == Tok::Pow ? t.start + 1 : t.start, end),
                         "Compiled functions can't take variable number of arguments or use "
                         "keyword-only arguments with defaults");
        }
      } else if (t.kind == Tok::Slash) {
        throw error_report(tok_range(t), "positional-only parameters are not supported");
      } else {
        def->params.push_back(parse_param(kwarg_only));
      }
      if (!accept(Tok::Comma)) break;
    }
    expect(Tok::RParen);
    if (accept(Tok::Arrow)) def->returns = parse_test();
    const Token colon = expect(Tok::Colon);
    def->range = L.range(kw.start, colon.end);
    // A `# type: (A, B) -> R` comment on the def line or the first line of the body.
    const std::size_t body_start = L.cur().start;
    for (auto it = L.type_comments().rbegin(); it != L.type_comments().rend(); ++it) {
      if (it->start < colon.end) break;
      if (it->start < body_start || (L.cur().kind == Tok::Indent && it->start < L.cur().end)) {
        def->type_comment = parse_type_comment(*it);
        if (def->type_comment) break;
      }
    }
    if (def->type_comment) apply_type_comment(*def, is_method, L.range(lparen.start, colon.end));
    in_class_ = false;
    def->body = parse_suite();
    in_class_ = is_method;
    return def;
  }

  // As PyTorch does, a type comment's types become the parameters' annotations (`self` of a
  // method excepted) and its return type the def's.
  static void apply_type_comment(Def& def, bool is_method, const SourceRange& params_range) {
    const TypeComment& tc = *def.type_comment;
    const std::size_t skip = is_method && !def.params.empty() ? 1 : 0;
    const std::size_t expected = def.params.size() - skip;
    if (tc.param_types.size() != expected)
      throw error_report(params_range, "Number of type annotations (" + std::to_string(tc.param_types.size()) +
                                           ") did not match the number of " +
                                           (is_method ? "method" : "function") + " parameters (" +
                                           std::to_string(expected) + ")");
    for (std::size_t i = 0; i < expected; ++i) def.params[skip + i].annotation = tc.param_types[i];
    def.returns = tc.return_type;
  }

  // Parses a `# type:` comment; nullopt for the ones that are not signatures (`# type: ignore`).
  std::optional<TypeComment> parse_type_comment(const Token& c) {
    const std::size_t sig = c.start + 7;  // after "# type:"
    std::string_view rest = std::string_view(L.source()->text()).substr(sig, c.end - sig);
    std::size_t first = rest.find_first_not_of(" \t");
    if (first == std::string_view::npos || rest[first] != '(') return std::nullopt;
    Parser sub(L.source(), {}, sig + first, c.end);
    return sub.parse_type_signature(tok_range(c));
  }

  StmtPtr parse_class(ExprList decorators) {
    const Token kw = expect(Tok::Class);
    auto cls = std::make_shared<ClassDef>(tok_range(kw));
    Token name = expect(Tok::Ident);
    cls->name = std::string(L.text(name));
    cls->name_range = tok_range(name);
    cls->decorators = std::move(decorators);
    if (accept(Tok::LParen)) {
      while (L.cur().kind != Tok::RParen) {
        cls->bases.push_back(parse_test());
        if (!accept(Tok::Comma)) break;
      }
      expect(Tok::RParen);
    }
    const Token colon = expect(Tok::Colon);
    cls->range = L.range(kw.start, colon.end);
    const bool outer = in_class_;
    in_class_ = true;
    cls->body = parse_suite();
    in_class_ = outer;
    return cls;
  }

  // ------------------------------------------------------------ expressions

  // `a`, `a, b`, `a, *b,` — a tuple when there is a comma.
  ExprPtr parse_testlist_star() {
    const std::size_t start = L.cur().start;
    ExprPtr first = parse_star_or(/*test=*/true);
    if (L.cur().kind != Tok::Comma) return first;
    ExprList elts{first};
    while (accept(Tok::Comma)) {
      if (ends_tuple(L.cur().kind)) break;
      elts.push_back(parse_star_or(true));
    }
    auto t = make<TupleLiteral>(range_from(start), std::move(elts));
    return finish_list(t, t->elts);
  }

  ExprPtr parse_star_or(bool test) {
    if (L.cur().kind == Tok::Star) {
      const Token star = advance();
      ExprPtr value = parse_bitor();
      auto s = make<Starred>(range_from(star.start), value);
      return finish(s, {value.get()});
    }
    return test ? parse_test() : parse_bitor();
  }

  ExprPtr parse_test() {
    const Token t = L.cur();
    NestingGuard guard(*this, t);
    if (t.kind == Tok::Ident && L.text(t) == "lambda") unsupported("Lambda", t.start, 1);
    ExprPtr e = parse_or();
    if (L.cur().kind == Tok::Walrus) unsupported("NamedExpr", e->range.start(), 1);
    if (L.cur().kind == Tok::If) {
      advance();
      ExprPtr cond = parse_or();
      expect(Tok::Else);
      ExprPtr orelse = parse_test();
      auto x = make<IfExp>(range_from(t.start), cond, e, orelse);
      return finish(x, {cond.get(), e.get(), orelse.get()});
    }
    return e;
  }

  ExprPtr parse_bool(BoolOpKind op) {
    const std::size_t start = L.cur().start;
    const Tok tok = op == BoolOpKind::Or ? Tok::Or : Tok::And;
    ExprPtr first = op == BoolOpKind::Or ? parse_bool(BoolOpKind::And) : parse_not();
    if (L.cur().kind != tok) return first;
    ExprList values{first};
    while (accept(tok)) values.push_back(op == BoolOpKind::Or ? parse_bool(BoolOpKind::And) : parse_not());
    auto b = make<BoolOp>(range_from(start), op, std::move(values));
    return finish_list(b, b->values);
  }
  ExprPtr parse_or() { return parse_bool(BoolOpKind::Or); }

  ExprPtr parse_not() {
    if (L.cur().kind == Tok::Not) {
      const Token t = advance();
      NestingGuard guard(*this, t);
      ExprPtr operand = parse_not();
      auto u = make<UnaryOp>(range_from(t.start), UnaryOpKind::Not, operand);
      return finish(u, {operand.get()});
    }
    return parse_comparison();
  }

  static std::optional<CmpOpKind> cmp_op(Tok k) {
    switch (k) {
      case Tok::Eq: return CmpOpKind::Eq;
      case Tok::Ne: return CmpOpKind::Ne;
      case Tok::Lt: return CmpOpKind::Lt;
      case Tok::Le: return CmpOpKind::Le;
      case Tok::Gt: return CmpOpKind::Gt;
      case Tok::Ge: return CmpOpKind::Ge;
      case Tok::Is: return CmpOpKind::Is;
      case Tok::IsNot: return CmpOpKind::IsNot;
      case Tok::In: return CmpOpKind::In;
      case Tok::NotIn: return CmpOpKind::NotIn;
      default: return std::nullopt;
    }
  }

  ExprPtr parse_comparison() {
    const std::size_t start = L.cur().start;
    ExprPtr first = parse_bitor();
    auto op = cmp_op(L.cur().kind);
    if (!op) return first;
    ExprList operands{first};
    std::vector<CmpOpKind> ops;
    while (op) {
      advance();
      ops.push_back(*op);
      operands.push_back(parse_bitor());
      op = cmp_op(L.cur().kind);
    }
    auto c = make<Compare>(range_from(start), std::move(operands), std::move(ops));
    return finish_list(c, c->operands);
  }

  // Binary levels, loosest first.
  enum Level { kBitOr, kBitXor, kBitAnd, kShift, kArith, kTerm };

  static std::optional<BinOpKind> binary_at(Level level, Tok k) {
    switch (level) {
      case kBitOr: if (k == Tok::Pipe) return BinOpKind::BitOr; break;
      case kBitXor: if (k == Tok::Caret) return BinOpKind::BitXor; break;
      case kBitAnd: if (k == Tok::Amp) return BinOpKind::BitAnd; break;
      case kShift:
        if (k == Tok::LShift) return BinOpKind::LShift;
        if (k == Tok::RShift) return BinOpKind::RShift;
        break;
      case kArith:
        if (k == Tok::Plus) return BinOpKind::Add;
        if (k == Tok::Minus) return BinOpKind::Sub;
        break;
      case kTerm:
        if (k == Tok::Star) return BinOpKind::Mul;
        if (k == Tok::Slash) return BinOpKind::Div;
        if (k == Tok::FloorDiv) return BinOpKind::FloorDiv;
        if (k == Tok::Percent) return BinOpKind::Mod;
        if (k == Tok::At) return BinOpKind::MatMul;
        break;
    }
    return std::nullopt;
  }

  ExprPtr parse_binary(Level level) {
    const std::size_t start = L.cur().start;
    auto operand = [&]() { return level == kTerm ? parse_factor() : parse_binary(static_cast<Level>(level + 1)); };
    ExprPtr lhs = operand();
    while (auto op = binary_at(level, L.cur().kind)) {
      advance();
      ExprPtr rhs = operand();
      auto b = make<BinOp>(range_from(start), *op, lhs, rhs);
      lhs = finish(b, {lhs.get(), rhs.get()});
    }
    return lhs;
  }
  ExprPtr parse_bitor() { return parse_binary(kBitOr); }

  ExprPtr parse_factor() {
    const Token t = L.cur();
    UnaryOpKind op;
    switch (t.kind) {
      case Tok::Minus: op = UnaryOpKind::Neg; break;
      case Tok::Plus: op = UnaryOpKind::Pos; break;
      case Tok::Tilde: op = UnaryOpKind::Invert; break;
      default: return parse_power();
    }
    advance();
    NestingGuard guard(*this, t);
    ExprPtr operand = parse_factor();
    const SourceRange r = range_from(t.start);
    const std::string_view operand_text = operand->range.text();
    if (op == UnaryOpKind::Neg && !operand_text.empty() && operand_text[0] != '-') {
      // `-<number>` is a literal, as in PyTorch (so that `-1` is a constant); `--1` stays a
      // negation of the literal -1, as in Python's tree.
      if (auto i = operand->as<IntLiteral>()) return make<IntLiteral>(r, -i->value);
      if (auto f = operand->as<FloatLiteral>()) return make<FloatLiteral>(r, -f->value);
      if (auto c = operand->as<ComplexLiteral>()) return make<ComplexLiteral>(r, -c->imag);
    }
    auto u = make<UnaryOp>(r, op, operand);
    return finish(u, {operand.get()});
  }

  ExprPtr parse_power() {
    const std::size_t start = L.cur().start;
    ExprPtr base = parse_primary();
    if (L.cur().kind == Tok::Pow) {
      const Token t = advance();
      NestingGuard guard(*this, t);
      ExprPtr exponent = parse_factor();  // right-associative; `2 ** -1` allowed
      auto b = make<BinOp>(range_from(start), BinOpKind::Pow, base, exponent);
      return finish(b, {base.get(), exponent.get()});
    }
    return base;
  }

  ExprPtr parse_primary() {
    const std::size_t start = L.cur().start;
    ExprPtr e = parse_atom();
    for (;;) {
      const Tok k = L.cur().kind;
      if (k == Tok::Dot) {
        advance();
        Token name = expect(Tok::Ident);
        auto a = make<Attribute>(range_from(start), e, std::string(L.text(name)), tok_range(name));
        e = finish(a, {e.get()});
      } else if (k == Tok::LParen) {
        e = parse_call(start, e);
      } else if (k == Tok::LBracket) {
        e = parse_subscript(start, e);
      } else {
        return e;
      }
    }
  }

  ExprPtr parse_call(std::size_t start, ExprPtr func) {
    advance();  // (
    ExprList args;
    std::vector<Keyword> keywords;
    while (L.cur().kind != Tok::RParen) {
      const Token t = L.cur();
      if (t.kind == Tok::Pow) {
        advance();
        ExprPtr v = parse_test();
        throw error_at(v->range, "keyword-arg expansion is not supported");
      }
      if (t.kind == Tok::Ident && L.lookahead().kind == Tok::Assign) {
        advance();
        advance();
        keywords.push_back(Keyword{std::string(L.text(t)), tok_range(t), parse_test()});
      } else {
        if (!keywords.empty())
          throw error_report(tok_range(t), "positional argument follows keyword argument");
        ExprPtr arg = parse_star_or(true);
        if (L.cur().kind == Tok::For && !arg->is<Starred>()) arg = parse_comprehension(t.start, arg, Tok::RParen);
        args.push_back(std::move(arg));
      }
      if (!accept(Tok::Comma)) break;
    }
    expect(Tok::RParen);
    auto c = make<Call>(range_from(start), func, std::move(args), std::move(keywords));
    std::uint32_t d = func->depth;
    for (const auto& a : c->args) d = std::max(d, a->depth);
    for (const auto& k : c->keywords) d = std::max(d, k.value->depth);
    return finish_depth(c, d);
  }

  ExprPtr parse_subscript_item() {
    const std::size_t start = L.cur().start;
    ExprPtr lower, upper, step;
    if (L.cur().kind != Tok::Colon) {
      lower = parse_star_or(true);
      if (L.cur().kind != Tok::Colon) return lower;
    }
    advance();  // :
    auto is_end = [&] { Tok k = L.cur().kind; return k == Tok::Comma || k == Tok::RBracket; };
    if (!is_end() && L.cur().kind != Tok::Colon) upper = parse_test();
    if (accept(Tok::Colon) && !is_end()) step = parse_test();
    auto s = make<Slice>(range_from(start), lower, upper, step);
    return finish(s, {lower.get(), upper.get(), step.get()});
  }

  ExprPtr parse_subscript(std::size_t start, ExprPtr value) {
    advance();  // [
    ExprList indices;
    while (L.cur().kind != Tok::RBracket) {
      indices.push_back(parse_subscript_item());
      if (!accept(Tok::Comma)) break;
    }
    if (indices.empty()) L.expected("ident");
    expect(Tok::RBracket);
    auto s = make<Subscript>(range_from(start), value, std::move(indices));
    return finish_list(s, s->indices, value.get());
  }

  // `for target in iter [if cond]...` after the element; the closing bracket is `close`.
  ExprPtr parse_comprehension(std::size_t start, ExprPtr elt, Tok close, ExprPtr value = nullptr) {
    expect(Tok::For);
    ExprPtr target = parse_target_list();
    expect(Tok::In);
    ExprPtr iter = parse_or();
    ExprList ifs;
    while (accept(Tok::If)) ifs.push_back(parse_or());
    if (L.cur().kind == Tok::For)
      throw error_at(L.range(start, start), "Only a single generator is currently supported");
    if (close == Tok::RBracket && value == nullptr && L.cur().kind == Tok::Comma) {
      // `[x for x in y, z]`: PyTorch's complaint, pointing from '[' to the last element.
      while (accept(Tok::Comma) && L.cur().kind != Tok::RBracket) parse_star_or(true);
      throw error_report(range_from(start), " expected a single list comprehension within '[' , ']'");
    }
    if (L.cur().kind != close) L.expected(kind_name(close));
    std::shared_ptr<Expr> c;
    if (value)
      c = make<DictComp>(range_from(start), elt, value, target, iter, ifs);
    else
      c = make<ListComp>(range_from(start), elt, target, iter, ifs);
    return finish_list(c, ifs, std::max({elt.get(), target.get(), iter.get(), value.get()},
                                         [](const Expr* a, const Expr* b) {
                                           return (a ? a->depth : 0) < (b ? b->depth : 0);
                                         }));
  }

  ExprPtr parse_atom() {
    const Token t = L.cur();
    const SourceRange r = tok_range(t);
    switch (t.kind) {
      case Tok::Number: {
        advance();
        NumberValue v = parse_number(L.text(t), r);
        if (v.kind == NumberValue::Int) return make<IntLiteral>(r, v.i);
        if (v.kind == NumberValue::Float) return make<FloatLiteral>(r, v.d);
        return make<ComplexLiteral>(r, v.d);
      }
      case Tok::String: return parse_strings();
      case Tok::True: advance(); return make<BoolLiteral>(r, true);
      case Tok::False: advance(); return make<BoolLiteral>(r, false);
      case Tok::None: advance(); return make<NoneLiteral>(r);
      case Tok::Dots: advance(); return make<EllipsisLiteral>(r);
      case Tok::LParen: {
        advance();
        if (accept(Tok::RParen)) return make<TupleLiteral>(range_from(t.start), ExprList{});
        ExprPtr first = parse_star_or(true);
        if (L.cur().kind == Tok::For) {
          // A generator expression; TorchScript evaluates it as a list comprehension.
          ExprPtr c = parse_comprehension(t.start, first, Tok::RParen);
          expect(Tok::RParen);
          return c;
        }
        if (L.cur().kind != Tok::Comma) {
          expect(Tok::RParen);
          return first;  // parenthesized expression
        }
        ExprList elts{first};
        while (accept(Tok::Comma)) {
          if (L.cur().kind == Tok::RParen) break;
          elts.push_back(parse_star_or(true));
        }
        expect(Tok::RParen);
        auto tup = make<TupleLiteral>(range_from(t.start), std::move(elts));
        return finish_list(tup, tup->elts);
      }
      case Tok::LBracket: {
        advance();
        ExprList elts;
        while (L.cur().kind != Tok::RBracket) {
          ExprPtr e = parse_star_or(true);
          if (L.cur().kind == Tok::For) {
            if (!elts.empty())
              throw error_report(range_from(t.start), " expected a single list comprehension within '[' , ']'");
            ExprPtr c = parse_comprehension(t.start, e, Tok::RBracket);
            expect(Tok::RBracket);
            return c;
          }
          elts.push_back(std::move(e));
          if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RBracket);
        auto list = make<ListLiteral>(range_from(t.start), std::move(elts));
        return finish_list(list, list->elts);
      }
      case Tok::LBrace: {
        advance();
        ExprList keys, values;
        while (L.cur().kind != Tok::RBrace) {
          if (L.cur().kind == Tok::Pow)
            throw error_at(r, "Dict expansion (e.g. `{**dict}`) is not supported");
          ExprPtr key = parse_test();
          if (L.cur().kind != Tok::Colon) {
            if (L.cur().kind == Tok::For) unsupported("SetComp", t.start, 1);
            if (keys.empty() && (L.cur().kind == Tok::Comma || L.cur().kind == Tok::RBrace))
              unsupported("Set", t.start, 1);
          }
          expect(Tok::Colon);
          ExprPtr value = parse_test();
          if (L.cur().kind == Tok::For && keys.empty()) {
            ExprPtr c = parse_comprehension(t.start, key, Tok::RBrace, value);
            expect(Tok::RBrace);
            return c;
          }
          keys.push_back(std::move(key));
          values.push_back(std::move(value));
          if (!accept(Tok::Comma)) break;
        }
        expect(Tok::RBrace);
        auto d = make<DictLiteral>(range_from(t.start), std::move(keys), std::move(values));
        std::uint32_t depth = 0;
        for (const auto& k : d->keys) depth = std::max(depth, k->depth);
        for (const auto& v : d->values) depth = std::max(depth, v->depth);
        return finish_depth(d, depth);
      }
      case Tok::Ident: {
        std::string_view w = L.text(t);
        if (w == "yield") unsupported("Yield", t.start, 1);
        if (w == "await") unsupported("Await", t.start, 1);
        advance();
        if (w == "Ellipsis") return make<EllipsisLiteral>(r);
        return make<Name>(r, std::string(w));
      }
      default:
        L.expected("ident");
    }
  }

  // Adjacent string literals, concatenated. With f-strings among them the result is
  // `"<text with {}>".format(<values>)`, as PyTorch's frontend compiles them.
  ExprPtr parse_strings() {
    const std::size_t start = L.cur().start;
    std::string value;
    ExprList format_args;
    bool formatted = false;
    while (L.cur().kind == Tok::String) {
      const Token t = advance();
      const SourceRange r = tok_range(t);
      StringToken st = split_string_token(L.text(t));
      if (st.prefix.find_first_of("bB") != std::string_view::npos)
        throw error_report(r, "bytes literals are not supported");
      if (st.prefix.find_first_of("fF") == std::string_view::npos) {
        value += st.raw ? std::string(st.body) : decode_escapes(st.body, r);
        continue;
      }
      formatted = true;
      const std::size_t body_start = static_cast<std::size_t>(st.body.data() - L.source()->text().data());
      parse_fstring(st, body_start, r, value, format_args);
    }
    auto lit = make<StringLiteral>(range_from(start), std::move(value));
    if (!formatted) return lit;
    const SourceRange r = range_from(start);
    auto fmt = make<Attribute>(r, lit, "format", r);
    auto call = make<Call>(r, fmt, std::move(format_args), std::vector<Keyword>{});
    return finish_list(call, call->args);
  }

  // The pieces of one f-string: text goes to `value` (`{}` for each replacement field), the
  // fields' expressions to `args`.
  void parse_fstring(const StringToken& st, std::size_t body_start, const SourceRange& r,
                     std::string& value, ExprList& args) {
    std::string_view b = st.body;
    std::size_t lit = 0;
    auto flush = [&](std::size_t end) {
      std::string_view piece = b.substr(lit, end - lit);
      value += st.raw ? std::string(piece) : decode_escapes(piece, r);
    };
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (b[i] == '\\' && !st.raw) {
        ++i;
        continue;
      }
      if (b[i] == '}') {
        if (i + 1 < b.size() && b[i + 1] == '}') {
          flush(i + 1);
          lit = i + 2;
          ++i;
          continue;
        }
        throw error_at(L.range(body_start + i, body_start + i + 1), "f-string: single '}' is not allowed");
      }
      if (b[i] != '{') continue;
      if (i + 1 < b.size() && b[i + 1] == '{') {
        flush(i + 1);
        lit = i + 2;
        ++i;
        continue;
      }
      flush(i);
      // Find the end of the replacement field, skipping nested brackets and strings.
      std::size_t j = i + 1;
      int depth = 0;
      char quote = 0;
      std::size_t conversion = 0, spec = 0;
      for (; j < b.size(); ++j) {
        char c = b[j];
        if (quote) {
          if (c == quote) quote = 0;
          continue;
        }
        if (c == '\'' || c == '"') quote = c;
        else if (c == '(' || c == '[' || c == '{') ++depth;
        else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
        else if (c == '}') break;
        else if (depth == 0 && c == '!' && j + 1 < b.size() && b[j + 1] != '=' && !conversion) conversion = j;
        else if (depth == 0 && c == ':' && !spec) spec = j;
      }
      if (j >= b.size())
        throw error_at(L.range(body_start + i, body_start + i + 1), "f-string: expecting '}'");
      const SourceRange field = L.range(body_start + i + 1, body_start + i + 2);
      if (conversion) throw error_at(field, "Don't support conversion in JoinedStr");
      if (spec) throw error_at(field, "Don't support formatting in JoinedStr");
      NestingGuard guard(*this, L.cur());
      Parser sub(L.source(), {}, body_start + i + 1, body_start + j);
      sub.nesting_ = nesting_;
      args.push_back(sub.parse_expression_only());
      value += "{}";
      i = j;
      lit = j + 1;
    }
    flush(b.size());
  }

  Lexer L;
  bool in_class_ = false;  // parsing the statements directly in a class body
  std::size_t last_end_ = 0;
  int nesting_ = 0;
};

// ---------------------------------------------------------------- entry points

// Parses a whole file.
inline Module parse(std::shared_ptr<const Source> source, ParseOptions options = {}) {
  Parser p(std::move(source), options);
  return p.parse_module();
}
inline Module parse(std::string text, std::optional<std::string> filename = "<string>",
                    ParseOptions options = {}) {
  return parse(std::make_shared<const Source>(std::move(text), std::move(filename)), options);
}

// Parses a single expression (e.g. a type such as `Dict[str, List[int]]`).
inline ExprPtr parse_expression(std::shared_ptr<const Source> source) {
  Parser p(std::move(source));
  return p.parse_expression_only();
}
inline ExprPtr parse_expression(std::string text) {
  return parse_expression(std::make_shared<const Source>(std::move(text), "<string>"));
}

}  // namespace tjit::frontend
