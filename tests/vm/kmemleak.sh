#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kmemleak over what dmamem and its suites allocated.  kmemleak reports an
# object only when a scan finds it unreferenced and unchanged since the
# scan before, and at least 5 seconds old.  So:
#
#   kmemleak.sh start   right after the suites: a first scan, in the
#                       background, while the rest of the run goes on;
#   kmemleak.sh check   at the end: the second scan (it waits for the
#                       first), then fail if any object it reports was
#                       allocated by dmamem or its suites (a backtrace
#                       naming dmamem).
#
# Objects the rest of the kernel leaks are printed, reworded so the
# harness does not count them, and do not fail the run.  A scan of the
# 6 GiB guest takes about 15 seconds under emulation.
# Run in the VM by the initramfs, with busybox.
set -eu

k=/sys/kernel/debug/kmemleak
if [ ! -w $k ]; then
	echo "kmemleak: no $k (kmemleak or debugfs missing)"
	exit 1
fi
if [ "${1:-}" = start ]; then
	(echo scan >$k) &
	exit 0
fi
# Exited threads leave their stacks in a per-CPU cache, where kmemleak
# finds their stale pointers; a new thread clears the stack it takes, so
# start enough at once to take every cached stack.
for _ in 1 2 3 4 5 6 7 8; do
	sleep 1 &
done
wait
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
