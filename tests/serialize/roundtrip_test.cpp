// The verdicts of check_roundtrip.py: files tjit wrote, read back by PyTorch 1.13.
#include <doctest/doctest.h>

#include <sstream>

#include "support.hpp"

TEST_CASE("PyTorch reads back what tjit writes") {
  std::istringstream in(tjit_test::read_file(tjit_test::runfile("tests/serialize/roundtrip_results.txt")));
  std::string line;
  int ok = 0;
  while (std::getline(in, line)) {
    CAPTURE(line);
    CHECK(line.rfind("ok ", 0) == 0);
    if (line.rfind("ok ", 0) == 0) ++ok;
  }
  CHECK(ok == 24);  // 22 resaved torch.save fixtures, built.pt, module_resaved.pt
}
