"""Reference cases for tjit's random ops (tjit/tensor/ops/random.hpp) and training-mode dropout:
PyTorch 1.13's values after torch.manual_seed(seed), or its error message.

Run by the build with /usr/bin/python3: make_random_cases.py OUT
A case holds: op, seed, int/float/string arguments, `layout` of the written tensor (0 contiguous,
1 transposed, 2 every other column), `ts` (inputs; `t_t`=1: ts[0] stored transposed), and `out`
(or `outs`, the results of several ops after one seed) or `error`.
"""

import sys

import torch
import torch.nn.functional as F

from refcases import Writer

DT = {"float32": torch.float32, "float64": torch.float64, "float16": torch.float16,
      "bfloat16": torch.bfloat16, "int64": torch.int64, "int32": torch.int32,
      "int16": torch.int16, "int8": torch.int8, "uint8": torch.uint8, "bool": torch.bool}


def target(size, dtype, layout):
    """The tensor a sampler writes into: contiguous, transposed, or every other column."""
    size = list(size)
    if layout == 0:
        return torch.empty(size, dtype=dtype)
    if layout == 1:
        return torch.empty(size[::-1], dtype=dtype).permute(*reversed(range(len(size))))
    return torch.empty(size[:-1] + [size[-1] * 2], dtype=dtype)[..., ::2]


def run(op, kw, ts):
    dt = DT[kw.get("dtype", "float32")]
    size, layout = kw.get("size"), kw.get("layout", 0)
    if op == "uniform":
        return target(size, dt, layout).uniform_(kw["lo"], kw["hi"])
    if op == "normal":
        return target(size, dt, layout).normal_(kw["mean"], kw["std"])
    if op == "random":
        return target(size, dt, layout).random_(kw["lo"], kw["hi"])
    if op == "bernoulli_scalar":
        return target(size, dt, layout).bernoulli_(kw["p"])
    if op == "bernoulli_tensor":
        return target(size, dt, layout).bernoulli_(ts[0])
    if op == "rand":
        return torch.rand(size, dtype=dt)
    if op == "randn":
        return torch.randn(size, dtype=dt)
    if op == "randint":
        return torch.randint(kw["lo"], kw["hi"], size, dtype=dt)
    if op == "randperm":
        return torch.randperm(kw["n"], dtype=dt)
    if op == "rand_like":
        return torch.rand_like(ts[0])
    if op == "randn_like":
        return torch.randn_like(ts[0])
    if op == "randint_like":
        return torch.randint_like(ts[0], kw["lo"], kw["hi"])
    if op == "bernoulli":
        return torch.bernoulli(ts[0])
    if op == "multinomial":
        return torch.multinomial(ts[0], kw["n"], bool(kw["replacement"]))
    if op in ("dropout", "feature_dropout", "alpha_dropout", "feature_alpha_dropout"):
        return getattr(torch, op)(ts[0], kw["p"], bool(kw.get("train", 1)))
    if op == "dropout_":
        x = ts[0].clone()
        torch.dropout_(x, kw["p"], True)
        return x
    if op == "sequence":  # the generator's state (and its cached normal sample) carries over
        return [torch.randn(3), torch.randn(3, dtype=torch.float64), torch.rand(2),
                torch.randn(5, dtype=torch.float64), torch.randn(20), torch.randint(0, 10, (4,)),
                torch.randn(1, dtype=torch.float64)]
    raise ValueError(op)


def case(w, op, seed=0, ts=(), t_t=False, **kw):
    fields = dict(op=op, seed=seed, **kw)
    ts = [t.clone() for t in ts]
    if ts:
        fields["ts"] = list(ts)
    args = list(ts)
    if t_t:
        fields["t_t"] = 1
        args[0] = args[0].transpose(-1, -2)
    torch.manual_seed(seed)
    try:
        out = run(op, kw, args)
        if isinstance(out, list):
            fields["outs"] = out
        else:
            fields["out"] = out
    except Exception as e:
        fields["error"] = str(e).split("\n")[0]
    w.case(op, **fields)


def main(path):
    with Writer(path) as w:
        sizes = [(7,), (3, 5), (4, 4), (17,), (5, 9), (2, 3, 8), (1000,), ()]
        for seed in (0, 1, 2023):
            for dt in ("float32", "float64", "float16", "bfloat16"):
                for size in sizes:
                    case(w, "rand", seed, size=size, dtype=dt)
                    case(w, "randn", seed, size=size, dtype=dt)
                    case(w, "uniform", seed, size=size, dtype=dt, lo=-2.5, hi=3.25)
                    case(w, "normal", seed, size=size, dtype=dt, mean=0.75, std=1.5)
                for layout in (1, 2):
                    for size in ((3, 5), (6, 7), (2, 3, 8)):
                        case(w, "uniform", seed, size=size, dtype=dt, lo=-1.0, hi=2.0, layout=layout)
                        case(w, "normal", seed, size=size, dtype=dt, mean=0.5, std=2.0, layout=layout)
                        case(w, "bernoulli_scalar", seed, size=size, dtype=dt, p=0.3, layout=layout)
                        case(w, "random", seed, size=size, dtype=dt, lo=-5, hi=17, layout=layout)
            for dt in ("int64", "int32", "int16", "int8", "uint8", "bool", "float32", "float64"):
                for size in ((7,), (4, 6)):
                    hi = 2 if dt == "bool" else 100
                    case(w, "randint", seed, size=size, dtype=dt, lo=0, hi=hi)
                    case(w, "bernoulli_scalar", seed, size=size, dtype=dt, p=0.6)
            for lo, hi in ((-3, 3), (0, 2**32 + 7), (-(2**40), 2**40), (5, 6), (-(2**62), 2**62)):
                case(w, "randint", seed, size=(9,), dtype="int64", lo=lo, hi=hi)
            case(w, "randint", seed, size=(9,), dtype="float64", lo=0, hi=2**33)
            case(w, "randint", seed, size=(9,), dtype="int32", lo=0, hi=2**31 - 1)
            for n in (0, 1, 2, 10, 100, 1000):
                case(w, "randperm", seed, n=n, dtype="int64")
            case(w, "randperm", seed, n=50, dtype="float32")
            case(w, "randperm", seed, n=50, dtype="int32")
            for pdt in (torch.float32, torch.float64):
                p = torch.rand(4, 6, dtype=pdt)
                for sdt in ("float32", "float64", "int64", "bool"):
                    case(w, "bernoulli_tensor", seed, ts=[p], size=(4, 6), dtype=sdt)
                    case(w, "bernoulli_tensor", seed, ts=[p], size=(4, 6), dtype=sdt, layout=2)
                case(w, "bernoulli_tensor", seed, ts=[torch.rand(6, dtype=pdt)], size=(4, 6))
                case(w, "bernoulli_tensor", seed, ts=[torch.rand(6, 4, dtype=pdt)], size=(4, 6),
                     t_t=True, layout=1)
                case(w, "bernoulli", seed, ts=[p])
                case(w, "bernoulli", seed, ts=[p], t_t=True)
            bp = torch.rand(3, 5, dtype=torch.bfloat16)
            case(w, "bernoulli_tensor", seed, ts=[bp], size=(3, 5), dtype="bfloat16")
            case(w, "bernoulli", seed, ts=[bp])
            x = torch.randn(5, 4)
            for op in ("rand_like", "randn_like"):
                case(w, op, seed, ts=[x])
                case(w, op, seed, ts=[x], t_t=True)
                case(w, op, seed, ts=[torch.randn(6, 5, dtype=torch.float64)], t_t=True)
            case(w, "randint_like", seed, ts=[x], lo=-4, hi=9)
            case(w, "randint_like", seed, ts=[x], t_t=True, lo=-4, hi=9)
            for dt in (torch.float32, torch.float64):
                x = torch.randn(4, 6, 3, 2, dtype=dt)
                for p in (0.0, 0.2, 0.5, 0.9, 1.0):
                    for op in ("dropout", "feature_dropout", "alpha_dropout", "feature_alpha_dropout"):
                        case(w, op, seed, ts=[x], p=p)
                    case(w, "dropout_", seed, ts=[x], p=p)
                case(w, "dropout", seed, ts=[x], t_t=True, p=0.4)
                case(w, "dropout", seed, ts=[x], p=0.4, train=0)
            probs = torch.rand(3, 10)
            for n, rep in ((1, 0), (1, 1), (4, 0), (10, 0), (25, 1)):
                case(w, "multinomial", seed, ts=[probs], n=n, replacement=rep)
                case(w, "multinomial", seed, ts=[probs[0]], n=n, replacement=rep)
                case(w, "multinomial", seed, ts=[probs.double()], n=n, replacement=rep)
            case(w, "sequence", seed)
        # Errors
        case(w, "uniform", size=(3,), lo=1.0, hi=0.0)
        case(w, "uniform", size=(3,), lo=-3e38, hi=3e38)
        case(w, "uniform", size=(3,), lo=0.0, hi=float("inf"))
        case(w, "uniform", size=(3,), dtype="int64", lo=0.0, hi=1.0)
        case(w, "normal", size=(3,), mean=0.0, std=-1.0)
        case(w, "normal", size=(3,), dtype="int64", mean=0.0, std=1.0)
        case(w, "bernoulli_scalar", size=(3,), p=1.5)
        case(w, "bernoulli_scalar", size=(3,), dtype="float16", p=0.5)
        case(w, "bernoulli_tensor", ts=[torch.tensor([0.1, 1.5, 0.2])], size=(3,))
        case(w, "bernoulli_tensor", ts=[torch.tensor([0.1, 0.5])], size=(3,))
        case(w, "bernoulli_tensor", ts=[torch.tensor([1, 0, 1])], size=(3,))
        case(w, "bernoulli", ts=[torch.tensor([0.5, 0.2], dtype=torch.float16)])
        case(w, "randint", size=(3,), lo=5, hi=5)
        case(w, "randint", size=(3,), lo=0, hi=300, dtype="uint8")
        case(w, "randint", size=(3,), lo=-1, hi=3, dtype="uint8")
        case(w, "randint", size=(3,), lo=-(2**62), hi=3, dtype="int16")
        case(w, "randint", size=(3,), lo=0, hi=2**40, dtype="int32")
        case(w, "randint", size=(3,), lo=-(2**62), hi=3, dtype="float16")
        case(w, "randperm", n=-1)
        case(w, "randperm", n=300, dtype="uint8")
        case(w, "randperm", n=2**24 + 2, dtype="float32")
        case(w, "randperm", n=3, dtype="bool")
        case(w, "rand", size=(-1,))
        case(w, "feature_dropout", ts=[torch.ones(3)], p=0.5)
        case(w, "dropout", ts=[torch.ones(3)], p=1.5)
        case(w, "multinomial", ts=[torch.tensor([0.2, -0.1])], n=1, replacement=0)
        case(w, "multinomial", ts=[torch.zeros(2, 3)], n=1, replacement=0)
        case(w, "multinomial", ts=[torch.rand(3)], n=4, replacement=0)
        case(w, "multinomial", ts=[torch.rand(3)], n=0, replacement=1)
        case(w, "multinomial", ts=[torch.rand(2, 2, 2)], n=1, replacement=1)
        case(w, "multinomial", ts=[torch.tensor([1, 2])], n=1, replacement=1)
        case(w, "multinomial", ts=[torch.tensor([0.5, float("inf")])], n=2, replacement=1)
        case(w, "multinomial", ts=[torch.tensor([0.5, -1.0])], n=2, replacement=1)
        case(w, "multinomial", ts=[torch.zeros(3)], n=2, replacement=1)
        case(w, "multinomial", ts=[torch.rand(3, dtype=torch.float16)], n=1, replacement=0)
        case(w, "bernoulli_tensor", ts=[torch.rand(3, dtype=torch.float16)], size=(3,))


if __name__ == "__main__":
    main(sys.argv[1])
