#!/bin/bash
# Runs script_test with PYTORCH_JIT=0: every scripted call goes through the user's lambda.
PYTORCH_JIT=0 exec "$1"
