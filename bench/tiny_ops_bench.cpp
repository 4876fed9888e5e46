// bench/tiny_ops_bench.cpp — the per-op overhead of the tensor layer on tiny tensors: what an
// elementwise op, a 1×1 matmul, a fresh tensor or a view costs when the arithmetic is nothing.
// This is the floor under every small model and control-flow loop run by the interpreter
// (libtorch 1.13 pays ~1.5–4.8 µs per such op; ../shared/notes/perf-anchors.md).
//
//   bazel run //bench:tiny_ops_bench            (one thread, as ops on tiny tensors always run)
//
// Each figure is the median over 15 repetitions of a loop of calls, in nanoseconds per call, in
// thread CPU time (what the call costs, robust to other processes sharing the cores) and in wall
// time.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include "tjit/core/parallel.hpp"
#include "tjit/tensor/tensor.hpp"

namespace {

const void* volatile g_sink;
void keep(const tjit::Tensor& t) { g_sink = t.unsafe_impl_ptr(); }

double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Figure {
  double cpu_ns, wall_ns;
};

template <class F>
Figure per_call(F&& f, int iters) {
  for (int i = 0; i < iters / 10; ++i) f();  // warm up caches and the allocator
  std::vector<double> cpu, wall;
  for (int rep = 0; rep < 15; ++rep) {
    double c0 = thread_seconds();
    auto w0 = std::chrono::steady_clock::now();
    for (int i = 0; i < iters; ++i) f();
    auto w1 = std::chrono::steady_clock::now();
    double c1 = thread_seconds();
    cpu.push_back((c1 - c0) * 1e9 / iters);
    wall.push_back(std::chrono::duration<double, std::nano>(w1 - w0).count() / iters);
  }
  std::sort(cpu.begin(), cpu.end());
  std::sort(wall.begin(), wall.end());
  return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  int iters = argc > 1 ? std::atoi(argv[1]) : 100000;
  tjit::set_num_threads(1);
  tjit::Tensor a = tjit::full({1}, 0.5f), b = tjit::full({1}, -1.5f);
  tjit::Tensor m = tjit::full({1, 1}, 2.0f);
  tjit::Tensor s = tjit::arange(6, tjit::kFloat).view({2, 3});
  tjit::Tensor d = tjit::full({1}, 0.5f);

  struct Case {
    const char* name;
    Figure fig;
  };
  std::vector<Case> cases = {
      {"empty({1})", per_call([&] { keep(tjit::Tensor::empty({1})); }, iters)},
      {"add(a, b)", per_call([&] { keep(tjit::add(a, b)); }, iters)},
      {"mul(a, b)", per_call([&] { keep(tjit::mul(a, b)); }, iters)},
      {"sub(a, b)", per_call([&] { keep(tjit::sub(a, b)); }, iters)},
      {"add(a, 1.0)", per_call([&] { keep(tjit::add(a, 1.0)); }, iters)},
      {"add_(d, b)", per_call([&] { tjit::add_(d, b); }, iters)},
      {"relu(a)", per_call([&] { keep(tjit::relu(a)); }, iters)},
      {"sigmoid(a)", per_call([&] { keep(tjit::sigmoid(a)); }, iters)},
      {"matmul 1x1", per_call([&] { keep(tjit::matmul(m, m)); }, iters)},
      {"view({3, 2}) of 2x3", per_call([&] { keep(s.view({3, 2})); }, iters)},
      {"reshape({6}) of 2x3", per_call([&] { keep(s.reshape({6})); }, iters)},
      {"select(0, 1) of 2x3", per_call([&] { keep(s.select(0, 1)); }, iters)},
  };
  std::printf("tiny-tensor ops, 1 thread, ns per call (median of 15 x %d calls)\n", iters);
  std::printf("  %-22s %10s %10s\n", "op", "cpu ns", "wall ns");
  for (const Case& c : cases)
    std::printf("  %-22s %10.1f %10.1f\n", c.name, c.fig.cpu_ns, c.fig.wall_ns);
  return 0;
}
