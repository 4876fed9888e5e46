#include "tjit/core/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <numeric>
#include <vector>

TEST_CASE("parallel_for covers the range exactly once, in chunks no smaller than the grain") {
  for (int threads : {1, 2, 4}) {
    tjit::set_num_threads(threads);
    CHECK(tjit::get_num_threads() == threads);
    std::vector<int> hits(10007, 0);
    std::atomic<int> chunks{0};
    tjit::parallel_for(0, 10007, 1000, [&](std::int64_t b, std::int64_t e) {
      CHECK(e - b >= 1000);
      ++chunks;
      for (auto i = b; i < e; ++i) hits[static_cast<std::size_t>(i)] += 1;
    });
    CHECK(std::accumulate(hits.begin(), hits.end(), 0) == 10007);
    CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
    CHECK(chunks.load() == std::min(threads, 10));
  }
  tjit::set_num_threads(2);
}

TEST_CASE("nested parallel_for runs serially and exceptions reach the caller") {
  tjit::set_num_threads(2);
  std::atomic<int> inner_chunks{0};
  tjit::parallel_for(0, 4, 1, [&](std::int64_t, std::int64_t) {
    tjit::parallel_for(0, 100, 1, [&](std::int64_t b, std::int64_t e) {
      CHECK(b == 0);
      CHECK(e == 100);
      ++inner_chunks;
    });
  });
  CHECK(inner_chunks.load() == 2);
  CHECK_THROWS_AS(tjit::parallel_for(0, 100, 1,
                                     [](std::int64_t b, std::int64_t) {
                                       TJIT_CHECK(b == 0, "chunk at ", b, " failed");
                                     }),
                  tjit::Error);
  CHECK_THROWS_WITH(tjit::set_num_threads(0),
                    "set_num_threads expects a positive number of threads, but got 0");
}
