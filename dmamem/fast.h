/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory service's fast paths: a sub-page pool block handed out or
 * taken back without sleeping, from a page at hand.  Inline, for the
 * handle side's d_alloc_dmamem() and d_free_dmamem() (dhandle/alloc.c),
 * so that a block costs one call into the pools, as it would with the
 * pools called directly.
 *
 * They run under dm_fast_enter() with the owner unreferenced (owner.h);
 * whatever they do not serve they leave, with nothing changed, to
 * dm_mem_alloc() and dm_mem_free(), which refuse with a reason.
 */
#ifndef _DMAMEM_FAST_H
#define _DMAMEM_FAST_H

#include "owner.h"
#include "pool.h"
#include "trace.h"

/* A block of a sub-page pool was handed out: count it, trace it. */
static __always_inline void dm_block_given(struct dm_owner *o, void *vaddr,
					   size_t size, int align)
{
	struct dmamem_alloc_info info;

	dm_owner_account(o, size);
	if (trace_dmamem_alloc_enabled() &&
	    !dm_pool_describe(o, vaddr, &info))
		trace_dmamem_alloc(o->id, size, align, info.heap, info.phys);
}

/**
 * dm_mem_alloc_fast() - a pool block at hand, without sleeping
 * @o: the owner, under dm_fast_enter()
 * @size: bytes wanted
 * @align: log2 of the alignment wanted
 *
 * Only a request the pools serve, valid as dm_mem_alloc() checks it
 * (size 1 to a page, within the owner's boundary), is tried.
 *
 * Return: the block's kernel virtual address, or NULL for dm_mem_alloc()
 * to serve or refuse the request.
 */
static __always_inline void *dm_mem_alloc_fast(struct dm_owner *o,
					       size_t size, int align)
{
	const struct dm_constraints *c = o->c;
	void *vaddr;
	int k;

	if (size - 1 >= DM_POOL_MAX_BLOCK || (unsigned int)align > PAGE_SHIFT ||
	    (c->boundary && size > c->boundary))
		return NULL;
	k = dm_pool_class(c, size, align);
	if (k < 0)
		return NULL;
	vaddr = dm_pool_alloc(o, k, size, false, NULL);
	if (IS_ERR_OR_NULL(vaddr))
		return NULL;
	dm_block_given(o, vaddr, size, align);
	return vaddr;
}

/**
 * dm_mem_free_fast() - give a pool block back, without sleeping
 * @o: the owner named by the driver, under dm_fast_enter()
 * @addr: the address named by the driver
 * @size: the size named by the driver
 *
 * Return: 0; -ENXIO when @addr is in no pool page, for dm_mem_free(); or
 * dm_owned_verdict()'s errno, logged, with nothing changed.
 */
static __always_inline int dm_mem_free_fast(struct dm_owner *o, void *addr,
					    size_t size)
{
	struct dmamem_alloc_info info;
	bool traced;
	int ret;

	/* Where it lies, while it is still there. */
	traced = trace_dmamem_free_enabled() &&
		 !dm_pool_describe(o, addr, &info);
	ret = dm_pool_free(o, addr, size);
	if (ret)
		return ret;
	dm_owner_account(o, -(long)size);
	if (traced)
		trace_dmamem_free(o->id, size, -1, info.heap, info.phys);
	return 0;
}

#endif /* _DMAMEM_FAST_H */
