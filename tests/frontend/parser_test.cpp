// The parser: every form of the TorchScript language parses into the right tree (checked via
// the S-expression dump and on the nodes themselves), and bad input fails with a tjit::Error.
#include "tjit/frontend/parser.hpp"

#include <doctest/doctest.h>

#include <string>

namespace tf = tjit::frontend;

namespace {

// The dump of a whole module.
std::string P(std::string text) { return tf::dump(tf::parse(std::move(text))); }
// The dump of one expression.
std::string E(std::string text) { return tf::dump(*tf::parse_expression(std::move(text))); }
// The dump of the body of `def f():` holding `body` (indented by the helper).
std::string S(std::string body) {
  std::string text = "def f():\n";
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t eol = body.find('\n', pos);
    if (eol == std::string::npos) eol = body.size();
    text += "  " + body.substr(pos, eol - pos) + "\n";
    pos = eol + 1;
  }
  tf::Module m = tf::parse(text);
  auto def = m.body.at(0)->as<tf::Def>();
  std::string out;
  for (const auto& s : def->body) {
    if (!out.empty()) out += '\n';
    out += tf::dump(*s);
  }
  return out;
}
std::string error_of(std::string text) {
  try {
    tf::parse(std::move(text));
  } catch (const tjit::Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("literals") {
  CHECK(E("1") == "1");
  CHECK(E("-1") == "-1");
  CHECK(E("0x1F + 0o17 + 0b101 + 1_000") == "(+ (+ (+ 31 15) 5) 1000)");
  CHECK(E("1.") == "1f");
  CHECK(E("-0.") == "-0f");
  CHECK(E(".5") == "0.5f");
  CHECK(E("1e-08") == "1e-08f");
  CHECK(E("0.+2.j") == "(+ 0f 2j)");
  CHECK(E("-inf") == "(neg inf)");
  CHECK(E("float(\"nan\")") == "(call float \"nan\")");
  CHECK(E("\"a\" 'b' \"\"\"c\"\"\"") == "\"abc\"");
  CHECK(E("True") == "True");
  CHECK(E("False") == "False");
  CHECK(E("None") == "None");
  CHECK(E("...") == "...");
  CHECK(E("Ellipsis") == "...");
  auto e = tf::parse_expression("-9223372036854775807");
  REQUIRE(e->as<tf::IntLiteral>());
  CHECK(e->as<tf::IntLiteral>()->value == -9223372036854775807LL);
  CHECK(e->range.text() == "-9223372036854775807");
  auto s = tf::parse_expression("\"it's \\\"q\\\"\\n\\\\\"");
  REQUIRE(s->as<tf::StringLiteral>());
  CHECK(s->as<tf::StringLiteral>()->value == "it's \"q\"\n\\");
}

TEST_CASE("operator precedence and associativity follow Python") {
  CHECK(E("a + b * c - d") == "(- (+ a (* b c)) d)");
  CHECK(E("a ** b ** c") == "(** a (** b c))");
  CHECK(E("-a ** 2") == "(neg (** a 2))");
  CHECK(E("-2 ** 2") == "(neg (** 2 2))");
  CHECK(E("2 ** -1") == "(** 2 -1)");
  CHECK(E("a // b % c @ d / e") == "(/ (@ (% (// a b) c) d) e)");
  CHECK(E("a | b ^ c & d << e >> f") == "(| a (^ b (& c (>> (<< d e) f))))");
  CHECK(E("~a + +b") == "(+ (~ a) (pos b))");
  CHECK(E("not a == b") == "(not (cmp a == b))");
  CHECK(E("a or b and c or d") == "(or a (and b c) d)");
  CHECK(E("a and not b") == "(and a (not b))");
  CHECK(E("0 < i <= 10 != j") == "(cmp 0 < i <= 10 != j)");
  CHECK(E("a is b is not c in d not in e") == "(cmp a is b is not c in d not in e)");
  CHECK(E("a if c else b if d else e") == "(ifexp c a (ifexp d b e))");
  CHECK(E("x + 1 if x > 0 and y else -x") == "(ifexp (and (cmp x > 0) y) (+ x 1) (neg x))");
  CHECK(E("(a + b) * c") == "(* (+ a b) c)");
}

TEST_CASE("calls, attributes, subscripts and slices") {
  CHECK(E("torch.add(x, 1, alpha=2)") == "(call (. torch add) x 1 (= alpha 2))");
  CHECK(E("(_0).forward(input, )") == "(call (. _0 forward) input)");
  CHECK(E("f(*args, k=v)") == "(call f (* args) (= k v))");
  CHECK(E("f()()") == "(call (call f))");
  CHECK(E("ops.prim.NumToTensor(torch.size(z, 0))") ==
        "(call (. (. ops prim) NumToTensor) (call (. torch size) z 0))");
  CHECK(E("x[0]") == "([] x 0)");
  CHECK(E("x[:, 0:2, ..., None]") == "([] x (: _ _ _) (: 0 2 _) ... None)");
  CHECK(E("x[::2, 1:, :-1, a:b:c]") == "([] x (: _ _ 2) (: 1 _ _) (: _ -1 _) (: a b c))");
  CHECK(E("x[i][j].k") == "(. ([] ([] x i) j) k)");
  CHECK(E("Dict[str, List[Tuple[int, float]]]") == "([] Dict str ([] List ([] Tuple int float)))");
  CHECK(E("Tuple[()]") == "([] Tuple (tuple))");
  CHECK(E("f(x for x in y)") == "(call f (listcomp x x y))");
  auto call = tf::parse_expression("torch.div(x, 2, rounding_mode=\"trunc\")");
  auto c = call->as<tf::Call>();
  REQUIRE(c);
  CHECK(c->args.size() == 2);
  REQUIRE(c->keywords.size() == 1);
  CHECK(c->keywords[0].name == "rounding_mode");
  CHECK(c->keywords[0].range.text() == "rounding_mode");
  CHECK(c->range.text() == "torch.div(x, 2, rounding_mode=\"trunc\")");
  CHECK(tf::dotted_name(*c->func) == "torch.div");
}

TEST_CASE("displays and comprehensions") {
  CHECK(E("()") == "(tuple)");
  CHECK(E("(a,)") == "(tuple a)");
  CHECK(E("(a, b, )") == "(tuple a b)");
  CHECK(E("a, *b") == "(tuple a (* b))");
  CHECK(E("[]") == "(list)");
  CHECK(E("[1, 2, ]") == "(list 1 2)");
  CHECK(E("[*a, b]") == "(list (* a) b)");
  CHECK(E("{}") == "(dict)");
  CHECK(E("{\"k\": b, \"j\": -1}") == "(dict (\"k\" b) (\"j\" -1))");
  CHECK(E("[v * 2 for v in [1, 2, 3]]") == "(listcomp (* v 2) v (list 1 2 3))");
  CHECK(E("[i for i in range(10) if i % 2 if i]") == "(listcomp i i (call range 10) (% i 2) i)");
  CHECK(E("[a for a, b in zip(x, y)]") == "(listcomp a (tuple a b) (call zip x y))");
  CHECK(E("{k: v for k, v in zip(a, b)}") == "(dictcomp k v (tuple k v) (call zip a b))");
  CHECK(E("[x if c else y for x in z]") == "(listcomp (ifexp c x y) x z)");
}

TEST_CASE("f-strings become str.format calls, as PyTorch compiles them") {
  CHECK(E("f\"{i} and {nv}\"") == "(call (. \"{} and {}\" format) i nv)");
  CHECK(E("\"a\" f'{x[0]}-{d[\"k\"] + 1}' rf\"\\d{{q}}\"") ==
        "(call (. \"a{}-{}\\\\d{q}\" format) ([] x 0) (+ ([] d \"k\") 1))");
  auto e = tf::parse_expression("f\"v={value}\"");
  auto c = e->as<tf::Call>();
  REQUIRE(c);
  REQUIRE(c->args.size() == 1);
  CHECK(c->args[0]->range.text() == "value");
}

TEST_CASE("simple statements") {
  CHECK(S("x = 1") == "(= x 1)");
  CHECK(S("a = b = c") == "(= a b c)");
  CHECK(S("x: int = 1") == "(= x : int 1)");
  CHECK(S("key_padding_mask1 : Optional[Tensor] = key_padding_mask3") ==
        "(= key_padding_mask1 : ([] Optional Tensor) key_padding_mask3)");
  CHECK(S("a, b = b, a") == "(= (tuple a b) (tuple b a))");
  CHECK(S("a, b, = f(3, )") == "(= (tuple a b) (call f 3))");
  CHECK(S("first, *rest = x") == "(= (tuple first (* rest)) x)");
  CHECK(S("(a, b), [c, d] = x") == "(= (tuple (tuple a b) (list c d)) x)");
  CHECK(S("x += 1\ny -= 2\nz *= 3\nw /= 4\nv //= 5\nu %= 6\nt **= 7\ns @= m\nr &= 1\nq |= 2\np ^= 3\no <<= 4\nn >>= 5") ==
        "(+= x 1)\n(-= y 2)\n(*= z 3)\n(/= w 4)\n(//= v 5)\n(%= u 6)\n(**= t 7)\n(@= s m)\n(&= r 1)\n(|= q 2)\n(^= p 3)\n(<<= o 4)\n(>>= n 5)");
  CHECK(S("self.count = torch.add(count, 1)") == "(= (. self count) (call (. torch add) count 1))");
  CHECK(S("d[\"c\"] = x.mean()") == "(= ([] d \"c\") (call (. x mean)))");
  CHECK(S("y[0, ...] += 2") == "(+= ([] y 0 ...) 2)");
  CHECK(S("torch._set_item(dd, k, v)") == "(expr (call (. torch _set_item) dd k v))");
  CHECK(S("pass\nbreak\ncontinue") == "(pass)\n(break)\n(continue)");
  CHECK(S("return") == "(return _)");
  CHECK(S("return (out, _12)") == "(return (tuple out _12))");
  CHECK(S("return a, b") == "(return (tuple a b))");
  CHECK(S("raise Exception(\"msg\")") == "(raise (call Exception \"msg\"))");
  CHECK(S("raise builtins.ValueError(\"bad\")") == "(raise (call (. builtins ValueError) \"bad\"))");
  CHECK(S("raise") == "(raise _)");
  CHECK(S("assert x.dim() > 0, \"need dim\"") == "(assert (cmp (call (. x dim)) > 0) \"need dim\")");
  CHECK(S("assert x") == "(assert x _)");
  CHECK(S("del dd[\"a\"], x") == "(del ([] dd \"a\") x)");
  CHECK(S("global a, b") == "(global a b)");
  CHECK(S("a = 1; b = 2;") == "(= a 1)\n(= b 2)");
  CHECK(S("\"docstring\"") == "(expr \"docstring\")");
}

TEST_CASE("compound statements") {
  CHECK(S("if a:\n  x = 1\nelif b:\n  x = 2\nelif c:\n  pass\nelse:\n  x = 3") ==
        "(if a (then (= x 1)) (else (elif b (then (= x 2)) (else (elif c (then (pass)) (else (= x 3)))))))");
  CHECK(S("if torch.__isnot__(opt, None):\n  pass\nelse:\n  pass") ==
        "(if (call (. torch __isnot__) opt None) (then (pass)) (else (pass)))");
  CHECK(S("if x: return 1") == "(if x (then (return 1)))");
  CHECK(S("for i in range(3):\n  acc = acc + i") == "(for i (call range 3) (do (= acc (+ acc i))))");
  CHECK(S("for idx, v in enumerate(l2):\n  l2[idx] = v + idx") ==
        "(for (tuple idx v) (call enumerate l2) (do (= ([] l2 idx) (+ v idx))))");
  CHECK(S("for a, b in x, y:\n  pass") == "(for (tuple a b) (tuple x y) (do (pass)))");
  CHECK(S("while _2:\n  _2 = False") == "(while _2 (do (= _2 False)))");
  CHECK(S("while True:\n  if x:\n    break\n  continue") ==
        "(while True (do (if x (then (break))) (continue)))");
  CHECK(S("with torch.no_grad():\n  x = x * 2") ==
        "(with ((call (. torch no_grad))) (do (= x (* x 2))))");
  CHECK(S("with a as b, c:\n  pass") == "(with (a as b) (c) (do (pass)))");
  CHECK(S("def __forked_function():\n  return helper(x3, 3, )\nfut = fork(__forked_function)") ==
        "(def __forked_function (params) (body (return (call helper x3 3))))\n"
        "(= fut (call fork __forked_function))");
  auto m = tf::parse("def f(x):\n  if x:\n    return 1\n  else:\n    return 2\n");
  auto def = m.body[0]->as<tf::Def>();
  auto iff = def->body[0]->as<tf::If>();
  REQUIRE(iff);
  CHECK(iff->range.text() == "if");
  CHECK(!iff->is_elif);
  CHECK(iff->body.size() == 1);
  CHECK(iff->orelse.size() == 1);
  CHECK(iff->orelse[0]->as<tf::Return>()->range.text() == "return");
}

TEST_CASE("defs: annotations, defaults, keyword-only, decorators, type comments") {
  CHECK(P("def forward(self: __torch__.mods5.Big,\n    x: Tensor,\n    opt: Optional[Tensor]=None,\n"
          "    flag: bool=True) -> Tuple[Tensor, __torch__.mods5.Out]:\n  return x\n") ==
        "(def forward (params (self : (. (. __torch__ mods5) Big)) (x : Tensor) "
        "(opt : ([] Optional Tensor) = None) (flag : bool = True)) -> "
        "([] Tuple Tensor (. (. __torch__ mods5) Out)) (body (return x)))");
  CHECK(P("def f(x, *, k: int = 1):\n  pass\n") ==
        "(def f (params (x) (k kwonly : int = 1)) (body (pass)))");
  CHECK(P("@torch.jit.export\n@torch.jit.ignore(drop=True)\ndef f(self):\n  pass\n") ==
        "(def f (decorators (. (. torch jit) export) (call (. (. torch jit) ignore) (= drop True))) "
        "(params (self)) (body (pass)))");
  // The comment's types become the annotations, as PyTorch merges them.
  CHECK(P("def f(x, y):\n  # type: (int, Tensor) -> Tensor\n  return y\n") ==
        "(def f (params (x : int) (y : Tensor)) -> Tensor (type int Tensor -> Tensor) (body (return y)))");
  CHECK(P("def f(x):  # type: (List[int]) -> int\n  return x[0]\n") ==
        "(def f (params (x : ([] List int))) -> int (type ([] List int) -> int) (body (return ([] x 0))))");
  // In a class, `self` has no entry in the comment.
  CHECK(P("class A:\n  def f(self, x):\n    # type: (int) -> int\n    return x\n") ==
        "(class A (bases) (body (def f (params (self) (x : int)) -> int (type int -> int) "
        "(body (return x)))))");
  // Module::define's source: its defs are methods.
  auto methods = tf::parse("def forward(self, x):\n  # type: (int) -> int\n  return x\n", "<string>",
                           tf::ParseOptions{.defs_are_methods = true});
  CHECK(tf::dump(methods) == "(def forward (params (self) (x : int)) -> int (type int -> int) (body (return x)))");
  CHECK(error_of("class A:\n  def f(self, x):\n    # type: (int, int) -> int\n    return x\n")
            .find("\nNumber of type annotations (2) did not match the number of method parameters (1)") == 0);
  CHECK(P("def f(x):\n  # type: ignore\n  return x\n") == "(def f (params (x)) (body (return x)))");
  CHECK(P("def f(x): return x\n") == "(def f (params (x)) (body (return x)))");
  auto m = tf::parse("@staticmethod\ndef f(x: int = 2) -> int:\n  return x\n");
  auto def = m.body[0]->as<tf::Def>();
  REQUIRE(def);
  CHECK(def->name == "f");
  CHECK(def->name_range.text() == "f");
  CHECK(def->range.text() == "def f(x: int = 2) -> int:");
  CHECK(def->decorator("staticmethod") != nullptr);
  CHECK(def->decorator("property") == nullptr);
  REQUIRE(def->params.size() == 1);
  CHECK(def->params[0].range.text() == "x");
  CHECK(def->params[0].default_value->as<tf::IntLiteral>()->value == 2);
  auto tm = tf::parse("def f(x, y):\n    # type: (int, float) -> bool\n    return x\n");
  auto tdef = tm.body[0]->as<tf::Def>();
  REQUIRE(tdef->type_comment);
  CHECK(tdef->type_comment->range.text() == "# type: (int, float) -> bool");
  CHECK(tdef->type_comment->param_types[1]->range.text() == "float");
}

TEST_CASE("classes: modules, script classes, NamedTuple, Enum, interfaces") {
  const std::string module_class =
      "class Conv2d(Module):\n"
      "  __parameters__ = [\"weight\", \"bias\", ]\n"
      "  __buffers__ = []\n"
      "  weight : Tensor\n"
      "  bias : Optional[Tensor]\n"
      "  __annotations__[\"0\"] = __torch__.mods5.Block\n"
      "  kernel_size : Final[Tuple[int, int]] = (7, 7)\n"
      "  padding_mode : Final[str] = \"zeros\"\n"
      "  def forward(self: __torch__.torch.nn.modules.conv.Conv2d,\n"
      "    input: Tensor) -> Tensor:\n"
      "    _0 = (self)._conv_forward(input, self.weight, self.bias, )\n"
      "    return _0\n";
  CHECK(P(module_class) ==
        "(class Conv2d (bases Module) (body (= __parameters__ (list \"weight\" \"bias\")) "
        "(= __buffers__ (list)) (= weight : Tensor _) (= bias : ([] Optional Tensor) _) "
        "(= ([] __annotations__ \"0\") (. (. __torch__ mods5) Block)) "
        "(= kernel_size : ([] Final ([] Tuple int int)) (tuple 7 7)) "
        "(= padding_mode : ([] Final str) \"zeros\") "
        "(def forward (params (self : (. (. (. (. (. __torch__ torch) nn) modules) conv) Conv2d)) "
        "(input : Tensor)) -> Tensor (body (= _0 (call (. self _conv_forward) input (. self weight) "
        "(. self bias))) (return _0)))))");
  CHECK(P("class Out(NamedTuple):\n  y : Tensor\n  n : int\n") ==
        "(class Out (bases NamedTuple) (body (= y : Tensor _) (= n : int _)))");
  CHECK(P("class Color(Enum):\n  RED = 1\n  GREEN = 2\n") ==
        "(class Color (bases Enum) (body (= RED 1) (= GREEN 2)))");
  CHECK(P("class SubIface(ModuleInterface):\n  def forward(self, x: Tensor) -> Tensor:\n    pass\n") ==
        "(class SubIface (bases ModuleInterface) (body (def forward (params (self) (x : Tensor)) "
        "-> Tensor (body (pass)))))");
  CHECK(P("@torch.jit.interface\nclass I(torch.jit.Interface):\n  def f(self) -> int:\n    pass\n") ==
        "(class I (decorators (. (. torch jit) interface)) (bases (. (. torch jit) Interface)) "
        "(body (def f (params (self)) -> int (body (pass)))))");
  CHECK(P("class State:\n  v : int\n  def __init__(self, v: int) -> None:\n    self.v = v\n") ==
        "(class State (bases) (body (= v : int _) (def __init__ (params (self) (v : int)) -> None "
        "(body (= (. self v) v)))))");
  CHECK(P("class A(object):\n  \"\"\"doc\"\"\"\n  @property\n  def p(self):\n    return 1\n") ==
        "(class A (bases object) (body (expr \"doc\") (def p (decorators property) (params (self)) "
        "(body (return 1)))))");
  auto m = tf::parse("class Point:\n  x : float\n");
  auto cls = m.body[0]->as<tf::ClassDef>();
  REQUIRE(cls);
  CHECK(cls->name_range.text() == "Point");
}

TEST_CASE("files: legacy headers, several definitions, archive quirks") {
  auto m = tf::parse("op_version_set = 1\nimport torch\nfrom typing import List\n"
                     "def f(x: Tensor) -> Tensor:\n  return x\nclass A(Module):\n  pass\n");
  CHECK(m.imports.size() == 2);
  CHECK(m.imports[0] == "import torch");
  CHECK(m.imports[1] == "from typing import List");
  REQUIRE(m.body.size() == 3);
  CHECK(tf::dump(*m.body[0]) == "(= op_version_set 1)");
  CHECK(m.body[1]->is<tf::Def>());
  CHECK(m.body[2]->is<tf::ClassDef>());
  CHECK(m.find_def("f") == m.body[1].get());
  CHECK(m.find_class("A") == m.body[2].get());
  CHECK(m.find_class("f") == nullptr);
  CHECK(m.find_def("B") == nullptr);
  // Indented source (as given to compile from a C++ raw string), tabs, CRLF, no final newline.
  CHECK(P("    def f(x):\n        return x\n") == "(def f (params (x)) (body (return x)))");
  CHECK(P("def f(x):\r\n\treturn x\r\n") == "(def f (params (x)) (body (return x)))");
  CHECK(P("def f(x):\n  return x") == "(def f (params (x)) (body (return x)))");
  CHECK(P("def f(x):\n  return torch.add(torch.mul(x, 2), 0.+2.j)\n") ==
        "(def f (params (x)) (body (return (call (. torch add) (call (. torch mul) x 2) (+ 0f 2j)))))");
  CHECK(P("def f(self):\n  _0 = getattr(self, \"0\")\n  return CONSTANTS.c0\n") ==
        "(def f (params (self)) (body (= _0 (call getattr self \"0\")) (return (. CONSTANTS c0))))");
}

TEST_CASE("ranges cover the text of each node") {
  auto m = tf::parse("def f(x):\n  y = torch.add(x, 1) * 2\n  return y\n");
  auto def = m.body[0]->as<tf::Def>();
  auto assign = def->body[0]->as<tf::Assign>();
  REQUIRE(assign);
  CHECK(assign->range.text() == "y = torch.add(x, 1) * 2");
  CHECK(assign->targets[0]->range.text() == "y");
  auto mul = assign->value->as<tf::BinOp>();
  REQUIRE(mul);
  CHECK(mul->op == tf::BinOpKind::Mul);
  CHECK(mul->range.text() == "torch.add(x, 1) * 2");
  CHECK(mul->lhs->range.text() == "torch.add(x, 1)");
  CHECK(mul->lhs->as<tf::Call>()->func->range.text() == "torch.add");
  CHECK(mul->lhs->as<tf::Call>()->func->as<tf::Attribute>()->name_range.text() == "add");
  auto fl = mul->lhs->range.file_line_col();
  REQUIRE(fl);
  CHECK(fl->line == 2);
  CHECK(fl->col == 6);
}

TEST_CASE("unsupported Python syntax is rejected with PyTorch's message") {
  CHECK(error_of("def f(x):\n  return lambda y: y\n").find("Lambda aren't supported") == 0);
  CHECK(error_of("def f(x):\n  try:\n    pass\n  except E:\n    pass\n").find("try blocks aren't supported") == 0);
  CHECK(error_of("def f(x):\n  yield x\n").find("Yield aren't supported") == 0);
  CHECK(error_of("def f(x):\n  return {1, 2}\n").find("Set aren't supported") == 0);
  CHECK(error_of("def f(x):\n  return {1}\n").find("Set aren't supported") == 0);
  CHECK(error_of("def f(x):\n  return {i for i in x}\n").find("SetComp aren't supported") == 0);
  CHECK(error_of("def f(x):\n  return {**x}\n").find("Dict expansion") == 0);
  CHECK(error_of("def f(x):\n  return g(**x)\n").find("keyword-arg expansion is not supported") == 0);
  CHECK(error_of("def f(*x):\n  pass\n").find("Compiled functions can't take variable number") == 0);
  CHECK(error_of("def f(x):\n  import math\n").find("import statements aren't supported") == 0);
  CHECK(error_of("def f(x):\n  from a import b\n").find("import statements aren't supported") == 0);
  CHECK(error_of("def f(x):\n  nonlocal x\n").find("nonlocal variables aren't supported") == 0);
  CHECK(error_of("async def f(x):\n  pass\n").find("async function definitions aren't supported") == 0);
  CHECK(error_of("def f(x):\n  while x:\n    pass\n  else:\n    pass\n")
            .find("else branches of while loops aren't supported") == 0);
  CHECK(error_of("def f(x):\n  for i in x:\n    pass\n  else:\n    pass\n")
            .find("else branches of for loops aren't supported") == 0);
  CHECK(error_of("def f(x):\n  if (y := x):\n    pass\n").find("NamedExpr aren't supported") == 0);
  CHECK(error_of("def f(x):\n  return [i for i in x for j in i]\n")
            .find("Only a single generator is currently supported") == 0);
  CHECK(error_of("def f(x):\n  return f\"{x!r}\"\n").find("Don't support conversion in JoinedStr") == 0);
  CHECK(error_of("def f(x):\n  return f\"{x:>3}\"\n").find("Don't support formatting in JoinedStr") == 0);
  CHECK(error_of("def f(x):\n  return f\"{x\"\n").find("f-string: expecting '}'") == 0);
  CHECK(error_of("def f(x):\n  return f\"x}\"\n").find("f-string: single '}' is not allowed") == 0);
  CHECK(error_of("def f(x):\n  return b\"x\"\n").find("\nbytes literals are not supported") == 0);
  CHECK(error_of("def f(x):\n  f(x) = 1\n").find("\nunexpected expression on left-hand side of assignment") == 0);
  CHECK(error_of("def f(x):\n  f(k=1, x)\n").find("\npositional argument follows keyword argument") == 0);
  CHECK(error_of("def f(x):\n  raise E from x\n").find("\nexception chaining") == 0);
}

TEST_CASE("syntax errors carry PyTorch's layout with the caret under the offending token") {
  CHECK(error_of("def f(x):\n  return x x\n") ==
        "expected newline but found 'ident' here:\n"
        "  File \"<string>\", line 2\n"
        "def f(x):\n"
        "  return x x\n"
        "           ~ <--- HERE\n");
  CHECK(error_of("def f(x):\n  return (1 +\n").find("expected ident but found 'eof' here") == 0);
  CHECK(error_of("def f(x):\n  if x:\n  return 1\n").find("expected indent but found 'newline' here") == 0);
  CHECK(error_of("def f(x):\n  x: int, = 1\n").find("expected newline but found ','") == 0);
}

TEST_CASE("deep nesting is an error, not a crash") {
  for (const char* open_close : {"()", "[]", "{}"}) {
    std::string deep = "def f(x):\n  return " + std::string(5000, open_close[0]) + "x" +
                       std::string(5000, open_close[1]) + "\n";
    CHECK(error_of(deep).find("\ntoo many nested brackets, blocks or operators (the limit is 200)") == 0);
  }
  CHECK(error_of("x = " + std::string(100000, '-') + "1\n").find("\ntoo many nested") == 0);
  CHECK(error_of("x = " + std::string(100000, '~') + "1\n").find("\ntoo many nested") == 0);
  std::string nots = "x = ";
  for (int i = 0; i < 50000; ++i) nots += "not ";
  CHECK(error_of(nots + "x\n").find("\ntoo many nested") == 0);
  std::string chain = "x = 1";
  for (int i = 0; i < 100000; ++i) chain += "+1";
  CHECK(error_of(chain + "\n").find("\nexpression is too deeply nested (the limit is 2000 levels)") == 0);
  std::string attrs = "x = a";
  for (int i = 0; i < 100000; ++i) attrs += ".b";
  CHECK(error_of(attrs + "\n").find("\nexpression is too deeply nested") == 0);
  std::string pow = "x = 2";
  for (int i = 0; i < 100000; ++i) pow += "**2";
  CHECK(error_of(pow + "\n").find("\ntoo many nested") == 0);
  std::string blocks;
  for (int i = 0; i < 1000; ++i) blocks += std::string(i, ' ') + "if x:\n";
  blocks += std::string(1000, ' ') + "pass\n";
  CHECK(error_of(blocks).find("\ntoo many nested") == 0);
  std::string elifs = "if x == 0:\n  pass\n";
  for (int i = 1; i < 1500; ++i) elifs += "elif x == " + std::to_string(i) + ":\n  pass\n";
  CHECK(error_of(elifs + "else:\n  pass\n") == "(no error)");
  for (int i = 0; i < 1000; ++i) elifs += "elif x:\n  pass\n";
  CHECK(error_of(elifs).find("\ntoo many elif branches") == 0);
  // Just under the limits is fine.
  CHECK(error_of("x = " + std::string(150, '(') + "1" + std::string(150, ')') + "\n") == "(no error)");
  std::string ok_chain = "x = 1";
  for (int i = 0; i < 1500; ++i) ok_chain += "+1";
  CHECK(error_of(ok_chain + "\n") == "(no error)");
}

TEST_CASE("malformed input never crashes: every prefix of a real file fails cleanly or parses") {
  const std::string text =
      "class Big(Module):\n"
      "  __parameters__ = [\"alpha\", ]\n"
      "  scale : Final[float] = 0.5\n"
      "  def forward(self: __torch__.mods5.Big,\n"
      "    x: Tensor,\n"
      "    opt: Optional[Tensor]=None) -> Tuple[Tensor, int]:\n"
      "    if torch.__isnot__(opt, None):\n"
      "      x3, opt0 = torch.add(x, opt), opt\n"
      "    else:\n"
      "      pass\n"
      "    l = [v * 2 for v in [1, 2, 3] if v]\n"
      "    z = x[0:1, :2, ..., None] if 0 < len(l) <= 3 else -x ** 2\n"
      "    return (x, {\"a\": 1}[\"a\"])\n";
  std::size_t ok = 0, failed = 0;
  for (std::size_t n = 0; n <= text.size(); ++n) {
    try {
      tf::parse(text.substr(0, n));
      ++ok;
    } catch (const tjit::Error&) {
      ++failed;
    }
  }
  CHECK(ok + failed == text.size() + 1);
  CHECK(ok > 0);
  // And with bytes dropped or replaced here and there.
  for (std::size_t i = 0; i < text.size(); i += 3) {
    for (char c : {'(', ')', ':', '\n', ' ', '"', '\\', '\0', '\xff'}) {
      std::string mutated = text;
      mutated[i] = c;
      try {
        tf::parse(mutated);
      } catch (const tjit::Error&) {
      }
    }
  }
}

TEST_CASE("fuzz: random token soup and random bytes only ever raise tjit::Error") {
  static const char* const vocab[] = {
      "def ", "class ", "if ", "elif ", "else", "while ", "for ", " in ", "not ", " is ", "and ",
      "or ", "return ", "pass", "break", "raise ", "assert ", "with ", " as ", "del ", "lambda ",
      "x", "self", "torch", ".", ",", ":", ";", "(", ")", "[", "]", "{", "}", "=", "+=", "**",
      "*", "-", "//", "@", "->", "...", "1", "2.5", "0x1F", "3j", "\"s\"", "'t'", "f\"{x}\"",
      "\"\"\"doc\"\"\"", "# c", "# type: (int) -> int", "\n", "\n  ", "\n    ", "\\\n", " ", "\t",
      "None", "True", "<", "<=", "==", "!=", "~", "&", "|", "^", "<<", "%", "if", "else ", "yield ",
  };
  constexpr std::size_t n_vocab = sizeof(vocab) / sizeof(vocab[0]);
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  std::size_t parsed = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t len = 1 + next() % 40;
    if (round % 4 == 3) {
      for (std::size_t i = 0; i < len; ++i) text += static_cast<char>(next() % 256);
    } else {
      if (round % 2) text = "def f(x):\n  ";
      for (std::size_t i = 0; i < len; ++i) text += vocab[next() % n_vocab];
    }
    try {
      tf::parse(text);
      ++parsed;
    } catch (const tjit::Error&) {
      ++rejected;
    } catch (const std::exception& e) {
      FAIL("not a tjit::Error: " << e.what() << " for input: " << text);
    }
  }
  CHECK(parsed + rejected == 3000);
  CHECK(parsed > 0);
}
