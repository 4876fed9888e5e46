"""Reference cases for tjit's sorting and selection ops (tjit/tensor/ops/sort.hpp): inputs and
PyTorch 1.13's outputs (or its error message).

Run by the build with /usr/bin/python3: make_sort_cases.py OUT
A case holds: op, `ts` (ts[0] the input), int arguments `dim`, `k`, `desc`, `keepdim`, and `out`
(+ `out2`, `out3`) or `error`. `t_t`=1: ts[0] is stored transposed.
"""

import sys

import torch

from refcases import Writer

torch.manual_seed(0)
F32, F64, F16, I64, I32, U8, B = torch.float32, torch.float64, torch.float16, torch.int64, torch.int32, torch.uint8, torch.bool


def make(shape, dtype=F32, nan=False):
    if dtype == B:
        return torch.rand(shape) > 0.5
    if dtype.is_floating_point:
        t = torch.randn(shape).to(dtype)
        if nan and t.numel() > 3:
            t.view(-1)[1] = float("nan")
        return t
    return torch.randint(0, 6, shape).to(dtype)  # many ties


def call(op, a, kw):
    dim = kw.get("dim", -1)
    if op == "sort":
        r = torch.sort(a, dim=dim, descending=bool(kw.get("desc", 0)), stable=True)
        return r.values, r.indices
    if op == "argsort":
        return torch.argsort(a, dim=dim, descending=bool(kw.get("desc", 0)), stable=True)
    if op == "topk":
        r = torch.topk(a, kw["k"], dim, largest=bool(kw.get("desc", 1)))
        return r.values, r.indices
    if op == "kthvalue":
        r = torch.kthvalue(a, kw["k"], dim, bool(kw.get("keepdim", 0)))
        return r.values, r.indices
    if op == "median_all":
        return torch.median(a)
    if op == "median":
        r = torch.median(a, dim, bool(kw.get("keepdim", 0)))
        return r.values, r.indices
    if op == "unique":
        return torch.unique(a, sorted=True, return_inverse=True, return_counts=True)
    if op == "unique_consecutive":
        return torch.unique_consecutive(a, return_inverse=True, return_counts=True)
    raise ValueError(op)


def case(w, op, ts, t_t=False, values_only=False, **kw):
    fields = dict(op=op, ts=list(ts), **kw)
    a = ts[0]
    if t_t:
        fields["t_t"] = 1
        a = a.transpose(-1, -2)
    try:
        out = call(op, a, kw)
        if isinstance(out, tuple):
            for name, o in zip(("out", "out2", "out3"), out):
                fields[name] = o
            if values_only:
                del fields["out2"]
        else:
            fields["out"] = out
    except Exception as e:
        fields["error"] = str(e).split("\n")[0]
    w.case(op, **fields)


def main(path):
    with Writer(path) as w:
        for dt in (F32, F64, I64, I32, U8, B, F16):
            for shape in ((7,), (3, 5), (2, 3, 4), (), (0, 3)):
                x = make(shape, dt, nan=True)
                for dim in (-1, 0, 1):
                    for desc in (0, 1):
                        case(w, "sort", [x], dim=dim, desc=desc)
                    case(w, "argsort", [x], dim=dim, desc=1)
        case(w, "sort", [make((5, 3)).t().contiguous()], t_t=True, dim=1)
        for dt in (F32, I64, F64):
            x = make((4, 6), dt) if dt != I64 else torch.randperm(24).view(4, 6)
            for k in (1, 3, 6, 7, 0):
                for desc in (0, 1):
                    case(w, "topk", [x], k=k, dim=-1, desc=desc)
                case(w, "topk", [x], k=k, dim=0)
            for k in (1, 2, 4, 5):
                case(w, "kthvalue", [x], k=k, dim=0, keepdim=k % 2)
            case(w, "median", [x], dim=1)
            case(w, "median", [x], dim=0, keepdim=1)
            case(w, "median_all", [x])
        case(w, "median", [make((3, 5), F32, nan=True)], dim=1, values_only=True)
        case(w, "median_all", [make((3, 5), F32, nan=True)])
        case(w, "median", [make((3, 0))], dim=1)
        for dt in (F32, I64, B, U8):
            for shape in ((10,), (3, 4), (), (0,)):
                x = make(shape, dt)
                case(w, "unique", [x])
                case(w, "unique_consecutive", [x])
        case(w, "unique_consecutive", [torch.tensor([1, 1, 2, 2, 3, 1, 1, 2])])
    print(f"wrote {w.count} cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1])
