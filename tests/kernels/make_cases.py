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
        ("depthwise_mult8", 2, 2, (6, 7), 16, (3, 3), (2, 1), (1, 1), (1, 1), 2, True),
        ("single_in_channel", 2, 1, (9, 9), 8, (5, 5), (1, 1), (2, 2), (1, 1), 1, True),
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


def pool_cases(w):
    # (name, input shape, kernel, stride, padding, dilation, ceil_mode)
    mspecs = [
        ("2x2", (2, 3, 8, 8), (2, 2), (2, 2), (0, 0), (1, 1), False),
        ("3x3s2p1", (1, 4, 9, 10), (3, 3), (2, 2), (1, 1), (1, 1), False),
        ("3x3s2p1_ceil", (1, 4, 9, 10), (3, 3), (2, 2), (1, 1), (1, 1), True),
        ("ceil_drop_last", (1, 2, 5, 5), (2, 2), (2, 2), (1, 1), (1, 1), True),
        ("ceil_keep", (1, 2, 6, 7), (3, 2), (2, 2), (0, 0), (1, 1), True),
        ("stride_gt_kernel", (2, 2, 11, 9), (2, 2), (3, 4), (0, 1), (1, 1), True),
        ("dilation", (1, 3, 12, 11), (3, 2), (1, 2), (1, 1), (2, 3), False),
        ("dilation_ceil", (1, 3, 12, 11), (3, 3), (2, 2), (1, 1), (2, 2), True),
        ("rect", (3, 1, 7, 13), (2, 4), (1, 3), (1, 2), (1, 1), False),
        ("zero_batch", (0, 3, 6, 6), (2, 2), (2, 2), (0, 0), (1, 1), False),
        ("unbatched", (3, 7, 7), (3, 3), (2, 2), (1, 1), (1, 1), True),
        ("1d", (2, 3, 17), (3,), (2,), (1,), (1,), False),
        ("1d_ceil_dil", (2, 3, 16), (3,), (2,), (1,), (2,), True),
    ]
    for dt in (torch.float32, torch.float64):
        for (name, shape, k, s, p, d, ceil) in mspecs:
            x = rnd(*shape, dtype=dt)
            if name == "2x2":
                x[0, 0, 0, 1] = float("nan")
                x[1, 2, 3, 3] = float("-inf")
            fn = F.max_pool1d if len(k) == 1 else F.max_pool2d
            out, idx = fn(x, k, s, p, d, ceil_mode=ceil, return_indices=True)
            w.case(f"max_pool/{name}_{dt}", x=x, kernel=list(k), stride=list(s), padding=list(p),
                   dilation=list(d), ceil_mode=ceil, out=out, indices=idx)
    # (name, input shape, kernel, stride, padding, ceil_mode, count_include_pad, divisor_override)
    aspecs = [
        ("2x2", (2, 3, 8, 8), (2, 2), (2, 2), (0, 0), False, True, None),
        ("3x3s2p1", (1, 4, 9, 10), (3, 3), (2, 2), (1, 1), False, True, None),
        ("3x3s2p1_nopad", (1, 4, 9, 10), (3, 3), (2, 2), (1, 1), False, False, None),
        ("3x3s2p1_ceil", (1, 4, 9, 10), (3, 3), (2, 2), (1, 1), True, True, None),
        ("3x3s2p1_ceil_nopad", (1, 4, 9, 10), (3, 3), (2, 2), (1, 1), True, False, None),
        ("ceil_beyond_pad", (1, 2, 6, 7), (3, 3), (2, 2), (0, 0), True, True, None),
        ("divisor", (2, 2, 7, 7), (3, 2), (2, 1), (1, 1), False, True, 5),
        ("divisor_ceil", (2, 2, 7, 7), (3, 3), (2, 2), (1, 0), True, False, 2),
        ("stride_gt_kernel", (2, 2, 11, 9), (2, 2), (3, 4), (1, 0), True, True, None),
        ("zero_batch", (0, 3, 6, 6), (2, 2), (2, 2), (0, 0), False, True, None),
        ("1d", (2, 3, 17), (3,), (2,), (1,), False, True, None),
        ("1d_ceil_nopad", (2, 3, 16), (4,), (3,), (2,), True, False, None),
    ]
    for dt in (torch.float32, torch.float64):
        for (name, shape, k, s, p, ceil, cip, div) in aspecs:
            x = rnd(*shape, dtype=dt)
            if len(k) == 1:
                out = F.avg_pool1d(x, k, s, p, ceil_mode=ceil, count_include_pad=cip)
            else:
                out = F.avg_pool2d(x, k, s, p, ceil_mode=ceil, count_include_pad=cip,
                                   divisor_override=div)
            w.case(f"avg_pool/{name}_{dt}", x=x, kernel=list(k), stride=list(s), padding=list(p),
                   ceil_mode=ceil, count_include_pad=cip, divisor_override=div, out=out)
    # adaptive: (name, input shape, output size)
    adspecs = [
        ("global", (2, 3, 7, 7), (1, 1)),
        ("same", (1, 2, 5, 6), (5, 6)),
        ("down", (2, 3, 10, 9), (3, 4)),
        ("up", (1, 2, 3, 4), (5, 7)),
        ("odd", (1, 3, 13, 11), (6, 5)),
        ("zero_out", (1, 2, 5, 5), (0, 3)),
        ("zero_batch", (0, 2, 5, 5), (2, 2)),
        ("1d", (2, 3, 17), (5,)),
        ("1d_up", (2, 3, 4), (9,)),
    ]
    for dt in (torch.float32, torch.float64):
        for (name, shape, osz) in adspecs:
            x = rnd(*shape, dtype=dt)
            if name == "down":
                x[0, 0, 1, 1] = float("nan")
            if len(osz) == 1:
                avg = F.adaptive_avg_pool1d(x, osz)
                mx, idx = F.adaptive_max_pool1d(x, osz, return_indices=True)
            else:
                avg = F.adaptive_avg_pool2d(x, osz)
                mx, idx = F.adaptive_max_pool2d(x, osz, return_indices=True)
            w.case(f"adaptive_pool/{name}_{dt}", x=x, output_size=list(osz), avg=avg, max=mx,
                   indices=idx)


def norm_cases(w):
    for dt in (torch.float32, torch.float64):
        # batch_norm: (name, shape, affine, running stats, training, momentum, eps)
        for (name, shape, affine, running, training, mom, eps) in [
            ("eval", (4, 3, 5, 6), True, True, False, 0.1, 1e-5),
            ("eval_noaffine", (2, 5, 7), False, True, False, 0.1, 1e-3),
            ("train", (4, 3, 5, 6), True, True, True, 0.1, 1e-5),
            ("train_2d", (8, 6), True, True, True, 0.3, 1e-5),
            ("train_no_running", (3, 4, 9), False, False, True, 0.1, 1e-5),
            ("train_big", (2, 16, 40, 40), True, True, True, 0.1, 1e-5),
        ]:
            c = shape[1]
            x = (rnd(*shape, dtype=dt) * 3 + 2)
            wt = rnd(c, dtype=dt) if affine else None
            b = rnd(c, dtype=dt) if affine else None
            rm = rnd(c, dtype=dt) if running else None
            rv = (torch.rand(c, dtype=torch.float64) + 0.5).to(dt) if running else None
            rm0 = rm.clone() if running else None
            rv0 = rv.clone() if running else None
            out, save_mean, save_invstd = torch.native_batch_norm(x, wt, b, rm, rv, training, mom, eps)
            w.case(f"batch_norm/{name}_{dt}", x=x, w=wt, b=b, running_mean=rm0, running_var=rv0,
                   training=training, momentum=mom, eps=eps, out=out,
                   save_mean=save_mean if training else None,
                   save_invstd=save_invstd if training else None,
                   new_running_mean=rm, new_running_var=rv)
        # layer_norm: (name, shape, normalized dims, affine, eps)
        for (name, shape, nd, affine, eps) in [
            ("last", (4, 10), 1, True, 1e-5),
            ("two_dims", (2, 3, 4, 5), 2, True, 1e-5),
            ("noaffine", (3, 17), 1, False, 1e-3),
            ("big_row", (5, 1000), 1, True, 1e-5),
            ("offset", (6, 64), 1, True, 1e-5),
        ]:
            x = rnd(*shape, dtype=dt)
            if name == "offset":
                x = x + 100
            ns = list(shape[len(shape) - nd:])
            wt = rnd(*ns, dtype=dt) if affine else None
            b = rnd(*ns, dtype=dt) if affine else None
            out, mean, rstd = torch.native_layer_norm(x, ns, wt, b, eps)
            w.case(f"layer_norm/{name}_{dt}", x=x, normalized_shape=ns, w=wt, b=b, eps=eps,
                   out=out, mean=mean, rstd=rstd)
        # group_norm: (name, shape, groups, affine, eps)
        for (name, shape, g, affine, eps) in [
            ("g2", (2, 4, 5, 5), 2, True, 1e-5),
            ("g1", (3, 6, 7), 1, True, 1e-5),
            ("gc", (2, 6, 4, 3), 6, False, 1e-5),
            ("g4_big", (1, 32, 20, 20), 4, True, 1e-5),
        ]:
            x = rnd(*shape, dtype=dt) * 2 - 1
            c = shape[1]
            wt = rnd(c, dtype=dt) if affine else None
            b = rnd(c, dtype=dt) if affine else None
            n = shape[0]
            hxw = 1
            for d in shape[2:]:
                hxw *= d
            out, mean, rstd = torch.native_group_norm(x, wt, b, n, c, hxw, g, eps)
            w.case(f"group_norm/{name}_{dt}", x=x, groups=g, w=wt, b=b, eps=eps, out=out,
                   mean=mean, rstd=rstd)
        # instance_norm: (name, shape, affine, running, use_input_stats)
        for (name, shape, affine, running, uis) in [
            ("plain", (2, 3, 5, 5), False, False, True),
            ("affine_running", (3, 4, 6), True, True, True),
            ("eval_running", (2, 3, 4, 4), True, True, False),
        ]:
            c = shape[1]
            x = rnd(*shape, dtype=dt)
            wt = rnd(c, dtype=dt) if affine else None
            b = rnd(c, dtype=dt) if affine else None
            rm = rnd(c, dtype=dt) if running else None
            rv = (torch.rand(c, dtype=torch.float64) + 0.5).to(dt) if running else None
            rm0 = rm.clone() if running else None
            rv0 = rv.clone() if running else None
            out = F.instance_norm(x, rm, rv, wt, b, use_input_stats=uis, momentum=0.2, eps=1e-5)
            w.case(f"instance_norm/{name}_{dt}", x=x, w=wt, b=b, running_mean=rm0,
                   running_var=rv0, use_input_stats=uis, momentum=0.2, eps=1e-5, out=out,
                   new_running_mean=rm, new_running_var=rv)


def softmax_cases(w):
    for dt in (torch.float32, torch.float64):
        for (name, shape, dim) in [
            ("last", (4, 10), 1), ("first", (7, 5), 0), ("middle", (3, 6, 300), 1),
            ("inner_small", (2, 5, 3, 4), 1), ("big_values", (3, 8), 1), ("single", (5, 1), 1),
            ("long_row", (2, 3000), 1), ("zero", (0, 4), 1), ("neg_inf", (3, 4), 1),
        ]:
            x = rnd(*shape, dtype=dt)
            if name == "big_values":
                x = x * 1000
            if name == "neg_inf":
                x[0, 1] = float("-inf")
                x[2, :2] = float("-inf")
            outer = 1
            for d in shape[:dim]:
                outer *= d
            inner = 1
            for d in shape[dim + 1:]:
                inner *= d
            w.case(f"softmax/{name}_{dt}", x=x, outer=outer, dim=shape[dim], inner=inner,
                   softmax=torch.softmax(x, dim), log_softmax=torch.log_softmax(x, dim))


def resample_cases(w):
    # (name, input shape, size or None, scale_factor or None, modes)
    specs = [
        ("up2", (2, 3, 5, 6), None, 2.0),
        ("size_up", (1, 2, 4, 5), (7, 9), None),
        ("size_down", (1, 2, 9, 8), (4, 3), None),
        ("same", (1, 2, 4, 4), (4, 4), None),
        ("scale_odd", (1, 2, 5, 7), None, (1.7, 0.6)),
        ("scale_3", (1, 1, 3, 4), None, 3.0),
        ("to_1", (1, 2, 5, 4), (1, 1), None),
        ("from_1", (1, 2, 1, 1), (3, 4), None),
        ("zero_batch", (0, 2, 4, 4), (6, 6), None),
        ("1d_up", (2, 3, 7), (12,), None),
        ("1d_scale", (2, 3, 7), None, 2.5),
        ("1d_down", (1, 2, 11), (4,), None),
    ]
    for dt in (torch.float32, torch.float64):
        for (name, shape, size, scale) in specs:
            x = rnd(*shape, dtype=dt)
            two = len(shape) == 4
            modes = [("nearest", None), ("nearest-exact", None)]
            if two:
                modes += [("bilinear", False), ("bilinear", True), ("bicubic", False), ("bicubic", True)]
            else:
                modes += [("linear", False), ("linear", True)]
            for (mode, ac) in modes:
                out = F.interpolate(x, size=size, scale_factor=scale, mode=mode, align_corners=ac)
                sc = None
                if scale is not None:
                    sc = list(scale) if isinstance(scale, tuple) else [scale] * (len(shape) - 2)
                w.case(f"interpolate/{name}_{mode}_{ac}_{dt}", x=x, mode=mode,
                       align_corners=bool(ac), scales=sc, out=out)


def pad_cases(w):
    # (name, input shape, pad, modes)
    specs = [
        ("1d", (2, 3, 6), (2, 3), ["constant", "reflect", "replicate", "circular"]),
        ("1d_neg", (2, 3, 6), (-2, 1), ["constant", "reflect", "replicate", "circular"]),
        ("1d_unbatched", (3, 6), (1, 2), ["constant", "reflect", "replicate"]),
        ("2d", (2, 3, 5, 6), (1, 2, 3, 1), ["constant", "reflect", "replicate", "circular"]),
        ("2d_neg", (1, 2, 6, 7), (-1, 2, 2, -3), ["constant", "reflect", "replicate", "circular"]),
        ("2d_max", (1, 2, 4, 5), (4, 4, 3, 3), ["constant", "reflect", "replicate", "circular"]),
        ("3d", (1, 2, 3, 4, 5), (1, 1, 2, 0, 1, 2), ["constant", "reflect", "replicate", "circular"]),
        ("constant_only_last_of_4d", (2, 3, 4, 5), (1, 2), ["constant"]),
        ("constant_crop_all", (2, 3), (-3, 0), ["constant"]),
    ]
    for dt in (torch.float32, torch.float64):
        for (name, shape, pad, modes) in specs:
            x = rnd(*shape, dtype=dt)
            for mode in modes:
                kw = {"value": 1.5} if mode == "constant" else {}
                out = F.pad(x, pad, mode=mode, **kw)
                w.case(f"pad/{name}_{mode}_{dt}", x=x, pad=list(pad), mode=mode,
                       value=1.5, out=out)


SECTIONS = [gemm_cases, conv_cases, pool_cases, norm_cases, softmax_cases, resample_cases,
            pad_cases]


def main():
    with Writer(sys.argv[1]) as w:
        for section in SECTIONS:
            section(w)
    print(f"{w.count} reference cases written to {sys.argv[1]}")


if __name__ == "__main__":
    main()
