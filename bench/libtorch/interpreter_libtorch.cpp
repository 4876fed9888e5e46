// The interpreter benchmark's graphs under libtorch 1.13 (GraphFunction = the graph executor
// TorchScript uses), in InferenceMode. Prints `name value` lines that bench/interpreter_bench
// reads to print ratios. Built by bench/libtorch/build.sh (needs libtorch-dev; benchmarks only).
#include <sys/resource.h>
#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/ir/irparser.h>
#include <torch/csrc/jit/passes/tensorexpr_fuser.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include "../interp_graphs.hpp"

using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

static std::shared_ptr<torch::jit::Graph> parse(const std::string& text) {
  auto g = std::make_shared<torch::jit::Graph>();
  torch::jit::parseIR(text, g.get());
  return g;
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

int main(int argc, char** argv) {
  at::set_num_threads(1);
  c10::InferenceMode guard;
  const char* mode = argc > 1 ? argv[1] : "speed";
  if (std::strcmp(mode, "memory") == 0) {
    // Peak RSS growth while running a 40-op chain on 4M-float tensors (16 MB each).
    torch::jit::GraphFunction fn("chain", parse(bench::chain_graph(40)), nullptr);
    auto x = torch::ones({4 << 20});
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    for (int r = 0; r < 3; ++r) {
      std::vector<c10::IValue> s{x};
      fn.run(s);
    }
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    std::printf("chain_peak_mb %.1f\n", (after.ru_maxrss - before.ru_maxrss) / 1024.0);
    return 0;
  }
  const int ops = 100;
  auto x = torch::ones({1}), y = torch::full({1}, 0.5);
  // Default settings: after its profiling runs, the executor hands the elementwise chain to the
  // TensorExpr fuser (one compiled kernel). Then with the fuser off: the interpreter's own cost.
  for (bool fuser : {true, false}) {
    torch::jit::setTensorExprFuserEnabled(fuser);
    torch::jit::GraphFunction tiny("tiny", parse(bench::tiny_ops_graph(ops)), nullptr);
    auto first0 = Clock::now();
    {
      std::vector<c10::IValue> s{x, y};
      tiny.run(s);
    }
    const char* tag = fuser ? "" : "_nofuser";
    std::printf("tiny_first_call_us%s %.2f\n", tag, seconds_since(first0) * 1e6);
    for (int w = 0; w < 50; ++w) {
      std::vector<c10::IValue> s{x, y};
      tiny.run(s);
    }
    double t = median_seconds(200, [&] {
      std::vector<c10::IValue> s{x, y};
      tiny.run(s);
    });
    std::printf("tiny_per_op_us%s %.4f\n", tag, t / ops * 1e6);
  }

  torch::jit::GraphFunction loop("loop", parse(bench::int_loop_graph()), nullptr);
  const int n = 100000;
  for (int w = 0; w < 3; ++w) {
    std::vector<c10::IValue> s{n};
    loop.run(s);
  }
  long long result = 0;
  double tl = median_seconds(7, [&] {
    std::vector<c10::IValue> s{n};
    loop.run(s);
    result = s[0].toInt();
  });
  std::printf("int_loop_per_iter_ns %.2f\n", tl / n * 1e9);
  std::printf("int_loop_result %lld\n", result);
  return 0;
}
