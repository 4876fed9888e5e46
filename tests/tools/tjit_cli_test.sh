#!/usr/bin/env bash
# Runs tjit_cli_test.py (PyTorch 1.13 drives the `tjit` command) with the built binary.
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/tjit_cli_test.py" "$1"
