"""Shared by make_fixtures.py and check_roundtrip.py: a canonical text description of a loaded
value, produced identically by tests/serialize/describe.hpp on the C++ side."""
import collections
import io
import pickle
import zipfile

import torch

DTYPE_NAMES = {
    torch.float32: "float32", torch.float64: "float64", torch.float16: "float16",
    torch.bfloat16: "bfloat16", torch.int64: "int64", torch.int32: "int32",
    torch.int16: "int16", torch.int8: "int8", torch.uint8: "uint8", torch.bool: "bool",
    torch.complex64: "complex64", torch.complex128: "complex128",
}


def tensor_bytes(t):
    t = t.detach().contiguous().flatten()
    if t.dtype in (torch.float16, torch.bfloat16):
        t = t.view(torch.int16)
    elif t.dtype == torch.bool:
        t = t.to(torch.uint8)
    elif t.is_complex():
        t = torch.view_as_real(t).flatten()
    return t.numpy().tobytes()


class Describer:
    def __init__(self):
        self.storages = {}

    def storage_id(self, t):
        if t.storage().size() == 0:
            return "s-"
        key = t.storage().data_ptr()
        if key not in self.storages:
            self.storages[key] = len(self.storages)
        return "s%d" % self.storages[key]

    def __call__(self, v):
        if isinstance(v, torch.Tensor):
            return "T(%s,size=%s,stride=%s,offset=%d,rg=%d,%s,data=%s)" % (
                DTYPE_NAMES[v.dtype], list(v.shape), list(v.stride()), v.storage_offset(),
                int(v.requires_grad), self.storage_id(v), tensor_bytes(v).hex())
        if v is None:
            return "None"
        if isinstance(v, bool):
            return "True" if v else "False"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return "%.17g" % v
        if isinstance(v, str):
            return "'" + v + "'"
        if isinstance(v, torch.device):
            return "device(%s)" % v
        if isinstance(v, tuple):
            return "(" + "".join(self(x) + ", " for x in v) + ")"
        if isinstance(v, list):
            return "[" + ", ".join(self(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(self(k) + ": " + self(x) for k, x in v.items()) + "}"
        if isinstance(v, FakeObject):
            return "Obj(%s, %s)" % (type(v).qualname, self(v.state))
        raise TypeError("cannot describe %r" % type(v))


def describe(v):
    return Describer()(v)


class FakeObject:
    """Stands for a TorchScript class instance when Python reads an archive's data.pkl."""
    qualname = "?"

    def __setstate__(self, state):
        self.state = state


def unpickle_archive_pickle(zip_bytes, pkl, prefix):
    """Reads `pkl` of a torch.jit.save archive with Python's own pickle, classes as FakeObject."""
    z = zipfile.ZipFile(io.BytesIO(zip_bytes))
    folder = z.namelist()[0].split("/")[0]
    classes = {}
    storages = {}

    class U(pickle.Unpickler):
        def find_class(self, module, name):
            if module.startswith("__torch__"):
                q = module + "." + name
                if q not in classes:
                    classes[q] = type(name, (FakeObject,), {"qualname": q})
                return classes[q]
            return super().find_class(module, name)

        def persistent_load(self, pid):
            _, cls, key, loc, numel = pid
            if key not in storages:
                data = z.read(folder + "/" + prefix + key) if numel else b""
                dtype = cls.dtype
                u = torch.UntypedStorage.from_buffer(data, dtype=torch.uint8) if data else torch.UntypedStorage(0)
                storages[key] = torch.storage.TypedStorage(wrap_storage=u, dtype=dtype)
            return storages[key]

    return U(io.BytesIO(z.read(folder + "/" + pkl))).load()
