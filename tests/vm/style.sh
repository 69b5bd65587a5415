#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# House-style gates: checkpatch --strict and kernel-doc on every C source
# and header, mandoc -Tlint on every man page.  Silent when clean.
#
# Usage: style.sh KDIR   (a kernel tree with scripts/checkpatch.pl)
set -eu

kdir=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bad=0
# Sources are listed from the tree, so this works in an export without git.
mapfile -t sources < <(find dhandle dmamem compat include tests/kunit tests/demo -name '*.[ch]' | sort)

# .checkpatch.conf in the top directory supplies the project's options.
out=$(perl "$kdir/scripts/checkpatch.pl" --no-tree --terse --strict \
	--ignore FILE_PATH_CHANGES -f "${sources[@]}" 2>&1 |
	grep -E ': (ERROR|WARNING|CHECK):' || true)
[ -z "$out" ] || { echo "style: checkpatch --strict:"; echo "$out"; bad=1; }

out=$(perl "$kdir/scripts/kernel-doc" -none -Wall "${sources[@]}" 2>&1 || true)
[ -z "$out" ] || { echo "style: kernel-doc:"; echo "$out"; bad=1; }

out=$(mandoc -Tlint -W warning man/man*/* 2>&1 || true)
[ -z "$out" ] || { echo "style: mandoc -Tlint:"; echo "$out"; bad=1; }

[ "$bad" = 0 ] && echo "style: checkpatch --strict, kernel-doc and mandoc -Tlint clean"
exit "$bad"
