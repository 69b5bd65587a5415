#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel and initramfs in qemu (TCG: KVM guests hang on these
# machines) with 6 GiB of RAM, so that a 32-bit ceiling can really be
# missed, reserved ranges for the real heap (4 MiB below 16 MiB, 64 MiB
# above, and a spare 1 MiB the tests add while loaded), and qemu's edu PCI
# device.  The console goes to LOG.
#
# DMAMEM_VM_PATH picks the DMA path the edu device's transfers take:
#   direct       (default) the pc machine, no IOMMU: bus address = physical;
#   intel-iommu  q35 with VT-d, strict: every mapping is an IOVA, unmapped
#                (and its IOTLB entry flushed) at once;
#   intel-iommu-lazy  the same in lazy mode: IOTLB flushes are batched
#                (make bench);
#   amd-iommu    q35 with AMD-Vi, strict, the same;
#   swiotlb      the pc machine with every streaming mapping bounced
#                (swiotlb=force).  The bounce pool lies near 3 GiB, above
#                edu's 28-bit engine, so the device's mask is raised to 32
#                bits (its dma_mask property); load the edu driver with
#                dma_bits=32 to match.
# The IOMMU is created before any other PCI device, as qemu requires, so
# the edu device sits behind it.
#
# DMAMEM_VM_EDU_MASK=MASK sets the edu engine's reach (its dma_mask
# property; 28 bits by default): with 0xffffffffffffffff on the direct
# path it reaches a process's pages, for raw I/O (load the edu driver
# with dma_bits=64).
#
# DMAMEM_VM_FLOPPY=IMAGE puts a 1.44 MB floppy image, written to in place,
# in drive A of the pc machine's floppy controller, whose transfers run
# on ISA DMA channel 2 (tests/isa/floppy.c); direct path only, as q35
# has no floppy controller.
#
# Usage: qemu.sh BZIMAGE INITRAMFS LOG [extra kernel arguments]
# Exits 124 on timeout (DMAMEM_VM_TIMEOUT seconds, default 600), 2 on an
# unknown DMAMEM_VM_PATH.
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
append="$append memmap=4M\$0xC00000 memmap=64M\$0x18000000 memmap=1M\$0x1D000000"

machine=()
edu=edu
case ${DMAMEM_VM_PATH:-direct} in
direct) ;;
intel-iommu)
	machine=(-machine q35 -device intel-iommu)
	append="$append intel_iommu=on iommu.strict=1"
	;;
intel-iommu-lazy)
	machine=(-machine q35 -device intel-iommu)
	append="$append intel_iommu=on iommu.strict=0"
	;;
amd-iommu)
	machine=(-machine q35 -device amd-iommu)
	append="$append iommu.strict=1"
	;;
swiotlb)
	append="$append swiotlb=force"
	edu=edu,dma_mask=0xffffffff
	;;
*)
	echo "qemu.sh: unknown DMAMEM_VM_PATH '$DMAMEM_VM_PATH' (direct, intel-iommu, intel-iommu-lazy, amd-iommu or swiotlb)" >&2
	exit 2
	;;
esac
append="$append $*"
[ -z "${DMAMEM_VM_EDU_MASK:-}" ] || edu="edu,dma_mask=$DMAMEM_VM_EDU_MASK"
if [ -n "${DMAMEM_VM_FLOPPY:-}" ]; then
	[ "${DMAMEM_VM_PATH:-direct}" = direct ] ||
		{ echo "qemu.sh: DMAMEM_VM_FLOPPY needs the direct path" >&2; exit 2; }
	machine+=(-drive "if=floppy,index=0,format=raw,file=$DMAMEM_VM_FLOPPY")
fi

timeout "${DMAMEM_VM_TIMEOUT:-600}" qemu-system-x86_64 \
	-accel tcg -cpu max -smp 2 -m 6G \
	-nographic -no-reboot -monitor none -nic none \
	"${machine[@]}" \
	-kernel "$kernel" -initrd "$initrd" -append "$append" \
	-device "$edu" \
	</dev/null >"$log" 2>&1
