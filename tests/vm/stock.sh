#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Find Debian's stock kernel: the newest /usr/src/linux-headers-*-amd64.
#
# Usage: stock.sh headers   prints the headers directory
#        stock.sh boot      prints the headers directory, the kernel
#                           release and the bootable image, one a line
# Exits non-zero, saying which package is missing, when one is.
set -eu

kdir=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
[ -n "$kdir" ] || { echo "stock: no Debian stock headers (apt-get install linux-headers-amd64)" >&2; exit 1; }
echo "$kdir"
[ "${1:-headers}" = boot ] || exit 0

rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
[ -n "$rel" ] || { echo "stock: cannot read the kernel release of $kdir" >&2; exit 1; }
kernel=/boot/vmlinuz-$rel
[ -r "$kernel" ] || { echo "stock: $kernel missing (apt-get install linux-image-amd64)" >&2; exit 1; }
echo "$rel"
echo "$kernel"
