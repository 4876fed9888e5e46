// The lexer: token kinds and ranges, indentation, line joining, literals, type comments.
#include "tjit/frontend/lexer.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace tf = tjit::frontend;

namespace {

std::shared_ptr<const tjit::Source> src(std::string text) {
  return std::make_shared<const tjit::Source>(std::move(text), "<string>");
}

// Tokens as "kind[text]" separated by spaces, with structural tokens shown by kind alone.
std::string lex(std::string text) {
  auto s = src(std::move(text));
  std::string out;
  for (const auto& t : tf::tokenize(s)) {
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case tf::Tok::Newline: out += "NL"; break;
      case tf::Tok::Indent: out += "IN"; break;
      case tf::Tok::Dedent: out += "DE"; break;
      case tf::Tok::Eof: out += "EOF"; break;
      default: out += std::string(s->text().substr(t.start, t.end - t.start));
    }
  }
  return out;
}

std::string error_of(std::string text) {
  try {
    lex(std::move(text));
  } catch (const tjit::Error& e) {
    return e.what();
  }
  return "(no error)";
}

tf::NumberValue number(std::string_view text) {
  return tf::parse_number(text, tjit::SourceRange());
}

std::string str(std::string_view text) { return tf::decode_string_literal(text, tjit::SourceRange()); }

}  // namespace

TEST_CASE("indentation becomes INDENT/NEWLINE/DEDENT; blank and comment lines do not count") {
  CHECK(lex("def f(x):\n  if x:\n    return 1\n\n  # note\n      \n  return 2\n") ==
        "def f ( x ) : IN if x : IN return 1 NL DE return 2 NL DE EOF");
  // Several levels closed at once, and a text without a final newline.
  CHECK(lex("a:\n b:\n  c\nd") == "a : IN b : IN c NL DE DE d NL EOF");
  // Code may start indented (PyTorch allows it); that level is the base.
  CHECK(lex("    x = 1\n    y\n") == "x = 1 NL y NL EOF");
  CHECK(lex("") == "EOF");
  CHECK(lex("\n\n# only a comment\n") == "EOF");
}

TEST_CASE("brackets and backslashes join lines") {
  CHECK(lex("f(a,\n  b)[1,\n\n 2]{3:\n4}\n") == "f ( a , b ) [ 1 , 2 ] { 3 : 4 } NL EOF");
  CHECK(lex("x = 1 + \\\n  2\n") == "x = 1 + 2 NL EOF");
  CHECK(lex("x = 1\r\ny = 2\r\n") == "x = 1 NL y = 2 NL EOF");
}

TEST_CASE("operators, keywords and compound keywords") {
  CHECK(lex("a // b ** c @ d -> e <<= f >>= g != h == i <= j >= k ... l //= m **= n\n") ==
        "a // b ** c @ d -> e <<= f >>= g != h == i <= j >= k ... l //= m **= n NL EOF");
  auto toks = tf::tokenize(src("a is not b not in c is d not e isnot"));
  CHECK(toks[1].kind == tf::Tok::IsNot);
  CHECK(toks[3].kind == tf::Tok::NotIn);
  CHECK(toks[5].kind == tf::Tok::Is);
  CHECK(toks[7].kind == tf::Tok::Not);
  CHECK(toks[9].kind == tf::Tok::Ident);
  CHECK(tf::kind_name(tf::Tok::IsNot) == "is not");
  CHECK(tf::kind_name(tf::Tok::Ident) == "ident");
  CHECK(tf::kind_name(tf::Tok::String) == "string_literal");
  CHECK(tf::kind_name(tf::Tok::Pow) == "pow operator");
  CHECK(tf::kind_name(tf::Tok::RParen) == ")");
  CHECK(lex("def class return if elif else while for in and or pass break continue del raise "
            "assert with as import global True False None\n")
            .find("def class return") == 0);
  CHECK(tf::tokenize(src("while"))[0].kind == tf::Tok::While);
  CHECK(tf::tokenize(src("whilex"))[0].kind == tf::Tok::Ident);
}

TEST_CASE("numbers in every Python form") {
  CHECK(lex("0x1F 0o17 0b101 1_000 1. .5 1e-5 1.0e+10 2j 1.5J 0 007 1e10\n") ==
        "0x1F 0o17 0b101 1_000 1. .5 1e-5 1.0e+10 2j 1.5J 0 007 1e10 NL EOF");
  CHECK(number("0x1F").i == 31);
  CHECK(number("0o17").i == 15);
  CHECK(number("0b101").i == 5);
  CHECK(number("1_000").i == 1000);
  CHECK(number("9223372036854775807").i == INT64_MAX);
  CHECK(number("1.").kind == tf::NumberValue::Float);
  CHECK(number("1.").d == 1.0);
  CHECK(number(".5").d == 0.5);
  CHECK(number("1e-5").d == 1e-5);
  CHECK(number("1.0000000000000001e-05").d == 1.0000000000000001e-05);
  CHECK(number("1.0e+10").d == 1e10);
  CHECK(number("1e999").d == HUGE_VAL);
  CHECK(number("2j").kind == tf::NumberValue::Imaginary);
  CHECK(number("2.j").d == 2.0);
  CHECK_THROWS_AS(number("99999999999999999999"), tjit::Error);
  // `1.x` is a float then a name; `x.1` is a name then the float .1 (as in PyTorch).
  CHECK(lex("1.real") == "1. real NL EOF");
  CHECK(lex("x.1") == "x .1 NL EOF");
}

TEST_CASE("strings: quotes, triple quotes, prefixes, escapes, raw") {
  CHECK(lex("'a' \"b\" '''c\nd''' \"\"\"e\"\"\" r'\\d' u'x' f'{y}'\n") ==
        "'a' \"b\" '''c\nd''' \"\"\"e\"\"\" r'\\d' u'x' f'{y}' NL EOF");
  CHECK(str("\"it's \\\"q\\\"\\n\\\\\"") == "it's \"q\"\n\\");
  CHECK(str("'\\a\\b\\f\\n\\r\\t\\v\\'\\\"'") == "\a\b\f\n\r\t\v'\"");
  CHECK(str("'\\001\\033\\177\\0'") == std::string("\001\033\177\0", 4));
  CHECK(str("'\\x41\\u00e9\\U0001F600'") == "A\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(str("'''a\nb'''") == "a\nb");
  CHECK(str("'a\\\nb'") == "ab");
  CHECK(str("r'\\d\\n'") == "\\d\\n");
  CHECK(str("'caf\xc3\xa9'") == "caf\xc3\xa9");
  CHECK_THROWS_WITH_AS(str("'\\q'"), doctest::Contains("ill formed octal specifier"), tjit::Error);
  CHECK_THROWS_WITH_AS(str("'\\x4'"), doctest::Contains("unsupported hex specifier"), tjit::Error);
}

TEST_CASE("type comments are set aside for the parser, other comments vanish") {
  tf::Lexer lexer(src("def f(x):  # type: (int) -> int\n  # plain\n  return x  # type: ignore\n"));
  while (lexer.next().kind != tf::Tok::Eof) {
  }
  REQUIRE(lexer.type_comments().size() == 2);
  const auto& c = lexer.type_comments()[0];
  CHECK(lexer.source()->text().substr(c.start, c.end - c.start) == "# type: (int) -> int");
}

TEST_CASE("token ranges point into the source") {
  auto s = src("x = foo(1)\n");
  auto toks = tf::tokenize(s);
  CHECK(toks[2].start == 4);
  CHECK(toks[2].end == 7);
  tf::Lexer lexer(s);
  CHECK(lexer.range(toks[2]).text() == "foo");
  CHECK(lexer.cur().kind == tf::Tok::Ident);
  CHECK(lexer.lookahead().kind == tf::Tok::Assign);
}

TEST_CASE("lexical errors") {
  CHECK(error_of("x = 1 ? $\n").find("expected a valid token but found ' ' here") == 0);
  CHECK(error_of("x = 'abc\n").find("expected a valid token") == 0);
  CHECK(error_of("x = '''abc\n").find("expected a valid token") == 0);
  CHECK(error_of("x = \xc3\xa9\n").find("expected a valid token") == 0);
  CHECK(error_of("if x:\n    a\n  b\n").find("invalid indent level 2") == 0);
}
