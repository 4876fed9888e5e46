#!/usr/bin/env bash
# tjit's one entry point for developers and CI.
#
#   ./dev.sh demo            the main job on a bundled default (//examples:quickstart)
#   ./dev.sh test [ARGS]     every test target; last line: "N passed, M failed"
#   ./dev.sh bench [TARGET]  benchmarks (installs libtorch-dev, the benchmark-only reference)
#   ./dev.sh bazel ARGS      any Bazel command, after the packages are in place
#
# It installs the Debian packages the project needs when any is missing (and makes no apt-get
# call at all when everything is present), then runs Bazel (Debian's 4.2.3, fully offline).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Build and test: the compilers, Bazel, the header-only libraries, zlib, and PyTorch 1.13 (the
# reference that generates test fixtures inside the build).
PACKAGES=(bazel-bootstrap g++ clang libeigen3-dev libboost-dev doctest-dev zlib1g-dev
          python3-torch python3-torchvision python3-torchaudio)
# Benchmarks only: libtorch, measured against; never a dependency of the library.
BENCH_PACKAGES=(libtorch-dev)

log() { echo "dev.sh: $*" >&2; }

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

ensure_packages() {
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  missing=${missing% }
  [ -z "$missing" ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      log "these Debian packages are missing: $missing"
      log "installing them needs root; run as root, or: sudo apt-get install -y $missing"
      exit 1
    fi
  fi
  log "installing missing Debian packages: $missing"
  "${sudo[@]}" apt-get update -q >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q $missing >&2
}

# Sums doctest's "[doctest] test cases: ..." over every test target of the run whose Bazel
# output is in $1. A target that failed to build, timed out or crashed before doctest's summary
# counts as one failed case, so a broken target can never vanish from the total.
summarise_tests() {
  local bazel_log=$1 testlogs passed=0 failed=0
  testlogs=$(bazel info bazel-testlogs 2>/dev/null)
  while read -r label status; do
    local pkg=${label#//} name log line
    name=${pkg#*:}
    pkg=${pkg%%:*}
    log="$testlogs/${pkg:+$pkg/}$name/test.log"
    case "$status" in
      PASSED|FAILED|FLAKY)
        line=$(grep -a '^\[doctest\] test cases:' "$log" 2>/dev/null | tail -n 1 || true)
        if [ -n "$line" ]; then
          passed=$((passed + $(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line")))
          failed=$((failed + $(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")))
          if [ "$status" != PASSED ] && grep -q '| *0 failed' <<<"$line"; then
            failed=$((failed + 1))  # the binary failed after doctest's summary (e.g. a crash)
          fi
        else
          failed=$((failed + 1))
          [ "$status" = PASSED ] && log "$label passed without a doctest summary"
        fi
        ;;
      *) failed=$((failed + 1)) ;;
    esac
  done < <(sed -nE 's#^(//[^ ]+) +(\(cached\) +)?(PASSED|FAILED TO BUILD|FAILED|TIMEOUT|NO STATUS|FLAKY|INCOMPLETE|SKIPPED).*#\1 \3#p' "$bazel_log" | sed -E 's/ (FAILED TO BUILD|NO STATUS)$/ BROKEN/')
  # A BUILD file that does not load hides its targets from the summary: count each such package.
  local broken
  broken=$(grep -cE "^ERROR: .*(contains errors|error loading package)" "$bazel_log" || true)
  failed=$((failed + broken))
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

cmd=${1:-help}
[ $# -gt 0 ] && shift
case "$cmd" in
  demo)
    ensure_packages "${PACKAGES[@]}"
    exec bazel run //examples:quickstart -- "$@"
    ;;
  test)
    ensure_packages "${PACKAGES[@]}"
    bazel_log=$(mktemp)
    trap 'rm -f "$bazel_log"' EXIT
    rc=0
    bazel test //... "$@" 2>&1 | tee "$bazel_log" >&2 || rc=$?
    summarise_tests "$bazel_log" || { [ "$rc" -ne 0 ] || rc=1; }
    exit "$rc"
    ;;
  bench)
    ensure_packages "${PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    exec bench/run.sh "$@"
    ;;
  bazel)
    ensure_packages "${PACKAGES[@]}"
    exec bazel "$@"
    ;;
  help|-h|--help)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *)
    log "unknown command '$cmd' (expected demo, test, bench or bazel; see ./dev.sh help)"
    exit 2
    ;;
esac
