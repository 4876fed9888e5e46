"""Writes the serialize tests' fixtures with PyTorch 1.13 into one bundle file (argv[1]):
torch.save files, torch.jit.save archives, malformed files, and for each loadable one the
expected description of what it holds (fixtures_common.describe). Bundle format, repeated:
"<name>\n<byte count>\n<bytes>"."""
import collections
import io
import os
import sys
import zipfile
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
from fixtures_common import describe, unpickle_archive_pickle  # noqa: E402

torch.manual_seed(0)
out = {}


def add(name, data):
    out[name] = data if isinstance(data, bytes) else data.encode()


def saved(obj, **kw):
    b = io.BytesIO()
    torch.save(obj, b, **kw)
    return b.getvalue()


def add_save(name, obj, **kw):
    data = saved(obj, **kw)
    add(name, data)
    # What torch.load gives back is the expectation (it equals obj).
    add(name + ".expect", describe(torch.load(io.BytesIO(data))))


# --- torch.save: every dtype ----------------------------------------------------------------
base = torch.arange(-6, 6, dtype=torch.float64).view(3, 4) * 1.5
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32,
           torch.int16, torch.int8, torch.uint8, torch.bool, torch.complex64, torch.complex128]:
    name = str(dt).replace("torch.", "")
    t = (base.abs() if dt == torch.uint8 else base).to(dt)
    add_save("dtype_%s.pt" % name, t)

# --- views, offsets, 0-dim, empty, expanded ---------------------------------------------------
a = torch.arange(24, dtype=torch.float32).view(4, 6)
add_save("views.pt", [a, a.t(), a[1], a[:, 1:3], a[2:, 3:], torch.arange(3.0).expand(2, 3)])
add_save("scalars.pt", (torch.tensor(3.5), torch.tensor(7), torch.zeros(0, 3), torch.ones(0),
                         torch.tensor(True)))
add_save("single_tensor.pt", torch.randn(5, 7))
add_save("int.pt", 7)

# --- state_dicts, parameters, nested containers ------------------------------------------------
net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4), torch.nn.Linear(4, 2))
add_save("state_dict.pt", net.state_dict())
add_save("parameter.pt", torch.nn.Parameter(torch.randn(2, 2)))
add_save("requires_grad.pt", torch.randn(3).requires_grad_())
add_save("nested.pt", {"a": [torch.ones(2), (torch.zeros(1, 2), 3, "x")],
                        "b": {"c": 1.5, "d": None, "e": -2 ** 40}, "f": True,
                        "g": collections.OrderedDict(z=torch.tensor([1, 2]))})
add_save("device.pt", [torch.device("cpu"), 1.0e-300, -0.0])
add_save("protocol4.pt", {"w": a, "v": a[1:], "s": "hello", "n": [1, 2, 3]}, pickle_protocol=4)

# --- torch.jit.save archives --------------------------------------------------------------------
class Sub(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("buf", torch.arange(4, dtype=torch.int64))
        self.lin = torch.nn.Linear(2, 3)

    def forward(self, x):
        return self.lin(x) + self.buf[0]


class M(torch.nn.Module):
    K: torch.jit.Final[int] = 7

    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.arange(6, dtype=torch.float32).view(2, 3))
        self.register_buffer("running", torch.ones(3, dtype=torch.float64))
        self.i = 5
        self.f = 2.5
        self.b = True
        self.s = "hello"
        self.l: List[int] = [1, 2, 3]
        self.fl: List[float] = [0.5]
        self.ls: List[str] = ["a", "b"]
        self.d: Dict[str, float] = {"a": 1.0, "b": 2.0}
        self.t: Tuple[int, str] = (1, "x")
        self.o: Optional[torch.Tensor] = None
        self.tl: List[torch.Tensor] = [self.w.detach()[0], torch.zeros(2)]
        self.sub = Sub()

    def forward(self, x):
        return self.sub(x) * self.w[0, 0] + self.f


scripted = torch.jit.script(M())
b = io.BytesIO()
torch.jit.save(scripted, b)
jit = b.getvalue()
add("module.pt", jit)
add("module.pt.data.expect", describe(unpickle_archive_pickle(jit, "data.pkl", "data/")))
add("module.pt.constants.expect", describe(unpickle_archive_pickle(jit, "constants.pkl", "constants/")))
x = torch.ones(2, 2)
add("module.pt.forward.expect", describe(scripted(x)))


def traced_fn(x):
    return x * torch.tensor([1.0, 2.0, 3.0]) + 1


traced = torch.jit.trace(traced_fn, torch.ones(3))
b = io.BytesIO()
torch.jit.save(traced, b)
add("traced.pt", b.getvalue())
add("traced.pt.constants.expect",
    describe(unpickle_archive_pickle(b.getvalue(), "constants.pkl", "constants/")))

# --- malformed ------------------------------------------------------------------------------------
add("legacy.pt", saved(torch.ones(2), _use_new_zipfile_serialization=False))
add("whole_module.pt", saved(torch.nn.Linear(2, 2)))


def handmade(pkl, records=None):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("archive/data.pkl", pkl)
        for k, v in (records or {}).items():
            z.writestr("archive/" + k, v)
        z.writestr("archive/version", "3\n")
    return b.getvalue()


add("evil_os_system.pt", handmade(b"\x80\x02cos\nsystem\nX\x04\x00\x00\x00echo\x85R."))
add("evil_eval.pt", handmade(b"\x80\x02cbuiltins\neval\nX\x01\x00\x00\x001\x85R."))
rebuild = (b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storage"
           b"ctorch\nFloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpuK%stQK\x00(K%st(K\x01t"
           b"\x89ccollections\nOrderedDict\n)RtR.")
add("claims_more_than_record.pt", handmade(rebuild % (b"\x04", b"\x04"), {"data/0": b"\0" * 12}))
add("view_outside_storage.pt", handmade(rebuild % (b"\x03", b"\x04"), {"data/0": b"\0" * 12}))
add("record_missing.pt", handmade(rebuild % (b"\x03", b"\x03")))
add("ok_handmade.pt", handmade(rebuild % (b"\x03", b"\x03"), {"data/0": b"\0" * 12}))
add("protocol1.pt", handmade(b"K\x07."))
# The hand-made tensor pickle is right: PyTorch itself loads the well-formed one.
assert torch.load(io.BytesIO(out["ok_handmade.pt"])).tolist() == [0.0, 0.0, 0.0]

with open(sys.argv[1], "wb") as f:
    for name, data in out.items():
        f.write(b"%s\n%d\n" % (name.encode(), len(data)))
        f.write(data)
