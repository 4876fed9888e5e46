"""Makes the demo's archive (examples/demo_model.pt) and its recorded input and output.

    /usr/bin/python3 examples/make_demo_model.py     (PyTorch 1.13; writes beside this script)

`./dev.sh demo` (//examples:quickstart) loads the archive with tjit::load, prints its code and
graph, runs it on demo_input.pt and compares with demo_output.pt, PyTorch's result.
"""
import os

import torch
import torch.nn.functional as F
from torch import nn


class Demo(nn.Module):
    """A small image classifier with an attribute, a loop and a branch."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.fc = nn.Linear(4 * 4 * 4, 3)
        self.temperature = 2.0

    def forward(self, x: torch.Tensor, steps: int = 2) -> torch.Tensor:
        y = F.max_pool2d(torch.relu(self.conv(x)), 2)
        for _ in range(steps):
            y = y + 0.5 * torch.tanh(y)
        logits = self.fc(y.flatten(1))
        if bool(logits.sum() > 0):
            return torch.softmax(logits / self.temperature, dim=-1)
        return logits


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(0)
    model = torch.jit.script(Demo().eval())
    x = torch.randn(2, 1, 8, 8)
    torch.jit.save(model, os.path.join(here, "demo_model.pt"))
    torch.save((x,), os.path.join(here, "demo_input.pt"))
    with torch.no_grad():
        torch.save(model(x), os.path.join(here, "demo_output.pt"))


if __name__ == "__main__":
    main()
