#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dmamemstat(8) against a live VM, run from the initramfs (busybox sh) by
# a run: word of tests/vm/initramfs.sh, with dmamemstat already copied to
# /bin.  Reports in KTAP, like the KUnit suites.
#
#   stat.sh absent   before dmamem.ko is loaded: the documented messages
#                    and exit statuses for a missing module and debugfs
#   stat.sh live     with dmamem and tests/stat/dmamem_statfix loaded:
#                    the fixture's handles (owner and mapper name), bytes,
#                    peak and refused free,
#                    and the map of the 64 MiB range it allocated from
#
# Usage: stat.sh absent|live

n=0
bad=0
mkdir -p /tmp
out=/tmp/dmamemstat.out

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "    ok $n $2"
	else
		sed 's/^/    # /' "$out"
		echo "    not ok $n $2"
		bad=1
	fi
}

# run EXPECTED-STATUS ARGS...: run dmamemstat, output in $out
run() {
	want=$1
	shift
	st=0
	dmamemstat "$@" >"$out" 2>&1 || st=$?
	[ "$st" = "$want" ] || echo "exit status $st, expected $want" >>"$out"
	[ "$st" = "$want" ]
}

absent() {
	run 3
	ok $? "no module: exit status 3"
	grep -q '^dmamemstat: dmamem is not loaded' "$out"
	ok $? "no module: says dmamem is not loaded"
	run 2 --debugfs /proc
	ok $? "no debugfs: exit status 2"
	grep -q '^dmamemstat: debugfs is not mounted at /proc' "$out"
	ok $? "no debugfs: says debugfs is not mounted"
	run 1 --top 0
	ok $? "bad usage: exit status 1"
}

# handle_row MAPPER: the fixture handle's row of the handle table
handle_row() {
	grep " dmamem_statfix ($1)\$" "$out"
}

live() {
	COLUMNS=40
	export COLUMNS
	run 0 --bytes --top 100
	ok $? "live module: exit status 0"
	# handle allocs bytes peak ceiling heap device owner
	handle_row statfix-real | grep -qE '^ +[0-9]+ +2 +4259840 +4521984 +32-bit real +- +dmamem_statfix \(statfix-real\)$'
	ok $? "real handle: 2 allocations, 4 MiB + 64 KiB held, peak 4 MiB + 320 KiB"
	handle_row statfix-pinned | grep -qE '^ +[0-9]+ +3 +24576 +24576 +32-bit pinned +- +dmamem_statfix \(statfix-pinned\)$'
	ok $? "pinned handle: 3 allocations of 8 KiB"
	sed -n '/^refused calls:/,/^$/p' "$out" | tr '\n' ' ' |
		grep -qE '^refused calls:.* free_interior [1-9]'

	ok $? "refused calls: the fixture's free of an interior address"
	map=$(grep -A 1 '^range [0-9]* 0x18000000-0x1bffffff 67108864 32-bit' "$out" | tail -n 1)
	echo "$map" | grep -qE '^  \[\.[.+#]{34}#\]$'
	ok $? "64 MiB range: 36 cells in 40 columns, free at the bottom, used at the top"
	cells=$(echo "$map" | tr -cd '#' | wc -c)
	[ "$cells" -ge 2 ] && [ "$cells" -le 3 ]
	ok $? "64 MiB range: 4 MiB + 64 KiB used is 2 or 3 of 36 cells ($cells)"
	run 0 --width 100
	grep -q '^  \[[.+#]\{96\}\]$' "$out"
	ok $? "--width 100 overrides COLUMNS"
	COLUMNS=80
	run 0
	grep -qE '^ +[0-9]+ +2 +4\.1 MiB +4\.3 MiB +32-bit real +- +dmamem_statfix \(statfix-real\)$' "$out"
	ok $? "default output: sizes in MiB"
	cat "$out"
}

echo "    # Subtest: dmamemstat_$1"
case $1 in
absent) absent ;;
live) live ;;
*) echo "usage: stat.sh absent|live" >&2; exit 1 ;;
esac
echo "    1..$n"
if [ "$bad" = 0 ]; then
	echo "ok 1 dmamemstat_$1"
else
	echo "not ok 1 dmamemstat_$1"
fi
exit "$bad"
