#!/usr/bin/env bash
# Runs the benchmarks (./dev.sh bench). Each prints its ratios against libtorch and Eigen,
# measured in the same run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
targets=$(bazel query 'kind(cc_binary, //bench/...)' 2>/dev/null || true)
if [ -z "$targets" ]; then
  echo "no benchmarks yet" >&2
  exit 0
fi
# libtorch's side of the comparisons (built outside Bazel: libtorch is never a dependency).
libtorch_out=""
if [ -e /usr/lib/x86_64-linux-gnu/libtorch.so ] && bench/libtorch/build.sh; then
  libtorch_out="$PWD/bench/libtorch/out"
fi
# The load benchmark's archives (resnet18, scripted and frozen), written by PyTorch.
models="$PWD/bench/libtorch/out"
if [ ! -e "$models/resnet18_frozen.pt" ]; then
  /usr/bin/python3 bench/make_bench_models.py "$models" || echo "could not make the benchmark archives" >&2
fi
# libtorch in its best configuration: matrix products through OpenBLAS (unpacked by build.sh),
# and glibc keeping freed memory rather than faulting large temporaries back in on every op
# (bench/libtorch/kernels_libtorch.cpp says why).
openblas="$PWD/bench/libtorch/out/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"
libtorch_env="env LD_LIBRARY_PATH=$openblas MALLOC_TRIM_THRESHOLD_=4000000000 MALLOC_MMAP_THRESHOLD_=1000000000"
for t in ${1:-$targets}; do
  if [ "$t" = "//bench:interpreter_bench" ] && [ -n "$libtorch_out" ]; then
    bazel run --config=bench "$t" -- "$libtorch_out/interpreter_libtorch"
  elif [ "$t" = "//bench:load_bench" ]; then
    bazel run --config=bench "$t" -- "$models" ${libtorch_out:+"$libtorch_env $libtorch_out/load_libtorch"}
  elif [ "$t" = "//bench:kernels_bench" ] && [ -n "$libtorch_out" ]; then
    bazel run --config=bench "$t" -- --libtorch \
      "$libtorch_env $libtorch_out/kernels_libtorch"
  else
    bazel run --config=bench "$t"
  fi
done
