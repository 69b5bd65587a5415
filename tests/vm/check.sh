#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: build dmamem and its KUnit suites warning-free on two test
# kernels (Debian's 6.1 and 6.12 sources), boot each in a VM, then boot
# 6.12 once more on each other DMA path (intel-iommu, amd-iommu, swiotlb)
# with the mapping suites and the edu driver, and once on the direct path
# with the edu engine widened to 64 bits for raw I/O to a process's
# buffer, and report every case: a line per kernel and path, then the
# combined last line
# "N passed, N failed".  Exits non-zero on a failed case on any boot,
# a build warning, a failed DKMS build, any kernel warning, KASAN, lockdep,
# DMA-API or IOMMU fault report, a crash, or a timeout.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
vm="$top/tests/vm"
build="$top/build"
kernels="6.1 6.12"
# The DMA paths besides direct (tests/vm/qemu.sh), booted on 6.12 only.
paths="intel-iommu amd-iommu swiotlb"
# The suites those boots run: the mapping suites.
path_suites="dmamem_map*"

"$vm/deps.sh" check

declare -A kdir
for k in $kernels; do
	kdir[$k]=$("$vm/kernel.sh" "$k" | tail -n 1)
done
"$vm/style.sh" "${kdir[6.12]}"

# dmamemstat, built as make builds it, warning-free, from a copy of the tree.
"$vm/export.sh" "$build/tool"
log=$(make -C "$build/tool" dmamemstat 2>&1) || { echo "$log" >&2; exit 1; }
if echo "$log" | grep -E '(warning|error):' >&2; then
	echo "check: warnings building dmamemstat" >&2
	exit 1
fi

# The module and the suites, warning-free with W=1 and sparse, against
# each test kernel; the module and the benchmarks against Debian's stock
# headers as well, and the module through DKMS.
for k in $kernels; do
	"$vm/build.sh" "${kdir[$k]}" "$build/$k" W=1 C=1
	"$vm/client.sh" "${kdir[$k]}" "$build/$k/edu" "$top/tests/edu" \
		"$top/include" "$build/$k/Module.symvers" W=1 C=1
	"$vm/client.sh" "${kdir[$k]}" "$build/$k/stat" "$top/tests/stat" \
		"$top/include" "$build/$k/Module.symvers" W=1 C=1
	"$vm/client.sh" "${kdir[$k]}" "$build/$k/isa" "$top/tests/isa" \
		"$top/include" "$build/$k/Module.symvers" W=1 C=1
	# a module that is not GPL links against what README says it may call
	"$vm/client.sh" "${kdir[$k]}" "$build/$k/vendor" "$top/tests/vendor" \
		"$top/include" "$build/$k/Module.symvers" W=1 C=1
done
# The edu driver's user-space half: raw I/O through /dev/dmamem_edu.
gcc -static -O2 -Wall -Wextra -Werror -o "$build/rawio" "$top/tests/edu/rawio.c"
stock=$("$vm/stock.sh" headers)
"$vm/build.sh" "$stock" "$build/stock" W=1 C=1 DMAMEM_BENCH=1
"$vm/client.sh" "$stock" "$build/stock/edu" "$top/tests/edu" "$top/include" \
	"$build/stock/Module.symvers" W=1 C=1
"$vm/dkms.sh" "$stock"
# A short fuzz pass over the real heap's allocator, in user space.
"$vm/fuzz.sh" 20

# Each kernel boots its own build of the module and the suites (with
# fault injection armed for the fault suite), then the edu driver, which
# drives qemu's edu device through dmamem and reports its cases in KTAP,
# and the floppy driver, which reads and writes a floppy image through
# D_MAP_SLAVE() and reports in KTAP too.
# dmamemstat runs before dmamem is loaded (its first run only puts it in
# the VM), and against the handles of the fixture tests/stat;
# tests/vm/stat.sh reports in KTAP too.  Last, a kmemleak scan fails on
# any object dmamem leaked.
status=0
passed=0
failed=0
skipped=0

# edu_ran LABEL LOG: the edu driver reported.
edu_ran() {
	if ! tr -d '\r' <"$2" | grep -qE '^(\[ *[0-9.]*\] )?(not )?ok 1 dmamem_edu$'; then
		echo "check: $1: no result from the edu driver (no edu device?)" >&2
		status=1
	fi
}

# floppy_ran LABEL LOG: the floppy driver reported (D_MAP_SLAVE on channel 2).
floppy_ran() {
	if ! tr -d '\r' <"$2" | grep -qE '^(\[ *[0-9.]*\] )?(not )?ok 1 dmamem_floppy$'; then
		echo "check: $1: no result from the floppy driver (no floppy controller?)" >&2
		status=1
	fi
}

# rawio runs where the device reaches a process's pages: behind an IOMMU,
# through bounce buffers it reaches, or directly with the engine widened
# to 64 bits.  The edu engine's 28 bits reach no page of a process on the
# direct path, where the DMA API warns.
rawio_ran() {
	if ! tr -d '\r' <"$2" | grep -qE '^(not )?ok 1 dmamem_rawio$'; then
		echo "check: $1: no result from rawio (no /dev/dmamem_edu?)" >&2
		status=1
	fi
}

# tally LABEL LOG VMSTATUS: print the boot's report, add up its counts.
tally() {
	local report counts p f s

	report=$(python3 "$vm/ktap.py" --vm-status "$3" --label "$1" "$2") ||
		status=1
	echo "$report"
	counts=$(echo "$report" | tail -n 1 |
		sed -n 's/^[^:]*: \([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) skipped\)\{0,1\}$/\1 \2 \4/p')
	if [ -z "$counts" ]; then
		echo "check: no result line for $1" >&2
		status=1
		return
	fi
	read -r p f s <<<"$counts"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
}

for k in $kernels; do
	"$vm/initramfs.sh" "$build/$k/initramfs.cpio.gz" \
		"run:$vm/path.sh direct" \
		"run:$build/tool/dmamemstat --help" "run:$vm/stat.sh absent" \
		"$build/$k/dmamem.ko real_heap=64M@0x18000000,1M@0x18000001,4M@0xC00000" \
		"run:$vm/faults.sh" \
		"$build/$k/tests/kunit/dmamem_test.ko faults_required=1" \
		"$build/$k/tests/kunit/dmamem_owner_test.ko" "run:$vm/owner.sh" \
		"$build/$k/edu/dmamem_edu.ko" "$build/$k/isa/dmamem_floppy.ko" \
		"$build/$k/stat/dmamem_statfix.ko" "run:$vm/stat.sh live" \
		"run:$vm/kmemleak.sh"
	log="$build/$k/console.log"
	vmstatus=0
	# a fresh disk each boot: the floppy driver writes it
	python3 "$top/tests/isa/image.py" "$build/$k/floppy.img"
	DMAMEM_VM_FLOPPY="$build/$k/floppy.img" "$vm/qemu.sh" \
		"${kdir[$k]}/arch/x86/boot/bzImage" \
		"$build/$k/initramfs.cpio.gz" "$log" || vmstatus=$?
	edu_ran "kernel $k" "$log"
	floppy_ran "kernel $k" "$log"
	# dmamem_owner_test leaves 2 handles holding 79192 bytes at unload.
	if ! tr -d '\r' <"$log" | grep -qE '^(\[ *[0-9.]*\] )?dmamem: module dmamem_owner_test unloaded with 2 handles live: cleared, 3 allocations \(79192 bytes\) reclaimed$'; then
		echo "check: kernel $k: dmamem did not clear the handles dmamem_owner_test left" >&2
		status=1
	fi
	tally "kernel $k" "$log" "$vmstatus"
done

# The other DMA paths, on 6.12: the mapping suites (kunit.filter_glob
# picks them from the module) and the edu driver, whose transfers then go
# through VT-d, AMD-Vi (both strict) or forced bounce buffers.
# tests/vm/path.sh proves the path is the one asked for.  Under swiotlb
# the device and the edu driver get a 32-bit mask, to reach the bounce pool.
k=6.12
# direct-wide: raw I/O on the direct path, the edu engine widened to 64
# bits (its dma_mask property) to reach a process's pages at their
# physical addresses; the mapping suites ran in the direct boots above.
for path in $paths direct-wide; do
	out="$build/$k/$path"
	mkdir -p "$out"
	vmpath=$path
	mask=
	suites=("$build/$k/tests/kunit/dmamem_test.ko")
	edu="$build/$k/edu/dmamem_edu.ko"
	case $path in
	swiotlb) edu="$edu dma_bits=32" ;;
	direct-wide)
		vmpath=direct
		mask=0xffffffffffffffff
		suites=()
		edu="$edu dma_bits=64"
		;;
	esac
	"$vm/initramfs.sh" "$out/initramfs.cpio.gz" \
		"run:$vm/path.sh $vmpath" \
		"$build/$k/dmamem.ko real_heap=64M@0x18000000,1M@0x18000001,4M@0xC00000" \
		"${suites[@]}" "$edu" "run:$build/rawio"
	log="$out/console.log"
	vmstatus=0
	DMAMEM_VM_PATH=$vmpath DMAMEM_VM_EDU_MASK=$mask "$vm/qemu.sh" \
		"${kdir[$k]}/arch/x86/boot/bzImage" "$out/initramfs.cpio.gz" \
		"$log" "kunit.filter_glob=$path_suites" || vmstatus=$?
	edu_ran "kernel $k $path" "$log"
	rawio_ran "kernel $k $path" "$log"
	tally "kernel $k $path" "$log" "$vmstatus"
done

tail="$passed passed, $failed failed"
[ "$skipped" = 0 ] || tail="$tail, $skipped skipped"
echo "$tail"
exit "$status"
