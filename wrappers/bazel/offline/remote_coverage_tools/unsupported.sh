#!/bin/sh
# Offline stub: Bazel 4.2.3 wires every test to its (downloaded) coverage tools.
echo "coverage tools are not available offline (llmcc's Bazel stubs)" >&2
exit 1
