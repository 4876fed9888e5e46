// bench/kernels_bench.cpp — tjit's compute kernels against hand-written Eigen and libtorch 1.13.
//
//   bazel run --config=bench //bench:kernels_bench -- [--libtorch PATH] [gemm|conv|dw|convt|chain|rows]
//
// PATH is bench/libtorch/out/kernels_libtorch (bench/libtorch/build.sh), run with OpenBLAS on its
// LD_LIBRARY_PATH (bench/run.sh does both): it times the same cases (bench/kernel_cases.hpp) in
// ATen, and every row prints libtorch's time over ours ("lt/tjit": above 1 means tjit is faster).
// GFLOP/s on 1 and 2 threads; the best of several timed runs. Numbers are noisy when other
// processes use the cores (2-thread figures most of all).
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "bench/kernel_cases.hpp"
#include "bench/timing.hpp"
#include "tjit/core/parallel.hpp"
#include "tjit/tensor/kernels/conv.hpp"
#include "tjit/tensor/kernels/gemm.hpp"
#include "tjit/tensor/kernels/norm.hpp"
#include "tjit/tensor/kernels/pool.hpp"
#include "tjit/tensor/kernels/softmax.hpp"
#include "tjit/tensor/ops/elementwise.hpp"
#include "tjit/tensor/ops/nn.hpp"
#include "tjit/tensor/tensor.hpp"

namespace k = tjit::kernels;

namespace {

std::vector<float> random_vec(std::size_t n) {
  static std::mt19937 gen(0);
  std::uniform_real_distribution<float> d(-1, 1);
  std::vector<float> v(n);
  for (auto& x : v) x = d(gen);
  return v;
}

// libtorch's times, `key seconds` lines from bench/libtorch/out/kernels_libtorch.
std::map<std::string, double> libtorch;

void read_libtorch(const std::string& bin) {
  FILE* p = popen((bin + " 2>/dev/null").c_str(), "r");
  if (!p) return;
  char name[128];
  double v;
  while (std::fscanf(p, "%127s %lf", name, &v) == 2) libtorch[name] = v;
  pclose(p);
}

// " lt/tjit 1.23x" for a key libtorch measured, "" otherwise.
std::string vs_libtorch(const std::string& key, double ours) {
  auto it = libtorch.find(key);
  if (it == libtorch.end()) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "  lt %8.3f ms %5.2fx", it->second * 1e3, it->second / ours);
  return buf;
}

void bench_gemm() {
  const int n = bench::kGemmN;
  const double flops = 2.0 * n * n * n;
  std::printf("== sgemm %d^3 (row-major C = A*B); lt = libtorch at::mm (OpenBLAS), lt/tjit > 1: tjit faster\n", n);
  Eigen::MatrixXf A = Eigen::MatrixXf::Random(n, n), B = Eigen::MatrixXf::Random(n, n), C(n, n);
  tjit::set_num_threads(1);
  const double t_eigen = bench::best_seconds([&] { C.noalias() = A * B; });
  std::printf("  raw Eigen, 1 thread      %7.2f ms  %6.1f GFLOP/s\n", t_eigen * 1e3,
              flops / t_eigen / 1e9);
  auto a = random_vec(n * n), b = random_vec(n * n), c = random_vec(n * n);
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    const double t = bench::best_seconds([&] {
      k::gemm<float>(false, false, n, n, n, 1.f, a.data(), n, b.data(), n, 0.f, c.data(), n);
    });
    std::printf("  tjit gemm, %d thread%s     %7.2f ms  %6.1f GFLOP/s  (Eigen 1 thread / tjit %.2fx)%s\n",
                threads, threads > 1 ? "s" : " ", t * 1e3, flops / t / 1e9, t_eigen / t,
                vs_libtorch("gemm." + std::to_string(threads), t).c_str());
  }
}

void bench_convs(const bench::ConvGroup& group) {
  std::printf("== %s (batch 1, float); lt = libtorch (oneDNN)\n", group.title);
  std::printf("  %-26s %8s %40s %40s\n", "shape", "MFLOP", "1 thread", "2 threads");
  double total_flops = 0, total_t[2] = {0, 0}, total_lt[2] = {0, 0};
  for (std::size_t i = 0; i < group.cases.size(); ++i) {
    const auto& cc = group.cases[i];
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
    std::printf("  %-26s %8.1f", cc.name, flops / 1e6);
    for (int threads : {1, 2}) {
      tjit::set_num_threads(threads);
      const double t =
          bench::best_seconds([&] { k::convolution<float>(p, x.data(), w.data(), b.data(), y.data()); });
      total_t[threads - 1] += t;
      const std::string key =
          std::string(group.key) + "." + std::to_string(i) + "." + std::to_string(threads);
      if (libtorch.count(key)) total_lt[threads - 1] += libtorch[key];
      std::printf("  %7.3f ms %5.0f GF%s", t * 1e3, flops / t / 1e9,
                  vs_libtorch(key, t).c_str());
    }
    std::printf("\n");
  }
  std::printf("  %-26s %8.1f", "total (each shape once)", total_flops / 1e6);
  for (int threads : {1, 2}) {
    std::printf("  %7.3f ms %5.0f GF", total_t[threads - 1] * 1e3,
                total_flops / total_t[threads - 1] / 1e9);
    if (total_lt[threads - 1] > 0)
      std::printf("  lt %8.3f ms %5.2fx", total_lt[threads - 1] * 1e3,
                  total_lt[threads - 1] / total_t[threads - 1]);
  }
  std::printf("\n");
}

// The elementwise chain of bench/kernel_cases.hpp through the tensor layer (one kernel and one
// intermediate tensor per op, as libtorch runs it eagerly) against one fused Eigen expression.
void bench_chain() {
  const std::int64_t n = bench::kChainN;
  std::printf("== elementwise chain sigmoid(relu(x*2+1)*x-0.5) on %lldx%lld float (6 ops)\n",
              static_cast<long long>(n), static_cast<long long>(n));
  auto data = random_vec(static_cast<std::size_t>(n * n));
  tjit::Tensor x = tjit::Tensor::empty({n, n}, tjit::kFloat);
  std::memcpy(x.data_ptr(), data.data(), data.size() * sizeof(float));
  std::vector<float> out(data.size());
  Eigen::Map<const Eigen::ArrayXf> xa(data.data(), n * n);
  Eigen::Map<Eigen::ArrayXf> oa(out.data(), n * n);
  tjit::set_num_threads(1);
  const double t_eigen = bench::best_seconds([&] {
    oa = 1.f / (1.f + (-(((xa * 2.f + 1.f).max(0.f) * xa) - 0.5f)).exp());
  });
  std::printf("  hand-written Eigen (one fused pass), 1 thread  %7.3f ms\n", t_eigen * 1e3);
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    tjit::Tensor y;
    const double t = bench::best_seconds([&] {
      y = tjit::sigmoid(tjit::sub(tjit::mul(tjit::relu(tjit::add(tjit::mul(x, 2), 1)), x), 0.5));
    });
    std::printf("  tjit tensor ops, %d thread%s  %7.3f ms  (fused Eigen / tjit %.2fx)%s\n", threads,
                threads > 1 ? "s" : " ", t * 1e3, t_eigen / t,
                vs_libtorch("chain." + std::to_string(threads), t).c_str());
    const float* yp = static_cast<const float*>(y.data_ptr());
    double err = 0;
    for (std::size_t i = 0; i < data.size(); ++i)
      err = std::max(err, static_cast<double>(std::abs(yp[i] - bench::chain_reference(data[i]))));
    if (err > 1e-5) std::printf("  WARNING: the chain's result differs by %g\n", err);
  }
}

// Small row-wise ops (the transformer-sized ones of the issue) against a hand-written Eigen loop.
void bench_rows() {
  const k::index_t rows = bench::kRows, cols = bench::kCols;
  std::printf("== softmax / layer_norm on %lldx%lld (float), 1 thread\n",
              static_cast<long long>(rows), static_cast<long long>(cols));
  tjit::set_num_threads(1);
  auto x = random_vec(static_cast<std::size_t>(rows * cols));
  std::vector<float> y(x.size()), w(static_cast<std::size_t>(cols), 1.f), b(w.size(), 0.f);
  const double t_sm = bench::best_seconds([&] { k::softmax<float>(rows, cols, 1, x.data(), y.data()); });
  const double t_eigen = bench::best_seconds([&] {
    Eigen::Map<const Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> a(
        x.data(), rows, cols);
    Eigen::Map<Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> o(
        y.data(), rows, cols);
    o = (a.colwise() - a.rowwise().maxCoeff()).exp();
    o.colwise() /= o.rowwise().sum();
  });
  std::printf("  softmax      %8.2f us   (hand-written Eigen %8.2f us)%s\n", t_sm * 1e6,
              t_eigen * 1e6, vs_libtorch("softmax.1", t_sm).c_str());
  const double t_ln = bench::best_seconds([&] {
    k::layer_norm<float>(rows, cols, x.data(), w.data(), b.data(), 1e-5, y.data(), nullptr,
                         nullptr);
  });
  std::printf("  layer_norm   %8.2f us%s\n", t_ln * 1e6, vs_libtorch("layer_norm.1", t_ln).c_str());
  k::PoolParams p;
  p.batch = 1, p.channels = 64, p.input = {112, 112}, p.kernel = {3, 3}, p.stride = {2, 2};
  p.padding = {1, 1};
  auto img = random_vec(static_cast<std::size_t>(64 * 112 * 112));
  std::vector<float> pooled(static_cast<std::size_t>(p.output_numel()));
  for (int threads : {1, 2}) {
    tjit::set_num_threads(threads);
    const double t = bench::best_seconds([&] { k::max_pool<float>(p, img.data(), pooled.data(), nullptr); });
    std::printf("  max_pool 3x3/2 1x64x112x112 (resnet18), %d thread%s: %8.2f us%s\n", threads,
                threads > 1 ? "s" : "", t * 1e6,
                vs_libtorch("max_pool." + std::to_string(threads), t).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string only;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--libtorch") == 0 && i + 1 < argc) {
      read_libtorch(argv[++i]);
      if (libtorch.empty()) std::printf("(libtorch side printed nothing: not compared)\n");
    } else {
      only = argv[i];
    }
  }
  if (only.empty() || only == "gemm") bench_gemm();
  for (const auto& g : bench::conv_groups())
    if (only.empty() || only == g.key) bench_convs(g);
  if (only.empty() || only == "chain") bench_chain();
  if (only.empty() || only == "rows") bench_rows();
  return 0;
}
