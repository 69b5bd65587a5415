/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-page block pools: small d_alloc_dmamem() requests carved from whole
 * pages of the heaps.  See pool.c for the design.
 */
#ifndef _DMAMEM_POOL_H
#define _DMAMEM_POOL_H

#include <linux/bitmap.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include "heap.h"
#include "../dhandle/dhandle.h"

/**
 * struct dm_pool - the pages of one size class for one sharing key
 * @lock: serialises everything below, the pages' bitmaps and their tenants
 * @partial: pages with a live block and a free one (struct dm_pool_page.node)
 * @spare: pages with no live block, kept for reuse, oldest first
 * @set: the sharing key the pool belongs to
 * @block: bytes per block
 * @shift: log2 of @block if it is a power of two, else 0
 * @per_page: blocks carved from each page
 * @pages: pages the pool holds, the spare ones included
 * @nr_spare: pages on @spare
 * @stash: a tenant record with no page, kept from a handle's last page
 *	for the next page a handle joins, or NULL
 * @blocks: live blocks
 * @bytes: bytes requested by the live blocks
 * @overhead: bytes of kmalloc()ed bookkeeping for the pages and tenants
 */
struct dm_pool {
	spinlock_t lock;		/* see @lock above */
	struct list_head partial;
	struct list_head spare;
	struct dm_pool_set *set;
	unsigned int block;
	unsigned int shift;
	unsigned int per_page;
	unsigned long pages;
	unsigned long nr_spare;
	struct dm_pool_tenant *stash;
	unsigned long blocks;
	size_t bytes;
	size_t overhead;
};

/**
 * struct dm_pool_set - the pools of one sharing key, one per size class
 * @node: entry in the list of sets
 * @c: what every page of these pools meets: part of the key
 * @dev: the device the handles are bound to, or NULL for unbound handles:
 *	the rest of the key.  The pages of a bound device's set come from
 *	its DMA API, and each holds a reference to it (struct dm_alloc).
 * @pools: one pool per size class
 *
 * Handles share pages only through a set: same ceiling, same
 * DMA_NO_ZERO_ADDR, same heap override and same device (unbound handles
 * share among themselves), so a device that overruns a block reaches only
 * blocks of its own handles.
 */
struct dm_pool_set {
	struct list_head node;
	struct dm_constraints c;
	struct device *dev;
	struct dm_pool pools[];
};

/**
 * struct dm_pool_share - one handle's blocks in one pool
 * @tenants: the handle's tenants in the pool (struct dm_pool_tenant.share_node)
 * @cur: the tenant the handle allocated from last, or NULL
 * @blocks: the handle's live blocks in the pool
 * @bytes: bytes requested by them
 *
 * Guarded by the pool's lock.
 */
struct dm_pool_share {
	struct list_head tenants;
	struct dm_pool_tenant *cur;
	unsigned long blocks;
	size_t bytes;
};

/**
 * struct dm_pool_user - a handle's part of the pools: struct dm_handle.blocks
 * @set: the set matching the handle's constraints
 * @hint: a page the handle has blocks on, the one it took a block from
 *	last, or NULL: where d_free_dmamem() looks before the lookup table.
 *	Set under the page's pool lock; cleared, under the same lock, when
 *	the handle's last block there goes, so a reader under RCU never
 *	finds a freed record.
 * @shares: one share per size class
 */
struct dm_pool_user {
	struct dm_pool_set *set;
	struct dm_pool_page *hint;
	struct dm_pool_share shares[];
};

/**
 * struct dm_pool_page - one page carved into blocks
 * @pool: the pool it belongs to, for its whole life
 * @node: entry on @pool's partial list while a block is live and one is
 *	free, on its spare list while none is live
 * @tenants: the handles with blocks here (struct dm_pool_tenant.page_node)
 * @vaddr: kernel virtual address of the page
 * @nfree: free blocks
 * @dead: taken out of the pool; set under the pool's lock
 * @idle: jiffies when the page went spare
 * @rcu: frees the record after concurrent lookups are done
 * @mem: the page, as its heap handed it out
 * @used: bitmap of live blocks, then the size each one was asked with
 *	(u8 holding size - 1 for blocks of 256 bytes or less, else u16)
 */
struct dm_pool_page {
	struct dm_pool *pool;
	struct list_head node;
	struct list_head tenants;
	void *vaddr;
	unsigned int nfree;
	bool dead;
	unsigned long idle;
	struct rcu_head rcu;
	struct dm_alloc mem;
	unsigned long used[];
};

/**
 * struct dm_pool_tenant - one handle's blocks on one page
 * @dh: the handle
 * @share: the handle's share of the pool
 * @page: the page
 * @page_node: entry on @page's tenants
 * @share_node: entry on @share's tenants
 * @count: blocks set in @owned, at least 1
 * @owned: bitmap of the handle's blocks on the page
 */
struct dm_pool_tenant {
	struct dm_handle *dh;
	struct dm_pool_share *share;
	struct dm_pool_page *page;
	struct list_head page_node;
	struct list_head share_node;
	unsigned int count;
	unsigned long owned[];
};

/* Size classes (poolclass.c). */
#define DM_POOL_MIN_BLOCK	16
#define DM_POOL_MAX_BLOCK	PAGE_SIZE
#define DM_POOL_NO_CLASS	U8_MAX

extern unsigned int dm_pool_class_bytes[];
extern u8 dm_pool_class_fit[];

int dm_pool_classes_init(void);
unsigned int dm_pool_nr_classes(void);
unsigned int dm_pool_class_size(unsigned int k);
int dm_pool_class_search(const struct dm_constraints *c, size_t size,
			 unsigned int align);

/*
 * The class that serves a request, or -1 (see dm_pool_class_search()).
 * Most requests are settled by a table: the smallest class that holds the
 * size, if it is aligned enough and the handle has no boundary below a
 * page.  Inline: it is on the allocation fast path.
 */
static inline int dm_pool_class(const struct dm_constraints *c, size_t size,
				unsigned int align)
{
	unsigned int k, b;

	if (size <= DM_POOL_MAX_BLOCK &&
	    (!c->boundary || c->boundary >= PAGE_SIZE)) {
		k = dm_pool_class_fit[DIV_ROUND_UP(size, DM_POOL_MIN_BLOCK)];
		b = k == DM_POOL_NO_CLASS ? 0 : dm_pool_class_bytes[k];
		if ((b & -b) >= (1UL << align))
			return k;
	}
	return dm_pool_class_search(c, size, align);
}

/*
 * Spare pages, with no live block, kept for reuse (poolspare.c); the pool's
 * lock is held unless said otherwise.
 */

/* Which spare pages dm_pool_spare_trim() gives back. */
enum dm_pool_trim {
	DM_TRIM_AGED,		/* those spare for a while */
	DM_TRIM_PINNED,		/* all of the pinned heap's */
	DM_TRIM_REAL,		/* all of the real heap's */
	DM_TRIM_ALL,		/* all */
};

void dm_pool_spare_add(struct dm_pool_page *pp);
struct dm_pool_page *dm_pool_spare_take(struct dm_pool *pool);
unsigned long dm_pool_spare_trim(enum dm_pool_trim what, unsigned long max,
				 bool wait);
void dm_pool_spare_trim_set(struct dm_pool_set *set);
int dm_pool_spare_init(void);
void dm_pool_spare_exit(void);

/* Free the pool's stashed tenant record, if any (pool.c). */
void dm_pool_unstash(struct dm_pool *pool);

/* Call @fn on every pool (pool.c); false if @wait is not and it would. */
bool dm_pool_walk(void (*fn)(struct dm_pool *pool, void *arg), void *arg,
		  bool wait);

/* One page (poolpage.c); the pool's lock is held unless said otherwise. */
struct dm_pool_page *dm_pool_page_new(struct dm_pool *pool, const char **why);
void dm_pool_page_add(struct dm_pool_page *pp);
void dm_pool_page_drop(struct dm_pool_page *pp);
void dm_pool_page_put(struct dm_pool_page *pp);
struct dm_pool_page *dm_pool_page_find(const void *addr);
size_t dm_pool_tenant_bytes(const struct dm_pool *pool);

/*
 * The blocks of a page, under the pool's lock: inline, as they are the
 * whole of the allocation and free fast paths.
 */

/* Asked sizes above this are kept in a u16, the others in a u8. */
#define DM_POOL_NARROW_MAX	256

static inline bool dm_pool_wide(const struct dm_pool *pool)
{
	return pool->block > DM_POOL_NARROW_MAX;
}

static inline void *dm_pool_sizes(const struct dm_pool_page *pp)
{
	return (void *)(pp->used + BITS_TO_LONGS(pp->pool->per_page));
}

/* The size a live block was asked with. */
static inline size_t dm_pool_page_size(const struct dm_pool_page *pp,
				       unsigned int i)
{
	if (dm_pool_wide(pp->pool))
		return ((u16 *)dm_pool_sizes(pp))[i];
	return ((u8 *)dm_pool_sizes(pp))[i] + 1;
}

/* The block an address of the page lies in (maybe past the last block). */
static inline unsigned int dm_pool_page_block(const struct dm_pool_page *pp,
					      const void *addr)
{
	unsigned long off = addr - pp->vaddr;

	return pp->pool->shift ? off >> pp->pool->shift : off / pp->pool->block;
}

/*
 * The lowest free block of a page that has one.  Bits past the last block
 * read free, but a free block lies below them.  Inline: the bitmap is a
 * word or a few.
 */
static __always_inline unsigned int
dm_pool_page_first_free(const struct dm_pool_page *pp)
{
	unsigned int w = 0;

	while (!~pp->used[w])
		w++;
	return w * BITS_PER_LONG + ffz(pp->used[w]);
}

/*
 * Hand out the lowest free block of a page to tenant @t; a page that
 * becomes full leaves its pool's partial list.  Returns the block's index.
 */
static __always_inline unsigned int dm_pool_page_take(struct dm_pool_page *pp,
						      struct dm_pool_tenant *t,
						      size_t size)
{
	unsigned int i = dm_pool_page_first_free(pp);

	__set_bit(i, pp->used);
	__set_bit(i, t->owned);
	t->count++;
	if (dm_pool_wide(pp->pool))
		((u16 *)dm_pool_sizes(pp))[i] = size;
	else
		((u8 *)dm_pool_sizes(pp))[i] = size - 1;
	if (!--pp->nfree)
		list_del_init(&pp->node);
	return i;
}

/*
 * Take a block back; a page that was full goes back on the partial list,
 * and one left with no live block becomes spare.
 */
static inline void dm_pool_page_give(struct dm_pool_page *pp,
				     struct dm_pool_tenant *t, unsigned int i)
{
	__clear_bit(i, pp->used);
	__clear_bit(i, t->owned);
	t->count--;
	if (++pp->nfree == pp->pool->per_page)
		dm_pool_spare_add(pp);
	else if (pp->nfree == 1)
		list_add(&pp->node, &pp->pool->partial);
}

/* The tenant a live block belongs to: one handle on most pages. */
static inline struct dm_pool_tenant *
dm_pool_page_owner(const struct dm_pool_page *pp, unsigned int i)
{
	struct dm_pool_tenant *t;

	list_for_each_entry(t, &pp->tenants, page_node)
		if (test_bit(i, t->owned))
			return t;
	return NULL;
}

/* A handle's tenant on a page, or NULL when it has no block there. */
static inline struct dm_pool_tenant *
dm_pool_page_tenant(const struct dm_pool_page *pp,
		    const struct dm_pool_share *share)
{
	struct dm_pool_tenant *t;

	if (share->cur && share->cur->page == pp)
		return share->cur;
	list_for_each_entry(t, &pp->tenants, page_node)
		if (t->share == share)
			return t;
	return NULL;
}

/* The service (pool.c). */
void *dm_pool_alloc(struct dm_handle *dh, int k, size_t size,
		    const char **why);
void *dm_pool_alloc_fast(struct dm_handle *dh, int k, size_t size);
int dm_pool_free(struct dm_handle *dh, void *addr, size_t size);
struct dm_own;
bool dm_pool_bus(struct device *dev, const void *vaddr, struct dm_own *own);
bool dm_pool_extent(const void *vaddr, size_t *len);
int dm_pool_describe(struct dm_handle *dh, void *addr,
		     struct dmamem_alloc_info *info);
void dm_pool_reclaim(struct dm_handle *dh, unsigned long *count,
		     size_t *bytes);
void dm_pool_count(struct dm_handle *dh, struct dmamem_handle_info *info);
int dm_pool_init(void);
void dm_pool_exit(void);

#endif /* _DMAMEM_POOL_H */
