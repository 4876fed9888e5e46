// bench/timing.hpp — the timing rule every kernel-level benchmark uses, on both sides of a
// comparison (tjit's benchmarks and bench/libtorch/*.cpp): plain C++, no tjit or libtorch headers.
#pragma once

#include <algorithm>
#include <chrono>

namespace bench {

// Seconds per call: the best of runs totalling at least ~0.4 s (at least 7 runs), after one
// warm-up call. The best, not the median, because the machine is shared: other processes only
// ever make a run slower.
template <class F>
double best_seconds(F&& f) {
  f();
  double best = 1e30, total = 0;
  int runs = 0;
  while (runs < 7 || (total < 0.4 && runs < 300)) {
    auto s = std::chrono::steady_clock::now();
    f();
    double d = std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count();
    best = std::min(best, d);
    total += d;
    ++runs;
  }
  return best;
}

}  // namespace bench
