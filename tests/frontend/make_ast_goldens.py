"""Records how Python itself parses a few hundred random TorchScript expressions (run by python3).

Usage: python3 make_ast_goldens.py > ast_goldens.txt

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


if __name__ == "__main__":
    main()
