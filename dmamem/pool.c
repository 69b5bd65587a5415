// SPDX-License-Identifier: GPL-2.0
/*
 * Sub-page block pools: d_alloc_dmamem() requests of at most a page, with
 * an alignment of at most a page, are rounded up to a size class that
 * gives their alignment and carved from whole pages of the heaps; above
 * half a page a request is the one block of its page.
 *
 * Pages are taken through the heap policy, one at a time, with the
 * constraints of a sharing key: the handle's ceiling, DMA_NO_ZERO_ADDR,
 * heap override and bound device.  Handles with the same key share pages;
 * each handle owns its own blocks.  Handles bound to different devices
 * never share a page, so one device's overrun cannot reach another
 * device's blocks.  A single page is physically contiguous and crosses no
 * boundary of a page or more; poolclass.c makes sure a block crosses no
 * smaller boundary either.  Every block is zeroed when handed out, its
 * rounding included.  A page whose last block is freed stays in its pool,
 * spare, for a while (poolspare.c).
 *
 * The structures: a set per sharing key, holding a pool per size class;
 * each pool has its pages (poolpage.c), and the pages with a free block on
 * a partial list.  A handle's part is a user record (struct dm_handle's
 * @blocks) with a share per class, listing the handle's tenants: one per
 * page it has blocks on, with a bitmap of them.  d_map_clear() walks the
 * handle's tenants and frees exactly its blocks.
 *
 * Allocation takes a block from the page the handle allocated from last if
 * it has room, else from the first partial page, else from a new page:
 * O(1).  A free finds the page by address, checks the block and gives it
 * back: O(1).  Both are bounded by the handles sharing the page when a
 * handle first takes a block there or the owner of a block is looked up.
 *
 * Locking: each pool has a spinlock over its pages, tenants and shares.
 * Records are allocated, and pages taken from or given back to the heaps,
 * with no pool lock held.  The handle's lock is taken only to attach the
 * user record, and never with a pool's lock or dm_pool_sets_lock held
 * (the lock order is in dhandle/dhandle.h).
 * The fast paths (dm_pool_alloc_fast(), dm_pool_free()) run under
 * dm_fast_enter() (an RCU read side) with no reference on the handle: the
 * handle and its user record are freed only after a grace period, page
 * records likewise, and the user's page hint is cleared under the pool's
 * lock before its page can go.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include "pool.h"
#include "../dhandle/mapping.h"

static DEFINE_MUTEX(dm_pool_sets_lock);
static LIST_HEAD(dm_pool_sets);

static bool dm_pool_same_key(const struct dm_pool_set *set,
			     const struct dm_constraints *c,
			     struct device *dev)
{
	return set->dev == dev && set->c.dma_mask == c->dma_mask &&
	       set->c.no_zero_addr == c->no_zero_addr && set->c.heap == c->heap;
}

static struct dm_pool_set *dm_pool_set_new(const struct dm_constraints *c,
					   struct device *dev)
{
	unsigned int k, n = dm_pool_nr_classes();
	struct dm_pool_set *set;
	struct dm_pool *pool;

	set = kzalloc(struct_size(set, pools, n), GFP_KERNEL);
	if (!set)
		return NULL;
	/* One page is contiguous and crosses no boundary of a page or more. */
	set->c = (struct dm_constraints) {
		.dma_mask = c->dma_mask,
		.phys_mask = c->phys_mask,
		.translated = c->translated,
		.contiguous = true,
		.no_zero_addr = c->no_zero_addr,
		.heap = c->heap,
	};
	set->dev = dev;
	for (k = 0; k < n; k++) {
		pool = &set->pools[k];
		spin_lock_init(&pool->lock);
		INIT_LIST_HEAD(&pool->partial);
		INIT_LIST_HEAD(&pool->spare);
		pool->set = set;
		pool->block = dm_pool_class_size(k);
		pool->shift = is_power_of_2(pool->block) ? ilog2(pool->block) : 0;
		pool->per_page = PAGE_SIZE / pool->block;
	}
	return set;
}

/*
 * The set for a handle's constraints and device, made on first use; kept
 * until unload.  A device's handles hold a reference to it, so while one
 * of them has a block, no other device can have its address.
 */
static struct dm_pool_set *dm_pool_set_get(const struct dm_constraints *c,
					   struct device *dev)
{
	struct dm_pool_set *set;

	mutex_lock(&dm_pool_sets_lock);
	list_for_each_entry(set, &dm_pool_sets, node)
		if (dm_pool_same_key(set, c, dev))
			goto out;
	set = dm_pool_set_new(c, dev);
	if (set)
		list_add(&set->node, &dm_pool_sets);
out:
	mutex_unlock(&dm_pool_sets_lock);
	return set;
}

static struct dm_pool_user *dm_pool_user_new(struct dm_handle *dh)
{
	unsigned int k, n = dm_pool_nr_classes();
	struct dm_pool_user *user;

	user = kzalloc(struct_size(user, shares, n), GFP_KERNEL);
	if (!user)
		return NULL;
	user->set = dm_pool_set_get(&dh->c, dh->dev);
	if (!user->set) {
		kfree(user);
		return NULL;
	}
	for (k = 0; k < n; k++)
		INIT_LIST_HEAD(&user->shares[k].tenants);
	return user;
}

/* The handle's user record, or NULL before its first block. */
static struct dm_pool_user *dm_pool_user_of(struct dm_handle *dh)
{
	/* pairs with smp_store_release() in dm_pool_user_get() */
	return smp_load_acquire(&dh->blocks);
}

/*
 * The handle's user record, attached on its first block.  It is attached
 * under the handle's lock, so d_map_clear() either sees it or is seen.
 */
static struct dm_pool_user *dm_pool_user_get(struct dm_handle *dh,
					     const char **why)
{
	struct dm_pool_user *user = dm_pool_user_of(dh);
	struct dm_pool_user *made;

	if (user)
		return user;
	made = dm_pool_user_new(dh);
	if (!made) {
		*why = "out of memory";
		return ERR_PTR(-ENOMEM);
	}
	mutex_lock(&dh->lock);
	if (dh->dead) {
		*why = "handle cleared meanwhile";
		user = ERR_PTR(-ESTALE);
	} else if (dh->blocks) {
		user = dh->blocks;
	} else {
		/* published initialised: pairs with dm_pool_user_of() */
		smp_store_release(&dh->blocks, made);
		user = made;
	}
	mutex_unlock(&dh->lock);
	if (user != made)
		kfree(made);
	return user;
}

static size_t dm_pool_tenant_held(const struct dm_pool *pool)
{
	return kmalloc_size_roundup(dm_pool_tenant_bytes(pool));
}

/*
 * Under the pool's lock: make the pool's stashed record, or else @spare,
 * the handle's tenant on @pp.
 */
static struct dm_pool_tenant *dm_pool_join(struct dm_pool_page *pp,
					   struct dm_pool_share *share,
					   struct dm_handle *dh,
					   struct dm_pool_tenant **spare)
{
	struct dm_pool_tenant *t = pp->pool->stash;

	lockdep_assert_held(&pp->pool->lock);

	if (t) {
		pp->pool->stash = NULL;
	} else {
		t = *spare;
		if (!t)
			return NULL;
		*spare = NULL;
		pp->pool->overhead += dm_pool_tenant_held(pp->pool);
	}
	t->dh = dh;
	t->share = share;
	t->page = pp;
	list_add(&t->page_node, &pp->tenants);
	list_add(&t->share_node, &share->tenants);
	return t;
}

/*
 * Under the pool's lock: a tenant with no block left goes; its record is
 * stashed for the next page a handle joins if the pool has none.
 */
static void dm_pool_leave(struct dm_pool_tenant *t)
{
	struct dm_pool_share *share = t->share;
	struct dm_pool *pool = t->page->pool;

	lockdep_assert_held(&pool->lock);

	list_del(&t->page_node);
	list_del(&t->share_node);
	if (share->cur == t)
		share->cur = NULL;
	/* other pools' locks guard other pages: only this page's hint goes */
	cmpxchg(&t->dh->blocks->hint, t->page, NULL);
	if (!pool->stash) {
		pool->stash = t;	/* its bitmap is clear */
		return;
	}
	pool->overhead -= dm_pool_tenant_held(pool);
	kfree(t);
}

/**
 * dm_pool_unstash() - free a pool's stashed tenant record, if any
 * @pool: the pool, its lock held
 */
void dm_pool_unstash(struct dm_pool *pool)
{
	if (!pool->stash)
		return;
	pool->overhead -= dm_pool_tenant_held(pool);
	kfree(pool->stash);
	pool->stash = NULL;
}

/*
 * Under the pool's lock: the page the handle's next block comes from: the
 * one it took a block from last, a page with live blocks, or a spare page
 * if a tenant record is at hand for it.
 */
static __always_inline struct dm_pool_page *
dm_pool_pick(struct dm_pool *pool, struct dm_pool_share *share,
	     struct dm_pool_tenant *spare)
{
	struct dm_pool_page *pp;

	lockdep_assert_held(&pool->lock);

	if (share->cur && share->cur->page->nfree)
		return share->cur->page;
	pp = list_first_entry_or_null(&pool->partial, struct dm_pool_page, node);
	if (pp || (!pool->stash && !spare))
		return pp;
	return dm_pool_spare_take(pool);
}

static void dm_pool_count_add(struct dm_pool *pool, struct dm_pool_share *share,
			      size_t size, long n)
{
	share->blocks += n;
	share->bytes += n * size;
	pool->blocks += n;
	pool->bytes += n * size;
}

/*
 * Every block is zeroed as it is handed out, its rounding included: a
 * block never handed out is no proof of zero, as a device that overran a
 * neighbour may have written it.  It is zeroed under the pool's lock:
 * d_map_clear() may reclaim the block the moment the lock is dropped, and
 * the block may then be another handle's before a late zeroing lands.
 * Always inline: it is on the allocation fast path.
 */
static __always_inline void *dm_pool_zero(struct dm_pool *pool, void *vaddr)
{
	lockdep_assert_held(&pool->lock);
	memset(vaddr, 0, pool->block);
	return vaddr;
}

/*
 * Under the pool's lock: take a block for the handle from @pp, or if NULL
 * from the page dm_pool_pick() gives, when a tenant record is at hand.
 * Always inline: it is the whole of the allocation fast path.
 */
static __always_inline void *dm_pool_take(struct dm_pool *pool,
					  struct dm_pool_share *share,
					  struct dm_handle *dh, size_t size,
					  struct dm_pool_page *pp,
					  struct dm_pool_tenant **spare)
{
	struct dm_pool_tenant *t;
	unsigned int i;

	lockdep_assert_held(&pool->lock);

	if (!pp) {
		pp = dm_pool_pick(pool, share, *spare);
		if (!pp)
			return NULL;
	}
	t = dm_pool_page_tenant(pp, share) ?: dm_pool_join(pp, share, dh, spare);
	if (!t)
		return NULL;
	i = dm_pool_page_take(pp, t, size);
	share->cur = t;
	WRITE_ONCE(dh->blocks->hint, pp);
	dm_pool_count_add(pool, share, size, 1);
	return dm_pool_zero(pool, pp->vaddr + i * pool->block);
}

/*
 * Under the pool's lock: take a block for the handle if a page and a
 * tenant record are at hand.  *fresh is a new page to use first.
 */
static void *dm_pool_try(struct dm_pool *pool, struct dm_pool_share *share,
			 struct dm_handle *dh, size_t size,
			 struct dm_pool_page **fresh,
			 struct dm_pool_tenant **spare)
{
	struct dm_pool_page *pp = *fresh;

	lockdep_assert_held(&pool->lock);

	if (pp) {
		dm_pool_page_add(pp);
		*fresh = NULL;
	}
	return dm_pool_take(pool, share, dh, size, pp, spare);
}

/* Under the pool's lock: a new page the handle can no longer use goes. */
static void dm_pool_unused(struct dm_pool_page *fresh)
{
	lockdep_assert_held(&fresh->pool->lock);

	dm_pool_page_add(fresh);
	dm_pool_page_drop(fresh);
}

/*
 * Take a block under the pool's lock, unless d_map_clear() has started on
 * the handle; a new page left unused then is dropped, for the caller to
 * put.
 */
static void *dm_pool_try_locked(struct dm_pool *pool,
				struct dm_pool_share *share,
				struct dm_handle *dh, size_t size,
				struct dm_pool_page **fresh,
				struct dm_pool_tenant **spare, const char **why)
{
	void *vaddr;

	spin_lock(&pool->lock);
	if (READ_ONCE(dh->dead)) {
		*why = "handle cleared meanwhile";
		vaddr = ERR_PTR(-ESTALE);
		if (*fresh)
			dm_pool_unused(*fresh);
	} else {
		vaddr = dm_pool_try(pool, share, dh, size, fresh, spare);
	}
	spin_unlock(&pool->lock);
	return vaddr;
}

/*
 * The slow path of dm_pool_alloc(): no page has room, or the handle has no
 * tenant record on the one that does.  Get a record, and a page if none
 * has room, with the lock dropped, and try again.
 */
static void *dm_pool_take_slow(struct dm_pool *pool,
			       struct dm_pool_share *share,
			       struct dm_handle *dh, size_t size,
			       const char **why)
{
	struct dm_pool_page *fresh = NULL;
	struct dm_pool_tenant *spare;
	void *vaddr;

	spare = kzalloc(dm_pool_tenant_bytes(pool), GFP_KERNEL);
	if (!spare) {
		*why = "out of memory";
		return ERR_PTR(-ENOMEM);
	}
	for (;;) {
		vaddr = dm_pool_try_locked(pool, share, dh, size, &fresh,
					   &spare, why);
		if (vaddr)
			break;
		/* with a record at hand, only a page was missing */
		fresh = dm_pool_page_new(pool, why);
		if (IS_ERR(fresh)) {
			vaddr = fresh;
			fresh = NULL;
			break;
		}
	}
	if (IS_ERR(vaddr) && fresh)
		dm_pool_page_put(fresh);
	kfree(spare);
	return vaddr;
}

/**
 * dm_pool_alloc_fast() - a zeroed block, if one is at hand, without sleeping
 * @dh: the handle, under dm_fast_enter() (it may hold no reference)
 * @k: the size class serving the request: dm_pool_class(), not -1
 * @size: bytes requested, already validated
 *
 * Serves the request only from a page with a free block on which the
 * handle already has blocks (or a tenant record at hand); anything else,
 * and every failure, is left to dm_pool_alloc().
 *
 * Return: the block's kernel virtual address, or NULL.
 */
void *dm_pool_alloc_fast(struct dm_handle *dh, int k, size_t size)
{
	struct dm_pool_user *user = dm_pool_user_of(dh);
	struct dm_pool_tenant *none = NULL;
	struct dm_pool *pool;
	void *vaddr = NULL;

	if (!user)
		return NULL;
	pool = &user->set->pools[k];
	spin_lock(&pool->lock);
	if (likely(!READ_ONCE(dh->dead)))
		vaddr = dm_pool_take(pool, &user->shares[k], dh, size, NULL,
				     &none);
	spin_unlock(&pool->lock);
	return vaddr;
}

/**
 * dm_pool_alloc() - a zeroed block for a handle, the slow way
 * @dh: the handle, alive
 * @k: the size class serving the request: dm_pool_class(), not -1
 * @size: bytes requested, already validated
 * @why: on failure, set to a sentence saying why
 *
 * For when dm_pool_alloc_fast() found no block at hand: gets a tenant
 * record, and a page if need be, with no lock held, then takes a block.
 *
 * Return: the block's kernel virtual address, or an ERR_PTR(): -ENOMEM,
 * -ESTALE when d_map_clear() started on @dh, or the heaps' errno when no
 * page could be had.
 */
void *dm_pool_alloc(struct dm_handle *dh, int k, size_t size,
		    const char **why)
{
	struct dm_pool_user *user;
	struct dm_pool *pool;

	user = dm_pool_user_get(dh, why);
	if (IS_ERR(user))
		return user;
	pool = &user->set->pools[k];
	return dm_pool_take_slow(pool, &user->shares[k], dh, size, why);
}

/*
 * Under the pool's lock: give a block back.  The page becomes the
 * handle's hint while it has blocks there, so frees in a row skip the
 * lookup table.
 */
static void dm_pool_give(struct dm_pool_page *pp, struct dm_pool_tenant *t,
			 unsigned int i)
{
	lockdep_assert_held(&pp->pool->lock);

	dm_pool_count_add(pp->pool, t->share, dm_pool_page_size(pp, i), -1);
	dm_pool_page_give(pp, t, i);
	if (t->count)
		WRITE_ONCE(t->dh->blocks->hint, pp);
	else
		dm_pool_leave(t);
}

/* Under the pool's lock: judge a free request; on success *t and *i. */
static int dm_pool_judge(struct dm_handle *dh, struct dm_pool_page *pp,
			 void *addr, size_t size, struct dm_pool_tenant **t,
			 unsigned int *i)
{
	struct dm_pool *pool = pp->pool;
	size_t asked;
	void *start;

	lockdep_assert_held(&pp->pool->lock);

	*i = dm_pool_page_block(pp, addr);
	if (pp->dead || *i >= pool->per_page || !test_bit(*i, pp->used))
		return dm_owned_verdict(dh, addr, size, NULL, NULL, 0);
	*t = dm_pool_page_owner(pp, *i);
	start = pp->vaddr + *i * pool->block;
	asked = dm_pool_page_size(pp, *i);
	/* the common case, without a call: dm_owned_verdict() would agree */
	if (likely((*t)->dh == dh && start == addr && asked == size &&
		   !READ_ONCE(dh->dead)))
		return 0;
	return dm_owned_verdict(dh, addr, size, (*t)->dh, start, asked);
}

/*
 * Under RCU: the pool page @addr lies in, or NULL.  The handle's hint is
 * live (its tenant record on the page is, under the same lock as the
 * page), so it is tried before the lookup table.
 */
static struct dm_pool_page *dm_pool_page_hinted(struct dm_handle *dh,
						const void *addr)
{
	struct dm_pool_user *user = dm_pool_user_of(dh);
	struct dm_pool_page *pp = user ? READ_ONCE(user->hint) : NULL;

	if (pp && (unsigned long)(addr - pp->vaddr) < PAGE_SIZE)
		return pp;
	return dm_pool_page_find(addr);
}

/**
 * dm_pool_free() - give a block back, if @addr is in a pool page
 * @dh: the handle named by the driver, under dm_fast_enter()
 * @addr: the address named by the driver
 * @size: the size named by the driver
 *
 * Does not sleep.  A page left with no live block stays in its pool,
 * spare (poolspare.c).  The checks and their log lines are those of
 * dm_owned_verdict(); a refused request changes nothing.
 *
 * Return: 0; -ENXIO when @addr is in no pool page (the caller looks
 * elsewhere); or dm_owned_verdict()'s errno.
 */
int dm_pool_free(struct dm_handle *dh, void *addr, size_t size)
{
	struct dm_pool_tenant *t;
	struct dm_pool_page *pp;
	struct dm_pool *pool;
	unsigned int i;
	int ret;

	pp = dm_pool_page_hinted(dh, addr);
	if (!pp)
		return -ENXIO;
	pool = pp->pool;
	spin_lock(&pool->lock);
	ret = dm_pool_judge(dh, pp, addr, size, &t, &i);
	if (likely(!ret))
		dm_pool_give(pp, t, i);
	spin_unlock(&pool->lock);
	return ret;
}

/*
 * Under rcu_read_lock(): the bytes from @vaddr to the end of its block in
 * @pp, or 0 when it lies past the page's last block.
 */
static size_t dm_pool_block_left(const struct dm_pool_page *pp,
				 const void *vaddr)
{
	unsigned int i = dm_pool_page_block(pp, vaddr);

	if (i >= pp->pool->per_page)
		return 0;
	return (i + 1) * pp->pool->block - (vaddr - pp->vaddr);
}

/**
 * dm_pool_bus() - the bus address of a pool block a device's DMA API made
 * @dev: the device
 * @vaddr: an address the driver names
 * @own: filled in when @vaddr lies in a block of a page of @dev's pools
 *
 * Any context; takes no lock: a page's record does not change while it
 * is in the lookup table, and is freed after a grace period.  @own->len
 * ends at the end of the block, so a mapping never reaches a neighbour.
 *
 * Return: true when @vaddr lies in a block of a page @dev's DMA API
 * allocated, with the page's bus address in @own.
 */
bool dm_pool_bus(struct device *dev, const void *vaddr, struct dm_own *own)
{
	const struct dm_pool_page *pp;
	size_t left = 0;

	rcu_read_lock();
	pp = dm_pool_page_find(vaddr);
	if (pp && pp->mem.backing == DM_PINNED_DEV && pp->mem.dev == dev)
		left = dm_pool_block_left(pp, vaddr);
	if (left) {
		own->base = pp->mem.bus;
		own->off = vaddr - pp->vaddr;
		own->len = left;
	}
	rcu_read_unlock();
	return left;
}

/**
 * dm_pool_extent() - how far the pool block at an address runs
 * @vaddr: an address the driver names
 * @len: receives the bytes from @vaddr to the end of its block
 *
 * Any context; takes no lock, as dm_pool_bus().
 *
 * Return: true when @vaddr lies in a block of any pool page.
 */
bool dm_pool_extent(const void *vaddr, size_t *len)
{
	const struct dm_pool_page *pp;
	size_t left = 0;

	rcu_read_lock();
	pp = dm_pool_page_find(vaddr);
	if (pp)
		left = dm_pool_block_left(pp, vaddr);
	if (left)
		*len = left;
	rcu_read_unlock();
	return left;
}

/**
 * dm_pool_describe() - where a live block of a handle lies
 * @dh: the handle named by the driver
 * @addr: the address named by the driver
 * @info: filled in on success
 *
 * Return: 0; -ENXIO when @addr is in no pool page (the caller looks
 * elsewhere); -ENOENT when it is not exactly a live block of @dh.
 */
int dm_pool_describe(struct dm_handle *dh, void *addr,
		     struct dmamem_alloc_info *info)
{
	struct dm_pool_tenant *t;
	struct dm_pool_page *pp;
	struct dm_pool *pool;
	int ret = -ENOENT;
	unsigned int i;

	rcu_read_lock();
	pp = dm_pool_page_find(addr);
	if (!pp) {
		rcu_read_unlock();
		return -ENXIO;
	}
	pool = pp->pool;
	spin_lock(&pool->lock);
	i = dm_pool_page_block(pp, addr);
	if (!pp->dead && i < pool->per_page && test_bit(i, pp->used) &&
	    addr == pp->vaddr + i * pool->block) {
		t = dm_pool_page_owner(pp, i);
		if (t && t->dh == dh) {
			info->heap = pp->mem.backing == DM_REAL ?
				     DMAMEM_HEAP_REAL : DMAMEM_HEAP_PINNED;
			info->phys = pp->mem.phys + (addr - pp->vaddr);
			info->size = dm_pool_page_size(pp, i);
			info->contiguous = true;
			ret = 0;
		}
	}
	spin_unlock(&pool->lock);
	rcu_read_unlock();
	return ret;
}

/* Under the pool's lock: give back every block of a tenant. */
static void dm_pool_evict(struct dm_pool_tenant *t)
{
	struct dm_pool_page *pp = t->page;
	struct dm_pool *pool = pp->pool;
	unsigned int i;

	lockdep_assert_held(&pool->lock);

	for_each_set_bit(i, t->owned, pool->per_page) {
		dm_pool_count_add(pool, t->share, dm_pool_page_size(pp, i), -1);
		dm_pool_page_give(pp, t, i);
	}
	dm_pool_leave(t);
}

/* Call @fn on each of a handle's shares, under its pool's lock. */
static void dm_pool_each_share(struct dm_handle *dh,
			       void (*fn)(struct dm_pool *pool,
					  struct dm_pool_share *share,
					  void *arg),
			       void *arg)
{
	struct dm_pool_user *user = dm_pool_user_of(dh);
	struct dm_pool *pool;
	unsigned int k;

	if (!user)
		return;
	for (k = 0; k < dm_pool_nr_classes(); k++) {
		pool = &user->set->pools[k];
		spin_lock(&pool->lock);
		fn(pool, &user->shares[k], arg);
		spin_unlock(&pool->lock);
	}
}

/* What dm_pool_reclaim() gathers. */
struct dm_pool_reclaimed {
	unsigned long count;
	size_t bytes;
};

static void dm_pool_reclaim_share(struct dm_pool *pool,
				  struct dm_pool_share *share, void *arg)
{
	struct dm_pool_reclaimed *r = arg;
	struct dm_pool_tenant *t, *next;

	r->count += share->blocks;
	r->bytes += share->bytes;
	list_for_each_entry_safe(t, next, &share->tenants, share_node)
		dm_pool_evict(t);
}

/**
 * dm_pool_reclaim() - free every block of a handle being cleared
 * @dh: the handle; d_map_clear() has marked it dead
 * @count: increased by the blocks freed
 * @bytes: increased by the bytes they were asked with
 *
 * Other handles' blocks on the same pages stay as they are; pages left
 * with none become spare.  A bound device's spare pages then go back at
 * once: they hold the device, and this may be its last handle.  Sleeps.
 */
void dm_pool_reclaim(struct dm_handle *dh, unsigned long *count,
		     size_t *bytes)
{
	struct dm_pool_user *user = dm_pool_user_of(dh);
	struct dm_pool_reclaimed r = { };

	dm_pool_each_share(dh, dm_pool_reclaim_share, &r);
	*count += r.count;
	*bytes += r.bytes;
	if (user && user->set->dev)
		dm_pool_spare_trim_set(user->set);
}

static void dm_pool_count_share(struct dm_pool *pool,
				struct dm_pool_share *share, void *arg)
{
	struct dmamem_handle_info *info = arg;

	info->allocations += share->blocks;
	info->bytes += share->bytes;
	info->held += share->blocks * pool->block;
}

/**
 * dm_pool_count() - add a handle's blocks to what it holds
 * @dh: the handle
 * @info: its allocations, bytes and held are increased
 */
void dm_pool_count(struct dm_handle *dh, struct dmamem_handle_info *info)
{
	dm_pool_each_share(dh, dm_pool_count_share, info);
}

/**
 * dmamem_pool_info() - what the sub-page block pools hold
 * @info: filled in on success
 *
 * Linux departure.
 *
 * Return: 0, or -EINVAL for a NULL @info.
 */
int dmamem_pool_info(struct dmamem_pool_info *info)
{
	struct dm_pool_set *set;
	struct dm_pool *pool;
	unsigned int k;

	if (!info)
		return -EINVAL;
	memset(info, 0, sizeof(*info));
	mutex_lock(&dm_pool_sets_lock);
	list_for_each_entry(set, &dm_pool_sets, node) {
		for (k = 0; k < dm_pool_nr_classes(); k++) {
			pool = &set->pools[k];
			spin_lock(&pool->lock);
			info->pages += pool->pages;
			info->spare += pool->nr_spare;
			info->blocks += pool->blocks;
			info->bytes += pool->bytes;
			info->held += pool->blocks * pool->block;
			info->overhead += pool->overhead;
			spin_unlock(&pool->lock);
		}
	}
	mutex_unlock(&dm_pool_sets_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(dmamem_pool_info);

/**
 * dm_pool_walk() - call a function on every pool of every set
 * @fn: called with no pool lock held
 * @arg: passed to @fn
 * @wait: whether to wait if another walk, or a set being made, holds the
 *	sets; if not, give up
 *
 * Return: false if it gave up, else true.
 */
bool dm_pool_walk(void (*fn)(struct dm_pool *pool, void *arg), void *arg,
		  bool wait)
{
	struct dm_pool_set *set;
	unsigned int k;

	if (!wait) {
		if (!mutex_trylock(&dm_pool_sets_lock))
			return false;
	} else {
		mutex_lock(&dm_pool_sets_lock);
	}
	list_for_each_entry(set, &dm_pool_sets, node)
		for (k = 0; k < dm_pool_nr_classes(); k++)
			fn(&set->pools[k], arg);
	mutex_unlock(&dm_pool_sets_lock);
	return true;
}

/**
 * dm_pool_init() - set up the size classes and the spare pages' shrinker,
 * at module load
 *
 * Return: 0, -ENODEV when no size class suits the machine, or -ENOMEM.
 */
int dm_pool_init(void)
{
	int ret = dm_pool_classes_init();

	return ret ?: dm_pool_spare_init();
}

/**
 * dm_pool_exit() - give back the spare pages and free the sets, at unload,
 * after every handle is cleared
 */
void dm_pool_exit(void)
{
	struct dm_pool_set *set, *next;
	unsigned int k;

	dm_pool_spare_exit();
	list_for_each_entry_safe(set, next, &dm_pool_sets, node) {
		for (k = 0; k < dm_pool_nr_classes(); k++)
			WARN_ON(set->pools[k].pages);
		list_del(&set->node);
		kfree(set);
	}
}
