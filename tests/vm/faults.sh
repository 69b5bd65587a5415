#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Arm failslab and fail_page_alloc for the fault injection suite, before it
# loads: only tasks that ask (task-filter, make_it_fail) see random
# failures, and a task's fail-nth counter works for every allocation, as
# sleeping allocations of any order are considered (by default, both
# ignore allocations that may sleep, and fail_page_alloc those of order 0).
# Quiet: a forced failure logs nothing (the default prints a stack trace).
# Run in the VM by the initramfs, with busybox.
set -eu

dir=/sys/kernel/debug
for f in failslab fail_page_alloc; do
	d=$dir/$f
	if [ ! -d "$d" ]; then
		echo "faults: no $d (fault injection or debugfs missing)"
		exit 1
	fi
	echo Y >"$d/task-filter"
	echo 10 >"$d/probability"
	echo 1 >"$d/interval"
	echo -1 >"$d/times"
	echo 0 >"$d/space"
	echo 0 >"$d/verbose"
	echo N >"$d/ignore-gfp-wait"
done
echo N >"$dir/fail_page_alloc/ignore-gfp-highmem"
echo 0 >"$dir/fail_page_alloc/min-order"
echo "faults: failslab and fail_page_alloc armed for marked tasks"
