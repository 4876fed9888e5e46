#!/usr/bin/env bash
# Builds the libtorch side of the benchmarks into bench/libtorch/out/ (benchmarks only: tjit
# itself never links libtorch). Needs libtorch-dev; ./dev.sh bench installs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mkdir -p out
for src in *.cpp; do
  bin="out/${src%.cpp}"
  if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ ../interp_graphs.hpp -nt "$bin" ]; then
    echo "building $bin (libtorch; takes a minute)" >&2
    g++ -std=c++17 -O2 -DNDEBUG -I/usr/include/torch/csrc/api/include "$src" -o "$bin" \
      -ltorch -ltorch_cpu -lc10 -pthread
  fi
done
