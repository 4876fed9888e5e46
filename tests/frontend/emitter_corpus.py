# The corpus of TorchScript functions the emitter test compiles with tjit::compile and compares
# with PyTorch 1.13: each entry is (name, source, sample inputs). make_emitter_goldens.py scripts
# every source with torch.jit.CompilationUnit and records str(fn.graph) and the outputs.
import math
from typing import Dict, List, Optional, Tuple

import torch
import torch.nn.functional as F

T = torch.tensor

CORPUS = [
    ("add_mul", """
def add_mul(x, y):
    return 2 * x + y
""", [(T([1., 2.]), T([3., 4.]))]),
    ("int_arith", """
def int_arith(a: int, b: int):
    c = a + b
    d = a * b - c
    return d // 2, d % 3, a ** 2
""", [(3, 4)]),
    ("float_arith", """
def float_arith(a: float, b: float) -> float:
    return a * b + a / b - 1.5
""", [(3.0, 2.0)]),
    ("mixed_arith", """
def mixed_arith(a: int, b: float):
    return a + b, a * 2.5, b - a
""", [(3, 0.5)]),
    ("compare", """
def compare(a: int, b: int):
    return a < b, a <= b, a == b, a != b, a > b, a >= b
""", [(1, 2)]),
    ("empty_list_default", """
def empty_list_default(x):
    return torch.max_pool2d(x, 2)
""", [(torch.arange(16.).reshape(1, 4, 4),)]),
    ("literals", """
def literals():
    return 1, 2.5, True, None, "hi"
""", [()]),
    ("tensor_scalar", """
def tensor_scalar(x):
    y = x + 1
    z = y * 2.0
    return z - x
""", [(T([1., 2.]),)]),
    ("tensor_ops", """
def tensor_ops(x, y):
    return x * y + x / y - y
""", [(T([1., 2.]), T([3., 4.]))]),
    ("if_else", """
def if_else(x, n: int):
    if n > 0:
        y = x + n
    else:
        y = x - n
    return y
""", [(T([1.]), 2), (T([1.]), -2)]),
    ("elif_chain", """
def elif_chain(n: int) -> int:
    if n < 0:
        r = -1
    elif n == 0:
        r = 0
    else:
        r = 1
    return r
""", [(-3,), (0,), (5,)]),
    ("while_loop", """
def while_loop(n: int) -> int:
    i = 0
    s = 0
    while i < n:
        s += i
        i += 1
    return s
""", [(5,)]),
    ("for_range", """
def for_range(x, n: int):
    for i in range(n):
        x = x + i
    return x
""", [(T([1.]), 3)]),
    ("for_range_start", """
def for_range_start(n: int) -> int:
    s = 0
    for i in range(2, n):
        s = s + i
    return s
""", [(6,)]),
    ("early_return", """
def early_return(x, n: int):
    if n > 3:
        return x
    return x * 2
""", [(T([1.]), 5), (T([1.]), 1)]),
    ("break_loop", """
def break_loop(n: int) -> int:
    i = 0
    while i < 100:
        if i == n:
            break
        i += 1
    return i
""", [(7,)]),
    ("continue_loop", """
def continue_loop(n: int) -> int:
    s = 0
    for i in range(n):
        if i % 2 == 0:
            continue
        s += i
    return s
""", [(7,)]),
    ("return_in_loop", """
def return_in_loop(n: int) -> int:
    for i in range(10):
        if i == n:
            return i * 10
    return -1
""", [(3,), (20,)]),
    ("assert_msg", """
def assert_msg(n: int) -> int:
    assert n > 2, "too small"
    return n
""", [(5,)]),
    ("raise_error", """
def raise_error(n: int) -> int:
    if n < 0:
        raise ValueError("negative")
    return n + 1
""", [(5,)]),
    ("list_ops", """
def list_ops(a: int):
    l = [a, 2, 3]
    l.append(4)
    return l[0] + l[-1], len(l)
""", [(7,)]),
    ("tuple_unpack", """
def tuple_unpack(a: int, b: int):
    t = (a, b)
    x, y = t
    return y, x
""", [(1, 2)]),
    ("dict_ops", """
def dict_ops(k: str, v: int):
    d = {"a": 1, k: v}
    return d[k] + d["a"]
""", [("b", 5)]),
    ("aug_assign", """
def aug_assign(a: int):
    a += 1
    a *= 3
    a -= 2
    return a
""", [(4,)]),
    ("tensor_methods", """
def tensor_methods(x):
    y = x.view(-1)
    return y.size(0), x.dim()
""", [(T([[1., 2.], [3., 4.]]),)]),
    ("torch_funcs", """
def torch_funcs(x):
    return torch.relu(x), torch.sigmoid(x), torch.cat([x, x], 0)
""", [(T([-1., 2.]),)]),
    ("functional", """
def functional(x):
    return torch.nn.functional.relu(x)
""", [(T([-1., 2.]),)]),
    ("math_funcs", """

def math_funcs(a: float):
    return math.sqrt(a), math.floor(a)
""", [(4.5,)]),
    ("optional_refine", """

def optional_refine(x: Optional[int]) -> int:
    if x is None:
        return 0
    return x + 1
""", [(None,), (4,)]),
    ("optional_not_none", """

def optional_not_none(x: Optional[int]) -> int:
    if x is not None:
        return x * 2
    else:
        return -1
""", [(None,), (4,)]),
    ("ternary", """
def ternary(a: int) -> int:
    return a if a > 0 else -a
""", [(3,), (-4,)]),
    ("bool_ops", """
def bool_ops(a: int, b: int) -> bool:
    return a > 0 and b > 0 or not a == b
""", [(1, 2), (-1, -1)]),
    ("list_comp", """
def list_comp(n: int):
    return [i * 2 for i in range(n)]
""", [(4,)]),
    ("for_list", """

def for_list(l: List[int]) -> int:
    s = 0
    for v in l:
        s += v
    return s
""", [([1, 2, 3],)]),
    ("for_tuple", """
def for_tuple(a: int, b: int) -> int:
    s = 0
    for v in (a, b, 3):
        s += v
    return s
""", [(1, 2)]),
    ("nested_loops", """
def nested_loops(n: int) -> int:
    s = 0
    for i in range(n):
        for j in range(i):
            s += j
    return s
""", [(5,)]),
    ("unary", """
def unary(a: int, x):
    return -a, -x
""", [(3, T([1., -2.]))]),
    ("str_ops", """
def str_ops(s: str) -> str:
    return s + "!"
""", [("hi",)]),
    ("type_comment", """
def type_comment(x, n):
    # type: (Tensor, int) -> Tensor
    return x * n
""", [(T([1., 2.]), 3)]),
    ("kwargs_call", """
def kwargs_call(x):
    return torch.sum(x, dim=0, keepdim=True)
""", [(T([[1., 2.], [3., 4.]]),)]),
    ("tensor_index", """
def tensor_index(x):
    return x[0], x[1:], x[:, 0]
""", [(T([[1., 2.], [3., 4.]]),)]),
    ("list_slice", """

def list_slice(l: List[int]):
    return l[1:], l[:2]
""", [([1, 2, 3],)]),
    ("enumerate_loop", """

def enumerate_loop(l: List[int]) -> int:
    s = 0
    for i, v in enumerate(l):
        s += i * v
    return s
""", [([4, 5, 6],)]),
    ("zip_loop", """

def zip_loop(a: List[int], b: List[int]) -> int:
    s = 0
    for x, y in zip(a, b):
        s += x * y
    return s
""", [([1, 2], [3, 4])]),
    ("annotate_list", """

def annotate_list(n: int) -> List[int]:
    l = torch.jit.annotate(List[int], [])
    for i in range(n):
        l.append(i)
    return l
""", [(3,)]),
    ("int_float_cast", """
def int_float_cast(a: float, b: int):
    return int(a), float(b), bool(b)
""", [(2.7, 3)]),
    ("isinstance_check", """
def isinstance_check(x: int) -> bool:
    return isinstance(x, int)
""", [(1,)]),
    ("fork_wait", """
def fork_wait(x):
    fut = torch.jit.fork(torch.neg, x)
    return torch.jit.wait(fut)
""", [(T([1., 2.]),)]),
    ("pass_none", """
def pass_none(x):
    if x.dim() > 5:
        pass
    return x
""", [(T([1.]),)]),
    ("int_truthiness", """
def int_truthiness(a: int):
    if a:
        return 1
    return 0
""", [(0,), (3,)]),
    ("min_max", """
def min_max(a: int, b: int):
    return min(a, b), max(a, b), abs(a - b)
""", [(3, 7)]),
]

# `with torch.no_grad():` — grad mode is off inside (the second element), on again after.
CORPUS += [
    ("no_grad_block", """
def no_grad_block(x):
    with torch.no_grad():
        y = x * 2
        inside = torch.is_grad_enabled()
    return y + 1, inside, torch.is_grad_enabled()
""", [(T([1., 2.]),)]),
    ("no_grad_return", """
def no_grad_return(x, n: int):
    with torch.no_grad() as g:
        if n > 0:
            return x * 2, torch.is_grad_enabled()
    return x, torch.is_grad_enabled()
""", [(T([1.]), 1), (T([1.]), 0)]),
]

# Assignment to tensor subscripts: aten::select/slice/unsqueeze then aten::copy_, or
# aten::index_put_ when tensors index.
M3 = T([[1., -2., 3.], [4., 5., -6.], [7., 8., 9.]])
CORPUS += [
    ("set_item_int", """
def set_item_int(x, y):
    x[0] = y
    return x
""", [(M3.clone(), T([10., 11., 12.]))]),
    ("set_item_scalar", """
def set_item_scalar(x):
    x[1] = 2.5
    x[2, 1] = 7
    return x
""", [(M3.clone(),)]),
    ("set_item_slice", """
def set_item_slice(x, v: float):
    x[1:3, 0] = v
    return x
""", [(M3.clone(), 0.5)]),
    ("set_item_mask", """
def set_item_mask(x):
    x[x > 0] = 0
    return x
""", [(M3.clone(),)]),
    ("set_item_index", """
def set_item_index(x, idx, t):
    x[idx] = t
    return x
""", [(M3.clone(), T([2, 0]), T([1., 2., 3.]))]),
    ("set_item_ellipsis", """
def set_item_ellipsis(x):
    x[..., 0] = 1
    x[:, None, 1] = 3
    return x
""", [(M3.clone(),)]),
    ("set_item_aug", """
def set_item_aug(x, i: int, idx):
    x[i] += 1
    x[idx] *= 2
    x[:, 2] -= x[:, 0]
    return x
""", [(M3.clone(), 1, T([0, 2]))]),
    ("get_item_mixed", """
def get_item_mixed(x, idx):
    return x[idx, 1:], x[None], x[..., 1], x[idx]
""", [(M3.clone(), T([2, 0]))]),
]

# torch.nn.functional: Python functions in PyTorch (prim::CallFunction with the defaults), or
# builtins (F.gelu, F.linear, F.conv2d, F.avg_pool2d, F.pad: aten ops).
X4 = (torch.arange(36.) / 7 - 2).reshape(1, 4, 3, 3)
CORPUS += [
    ("functional_act", """
def functional_act(x, w, idx):
    a = F.relu6(x) + F.silu(x) + F.gelu(x) + F.relu(x, inplace=False)
    b = F.softmax(x, dim=1) + F.log_softmax(x, 1)
    c = F.dropout(x, 0.2, False)
    d = F.linear(x, w)
    e = F.layer_norm(x, [3]) + F.normalize(x)
    f = F.embedding(idx, w)
    return a, b, c, d, e, f
""", [(T([[1., -2., 3.], [0.5, 0.25, -1.]]), T([[1., 0., 2.], [0., 1., -1.]]), T([1, 0]))]),
    ("functional_pool", """
def functional_pool(x, w, rm, rv):
    a = F.max_pool2d(x, 2)
    b = F.adaptive_avg_pool2d(x, 1)
    c = F.batch_norm(x, rm, rv)
    d = F.conv2d(x, w, padding=1)
    e = F.avg_pool2d(x, 2, stride=1)
    f = F.pad(x, [1, 1])
    return a, b, c, d, e, f
""", [(X4, torch.ones(2, 4, 3, 3) / 8, T([0., 1., 2., 3.]), T([1., 2., 3., 4.]))]),
]

CORPUS += [
    ("chained_compare", """
def chained_compare(a: int, b: int, c: bool):
    return a < b == c, a != b != c
""", [(1, 2, True), (2, 2, False)]),
    ("del_items", """
def del_items(xs: List[int], k: str):
    d = {"a": 1, "b": 2}
    del d[k]
    del xs[0], xs[-1]
    y = 3
    del y
    return xs, d
""", [([1, 2, 3, 4], "a")]),
    ("dict_comp", """
def dict_comp(n: int) -> Dict[int, int]:
    return {i: i * i for i in range(n)}
""", [(3,), (0,)]),
    ("dict_comp_str", """
def dict_comp_str(xs: List[str]):
    d = {s: len(s) for s in xs}
    return d
""", [(["a", "bcd"],)]),
]

# Bad programs and the error PyTorch reports for each.
ERRORS = [
    # bool is not an int, a float or a Scalar to schema matching (and an int is not a bool)
    ("bool_to_int_fn", """
def g(a: int) -> int:
    return a
def bool_to_int_fn(b: bool) -> int:
    return g(b)
"""),
    ("int_to_bool_fn", """
def g(a: bool) -> bool:
    return a
def int_to_bool_fn(b: int) -> bool:
    return g(b)
"""),
    ("bool_to_float_fn", """
def g(a: float) -> float:
    return a
def bool_to_float_fn(b: bool):
    return g(b)
"""),
    ("bool_ret", """
def bool_ret(b: bool) -> int:
    return b
"""),
    ("int_ret_bool", """
def int_ret_bool(b: int) -> bool:
    return b
"""),
    ("bool_range", """
def bool_range(b: bool):
    s = 0
    for i in range(b):
        s += i
    return s
"""),
    ("bool_select", """
def bool_select(x, b: bool):
    return x.select(0, b)
"""),
    ("bool_list", """
def bool_list(b: bool):
    l: List[int] = [b]
    return l
"""),
    ("enable_grad", """
def enable_grad(x):
    with torch.enable_grad():
        y = x * 2
    return y
"""),
    ("chained_compare_ints", """
def chained_compare_ints(a: int, b: int, c: int):
    return a < b < c
"""),
    ("undefined", """
def undefined(x):
    return y
"""),
    ("ret_mismatch", """
def ret_mismatch(x: int) -> str:
    return x
"""),
    ("arg_mismatch", """
def arg_mismatch(x):
    return torch.relu(x, x)
"""),
    ("break_outside", """
def break_outside(x):
    break
    return x
"""),
    ("var_type_change", """
def var_type_change(x: int):
    y = 1
    y = "s"
    return y
"""),
    ("if_only_one_branch", """
def if_only_one_branch(x: int):
    if x > 0:
        y = 1
    return y
"""),
]
