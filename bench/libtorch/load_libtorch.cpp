// The load benchmark's libtorch side: torch::jit::load of an archive, then forward on a
// 1x3x224x224 input of ones, in InferenceMode on 1 thread. Prints `name value` lines that
// bench/load_bench reads: load_ms, first_call_ms, tenth_call_ms, peak_rss_mb (the process's
// peak resident memory after the ten calls, libtorch's own libraries included).
// Built by bench/libtorch/build.sh (needs libtorch-dev; benchmarks only).
#include <dlfcn.h>
#include <sys/resource.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: load_libtorch ARCHIVE\n");
    return 2;
  }
  at::set_num_threads(1);
  // OpenBLAS (bench/run.sh puts it on LD_LIBRARY_PATH) keeps its own threads.
  using SetThreads = void (*)(int);
  if (auto f = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) f(1);
  c10::InferenceMode guard;
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  };
  auto t0 = Clock::now();
  torch::jit::Module m = torch::jit::load(argv[1]);
  m.eval();
  const double load = ms(t0);
  std::vector<torch::jit::IValue> args{torch::ones({1, 3, 224, 224})};
  double first = 0, tenth = 0;
  for (int i = 1; i <= 10; ++i) {
    t0 = Clock::now();
    m.forward(args);
    if (i == 1) first = ms(t0);
    if (i == 10) tenth = ms(t0);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("load_ms %.4f\nfirst_call_ms %.4f\ntenth_call_ms %.4f\npeak_rss_mb %.1f\n", load, first,
              tenth, usage.ru_maxrss / 1024.0);
  return 0;
}
