"""Reference cases for tjit's linear-algebra and neural-network ops (ops/linalg.hpp, ops/nn.hpp):
inputs, arguments and PyTorch 1.13's outputs (or its error message).

Run by the build (tests/tensor/BUILD) with /usr/bin/python3: make_nn_cases.py GROUP OUT
GROUP is linalg, conv or nn. A case holds: op (str), input tensors (x, w, b, ...), arguments,
and either `out` (plus `out2`, `rm_out`, `rv_out` where the op has more results) or `error`.
`<name>_t`=1 means that tensor was stored transposed (last two dims) and the test transposes it
back, giving a non-contiguous input.
"""

import sys

import torch
import torch.nn.functional as F

from refcases import Writer

torch.manual_seed(0)

F32, F64, F16, BF16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
I64, I32 = torch.int64, torch.int32


def rnd(shape, dtype=F32):
    if dtype.is_floating_point:
        return torch.randn(shape, dtype=torch.float64).to(dtype)
    return torch.randint(-5, 6, shape, dtype=torch.int64).to(dtype)


class Cases:
    def __init__(self, w):
        self.w = w

    def add(self, op, fn, noncontig=(), **fields):
        """fn(**fields) gives PyTorch's result; tensors named in noncontig are stored transposed."""
        stored = dict(fields)
        for k in noncontig:
            stored[k] = fields[k].transpose(-1, -2).contiguous()
            stored[k + "_t"] = 1
        try:
            r = fn(**{k: v.clone() if isinstance(v, torch.Tensor) else v for k, v in fields.items()})
        except Exception as e:  # noqa: BLE001 - PyTorch's message is the expected result
            self.w.case(op, op=op, error=str(e).split("\n")[0], **stored)
            return
        if isinstance(r, tuple):
            self.w.case(op, op=op, out=r[0], out2=r[1], **stored)
        else:
            self.w.case(op, op=op, out=r, **stored)


def linalg(c):
    for dt in (F32, F64, I64, I32, BF16):
        for m, k, n in ((3, 4, 5), (0, 3, 2), (2, 0, 3), (1, 1, 1), (17, 33, 9)):
            c.add("mm", lambda x, w: torch.mm(x, w), x=rnd((m, k), dt), w=rnd((k, n), dt))
        c.add("mm", lambda x, w: torch.mm(x, w), noncontig=("x", "w"), x=rnd((6, 7), dt), w=rnd((5, 6), dt).t())
        c.add("addmm", lambda b, x, w, beta, alpha: torch.addmm(b, x, w, beta=beta, alpha=alpha),
              b=rnd((5,), dt), x=rnd((3, 4), dt), w=rnd((4, 5), dt), beta=2, alpha=3)
        c.add("bmm", lambda x, w: torch.bmm(x, w), x=rnd((2, 3, 4), dt), w=rnd((2, 4, 5), dt))
        c.add("bmm", lambda x, w: torch.bmm(x, w), noncontig=("x",), x=rnd((3, 5, 4), dt), w=rnd((3, 5, 2), dt))
        c.add("mv", lambda x, w: torch.mv(x, w), x=rnd((3, 4), dt), w=rnd((4,), dt))
        c.add("dot", lambda x, w: torch.dot(x, w), x=rnd((7,), dt), w=rnd((7,), dt))
    for dt in (F32, F64):
        c.add("addmm", lambda b, x, w, beta, alpha: torch.addmm(b, x, w, beta=beta, alpha=alpha),
              b=rnd((3, 5), dt), x=rnd((3, 4), dt), w=rnd((4, 5), dt), beta=0.5, alpha=-1.5)
        c.add("addmm", lambda b, x, w, beta, alpha: torch.addmm(b, x, w, beta=beta, alpha=alpha),
              b=torch.full((3, 5), float("nan"), dtype=dt), x=rnd((3, 4), dt), w=rnd((4, 5), dt), beta=0.0, alpha=1.0)
        c.add("addmv", lambda b, x, w, beta, alpha: torch.addmv(b, x, w, beta=beta, alpha=alpha),
              b=rnd((3,), dt), x=rnd((3, 4), dt), w=rnd((4,), dt), beta=0.5, alpha=2.0)
        c.add("baddbmm", lambda b, x, w, beta, alpha: torch.baddbmm(b, x, w, beta=beta, alpha=alpha),
              b=rnd((2, 3, 5), dt), x=rnd((2, 3, 4), dt), w=rnd((2, 4, 5), dt), beta=0.5, alpha=2.0)
        c.add("outer", lambda x, w: torch.outer(x, w), x=rnd((3,), dt), w=rnd((4,), dt))
        for sa, sb in (((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (3,)),
                       ((5, 2, 3), (3, 4)), ((3,), (5, 3, 4)), ((2, 3), (5, 3, 4)), ((2, 1, 2, 3), (5, 3, 4)),
                       ((4, 2, 3), (4, 3, 2)), ((0, 2, 3), (3, 4)), ((2, 2, 3), (1, 3, 0)), ((6, 1, 4, 3), (2, 3, 5))):
            c.add("matmul", lambda x, w: torch.matmul(x, w), x=rnd(sa, dt), w=rnd(sb, dt))
        c.add("matmul", lambda x, w: torch.matmul(x, w), noncontig=("x", "w"), x=rnd((2, 3, 4), dt), w=rnd((4, 5), dt))
        for sx in ((3, 4), (4,), (2, 5, 4), (0, 4)):
            c.add("linear", lambda x, w, b: F.linear(x, w, b), x=rnd(sx, dt), w=rnd((6, 4), dt), b=rnd((6,), dt))
            c.add("linear_nobias", lambda x, w: F.linear(x, w), x=rnd(sx, dt), w=rnd((6, 4), dt))
        c.add("linear", lambda x, w, b: F.linear(x, w, b), noncontig=("w",), x=rnd((3, 4), dt), w=rnd((6, 4), dt), b=rnd((6,), dt))
    # errors
    c.add("mm", lambda x, w: torch.mm(x, w), x=rnd((2, 3)), w=rnd((4, 5)))
    c.add("mm", lambda x, w: torch.mm(x, w), x=rnd((2, 3)), w=rnd((3, 5), F64))
    c.add("mm", lambda x, w: torch.mm(x, w), x=rnd((3,)), w=rnd((3, 5)))
    c.add("bmm", lambda x, w: torch.bmm(x, w), x=rnd((2, 3, 4)), w=rnd((3, 4, 5)))
    c.add("bmm", lambda x, w: torch.bmm(x, w), x=rnd((3, 4)), w=rnd((3, 4, 5)))
    c.add("dot", lambda x, w: torch.dot(x, w), x=rnd((3,)), w=rnd((4,)))
    c.add("dot", lambda x, w: torch.dot(x, w), x=rnd((3, 1)), w=rnd((3,)))
    c.add("mv", lambda x, w: torch.mv(x, w), x=rnd((3, 4)), w=rnd((5,)))
    c.add("matmul", lambda x, w: torch.matmul(x, w), x=rnd(()), w=rnd((3,)))
    c.add("matmul", lambda x, w: torch.matmul(x, w), x=rnd((2, 3, 4)), w=rnd((3, 5, 6)))
    c.add("matmul", lambda x, w: torch.matmul(x, w), x=rnd((2, 3, 4)), w=rnd((5, 6)))
    c.add("linear", lambda x, w, b: F.linear(x, w, b), x=rnd((3, 5)), w=rnd((6, 4)), b=rnd((6,)))


def conv(c):
    C = "conv"
    for dt in (F32, F64, BF16):
        for n in (2, 1, 0):
            c.add("conv2d", lambda x, w, b, stride, padding, dilation, groups: F.conv2d(x, w, b, stride, padding, dilation, groups),
                  x=rnd((n, 3, 9, 8), dt), w=rnd((4, 3, 3, 3), dt), b=rnd((4,), dt), stride=[1], padding=[1], dilation=[1], groups=1)
    for dt in (F32, F64):
        for stride, padding, dilation, groups, cin, cout, k in (
                ([2], [0], [1], 1, 3, 5, (3, 3)), ([1, 2], [2, 1], [2, 1], 1, 4, 6, (3, 2)),
                ([1], [0], [1], 1, 8, 16, (1, 1)), ([2], [1], [1], 4, 8, 8, (3, 3)),
                ([1], [1], [1], 6, 6, 6, (3, 3)), ([1], [2], [2], 6, 6, 12, (5, 5)),
                ([3], [0], [1], 2, 4, 4, (2, 3))):
            c.add("conv2d", lambda x, w, b, stride, padding, dilation, groups: F.conv2d(x, w, b, stride, padding, dilation, groups),
                  x=rnd((2, cin, 11, 10), dt), w=rnd((cout, cin // groups) + k, dt), b=rnd((cout,), dt),
                  stride=stride, padding=padding, dilation=dilation, groups=groups)
        c.add("conv2d_nobias", lambda x, w, stride, padding, dilation, groups: F.conv2d(x, w, None, stride, padding, dilation, groups),
              noncontig=("x",), x=rnd((2, 3, 7, 9), dt), w=rnd((4, 3, 3, 3), dt), stride=[1], padding=[0], dilation=[1], groups=1)
        c.add("conv2d", lambda x, w, b, stride, padding, dilation, groups: F.conv2d(x, w, b, stride, padding, dilation, groups),
              x=rnd((3, 7, 6), dt), w=rnd((2, 3, 3, 3), dt), b=rnd((2,), dt), stride=[1], padding=[1], dilation=[1], groups=1)
        for padding in ("same", "valid"):
            for k, d in (((3, 4), [1]), ((2, 5), [2, 1]), ((1, 1), [1])):
                c.add("conv2d_str", lambda x, w, b, padding, dilation: F.conv2d(x, w, b, 1, padding, dilation),
                      x=rnd((2, 3, 8, 9), dt), w=rnd((4, 3) + k, dt), b=rnd((4,), dt), padding=padding, dilation=d)
            c.add("conv1d_str", lambda x, w, b, padding, dilation: F.conv1d(x, w, b, 1, padding, dilation),
                  x=rnd((2, 3, 9), dt), w=rnd((4, 3, 4), dt), b=rnd((4,), dt), padding=padding, dilation=[1])
            c.add("conv3d_str", lambda x, w, b, padding, dilation: F.conv3d(x, w, b, 1, padding, dilation),
                  x=rnd((1, 2, 5, 6, 4), dt), w=rnd((3, 2, 2, 3, 2), dt), b=rnd((3,), dt), padding=padding, dilation=[1])
        for stride, padding, dilation, groups in (([1], [0], [1], 1), ([2], [1], [2], 2), ([3], [2], [1], 1)):
            c.add("conv1d", lambda x, w, b, stride, padding, dilation, groups: F.conv1d(x, w, b, stride, padding, dilation, groups),
                  x=rnd((2, 4, 13), dt), w=rnd((6, 4 // groups, 3), dt), b=rnd((6,), dt),
                  stride=stride, padding=padding, dilation=dilation, groups=groups)
        c.add("conv1d", lambda x, w, b, stride, padding, dilation, groups: F.conv1d(x, w, b, stride, padding, dilation, groups),
              x=rnd((4, 13), dt), w=rnd((6, 4, 3), dt), b=rnd((6,), dt), stride=[1], padding=[0], dilation=[1], groups=1)
        c.add("conv3d", lambda x, w, b, stride, padding, dilation, groups: F.conv3d(x, w, b, stride, padding, dilation, groups),
              x=rnd((2, 4, 5, 6, 7), dt), w=rnd((6, 2, 2, 3, 2), dt), b=rnd((6,), dt),
              stride=[1, 2, 1], padding=[1, 0, 1], dilation=[1], groups=2)
        for stride, padding, opad, groups, dilation in (([1], [0], [0], 1, [1]), ([2], [1], [1], 1, [1]),
                                                       ([2, 3], [0, 1], [1, 2], 2, [1]), ([1], [1], [0], 1, [2])):
            c.add("conv_transpose2d", lambda x, w, b, stride, padding, output_padding, groups, dilation:
                  F.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation),
                  x=rnd((2, 4, 5, 6), dt), w=rnd((4, 6 // groups, 3, 3), dt), b=rnd((6,), dt),
                  stride=stride, padding=padding, output_padding=opad, groups=groups, dilation=dilation)
        c.add("conv_transpose1d", lambda x, w, b, stride, padding, output_padding, groups, dilation:
              F.conv_transpose1d(x, w, b, stride, padding, output_padding, groups, dilation),
              x=rnd((2, 3, 7), dt), w=rnd((3, 5, 4), dt), b=rnd((5,), dt), stride=[2], padding=[1], output_padding=[1], groups=1, dilation=[1])
        c.add("conv_transpose3d", lambda x, w, b, stride, padding, output_padding, groups, dilation:
              F.conv_transpose3d(x, w, b, stride, padding, output_padding, groups, dilation),
              x=rnd((1, 2, 3, 4, 3), dt), w=rnd((2, 3, 2, 2, 3), dt), b=rnd((3,), dt), stride=[2, 1, 1], padding=[0], output_padding=[1, 0, 0], groups=1, dilation=[1])
        for transposed in (False, True):
            w = rnd((4, 3, 3, 3), dt) if not transposed else rnd((4, 3, 3, 3), dt)
            c.add("_convolution", lambda x, w, b, stride, padding, dilation, transposed, output_padding, groups:
                  torch._convolution(x, w, b, stride, padding, dilation, transposed, output_padding, groups, False, False, True, True),
                  x=rnd((2, 4 if transposed else 3, 6, 5), dt), w=w, b=rnd((3 if transposed else 4,), dt), stride=[2, 1],
                  padding=[1, 0], dilation=[1, 1], transposed=transposed, output_padding=[1, 0] if transposed else [0, 0], groups=1)
    # errors
    conv2d = lambda x, w, b, stride, padding, dilation, groups: F.conv2d(x, w, b, stride, padding, dilation, groups)
    args = dict(stride=[1], padding=[0], dilation=[1], groups=1)
    c.add("conv2d", conv2d, x=rnd((3,)), w=rnd((4, 3, 3, 3)), b=rnd((4,)), **args)
    c.add("conv2d", conv2d, x=rnd((1, 2, 5, 5)), w=rnd((4, 3, 3, 3)), b=rnd((4,)), **args)
    c.add("conv2d", conv2d, x=rnd((1, 3, 2, 2)), w=rnd((4, 3, 3, 3)), b=rnd((4,)), **args)
    c.add("conv2d", conv2d, x=rnd((1, 3, 5, 5)), w=rnd((4, 3, 3, 3)), b=rnd((5,)), **args)
    c.add("conv2d", conv2d, x=rnd((1, 3, 5, 5)), w=rnd((4, 3, 3, 3)), b=rnd((4,)), stride=[0], padding=[0], dilation=[1], groups=1)
    c.add("conv2d", conv2d, x=rnd((1, 3, 5, 5)), w=rnd((4, 3, 3, 3)), b=rnd((4,)), stride=[1], padding=[-1], dilation=[1], groups=1)
    c.add("conv2d", conv2d, x=rnd((1, 4, 5, 5)), w=rnd((3, 2, 3, 3)), b=rnd((3,)), stride=[1], padding=[0], dilation=[1], groups=2)
    c.add("conv2d", conv2d, x=rnd((1, 3, 5, 5), F64), w=rnd((4, 3, 3, 3)), b=rnd((4,)), **args)
    c.add("conv2d_str", lambda x, w, b, padding, dilation: F.conv2d(x, w, b, 2, padding, dilation),
          x=rnd((1, 3, 5, 5)), w=rnd((4, 3, 3, 3)), b=rnd((4,)), padding="same", dilation=[1])
    c.add("conv2d_str", lambda x, w, b, padding, dilation: F.conv2d(x, w, b, 1, padding, dilation),
          x=rnd((1, 3, 5, 5)), w=rnd((4, 3, 3, 3)), b=rnd((4,)), padding="full", dilation=[1])
    c.add("conv_transpose2d", lambda x, w, b, stride, padding, output_padding, groups, dilation:
          F.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation),
          x=rnd((2, 4, 5, 6)), w=rnd((4, 6, 3, 3)), b=rnd((6,)), stride=[1], padding=[0], output_padding=[1], groups=1, dilation=[1])


def nn(c):
    for dt in (F32, F64, BF16):
        for n in (2, 0):
            x = rnd((n, 3, 9, 8), dt)
            c.add("max_pool2d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
                  F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode), x=x, kernel_size=[3], stride=[2], padding=[1], dilation=[1], ceil_mode=False)
            c.add("avg_pool2d", lambda x, kernel_size, stride, padding, ceil_mode, count_include_pad:
                  F.avg_pool2d(x, kernel_size, stride, padding, ceil_mode, count_include_pad), x=x, kernel_size=[3], stride=[2], padding=[1], ceil_mode=False, count_include_pad=True)
            c.add("adaptive_avg_pool2d", lambda x, output_size: F.adaptive_avg_pool2d(x, output_size), x=x, output_size=[4, 3])
            c.add("softmax", lambda x, dim: F.softmax(x, dim), x=x, dim=1)
            c.add("log_softmax", lambda x, dim: F.log_softmax(x, dim), x=x, dim=-1)
            c.add("layer_norm", lambda x, normalized_shape, w, b: F.layer_norm(x, normalized_shape, w, b, 1e-5),
                  x=x, normalized_shape=[9, 8], w=rnd((9, 8), dt), b=rnd((9, 8), dt))
            if n:
                c.add("group_norm", lambda x, num_groups, w, b: F.group_norm(x, num_groups, w, b, 1e-5),
                      x=rnd((n, 6, 5, 4), dt), num_groups=3, w=rnd((6,), dt), b=rnd((6,), dt))
    for dt in (F32, F64):
        for ks, st, pd, dl, cm in (([2], [], [0], [1], False), ([3, 2], [2, 1], [1, 0], [1], True),
                                   ([3], [2], [1], [2], False), ([2], [3], [0], [1], True), ([3], [1], [1], [1], False)):
            x = rnd((2, 3, 10, 9), dt)
            x[0, 0, 0, 1] = float("nan")
            c.add("max_pool2d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
                  F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode), x=x, kernel_size=ks, stride=st, padding=pd, dilation=dl, ceil_mode=cm)
            c.add("max_pool2d_with_indices", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
                  F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode, return_indices=True), x=x, kernel_size=ks, stride=st, padding=pd, dilation=dl, ceil_mode=cm)
            c.add("max_pool1d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
                  F.max_pool1d(x, kernel_size, stride, padding, dilation, ceil_mode), x=x[0], kernel_size=ks[:1], stride=st[:1], padding=pd[:1], dilation=dl, ceil_mode=cm)
            c.add("max_pool1d_with_indices", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
                  F.max_pool1d(x, kernel_size, stride, padding, dilation, ceil_mode, return_indices=True), x=x[0], kernel_size=ks[:1], stride=st[:1], padding=pd[:1], dilation=dl, ceil_mode=cm)
        for ks, st, pd, cm, cip, dov in (([2], [], [0], False, True, None), ([3, 2], [2, 1], [1, 0], True, False, None),
                                         ([3], [2], [1], True, True, None), ([3], [2], [1], False, True, 5)):
            x = rnd((2, 3, 10, 9), dt)
            c.add("avg_pool2d", lambda x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override:
                  F.avg_pool2d(x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override),
                  noncontig=("x",), x=x, kernel_size=ks, stride=st, padding=pd, ceil_mode=cm, count_include_pad=cip, divisor_override=dov)
            c.add("avg_pool1d", lambda x, kernel_size, stride, padding, ceil_mode, count_include_pad:
                  F.avg_pool1d(x, kernel_size, stride, padding, ceil_mode, count_include_pad),
                  x=x[0], kernel_size=ks[:1], stride=st[:1], padding=pd[:1], ceil_mode=cm, count_include_pad=cip)
        for osz in ([1], [3, 5], [7, 2], [10, 9]):
            x = rnd((2, 3, 10, 9), dt)
            c.add("adaptive_avg_pool2d", lambda x, output_size: F.adaptive_avg_pool2d(x, output_size), x=x, output_size=osz)
            c.add("adaptive_max_pool2d", lambda x, output_size: F.adaptive_max_pool2d(x, output_size, True), x=x, output_size=osz)
            c.add("adaptive_avg_pool1d", lambda x, output_size: F.adaptive_avg_pool1d(x, output_size), x=x[0], output_size=osz[:1])
            c.add("adaptive_max_pool1d", lambda x, output_size: F.adaptive_max_pool1d(x, output_size, True), x=x[0], output_size=osz[:1])
        # batch_norm, eval and training (running stats updated in place)
        for shape in ((4, 3), (2, 3, 5), (2, 3, 4, 5)):
            x = rnd(shape, dt)
            for training in (False, True):
                rm, rv = rnd((3,), dt), rnd((3,), dt).abs() + 0.5
                rm2, rv2 = rm.clone(), rv.clone()
                out = F.batch_norm(x, rm2, rv2, rnd((3,), dt), rnd((3,), dt), training, 0.2, 1e-4)
                torch.manual_seed(1)
                wt, bs = rnd((3,), dt), rnd((3,), dt)
                rm2, rv2 = rm.clone(), rv.clone()
                out = F.batch_norm(x, rm2, rv2, wt, bs, training, 0.2, 1e-4)
                c.w.case("batch_norm", op="batch_norm", x=x, rm=rm, rv=rv, w=wt, b=bs, training=training,
                         momentum=0.2, eps=1e-4, out=out, rm_out=rm2, rv_out=rv2)
        c.add("batch_norm_nostats", lambda x: F.batch_norm(x, None, None, None, None, True, 0.1, 1e-5), x=rnd((4, 3, 2), dt))
        c.add("batch_norm_nostats", lambda x: F.batch_norm(x, None, None, None, None, True, 0.1, 1e-5), x=rnd((1, 3), dt))
        x = rnd((2, 3, 4, 5), dt)
        rm, rv = rnd((3,), dt), rnd((3,), dt).abs() + 0.5
        rm2, rv2 = rm.clone(), rv.clone()
        out = F.instance_norm(x, rm2, rv2, rnd((3,), dt), None, True, 0.3, 1e-5)
        c.add("instance_norm", lambda x, w: F.instance_norm(x, None, None, w, None, True, 0.1, 1e-5), x=x, w=rnd((3,), dt))
        for shape, ns in (((2, 3, 4), [4]), ((5, 6), [5, 6]), ((3,), [3])):
            c.add("layer_norm", lambda x, normalized_shape, w, b: F.layer_norm(x, normalized_shape, w, b, 1e-5),
                  x=rnd(shape, dt), normalized_shape=ns, w=rnd(ns, dt), b=rnd(ns, dt))
            c.add("layer_norm_noaffine", lambda x, normalized_shape: F.layer_norm(x, normalized_shape), x=rnd(shape, dt), normalized_shape=ns)
        c.add("layer_norm_noaffine", lambda x, normalized_shape: F.layer_norm(x, normalized_shape), noncontig=("x",), x=rnd((5, 6), dt), normalized_shape=[5])
        for g in (1, 2, 6):
            c.add("group_norm", lambda x, num_groups, w, b: F.group_norm(x, num_groups, w, b, 1e-5),
                  x=rnd((2, 6, 3, 3), dt), num_groups=g, w=rnd((6,), dt), b=rnd((6,), dt))
        for shape, dim in (((3, 4, 5), 0), ((3, 4, 5), 1), ((3, 4, 5), 2), ((), 0), ((0, 3), 1), ((7,), -1)):
            x = rnd(shape, dt) * 5
            c.add("softmax", lambda x, dim: F.softmax(x, dim), x=x, dim=dim)
            c.add("log_softmax", lambda x, dim: F.log_softmax(x, dim), x=x, dim=dim)
        c.add("softmax", lambda x, dim: F.softmax(x, dim), noncontig=("x",), x=rnd((4, 5), dt), dim=1)
        c.add("softmax_f64", lambda x, dim: F.softmax(x, dim, dtype=torch.float64), x=rnd((4, 5), dt), dim=1)
        c.add("dropout_eval", lambda x: F.dropout(x, 0.5, False), x=rnd((3, 4), dt))
        # interpolate
        for mode, ac, shape in (("nearest", None, (2, 3, 5, 4)), ("nearest-exact", None, (2, 3, 5, 4)),
                                ("bilinear", False, (2, 3, 5, 4)), ("bilinear", True, (2, 3, 5, 4)),
                                ("bicubic", False, (2, 3, 5, 4)), ("bicubic", True, (2, 3, 5, 4)),
                                ("nearest", None, (2, 3, 7)), ("linear", False, (2, 3, 7)), ("linear", True, (2, 3, 7))):
            x = rnd(shape, dt)
            nd = len(shape) - 2
            for size in ([9, 3][:nd], [2, 11][:nd]):
                c.add("interpolate_size", lambda x, size, mode, align_corners: F.interpolate(x, size, None, mode, align_corners),
                      x=x, size=size, mode=mode, align_corners=ac)
            for sf, rsf in (([2.0], None), ([1.7, 0.6][:nd], None), ([1.7, 0.6][:nd], True), ([0.5], False)):
                c.add("interpolate_scale", lambda x, scale_factor, mode, align_corners, recompute_scale_factor:
                      F.interpolate(x, None, scale_factor if len(scale_factor) > 1 else scale_factor[0], mode, align_corners, rsf),
                      x=x, scale_factor=sf, mode=mode, align_corners=ac, recompute_scale_factor=rsf)
        # pad
        for mode in ("constant", "reflect", "replicate", "circular"):
            for shape, p in (((2, 5), [1, 2]), ((2, 3, 5), [2, 1]), ((2, 3, 4, 5), [1, 2, 2, 1]),
                             ((1, 2, 3, 4, 5), [1, 1, 0, 2, 2, 0]), ((2, 3, 4, 5), [-1, 2, 1, -1])):
                c.add("pad", lambda x, pad, mode: F.pad(x, pad, mode), x=rnd(shape, dt), pad=p, mode=mode)
        c.add("pad_value", lambda x, pad: F.pad(x, pad, "constant", 2.5), x=rnd((2, 3), dt), pad=[1, 1, 2, 0])
        c.add("prelu", lambda x, w: F.prelu(x, w), x=rnd((2, 3, 4), dt), w=rnd((3,), dt))
        c.add("prelu", lambda x, w: F.prelu(x, w), x=rnd((2, 3, 4), dt), w=rnd((1,), dt))
        c.add("pixel_shuffle", lambda x: F.pixel_shuffle(x, 2), x=rnd((2, 8, 3, 2), dt))
        c.add("pixel_unshuffle", lambda x: F.pixel_unshuffle(x, 2), x=rnd((2, 2, 4, 6), dt))
        c.add("channel_shuffle", lambda x: F.channel_shuffle(x, 2), x=rnd((2, 6, 3, 2), dt))
    # 3-d pooling and 5-d interpolation
    for dt in (F32, F64):
        for ks, st, pd, dl, cm in (([2], [], [0], [1], False), ([3, 2, 2], [2, 1, 2], [1, 0, 1], [1], True),
                                   ([3], [2], [1], [2, 1, 1], False), ([2], [3], [0], [1], True)):
            for shape in ((2, 3, 7, 6, 5), (3, 6, 7, 5)):
                x = rnd(shape, dt)
                x.view(-1)[1] = float("nan")
                c.add("max_pool3d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
                      F.max_pool3d(x, kernel_size, stride, padding, dilation, ceil_mode), x=x, kernel_size=ks, stride=st, padding=pd, dilation=dl, ceil_mode=cm)
                c.add("max_pool3d_with_indices", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
                      F.max_pool3d(x, kernel_size, stride, padding, dilation, ceil_mode, return_indices=True), x=x, kernel_size=ks, stride=st, padding=pd, dilation=dl, ceil_mode=cm)
        for ks, st, pd, cm, cip, dov in (([2], [], [0], False, True, None), ([3, 2, 2], [2, 1, 2], [1, 0, 1], True, False, None),
                                         ([3], [2], [1], True, True, None), ([3], [2], [1], False, True, 5)):
            c.add("avg_pool3d", lambda x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override:
                  F.avg_pool3d(x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override),
                  noncontig=("x",), x=rnd((2, 3, 7, 6, 5), dt), kernel_size=ks, stride=st, padding=pd, ceil_mode=cm, count_include_pad=cip, divisor_override=dov)
        for osz in ([1], [3, 5, 2], [7, 2, 4], [7, 6, 5]):
            x = rnd((2, 3, 7, 6, 5), dt)
            c.add("adaptive_avg_pool3d", lambda x, output_size: F.adaptive_avg_pool3d(x, output_size), x=x, output_size=osz)
            c.add("adaptive_max_pool3d", lambda x, output_size: F.adaptive_max_pool3d(x, output_size, True), x=x, output_size=osz)
            c.add("adaptive_avg_pool3d", lambda x, output_size: F.adaptive_avg_pool3d(x, output_size), x=x[0], output_size=osz)
        for mode, ac in (("nearest", None), ("nearest-exact", None), ("trilinear", False), ("trilinear", True)):
            x = rnd((2, 3, 4, 5, 3), dt)
            for size in ([7, 3, 6], [2, 9, 3]):
                c.add("interpolate_size", lambda x, size, mode, align_corners: F.interpolate(x, size, None, mode, align_corners),
                      x=x, size=size, mode=mode, align_corners=ac)
            for sf, rsf in (([2.0], None), ([1.7, 0.6, 2.5], None), ([1.7, 0.6, 2.5], True)):
                c.add("interpolate_scale", lambda x, scale_factor, mode, align_corners, recompute_scale_factor:
                      F.interpolate(x, None, scale_factor if len(scale_factor) > 1 else scale_factor[0], mode, align_corners, rsf),
                      x=x, scale_factor=sf, mode=mode, align_corners=ac, recompute_scale_factor=rsf)
    c.add("max_pool3d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
          F.max_pool3d(x, kernel_size, stride, padding, dilation, ceil_mode), x=rnd((2, 3, 4)), kernel_size=[2], stride=[], padding=[0], dilation=[1], ceil_mode=False)
    c.add("max_pool3d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
          F.max_pool3d(x, kernel_size, stride, padding, dilation, ceil_mode), x=rnd((1, 2, 3, 3, 3)), kernel_size=[2], stride=[], padding=[2], dilation=[1], ceil_mode=False)
    c.add("avg_pool3d", lambda x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override:
          F.avg_pool3d(x, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override),
          x=rnd((1, 2, 3, 3, 3)), kernel_size=[5], stride=[], padding=[0], ceil_mode=False, count_include_pad=True, divisor_override=None)
    c.add("interpolate_size", lambda x, size, mode, align_corners: F.interpolate(x, size, None, mode, align_corners),
          x=rnd((1, 2, 3, 4)), size=[2, 2], mode="trilinear", align_corners=False)
    c.add("pad", lambda x, pad, mode: F.pad(x, pad, mode), x=rnd((2, 5, 3), I64), pad=[1, 2], mode="constant")
    c.add("embedding", lambda x, w: F.embedding(x, w), x=torch.tensor([[0, 2], [4, 1]]), w=rnd((5, 3)))
    c.add("embedding", lambda x, w: F.embedding(x, w), x=torch.tensor([5]), w=rnd((5, 3)))
    # errors
    c.add("max_pool2d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
          F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode), x=rnd((3,)), kernel_size=[2], stride=[], padding=[0], dilation=[1], ceil_mode=False)
    c.add("max_pool2d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
          F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode), x=rnd((1, 2, 3, 3)), kernel_size=[2], stride=[], padding=[2], dilation=[1], ceil_mode=False)
    c.add("max_pool2d", lambda x, kernel_size, stride, padding, dilation, ceil_mode:
          F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode), x=rnd((1, 2, 3, 3)), kernel_size=[5], stride=[], padding=[0], dilation=[1], ceil_mode=False)
    c.add("layer_norm", lambda x, normalized_shape, w, b: F.layer_norm(x, normalized_shape, w, b, 1e-5),
          x=rnd((2, 3)), normalized_shape=[4], w=rnd((4,)), b=rnd((4,)))
    c.add("group_norm", lambda x, num_groups, w, b: F.group_norm(x, num_groups, w, b, 1e-5),
          x=rnd((2, 6, 3)), num_groups=4, w=rnd((6,)), b=rnd((6,)))
    c.add("softmax", lambda x, dim: F.softmax(x, dim), x=rnd((3, 4)), dim=2)
    c.add("pad", lambda x, pad, mode: F.pad(x, pad, mode), x=rnd((2, 3, 4)), pad=[4, 1], mode="reflect")
    c.add("interpolate_size", lambda x, size, mode, align_corners: F.interpolate(x, size, None, mode, align_corners),
          x=rnd((1, 2, 3, 4)), size=[2, 2], mode="nearest", align_corners=True)
    c.add("interpolate_size", lambda x, size, mode, align_corners: F.interpolate(x, size, None, mode, align_corners),
          x=rnd((1, 2, 3)), size=[2], mode="bilinear", align_corners=False)
    c.add("batch_norm_nostats", lambda x: F.batch_norm(x, None, None, None, None, True, 0.1, 1e-5), x=rnd((1, 3, 1)))
    c.add("dropout_eval", lambda x: F.dropout(x, 1.5, False), x=rnd((3, 4)))


def rnn(c):
    """nn.LSTM / GRU / RNN in eval mode, through their modules (so unbatched input, hx given or
    zero, packed sequences and proj_size take the module's path), stored as the aten op's
    arguments: x, hx (list), params (the module's _flat_weights)."""
    import torch.nn as tnn
    from torch.nn.utils.rnn import pack_padded_sequence

    def store(op, m, x, hx, out, hn, batch_sizes=None):
        fields = dict(op=op, x=x, hx=hx, params=list(m._flat_weights), has_biases=m.bias,
                      num_layers=m.num_layers, dropout=float(m.dropout), bidirectional=m.bidirectional,
                      batch_first=m.batch_first, out=out)
        if batch_sizes is not None:
            fields["batch_sizes"] = batch_sizes
        if isinstance(hn, tuple):
            fields.update(out2=hn[0], out3=hn[1])
        else:
            fields.update(out2=hn)
        c.w.case(op, **fields)

    def zeros_hx(m, batch, lstm):
        d = (2 if m.bidirectional else 1) * m.num_layers
        h_size = m.proj_size if lstm and m.proj_size else m.hidden_size
        shape = (d, batch, h_size) if batch is not None else (d, h_size)
        h = rnd(shape, m.weight_ih_l0.dtype)
        if lstm:
            return [h, rnd(shape[:-1] + (m.hidden_size,), m.weight_ih_l0.dtype)]
        return [h]

    configs = []
    for dt in (F32, F64):
        for layers, bidir, bf, bias in ((1, False, False, True), (2, True, False, True), (3, False, True, False),
                                        (2, True, True, True), (1, True, False, False)):
            configs.append((dt, layers, bidir, bf, bias))
    for kind in ("lstm", "gru", "rnn_tanh", "rnn_relu"):
        for dt, layers, bidir, bf, bias in configs:
            for proj in ((0, 2) if kind == "lstm" else (0,)):
                kw = dict(num_layers=layers, bidirectional=bidir, batch_first=bf, bias=bias, dropout=0.25 if layers > 1 else 0.0)
                if kind == "lstm":
                    m = tnn.LSTM(3, 4, proj_size=proj, **kw)
                elif kind == "gru":
                    m = tnn.GRU(3, 4, **kw)
                else:
                    m = tnn.RNN(3, 4, nonlinearity=kind[4:], **kw)
                m = m.to(dt).eval()
                lstm = kind == "lstm"
                with torch.no_grad():
                    for batched in (True, False):
                        T, B = 5, 2
                        x = rnd(((B, T, 3) if bf else (T, B, 3)) if batched else (T, 3), dt)
                        hx = zeros_hx(m, B if batched else None, lstm)
                        out, hn = m(x, tuple(hx) if lstm else hx[0])
                        store(kind, m, x, hx, out, hn)
                    # packed: lengths 5, 3, 3, 1 (sorted)
                    lengths = [5, 3, 3, 1]
                    x = rnd((5, 4, 3), dt)
                    packed = pack_padded_sequence(x, lengths)
                    hx = zeros_hx(m, 4, lstm)
                    out, hn = m(packed, tuple(hx) if lstm else hx[0])
                    store(kind + "_packed", m, packed.data, hx, out.data, hn, packed.batch_sizes)
    # cells
    for dt in (F32, F64):
        for bias in (True, False):
            for kind, mod in (("lstm_cell", tnn.LSTMCell), ("gru_cell", tnn.GRUCell), ("rnn_tanh_cell", tnn.RNNCell),
                              ("rnn_relu_cell", tnn.RNNCell)):
                kw = dict(nonlinearity="relu") if kind == "rnn_relu_cell" else {}
                m = mod(3, 5, bias=bias, **kw).to(dt)
                for shape in ((4, 3), (3,)):
                    x = rnd(shape, dt)
                    hs = shape[:-1] + (5,)
                    hx = [rnd(hs, dt), rnd(hs, dt)] if kind == "lstm_cell" else [rnd(hs, dt)]
                    with torch.no_grad():
                        r = m(x, tuple(hx) if kind == "lstm_cell" else hx[0])
                    fields = dict(op=kind, x=x, hx=hx, w_ih=m.weight_ih, w_hh=m.weight_hh, b_ih=m.bias_ih, b_hh=m.bias_hh)
                    if isinstance(r, tuple):
                        fields.update(out=r[0], out2=r[1])
                    else:
                        fields.update(out=r)
                    c.w.case(kind, **fields)
    # errors
    m = tnn.LSTM(3, 4, num_layers=2)
    def err(op, fn, **fields):
        try:
            fn()
            raise SystemExit("expected an error for " + op)
        except Exception as e:  # noqa: BLE001
            c.w.case(op, op=op, error=str(e).split("\n")[0], params=list(m._flat_weights), has_biases=True,
                     num_layers=2, dropout=0.0, bidirectional=False, batch_first=False, **fields)
    x, h, cc = rnd((5, 2, 3)), rnd((2, 2, 4)), rnd((2, 2, 4))
    err("lstm", lambda: m(rnd((5, 2, 3, 1)), (h, cc)), x=rnd((5, 2, 3, 1)), hx=[h, cc])
    err("lstm", lambda: m(x, (rnd((2, 4)), cc)), x=x, hx=[rnd((2, 4)), cc])
    err("lstm", lambda: m(x, (rnd((1, 2, 4)), cc)), x=x, hx=[rnd((1, 2, 4)), cc])
    err("lstm", lambda: m(x, (rnd((2, 3, 4)), rnd((2, 3, 4)))), x=x, hx=[rnd((2, 3, 4)), rnd((2, 3, 4))])
    err("lstm", lambda: torch.lstm(rnd((5, 2, 2)), (h, cc), m._flat_weights, True, 2, 0.0, False, False, False),
        x=rnd((5, 2, 2)), hx=[h, cc])
    err("lstm", lambda: torch.lstm(x, (h, cc), m._flat_weights[:-1], True, 2, 0.0, False, False, False), x=x, hx=[h, cc], drop_last_param=True)
    err("lstm", lambda: torch.lstm(rnd((0, 2, 3)), (h, cc), m._flat_weights, True, 2, 0.0, False, False, False),
        x=rnd((0, 2, 3)), hx=[h, cc])
    cm = tnn.LSTMCell(3, 5)
    for xx, hh in ((rnd((4, 2)), rnd((4, 5))), (rnd((4, 3)), rnd((3, 5))), (rnd((4, 3)), rnd((4, 6)))):
        try:
            torch.lstm_cell(xx, (hh, hh), cm.weight_ih, cm.weight_hh, cm.bias_ih, cm.bias_hh)
            raise SystemExit("expected an error")
        except RuntimeError as e:
            c.w.case("lstm_cell", op="lstm_cell", x=xx, hx=[hh, hh], w_ih=cm.weight_ih, w_hh=cm.weight_hh,
                     b_ih=cm.bias_ih, b_hh=cm.bias_hh, error=str(e).split("\n")[0])


def attention(c):
    """nn.MultiheadAttention in eval mode (its fast path or F.multi_head_attention_forward, as the
    module picks), _native_multi_head_attention, _masked_softmax, _transform_bias_rescale_qkv and
    _scaled_dot_product_attention."""
    import torch.nn as tnn

    E, H = 8, 2
    for dt in (F32, F64):
        for bf in (False, True):
            for variant in ("self", "cross", "kv", "bias_kv", "zero_attn", "nobias", "kdim", "unbatched"):
                kw = dict(batch_first=bf, dropout=0.0 if bf else 0.1)  # dropout 0: the fast path
                if variant == "bias_kv":
                    kw["add_bias_kv"] = True
                if variant == "zero_attn":
                    kw["add_zero_attn"] = True
                if variant == "nobias":
                    kw["bias"] = False
                if variant == "kdim":
                    kw.update(kdim=5, vdim=3)
                m = tnn.MultiheadAttention(E, H, **kw).to(dt).eval()
                L, S, N = 4, 6 if variant not in ("self",) else 4, 3
                batched = variant != "unbatched"
                def shp(n, e):
                    if not batched:
                        return (n, e)
                    return (N, n, e) if bf else (n, N, e)
                q = rnd(shp(L, E), dt)
                if variant == "self":
                    k = v = q
                elif variant == "kv" or variant == "unbatched":
                    k = v = rnd(shp(S, E), dt)
                else:
                    k, v = rnd(shp(S, kw.get("kdim", E)), dt), rnd(shp(S, kw.get("vdim", E)), dt)
                src = k.shape[-2] if not batched else (k.shape[1] if bf else k.shape[0])
                masks = [(None, None), (torch.rand(L, src) > 0.7, None), (rnd((L, src), dt), None),
                         (None, torch.tensor([[False] * (src - 1) + [True]] * N) if batched else torch.tensor([False] * (src - 1) + [True]))]
                if batched:
                    masks.append((torch.rand(N * H, L, src) > 0.7, torch.rand(N, src) > 0.8))
                    masks.append((None, rnd((N, src), dt)))
                for am, kpm in masks:
                    if am is not None and am.dtype == torch.bool:
                        am[:, 0] = False  # no row masked entirely
                    if kpm is not None and kpm.dtype == torch.bool:
                        kpm[..., 0] = False
                    for nw, avg in ((True, True), (True, False), (False, True)):
                        with torch.no_grad():
                            out, w = m(q, k, v, key_padding_mask=kpm, need_weights=nw, attn_mask=am, average_attn_weights=avg)
                        fast = (batched and q is k and k is v and bf and not m.add_zero_attn and m.bias_k is None
                                and m._qkv_same_embed_dim and am is None and H % 2 == 0 and m.dropout == 0)
                        fields = dict(op="mha", fast=fast, x=q, k=k, v=v, self_attn=q is k, kv_same=k is v,
                                      num_heads=H, in_proj_weight=m.in_proj_weight, in_proj_bias=m.in_proj_bias,
                                      q_proj_weight=m.q_proj_weight, k_proj_weight=m.k_proj_weight, v_proj_weight=m.v_proj_weight,
                                      bias_k=m.bias_k, bias_v=m.bias_v, add_zero_attn=m.add_zero_attn,
                                      out_w=m.out_proj.weight, out_b=m.out_proj.bias, batch_first=bf,
                                      attn_mask=am, key_padding_mask=kpm, need_weights=nw, average=avg, out=out)
                        if w is not None:
                            fields["out2"] = w
                        c.w.case("mha", **fields)
    # _native_multi_head_attention directly
    B, T = 2, 3
    for dt in (F32, F64):
        x = rnd((B, T, E), dt)
        y = rnd((B, T, E), dt)
        W, b, pw, pb = rnd((3 * E, E), dt), rnd((3 * E,), dt), rnd((E, E), dt), rnd((E,), dt)
        kpm = torch.tensor([[False, False, True], [False, True, True]])
        full = torch.rand(B, H, T, T) > 0.6
        full[..., 0] = False
        for mask, mt, kv in ((None, None, "self"), (kpm, 1, "self"), (kpm, 2, "self"), (full, 2, "self"), (full, 1, "self"),
                             (None, None, "kv"), (None, None, "cross"), (kpm.float(), 1, "self"),
                             (torch.tensor([[False, False, True], [True, True, True]]), 1, "self"),
                             (None, None, "empty")):
            for nw, avg in ((True, True), (True, False), (False, True)):
                if dt == F64 and kv == "empty":
                    continue
                q = x if kv != "empty" else rnd((B, 0, E), dt)
                k = q if kv in ("self", "empty") else y
                v = k if kv != "cross" else rnd((B, T, E), dt)
                c.add("native_mha", lambda x, k, v, w, b, pw, pb, mask, mask_type, need_weights, average, kv:
                      torch._native_multi_head_attention(x, k, v, E, H, w, b, pw, pb, mask, need_weights, average, mask_type),
                      x=q, k=k, v=v, w=W, b=b, pw=pw, pb=pb, mask=mask, mask_type=mt, need_weights=nw, average=avg, kv=kv)
    # errors
    x = rnd((B, T, E))
    W, b, pw, pb = rnd((3 * E, E)), rnd((3 * E,)), rnd((E, E)), rnd((E,))
    for mask, mt, nh, ww in ((None, None, 3, W), (torch.rand(T, T) > 0.5, 1, H, W), (kpm, None, H, W), (kpm, 0, H, W),
                             (None, None, H, rnd((3 * E, E + 1)))):
        c.add("native_mha", lambda x, k, v, w, b, pw, pb, mask, mask_type, need_weights, average, num_heads, kv:
              torch._native_multi_head_attention(x, k, v, E, num_heads, w, b, pw, pb, mask, need_weights, average, mask_type),
              x=x, k=x, v=x, w=ww, b=b, pw=pw, pb=pb, mask=mask, mask_type=mt, need_weights=True, average=True, kv="self", num_heads=nh)
    # _masked_softmax, _transform_bias_rescale_qkv, _scaled_dot_product_attention
    for dt in (F32, F64):
        x = rnd((2, 2, 3, 4), dt)
        m = torch.rand(2, 2, 3, 4) > 0.5
        m[0, 0, 0] = True  # one row masked entirely: NaN, as PyTorch gives
        for dim, mt in ((3, 1), (3, 2), (1, 2), (None, 2)):
            c.add("masked_softmax", lambda x, mask, dim, mask_type: torch._masked_softmax(x, mask, dim, mask_type),
                  x=x, mask=m, dim=dim, mask_type=mt)
        qkv, bias = rnd((2, 3, 3 * E), dt), rnd((3 * E,), dt)
        r = torch._transform_bias_rescale_qkv(qkv, bias, H)
        c.w.case("transform_qkv", op="transform_qkv", x=qkv, b=bias, num_heads=H, out=r[0], out2=r[1], out3=r[2])
        q, k, v = rnd((2, 3, 4), dt), rnd((2, 5, 4), dt), rnd((2, 5, 6), dt)
        for am, causal in ((None, False), (torch.rand(3, 5) > 0.3, False), (rnd((3, 5), dt), False), (None, True)):
            if am is not None and am.dtype == torch.bool:
                am[:, 0] = True
            c.add("sdpa", lambda x, k, v, mask, is_causal: torch._C._nn._scaled_dot_product_attention(x, k, v, mask, 0.0, True, is_causal),
                  x=q, k=k, v=v, mask=am, is_causal=causal)
    c.add("masked_softmax", lambda x, mask, dim, mask_type: torch._masked_softmax(x, mask, dim, mask_type),
          x=rnd((2, 3)), mask=torch.rand(3) > 0.5, dim=1, mask_type=2)
    c.add("masked_softmax", lambda x, mask, dim, mask_type: torch._masked_softmax(x, mask, dim, mask_type),
          x=rnd((2, 3)), mask=torch.rand(2, 3) > 0.5, dim=1, mask_type=None)


def main(group, path):
    with Writer(path) as w:
        {"linalg": linalg, "conv": conv, "nn": nn, "rnn": rnn, "attention": attention}[group](Cases(w))
    print(f"wrote {w.count} cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
