// bench/kernels_bench.cpp — tjit's compute kernels against raw Eigen and the machine's FMA peak.
//
//   bazel run //bench:kernels_bench            (all)     ... -- gemm | conv | dw | convt | rows  (one group)
//
// Prints GFLOP/s and the share of the FMA peak (40 GFLOP/s per core on this project's machines,
// see ../shared/notes/perf-anchors.md) on 1 and 2 threads; the best of several timed runs.
// Numbers are noisy when other processes use the cores (2-thread figures most of all).
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/conv.hpp"
#include "tjit/tensor/kernels/gemm.hpp"
#include "tjit/tensor/kernels/norm.hpp"
#include "tjit/tensor/kernels/pool.hpp"
#include "tjit/tensor/kernels/softmax.hpp"

namespace k = tjit::kernels;

namespace {

constexpr double kPeakPerCore = 40.0;  // GFLOP/s

// Seconds per call: the best of runs totalling at least ~0.4 s (at least 7 runs). The best, not
// the median, because the machine is shared: other processes only ever make a run slower.
template <class F>
double time_it(F&& f) {
  f();  // warm-up
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

std::vector<float> random_vec(std::size_t n) {
  static std::mt19937 gen(0);
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> v(n);
  for (auto& x : v) x = d(gen);
  return v;
}

void bench_gemm() {
  const int n = 1024;
  const double flops = 2.0 * n * n * n;
  std::printf("== sgemm %d^3 (row-major C = A*B)\n", n);
  Eigen::MatrixXf A = Eigen::MatrixXf::Random(n, n), B = Eigen::MatrixXf::Random(n, n), C(n, n);
  const double t_eigen = time_it([&] { C.noalias() = A * B; });
  std::printf("  raw Eigen, 1 thread      %7.2f ms  %6.1f GFLOP/s  %5.1f%% of peak\n",
              t_eigen * 1e3, flops / t_eigen / 1e9, flops / t_eigen / 1e9 / kPeakPerCore * 100);
  auto a = random_vec(n * n), b = random_vec(n * n), c = random_vec(n * n);
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    const double t = time_it([&] {
      k::gemm<float>(false, false, n, n, n, 1.f, a.data(), n, b.data(), n, 0.f, c.data(), n);
    });
    std::printf("  tjit gemm, %d thread%s     %7.2f ms  %6.1f GFLOP/s  %5.1f%% of peak  "
                "(raw Eigen 1 thread / tjit: %.2fx)\n",
                threads, threads > 1 ? "s" : " ", t * 1e3, flops / t / 1e9,
                flops / t / 1e9 / (kPeakPerCore * threads) * 100, t_eigen / t);
  }
}

struct ConvCase {
  const char* name;
  k::index_t cin, h, cout, kernel, stride, pad, groups;
  bool transposed = false;
  k::index_t output_padding = 0;
};

void bench_convs(const char* title, const std::vector<ConvCase>& cases) {
  std::printf("== %s (batch 1, float)\n", title);
  std::printf("  %-28s %10s %22s %22s\n", "shape", "MFLOP", "1 thread", "2 threads");
  double total_flops = 0, total_t[2] = {0, 0};
  for (const auto& cc : cases) {
    k::ConvParams p;
    p.dims = 2;
    p.batch = 1, p.in_channels = cc.cin, p.out_channels = cc.cout, p.groups = cc.groups;
    p.input = {cc.h, cc.h, 1}, p.kernel = {cc.kernel, cc.kernel, 1};
    p.stride = {cc.stride, cc.stride, 1}, p.padding = {cc.pad, cc.pad, 1};
    p.padding[2] = 0;
    p.transposed = cc.transposed;
    p.output_padding = {cc.output_padding, cc.output_padding, 0};
    k::check_conv(p, cc.cout);
    auto x = random_vec(static_cast<std::size_t>(p.input_numel()));
    auto w = random_vec(static_cast<std::size_t>(p.weight_numel()));
    auto b = random_vec(static_cast<std::size_t>(p.out_channels));
    std::vector<float> y(static_cast<std::size_t>(p.output_numel()));
    // Multiply-adds: each (input or output) pixel of the "small" side times the kernel volume.
    const double flops = cc.transposed
                             ? 2.0 * static_cast<double>(p.input_numel()) *
                                   static_cast<double>(cc.cout / cc.groups * cc.kernel * cc.kernel)
                             : 2.0 * static_cast<double>(p.output_numel()) *
                                   static_cast<double>(cc.cin / cc.groups * cc.kernel * cc.kernel);
    total_flops += flops;
    std::printf("  %-28s %10.1f", cc.name, flops / 1e6);
    for (int threads : {1, 2}) {
      tjit::set_num_threads(threads);
      const double t =
          time_it([&] { k::convolution<float>(p, x.data(), w.data(), b.data(), y.data()); });
      total_t[threads - 1] += t;
      std::printf("  %7.3f ms %5.1f GF %3.0f%%", t * 1e3, flops / t / 1e9,
                  flops / t / 1e9 / (kPeakPerCore * threads) * 100);
    }
    std::printf("\n");
  }
  std::printf("  %-28s %10.1f", "total (each shape once)", total_flops / 1e6);
  for (int threads : {1, 2})
    std::printf("  %7.3f ms %5.1f GF %3.0f%%", total_t[threads - 1] * 1e3,
                total_flops / total_t[threads - 1] / 1e9,
                total_flops / total_t[threads - 1] / 1e9 / (kPeakPerCore * threads) * 100);
  std::printf("\n");
}

// Small row-wise ops (the transformer-sized ones of the issue) against a hand-written Eigen loop.
void bench_rows() {
  const k::index_t rows = 64, cols = 256;
  std::printf("== softmax / layer_norm on %lldx%lld (float), 1 thread\n",
              static_cast<long long>(rows), static_cast<long long>(cols));
  tjit::set_num_threads(1);
  auto x = random_vec(static_cast<std::size_t>(rows * cols));
  std::vector<float> y(x.size()), w(static_cast<std::size_t>(cols), 1.f), b(w.size(), 0.f);
  const double t_sm = time_it([&] { k::softmax<float>(rows, cols, 1, x.data(), y.data()); });
  const double t_eigen = time_it([&] {
    Eigen::Map<const Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> a(
        x.data(), rows, cols);
    Eigen::Map<Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> o(
        y.data(), rows, cols);
    o = (a.colwise() - a.rowwise().maxCoeff()).exp();
    o.colwise() /= o.rowwise().sum();
  });
  std::printf("  softmax      %8.2f us   (hand-written Eigen %8.2f us)\n", t_sm * 1e6,
              t_eigen * 1e6);
  const double t_ln = time_it([&] {
    k::layer_norm<float>(rows, cols, x.data(), w.data(), b.data(), 1e-5, y.data(), nullptr,
                         nullptr);
  });
  std::printf("  layer_norm   %8.2f us\n", t_ln * 1e6);
  k::PoolParams p;
  p.batch = 1, p.channels = 64, p.input = {112, 112}, p.kernel = {3, 3}, p.stride = {2, 2};
  p.padding = {1, 1};
  auto img = random_vec(static_cast<std::size_t>(64 * 112 * 112));
  std::vector<float> pooled(static_cast<std::size_t>(p.output_numel()));
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    const double t = time_it([&] { k::max_pool<float>(p, img.data(), pooled.data(), nullptr); });
    std::printf("  max_pool 3x3/2 1x64x112x112 (resnet18), %d thread%s: %8.2f us\n", threads,
                threads > 1 ? "s" : "", t * 1e6);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  if (only.empty() || only == "gemm") bench_gemm();
  if (only.empty() || only == "conv")
    bench_convs("conv2d at resnet18's shapes",
                {
                    {"stem 3->64 7x7/2 224", 3, 224, 64, 7, 2, 3, 1},
                    {"64->64 3x3 56", 64, 56, 64, 3, 1, 1, 1},
                    {"64->128 3x3/2 56", 64, 56, 128, 3, 2, 1, 1},
                    {"128->128 3x3 28", 128, 28, 128, 3, 1, 1, 1},
                    {"128->256 3x3/2 28", 128, 28, 256, 3, 2, 1, 1},
                    {"256->256 3x3 14", 256, 14, 256, 3, 1, 1, 1},
                    {"256->512 3x3/2 14", 256, 14, 512, 3, 2, 1, 1},
                    {"512->512 3x3 7", 512, 7, 512, 3, 1, 1, 1},
                    {"down 64->128 1x1/2 56", 64, 56, 128, 1, 2, 0, 1},
                    {"down 128->256 1x1/2 28", 128, 28, 256, 1, 2, 0, 1},
                    {"down 256->512 1x1/2 14", 256, 14, 512, 1, 2, 0, 1},
                });
  if (only.empty() || only == "dw")
    bench_convs("depthwise 3x3 at mobilenet_v2's shapes",
                {
                    {"dw 32 112 s1", 32, 112, 32, 3, 1, 1, 32},
                    {"dw 96 112 s2", 96, 112, 96, 3, 2, 1, 96},
                    {"dw 144 56 s1", 144, 56, 144, 3, 1, 1, 144},
                    {"dw 144 56 s2", 144, 56, 144, 3, 2, 1, 144},
                    {"dw 192 28 s1", 192, 28, 192, 3, 1, 1, 192},
                    {"dw 192 28 s2", 192, 28, 192, 3, 2, 1, 192},
                    {"dw 384 14 s1", 384, 14, 384, 3, 1, 1, 384},
                    {"dw 576 14 s1", 576, 14, 576, 3, 1, 1, 576},
                    {"dw 576 14 s2", 576, 14, 576, 3, 2, 1, 576},
                    {"dw 960 7 s1", 960, 7, 960, 3, 1, 1, 960},
                    {"pw 32->16 1x1 112", 32, 112, 16, 1, 1, 0, 1},
                    {"pw 144->24 1x1 56", 144, 56, 24, 1, 1, 0, 1},
                });
  if (only.empty() || only == "convt")
    bench_convs("transposed conv2d (decoder shapes)",
                {
                    {"T 256->128 4x4/2 14->28", 256, 14, 128, 4, 2, 1, 1, true, 0},
                    {"T 128->64 3x3/2 28->56", 128, 28, 64, 3, 2, 1, 1, true, 1},
                });
  if (only.empty() || only == "rows") bench_rows();
  return 0;
}
