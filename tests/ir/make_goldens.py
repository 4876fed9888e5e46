"""Writes the ir/ layer's golden files from PyTorch 1.13 (run: /usr/bin/python3 make_goldens.py).

goldens/<fn>.graph         str(fn.graph) of the scripted function, with `# golden_fns.py:L:C`
goldens/<fn>.parsed.graph  str(torch._C.parse_ir(str(fn.graph))): no source comments, renumbered
goldens/trace_*.graph      graphs of traced functions (refined tensor types, tensor constants)
goldens/calls.inlined.graph  calls() after torch._C._jit_pass_inline on a copy of its graph
types.txt                  one type per line: annotation<TAB>str()<TAB>annotation_str
subtypes.txt               a<TAB>b<TAB>a.isSubtypeOf(b) for every pair of a type sample
unify.txt                  a<TAB>b<TAB>unify_type_list([a, b]) or `error`
schemas.txt                a sample of torch._C._jit_get_all_schemas(), one per line
"""
import linecache
import os
import sys
import types
import typing

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def load_fns():
    name = "golden_fns.py"
    with open(os.path.join(HERE, name)) as f:
        src = f.read()
    linecache.cache[name] = (len(src), None, src.splitlines(True), name)
    mod = types.ModuleType("golden_fns")
    mod.__file__ = name
    sys.modules["golden_fns"] = mod
    exec(compile(src, name, "exec"), mod.__dict__)
    return mod, src


def write(path, text):
    with open(os.path.join(HERE, path), "w") as f:
        f.write(text)


def graphs():
    mod, src = load_fns()
    os.makedirs(os.path.join(HERE, "goldens"), exist_ok=True)
    names = []
    for line in src.splitlines():
        if line.startswith("def ") and not line.startswith("def _"):
            names.append(line[4:line.index("(")])
    for n in names:
        g = torch.jit.script(getattr(mod, n)).graph
        text = str(g)
        write("goldens/%s.graph" % n, text)
        try:
            write("goldens/%s.parsed.graph" % n, str(torch._C.parse_ir(text)))
        except Exception as e:  # parse_ir cannot read every printed graph (e.g. `with` groups)
            print("parse_ir failed for", n, type(e).__name__, file=sys.stderr)
    write("goldens/LIST", "".join(n + "\n" for n in names))
    # Inlining: calls() with both calls to _inner inlined into a copy of its graph.
    write("goldens/_inner.graph", str(torch.jit.script(mod._inner).graph))
    g = torch.jit.script(mod.calls).graph.copy()
    torch._C._jit_pass_inline(g)
    write("goldens/calls.inlined.graph", str(g))
    # Traced graphs: refined tensor types and tensor constants.
    torch.manual_seed(0)
    traced = {
        "trace_mlp": (mod._trace_mlp, (torch.randn(2, 3), torch.randn(4, 3))),
        "trace_grad": (mod._trace_grad, (torch.randn(2, 3, requires_grad=True),)),
    }
    for n, (fn, args) in traced.items():
        g = torch.jit.trace(fn, args, check_trace=False).graph
        write("goldens/%s.graph" % n, str(g))
        names.append(n)
    write("goldens/LIST", "".join(n + "\n" for n in names))


TYPE_SAMPLE = [
    "Tensor", "int", "float", "complex", "bool", "str", "None", "NoneType", "Device",
    "Any", "List[int]", "List[float]", "List[Tensor]", "List[Optional[int]]",
    "List[List[int]]", "Optional[int]", "Optional[Tensor]", "Optional[List[int]]",
    "Optional[Tuple[int, str]]", "Dict[str, int]", "Dict[str, Tensor]",
    "Dict[int, List[float]]", "Tuple[int, Tensor]", "Tuple[()]", "Tuple[int]",
    "Tuple[int, Tuple[str, float]]", "Union[int, str]", "Union[int, None]",
    "Union[int, str, None]", "Union[float, int]", "Union[Tensor, List[int], None]",
    "Future[int]", "Future[Tensor]", "List[Any]", "Dict[str, Any]",
    "Optional[Any]", "Tuple[Any, int]", "Optional[Optional[int]]", "Union[int, Union[str, float]]",
    "Union[int]", "Optional[Union[int, str]]", "Union[bool, int]", "Optional[float]",
    "Optional[str]", "Optional[bool]", "List[str]", "List[bool]", "Dict[float, str]",
    "Tuple[Optional[int], List[Tensor]]", "Union[List[int], List[str]]",
    "Optional[Device]", "Union[Tensor, int, float, complex]", "Union[int, float, complex]",
    "Union[str, int, float, complex]", "Optional[Union[int, float, complex]]",
    "Union[int, float, complex, str, None]", "List[Union[int, float, complex]]",
    "Dict[str, Future[int]]", "List[Future[int]]", "Dict[str, Tuple[int, str]]",
    "Tuple[Optional[Tensor], Optional[Tensor]]", "Tuple[Tensor, Tensor]", "Tuple[None, int]",
    "Optional[List[Tensor]]", "List[Optional[Tensor]]", "Union[Tuple[int, int], Tuple[str]]",
]


def type_fixtures():
    from torch.jit.annotations import ann_to_type
    loc = torch._C._jit_tree_views.SourceRangeFactory("", None, 0, 0).make_raw_range(0, 0)
    env = dict(typing.__dict__)
    env.update(torch=torch, Tensor=torch.Tensor, Future=torch.jit.Future, Device=torch.device,
               NoneType=type(None))
    tys = []
    lines = []
    for ann in TYPE_SAMPLE:
        t = ann_to_type(eval(ann, env), loc)
        tys.append(t)
        lines.append("%s\t%s\t%s\n" % (ann, t.str(), t.annotation_str))
    write("types.txt", "".join(lines))
    sub = []
    uni = []
    for an, a in zip(TYPE_SAMPLE, tys):
        for bn, b in zip(TYPE_SAMPLE, tys):
            sub.append("%s\t%s\t%d\n" % (an, bn, int(a.isSubtypeOf(b))))
            try:
                u = torch._C.unify_type_list([a, b])
                uni.append("%s\t%s\t%s\n" % (an, bn, u.annotation_str))
            except RuntimeError:
                uni.append("%s\t%s\terror\n" % (an, bn))
    write("subtypes.txt", "".join(sub))
    write("unify.txt", "".join(uni))


def schema_fixture():
    schemas = sorted(set(str(s) for s in torch._C._jit_get_all_schemas()))
    # Every schema with a distinctive feature, plus an even sample of the rest.
    keep = set()
    features = ["(a!)", "(a)", "(b!)", "*", "...", "?[]", "[]?", "Dict(", "Future(", "Any", "t[]",
                "int[2]", "int[1]", "=None", "=[]", "=True", "=False", "=\"", "=-", "=0.", "e-",
                "contiguous_format", "Layout", "Device", "Generator", "Storage", "complex", "Scalar",
                "->()", "-> ()", "(Tensor a, Tensor b)", "Union(", "Await", "RRef", "Stream",
                "__torch__", "Capsule", "str[]", "bool[]", "float[]", "Tensor(a -> *)", "(a|b)",
                "[0, 1]", "ScalarType", "MemoryFormat", "QScheme", "PyObject", "Type"]
    for f in features:
        hits = [s for s in schemas if f in s]
        keep.update(hits[:: max(1, len(hits) // 12)])
    keep.update(schemas[::12])
    write("schemas.txt", "".join(s + "\n" for s in sorted(keep)))


if __name__ == "__main__":
    graphs()
    type_fixtures()
    schema_fixture()
