#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: build dmamem and its KUnit suites warning-free, boot them in
# a VM, and report every case.  The last line is "N passed, N failed".
# Exits non-zero on a failed case, a build warning, any kernel warning,
# KASAN, lockdep or DMA-API report, a crash, or a timeout.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
vm="$top/tests/vm"
build="$top/build"

"$vm/deps.sh" check

kdir=$("$vm/kernel.sh" 6.12 | tail -n 1)
"$vm/style.sh" "$kdir"

# The module and the suites, warning-free with W=1 and sparse, against the
# test kernel; the module alone against Debian's stock headers as well.
"$vm/build.sh" "$kdir" "$build/6.12" W=1 C=1
stock=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
if [ -n "$stock" ]; then
	"$vm/build.sh" "$stock" "$build/stock" W=1 C=1
else
	echo "check: no Debian stock headers found (linux-headers-amd64)" >&2
	exit 1
fi

"$vm/initramfs.sh" "$build/initramfs.cpio.gz" "$build/6.12/dmamem.ko" \
	"$build"/6.12/tests/kunit/*.ko
log="$build/console.log"
status=0
"$vm/qemu.sh" "$kdir/arch/x86/boot/bzImage" "$build/initramfs.cpio.gz" "$log" || status=$?
python3 "$vm/ktap.py" --vm-status "$status" "$log"
