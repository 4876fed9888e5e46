// Round trips through PyTorch 1.13: tjit writes files into $TEST_TMPDIR
// (roundtrip_writer.cpp), then the test runs check_roundtrip.py with /usr/bin/python3, which
// reads them back and prints one verdict per file.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "support.hpp"

int write_roundtrip_files(const std::string& fixtures, const std::string& dir);

TEST_CASE("PyTorch reads back what tjit writes") {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string dir = tmp ? tmp : "/tmp";
  const std::string fixtures = tjit_test::runfile("tests/serialize/fixtures.bin");
  REQUIRE(write_roundtrip_files(fixtures, dir) == 0);
  const std::string cmd = "/usr/bin/python3 " +
                          tjit_test::runfile("tests/serialize/check_roundtrip.py") + " " +
                          fixtures + " " + dir + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  CHECK(pclose(p) == 0);
  std::istringstream in(out);
  std::string line;
  int ok = 0;
  while (std::getline(in, line)) {
    CAPTURE(line);
    CHECK(line.rfind("ok ", 0) == 0);
    if (line.rfind("ok ", 0) == 0) ++ok;
  }
  CHECK(ok == 24);  // 22 resaved torch.save fixtures, built.pt, module_resaved.pt
}
