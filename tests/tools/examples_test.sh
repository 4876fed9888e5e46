#!/usr/bin/env bash
# Runs examples_test.py (the shipped examples, checked by PyTorch 1.13) with the built binaries.
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/examples_test.py" "$1" "$2"
