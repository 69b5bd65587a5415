// SPDX-License-Identifier: GPL-2.0
/*
 * Which heap serves a request, and the way back to it (dm_alloc_return()).
 *
 * The AIX idea: requests the pinned heap cannot reliably give come from
 * the real heap.  Under the default policy ("auto") those are requests
 * whose ceiling is below 32 bits (the page allocator has only the small
 * ZONE_DMA for them) and physically contiguous requests larger than the
 * page allocator reliably gives (more than 2^PAGE_ALLOC_COSTLY_ORDER
 * pages, or more aligned).  Everything else goes to the pinned heap first.
 * Whichever heap is asked first, the other stands in when it fails.
 *
 * heap_policy=pinned or heap_policy=real asks that heap first for every
 * request.  A handle created with DMA_HEAP_PINNED or DMA_HEAP_REAL uses
 * that heap only.
 *
 * Locking: none; heap_policy is read-only once the module is loaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "heap.h"
#include "pool.h"
#include "stats.h"
#include "../dhandle/constraints.h"

enum dm_policy { DM_POLICY_AUTO, DM_POLICY_PINNED, DM_POLICY_REAL };

static const char * const dm_policy_names[] = {
	[DM_POLICY_AUTO] = "auto",
	[DM_POLICY_PINNED] = "pinned",
	[DM_POLICY_REAL] = "real",
};

static int dm_policy = DM_POLICY_AUTO;

static int dm_policy_set(const char *val, const struct kernel_param *kp)
{
	int i = sysfs_match_string(dm_policy_names, val);

	if (i < 0) {
		pr_err("heap_policy=%s: want auto, pinned or real\n", val);
		return -EINVAL;
	}
	*(int *)kp->arg = i;
	return 0;
}

static int dm_policy_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", dm_policy_names[*(int *)kp->arg]);
}

static const struct kernel_param_ops dm_policy_ops = {
	.set = dm_policy_set,
	.get = dm_policy_get,
};

module_param_cb(heap_policy, &dm_policy_ops, &dm_policy, 0444);
MODULE_PARM_DESC(heap_policy,
		 "which heap d_alloc_dmamem asks first: auto (default), pinned or real");

/* Would the pinned heap struggle to give this? */
static bool dm_pinned_unreliable(const struct dm_constraints *c, size_t size,
				 unsigned int align)
{
	if (c->phys_mask < DMA_BIT_MASK(32))
		return true;
	return dm_pinned_contiguous(c, size, align) && !c->translated &&
	       dm_pinned_order(size, align) > PAGE_ALLOC_COSTLY_ORDER;
}

static bool dm_real_first(const struct dm_constraints *c, size_t size,
			  unsigned int align)
{
	if (dm_policy == DM_POLICY_AUTO)
		return dm_pinned_unreliable(c, size, align);
	return dm_policy == DM_POLICY_REAL;
}

static int dm_policy_try(enum dmamem_heap heap, struct device *dev,
			 const struct dm_constraints *c, size_t size,
			 unsigned int align, struct dm_alloc *a, const char **why)
{
	return heap == DMAMEM_HEAP_REAL ?
	       dm_real_alloc(c, size, align, a, why) :
	       dm_pinned_alloc(dev, c, size, align, a, why);
}

/*
 * Ask one heap, and count its refusal.  A heap out of memory is asked
 * again once the pools have given back its spare pages, if they had any.
 */
static int dm_policy_ask(enum dmamem_heap heap, struct device *dev,
			 const struct dm_constraints *c, size_t size,
			 unsigned int align, struct dm_alloc *a, const char **why)
{
	enum dm_pool_trim its = heap == DMAMEM_HEAP_REAL ? DM_TRIM_REAL :
							   DM_TRIM_PINNED;
	int ret = dm_policy_try(heap, dev, c, size, align, a, why);

	if (ret == -ENOMEM && dm_pool_spare_trim(its, ULONG_MAX, true))
		ret = dm_policy_try(heap, dev, c, size, align, a, why);
	if (ret)
		dm_stat_refused(heap, ret);
	return ret;
}

/**
 * dm_policy_alloc() - serve a request from the heap the policy picks
 * @dev: the device the handle is bound to, or NULL: the pinned heap then
 *	allocates through its DMA API
 * @c: the handle's constraints
 * @size: bytes requested, already validated
 * @align: log2 alignment, already validated
 * @a: filled in by the heap that serves the request
 * @why: on failure, why the last heap asked refused
 *
 * Each refusal of a heap is counted (dmamem/stats.c), the one the other
 * heap then stands in for too.
 *
 * Return: 0, or the last heap's negative errno.
 */
int dm_policy_alloc(struct device *dev, const struct dm_constraints *c,
		    size_t size, unsigned int align, struct dm_alloc *a,
		    const char **why)
{
	enum dmamem_heap first, second;

	if (c->heap == DMA_HEAP_PINNED)
		return dm_policy_ask(DMAMEM_HEAP_PINNED, dev, c, size, align, a,
				     why);
	if (c->heap == DMA_HEAP_REAL)
		return dm_policy_ask(DMAMEM_HEAP_REAL, dev, c, size, align, a,
				     why);

	first = dm_real_first(c, size, align) ? DMAMEM_HEAP_REAL :
						DMAMEM_HEAP_PINNED;
	second = first == DMAMEM_HEAP_REAL ? DMAMEM_HEAP_PINNED :
					     DMAMEM_HEAP_REAL;
	if (!dm_policy_ask(first, dev, c, size, align, a, why))
		return 0;
	return dm_policy_ask(second, dev, c, size, align, a, why);
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
