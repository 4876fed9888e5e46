// Replays error_goldens.txt (recorded from PyTorch 1.13 by make_goldens.py): each bad source
// must fail to parse with exactly PyTorch's message, highlight included.
#include "tjit/frontend/parser.hpp"

#include "runfiles.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

struct Case {
  std::string kind, name, source, message;
};

std::vector<Case> load_cases() {
  const std::string data = tjit_test::read_runfile("tests/frontend/error_goldens.txt");
  std::vector<Case> cases;
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t eol = data.find('\n', pos);
    REQUIRE(eol != std::string::npos);
    char kind[32], name[128];
    std::size_t src_len = 0, msg_len = 0;
    REQUIRE(std::sscanf(data.c_str() + pos, "@@@ %31s %127s %zu %zu", kind, name, &src_len,
                        &msg_len) == 4);
    pos = eol + 1;
    Case c{kind, name, data.substr(pos, src_len), data.substr(pos + src_len, msg_len)};
    pos += src_len + msg_len + 1;
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace

TEST_CASE("syntax errors read exactly as PyTorch 1.13's") {
  const auto cases = load_cases();
  CHECK(cases.size() >= 40);
  for (const auto& c : cases) {
    CAPTURE(c.name);
    // CompilationUnit names its source "<string>"; the Python frontend the file of the function.
    const std::string file = c.kind == "cu" ? "<string>" : "/tmp/tjit_frontend_goldens/case.py";
    auto source = std::make_shared<const tjit::Source>(c.source, file);
    std::string got = "(no error)";
    try {
      tjit::frontend::parse(source);
    } catch (const tjit::Error& e) {
      got = e.what();
    }
    CHECK(got == c.message);
  }
}
