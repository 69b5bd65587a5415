#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Pack a busybox initramfs that loads the given modules in order, unloads
# them in reverse order, logs "dmamem-vm: done" and powers the VM off.
# A module that fails to load or unload is logged as "dmamem-vm: FAIL ...".
# A module's parameters follow its path in the same word, after a space.
# A word "run:PROGRAM [ARG...]" runs PROGRAM (a static binary or a busybox
# shell script, copied in) at that point of the load order, its output on
# the console, and logs "dmamem-vm: FAIL run PROGRAM" if it exits non-zero.
#
# Usage: initramfs.sh OUTPUT.cpio.gz "MODULE.ko [PARAM=VALUE...]"|"run:PROGRAM [ARG...]"...
set -eu

output=$1
shift
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,modules}
cp /bin/busybox "$root/bin/busybox"
order=""
steps=0
for spec in "$@"; do
	case $spec in
	run:*)
		prog=${spec#run:}
		prog=${prog%% *}
		steps=$((steps + 1))
		m="run$steps"
		cp "$prog" "$root/bin/$(basename "$prog")"
		echo "$(basename "$prog")${spec#run:"$prog"}" >"$root/modules/$m.run"
		order="$order $m"
		continue
		;;
	esac
	ko=${spec%% *}
	m=$(basename "$ko" .ko)
	cp "$ko" "$root/modules/"
	[ "$ko" = "$spec" ] || echo "${spec#* }" >"$root/modules/$m.args"
	order="$order $m"
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
	if [ -f /modules/\$m.run ]; then
		cmd=\$(cat /modules/\$m.run)
		/bin/\$cmd >/dev/console 2>&1 || say "FAIL run \$cmd"
		continue
	fi
	args=\$(cat /modules/\$m.args 2>/dev/null)
	if insmod /modules/\$m.ko \$args; then
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
