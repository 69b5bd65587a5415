#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a client driver of dmamem the way a user does: its sources alone
# in OUTDIR, against dmamem's headers and Module.symvers.  Fails on any
# compiler or sparse warning.
#
# Usage: client.sh KDIR OUTDIR SRCDIR INCLUDEDIR SYMVERS [make variables]
#   INCLUDEDIR holds aix/ and dmamem/ (the tree's include/, or an installed
#   /usr/include/dmamem); SYMVERS is dmamem's Module.symvers.
set -eu

kdir=$1
out=$(realpath -m "$2")
src=$3
inc=$(realpath "$4")
symvers=$(realpath "$5")
shift 5

rm -rf "$out"
mkdir -p "$out"
cp "$src"/Kbuild "$src"/*.c "$out/"
for h in "$src"/*.h; do
	[ ! -e "$h" ] || cp "$h" "$out/"
done
log="$out/build.log"
if ! make -C "$kdir" M="$out" DMAMEM_INCLUDE="$inc" \
	KBUILD_EXTRA_SYMBOLS="$symvers" "$@" modules >"$log" 2>&1; then
	cat "$log" >&2
	echo "client: $src failed against $kdir" >&2
	exit 1
fi
if grep -E '(warning|error):' "$log" >&2; then
	echo "client: warnings in $src against $kdir ($*)" >&2
	exit 1
fi
