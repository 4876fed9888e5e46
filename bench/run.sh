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
for t in ${1:-$targets}; do
  bazel run --config=bench "$t"
done
