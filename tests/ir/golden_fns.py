# Functions scripted by make_goldens.py; their graphs (as PyTorch 1.13 prints them) are the
# printer/parser goldens in goldens/. Loaded under the file name "golden_fns.py" so the
# `# file:line:col` comments do not depend on where the repository lives.
import math
import torch
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union
from torch import Tensor


def add_mul(x: Tensor, y: Tensor) -> Tensor:
    return x + y * 2


def if_else(x: Tensor, flag: bool) -> Tensor:
    if flag:
        y = x + 1
    else:
        y = x - 1
    return y


def loop_sum(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def while_loop(x: int) -> int:
    while x > 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
    return x


def nested_blocks(x: Tensor, n: int) -> Tensor:
    for i in range(n):
        if i % 2 == 0:
            for j in range(i):
                x = x + j
        else:
            if i > 5:
                x = x * 2
    return x


def lists(xs: List[int]) -> List[int]:
    out: List[int] = []
    for x in xs:
        out.append(x * 2)
    out.extend([1, -2, 3])
    return out[1:]


def list_of_tensors(x: Tensor) -> List[Tensor]:
    return [x, x + 1, x.relu()]


def dicts(d: Dict[str, Tensor], k: str) -> Dict[str, int]:
    out: Dict[str, int] = {}
    for key in d.keys():
        out[key] = d[key].dim()
    out[k] = 1
    return out


def int_dict(d: Dict[int, float]) -> float:
    s = 0.0
    for k, v in d.items():
        s += v * k
    return s


def tuples(x: Tensor, y: int) -> Tuple[int, Tensor, Tuple[int, int]]:
    a, b = (y, y + 1)
    return (a, x, (b, -y))


def optionals(x: Optional[int], t: Optional[Tensor] = None) -> int:
    if x is None:
        return 0
    if t is not None:
        return x + t.dim()
    return x


def strings(s: str) -> str:
    a = "hello" + s
    b = 'quote"s \'and\' \\back\tslash\n'
    c = f"{a}-{b}"
    return c.upper() + s[1:] + str(len(s))


def floats(x: float) -> List[float]:
    return [x * 1e-05, 1.5, -2.0, float("inf"), float("-inf"), float("nan"), 0.1, 1e20, 3.0e-300, 2.5e-7, 123456789.0, 1e10, -0.0, math.pi]


def negative_numbers(x: int) -> int:
    y = -1
    z = x * -3 + y - (-9223372036854775807)
    return z


def bools(a: bool, b: bool) -> bool:
    c = a and not b
    d = a or False
    return c != d


def tensor_ops(x: Tensor, y: Tensor) -> Tensor:
    z = torch.matmul(x, y.t())
    z = torch.relu(z).sum(dim=1, keepdim=True)
    return torch.cat([z, z], dim=-1).view(-1)


def tensor_creation(n: int) -> Tensor:
    a = torch.zeros([n, 2], dtype=torch.float64)
    b = torch.ones(3, dtype=torch.int64, device="cpu")
    return a.sum() + b.sum()


def devices_dtypes(x: Tensor) -> Tensor:
    d = x.device
    return x.to(device=d, dtype=torch.float32)


def unions(x: Union[int, str, Tensor]) -> str:
    if isinstance(x, int):
        return "int"
    elif isinstance(x, str):
        return x
    return "tensor"


def any_type(x: Any) -> Any:
    return x


def complex_numbers(a: complex) -> complex:
    return a * 2j + complex(1.0, -2.5)


def raise_exception(x: int) -> int:
    if x < 0:
        raise ValueError("negative: " + str(x))
    return x


def assert_and_print(x: int) -> int:
    assert x > 0, "x must be positive"
    print("x is", x)
    return x


def _inner(x: Tensor) -> Tensor:
    return x * 2


def fork_wait(x: Tensor) -> Tensor:
    fut = torch.jit.fork(_inner, x)
    y = x + 1
    return torch.jit.wait(fut) + y


def calls(x: Tensor) -> Tensor:
    return _inner(_inner(x))


def list_comprehension(n: int) -> List[int]:
    return [i * i for i in range(n)]


def break_continue(xs: List[int]) -> int:
    s = 0
    for x in xs:
        if x < 0:
            continue
        if x > 100:
            break
        s += x
    return s


def many_names(x: int) -> int:
    x = x + 1
    x = x + 1
    x = x + 1
    y = x
    y = y * x
    return x + y


def no_inputs() -> int:
    return 42


def multiple_returns(x: Tensor) -> Tuple[Tensor, Tensor]:
    values, indices = torch.max(x, dim=0)
    return values, indices


def min_max_math(a: int, b: float) -> float:
    return max(a, 3) + min(b, 2.5) + math.sqrt(b) + math.floor(b)


def nested_lists(x: List[List[int]]) -> List[Tuple[int, str]]:
    out: List[Tuple[int, str]] = []
    for row in x:
        out.append((len(row), "row"))
    return out


def future_type(x: Tensor) -> torch.jit.Future[Tensor]:
    return torch.jit.fork(_inner, x)


class Point(NamedTuple):
    x: int
    y: float


def named_tuple(p: Point) -> float:
    return p.x + p.y


@torch.jit.script
class Counter:
    def __init__(self, start: int):
        self.count = start

    def bump(self) -> int:
        self.count += 1
        return self.count


def class_type(c: Counter) -> int:
    return c.bump()


def uninitialized_and_loops(n: int) -> int:
    i = 0
    while True:
        i += 1
        if i >= n:
            break
    return i


def string_escapes() -> List[str]:
    return ["a\x01b", "tab\tx", "\u00e9", "", "back\\slash", "\x7f", "bell\a\b\f\v\r"]


def int_lists_const(x: Tensor) -> Tensor:
    return torch.nn.functional.avg_pool2d(x, [3, 3], [2, 2], [1, 1])


# Traced, not scripted (make_goldens.py traces these with example inputs).
def _trace_mlp(x: Tensor, w: Tensor):
    z = torch.relu(x @ w.t()) * 2
    s = z.sum(dim=1) + torch.tensor(3.5)
    return s.long() + torch.tensor([1, 2, 3])[0], z.view(-1)


def _trace_grad(x: Tensor):
    return x[0] + x.size(0), x.to(torch.float64).t()
