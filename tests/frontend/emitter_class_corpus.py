# Classes and modules for the emitter's class test: each entry is (name, module source, factory,
# method, sample inputs). make_emitter_class_goldens.py writes the source to a module named
# `ecls_<name>`, scripts `factory` (an expression in that module) and records the code/ files
# torch.jit.save writes, the graphs of `method` (scripted and loaded back), the object's
# attribute values and the method's outputs on the samples.
import torch

T = torch.tensor

CLASSES = [
    ("point", '''
import torch
from typing import List

@torch.jit.script
class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y

    def scale(self, k: float):
        self.x = self.x * k
        self.y = self.y * k


class M(torch.nn.Module):
    def forward(self, a: float, b: float):
        p = Point(a, b)
        p.scale(2.0)
        return p.norm2(), p.x
''', "M()", "forward", [(1.0, 2.0), (0.5, -3.0)]),

    ("counter", '''
import torch
from typing import List

@torch.jit.script
class Counter:
    total: int

    def __init__(self):
        self.total = 0
        self.seen: List[int] = []

    def add(self, v: int) -> int:
        self.total += v
        self.seen.append(v)
        return self.total


class M(torch.nn.Module):
    def forward(self, n: int) -> List[int]:
        c = Counter()
        for i in range(n):
            c.add(i * 2)
        out = c.seen
        out.append(c.total)
        return out
''', "M()", "forward", [(4,), (0,)]),

    ("named_tuple", '''
import torch
from typing import NamedTuple


class Out(NamedTuple):
    y: torch.Tensor
    n: int


class M(torch.nn.Module):
    def forward(self, x: torch.Tensor, k: int) -> Out:
        o = Out(x * k, k + 1)
        return Out(o.y + 1, o.n)
''', "M()", "forward", [(T([1., 2.]), 3)]),

    ("params", '''
import torch


class M(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.tensor([1., 2., 3.]))
        self.register_buffer("b", torch.tensor([0.5, 0.5, 0.5]))
        self.k = 2
        self.scale = 1.5

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x * self.w + self.b
        if self.training:
            y = y * self.k
        return y * self.scale
''', "M()", "forward", [(T([1., 1., 1.]),)]),

    ("final_const", '''
import torch
from typing import Final


class M(torch.nn.Module):
    c: Final[int] = 3
    eps: Final[float] = 0.25

    def __init__(self):
        super().__init__()
        self.flag = True

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.flag:
            x = x + self.c
        return x * self.eps
''', "M()", "forward", [(T([1., 2.]),)]),

    ("submodule", '''
import torch


class Sub(torch.nn.Module):
    def __init__(self, k: int):
        super().__init__()
        self.k = k
        self.w = torch.nn.Parameter(torch.tensor([2., 3.]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.w + self.k

    def twice(self, x: torch.Tensor) -> torch.Tensor:
        return self.forward(self.forward(x))


class M(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Sub(1)
        self.b = Sub(2)

    def helper(self, x: torch.Tensor, n: int) -> torch.Tensor:
        for _ in range(n):
            x = self.a(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.helper(x, 2)
        return self.b.forward(y) + self.a.twice(x)
''', "M()", "forward", [(T([1., -1.]),)]),

    ("linear_relu", '''
import torch


class M(torch.nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.lin = torch.nn.Linear(3, 2)
        self.act = torch.nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.lin(x))
''', "M()", "forward", [(T([[1., 2., 3.], [-1., 0.5, 2.]]),)]),

    ("class_in_module", '''
import torch
from typing import List, Optional


@torch.jit.script
class Stack:
    def __init__(self):
        self.items: List[torch.Tensor] = []

    def push(self, t: torch.Tensor):
        self.items.append(t)

    def pop(self) -> Optional[torch.Tensor]:
        if len(self.items) == 0:
            return None
        return self.items.pop()


class M(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.depth = 3

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s = Stack()
        for i in range(self.depth):
            s.push(x * i)
        t = s.pop()
        if t is None:
            return x
        return t
''', "M()", "forward", [(T([1., 2.]),)]),
]
