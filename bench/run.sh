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
libtorch_bin=""
if [ -e /usr/lib/x86_64-linux-gnu/libtorch.so ] && bench/libtorch/build.sh; then
  libtorch_bin="$PWD/bench/libtorch/out/interpreter_libtorch"
fi
for t in ${1:-$targets}; do
  if [ "$t" = "//bench:interpreter_bench" ] && [ -n "$libtorch_bin" ]; then
    bazel run --config=bench "$t" -- "$libtorch_bin"
  else
    bazel run --config=bench "$t"
  fi
done
