#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz the real heap's allocator: dmamem/arena.c compiled unchanged in user
# space (tests/fuzz/shim stands in for the few kernel headers it uses; the
# rbtree comes from the kernel's own tools/ copy in the 6.12 test tree),
# with libFuzzer, AddressSanitizer and UBSan.  The inputs in
# tests/fuzz/corpus (past failures among them) run first, every time.
#
# Usage: fuzz.sh [SECONDS]   (default 300; make check runs 20)
set -eu

seconds=${1:-300}
top=$(cd "$(dirname "$0")/../.." && pwd)
vm="$top/tests/vm"
out="$top/build/fuzz"

"$vm/deps.sh" check
kdir=$("$vm/kernel.sh" 6.12 | tail -n 1)
mkdir -p "$out/corpus"
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-DKBUILD_MODNAME='"arena"' -DFUZZ_ENTRY=LLVMFuzzerTestOneInput \
	-I"$top/tests/fuzz/shim" -I"$kdir/tools/include" \
	-o "$out/arena_fuzz" "$top/tests/fuzz/arena_fuzz.c" "$kdir/tools/lib/rbtree.c"

log="$out/fuzz.log"
if ! (cd "$out" && ./arena_fuzz -max_total_time="$seconds" -timeout=10 \
	corpus "$top/tests/fuzz/corpus") >"$log" 2>&1; then
	grep -E '^(arena|arena_fuzz):|ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -n 20 "$log" >&2
	echo "fuzz: the arena failed; the input is in $out (log: $log)" >&2
	exit 1
fi
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log")
echo "fuzz: arena: ${runs:-?} inputs in ${seconds}s, every invariant held after every operation"
