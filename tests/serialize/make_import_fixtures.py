"""Writes the archive-import tests' fixtures with PyTorch 1.13 into one bundle file (argv[1]).

For each case NAME: `NAME.pt` (what torch.jit.save wrote), `NAME.in` (torch.save of the tuple of
positional arguments), `NAME.out` (torch.save of what PyTorch's forward returned for them), and
`NAME.meta` (lines `key=value`: the parameter names, the code of forward, ...). Malformed
archives are `bad_*.pt`. Bundle format, repeated: "<name>\n<byte count>\n<bytes>"."""
import enum
import io
import sys
import zipfile
from typing import Dict, List, NamedTuple, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
out = {}


def add(name, data):
    out[name] = data if isinstance(data, bytes) else data.encode()


def plain(v):
    # NamedTuples of loaded archives are not importable classes: save them as plain tuples.
    if isinstance(v, tuple):
        return tuple(plain(x) for x in v)
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def saved(obj):
    obj = plain(obj)
    b = io.BytesIO()
    torch.save(obj, b)
    return b.getvalue()


def jit_bytes(m, extra=None):
    b = io.BytesIO()
    torch.jit.save(m, b, _extra_files=extra or {})
    return b.getvalue()


def case(name, module, inputs, extra=None, method="forward"):
    data = jit_bytes(module, extra)
    add(name + ".pt", data)
    # Run what PyTorch itself loads back: the reference is the archive, not the Python module.
    loaded = torch.jit.load(io.BytesIO(data))
    with torch.no_grad():
        result = getattr(loaded, method)(*inputs)
    add(name + ".in", saved(tuple(inputs)))
    add(name + ".out", saved(result))
    meta = ["params=" + ",".join(n for n, _ in loaded.named_parameters()),
            "buffers=" + ",".join(n for n, _ in loaded.named_buffers()),
            "children=" + ",".join(n for n, _ in loaded.named_children()),
            "modules=" + ",".join(n for n, _ in loaded.named_modules()),
            "training=%d" % int(loaded._c.hasattr("training") and loaded._c.getattr("training"))]
    add(name + ".meta", "\n".join(meta) + "\n")
    if hasattr(loaded, "code") and method == "forward":
        try:
            add(name + ".code", loaded.code)
            add(name + ".graph", str(loaded.forward.graph))
        except Exception:
            pass


# --- attributes of every type -----------------------------------------------------------------
class Attrs(nn.Module):
    def __init__(self):
        super().__init__()
        self.i = 5
        self.f = 2.5
        self.b = True
        self.s = "hello \"world\"\n\t\u00e9"
        self.l: List[int] = [1, 2, 3]
        self.fl: List[float] = [0.5, -1.5]
        self.sl: List[str] = ["a", "bc"]
        self.d: Dict[str, float] = {"a": 1.0, "b": 2.0}
        self.di: Dict[int, torch.Tensor] = {3: torch.ones(2)}
        self.t: Tuple[int, str] = (4, "four")
        self.o: Optional[int] = None
        self.o2: Optional[torch.Tensor] = torch.full((2,), 3.0)
        self.dev = torch.device("cpu")
        self.tl: List[torch.Tensor] = [torch.arange(3.0), torch.ones(1)]
        self.w = nn.Parameter(torch.randn(2, 3))
        self.register_buffer("running", torch.arange(6, dtype=torch.float64).view(2, 3))
        self.big = 2 ** 40
        self.neg = -7

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, int, float, str, List[int], float]:
        y = x * self.f + self.i + self.w + self.running.float() + self.tl[0].sum()
        if self.b:
            y = y + self.di[3].sum()
        o2 = self.o2
        if o2 is not None:
            y = y + o2.sum()
        n = self.big + self.neg + self.t[0] + len(self.sl)
        if self.o is None:
            n += 1
        return y, n, self.d["a"] + self.d["b"] + self.fl[1], self.s + self.t[1], self.l, x.to(self.dev).sum().item()


case("attrs", torch.jit.script(Attrs()), (torch.randn(2, 3),))


# --- submodules, ModuleList, ModuleDict, Sequential, exported methods, fork/wait -------------------
class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def helper(x: torch.Tensor, k: int) -> torch.Tensor:
    return x * k


class Tree(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(4), Block(4)])
        self.heads = nn.ModuleDict({"a": nn.Linear(4, 3), "b": nn.Linear(4, 2)})
        self.seq = nn.Sequential(nn.Conv2d(4, 4, 1), nn.ReLU())

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        x = self.seq(x)
        p = F.adaptive_avg_pool2d(x * 3, 1).flatten(1)
        return self.heads["a"](p), self.heads["b"](p)

    @torch.jit.export
    def extra(self, x: torch.Tensor, n: int = 2) -> List[torch.Tensor]:
        return [x * i for i in range(n)]


tree = Tree().eval()
with torch.no_grad():
    for b in tree.blocks:
        b.bn.running_mean.uniform_(-0.5, 0.5)
        b.bn.running_var.uniform_(0.5, 1.5)
tree_s = torch.jit.script(tree)
case("tree", tree_s, (torch.randn(2, 4, 5, 5),), extra={"notes.txt": b"hello", "meta.json": b"{}"})
case("tree_extra", tree_s, (torch.randn(3), 3), method="extra")
case("tree_train", torch.jit.script(Tree().train()), (torch.randn(2, 4, 5, 5),))


class Forked(nn.Module):
    def forward(self, x):
        fut = torch.jit.fork(helper, x, 3)
        return torch.jit.wait(fut) + 1


case("forked", torch.jit.script(Forked()), (torch.randn(3),))


# --- NamedTuples, TorchScript classes, enums, __setstate__ ----------------------------------------
class Out(NamedTuple):
    y: torch.Tensor
    n: int


class Color(enum.Enum):
    RED = 1
    GREEN = 2


@torch.jit.script
class Counter:
    def __init__(self, start: int):
        self.count = start

    def bump(self, k: int) -> int:
        self.count += k
        return self.count


class Classes(nn.Module):
    pt: Out

    def __init__(self):
        super().__init__()
        self.counter = Counter(10)
        self.pt = Out(torch.ones(2), 7)

    def forward(self, x: torch.Tensor) -> Out:
        c = Counter(1)
        k = c.bump(2) + self.counter.bump(0)
        return Out(x * k + self.pt.y, self.pt.n + k)


case("classes", torch.jit.script(Classes()), (torch.randn(2),))


class Enums(nn.Module):
    def __init__(self):
        super().__init__()
        self.color = Color.GREEN

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.color == Color.GREEN:
            return x * self.color.value
        return x


case("enums", torch.jit.script(Enums()), (torch.randn(2),))


class WithState(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = 3
        self.w = torch.ones(2)

    def forward(self, x):
        return x * self.a + self.w

    @torch.jit.export
    def __getstate__(self) -> Tuple[int, torch.Tensor, bool]:
        return (self.a + 100, self.w, self.training)

    @torch.jit.export
    def __setstate__(self, state: Tuple[int, torch.Tensor, bool]) -> None:
        self.a = state[0] - 50   # distinguishes a call of __setstate__ from a plain dict load
        self.w = state[1] * 2
        self.training = state[2]


case("setstate", torch.jit.script(WithState()), (torch.randn(2),))


# --- interfaces ------------------------------------------------------------------------------------
@torch.jit.interface
class SubIface(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pass


class Impl(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + 1


class UsesIface(nn.Module):
    sub: SubIface

    def __init__(self):
        super().__init__()
        self.sub = Impl()

    def forward(self, x):
        return self.sub.forward(x) * 2


case("interface", torch.jit.script(UsesIface()), (torch.randn(3),))


# --- traced, frozen --------------------------------------------------------------------------
class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, stride=2)
        self.fc = nn.Linear(4, 5)

    def forward(self, x):
        y = F.relu(self.conv(x))
        y = y.mean([2, 3])
        z = self.fc(y) * torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
        return z.view(z.size(0), -1), torch.softmax(z, 1)


small = Small().eval()
xs = torch.randn(2, 3, 9, 9)
case("traced", torch.jit.trace(small, (xs,)), (xs,))
case("frozen", torch.jit.freeze(torch.jit.script(small)), (xs,))

# --- integer division in an old archive (version 3: div truncates integers) --------------------
class Div(nn.Module):
    def forward(self, x, y):
        return torch.div(x, y), x / 2


div = jit_bytes(torch.jit.script(Div()))


def rewrite(data, fn):
    src = zipfile.ZipFile(io.BytesIO(data))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for info in src.infolist():
            name, payload = fn(info.filename, src.read(info.filename))
            if name is not None:
                z.writestr(name, payload)
    return b.getvalue()


def set_version(v):
    def fn(name, payload):
        if name.endswith("version"):
            return name.split("/")[0] + "/version", b"%d\n" % v
        return name, payload
    return fn


div_ints = (torch.tensor([5, -5, 7]), torch.tensor([2, 2, -2]))
div_floats = (torch.tensor([5.0, -5.0]), torch.tensor([2.0, 2.0]))
for v in (3, 4):
    data = rewrite(div, set_version(v))
    add("div_v%d.pt" % v, data)
    m = torch.jit.load(io.BytesIO(data))
    add("div_v%d_int.out" % v, saved(m(*div_ints)))
    add("div_v%d_float.out" % v, saved(m(*div_floats)))
add("div_int.in", saved(div_ints))
add("div_float.in", saved(div_floats))

# --- torchvision resnet18, scripted and traced ---------------------------------------------------
try:
    import torchvision
    r18 = torchvision.models.resnet18().eval()
    xr = torch.randn(1, 3, 64, 64)
    case("resnet18_scripted", torch.jit.script(r18), (xr,))
    case("resnet18_traced", torch.jit.trace(r18, (xr,)), (xr,))
except ImportError:
    pass

# --- missing operators: an archive whose code calls two operators nobody has --------------------
class UsesOps(nn.Module):
    def forward(self, x):
        return torch.sin(x) + torch.cos(x)


def unknown_ops(name, payload):
    if name.endswith(".py"):
        payload = payload.replace(b"torch.sin(", b"torch.no_such_op_a(")
        payload = payload.replace(b"torch.cos(", b"ops.aten.no_such_op_b(")
    return name, payload


add("bad_missing_ops.pt", rewrite(jit_bytes(torch.jit.script(UsesOps())), unknown_ops))

# --- malformed archives ---------------------------------------------------------------------------
good = out["tree.pt"]
add("bad_truncated.pt", good[: len(good) // 2])


def corrupt_data0(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    info = next(i for i in z.infolist() if i.filename.endswith("/data/0"))
    # the data of a stored entry starts after its local header (name and extra field)
    off = info.header_offset + 30 + len(info.filename) + int.from_bytes(
        data[info.header_offset + 28: info.header_offset + 30], "little")
    b = bytearray(data)
    b[off] ^= 0xFF
    return bytes(b)


add("bad_crc.pt", corrupt_data0(good))


def evil(name, payload):
    if name.endswith("/data.pkl"):
        return name, b"\x80\x02cos\nsystem\nX\x04\x00\x00\x00echo\x85R."
    return name, payload


add("bad_os_system.pt", rewrite(good, evil))
add("bad_missing_code.pt", rewrite(good, lambda n, p: (None if n.endswith("/code/__torch__.py") or
                                                       n.endswith("__torch__/torch/nn/modules/container.py")
                                                       else n, p)))
add("bad_version.pt", rewrite(good, set_version(11)))
add("bad_no_constants.pt", rewrite(good, lambda n, p: (None if n.endswith("constants.pkl") else n, p)))

with open(sys.argv[1], "wb") as f:
    for name, data in out.items():
        f.write(b"%s\n%d\n" % (name.encode(), len(data)))
        f.write(data)
