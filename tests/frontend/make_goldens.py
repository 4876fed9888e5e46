"""Records PyTorch 1.13's error messages for bad TorchScript sources (run by /usr/bin/python3).

Usage: /usr/bin/python3 make_goldens.py > error_goldens.txt

Two kinds of cases:
  cu      the source goes to torch.jit.CompilationUnit (PyTorch's C++ lexer and parser, the one
          that also reads archives); the message names the file "<string>".
  script  the source is a Python file defining `f`, compiled with torch.jit.script (PyTorch's
          Python frontend, which rejects Python syntax TorchScript lacks); the file is written
          to FILE below, whose path therefore appears in the message.
Output format, per case: a line `@@@ <kind> <name> <len(source)> <len(message)>`, then the
source bytes, then the message bytes, then a newline. The parser test replays every case.
"""
import importlib.util
import os
import sys

import torch

FILE = "/tmp/tjit_frontend_goldens/case.py"

CU_CASES = [
    ("eof_after_operator", "def f(x):\n  return x +"),
    ("newline_after_operator", "def f(x):\n  return x +\n"),
    ("keyword_in_tuple", "def f(x):\n    y = (1,\n  return x\n"),
    ("invalid_char", "def f(x):\n  return x $ 1\n"),
    ("invalid_char_no_space", "def f(x):\n  return x$1\n"),
    ("unterminated_string", "def f(x):\n  return 'abc\n"),
    ("tab_then_spaces", "def f(x):\n\treturn x\n  return 1\n"),
    ("augassign_tuple", "def f(x):\n  x, y += 1\n  return x\n"),
    ("annotated_tuple", "def f(x):\n  a: int, b = 1, 2\n"),
    ("bad_escape", "def f(x):\n  return 'a\\q'\n"),
    ("bad_escape_triple_multiline", "def f(x):\n  return '''a\nb\\q'''\n"),
    ("unexpected_indent", "def f(x):\n  return x\n    return x\n"),
    ("invalid_indent_level", "def f(x):\n  if x:\n    return 1\n   return 2\n"),
    ("missing_colon_def", "def f(x)\n  return x\n"),
    ("missing_colon_if", "def f(x):\n  if x\n    return 1\n  return 2\n"),
    ("missing_colon_for", "def f(x):\n  for i in range(3)\n    pass\n  return x\n"),
    ("comprehension_and_element", "def f(x):\n  return [i for i in x, 1]\n"),
    ("bad_token_after_return", "def f(x):\n  return )\n"),
    ("double_assign", "def f(x):\n  x = = 1\n  return x\n"),
    ("unclosed_paren_eof", "def f(x):\n  return (x\n"),
    ("extra_paren", "def f(x):\n  return x)\n"),
    ("unclosed_call", "def f(x):\n  print(x\n  return x\n"),
    ("dot_number", "def f(x):\n  return x.1\n"),
    ("else_without_if", "def f(x):\n  else:\n    pass\n"),
    ("empty_augassign", "def f(x):\n  x += \n  return x\n"),
    ("ternary_without_else", "def f(x):\n  return x if x\n"),
    ("missing_default", "def f(x, y=):\n  return x\n"),
    ("dict_missing_value", "def f(x):\n  return {1: 2, 3}\n"),
    ("context_lines", "def f(x):\n  a = 1\n  b = 2\n  c = 3\n  d = 4\n  return x +\n  e = 5\n  g = 6\n  h = 7\n  k = 8\n"),
    ("missing_paren_def", "def f x:\n  return x\n"),
    ("return_two_exprs", "def f(x):\n  return x x\n"),
    ("type_comment_count", "def f(x, y):\n  # type: (int) -> int\n  return x\n"),
    ("type_comment_bad", "def f(x):\n  # type: (int,, ) -> int\n  return x\n"),
    ("slice_four_parts", "def f(x):\n  return x[1:2:3:4]\n"),
    ("dict_no_value", "def f(x):\n  y = {1:}\n"),
    ("del_nothing", "def f(x):\n  del\n"),
    ("assert_nothing", "def f(x):\n  assert\n"),
    ("global_number", "def f(x):\n  global 1\n"),
    ("arrow_nothing", "def f(x) -> :\n  pass\n"),
    ("def_no_name", "def (x):\n  pass\n"),
    ("open_bracket_eof", "def f(x):\n  return x[\n"),
    ("if_no_block", "def f(x):\n  if x:\n  pass\n"),
    ("call_kw_missing", "def f(x):\n  return g(a=)\n"),
    ("attr_number", "def f(x):\n  return x.0\n"),
    ("param_number", "def f(1):\n  pass\n"),
    ("return_colon", "def f(x):\n  return :\n"),
    ("unbalanced_close", "def f(x):\n  return ]\n"),
    ("double_dot", "def f(x):\n  return x..y\n"),
    ("augassign_then_assign", "def f(x):\n  x += = 1\n"),
    ("not_at_end", "def f(x):\n  return x not\n"),
    ("is_not_at_end", "def f(x):\n  return x is not\n"),
    ("while_no_colon", "def f(x):\n  while x\n    pass\n"),
    ("tuple_unclosed", "def f(x):\n  return (1, 2\n  pass\n"),
    ("dedent_to_unknown_level", "def f(x):\n    if x:\n        pass\n  pass\n"),
    ("string_then_ident", "def f(x):\n  return 'a' b\n"),
    ("triple_unterminated", "def f(x):\n  return '''abc\n"),
    ("backslash_alone", "def f(x):\n  return x \\ y\n"),
    ("trailing_backslash", "def f(x):\n  return x \\"),
]

SCRIPT_CASES = [
    ("lambda", "def f(x):\n    y = lambda z: z\n    return x\n"),
    ("try", "def f(x):\n    try:\n        return x\n    except Exception:\n        return x\n"),
    ("yield", "def f(x):\n    yield x\n"),
    ("set", "def f(x):\n    return {1, 2}\n"),
    ("setcomp", "def f(x):\n    return {i for i in x}\n"),
    ("dict_expansion", "def f(x):\n    return {**x}\n"),
    ("kwarg_expansion", "def f(x):\n    return x(**x)\n"),
    ("varargs", "def f(x, *args):\n    return x\n"),
    ("kwargs", "def f(x, **kwargs):\n    return x\n"),
    ("for_else", "def f(x):\n    for i in x:\n        pass\n    else:\n        pass\n    return x\n"),
    ("import", "def f(x):\n    import math\n    return x\n"),
    ("two_generators", "def f(x):\n    return [i for i in x for j in x]\n"),
]


def message(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        return str(e)
    raise SystemExit("no error raised")


def main():
    os.makedirs(os.path.dirname(FILE), exist_ok=True)
    out = sys.stdout
    for name, src in CU_CASES:
        msg = message(lambda: torch.jit.CompilationUnit(src))
        out.write("@@@ cu %s %d %d\n%s%s\n" % (name, len(src.encode()), len(msg.encode()), src, msg))
    for i, (name, src) in enumerate(SCRIPT_CASES):
        with open(FILE, "w") as f:
            f.write(src)
        spec = importlib.util.spec_from_file_location("tjit_golden_case_%d" % i, FILE)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        msg = message(lambda: torch.jit.script(mod.f))
        out.write("@@@ script %s %d %d\n%s%s\n" % (name, len(src.encode()), len(msg.encode()), src, msg))


if __name__ == "__main__":
    main()
