"""PyTorch 1.13's side of //tests/serialize:export_test (run by the test with /usr/bin/python3).

  export_check.py make DIR    writes, for every module of MODULES below, the archive
                              torch.jit.save writes (DIR/<name>.pt), its inputs
                              (DIR/<name>.in.pt, a list of argument tuples) and PyTorch's
                              outputs on them (DIR/<name>.out.pt); prints one line per module:
                              `MODULE <name> <method>`.
  export_check.py check DIR   for every DIR/<name>.tjit.pt (an archive tjit wrote, with
                              DIR/<name>.in.pt, DIR/<name>.out.pt and DIR/<name>.method),
                              loads it with torch.jit.load, runs the method on the inputs and
                              compares with the recorded outputs; saves the loaded module again
                              and compares its code/ files with ours (PyTorch's printer must
                              reproduce our code text); compares `.code` of every method with
                              DIR/<name>.<method>.code when present.
Each verdict is one line: `OK <name> <what>` or `FAIL <name> <what>: <detail>`.
"""
import glob
import io
import os
import sys
import zipfile
from typing import Dict, List, NamedTuple, Optional, Tuple

import torch


def same(a, b):
    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        if not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)):
            return False
        return a.dtype == b.dtype and a.shape == b.shape and torch.equal(a, b)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return type(a) == type(b) and a == b


def code_files(buf):
    z = zipfile.ZipFile(buf)
    out = {}
    for n in z.namelist():
        rec = n.split("/", 1)[1]
        if rec.startswith("code/") and rec.endswith(".py"):
            out[rec] = z.read(n).decode()
    return out


def check(d):
    for path in sorted(glob.glob(os.path.join(d, "*.tjit.pt"))):
        name = os.path.basename(path)[: -len(".tjit.pt")]
        method = open(os.path.join(d, name + ".method")).read().strip()
        try:
            m = torch.jit.load(path)
        except Exception as e:  # noqa: BLE001
            print("FAIL %s load: %s" % (name, str(e).replace("\n", " | ")))
            continue
        print("OK %s load" % name)
        inputs = torch.load(os.path.join(d, name + ".in.pt"))
        expected = torch.load(os.path.join(d, name + ".out.pt"))
        for i, (args, exp) in enumerate(zip(inputs, expected)):
            try:
                got = getattr(m, method)(*args)
                if same(got, exp):
                    print("OK %s run%d" % (name, i))
                else:
                    print("FAIL %s run%d: got %r, tjit computed %r" % (name, i, got, exp))
            except Exception as e:  # noqa: BLE001
                print("FAIL %s run%d: %s" % (name, i, str(e).replace("\n", " | ")))
        ours = code_files(path)
        buf = io.BytesIO()
        torch.jit.save(m, buf)
        buf.seek(0)
        theirs = code_files(buf)
        if ours == theirs:
            print("OK %s resave_code" % name)
        else:
            detail = []
            for k in sorted(set(ours) | set(theirs)):
                if ours.get(k) != theirs.get(k):
                    detail.append("%s:\n--- PyTorch\n%s--- tjit\n%s" % (k, theirs.get(k), ours.get(k)))
            print("FAIL %s resave_code: %s" % (name, "\n".join(detail).replace("\n", " | ")))
        for f in sorted(glob.glob(os.path.join(d, name + ".*.code"))):
            meth = os.path.basename(f)[len(name) + 1: -len(".code")]
            want = open(f).read()
            got = getattr(m, meth).code
            if got == want:
                print("OK %s code_%s" % (name, meth))
            else:
                print("FAIL %s code_%s: PyTorch %r, tjit %r" % (name, meth, got, want))
        # The extra files come back.
        extra = os.path.join(d, name + ".extra")
        if os.path.exists(extra):
            want = open(extra, "rb").read()
            files = {"notes.txt": ""}
            torch.jit.load(path, _extra_files=files)
            if files["notes.txt"] == want:
                print("OK %s extra" % name)
            else:
                print("FAIL %s extra: %r" % (name, files["notes.txt"]))


# ---- modules PyTorch saves for the byte-level comparison ------------------------------------

class Out(NamedTuple):
    y: torch.Tensor
    n: int


def helper(x: torch.Tensor, k: int) -> torch.Tensor:
    return x * k


class Sub(torch.nn.Module):
    def __init__(self, k: int):
        super().__init__()
        self.k = k
        self.w = torch.nn.Parameter(torch.tensor([2., 3.]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.w + self.k


class Attrs(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.tensor([[1., 2.], [3., 4.]]))
        self.register_buffer("running", torch.tensor([0.5, -0.5], dtype=torch.float64))
        self.view = self.weight.data[1]          # shares the parameter's storage
        self.i = 5
        self.f = 2.5
        self.b = True
        self.s = "hello \"world\"\n"
        self.l: List[int] = [1, 2, 3]
        self.lf: List[float] = [0.5, 1.5]
        self.ls: List[str] = ["a", "b"]
        self.d: Dict[str, float] = {"a": 1.0, "b": 2.0}
        self.t: Tuple[int, str] = (1, "x")
        self.o: Optional[torch.Tensor] = None
        self.oi: Optional[int] = 4
        self.tl: List[torch.Tensor] = [torch.ones(2), torch.zeros(2, dtype=torch.int64)]
        self.dt: Dict[str, torch.Tensor] = {"z": torch.arange(3)}
        self.sub = Sub(1)
        self.sub2 = Sub(2)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, int]:
        y = self.sub(x) + self.sub2(x) + self.weight.sum() + self.view
        if self.b:
            y = y * self.f
        n = self.i + len(self.l) + len(self.ls) + int(self.d["b"]) + self.t[0]
        oi = self.oi
        if oi is not None:
            n = n + oi
        o = self.o
        if o is not None:
            y = y + o
        return y + self.running.float().sum() + self.tl[0] + self.dt["z"].sum(), n

    @torch.jit.export
    def extra(self, x: torch.Tensor, k: int = 2) -> Out:
        return Out(helper(x, k), k + 1)


class Consts(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.tensor([1.0, 2.0]) + 1


class Versioned(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.div(x, 2)


MODULES = {
    "attrs": (lambda: torch.jit.script(Attrs()), "forward", [(torch.tensor([1., -1.]),)]),
    "attrs_extra": (lambda: torch.jit.script(Attrs()), "extra", [(torch.tensor([1., 2.]), 3)]),
    "traced_consts": (lambda: torch.jit.trace(Consts(), torch.ones(2)), "forward",
                      [(torch.tensor([3., 4.]),)]),
    "versioned": (lambda: torch.jit.script(Versioned()), "forward",
                  [(torch.tensor([5, -5]),)]),
}


def plain(v):
    """NamedTuples as tuples (torch.save cannot pickle TorchScript's NamedTuple classes)."""
    if isinstance(v, tuple):
        return tuple(plain(x) for x in v)
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def make(d):
    for name, (factory, method, inputs) in MODULES.items():
        torch.manual_seed(0)
        m = factory()
        torch.jit.save(m, os.path.join(d, name + ".pt"))
        torch.save(inputs, os.path.join(d, name + ".in.pt"))
        torch.save([plain(getattr(m, method)(*a)) for a in inputs], os.path.join(d, name + ".out.pt"))
        print("MODULE %s %s" % (name, method))


if __name__ == "__main__":
    {"make": make, "check": check}[sys.argv[1]](sys.argv[2])
