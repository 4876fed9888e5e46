// Registration table: shifts, round with decimals, shrinks, glu, tensor_split, scans, search,
// index_add/index_fill/masked_scatter and the native norms (tjit/tensor/ops/extra.hpp)
// (Note [Registration tables] in runtime/operator.hpp). Each row is PyTorch 1.13's schema
// string, verbatim, and a one-line call into the tensor layer.
#pragma once

#include "tjit/runtime/detail/boxing.hpp"
#include "tjit/runtime/detail/ops_tensor_util.hpp"
#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/ops/extra.hpp"
#include "tjit/tensor/tensor.hpp"

namespace tjit::runtime::ops {

TJIT_DEF std::span<const OperatorDef> tensor_extra_ops() {
  static const OperatorDef table[] = {
      // Shifts
      TJIT_OP("aten::__lshift__.Tensor(Tensor self, Tensor other) -> Tensor",
              [](const Tensor& self, const Tensor& other) { return tjit::bitwise_left_shift(self, other); }),
      TJIT_OP("aten::__lshift__.Scalar(Tensor self, Scalar other) -> Tensor",
              [](const Tensor& self, const Scalar& other) { return tjit::bitwise_left_shift(self, other); }),
      TJIT_OP("aten::__rshift__.Tensor(Tensor self, Tensor other) -> Tensor",
              [](const Tensor& self, const Tensor& other) { return tjit::bitwise_right_shift(self, other); }),
      TJIT_OP("aten::__rshift__.Scalar(Tensor self, Scalar other) -> Tensor",
              [](const Tensor& self, const Scalar& other) { return tjit::bitwise_right_shift(self, other); }),
      TJIT_OP("aten::__ilshift__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)",
              [](Tensor& self, const Tensor& other) { return tjit::bitwise_left_shift_(self, other); }),
      TJIT_OP("aten::__ilshift__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)",
              [](Tensor& self, const Scalar& other) { return tjit::bitwise_left_shift_(self, other); }),
      TJIT_OP("aten::__irshift__.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)",
              [](Tensor& self, const Tensor& other) { return tjit::bitwise_right_shift_(self, other); }),
      TJIT_OP("aten::__irshift__.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)",
              [](Tensor& self, const Scalar& other) { return tjit::bitwise_right_shift_(self, other); }),
      TJIT_OP("aten::bitwise_left_shift.Tensor(Tensor self, Tensor other) -> Tensor",
              [](const Tensor& self, const Tensor& other) { return tjit::bitwise_left_shift(self, other); }),
      TJIT_OP("aten::bitwise_left_shift.Tensor_Scalar(Tensor self, Scalar other) -> Tensor",
              [](const Tensor& self, const Scalar& other) { return tjit::bitwise_left_shift(self, other); }),
      TJIT_OP("aten::bitwise_left_shift.Scalar_Tensor(Scalar self, Tensor other) -> Tensor",
              [](const Scalar& self, const Tensor& other) { return tjit::bitwise_left_shift(wrap(self), other); }),
      TJIT_OP("aten::bitwise_left_shift_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)",
              [](Tensor& self, const Tensor& other) { return tjit::bitwise_left_shift_(self, other); }),
      TJIT_OP("aten::bitwise_left_shift_.Tensor_Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)",
              [](Tensor& self, const Scalar& other) { return tjit::bitwise_left_shift_(self, other); }),
      TJIT_OP("aten::bitwise_right_shift.Tensor(Tensor self, Tensor other) -> Tensor",
              [](const Tensor& self, const Tensor& other) { return tjit::bitwise_right_shift(self, other); }),
      TJIT_OP("aten::bitwise_right_shift.Tensor_Scalar(Tensor self, Scalar other) -> Tensor",
              [](const Tensor& self, const Scalar& other) { return tjit::bitwise_right_shift(self, other); }),
      TJIT_OP("aten::bitwise_right_shift.Scalar_Tensor(Scalar self, Tensor other) -> Tensor",
              [](const Scalar& self, const Tensor& other) { return tjit::bitwise_right_shift(wrap(self), other); }),
      TJIT_OP("aten::bitwise_right_shift_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)",
              [](Tensor& self, const Tensor& other) { return tjit::bitwise_right_shift_(self, other); }),
      TJIT_OP("aten::bitwise_right_shift_.Tensor_Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)",
              [](Tensor& self, const Scalar& other) { return tjit::bitwise_right_shift_(self, other); }),
      // Pointwise
      TJIT_OP("aten::round.decimals(Tensor self, *, int decimals) -> Tensor",
              [](const Tensor& self, std::int64_t decimals) { return tjit::round(self, decimals); }),
      TJIT_OP("aten::round_.decimals(Tensor(a!) self, *, int decimals) -> Tensor(a!)",
              [](Tensor& self, std::int64_t decimals) { return tjit::round_(self, decimals); }),
      TJIT_OP("aten::hardshrink(Tensor self, Scalar lambd=0.5) -> Tensor",
              [](const Tensor& self, const Scalar& lambd) { return tjit::hardshrink(self, lambd); }),
      TJIT_OP("aten::softshrink(Tensor self, Scalar lambd=0.5) -> Tensor",
              [](const Tensor& self, const Scalar& lambd) { return tjit::softshrink(self, lambd); }),
      TJIT_OP("aten::glu(Tensor self, int dim=-1) -> Tensor",
              [](const Tensor& self, std::int64_t dim) { return tjit::glu(self, dim); }),
      // Splitting
      TJIT_OP("aten::tensor_split.sections(Tensor(a -> *) self, int sections, int dim=0) -> Tensor(a)[]",
              [](const Tensor& self, std::int64_t sections, std::int64_t dim) { return tjit::tensor_split(self, sections, dim); }),
      TJIT_OP("aten::tensor_split.indices(Tensor(a -> *) self, int[] indices, int dim=0) -> Tensor(a)[]",
              [](const Tensor& self, IntArrayRef indices, std::int64_t dim) { return tjit::tensor_split_indices(self, indices, dim); }),
      TJIT_OP("aten::tensor_split.tensor_indices_or_sections(Tensor(a -> *) self, Tensor tensor_indices_or_sections, int dim=0) -> Tensor(a)[]",
              [](const Tensor& self, const Tensor& tensor_indices_or_sections, std::int64_t dim) { return tjit::tensor_split(self, tensor_indices_or_sections, dim); }),
      // Scans
      TJIT_OP("aten::cummax(Tensor self, int dim) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t dim) { return tjit::cummax(self, dim); }),
      TJIT_OP("aten::cummin(Tensor self, int dim) -> (Tensor values, Tensor indices)",
              [](const Tensor& self, std::int64_t dim) { return tjit::cummin(self, dim); }),
      TJIT_OP("aten::logcumsumexp(Tensor self, int dim) -> Tensor",
              [](const Tensor& self, std::int64_t dim) { return tjit::logcumsumexp(self, dim); }),
      // Search
      TJIT_OP("aten::searchsorted.Tensor(Tensor sorted_sequence, Tensor self, *, bool out_int32=False, bool right=False, str? side=None, Tensor? sorter=None) -> Tensor",
              [](const Tensor& sorted_sequence, const Tensor& self, bool out_int32, bool right, std::optional<std::string_view> side, const std::optional<Tensor>& sorter) { return tjit::searchsorted(sorted_sequence, self, out_int32, right, side, opt(sorter)); }),
      TJIT_OP("aten::searchsorted.Scalar(Tensor sorted_sequence, Scalar self, *, bool out_int32=False, bool right=False, str? side=None, Tensor? sorter=None) -> Tensor",
              [](const Tensor& sorted_sequence, const Scalar& self, bool out_int32, bool right, std::optional<std::string_view> side, const std::optional<Tensor>& sorter) { return tjit::searchsorted(sorted_sequence, self, out_int32, right, side, opt(sorter)); }),
      TJIT_OP("aten::bucketize.Tensor(Tensor self, Tensor boundaries, *, bool out_int32=False, bool right=False) -> Tensor",
              [](const Tensor& self, const Tensor& boundaries, bool out_int32, bool right) { return tjit::bucketize(self, boundaries, out_int32, right); }),
      TJIT_OP("aten::bucketize.Scalar(Scalar self, Tensor boundaries, *, bool out_int32=False, bool right=False) -> Tensor",
              [](const Scalar& self, const Tensor& boundaries, bool out_int32, bool right) { return tjit::bucketize(self, boundaries, out_int32, right); }),
      // Indexing
      TJIT_OP("aten::index_add(Tensor self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor",
              [](const Tensor& self, std::int64_t dim, const Tensor& index, const Tensor& source, const Scalar& alpha) { return tjit::index_add(self, dim, index, source, alpha); }),
      TJIT_OP("aten::index_add_(Tensor(a!) self, int dim, Tensor index, Tensor source, *, Scalar alpha=1) -> Tensor(a!)",
              [](Tensor& self, std::int64_t dim, const Tensor& index, const Tensor& source, const Scalar& alpha) { return tjit::index_add_(self, dim, index, source, alpha); }),
      TJIT_OP("aten::index_fill.int_Scalar(Tensor self, int dim, Tensor index, Scalar value) -> Tensor",
              [](const Tensor& self, std::int64_t dim, const Tensor& index, const Scalar& value) { return tjit::index_fill(self, dim, index, value); }),
      TJIT_OP("aten::index_fill.int_Tensor(Tensor self, int dim, Tensor index, Tensor value) -> Tensor",
              [](const Tensor& self, std::int64_t dim, const Tensor& index, const Tensor& value) { return tjit::index_fill(self, dim, index, value); }),
      TJIT_OP("aten::index_fill_.int_Scalar(Tensor(a!) self, int dim, Tensor index, Scalar value) -> Tensor(a!)",
              [](Tensor& self, std::int64_t dim, const Tensor& index, const Scalar& value) { return tjit::index_fill_(self, dim, index, value); }),
      TJIT_OP("aten::index_fill_.int_Tensor(Tensor(a!) self, int dim, Tensor index, Tensor value) -> Tensor(a!)",
              [](Tensor& self, std::int64_t dim, const Tensor& index, const Tensor& value) { return tjit::index_fill_(self, dim, index, value); }),
      TJIT_OP("aten::masked_scatter(Tensor self, Tensor mask, Tensor source) -> Tensor",
              [](const Tensor& self, const Tensor& mask, const Tensor& source) { return tjit::masked_scatter(self, mask, source); }),
      TJIT_OP("aten::masked_scatter_(Tensor(a!) self, Tensor mask, Tensor source) -> Tensor(a!)",
              [](Tensor& self, const Tensor& mask, const Tensor& source) { return tjit::masked_scatter_(self, mask, source); }),
      // Normalisation with statistics
      TJIT_OP("aten::native_layer_norm(Tensor input, SymInt[] normalized_shape, Tensor? weight, Tensor? bias, float eps) -> (Tensor, Tensor, Tensor)",
              [](const Tensor& input, IntArrayRef normalized_shape, const std::optional<Tensor>& weight, const std::optional<Tensor>& bias, double eps) { return tjit::native_layer_norm(input, normalized_shape, opt(weight), opt(bias), eps); }),
      TJIT_OP("aten::native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)",
              [](const Tensor& input, const std::optional<Tensor>& weight, const std::optional<Tensor>& bias, const std::optional<Tensor>& running_mean, const std::optional<Tensor>& running_var, bool training, double momentum, double eps) { return tjit::native_batch_norm(input, opt(weight), opt(bias), opt(running_mean), opt(running_var), training, momentum, eps); }),
      // 3-d pooling and equal (kernels in ops/nn.hpp and ops/reduce.hpp)
      TJIT_OP("aten::max_pool3d(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, int[3] dilation=1, bool ceil_mode=False) -> Tensor",
              [](const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) { return tjit::max_pool3d(self, kernel_size, stride, padding, dilation, ceil_mode); }),
      TJIT_OP("aten::max_pool3d_with_indices(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, int[3] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)",
              [](const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) { return tjit::max_pool3d_with_indices(self, kernel_size, stride, padding, dilation, ceil_mode); }),
      TJIT_OP("aten::avg_pool3d(Tensor self, int[3] kernel_size, int[3] stride=[], int[3] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor",
              [](const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding, bool ceil_mode, bool count_include_pad, std::optional<std::int64_t> divisor_override) { return tjit::avg_pool3d(self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override); }),
      TJIT_OP("aten::adaptive_avg_pool3d(Tensor self, int[3] output_size) -> Tensor",
              [](const Tensor& self, IntArrayRef output_size) { return tjit::adaptive_avg_pool3d(self, output_size); }),
      TJIT_OP("aten::_adaptive_avg_pool3d(Tensor self, int[3] output_size) -> Tensor",
              [](const Tensor& self, IntArrayRef output_size) { return tjit::adaptive_avg_pool3d(self, output_size); }),
      TJIT_OP("aten::adaptive_max_pool3d(Tensor self, int[3] output_size) -> (Tensor, Tensor)",
              [](const Tensor& self, IntArrayRef output_size) { return tjit::adaptive_max_pool3d(self, output_size); }),
      TJIT_OP("aten::equal(Tensor self, Tensor other) -> bool",
              [](const Tensor& self, const Tensor& other) { return tjit::equal(self, other); }),
      // repeat_interleave
      TJIT_OP("aten::repeat_interleave.Tensor(Tensor repeats, *, int? output_size=None) -> Tensor",
              [](const Tensor& repeats, std::optional<std::int64_t> output_size) { return tjit::repeat_interleave(repeats, output_size); }),
      TJIT_OP("aten::repeat_interleave.self_Tensor(Tensor self, Tensor repeats, int? dim=None, *, int? output_size=None) -> Tensor",
              [](const Tensor& self, const Tensor& repeats, std::optional<std::int64_t> dim, std::optional<std::int64_t> output_size) { return tjit::repeat_interleave(self, repeats, dim, output_size); }),
      TJIT_OP("aten::repeat_interleave.self_int(Tensor self, int repeats, int? dim=None, *, int? output_size=None) -> Tensor",
              [](const Tensor& self, std::int64_t repeats, std::optional<std::int64_t> dim, std::optional<std::int64_t> output_size) { return tjit::repeat_interleave(self, repeats, dim, output_size); }),
      // 3-d resampling (tjit::interpolate)
      TJIT_OP("aten::upsample_nearest3d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor",
              [](const Tensor& input, const std::optional<std::vector<std::int64_t>>& output_size, const std::optional<std::vector<double>>& scale_factors) { return tjit::interpolate(input, output_size, scale_factors, "nearest"); }),
      TJIT_OP("aten::_upsample_nearest_exact3d.vec(Tensor input, SymInt[]? output_size, float[]? scale_factors) -> Tensor",
              [](const Tensor& input, const std::optional<std::vector<std::int64_t>>& output_size, const std::optional<std::vector<double>>& scale_factors) { return tjit::interpolate(input, output_size, scale_factors, "nearest-exact"); }),
      TJIT_OP("aten::upsample_trilinear3d.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor",
              [](const Tensor& input, const std::optional<std::vector<std::int64_t>>& output_size, bool align_corners, const std::optional<std::vector<double>>& scale_factors) { return tjit::interpolate(input, output_size, scale_factors, "trilinear", align_corners); }),
      // dict() as scripted torchvision segmentation models build their result
      TJIT_STACK_OP("aten::dict() -> Dict(str, Tensor)",
                    [](Stack& s) { s.emplace_back(make_dict(ir::Type::Str(), ir::Type::Tensor())); }),
      // Antialiased resampling (F.interpolate(..., antialias=True))
      TJIT_OP("aten::_upsample_bilinear2d_aa.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor",
              [](const Tensor& input, const std::optional<std::vector<std::int64_t>>& output_size, bool align_corners, const std::optional<std::vector<double>>& scale_factors) { return tjit::upsample_antialias(input, output_size, "bilinear", align_corners, scale_factors); }),
      TJIT_OP("aten::_upsample_bicubic2d_aa.vec(Tensor input, SymInt[]? output_size, bool align_corners, float[]? scale_factors) -> Tensor",
              [](const Tensor& input, const std::optional<std::vector<std::int64_t>>& output_size, bool align_corners, const std::optional<std::vector<double>>& scale_factors) { return tjit::upsample_antialias(input, output_size, "bicubic", align_corners, scale_factors); }),
  };
  return table;
}

}  // namespace tjit::runtime::ops
