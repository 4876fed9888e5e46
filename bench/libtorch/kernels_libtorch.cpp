// The kernel benchmark's cases (bench/kernel_cases.hpp) under libtorch 1.13's ATen, eager, in
// InferenceMode: at::mm, at::conv2d / conv_transpose2d (oneDNN), softmax, layer_norm and the
// elementwise chain, each on 1 and 2 threads. Prints `key seconds` lines (best of several runs)
// that bench/kernels_bench reads to print ratios. Run it with OpenBLAS on LD_LIBRARY_PATH
// (Debian's libtorch otherwise multiplies with the reference BLAS) and glibc told to keep freed
// memory (MALLOC_TRIM_THRESHOLD_, MALLOC_MMAP_THRESHOLD_): otherwise every large temporary is
// returned to the kernel and faulted back in, which on this machine kind makes a chain of six
// elementwise ops on 1000x1000 floats take ~130 ms instead of ~1.5 ms. bench/run.sh does both.
// Built by bench/libtorch/build.sh (needs libtorch-dev; benchmarks only).
#include <dlfcn.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "../kernel_cases.hpp"
#include "../timing.hpp"

namespace {

void put(const std::string& key, double seconds) {
  std::printf("%s %.9g\n", key.c_str(), seconds);
  std::fflush(stdout);
}

}  // namespace

int main() {
  c10::InferenceMode guard;
  torch::manual_seed(0);
  for (int threads : {1, 2}) {
    at::set_num_threads(threads);
    // OpenBLAS keeps its own thread pool, which at::set_num_threads does not reach.
    using SetThreads = void (*)(int);
    if (auto f = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
      f(threads);
    const std::string th = "." + std::to_string(threads);
    {
      const int n = bench::kGemmN;
      auto a = torch::rand({n, n}), b = torch::rand({n, n}), c = torch::empty({n, n});
      put("gemm" + th, bench::best_seconds([&] { at::mm_out(c, a, b); }));
    }
    for (const auto& g : bench::conv_groups()) {
      for (std::size_t i = 0; i < g.cases.size(); ++i) {
        const auto& cc = g.cases[i];
        auto x = torch::rand({1, cc.cin, cc.h, cc.h});
        at::Tensor w = cc.transposed ? torch::rand({cc.cin, cc.cout / cc.groups, cc.kernel, cc.kernel})
                                     : torch::rand({cc.cout, cc.cin / cc.groups, cc.kernel, cc.kernel});
        auto b = torch::rand({cc.cout});
        double t = cc.transposed
                       ? bench::best_seconds([&] {
                           at::conv_transpose2d(x, w, b, cc.stride, cc.pad, cc.output_padding,
                                                cc.groups);
                         })
                       : bench::best_seconds([&] { at::conv2d(x, w, b, cc.stride, cc.pad, 1, cc.groups); });
        put(std::string(g.key) + "." + std::to_string(i) + th, t);
      }
    }
    {
      auto x = torch::rand({bench::kChainN, bench::kChainN}) * 2 - 1;
      put("chain" + th, bench::best_seconds([&] {
            auto t = x.mul(2).add(1).relu().mul(x).sub(0.5).sigmoid();
          }));
    }
    {
      auto x = torch::rand({bench::kRows, bench::kCols});
      auto w = torch::ones({bench::kCols}), b = torch::zeros({bench::kCols});
      put("softmax" + th, bench::best_seconds([&] { at::softmax(x, 1); }));
      put("layer_norm" + th, bench::best_seconds([&] { at::layer_norm(x, {bench::kCols}, w, b, 1e-5); }));
      auto img = torch::rand({1, 64, 112, 112});
      put("max_pool" + th, bench::best_seconds([&] { at::max_pool2d(img, {3, 3}, {2, 2}, {1, 1}); }));
    }
  }
  return 0;
}
