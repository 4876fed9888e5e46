"""Writes the code printer's reference cases: what PyTorch 1.13 prints for the corpus of
printer_corpus.py.

Usage: /usr/bin/python3 make_printer_cases.py OUT

Records, each starting with a line `@@@@ <kind> <name>` and made of sections `@@ <section>`:
  function: graph (str(fn.graph)), schema (str(fn.schema)), code (fn.code), nodeschemas (the
            schema PyTorch matched for every node, depth first, subgraphs after blocks; `-`
            for none)
  method:   the same for a method of a scripted module (`code` is `module.<method>.code`)
  class:    one class of a module's archive: header (`P|B|- <name> <type>` per attribute,
            `C <name> <type> <literal>` per constant, `module` when it is a Module), code (its
            text in code/<qualifier>.py) and, per method, `@@ method <name>` followed by
            graph/schema/nodeschemas/functions sections
  (functions: `<name> <qualified name>` of every function a `Function` constant names)
The file ends with `@@@@ end`.
"""
import io
import os
import re
import sys
import zipfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import printer_corpus  # noqa: E402


def node_schemas(block, out):
    for n in block.nodes():
        s = n.schema()
        out.append("-" if s == "(no schema)" else s)
        for b in n.blocks():
            node_schemas(b, out)
        if n.hasAttribute("Subgraph"):
            node_schemas(n.g("Subgraph"), out)
    return out


def function_constants(block, out):
    for n in block.nodes():
        if n.kind() == "prim::Constant" and n.output().type().kind() == "FunctionType":
            out.append(n.s("name") + " " + str(n.output().type()))
        for b in n.blocks():
            function_constants(b, out)
        if n.hasAttribute("Subgraph"):
            function_constants(n.g("Subgraph"), out)
    return out


def graph_sections(out, graph, schema):
    out.append("@@ graph\n" + str(graph))
    out.append("@@ functions\n" + "".join(f + "\n" for f in function_constants(graph, [])))
    out.append("@@ schema\n" + str(schema) + "\n")
    out.append("@@ nodeschemas\n" + "".join(s + "\n" for s in node_schemas(graph, [])))


def split_chunks(text):
    """Top-level `class`/`def` chunks of a code file."""
    chunks, cur = [], []
    for line in text.splitlines(keepends=True):
        if (line.startswith("class ") or line.startswith("def ")) and cur:
            chunks.append("".join(cur))
            cur = []
        cur.append(line)
    if cur:
        chunks.append("".join(cur))
    return chunks


def class_header(chunk):
    lines = chunk.splitlines()
    head = []
    m = re.match(r"class (\w+)(\((\w+)\))?:", lines[0])
    if m.group(3) == "Module":
        head.append("module")
    params, buffers = [], []
    for line in lines[1:]:
        if line.startswith("  def ") or not line.startswith("  ") or line.startswith("   "):
            break
        s = line[2:]
        if s.startswith("__parameters__ = ["):
            params = re.findall(r'"([^"]*)"', s)
        elif s.startswith("__buffers__ = ["):
            buffers = re.findall(r'"([^"]*)"', s)
        elif s.startswith("__annotations__ = []"):
            pass
        elif s.startswith("__annotations__["):
            mm = re.match(r'__annotations__\["(.*)"\] = (.*)$', s)
            name, ty = mm.group(1), mm.group(2)
            head.append(("P" if name in params else "B" if name in buffers else "-") +
                        " " + name + " " + ty)
        elif " : Final[" in s:
            name, rest = s.split(" : Final[", 1)
            depth, i = 1, 0
            while depth:
                depth += {"[": 1, "]": -1}.get(rest[i], 0)
                i += 1
            head.append("C " + name + " " + rest[:i - 1] + " " + rest[i + 3:])
        else:
            name, ty = s.split(" : ", 1)
            head.append(("P" if name in params else "B" if name in buffers else "-") +
                        " " + name + " " + ty)
    return head


def main():
    out = []
    for fn in printer_corpus.FUNCTIONS:
        s = torch.jit.script(fn)
        out.append("@@@@ function " + fn.__name__ + "\n")
        graph_sections(out, s.graph, s.schema)
        out.append("@@ code\n" + s.code)

    for cls in printer_corpus.MODULES:
        m = torch.jit.script(cls())
        # the classes of the archive, by qualified name, with a module instance of each
        instances = {}
        for _, sub in m.named_modules():
            instances.setdefault(sub._c._type().qualified_name(), sub)
        for qn, sub in instances.items():
            for name in sub._c._method_names():
                meth = getattr(sub, name, None)
                if not isinstance(meth, torch._C.ScriptMethod):
                    continue
                out.append("@@@@ method " + qn + "." + name + "\n")
                graph_sections(out, meth.graph, meth.schema)
                out.append("@@ code\n" + meth.code)
        buf = io.BytesIO()
        torch.jit.save(m, buf)
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
            for rec in z.namelist():
                path = rec.split("/", 1)[1]
                if not (path.startswith("code/") and path.endswith(".py")):
                    continue
                qualifier = path[len("code/"):-len(".py")].replace("/", ".")
                for chunk in split_chunks(z.read(rec).decode("utf-8")):
                    mm = re.match(r"class (\w+)", chunk)
                    if not mm:
                        continue
                    qn = qualifier + "." + mm.group(1)
                    if qn not in instances:
                        continue
                    sub = instances[qn]
                    out.append("@@@@ class " + qn + "\n")
                    out.append("@@ header\n" + "".join(h + "\n" for h in class_header(chunk)))
                    out.append("@@ code\n" + chunk)
                    for name in sub._c._method_names():
                        meth = sub._c._get_method(name)
                        out.append("@@ method " + name + "\n")
                        graph_sections(out, meth.graph, meth.schema)
                    del instances[qn]
    out.append("@@@@ end\n")
    with open(sys.argv[1], "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
