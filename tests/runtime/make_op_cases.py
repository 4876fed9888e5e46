"""Reference cases for tjit's tensor operator tables: each case names an operator overload
(`aten::add.Tensor`), the arguments PyTorch 1.13's `torch.ops.aten.add.Tensor(...)` got, and
what it returned. Also writes PyTorch's full schema list (one per line) for the schema test.

Usage: make_op_cases.py CASES_OUT SCHEMAS_OUT   (run with /usr/bin/python3)

Field conventions (tests/runtime/op_ref_test.cpp reads them):
  op s <qualified name>, n i <argument count>, a0.. the arguments, nr i <result count>, r0.. results
  dtypes travel as ints (ScalarType numbers), memory formats and layouts as ints;
  a<k>_dev s: argument k is a Device (its field is the device string);
  a<k>_none li: argument k is a Tensor?[] whose listed positions are None;
  inplace b 1: result 0 must be argument 0 itself; shape_only b 1: values are not compared (empty);
  rtol f / atol f: tolerance for floating results (default per dtype);
  seed i: torch.manual_seed(seed) right before the call (random ops, bit-exact);
  a<k>_gen b 1: argument k is a torch.Generator seeded with the int in field a<k>.
"""

import sys

import torch

from refcases import Writer

DTYPE_NUM = {
    torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4,
    torch.float16: 5, torch.float32: 6, torch.float64: 7, torch.bool: 11, torch.bfloat16: 15,
}


class Dev:
    def __init__(self, s):
        self.s = s


class Gen:
    def __init__(self, seed):
        self.seed = seed


class OptList:
    def __init__(self, items):
        self.items = items


def resolve(op):
    ns, rest = op.split("::")
    name, _, overload = rest.partition(".")
    packet = getattr(getattr(torch.ops, ns), name)
    return getattr(packet, overload or "default")


def clone(v):
    if isinstance(v, torch.Tensor):
        return v.clone()
    if isinstance(v, list) and v and all(isinstance(x, torch.Tensor) for x in v):
        return [x.clone() for x in v]
    if isinstance(v, OptList):
        return [None if x is None else x.clone() for x in v.items]
    if isinstance(v, Dev):
        return torch.device(v.s)
    if isinstance(v, Gen):
        return torch.Generator().manual_seed(v.seed)
    if isinstance(v, torch.dtype):
        return v
    return v


def encode(fields, key, v):
    if isinstance(v, torch.dtype):
        fields[key] = DTYPE_NUM[v]
    elif isinstance(v, Dev):
        fields[key] = v.s
        fields[key + "_dev"] = v.s
    elif isinstance(v, torch.device):
        fields[key] = str(v)
        fields[key + "_dev"] = str(v)
    elif isinstance(v, Gen):
        fields[key] = v.seed
        fields[key + "_gen"] = True
    elif isinstance(v, OptList):
        fields[key] = [torch.zeros(1) if x is None else x for x in v.items]
        fields[key + "_none"] = [i for i, x in enumerate(v.items) if x is None]
    elif isinstance(v, torch.memory_format):
        fields[key] = {torch.contiguous_format: 0, torch.preserve_format: 1}[v]
    elif isinstance(v, tuple):
        fields[key] = list(v)
    else:
        fields[key] = v


class Cases:
    def __init__(self, w):
        self.w = w
        self.n = 0
        self.ops = set()

    def __call__(self, op, *args, inplace=False, shape_only=False, rtol=None, atol=None, seed=None):
        fn = resolve(op)
        # torch.ops takes keyword-only schema arguments by keyword only.
        pos, kw = [], {}
        for formal, a in zip(fn._schema.arguments, args):
            if formal.kwarg_only:
                kw[formal.name] = clone(a)
            else:
                pos.append(clone(a))
        if seed is not None:
            torch.manual_seed(seed)
        out = fn(*pos, **kw)
        fields = {"op": op, "n": len(args)}
        for i, a in enumerate(args):
            encode(fields, f"a{i}", a)
        results = list(out) if isinstance(out, tuple) else [out]
        fields["nr"] = len(results)
        for i, r in enumerate(results):
            encode(fields, f"r{i}", r)
        if inplace:
            fields["inplace"] = True
        if shape_only:
            fields["shape_only"] = True
        if seed is not None:
            fields["seed"] = seed
        if rtol is not None:
            fields["rtol"] = rtol
            fields["atol"] = atol if atol is not None else rtol
        self.w.case(f"{self.n}_{op.replace('::', '.')}", **fields)
        self.n += 1
        self.ops.add(op)


# Inputs are written contiguous (refcases), so cases about strides use contiguous inputs. The JIT-only
# overloads to.prim_dtype/prim_other with a dtype and full() with a bool value are not called here:
# torch.ops resolves their Python arguments differently from TorchScript.
def make(c):
    torch.manual_seed(0)
    x = torch.randn(3, 4)
    y = torch.randn(3, 4)
    pos = torch.rand(3, 4) + 0.5
    unit = torch.rand(3, 4) * 1.8 - 0.9
    big = torch.rand(3, 4) + 1.5
    xi = torch.randint(-9, 10, (3, 4))
    yi = torch.randint(1, 6, (3, 4))
    b1 = torch.rand(3, 4) > 0.5
    b2 = torch.rand(3, 4) > 0.5
    row = torch.randn(4)

    # --- pointwise -----------------------------------------------------------------------------
    for op in ["add", "sub"]:
        c(f"aten::{op}.Tensor", x, y, 2)
        c(f"aten::{op}.Tensor", xi, row, 1)
        c(f"aten::{op}.Scalar", x, 1.5, 2)
        c(f"aten::{op}.Scalar", xi, 3, 1)
        c(f"aten::{op}_.Tensor", x, y, 0.5, inplace=True)
        c(f"aten::{op}_.Scalar", xi, 2, 3, inplace=True)
    c("aten::rsub.Tensor", x, y, 2)
    c("aten::rsub.Scalar", x, 3, 1)
    c("aten::mul.Tensor", x, y)
    c("aten::mul.Tensor", xi, b1)
    c("aten::mul.Scalar", xi, 2.5)
    c("aten::mul_.Tensor", x, y, inplace=True)
    c("aten::mul_.Scalar", x, 3, inplace=True)
    c("aten::div.Tensor", x, pos)
    c("aten::div.Tensor", xi, yi)
    c("aten::div.Scalar", xi, 4)
    c("aten::div.Tensor_mode", xi, yi, "floor")
    c("aten::div.Tensor_mode", x, pos, "trunc")
    c("aten::div.Scalar_mode", xi, -4, "floor")
    c("aten::div.Tensor_mode", x, pos, None)
    c("aten::div_.Tensor", x, pos, inplace=True)
    c("aten::div_.Scalar", x, 2, inplace=True)
    c("aten::div_.Tensor_mode", xi, yi, "trunc", inplace=True)
    c("aten::div_.Scalar_mode", x, 0.7, "floor", inplace=True)
    c("aten::true_divide.Tensor", xi, yi)
    c("aten::true_divide.Scalar", xi, 3)
    c("aten::floor_divide", xi, yi)
    c("aten::floor_divide.Scalar", x, 0.3)
    c("aten::floor_divide_.Tensor", xi, yi, inplace=True)
    c("aten::pow.Tensor_Tensor", pos, x)
    c("aten::pow.Tensor_Scalar", x, 2)
    c("aten::pow.Tensor_Scalar", xi, 3)
    c("aten::pow.Scalar", 2, x)
    c("aten::pow.Scalar", 2.5, xi)
    c("aten::pow_.Scalar", pos, 0.5, inplace=True)
    c("aten::pow_.Tensor", pos, y, inplace=True)
    for op in ["remainder", "fmod"]:
        c(f"aten::{op}.Tensor", xi, yi)
        c(f"aten::{op}.Tensor", x, pos)
        c(f"aten::{op}.Scalar", x, 0.7)
        c(f"aten::{op}_.Tensor", xi, yi, inplace=True)
        c(f"aten::{op}_.Scalar", x, -1.3, inplace=True)
    c("aten::remainder.Scalar_Tensor", 7, yi)
    c("aten::remainder.Scalar_Tensor", 2.5, pos)
    c("aten::atan2", x, y)
    c("aten::atan2_", x, y, inplace=True)
    c("aten::maximum", x, y)
    c("aten::minimum", xi, x)
    for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
        c(f"aten::{op}.Tensor", xi, yi)
        c(f"aten::{op}.Tensor", b1, b2)
        c(f"aten::{op}.Scalar", xi, 6)
        c(f"aten::{op}.Scalar_Tensor", 5, xi)
        c(f"aten::{op}_.Tensor", xi, yi, inplace=True)
        c(f"aten::{op}_.Scalar", xi, 5, inplace=True)
    for op, bw in [("and", "and"), ("or", "or"), ("xor", "xor")]:
        c(f"aten::__{op}__.Tensor", b1, b2)
        c(f"aten::__{op}__.Scalar", xi, 3)
        c(f"aten::__i{op}__.Tensor", xi, yi, inplace=True)
    for op in ["logical_and", "logical_or", "logical_xor"]:
        c(f"aten::{op}", x, b1)
        c(f"aten::{op}_", xi, b2, inplace=True)
    for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
        c(f"aten::{op}.Tensor", x, y)
        c(f"aten::{op}.Tensor", xi, row)
        c(f"aten::{op}.Scalar", xi, 2)
        c(f"aten::{op}.Scalar", x, 0.25)
        c(f"aten::{op}_.Tensor", x, y, inplace=True)
        c(f"aten::{op}_.Scalar", xi, 1, inplace=True)
    unary_inputs = {
        "log": pos, "log2": pos, "log10": pos, "log1p": pos, "sqrt": pos, "rsqrt": pos,
        "asin": unit, "acos": unit, "atanh": unit, "acosh": big, "lgamma": pos,
        "reciprocal": pos,
    }
    for op in ["exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "rsqrt", "sin",
               "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
               "atanh", "sigmoid", "erf", "erfc", "lgamma", "reciprocal", "silu", "mish",
               "hardsigmoid", "hardswish", "selu", "abs", "floor", "ceil", "trunc", "round",
               "frac", "sign", "neg", "relu", "relu6"]:
        inp = unary_inputs.get(op, x * 3)
        c(f"aten::{op}", inp)
        c(f"aten::{op}_", inp, inplace=True)
    for op in ["exp", "sqrt", "sigmoid", "abs", "neg", "relu", "sign"]:
        c(f"aten::{op}", xi)
    c("aten::bitwise_not", xi)
    c("aten::bitwise_not", b1)
    c("aten::bitwise_not_", xi, inplace=True)
    for op in ["absolute", "negative", "fix", "sgn", "square"]:
        c(f"aten::{op}", x * 3)
        c(f"aten::{op}_", x * 3, inplace=True)
    c("aten::square", xi)
    c("aten::logical_not", x)
    c("aten::logical_not_", xi, inplace=True)
    nanx = torch.tensor([1.0, float("nan"), float("inf"), -float("inf"), 0.0])
    c("aten::isnan", nanx)
    c("aten::isinf", nanx)
    c("aten::isfinite", nanx)
    c("aten::log_sigmoid", x)
    c("aten::clamp", x, -0.5, 0.5)
    c("aten::clamp", xi, None, 3)
    c("aten::clamp_", x, -0.2, None, inplace=True)
    c("aten::clamp.Tensor", x, y, None)
    c("aten::clamp.Tensor", x, -row.abs(), row.abs())
    c("aten::clamp_.Tensor", x, None, y, inplace=True)
    c("aten::clamp_min", x, 0.1)
    c("aten::clamp_min.Tensor", x, y)
    c("aten::clamp_max", xi, 2)
    c("aten::clamp_max.Tensor", x, y)
    c("aten::clamp_min_", x, 0.0, inplace=True)
    c("aten::clamp_max_", x, 0.0, inplace=True)
    c("aten::clip", x, -1, 1)
    c("aten::clip_", x, -1, 1, inplace=True)
    c("aten::clip.Tensor", x, y, None)
    c("aten::hardtanh", x * 2, -1.5, 1.5)
    c("aten::hardtanh_", x * 2, -1, 1, inplace=True)
    c("aten::leaky_relu", x, 0.2)
    c("aten::leaky_relu_", x, 0.01, inplace=True)
    c("aten::elu", x, 1.5, 1, 1)
    c("aten::elu_", x, 1.0, 1, 1, inplace=True)
    c("aten::celu", x, 2.0)
    c("aten::celu_", x, 1.0, inplace=True)
    c("aten::gelu", x, "none")
    c("aten::gelu", x, "tanh")
    c("aten::gelu_", x, "none", inplace=True)
    c("aten::softplus", x, 2, 1)
    c("aten::threshold", x, 0.1, -5.0)
    c("aten::threshold_", xi, 0, 7, inplace=True)
    c("aten::where.self", b1, x, y)
    c("aten::where.ScalarOther", b1, x, 0.0)
    c("aten::where.ScalarSelf", b1, 1, xi)
    c("aten::where.Scalar", b1, 1.5, 2.5)
    c("aten::where", b1)
    c("aten::to.dtype", x, torch.float64, False, False, None)
    c("aten::to.dtype", x * 5, torch.int32, False, True, None)
    c("aten::to.device", xi, Dev("cpu"), torch.float32, False, False, None)
    c("aten::to.other", xi, x, False, False, None)
    c("aten::to.dtype_layout", x, torch.float16, None, None, None, False, False, None)
    c("aten::to.prim_Device", x, Dev("cpu"), 4, False, False)
    c("aten::type_as", xi, x)

    # --- reductions ----------------------------------------------------------------------------
    z = torch.randn(2, 3, 4)
    zi = torch.randint(-5, 6, (2, 3, 4))
    c("aten::sum", z, None)
    c("aten::sum", zi, None)
    c("aten::sum", b1, torch.float64)
    c("aten::sum.dim_IntList", z, [1], False, None)
    c("aten::sum.dim_IntList", zi, [0, 2], True, None)
    c("aten::sum.dim_IntList", z, None, False, torch.float64)
    c("aten::mean", z, None)
    c("aten::mean.dim", z, [-1], True, None)
    c("aten::mean.dim", zi, [1], False, torch.float32)
    c("aten::prod", z, None)
    c("aten::prod", zi, torch.float64)
    c("aten::prod.dim_int", z, 1, True, None)
    c("aten::max", z)
    c("aten::max.dim", z, 1, False)
    c("aten::max.dim", zi, -1, True)
    c("aten::max.other", x, y)
    c("aten::min", zi)
    c("aten::min.dim", z, 2, False)
    c("aten::min.other", x, y)
    c("aten::amax", z, [0, 1], False)
    c("aten::amin", zi, [2], True)
    c("aten::argmax", z, None, False)
    c("aten::argmax", z, 1, True)
    c("aten::argmin", zi, 2, False)
    c("aten::var", z, True)
    c("aten::var.dim", z, [1], False, True)
    c("aten::var.correction", z, [0, 2], 0, False)
    c("aten::var.correction", z, None, None, False)
    c("aten::std", z, False)
    c("aten::std.dim", z, [2], True, False)
    c("aten::std.correction", z, [1], 2, True)
    c("aten::var_mean", z, True)
    c("aten::var_mean.dim", z, [1], True, False)
    c("aten::var_mean.correction", z, [1], 0, True)
    c("aten::std_mean", z, False)
    c("aten::std_mean.dim", z, [0], True, True)
    c("aten::std_mean.correction", z, None, 1, False)
    c("aten::norm.Scalar", z, 2)
    c("aten::norm.Scalar", z, 1)
    c("aten::norm.ScalarOpt_dim", z, 3, [1], False)
    c("aten::norm.ScalarOpt_dim", z, None, [2], True)
    c("aten::norm.ScalarOpt_dim_dtype", z, 2, [1], False, torch.float64)
    c("aten::norm.ScalarOpt_dtype", z, float("inf"), torch.float64)
    c("aten::all", b1)
    c("aten::all", xi)
    c("aten::all.dim", b1, 1, False)
    c("aten::any", b1)
    c("aten::any.dim", xi, 0, True)
    c("aten::logsumexp", z, [1], False)
    c("aten::logsumexp", z, [0, 2], True)
    c("aten::count_nonzero.dim_IntList", zi, [1])
    c("aten::count_nonzero", zi, None)
    c("aten::count_nonzero", zi, 2)
    c("aten::cumsum", z, 1, None)
    c("aten::cumsum", zi, 2, None)
    c("aten::cumsum", zi, 0, torch.float64)
    c("aten::cumprod", z, -1, None)
    c("aten::cumsum_", z, 1, None, inplace=True)
    c("aten::cumprod_", z, 0, None, inplace=True)
    s = torch.tensor([[3.0, 1.0, 2.0, 1.0], [0.5, -1.0, 7.0, 0.5]])
    c("aten::sort", s, -1, False)
    c("aten::sort", s, 0, True)
    c("aten::sort.stable", s, True, 1, True)
    c("aten::argsort", s, 1, True)
    c("aten::argsort.stable", s, True, -1, False)
    c("aten::topk", z, 2, -1, True, True)
    c("aten::topk", z, 1, 1, False, True)
    c("aten::kthvalue", z, 2, -1, False)
    c("aten::median", z)
    c("aten::median.dim", z, 1, True)
    u = torch.tensor([3, 1, 2, 1, 3, 3, 0])
    c("aten::_unique2", u, True, True, True)
    c("aten::_unique2", u, True, False, False)
    c("aten::_unique", u, True, True)
    c("aten::unique_consecutive", u, True, True, None)
    c("aten::unique_consecutive", u, False, False, None)

    # --- shape and indexing --------------------------------------------------------------------
    c("aten::view", z, [4, 6])
    c("aten::view", z, [-1])
    c("aten::view_as", z, x.new_zeros(6, 4))
    c("aten::reshape", z.transpose(0, 2), [6, -1])
    c("aten::reshape_as", z, x.new_zeros(4, 6))
    c("aten::_reshape_alias", z, [6, 4], [4, 1])
    c("aten::expand", row, [3, 4], False)
    c("aten::expand", torch.randn(3, 1), [2, -1, 5], False)
    c("aten::expand_as", row, x)
    c("aten::permute", z, [2, 0, 1])
    c("aten::transpose.int", z, 0, 2)
    c("aten::swapaxes", z, 1, 2)
    c("aten::swapdims", z, 0, 1)
    c("aten::t", x)
    c("aten::mT", z)
    c("aten::numpy_T", z)
    c("aten::select.int", z, 1, -1)
    c("aten::slice.Tensor", z, 2, 1, None, 2)
    c("aten::slice.Tensor", z, 0, None, 1, 1)
    c("aten::slice.Tensor", z, 1, -2, 9223372036854775807, 1)
    c("aten::narrow", z, 2, 1, 2)
    c("aten::narrow.Tensor", z, 1, torch.tensor(1), 2)
    c("aten::squeeze", torch.randn(1, 3, 1, 2))
    c("aten::squeeze.dim", torch.randn(1, 3, 1, 2), 2)
    c("aten::unsqueeze", z, -1)
    c("aten::flatten.using_ints", z, 1, -1)
    c("aten::unflatten.int", z, 2, [2, 2])
    c("aten::diagonal", z, 1, 1, 2)
    c("aten::as_strided", z, [2, 2], [1, 4], 1)
    c("aten::as_strided", z, [3], [2], None)
    c("aten::alias", z)
    c("aten::movedim.intlist", z, [0, 1], [2, 0])
    c("aten::movedim.int", z, 0, -1)
    c("aten::moveaxis.int", z, 2, 0)
    c("aten::split.Tensor", z, 2, 2)
    c("aten::split.sizes", z, [1, 3], -1)
    c("aten::split", z, [2, 1], 1)
    c("aten::split_with_sizes", z, [1, 1], 0)
    c("aten::unsafe_split.Tensor", z, 3, 2)
    c("aten::chunk", z, 3, 2)
    c("aten::unbind.int", z, 1)
    c("aten::cat", [x, y, xi], 0)
    c("aten::cat", [z, z], -1)
    c("aten::concat", [x, y], 1)
    c("aten::stack", [x, y], 1)
    c("aten::hstack", [x, y])
    c("aten::vstack", [row, row])
    c("aten::repeat", x, [2, 1, 3])
    c("aten::tile", x, [2])
    c("aten::flip", z, [0, 2])
    c("aten::roll", z, [1, -1], [1, 2])
    c("aten::roll", x, [3], [])
    c("aten::tril", x, 0)
    c("aten::triu", z, -1)
    c("aten::tril_", x, 1, inplace=True)
    c("aten::triu_", x, 0, inplace=True)
    idx = torch.tensor([2, 0, 2])
    c("aten::index_select", x, 0, idx)
    c("aten::index_select", x, 1, idx)
    gi = torch.randint(0, 4, (3, 2))
    c("aten::gather", x, 1, gi, False)
    src = torch.randn(3, 2)
    c("aten::scatter.src", x, 1, gi, src)
    c("aten::scatter.value", x, 1, gi, 9.5)
    c("aten::scatter.reduce", x, 1, gi, src, "add")
    c("aten::scatter.value_reduce", x, 1, gi, 2.0, "multiply")
    c("aten::scatter_.src", x, 1, gi, src, inplace=True)
    c("aten::scatter_.value", xi, 1, gi, 7, inplace=True)
    c("aten::scatter_.reduce", x, 1, gi, src, "multiply", inplace=True)
    c("aten::scatter_.value_reduce", x, 1, gi, 1.5, "add", inplace=True)
    c("aten::scatter_add", x, 1, gi, src)
    c("aten::scatter_add_", x, 1, gi, src, inplace=True)
    c("aten::masked_fill.Scalar", x, b1, -1.0)
    c("aten::masked_fill.Tensor", xi, b1, torch.tensor(5))
    c("aten::masked_fill.Scalar", x, b1[0], 3)
    c("aten::masked_fill_.Scalar", x, b1, 0.5, inplace=True)
    c("aten::masked_fill_.Tensor", x, b2, torch.tensor(2.0), inplace=True)
    c("aten::masked_select", x, b1)
    c("aten::nonzero", xi)
    c("aten::nonzero_numpy", xi)
    c("aten::take", x, torch.tensor([[0, 11], [5, 3]]))
    c("aten::index.Tensor", z, OptList([None, torch.tensor([2, 0])]))
    c("aten::index.Tensor", z, OptList([torch.tensor([1, 0]), None, torch.tensor([3, 1])]))
    c("aten::index.Tensor", x, OptList([b1]))
    c("aten::index.Tensor_hacked_twin", z, [torch.tensor([1, 0, 1])])
    c("aten::index_put_", x, OptList([torch.tensor([0, 2])]), torch.tensor(7.0), False, inplace=True)
    c("aten::index_put_", x, OptList([None, torch.tensor([1, 1])]), torch.ones(3, 2), True, inplace=True)
    c("aten::index_put_.hacked_twin", x, [b1], torch.tensor(0.0), False, inplace=True)
    c("aten::index_put", xi, OptList([torch.tensor([2, 2]), torch.tensor([0, 0])]), torch.tensor([1, 2]), True)
    c("aten::index_put.hacked_twin", x, [torch.tensor([1])], row, False)

    # --- nn ------------------------------------------------------------------------------------
    img = torch.randn(2, 4, 7, 6)
    w2 = torch.randn(6, 2, 3, 3)
    bias6 = torch.randn(6)
    seq = torch.randn(2, 4, 9)
    w1 = torch.randn(6, 4, 3)
    vol = torch.randn(1, 2, 4, 5, 4)
    w3 = torch.randn(3, 2, 2, 3, 2)
    c("aten::conv1d", seq, w1, bias6, [2], [1], [1], 1)
    c("aten::conv1d.padding", seq, w1, None, [1], "same", [2], 1)
    c("aten::conv2d", img, w2, bias6, [1, 2], [1, 0], [1, 1], 2)
    c("aten::conv2d", img, torch.randn(3, 4, 1, 1), None, [1, 1], [0, 0], [1, 1], 1)
    c("aten::conv2d.padding", img, w2, bias6, [1, 1], "valid", [1, 1], 2)
    c("aten::conv3d", vol, w3, None, [1, 1, 1], [1, 0, 1], [1, 1, 1], 1)
    c("aten::conv3d.padding", vol, w3, torch.randn(3), [1, 1, 1], "same", [1, 1, 1], 1)
    c("aten::conv_transpose1d", seq, torch.randn(4, 3, 3), None, [2], [1], [1], 1, [1])
    c("aten::conv_transpose2d.input", img, torch.randn(4, 2, 3, 2), torch.randn(4), [2, 1], [1, 0], [0, 0], 2, [1, 1])
    c("aten::conv_transpose3d.input", vol, torch.randn(2, 2, 2, 2, 2), None, [1, 1, 1], [0, 0, 0], [0, 0, 0], 1, [1, 1, 1])
    c("aten::convolution", img, w2, bias6, [1, 1], [1, 1], [1, 1], False, [0, 0], 2)
    c("aten::_convolution", img, w2, None, [2, 2], [0, 1], [1, 1], False, [0, 0], 2, False, False, True, True)
    c("aten::_convolution.deprecated", img, w2, bias6, [1, 1], [0, 0], [2, 1], False, [0, 0], 2, False, False, True)
    c("aten::max_pool1d", seq, [3], [2], [1], [1], False)
    c("aten::max_pool2d", img, [3, 2], [2, 2], [1, 0], [1, 1], True)
    c("aten::max_pool2d", img, [2, 2], [], [0, 0], [1, 1], False)
    c("aten::max_pool1d_with_indices", seq, [2], [2], [0], [1], False)
    c("aten::max_pool2d_with_indices", img, [3, 3], [2, 2], [1, 1], [1, 1], False)
    c("aten::avg_pool1d", seq, [3], [2], [1], False, True)
    c("aten::avg_pool2d", img, [3, 2], [2, 2], [1, 0], True, False, None)
    c("aten::avg_pool2d", img, [2, 2], [], [0, 0], False, True, 3)
    c("aten::adaptive_avg_pool1d", seq, [4])
    c("aten::adaptive_avg_pool2d", img, [3, 4])
    c("aten::_adaptive_avg_pool2d", img, [1, 1])
    c("aten::adaptive_max_pool1d", seq, [3])
    c("aten::adaptive_max_pool2d", img, [2, 3])
    rm, rv = torch.randn(4), torch.rand(4) + 0.5
    c("aten::batch_norm", img, torch.randn(4), torch.randn(4), rm, rv, False, 0.1, 1e-5, True)
    c("aten::batch_norm", img, None, None, None, None, True, 0.1, 1e-5, True)
    c("aten::layer_norm", img, [7, 6], torch.randn(7, 6), torch.randn(7, 6), 1e-5, True)
    c("aten::layer_norm", img, [6], None, None, 1e-3, True)
    c("aten::group_norm", img, 2, torch.randn(4), torch.randn(4), 1e-5, True)
    c("aten::instance_norm", img, torch.randn(4), None, None, None, True, 0.1, 1e-5, True)
    c("aten::softmax.int", z, 1, None)
    c("aten::softmax.int", zi, -1, torch.float64)
    c("aten::log_softmax.int", z, 2, None)
    c("aten::_softmax", z, 0, False)
    c("aten::_log_softmax", z, -1, False)
    c("aten::dropout", x, 0.5, False)
    c("aten::dropout_", x, 0.3, False, inplace=True)
    c("aten::feature_dropout", img, 0.5, False)
    c("aten::alpha_dropout", x, 0.5, False)
    c("aten::feature_alpha_dropout", img, 0.2, False)
    c("aten::linear", x, torch.randn(5, 4), torch.randn(5))
    c("aten::linear", z, torch.randn(2, 4), None)
    c("aten::matmul", z, torch.randn(4, 5))
    c("aten::matmul", row, x.t())
    c("aten::matmul", torch.randn(2, 1, 3, 4), torch.randn(3, 4, 2))
    c("aten::mm", x, y.t())
    c("aten::bmm", z, torch.randn(2, 4, 3))
    c("aten::addmm", torch.randn(3), x, torch.randn(4, 3), 0.5, 2)
    c("aten::mv", x, row)
    c("aten::addmv", torch.randn(3), x, row, 1, 1)
    c("aten::dot", row, row * 2)
    c("aten::outer", row, torch.randn(3))
    c("aten::baddbmm", torch.randn(2, 3, 3), z, torch.randn(2, 4, 3), 1, 0.5)
    small = torch.randn(1, 2, 3, 4)
    c("aten::upsample_nearest1d.vec", seq, [13], None)
    c("aten::upsample_nearest1d.vec", seq, None, [2.0])
    c("aten::upsample_nearest2d.vec", small, [5, 7], None)
    c("aten::upsample_nearest2d.vec", small, None, [2.0, 1.5])
    c("aten::_upsample_nearest_exact2d.vec", small, [5, 7], None)
    c("aten::upsample_linear1d.vec", seq, [5], True, None)
    c("aten::upsample_bilinear2d.vec", small, [6, 5], False, None)
    c("aten::upsample_bilinear2d.vec", small, None, True, [2.0, 2.0])
    c("aten::upsample_bicubic2d.vec", small, [6, 8], False, None)
    c("aten::upsample_nearest2d", small, [6, 8], None, None)
    c("aten::upsample_bilinear2d", small, [4, 9], True, None, None)
    c("aten::pad", small, [1, 2], "constant", 0.5)
    c("aten::pad", small, [1, 2, 2, 1], "reflect", None)
    c("aten::pad", small, [2, 2, 1, 1], "replicate", None)
    c("aten::pad", small, [1, 1, 1, 1], "circular", None)
    c("aten::constant_pad_nd", small, [1, 0, 0, 2], -1)
    c("aten::reflection_pad1d", seq, [2, 3])
    c("aten::reflection_pad2d", small, [1, 1, 2, 0])
    c("aten::replication_pad1d", seq, [3, 0])
    c("aten::replication_pad2d", small, [0, 2, 1, 1])
    c("aten::prelu", img, torch.rand(4))
    c("aten::embedding", torch.randn(10, 3), torch.tensor([[1, 4], [9, 0]]), -1, False, False)
    c("aten::pixel_shuffle", torch.randn(1, 8, 2, 3), 2)
    c("aten::pixel_unshuffle", torch.randn(1, 2, 4, 6), 2)
    c("aten::channel_shuffle", torch.randn(1, 6, 2, 2), 3)
    c("aten::native_channel_shuffle", torch.randn(1, 6, 2, 2), 2)

    # --- misc: factories, copies, attributes ---------------------------------------------------
    c("aten::zeros", [2, 3], None, None, None, None)
    c("aten::zeros", [4], torch.int32, None, Dev("cpu"), False)
    c("aten::ones", [2, 1, 3], torch.float64, 0, None, None)
    c("aten::empty.memory_format", [3, 2], torch.int64, None, None, None, None, shape_only=True)
    c("aten::full", [2, 3], 1.5, None, None, None, None)
    c("aten::full", [2, 3], 7, None, None, None, None)
    c("aten::full", [2, 2], 3, torch.float16, None, None, None)
    c("aten::arange", 5, None, None, None, None)
    c("aten::arange", 4.5, None, None, None, None)
    c("aten::arange.start", 2, 9, torch.float64, None, None, None)
    c("aten::arange.start_step", 1, 2.5, 0.25, None, None, None, None)
    c("aten::arange.start_step", 10, 0, -3, None, None, None, None)
    c("aten::linspace", -1, 1, 7, None, None, None, None)
    c("aten::linspace", 0, 10, 5, torch.int64, None, None, None)
    c("aten::eye", 3, None, None, None, None)
    c("aten::eye.m", 2, 4, torch.int64, None, None, None)
    c("aten::zeros_like", xi, None, None, None, None, None)
    c("aten::ones_like", x, torch.int8, None, None, None, None)
    c("aten::empty_like", z, None, None, None, None, torch.preserve_format, shape_only=True)
    c("aten::full_like", x, 2, None, None, None, None, None)
    c("aten::full_like", xi, 2.5, torch.float64, None, None, None, None)
    c("aten::new_zeros", xi, [2, 2], None, None, None, None)
    c("aten::new_ones", x, [3], torch.bool, None, None, None)
    c("aten::new_full", x, [1, 2], 4, None, None, None, None)
    c("aten::new_empty", x, [5], None, None, None, None, shape_only=True)
    c("aten::scalar_tensor", 3.5, None, None, None, None)
    c("aten::scalar_tensor", 2, torch.int64, None, None, None)
    c("aten::_dim_arange", z, 2)
    c("aten::tensor.float", 1.25, None, None, False)
    c("aten::tensor.int", 7, None, None, False)
    c("aten::tensor.bool", True, None, None, False)
    c("aten::tensor.int", 7, torch.float64, None, False)
    c("aten::as_tensor.float", 2.5, None, None)
    c("aten::as_tensor", xi, torch.float32, None)
    c("aten::as_tensor", x, None, None)
    c("aten::clone", z.transpose(0, 1), None)
    c("aten::contiguous", z.transpose(1, 2), 0)
    c("aten::_to_copy", x, torch.float64, None, None, None, False, None)
    c("aten::copy_", x, xi, False, inplace=True)
    c("aten::copy_", xi, row, False, inplace=True)
    c("aten::copy_.Tensor", x, y, inplace=True)
    c("aten::copy_.int", x, 3, inplace=True)
    c("aten::copy_.float", xi, 2.7, inplace=True)
    c("aten::fill_.Scalar", x, -2, inplace=True)
    c("aten::fill_.Tensor", xi, torch.tensor(4), inplace=True)
    c("aten::zero_", x, inplace=True)
    c("aten::detach", x)
    c("aten::detach_", x, inplace=True)
    c("aten::requires_grad_", x.clone(), False, inplace=True)
    c("aten::size", z)
    c("aten::size.int", z, -1)
    c("aten::stride", z)
    c("aten::stride.int", z, 0)
    c("aten::dim", z)
    c("aten::numel", z)
    c("aten::len.Tensor", z)
    c("aten::storage_offset", z)
    c("aten::element_size", xi)
    c("aten::is_contiguous", z)
    c("aten::is_floating_point", xi)
    c("aten::is_complex", x)
    c("aten::is_signed", b1)
    c("aten::is_same_size", x, y)
    c("aten::is_nonzero", torch.tensor([0.5]))
    c("prim::dtype", xi)
    c("prim::dtype", b1)
    c("prim::device", x)
    c("prim::requires_grad", x)
    c("prim::is_cuda", x)
    c("prim::is_cpu", x)
    c("prim::is_sparse", x)
    c("prim::is_quantized", x)
    c("aten::item", torch.tensor(2.5))
    c("aten::item", torch.tensor([3]))
    c("aten::item", torch.tensor(True))
    c("aten::Int.Tensor", torch.tensor(2.7))
    c("aten::Float.Tensor", torch.tensor([3]))
    c("aten::Bool.Tensor", torch.tensor(0.0))
    c("aten::ScalarImplicit", torch.tensor(4))
    c("aten::IntImplicit", torch.tensor(-6))
    c("aten::FloatImplicit", torch.tensor(1.5, dtype=torch.float64))
    c("prim::NumToTensor.Scalar", 2.5)
    c("prim::NumToTensor.Scalar", 3)
    c("prim::NumToTensor.bool", True)


# Random ops (bit-exact after the same seed: rtol 0), einsum, recurrent ops, attention, and the ops
# of tjit/tensor/ops/extra.hpp.
def make_more(c):
    torch.manual_seed(1)
    x = torch.randn(3, 4)
    pos = torch.rand(3, 4) + 0.5
    prob = torch.rand(3, 4)
    xi = torch.randint(-9, 10, (3, 4))
    b1 = torch.rand(3, 4) > 0.5
    z = torch.randn(2, 3, 4)
    img = torch.randn(2, 4, 7, 6)
    exact = dict(rtol=0.0, atol=0.0)

    # --- random ---------------------------------------------------------------------------------
    c("aten::rand", [3, 4], None, None, None, None, seed=0, **exact)
    c("aten::rand", [2, 3], torch.float64, None, None, None, seed=1, **exact)
    c("aten::rand.generator", [5], Gen(7), None, None, None, None, **exact)
    c("aten::randn", [20], None, None, None, None, seed=2, **exact)
    c("aten::randn", [3], torch.float64, None, None, None, seed=3, **exact)
    c("aten::randn", [5], None, None, None, None, seed=3, **exact)
    c("aten::randn.generator", [4, 5], Gen(11), None, None, None, None, **exact)
    c("aten::randint", 10, [3, 4], None, None, None, None, seed=4)
    c("aten::randint.low", -5, 5, [7], torch.int32, None, None, None, seed=5)
    c("aten::randint.generator", 3, [6], Gen(3), None, None, None, None)
    c("aten::randint.low_generator", 100, 200, [2, 2], Gen(5), torch.float32, None, None, None)
    c("aten::randperm", 10, None, None, None, None, seed=6)
    c("aten::randperm.generator", 7, Gen(9), None, None, None, None)
    c("aten::rand_like", x, None, None, None, None, None, seed=7, **exact)
    c("aten::randn_like", z, torch.float64, None, None, None, None, seed=8, **exact)
    c("aten::randint_like", xi, 5, None, None, None, None, None, seed=9)
    c("aten::randint_like.low_dtype", x, -3, 3, None, None, None, None, None, seed=10, **exact)
    c("aten::normal.float_float", 1.0, 2.0, [3, 4], None, None, None, None, None, seed=11, **exact)
    c("aten::normal.float_float", 0.0, 1.0, [17], Gen(1), torch.float64, None, None, None, **exact)
    c("aten::normal.Tensor_float", x, 0.5, None, seed=12, **exact)
    c("aten::normal.float_Tensor", 0.3, pos, None, seed=13, **exact)
    c("aten::normal.Tensor_Tensor", z, pos, Gen(2), **exact)
    c("aten::normal_", x, 1.0, 2.0, None, inplace=True, seed=14, **exact)
    c("aten::uniform_", x, -1.0, 1.0, None, inplace=True, seed=15, **exact)
    c("aten::uniform_", z.double(), 2.0, 3.0, Gen(4), inplace=True, **exact)
    c("aten::random_.from", xi, -3, 7, None, inplace=True, seed=16)
    c("aten::random_.to", xi, 9, Gen(8), inplace=True)
    c("aten::bernoulli", prob, None, seed=17, **exact)
    c("aten::bernoulli.p", x, 0.3, None, seed=18, **exact)
    c("aten::bernoulli_.float", x, 0.5, None, inplace=True, seed=19, **exact)
    c("aten::bernoulli_.Tensor", x, prob, Gen(6), inplace=True, **exact)
    c("aten::multinomial", pos, 3, False, None, seed=20)
    c("aten::multinomial", pos[0], 6, True, Gen(12))
    c("aten::dropout", x, 0.5, True, seed=21, **exact)
    c("aten::dropout_", z, 0.3, True, inplace=True, seed=22, **exact)
    c("aten::feature_dropout", img, 0.5, True, seed=23, **exact)
    c("aten::alpha_dropout", x, 0.5, True, seed=24, rtol=1e-6, atol=1e-6)

    # --- einsum ---------------------------------------------------------------------------------
    c("aten::einsum", "ij,jk->ik", [x, torch.randn(4, 5)], None)
    c("aten::einsum", "bij,bjk", [z, torch.randn(2, 4, 3)], None)
    c("aten::einsum", "ii->i", [torch.randn(4, 4)], None)
    c("aten::einsum", "...ij->...ji", [z], None)
    c("aten::einsum", "i,j", [torch.randn(3), torch.randn(2)], None)

    # --- recurrent ops --------------------------------------------------------------------------
    tol = dict(rtol=1e-4, atol=1e-5)
    seq = torch.randn(6, 2, 4)
    lstm = torch.nn.LSTM(4, 5, num_layers=2, bidirectional=True)
    h0, c0 = torch.randn(4, 2, 5), torch.randn(4, 2, 5)
    c("aten::lstm.input", seq, [h0, c0], list(lstm._flat_weights), True, 2, 0.0, False, True, False, **tol)
    lstmp = torch.nn.LSTM(4, 5, proj_size=3, batch_first=True)
    c("aten::lstm.input", seq.transpose(0, 1).contiguous(), [torch.randn(1, 2, 3), torch.randn(1, 2, 5)],
      list(lstmp._flat_weights), True, 1, 0.0, False, False, True, **tol)
    gru = torch.nn.GRU(4, 3, num_layers=2, batch_first=True)
    c("aten::gru.input", seq, torch.randn(2, 6, 3), list(gru._flat_weights), True, 2, 0.0, False, False, True, **tol)
    rnn = torch.nn.RNN(4, 3, bias=False, bidirectional=True)
    c("aten::rnn_tanh.input", seq, torch.randn(2, 2, 3), list(rnn._flat_weights), False, 1, 0.0, False, True, False, **tol)
    rnnr = torch.nn.RNN(4, 3, nonlinearity="relu")
    c("aten::rnn_relu.input", seq, torch.randn(1, 2, 3), list(rnnr._flat_weights), True, 1, 0.0, False, False, False, **tol)
    padded = torch.randn(5, 3, 4)
    packed = torch.nn.utils.rnn.pack_padded_sequence(padded, [5, 3, 2])
    lstm1 = torch.nn.LSTM(4, 5)
    c("aten::lstm.data", packed.data, packed.batch_sizes, [torch.randn(1, 3, 5), torch.randn(1, 3, 5)],
      list(lstm1._flat_weights), True, 1, 0.0, False, False, **tol)
    gru2 = torch.nn.GRU(4, 3, bidirectional=True)
    c("aten::gru.data", packed.data, packed.batch_sizes, torch.randn(2, 3, 3), list(gru2._flat_weights),
      True, 1, 0.0, False, True, **tol)
    c("aten::rnn_tanh.data", packed.data, packed.batch_sizes, torch.randn(1, 3, 3),
      list(torch.nn.RNN(4, 3)._flat_weights), True, 1, 0.0, False, False, **tol)
    c("aten::rnn_relu.data", packed.data, packed.batch_sizes, torch.randn(1, 3, 3),
      list(torch.nn.RNN(4, 3, nonlinearity="relu")._flat_weights), True, 1, 0.0, False, False, **tol)
    inp, hh, cc = torch.randn(3, 4), torch.randn(3, 5), torch.randn(3, 5)
    c("aten::lstm_cell", inp, [hh, cc], torch.randn(20, 4), torch.randn(20, 5), torch.randn(20), torch.randn(20), **tol)
    c("aten::gru_cell", inp, hh, torch.randn(15, 4), torch.randn(15, 5), torch.randn(15), None, **tol)
    c("aten::rnn_tanh_cell", inp, hh, torch.randn(5, 4), torch.randn(5, 5), None, None, **tol)
    c("aten::rnn_relu_cell", inp, hh, torch.randn(5, 4), torch.randn(5, 5), torch.randn(5), torch.randn(5), **tol)

    # --- attention ------------------------------------------------------------------------------
    q = torch.randn(2, 5, 8)
    qkv_w, qkv_b, pw, pb = torch.randn(24, 8) * 0.3, torch.randn(24), torch.randn(8, 8) * 0.3, torch.randn(8)
    kpm = torch.tensor([[False, False, False, True, True], [False, False, False, False, False]])
    c("aten::_native_multi_head_attention", q, q, q, 8, 2, qkv_w, qkv_b, pw, pb, None, True, True, None, **tol)
    c("aten::_native_multi_head_attention", q, q, q, 8, 2, qkv_w, qkv_b, pw, pb, kpm, True, False, 1, **tol)
    c("aten::_transform_bias_rescale_qkv", torch.randn(2, 5, 24), torch.randn(24), 2, **tol)
    att = torch.randn(2, 3, 4)
    amask = torch.rand(2, 3, 4) > 0.6
    amask[..., 0] = False
    c("aten::_masked_softmax", att, amask, None, 2, **tol)
    c("aten::_masked_softmax", att, amask, 1, 2, **tol)
    k4, v4 = torch.randn(2, 6, 8), torch.randn(2, 6, 8)
    c("aten::_scaled_dot_product_attention", q, k4, v4, None, 0.0, True, False, **tol)
    c("aten::_scaled_dot_product_attention", q, q, q, None, 0.0, True, True, **tol)
    c("aten::_scaled_dot_product_attention", q, k4, v4, torch.rand(5, 6) > 0.3, 0.0, True, False, **tol)

    # --- shifts ---------------------------------------------------------------------------------
    xs = torch.randint(-50, 50, (3, 4))
    sh = torch.randint(0, 8, (3, 4))
    for op in ["__lshift__", "__rshift__", "bitwise_left_shift", "bitwise_right_shift"]:
        c(f"aten::{op}.Tensor", xs, sh)
        c(f"aten::{op}.Tensor", xs.to(torch.int32), sh[0].to(torch.int8))
        c(f"aten::{op}.Tensor", xs.abs().to(torch.uint8), sh.to(torch.uint8))
        c(f"aten::{op}." + ("Scalar" if op.startswith("__") else "Tensor_Scalar"), xs.to(torch.int16), 3)
    c("aten::bitwise_left_shift.Scalar_Tensor", 5, sh)
    c("aten::bitwise_right_shift.Scalar_Tensor", -100, sh.to(torch.int8))
    c("aten::__ilshift__.Tensor", xs, sh, inplace=True)
    c("aten::__ilshift__.Scalar", xs.to(torch.int8), 2, inplace=True)
    c("aten::__irshift__.Tensor", xs, sh, inplace=True)
    c("aten::__irshift__.Scalar", xs, 1, inplace=True)
    c("aten::bitwise_left_shift_.Tensor", xs, sh, inplace=True)
    c("aten::bitwise_left_shift_.Tensor_Scalar", xs, 4, inplace=True)
    c("aten::bitwise_right_shift_.Tensor", xs, sh, inplace=True)
    c("aten::bitwise_right_shift_.Tensor_Scalar", xs, 2, inplace=True)

    # --- pointwise ------------------------------------------------------------------------------
    c("aten::round.decimals", x * 3, 2)
    c("aten::round.decimals", x.double() * 300, -1)
    c("aten::round.decimals", torch.tensor([0.125, 0.375, 2.5, -1.5, 1e30]), 2)
    c("aten::round_.decimals", x * 3, 1, inplace=True)
    c("aten::hardshrink", x, 0.5)
    c("aten::hardshrink", x.double(), 1)
    c("aten::softshrink", x, 0.5)
    c("aten::softshrink", z.double(), 0.2)
    c("aten::glu", x, -1)
    c("aten::glu", torch.randn(4, 3), 0)

    # --- tensor_split, scans, search ------------------------------------------------------------
    c("aten::tensor_split.sections", z, 3, 2)
    c("aten::tensor_split.sections", torch.arange(7), 3, 0)
    c("aten::tensor_split.indices", torch.arange(7), [1, 5, 3, 9], 0)
    c("aten::tensor_split.indices", z, [1], -2)
    c("aten::tensor_split.tensor_indices_or_sections", z, torch.tensor(2), 1)
    c("aten::tensor_split.tensor_indices_or_sections", z, torch.tensor([1, 3]), 2)
    nanz = z.clone()
    nanz[0, 1, 2] = float("nan")
    c("aten::cummax", z, 1)
    c("aten::cummax", nanz, 1)
    c("aten::cummax", torch.tensor([1, 3, 2, 3, 0, 5]), 0)
    c("aten::cummin", z, -1)
    c("aten::cummin", xi, 0)
    c("aten::cummin", nanz, 2)
    c("aten::logcumsumexp", z, 1)
    c("aten::logcumsumexp", z.double(), 2)
    c("aten::logcumsumexp", torch.tensor([-float("inf"), -float("inf"), 1.0, float("inf")]), 0)
    srt = torch.tensor([1, 3, 5, 7, 9])
    vals = torch.tensor([[3, 6, 9], [0, 1, 10]])
    c("aten::searchsorted.Tensor", srt, vals, False, False, None, None)
    c("aten::searchsorted.Tensor", srt, vals, True, True, None, None)
    c("aten::searchsorted.Tensor", srt.double(), vals.float() + 0.5, False, False, "right", None)
    unsorted = torch.tensor([9, 1, 7, 3, 5])
    c("aten::searchsorted.Tensor", unsorted, vals, False, False, "left", torch.argsort(unsorted))
    rows = torch.sort(torch.randn(2, 6), dim=1).values
    c("aten::searchsorted.Tensor", rows, torch.randn(2, 4), False, False, None, None)
    c("aten::searchsorted.Scalar", srt, 6, False, False, None, None)
    c("aten::searchsorted.Scalar", srt, 7, True, True, None, None)
    c("aten::bucketize.Tensor", vals, srt, False, False)
    c("aten::bucketize.Tensor", x, torch.tensor([-1.0, 0.0, 0.5]), True, True)
    c("aten::bucketize.Scalar", 4, srt, False, False)

    # --- indexing -------------------------------------------------------------------------------
    idx = torch.tensor([2, 0, 2])
    c("aten::index_add", x, 0, idx, torch.randn(3, 4), 1)
    c("aten::index_add", xi, 1, torch.tensor([3, 0]), torch.randint(-5, 5, (3, 2)), 2)
    c("aten::index_add", x, 1, torch.tensor([1, 1, 0], dtype=torch.int32), torch.randn(3, 3), 0.5)
    c("aten::index_add_", x, 0, idx, torch.randn(3, 4), 2, inplace=True)
    c("aten::index_fill.int_Scalar", x, 1, torch.tensor([0, 2]), -1.5)
    c("aten::index_fill.int_Scalar", xi, 0, torch.tensor([-1]), 7)
    c("aten::index_fill.int_Tensor", x, 0, torch.tensor([1]), torch.tensor(3.0))
    c("aten::index_fill_.int_Scalar", x, 1, torch.tensor([3]), 0.25, inplace=True)
    c("aten::index_fill_.int_Tensor", xi, 1, torch.tensor([0, 1]), torch.tensor(-2), inplace=True)
    c("aten::masked_scatter", x, b1, torch.randn(12))
    c("aten::masked_scatter", x, b1[0], torch.randn(3, 5))
    c("aten::masked_scatter", xi, b1, torch.arange(20))
    c("aten::masked_scatter_", x, b1, torch.randn(4, 4), inplace=True)

    # --- norms with statistics ------------------------------------------------------------------
    c("aten::native_layer_norm", img, [7, 6], torch.randn(7, 6), torch.randn(7, 6), 1e-5, **tol)
    c("aten::native_layer_norm", img, [6], None, None, 1e-3, **tol)
    c("aten::native_layer_norm", img.double(), [4, 7, 6], None, torch.randn(4, 7, 6).double(), 1e-5)
    rm, rv = torch.randn(4), torch.rand(4) + 0.5
    c("aten::native_batch_norm", img, torch.randn(4), torch.randn(4), rm, rv, False, 0.1, 1e-5, **tol)
    c("aten::native_batch_norm", img, torch.randn(4), None, rm, rv, True, 0.1, 1e-5, **tol)
    c("aten::native_batch_norm", img.double(), None, None, None, None, True, 0.1, 1e-5)

    # --- 3-d pooling, equal ---------------------------------------------------------------------
    vol = torch.randn(1, 2, 5, 6, 4)
    c("aten::max_pool3d", vol, [2, 3, 2], [2, 2, 1], [1, 1, 0], [1, 1, 1], True)
    c("aten::max_pool3d_with_indices", vol, [3, 3, 3], [2, 2, 2], [1, 1, 1], [1, 1, 1], False)
    c("aten::avg_pool3d", vol, [2, 2, 2], [], [1, 0, 1], False, False, None)
    c("aten::avg_pool3d", vol, [3, 2, 2], [1, 2, 2], [0, 0, 0], True, True, 5)
    c("aten::adaptive_avg_pool3d", vol, [2, 3, 3])
    c("aten::_adaptive_avg_pool3d", vol, [1, 1, 1])
    c("aten::adaptive_max_pool3d", vol, [3, 2, 3])
    c("aten::equal", x, x.clone())
    c("aten::equal", x, x + 1)
    c("aten::equal", xi, xi.double())

    # --- repeat_interleave, 3-d resampling -----------------------------------------------------
    c("aten::repeat_interleave.Tensor", torch.tensor([2, 0, 3]), None)
    c("aten::repeat_interleave.self_Tensor", x, torch.tensor([1, 0, 2]), 0, None)
    c("aten::repeat_interleave.self_Tensor", xi, torch.tensor(2), None, 24)
    c("aten::repeat_interleave.self_int", z, 2, -1, None)
    c("aten::repeat_interleave.self_int", z, 3, None, None)
    c("aten::upsample_nearest3d.vec", vol, [7, 3, 5], None)
    c("aten::upsample_nearest3d.vec", vol, None, [2.0, 1.5, 1.0])
    c("aten::_upsample_nearest_exact3d.vec", vol, [3, 9, 5], None)
    c("aten::upsample_trilinear3d.vec", vol, [7, 3, 5], False, None, **tol)
    c("aten::upsample_trilinear3d.vec", vol, None, True, [2.0, 2.0, 1.5], **tol)

    pic = torch.randn(1, 2, 9, 11)
    c("aten::_upsample_bilinear2d_aa.vec", pic, [4, 5], False, None, **tol)
    c("aten::_upsample_bilinear2d_aa.vec", pic, [13, 6], False, None, **tol)
    c("aten::_upsample_bilinear2d_aa.vec", pic.double(), None, False, [0.5, 0.3])
    c("aten::_upsample_bicubic2d_aa.vec", pic, [4, 5], False, None, **tol)
    c("aten::_upsample_bicubic2d_aa.vec", pic, [5, 20], True, None, **tol)

    # --- more dtypes and shapes for the new kernels --------------------------------------------
    c("aten::hardshrink", x.bfloat16(), 0.5)
    c("aten::softshrink", x.bfloat16(), 0.3)
    c("aten::glu", z.double(), 2)
    c("aten::round.decimals", x.bfloat16() * 3, 1)
    c("aten::cummax", b1, 1)
    c("aten::cummin", x.bfloat16(), 0)
    c("aten::logcumsumexp", x.bfloat16(), 1)
    c("aten::cummax", torch.tensor(2.5), 0)
    c("aten::logcumsumexp", torch.randn(0, 3), 0)
    c("aten::searchsorted.Tensor", srt.to(torch.int32), vals.to(torch.int16), True, False, None, None)
    c("aten::searchsorted.Tensor", srt, torch.tensor(4), False, False, None, None)
    c("aten::index_add", z.double(), 2, torch.tensor([0, 3, 3]), torch.randn(2, 3, 3).double(), -1)
    c("aten::index_add", torch.tensor(1.5), 0, torch.tensor([0]), torch.tensor(2.0), 1)
    c("aten::index_fill.int_Scalar", b1, 1, torch.tensor([1, 2]), True)
    c("aten::index_fill.int_Scalar", z, -1, torch.tensor([], dtype=torch.int64), 3)
    c("aten::masked_scatter", b1, ~b1, torch.ones(12, dtype=torch.bool))
    c("aten::tensor_split.sections", torch.randn(2, 0, 3), 2, 1)
    c("aten::tensor_split.indices", z, [], 0)
    c("aten::repeat_interleave.self_int", torch.tensor(3.0), 2, None, None)
    c("aten::native_layer_norm", torch.randn(0, 5), [5], None, None, 1e-5)


def main():
    cases_path, schemas_path = sys.argv[1], sys.argv[2]
    with Writer(cases_path) as w:
        c = Cases(w)
        make(c)
        make_more(c)
    with open(schemas_path, "w") as f:
        for s in torch._C._jit_get_all_schemas():
            f.write(str(s) + "\n")
    print(f"{c.n} cases over {len(c.ops)} overloads")


if __name__ == "__main__":
    main()
