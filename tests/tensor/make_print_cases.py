"""PyTorch 1.13's str(tensor) for tensors of many dtypes, shapes and magnitudes (printing goldens).
Run by the build with /usr/bin/python3: make_print_cases.py OUT"""

import sys

import torch

from refcases import Writer

torch.manual_seed(1)


def cases():
    yield torch.tensor([[1.0, 2.0]])
    yield torch.tensor(3.5)
    yield torch.tensor(7)
    yield torch.tensor(True)
    yield torch.arange(12).view(3, 4)
    yield torch.arange(12.0).view(2, 3, 2)
    yield torch.randn(3, 4)
    yield torch.randn(2, 3, 4, dtype=torch.float64)
    yield torch.randn(5) * 1e9
    yield torch.randn(5) * 1e-6
    yield torch.tensor([1e-5, 1.0, 1000.0])
    yield torch.tensor([1.0, 1e4])
    yield torch.tensor([float("inf"), -float("inf"), float("nan"), 1.5])
    yield torch.tensor([float("inf"), 2.0, 0.0])
    yield torch.tensor([0.0, -0.0])
    yield torch.zeros(0)
    yield torch.zeros(0, 3)
    yield torch.zeros(2, 0, dtype=torch.int64)
    yield torch.arange(2000)
    yield torch.randn(40, 50)
    yield torch.randn(100)
    yield torch.arange(30) * 1000
    yield torch.tensor([True, False, True])
    yield torch.tensor([1, 2, 3], dtype=torch.uint8)
    yield torch.tensor([-1, 2, 300], dtype=torch.int16)
    yield torch.tensor([1.5, 2.25], dtype=torch.float16)
    yield torch.tensor([1.5, -2.25, 100.0], dtype=torch.bfloat16)
    yield torch.randn(3, 3, dtype=torch.float64)
    yield torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)
    yield torch.randn(2, 2, 2, 2)
    yield torch.ones(1, 1, 1)
    yield torch.tensor([123456789.0, 1.0])
    yield torch.randn(8, 3).t()
    yield torch.full((2, 2), 0.1, dtype=torch.float64)
    yield torch.tensor([], dtype=torch.int32)


def main(path):
    with Writer(path) as w:
        for t in cases():
            stored = t if t.is_contiguous() else t.contiguous()
            w.case("print", a=stored, text=str(t))


if __name__ == "__main__":
    main(sys.argv[1])
