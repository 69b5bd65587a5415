#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Pack a busybox initramfs that loads the given modules in order, unloads
# them in reverse order, logs "dmamem-vm: done" and powers the VM off.
# A module that fails to load or unload is logged as "dmamem-vm: FAIL ...".
# A module may be followed by ":" and its parameters, separated by spaces.
#
# Usage: initramfs.sh OUTPUT.cpio.gz MODULE.ko[:PARAMS]...
set -eu

output=$1
shift
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,modules}
cp /bin/busybox "$root/bin/busybox"
order=""
for arg in "$@"; do
	ko=${arg%%:*}
	name=$(basename "$ko" .ko)
	cp "$ko" "$root/modules/"
	[ "$arg" = "$ko" ] || printf '%s\n' "${arg#*:}" >"$root/modules/$name.params"
	order="$order $name"
done

cat >"$root/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

say() { echo "dmamem-vm: \$*" >/dev/kmsg; }

say start
loaded=""
for m in $order; do
	params=""
	[ -e /modules/\$m.params ] && params=\$(cat /modules/\$m.params)
	# shellcheck disable=SC2086
	if insmod /modules/\$m.ko \$params; then
		loaded="\$m \$loaded"
	else
		say "FAIL insmod \$m"
	fi
done
for m in \$loaded; do
	rmmod \$m || say "FAIL rmmod \$m"
done
say done
poweroff -f
EOF
chmod +x "$root/init"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$output"
