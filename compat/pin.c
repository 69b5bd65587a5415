// SPDX-License-Identifier: GPL-2.0
/*
 * pin() and unpin(): AIX's pinning of kernel memory, which on Linux is
 * resident already.  Each checks that the whole range is kernel memory
 * dmamem can map (the linear map, vmalloc'd RAM or the real heap, as the
 * mapping services decide it) and says so; nothing is counted, so pins
 * need not pair, as none holds anything.
 *
 * Locking: none.  Any context.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/module.h>
#include <dmamem/dmamem.h>
#include <aix/sys/pin.h>
#include "../dhandle/mapping.h"

/* 0 when [addr, addr + length) is kernel memory, else -EINVAL (logged). */
static int dm_pin_check(const char *caller, void *addr, int length)
{
	if (length > 0 && !dm_mem_check(addr, length))
		return 0;
	pr_warn_ratelimited("%s(%p, %d): not a range of kernel memory\n",
			    caller, addr, length);
	return -EINVAL;
}

/**
 * pin() - make kernel memory resident, as AIX does for kernel_heap memory
 * @addr: its first byte
 * @length: its bytes, at least 1
 *
 * Linux never pages kernel memory out, so there is nothing to do but
 * check the range.
 *
 * Return: 0, or EINVAL (positive, as on AIX) when @length is not positive
 * or a byte of the range is not kernel memory.
 */
int pin(void *addr, int length)
{
	/* AIX's services return an errno positive, Linux's negative */
	return -dm_pin_check(__func__, addr, length);
}
EXPORT_SYMBOL(pin);

/**
 * unpin() - end a pin()
 * @addr: its first byte
 * @length: its bytes, at least 1
 *
 * Return: as pin().
 */
int unpin(void *addr, int length)
{
	return -dm_pin_check(__func__, addr, length);
}
EXPORT_SYMBOL(unpin);
