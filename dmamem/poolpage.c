// SPDX-License-Identifier: GPL-2.0
/*
 * One page of a sub-page block pool: a whole page from a heap, carved into
 * blocks of one size class laid out back to back from its start.
 *
 * Everything about the blocks lives in the page's record, kmalloc()ed
 * outside the page: a bitmap of live blocks, the size each was asked with
 * (for d_free_dmamem()'s size check), and a list of tenants, one per
 * handle with blocks on the page, each with a bitmap of its own blocks.
 * The device may write anything into the page without reaching any of it.
 *
 * Every pool page is in an xarray indexed by its kernel virtual page
 * number, so d_free_dmamem() finds the record of any address in O(1) (the
 * xarray's depth is bounded by the width of an address).  The blocks
 * themselves are handed out and taken back by the inline functions of
 * pool.h.
 *
 * Locking: the pool's lock guards a record's bitmaps, sizes and tenants.
 * Records are freed with kfree_rcu(), so a lookup under RCU may take the
 * pool's lock and then check @dead.
 */
#include <linux/bitmap.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "pool.h"

static DEFINE_XARRAY(dm_pool_pages);

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

static size_t dm_pool_page_bytes(const struct dm_pool *pool)
{
	return sizeof(struct dm_pool_page) +
	       BITS_TO_LONGS(pool->per_page) * sizeof(long) +
	       pool->per_page * (dm_pool_wide(pool) ? sizeof(u16) : sizeof(u8));
}

/**
 * dm_pool_page_new() - take a page from a heap for a pool
 * @pool: the pool; its lock is not held (this sleeps)
 * @why: on failure, set to a sentence saying why
 *
 * The page comes through the heap policy, meeting the pool's key, and is
 * entered in the lookup table; the caller adds it to the pool.
 *
 * Return: the page's record, or an ERR_PTR() with the heap's errno.
 */
struct dm_pool_page *dm_pool_page_new(struct dm_pool *pool, const char **why)
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
	INIT_LIST_HEAD(&pp->tenants);
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

/**
 * dm_pool_page_add() - put a new page in its pool
 * @pp: from dm_pool_page_new()
 */
void dm_pool_page_add(struct dm_pool_page *pp)
{
	struct dm_pool *pool = pp->pool;

	list_add(&pp->node, &pool->partial);
	pool->pages++;
	pool->overhead += kmalloc_size_roundup(dm_pool_page_bytes(pool));
}

/**
 * dm_pool_page_drop() - take an empty page out of its pool
 * @pp: a page with no live block
 *
 * Lookups no longer find it; give it back with dm_pool_page_put() once
 * the pool's lock is dropped.  @pp->node is free for the caller's use.
 */
void dm_pool_page_drop(struct dm_pool_page *pp)
{
	struct dm_pool *pool = pp->pool;

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

/**
 * dm_pool_page_find() - the pool page an address lies in
 * @addr: any address
 *
 * Call under rcu_read_lock(); the record stays readable until
 * rcu_read_unlock(), but is live only while !@dead under its pool's lock.
 *
 * Return: the page's record, or NULL when @addr is in no pool page.
 */
struct dm_pool_page *dm_pool_page_find(const void *addr)
{
	return xa_load(&dm_pool_pages, dm_pool_page_index(addr));
}

/**
 * dm_pool_tenant_bytes() - size of a tenant record for a pool
 * @pool: the pool
 *
 * Return: the bytes to kmalloc().
 */
size_t dm_pool_tenant_bytes(const struct dm_pool *pool)
{
	return sizeof(struct dm_pool_tenant) +
	       BITS_TO_LONGS(pool->per_page) * sizeof(long);
}
