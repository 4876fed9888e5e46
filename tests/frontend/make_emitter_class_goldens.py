"""Records, for every case of emitter_class_corpus.py, what PyTorch 1.13 makes of it.

Usage: python3 make_emitter_class_goldens.py OUT
Records, each `@@@ <kind> <len>` and then the text (kinds in order per case):
  case      `<name> <method>`
  file      `<qualifier>\\n<code>`: one per code/ file torch.jit.save wrote (archive form)
  src       `<qualifier>\\n<code>`: the case module's classes as written by hand: the archive's
            class headers (declarations) with the methods' Python source
  loaded    str(graph) of the method of the module loaded back with torch.jit.load
  scripted  str(graph) of the method of torch.jit.script(module)
  self      the module object: O<qualname>{attr=value;...} in the notation of make_emitter_goldens
  io        one line per sample: `inputs => outputs`
"""
import importlib
import inspect
import io
import os
import re
import sys
import tempfile
import textwrap
import zipfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitter_class_corpus import CLASSES  # noqa: E402
from make_emitter_goldens import enc  # noqa: E402


def enc_obj(m):
    if isinstance(m, torch.jit.ScriptModule):
        t = m._c._type()
        parts = []
        for name in attr_names(m):
            parts.append(name + "=" + enc_obj(getattr(m, name)))
        return "O" + t.qualified_name() + "{" + ";".join(parts) + "}"
    return enc(m)


ATTRS = {}


def attr_names(m):
    return ATTRS[m._c._type().qualified_name()]


def class_blocks(code):
    """(name, header lines, method names) of each class of a code/ file."""
    out = []
    for line in code.split("\n"):
        mc = re.match(r"class (\w+)", line)
        if mc:
            out.append([mc.group(1), [line], []])
            continue
        if not out:
            continue
        md = re.match(r"  def (\w+)\(", line)
        if md:
            out[-1][2].append(md.group(1))
        elif line.startswith("  ") and not line.startswith("    ") and line.strip():
            out[-1][1].append(line)
    return out


def main():
    out_path = sys.argv[1]
    tmp = tempfile.mkdtemp()
    sys.path.insert(0, tmp)
    parts = []

    def rec(kind, text):
        parts.append("@@@ %s %d\n%s" % (kind, len(text.encode()), text))

    for name, src, factory, method, samples in CLASSES:
        modname = "ecls_" + name
        with open(os.path.join(tmp, modname + ".py"), "w") as f:
            f.write(src)
        mod = importlib.import_module(modname)
        torch.manual_seed(0)
        m = torch.jit.script(eval(factory, vars(mod)))
        buf = io.BytesIO()
        torch.jit.save(m, buf)
        z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
        files = {}
        for n in z.namelist():
            mm = re.match(r"[^/]+/code/(.*)\.py$", n)
            if mm:
                files[mm.group(1).replace("/", ".")] = z.read(n).decode()
        rec("case", "%s %s" % (name, method))
        ATTRS.clear()
        own = "__torch__." + modname
        for qual, code in files.items():
            rec("file", qual + "\n" + code)
            for cname, header, _ in class_blocks(code):
                ATTRS[qual + "." + cname] = [
                    re.match(r"  (\w+) : ", h).group(1) for h in header[1:]
                    if re.match(r"  (\w+) : ", h) and "Final[" not in h]
        code = files[own]
        src_form = ""
        for cname, header, methods in class_blocks(code):
            src_form += "\n".join(header) + "\n"
            pycls = getattr(mod, cname)
            for meth in methods:
                fn = getattr(pycls, meth)
                fn = getattr(fn, "__wrapped__", fn)
                text = textwrap.dedent(inspect.getsource(fn))
                text = "\n".join(l for l in text.split("\n") if not l.startswith("@"))
                src_form += textwrap.indent(text.rstrip("\n") + "\n", "  ")
        rec("src", own + "\n" + src_form)
        buf.seek(0)
        loaded = torch.jit.load(buf)
        rec("loaded", str(getattr(loaded, method).graph))
        rec("scripted", str(getattr(m, method).graph))
        rec("self", enc_obj(m))
        lines = ""
        for args in samples:
            res = getattr(m, method)(*args)
            lines += "U(" + ";".join(enc(a) for a in args) + ") => " + enc(res) + "\n"
        rec("io", lines)
    with open(out_path, "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
