// Helpers shared by the tensor operator tables (runtime/detail/ops_tensor_*.hpp): the argument
// conventions of PyTorch's schemas mapped onto the tensor layer's C++ signatures.
//
//   Tensor?          -> std::optional<Tensor>; opt() gives the tensor layer's "undefined = None"
//   Scalar (as self) -> wrap(): a 0-dim "wrapped number" tensor, so type promotion treats it as a
//                       Python number, as PyTorch's Scalar_Tensor overloads do
//   Device?          -> check_cpu(): None or a CPU device; anything else is an error
//   MemoryFormat?    -> check_mf(): None, contiguous_format or preserve_format (tjit's results
//                       are always contiguous); channels_last is an error
//   Layout?, bool? pin_memory, bool non_blocking -> accepted and ignored
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tjit/runtime/ivalue.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit::runtime::ops {

inline Tensor opt(const std::optional<Tensor>& t) { return t ? *t : Tensor(); }

// A Python number as a 0-dim tensor of the lowest promotion priority.
inline Tensor wrap(const Scalar& s) {
  ScalarType dt = s.is_bool() ? kBool : s.is_floating_point() ? kDouble : kLong;
  Tensor t = tjit::scalar_tensor(s, dt);
  t.set_wrapped_number(true);
  return t;
}

inline void check_cpu(const std::optional<Device>& d) {
  TJIT_CHECK(!d || d->is_cpu(), "tjit runs on the CPU only; got device '", d->str(), "'");
}

// MemoryFormat: 0 contiguous_format, 1 preserve_format, 2 channels_last, 3 channels_last_3d.
inline void check_mf(const IValue& v) {
  if (v.isNone()) return;
  std::int64_t f = v.toInt();
  TJIT_CHECK(f == 0 || f == 1, "tjit supports only torch.contiguous_format and ",
             "torch.preserve_format, not memory format ", f == 2 ? "torch.channels_last" :
             f == 3 ? "torch.channels_last_3d" : std::to_string(f).c_str());
}

// clamp with tensor bounds: max(self, min) then min(., max), with PyTorch's promotion.
inline Tensor clamp_tensor(const Tensor& self, const std::optional<Tensor>& min,
                           const std::optional<Tensor>& max) {
  TJIT_CHECK(min || max, "torch.clamp: At least one of 'min' or 'max' must not be None");
  Tensor r = min ? tjit::maximum(self, *min) : self;
  return max ? tjit::minimum(r, *max) : r;
}

inline std::vector<std::int64_t> dims_or_all(const std::optional<std::vector<std::int64_t>>& d) {
  return d ? *d : std::vector<std::int64_t>{};
}

// unbiased / correction arguments of var and std.
inline std::optional<double> correction_of(bool unbiased) { return unbiased ? 1.0 : 0.0; }
inline std::optional<double> correction_of(std::optional<std::int64_t> c) {
  return c ? std::optional<double>(static_cast<double>(*c)) : std::nullopt;
}

// Tensor -> number conversions of TorchScript (aten::IntImplicit, FloatImplicit, ScalarImplicit).
inline void check_implicit(const Tensor& t, bool to_int) {
  TJIT_CHECK(!t.requires_grad(), "Cannot input a tensor that requires grad as a scalar argument");
  TJIT_CHECK(t.dim() == 0, "Cannot input a tensor of dimension other than 0 as a scalar argument");
  TJIT_CHECK(!to_int || !t.is_floating_point(), "Cannot input a tensor of type ",
             to_string(t.scalar_type()), " as an integral argument");
}

// Tensor[] given where Tensor?[] is meant (the `hacked_twin` overloads).
inline std::vector<std::optional<Tensor>> opt_list(const std::vector<Tensor>& v) {
  return std::vector<std::optional<Tensor>>(v.begin(), v.end());
}

// aten::tensor(t[] data): nested lists of int/float/bool to a tensor of their shape.
namespace detail {
inline void list_shape(const IValue& v, Shape& shape, std::size_t depth) {
  if (!v.isList()) return;
  const auto& items = v.toListRef().items;
  auto n = static_cast<std::int64_t>(items.size());
  if (shape.size() == depth) shape.push_back(n);
  else TJIT_CHECK(shape[depth] == n, "Expected sequence of length ", shape[depth], " at dim ",
                  depth, " (got ", n, ")");
  if (!items.empty()) list_shape(items[0], shape, depth + 1);
}
inline void list_values(const IValue& v, std::vector<Scalar>& out, ScalarType& kind) {
  if (v.isList()) {
    for (const IValue& x : v.toListRef().items) list_values(x, out, kind);
    return;
  }
  TJIT_CHECK(v.isScalar() && !v.isComplexDouble(), "torch.tensor: unsupported element type");
  if (v.isDouble()) kind = default_dtype();
  else if (v.isInt() && kind == kBool) kind = kLong;
  out.push_back(v.toScalar());
}
}  // namespace detail

inline Tensor tensor_from_list(const IValue& data, std::optional<ScalarType> dtype) {
  Shape shape;
  detail::list_shape(data, shape, 0);
  std::vector<Scalar> values;
  ScalarType kind = kBool;
  detail::list_values(data, values, kind);
  if (values.empty()) kind = default_dtype();
  Tensor flat = Tensor::empty({static_cast<std::int64_t>(values.size())}, dtype.value_or(kind));
  for (std::size_t i = 0; i < values.size(); ++i) {
    Tensor e = flat.select(0, static_cast<std::int64_t>(i));
    tjit::fill_(e, values[i]);
  }
  TJIT_CHECK(flat.numel() == Tensor::empty(shape).numel(), "torch.tensor: ragged nested list");
  return flat.view(shape);
}

}  // namespace tjit::runtime::ops

namespace tjit::runtime::ops {

// unique's outputs that were not asked for: PyTorch returns empty int64 tensors, not None.
inline std::tuple<Tensor, Tensor, Tensor> unique_result(std::tuple<Tensor, Tensor, Tensor> r) {
  auto fill = [](Tensor& t) {
    if (!t.defined()) t = Tensor::empty({0}, kLong);
  };
  fill(std::get<1>(r));
  fill(std::get<2>(r));
  return r;
}
inline std::tuple<Tensor, Tensor> unique2_result(std::tuple<Tensor, Tensor, Tensor> r) {
  return {std::get<0>(r), std::get<1>(r)};
}
inline std::tuple<Tensor, Tensor, Tensor> unique_consecutive_dim(const Tensor& self, bool inverse,
                                                                 bool counts,
                                                                 std::optional<std::int64_t> dim) {
  TJIT_CHECK(!dim || self.dim() <= 1,
             "tjit: unique_consecutive along a dim of a multi-dimensional tensor is not supported");
  return tjit::unique_consecutive(self, inverse, counts);
}

}  // namespace tjit::runtime::ops

namespace tjit::runtime::ops {

// Tensor.T: every dim reversed.
inline Tensor numpy_T(const Tensor& self) {
  std::vector<std::int64_t> dims(static_cast<std::size_t>(self.dim()));
  for (std::size_t i = 0; i < dims.size(); ++i)
    dims[i] = self.dim() - 1 - static_cast<std::int64_t>(i);
  return self.permute(dims);
}

// The upsample_* overloads that take explicit output sizes plus optional scales: tjit resamples
// from the sizes alone, which is what PyTorch computes when no scale is given.
inline void check_no_scales(std::initializer_list<std::optional<double>> scales) {
  for (const auto& s : scales)
    TJIT_CHECK(!s, "tjit: upsample with both output_size and explicit scales is not supported");
}

// _softmax / _log_softmax: half_to_float is a CUDA-only option.
inline void check_half_to_float(bool half_to_float) {
  TJIT_CHECK(!half_to_float, "softmax with half to float conversion is not supported on CPU");
}

inline std::optional<std::vector<std::int64_t>> size_list(std::optional<std::int64_t> s) {
  if (!s) return std::nullopt;
  return std::vector<std::int64_t>{*s};
}
inline std::optional<std::vector<double>> scale_list(std::optional<double> s) {
  if (!s) return std::nullopt;
  return std::vector<double>{*s};
}
inline void check_no_antialias(bool antialias) {
  TJIT_CHECK(!antialias, "tjit: interpolate with antialias=True is not supported");
}

}  // namespace tjit::runtime::ops

namespace tjit::runtime::ops {

inline std::vector<std::int64_t> to_vec(IntArrayRef a) {
  return std::vector<std::int64_t>(a.begin(), a.end());
}

// prim::NumToTensor (at::scalar_to_tensor): int -> int64, float -> float64, bool -> bool.
inline Tensor num_to_tensor(const Scalar& s) {
  return tjit::scalar_tensor(s, s.is_bool() ? kBool : s.is_floating_point() ? kDouble : kLong);
}

inline Tensor with_grad(Tensor t, bool requires_grad) {
  if (requires_grad) t.set_requires_grad(true);
  return t;
}

// A view of the same data that does not require grad.
inline Tensor detach(const Tensor& t) {
  Tensor r = t.alias();
  r.set_requires_grad(false);
  return r;
}

inline std::int64_t len(const Tensor& t) {
  TJIT_CHECK(t.dim() != 0, "len() of a 0-d tensor");
  return t.size(0);
}

inline bool is_nonzero(const Tensor& t) {
  TJIT_CHECK(t.numel() != 0, "Boolean value of Tensor with no values is ambiguous");
  TJIT_CHECK(t.numel() == 1, "Boolean value of Tensor with more than one value is ambiguous");
  return t.item<bool>();
}

}  // namespace tjit::runtime::ops
