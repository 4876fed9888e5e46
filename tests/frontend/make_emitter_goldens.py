"""Records, for every function of emitter_corpus.py, PyTorch 1.13's str(fn.graph) and outputs.

Usage: python3 make_emitter_goldens.py OUT_GOLDENS OUT_SCHEMAS
Goldens: per case a header `@@@ <kind> <name> <len source> <len graph> <len io>` followed by the
three texts; kind is `fn` (io: one line per sample, `inputs => outputs` in the value notation of
emitter_test.cpp) or `err` (graph holds the error message). Schemas: every operator schema
PyTorch registers, one per line, in PyTorch's overload order (the test's stand-in for operators
not yet bound in tjit's registry).
"""
import math
import os
import sys
from typing import Dict, List, Optional, Tuple

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitter_corpus import *  # noqa: E402,F401,F403


def enc(v):
    if v is None:
        return "N"
    if isinstance(v, bool):
        return "b1" if v else "b0"
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, float):
        return "f%r" % v
    if isinstance(v, str):
        return "s%d:%s" % (len(v), v)
    if isinstance(v, torch.Tensor):
        dt = {torch.float32: "f", torch.int64: "l", torch.bool: "b", torch.float64: "d"}[v.dtype]
        vals = ",".join(repr(float(x)) for x in v.flatten().tolist())
        return "T%s[%s](%s)" % (dt, ",".join(str(s) for s in v.shape), vals)
    if isinstance(v, list):
        return "L[" + ";".join(enc(x) for x in v) + "]"
    if isinstance(v, tuple):
        return "U(" + ";".join(enc(x) for x in v) + ")"
    if isinstance(v, dict):
        return "D{" + ";".join(enc(k) + "=" + enc(x) for k, x in v.items()) + "}"
    raise TypeError(type(v))


def main():
    out_goldens, out_schemas = sys.argv[1], sys.argv[2]
    parts = []
    for name, src, samples in CORPUS:
        cu = torch.jit.CompilationUnit(src)
        fn = cu.find_function(name)
        graph = str(fn.graph)
        io = ""
        for args in samples:
            inputs = "U(" + ";".join(enc(a) for a in args) + ")"  # before the call mutates them
            res = fn(*args)
            io += inputs + " => " + enc(res) + "\n"
        parts.append("@@@ fn %s %d %d %d\n%s%s%s" % (name, len(src.encode()), len(graph.encode()),
                                                     len(io.encode()), src, graph, io))
    for name, src in ERRORS:
        try:
            torch.jit.CompilationUnit(src)
            msg = "(no error)"
        except Exception as e:  # noqa: BLE001
            msg = str(e)
        parts.append("@@@ err %s %d %d 0\n%s%s" % (name, len(src.encode()), len(msg.encode()),
                                                  src, msg))
    with open(out_goldens, "w") as f:
        f.write("\n".join(parts) + "\n")
    with open(out_schemas, "w") as f:
        for s in torch._C._jit_get_all_schemas():
            f.write(str(s) + "\n")


if __name__ == "__main__":
    main()
