// Interpreter overhead: per-op cost on 1-element tensors (a chain of 100 tiny ops), an int loop
// of 10^5 iterations, first-call time, and the peak memory of a long chain of large
// intermediates — against libtorch 1.13 running the same graphs (bench/interp_graphs.hpp) in
// the same run, when bench/libtorch/out/interpreter_libtorch has been built
// (bench/libtorch/build.sh; ./dev.sh bench does it).
//
//   bazel run --config=bench //bench:interpreter_bench -- [path/to/interpreter_libtorch]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "interp_graphs.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/ir/ir.hpp"
#include "tjit/runtime/function.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"

using Clock = std::chrono::steady_clock;
using namespace tjit;

static double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

template <class F>
static double median_seconds(int reps, F f) {
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    f();
    t.push_back(seconds_since(t0));
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

static std::map<std::string, double> run_libtorch(const std::string& bin, const char* mode) {
  std::map<std::string, double> out;
  std::string cmd = bin + " " + mode + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char name[128];
  double v;
  while (std::fscanf(p, "%127s %lf", name, &v) == 2) out[name] = v;
  pclose(p);
  return out;
}

static void row(const char* what, double ours, const std::map<std::string, double>& theirs,
                const char* key, const char* unit) {
  auto it = theirs.find(key);
  if (it == theirs.end()) {
    std::printf("  %-44s %10.4f %s   (libtorch not measured)\n", what, ours, unit);
  } else {
    std::printf("  %-44s %10.4f %s   libtorch %10.4f %s   libtorch/tjit %6.1fx\n", what, ours,
                unit, it->second, unit, it->second / ours);
  }
}

static int memory_mode() {
  runtime::Code code(ir::parse_ir(bench::chain_graph(40)), "chain");
  Tensor x = tjit::ones({4 << 20});
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  for (int r = 0; r < 3; ++r) {
    runtime::Stack s{x};
    code.run(s);
  }
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  std::printf("chain_peak_mb %.1f\n", (after.ru_maxrss - before.ru_maxrss) / 1024.0);
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "memory") == 0) return memory_mode();
  std::string libtorch = argc > 1 ? argv[1] : "";
  std::map<std::string, double> lt, lt_mem;
  if (!libtorch.empty()) {
    lt = run_libtorch(libtorch, "speed");
    lt_mem = run_libtorch(libtorch, "memory");
  }
  tjit::set_num_threads(1);
  runtime::OperatorRegistry::instance();  // built once per process, outside the timings

  std::printf("interpreter overhead (1 thread; medians)\n");
  const int ops = 100;
  Tensor x = tjit::ones({1}), y = tjit::full({1}, 0.5f);
  auto first0 = Clock::now();
  runtime::Code tiny(ir::parse_ir(bench::tiny_ops_graph(ops)), "tiny");
  {
    runtime::Stack s{x, y};
    tiny.run(s);
  }
  double first = seconds_since(first0);
  for (int w = 0; w < 50; ++w) {
    runtime::Stack s{x, y};
    tiny.run(s);
  }
  double t = median_seconds(200, [&] {
    runtime::Stack s{x, y};
    tiny.run(s);
  });
  // The same kernels called directly from C++, to separate kernel cost from interpretation.
  double direct = median_seconds(200, [&] {
    Tensor v = x;
    for (int i = 0; i < ops; ++i)
      v = i % 3 == 0 ? tjit::add(v, y) : i % 3 == 1 ? tjit::mul(v, y) : tjit::sub(v, y);
  });
  row("tiny op, per op (libtorch: fuser on)", t / ops * 1e6, lt, "tiny_per_op_us", "us");
  row("tiny op, per op (libtorch: fuser off)", t / ops * 1e6, lt, "tiny_per_op_us_nofuser", "us");
  std::printf("  %-44s %10.4f us   (interpretation: %.4f us/op)\n",
              "same kernels called directly from C++", direct / ops * 1e6, (t - direct) / ops * 1e6);
  row("first call, compile included (fuser on)", first * 1e6, lt, "tiny_first_call_us", "us");

  bool have_int_ops = runtime::OperatorRegistry::instance().find("aten::remainder", "int");
  if (have_int_ops) {
    runtime::Code loop(ir::parse_ir(bench::int_loop_graph()), "loop");
    const int n = 100000;
    std::int64_t result = 0;
    double tl = median_seconds(7, [&] {
      runtime::Stack s{n};
      loop.run(s);
      result = s[0].toInt();
    });
    row("int loop, per iteration (3 int ops)", tl / n * 1e9, lt, "int_loop_per_iter_ns", "ns");
    if (lt.count("int_loop_result") && static_cast<double>(result) != lt["int_loop_result"])
      std::printf("  WARNING: int loop results differ (%lld vs %.0f)\n",
                  static_cast<long long>(result), lt["int_loop_result"]);
  } else {
    std::printf("  int loop: the int operators are not registered in this build\n");
  }

  // Peak memory is per process: measure ours in a child process, like libtorch's.
  std::map<std::string, double> ours_mem = run_libtorch(argv[0], "memory");
  if (ours_mem.count("chain_peak_mb"))
    row("peak RSS growth, 40-op chain of 16 MB tensors", ours_mem["chain_peak_mb"], lt_mem,
        "chain_peak_mb", "MB");
  return 0;
}
