/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/slab.h>: kmalloc() fails when the fuzzer
 * says so, so the arena's out-of-memory paths are driven too; as in the
 * kernel, never with __GFP_NOFAIL.
 */
#ifndef _FUZZ_LINUX_SLAB_H
#define _FUZZ_LINUX_SLAB_H

#include <stdbool.h>
#include <stdlib.h>

#define GFP_KERNEL	0
#define __GFP_NOFAIL	0x1

extern bool fuzz_fail_kmalloc;

static inline void *kmalloc(size_t size, int gfp)
{
	return fuzz_fail_kmalloc && !(gfp & __GFP_NOFAIL) ? NULL : malloc(size);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

#endif
