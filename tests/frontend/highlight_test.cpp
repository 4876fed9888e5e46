// SourceRange::highlight and print_with_context: PyTorch's layout of a range in its source.
// (Cases recorded from PyTorch 1.13 are in error_goldens.txt; these pin the corner cases.)
#include "tjit/core/source_range.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

namespace {

std::shared_ptr<const tjit::Source> src(std::string text, std::optional<std::string> file = "<string>",
                                        std::size_t line0 = 0) {
  return std::make_shared<const tjit::Source>(std::move(text), std::move(file), line0);
}

}  // namespace

TEST_CASE("a one-line range: header, context before and after, marker") {
  auto s = src("def f(x):\n  a = 1\n  return x + y\n  b = 2\n");
  std::size_t at = s->text().find("y");
  tjit::SourceRange r(s, at, at + 1);
  CHECK(r.highlight() ==
        "  File \"<string>\", line 3\n"
        "def f(x):\n  a = 1\n  return x + y\n"
        "             ~ <--- HERE\n"
        "  b = 2\n");
  std::size_t ret = s->text().find("return");
  CHECK(tjit::SourceRange(s, ret, ret + 12).highlight() ==
        "  File \"<string>\", line 3\n"
        "def f(x):\n  a = 1\n  return x + y\n"
        "  ~~~~~~~~~~~~ <--- HERE\n"
        "  b = 2\n");
}

TEST_CASE("context is limited to kContext lines, counting the range's own") {
  auto s = src("l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\n");
  std::size_t at = s->text().find("l5");
  CHECK(tjit::SourceRange(s, at, at + 2).highlight() ==
        "  File \"<string>\", line 5\nl3\nl4\nl5\n~~ <--- HERE\nl6\nl7\n");
  std::ostringstream one;
  tjit::SourceRange(s, at, at + 2).print_with_context(one, 1, true, "forward");
  // With a context of 1 PyTorch prints all the rest of the text after the range (its end of
  // context falls before the end of the highlighted line); we print what it prints.
  CHECK(one.str() == "  File \"<string>\", line 5, in forward\nl5\n~~ <--- HERE\nl6\nl7\nl8\nl9\n");
  std::ostringstream plain;
  tjit::SourceRange(s, at, at + 2).print_with_context(plain, 2, false, "");
  CHECK(plain.str() == "  File \"<string>\", line 5\nl4\nl5\nl6\n");
}

TEST_CASE("a range over several lines gets a marker under each") {
  auto s = src("x = f(a,\n      b)\ny = 2\n");
  std::size_t at = s->text().find("f(");
  std::size_t end = s->text().find("b)") + 2;
  CHECK(tjit::SourceRange(s, at, end).highlight() ==
        "  File \"<string>\", line 1\n"
        "x = f(a,\n    ~~~~\n      b)\n      ~~ <--- HERE\ny = 2\n");
}

TEST_CASE("no file name: no header; a starting line shifts the numbers") {
  auto s = src("a\nb\n", std::nullopt);
  CHECK(tjit::SourceRange(s, 2, 3).highlight() == "a\nb\n~ <--- HERE\n");
  auto t = src("a\nb\n", "model.py", 10);
  CHECK(tjit::SourceRange(t, 2, 3).highlight() == "  File \"model.py\", line 12\na\nb\n~ <--- HERE\n");
}

TEST_CASE("ranges at the end, empty ranges, blank ranges and the whole text") {
  auto s = src("def f(x):\n  return x +");
  const std::size_t n = s->text().size();
  CHECK(tjit::SourceRange(s, n, n).highlight() == "  File \"<string>\", line 2\ndef f(x):\n  return x +");
  CHECK(tjit::SourceRange(s, 12, 12).highlight() == "  File \"<string>\", line 2\ndef f(x):\n  return x +\n");
  CHECK(tjit::SourceRange(s, 10, 12).highlight() == "  File \"<string>\", line 2\ndef f(x):\n  return x +\n");
  CHECK(tjit::SourceRange(s, 0, n).highlight() == s->text());
  CHECK(tjit::SourceRange().highlight().empty());
  // Past the end: clamped, never out of bounds.
  CHECK(tjit::SourceRange(s, n + 5, n + 9).highlight().empty());
}

TEST_CASE("the existing API keeps working alongside") {
  auto s = src("ab\ncd\n");
  tjit::SourceRange r(s, 3, 5);
  CHECK(r.text() == "cd");
  CHECK(r.file_line_col()->line == 2);
  CHECK(r.merged(tjit::SourceRange(s, 0, 1)) == tjit::SourceRange(s, 0, 5));
}
