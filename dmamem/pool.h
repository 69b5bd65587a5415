/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sub-page block pools: the types and entry points.  pool.c has the
 * contract, poolclass.c the size classes, poolspare.c the spare pages.
 */
#ifndef _DMAMEM_POOL_H
#define _DMAMEM_POOL_H

#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include "heap.h"
#include "owner.h"

/**
 * struct dm_pool - the pages of one size class for one sharing key
 * @lock: serialises everything below, and the pages' and owners' records
 * @partial: pages with a live block and a free one (struct dm_pool_page.node)
 * @spare: pages with no live block, kept for reuse, oldest first
 * @set: the sharing key the pool belongs to
 * @block: bytes per block
 * @shift: log2 of @block if it is a power of two, else 0
 * @per_page: blocks carved from each page
 * @pages: pages the pool holds, the spare ones included
 * @nr_spare: pages on @spare
 * @spare_owner: a page-owner record with no page, kept from an owner's
 *	last block on a page for the next page an owner joins, or NULL
 * @blocks: live blocks
 * @bytes: bytes requested by the live blocks
 * @overhead: bytes of kmalloc()ed records for the pages and page owners
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
	struct dm_pool_page_owner *spare_owner;
	unsigned long blocks;
	size_t bytes;
	size_t overhead;
};

/**
 * struct dm_pool_set - the pools of one sharing key, one per size class
 * @node: entry in the list of sets
 * @c: what every page of these pools meets: part of the key
 * @dev: the device the owners are bound to, or NULL for unbound owners:
 *	the rest of the key.  The pages of a bound device's set come from
 *	its DMA API, and each holds a reference to it (struct dm_alloc).
 * @pools: one pool per size class
 *
 * Owners share pages only through a set: same ceiling, same
 * DMA_NO_ZERO_ADDR, same heap override and same device (unbound owners
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
 * struct dm_pool_page - one page carved into blocks
 * @pool: the pool it belongs to, for its whole life
 * @node: entry on @pool's partial list while a block is live and one is
 *	free, on its spare list while none is live
 * @owners: the owners with blocks here (struct dm_pool_page_owner.page_node)
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
	struct list_head owners;
	void *vaddr;
	unsigned int nfree;
	bool dead;
	unsigned long idle;
	struct rcu_head rcu;
	struct dm_alloc mem;
	unsigned long used[];
};

/**
 * struct dm_pool_owned - what one owner has in one pool
 * @pages: its records on the pool's pages (struct dm_pool_page_owner.owned_node)
 * @last: the record it took a block from last, or NULL
 * @blocks: its live blocks in the pool
 * @bytes: bytes requested by them
 *
 * Guarded by the pool's lock.
 */
struct dm_pool_owned {
	struct list_head pages;
	struct dm_pool_page_owner *last;
	unsigned long blocks;
	size_t bytes;
};

/**
 * struct dm_pool_owner - an owner's record in the pools: struct dm_owner.blocks
 * @set: the set matching the owner's constraints
 * @hint: a page the owner has blocks on, the one it used last, or NULL:
 *	where d_free_dmamem() looks before the lookup table.  Set under the
 *	page's pool lock; cleared, under the same lock, when the owner's
 *	last block there goes, so a reader under RCU never finds a freed
 *	record.
 * @owned: one per size class
 */
struct dm_pool_owner {
	struct dm_pool_set *set;
	struct dm_pool_page *hint;
	struct dm_pool_owned owned[];
};

/**
 * struct dm_pool_page_owner - one owner's blocks on one page
 * @owner: the owner
 * @owned: the owner's part of the pool
 * @page: the page
 * @page_node: entry on @page's owners
 * @owned_node: entry on @owned's pages
 * @count: blocks set in @blocks, at least 1 while on a page
 * @blocks: bitmap of the owner's blocks on the page
 */
struct dm_pool_page_owner {
	struct dm_owner *owner;
	struct dm_pool_owned *owned;
	struct dm_pool_page *page;
	struct list_head page_node;
	struct list_head owned_node;
	unsigned int count;
	unsigned long blocks[];
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
 * size, if it is aligned enough and the owner has no boundary below a
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

/* Spare pages (poolspare.c); the pool's lock is held unless said otherwise. */

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

/* The pools (pool.c), for poolspare.c. */
bool dm_pool_walk(void (*fn)(struct dm_pool *pool, void *arg), void *arg,
		  bool wait);
void dm_pool_page_drop(struct dm_pool_page *pp);
void dm_pool_page_put(struct dm_pool_page *pp);
void dm_pool_spare_owner_free(struct dm_pool *pool);

/* The service (pool.c). */
void *dm_pool_alloc(struct dm_owner *o, int k, size_t size, bool wait,
		    const char **why);
int dm_pool_free(struct dm_owner *o, void *addr, size_t size);
bool dm_pool_where(const void *vaddr, struct dm_own *own);
int dm_pool_describe(struct dm_owner *o, void *addr,
		     struct dmamem_alloc_info *info);
void dm_pool_reclaim(struct dm_owner *o, unsigned long *count,
		     size_t *bytes);
void dm_pool_count(struct dm_owner *o, struct dmamem_handle_info *info);
int dm_pool_init(void);
void dm_pool_exit(void);

#endif /* _DMAMEM_POOL_H */
