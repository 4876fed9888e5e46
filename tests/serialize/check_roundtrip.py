"""Reads back with PyTorch 1.13 what roundtrip_writer wrote (argv[2] = its directory; argv[1] =
fixtures.bin) and prints one line per check: "ok <name>" or "FAIL <name>: <why>"."""
import io
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch  # noqa: E402
from fixtures_common import describe, unpickle_archive_pickle  # noqa: E402

bundle = {}
with open(sys.argv[1], "rb") as f:
    data = f.read()
i = 0
while i < len(data):
    j = data.index(b"\n", i)
    k = data.index(b"\n", j + 1)
    n = int(data[j + 1:k])
    bundle[data[i:j].decode()] = data[k + 1:k + 1 + n]
    i = k + 1 + n
out_dir = sys.argv[2]


def check(name, fn):
    try:
        fn()
        print("ok", name)
    except Exception as e:  # noqa: BLE001
        print("FAIL %s: %s" % (name, "".join(traceback.format_exception_only(type(e), e)).strip()))


def eq(a, b):
    if a != b:
        raise AssertionError("\n  got      %s\n  expected %s" % (a, b))


for name in sorted(os.listdir(out_dir)):
    if name.startswith("resaved_"):
        orig = name[len("resaved_"):]
        check(name, lambda: eq(describe(torch.load(os.path.join(out_dir, name))),
                               bundle[orig + ".expect"].decode()))


def built():
    d = torch.load(os.path.join(out_dir, "built.pt"))
    a = torch.arange(12, dtype=torch.float32).view(3, 4)
    eq(list(d.keys()), ["a", "views", "tuple", "inner", "scalar", "empty", "big", "neg", "grad"])
    eq(describe(d["a"]).replace("s0", "s"), describe(a).replace("s0", "s"))
    v = d["views"]
    eq([describe(x) for x in v], [describe(x) for x in [a.t(), a[1], a[:, 1:3]]])
    assert all(x.storage().data_ptr() == d["a"].storage().data_ptr() for x in v), "storage not shared"
    v[1].add_(100)
    eq(d["a"][1, 0].item(), 104.0)
    eq(describe(d["tuple"]), describe((torch.ones(2, dtype=torch.int64), "s", True)))
    eq(d["inner"], {"x": 1.5, "y": None, "z": [1, 2, 3]})
    eq(describe(d["scalar"]), describe(torch.tensor(2.5, dtype=torch.float64)))
    eq(tuple(d["empty"].shape), (0, 2))
    eq((d["big"], d["neg"]), (1 << 40, -7))
    eq(d["grad"].requires_grad, True)


check("built.pt", built)


def module():
    path = os.path.join(out_dir, "module_resaved.pt")
    m = torch.jit.load(path)
    eq(describe(m(torch.ones(2, 2))), bundle["module.pt.forward.expect"].decode())
    with open(path, "rb") as f:
        eq(describe(unpickle_archive_pickle(f.read(), "data.pkl", "data/")),
           bundle["module.pt.data.expect"].decode())
    orig = torch.jit.load(io.BytesIO(bundle["module.pt"]))
    for (k1, v1), (k2, v2) in zip(orig.state_dict().items(), m.state_dict().items()):
        eq(k1, k2)
        assert torch.equal(v1, v2), k1
    eq(m.l, [1, 2, 3])
    eq(m.d, {"a": 1.0, "b": 2.0})
    eq(m.t, (1, "x"))
    assert m.tl[0].storage().data_ptr() == m.w.storage().data_ptr(), "tl[0] lost its aliasing of w"


check("module_resaved.pt", module)
