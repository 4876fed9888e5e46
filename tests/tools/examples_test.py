"""The shipped examples run (//examples:quickstart, //examples:save_load), and PyTorch 1.13 loads
the archive save_load writes and computes what tjit printed. Run by examples_test.sh with the
binaries' paths; the last line is a doctest-style summary, which ./dev.sh test adds up."""
import os
import re
import subprocess
import sys

import torch

quickstart, save_load = sys.argv[1], sys.argv[2]
tmp = os.environ.get("TEST_TMPDIR", "/tmp")
checks = []


def check(name, ok, detail=""):
    checks.append(ok)
    print(("ok    " if ok else "FAIL  ") + name + ("" if ok else "\n" + detail))


# The binaries read examples/*.pt relative to the runfiles root, where Bazel starts tests.
r = subprocess.run([quickstart], capture_output=True, text=True)
check("quickstart: the shipped archive gives PyTorch's output",
      r.returncode == 0 and "(equal within 1e-5)" in r.stdout and "def forward(self," in r.stdout
      and "graph(%self.1 : __torch__.Demo," in r.stdout, r.stdout + r.stderr)

cu = torch.jit.CompilationUnit("""
def scaled_gate(x, y):
    return torch.sigmoid(2 * x + y) * y
""")
want_graph = re.sub(r" # .*", "", str(cu.scaled_gate.graph))
got_graph = r.stdout.split("(a C++ lambda scripted at compile time):\n")[-1].split("scaled_gate(")[0]
check("quickstart: the compile-time scripted function prints PyTorch's graph",
      got_graph == want_graph, "ours:\n%s\nPyTorch's:\n%s" % (got_graph, want_graph))

r = subprocess.run([save_load, tmp], capture_output=True, text=True)
check("save_load runs", r.returncode == 0, r.stdout + r.stderr)
saved = os.path.join(tmp, "tjit_demo_changed.pt")
if r.returncode == 0:
    m = torch.jit.load(saved)
    x = torch.load("examples/demo_input.pt")[0]
    with torch.no_grad():
        got = m.logits(x)
    printed = r.stdout.split("after loading again =\n")[1].split("\ntemperature")[0]
    numbers = [float(v) for v in re.findall(r"-?\d+\.\d+", printed)]
    check("PyTorch loads the saved archive and computes what tjit printed",
          len(numbers) == got.numel() and
          torch.allclose(got.flatten(), torch.tensor(numbers), atol=1e-4),
          "%r\n%s" % (got, printed))
    check("the changed attribute and the defined method are in the archive",
          m.temperature == 4.0 and "def logits(self," in m.logits.code, m.logits.code)
    state = torch.load(os.path.join(tmp, "tjit_demo_weights.pt"))
    check("torch.load reads the dict of tensors",
          sorted(state) == ["conv.bias", "conv.weight", "fc.bias", "fc.weight"] and
          torch.equal(state["fc.bias"], m.fc.bias.detach()), repr(state))

passed = sum(checks)
print("[doctest] test cases: %d | %d passed | %d failed | 0 skipped"
      % (len(checks), passed, len(checks) - passed))
sys.exit(0 if passed == len(checks) else 1)
