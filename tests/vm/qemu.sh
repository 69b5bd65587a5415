#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel and initramfs in qemu (TCG: KVM guests hang on these
# machines) with 6 GiB of RAM, so that a 32-bit ceiling can really be
# missed, reserved ranges for the real heap (4 MiB below 16 MiB, 64 MiB
# above, and a spare 1 MiB the tests add while loaded), and qemu's edu PCI
# device.  The console goes to LOG.
#
# Usage: qemu.sh BZIMAGE INITRAMFS LOG [extra kernel arguments]
# Exits 124 on timeout (DMAMEM_VM_TIMEOUT seconds, default 600).
set -eu

kernel=$1
initrd=$2
log=$3
shift 3

# acpi=noirq: PCI interrupts are routed from the BIOS's tables, not by
# evaluating the ACPI _PRT method.  Under TCG with KASAN that evaluation,
# done when the edu driver enables its device, took 18 to 30 seconds with
# no scheduling point: a spurious RCU stall on 6.1, AE_AML_LOOP_TIMEOUT
# on 6.12.  Nothing here takes an interrupt through that routing.
append="console=ttyS0 panic=-1 oops=panic loglevel=7 acpi=noirq"
append="$append memmap=4M\$0xC00000 memmap=64M\$0x18000000 memmap=1M\$0x1D000000 $*"

timeout "${DMAMEM_VM_TIMEOUT:-600}" qemu-system-x86_64 \
	-accel tcg -cpu max -smp 2 -m 6G \
	-nographic -no-reboot -monitor none -nic none \
	-kernel "$kernel" -initrd "$initrd" -append "$append" \
	-device edu \
	</dev/null >"$log" 2>&1
