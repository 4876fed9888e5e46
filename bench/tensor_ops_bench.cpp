// bench/tensor_ops_bench.cpp — the Tensor-level ops (tjit::mm, tjit::linear, tjit::conv2d)
// against the raw kernels they call, in one run: the overhead of the Tensor layer (argument
// checks, shape computation, allocation) should be negligible.
//
//   bazel run -c opt //bench:tensor_ops_bench
//
// Prints the best of several timed runs, 1 thread, and the ratio Tensor-level / raw kernel.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/conv.hpp"
#include "bench/timing.hpp"
#include "tjit/tensor/kernels/gemm.hpp"
#include "tjit/tensor/tensor.hpp"

namespace k = tjit::kernels;

namespace {

tjit::Tensor rand_tensor(tjit::IntArrayRef sizes) {
  tjit::Tensor t = tjit::Tensor::empty(sizes, tjit::kFloat);
  float* p = t.data_ptr<float>();
  unsigned s = 1;
  for (std::int64_t i = 0; i < t.numel(); ++i) {
    s = s * 1664525u + 1013904223u;
    p[i] = static_cast<float>(s >> 8) / 16777216.f - 0.5f;
  }
  return t;
}

void report(const char* name, double flops, double t_tensor, double t_raw) {
  std::printf("  %-34s tensor %8.3f ms %6.1f GF   raw %8.3f ms %6.1f GF   ratio %.3f\n", name,
              t_tensor * 1e3, flops / t_tensor / 1e9, t_raw * 1e3, flops / t_raw / 1e9,
              t_tensor / t_raw);
}

void bench_gemm() {
  std::printf("== sgemm 1024^3\n");
  const std::int64_t n = 1024;
  tjit::Tensor a = rand_tensor({n, n}), b = rand_tensor({n, n});
  tjit::Tensor c = tjit::Tensor::empty({n, n}, tjit::kFloat);
  const double flops = 2.0 * n * n * n;
  const double t_raw = bench::best_seconds([&] {
    k::gemm<float>(false, false, n, n, n, 1.f, a.data_ptr<float>(), n, b.data_ptr<float>(), n,
                   0.f, c.data_ptr<float>(), n);
  });
  report("mm(a, b)", flops, bench::best_seconds([&] { (void)tjit::mm(a, b); }), t_raw);
  report("mm(a, b.t()) (strided operand)", flops, bench::best_seconds([&] { (void)tjit::mm(a, b.t()); }),
         t_raw);
  report("matmul(a, b)", flops, bench::best_seconds([&] { (void)tjit::matmul(a, b); }), t_raw);
  tjit::Tensor x = rand_tensor({1, 512}), w = rand_tensor({1000, 512}), bias = rand_tensor({1000});
  const double lf = 2.0 * 512 * 1000;
  const double t_lraw = bench::best_seconds([&] {
    k::gemm<float>(false, true, 1, 1000, 512, 1.f, x.data_ptr<float>(), 512, w.data_ptr<float>(),
                   512, 0.f, c.data_ptr<float>(), 1000);
  });
  report("linear 1x512 -> 1000 (resnet fc)", lf, bench::best_seconds([&] { (void)tjit::linear(x, w, bias); }),
         t_lraw);
}

void bench_conv() {
  std::printf("== conv2d at resnet18 shapes (batch 1, float)\n");
  struct Shape {
    const char* name;
    std::int64_t cin, h, cout, k, s, p;
  };
  const Shape shapes[] = {{"conv1 3->64 224 k7 s2", 3, 224, 64, 7, 2, 3},
                          {"layer1 64->64 56 k3", 64, 56, 64, 3, 1, 1},
                          {"layer2 64->128 56 k3 s2", 64, 56, 128, 3, 2, 1},
                          {"layer2 down 64->128 56 k1 s2", 64, 56, 128, 1, 2, 0},
                          {"layer2 128->128 28 k3", 128, 28, 128, 3, 1, 1},
                          {"layer3 256->256 14 k3", 256, 14, 256, 3, 1, 1},
                          {"layer4 512->512 7 k3", 512, 7, 512, 3, 1, 1}};
  double tt = 0, tr = 0;
  for (const Shape& s : shapes) {
    tjit::Tensor x = rand_tensor({1, s.cin, s.h, s.h}), w = rand_tensor({s.cout, s.cin, s.k, s.k});
    tjit::Tensor b = rand_tensor({s.cout});
    k::ConvParams p = k::make_conv_params({1, s.cin, s.h, s.h}, {s.cout, s.cin, s.k, s.k}, s.cout,
                                          {s.s}, {s.p}, {1}, 1);
    std::vector<float> y(static_cast<std::size_t>(p.output_numel()));
    const double flops = 2.0 * static_cast<double>(p.output_numel()) * s.cin * s.k * s.k;
    const double t_raw = bench::best_seconds([&] {
      k::convolution<float>(p, x.data_ptr<float>(), w.data_ptr<float>(), b.data_ptr<float>(),
                            y.data());
    });
    const double t = bench::best_seconds([&] { (void)tjit::conv2d(x, w, b, s.s, s.p); });
    report(s.name, flops, t, t_raw);
    tt += t, tr += t_raw;
  }
  std::printf("  %-34s tensor %8.3f ms   raw %8.3f ms   ratio %.3f\n", "total", tt * 1e3,
              tr * 1e3, tt / tr);
}

}  // namespace

int main() {
  tjit::set_num_threads(1);
  std::printf("tjit Tensor-level ops vs the raw kernels (1 thread, best of runs)\n");
  bench_gemm();
  bench_conv();
}
