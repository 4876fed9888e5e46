"""Reference cases for tjit::einsum (tjit/tensor/ops/einsum.hpp): equations, operands and
PyTorch 1.13's result or error message.

Run by the build with /usr/bin/python3: make_einsum_cases.py OUT
A case holds: op ("einsum"), `eq`, `ts` (the operands; `t_t`=1: ts[0] stored transposed) and
`out` or `error`.
"""

import sys

import torch

from refcases import Writer

torch.manual_seed(0)

CASES = [
    ("ij,jk->ik", (2, 3), (3, 4)),
    ("ij,jk", (2, 3), (3, 4)),
    ("ij,kj->ik", (2, 3), (4, 3)),
    ("bij,bjk->bik", (5, 2, 3), (5, 3, 4)),
    ("bij,bjk", (5, 2, 3), (5, 3, 4)),
    ("i,i->", (7,), (7,)),
    ("i,i", (7,), (7,)),
    ("i,j->ij", (3,), (4,)),
    ("i,j", (3,), (4,)),
    ("ij->ji", (3, 4)),
    ("ij", (3, 4)),
    ("ji", (3, 4)),
    ("ij->", (3, 4)),
    ("ij->j", (3, 4)),
    ("ii->i", (4, 4)),
    ("ii", (4, 4)),
    ("iij->ji", (3, 3, 2)),
    ("iji->j", (3, 2, 3)),
    ("...ij->...ji", (2, 3, 4, 5)),
    ("...ij,...jk->...ik", (2, 1, 3, 4), (5, 4, 2)),
    ("...,...", (2, 3), (3,)),
    ("i...->...", (3, 2, 4)),
    ("...i->i", (3, 2, 4)),
    ("i...i->...", (3, 2, 3)),
    ("bn,anm,bm->ba", (2, 3), (4, 3, 5), (2, 5)),
    ("ab,bc,cd,de->ae", (2, 3), (3, 4), (4, 5), (5, 2)),
    ("ij,jk,kl", (2, 3), (3, 4), (4, 5)),
    ("Ab,bA->", (3, 4), (4, 3)),
    ("aB,Ba", (3, 4), (4, 3)),
    ("bA,ab", (3, 4), (4, 3)),
    ("ij,ij->ij", (3, 4), (3, 4)),
    ("ij,ij->", (3, 4), (3, 4)),
    ("ij,j->i", (3, 4), (4,)),
    ("ij,i->j", (1, 4), (3,)),
    ("ij,jk->ik", (3, 1), (4, 5)),
    ("ijk,ikl->ijl", (1, 2, 3), (4, 3, 5)),
    ("i j , j k -> i k", (2, 3), (3, 4)),
    ("...->...", (2, 3)),
    ("...", (2, 3)),
    ("...->", (2, 3)),
    ("", ()),
    ("->", ()),
    (",->", (), ()),
    ("i,->i", (3,), ()),
    ("ij,jk->ik", (2, 0), (0, 3)),
    ("ij,jk->ik", (0, 3), (3, 4)),
    ("i->", (0,)),
    ("abc,cd,dba->", (2, 3, 4), (4, 5), (5, 3, 2)),
    ("bhqd,bhkd->bhqk", (2, 3, 4, 5), (2, 3, 6, 5)),
    ("bhqk,bhkd->bhqd", (2, 3, 4, 6), (2, 3, 6, 5)),
    ("i,i,i->i", (4,), (4,), (4,)),
    ("ijk,jil->kl", (3, 4, 5), (4, 3, 2)),
    ("a...b,b...c->...ac", (2, 3, 4), (4, 3, 5)),
    # errors
    ("ij,jk", (2, 3)),
    ("ij", (2, 3), (3, 4)),
    ("i.j", (2, 3)),
    ("...i...", (2, 3)),
    ("i..j", (2, 3)),
    ("i1", (2, 3)),
    ("ij", (2, 3, 4)),
    ("ijk", (2, 3)),
    ("ijk...", (2, 3)),
    ("ij->i.", (2, 3)),
    ("i...->......", (2, 3)),
    ("ij->i1", (2, 3)),
    ("ij->ii", (2, 3)),
    ("ij->k", (2, 3)),
    ("i...,i...->i...", (2, 3), (2, 4)),
    ("ii->i", (2, 3)),
    ("ij,jk->ik", (2, 3), (4, 5)),
    ("i->->", (2,)),
    ("ij->ij->", (2, 3)),
    (".->", (2,)),
    ("i,i->", (2,), (3,)),
]


def main(path):
    with Writer(path) as w:
        for dt in (torch.float32, torch.float64):
            for eq, *shapes in CASES:
                ts = [torch.randn(s, dtype=dt) for s in shapes]
                fields = dict(op="einsum", eq=eq)
                if ts:
                    fields["ts"] = ts
                try:
                    fields["out"] = torch.einsum(eq, *ts)
                except Exception as e:
                    fields["error"] = str(e).split("\n")[0]
                w.case("einsum", **fields)
            # a transposed (non-contiguous) first operand
            a = torch.randn(4, 3, dtype=dt)
            b = torch.randn(4, 5, dtype=dt)
            w.case("einsum", op="einsum", eq="ij,jk->ik", ts=[a, b], t_t=1,
                   out=torch.einsum("ij,jk->ik", a.t(), b))
        # integers: exact
        a = torch.randint(-5, 5, (3, 4))
        b = torch.randint(-5, 5, (4, 2))
        for eq in ("ij,jk->ik", "ij->", "ii->i", "ij->j", "ij,ij->ij"):
            ops = [a, b] if eq.count(",") else [a[:, :3] if "ii" in eq else a]
            if eq == "ij,ij->ij":
                ops = [a, a]
            w.case("einsum", op="einsum", eq=eq, ts=[o.contiguous() for o in ops],
                   out=torch.einsum(eq, *ops))


if __name__ == "__main__":
    main(sys.argv[1])
