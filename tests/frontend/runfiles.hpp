// Test helper: reads a data file of a test target from Bazel's runfiles (TEST_SRCDIR /
// TEST_WORKSPACE), falling back to a path relative to the working directory (which is the
// workspace root of the runfiles tree under `bazel test`, or the repository root by hand).
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace tjit_test {

inline std::string read_runfile(const std::string& path) {
  std::string candidates[2];
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  if (srcdir && workspace) candidates[0] = std::string(srcdir) + "/" + workspace + "/" + path;
  candidates[1] = path;
  for (const auto& c : candidates) {
    if (c.empty()) continue;
    std::ifstream in(c, std::ios::binary);
    if (!in) continue;
    std::ostringstream ss;
    ss << in.rdbuf();
    return std::move(ss).str();
  }
  throw std::runtime_error("cannot read test data file " + path);
}

}  // namespace tjit_test
