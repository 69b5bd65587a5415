// SPDX-License-Identifier: GPL-2.0
/*
 * Sub-page block pools: d_alloc_dmamem() requests of at most a page, with
 * an alignment of at most a page, served as blocks carved from whole pages
 * of the heaps.
 *
 * What the pools guarantee:
 *
 * - A block meets its owner's constraints.  Pages are taken through the
 *   heap policy, one at a time, with the constraints of a sharing key: the
 *   owner's ceiling, DMA_NO_ZERO_ADDR, heap override and bound device.  A
 *   page is physically contiguous and crosses no boundary of a page or
 *   more; poolclass.c makes sure a block crosses no smaller one either,
 *   and starts on the alignment asked.
 * - A block is zeroed when handed out, its rounding included.
 * - Owners with the same key share pages, and each owns exactly its own
 *   blocks: a free names the block's owner, start and size, or is refused
 *   with dm_owned_verdict()'s reason and changes nothing.  d_map_clear()
 *   frees exactly the cleared owner's blocks.  Owners bound to different
 *   devices never share a page, so one device's overrun cannot reach
 *   another device's blocks.
 * - The bookkeeping lies outside the pages (struct dm_pool_page and its
 *   owners), so a device may write anything into a page without reaching
 *   it.
 * - Allocation and free are O(1): allocation takes the lowest free block
 *   of the page the owner used last, else of the first partial page, else
 *   of a spare page or a new one; a free finds its page in an xarray
 *   indexed by page number (after the owner's hint) and checks the block.
 *   Both are bounded by the owners on the page when an owner first takes
 *   a block there or a block's owner is looked up.
 * - A page whose last block goes stays in its pool, spare, for a while
 *   (poolspare.c); it goes back to its heap from there.
 *
 * What the pools assume: the owner is pinned by its handle, or for the
 * calls that do not sleep, read under dm_fast_enter() and freed only after
 * a grace period (owner.h).
 *
 * Locking: each pool has a spinlock over its pages, their records and its
 * owners' records.  Records are allocated, and pages taken from or given
 * back to the heaps, with no pool lock held.  The owner's lock is taken
 * only to attach its record in the pools, and never with a pool's lock or
 * dm_pool_sets_lock held (the lock order is in dhandle/dhandle.h).  Page
 * records are freed after a grace period, and an owner's page hint is
 * cleared under the pool's lock before its page can go.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "pool.h"

static DEFINE_MUTEX(dm_pool_sets_lock);
static LIST_HEAD(dm_pool_sets);

/* Every pool page, by its page number counted from PAGE_OFFSET. */
static DEFINE_XARRAY(dm_pool_pages);

/* Asked sizes above this are kept in a u16, the others in a u8. */
#define DM_POOL_NARROW_MAX	256

/* Sets: one per sharing key, made on first use, kept until unload. */

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
 * The set for an owner's constraints and device.  A device's owners hold
 * a reference to it, so while one of them has a block, no other device
 * can have its address.
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

/* An owner's record in the pools. */

static struct dm_pool_owner *dm_pool_owner_new(struct dm_owner *o)
{
	unsigned int k, n = dm_pool_nr_classes();
	struct dm_pool_owner *po;

	po = kzalloc(struct_size(po, owned, n), GFP_KERNEL);
	if (!po)
		return NULL;
	po->set = dm_pool_set_get(o->c, o->dev);
	if (!po->set) {
		kfree(po);
		return NULL;
	}
	for (k = 0; k < n; k++)
		INIT_LIST_HEAD(&po->owned[k].pages);
	return po;
}

/* The owner's record, or NULL before its first block. */
static struct dm_pool_owner *dm_pool_owner_of(struct dm_owner *o)
{
	/* pairs with smp_store_release() in dm_pool_owner_get() */
	return smp_load_acquire(&o->blocks);
}

/*
 * The owner's record, attached on its first block.  It is attached under
 * the owner's lock, so d_map_clear() either sees it or is seen.
 */
static struct dm_pool_owner *dm_pool_owner_get(struct dm_owner *o,
					       const char **why)
{
	struct dm_pool_owner *po = dm_pool_owner_of(o);
	struct dm_pool_owner *made;

	if (po)
		return po;
	made = dm_pool_owner_new(o);
	if (!made) {
		*why = "out of memory";
		return ERR_PTR(-ENOMEM);
	}
	mutex_lock(&o->lock);
	if (o->dead) {
		*why = "handle cleared meanwhile";
		po = ERR_PTR(-ESTALE);
	} else if (o->blocks) {
		po = o->blocks;
	} else {
		/* published initialised: pairs with dm_pool_owner_of() */
		smp_store_release(&o->blocks, made);
		po = made;
	}
	mutex_unlock(&o->lock);
	if (po != made)
		kfree(made);
	return po;
}

/* Pages: records and the lookup table. */

static __always_inline bool dm_pool_wide(const struct dm_pool *pool)
{
	return pool->block > DM_POOL_NARROW_MAX;
}

static size_t dm_pool_page_bytes(const struct dm_pool *pool)
{
	return sizeof(struct dm_pool_page) +
	       BITS_TO_LONGS(pool->per_page) * sizeof(long) +
	       pool->per_page * (dm_pool_wide(pool) ? sizeof(u16) : sizeof(u8));
}

static size_t dm_pool_page_owner_bytes(const struct dm_pool *pool)
{
	return sizeof(struct dm_pool_page_owner) +
	       BITS_TO_LONGS(pool->per_page) * sizeof(long);
}

/*
 * The index of an address's page, counted from PAGE_OFFSET so that the
 * linear map's pages (the pinned heap's) have small indices and the
 * xarray stays shallow.  Addresses below PAGE_OFFSET wrap to indices no
 * pool page has.
 */
static unsigned long dm_pool_page_index(const void *addr)
{
	return ((unsigned long)addr - PAGE_OFFSET) >> PAGE_SHIFT;
}

/*
 * Under RCU: the pool page an address lies in, or NULL.  The record stays
 * readable until the read side ends, but is live only while !@dead under
 * its pool's lock.
 */
static struct dm_pool_page *dm_pool_page_find(const void *addr)
{
	return xa_load(&dm_pool_pages, dm_pool_page_index(addr));
}

/*
 * A page from a heap, through the policy, entered in the lookup table; the
 * caller adds it to its pool.  No pool lock is held: this sleeps.
 */
static struct dm_pool_page *dm_pool_page_new(struct dm_pool *pool,
					     const char **why)
{
	struct dm_pool_page *pp;
	int ret;

	*why = "out of memory";
	pp = kzalloc(dm_pool_page_bytes(pool), GFP_KERNEL);
	if (!pp)
		return ERR_PTR(-ENOMEM);
	ret = dm_policy_alloc(pool->set->dev, &pool->set->c, PAGE_SIZE,
			      PAGE_SHIFT, &pp->mem, why);
	if (ret)
		goto fail;
	pp->mem.size = PAGE_SIZE;
	pp->pool = pool;
	pp->vaddr = pp->mem.vaddr;
	pp->nfree = pool->per_page;
	INIT_LIST_HEAD(&pp->node);
	INIT_LIST_HEAD(&pp->owners);
	ret = xa_insert(&dm_pool_pages, dm_pool_page_index(pp->vaddr), pp,
			GFP_KERNEL);
	if (ret) {
		*why = "out of memory";
		dm_alloc_return(&pp->mem);
		goto fail;
	}
	return pp;
fail:
	kfree(pp);
	return ERR_PTR(ret);
}

static void dm_pool_page_add(struct dm_pool_page *pp)
{
	struct dm_pool *pool = pp->pool;

	lockdep_assert_held(&pool->lock);
	list_add(&pp->node, &pool->partial);
	pool->pages++;
	pool->overhead += kmalloc_size_roundup(dm_pool_page_bytes(pool));
}

/**
 * dm_pool_page_drop() - take an empty page out of its pool
 * @pp: a page with no live block, its pool's lock held
 *
 * Lookups no longer find it; give it back with dm_pool_page_put() once
 * the pool's lock is dropped.  @pp->node is free for the caller's use.
 */
void dm_pool_page_drop(struct dm_pool_page *pp)
{
	struct dm_pool *pool = pp->pool;

	lockdep_assert_held(&pool->lock);
	list_del_init(&pp->node);
	pp->dead = true;
	xa_erase(&dm_pool_pages, dm_pool_page_index(pp->vaddr));
	pool->pages--;
	pool->overhead -= kmalloc_size_roundup(dm_pool_page_bytes(pool));
}

/**
 * dm_pool_page_put() - give a dropped page back to its heap
 * @pp: from dm_pool_page_drop(); the pool's lock is not held (this sleeps)
 */
void dm_pool_page_put(struct dm_pool_page *pp)
{
	dm_alloc_return(&pp->mem);
	kfree_rcu(pp, rcu);
}

/* The sizes the live blocks of a page were asked with, after its bitmap. */
static __always_inline void *dm_pool_sizes(const struct dm_pool_page *pp)
{
	return (void *)(pp->used + BITS_TO_LONGS(pp->pool->per_page));
}

static __always_inline size_t
dm_pool_asked(const struct dm_pool_page *pp, unsigned int i)
{
	if (dm_pool_wide(pp->pool))
		return ((u16 *)dm_pool_sizes(pp))[i];
	return ((u8 *)dm_pool_sizes(pp))[i] + 1;
}

/* The block an address of the page lies in (maybe past the last block). */
static __always_inline unsigned int
dm_pool_block_of(const struct dm_pool_page *pp, const void *addr)
{
	unsigned long off = addr - pp->vaddr;

	return pp->pool->shift ? off >> pp->pool->shift : off / pp->pool->block;
}

/* Page owners: one owner's blocks on one page. */

/* The owner of a live block: one owner on most pages. */
static __always_inline struct dm_pool_page_owner *
dm_pool_block_owner(const struct dm_pool_page *pp, unsigned int i)
{
	struct dm_pool_page_owner *po;

	list_for_each_entry(po, &pp->owners, page_node)
		if (test_bit(i, po->blocks))
			return po;
	return NULL;
}

/* An owner's record on a page, or NULL when it has no block there. */
static __always_inline struct dm_pool_page_owner *
dm_pool_page_owner_of(const struct dm_pool_page *pp,
		      const struct dm_pool_owned *owned)
{
	struct dm_pool_page_owner *po;

	if (owned->last && owned->last->page == pp)
		return owned->last;
	list_for_each_entry(po, &pp->owners, page_node)
		if (po->owned == owned)
			return po;
	return NULL;
}

static size_t dm_pool_page_owner_held(const struct dm_pool *pool)
{
	return kmalloc_size_roundup(dm_pool_page_owner_bytes(pool));
}

/*
 * Make the pool's spare page-owner record, or else *@rec, the owner's
 * record on @pp; NULL when neither is at hand.
 */
static struct dm_pool_page_owner *
dm_pool_join(struct dm_pool_page *pp, struct dm_pool_owned *owned,
	     struct dm_owner *o, struct dm_pool_page_owner **rec)
{
	struct dm_pool *pool = pp->pool;
	struct dm_pool_page_owner *po = pool->spare_owner;

	lockdep_assert_held(&pool->lock);
	if (po) {
		pool->spare_owner = NULL;
	} else {
		po = *rec;
		if (!po)
			return NULL;
		*rec = NULL;
		pool->overhead += dm_pool_page_owner_held(pool);
	}
	po->owner = o;
	po->owned = owned;
	po->page = pp;
	list_add(&po->page_node, &pp->owners);
	list_add(&po->owned_node, &owned->pages);
	return po;
}

/*
 * An owner with no block left on a page leaves it; its record is kept as
 * the pool's spare if the pool has none.
 */
static void dm_pool_leave(struct dm_pool_page_owner *po)
{
	struct dm_pool_owned *owned = po->owned;
	struct dm_pool *pool = po->page->pool;

	lockdep_assert_held(&pool->lock);
	list_del(&po->page_node);
	list_del(&po->owned_node);
	if (owned->last == po)
		owned->last = NULL;
	/* other pools' locks guard other pages: only this page's hint goes */
	cmpxchg(&po->owner->blocks->hint, po->page, NULL);
	if (!pool->spare_owner) {
		pool->spare_owner = po;	/* its bitmap is clear */
		return;
	}
	pool->overhead -= dm_pool_page_owner_held(pool);
	kfree(po);
}

/**
 * dm_pool_spare_owner_free() - free a pool's spare page-owner record, if any
 * @pool: the pool, its lock held
 */
void dm_pool_spare_owner_free(struct dm_pool *pool)
{
	lockdep_assert_held(&pool->lock);
	if (!pool->spare_owner)
		return;
	pool->overhead -= dm_pool_page_owner_held(pool);
	kfree(pool->spare_owner);
	pool->spare_owner = NULL;
}

/* Blocks. */

static __always_inline void dm_pool_count_add(struct dm_pool *pool,
					      struct dm_pool_owned *owned,
					      size_t size, long n)
{
	owned->blocks += n;
	owned->bytes += n * size;
	pool->blocks += n;
	pool->bytes += n * size;
}

/*
 * The page an owner's next block comes from: the one it used last, a
 * page with live blocks, or a spare page if a record is at hand for it.
 */
static __always_inline struct dm_pool_page *
dm_pool_pick(struct dm_pool *pool, struct dm_pool_owned *owned,
	     struct dm_pool_page_owner *rec)
{
	struct dm_pool_page *pp;

	lockdep_assert_held(&pool->lock);
	if (owned->last && owned->last->page->nfree)
		return owned->last->page;
	pp = list_first_entry_or_null(&pool->partial, struct dm_pool_page, node);
	if (pp || (!pool->spare_owner && !rec))
		return pp;
	return dm_pool_spare_take(pool);
}

/*
 * Hand the lowest free block of @pp to its owner, zeroed, or NULL when the
 * owner has no record there and none is at hand.  Bits past the last block
 * read free, but a free block lies below them.
 *
 * The block is zeroed under the pool's lock: d_map_clear() may reclaim it
 * the moment the lock is dropped, and it may then be another owner's
 * before a late zeroing lands.  A block never handed out is no proof of
 * zero either, as a device that overran a neighbour may have written it.
 * Always inline: it is the whole of the allocation fast path.
 */
static __always_inline void *dm_pool_take(struct dm_pool_page *pp,
					  struct dm_pool_owned *owned,
					  struct dm_owner *o, size_t size,
					  struct dm_pool_page_owner **rec)
{
	struct dm_pool *pool = pp->pool;
	struct dm_pool_page_owner *po;
	unsigned int i, w = 0;
	void *vaddr;

	lockdep_assert_held(&pool->lock);
	po = dm_pool_page_owner_of(pp, owned) ?: dm_pool_join(pp, owned, o, rec);
	if (!po)
		return NULL;
	while (!~pp->used[w])
		w++;
	i = w * BITS_PER_LONG + ffz(pp->used[w]);
	__set_bit(i, pp->used);
	__set_bit(i, po->blocks);
	po->count++;
	if (dm_pool_wide(pool))
		((u16 *)dm_pool_sizes(pp))[i] = size;
	else
		((u8 *)dm_pool_sizes(pp))[i] = size - 1;
	if (!--pp->nfree)
		list_del_init(&pp->node);
	owned->last = po;
	WRITE_ONCE(o->blocks->hint, pp);
	dm_pool_count_add(pool, owned, size, 1);
	vaddr = pp->vaddr + i * pool->block;
	memset(vaddr, 0, pool->block);
	return vaddr;
}

/*
 * Take block @i back from its owner; a page that was full goes back on the
 * partial list, and one left with no live block becomes spare.  Always
 * inline, as the block helpers above: they are the free fast path.
 */
static __always_inline void dm_pool_untake(struct dm_pool_page *pp,
					   struct dm_pool_page_owner *po,
					   unsigned int i)
{
	struct dm_pool *pool = pp->pool;

	lockdep_assert_held(&pool->lock);
	dm_pool_count_add(pool, po->owned, dm_pool_asked(pp, i), -1);
	__clear_bit(i, pp->used);
	__clear_bit(i, po->blocks);
	po->count--;
	if (++pp->nfree == pool->per_page)
		dm_pool_spare_add(pp);
	else if (pp->nfree == 1)
		list_add(&pp->node, &pool->partial);
}

/* A new page no longer of use: out of its pool, for the caller to put. */
static void dm_pool_unused(struct dm_pool_page *new)
{
	dm_pool_page_add(new);
	dm_pool_page_drop(new);
}

/**
 * dm_pool_alloc() - a zeroed block for an owner
 * @o: the owner: pinned if @wait, else at least under dm_fast_enter()
 * @k: the size class serving the request: dm_pool_class(), not -1
 * @size: bytes requested, already validated
 * @wait: whether it may sleep, to attach the owner's record in the pools,
 *	get a page-owner record or take a new page
 * @why: on failure with @wait, set to a sentence saying why
 *
 * In the shape of dma_pool_alloc(): under the pool's lock, take a block
 * from a page with room; when none has room, or the owner has no record
 * on the one that does, drop the lock to get what is missing, and look
 * again.
 *
 * Return: the block's kernel virtual address; NULL without @wait when no
 * block is at hand without sleeping; or an ERR_PTR(): -ENOMEM, -ESTALE
 * when d_map_clear() started on the owner, or the heaps' errno when no
 * page could be had.
 */
void *dm_pool_alloc(struct dm_owner *o, int k, size_t size, bool wait,
		    const char **why)
{
	struct dm_pool_page_owner *rec = NULL;
	struct dm_pool_page *pp, *new = NULL;
	struct dm_pool_owned *owned;
	struct dm_pool_owner *po;
	struct dm_pool *pool;
	void *vaddr;

	po = wait ? dm_pool_owner_get(o, why) : dm_pool_owner_of(o);
	if (IS_ERR_OR_NULL(po))
		return po;
	pool = &po->set->pools[k];
	owned = &po->owned[k];

	spin_lock(&pool->lock);
	for (;;) {
		if (unlikely(READ_ONCE(o->dead))) {
			vaddr = ERR_PTR(-ESTALE);
			break;
		}
		if (new) {
			dm_pool_page_add(new);
			pp = new;
			new = NULL;
		} else {
			pp = dm_pool_pick(pool, owned, rec);
		}
		vaddr = pp ? dm_pool_take(pp, owned, o, size, &rec) : NULL;
		if (likely(vaddr) || !wait)
			break;

		spin_unlock(&pool->lock);
		if (!rec) {
			rec = kzalloc(dm_pool_page_owner_bytes(pool), GFP_KERNEL);
			if (!rec) {
				*why = "out of memory";
				return ERR_PTR(-ENOMEM);
			}
		} else {
			/* with a record at hand, only a page was missing */
			new = dm_pool_page_new(pool, why);
			if (IS_ERR(new)) {
				kfree(rec);
				return new;
			}
		}
		spin_lock(&pool->lock);
	}
	if (unlikely(new))
		dm_pool_unused(new);
	spin_unlock(&pool->lock);

	if (unlikely(new))
		dm_pool_page_put(new);
	if (unlikely(rec))
		kfree(rec);
	if (wait && vaddr == ERR_PTR(-ESTALE))
		*why = "handle cleared meanwhile";
	return vaddr;
}

/*
 * Judge a free request; on success *@po and *@i are the block's.  The
 * common case is settled without a call: dm_owned_verdict() would agree.
 */
static __always_inline int dm_pool_judge(struct dm_owner *o,
					 struct dm_pool_page *pp, void *addr,
					 size_t size,
					 struct dm_pool_page_owner **po,
					 unsigned int *i)
{
	struct dm_pool *pool = pp->pool;
	size_t asked;
	void *start;

	lockdep_assert_held(&pool->lock);
	*i = dm_pool_block_of(pp, addr);
	if (pp->dead || *i >= pool->per_page || !test_bit(*i, pp->used))
		return dm_owned_verdict(o, addr, size, NULL, NULL, 0);
	*po = dm_pool_block_owner(pp, *i);
	start = pp->vaddr + *i * pool->block;
	asked = dm_pool_asked(pp, *i);
	if (likely((*po)->owner == o && start == addr && asked == size &&
		   !READ_ONCE(o->dead)))
		return 0;
	return dm_owned_verdict(o, addr, size, (*po)->owner, start, asked);
}

/**
 * dm_pool_free() - give a block back, if @addr is in a pool page
 * @o: the owner named by the driver, at least under dm_fast_enter()
 * @addr: the address named by the driver
 * @size: the size named by the driver
 *
 * Does not sleep.  The owner's hint is live (its record on the page is,
 * under the same lock as the page), so it is tried before the lookup
 * table.  While the owner has blocks on the page, the page stays its hint,
 * so frees in a row skip the table.  A page left with no live block stays
 * in its pool, spare.  A refused request changes nothing.
 *
 * Return: 0; -ENXIO when @addr is in no pool page (the caller looks
 * elsewhere); or dm_owned_verdict()'s errno.
 */
int dm_pool_free(struct dm_owner *o, void *addr, size_t size)
{
	struct dm_pool_owner *owner = dm_pool_owner_of(o);
	struct dm_pool_page_owner *po;
	struct dm_pool_page *pp;
	unsigned int i;
	int ret;

	pp = owner ? READ_ONCE(owner->hint) : NULL;
	if (!pp || (unsigned long)(addr - pp->vaddr) >= PAGE_SIZE)
		pp = dm_pool_page_find(addr);
	if (!pp)
		return -ENXIO;

	spin_lock(&pp->pool->lock);
	ret = dm_pool_judge(o, pp, addr, size, &po, &i);
	if (likely(!ret)) {
		dm_pool_untake(pp, po, i);
		if (po->count)
			WRITE_ONCE(owner->hint, pp);
		else
			dm_pool_leave(po);
	}
	spin_unlock(&pp->pool->lock);
	return ret;
}

/*
 * Under RCU: the bytes from @vaddr to the end of its block in @pp, or 0
 * when it lies past the page's last block.
 */
static size_t dm_pool_block_left(const struct dm_pool_page *pp,
				 const void *vaddr)
{
	unsigned int i = dm_pool_block_of(pp, vaddr);

	if (i >= pp->pool->per_page)
		return 0;
	return (i + 1) * pp->pool->block - (vaddr - pp->vaddr);
}

/**
 * dm_pool_where() - the pool block at an address, and where it lies
 * @vaddr: an address the driver names
 * @own: filled in when @vaddr lies in a block: the bytes to the block's
 *	end, and for a page a device's DMA API allocated, the device and
 *	the page's bus address
 *
 * Call under RCU (rcu_read_lock() or dm_fast_enter()): no lock is taken,
 * as a page's record does not change while it is in the lookup table and
 * is freed after a grace period.  @own->len ends at the end of the block,
 * so a mapping never reaches a neighbour.
 *
 * Return: true when @vaddr lies in a block of any pool page.
 */
bool dm_pool_where(const void *vaddr, struct dm_own *own)
{
	const struct dm_pool_page *pp = dm_pool_page_find(vaddr);
	size_t left = pp ? dm_pool_block_left(pp, vaddr) : 0;

	if (!left)
		return false;
	own->len = left;
	own->dev = NULL;
	if (pp->mem.backing == DM_PINNED_DEV) {
		own->dev = pp->mem.dev;
		own->base = pp->mem.bus;
		own->off = vaddr - pp->vaddr;
	}
	return true;
}

/**
 * dm_pool_describe() - where a live block of an owner lies
 * @o: the owner named by the driver
 * @addr: the address named by the driver
 * @info: filled in on success
 *
 * Return: 0; -ENXIO when @addr is in no pool page (the caller looks
 * elsewhere); -ENOENT when it is not exactly a live block of @o.
 */
int dm_pool_describe(struct dm_owner *o, void *addr,
		     struct dmamem_alloc_info *info)
{
	struct dm_pool_page_owner *po;
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
	i = dm_pool_block_of(pp, addr);
	if (!pp->dead && i < pool->per_page && test_bit(i, pp->used) &&
	    addr == pp->vaddr + i * pool->block) {
		po = dm_pool_block_owner(pp, i);
		if (po && po->owner == o) {
			info->heap = pp->mem.backing == DM_REAL ?
				     DMAMEM_HEAP_REAL : DMAMEM_HEAP_PINNED;
			info->phys = pp->mem.phys + (addr - pp->vaddr);
			info->size = dm_pool_asked(pp, i);
			info->contiguous = true;
			ret = 0;
		}
	}
	spin_unlock(&pool->lock);
	rcu_read_unlock();
	return ret;
}

/* Call @fn on each of an owner's parts of the pools, under the pool's lock. */
static void dm_pool_each_owned(struct dm_owner *o,
			       void (*fn)(struct dm_pool *pool,
					  struct dm_pool_owned *owned,
					  void *arg),
			       void *arg)
{
	struct dm_pool_owner *po = dm_pool_owner_of(o);
	struct dm_pool *pool;
	unsigned int k;

	if (!po)
		return;
	for (k = 0; k < dm_pool_nr_classes(); k++) {
		pool = &po->set->pools[k];
		spin_lock(&pool->lock);
		fn(pool, &po->owned[k], arg);
		spin_unlock(&pool->lock);
	}
}

/* What dm_pool_reclaim() gathers. */
struct dm_pool_reclaimed {
	unsigned long count;
	size_t bytes;
};

static void dm_pool_reclaim_owned(struct dm_pool *pool,
				  struct dm_pool_owned *owned, void *arg)
{
	struct dm_pool_reclaimed *r = arg;
	struct dm_pool_page_owner *po, *next;
	unsigned int i;

	lockdep_assert_held(&pool->lock);
	r->count += owned->blocks;
	r->bytes += owned->bytes;
	list_for_each_entry_safe(po, next, &owned->pages, owned_node) {
		for_each_set_bit(i, po->blocks, pool->per_page)
			dm_pool_untake(po->page, po, i);
		dm_pool_leave(po);
	}
}

/**
 * dm_pool_reclaim() - free every block of an owner being cleared
 * @o: the owner; d_map_clear() has marked it dead
 * @count: increased by the blocks freed
 * @bytes: increased by the bytes they were asked with
 *
 * Other owners' blocks on the same pages stay as they are; pages left
 * with none become spare.  A bound device's spare pages then go back at
 * once: they hold the device, and this may be its last handle.  Sleeps.
 */
void dm_pool_reclaim(struct dm_owner *o, unsigned long *count, size_t *bytes)
{
	struct dm_pool_owner *po = dm_pool_owner_of(o);
	struct dm_pool_reclaimed r = { };

	dm_pool_each_owned(o, dm_pool_reclaim_owned, &r);
	*count += r.count;
	*bytes += r.bytes;
	if (po && po->set->dev)
		dm_pool_spare_trim_set(po->set);
}

static void dm_pool_count_owned(struct dm_pool *pool,
				struct dm_pool_owned *owned, void *arg)
{
	struct dmamem_handle_info *info = arg;

	lockdep_assert_held(&pool->lock);
	info->allocations += owned->blocks;
	info->bytes += owned->bytes;
	info->held += owned->blocks * pool->block;
}

/**
 * dm_pool_count() - add an owner's blocks to what it holds
 * @o: the owner
 * @info: its allocations, bytes and held are increased
 */
void dm_pool_count(struct dm_owner *o, struct dmamem_handle_info *info)
{
	dm_pool_each_owned(o, dm_pool_count_owned, info);
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
