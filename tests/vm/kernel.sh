#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) and print the path of the dmamem test kernel tree.
#
# Usage: kernel.sh [SERIES]      (SERIES defaults to 6.12)
#
# The tree is built from Debian's linux-source-SERIES package with
# tinyconfig plus tests/vm/kernel.config (and tests/vm/kernel-SERIES.config
# on top, when that exists), in a cache outside the work tree:
#   ${DMAMEM_CACHE:-$HOME/.cache/dmamem}/linux-<package version>-<recipe and config hash>
# It is reused while the package version and the config fragments stay the same.
# The last line of output is the path of the built tree.
set -eu

series=${1:-6.12}
here=$(cd "$(dirname "$0")" && pwd)
frags=("$here/kernel.config")
[ ! -f "$here/kernel-$series.config" ] || frags+=("$here/kernel-$series.config")
cache=${DMAMEM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dmamem}
tarball=/usr/src/linux-source-$series.tar.xz

[ -r "$tarball" ] || { echo "kernel: $tarball missing (apt-get install linux-source-$series)" >&2; exit 1; }
# Bump recipe when the build steps below change in a way that changes the result.
recipe=1
pkgver=$(dpkg-query -W -f='${Version}' "linux-source-$series" | tr -c 'A-Za-z0-9.\n' '_')
# A series without a fragment of its own hashes exactly what it did before
# there were such fragments, so its cached tree stays valid.
key=$( (echo "recipe $recipe"; cat "${frags[@]}") | sha256sum | cut -c1-12)
tree="$cache/linux-$pkgver-$key"

if [ -f "$tree/.dmamem-built" ]; then
	echo "$tree"
	exit 0
fi

echo "kernel: building test kernel $series ($pkgver) in $tree; this takes a few minutes" >&2
# A tree without the stamp is an interrupted build: kbuild picks up where it stopped.
if [ ! -f "$tree/Makefile" ]; then
	rm -rf "$tree"
	mkdir -p "$tree"
	tar -xJf "$tarball" -C "$tree" --strip-components=1
fi
cd "$tree"

log="$tree/.dmamem-build.log"
{
	make ARCH=x86_64 tinyconfig
	scripts/kconfig/merge_config.sh -m .config "${frags[@]}"
	make ARCH=x86_64 olddefconfig
} >"$log" 2>&1 || { tail -30 "$log" >&2; exit 1; }

# Every option of the fragments must have survived olddefconfig, as the
# last fragment that sets it says.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n) opt=${line%%=*}; grep -q "^$opt=" .config && { echo "kernel: $opt not disabled" >&2; bad=1; } ;;
	CONFIG_*) grep -qx "$line" .config || { echo "kernel: wanted $line, got: $(grep "^${line%%=*}=" .config || echo unset)" >&2; bad=1; } ;;
	esac
done < <(awk -F= '/^CONFIG_/ { if (!($1 in v)) o[n++] = $1; v[$1] = $0 }
	END { for (i = 0; i < n; i++) print v[o[i]] }' "${frags[@]}")
[ "$bad" = 0 ] || exit 1

make ARCH=x86_64 -j"$(nproc)" bzImage modules >>"$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }
touch .dmamem-built
echo "$tree"
