"""Reference cases for tjit's elementwise ops: inputs and PyTorch 1.13's outputs (or its error
message) over dtypes, shapes (0-dim, zero-size, broadcast, non-contiguous) and arguments.

Run by the build (tests/tensor/BUILD) with /usr/bin/python3: make_cases.py OUT
A case holds: op (str), a, b (tensors; `b_scalar` instead of b for Python numbers), optional
args, and either `out` (the result) or `error` (PyTorch's message). `a_t`=1 means `a` was stored
transposed (last two dims) and the test must transpose it back, giving a non-contiguous input.
"""

import math
import sys

import torch

from refcases import Writer

torch.manual_seed(0)

F32, F64, F16, BF16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
I64, I32, I16, I8, U8, B = torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool


def make(shape, dtype, special=False):
    if dtype == B:
        return torch.rand(shape) > 0.5
    if dtype.is_floating_point:
        t = (torch.randn(shape, dtype=torch.float64) * 3).to(dtype)
        if special and t.numel() >= 4:
            flat = t.view(-1)
            flat[0] = float("inf")
            flat[1] = float("nan")
            flat[2] = -0.0
            flat[3] = 0.0
        return t
    lo, hi = (0, 20) if dtype == U8 else (-20, 20)
    return torch.randint(lo, hi, shape, dtype=torch.int64).to(dtype)


def nonzero_like(t):
    if t.dtype == B:
        return torch.ones_like(t)
    z = t == 0
    t = t.clone()
    t[z] = 3
    return t


BINARY = {
    "add": lambda a, b: torch.add(a, b),
    "add_alpha": lambda a, b: torch.add(a, b, alpha=2),
    "sub": lambda a, b: torch.sub(a, b),
    "mul": lambda a, b: torch.mul(a, b),
    "div": lambda a, b: torch.div(a, b),
    "div_floor": lambda a, b: torch.div(a, b, rounding_mode="floor"),
    "div_trunc": lambda a, b: torch.div(a, b, rounding_mode="trunc"),
    "remainder": torch.remainder,
    "fmod": torch.fmod,
    "pow": torch.pow,
    "atan2": torch.atan2,
    "maximum": torch.maximum,
    "minimum": torch.minimum,
    "eq": torch.eq, "ne": torch.ne, "lt": torch.lt, "le": torch.le, "gt": torch.gt, "ge": torch.ge,
    "logical_and": torch.logical_and, "logical_or": torch.logical_or,
    "logical_xor": torch.logical_xor,
    "bitwise_and": torch.bitwise_and, "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor,
    "floor_divide": torch.floor_divide,
}
DIVISION = {"div", "div_floor", "div_trunc", "remainder", "fmod", "floor_divide"}

DTYPE_PAIRS = [(F32, F32), (F64, F32), (I64, I64), (I32, F32), (U8, I8), (B, B), (F16, F16),
               (BF16, F32), (I16, I64), (B, I32), (U8, U8)]
SHAPES = [((5,), (5,)), ((3, 4), (4,)), ((2, 1, 3), (4, 1)), ((0, 3), (3,)), ((), ()),
          ((3, 1), ())]


def write_case(w, name, fn, **inputs):
    fields = dict(inputs)
    try:
        args = {k: v for k, v in inputs.items() if k in ("a", "b")}
        a = args["a"]
        if inputs.get("a_t"):
            a = a.transpose(-1, -2)
        b = args.get("b", inputs.get("b_scalar"))
        out = fn(a, b) if b is not None else fn(a)
        fields["out"] = out
    except Exception as e:  # PyTorch's error message is the expectation
        fields["error"] = str(e).split("\n")[0]
    w.case(name, **fields)


def main(path):
    with Writer(path) as w:
        for op, fn in BINARY.items():
            for da, db in DTYPE_PAIRS:
                for sa, sb in SHAPES:
                    a, b = make(sa, da, special=True), make(sb, db)
                    if op in DIVISION and not (da.is_floating_point or db.is_floating_point):
                        b = nonzero_like(b)
                    if op == "pow" and not (da.is_floating_point or db.is_floating_point):
                        b = b.abs() % 4 if db != B else b
                    write_case(w, f"{op}", fn, op=op, a=a, b=b)
            # Python scalars and 0-dim tensors take part in promotion with lower priority.
            for da, s in [(I64, 2.5), (F32, 3), (F16, 2.5), (U8, 300), (B, True), (I32, -4),
                          (F64, -1.5), (B, 2)]:
                a = make((2, 3), da, special=True)
                if op == "pow" and da in (I64, I32, U8):
                    continue
                write_case(w, op, fn, op=op, a=a, b_scalar=s)
            for da, db in [(I16, F64), (F32, F64), (I64, F16)]:
                a, b = make((4,), da), make((), db)
                write_case(w, op, fn, op=op, a=a, b=b)
            # non-contiguous left operand
            a = make((3, 4), F32)
            write_case(w, op, fn, op=op, a=a.t().contiguous(), a_t=1, b=make((3,), F32))

        UNARY = ["exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "rsqrt", "sin",
                 "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
                 "atanh", "sigmoid", "erf", "erfc", "lgamma", "reciprocal", "abs", "floor",
                 "ceil", "trunc", "round", "frac", "sign", "bitwise_not", "neg", "relu", "square",
                 "logical_not", "isnan", "isinf", "isfinite"]
        NN = {"silu": torch.nn.functional.silu, "mish": torch.nn.functional.mish,
              "logsigmoid": torch.nn.functional.logsigmoid,
              "hardsigmoid": torch.nn.functional.hardsigmoid,
              "hardswish": torch.nn.functional.hardswish, "selu": torch.nn.functional.selu,
              "relu6": torch.nn.functional.relu6,
              "hardtanh": lambda x: torch.nn.functional.hardtanh(x, -2.0, 1.5),
              "leaky_relu": lambda x: torch.nn.functional.leaky_relu(x, 0.2),
              "elu": lambda x: torch.nn.functional.elu(x, 0.7),
              "celu": lambda x: torch.nn.functional.celu(x, 1.3),
              "gelu": torch.nn.functional.gelu,
              "gelu_tanh": lambda x: torch.nn.functional.gelu(x, approximate="tanh"),
              "softplus": lambda x: torch.nn.functional.softplus(x, 2.0, 5.0),
              "threshold": lambda x: torch.nn.functional.threshold(x, 0.5, -3.0),
              "clamp": lambda x: torch.clamp(x, -1, 2),
              "clamp_min": lambda x: torch.clamp(x, min=0.5),
              "clamp_float_bounds": lambda x: torch.clamp(x, -1.5, 2.5)}
        fns = {n: getattr(torch, n) for n in UNARY}
        fns.update(NN)
        for op, fn in fns.items():
            for dt in (F32, F64, I64, I32, U8, B, F16, BF16):
                for shape in ((7,), (2, 3), (), (0,)):
                    a = make(shape, dt, special=True)
                    if op in ("log", "log2", "log10", "sqrt", "rsqrt", "acosh", "lgamma") and dt.is_floating_point:
                        a = a.abs() + (1 if op == "acosh" else 0)
                    if op in ("asin", "acos", "atanh") and dt.is_floating_point:
                        a = torch.tanh(a.float()).to(dt)
                    write_case(w, op, fn, op=op, a=a)
            a = make((4, 3), F32)
            write_case(w, op, fn, op=op, a=a.t().contiguous(), a_t=1)

        for dc, da, db in [(B, F32, F32), (B, I64, F32), (B, F16, F64), (U8, I32, I32)]:
            c = torch.rand(3, 4) > 0.5
            a, b = make((3, 1), da), make((4,), db)
            w.case("where", op="where", cond=c.to(dc), a=a, b=b, out=torch.where(c.to(dc), a, b))
        c = torch.rand(2, 3) > 0.5
        a = make((2, 3), F32)
        w.case("where", op="where_scalar", cond=c, a=a, b_scalar=0.0, out=torch.where(c, a, 0.0))
    print(f"wrote {w.count} cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1])
