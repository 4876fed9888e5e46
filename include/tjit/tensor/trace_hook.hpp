// tjit/tensor/trace_hook.hpp — the one hook through which the tracer (tjit/trace/) sees the
// kernels a C++ function runs. Every public op of the tensor layer starts with
//
//   Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
//     TJIT_TRACE("aten::add.Tensor", add(a, b, alpha), a, b, alpha);
//     ...                                    // the kernel, as when nothing traces
//   }
//
// naming the operator's schema (overload included) and passing its arguments in the schema's
// order. When no trace is active this costs one thread-local load and a not-taken branch. When
// one is, the op runs once more with the hook suspended (so the ops it calls internally are not
// recorded: PyTorch records the outermost op too) and the recorder gets the schema, the
// arguments and the results.
//
// The tensor layer knows nothing of graphs: a Recorder is an interface, implemented by
// tjit::trace::TracingState. Arguments are described by `Arg`, which points at the caller's
// objects (valid only during the `record` call).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "tjit/core/array_ref.hpp"
#include "tjit/tensor/device.hpp"
#include "tjit/tensor/scalar.hpp"
#include "tjit/tensor/scalar_type.hpp"

namespace tjit {
class Tensor;
}

namespace tjit::tracing {

enum class ArgKind : std::uint8_t {
  None,                // an absent optional or an undefined `Tensor?`
  Tensor,              // p: const Tensor*
  TensorList,          // p: const Tensor*, n elements
  OptionalTensorList,  // p: const std::optional<Tensor>*, n elements
  Scalar,              // p: const Scalar*
  Int,                 // i
  Float,               // f
  Bool,                // i (0 or 1)
  IntList,             // p: const std::int64_t*, n elements
  FloatList,           // p: const double*, n elements
  String,              // p: const char*, n characters
  Dtype,               // i: the ScalarType's code (TorchScript passes dtypes as ints)
  Device,              // i: the DeviceType, f unused
};

struct Arg {
  ArgKind kind = ArgKind::None;
  std::int64_t i = 0;
  double f = 0;
  const void* p = nullptr;
  std::size_t n = 0;
};

// How a tensor's data left the trace into C++ values the graph cannot follow.
enum class DataRead : std::uint8_t { Item, DataPtr };

class Recorder {
 public:
  // An op ran: `op` is its schema name with overload ("aten::add.Tensor"), `inputs` its
  // arguments in schema order, `outputs` its results. Called with the hook suspended.
  virtual void record(std::string_view op, std::span<const Arg> inputs,
                      std::span<const Arg> outputs) = 0;
  // C++ code at `where` read a tensor's values (item(), a data pointer): the trace will treat
  // what it computed from them as constants.
  virtual void data_read(const Tensor& t, DataRead how, const std::source_location& where) = 0;

 protected:
  ~Recorder() = default;
};

// The recorder of the trace running on this thread, or null.
inline constinit thread_local Recorder* current_recorder = nullptr;

// Runs a scope with the hook off (the recorder's own work, printing, ...).
class Suspend {
 public:
  Suspend() noexcept : saved_(current_recorder) { current_recorder = nullptr; }
  ~Suspend() { current_recorder = saved_; }
  Suspend(const Suspend&) = delete;
  Suspend& operator=(const Suspend&) = delete;

 private:
  Recorder* saved_;
};

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_array_ref : std::false_type {};
template <class T>
struct is_array_ref<ArrayRef<T>> : std::true_type {};
template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};

template <class E>
Arg list_arg(const E* data, std::size_t n) {
  Arg a;
  a.p = data;
  a.n = n;
  if constexpr (std::is_same_v<E, Tensor>) {
    a.kind = ArgKind::TensorList;
  } else if constexpr (std::is_same_v<E, std::optional<Tensor>>) {
    a.kind = ArgKind::OptionalTensorList;
  } else if constexpr (std::is_same_v<E, std::int64_t>) {
    a.kind = ArgKind::IntList;
  } else if constexpr (std::is_same_v<E, double>) {
    a.kind = ArgKind::FloatList;
  } else {
    static_assert(sizeof(E) == 0, "TJIT_TRACE: no tracer argument for this list type");
  }
  return a;
}

}  // namespace detail

// The description of one argument or result. (A template so that Tensor may be incomplete
// where this header is included.)
template <class T>
Arg to_arg(const T& v) {
  Arg a;
  if constexpr (std::is_same_v<T, Tensor>) {
    if (v.defined()) {
      a.kind = ArgKind::Tensor;
      a.p = &v;
    }
  } else if constexpr (detail::is_optional<T>::value) {
    if (v) return to_arg(*v);
  } else if constexpr (std::is_same_v<T, std::nullopt_t>) {
    // None
  } else if constexpr (std::is_same_v<T, Scalar>) {
    a.kind = ArgKind::Scalar;
    a.p = &v;
  } else if constexpr (std::is_same_v<T, bool>) {
    a.kind = ArgKind::Bool;
    a.i = v ? 1 : 0;
  } else if constexpr (std::is_integral_v<T>) {
    a.kind = ArgKind::Int;
    a.i = static_cast<std::int64_t>(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    a.kind = ArgKind::Float;
    a.f = static_cast<double>(v);
  } else if constexpr (detail::is_vector<T>::value || detail::is_array_ref<T>::value) {
    return detail::list_arg(v.data(), v.size());
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    std::string_view s(v);
    a.kind = ArgKind::String;
    a.p = s.data();
    a.n = s.size();
  } else if constexpr (std::is_same_v<T, ScalarType>) {
    a.kind = ArgKind::Dtype;
    a.i = static_cast<std::int64_t>(v);
  } else if constexpr (std::is_same_v<T, Device>) {
    a.kind = ArgKind::Device;
    a.i = static_cast<std::int64_t>(v.type());
  } else {
    static_assert(sizeof(T) == 0, "TJIT_TRACE: no tracer argument for this type");
  }
  return a;
}

// The results of an op: one Arg per tensor of a Tensor, a tuple of them or a list.
template <class R>
auto to_results(const R& r) {
  using T = std::remove_cvref_t<R>;
  if constexpr (detail::is_tuple<T>::value) {
    return std::apply([](const auto&... e) { return std::array<Arg, sizeof...(e)>{to_arg(e)...}; },
                      r);
  } else {
    return std::array<Arg, 1>{to_arg(r)};
  }
}

// Runs `run` (the op itself) with the hook suspended and reports it to `r`.
template <class F, class... A>
decltype(auto) traced_call(Recorder* r, std::string_view op, F&& run, const A&... args) {
  Suspend off;
  decltype(auto) out = run();
  const std::array<Arg, sizeof...(A)> inputs{to_arg(args)...};
  const auto outputs = to_results(out);
  r->record(op, inputs, outputs);
  return out;  // a reference for in-place ops (decltype(auto) keeps it)
}

// Reports a read of `t`'s data to the active trace, if any.
inline void report_data_read(const Tensor& t, DataRead how, const std::source_location& where) {
  if (Recorder* r = current_recorder) [[unlikely]] {
    Suspend off;
    r->data_read(t, how, where);
  }
}

}  // namespace tjit::tracing

// At the top of a public op: see the comment at the top of this file. `call` repeats the op's
// own call with its parameters; the arguments follow in the schema's order.
#define TJIT_TRACE(op, call, ...)                                                        \
  if (::tjit::tracing::Recorder* tjit_recorder_ = ::tjit::tracing::current_recorder)    \
    [[unlikely]] return ::tjit::tracing::traced_call(                                    \
        tjit_recorder_, op, [&]() -> decltype(auto) { return call; } __VA_OPT__(, ) __VA_ARGS__)
