"""Functions and modules whose TorchScript code the code printer test compares with PyTorch's.

Each function in FUNCTIONS is scripted on its own; each module class in MODULES is scripted and
saved. See make_printer_cases.py.
"""
import math
from typing import Dict, Final, List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


def helper_scale(x: torch.Tensor, k: int) -> torch.Tensor:
    return x * k


def helper_pair(a: int) -> Tuple[int, int]:
    return a, a + 1


def f_add(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return x + y


def f_arith(x: torch.Tensor, y: torch.Tensor, a: float):
    z = x * y - a
    w = z / 2 + torch.relu(x)
    return w ** 2


def f_ints(a: int, b: int) -> int:
    c = a // b + a % b
    d = (a & b) | (a ^ b)
    return c * d - (a << 2)


def f_if(x: torch.Tensor, flag: bool) -> torch.Tensor:
    if flag:
        y = x + 1
    else:
        y = x - 1
    return y


def f_if_noelse(x: torch.Tensor, n: int) -> torch.Tensor:
    if n > 3:
        x = x * 2
    return x


def f_for(x: torch.Tensor, n: int) -> torch.Tensor:
    acc = torch.zeros_like(x)
    for i in range(n):
        acc = acc + x * i
    return acc


def f_while(n: int) -> int:
    i = 0
    s = 0
    while i < n:
        s += i * i
        i += 1
    return s


def f_break(n: int) -> int:
    s = 0
    for i in range(n):
        if i == 7:
            break
        if i % 2 == 0:
            continue
        s += i
    return s


def f_early_return(x: int) -> int:
    if x > 3:
        return x * 2
    return x - 1


def f_list(x: torch.Tensor) -> List[torch.Tensor]:
    out: List[torch.Tensor] = []
    for i in range(3):
        out.append(x + i)
    return out


def f_list_lit(a: int, b: int) -> List[int]:
    l = [a, b, 3]
    l.append(a + b)
    l[0] = 10
    return l[1:] + l[:2]


def f_list_comp(n: int) -> List[int]:
    return [i * 2 for i in range(n)]


def f_dict(k: str, v: int) -> Dict[str, int]:
    d = {"a": 1, k: v}
    d["b"] = d["a"] + 2
    if "c" in d:
        d.pop("c")
    return d


def f_dict_empty() -> Dict[str, List[int]]:
    d: Dict[str, List[int]] = {}
    d["x"] = [1]
    return d


def f_tuple(x: torch.Tensor) -> Tuple[torch.Tensor, int, str]:
    t = (x, 3, "s")
    a, b, c = t
    return a, b + 1, c


def f_tuple1(x: int) -> Tuple[int]:
    return (x,)


def f_tuple_index(t: Tuple[int, float, str]) -> float:
    return t[1] + t[0]


def f_optional(x: Optional[torch.Tensor], y: torch.Tensor) -> torch.Tensor:
    if x is not None:
        return x + y
    return y


def f_optional_int(n: Optional[int] = None) -> int:
    m = n if n is not None else 5
    return m + 1


def f_defaults(x: torch.Tensor, a: int = 2, b: float = 0.5, s: str = "hi",
               l: Optional[List[int]] = None, o: Optional[torch.Tensor] = None,
               f: bool = False) -> torch.Tensor:
    return x * a + b


def f_fork(x: torch.Tensor) -> torch.Tensor:
    fut = torch.jit.fork(helper_scale, x, 3)
    y = torch.jit.wait(fut)
    return y + x


def f_raise(x: int) -> int:
    if x < 0:
        raise ValueError("negative: " + str(x))
    return x


def f_assert(x: torch.Tensor) -> torch.Tensor:
    assert x.dim() == 2, "need 2-d"
    return x.t()


def f_methods(x: torch.Tensor) -> torch.Tensor:
    y = x.view(-1).unsqueeze(0).contiguous()
    z = y.sum(dim=1, keepdim=True).mean()
    return z.clamp(min=0.0)


def f_kwargs(x: torch.Tensor) -> torch.Tensor:
    y = torch.sum(x, dim=0, keepdim=False, dtype=torch.float64)
    z = torch.zeros(3, 4, dtype=torch.float32)
    return torch.div(y, 2, rounding_mode="trunc") + z.sum()


def f_constants() -> Tuple[int, float, bool, str, float, float, float, complex]:
    return (-3, 1e-8, True, "q\"uo\n\tte\\", float("inf"), -float("inf"), 2.5e-3, 1 + 2j)


def f_scalars(x: float, s: str, c: complex) -> Tuple[float, str, complex]:
    y = x * 1e-8 + float("inf") - 2.5e-3 + -3 - 0.1
    t = s + "q\"uo\n\tte\\" + "\x01"
    return y, t, c * (1 + 2j) + 3.0


def f_none() -> None:
    print("hello", 1, 2.5)


def f_string_ops(s: str, n: int) -> str:
    t = s + "-" + str(n)
    u = "{} and {}".format(t, n)
    return u.upper() + f"{n}x"


def f_nested_call(a: int) -> int:
    p, q = helper_pair(a)
    return p * q


def f_call_scale(x: torch.Tensor) -> torch.Tensor:
    return helper_scale(helper_scale(x, 2), 3)


def f_isinstance(x: Optional[int]) -> int:
    if isinstance(x, int):
        return x
    return 0


def f_slicing(x: torch.Tensor) -> torch.Tensor:
    y = x[0]
    z = x[:, 1:3]
    w = x[..., 0]
    return y.sum() + z.sum() + w.sum() + x[None, 0].sum()


def f_index_put(x: torch.Tensor) -> torch.Tensor:
    y = x.clone()
    y[0] = 1.0
    y[1] += 2
    return y


def f_minmax(a: int, b: int, l: List[float]) -> float:
    return float(max(a, b) + min(a, b)) + max(l)


def f_cat(xs: List[torch.Tensor]) -> torch.Tensor:
    y = torch.cat(xs, dim=1)
    return torch.stack([y, y])


def f_nn(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    y = F.linear(x, w)
    y = torch.softmax(y, dim=-1)
    return F.dropout(y, p=0.1, training=False)


def f_long_expr(alpha_value: torch.Tensor, beta_value: torch.Tensor) -> torch.Tensor:
    return torch.add(torch.mul(alpha_value, beta_value), torch.sub(beta_value, alpha_value)) * torch.div(alpha_value, 3)


def f_long_string() -> str:
    return "a rather long string literal that will not be inlined at all"


def f_shape(x: torch.Tensor) -> int:
    n = x.size(0)
    s = x.shape
    return n + s[-1] + x.dim() + len(s)


def f_bool_ops(a: bool, b: bool, n: int) -> bool:
    return (a and not b) or n == 0


def f_chain_cmp(n: int) -> bool:
    return 0 < n < 10


def f_ternary(x: torch.Tensor, c: bool) -> torch.Tensor:
    return x if c else -x


def f_unused_values(x: torch.Tensor) -> torch.Tensor:
    a = x + 1
    b = a * 2
    c = b - a
    return c


def f_loop_carried(x: torch.Tensor) -> Tuple[torch.Tensor, int]:
    n = 0
    y = x
    for _ in range(4):
        y = y * 2
        n += 1
    return y, n


def f_nested_loops(n: int) -> int:
    t = 0
    for i in range(n):
        for j in range(i):
            t += i * j
    return t


def f_enumerate(l: List[int]) -> int:
    s = 0
    for i, v in enumerate(l):
        s += i * v
    return s


def f_zip_dict(keys: List[str], vals: List[int]) -> Dict[str, int]:
    return {k: v for k, v in zip(keys, vals)}


def f_tensor_ctor(x: torch.Tensor) -> torch.Tensor:
    t = torch.tensor([1.0, 2.0], dtype=torch.float64)
    return x.to(torch.float64) + t


def f_device(x: torch.Tensor) -> torch.Tensor:
    return x.to(torch.device("cpu"))


def f_list_of_lists() -> List[List[int]]:
    return [[1, 2], [3]]


def f_empty_list_return() -> List[str]:
    return []


def f_optional_list(l: Optional[List[int]]) -> int:
    if l is None:
        return -1
    return len(l)


def f_grad_mode(x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        y = x * 2
    return y


def f_math(a: float) -> float:
    return math.sqrt(a) + math.floor(a) + math.pi


FUNCTIONS = [v for k, v in list(globals().items()) if k.startswith("f_")]


# ---- modules ----------------------------------------------------------------------------------

class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(3, 2)
        self.register_buffer("offset", torch.zeros(2))
        self.scale = 2.0

    def forward(self, x):
        return self.lin(x) * self.scale + self.offset


class WithConstants(nn.Module):
    K: Final[int] = 7
    names: Final[List[str]] = ["a", "b"]
    ratio: Final[float] = 0.25

    def __init__(self):
        super().__init__()
        self.count = 0
        self.table: Dict[str, int] = {"x": 1}
        self.maybe = None
        self.w = nn.Parameter(torch.ones(2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = x + self.K * self.ratio
        if self.training:
            self.count += 1
        m = self.maybe
        if m is not None:
            y = y + m
        return y * self.w + len(self.names) + self.table["x"]


class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)])
        self.seq = nn.Sequential(nn.ReLU(), nn.Tanh())

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return self.seq(x)


class Methods(nn.Module):
    def __init__(self):
        super().__init__()
        self.n = 3

    @torch.jit.export
    def helper(self, x: torch.Tensor, k: int = 2) -> torch.Tensor:
        return x * k + self.n

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.helper(x, 2) + self.helper(x, 5)


class Forker(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        fut = torch.jit.fork(self.lin, x)
        y = torch.jit.wait(fut)
        return y.relu()


class Conv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(4)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class Loops(nn.Module):
    def __init__(self):
        super().__init__()
        self.steps = 3

    def forward(self, x: torch.Tensor, limit: int = 10) -> Tuple[torch.Tensor, List[int]]:
        hist: List[int] = []
        i = 0
        while i < limit:
            if i >= self.steps:
                break
            x = x * 2
            hist.append(i)
            i += 1
        return x, hist


MODULES = [Small, WithConstants, Stack, Methods, Forker, Conv, Loops]
