#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Pack a busybox initramfs that loads dmamem and every KUnit suite module,
# unloads them again, and powers the VM off.
#
# Usage: initramfs.sh BUILDDIR OUTPUT.cpio.gz
set -eu

builddir=$1
output=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,lib/dmamem/tests}
cp /bin/busybox "$root/bin/busybox"
cp "$builddir/dmamem.ko" "$root/lib/dmamem/"
for ko in "$builddir"/tests/kunit/*.ko; do
	[ -e "$ko" ] && cp "$ko" "$root/lib/dmamem/tests/"
done

cat >"$root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug

say() { echo "dmamem-vm: $*" >/dev/kmsg; }

say "start"
insmod /lib/dmamem/dmamem.ko || say "FAIL insmod dmamem.ko"
for ko in /lib/dmamem/tests/*.ko; do
	[ -e "$ko" ] || continue
	insmod "$ko" || say "FAIL insmod $ko"
done
for ko in /lib/dmamem/tests/*.ko; do
	[ -e "$ko" ] || continue
	m=$(basename "$ko" .ko)
	rmmod "$m" || say "FAIL rmmod $m"
done
rmmod dmamem || say "FAIL rmmod dmamem"
say "done"
poweroff -f
EOF
chmod +x "$root/init"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$output"
