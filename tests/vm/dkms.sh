#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make dkms-check: prove that dkms.conf works.  Copy the sources to
# /usr/src/dmamem-<version>, dkms add, build and install them against
# Debian's stock headers, check that dmamem.ko came out built for that
# kernel, then dkms remove it all, so the check can run again.
#
# Usage: dkms.sh [KDIR]   (default: the newest /usr/src/linux-headers-*-amd64)
# The dkms output goes to build/dkms.log, and is printed if a step fails.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/tests/vm/deps.sh" check

ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
[ -n "$ver" ] || { echo "dkms: no PACKAGE_VERSION in dkms.conf" >&2; exit 1; }
kdir=${1:-$("$top/tests/vm/stock.sh" headers)}
rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
[ -n "$rel" ] || { echo "dkms: cannot read the kernel release of $kdir" >&2; exit 1; }

mod=dmamem/$ver
src=/usr/src/dmamem-$ver
stamp="$src/.dmamem-dkms-check"
log="$top/build/dkms.log"
mkdir -p "$top/build"
: >"$log"

cleanup() {
	if dkms status "$mod" 2>/dev/null | grep -q .; then
		dkms remove "$mod" --all >>"$log" 2>&1 || true
	fi
	rm -rf "$src"
}

# Leave alone a dmamem that someone installed with DKMS; clear what an
# interrupted run of this check left.
if [ -e "$src" ] && [ ! -e "$stamp" ]; then
	echo "dkms: $src exists and is not this check's; remove it first" >&2
	echo "dkms: (dkms remove $mod --all; rm -rf $src)" >&2
	exit 1
fi
cleanup
trap cleanup EXIT

"$top/tests/vm/export.sh" "$src"
touch "$stamp"

step() {
	echo "+ $*" >>"$log"
	"$@" >>"$log" 2>&1 || {
		cat "$log" >&2
		make_log=/var/lib/dkms/$mod/build/make.log
		[ -r "$make_log" ] && cat "$make_log" >&2
		echo "dkms: '$*' failed" >&2
		exit 1
	}
}
step dkms add "$mod"
step dkms build "$mod" -k "$rel" --kernelsourcedir "$kdir"
step dkms install "$mod" -k "$rel"

built=/var/lib/dkms/$mod/$rel/$(uname -m)/module/dmamem.ko
installed=/lib/modules/$rel/updates/dkms/dmamem.ko
for ko in "$built" "$installed"; do
	[ -f "$ko" ] || { cat "$log" >&2; echo "dkms: $ko missing" >&2; exit 1; }
	magic=$(modinfo -F vermagic "$ko")
	case "$magic" in
	"$rel "*) ;;
	*) echo "dkms: $ko has vermagic '$magic', not $rel" >&2; exit 1 ;;
	esac
done
step dkms remove "$mod" --all
[ ! -e "$installed" ] || { echo "dkms: $installed left after dkms remove" >&2; exit 1; }
echo "dkms: dmamem $ver added, built, installed and removed for $rel"
