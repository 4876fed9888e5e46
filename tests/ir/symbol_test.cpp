#include "tjit/ir/symbol.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace tjit::ir;

TEST_CASE("built-in symbols are constants with their qualified names") {
  CHECK(prim::Constant.toQualString() == "prim::Constant");
  CHECK(prim::If.toUnqualString() == "If");
  CHECK(prim::If.ns() == "prim");
  CHECK(attr::value.toQualString() == "attr::value");
  CHECK(aten::add.toQualString() == "aten::add");
  CHECK(namespaces::aten.toQualString() == "namespaces::aten");
  CHECK(prim::Constant.is_prim());
  CHECK(attr::value.is_attr());
  CHECK(aten::add.is_aten());
  static_assert(prim::Loop != prim::If);
}

TEST_CASE("interning: the same name gives the same symbol, in any spelling") {
  CHECK(Symbol::fromQualString("prim::Constant") == prim::Constant);
  CHECK(Symbol::prim("Loop") == prim::Loop);
  CHECK(Symbol::aten("add") == Symbol::fromQualString("aten::add"));
  Symbol relu = Symbol::aten("relu");
  CHECK(relu == Symbol::fromDomainAndUnqualString("aten", "relu"));
  CHECK(relu != Symbol::prim("relu"));
  CHECK(relu.toQualString() == "aten::relu");
  CHECK(Symbol::fromQualString("quantized::conv2d.new").toUnqualString() == "conv2d.new");
}

TEST_CASE("symbols work in switch statements") {
  auto describe = [](Symbol s) {
    switch (s) {
      case prim::If: return "if";
      case prim::Loop: return "loop";
      default: return "other";
    }
  };
  CHECK(std::string(describe(Symbol::prim("If"))) == "if");
  CHECK(std::string(describe(prim::Loop)) == "loop");
  CHECK(std::string(describe(aten::add)) == "other");
}

TEST_CASE("malformed qualified names are errors") {
  CHECK_THROWS_AS(Symbol::fromQualString("add"), tjit::Error);
  CHECK_THROWS_AS(Symbol::fromQualString("aten::"), tjit::Error);
  CHECK_THROWS_AS(Symbol::fromQualString("::add"), tjit::Error);
}

TEST_CASE("interning is thread-safe") {
  std::vector<std::thread> threads;
  std::vector<std::vector<Symbol::unique_t>> ids(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &ids] {
      for (int i = 0; i < 500; ++i)
        ids[t].push_back(Symbol::aten("threaded_" + std::to_string(i)).id());
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 1; t < 8; ++t) CHECK(ids[t] == ids[0]);
  std::set<Symbol::unique_t> distinct(ids[0].begin(), ids[0].end());
  CHECK(distinct.size() == 500);
  CHECK(Symbol(ids[0][7]).toQualString() == "aten::threaded_7");
}
