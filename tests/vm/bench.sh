#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: build dmamem and the benchmark modules against Debian's stock
# headers, boot Debian's stock kernel (no debugging options to skew the
# figures) in qemu with a large reserved range for them, load dmamem and
# every benchmark, and print what they report.  Then boot it twice more
# behind qemu's VT-d, strict and lazy, for mapping_bench alone, which
# binds the edu device.  The figures are ratios measured in one boot;
# absolute times under emulation mean little.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
vm="$top/tests/vm"
build="$top/build/bench"
# Below 4 GiB and clear of the ranges make check reserves; the VM's RAM
# below 4 GiB ends at 3 GiB.
bench_range="2560M@0x20000000"

"$vm/deps.sh" demo
stock=$("$vm/stock.sh" boot)
{ read -r kdir; read -r rel; read -r kernel; } <<<"$stock"

"$vm/build.sh" "$kdir" "$build" DMAMEM_BENCH=1 >/dev/null
mods=()
for ko in "$build"/tests/bench/*.ko; do
	# the range goes to the benchmarks that take one
	if modinfo -F parm "$ko" | grep -q '^range:'; then
		mods+=("$ko range=$bench_range")
	else
		mods+=("$ko")
	fi
done
"$vm/initramfs.sh" "$build/initramfs.cpio.gz" \
	"$build/dmamem.ko real_heap=64M@0x18000000,4M@0xC00000" "${mods[@]}"

names=$(for ko in "$build"/tests/bench/*.ko; do basename "$ko" .ko; done | paste -sd'|')

# boot LOG [qemu.sh's extra kernel arguments]: print the benchmarks' lines
boot() {
	local log=$1
	shift
	DMAMEM_VM_TIMEOUT=900 "$vm/qemu.sh" "$kernel" "$build/initramfs.cpio.gz" \
		"$log" "$@" || { echo "bench: the VM failed; log: $log" >&2; exit 1; }
	sed -n 's/^\[ *[0-9.]*\] //p' "$log" | grep -E "^($names): " || true
	if grep -q 'dmamem-vm: FAIL' "$log"; then
		echo "bench: a module failed to load or unload; log: $log" >&2
		exit 1
	fi
}

echo "bench: booting Debian's stock kernel $rel in qemu, reserved range $bench_range"
boot "$build/console.log" "memmap=${bench_range/@/\$}"

for p in intel-iommu:vtd-strict intel-iommu-lazy:vtd-lazy; do
	"$vm/initramfs.sh" "$build/initramfs.cpio.gz" "$build/dmamem.ko" \
		"$build/tests/bench/mapping_bench.ko path=${p#*:}"
	echo "bench: booting it behind VT-d (${p#*:}) for mapping_bench"
	DMAMEM_VM_PATH=${p%%:*} boot "$build/console-${p#*:}.log"
done
# The cross-check: the kernel's own map_benchmark, on the edu device behind
# VT-d strict, in the same boot as mapping_bench's raw figures for it.
# Debian's kernel has no CONFIG_DMA_MAP_BENCHMARK, so this boot is the
# 6.12 test kernel's (make check's), whose debugging options (KASAN,
# lockdep, DMA API debugging) slow both alike: compare the raw figures
# with each other, not with the boots above.
k612=$("$vm/kernel.sh" 6.12 | tail -n 1)
"$vm/build.sh" "$k612" "$build/6.12" DMAMEM_BENCH=1 >/dev/null
tool="$build/dma_map_benchmark"
# its header alone, beside the system's uapi headers
mkdir -p "$build/tool-include/linux"
cp "$k612/include/linux/map_benchmark.h" "$build/tool-include/linux/"
gcc -static -O2 -I"$build/tool-include" -o "$tool" \
	"$k612/tools/testing/selftests/dma/dma_map_benchmark.c"
"$vm/initramfs.sh" "$build/initramfs.cpio.gz" "$build/6.12/dmamem.ko" \
	"$build/6.12/tests/bench/mapping_bench.ko path=vtd-strict" \
	"run:$vm/mapbench.sh" "run:$tool -t 1 -s 4 -b 64 -g 1 -d 1"
echo "bench: cross-check: the 6.12 test kernel behind VT-d (strict), mapping_bench's raw figures and map_benchmark's (one page, to device)"
log="$build/console-map_benchmark.log"
kernel="$k612/arch/x86/boot/bzImage"
DMAMEM_VM_PATH=intel-iommu boot "$log"
tr -d '\r' <"$log" | sed 's/^\[ *[0-9.]*\] //' |
	sed -n 's/^\(dma mapping benchmark\|average .*latency\)/map_benchmark: &/p; /^mapbench: /p'
echo "bench: done (full console logs: $build/console*.log)"
