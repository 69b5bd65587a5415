#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copy the module's source tree (what make, DKMS and an in-tree build
# need) to DEST, leaving out anything a build made.
#
# Usage: export.sh DEST
set -eu

dest=$1
top=$(cd "$(dirname "$0")/../.." && pwd)

mkdir -p "$dest"
(cd "$top" && tar -cf - \
	--exclude='*.o' --exclude='*.ko' --exclude='*.a' \
	--exclude='*.mod' --exclude='*.mod.c' --exclude='.*.cmd' \
	--exclude='.*.d' --exclude='modules.order' --exclude='Module.symvers' \
	--exclude='compat/probes.h' \
	dkms.conf Makefile Kbuild Kconfig compat dhandle dmamem include tools tests/kunit \
	tests/bench) |
	tar -xf - -C "$dest"
