// tjit/ir/detail/text.hpp — the text helpers the IR printers and parsers share: PyTorch's number
// and string formatting (IValue::repr, printQuotedString) and a character cursor for the
// hand-written parsers of types, schemas and IR text.
#pragma once

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <limits>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include "tjit/core/error.hpp"

namespace tjit::ir::detail {

// A double as PyTorch's IValue::repr prints it: integral values below 1e10 as `3.` / `-0.`,
// everything else with 17 significant digits in %g style (`0.10000000000000001`, `1e+20`,
// `inf`, `nan`).
inline void print_double(std::ostream& out, double d) {
  int c = std::fpclassify(d);
  if ((c == FP_NORMAL || c == FP_ZERO) && std::abs(d) < 1e10) {
    auto i = static_cast<std::int64_t>(d);
    if (static_cast<double>(i) == d) {
      if (i == 0 && std::signbit(d)) {
        out << "-0.";
      } else {
        out << i << ".";
      }
      return;
    }
  }
  auto old = out.precision();
  out << std::setprecision(std::numeric_limits<double>::max_digits10) << d
      << std::setprecision(static_cast<int>(old));
}

inline std::string double_str(double d) {
  std::ostringstream s;
  print_double(s, d);
  return std::move(s).str();
}

// A string in double quotes with C escapes, as c10::printQuotedString writes it — including its
// octal escape of bytes outside [0x20, 0x7e], which computes digits of the *signed* char (so a
// UTF-8 byte 0xC3 prints as `\0)+`). The IR parser inverts the same formula.
inline void print_quoted_string(std::ostream& out, std::string_view str) {
  out << '"';
  for (char ch : str) {
    switch (ch) {
      case '\\': out << "\\\\"; break;
      case '\'': out << "\\'"; break;
      case '"': out << "\\\""; break;
      case '\a': out << "\\a"; break;
      case '\b': out << "\\b"; break;
      case '\f': out << "\\f"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      case '\v': out << "\\v"; break;
      default:
        if (ch > 0x1f && ch < 0x7f) {
          out << ch;
        } else {
          signed char s = static_cast<signed char>(ch);
          char buf[4] = "000";
          buf[2] = static_cast<char>(buf[2] + s % 8);
          s = static_cast<signed char>(s / 8);
          buf[1] = static_cast<char>(buf[1] + s % 8);
          s = static_cast<signed char>(s / 8);
          buf[0] = static_cast<char>(buf[0] + s);
          out << '\\' << buf;
        }
        break;
    }
  }
  out << '"';
}

inline std::string quoted(std::string_view s) {
  std::ostringstream out;
  print_quoted_string(out, s);
  return std::move(out).str();
}

inline bool is_ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
inline bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// A position in a text being parsed, with the helpers every parser here needs. Errors name the
// line and column and quote the offending line.
class Cursor {
 public:
  explicit Cursor(std::string_view text, std::string what = "text")
      : text_(text), what_(std::move(what)) {}

  std::string_view text() const { return text_; }
  std::size_t pos() const { return pos_; }
  void set_pos(std::size_t p) { pos_ = p; }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  char get() { return at_end() ? '\0' : text_[pos_++]; }

  // 1-based line of a position.
  std::size_t line_of(std::size_t p) const {
    std::size_t line = 1;
    for (std::size_t i = 0; i < p && i < text_.size(); ++i)
      if (text_[i] == '\n') ++line;
    return line;
  }

  // Skips spaces, tabs, newlines and `#` comments; `on_comment(line, text)` sees each comment.
  template <class OnComment>
  void skip_ws(OnComment&& on_comment) {
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos_;
      } else if (c == '#') {
        std::size_t start = pos_;
        while (!at_end() && peek() != '\n') ++pos_;
        on_comment(start, text_.substr(start, pos_ - start));
      } else {
        break;
      }
    }
  }
  void skip_ws() {
    skip_ws([](std::size_t, std::string_view) {});
  }
  // Skips spaces and tabs only.
  void skip_blanks() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }

  bool next_is(std::string_view s) {
    skip_ws();
    return text_.substr(pos_, s.size()) == s;
  }
  bool next_if(std::string_view s) {
    if (!next_is(s)) return false;
    pos_ += s.size();
    return true;
  }
  // Like next_if, for a whole word: `None` does not match the start of `NoneType`.
  bool next_if_word(std::string_view w) {
    if (!next_is(w)) return false;
    if (is_ident_char(peek(w.size()))) return false;
    pos_ += w.size();
    return true;
  }
  void expect(std::string_view s) {
    if (!next_if(s)) fail(str_cat("expected '", s, "'"));
  }

  bool next_is_ident() {
    skip_ws();
    return is_ident_start(peek());
  }
  std::string ident() {
    skip_ws();
    if (!is_ident_start(peek())) fail("expected an identifier");
    std::size_t start = pos_;
    while (is_ident_char(peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  // An identifier that may contain dots: `__torch__.foo.Bar`.
  std::string dotted_ident() {
    std::string name = ident();
    while (peek() == '.' && is_ident_start(peek(1))) {
      ++pos_;
      name += '.';
      name += ident();
    }
    return name;
  }
  std::string peek_ident() {
    auto save = pos_;
    skip_ws();
    std::string r;
    if (is_ident_start(peek())) r = ident();
    pos_ = save;
    return r;
  }

  // A number token as written: digits, optional fraction, exponent and `j` suffix. No sign.
  std::string number() {
    skip_ws();
    std::size_t start = pos_;
    while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    if (peek() == '.') {
      ++pos_;
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (std::isdigit(static_cast<unsigned char>(peek(1))) ||
         ((peek(1) == '+' || peek(1) == '-') &&
          std::isdigit(static_cast<unsigned char>(peek(2)))))) {
      pos_ += 2;
      while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    }
    if (peek() == 'j') ++pos_;
    if (pos_ == start || (pos_ == start + 1 && text_[start] == '.')) {
      pos_ = start;
      fail("expected a number");
    }
    return std::string(text_.substr(start, pos_ - start));
  }
  bool next_is_number() {
    skip_ws();
    return std::isdigit(static_cast<unsigned char>(peek())) ||
           (peek() == '.' && std::isdigit(static_cast<unsigned char>(peek(1))));
  }

  std::int64_t integer() {
    bool neg = next_if("-");
    std::string n = number();
    if (n.find_first_not_of("0123456789") != std::string::npos) fail("expected an integer");
    return parse_int(neg ? "-" + n : n);
  }

  std::int64_t parse_int(const std::string& s) {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno == ERANGE || end != s.c_str() + s.size()) fail(str_cat("invalid integer '", s, "'"));
    return static_cast<std::int64_t>(v);
  }
  double parse_double(const std::string& s) {
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) fail(str_cat("invalid number '", s, "'"));
    return v;
  }

  bool next_is_string() {
    skip_ws();
    return peek() == '"' || peek() == '\'';
  }
  // A quoted string literal with C escapes (and the octal escapes print_quoted_string writes).
  std::string string_literal() {
    skip_ws();
    char quote = peek();
    if (quote != '"' && quote != '\'') fail("expected a string literal");
    ++pos_;
    std::string out;
    while (true) {
      if (at_end() || peek() == '\n') fail("unterminated string literal");
      char c = get();
      if (c == quote) break;
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = get();
      switch (e) {
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case '\n': out += '\n'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        default: {
          // Three "digits" d0 d1 d2, each '0' + [-7, 7]: value d0*64 + d1*8 + d2 (see
          // print_quoted_string for why they can be below '0').
          --pos_;
          int v = 0;
          for (int i = 0; i < 3; ++i) {
            int d = peek() - '0';
            if (d < -7 || d > 7) fail("ill-formed octal escape in string literal");
            v = v * 8 + d;
            ++pos_;
          }
          if (v < -128 || v > 255) fail("octal escape out of range in string literal");
          out += static_cast<char>(v);
        }
      }
    }
    return out;
  }

  [[noreturn]] void fail(const std::string& msg) const {
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    std::size_t line_end = text_.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text_.size();
    std::string_view src = text_.substr(line_start, line_end - line_start);
    std::string found = at_end() ? std::string("end of input") : str_cat("'", peek(), "'");
    throw Error(str_cat(msg, " but found ", found, " at ", what_, " line ", line, ", column ",
                        pos_ - line_start + 1, ":\n", src, "\n",
                        std::string(pos_ - line_start, ' '), "^"));
  }

 private:
  template <class... A>
  static std::string str_cat(const A&... a) {
    return ::tjit::detail::str_cat(a...);
  }

  std::string_view text_;
  std::string what_;
  std::size_t pos_ = 0;
};

}  // namespace tjit::ir::detail
