"""Fixtures and checks of tjit::freeze / optimize_for_inference against PyTorch 1.13.

`make OUT`: writes one bundle file (format of tests/serialize: "<name>\\n<byte count>\\n<bytes>",
repeated). For each case NAME: `NAME.pt` (torch.jit.script of the module in eval mode, saved),
`NAME.in` (torch.save of the positional inputs), `NAME.out` (what the loaded archive returns),
`NAME.kinds` (the node kinds of torch.jit.freeze(...).graph, depth-first, prim::Constant left
out, one per line; small modules only) and `NAME.frozen.graph` (PyTorch's frozen graph text).

`check DIR`: loads every `DIR/NAME.frozen.pt` tjit wrote, runs it on `DIR/NAME.in` and prints
`NAME ok` or `NAME bad <why>` (max abs difference against `DIR/NAME.out`, tolerance in
DIR/NAME.tol)."""
import io
import os
import sys
from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Sub(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(3, 4)
        self.scale = 2.0

    def forward(self, x):
        return self.lin(x) * self.scale


class Counter(nn.Module):
    # `count` is written by forward: it must stay an attribute.
    def __init__(self):
        super().__init__()
        self.sub = Sub()
        self.count = 0
        self.drop = nn.Dropout(0.5)

    def forward(self, x):
        self.count += 1
        y = self.sub(x)
        return F.relu(self.drop(y)) + self.count


class InPlace(nn.Module):
    # `acc` is written in place (add_): freezing must keep it.
    def __init__(self):
        super().__init__()
        self.register_buffer("acc", torch.zeros(4))
        self.w = nn.Parameter(torch.randn(4))

    def forward(self, x):
        self.acc.add_(x)
        return self.acc * self.w


class Branches(nn.Module):
    def __init__(self):
        super().__init__()
        self.use_relu = True
        self.k = 3
        self.lst: List[int] = [1, 2, 3]

    def forward(self, x):
        if self.use_relu:
            x = F.relu(x)
        else:
            x = torch.sigmoid(x)
        for i in range(self.k):
            x = x + self.lst[i]
        return x


class ConvBn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.lin = nn.Linear(8, 5)
        self.bn1 = nn.BatchNorm1d(5)
        self.drop = nn.Dropout(0.2)

    def forward(self, x):
        y = F.relu(self.bn(self.conv(x)))
        y = y.mean([2, 3])
        return self.bn1(self.lin(self.drop(y)))


def randomize_bn(m):
    for mod in m.modules():
        if isinstance(mod, (nn.BatchNorm1d, nn.BatchNorm2d)):
            mod.running_mean.uniform_(-0.5, 0.5)
            mod.running_var.uniform_(0.5, 1.5)
            mod.weight.data.uniform_(0.5, 1.5)
            mod.bias.data.uniform_(-0.5, 0.5)
    return m


def kinds(block, out):
    for n in block.nodes():
        if n.kind() != "prim::Constant":
            out.append(n.kind())
        for b in n.blocks():
            kinds(b, out)
    return out


def make(path):
    out = {}

    def add(name, data):
        out[name] = data if isinstance(data, bytes) else data.encode()

    def saved(obj):
        b = io.BytesIO()
        torch.save(obj, b)
        return b.getvalue()

    def case(name, module, inputs, compare_graph=True):
        module = module.eval()
        scripted = torch.jit.script(module)
        b = io.BytesIO()
        torch.jit.save(scripted, b)
        add(name + ".pt", b.getvalue())
        loaded = torch.jit.load(io.BytesIO(b.getvalue()))
        with torch.no_grad():
            result = loaded(*inputs)
        add(name + ".in", saved(tuple(inputs)))
        add(name + ".out", saved(result))
        if compare_graph:
            frozen = torch.jit.freeze(torch.jit.load(io.BytesIO(b.getvalue())).eval())
            add(name + ".kinds", "\n".join(kinds(frozen.graph, [])) + "\n")
            add(name + ".frozen.graph", str(frozen.graph))

    case("counter", Counter(), (torch.randn(2, 3),))
    case("inplace", InPlace(), (torch.randn(4),))
    case("branches", Branches(), (torch.randn(2, 3),))
    case("convbn", randomize_bn(ConvBn()), (torch.randn(2, 3, 8, 8),), compare_graph=False)
    try:
        import torchvision
        x = torch.randn(1, 3, 224, 224)
        case("resnet18", randomize_bn(torchvision.models.resnet18()), (x,), compare_graph=False)
        case("mobilenet_v2", randomize_bn(torchvision.models.mobilenet_v2()), (x,),
             compare_graph=False)
    except ImportError:
        pass
    with open(path, "wb") as f:
        for k in sorted(out):
            f.write(("%s\n%d\n" % (k, len(out[k]))).encode())
            f.write(out[k])


def check(d):
    for f in sorted(os.listdir(d)):
        if not f.endswith(".frozen.pt"):
            continue
        name = f[: -len(".frozen.pt")]
        try:
            m = torch.jit.load(os.path.join(d, f))
            inputs = torch.load(os.path.join(d, name + ".in"))
            want = torch.load(os.path.join(d, name + ".out"))
            tol = float(open(os.path.join(d, name + ".tol")).read())
            with torch.no_grad():
                got = m(*inputs)
            diff = (got - want).abs().max().item()
            print(name, "ok" if diff <= tol else "bad difference %g > %g" % (diff, tol))
        except Exception as e:  # noqa: BLE001 - reported to the test
            print(name, "bad", repr(e).replace("\n", " ")[:300])


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        check(sys.argv[2])
