"""Reference cases for tjit's indexing ops (tjit/tensor/ops/indexing.hpp): inputs and PyTorch
1.13's outputs (or its error message).

Run by the build with /usr/bin/python3: make_indexing_cases.py OUT
A case holds: op, `ts` (ts[0] the input, then index/src/mask tensors), `pattern` (for `index`
and `index_put`: one char per index position, 'T' a tensor from ts, 'N' a full slice), int
arguments `dim`, `acc`, a number `value`, a string `reduce`, and `out`/`outs` or `error`.
`t_t`=1: ts[0] is stored transposed (the test transposes it back).
"""

import sys

import torch

from refcases import Writer

torch.manual_seed(0)
F32, F64, F16, I64, I32, U8, B = torch.float32, torch.float64, torch.float16, torch.int64, torch.int32, torch.uint8, torch.bool


def make(shape, dtype=F32):
    if dtype == B:
        return torch.rand(shape) > 0.5
    if dtype.is_floating_point:
        return torch.randn(shape).to(dtype)
    return torch.randint(0, 50, shape).to(dtype)


def idx(shape, hi, lo=0):
    return torch.randint(lo, hi, shape)


def index_args(pattern, ts, none=slice(None)):
    args, k = [], 1
    for ch in pattern:
        if ch == "N":
            args.append(none)
        else:
            args.append(ts[k])
            k += 1
    return tuple(args), k


def call(op, ts, kw):
    a = ts[0]
    if op == "index_select":
        return torch.index_select(a, kw["dim"], ts[1])
    if op == "gather":
        return torch.gather(a, kw["dim"], ts[1])
    if op == "scatter":
        if "value" in kw:
            if "reduce" in kw:
                return a.scatter(kw["dim"], ts[1], kw["value"], reduce=kw["reduce"])
            return a.scatter(kw["dim"], ts[1], kw["value"])
        if "reduce" in kw:
            return a.scatter(kw["dim"], ts[1], ts[2], reduce=kw["reduce"])
        return a.scatter(kw["dim"], ts[1], ts[2])
    if op == "scatter_add":
        return a.scatter_add(kw["dim"], ts[1], ts[2])
    if op == "masked_fill":
        return a.masked_fill(ts[1], ts[2] if len(ts) > 2 else kw["value"])
    if op == "masked_fill_":
        return a.clone().masked_fill_(ts[1], kw["value"])
    if op == "masked_select":
        return torch.masked_select(a, ts[1])
    if op == "nonzero":
        return torch.nonzero(a)
    if op == "nonzero_tuple":
        return list(torch.nonzero(a, as_tuple=True))
    if op == "take":
        return torch.take(a, ts[1])
    if op == "embedding":
        return torch.nn.functional.embedding(ts[1], a, padding_idx=kw.get("dim"))
    if op == "index":
        args, _ = index_args(kw["pattern"], ts)
        return a[args]
    if op == "index_put":
        args, k = index_args(kw["pattern"], ts, None)
        return torch.ops.aten.index_put(a, list(args), ts[k], bool(kw.get("acc", 0)))
    raise ValueError(op)


def case(w, op, ts, t_t=False, **kw):
    fields = dict(op=op, ts=list(ts), **kw)
    if t_t:
        fields["t_t"] = 1
        ts = [ts[0].transpose(-1, -2)] + list(ts[1:])
    try:
        out = call(op, list(ts), kw)
        if isinstance(out, list):
            fields["outs"] = out
        else:
            fields["out"] = out
    except Exception as e:
        fields["error"] = str(e).split("\n")[0]
    w.case(op, **fields)


def main(path):
    with Writer(path) as w:
        for dt in (F32, I64, B, F16, U8):
            x = make((3, 4), dt)
            for dim in (0, 1, -1, 2):
                case(w, "index_select", [x, idx((5,), 3)], dim=dim)
            case(w, "index_select", [x, torch.tensor([0, 3, 3], dtype=I32)], dim=1)
            case(w, "index_select", [x, torch.tensor([5])], dim=0)
            case(w, "index_select", [x, torch.tensor([-1])], dim=0)
            case(w, "index_select", [x, idx((0,), 3)], dim=0)
            case(w, "index_select", [x, idx((2, 2), 3)], dim=0)
            case(w, "index_select", [x, torch.tensor(1)], dim=1)
        case(w, "index_select", [make((4, 3)).t().contiguous(), torch.tensor([2, 0])], t_t=True, dim=1)
        case(w, "index_select", [make(()), torch.tensor([0, 0])], dim=0)
        case(w, "index_select", [make((3,)), torch.tensor([0.0])], dim=0)
        # gather
        for dt in (F32, I64, B):
            x = make((3, 4), dt)
            case(w, "gather", [x, idx((3, 4), 3)], dim=0)
            case(w, "gather", [x, idx((2, 6), 4)], dim=1)
            case(w, "gather", [x, idx((2, 3), 4)], dim=-1)
            case(w, "gather", [x, torch.tensor([[5]])], dim=0)
            case(w, "gather", [x, idx((2,), 3)], dim=0)
            case(w, "gather", [x, idx((4, 2), 3)], dim=1)
            case(w, "gather", [x, idx((0, 2), 3)], dim=1)
        case(w, "gather", [make((4, 3)).t().contiguous(), idx((3, 2), 4)], t_t=True, dim=1)
        case(w, "gather", [make((3,)), idx((3,), 3).to(I32)], dim=0)
        # scatter
        for dt in (F32, I64, F64):
            x, src = make((3, 5), dt), make((3, 5), dt)
            ix = torch.stack([torch.randperm(3)[:2] for _ in range(5)], 1)  # [2, 5], unique per column
            case(w, "scatter", [x, ix, src], dim=0)
            case(w, "scatter", [x, ix, src], dim=0, reduce="add")
            case(w, "scatter", [x, ix, src], dim=0, reduce="multiply")
            case(w, "scatter", [x, ix], dim=0, value=2.5 if dt.is_floating_point else 7)
            case(w, "scatter", [x, ix], dim=0, value=3, reduce="add")
            ix2 = idx((3, 2), 5)
            case(w, "scatter_add", [x, ix2, src], dim=1)
            case(w, "scatter_add", [x, idx((3, 4), 5), src], dim=-1)
            case(w, "scatter", [x, torch.tensor([[7]]), src], dim=0)
            case(w, "scatter", [x, ix, src], dim=0, reduce="max")
        case(w, "scatter", [make((3, 5)), idx((2, 5), 3), make((3, 5), F64)], dim=0)
        case(w, "scatter", [make((3, 5)), idx((2, 5), 3).to(I32), make((3, 5))], dim=0)
        case(w, "scatter_add", [make((5,)), torch.tensor([0, 0, 0, 4]), make((4,))], dim=0)
        # masked_fill / masked_select
        for dt in (F32, I64, B, U8):
            x = make((3, 4), dt)
            m = make((3, 4), B)
            case(w, "masked_fill", [x, m], value=5)
            case(w, "masked_fill", [x, m], value=2.5)
            case(w, "masked_fill", [x, make((4,), B)], value=1)
            case(w, "masked_fill", [x, m, torch.tensor(-3)])
            case(w, "masked_select", [x, m])
            case(w, "masked_select", [x, make((4,), B)])
        case(w, "masked_fill", [make((3, 4)), make((3, 4), U8)], value=1)
        case(w, "masked_fill", [make((3, 4)), make((3, 4), B), torch.tensor([1.0])])
        case(w, "masked_fill", [make((4,)), make((3, 4), B)], value=0.5)
        case(w, "masked_fill_", [make((4,)), make((3, 4), B)], value=0.5)
        case(w, "masked_fill_", [make((3, 4)), make((4,), B)], value=0.5)
        case(w, "masked_fill", [make((4, 3)).t().contiguous(), make((3, 4), B)], t_t=True, value=-1.0)
        case(w, "masked_select", [make((3, 1)), make((3, 4), B)])
        case(w, "masked_select", [make((3, 4)), make((3, 4), U8)])
        # nonzero, take, embedding
        for shape in ((3, 4), (5,), (), (0, 3), (2, 3, 2)):
            for dt in (F32, I64, B):
                x = make(shape, dt) if dt != F32 else (torch.randn(shape) > 0).float() * torch.randn(shape)
                case(w, "nonzero", [x])
                case(w, "nonzero_tuple", [x])
        case(w, "take", [make((3, 4)), idx((2, 3), 12, -12)])
        case(w, "take", [make((3, 4)), torch.tensor([12])])
        case(w, "take", [make((4, 3)).t().contiguous(), idx((5,), 12)], t_t=True)
        case(w, "embedding", [make((10, 4)), idx((2, 3), 10)])
        case(w, "embedding", [make((10, 4)), idx((5,), 10)], dim=0)
        case(w, "embedding", [make((10, 4)), torch.tensor([10])])
        # advanced indexing
        x = make((4, 5, 6))
        for pattern, ts in [
            ("T", [idx((3,), 4)]),
            ("NT", [idx((2, 2), 5)]),
            ("TT", [idx((3,), 4), idx((3,), 5)]),
            ("TNT", [idx((3,), 4), idx((3,), 6)]),
            ("NTT", [idx((2, 1), 5), idx((3,), 6)]),
            ("TNT", [idx((2, 1), 4), idx((1, 3), 6)]),
            ("T", [torch.tensor([-1, 4])]),
            ("NNT", [torch.tensor([6])]),
            ("T", [make((4,), B)]),
            ("NT", [make((5, 6), B)]),
            ("TT", [make((4, 5), B), idx((1,), 6)]),
            ("T", [make((4, 5, 6), B)]),
            ("NT", [make((4,), B)]),
            ("TT", [idx((2,), 4), idx((3,), 5)]),
            ("TTTT", [idx((1,), 4)] * 4),
            ("T", [idx((0,), 4)]),
        ]:
            case(w, "index", [x] + ts, pattern=pattern)
            vals = make((1,))
            case(w, "index_put", [x] + ts + [vals], pattern=pattern)
        case(w, "index", [make((5, 4)).t().contiguous(), idx((3,), 4)], t_t=True, pattern="NT")
        case(w, "index", [make((3, 3), I64), make((3, 3), B)], pattern="T")
        xs = make((4, 5), I64)
        for acc in (0, 1):
            case(w, "index_put", [xs, torch.tensor([0, 0, 1]), make((3, 5), I64)], pattern="T", acc=acc)
            case(w, "index_put", [xs, torch.tensor([1, 1]), torch.tensor([2, 2]), make((2,), I64)], pattern="TT", acc=acc)
            case(w, "index_put", [make((4, 5)), torch.tensor([0, 2]), make((2, 1))], pattern="NT", acc=acc)
            case(w, "index_put", [make((4, 5)), make((4, 5), B), torch.tensor(3.0)], pattern="T", acc=acc)
        case(w, "index_put", [make((4, 5)), torch.tensor([0]), make((1,), F64)], pattern="T")
        case(w, "index_put", [make((4, 5)), torch.tensor([0]), make((2, 5))], pattern="T")
    print(f"wrote {w.count} cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1])
