// The schemas of the tensor operator tables: each parses, prints back (schema.str()) to exactly
// the text registered, and is one of PyTorch 1.13's schemas (torch._C._jit_get_all_schemas(),
// written by make_op_cases.py); each is registered once and found by its qualified name.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>

#include "tjit/ir/schema.hpp"
#include "tjit/runtime/operator.hpp"

using namespace tjit;
using namespace tjit::runtime;

TEST_CASE("tensor operator schemas are PyTorch's, verbatim") {
  std::ifstream in("tests/runtime/torch_schemas.txt");
  REQUIRE(in);
  std::set<std::string> torch_schemas;
  for (std::string line; std::getline(in, line);) torch_schemas.insert(line);
  REQUIRE(torch_schemas.size() > 4000);

  const auto& reg = OperatorRegistry::instance();
  std::size_t n = 0;
  for (auto table : {ops::tensor_pointwise_ops(), ops::tensor_reduce_ops(), ops::tensor_shape_ops(),
                     ops::tensor_nn_ops(), ops::tensor_misc_ops(),
                     ops::tensor_random_ops(), ops::tensor_extra_ops()}) {
    for (const OperatorDef& def : table) {
      ++n;
      std::string text = def.schema;
      CAPTURE(text);
      bool has_fn = def.fn != nullptr;
      CHECK(has_fn);
      CHECK_MESSAGE(torch_schemas.count(text) == 1, "not one of PyTorch 1.13's schemas");
      ir::FunctionSchema schema = ir::parse_schema(text);
      CHECK(schema.str() == text);
      const Operator* op = reg.findByQualifiedName(text);
      REQUIRE(op != nullptr);
      bool same_fn = op->fn() == def.fn;
      CHECK(same_fn);
      CHECK(op->schema().str() == text);
    }
  }
  MESSAGE(n, " tensor operator overloads");
  CHECK(n > 500);
}
