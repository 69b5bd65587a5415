// SPDX-License-Identifier: GPL-2.0
/*
 * d_alloc_dmamem() and d_free_dmamem(): validate the request, let a heap
 * serve it, and record what the handle owns.  Errors are negative errnos
 * up to here and become AIX's NULL and -1 only at these two functions.
 *
 * Blocks of the sub-page pools are served and given back, when a page is
 * at hand, under RCU alone, with no reference taken on the handle; every
 * other path pins the handle first.
 *
 * Locking: none of its own; see owned.c and pool.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "heap.h"
#include "pool.h"
#include "stats.h"
#include "trace.h"
#include "../dhandle/dhandle.h"

/* Largest log2 alignment a caller may name at all. */
#define DM_MAX_ALIGN	(BITS_PER_LONG - 1)

static int dm_check_request(const struct dm_constraints *c, size_t size,
			    int align, const char **why,
			    enum dm_alloc_fail *reason)
{
	*reason = DM_AFAIL_SIZE;
	if (!size) {
		*why = "size 0";
		return -EINVAL;
	}
	if (align < 0 || align > DM_MAX_ALIGN) {
		*reason = DM_AFAIL_ALIGN;
		*why = "align is not a log2 in 0..63";
		return -EINVAL;
	}
	if (size > (size_t)totalram_pages() << PAGE_SHIFT) {
		*why = "larger than memory";
		return -E2BIG;
	}
	if (c->boundary && size > c->boundary) {
		*why = "larger than the handle's boundary";
		return -EINVAL;
	}
	return 0;
}

static enum dmamem_heap dm_heap_of(const struct dm_alloc *a)
{
	return a->backing == DM_REAL ? DMAMEM_HEAP_REAL : DMAMEM_HEAP_PINNED;
}

/*
 * A block of a sub-page pool was handed out: count it, trace it.  Always
 * inline: it is on the allocation fast path.
 */
static __always_inline void dm_block_given(struct dm_handle *dh, void *vaddr,
					   size_t size, int align)
{
	struct dmamem_alloc_info info;

	dm_owned_account(dh, size);
	if (trace_dmamem_alloc_enabled() &&
	    !dm_pool_describe(dh, vaddr, &info))
		trace_dmamem_alloc(dh->pub.id, size, align, info.heap,
				   info.phys);
}

/**
 * dm_alloc_return() - give an allocation's memory back to its heap
 * @a: an allocation no longer in any handle's bookkeeping; the record
 *	itself is the caller's
 */
void dm_alloc_return(struct dm_alloc *a)
{
	if (a->backing == DM_REAL)
		dm_real_free(a);
	else
		dm_pinned_free(a);
}

/**
 * dm_alloc_release() - give an allocation's memory back, and free its record
 * @a: an allocation no longer in any handle's bookkeeping, kmalloc()ed
 */
void dm_alloc_release(struct dm_alloc *a)
{
	dm_alloc_return(a);
	kfree_rcu(a, rcu);
}

static void *dm_alloc(struct dm_handle *dh, size_t size, int align)
{
	struct dm_alloc *a;
	enum dm_alloc_fail reason;
	enum dmamem_heap heap;
	const char *why;
	phys_addr_t phys;
	void *vaddr;
	int ret, k;

	ret = dm_check_request(&dh->c, size, align, &why, &reason);
	if (ret)
		goto refuse;
	k = dm_pool_class(&dh->c, size, align);
	if (k >= 0) {
		vaddr = dm_pool_alloc(dh, k, size, &why);
		if (!IS_ERR(vaddr)) {
			dm_block_given(dh, vaddr, size, align);
			return vaddr;
		}
		ret = PTR_ERR(vaddr);
		goto fail;
	}

	why = "out of memory";
	ret = -ENOMEM;
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		goto fail;
	a->owner = dh;
	a->size = size;
	ret = dm_policy_alloc(dh->dev, &dh->c, size, align, a, &why);
	if (ret) {
		kfree(a);
		goto fail;
	}
	/* Once added, a racing free of the same address may take it. */
	heap = dm_heap_of(a);
	phys = a->phys;
	vaddr = a->vaddr;
	ret = dm_owned_add(dh, a);
	if (ret) {
		why = ret == -ESTALE ? "handle cleared meanwhile" : "out of memory";
		dm_alloc_release(a);
		goto fail;
	}
	trace_dmamem_alloc(dh->pub.id, size, align, heap, phys);
	return vaddr;

fail:
	reason = dm_alloc_fail_of(ret);
refuse:
	dm_stat_alloc_fail(reason);
	trace_dmamem_alloc_fail(dh->pub.id, size, align, reason, ret);
	pr_warn_ratelimited("handle %u: d_alloc_dmamem(size %zu, align %d): %s (%d)\n",
			    dh->pub.id, size, align, why, ret);
	return NULL;
}

/*
 * Under RCU, without sleeping: a block of a sub-page pool from a page at
 * hand, or NULL for dm_alloc() to serve or refuse the request.
 */
static void *dm_alloc_fast(struct dm_handle *dh, size_t size, int align)
{
	enum dm_alloc_fail reason;
	const char *why;
	void *vaddr;
	int k;

	if (dm_check_request(&dh->c, size, align, &why, &reason))
		return NULL;
	k = dm_pool_class(&dh->c, size, align);
	vaddr = k < 0 ? NULL : dm_pool_alloc_fast(dh, k, size);
	if (vaddr)
		dm_block_given(dh, vaddr, size, align);
	return vaddr;
}

/**
 * d_alloc_dmamem() - allocate memory an adapter can reach by DMA
 * @handle: a live handle from d_map_init()
 * @size: bytes wanted, at least 1
 * @align: log2 of the byte boundary the memory starts on (12: 4096 bytes)
 *
 * Every byte of the memory meets the handle's constraints: below its
 * address ceiling, physically contiguous if it asked for that, and inside
 * one boundary window if it has one.  The memory is zeroed.  Process
 * context only.
 *
 * Return: the kernel virtual address of the memory, or NULL (with a log
 * line saying why) when the handle is not live, the arguments are invalid,
 * or no memory meets the constraints.
 */
void *d_alloc_dmamem(d_handle_t handle, size_t size, int align)
{
	struct dm_handle *dh;
	void *vaddr;

	might_sleep();
	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, "d_alloc_dmamem");
	vaddr = dh ? dm_alloc_fast(dh, size, align) : NULL;
	if (vaddr || !dh || !dm_handle_hold(dh, "d_alloc_dmamem")) {
		dm_fast_exit();
		if (!vaddr) {
			dm_stat_alloc_fail(DM_AFAIL_HANDLE);
			trace_dmamem_alloc_fail(0, size, align,
						DM_AFAIL_HANDLE, -EINVAL);
		}
		return vaddr;
	}
	dm_fast_exit();
	vaddr = dm_alloc(dh, size, align);
	dm_handle_put(dh);
	return vaddr;
}
EXPORT_SYMBOL_GPL(d_alloc_dmamem);

/*
 * Under RCU, without sleeping: a block of a sub-page pool, if @addr is in
 * one; -ENXIO if not.
 */
static int dm_free_block(struct dm_handle *dh, void *addr, size_t size)
{
	struct dmamem_alloc_info info;
	bool traced;
	int ret;

	/* Where it lies, while it is still there. */
	traced = trace_dmamem_free_enabled() &&
		 !dm_pool_describe(dh, addr, &info);
	ret = dm_pool_free(dh, addr, size);
	if (ret)
		return ret;
	dm_owned_account(dh, -(long)size);
	if (traced)
		trace_dmamem_free(dh->pub.id, size, -1, info.heap, info.phys);
	return 0;
}

/* An allocation outside the pools, of a pinned handle. */
static int dm_free_owned(struct dm_handle *dh, void *addr, size_t size)
{
	struct dm_alloc *a;

	a = dm_owned_take(dh, addr, size);
	if (IS_ERR(a))
		return PTR_ERR(a);
	trace_dmamem_free(dh->pub.id, size, -1, dm_heap_of(a), a->phys);
	dm_alloc_release(a);
	return 0;
}

/**
 * d_free_dmamem() - free memory from d_alloc_dmamem()
 * @handle: the handle the memory was allocated with
 * @addr: exactly the address d_alloc_dmamem() returned
 * @size: exactly the size that was asked for
 *
 * Process context only.
 *
 * Return: 0, or -1 (with a log line saying which) when the handle is not
 * live, or @addr is not a live allocation of this handle (never allocated,
 * already freed, another handle's, an address inside an allocation), or
 * @size is not the size allocated.  Nothing changes on -1.
 */
int d_free_dmamem(d_handle_t handle, void *addr, size_t size)
{
	struct dm_handle *dh;
	unsigned int id = 0;
	int ret = -EINVAL;

	/* no might_sleep(): a block of a pool is freed without sleeping */
	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, "d_free_dmamem");
	if (likely(dh)) {
		id = dh->pub.id;	/* dh may be gone once the fast path is left */
		ret = dm_free_block(dh, addr, size);
		/* not a block: pin the handle, to sleep */
		if (ret == -ENXIO && !dm_handle_hold(dh, "d_free_dmamem"))
			ret = -ESTALE;
	}
	dm_fast_exit();
	if (!dh) {
		dm_stat_free_fail(DM_FFAIL_HANDLE);
		trace_dmamem_free_fail(0, size, DM_FFAIL_HANDLE);
		return -1;
	}
	if (ret == -ENXIO) {
		ret = dm_free_owned(dh, addr, size);
		dm_handle_put(dh);
	}
	if (ret) {
		dm_stat_free_fail(dm_free_fail_of(ret));
		trace_dmamem_free_fail(id, size, dm_free_fail_of(ret));
	}
	return ret ? -1 : 0;
}
EXPORT_SYMBOL_GPL(d_free_dmamem);

/**
 * dm_mem_reclaim() - take back everything a handle being cleared holds
 * @dh: the handle, out of service: no allocation or free can start on it
 * @count: incremented by the allocations and pool blocks taken back
 * @bytes: incremented by the bytes they were asked for
 *
 * The memory side's one call for d_map_clear(): the handle's allocations
 * go back to their heaps, and its pool blocks to their pools.
 */
void dm_mem_reclaim(struct dm_handle *dh, unsigned long *count, size_t *bytes)
{
	struct dm_alloc *a, *next;
	LIST_HEAD(left);

	dm_owned_take_all(dh, &left);
	list_for_each_entry_safe(a, next, &left, node) {
		++*count;
		*bytes += a->size;
		dm_alloc_release(a);
	}
	dm_pool_reclaim(dh, count, bytes);
}

/**
 * dm_mem_count() - add a handle's pool blocks to what it holds
 * @dh: the handle
 * @info: its allocations, bytes and held bytes so far; the blocks are
 *	added
 */
void dm_mem_count(struct dm_handle *dh, struct dmamem_handle_info *info)
{
	dm_pool_count(dh, info);
}

/**
 * dmamem_heap_info() - what a heap holds
 * @heap: which heap
 * @info: filled in on success
 *
 * Linux departure.
 *
 * Return: 0, or -EINVAL for an unknown heap or a NULL @info.
 */
int dmamem_heap_info(enum dmamem_heap heap, struct dmamem_heap_info *info)
{
	if (!info)
		return -EINVAL;
	switch (heap) {
	case DMAMEM_HEAP_PINNED:
		dm_pinned_info(info);
		return 0;
	case DMAMEM_HEAP_REAL:
		dm_real_info(info);
		return 0;
	}
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(dmamem_heap_info);

/**
 * dmamem_alloc_info() - where an allocation lies
 * @handle: the handle it was allocated with
 * @addr: exactly the address d_alloc_dmamem() returned
 * @info: filled in on success
 *
 * Linux departure.
 *
 * Return: 0, or -EINVAL when @handle is not live, @info is NULL, or @addr
 * is not a live allocation of @handle.
 */
int dmamem_alloc_info(d_handle_t handle, void *addr,
		      struct dmamem_alloc_info *info)
{
	struct dm_handle *dh;
	int ret;

	if (!info)
		return -EINVAL;
	dh = dm_handle_get(handle, "dmamem_alloc_info");
	if (!dh)
		return -EINVAL;
	ret = dm_pool_describe(dh, addr, info);
	if (ret == -ENXIO)
		ret = dm_owned_describe(dh, addr, info);
	ret = ret ? -EINVAL : 0;
	dm_handle_put(dh);
	return ret;
}
EXPORT_SYMBOL_GPL(dmamem_alloc_info);
