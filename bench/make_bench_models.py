"""Archives for the load benchmark (bench/load_bench.cpp), written by PyTorch 1.13:

    /usr/bin/python3 bench/make_bench_models.py OUT_DIR

resnet18.pt (torchvision's resnet18, scripted, eval mode) and resnet18_frozen.pt (the same
after torch.jit.freeze). Random weights: loading and running cost the same as trained ones.
bench/run.sh makes them in bench/libtorch/out/ (not committed: 45 MB each)."""
import os
import sys

import torch
import torchvision


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    model = torch.jit.script(torchvision.models.resnet18().eval())
    model.save(os.path.join(out, "resnet18.pt"))
    torch.jit.freeze(model).save(os.path.join(out, "resnet18_frozen.pt"))


if __name__ == "__main__":
    main()
