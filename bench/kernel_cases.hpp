// bench/kernel_cases.hpp — the kernel benchmark's cases, shared by tjit's side
// (bench/kernels_bench.cpp) and libtorch's (bench/libtorch/kernels_libtorch.cpp) so both time
// exactly the same shapes. Plain data: no tjit or libtorch headers.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace bench {

struct ConvCase {
  const char* name;
  std::int64_t cin, h, cout, kernel, stride, pad, groups;
  bool transposed = false;
  std::int64_t output_padding = 0;
};

struct ConvGroup {
  const char* key;    // "conv", "dw", "convt": the result keys are key.index.threads
  const char* title;
  std::vector<ConvCase> cases;
};

inline const std::vector<ConvGroup>& conv_groups() {
  static const std::vector<ConvGroup> groups = {
      {"conv",
       "conv2d at resnet18's shapes",
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
       }},
      {"dw",
       "depthwise 3x3 at mobilenet_v2's shapes",
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
       }},
      {"convt",
       "transposed conv2d (decoder shapes)",
       {
           {"T 256->128 4x4/2 14->28", 256, 14, 128, 4, 2, 1, 1, true, 0},
           {"T 128->64 3x3/2 28->56", 128, 28, 64, 3, 2, 1, 1, true, 1},
       }},
  };
  return groups;
}

constexpr int kGemmN = 1024;
constexpr std::int64_t kRows = 64, kCols = 256;  // softmax / layer_norm
constexpr std::int64_t kChainN = 1000;           // elementwise chain on kChainN x kChainN
// The elementwise chain, as every side runs it: y = sigmoid(relu(x * 2 + 1) * x - 0.5), six
// ops (mul, add, relu, mul, sub, sigmoid) with an intermediate tensor after each.
inline float chain_reference(float x) {
  float t = x * 2.f + 1.f;
  t = t > 0.f ? t : 0.f;
  t = t * x - 0.5f;
  return 1.f / (1.f + std::exp(-t));
}

}  // namespace bench
