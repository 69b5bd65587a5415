// SPDX-License-Identifier: GPL-2.0
/*
 * What an owner owns, outside the pools: every live allocation is in two
 * places, its owner's list, which d_map_clear() reclaims and the owner's
 * counters sum, and the allocation map, a maple tree over the kernel
 * virtual ranges of every owner's allocations.
 *
 * What it guarantees: d_free_dmamem() tells, in O(log n), an exact
 * address from an interior one, another owner's allocation, or memory
 * dmamem never handed out, and only the exact address and size of a live
 * allocation of the owner named takes it back.  The mapping services find
 * the allocation an address lies in, in any context under RCU
 * (dm_owned_where()).  Blocks of the sub-page pools are recorded by the
 * pools instead (pool.c), and judged by the same dm_owned_verdict().
 *
 * Locking: the owner's lock (a mutex) first, then the map's own lock.  An
 * allocation enters and leaves the map and its owner's list only under its
 * owner's lock, so whoever takes it out owns it.  Owners are locked apart,
 * so writers on two owners run at the same time; the map is in RCU mode,
 * and records are freed after a grace period, so that the mapping services
 * may look an allocation up under RCU alone.  Judging a free reads another
 * owner's record, and does so under the map lock, while it is still in the
 * map.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/maple_tree.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include "heap.h"
#include "owner.h"

/* RCU mode: the mapping services look allocations up without the lock. */
static struct maple_tree dm_alloc_map = MTREE_INIT(dm_alloc_map,
						   MT_FLAGS_USE_RCU);

/**
 * dm_owner_init() - set up the memory side's record of a new handle
 * @o: the record, zeroed, embedded in the handle
 * @id: the handle's id, for log lines and tracepoints
 * @c: the handle's constraints; they must outlive @o and never change
 * @dev: the device whose DMA API allocates for the handle, or NULL
 */
void dm_owner_init(struct dm_owner *o, unsigned int id,
		   const struct dm_constraints *c, struct device *dev)
{
	o->id = id;
	o->c = c;
	o->dev = dev;
	mutex_init(&o->lock);
	INIT_LIST_HEAD(&o->allocs);
}

/**
 * dm_owner_destroy() - free what the record of a gone handle still holds
 * @o: the record; dm_mem_reclaim() has emptied it, and no fast path can
 *	still read it (an RCU grace period has passed)
 */
void dm_owner_destroy(struct dm_owner *o)
{
	kfree(o->blocks);
	mutex_destroy(&o->lock);
}

static unsigned long dm_first(const struct dm_alloc *a)
{
	return (unsigned long)a->vaddr;
}

static unsigned long dm_last(const struct dm_alloc *a)
{
	return (unsigned long)a->vaddr + a->span - 1;
}

/**
 * dm_owned_add() - record a new allocation as owned by its owner
 * @o: the owner, alive (a reference is held)
 * @a: the allocation, with @a->owner == @o
 *
 * Return: 0; -ESTALE if d_map_clear() has started on @o; -ENOMEM.
 */
int dm_owned_add(struct dm_owner *o, struct dm_alloc *a)
{
	int ret;

	mutex_lock(&o->lock);
	if (o->dead) {
		ret = -ESTALE;
		goto out;
	}
	ret = mtree_insert_range(&dm_alloc_map, dm_first(a), dm_last(a), a,
				 GFP_KERNEL);
	if (WARN_ON_ONCE(ret == -EEXIST))
		goto out;
	if (ret)
		goto out;
	list_add_tail(&a->node, &o->allocs);
	o->nr_allocs++;
	o->bytes += a->size;
	o->held += a->span;
	dm_owner_account(o, a->size);
out:
	mutex_unlock(&o->lock);
	return ret;
}

static void dm_owned_forget(struct dm_owner *o, struct dm_alloc *a)
{
	lockdep_assert_held(&o->lock);
	list_del(&a->node);
	o->nr_allocs--;
	o->bytes -= a->size;
	o->held -= a->span;
	dm_owner_account(o, -(long)a->size);
}

/**
 * dm_owned_verdict() - judge a free request against what was found there
 * @o: the owner named by the driver
 * @addr: the address named by the driver
 * @size: the size named by the driver
 * @owner: the owner of the live allocation @addr lies in, or NULL if none
 * @start: the first byte of that allocation
 * @asked: the size that allocation was asked with
 *
 * Logs the reason for a refusal.  Called with whatever lock keeps the
 * allocation found (and so @owner) alive: the map's here, a pool's for
 * blocks of the sub-page pools.
 *
 * Return: 0 when @addr and @size name exactly a live allocation of @o;
 * -ESTALE (handle being cleared), -ENOENT (not allocated), -EACCES
 * (another owner's), -EFAULT (interior address), -EINVAL (wrong size).
 */
int dm_owned_verdict(struct dm_owner *o, void *addr, size_t size,
		     struct dm_owner *owner, void *start, size_t asked)
{
	if (READ_ONCE(o->dead)) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): the handle is being cleared\n",
				    o->id, addr);
		return -ESTALE;
	}
	if (!owner) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): not allocated (already freed, or never from dmamem)\n",
				    o->id, addr);
		return -ENOENT;
	}
	if (owner != o) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): allocated for handle %u, not this one\n",
				    o->id, addr, owner->id);
		return -EACCES;
	}
	if (start != addr) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): %lu bytes into the allocation at %p\n",
				    o->id, addr,
				    (unsigned long)(addr - start), start);
		return -EFAULT;
	}
	if (asked != size) {
		pr_warn_ratelimited("handle %u: d_free_dmamem(%p): size %zu, but %zu bytes were allocated\n",
				    o->id, addr, size, asked);
		return -EINVAL;
	}
	return 0;
}

/*
 * Judge a free request against the map, under the map lock.  On success
 * the allocation found is @o's, and stays in the map while the caller
 * holds @o->lock: only its owner, under that lock, takes it out.
 */
static int dm_owned_judge(struct dm_owner *o, void *addr, size_t size,
			  struct dm_alloc **found)
{
	MA_STATE(mas, &dm_alloc_map, (unsigned long)addr, (unsigned long)addr);
	struct dm_alloc *a;
	int ret;

	lockdep_assert_held(&o->lock);
	mtree_lock(&dm_alloc_map);
	a = mas_walk(&mas);
	ret = a ? dm_owned_verdict(o, addr, size, a->owner, a->vaddr, a->size) :
		  dm_owned_verdict(o, addr, size, NULL, NULL, 0);
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
 * dm_owned_take() - take a driver-named allocation back from its owner
 * @o: the owner named by the driver, pinned
 * @addr: the address named by the driver
 * @size: the size named by the driver
 *
 * Succeeds only for the exact address and size of a live allocation of
 * @o; anything else is logged and changes nothing.
 *
 * Return: the allocation, now owned by the caller, or ERR_PTR(-ENOENT)
 * (not allocated), -EACCES (another owner's), -EFAULT (interior
 * address), -EINVAL (wrong size), -ESTALE (handle being cleared).
 */
struct dm_alloc *dm_owned_take(struct dm_owner *o, void *addr, size_t size)
{
	struct dm_alloc *a;
	int ret;

	mutex_lock(&o->lock);
	ret = dm_owned_judge(o, addr, size, &a);
	if (ret) {
		mutex_unlock(&o->lock);
		return ERR_PTR(ret);
	}
	dm_owned_erase(a);
	dm_owned_forget(o, a);
	mutex_unlock(&o->lock);
	return a;
}

/**
 * dm_owned_take_all() - take every allocation from an owner being cleared
 * @o: the owner; it accepts no new allocation afterwards
 * @out: receives the allocations, now owned by the caller
 */
void dm_owned_take_all(struct dm_owner *o, struct list_head *out)
{
	struct dm_alloc *a;

	mutex_lock(&o->lock);
	WRITE_ONCE(o->dead, true);	/* read by the pools under their locks */
	list_for_each_entry(a, &o->allocs, node)
		dm_owned_erase(a);
	list_splice_init(&o->allocs, out);
	o->nr_allocs = 0;
	o->bytes = 0;
	o->held = 0;
	mutex_unlock(&o->lock);
}

/**
 * dm_owned_where() - the allocation at an address, and where it lies
 * @vaddr: an address the driver names
 * @own: filled in when @vaddr lies in a live allocation: the bytes to its
 *	end, and for one a device's DMA API made, the device and its bus
 *	address
 *
 * Call under RCU (rcu_read_lock() or dm_fast_enter()); no lock is taken.
 * The allocation may be freed meanwhile (by a driver that maps memory it
 * is freeing); its record stays readable until the read side ends.
 *
 * Return: true when @vaddr lies in a live allocation of any owner.
 */
bool dm_owned_where(const void *vaddr, struct dm_own *own)
{
	struct dm_alloc *a = mtree_load(&dm_alloc_map, (unsigned long)vaddr);

	if (!a)
		return false;
	own->len = a->vaddr + a->span - vaddr;
	own->dev = NULL;
	if (a->backing == DM_PINNED_DEV) {
		own->dev = a->dev;
		own->base = a->bus;
		own->off = vaddr - a->vaddr;
	}
	return true;
}

/**
 * dm_owned_describe() - where a live allocation of an owner lies
 * @o: the owner
 * @addr: the address d_alloc_dmamem() returned
 * @info: filled in on success
 *
 * Return: 0, or -ENOENT when @addr is not exactly a live allocation of @o.
 */
int dm_owned_describe(struct dm_owner *o, void *addr,
		      struct dmamem_alloc_info *info)
{
	struct dm_alloc *a;
	int ret = -ENOENT;

	mutex_lock(&o->lock);
	mtree_lock(&dm_alloc_map);	/* another owner's record is read too */
	a = mtree_load(&dm_alloc_map, (unsigned long)addr);
	if (a && a->owner == o && a->vaddr == addr) {
		info->heap = a->backing == DM_REAL ? DMAMEM_HEAP_REAL :
						     DMAMEM_HEAP_PINNED;
		info->phys = a->phys;
		info->size = a->size;
		info->contiguous = a->backing != DM_PINNED_PAGES && !a->sgt;
		ret = 0;
	}
	mtree_unlock(&dm_alloc_map);
	mutex_unlock(&o->lock);
	return ret;
}
