#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run in the VM while dmamem_owner_test is loaded: each live handle holds a
# reference on dmamem, beyond the one each module using dmamem holds, so
# dmamem's reference count is its users plus the 2 handles that module
# made.  Every other module's handles are cleared by then.
users=$(ls /sys/module/dmamem/holders | wc -l)
refs=$(cat /sys/module/dmamem/refcnt)
echo "owner.sh: dmamem has $refs references and $users modules using it"
if [ "$refs" -ne $((users + 2)) ]; then
	echo "owner.sh: want $((users + 2)): a reference per live handle" >&2
	exit 1
fi
if rmmod dmamem 2>/dev/null; then
	echo "owner.sh: dmamem unloaded with handles live" >&2
	exit 1
fi
