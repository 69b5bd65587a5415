#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bind qemu's edu device to the kernel's own streaming-mapping benchmark
# (kernel/dma/map_benchmark.c, CONFIG_DMA_MAP_BENCHMARK), for make bench's
# cross-check: mapping_bench has measured the raw DMA API on the same
# device in the same boot, and the selftest's tool runs next.  Run in the
# VM by the initramfs, with busybox.
set -eu

dev=""
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		dev=${d##*/}
	fi
done
if [ -z "$dev" ]; then
	echo "mapbench: no edu device"
	exit 1
fi
mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
echo dma_map_benchmark >"/sys/bus/pci/devices/$dev/driver_override"
echo "$dev" >/sys/bus/pci/drivers_probe
if [ ! -e /sys/kernel/debug/dma_map_benchmark ]; then
	echo "mapbench: dma_map_benchmark did not bind $dev"
	exit 1
fi
echo "mapbench: edu ($dev) bound to dma_map_benchmark"
