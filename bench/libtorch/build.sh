#!/usr/bin/env bash
# Builds the libtorch side of the benchmarks into bench/libtorch/out/ (benchmarks only: tjit
# itself never links libtorch). Needs libtorch-dev; ./dev.sh bench installs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mkdir -p out
for src in *.cpp; do
  bin="out/${src%.cpp}"
  if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ ../interp_graphs.hpp -nt "$bin" ] || [ ../kernel_cases.hpp -nt "$bin" ] || [ ../timing.hpp -nt "$bin" ]; then
    echo "building $bin (libtorch; takes a minute)" >&2
    g++ -std=c++17 -O2 -DNDEBUG -I/usr/include/torch/csrc/api/include "$src" -o "$bin" \
      -ltorch -ltorch_cpu -lc10 -pthread
  fi
done
# OpenBLAS for libtorch's matrix products (../shared/notes/perf-anchors.md: Debian's libtorch
# otherwise uses the reference BLAS, 10x slower), unpacked here rather than installed system-wide;
# bench/run.sh puts it on the libtorch binaries' LD_LIBRARY_PATH.
if [ ! -e out/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]; then
  echo "unpacking OpenBLAS into out/openblas (benchmarks only)" >&2
  (cd out && rm -f libopenblas0-pthread_*.deb && apt-get download -q libopenblas0-pthread >&2 &&
     dpkg-deb -x libopenblas0-pthread_*.deb openblas && rm -f libopenblas0-pthread_*.deb) ||
    echo "could not fetch OpenBLAS: libtorch's matrix products will use the reference BLAS" >&2
fi
