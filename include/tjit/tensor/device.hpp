// tjit/tensor/device.hpp — tjit::Device. tjit computes on the CPU only; the type exists so that
// archives naming `cpu` and code asking `x.device` keep working, and so that asking for another
// device fails with a clear message.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "tjit/core/error.hpp"

namespace tjit {

enum class DeviceType : std::int8_t { CPU = 0, CUDA = 1, Meta = 2 };

class Device {
 public:
  constexpr Device(DeviceType type = DeviceType::CPU, std::int8_t index = -1) noexcept
      : type_(type), index_(index) {}

  // Parses "cpu", "cpu:0", "cuda", "cuda:1", "meta", as torch.device does.
  explicit Device(std::string_view spec) {
    auto colon = spec.find(':');
    std::string_view kind = spec.substr(0, colon);
    if (kind == "cpu") type_ = DeviceType::CPU;
    else if (kind == "cuda") type_ = DeviceType::CUDA;
    else if (kind == "meta") type_ = DeviceType::Meta;
    else
      throw Error(detail::str_cat(
          "Expected one of cpu, cuda, meta device type at start of device string: ", spec));
    if (colon != std::string_view::npos) {
      std::string_view idx = spec.substr(colon + 1);
      int v = 0;
      TJIT_CHECK(!idx.empty() && idx.size() < 4, "Invalid device string: '", spec, "'");
      for (char c : idx) {
        TJIT_CHECK(c >= '0' && c <= '9', "Invalid device string: '", spec, "'");
        v = v * 10 + (c - '0');
      }
      index_ = static_cast<std::int8_t>(v);
    }
  }

  DeviceType type() const noexcept { return type_; }
  std::int8_t index() const noexcept { return index_; }
  bool has_index() const noexcept { return index_ >= 0; }
  bool is_cpu() const noexcept { return type_ == DeviceType::CPU; }
  bool is_cuda() const noexcept { return type_ == DeviceType::CUDA; }

  std::string str() const {
    std::string s = type_ == DeviceType::CPU ? "cpu" : type_ == DeviceType::CUDA ? "cuda" : "meta";
    if (has_index()) s += ":" + std::to_string(index_);
    return s;
  }

  friend bool operator==(const Device& a, const Device& b) noexcept {
    return a.type_ == b.type_ && a.index_ == b.index_;
  }
  friend std::ostream& operator<<(std::ostream& out, const Device& d) { return out << d.str(); }

 private:
  DeviceType type_ = DeviceType::CPU;
  std::int8_t index_ = -1;
};

inline constexpr Device kCPU{DeviceType::CPU};

}  // namespace tjit
