#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build dmamem (and, on a KUnit kernel, its suites) from a clean copy of the
# sources, and fail on any compiler or sparse warning.
#
# Usage: build.sh KDIR OUTDIR [make variables, e.g. W=1 C=1]
set -eu

kdir=$1
out=$(realpath -m "$2")
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$out"
mkdir -p "$out"
"$top/tests/vm/export.sh" "$out"

log="$out/build.log"
if ! make -C "$kdir" M="$out" "$@" modules >"$log" 2>&1; then
	cat "$log" >&2
	echo "build: failed against $kdir" >&2
	exit 1
fi
if grep -E '(warning|error):' "$log" >&2; then
	echo "build: warnings against $kdir ($*)" >&2
	exit 1
fi
rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
echo "build: dmamem.ko clean against $rel ($*)"
