"""The `tjit` command against PyTorch 1.13 (run at test time by tjit_cli_test.sh).

PyTorch scripts a small module and saves it with its inputs; `tjit run` must give PyTorch's
outputs, `tjit code` / `tjit graph` what PyTorch prints for the loaded archive (source-location
comments aside), and bad input one line on stderr with a non-zero status. The last line is a
doctest-style summary, which ./dev.sh test adds up."""
import json
import os
import re
import subprocess
import sys
from typing import List, Tuple

import torch

tjit = sys.argv[1]
tmp = os.environ.get("TEST_TMPDIR", "/tmp")
checks = []


def check(name, ok, detail=""):
    checks.append(ok)
    print(("ok    " if ok else "FAIL  ") + name + ("" if ok else "\n" + detail))


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(4, 3)

    def forward(self, x):
        return torch.relu(self.lin(x))


class Net(torch.nn.Module):
    scale: float

    def __init__(self):
        super().__init__()
        self.block = Block()
        self.scale = 0.5
        self.register_buffer("offset", torch.arange(3.0))

    def forward(self, x: torch.Tensor, n: int) -> Tuple[torch.Tensor, List[int]]:
        y = self.block(x) * self.scale + self.offset
        sizes = [y.size(0) * k for k in range(n)]
        return y, sizes

    @torch.jit.export
    def twice(self, x: torch.Tensor) -> torch.Tensor:
        return x * 2


torch.manual_seed(0)
m = torch.jit.script(Net())
archive = os.path.join(tmp, "net.pt")
m.save(archive)
loaded = torch.jit.load(archive)
x = torch.randn(2, 4)
inputs = os.path.join(tmp, "inputs.pt")
torch.save((x, 3), inputs)


def tjit_run(*args):
    return subprocess.run([tjit, *args], capture_output=True, text=True)


out = os.path.join(tmp, "out.pt")
r = tjit_run("run", archive, "--input", inputs, "--output", out)
check("run exits 0", r.returncode == 0, r.stderr)
if r.returncode == 0:
    got = torch.load(out)
    want = loaded(x, 3)
    check("run: forward's tuple", isinstance(got, tuple) and len(got) == 2, repr(got))
    check("run: tensor output", torch.allclose(got[0], want[0], rtol=1e-5, atol=1e-6),
          "%r\n%r" % (got[0], want[0]))
    check("run: list output", got[1] == want[1], "%r %r" % (got[1], want[1]))
tw = os.path.join(tmp, "twice.pt")
torch.save((x,), inputs)
r = tjit_run("run", archive, "--method", "twice", "--input", inputs, "--output", tw)
check("run --method twice", r.returncode == 0 and torch.equal(torch.load(tw), x * 2), r.stderr)

r = tjit_run("code", archive)
check("code: PyTorch's .code", r.returncode == 0 and r.stdout == loaded.code,
      "ours:\n%s\nPyTorch's:\n%s\n%s" % (r.stdout, loaded.code, r.stderr))


def no_comments(g):
    return "\n".join(re.sub(r"\s*# .*$", "", line) for line in str(g).splitlines()).strip()


r = tjit_run("graph", archive, "--method", "twice")
check("graph: PyTorch's .twice.graph", r.returncode == 0 and
      no_comments(r.stdout) == no_comments(loaded.twice.graph),
      "ours:\n%s\nPyTorch's:\n%s\n%s" % (r.stdout, loaded.twice.graph, r.stderr))

r = tjit_run("info", archive)
check("info: classes, parameters, operators", r.returncode == 0 and
      "parameters: 2 tensors, 15 elements, 60 bytes" in r.stdout and
      "buffers: 1 tensors, 3 elements, 12 bytes" in r.stdout and
      "aten::linear" in r.stdout and "__torch__.Net" in r.stdout, r.stdout + r.stderr)

r = tjit_run("dot", archive)
labels = re.findall(r'^\s*(n\d+) \[label="([^"]*(?:\\"[^"]*)*)"', r.stdout, re.M)
edges = re.findall(r"^\s*(n\d+) -> (n\d+)", r.stdout, re.M)
declared = set(re.findall(r"^\s*(n\d+) \[", r.stdout, re.M))


def all_nodes(block_nodes):
    for n in block_nodes:
        yield n
        for b in n.blocks():
            yield from all_nodes(b.nodes())


graph_nodes = list(all_nodes(loaded.forward.graph.nodes()))
check("dot: a digraph with one box per node and only declared ends on its edges",
      r.returncode == 0 and r.stdout.startswith('digraph "forward" {') and
      r.stdout.rstrip().endswith("}") and len(labels) == len(graph_nodes) and
      any("prim::CallMethod" in text for _, text in labels) and len(edges) > 0 and
      all(a in declared and b in declared for a, b in edges), r.stdout + r.stderr)

torch.save((x, 3), inputs)
r = tjit_run("bench", archive, "--input", inputs, "--iters", "7", "--threads", "1", "--json")
try:
    stats = json.loads(r.stdout)
except ValueError:
    stats = {}
check("bench --json: one object with the timings",
      r.returncode == 0 and stats.get("iters") == 7 and stats.get("threads") == 1 and
      all(isinstance(stats.get(k), float) and stats[k] >= 0 for k in
          ("load_ms", "first_call_ms", "min_ms", "median_ms", "max_ms")) and
      stats["min_ms"] <= stats["median_ms"] <= stats["max_ms"], r.stdout + r.stderr)
r = tjit_run("bench", archive, "--input", inputs, "--iters", "0")
check("bench --iters 0: status 2", r.returncode == 2 and "positive integer" in r.stderr,
      repr(r.stderr))

# freeze: PyTorch loads the frozen archive and gets the module's outputs; with --optimize the
# report lands in the archive and `tjit info` shows it.
class ConvBn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3)
        self.bn = torch.nn.BatchNorm2d(4)
        self.drop = torch.nn.Dropout(0.3)

    def forward(self, x):
        return self.drop(torch.relu(self.bn(self.conv(x))))


cb = torch.jit.script(ConvBn().eval())
cb_path = os.path.join(tmp, "convbn.pt")
cb.save(cb_path)
xc = torch.randn(1, 3, 6, 6)
for optimize in (False, True):
    frozen = os.path.join(tmp, "frozen%d.pt" % optimize)
    r = tjit_run("freeze", cb_path, frozen, *(["--optimize"] if optimize else []))
    ok = r.returncode == 0
    detail = r.stderr
    if ok:
        fm = torch.jit.load(frozen)
        ok = torch.allclose(fm(xc), cb(xc), rtol=1e-4, atol=1e-5) and \
            not hasattr(fm, "conv") and ("batch_norm" not in str(fm.graph)) == optimize
        detail = str(fm.graph)
    check("freeze%s: PyTorch loads it and agrees" % (" --optimize" if optimize else ""), ok,
          detail)
r = tjit_run("info", os.path.join(tmp, "frozen1.pt"))
check("info shows the rewrites", r.returncode == 0 and "conv2d+batch_norm folded" in r.stdout
      and "aten::dropout removed" in r.stdout, r.stdout + r.stderr)
r = tjit_run("graph", archive, "--inlined")
check("graph --inlined: no calls left", r.returncode == 0 and "prim::CallMethod" not in r.stdout
      and "aten::linear" in r.stdout, r.stdout + r.stderr)

r = tjit_run("run", os.path.join(tmp, "missing.pt"), "--input", inputs, "--output", out)
check("a missing archive: status 1, one line on stderr",
      r.returncode == 1 and r.stderr.count("\n") == 1 and r.stderr.startswith("tjit run: "),
      repr(r.stderr))
r = tjit_run("run", archive, "--input", inputs)
check("a missing option: status 2", r.returncode == 2 and "--output is required" in r.stderr,
      repr(r.stderr))
r = tjit_run("frobnicate")
check("an unknown command: status 2", r.returncode == 2, repr(r.stderr))
r = tjit_run("run", "--help")
check("--help", r.returncode == 0 and "usage: tjit" in r.stdout, r.stdout)

passed = sum(checks)
print("[doctest] test cases: %d | %d passed | %d failed | 0 skipped"
      % (len(checks), passed, len(checks) - passed))
sys.exit(0 if passed == len(checks) else 1)
