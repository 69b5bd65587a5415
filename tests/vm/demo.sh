#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: install dmamem the way a user does, build a client driver
# against the installed headers and Module.symvers, boot Debian's stock
# kernel in qemu, load both, and print what happened.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
vm="$top/tests/vm"
build="$top/build/demo"

"$vm/deps.sh" demo
kdir=$(ls -d /usr/src/linux-headers-*-amd64 | sort -V | tail -n 1)
rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
kernel=/boot/vmlinuz-$rel
[ -r "$kernel" ] || { echo "demo: $kernel missing (apt-get install linux-image-amd64)" >&2; exit 1; }

"$vm/build.sh" "$kdir" "$build/dmamem" >/dev/null
cp -r "$top/man" "$build/dmamem/"
stage="$build/root"
rm -rf "$stage"
make -s -C "$build/dmamem" -f "$top/Makefile" KDIR="$kdir" DESTDIR="$stage" \
	install >/dev/null

# The client, as a user would build it: installed headers and symbols only.
rm -rf "$build/client"
mkdir -p "$build/client"
cp "$top/tests/demo/Kbuild" "$top/tests/demo/dmamem_demo.c" "$build/client/"
make -s -C "$kdir" M="$build/client" \
	DMAMEM_INCLUDE="$stage/usr/include/dmamem" \
	KBUILD_EXTRA_SYMBOLS="$stage/usr/share/dmamem/$rel/Module.symvers" \
	modules >"$build/client.log" 2>&1 || { cat "$build/client.log" >&2; exit 1; }

"$vm/initramfs.sh" "$build/initramfs.cpio.gz" \
	"$stage/lib/modules/$rel/updates/dmamem/dmamem.ko" "$build/client/dmamem_demo.ko"

echo "demo: dmamem and a client driver built against Debian's $rel headers;"
echo "demo: booting Debian's stock kernel $rel in qemu (6 GiB, reserved ranges, edu device)"
log="$build/console.log"
DMAMEM_VM_TIMEOUT=300 "$vm/qemu.sh" "$kernel" "$build/initramfs.cpio.gz" "$log" ||
	{ echo "demo: the VM failed; log: $log" >&2; exit 1; }
echo
sed -n 's/^\[ *[0-9.]*\] //p' "$log" | grep -E '^(dmamem|dmamem_demo|dmamem-vm): ' || true
echo
if grep -q 'dmamem-vm: FAIL' "$log"; then
	echo "demo: a module failed to load or unload; log: $log" >&2
	exit 1
fi
grep -q 'dmamem_demo: 4 of 4 adapters got memory meeting every constraint' "$log" || {
	echo "demo: not every adapter got what it asked for; log: $log" >&2
	exit 1
}
echo "demo: done (full console log: $log)"
