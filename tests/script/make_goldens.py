"""PyTorch 1.13's str(fn.graph) (without source locations), fn.code and outputs for the C++
programs of script_test.cpp, written the way TorchScript's documentation writes them.

Usage: python3 make_goldens.py OUT
Format: per record a line `@@@ <case> <kind> <nbytes>` followed by exactly nbytes of text;
kind is graph, code or out (out: the shape, then the flattened values, one line each).
"""
import re
import sys

import torch


def foo(x, y):
    return 2 * x + y


def loop(len: int):
    rv = torch.zeros(3, 4)
    for i in range(len):
        if i < 10:
            rv = rv - 1.0
        else:
            rv = rv + 1.0
    return rv


def fn(x):
    r = x
    for i in range(x.size(0)):
        r = r * x
    return r


def mlp(x, w, b):
    return torch.relu(torch.matmul(x, w) + b)


def conv(x, w, b):
    return torch.relu(torch.conv2d(x, w, b))


def two(x, n: int):
    a = x
    s = 0
    for i in range(n):
        a = a * 2
        s = s + i
    return a + s


def inputs():
    x23 = torch.arange(6, dtype=torch.float32).view(2, 3) * 0.25 - 0.5
    y23 = torch.arange(6, dtype=torch.float32).view(2, 3)
    return {
        "foo": (x23, y23),
        "loop": (12,),
        "two": (torch.arange(4, dtype=torch.float32) - 1.5, 5),
        "fn": (torch.arange(6, dtype=torch.float32).view(3, 2) * 0.5 - 1,),
        "mlp": (torch.arange(6, dtype=torch.float32).view(2, 3) / 7,
                torch.arange(12, dtype=torch.float32).view(3, 4) / 5 - 1,
                torch.arange(4, dtype=torch.float32) / 3),
        "conv": (torch.arange(50, dtype=torch.float32).view(1, 2, 5, 5) / 50 - 0.3,
                 torch.arange(54, dtype=torch.float32).view(3, 2, 3, 3) / 54 - 0.5,
                 torch.arange(3, dtype=torch.float32) / 3),
    }


def main():
    out = []

    def rec(case, kind, text):
        out.append("@@@ %s %s %d\n%s" % (case, kind, len(text.encode()), text))

    ins = inputs()
    for f in [foo, loop, fn, mlp, conv, two]:
        s = torch.jit.script(f)
        # PyTorch 1.13 still prints source locations inside blocks with str(False): drop them.
        rec(f.__name__, "graph", re.sub(r" # .*", "", s.graph.str(False)))
        rec(f.__name__, "code", s.code)
        r = s(*ins[f.__name__])
        text = " ".join(str(d) for d in r.shape) + "\n"
        text += "\n".join(repr(float(v)) for v in r.flatten().tolist()) + "\n"
        rec(f.__name__, "out", text)
    with open(sys.argv[1], "w") as fh:
        fh.write("".join(out))


if __name__ == "__main__":
    main()
