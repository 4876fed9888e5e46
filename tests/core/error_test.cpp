#include "tjit/core/error.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("TJIT_CHECK throws tjit::Error with the concatenated message") {
  int dim = 5;
  try {
    TJIT_CHECK(dim < 3, "Dimension out of range (expected to be in range of [", -3, ", ", 2,
               "], but got ", dim, ")");
    FAIL("TJIT_CHECK did not throw");
  } catch (const tjit::Error& e) {
    CHECK(std::string(e.what()) ==
          "Dimension out of range (expected to be in range of [-3, 2], but got 5)");
    CHECK(std::string(e.python_type()) == "RuntimeError");
  }
  CHECK_NOTHROW(TJIT_CHECK(dim == 5, "never shown"));
}

TEST_CASE("error subclasses keep their Python exception name and are caught as tjit::Error") {
  try {
    TJIT_CHECK_AS(tjit::IndexError, false, "list index out of range");
  } catch (const tjit::Error& e) {
    CHECK(std::string(e.python_type()) == "IndexError");
    CHECK(e.message() == "list index out of range");
  }
}

TEST_CASE("context lines follow the message") {
  tjit::Error e("Expected a value of type 'Tensor'");
  e.add_context("  File \"<string>\", line 3").add_context("    return x + 1");
  CHECK(std::string(e.what()) ==
        "Expected a value of type 'Tensor'\n  File \"<string>\", line 3\n    return x + 1");
  CHECK(e.message() == "Expected a value of type 'Tensor'");
}
