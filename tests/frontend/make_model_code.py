"""Writes the TorchScript source PyTorch 1.13 puts into the archives of torchvision models.

Usage: /usr/bin/python3 make_model_code.py OUT

For each model (weights=None) it saves a scripted and a traced archive in memory and copies
every `code/**.py` record into OUT, one record after another, each preceded by a line
`==== tjit record: <model>/<scripted|traced>/<path in archive> ====`. Then the same for the
small modules of feature_modules.py (records `features/<name>/<path>`), which make PyTorch
write the statement and expression forms the torchvision models don't use. Records whose text was
already written are left out (many classes repeat across models), which keeps OUT small.
The parser test reads OUT and parses every record.
"""
import hashlib
import io
import os
import sys
import warnings
import zipfile

import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feature_modules  # noqa: E402

MODELS = ["resnet18", "mobilenet_v2", "mobilenet_v3_small", "squeezenet1_1",
          "shufflenet_v2_x0_5", "efficientnet_b0", "densenet121", "convnext_tiny", "vit_b_16"]


def code_records(module):
    # Parameters go to the archive too; shrink them to one-element storages first so that
    # saving stays fast (the code does not depend on their values).
    with torch.no_grad():
        for t in list(module.parameters()) + list(module.buffers()):
            t.data = torch.zeros((), dtype=t.dtype).expand(t.shape)
    buf = io.BytesIO()
    torch.jit.save(module, buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for name in z.namelist():
            parts = name.split("/")
            if len(parts) > 2 and parts[1] == "code" and name.endswith(".py"):
                yield "/".join(parts[1:]), z.read(name).decode("utf-8")


def main():
    warnings.filterwarnings("ignore")
    torch.manual_seed(0)
    torch.set_num_threads(1)
    seen = set()
    out = []

    def add(record, text):
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            return
        seen.add(digest)
        out.append("==== tjit record: %s ====\n" % record)
        out.append(text if text.endswith("\n") else text + "\n")

    for name in MODELS:
        model = getattr(torchvision.models, name)(weights=None).eval()
        scripted = torch.jit.script(model)
        with torch.no_grad():
            traced = torch.jit.trace(model, torch.randn(1, 3, 224, 224), check_trace=False)
        for kind, module in (("scripted", scripted), ("traced", traced)):
            for path, text in code_records(module):
                add("%s/%s/%s" % (name, kind, path), text)
    for name, module in feature_modules.modules():
        for path, text in code_records(module):
            add("features/%s/%s" % (name, path), text)
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
