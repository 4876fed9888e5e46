"""Reference cases for tjit's joining and shape ops (tjit/tensor/ops/shape.hpp): inputs and
PyTorch 1.13's outputs (or its error message).

Run by the build with /usr/bin/python3: make_shape_cases.py OUT
A case holds: op, `ts` (a list of tensors; ts[0] is the input of single-input ops), int or int
list arguments `dim`, `dims`, `shifts`, `reps`, `src`, `dst`, `k`, and `out` or `error`.
`t_t`=1: ts[0] is stored transposed (the test transposes it back: a non-contiguous input).
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


def call(op, ts, kw):
    a = ts[0]
    if op == "cat":
        return torch.cat(ts, kw.get("dim", 0))
    if op == "stack":
        return torch.stack(ts, kw.get("dim", 0))
    if op == "hstack":
        return torch.hstack(ts)
    if op == "vstack":
        return torch.vstack(ts)
    if op == "repeat":
        return a.repeat(kw["reps"])
    if op == "tile":
        return torch.tile(a, kw["reps"])
    if op == "flip":
        return torch.flip(a, kw["dims"])
    if op == "roll":
        return torch.roll(a, kw["shifts"], kw.get("dims", []))
    if op == "tril":
        return torch.tril(a, kw.get("k", 0))
    if op == "triu":
        return torch.triu(a, kw.get("k", 0))
    if op == "movedim":
        return torch.movedim(a, kw["src"], kw["dst"]).contiguous()
    if op == "pixel_shuffle":
        return torch.pixel_shuffle(a, kw["k"])
    if op == "pixel_unshuffle":
        return torch.pixel_unshuffle(a, kw["k"])
    if op == "channel_shuffle":
        return torch.nn.functional.channel_shuffle(a, kw["k"])
    raise ValueError(op)


def case(w, op, ts, t_t=False, **kw):
    fields = dict(op=op, ts=list(ts), **kw)
    if t_t:
        fields["t_t"] = 1
        ts = [ts[0].transpose(-1, -2)] + list(ts[1:])
    try:
        fields["out"] = call(op, list(ts), kw)
    except Exception as e:
        fields["error"] = str(e).split("\n")[0]
    w.case(op, **fields)


def main(path):
    with Writer(path) as w:
        # cat: promotion, dims, legacy empty skip, errors
        for dts in [(F32, F32), (I64, F32), (U8, I32), (B, B), (B, U8), (F16, F64), (I32, I64, F32)]:
            for dim in (0, 1, -1, 2, -3):
                ts = [make((2, 3), dt) for dt in dts]
                case(w, "cat", ts, dim=dim)
        case(w, "cat", [make((2, 3)), make((0,)), make((4, 3))], dim=0)
        case(w, "cat", [make((0,)), make((0,), I64)], dim=0)
        case(w, "cat", [make((2, 3)), make((2, 4))], dim=0)
        case(w, "cat", [make((2, 3)), make((2, 4))], dim=1)
        case(w, "cat", [make((2, 3)), make((2, 3, 1))], dim=0)
        case(w, "cat", [make((2, 3)), make(())], dim=0)
        case(w, "cat", [make((2, 0)), make((2, 3))], dim=1)
        case(w, "cat", [make((3, 2)).t().contiguous(), make((2, 5))], t_t=True, dim=1)
        case(w, "cat", [make((1, 2, 3)), make((1, 2, 3)), make((1, 2, 3))], dim=1)
        # stack
        for dim in (0, 1, 2, -1, 3, -4):
            case(w, "stack", [make((2, 3)), make((2, 3), I64)], dim=dim)
        case(w, "stack", [make((2, 3)), make((2, 4))], dim=0)
        case(w, "stack", [make(()), make(())], dim=0)
        case(w, "stack", [make((0, 3)), make((0, 3))], dim=1)
        for op in ("hstack", "vstack"):
            case(w, op, [make((3,)), make((2,))])
            case(w, op, [make((2, 3)), make((2, 3), I64)])
            case(w, op, [make(()), make(())])
            case(w, op, [make((2, 3, 2)), make((2, 3, 2))])
        # repeat / tile
        for reps in ([2, 3], [1, 1], [2, 1, 3], [0, 2], [3], [2, 2, 2, 2]):
            case(w, "repeat", [make((2, 3), I64)], reps=reps)
            case(w, "tile", [make((2, 3), F64)], reps=reps)
        case(w, "repeat", [make(())], reps=[3])
        case(w, "repeat", [make((3, 2)).t().contiguous()], t_t=True, reps=[2, 2])
        # flip
        for dims in ([0], [1], [0, 1], [-1], [], [2], [0, 0]):
            case(w, "flip", [make((2, 3), I32)], dims=dims)
        case(w, "flip", [make((4, 3)).t().contiguous()], t_t=True, dims=[0, 1])
        case(w, "flip", [make((2, 3, 4))], dims=[0, 2])
        case(w, "flip", [make(())], dims=[0])
        case(w, "flip", [make((0, 3))], dims=[1])
        # roll
        for shifts, dims in [([1], [0]), ([-1], [1]), ([7], []), ([1, 2], [0, 1]), ([2], [0, 1]),
                             ([1, 2], []), ([-5], [-1]), ([0], [0])]:
            case(w, "roll", [make((3, 4), F64)], shifts=shifts, dims=dims)
        case(w, "roll", [make((3, 4)).t().contiguous()], t_t=True, shifts=[1], dims=[1])
        # tril / triu
        for op in ("tril", "triu"):
            for k in (0, 1, -1, 5, -5):
                case(w, op, [make((3, 4), I64)], k=k)
                case(w, op, [make((2, 4, 3), B)], k=k)
            case(w, op, [make((4, 3)).t().contiguous()], t_t=True, k=0)
            case(w, op, [make((4,))], k=0)
            case(w, op, [make((0, 3))], k=0)
        # movedim
        for src, dst in [([0], [2]), ([-1], [0]), ([0, 1], [2, 0]), ([0, 0], [1, 2]), ([0], [1, 2]),
                         ([3], [0])]:
            case(w, "movedim", [make((2, 3, 4))], src=src, dst=dst)
        # pixel shuffle family
        case(w, "pixel_shuffle", [make((1, 8, 2, 3))], k=2)
        case(w, "pixel_shuffle", [make((2, 1, 9, 2, 2), I64)], k=3)
        case(w, "pixel_shuffle", [make((1, 6, 2, 3))], k=2)
        case(w, "pixel_shuffle", [make((8, 2))], k=2)
        case(w, "pixel_unshuffle", [make((1, 2, 4, 6))], k=2)
        case(w, "pixel_unshuffle", [make((1, 2, 5, 6))], k=2)
        case(w, "pixel_unshuffle", [make((1, 2, 4, 5))], k=2)
        case(w, "channel_shuffle", [make((2, 6, 3))], k=3)
        case(w, "channel_shuffle", [make((1, 6, 2, 2), I32)], k=2)
        case(w, "channel_shuffle", [make((1, 5, 2))], k=2)
    print(f"wrote {w.count} cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1])
