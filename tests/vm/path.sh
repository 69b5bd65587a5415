#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Which DMA path the edu device's transfers take in this VM, checked from
# the initramfs (busybox sh) by a run: word of tests/vm/initramfs.sh, so
# that a boot meant for an IOMMU or for bounce buffers cannot pass on the
# direct path unnoticed.  Reports in KTAP, like the KUnit suites.
#
#   path.sh direct       the edu device in no IOMMU group, no forced bounce
#   path.sh intel-iommu  VT-d drives the edu device, in a strict DMA domain
#   path.sh amd-iommu    AMD-Vi drives the edu device, in a strict DMA domain
#   path.sh swiotlb      no IOMMU group, every streaming mapping bounced
#
# Usage: path.sh direct|intel-iommu|amd-iommu|swiotlb

n=0
bad=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "    ok $n $2"
	else
		echo "    not ok $n $2"
		bad=1
	fi
}

# The edu device (1234:11e8) in sysfs.
edu=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		edu=$d
	fi
done

# iommu_behind UNIT-GLOB LOG-PATTERN: the edu device is in an IOMMU group
# whose domain translates, strictly, through an IOMMU named UNIT-GLOB in
# /sys/class/iommu; the kernel log says LOG-PATTERN.
iommu_behind() {
	group=
	[ -n "$edu" ] && [ -e "$edu/iommu_group" ] && group=$(readlink -f "$edu/iommu_group")
	[ -n "$group" ]
	ok $? "edu device ${edu##*/} in an IOMMU group (${group##*/})"
	type=$(cat "$group/type" 2>/dev/null)
	echo "    # domain type of the group: ${type:-none}"
	[ "$type" = DMA ]
	ok $? "its domain translates, strict (type DMA, not DMA-FQ or identity)"
	unit=$(readlink -f "$edu/iommu" 2>/dev/null)
	echo "    # the edu device's IOMMU: ${unit:-none}"
	# shellcheck disable=SC2254 # $1 is a glob
	case ${unit##*/} in
	$1) true ;;
	*) false ;;
	esac
	ok $? "its IOMMU is $1"
	dmesg | grep -qE "$2"
	ok $? "the kernel log says: $2"
}

echo "    # Subtest: dmamem_path_$1"
[ -n "$edu" ]
ok $? "an edu device"
case $1 in
direct | swiotlb)
	[ -n "$edu" ] && [ ! -e "$edu/iommu_group" ]
	ok $? "edu device ${edu##*/} in no IOMMU group"
	if [ "$1" = swiotlb ]; then
		grep -q 'swiotlb=force' /proc/cmdline
		ok $? "swiotlb=force on the command line"
		dmesg | grep -qE 'software IO TLB: mapped'
		ok $? "the kernel log says: software IO TLB: mapped"
	else
		! grep -q 'swiotlb=force' /proc/cmdline
		ok $? "no swiotlb=force on the command line"
	fi
	;;
intel-iommu) iommu_behind 'dmar*' 'DMAR: Intel\(R\) Virtualization Technology for Directed I/O' ;;
amd-iommu) iommu_behind 'ivhd*' 'AMD-Vi: ' ;;
*) echo "usage: path.sh direct|intel-iommu|amd-iommu|swiotlb" >&2; exit 1 ;;
esac
echo "    # IOMMU groups: $(ls /sys/kernel/iommu_groups 2>/dev/null | wc -l)"
echo "    1..$n"
if [ "$bad" = 0 ]; then
	echo "ok 1 dmamem_path_$1"
else
	echo "not ok 1 dmamem_path_$1"
fi
exit "$bad"
