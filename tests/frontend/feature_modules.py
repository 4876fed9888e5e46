"""Small modules that make PyTorch 1.13 write every statement and expression form it emits into
archives (see §6.3-6.5 of the archive-format notes): used by make_model_code.py."""
from enum import Enum
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor
from typing_extensions import Final


class Out(NamedTuple):
    y: Tensor
    n: int


def helper(x: Tensor, k: int) -> Tensor:
    return x * k


class Block(nn.Module):
    def __init__(self, c: int):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class Big(nn.Module):
    scale: Final[float] = 0.5
    names: Final[List[str]] = ["a", "b"]

    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(4), Block(4)])
        self.seq = nn.Sequential(nn.Conv2d(4, 4, 1), nn.ReLU())
        self.head = nn.Linear(4, 3)
        self.alpha = nn.Parameter(torch.tensor(1.5))
        self.register_buffer("mean", torch.zeros(4))
        self.count = 0
        self.table: Dict[str, int] = {"x": 1}
        self.maybe: Optional[Tensor] = None
        self.tag = "it's \"q\"\n\\"
        self.cst = torch.tensor([1.0, 2.0])

    @torch.jit.export
    def extra(self, x, n: int = 2) -> List[Tensor]:
        return [x * i for i in range(n)]

    def forward(self, x, opt: Optional[Tensor] = None, flag: bool = True) -> Tuple[Tensor, Out]:
        for b in self.blocks:
            x = b(x)
        x = self.seq(x)
        if opt is not None:
            x = x + opt
        else:
            x = x - 1.0
        acc = torch.zeros_like(x)
        for i in range(3):
            acc = acc + x * float(i)
        j = 0
        while j < 2:
            acc = acc + 1
            j += 1
        sq = [v * 2 for v in [1, 2, 3]]
        if isinstance(opt, Tensor):
            acc = acc + opt.sum()
        if x.dim() != 4:
            raise RuntimeError("bad dim " + str(x.dim()))
        fut = torch.jit.fork(helper, x, 3)
        y = torch.jit.wait(fut)
        pooled = F.adaptive_avg_pool2d(acc + y, 1).flatten(1)
        out = self.head(pooled) * self.scale + self.alpha + self.cst.sum()
        if self.training:
            self.count += 1
        s = "tab\there"
        t = (1, 2.0, "three")
        k = self.table.get("x", 0) + len(sq) + len(self.names)
        m = self.maybe
        if m is not None:
            out = out + m
        z = torch.cat([out, out], dim=0)[0:1, :2]
        z = z.view(-1).unsqueeze(0)
        return out, Out(z, k + int(t[0]) + len(s))


@torch.jit.script
class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5


class Syn(nn.Module):
    def __init__(self):
        super().__init__()
        self.lst = [1, 2]

    @torch.jit.unused
    def unused_fn(self, x: Tensor) -> Tensor:
        return x.numpy()

    def early(self, x: int) -> int:
        if x > 3:
            return x * 2
        for i in range(10):
            if i == 5:
                break
            if i == 2:
                continue
            x += i
        return x

    def forward(self, x: Tensor, flag: bool = False, n: Optional[int] = None) -> Tuple[Tensor, str, List[int], float]:
        s = "it's \"q\"\n\\ \t\x01 \u00e9 \u2603"
        if flag:
            x = self.unused_fn(x)
        with torch.no_grad():
            x = x * 2
        assert x.dim() > 0, "need dim"
        a = -3
        b = 1e-8
        c = float("inf")
        e = -float("nan") if flag else 2.5e-3
        i = 7 // 2 + 7 % 3 + (5 & 3) + (5 | 2) + (5 ^ 1) + (1 << 3) + (-a)
        cond = (i > 3 and not flag) or i == 0
        t = x if cond else -x
        lo = 0 < i < 100
        dd = {k: v for k, v in zip(["a", "b"], [1, 2])}
        l2 = [j * 2 for j in range(3)]
        for idx, v in enumerate(l2):
            l2[idx] = v + idx
        l2.append(len(dd))
        del dd["a"]
        has = "b" in dd
        p = Point(3.0, 4.0)
        nn_ = p.norm()
        nv = n if n is not None else 0
        sh = x.shape
        first = x.size(0)
        y = x.clone()
        y[0] = 1.0
        y[0, ...] += 2
        z = y[:, None, 1:]
        msg = "v={} i={}".format(nn_, i)
        msg2 = f"{i} and {nv}"
        tt = torch.tensor([1, 2], dtype=torch.float64, device=torch.device("cpu"))
        mx = max(i, 3)
        mn = min([1.0, 2.0])
        w = torch.jit.annotate(List[int], [])
        w.append(self.early(i))
        u: Optional[Tensor] = None
        if torch.jit.is_scripting():
            u = t
        if u is not None:
            t = u + 1
        print("dbg", i, lo, has)
        pw = 2 ** 3
        fl = 3.0 ** 2
        xs = sh[0] + first + mx + int(mn) + pw + int(fl) + len(msg) + len(msg2) + int(tt.sum().item()) + self.lst[0] + (1 if lo else 0)
        return t + z.sum(), s, w + [int(xs), int(has)], nn_ + b + c + e


class Color(Enum):
    RED = 1
    GREEN = 2


@torch.jit.script
class State:
    def __init__(self, v: int):
        self.v = v

    def __getstate__(self) -> Tuple[int, int]:
        return (self.v, 42)

    def __setstate__(self, s: Tuple[int, int]) -> None:
        self.v = s[0]


@torch.jit.interface
class SubIface(nn.Module):
    def forward(self, x: Tensor) -> Tensor:
        pass


class Impl(nn.Module):
    def forward(self, x: Tensor) -> Tensor:
        return x + 1


def work(x: Tensor) -> Tensor:
    return x * 2


class Types(nn.Module):
    sub: SubIface

    def __init__(self):
        super().__init__()
        self.color = Color.GREEN
        self.st = State(3)
        self.u = 1
        self.dt: Dict[str, Tensor] = {"a": torch.ones(1)}
        self.sub = Impl()

    def launch(self, x: Tensor) -> torch.jit.Future[Tensor]:
        return torch.jit.fork(work, x)

    def forward(self, x: Tensor, a: Any, u: Union[float, int] = 1) -> Tuple[Tensor, int]:
        fut = self.launch(x)
        y = self.sub(torch.jit.wait(fut))
        if self.color == Color.GREEN:
            c = self.color.value
        else:
            c = 0
        if isinstance(u, int):
            c = c + u
        a, b, = pair(3)
        one = (a,)
        d = {"k": b, "j": -1}
        r = x[..., 0] + x[:, -1].mean()
        return y + (r * 0.0 + 2j).real, c + self.st.v + one[0] + d["k"]


def pair(n: int) -> Tuple[int, int]:
    return n, n + 1


class TNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8, 4)
        self.register_buffer("offset", torch.tensor([0.5, -0.5, 1.0, 2.0]))

    def forward(self, x):
        y = torch.relu(self.bn(self.conv(x)))
        y = y.mean(dim=(2, 3))
        k = torch.tensor([1.0, 2.0, 3.0, 4.0])
        z = self.fc(y) * k + self.offset
        return z.view(z.size(0), -1), torch.softmax(z, dim=1)


def modules():
    """(name, module) pairs: scripted modules, and a traced one."""
    tnet = TNet().eval()
    with torch.no_grad():
        traced = torch.jit.trace(tnet, torch.randn(2, 3, 8, 8), check_trace=False)
    return [
        ("big", torch.jit.script(Big())),
        ("syn", torch.jit.script(Syn())),
        ("types", torch.jit.script(Types())),
        ("tnet_traced", traced),
        ("big_frozen", torch.jit.freeze(torch.jit.script(Big().eval()))),
    ]
