// The tracer's hook (tjit/tensor/trace_hook.hpp) in every public op of the tensor layer: one call
// of each op/overload under a test Recorder gives exactly one record (the ops it calls inside are
// not recorded), named by a schema of the operator registry, with arguments and results whose
// kinds fit that schema. Without a recorder nothing is recorded and results do not change.
// (//tests/tensor:trace_coverage_test checks statically that no public op lacks the hook.)
#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tjit/runtime/operator.hpp"
#include "tjit/tensor/tensor.hpp"
#include "tjit/tensor/trace_hook.hpp"

namespace tjit {
namespace {

using tracing::Arg;
using tracing::ArgKind;

struct Record {
  std::string op;
  std::vector<ArgKind> inputs, outputs;
};

class TestRecorder final : public tracing::Recorder {
 public:
  std::vector<Record> records;
  int data_reads = 0;

  void record(std::string_view op, std::span<const Arg> inputs,
              std::span<const Arg> outputs) override {
    Record r{std::string(op), {}, {}};
    for (const Arg& a : inputs) r.inputs.push_back(a.kind);
    for (const Arg& a : outputs) r.outputs.push_back(a.kind);
    records.push_back(std::move(r));
  }
  void data_read(const Tensor&, tracing::DataRead, const std::source_location&) override {
    ++data_reads;
  }
};

// Sets the recorder for one scope.
class Tracing {
 public:
  explicit Tracing(TestRecorder& r) { tracing::current_recorder = &r; }
  ~Tracing() { tracing::current_recorder = nullptr; }
  Tracing(const Tracing&) = delete;
  Tracing& operator=(const Tracing&) = delete;
};

const char* kind_name(ArgKind k) {
  switch (k) {
    case ArgKind::None: return "None";
    case ArgKind::Tensor: return "Tensor";
    case ArgKind::TensorList: return "TensorList";
    case ArgKind::OptionalTensorList: return "OptionalTensorList";
    case ArgKind::Scalar: return "Scalar";
    case ArgKind::Int: return "Int";
    case ArgKind::Float: return "Float";
    case ArgKind::Bool: return "Bool";
    case ArgKind::IntList: return "IntList";
    case ArgKind::FloatList: return "FloatList";
    case ArgKind::String: return "String";
    case ArgKind::Dtype: return "Dtype";
    case ArgKind::Device: return "Device";
  }
  return "?";
}

// Whether an argument of kind `k` fits a schema argument of type `t` (with `N`: a sized list).
bool fits(ArgKind k, const ir::TypePtr& t, bool sized_list) {
  using ir::TypeKind;
  switch (t->kind()) {
    case TypeKind::OptionalType:
      return k == ArgKind::None || fits(k, t->getElementType(), sized_list);
    case TypeKind::TensorType: return k == ArgKind::Tensor;
    case TypeKind::IntType:
    case TypeKind::SymIntType:
    case TypeKind::LayoutType:
    case TypeKind::MemoryFormatType: return k == ArgKind::Int;
    case TypeKind::FloatType: return k == ArgKind::Float;
    case TypeKind::NumberType:
      return k == ArgKind::Scalar || k == ArgKind::Int || k == ArgKind::Float ||
             k == ArgKind::Bool;
    case TypeKind::BoolType: return k == ArgKind::Bool;
    case TypeKind::StringType: return k == ArgKind::String;
    case TypeKind::ScalarTypeType: return k == ArgKind::Dtype;
    case TypeKind::DeviceObjType: return k == ArgKind::Device;
    case TypeKind::ListType: {
      const ir::TypePtr& e = t->getElementType();
      switch (e->kind()) {
        case TypeKind::TensorType: return k == ArgKind::TensorList;
        case TypeKind::OptionalType:
          return e->getElementType()->kind() == TypeKind::TensorType &&
                 k == ArgKind::OptionalTensorList;
        case TypeKind::IntType:
        case TypeKind::SymIntType:
          return k == ArgKind::IntList || (sized_list && k == ArgKind::Int);
        case TypeKind::FloatType:
          return k == ArgKind::FloatList || (sized_list && k == ArgKind::Float);
        default: return false;
      }
    }
    default: return false;
  }
}

bool result_fits(ArgKind k, const ir::TypePtr& t) {
  using ir::TypeKind;
  switch (t->kind()) {
    case TypeKind::TensorType: return k == ArgKind::Tensor || k == ArgKind::None;
    case TypeKind::BoolType: return k == ArgKind::Bool;
    case TypeKind::ListType:
      return t->getElementType()->kind() == TypeKind::TensorType && k == ArgKind::TensorList;
    default: return false;
  }
}

// Checks one record against the registry; returns what is wrong ("" when nothing).
std::string check_record(const Record& r) {
  const runtime::Operator* op = runtime::OperatorRegistry::instance().findByQualifiedName(r.op);
  if (!op) return "not in the registry";
  const ir::FunctionSchema& s = op->schema();
  const auto& args = s.arguments();
  if (r.inputs.size() > args.size())
    return "passes " + std::to_string(r.inputs.size()) + " arguments, the schema has " +
           std::to_string(args.size());
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i >= r.inputs.size()) {
      if (!args[i].default_value()) return "omits " + args[i].name() + ", which has no default";
      continue;
    }
    if (!fits(r.inputs[i], args[i].real_type(), args[i].N().has_value()))
      return "argument " + std::to_string(i) + " (" + args[i].str() + ") given as " +
             kind_name(r.inputs[i]);
  }
  const auto& rets = s.returns();
  if (r.outputs.size() != rets.size())
    return std::to_string(r.outputs.size()) + " results, the schema returns " +
           std::to_string(rets.size());
  for (std::size_t i = 0; i < rets.size(); ++i)
    if (!result_fits(r.outputs[i], rets[i].real_type()))
      return "result " + std::to_string(i) + " (" + rets[i].str() + ") given as " +
             kind_name(r.outputs[i]);
  return "";
}

struct Case {
  std::string expect;  // the schema name the call must record
  std::function<void()> run;
};

// Small inputs, made before any recorder is set.
struct Inputs {
  Tensor a = rand({2, 3}), b = rand({2, 3}), f = rand({2, 3});
  Tensor a4 = rand({2, 4});
  Tensor bt = rand({3, 2}), v2 = rand({2}), v3 = rand({3});
  Tensor a3 = rand({1, 2, 3}), b3 = rand({1, 3, 2}), c3 = rand({1, 2, 2});
  Tensor L = tensor<std::int64_t>({1, 2, 2, 3}), Lf = tensor<std::int64_t>({1, 2, 2, 3});
  Tensor B = tensor<bool>({true, false, true});
  Tensor mask = gt(a, 0.5);
  Tensor idx = tensor<std::int64_t>({0, 1});
  Tensor idx2 = tensor<std::int64_t>({0, 1, 1, 0}, Shape{2, 2});
  Tensor src2 = rand({2, 2});
  Tensor zero0 = full({}, 0.0, kFloat);
  Tensor sorted1 = tensor<float>({1, 2, 3});
  Tensor probs = tensor<float>({0.2f, 0.3f, 0.5f});
  Tensor p = full({2, 3}, 0.5, kFloat);
  Tensor x3 = rand({1, 1, 5}), x4 = rand({1, 1, 4, 4}), x5 = rand({1, 1, 3, 4, 4});
  Tensor w3 = rand({1, 1, 3}), w4 = rand({1, 1, 3, 3}), w5 = rand({1, 1, 3, 3, 3});
  Tensor ps = rand({1, 4, 2, 2});
  Tensor weight3 = rand({3}), bias3 = rand({3}), rm3 = zeros({3}), rv3 = ones({3});
  Tensor lin_w = rand({4, 3}), lin_b = rand({4});
  Tensor emb = rand({4, 3});
  Tensor reps = tensor<std::int64_t>({1, 2});
  Tensor sections = tensor<std::int64_t>({1});
  // rnn: input [T=2, B=1, I=2], hidden size 2
  Tensor seq = rand({2, 1, 2}), h0 = zeros({1, 1, 2}), c0 = zeros({1, 1, 2});
  Tensor data = rand({2, 2}), batch_sizes = tensor<std::int64_t>({1, 1});
  Tensor hc = zeros({1, 2}), in2 = rand({1, 2});
  std::vector<Tensor> lstm_w{rand({8, 2}), rand({8, 2}), rand({8}), rand({8})};
  std::vector<Tensor> gru_w{rand({6, 2}), rand({6, 2}), rand({6}), rand({6})};
  std::vector<Tensor> rnn_w{rand({2, 2}), rand({2, 2}), rand({2}), rand({2})};
  // attention: [B=1, T=2, D=2], one head
  Tensor q = rand({1, 2, 2}), qkv = rand({1, 2, 6}), qkv_w = rand({6, 2}), qkv_b = rand({6});
  Tensor proj_w = rand({2, 2}), proj_b = rand({2});
  Tensor sm_mask = tensor<bool>({false, false, false, false, false, false}, Shape{2, 3});
  Tensor aa = rand({1, 1, 4, 4});
  Tensor prelu_w = full({1}, 0.25, kFloat);
};

#define C(name, ...) Case{name, [&] { (void)(__VA_ARGS__); }}
#define UNARY(op, aten) C("aten::" aten, op(in.a)), C("aten::" aten "_", op##_(in.f))
#define BINARY(op, tensor_ovl, scalar_ovl, x, y)                                              \
  C("aten::" #op tensor_ovl, op(x, y)), C("aten::" #op scalar_ovl, op(x, 2)),                 \
      C("aten::" #op "_" tensor_ovl, op##_(y, x)), C("aten::" #op "_" scalar_ovl, op##_(y, 2))

std::vector<Case> cases(Inputs& in) {
  using S = std::optional<Scalar>;
  return {
      // copies (copy.hpp) and Tensor's views (tensor_base.hpp)
      C("aten::clone", clone(in.a)), C("aten::to.dtype", clone(in.a, kDouble)),
      C("aten::contiguous", contiguous(in.a)), C("aten::to.dtype", to(in.a, kDouble)),
      C("aten::copy_", copy_(in.f, in.b)), C("aten::reshape", in.a.reshape({3, 2})),
      C("aten::as_strided", in.a.as_strided({2}, {1})), C("aten::alias", in.a.alias()),
      C("aten::view", in.a.view({6})), C("aten::expand", in.v3.expand({2, 3})),
      C("aten::expand_as", in.v3.expand_as(in.a)), C("aten::permute", in.a.permute({1, 0})),
      C("aten::transpose.int", in.a.transpose(0, 1)), C("aten::t", in.a.t()),
      C("aten::select.int", in.a.select(0, 1)), C("aten::slice.Tensor", in.a.slice(1, 0, 2)),
      C("aten::narrow", in.a.narrow(1, 0, 2)), C("aten::squeeze", in.a3.squeeze()),
      C("aten::squeeze.dim", in.a3.squeeze(0)), C("aten::unsqueeze", in.a.unsqueeze(0)),
      C("aten::flatten.using_ints", in.a3.flatten()),
      C("aten::unflatten.int", in.a.unflatten(1, {3, 1})),
      C("aten::split.Tensor", in.a.split(1, 1)),
      C("aten::split_with_sizes", in.a.split_with_sizes({1, 2}, 1)),
      C("aten::chunk", in.a.chunk(2, 1)), C("aten::unbind.int", in.a.unbind(0)),
      C("aten::diagonal", in.a.diagonal()),
      // arithmetic
      C("aten::add.Tensor", add(in.a, in.b)), C("aten::add.Scalar", add(in.a, 2)),
      C("aten::add_.Tensor", add_(in.f, in.b)), C("aten::add_.Scalar", add_(in.f, 2)),
      C("aten::sub.Tensor", sub(in.a, in.b)), C("aten::sub.Scalar", sub(in.a, 2)),
      C("aten::sub_.Tensor", sub_(in.f, in.b)), C("aten::sub_.Scalar", sub_(in.f, 2)),
      C("aten::rsub.Tensor", rsub(in.a, in.b)), C("aten::rsub.Scalar", rsub(in.a, 2)),
      C("aten::mul.Tensor", mul(in.a, in.b)), C("aten::mul.Scalar", mul(in.a, 2)),
      C("aten::mul_.Tensor", mul_(in.f, in.b)), C("aten::mul_.Scalar", mul_(in.f, 2)),
      C("aten::div.Tensor", div(in.a, in.b)), C("aten::div.Scalar", div(in.a, 2)),
      C("aten::div.Tensor_mode", div(in.a, in.b, "floor")),
      C("aten::div.Scalar_mode", div(in.a, 2, "trunc")),
      C("aten::div_.Tensor", div_(in.f, in.b)), C("aten::div_.Scalar", div_(in.f, 2)),
      C("aten::div_.Tensor_mode", div_(in.f, in.b, "floor")),
      C("aten::div_.Scalar_mode", div_(in.f, 2, "trunc")),
      C("aten::true_divide.Tensor", true_divide(in.a, in.b)),
      C("aten::floor_divide", floor_divide(in.a, in.b)),
      C("aten::floor_divide.Scalar", floor_divide(in.a, 2)),
      C("aten::pow.Tensor_Tensor", pow(in.a, in.b)), C("aten::pow.Tensor_Scalar", pow(in.a, 2)),
      C("aten::pow.Scalar", pow(2, in.a)), C("aten::pow_.Tensor", pow_(in.f, in.b)),
      C("aten::pow_.Scalar", pow_(in.f, 1)),
      BINARY(remainder, ".Tensor", ".Scalar", in.a, in.f),
      BINARY(fmod, ".Tensor", ".Scalar", in.a, in.f),
      BINARY(bitwise_and, ".Tensor", ".Scalar", in.L, in.Lf),
      BINARY(bitwise_or, ".Tensor", ".Scalar", in.L, in.Lf),
      BINARY(bitwise_xor, ".Tensor", ".Scalar", in.L, in.Lf),
      BINARY(eq, ".Tensor", ".Scalar", in.a, in.f), BINARY(ne, ".Tensor", ".Scalar", in.a, in.f),
      BINARY(lt, ".Tensor", ".Scalar", in.a, in.f), BINARY(le, ".Tensor", ".Scalar", in.a, in.f),
      BINARY(gt, ".Tensor", ".Scalar", in.a, in.f), BINARY(ge, ".Tensor", ".Scalar", in.a, in.f),
      BINARY(atan2, "", "", in.a, in.f), BINARY(logical_and, "", "", in.a, in.f),
      BINARY(logical_or, "", "", in.a, in.f), BINARY(logical_xor, "", "", in.a, in.f),
      C("aten::maximum", maximum(in.a, in.b)), C("aten::maximum", maximum(in.a, 0.5)),
      C("aten::minimum", minimum(in.a, in.b)), C("aten::minimum", minimum(in.a, 0.5)),
      // unary
      UNARY(exp, "exp"), UNARY(exp2, "exp2"), UNARY(expm1, "expm1"), UNARY(log, "log"),
      UNARY(log2, "log2"), UNARY(log10, "log10"), UNARY(log1p, "log1p"), UNARY(sqrt, "sqrt"),
      UNARY(rsqrt, "rsqrt"), UNARY(sin, "sin"), UNARY(cos, "cos"), UNARY(tan, "tan"),
      UNARY(asin, "asin"), UNARY(acos, "acos"), UNARY(atan, "atan"), UNARY(sinh, "sinh"),
      UNARY(cosh, "cosh"), UNARY(tanh, "tanh"), UNARY(asinh, "asinh"), UNARY(acosh, "acosh"),
      UNARY(atanh, "atanh"), UNARY(sigmoid, "sigmoid"), UNARY(erf, "erf"), UNARY(erfc, "erfc"),
      UNARY(lgamma, "lgamma"), UNARY(reciprocal, "reciprocal"), UNARY(silu, "silu"),
      UNARY(mish, "mish"), UNARY(hardsigmoid, "hardsigmoid"), UNARY(hardswish, "hardswish"),
      UNARY(selu, "selu"), UNARY(abs, "abs"), UNARY(floor, "floor"), UNARY(ceil, "ceil"),
      UNARY(trunc, "trunc"), UNARY(round, "round"), UNARY(frac, "frac"), UNARY(sign, "sign"),
      UNARY(neg, "neg"), UNARY(relu, "relu"), UNARY(relu6, "relu6"),
      C("aten::bitwise_not", bitwise_not(in.L)), C("aten::bitwise_not_", bitwise_not_(in.Lf)),
      C("aten::log_sigmoid", logsigmoid(in.a)), C("aten::square", square(in.a)),
      C("aten::logical_not", logical_not(in.a)), C("aten::isnan", isnan(in.a)),
      C("aten::isinf", isinf(in.a)), C("aten::isfinite", isfinite(in.a)),
      // activations, clamp, where
      C("aten::clamp", clamp(in.a, S(0.2), S(0.8))), C("aten::clamp", clamp(in.a, S(), S(1))),
      C("aten::clamp_", clamp_(in.f, S(0), S(1))), C("aten::clamp_min", clamp_min(in.a, 0.5)),
      C("aten::clamp_max", clamp_max(in.a, 0.5)), C("aten::clip", clip(in.a, S(0), S(1))),
      C("aten::hardtanh", hardtanh(in.a)), C("aten::hardtanh_", hardtanh_(in.f)),
      C("aten::leaky_relu", leaky_relu(in.a)), C("aten::leaky_relu_", leaky_relu_(in.f)),
      C("aten::elu", elu(in.a)), C("aten::elu_", elu_(in.f)), C("aten::celu", celu(in.a)),
      C("aten::gelu", gelu(in.a, "tanh")), C("aten::gelu_", gelu_(in.f)),
      C("aten::softplus", softplus(in.a)), C("aten::threshold", threshold(in.a, 0.5, 0)),
      C("aten::threshold_", threshold_(in.f, 0.5, 0)),
      C("aten::where.self", where(in.mask, in.a, in.b)),
      C("aten::where.ScalarOther", where(in.mask, in.a, 0)),
      C("aten::where.ScalarSelf", where(in.mask, 0, in.b)),
      C("aten::where.Scalar", where(in.mask, 0, 1)),
      // extra pointwise
      C("aten::bitwise_left_shift.Tensor", bitwise_left_shift(in.L, in.L)),
      C("aten::bitwise_left_shift.Tensor_Scalar", bitwise_left_shift(in.L, 1)),
      C("aten::bitwise_left_shift.Scalar_Tensor", bitwise_left_shift(1, in.L)),
      C("aten::bitwise_left_shift_.Tensor", bitwise_left_shift_(in.Lf, in.L)),
      C("aten::bitwise_left_shift_.Tensor_Scalar", bitwise_left_shift_(in.Lf, 1)),
      C("aten::bitwise_right_shift.Tensor", bitwise_right_shift(in.L, in.L)),
      C("aten::bitwise_right_shift.Tensor_Scalar", bitwise_right_shift(in.L, 1)),
      C("aten::bitwise_right_shift.Scalar_Tensor", bitwise_right_shift(8, in.L)),
      C("aten::bitwise_right_shift_.Tensor", bitwise_right_shift_(in.Lf, in.L)),
      C("aten::bitwise_right_shift_.Tensor_Scalar", bitwise_right_shift_(in.Lf, 1)),
      C("aten::round.decimals", round(in.a, 1)), C("aten::round_.decimals", round_(in.f, 1)),
      C("aten::hardshrink", hardshrink(in.a)), C("aten::softshrink", softshrink(in.a)),
      C("aten::glu", glu(in.a4)),
      C("aten::normal.Tensor_float", normal(in.a, 1.0)),
      C("aten::normal.float_Tensor", normal(0.0, in.a)),
      C("aten::normal.Tensor_Tensor", normal(in.a, in.b)),
      // factories
      C("aten::empty.memory_format", empty({2})), C("aten::zeros", zeros({2})),
      C("aten::ones", ones({2})), C("aten::full", full({2}, 1.5)),
      C("aten::empty_like", empty_like(in.a)), C("aten::zeros_like", zeros_like(in.a)),
      C("aten::ones_like", ones_like(in.a, kDouble)), C("aten::full_like", full_like(in.a, 2)),
      C("aten::arange", arange(5)), C("aten::arange.start_step", arange(0, 5, 2)),
      C("aten::linspace", linspace(0, 1, 5)), C("aten::eye", eye(3)), C("aten::eye.m", eye(2, 3)),
      C("aten::fill_.Scalar", fill_(in.f, 1)), C("aten::zero_", zero_(in.f)),
      C("aten::scalar_tensor", scalar_tensor(3)),
      // shape
      C("aten::cat", cat({in.a, in.b})), C("aten::stack", stack({in.a, in.b})),
      C("aten::hstack", hstack({in.a, in.b})), C("aten::vstack", vstack({in.a, in.b})),
      C("aten::repeat", repeat(in.a, {2, 1})), C("aten::tile", tile(in.a, {2})),
      C("aten::flip", flip(in.a, {0})), C("aten::roll", roll(in.a, {1}, {0})),
      C("aten::tril", tril(in.a)), C("aten::triu", triu(in.a, 1)),
      C("aten::movedim.intlist", movedim(in.a, {0}, {1})),
      C("aten::pixel_shuffle", pixel_shuffle(in.ps, 2)),
      C("aten::pixel_unshuffle", pixel_unshuffle(in.x4, 2)),
      C("aten::channel_shuffle", channel_shuffle(in.ps, 2)),
      // sort
      C("aten::sort", sort(in.a)), C("aten::sort.stable", sort(in.a, -1, false, true)),
      C("aten::argsort", argsort(in.a)), C("aten::argsort.stable", argsort(in.a, 0, true, true)),
      C("aten::topk", topk(in.a, 2)), C("aten::kthvalue", kthvalue(in.a, 1)),
      C("aten::median", median(in.a)), C("aten::median.dim", median(in.a, 1)),
      C("aten::_unique2", unique(in.L, true, true, true)),
      C("aten::unique_consecutive", unique_consecutive(in.L)),
      // linear algebra
      C("aten::mm", mm(in.a, in.bt)), C("aten::bmm", bmm(in.a3, in.b3)),
      C("aten::matmul", matmul(in.a, in.bt)), C("aten::addmm", addmm(in.v2, in.a, in.bt)),
      C("aten::mv", mv(in.a, in.v3)), C("aten::addmv", addmv(in.v2, in.a, in.v3)),
      C("aten::dot", dot(in.v3, in.v3)), C("aten::outer", outer(in.v3, in.v2)),
      C("aten::linear", linear(in.a, in.lin_w, in.lin_b)),
      C("aten::linear", linear(in.a3, in.lin_w)),
      C("aten::baddbmm", baddbmm(in.c3, in.a3, in.b3)),
      C("aten::einsum", einsum("ij,jk->ik", {in.a, in.bt})),
      // reductions
      C("aten::sum", sum(in.a)), C("aten::sum.dim_IntList", sum(in.a, {1})),
      C("aten::sum", sum(in.L, {}, false, kDouble)),
      C("aten::prod", prod(in.a)), C("aten::prod.dim_int", prod(in.a, 1)),
      C("aten::mean", mean(in.a)), C("aten::mean.dim", mean(in.a, {0}, true)),
      C("aten::max", max(in.a)), C("aten::min", min(in.a)),
      C("aten::max.dim", max(in.a, 1)), C("aten::min.dim", min(in.a, 1, true)),
      C("aten::amax", amax(in.a, {1})), C("aten::amin", amin(in.a)),
      C("aten::argmax", argmax(in.a)), C("aten::argmax", argmax(in.a, 1)),
      C("aten::argmin", argmin(in.a, 0, true)),
      C("aten::var.correction", var(in.a)), C("aten::std.correction", tjit::std(in.a, {1}, 0)),
      C("aten::var_mean.correction", var_mean(in.a)),
      C("aten::std_mean.correction", std_mean(in.a, {0})),
      C("aten::norm.Scalar", norm(in.a)), C("aten::norm.ScalarOpt_dim", norm(in.a, 1, {1})),
      C("aten::norm.Scalar", norm(in.a, "fro")),
      C("aten::norm.ScalarOpt_dim", norm(in.a, "fro", {1})),
      C("aten::all", all(in.B)), C("aten::all.dim", all(in.B, 0)), C("aten::any", any(in.B)),
      C("aten::any.dim", any(in.B, 0, true)), C("aten::equal", equal(in.a, in.b)),
      C("aten::logsumexp", logsumexp(in.a, {1})),
      C("aten::count_nonzero", count_nonzero(in.a)),
      C("aten::count_nonzero.dim_IntList", count_nonzero(in.a, {1})),
      C("aten::cumsum", cumsum(in.a, 1)), C("aten::cumprod", cumprod(in.a, 1, kDouble)),
      // indexing
      C("aten::index_select", index_select(in.a, 1, in.idx)),
      C("aten::gather", gather(in.a, 1, in.idx2)),
      C("aten::scatter.src", scatter(in.a, 1, in.idx2, in.src2)),
      C("aten::scatter.reduce", scatter(in.a, 1, in.idx2, in.src2, "add")),
      C("aten::scatter.value", scatter(in.a, 1, in.idx2, 1.0)),
      C("aten::scatter.value_reduce", scatter(in.a, 1, in.idx2, 2.0, "multiply")),
      C("aten::scatter_.src", scatter_(in.f, 1, in.idx2, in.src2)),
      C("aten::scatter_.reduce", scatter_(in.f, 1, in.idx2, in.src2, "add")),
      C("aten::scatter_.value", scatter_(in.f, 1, in.idx2, 1.0)),
      C("aten::scatter_.value_reduce", scatter_(in.f, 1, in.idx2, 2.0, "multiply")),
      C("aten::scatter_add", scatter_add(in.a, 1, in.idx2, in.src2)),
      C("aten::scatter_add_", scatter_add_(in.f, 1, in.idx2, in.src2)),
      C("aten::masked_fill.Scalar", masked_fill(in.a, in.mask, 0.0)),
      C("aten::masked_fill.Tensor", masked_fill(in.a, in.mask, in.zero0)),
      C("aten::masked_fill_.Scalar", masked_fill_(in.f, in.mask, 0.0)),
      C("aten::masked_fill_.Tensor", masked_fill_(in.f, in.mask, in.zero0)),
      C("aten::masked_select", masked_select(in.a, in.mask)),
      C("aten::nonzero", nonzero(in.a)), C("aten::nonzero_numpy", nonzero_tuple(in.a)),
      C("aten::take", take(in.a, in.idx)), C("aten::embedding", embedding(in.emb, in.idx)),
      C("aten::index.Tensor", index(in.a, {in.idx})),
      C("aten::index.Tensor", index(in.a, {std::nullopt, in.idx})),
      C("aten::index_put_", index_put_(in.f, {in.idx}, in.zero0)),
      C("aten::index_put", index_put(in.a, {in.idx}, in.zero0, true)),
      // extra: joining, scans, search, index ops, norms
      C("aten::tensor_split.sections", tensor_split(in.a, 2, 1)),
      C("aten::tensor_split.indices", tensor_split_indices(in.a, {1}, 1)),
      C("aten::tensor_split.tensor_indices_or_sections", tensor_split(in.a, in.sections, 1)),
      C("aten::cummax", cummax(in.a, 1)), C("aten::cummin", cummin(in.a, 1)),
      C("aten::logcumsumexp", logcumsumexp(in.a, 1)),
      C("aten::searchsorted.Tensor", searchsorted(in.sorted1, in.a)),
      C("aten::searchsorted.Scalar", searchsorted(in.sorted1, 2.5, true, false, "right")),
      C("aten::bucketize.Tensor", bucketize(in.a, in.sorted1)),
      C("aten::bucketize.Scalar", bucketize(2.5, in.sorted1, false, true)),
      C("aten::index_add", index_add(in.a, 1, in.idx, in.src2)),
      C("aten::index_add_", index_add_(in.f, 1, in.idx, in.src2, 2)),
      C("aten::index_fill.int_Scalar", index_fill(in.a, 1, in.idx, 0.0)),
      C("aten::index_fill.int_Tensor", index_fill(in.a, 1, in.idx, in.zero0)),
      C("aten::index_fill_.int_Scalar", index_fill_(in.f, 1, in.idx, 0.0)),
      C("aten::index_fill_.int_Tensor", index_fill_(in.f, 1, in.idx, in.zero0)),
      C("aten::masked_scatter", masked_scatter(in.a, in.mask, in.b)),
      C("aten::masked_scatter_", masked_scatter_(in.f, in.mask, in.b)),
      C("aten::repeat_interleave.Tensor", repeat_interleave(in.reps)),
      C("aten::repeat_interleave.self_Tensor", repeat_interleave(in.a, in.reps, 0)),
      C("aten::repeat_interleave.self_int", repeat_interleave(in.a, 2)),
      C("aten::_upsample_bilinear2d_aa.vec",
        upsample_antialias(in.aa, std::vector<std::int64_t>{2, 2}, "bilinear", false,
                           std::nullopt)),
      C("aten::_upsample_bicubic2d_aa.vec",
        upsample_antialias(in.aa, std::nullopt, "bicubic", true, std::vector<double>{0.5, 0.5})),
      C("aten::native_layer_norm", native_layer_norm(in.a, {3}, in.weight3, in.bias3, 1e-5)),
      C("aten::native_batch_norm",
        native_batch_norm(in.a, in.weight3, in.bias3, in.rm3, in.rv3, false, 0.1, 1e-5)),
      // nn: convolutions
      C("aten::conv1d", conv1d(in.x3, in.w3)), C("aten::conv2d", conv2d(in.x4, in.w4)),
      C("aten::conv3d", conv3d(in.x5, in.w5)),
      C("aten::conv1d.padding", conv1d(in.x3, in.w3, Tensor(), 1, "same")),
      C("aten::conv2d.padding", conv2d(in.x4, in.w4, Tensor(), 1, "valid")),
      C("aten::conv3d.padding", conv3d(in.x5, in.w5, Tensor(), 1, "same")),
      C("aten::conv_transpose1d", conv_transpose1d(in.x3, in.w3)),
      C("aten::conv_transpose2d.input", conv_transpose2d(in.x4, in.w4)),
      C("aten::conv_transpose3d.input", conv_transpose3d(in.x5, in.w5)),
      C("aten::convolution",
        convolution(in.x4, in.w4, Tensor(), {1, 1}, {0, 0}, {1, 1}, false, {0, 0}, 1)),
      C("aten::_convolution",
        _convolution(in.x4, in.w4, Tensor(), {1, 1}, {0, 0}, {1, 1}, false, {0, 0}, 1)),
      // nn: pooling
      C("aten::max_pool1d", max_pool1d(in.x3, {2})),
      C("aten::max_pool2d", max_pool2d(in.x4, {2, 2})),
      C("aten::max_pool3d", max_pool3d(in.x5, {1, 2, 2})),
      C("aten::max_pool1d_with_indices", max_pool1d_with_indices(in.x3, {2})),
      C("aten::max_pool2d_with_indices", max_pool2d_with_indices(in.x4, {2, 2})),
      C("aten::max_pool3d_with_indices", max_pool3d_with_indices(in.x5, {1, 2, 2})),
      C("aten::avg_pool1d", avg_pool1d(in.x3, {2})),
      C("aten::avg_pool2d", avg_pool2d(in.x4, {2, 2})),
      C("aten::avg_pool3d", avg_pool3d(in.x5, {1, 2, 2}, {}, 0, false, true, 3)),
      C("aten::adaptive_avg_pool1d", adaptive_avg_pool1d(in.x3, {2})),
      C("aten::adaptive_avg_pool2d", adaptive_avg_pool2d(in.x4, {2, 2})),
      C("aten::adaptive_avg_pool3d", adaptive_avg_pool3d(in.x5, {1, 2, 2})),
      C("aten::adaptive_max_pool1d", adaptive_max_pool1d(in.x3, {2})),
      C("aten::adaptive_max_pool2d", adaptive_max_pool2d(in.x4, {2, 2})),
      C("aten::adaptive_max_pool3d", adaptive_max_pool3d(in.x5, {1, 2, 2})),
      // nn: normalisation, softmax, dropout, resampling, padding
      C("aten::batch_norm",
        batch_norm(in.a, in.weight3, in.bias3, in.rm3, in.rv3, false, 0.1, 1e-5)),
      C("aten::layer_norm", layer_norm(in.a, {3})),
      C("aten::group_norm", group_norm(in.ps, 2)),
      C("aten::instance_norm",
        instance_norm(in.x4, Tensor(), Tensor(), Tensor(), Tensor(), true, 0.1, 1e-5)),
      C("aten::softmax.int", softmax(in.a, 1)),
      C("aten::log_softmax.int", log_softmax(in.a, 1, kDouble)),
      C("aten::dropout", dropout(in.a, 0.5, false)),
      C("aten::dropout_", dropout_(in.f, 0.5, false)),
      C("aten::feature_dropout", feature_dropout(in.x4, 0.5, false)),
      C("aten::alpha_dropout", alpha_dropout(in.a, 0.5, false)),
      C("aten::feature_alpha_dropout", feature_alpha_dropout(in.x4, 0.5, false)),
      C("aten::__interpolate.size_list_scale_list",
        interpolate(in.x4, std::vector<std::int64_t>{8, 8})),
      C("aten::__interpolate.size_list_scale_list",
        interpolate(in.x3, std::nullopt, std::vector<double>{2.0}, "linear", false)),
      C("aten::pad", pad(in.x3, {1, 1}, "reflect")),
      C("aten::constant_pad_nd", constant_pad_nd(in.x3, {1, 2}, 0.5)),
      C("aten::prelu", prelu(in.x4, in.prelu_w)),
      // random
      C("aten::uniform_", uniform_(in.f)), C("aten::normal_", normal_(in.f, 0, 2)),
      C("aten::random_.from", random_(in.f, 0, 5)), C("aten::random_.to", random_(in.f, 5)),
      C("aten::bernoulli_.Tensor", bernoulli_(in.f, in.p)),
      C("aten::rand", rand({2})), C("aten::rand", rand({2}, kDouble)),
      C("aten::randn", randn({2})), C("aten::randn", randn({2}, kDouble)),
      C("aten::normal.float_float", normal(0.0, 1.0, {2})),
      C("aten::randint.low", randint(1, 5, {2})), C("aten::randint", randint(5, {2})),
      C("aten::randperm", randperm(4)), C("aten::rand_like", rand_like(in.a)),
      C("aten::randn_like", randn_like(in.a, kDouble)),
      C("aten::randint_like.low_dtype", randint_like(in.a, 1, 5)),
      C("aten::randint_like", randint_like(in.a, 5)),
      C("aten::bernoulli", bernoulli(in.p)), C("aten::bernoulli.p", bernoulli(in.a, 0.3)),
      C("aten::multinomial", multinomial(in.probs, 2)),
      // recurrent
      C("aten::lstm.input",
        lstm(in.seq, {in.h0, in.c0}, in.lstm_w, true, 1, 0.0, false, false, false)),
      C("aten::lstm.data", lstm(in.data, in.batch_sizes, {in.h0, in.c0}, in.lstm_w, true, 1,
                                0.0, false, false)),
      C("aten::gru.input", gru(in.seq, in.h0, in.gru_w, true, 1, 0.0, false, false, false)),
      C("aten::gru.data",
        gru(in.data, in.batch_sizes, in.h0, in.gru_w, true, 1, 0.0, false, false)),
      C("aten::rnn_tanh.input",
        rnn_tanh(in.seq, in.h0, in.rnn_w, true, 1, 0.0, false, false, false)),
      C("aten::rnn_tanh.data",
        rnn_tanh(in.data, in.batch_sizes, in.h0, in.rnn_w, true, 1, 0.0, false, false)),
      C("aten::rnn_relu.input",
        rnn_relu(in.seq, in.h0, in.rnn_w, true, 1, 0.0, false, false, false)),
      C("aten::rnn_relu.data",
        rnn_relu(in.data, in.batch_sizes, in.h0, in.rnn_w, true, 1, 0.0, false, false)),
      C("aten::lstm_cell",
        lstm_cell(in.in2, {in.hc, in.hc}, in.lstm_w[0], in.lstm_w[1], in.lstm_w[2])),
      C("aten::gru_cell", gru_cell(in.in2, in.hc, in.gru_w[0], in.gru_w[1])),
      C("aten::rnn_tanh_cell", rnn_tanh_cell(in.in2, in.hc, in.rnn_w[0], in.rnn_w[1])),
      C("aten::rnn_relu_cell", rnn_relu_cell(in.in2, in.hc, in.rnn_w[0], in.rnn_w[1],
                                             in.rnn_w[2], in.rnn_w[3])),
      // attention
      C("aten::_masked_softmax", _masked_softmax(in.a, in.sm_mask, 1, 2)),
      C("aten::_transform_bias_rescale_qkv", _transform_bias_rescale_qkv(in.qkv, in.qkv_b, 1)),
      C("aten::_native_multi_head_attention",
        _native_multi_head_attention(in.q, in.q, in.q, 2, 1, in.qkv_w, in.qkv_b, in.proj_w,
                                     in.proj_b)),
      C("aten::_native_multi_head_attention",
        _native_multi_head_attention(in.q, in.q, in.q, 2, 1, in.qkv_w, in.qkv_b, in.proj_w,
                                     in.proj_b, Tensor(), false)),
      C("aten::_scaled_dot_product_attention", _scaled_dot_product_attention(in.q, in.q, in.q)),
  };
}

TEST_CASE("the schema check rejects records that do not fit") {
  using K = ArgKind;
  CHECK(check_record({"aten::no_such_op", {}, {}}) == "not in the registry");
  CHECK(check_record({"aten::add.Tensor", {K::Tensor, K::Tensor, K::Scalar}, {K::Tensor}}) == "");
  CHECK(check_record({"aten::add.Tensor", {K::Tensor, K::Tensor}, {K::Tensor}}) == "");
  CHECK(check_record({"aten::add.Tensor", {K::Tensor, K::Int}, {K::Tensor}}) != "");
  CHECK(check_record({"aten::add.Tensor", {K::Tensor}, {K::Tensor}}) != "");  // other omitted
  CHECK(check_record({"aten::add.Tensor", {K::Tensor, K::Tensor, K::Int, K::Int}, {K::Tensor}}) !=
        "");
  CHECK(check_record({"aten::max.dim", {K::Tensor, K::Int, K::Bool}, {K::Tensor}}) != "");
  CHECK(check_record({"aten::conv2d", {K::Tensor, K::Tensor, K::None, K::Int}, {K::Tensor}}) ==
        "");  // int[2] stride=1
  CHECK(check_record({"aten::cat", {K::TensorList, K::Int}, {K::Tensor}}) == "");
  CHECK(check_record({"aten::index.Tensor", {K::Tensor, K::TensorList}, {K::Tensor}}) != "");
  CHECK(check_record({"aten::split.Tensor", {K::Tensor, K::Int}, {K::Tensor}}) != "");
  CHECK(check_record({"aten::to.dtype", {K::Tensor, K::Int}, {K::Tensor}}) != "");  // not Dtype
}

TEST_CASE("every op records exactly one call, named and shaped by a registered schema") {
  Inputs in;
  std::vector<Case> all = cases(in);
  CHECK(all.size() >= 466);  // one call per op and overload (some twice)
  TestRecorder rec;
  for (const Case& c : all) {
    CAPTURE(c.expect);
    rec.records.clear();
    rec.data_reads = 0;
    {
      Tracing on(rec);
      c.run();
    }
    REQUIRE(rec.records.size() == 1);  // the ops it calls inside are not recorded
    const Record& r = rec.records[0];
    CHECK(r.op == c.expect);
    CHECK(rec.data_reads == 0);  // building the record reads no tensor data
    CHECK(check_record(r) == "");
  }
}

TEST_CASE("ops that have no TorchScript operator record nothing themselves") {
  Inputs in;
  TestRecorder rec;
  Tensor fl = rand({3});
  {
    Tracing on(rec);
    (void)from_blob(fl.data_ptr(), {3}, kFloat);  // no op
    bernoulli_(fl, 0.5);                           // aten::bernoulli_.float is not registered
    maximum_(fl, fl);                              // PyTorch has no in-place maximum
  }
  CHECK(rec.records.empty());
  // multi_head_attention_forward is Python in PyTorch: its pieces are recorded instead.
  rec.records.clear();
  Tensor x = rand({2, 1, 2});
  {
    Tracing on(rec);
    (void)multi_head_attention_forward(x, x, x, 2, 1, in.qkv_w, in.qkv_b, Tensor(), Tensor(),
                                       false, 0.0, in.proj_w, in.proj_b, false);
  }
  CHECK(rec.records.size() > 1);
  bool has_linear = false;
  for (const Record& r : rec.records) {
    CAPTURE(r.op);
    CHECK(check_record(r) == "");
    has_linear = has_linear || r.op == "aten::linear";
  }
  CHECK(has_linear);
}

TEST_CASE("operators record the op they forward to") {
  Inputs in;
  TestRecorder rec;
  {
    Tracing on(rec);
    (void)(in.a + in.b);
    (void)(2 - in.a);
    (void)(in.a < 0.5);
  }
  REQUIRE(rec.records.size() == 3);
  CHECK(rec.records[0].op == "aten::add.Tensor");
  CHECK(rec.records[1].op == "aten::rsub.Scalar");
  CHECK(rec.records[2].op == "aten::lt.Scalar");
}

TEST_CASE("without a recorder nothing is recorded and results are unchanged") {
  Inputs in;
  TestRecorder rec;
  REQUIRE(tracing::current_recorder == nullptr);
  auto compute = [&] {
    return std::vector<Tensor>{linear(in.a, in.lin_w, in.lin_b),
                               sum(in.a, {1}),
                               conv2d(in.x4, in.w4),
                               std::get<0>(sort(in.a)),
                               softmax(in.a, 0),
                               cat({in.a, in.b}, 1),
                               where(in.mask, in.a, 0),
                               index(in.a, {in.idx})};
  };
  std::vector<Tensor> plain = compute();
  CHECK(rec.records.empty());
  std::vector<Tensor> traced;
  {
    Tracing on(rec);
    traced = compute();
  }
  CHECK(rec.records.size() == plain.size());
  std::vector<Tensor> again = compute();
  CHECK(rec.records.size() == plain.size());  // nothing more once the recorder is gone
  REQUIRE(traced.size() == plain.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    CAPTURE(i);
    CHECK(equal(traced[i], plain[i]));
    CHECK(equal(again[i], plain[i]));
    CHECK(traced[i].scalar_type() == plain[i].scalar_type());
  }
  // In-place ops return their argument, traced or not.
  Tensor f1 = clone(in.a), f2 = clone(in.a);
  Tensor* r1 = &add_(f1, 1);
  Tensor* r2 = nullptr;
  {
    Tracing on(rec);
    r2 = &add_(f2, 1);
  }
  CHECK(r1 == &f1);
  CHECK(r2 == &f2);
  CHECK(equal(f1, f2));
}

#undef C
#undef UNARY
#undef BINARY

}  // namespace
}  // namespace tjit
