// tjit/frontend/lexer.hpp — TorchScript source → tokens.
//
// Python's lexical rules as TorchScript uses them: INDENT/DEDENT from leading whitespace
// (PyTorch's rule: a line's indentation is its count of blank bytes; blank and comment-only lines
// don't count; newlines inside (), [], {} and after a backslash are joined), numbers in every
// Python form (0x1F, 0o17, 0b101, 1_000, 1., .5, 1e-5, 2j), strings in ' " ''' """ with
// r/u/f prefixes, `is not` / `not in` as one token, and `# type:` comments set aside for the
// parser. Token kinds print as PyTorch's kindToString does, so "expected X but found 'K'" errors
// read the same. Also here: decoding string literal escapes and numeric literal text.
// Builds on core/source_range.hpp and frontend/error_report.hpp.
#pragma once

#include "tjit/core/error.hpp"
#include "tjit/core/source_range.hpp"
#include "tjit/frontend/error_report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace tjit::frontend {

// Token kinds. Single-character operators print as themselves; the rest as PyTorch names them.
#define TJIT_FORALL_TOKENS(_)                                                   \
  _(Eof, "eof") _(Newline, "newline") _(Indent, "indent") _(Dedent, "dedent")   \
  _(Ident, "ident") _(Number, "number") _(String, "string_literal")             \
  _(Def, "def") _(Class, "class") _(Return, "return") _(If, "if")               \
  _(Elif, "elif") _(Else, "else") _(While, "while") _(For, "for") _(In, "in")   \
  _(NotIn, "not in") _(Is, "is") _(IsNot, "is not") _(Not, "not") _(And, "and") \
  _(Or, "or") _(Pass, "pass") _(Break, "break") _(Continue, "continue")         \
  _(Del, "del") _(Raise, "raise") _(Assert, "assert") _(With, "with")           \
  _(As, "as") _(Import, "import") _(Global, "global") _(True, "True")           \
  _(False, "False") _(None, "None")                                             \
  _(Plus, "+") _(Minus, "-") _(Star, "*") _(Slash, "/") _(Percent, "%")         \
  _(At, "@") _(Amp, "&") _(Pipe, "|") _(Caret, "^") _(Tilde, "~")               \
  _(Lt, "<") _(Gt, ">") _(Assign, "=") _(Dot, ".") _(Comma, ",") _(Colon, ":")  \
  _(Semicolon, ";") _(LParen, "(") _(RParen, ")") _(LBracket, "[")              \
  _(RBracket, "]") _(LBrace, "{") _(RBrace, "}") _(Question, "?") _(Bang, "!")  \
  _(Pow, "pow operator") _(FloorDiv, "floordiv") _(LShift, "<<")                \
  _(RShift, ">>") _(Le, "le") _(Ge, "ge") _(Eq, "eq") _(Ne, "ne")               \
  _(Arrow, "arrow") _(Dots, "dots") _(Walrus, ":=")                             \
  _(PlusEq, "+=") _(MinusEq, "-=") _(StarEq, "*=") _(SlashEq, "/=")             \
  _(PercentEq, "%=") _(AtEq, "@=") _(AmpEq, "&=") _(PipeEq, "|=")               \
  _(CaretEq, "^=") _(LShiftEq, "<<=") _(RShiftEq, ">>=") _(PowEq, "**=")        \
  _(FloorDivEq, "//=")

enum class Tok : std::uint8_t {
#define TJIT_TOKEN_ENUM(name, str) name,
  TJIT_FORALL_TOKENS(TJIT_TOKEN_ENUM)
#undef TJIT_TOKEN_ENUM
};

// The name of a token kind as PyTorch prints it in "expected X but found 'K'".
inline std::string_view kind_name(Tok kind) noexcept {
  switch (kind) {
#define TJIT_TOKEN_NAME(name, str) \
  case Tok::name:                  \
    return str;
    TJIT_FORALL_TOKENS(TJIT_TOKEN_NAME)
#undef TJIT_TOKEN_NAME
  }
  return "?";
}

struct Token {
  Tok kind = Tok::Eof;
  std::size_t start = 0;  // byte offsets into the Source
  std::size_t end = 0;
};

namespace detail {

inline bool is_ident_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_ident_char(char c) noexcept { return is_ident_start(c) || is_digit(c); }
// Blank = whitespace other than newline (as PyTorch's lexer counts it).
inline bool is_blank(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

inline std::optional<Tok> keyword(std::string_view w) noexcept {
  static constexpr std::pair<std::string_view, Tok> table[] = {
      {"def", Tok::Def},       {"class", Tok::Class},     {"return", Tok::Return},
      {"if", Tok::If},         {"elif", Tok::Elif},       {"else", Tok::Else},
      {"while", Tok::While},   {"for", Tok::For},         {"in", Tok::In},
      {"is", Tok::Is},         {"not", Tok::Not},         {"and", Tok::And},
      {"or", Tok::Or},         {"pass", Tok::Pass},       {"break", Tok::Break},
      {"continue", Tok::Continue}, {"del", Tok::Del},     {"raise", Tok::Raise},
      {"assert", Tok::Assert}, {"with", Tok::With},       {"as", Tok::As},
      {"import", Tok::Import}, {"global", Tok::Global},   {"True", Tok::True},
      {"False", Tok::False},   {"None", Tok::None},
  };
  for (const auto& [word, tok] : table)
    if (word == w) return tok;
  return std::nullopt;
}

// Operators, longest first so that the first match is the longest.
struct OpSpelling {
  std::string_view text;
  Tok kind;
};
inline constexpr OpSpelling kOperators[] = {
    {"**=", Tok::PowEq}, {"//=", Tok::FloorDivEq}, {"<<=", Tok::LShiftEq},
    {">>=", Tok::RShiftEq}, {"...", Tok::Dots},
    {"**", Tok::Pow},   {"//", Tok::FloorDiv}, {"<<", Tok::LShift}, {">>", Tok::RShift},
    {"<=", Tok::Le},    {">=", Tok::Ge},       {"==", Tok::Eq},     {"!=", Tok::Ne},
    {"->", Tok::Arrow}, {":=", Tok::Walrus},   {"+=", Tok::PlusEq}, {"-=", Tok::MinusEq},
    {"*=", Tok::StarEq}, {"/=", Tok::SlashEq}, {"%=", Tok::PercentEq}, {"@=", Tok::AtEq},
    {"&=", Tok::AmpEq}, {"|=", Tok::PipeEq},   {"^=", Tok::CaretEq},
    {"+", Tok::Plus},   {"-", Tok::Minus},     {"*", Tok::Star},    {"/", Tok::Slash},
    {"%", Tok::Percent}, {"@", Tok::At},       {"&", Tok::Amp},     {"|", Tok::Pipe},
    {"^", Tok::Caret},  {"~", Tok::Tilde},     {"<", Tok::Lt},      {">", Tok::Gt},
    {"=", Tok::Assign}, {".", Tok::Dot},       {",", Tok::Comma},   {":", Tok::Colon},
    {";", Tok::Semicolon}, {"(", Tok::LParen}, {")", Tok::RParen},  {"[", Tok::LBracket},
    {"]", Tok::RBracket}, {"{", Tok::LBrace},  {"}", Tok::RBrace},  {"?", Tok::Question},
    {"!", Tok::Bang},
};

// Length of the string literal (prefix and quotes included) starting at `pos`, or 0 when there
// is none, or npos when it starts one but is not terminated.
inline std::size_t scan_string(std::string_view s, std::size_t pos) noexcept {
  std::size_t p = pos;
  while (p < s.size() && p - pos < 2 &&
         (s[p] == 'r' || s[p] == 'R' || s[p] == 'u' || s[p] == 'U' || s[p] == 'f' ||
          s[p] == 'F' || s[p] == 'b' || s[p] == 'B'))
    ++p;
  if (p >= s.size() || (s[p] != '"' && s[p] != '\'')) return 0;
  const char quote = s[p];
  const bool triple = p + 2 < s.size() && s[p + 1] == quote && s[p + 2] == quote;
  std::size_t q = p + (triple ? 3 : 1);
  while (q < s.size()) {
    if (triple) {
      if (s[q] == quote && q + 2 < s.size() && s[q + 1] == quote && s[q + 2] == quote)
        return q + 3 - pos;
    } else {
      if (s[q] == quote) return q + 1 - pos;
      if (s[q] == '\n') return std::string_view::npos;
    }
    if (s[q] == '\\') ++q;
    ++q;
  }
  return std::string_view::npos;
}

// Length of the numeric literal starting at `pos` (0 if none): Python's integer, float and
// imaginary forms, with '_' digit separators.
inline std::size_t scan_number(std::string_view s, std::size_t pos) noexcept {
  auto at = [&](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  std::size_t p = pos;
  auto digits = [&](auto is_ok) {
    std::size_t start = p;
    while (is_ok(at(p)) || (at(p) == '_' && p > start && is_ok(at(p + 1)))) ++p;
    return p > start;
  };
  auto dec = [](char c) { return is_digit(c); };
  if (at(p) == '0' && (at(p + 1) == 'x' || at(p + 1) == 'X' || at(p + 1) == 'o' ||
                       at(p + 1) == 'O' || at(p + 1) == 'b' || at(p + 1) == 'B')) {
    const char b = static_cast<char>(at(p + 1) | 0x20);
    std::size_t save = p;
    p += 2;
    if (at(p) == '_') ++p;
    bool ok = b == 'x' ? digits([](char c) {
                return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
              })
              : b == 'o' ? digits([](char c) { return c >= '0' && c <= '7'; })
                         : digits([](char c) { return c == '0' || c == '1'; });
    if (!ok) return save == pos ? 1 : 0;  // just the "0"
    return p - pos;
  }
  bool int_part = digits(dec);
  bool frac = false;
  if (at(p) == '.' && (int_part || is_digit(at(p + 1)))) {
    // `1..x` never happens; `1.` is a float, and so is `.5`.
    ++p;
    frac = digits(dec) || int_part;
  }
  if (!int_part && !frac) return 0;
  if (at(p) == 'e' || at(p) == 'E') {
    std::size_t save = p;
    ++p;
    if (at(p) == '+' || at(p) == '-') ++p;
    if (!digits(dec)) p = save;
  }
  if (at(p) == 'j' || at(p) == 'J') ++p;
  return p - pos;
}

}  // namespace detail

// The lexer: tokens on demand, with one token of lookahead beyond the current one.
class Lexer {
 public:
  // Lexes [begin, end) of `source` (the whole text by default).
  explicit Lexer(std::shared_ptr<const Source> source, std::size_t begin = 0,
                 std::size_t end = std::string::npos)
      : source_(std::move(source)) {
    text_ = std::string_view(source_->text());
    if (end < text_.size()) text_ = text_.substr(0, end);
    pos_ = std::min(begin, text_.size());
    // The indentation of the first line is the base level (PyTorch allows indented code).
    Token first = lex_raw(/*whitespace_token=*/true);
    indent_stack_.push_back(first.end - first.start);
    whitespace_ = false;
    lex();
  }

  const std::shared_ptr<const Source>& source() const noexcept { return source_; }
  SourceRange range(const Token& t) const { return SourceRange(source_, t.start, t.end); }
  SourceRange range(std::size_t start, std::size_t end) const {
    return SourceRange(source_, start, end);
  }
  std::string_view text(const Token& t) const noexcept {
    return std::string_view(source_->text()).substr(t.start, t.end - t.start);
  }

  const Token& cur() {
    if (queue_.empty()) lex();
    return queue_.front();
  }
  const Token& lookahead() {
    while (queue_.size() < 2) lex();
    return queue_[1];
  }
  Token next() {
    Token t = cur();
    queue_.pop_front();
    if (queue_.empty()) lex();
    return t;
  }
  bool next_if(Tok kind) {
    if (cur().kind != kind) return false;
    next();
    return true;
  }
  Token expect(Tok kind) {
    if (cur().kind != kind) expected(kind_name(kind));
    return next();
  }
  [[noreturn]] void expected(std::string_view what) { expected(what, cur()); }
  [[noreturn]] void expected(std::string_view what, const Token& t) {
    // Unlike PyTorch we accept a text without a final newline, closing its lines at the end;
    // those closing tokens are reported as the 'eof' PyTorch would have found there.
    const bool closing = (t.kind == Tok::Newline || t.kind == Tok::Dedent) &&
                         t.start == text_.size() && !text_.empty() && text_.back() != '\n';
    throw expected_error(what, closing ? "eof" : kind_name(t.kind), range(t));
  }

  // `# type:` comments seen so far, as ranges covering the whole comment.
  const std::vector<Token>& type_comments() const noexcept { return type_comments_; }

 private:
  void lex() {
    Token t = lex_raw(false);
    switch (t.kind) {
      case Tok::LParen:
      case Tok::LBracket:
      case Tok::LBrace:
        ++nesting_;
        break;
      case Tok::RParen:
      case Tok::RBracket:
      case Tok::RBrace:
        if (nesting_ > 0) --nesting_;
        break;
      default:
        break;
    }
    if (whitespace_) {
      // A line start outside brackets: the whitespace becomes NEWLINE, INDENT or DEDENTs.
      whitespace_ = false;
      const std::size_t depth = at_eof_ ? indent_stack_.front() : t.end - t.start;
      if (depth > indent_stack_.back()) {
        indent_stack_.push_back(depth);
        queue_.push_back({Tok::Indent, t.start, t.end});
      } else if (depth == indent_stack_.back()) {
        queue_.push_back({Tok::Newline, t.start, t.end});
      } else {
        queue_.push_back({Tok::Newline, t.start, t.end});
        while (indent_stack_.back() != depth) {
          indent_stack_.pop_back();
          queue_.push_back({Tok::Dedent, t.start, t.end});
          if (indent_stack_.empty())
            throw error_at(range(t), "invalid indent level " + std::to_string(depth));
        }
      }
      return;
    }
    queue_.push_back(t);
  }

  // The next raw token. With `whitespace_token`, or after a newline outside brackets, returns
  // the leading whitespace of the next non-blank line (and sets whitespace_).
  Token lex_raw(bool whitespace_token) {
    const std::size_t n = text_.size();
    const std::size_t report_pos = pos_;  // PyTorch reports the char where lexing started
    std::size_t start = pos_;
    std::size_t p = pos_;
    for (;;) {
      while (p < n && detail::is_blank(text_[p])) ++p;
      if (p < n && text_[p] == '#') {
        const std::size_t c = p;
        while (p < n && text_[p] != '\n') ++p;
        if (text_.substr(c, p - c).starts_with("# type:")) type_comments_.push_back({Tok::Eof, c, p});
        continue;
      }
      if (p + 1 < n && text_[p] == '\\' &&
          (text_[p + 1] == '\n' || (text_[p + 1] == '\r' && p + 2 < n && text_[p + 2] == '\n')) &&
          !whitespace_token) {
        p += text_[p + 1] == '\n' ? 2 : 3;
        continue;
      }
      if (p < n && text_[p] == '\n') {
        ++p;
        start = p;
        whitespace_token = nesting_ == 0;
        continue;
      }
      break;
    }
    if (whitespace_token) {
      pos_ = p;
      whitespace_ = true;
      at_eof_ = p >= n;
      if (at_eof_) closed_ = true;
      return {Tok::Newline, start, p};
    }
    if (p >= n) {
      pos_ = p;
      if (!closed_ && nesting_ == 0) {  // the last line had no newline: close it as if it had
        closed_ = true;
        whitespace_ = true;
        at_eof_ = true;
        return {Tok::Newline, p, p};
      }
      return {Tok::Eof, p, p};
    }
    start = p;
    const char c = text_[p];
    if (std::size_t len = detail::scan_string(text_, p)) {
      if (len == std::string_view::npos) invalid_token(report_pos, p);
      pos_ = p + len;
      return {Tok::String, p, pos_};
    }
    if (detail::is_digit(c) || (c == '.' && p + 1 < n && detail::is_digit(text_[p + 1]))) {
      std::size_t len = detail::scan_number(text_, p);
      pos_ = p + len;
      return {Tok::Number, p, pos_};
    }
    if (detail::is_ident_start(c)) {
      std::size_t q = p;
      while (q < n && detail::is_ident_char(text_[q])) ++q;
      std::string_view word = text_.substr(p, q - p);
      Tok kind = Tok::Ident;
      if (auto kw = detail::keyword(word)) {
        kind = *kw;
        // `is not` and `not in` are single tokens, as in PyTorch.
        if (kind == Tok::Is || kind == Tok::Not) {
          std::size_t r = q;
          while (r < n && detail::is_blank(text_[r])) ++r;
          std::string_view second = kind == Tok::Is ? "not" : "in";
          if (r > q && text_.substr(r).starts_with(second) &&
              (r + second.size() >= n || !detail::is_ident_char(text_[r + second.size()]))) {
            kind = kind == Tok::Is ? Tok::IsNot : Tok::NotIn;
            q = r + second.size();
          }
        }
      }
      pos_ = q;
      return {kind, p, q};
    }
    for (const auto& op : detail::kOperators) {
      if (text_.substr(p).starts_with(op.text)) {
        pos_ = p + op.text.size();
        return {op.kind, p, pos_};
      }
    }
    invalid_token(report_pos, p);
  }

  // PyTorch's message for a character no token starts with: it names the character where the
  // lexer started (often the blank before the bad one) and points at the bad one.
  [[noreturn]] void invalid_token(std::size_t report_pos, std::size_t bad) {
    std::string found(1, report_pos < text_.size() ? text_[report_pos] : ' ');
    throw expected_error("a valid token", found, range(bad, bad + 1));
  }

  std::shared_ptr<const Source> source_;
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t nesting_ = 0;
  bool whitespace_ = false;
  bool at_eof_ = false;
  bool closed_ = false;  // the whitespace before the end has been seen
  std::vector<std::size_t> indent_stack_;
  std::deque<Token> queue_;
  std::vector<Token> type_comments_;
};

// All tokens of a text up to and including Eof (for tests and tools).
inline std::vector<Token> tokenize(const std::shared_ptr<const Source>& source) {
  Lexer lexer(source);
  std::vector<Token> out;
  for (;;) {
    out.push_back(lexer.next());
    if (out.back().kind == Tok::Eof) return out;
  }
}

// ---- literal values ----

// Decodes Python's escapes in `body` (the text between the quotes); `range` is where errors
// point. Rejects escapes Python does not know, as PyTorch does.
inline std::string decode_escapes(std::string_view body, const SourceRange& range) {
  std::string out;
  out.reserve(body.size());
  auto put_utf8 = [&](std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  auto hex = [&](std::size_t at, std::size_t count) -> std::optional<std::uint32_t> {
    if (at + count > body.size()) return std::nullopt;
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < count; ++i) {
      char c = body[at + i];
      int d = detail::is_digit(c) ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return v;
  };
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    char e = i + 1 < body.size() ? body[i + 1] : '\0';
    ++i;
    switch (e) {
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\n': break;  // backslash-newline: line continuation inside the string
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case 'x': {
        auto v = hex(i + 1, 2);
        if (!v) throw error_report(range, "unsupported hex specifier");
        out += static_cast<char>(*v);
        i += 2;
        break;
      }
      case 'u':
      case 'U': {
        std::size_t count = e == 'u' ? 4 : 8;
        auto v = hex(i + 1, count);
        if (!v || *v > 0x10FFFF) throw error_report(range, "unsupported unicode specifier");
        put_utf8(*v);
        i += count;
        break;
      }
      default: {
        if (e >= '0' && e <= '7') {
          std::uint32_t v = 0;
          std::size_t k = 0;
          while (k < 3 && i + k < body.size() && body[i + k] >= '0' && body[i + k] <= '7')
            v = v * 8 + static_cast<std::uint32_t>(body[i + k++] - '0');
          if (v >= 256) throw error_report(range, " ill formed octal specifier");
          out += static_cast<char>(v);
          i += k - 1;
          break;
        }
        throw error_report(range, " ill formed octal specifier");
      }
    }
  }
  return out;
}

// Where the body of a string literal token lies: prefix length, quote length, raw or not.
struct StringToken {
  std::string_view prefix;
  std::string_view body;
  bool raw = false;
};
inline StringToken split_string_token(std::string_view tok) {
  StringToken st;
  std::size_t p = 0;
  while (p < tok.size() && tok[p] != '"' && tok[p] != '\'') {
    if (tok[p] == 'r' || tok[p] == 'R') st.raw = true;
    ++p;
  }
  st.prefix = tok.substr(0, p);
  const char quote = p < tok.size() ? tok[p] : '"';
  const std::size_t qlen =
      tok.size() - p >= 6 && tok[p + 1] == quote && tok[p + 2] == quote ? 3 : 1;
  st.body = tok.size() >= p + 2 * qlen ? tok.substr(p + qlen, tok.size() - p - 2 * qlen)
                                       : std::string_view();
  return st;
}

// The value of one string literal token (prefix and quotes included).
inline std::string decode_string_literal(std::string_view tok, const SourceRange& range) {
  StringToken st = split_string_token(tok);
  if (st.raw) return std::string(st.body);
  return decode_escapes(st.body, range);
}

// A numeric literal's value.
struct NumberValue {
  enum Kind { Int, Float, Imaginary } kind = Int;
  std::int64_t i = 0;
  double d = 0;  // the float value, or the imaginary part
};

inline NumberValue parse_number(std::string_view tok, const SourceRange& range) {
  std::string clean;
  clean.reserve(tok.size());
  for (char c : tok)
    if (c != '_') clean += c;
  NumberValue v;
  std::string_view s = clean;
  if (!s.empty() && (s.back() == 'j' || s.back() == 'J')) {
    v.kind = NumberValue::Imaginary;
    s.remove_suffix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0') {
    char b = static_cast<char>(s[1] | 0x20);
    if (b == 'x') base = 16;
    if (b == 'o') base = 8;
    if (b == 'b') base = 2;
    if (base != 10) s.remove_prefix(2);
  }
  const bool is_float = v.kind == NumberValue::Imaginary ||
                        (base == 10 && s.find_first_of(".eE") != std::string_view::npos);
  if (is_float) {
    if (v.kind != NumberValue::Imaginary) v.kind = NumberValue::Float;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v.d);
    if (ec == std::errc::result_out_of_range) {
      // Overflow → inf (as Python does); underflow → 0.
      bool big = false;
      auto epos = s.find_first_of("eE");
      if (epos != std::string_view::npos) big = s[epos + 1] != '-';
      v.d = big ? HUGE_VAL : 0.0;
    } else if (ec != std::errc() || ptr != s.data() + s.size()) {
      throw error_report(range, "invalid numeric literal");
    }
    return v;
  }
  std::uint64_t u = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), u, base);
  if (ec == std::errc::result_out_of_range || u > static_cast<std::uint64_t>(INT64_MAX))
    throw error_report(range, "integer literal is too large for TorchScript's 64-bit int");
  if (ec != std::errc() || ptr != s.data() + s.size())
    throw error_report(range, "invalid numeric literal");
  v.i = static_cast<std::int64_t>(u);
  return v;
}

}  // namespace tjit::frontend
