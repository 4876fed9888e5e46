// fork/wait for C++ callers and IValue futures: results, errors, nesting deeper than the pool,
// and grad mode carried into forked work.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>

#include "tjit/runtime/future.hpp"
#include "tjit/tensor/tensor.hpp"

using namespace tjit;

TEST_CASE("fork runs work and wait returns its result") {
  Tensor x = tjit::ones({3});
  Future<Tensor> f = tjit::fork([](const Tensor& t) { return t * 2; }, x);
  Tensor y = tjit::wait(f);
  CHECK(tjit::sum(y).item<float>() == 6.0f);
  CHECK(f.done());
}

TEST_CASE("exceptions travel to the waiter") {
  auto f = tjit::fork([] { return tjit::ones({2}).view({3}); });
  CHECK_THROWS_AS(f.wait(), Error);
}

TEST_CASE("nested forks deeper than the pool do not deadlock") {
  // Each level forks the next and waits for it: 64 levels on a pool of (at most) a few threads.
  std::function<int(int)> depth = [&](int n) -> int {
    if (n == 0) return 0;
    auto f = tjit::fork(depth, n - 1);
    return 1 + f.wait();
  };
  CHECK(depth(64) == 64);
  // And a wide fan-out of forks that each wait on more forks.
  std::vector<Future<int>> fs;
  for (int i = 0; i < 32; ++i) fs.push_back(tjit::fork(depth, 8));
  int total = 0;
  for (auto& f : fs) total += f.wait();
  CHECK(total == 32 * 8);
}

TEST_CASE("grad mode follows work into forked tasks") {
  bool seen = true;
  {
    NoGradGuard g;
    auto f = tjit::fork([&] { seen = is_grad_enabled(); });
    f.wait();
  }
  CHECK(!seen);
  CHECK(is_grad_enabled());
}

TEST_CASE("IValue futures complete, call back and report errors") {
  using namespace tjit::runtime;
  auto fut = fork_ivalue(ir::Type::Int(), [] { return IValue(41 + 1); });
  std::atomic<int> called{0};
  CHECK(fut->wait().toInt() == 42);
  fut->addCallback([&](FutureObj& f) { called += static_cast<int>(f.value().toInt()); });
  CHECK(called == 42);
  CHECK(IValue(fut).type()->str() == "Future[int]");

  auto manual = make_intrusive<FutureObj>(ir::Type::Str());
  manual->addCallback([&](FutureObj&) { ++called; });
  manual->markCompleted("done");
  CHECK(called == 43);
  CHECK(manual->wait().toStringRef() == "done");

  auto bad = fork_ivalue(ir::Type::Int(), []() -> IValue { throw ValueError("nope"); });
  CHECK_THROWS_WITH_AS(bad->wait(), "nope", ValueError);
}
