#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# After the suites: make kmemleak scan, and fail if any object it reports
# was allocated by dmamem or its suites (a backtrace naming dmamem).
# Objects the rest of the kernel leaks are printed, reworded so the
# harness does not count them, and do not fail the run.  kmemleak reports
# only objects older than 5 seconds: wait that long first.  A scan of the
# 6 GiB guest takes about 12 seconds under emulation.
# Run in the VM by the initramfs, with busybox.
set -eu

k=/sys/kernel/debug/kmemleak
if [ ! -w $k ]; then
	echo "kmemleak: no $k (kmemleak or debugfs missing)"
	exit 1
fi
# Exited threads leave their stacks in a per-CPU cache, where kmemleak
# finds their stale pointers; a new thread clears the stack it takes, so
# start enough at once to take every cached stack.
for i in 1 2 3 4 5 6 7 8; do
	sleep 5 &
done
wait
# The first scan only notes each object's checksum; an object is reported
# when a later scan finds it unreferenced and unchanged.
echo scan >$k
echo scan >$k
awk '
function flush() {
	if (obj == "")
		return
	if (obj ~ /dmamem/) {
		ours++
		print obj
	} else {
		sub(/^unreferenced object/, "kmemleak, not dmamem: object", obj)
		print obj
	}
	obj = ""
}
/^unreferenced object/ { flush(); obj = $0; next }
obj != "" { obj = obj "\n" $0 }
END {
	flush()
	printf "kmemleak: %d leaked object(s) from dmamem\n", ours
	exit (ours > 0)
}' $k
