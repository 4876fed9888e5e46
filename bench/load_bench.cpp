// bench/load_bench.cpp — loading a TorchScript archive and its first calls, against libtorch's
// torch::jit::load on the same archives (bench/make_bench_models.py: resnet18, scripted and
// frozen), each measured in a fresh process: load time (with each library's defaults: tjit
// checks the records' CRC-32 on all cores, libtorch's reader on one), first-call and tenth-call
// latency (1x3x224x224 ones, 1 thread), and the process's peak resident memory.
//
//   bazel run --config=bench //bench:load_bench -- DIR [LIBTORCH_BIN]
//
// DIR holds the archives; LIBTORCH_BIN is bench/libtorch/out/load_libtorch (./dev.sh bench
// makes both). Goal (issue 6): load at least 5x faster than libtorch, and the first forward no
// slower than the tenth.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "tjit/core/parallel.hpp"
#include "tjit/serialize/import.hpp"
#include "tjit/serialize/module.hpp"
#include "tjit/tensor/tensor.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// One archive, measured in this process (run as a child: `load_bench --measure ARCHIVE`).
int measure(const char* archive) {
  auto t0 = Clock::now();
  tjit::Module m = tjit::load(archive);  // tjit's defaults: CRC-32 checks on every core
  m.eval();
  const double load = ms_since(t0);
  tjit::set_num_threads(1);
  std::vector<tjit::IValue> args{tjit::ones({1, 3, 224, 224})};
  double first = 0, tenth = 0;
  for (int i = 1; i <= 10; ++i) {
    t0 = Clock::now();
    m.forward(args);
    if (i == 1) first = ms_since(t0);
    if (i == 10) tenth = ms_since(t0);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("load_ms %.4f\nfirst_call_ms %.4f\ntenth_call_ms %.4f\npeak_rss_mb %.1f\n", load,
              first, tenth, usage.ru_maxrss / 1024.0);
  return 0;
}

std::map<std::string, double> run(const std::string& cmd) {
  std::map<std::string, double> out;
  FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char name[64];
  double v;
  while (std::fscanf(p, "%63s %lf", name, &v) == 2) out[name] = v;
  pclose(p);
  return out;
}

// The best (smallest) of `runs` fresh processes, per figure.
std::map<std::string, double> best_of(const std::string& cmd, int runs) {
  std::map<std::string, double> best;
  for (int r = 0; r < runs; ++r)
    for (const auto& [k, v] : run(cmd))
      if (!best.count(k) || v < best[k]) best[k] = v;
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--measure") == 0) return measure(argv[2]);
  if (argc < 2) {
    std::fprintf(stderr, "usage: load_bench DIR [LIBTORCH_BIN]\n");
    return 2;
  }
  const std::string dir = argv[1], libtorch = argc > 2 ? argv[2] : "";
  const int runs = 3;
  std::printf("load and first calls, resnet18 (1x3x224x224, 1 thread; best of %d processes)\n",
              runs);
  for (const char* name : {"resnet18.pt", "resnet18_frozen.pt"}) {
    const std::string archive = dir + "/" + name;
    auto ours = best_of(std::string(argv[0]) + " --measure " + archive, runs);
    if (ours.empty()) {
      std::printf("  %s: could not be measured (missing? bench/make_bench_models.py makes it)\n",
                  archive.c_str());
      continue;
    }
    auto theirs = libtorch.empty() ? std::map<std::string, double>{}
                                   : best_of(libtorch + " " + archive, runs);
    std::printf("== %s\n", name);
    for (const char* key : {"load_ms", "first_call_ms", "tenth_call_ms", "peak_rss_mb"}) {
      std::printf("  %-14s tjit %9.2f", key, ours[key]);
      if (theirs.count(key))
        std::printf("   libtorch %9.2f   libtorch/tjit %5.1fx", theirs[key],
                    theirs[key] / ours[key]);
      std::printf("\n");
    }
  }
  return 0;
}
