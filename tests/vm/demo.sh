#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: install dmamem the way a user does, build two client drivers
# against the installed headers and Module.symvers, boot Debian's stock
# kernel in qemu with reserved memory and the edu device, load dmamem
# (given the reserved ranges) and both clients, and print what happened:
# the adapters' constraints and where their memory landed, then the edu
# device copying data through dmamem's mappings and back.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
vm="$top/tests/vm"
build="$top/build/demo"
# The ranges qemu.sh reserves with memmap=, named to dmamem's real heap.
real_heap="real_heap=4M@0xC00000,64M@0x18000000"

"$vm/deps.sh" demo
stock=$("$vm/stock.sh" boot)
{ read -r kdir; read -r rel; read -r kernel; } <<<"$stock"

"$vm/build.sh" "$kdir" "$build/dmamem" >/dev/null
cp -r "$top/man" "$build/dmamem/"
stage="$build/root"
rm -rf "$stage"
make -s -C "$build/dmamem" -f "$top/Makefile" KDIR="$kdir" DESTDIR="$stage" \
	install >/dev/null

# The clients, as a user would build them: installed headers and symbols only.
for client in demo edu; do
	"$vm/client.sh" "$kdir" "$build/$client" "$top/tests/$client" \
		"$stage/usr/include/dmamem" "$stage/usr/share/dmamem/$rel/Module.symvers"
done

"$vm/initramfs.sh" "$build/initramfs.cpio.gz" \
	"$stage/lib/modules/$rel/updates/dmamem/dmamem.ko $real_heap" \
	"$build/demo/dmamem_demo.ko" "$build/edu/dmamem_edu.ko"

echo "demo: dmamem and two client drivers built against Debian's $rel headers"

# One boot per DMA path: direct, then with every streaming mapping bounced
# (swiotlb=force, what encrypted guests do), the edu device keeping its
# 28-bit mask, which the bounce buffer near 3 GiB is beyond: memory
# dmamem hands a bound handle must need no bounce at all.
demo_boot() {
	local path=$1 log="$build/console-$1.log"
	shift

	echo "demo: path $path: booting Debian's stock kernel $rel in qemu (6 GiB, reserved ranges, edu device) $*"
	DMAMEM_VM_TIMEOUT=300 "$vm/qemu.sh" "$kernel" "$build/initramfs.cpio.gz" "$log" "$@" ||
		{ echo "demo: the VM failed; log: $log" >&2; exit 1; }
	echo
	sed -n 's/^\[ *[0-9.]*\] //p' "$log" |
		grep -E '^(dmamem|dmamem_demo|dmamem-vm): |^dmamem_edu [0-9a-f:.]*: |^software IO TLB: ' |
		grep -v 'PCI INT A' || true
	echo
	if grep -q 'dmamem-vm: FAIL' "$log"; then
		echo "demo: path $path: a module failed to load or unload; log: $log" >&2
		exit 1
	fi
	grep -q 'dmamem_demo: 4 of 4 adapters got memory meeting every constraint' "$log" || {
		echo "demo: path $path: not every adapter got what it asked for; log: $log" >&2
		exit 1
	}
	tr -d '\r' <"$log" | grep -qE '^(\[ *[0-9.]*\] )?ok 1 dmamem_edu$' || {
		echo "demo: path $path: the edu device did not get every byte there and back; log: $log" >&2
		exit 1
	}
	if grep -qE 'swiotlb.*overflow|WARNING:.*kernel/dma/' "$log"; then
		echo "demo: path $path: the DMA layer warned; log: $log" >&2
		exit 1
	fi
	echo "demo: path $path: done (full console log: $log)"
}

demo_boot direct
demo_boot swiotlb=force swiotlb=force
