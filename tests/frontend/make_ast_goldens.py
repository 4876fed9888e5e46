"""Records how Python itself parses a few hundred random TorchScript expressions (run by python3).

Usage: python3 make_ast_goldens.py > ast_goldens.txt

Then 300 random blocks of statements (every statement form, nested blocks at varying
indentation, elif chains, one-line suites, `;`), compared the same way as whole files; their
lines have newlines and backslashes escaped as `\\n` and `\\\\`.

Expressions are drawn from a small grammar with a fixed seed; each is parsed by Python's `ast`
module and rendered in the S-expression form of tjit::frontend::dump (folding `-<number>` into
the literal as tjit's parser does). Output: one line per case, `<expression>\t<dump>`. The parser
test checks that tjit parses every expression into the same tree: precedence, associativity,
chained comparisons, slices, comprehensions and calls as Python defines them.
"""
import ast
import random

NAMES = ["a", "b", "x", "y", "torch", "self"]
BINOPS = ["+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>"]
CMPOPS = ["<", ">", "<=", ">=", "==", "!=", "is", "is not", "in", "not in"]


def gen(rng, depth):
    if depth <= 0 or rng.random() < 0.2:
        return rng.choice(NAMES + ["1", "2.5", "0x1F", "1e-05", "'s'", "True", "None", "3j"])
    d = depth - 1
    k = rng.randrange(14)
    if k < 4:
        return "%s %s %s" % (gen(rng, d), rng.choice(BINOPS), gen(rng, d))
    if k == 4:
        return "%s%s" % (rng.choice(["-", "+", "~", "not "]), gen(rng, d))
    if k == 5:
        ops = [rng.choice(CMPOPS) for _ in range(rng.randrange(1, 3))]
        out = gen(rng, d)
        for op in ops:
            out += " %s %s" % (op, gen(rng, d))
        return out
    if k == 6:
        return "%s %s %s" % (gen(rng, d), rng.choice(["and", "or"]), gen(rng, d))
    if k == 7:
        return "%s if %s else %s" % (gen(rng, d), gen(rng, d), gen(rng, d))
    if k == 8:
        return "(%s)" % gen(rng, d)
    if k == 9:
        args = [gen(rng, d) for _ in range(rng.randrange(3))]
        if rng.random() < 0.3:
            args.append("k=%s" % gen(rng, d))
        return "%s(%s)" % (rng.choice(NAMES + ["torch.add", "self.f"]), ", ".join(args))
    if k == 10:
        def part():
            r = rng.random()
            if r < 0.5:
                return gen(rng, d)
            lo = gen(rng, d) if rng.random() < 0.5 else ""
            hi = gen(rng, d) if rng.random() < 0.5 else ""
            st = (":" + gen(rng, d)) if rng.random() < 0.3 else ""
            return lo + ":" + hi + st
        parts = [part() for _ in range(rng.randrange(1, 4))]
        return "%s[%s]" % (rng.choice(NAMES), ", ".join(parts))
    if k == 11:
        return "[%s]" % ", ".join(gen(rng, d) for _ in range(rng.randrange(3)))
    if k == 12:
        return "[%s for %s in %s]" % (gen(rng, d), rng.choice(["i", "i, j"]), gen(rng, d))
    return "%s.%s" % (rng.choice(NAMES), rng.choice(["size", "shape", "T"]))


def num(v):
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return ("%.17g" % v) + "f"
    if isinstance(v, complex):
        return ("%.17g" % v.imag) + "j"
    raise ValueError(v)


OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
       ast.Pow: "**", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
       ast.LShift: "<<", ast.RShift: ">>"}
CMPS = {ast.Lt: "<", ast.Gt: ">", ast.LtE: "<=", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
        ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}


def dump(n):
    if n is None:
        return "_"
    if isinstance(n, ast.Name):
        return n.id
    if isinstance(n, ast.Constant):
        if n.value is None:
            return "None"
        if n.value is Ellipsis:
            return "..."
        if isinstance(n.value, str):
            return '"%s"' % n.value
        return num(n.value)
    if isinstance(n, ast.UnaryOp):
        if isinstance(n.op, ast.USub) and isinstance(n.operand, ast.Constant) and \
                isinstance(n.operand.value, (int, float, complex)) and not isinstance(n.operand.value, bool):
            return num(-n.operand.value)
        tag = {ast.USub: "neg", ast.UAdd: "pos", ast.Invert: "~", ast.Not: "not"}[type(n.op)]
        return "(%s %s)" % (tag, dump(n.operand))
    if isinstance(n, ast.BinOp):
        return "(%s %s %s)" % (OPS[type(n.op)], dump(n.left), dump(n.right))
    if isinstance(n, ast.BoolOp):
        return "(%s %s)" % ("and" if isinstance(n.op, ast.And) else "or", " ".join(dump(v) for v in n.values))
    if isinstance(n, ast.Compare):
        out = "(cmp " + dump(n.left)
        for op, c in zip(n.ops, n.comparators):
            out += " %s %s" % (CMPS[type(op)], dump(c))
        return out + ")"
    if isinstance(n, ast.IfExp):
        return "(ifexp %s %s %s)" % (dump(n.test), dump(n.body), dump(n.orelse))
    if isinstance(n, ast.Call):
        parts = [dump(n.func)] + [dump(a) for a in n.args] + ["(= %s %s)" % (k.arg, dump(k.value)) for k in n.keywords]
        return "(call %s)" % " ".join(parts)
    if isinstance(n, ast.Attribute):
        return "(. %s %s)" % (dump(n.value), n.attr)
    if isinstance(n, ast.Subscript):
        idx = n.slice.elts if isinstance(n.slice, ast.Tuple) else [n.slice]
        return "([] %s %s)" % (dump(n.value), " ".join(dump(i) for i in idx))
    if isinstance(n, ast.Starred):
        return "(* %s)" % dump(n.value)
    if isinstance(n, ast.Slice):
        return "(: %s %s %s)" % (dump(n.lower), dump(n.upper), dump(n.step))
    if isinstance(n, ast.Tuple):
        return "(tuple%s)" % "".join(" " + dump(e) for e in n.elts)
    if isinstance(n, ast.List):
        return "(list%s)" % "".join(" " + dump(e) for e in n.elts)
    if isinstance(n, ast.ListComp):
        g = n.generators[0]
        return "(listcomp %s %s %s%s)" % (dump(n.elt), dump(g.target), dump(g.iter), "".join(" " + dump(i) for i in g.ifs))
    raise ValueError(ast.dump(n))


def gen_block(rng, depth, indent):
    """Random statements at `indent`, as source lines."""
    lines = []
    for _ in range(rng.randrange(1, 4)):
        lines += gen_stmt(rng, depth, indent)
    return lines


def e(rng):
    return gen(rng, rng.randrange(0, 3))


def gen_stmt(rng, depth, indent):
    pad = " " * indent
    k = rng.randrange(20 if depth > 0 else 12)
    simple = [
        lambda: "x = %s" % e(rng),
        lambda: "a, *b = %s" % e(rng),
        lambda: "a = b = %s" % e(rng),
        lambda: "x: List[int] = %s" % e(rng),
        lambda: "self.y %s %s" % (rng.choice(["+=", "-=", "*=", "//=", "**=", "|=", "<<="]), e(rng)),
        lambda: "x[%s] = %s" % (e(rng), e(rng)),
        lambda: "return %s" % e(rng),
        lambda: rng.choice(["pass", "break", "continue", "return", "raise"]),
        lambda: "assert %s, %s" % (e(rng), e(rng)),
        lambda: "del x[%s], y" % e(rng),
        lambda: "raise Exception(%s)" % e(rng),
        lambda: "%s; %s" % (e(rng), "x = 1"),
    ]
    if k < 12:
        return [pad + simple[k]()]
    inner = indent + rng.choice([1, 2, 4])
    d = depth - 1
    if k in (12, 13):
        out = [pad + "if %s:" % e(rng)] + gen_block(rng, d, inner)
        for _ in range(rng.randrange(3)):
            out += [pad + "elif %s:" % e(rng)] + gen_block(rng, d, inner)
        if rng.random() < 0.5:
            out += [pad + "else:"] + gen_block(rng, d, inner) + [" " * inner + "pass"]
        return out
    if k == 14:
        return [pad + "for %s in %s:" % (rng.choice(["i", "i, j", "(i, j)"]), e(rng))] + gen_block(rng, d, inner)
    if k == 15:
        return [pad + "while %s:" % e(rng)] + gen_block(rng, d, inner)
    if k == 16:
        return [pad + "with %s as w, %s:" % (e(rng), e(rng))] + gen_block(rng, d, inner)
    if k == 17:
        deco = [pad + "@torch.jit.export"] if rng.random() < 0.5 else []
        return deco + [pad + "def g(self, x: int, y: Optional[Tensor] = None, *, k: float = 1.0) -> int:"] + \
            gen_block(rng, d, inner)
    if k == 18:
        return [pad + "class C(NamedTuple):", " " * inner + "a : int", " " * inner + "b : Final[int] = 3"] + \
            gen_block(rng, d, inner)
    return [pad + "if %s: %s" % (e(rng), "x = 1; y = 2")]


def dump_body(tag, body):
    return " (%s%s)" % (tag, "".join(" " + dump_stmt(s) for s in body))


def dump_if(n, is_elif):
    out = "(%s %s%s" % ("elif" if is_elif else "if", dump(n.test), dump_body("then", n.body))
    if len(n.orelse) == 1 and isinstance(n.orelse[0], ast.If) and getattr(n.orelse[0], "_elif", False):
        out += " (else %s)" % dump_if(n.orelse[0], True)
    elif n.orelse:
        out += dump_body("else", n.orelse)
    return out + ")"


def dump_stmt(n):
    if isinstance(n, ast.Expr):
        return "(expr %s)" % dump(n.value)
    if isinstance(n, ast.Assign):
        return "(=%s %s)" % ("".join(" " + dump(t) for t in n.targets), dump(n.value))
    if isinstance(n, ast.AnnAssign):
        return "(= %s : %s %s)" % (dump(n.target), dump(n.annotation), dump(n.value))
    if isinstance(n, ast.AugAssign):
        return "(%s= %s %s)" % (OPS[type(n.op)], dump(n.target), dump(n.value))
    if isinstance(n, ast.If):
        return dump_if(n, False)
    if isinstance(n, ast.For):
        return "(for %s %s%s)" % (dump(n.target), dump(n.iter), dump_body("do", n.body))
    if isinstance(n, ast.While):
        return "(while %s%s)" % (dump(n.test), dump_body("do", n.body))
    if isinstance(n, ast.With):
        items = "".join(" (%s%s)" % (dump(i.context_expr), " as " + dump(i.optional_vars) if i.optional_vars else "")
                        for i in n.items)
        return "(with%s%s)" % (items, dump_body("do", n.body))
    if isinstance(n, ast.Return):
        return "(return %s)" % dump(n.value)
    if isinstance(n, ast.Raise):
        return "(raise %s)" % dump(n.exc)
    if isinstance(n, ast.Assert):
        return "(assert %s %s)" % (dump(n.test), dump(n.msg))
    if isinstance(n, ast.Delete):
        return "(del%s)" % "".join(" " + dump(t) for t in n.targets)
    if isinstance(n, (ast.Pass, ast.Break, ast.Continue)):
        return "(%s)" % type(n).__name__.lower()
    if isinstance(n, ast.FunctionDef):
        out = "(def " + n.name
        if n.decorator_list:
            out += " (decorators%s)" % "".join(" " + dump(d) for d in n.decorator_list)
        params = []
        a = n.args
        defaults = [None] * (len(a.args) - len(a.defaults)) + list(a.defaults)
        for arg, d in list(zip(a.args, defaults)) + list(zip(a.kwonlyargs, a.kw_defaults)):
            p = " (" + arg.arg
            if arg in a.kwonlyargs:
                p += " kwonly"
            if arg.annotation:
                p += " : " + dump(arg.annotation)
            if d is not None:
                p += " = " + dump(d)
            params.append(p + ")")
        out += " (params%s)" % "".join(params)
        if n.returns:
            out += " -> " + dump(n.returns)
        return out + dump_body("body", n.body) + ")"
    if isinstance(n, ast.ClassDef):
        return "(class %s (bases%s)%s)" % (n.name, "".join(" " + dump(b) for b in n.bases), dump_body("body", n.body))
    raise ValueError(ast.dump(n))


def mark_elifs(src, tree):
    """Python's ast does not tell `elif` from `else: if`; the source line does."""
    lines = src.split("\n")
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and lines[node.lineno - 1][node.col_offset:].startswith("elif"):
            node._elif = True


def main():
    rng = random.Random(1913)
    seen = set()
    while len(seen) < 600:
        src = gen(rng, rng.randrange(1, 5))
        if src in seen:
            continue
        try:
            tree = ast.parse(src, mode="eval").body
        except SyntaxError:
            continue
        seen.add(src)
        print("%s\t%s" % (src, dump(tree)))
    # Statement blocks: one case per line, `\n` in the source written as the two characters.
    count = 0
    while count < 300:
        src = "\n".join(gen_block(rng, 3, 0)) + "\n"
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        mark_elifs(src, tree)
        count += 1
        print("%s\t%s" % (src.replace("\\", "\\\\").replace("\n", "\\n"),
                           "\n".join(dump_stmt(st) for st in tree.body).replace("\n", "\\n")))


if __name__ == "__main__":
    main()
