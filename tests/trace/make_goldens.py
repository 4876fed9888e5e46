"""PyTorch 1.13's traces of the functions trace_test.cpp writes in C++.

Each case prints `== name` and the traced graph, with source comments removed and the value
names PyTorch takes from Python locals cleared (C++ has no names to give), so the graph text is
what a C++ trace of the same ops must print.
Usage: make_goldens.py OUT
"""
import re
import sys

import torch


def views(x):
    return (x.narrow(1, 1, 2).t(),
            x.flatten().unsqueeze(0).squeeze(0).view(4, 3),
            x.permute(1, 0).contiguous().expand(2, 4, 3))


def lists(x, y):
    r = torch.sub(x.chunk(2, 1)[0], y.split(1, 0)[1], alpha=2)
    return r.select(0, 1).clone(), r


def arith(x, y):
    return torch.add(torch.sub(x, y), x).transpose(0, 1).reshape(-1, 2)


def inplace(x, y):
    z = x.clone()
    z.add_(y)
    z.select(0, 0).copy_(y.select(0, 1))
    return z


def list_input(xs):
    return torch.add(xs[0], xs[1]).split_with_sizes([1, 2], 1)


def cast(x):
    return x.to(torch.float64).unbind(0)


CASES = [
    ("views", views, (torch.ones(3, 4),)),
    ("lists", lists, (torch.ones(2, 4), torch.ones(2, 2))),
    ("arith", arith, (torch.ones(2, 3), torch.ones(2, 3))),
    ("inplace", inplace, (torch.ones(2, 3), torch.ones(2, 3))),
    ("list_input", list_input, ([torch.ones(2, 3), torch.ones(2, 3)],)),
    ("cast", cast, (torch.ones(2, 3),)),
]


def main():
    out = []
    for name, fn, inputs in CASES:
        g = torch.jit.trace(fn, inputs, check_trace=False).graph
        inputs_ = set(g.inputs())
        for n in g.nodes():
            for o in n.outputs():
                if o not in inputs_:
                    o.setDebugName("")
        text = re.sub(r" # [^\n]*", "", str(g))
        out.append(f"== {name}\n{text}")
    with open(sys.argv[1], "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
