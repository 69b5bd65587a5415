// SPDX-License-Identifier: GPL-2.0
/*
 * What a handle owns.  Every live allocation is in two places: its handle's
 * list, which d_map_clear() reclaims and the handle's counters sum; and the
 * allocation map, a maple tree over the kernel virtual ranges of every
 * handle's allocations.  The map lets d_free_dmamem() tell, in O(log n),
 * an exact address from an interior one, another handle's allocation, or
 * memory dmamem never handed out.
 *
 * Blocks of the sub-page pools are recorded by the pools instead
 * (dmamem/pool.c), per handle, and judged by the same dm_owned_verdict().
 *
 * Locking: the owner's dh->lock (a mutex) first, then the map's own lock.
 * An allocation enters and leaves the map and its handle's list only under
 * its owner's dh->lock, so whoever takes it out owns it.  Handles are
 * locked apart, so writers on two handles run at the same time; the map
 * is in RCU mode, and records are freed after a grace period, so that
 * the mapping services (any context) may look an allocation up under RCU
 * alone (dm_owned_bus()).  Judging a free reads another handle's record,
 * and does so under the map lock, while it is still in the map.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/maple_tree.h>
#include <linux/printk.h>
#include "heap.h"
#include "../dhandle/dhandle.h"
#include "../dhandle/mapping.h"

/* RCU mode: the mapping services look allocations up without the lock. */
static struct maple_tree dm_alloc_map = MTREE_INIT(dm_alloc_map,
						   MT_FLAGS_USE_RCU);

static unsigned long dm_first(const struct dm_alloc *a)
{
	return (unsigned long)a->vaddr;
}

static unsigned long dm_last(const struct dm_alloc *a)
{
	return (unsigned long)a->vaddr + a->span - 1;
}

/**
 * dm_owned_add() - record a new allocation as owned by its handle
 * @dh: the owner, alive (a reference is held)
 * @a: the allocation, with @a->owner == @dh
 *
 * Return: 0; -ESTALE if d_map_clear() has started on @dh; -ENOMEM.
 */
int dm_owned_add(struct dm_handle *dh, struct dm_alloc *a)
{
	int ret;

	mutex_lock(&dh->lock);
	if (dh->dead) {
		ret = -ESTALE;
		goto out;
	}
	ret = mtree_insert_range(&dm_alloc_map, dm_first(a), dm_last(a), a,
				 GFP_KERNEL);
	if (WARN_ON_ONCE(ret == -EEXIST))
		goto out;
	if (ret)
		goto out;
	list_add_tail(&a->node, &dh->allocs);
	dh->nr_allocs++;
	dh->bytes += a->size;
	dh->held += a->span;
	dm_owned_account(dh, a->size);
out:
	mutex_unlock(&dh->lock);
	return ret;
}

static void dm_owned_forget(struct dm_handle *dh, struct dm_alloc *a)
{
	lockdep_assert_held(&dh->lock);
	list_del(&a->node);
	dh->nr_allocs--;
	dh->bytes -= a->size;
	dh->held -= a->span;
	dm_owned_account(dh, -(long)a->size);
}

/**
 * dm_owned_verdict() - judge a free request against what was found there
 * @dh: the handle named by the driver
 * @addr: the address named by the driver
 * @size: the size named by the driver
 * @owner: the handle of the live allocation @addr lies in, or NULL if none
 * @start: the first byte of that allocation
 * @asked: the size that allocation was asked with
 *
 * Logs the reason for a refusal.  Called with whatever lock keeps the
 * allocation found (and so @owner) alive: the map's here, a pool's for
 * blocks of the sub-page pools.
 *
 * Return: 0 when @addr and @size name exactly a live allocation of @dh;
 * -ESTALE (handle being cleared), -ENOENT (not allocated), -EACCES
 * (another handle's), -EFAULT (interior address), -EINVAL (wrong size).
 */
int dm_owned_verdict(struct dm_handle *dh, void *addr, size_t size,
		     struct dm_handle *owner, void *start, size_t asked)
{
	if (READ_ONCE(dh->dead)) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): the handle is being cleared\n",
				    dh->pub.id, addr);
		return -ESTALE;
	}
	if (!owner) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): not allocated (already freed, or never from dmamem)\n",
				    dh->pub.id, addr);
		return -ENOENT;
	}
	if (owner != dh) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): allocated for handle %u, not this one\n",
				    dh->pub.id, addr, owner->pub.id);
		return -EACCES;
	}
	if (start != addr) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): %lu bytes into the allocation at %p\n",
				    dh->pub.id, addr,
				    (unsigned long)(addr - start), start);
		return -EFAULT;
	}
	if (asked != size) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): size %zu, but %zu bytes were allocated\n",
				    dh->pub.id, addr, size, asked);
		return -EINVAL;
	}
	return 0;
}

/*
 * Judge a free request against the map, under the map lock.  On success
 * the allocation found is @dh's, and stays in the map while the caller
 * holds @dh->lock: only its owner, under that lock, takes it out.
 */
static int dm_owned_judge(struct dm_handle *dh, void *addr, size_t size,
			  struct dm_alloc **found)
{
	MA_STATE(mas, &dm_alloc_map, (unsigned long)addr, (unsigned long)addr);
	struct dm_alloc *a;
	int ret;

	lockdep_assert_held(&dh->lock);
	mtree_lock(&dm_alloc_map);
	a = mas_walk(&mas);
	ret = a ? dm_owned_verdict(dh, addr, size, a->owner, a->vaddr, a->size) :
		  dm_owned_verdict(dh, addr, size, NULL, NULL, 0);
	mtree_unlock(&dm_alloc_map);
	*found = a;
	return ret;
}

/*
 * Take an allocation out of the map.  mtree_erase() leaves the entry in
 * place when it cannot allocate a node; a store of NULL that may not fail
 * always takes it out.
 */
static void dm_owned_erase(struct dm_alloc *a)
{
	WARN_ON_ONCE(mtree_store_range(&dm_alloc_map, dm_first(a), dm_last(a),
				       NULL, GFP_KERNEL | __GFP_NOFAIL));
}

/**
 * dm_owned_take() - take a driver-named allocation back from its handle
 * @dh: the handle named by the driver, alive
 * @addr: the address named by the driver
 * @size: the size named by the driver
 *
 * Succeeds only for the exact address and size of a live allocation of
 * @dh; anything else is logged and changes nothing.
 *
 * Return: the allocation, now owned by the caller, or ERR_PTR(-ENOENT)
 * (not allocated), -EACCES (another handle's), -EFAULT (interior
 * address), -EINVAL (wrong size), -ESTALE (handle being cleared).
 */
struct dm_alloc *dm_owned_take(struct dm_handle *dh, void *addr, size_t size)
{
	struct dm_alloc *a;
	int ret;

	mutex_lock(&dh->lock);
	ret = dm_owned_judge(dh, addr, size, &a);
	if (ret) {
		mutex_unlock(&dh->lock);
		return ERR_PTR(ret);
	}
	dm_owned_erase(a);
	dm_owned_forget(dh, a);
	mutex_unlock(&dh->lock);
	return a;
}

/**
 * dm_owned_take_all() - take every allocation from a handle being cleared
 * @dh: the handle; it accepts no new allocation afterwards
 * @out: receives the allocations, now owned by the caller
 */
void dm_owned_take_all(struct dm_handle *dh, struct list_head *out)
{
	struct dm_alloc *a;

	mutex_lock(&dh->lock);
	WRITE_ONCE(dh->dead, true);	/* read by the pools under their locks */
	list_for_each_entry(a, &dh->allocs, node)
		dm_owned_erase(a);
	list_splice_init(&dh->allocs, out);
	dh->nr_allocs = 0;
	dh->bytes = 0;
	dh->held = 0;
	mutex_unlock(&dh->lock);
}

/**
 * dm_owned_bus() - the bus address of a whole allocation a device's DMA
 *	API made
 * @dev: the device
 * @vaddr: an address the driver names
 * @own: filled in when @vaddr lies in such an allocation of @dev
 *
 * Any context; takes no lock.  The allocation may be freed meanwhile
 * (by a driver that maps memory it is freeing); its record stays
 * readable until the RCU read side ends.
 *
 * Return: true when @vaddr lies in an allocation made through @dev's DMA
 * API (DM_PINNED_DEV), with its bus address in @own.
 */
bool dm_owned_bus(struct device *dev, const void *vaddr, struct dm_own *own)
{
	struct dm_alloc *a;
	bool found = false;

	rcu_read_lock();
	a = mtree_load(&dm_alloc_map, (unsigned long)vaddr);
	if (a && a->backing == DM_PINNED_DEV && a->dev == dev) {
		own->base = a->bus;
		own->off = vaddr - a->vaddr;
		own->len = a->span - own->off;
		found = true;
	}
	rcu_read_unlock();
	return found;
}

/**
 * dm_owned_extent() - how far the allocation at an address runs
 * @vaddr: an address the driver names
 * @len: receives the bytes from @vaddr to the end of its allocation
 *
 * Any context; takes no lock, as dm_owned_bus().
 *
 * Return: true when @vaddr lies in a live allocation of any handle.
 */
bool dm_owned_extent(const void *vaddr, size_t *len)
{
	struct dm_alloc *a;

	rcu_read_lock();
	a = mtree_load(&dm_alloc_map, (unsigned long)vaddr);
	if (a)
		*len = a->vaddr + a->span - vaddr;
	rcu_read_unlock();
	return a;
}

/**
 * dm_owned_describe() - where a live allocation of a handle lies
 * @dh: the handle
 * @addr: the address d_alloc_dmamem() returned
 * @info: filled in on success
 *
 * Return: 0, or -ENOENT when @addr is not exactly a live allocation of @dh.
 */
int dm_owned_describe(struct dm_handle *dh, void *addr,
		      struct dmamem_alloc_info *info)
{
	struct dm_alloc *a;
	int ret = -ENOENT;

	mutex_lock(&dh->lock);
	mtree_lock(&dm_alloc_map);	/* another handle's record is read too */
	a = mtree_load(&dm_alloc_map, (unsigned long)addr);
	if (a && a->owner == dh && a->vaddr == addr) {
		info->heap = a->backing == DM_REAL ? DMAMEM_HEAP_REAL :
						     DMAMEM_HEAP_PINNED;
		info->phys = a->phys;
		info->size = a->size;
		info->contiguous = a->backing != DM_PINNED_PAGES && !a->sgt;
		ret = 0;
	}
	mtree_unlock(&dm_alloc_map);
	mutex_unlock(&dh->lock);
	return ret;
}
