#!/bin/bash
# Compiles tests/script/compile_fail.cpp once per misuse and checks that it fails with the
# static_assert's sentence. Uses the system g++ (as the build does) on the runfiles' headers.
set -u
src=tests/script/compile_fail.cpp
fail=0
passed=0
failed=0
check() {
  local n=$1 msg=$2 ok=1
  out=$(g++ -std=c++20 -fsyntax-only -Iinclude -I/usr/include/eigen3 -DCASE=$n "$src" 2>&1)
  if [ $? -eq 0 ]; then
    echo "case $n compiled, but must not"; ok=0
  elif ! grep -qF -- "$msg" <<<"$out"; then
    echo "case $n failed without the message: $msg"; echo "$out" | grep error | head -5; ok=0
  else
    echo "case $n: $msg"
  fi
  if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fail=1; fi
}
check 1 "tjit::if_: the two branches return values of different types"
check 2 "tjit::script: the callable must be a stateless lambda (no captures)"
check 3 "tjit::script: an argument's type does not match its tjit::arg<> declaration"
check 4 "tjit::script: relu() is a Tensor method; this value is not a Tensor"
# A doctest-style summary, which ./dev.sh test adds up.
echo "[doctest] test cases: $((passed + failed)) | $passed passed | $failed failed | 0 skipped"
exit $fail
