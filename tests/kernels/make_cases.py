"""Reference cases for tjit's compute kernels (tests/kernels): inputs and PyTorch 1.13's outputs.

Run with /usr/bin/python3: make_cases.py OUT. The build runs it (genrule //tests/kernels:cases);
the file is not committed. Names are "<op>/<description>"; the tests dispatch on the prefix.
"""

import sys

import torch
import torch.nn.functional as F

from refcases import Writer

torch.manual_seed(0)


def rnd(*shape, dtype=torch.float32):
    return torch.randn(*shape, dtype=torch.float64).to(dtype)


def gemm_cases(w):
    for dt in (torch.float32, torch.float64):
        for (m, n, k) in [(3, 4, 5), (1, 1, 1), (17, 33, 9), (64, 70, 130), (200, 150, 40),
                          (5, 0, 3), (4, 6, 0)]:
            for ta in (False, True):
                for tb in (False, True):
                    for (alpha, beta) in [(1.0, 0.0), (0.5, 2.0)]:
                        if (ta or tb) and (m, n, k) == (200, 150, 40) and beta == 0.0:
                            continue
                        a = rnd(k, m, dtype=dt) if ta else rnd(m, k, dtype=dt)
                        b = rnd(n, k, dtype=dt) if tb else rnd(k, n, dtype=dt)
                        c = rnd(m, n, dtype=dt)
                        opa = a.t() if ta else a
                        opb = b.t() if tb else b
                        out = torch.addmm(c, opa, opb, beta=beta, alpha=alpha)
                        w.case(f"gemm/{m}x{n}x{k}_{int(ta)}{int(tb)}_{alpha}_{beta}_{dt}",
                               a=a, b=b, c=c, ta=ta, tb=tb, alpha=alpha, beta=beta, out=out)
    # batched, with a broadcast (stride 0) left operand
    for dt in (torch.float32, torch.float64):
        for (bs, m, n, k, bcast) in [(3, 4, 5, 6, False), (5, 40, 30, 50, True), (0, 3, 3, 3, False)]:
            a = rnd(m, k, dtype=dt) if bcast else rnd(bs, m, k, dtype=dt)
            b = rnd(bs, k, n, dtype=dt)
            out = torch.matmul(a, b)
            w.case(f"gemm_batched/{bs}x{m}x{n}x{k}_{int(bcast)}_{dt}", a=a, b=b, bcast=bcast,
                   out=out)


def conv_cases(w):
    # (name, N, Cin, spatial, Cout, kernel, stride, padding, dilation, groups, bias)
    specs = [
        ("3x3p1", 2, 3, (9, 10), 4, (3, 3), (1, 1), (1, 1), (1, 1), 1, True),
        ("1x1", 2, 5, (6, 7), 3, (1, 1), (1, 1), (0, 0), (1, 1), 1, True),
        ("1x1_nobias", 1, 8, (5, 5), 6, (1, 1), (1, 1), (0, 0), (1, 1), 1, False),
        ("1x1_s2", 1, 4, (7, 8), 6, (1, 1), (2, 2), (0, 0), (1, 1), 1, True),
        ("1x1_p1", 1, 4, (4, 4), 3, (1, 1), (1, 1), (1, 1), (1, 1), 1, True),
        ("stride_gt_kernel", 1, 3, (11, 12), 2, (2, 2), (3, 3), (0, 0), (1, 1), 1, True),
        ("dilation", 2, 3, (12, 11), 4, (3, 3), (1, 1), (2, 1), (2, 3), 1, True),
        ("groups2", 2, 4, (8, 8), 6, (3, 3), (1, 1), (1, 1), (1, 1), 2, True),
        ("groups3_nobias", 1, 6, (7, 9), 3, (3, 2), (2, 1), (1, 0), (1, 1), 3, False),
        ("depthwise", 2, 8, (10, 9), 8, (3, 3), (1, 1), (1, 1), (1, 1), 8, True),
        ("depthwise_s2", 1, 6, (11, 12), 6, (3, 3), (2, 2), (1, 1), (1, 1), 6, True),
        ("depthwise_mult2", 1, 3, (9, 8), 6, (3, 3), (1, 1), (1, 1), (1, 1), 3, True),
        ("depthwise_5x5_dil", 1, 4, (13, 13), 4, (5, 5), (1, 2), (4, 2), (2, 1), 4, False),
        ("depthwise_big_pad", 1, 2, (3, 4), 2, (3, 3), (1, 1), (3, 2), (1, 1), 2, True),
        ("stem7x7s2", 1, 3, (32, 30), 8, (7, 7), (2, 2), (3, 3), (1, 1), 1, True),
        ("odd", 3, 5, (9, 7), 7, (3, 5), (2, 1), (1, 2), (1, 1), 1, True),
        ("kernel_eq_input", 2, 3, (4, 5), 2, (4, 5), (1, 1), (0, 0), (1, 1), 1, True),
        ("zero_batch", 0, 3, (5, 5), 4, (3, 3), (1, 1), (1, 1), (1, 1), 1, True),
        ("tiles", 1, 16, (40, 41), 48, (3, 3), (1, 1), (1, 1), (1, 1), 1, True),
        ("mtiles", 1, 64, (6, 6), 96, (3, 3), (1, 1), (1, 1), (1, 1), 1, True),
        ("pointwise_big", 1, 32, (30, 30), 40, (1, 1), (1, 1), (0, 0), (1, 1), 1, True),
        ("1d", 2, 3, (17,), 4, (3,), (2,), (1,), (1,), 1, True),
        ("1d_dil_groups", 1, 4, (20,), 6, (4,), (1,), (3,), (2,), 2, False),
        ("1d_depthwise", 2, 5, (16,), 5, (3,), (1,), (1,), (1,), 5, True),
        ("3d", 1, 2, (5, 6, 7), 3, (3, 3, 2), (1, 2, 1), (1, 1, 0), (1, 1, 2), 1, True),
        ("3d_groups", 2, 4, (4, 5, 5), 4, (2, 3, 3), (2, 1, 1), (0, 1, 1), (1, 1, 1), 2, True),
        ("3d_depthwise", 1, 3, (5, 5, 5), 3, (3, 3, 3), (1, 1, 1), (1, 1, 1), (1, 1, 1), 3, True),
    ]
    fn = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
    for dt in (torch.float32, torch.float64):
        for (name, n, cin, sp, cout, k, s, p, d, g, bias) in specs:
            x = rnd(n, cin, *sp, dtype=dt)
            wt = rnd(cout, cin // g, *k, dtype=dt)
            b = rnd(cout, dtype=dt) if bias else None
            out = fn[len(sp)](x, wt, b, stride=s, padding=p, dilation=d, groups=g)
            w.case(f"conv/{name}_{dt}", x=x, w=wt, b=b, stride=list(s), padding=list(p),
                   dilation=list(d), groups=g, transposed=False, output_padding=[0] * len(sp),
                   out=out)
    # transposed: (name, N, Cin, spatial, Cout, kernel, stride, padding, output_padding, dilation, groups, bias)
    tspecs = [
        ("basic", 2, 3, (5, 6), 4, (3, 3), (1, 1), (0, 0), (0, 0), (1, 1), 1, True),
        ("s2_op1", 1, 4, (5, 5), 3, (3, 3), (2, 2), (1, 1), (1, 1), (1, 1), 1, True),
        ("s2_k4", 2, 3, (6, 7), 5, (4, 4), (2, 2), (1, 1), (0, 0), (1, 1), 1, False),
        ("groups_dil", 1, 4, (5, 6), 6, (3, 2), (2, 1), (1, 0), (1, 0), (2, 2), 2, True),
        ("depthwise", 1, 4, (6, 6), 4, (3, 3), (2, 2), (1, 1), (1, 1), (1, 1), 4, True),
        ("1x1", 1, 5, (4, 4), 3, (1, 1), (1, 1), (0, 0), (0, 0), (1, 1), 1, True),
        ("big", 1, 32, (12, 12), 16, (3, 3), (2, 2), (1, 1), (1, 1), (1, 1), 1, True),
        ("zero_batch", 0, 3, (4, 4), 2, (3, 3), (1, 1), (0, 0), (0, 0), (1, 1), 1, True),
        ("1d", 2, 3, (7,), 4, (3,), (3,), (1,), (2,), (1,), 1, True),
        ("3d", 1, 2, (3, 4, 3), 3, (2, 3, 2), (2, 1, 2), (0, 1, 1), (1, 0, 0), (1, 1, 1), 1, True),
    ]
    tfn = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
    for dt in (torch.float32, torch.float64):
        for (name, n, cin, sp, cout, k, s, p, op, d, g, bias) in tspecs:
            x = rnd(n, cin, *sp, dtype=dt)
            wt = rnd(cin, cout // g, *k, dtype=dt)
            b = rnd(cout, dtype=dt) if bias else None
            out = tfn[len(sp)](x, wt, b, stride=s, padding=p, output_padding=op, groups=g,
                               dilation=d)
            w.case(f"conv/transposed_{name}_{dt}", x=x, w=wt, b=b, stride=list(s),
                   padding=list(p), dilation=list(d), groups=g, transposed=True,
                   output_padding=list(op), out=out)


SECTIONS = [gemm_cases, conv_cases]


def main():
    with Writer(sys.argv[1]) as w:
        for section in SECTIONS:
            section(w)
    print(f"{w.count} reference cases written to {sys.argv[1]}")


if __name__ == "__main__":
    main()
