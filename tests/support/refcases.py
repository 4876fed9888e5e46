"""Writes reference cases for tjit's tests: inputs and PyTorch's outputs, in a small format that
tests/support/refcases.hpp reads (no pickle needed, so the tensor layer can be tested before the
serialize layer exists). Run with /usr/bin/python3 (PyTorch 1.13).

Format (all numbers little-endian; text lines end in '\\n'):
  TJREF1
  case <name> <field count>
  <key> t <dtype> <ndim> <size>... <byte count>   then the raw contiguous bytes, then '\\n'
  <key> i <int> | <key> f <float.hex() or inf/-inf/nan> | <key> b 0|1 | <key> n (None)
  <key> s <byte count>   then the UTF-8 bytes, then '\\n'
  <key> li <n> <int>... | <key> lf <n> <float>... | <key> lt <n>   then n lines "- t ..." as above
"""

import math
import torch

DTYPES = {
    torch.float32: "float32", torch.float64: "float64", torch.float16: "float16",
    torch.bfloat16: "bfloat16", torch.int64: "int64", torch.int32: "int32",
    torch.int16: "int16", torch.int8: "int8", torch.uint8: "uint8", torch.bool: "bool",
}


def _float(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x.hex()


class Writer:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(b"TJREF1\n")
        self.count = 0

    def close(self):
        self.f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _tensor(self, key, t):
        t = t.detach().contiguous()
        if t.dtype == torch.bfloat16:
            data = t.view(torch.int16).numpy().tobytes()
        else:
            data = t.numpy().tobytes()
        sizes = " ".join(str(s) for s in t.shape)
        head = f"{key} t {DTYPES[t.dtype]} {t.dim()}{' ' if sizes else ''}{sizes} {len(data)}\n"
        self.f.write(head.encode())
        self.f.write(data)
        self.f.write(b"\n")

    def _field(self, key, v):
        w = self.f.write
        if isinstance(v, torch.Tensor):
            self._tensor(key, v)
        elif v is None:
            w(f"{key} n\n".encode())
        elif isinstance(v, bool):
            w(f"{key} b {int(v)}\n".encode())
        elif isinstance(v, int):
            w(f"{key} i {v}\n".encode())
        elif isinstance(v, float):
            w(f"{key} f {_float(v)}\n".encode())
        elif isinstance(v, str):
            b = v.encode()
            w(f"{key} s {len(b)}\n".encode() + b + b"\n")
        elif isinstance(v, (list, tuple)) and v and all(isinstance(x, torch.Tensor) for x in v):
            w(f"{key} lt {len(v)}\n".encode())
            for x in v:
                self._tensor("-", x)
        elif isinstance(v, (list, tuple)) and all(isinstance(x, int) and not isinstance(x, bool) for x in v):
            w((f"{key} li {len(v)}" + "".join(f" {x}" for x in v) + "\n").encode())
        elif isinstance(v, (list, tuple)) and all(isinstance(x, (int, float)) for x in v):
            w((f"{key} lf {len(v)}" + "".join(f" {_float(x)}" for x in v) + "\n").encode())
        else:
            raise TypeError(f"cannot write field {key!r} of type {type(v).__name__}")

    def case(self, name, **fields):
        assert " " not in name and "\n" not in name, name
        self.f.write(f"case {name} {len(fields)}\n".encode())
        for key, v in fields.items():
            self._field(key, v)
        self.count += 1
