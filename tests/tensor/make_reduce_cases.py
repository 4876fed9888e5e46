"""Reference cases for tjit's reductions (tjit/tensor/ops/reduce.hpp): inputs and PyTorch 1.13's
outputs (or its error message) over dtypes, shapes (0-dim, zero-size, non-contiguous), dims
(lists, negative), keepdim and op arguments.

Run by the build with /usr/bin/python3: make_reduce_cases.py OUT
A case holds: op, a, optional `dim` (int or list), `keepdim`, `dtype` (str), `p`, `correction`,
and `out` (plus `out2` for (values, indices) results) or `error`. `a_t`=1: `a` is stored
transposed and the test transposes it back (a non-contiguous input).
"""

import sys

import torch

from refcases import Writer

torch.manual_seed(0)

F32, F64, F16, BF16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
I64, I32, I16, I8, U8, B = torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool
DTYPES = [F32, F64, I64, I32, U8, B, F16, BF16, I8]


def make(shape, dtype, special=False):
    if dtype == B:
        return torch.rand(shape) > 0.5
    if dtype.is_floating_point:
        t = (torch.randn(shape, dtype=torch.float64) * 3).to(dtype)
        if special and t.numel() >= 6:
            t.view(-1)[2] = float("nan")
        return t
    lo, hi = (0, 5) if dtype == U8 else (-4, 5)
    return torch.randint(lo, hi, shape, dtype=torch.int64).to(dtype)


def dname(d):
    return str(d).replace("torch.", "")


def call(op, a, kw):
    dim = kw.get("dim")
    keepdim = kw.get("keepdim", False)
    dtype = getattr(torch, kw["dtype"]) if "dtype" in kw else None
    if op == "sum":
        if dim is None:
            return torch.sum(a, dtype=dtype) if dtype else torch.sum(a)
        return torch.sum(a, dim, keepdim, dtype=dtype)
    if op == "mean":
        if dim is None:
            return torch.mean(a, dtype=dtype) if dtype else torch.mean(a)
        return torch.mean(a, dim, keepdim, dtype=dtype)
    if op == "prod":
        if dim is None:
            return torch.prod(a, dtype=dtype) if dtype else torch.prod(a)
        return torch.prod(a, dim, keepdim, dtype=dtype)
    if op in ("max", "min"):
        f = getattr(torch, op)
        if dim is None:
            return f(a)
        r = f(a, dim, keepdim)
        return (r.values, r.indices)
    if op in ("amax", "amin"):
        return getattr(torch, op)(a, dim if dim is not None else [], keepdim)
    if op in ("argmax", "argmin"):
        return getattr(torch, op)(a, dim, keepdim)
    if op in ("var", "std"):
        f = getattr(torch, op)
        return f(a, dim, correction=kw.get("correction", 1), keepdim=keepdim)
    if op == "norm":
        return torch.norm(a, kw.get("p", 2), dim, keepdim)
    if op in ("all", "any"):
        f = getattr(torch, op)
        return f(a) if dim is None else f(a, dim, keepdim)
    if op == "logsumexp":
        return torch.logsumexp(a, dim, keepdim)
    if op == "count_nonzero":
        return torch.count_nonzero(a, dim)
    if op in ("cumsum", "cumprod"):
        return getattr(torch, op)(a, dim, dtype=dtype)
    raise ValueError(op)


def write_case(w, op, a, a_t=False, **kw):
    fields = dict(op=op, a=a, **kw)
    if a_t:
        fields["a_t"] = 1
        a = a.transpose(-1, -2)
    try:
        out = call(op, a, kw)
        if isinstance(out, tuple):
            fields["out"], fields["out2"] = out
        else:
            fields["out"] = out
    except Exception as e:
        fields["error"] = str(e).split("\n")[0]
    w.case(op, **fields)


DIMS = [dict(), dict(dim=1), dict(dim=-1, keepdim=True), dict(dim=[0, 2]), dict(dim=[-1, 0], keepdim=True),
        dict(dim=3), dict(dim=[1, 1])]
INT_DIM_OPS = {"max", "min", "argmax", "argmin", "all", "any", "cumsum", "cumprod", "prod"}


def main(path):
    with Writer(path) as w:
        ops = ["sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "var",
               "std", "norm", "all", "any", "logsumexp", "count_nonzero", "cumsum", "cumprod"]
        for op in ops:
            for dt in DTYPES:
                for shape in [(2, 3, 4), (5,), (), (0, 3, 2), (3, 0, 2)]:
                    a = make(shape, dt, special=(dt in (F32, F64) and op not in ("cumprod", "prod")))
                    for kw in DIMS:
                        kw = dict(kw)
                        if op in INT_DIM_OPS or op in ("cumsum", "cumprod"):
                            if isinstance(kw.get("dim"), list):
                                continue
                        if op in ("cumsum", "cumprod", "logsumexp") and "dim" not in kw:
                            kw["dim"] = 0
                        if shape == () and "dim" in kw:
                            d = kw["dim"]
                            kw["dim"] = ([0] if d and (d[0] >= 0) else [-1]) if isinstance(d, list) else (0 if d >= 0 else -1)
                        if len(shape) == 1 and "dim" in kw and kw["dim"] not in (3,) and shape != ():
                            kw["dim"] = 0 if isinstance(kw["dim"], int) else [0]
                        write_case(w, op, a, **kw)
            a = make((4, 3), F32)
            write_case(w, op, a.t().contiguous(), a_t=True, **(dict(dim=0) if op in INT_DIM_OPS else dict(dim=0)))
        # dtype arguments
        for op in ("sum", "mean", "prod", "cumsum", "cumprod"):
            for dt, to in [(I32, "float64"), (F32, "float64"), (I64, "int32"), (B, "int32"), (F16, "float32")]:
                write_case(w, op, make((3, 4), dt), dim=1, dtype=to)
        # norm p values, var corrections
        for p in [1, 2, 0, 3, 0.5, float("inf"), float("-inf")]:
            for dim in [None, [1], [0, 1]]:
                write_case(w, "norm", make((3, 5), F32), p=float(p), **({} if dim is None else dict(dim=dim)))
        for c in [0, 1, 2, 5]:
            write_case(w, "var", make((3, 5), F64), dim=[1], correction=c)
            write_case(w, "std", make((3, 5), F32), correction=c)
        # ties and NaN for max/argmax
        t = torch.tensor([[1.0, 3.0, 3.0, 0.0], [float("nan"), 1.0, float("nan"), 5.0], [2.0, 2.0, 2.0, 2.0]])
        for op in ("max", "min", "argmax", "argmin"):
            write_case(w, op, t, dim=1)
            write_case(w, op, t.to(I64).clamp(-5, 5) if False else torch.tensor([[4, 1, 4], [1, 1, 0]]), dim=1)
        # large sums (cascade summation in PyTorch)
        big = torch.randn(1000, 257)
        write_case(w, "sum", big, dim=[0])
        write_case(w, "mean", big, dim=[1])
        write_case(w, "sum", big)
        write_case(w, "var", big, dim=[0])
        write_case(w, "logsumexp", torch.tensor([[float("inf"), 1.0], [float("-inf"), float("-inf")]]), dim=[1])
    print(f"wrote {w.count} cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1])
