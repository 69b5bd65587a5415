// SPDX-License-Identifier: GPL-2.0
/*
 * The memory service for one owner: validate a request, let the pools or
 * a heap serve it, and record what the owner owns.
 *
 * What it guarantees: every byte handed out meets the owner's constraints
 * and is zeroed; a free takes back exactly a live allocation or block of
 * the owner named, or is refused with the reason logged and nothing
 * changed; d_map_clear() gets back everything the owner holds with one
 * call (dm_mem_reclaim()).  Each refusal is counted (stats.c) and traced.
 *
 * What it assumes: the handle side (dhandle/alloc.c) has found the owner
 * and pins it, or for the fast paths (fast.h) holds dm_fast_enter();
 * errors are negative errnos, which become AIX's NULL and -1 there.
 *
 * Locking: none of its own; see owner.c and pool.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "fast.h"
#include "heap.h"
#include "stats.h"

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

/**
 * dm_mem_alloc() - zeroed memory for an owner, meeting its constraints
 * @o: the owner, pinned
 * @size: bytes wanted
 * @align: log2 of the alignment wanted
 *
 * Sleeps.  A refusal is logged with its reason, counted and traced.
 *
 * Return: the memory's kernel virtual address, or an ERR_PTR(): -EINVAL
 * or -E2BIG for a request no heap could ever serve, -ENOMEM when none has
 * room, -ESTALE when d_map_clear() started on @o meanwhile.
 */
void *dm_mem_alloc(struct dm_owner *o, size_t size, int align)
{
	struct dm_alloc *a;
	enum dm_alloc_fail reason;
	enum dmamem_heap heap;
	const char *why;
	phys_addr_t phys;
	void *vaddr;
	int ret, k;

	ret = dm_check_request(o->c, size, align, &why, &reason);
	if (ret)
		goto refuse;
	k = dm_pool_class(o->c, size, align);
	if (k >= 0) {
		vaddr = dm_pool_alloc(o, k, size, true, &why);
		if (!IS_ERR(vaddr)) {
			dm_block_given(o, vaddr, size, align);
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
	a->owner = o;
	a->size = size;
	ret = dm_policy_alloc(o->dev, o->c, size, align, a, &why);
	if (ret) {
		kfree(a);
		goto fail;
	}
	/* Once added, a racing free of the same address may take it. */
	heap = dm_heap_of(a);
	phys = a->phys;
	vaddr = a->vaddr;
	ret = dm_owned_add(o, a);
	if (ret) {
		why = ret == -ESTALE ? "handle cleared meanwhile" : "out of memory";
		dm_alloc_release(a);
		goto fail;
	}
	trace_dmamem_alloc(o->id, size, align, heap, phys);
	return vaddr;

fail:
	reason = dm_alloc_fail_of(ret);
refuse:
	dm_stat_alloc_fail(reason);
	trace_dmamem_alloc_fail(o->id, size, align, reason, ret);
	pr_warn_ratelimited("handle %u: d_alloc_dmamem(size %zu, align %d): %s (%d)\n",
			    o->id, size, align, why, ret);
	return ERR_PTR(ret);
}

/**
 * dm_mem_free() - give back an allocation outside the pools
 * @o: the owner named by the driver, pinned
 * @addr: the address named by the driver
 * @size: the size named by the driver
 *
 * For what dm_mem_free_fast() found in no pool page.  Sleeps.
 *
 * Return: 0, or dm_owned_take()'s errno, logged, with nothing changed.
 */
int dm_mem_free(struct dm_owner *o, void *addr, size_t size)
{
	struct dm_alloc *a;

	a = dm_owned_take(o, addr, size);
	if (IS_ERR(a))
		return PTR_ERR(a);
	trace_dmamem_free(o->id, size, -1, dm_heap_of(a), a->phys);
	dm_alloc_release(a);
	return 0;
}

/**
 * dm_mem_describe() - where a live allocation or block of an owner lies
 * @o: the owner, pinned
 * @addr: the address d_alloc_dmamem() returned
 * @info: filled in on success
 *
 * Return: 0, or -ENOENT when @addr is not exactly a live allocation or
 * block of @o.
 */
int dm_mem_describe(struct dm_owner *o, void *addr,
		    struct dmamem_alloc_info *info)
{
	int ret = dm_pool_describe(o, addr, info);

	return ret == -ENXIO ? dm_owned_describe(o, addr, info) : ret;
}

/**
 * dm_mem_reclaim() - take back everything an owner being cleared holds
 * @o: the owner, out of service: no allocation or free can start on it
 * @count: incremented by the allocations and pool blocks taken back
 * @bytes: incremented by the bytes they were asked for
 *
 * The memory side's one call for d_map_clear(): the owner's allocations
 * go back to their heaps, and its pool blocks to their pools.
 */
void dm_mem_reclaim(struct dm_owner *o, unsigned long *count, size_t *bytes)
{
	struct dm_alloc *a, *next;
	LIST_HEAD(left);

	dm_owned_take_all(o, &left);
	list_for_each_entry_safe(a, next, &left, node) {
		++*count;
		*bytes += a->size;
		dm_alloc_release(a);
	}
	dm_pool_reclaim(o, count, bytes);
}

/**
 * dm_mem_count() - what an owner holds
 * @o: the owner
 * @info: its allocations, bytes and held are set: the live allocations
 *	and pool blocks, the bytes asked for them, and the bytes held for
 *	them, rounding included
 */
void dm_mem_count(struct dm_owner *o, struct dmamem_handle_info *info)
{
	mutex_lock(&o->lock);
	info->allocations = o->nr_allocs;
	info->bytes = o->bytes;
	info->held = o->held;
	mutex_unlock(&o->lock);
	dm_pool_count(o, info);
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
