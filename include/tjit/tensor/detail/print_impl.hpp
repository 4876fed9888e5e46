// tjit/tensor/detail/print_impl.hpp — definitions of tjit/tensor/print.hpp, following
// torch/_tensor_str.py (PyTorch 1.13) rule by rule.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "tjit/tensor/ops/copy.hpp"
#include "tjit/tensor/print.hpp"

namespace tjit {
namespace detail {

inline std::string printf_str(const char* fmt, int width, int precision, double v) {
  char buf[512];
  if (width >= 0) std::snprintf(buf, sizeof buf, fmt, width, precision, v);
  else std::snprintf(buf, sizeof buf, fmt, precision, v);
  return buf;
}

// Python's "{:.Nf}" / "{:.Ne}" for finite values; "inf", "-inf", "nan" otherwise.
inline std::string py_fixed(double v, int precision) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return printf_str("%.*f", -1, precision, v);
}
inline std::string py_sci(double v, int precision) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return printf_str("%.*e", -1, precision, v);
}

class TensorFormatter {
 public:
  TensorFormatter(const std::vector<double>& values, bool floating, bool is_bool, int precision)
      : floating_(floating), bool_(is_bool), precision_(precision) {
    if (!floating_) {
      for (double v : values) max_width_ = std::max(max_width_, plain(v).size());
      return;
    }
    std::vector<double> nz;
    for (double v : values)
      if (std::isfinite(v) && v != 0) nz.push_back(v);
    if (nz.empty()) return;
    double mn = INFINITY, mx = 0;
    for (double v : nz) {
      mn = std::min(mn, std::abs(v));
      mx = std::max(mx, std::abs(v));
    }
    for (double v : nz)
      if (v != std::ceil(v)) {
        int_mode_ = false;
        break;
      }
    if (int_mode_) {
      if (mx / mn > 1000.0 || mx > 1.0e8) {
        sci_mode_ = true;
        for (double v : nz) max_width_ = std::max(max_width_, py_sci(v, precision_).size());
      } else {
        for (double v : nz) max_width_ = std::max(max_width_, py_fixed(v, 0).size() + 1);
      }
    } else if (mx / mn > 1000.0 || mx > 1.0e8 || mn < 1.0e-4) {
      sci_mode_ = true;
      for (double v : nz) max_width_ = std::max(max_width_, py_sci(v, precision_).size());
    } else {
      for (double v : nz) max_width_ = std::max(max_width_, py_fixed(v, precision_).size());
    }
  }

  std::size_t width() const { return max_width_; }

  std::string format(double v) const {
    std::string s;
    if (floating_) {
      if (sci_mode_) {
        s = py_sci(v, precision_);
      } else if (int_mode_) {
        s = py_fixed(v, 0);
        if (std::isfinite(v)) s += ".";
      } else {
        s = py_fixed(v, precision_);
      }
    } else {
      s = plain(v);
    }
    if (s.size() < max_width_) s.insert(0, max_width_ - s.size(), ' ');
    return s;
  }

 private:
  std::string plain(double v) const {
    if (bool_) return v != 0 ? "True" : "False";
    return std::to_string(static_cast<long long>(v));
  }

  bool floating_, bool_;
  int precision_;
  bool int_mode_ = true;
  bool sci_mode_ = false;
  std::size_t max_width_ = 1;
};

inline Tensor summarized(const Tensor& t, std::int64_t edge) {
  if (t.dim() == 0) return t;
  std::int64_t n = t.size(0);
  std::vector<Tensor> parts;
  auto collect = [&](std::int64_t i) {
    parts.push_back(t.dim() == 1 ? t.slice(0, i, i + 1) : summarized(t.select(0, i), edge).unsqueeze(0));
  };
  if (n > 2 * edge) {
    for (std::int64_t i = 0; i < edge; ++i) collect(i);
    for (std::int64_t i = n - edge; i < n; ++i) collect(i);
  } else {
    for (std::int64_t i = 0; i < n; ++i) collect(i);
  }
  // Concatenate along dim 0 (views of one dtype; small).
  Shape sz(parts[0].sizes().begin(), parts[0].sizes().end());
  sz[0] = 0;
  for (auto& p : parts) sz[0] += p.size(0);
  Tensor out = Tensor::empty(sz, t.scalar_type());
  std::int64_t at = 0;
  for (auto& p : parts) {
    Tensor dst = out.narrow(0, at, p.size(0));
    copy_(dst, p);
    at += p.size(0);
  }
  return out;
}

inline std::vector<double> flat_values(const Tensor& t) {
  Tensor c = clone(t, kDouble);
  const double* p = c.data_ptr<double>();
  return std::vector<double>(p, p + c.numel());
}

inline std::string vector_str(const Tensor& t, std::int64_t indent, bool summarize,
                              const TensorFormatter& fmt, const PrintOptions& o) {
  std::size_t element_length = fmt.width() + 2;
  std::int64_t per_line = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::floor(static_cast<double>(o.linewidth - indent) /
                                               static_cast<double>(element_length))));
  std::vector<std::string> data;
  std::vector<double> vals = flat_values(t);
  std::int64_t n = t.size(0);
  if (summarize && o.edgeitems == 0) {
    data.push_back("...");
  } else if (summarize && n > 2 * o.edgeitems) {
    for (std::int64_t i = 0; i < o.edgeitems; ++i) data.push_back(fmt.format(vals[static_cast<std::size_t>(i)]));
    data.push_back(" ...");
    for (std::int64_t i = n - o.edgeitems; i < n; ++i) data.push_back(fmt.format(vals[static_cast<std::size_t>(i)]));
  } else {
    for (double v : vals) data.push_back(fmt.format(v));
  }
  std::string out = "[";
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (i > 0) {
      if (i % static_cast<std::size_t>(per_line) == 0) out += ",\n" + std::string(static_cast<std::size_t>(indent + 1), ' ');
      else out += ", ";
    }
    out += data[i];
  }
  return out + "]";
}

inline std::string tensor_str(const Tensor& t, std::int64_t indent, bool summarize,
                              const TensorFormatter& fmt, const PrintOptions& o) {
  if (t.dim() == 0) return fmt.format(flat_values(t)[0]);
  if (t.dim() == 1) return vector_str(t, indent, summarize, fmt, o);
  std::vector<std::string> slices;
  std::int64_t n = t.size(0);
  if (summarize && n > 2 * o.edgeitems) {
    for (std::int64_t i = 0; i < o.edgeitems; ++i)
      slices.push_back(tensor_str(t.select(0, i), indent + 1, summarize, fmt, o));
    slices.push_back("...");
    for (std::int64_t i = n - o.edgeitems; i < n; ++i)
      slices.push_back(tensor_str(t.select(0, i), indent + 1, summarize, fmt, o));
  } else {
    for (std::int64_t i = 0; i < n; ++i)
      slices.push_back(tensor_str(t.select(0, i), indent + 1, summarize, fmt, o));
  }
  std::string sep = "," + std::string(static_cast<std::size_t>(t.dim() - 1), '\n') +
                    std::string(static_cast<std::size_t>(indent + 1), ' ');
  std::string out = "[";
  for (std::size_t i = 0; i < slices.size(); ++i) out += (i ? sep : "") + slices[i];
  return out + "]";
}

}  // namespace detail

TJIT_DEF std::string to_string(const Tensor& t, const PrintOptions& o) {
  if (!t.defined()) return "None";
  const std::string prefix = "tensor(";
  const std::int64_t indent = static_cast<std::int64_t>(prefix.size());
  std::vector<std::string> suffixes;
  ScalarType dt = t.scalar_type();
  bool default_dtype_shown = dt == default_dtype() || dt == kLong || dt == kBool;
  std::string body;
  if (t.numel() == 0) {
    if (t.dim() != 1) {
      std::string s = "size=(";
      for (std::size_t i = 0; i < t.sizes().size(); ++i)
        s += (i ? ", " : "") + std::to_string(t.sizes()[i]);
      suffixes.push_back(s + ")");
    }
    if (dt != default_dtype()) suffixes.push_back("dtype=" + std::string(python_name(dt)));
    body = "[]";
  } else {
    if (!default_dtype_shown) suffixes.push_back("dtype=" + std::string(python_name(dt)));
    bool summarize = t.numel() > o.threshold;
    Tensor shown = (dt == kHalf || dt == kBFloat16) ? clone(t, kFloat) : t;
    std::vector<double> vals =
        detail::flat_values(summarize ? detail::summarized(shown, o.edgeitems) : shown);
    detail::TensorFormatter fmt(vals, is_floating_type(dt), dt == kBool, o.precision);
    body = detail::tensor_str(shown, indent, summarize, fmt, o);
  }
  if (t.requires_grad()) suffixes.push_back("requires_grad=True");
  std::string out = prefix + body;
  // As Python computes it: len(s) - s.rfind("\n") + 1, with rfind -1 when there is no newline.
  std::size_t nl = out.rfind('\n');
  std::int64_t last_line_len = static_cast<std::int64_t>(out.size()) -
                               (nl == std::string::npos ? -1 : static_cast<std::int64_t>(nl)) + 1;
  for (const std::string& s : suffixes) {
    auto len = static_cast<std::int64_t>(s.size());
    if (last_line_len + len + 2 > o.linewidth) {
      out += ",\n" + std::string(static_cast<std::size_t>(indent), ' ') + s;
      last_line_len = indent + len;
    } else {
      out += ", " + s;
      last_line_len += len + 2;
    }
  }
  return out + ")";
}

}  // namespace tjit
