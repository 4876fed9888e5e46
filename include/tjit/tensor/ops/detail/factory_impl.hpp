// tjit/tensor/ops/detail/factory_impl.hpp — definitions of tjit/tensor/ops/factory.hpp.
#pragma once

#include <cmath>
#include <memory>

#include "tjit/tensor/iterator.hpp"
#include "tjit/tensor/ops/factory.hpp"

namespace tjit {

TJIT_DEF Tensor empty(IntArrayRef sizes, ScalarType dtype) {
  TJIT_TRACE("aten::empty.memory_format", empty(sizes, dtype), sizes, dtype, std::nullopt, kCPU,
      false, std::nullopt);
  return Tensor::empty(sizes, dtype);
}

TJIT_DEF Tensor& fill_(Tensor& t, const Scalar& value) {
  TJIT_TRACE("aten::fill_.Scalar", fill_(t, value), t, value);
  dispatch_all(t.scalar_type(), "fill_", [&](auto tag) {
    using T = decltype(tag);
    T val;
    if (value.is_floating_point()) val = detail::cast_value<T>(value.to_double());
    else if (value.is_bool()) val = detail::cast_value<T>(value.to_bool());
    else val = detail::cast_value<T>(value.to_long());
    detail::strided_loop<1>(
        t.sizes(), {static_cast<char*>(t.data_ptr())}, {t.strides()},
        {static_cast<std::int64_t>(sizeof(T))},
        [val](const std::array<char*, 1>& p, const std::array<std::int64_t, 1>& st, std::int64_t n) {
          if (st[0] == sizeof(T)) {
            T* o = reinterpret_cast<T*>(p[0]);
            for (std::int64_t i = 0; i < n; ++i) o[i] = val;
          } else {
            for (std::int64_t i = 0; i < n; ++i) *reinterpret_cast<T*>(p[0] + i * st[0]) = val;
          }
        });
  });
  return t;
}

TJIT_DEF Tensor& zero_(Tensor& t) {
  TJIT_TRACE("aten::zero_", zero_(t), t);
  return fill_(t, 0);
}

TJIT_DEF Tensor full(IntArrayRef sizes, const Scalar& value, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::full", full(sizes, value, dtype), sizes, value, dtype, std::nullopt, kCPU,
      false);
  ScalarType dt = dtype.value_or(value.is_floating_point() ? default_dtype() : value.type());
  Tensor t = Tensor::empty(sizes, dt);
  return fill_(t, value);
}
TJIT_DEF Tensor zeros(IntArrayRef sizes, ScalarType dtype) {
  TJIT_TRACE("aten::zeros", zeros(sizes, dtype), sizes, dtype, std::nullopt, kCPU, false);
  return full(sizes, 0, dtype);
}
TJIT_DEF Tensor ones(IntArrayRef sizes, ScalarType dtype) {
  TJIT_TRACE("aten::ones", ones(sizes, dtype), sizes, dtype, std::nullopt, kCPU, false);
  return full(sizes, 1, dtype);
}
TJIT_DEF Tensor empty_like(const Tensor& t, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::empty_like", empty_like(t, dtype), t, dtype, std::nullopt, kCPU, false, 0);
  return Tensor::empty(t.sizes(), dtype.value_or(t.scalar_type()));
}
TJIT_DEF Tensor zeros_like(const Tensor& t, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::zeros_like", zeros_like(t, dtype), t, dtype, std::nullopt, kCPU, false, 0);
  return full(t.sizes(), 0, dtype.value_or(t.scalar_type()));
}
TJIT_DEF Tensor ones_like(const Tensor& t, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::ones_like", ones_like(t, dtype), t, dtype, std::nullopt, kCPU, false, 0);
  return full(t.sizes(), 1, dtype.value_or(t.scalar_type()));
}
TJIT_DEF Tensor full_like(const Tensor& t, const Scalar& value, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::full_like", full_like(t, value, dtype), t, value, dtype, std::nullopt, kCPU,
      false, 0);
  return full(t.sizes(), value, dtype.value_or(t.scalar_type()));
}

TJIT_DEF Tensor scalar_tensor(const Scalar& value, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::scalar_tensor", scalar_tensor(value, dtype), value, dtype, std::nullopt, kCPU,
      false);
  return full({}, value, dtype);
}

TJIT_DEF Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
                       std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::arange.start_step", arange(start, end, step, dtype), start, end, step, dtype,
      std::nullopt, kCPU, false);
  bool any_float = start.is_floating_point() || end.is_floating_point() || step.is_floating_point();
  ScalarType dt = dtype.value_or(any_float ? default_dtype() : kLong);
  double s = start.to_double(), e = end.to_double(), st = step.to_double();
  TJIT_CHECK(st != 0, "step must be nonzero");
  TJIT_CHECK(std::isfinite(s) && std::isfinite(e), "unsupported range: ", start, " -> ", end);
  TJIT_CHECK((st > 0 && e >= s) || (st < 0 && e <= s),
             "upper bound and larger bound inconsistent with step sign");
  std::int64_t n;
  if (is_integral_type(dt, true) && !any_float) {
    std::int64_t a = start.to_long(), b = end.to_long(), c = step.to_long();
    n = c > 0 ? (b - a + c - 1) / c : (a - b - c - 1) / (-c);
  } else {
    n = static_cast<std::int64_t>(std::ceil((e - s) / st));
  }
  Tensor t = Tensor::empty({std::max<std::int64_t>(n, 0)}, dt);
  dispatch_numeric(dt, "arange_cpu", [&](auto tag) {
    using T = decltype(tag);
    T* p = t.data_ptr<T>();
    if constexpr (std::is_integral_v<T>) {
      if (!any_float) {
        std::int64_t a = start.to_long(), c = step.to_long();
        for (std::int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(a + i * c);
        return;
      }
    }
    for (std::int64_t i = 0; i < n; ++i)
      p[i] = detail::cast_value<T>(s + static_cast<double>(i) * st);
  });
  return t;
}
TJIT_DEF Tensor arange(const Scalar& end, std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::arange", arange(end, dtype), end, dtype, std::nullopt, kCPU, false);
  return arange(end.is_floating_point() ? Scalar(0.0) : Scalar(0), end, 1, dtype);
}

TJIT_DEF Tensor linspace(const Scalar& start, const Scalar& end, std::int64_t steps,
                         std::optional<ScalarType> dtype) {
  TJIT_TRACE("aten::linspace", linspace(start, end, steps, dtype), start, end, steps, dtype,
      std::nullopt, kCPU, false);
  TJIT_CHECK(steps >= 0, "number of steps must be non-negative");
  ScalarType dt = dtype.value_or(default_dtype());
  Tensor t = Tensor::empty({steps}, dt);
  dispatch_numeric(dt, "linspace_cpu", [&](auto tag) {
    using T = decltype(tag);
    T* p = t.data_ptr<T>();
    if (steps == 1) {
      p[0] = detail::cast_value<T>(start.to_double());
      return;
    }
    // ATen fills the first half forwards from start and the second half backwards from end.
    double a = start.to_double(), b = end.to_double();
    double step = (b - a) / static_cast<double>(steps - 1);
    std::int64_t half = steps / 2;
    for (std::int64_t i = 0; i < steps; ++i) {
      double v = i < half ? a + step * static_cast<double>(i)
                          : b - step * static_cast<double>(steps - i - 1);
      if constexpr (std::is_integral_v<T>) p[i] = static_cast<T>(v);
      else if constexpr (std::is_same_v<T, float>) {
        float fa = static_cast<float>(a), fb = static_cast<float>(b);
        float fstep = (fb - fa) / static_cast<float>(steps - 1);
        p[i] = i < half ? fa + fstep * static_cast<float>(i)
                        : fb - fstep * static_cast<float>(steps - i - 1);
      } else p[i] = detail::cast_value<T>(v);
    }
  });
  return t;
}

TJIT_DEF Tensor eye(std::int64_t n, std::optional<std::int64_t> m, ScalarType dtype) {
  if (m) {
    TJIT_TRACE("aten::eye.m", eye(n, m, dtype), n, *m, dtype, std::nullopt, kCPU, false);
  } else {
    TJIT_TRACE("aten::eye", eye(n, m, dtype), n, dtype, std::nullopt, kCPU, false);
  }
  std::int64_t cols = m.value_or(n);
  TJIT_CHECK(n >= 0, "n must be greater or equal to 0, got ", n);
  TJIT_CHECK(cols >= 0, "m must be greater or equal to 0, got ", cols);
  Tensor t = zeros(Shape{n, cols}, dtype);
  Tensor d = t.diagonal();
  fill_(d, 1);
  return t;
}

// not traced: wraps memory the caller owns (no TorchScript operator; a trace sees a constant)
TJIT_DEF Tensor from_blob(void* data, IntArrayRef sizes, IntArrayRef strides, ScalarType dtype,
                          std::function<void(void*)> deleter) {
  TJIT_CHECK(sizes.size() == strides.size(), "from_blob: sizes and strides differ in length");
  std::int64_t extent = 0;
  bool empty = false;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0) empty = true;
    extent += (sizes[i] - 1) * strides[i];
  }
  std::size_t nbytes = empty ? 0 : static_cast<std::size_t>(extent + 1) * element_size(dtype);
  std::shared_ptr<void> keep;
  if (deleter) keep = std::shared_ptr<void>(data, std::move(deleter));
  return Tensor::from_storage(Storage::wrap(data, nbytes, std::move(keep)), sizes, strides, 0,
                              dtype);
}
// not traced: wraps memory the caller owns (no TorchScript operator; a trace sees a constant)
TJIT_DEF Tensor from_blob(void* data, IntArrayRef sizes, ScalarType dtype,
                          std::function<void(void*)> deleter) {
  Shape st = detail::contiguous_strides(sizes);
  return from_blob(data, sizes, st, dtype, std::move(deleter));
}

}  // namespace tjit
