// SPDX-License-Identifier: GPL-2.0
/*
 * A handle's live mappings: a hash table from the bus address d_map_page()
 * returned, or the first bus address of the entries d_map_list() wrote,
 * to what was mapped.  d_unmap_page(), d_unmap_list() and d_sync_mem()
 * find their mapping here; d_map_clear() unmaps whatever is left.
 *
 * A list mapping is named by what it gave, its first bus address and its
 * number of entries, not by the struct dio it was written to: an AIX
 * driver may pass one bus dio to every outstanding command and later
 * refill it with a command's entries to unmap them.  Without an IOMMU the
 * same memory mapped twice has the same bus address: both mappings are
 * kept, and an unmap takes one of them.
 *
 * This is on every I/O's path, so it is built not to allocate and not to
 * be shared between CPUs in the steady state:
 *  - each bucket has its own lock, on its own cache line, so CPUs mapping
 *    on one handle meet only when their keys hash together;
 *  - a page mapping's record, given back at its unmap, is kept in its
 *    bucket (at most DM_MAPS_SPARE of them) for the next page mapping
 *    there, and a list mapping's record in the handle's one spare slot;
 *  - nothing counts the live mappings: dm_maps_count() walks them.
 *
 * Locking: a bucket's lock, a spinlock taken with interrupts off, since
 * the mapping services may be called at interrupt level; no two are ever
 * held at once.  Records are allocated with GFP_ATOMIC for the same
 * reason; a record that cannot be allocated is a shortage of mapping
 * resources (DMA_NORES).
 */
#include <linux/dma-mapping.h>
#include <linux/hash.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include "dhandle.h"
#include "mapping.h"

/* page mapping records a bucket keeps for reuse */
#define DM_MAPS_SPARE	4

/**
 * dm_maps_init() - set up an empty table of mappings
 * @maps: the table, zeroed
 */
void dm_maps_init(struct dm_maps *maps)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(maps->b); i++)
		spin_lock_init(&maps->b[i].lock);
}

static struct dm_maps_bucket *dm_maps_bucket(struct dm_handle *dh,
					     unsigned long key)
{
	return &dh->maps.b[hash_long(key, DM_MAPS_BITS)];
}

/* A record, its header set and its pieces unset. */
static struct dm_map *dm_map_new(unsigned int room, bool list)
{
	size_t size = struct_size_t(struct dm_map, seg, room);
	struct dm_map *m;

	if (list)
		size = size_add(size, array_size(room, sizeof(struct scatterlist)));
	m = kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);
	if (!m)
		return NULL;
	m->room = room;
	m->list = list;
	return m;
}

static void dm_map_reset(struct dm_map *m, enum dma_data_direction dir)
{
	m->key = 0;
	m->entries = 0;
	m->dir = dir;
	m->nr = 0;
	m->sgt.sgl = NULL;
	m->sgt.nents = 0;
	m->sgt.orig_nents = 0;
}

/**
 * dm_map_alloc_list() - a record for a list mapping
 * @dh: the handle
 * @room: pieces it must hold, at least 1; a scatterlist entry per piece
 *	follows them
 * @dir: the direction of the transfer
 *
 * The handle's spare list record is taken when it has the room.
 *
 * Return: the record, or NULL.
 */
struct dm_map *dm_map_alloc_list(struct dm_handle *dh, unsigned int room,
				 enum dma_data_direction dir)
{
	struct dm_map *m = xchg(&dh->maps.spare_list, NULL);

	if (m && m->room < room) {
		kfree(m);
		m = NULL;
	}
	if (!m)
		m = dm_map_new(room, true);
	if (m)
		dm_map_reset(m, dir);
	return m;
}

/**
 * dm_map_sgl() - the scatterlist entries of a list's record
 * @m: a record from dm_map_alloc_list()
 *
 * Return: the first of @m->room entries.
 */
struct scatterlist *dm_map_sgl(struct dm_map *m)
{
	return (struct scatterlist *)&m->seg[m->room];
}

/**
 * dm_map_sync() - a coherency point for every piece of a record
 * @dh: the handle it was made on
 * @m: the record
 */
void dm_map_sync(struct dm_handle *dh, struct dm_map *m)
{
	unsigned int i;

	/* the scatterlist's pieces, usually all of them, are synced with it */
	for (i = 0; i < m->nr; i++)
		if (m->seg[i].kind == DM_SEG_OWN || m->seg[i].kind == DM_SEG_PAGE)
			dm_seg_sync(dh, &m->seg[i], m->dir);
	if (!m->sgt.sgl)
		return;
	if (m->dir != DMA_TO_DEVICE)
		dma_sync_sgtable_for_cpu(dh->dev, &m->sgt, m->dir);
	dma_sync_sgtable_for_device(dh->dev, &m->sgt, m->dir);
}

/* Give a record back: a list's to the spare slot, unless it holds a bigger one. */
static void dm_map_free(struct dm_handle *dh, struct dm_map *m)
{
	struct dm_map *old;

	if (m->list && !READ_ONCE(dh->maps.closed)) {
		old = xchg(&dh->maps.spare_list, m);
		if (old && old->room > m->room)
			old = xchg(&dh->maps.spare_list, old);
		m = old;
	}
	kfree(m);
}

/**
 * dm_map_release() - unmap every piece of a record and free it
 * @dh: the handle it was made on
 * @m: the record, in no table
 */
void dm_map_release(struct dm_handle *dh, struct dm_map *m)
{
	unsigned int i;

	/* first: a piece lets go of its attachment's pinned pages */
	if (m->sgt.sgl)
		dma_unmap_sgtable(dh->dev, &m->sgt, m->dir, 0);
	for (i = 0; i < m->nr; i++)
		dm_seg_unmap(dh, &m->seg[i], m->dir);
	dm_map_free(dh, m);
}

/*
 * The live mapping named by @key: a page mapping (@entries 0) by its bus
 * address, a list mapping by its first bus address and its number of
 * entries.  Two live lists may name the same: the same memory mapped
 * twice where its bus address is its physical address; either is then
 * as good as the other.
 */
static struct dm_map *dm_maps_find(struct dm_maps_bucket *b, unsigned long key,
				   long entries)
{
	struct dm_map *m;

	lockdep_assert_held(&b->lock);
	hlist_for_each_entry(m, &b->live, node) {
		if (m->key == key && m->entries == entries)
			return m;
	}
	return NULL;
}

/**
 * dm_maps_list_key() - what names the list mapping a bus list holds
 * @bus: a bus list, as d_map_list() filled it in or the driver again
 * @key: receives its first entry's bus address
 * @entries: receives its number of entries
 *
 * Return: false when @bus holds no entry, and so names no mapping.
 */
bool dm_maps_list_key(const struct dio *bus, unsigned long *key,
		      long *entries)
{
	if (!bus || bus->used_iovecs <= 0 || !bus->dvec)
		return false;
	*key = (unsigned long)bus->dvec[0].iov_base;
	*entries = bus->used_iovecs;
	return true;
}

/**
 * dm_maps_add() - record a new list mapping as live on its handle
 * @dh: the handle
 * @m: the record, with its key and entries set
 *
 * Return: 0, or -ESTALE if d_map_clear() has started on @dh.
 */
int dm_maps_add(struct dm_handle *dh, struct dm_map *m)
{
	struct dm_maps_bucket *b = dm_maps_bucket(dh, m->key);
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&b->lock, flags);
	if (READ_ONCE(dh->maps.closed))
		ret = -ESTALE;
	else
		hlist_add_head(&m->node, &b->live);
	spin_unlock_irqrestore(&b->lock, flags);
	return ret;
}

/**
 * dm_maps_add_page() - record a new page mapping as live on its handle
 * @dh: the handle
 * @seg: the piece d_map_page() mapped; its bus address is the key
 * @dir: the direction it was mapped for
 *
 * The record is a spare of the key's bucket when it has one.
 *
 * Return: 0; -ENOMEM (no record), -ESTALE (d_map_clear() has started on
 * @dh).  Nothing is recorded on failure.
 */
int dm_maps_add_page(struct dm_handle *dh, const struct dm_seg *seg,
		     enum dma_data_direction dir)
{
	struct dm_maps_bucket *b = dm_maps_bucket(dh, seg->bus);
	struct dm_map *m = NULL, *fresh = NULL;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&b->lock, flags);
		if (READ_ONCE(dh->maps.closed))
			break;
		if (b->nr_spare) {
			m = hlist_entry(b->spare.first, struct dm_map, node);
			hlist_del(&m->node);
			b->nr_spare--;
		} else {
			swap(m, fresh);
		}
		if (m) {
			dm_map_reset(m, dir);
			m->key = seg->bus;
			m->nr = 1;
			m->seg[0] = *seg;
			hlist_add_head(&m->node, &b->live);
			break;
		}
		/* no spare: allocate outside the lock, and look again */
		spin_unlock_irqrestore(&b->lock, flags);
		fresh = dm_map_new(1, false);
		if (!fresh)
			return -ENOMEM;
	}
	spin_unlock_irqrestore(&b->lock, flags);
	/* a spare came up meanwhile, or the handle is being cleared */
	kfree(fresh);
	return m ? 0 : -ESTALE;
}

/**
 * dm_maps_take_page() - take a live page mapping out of its handle's table
 * @dh: the handle
 * @key: the bus address d_map_page() gave
 * @seg: receives the piece that was mapped, now the caller's to unmap
 * @dir: receives the direction it was mapped for
 *
 * The record stays in its bucket as a spare, or is freed.
 *
 * Return: true, or false if no page mapping is live at @key.
 */
bool dm_maps_take_page(struct dm_handle *dh, unsigned long key,
		       struct dm_seg *seg, enum dma_data_direction *dir)
{
	struct dm_maps_bucket *b = dm_maps_bucket(dh, key);
	unsigned long flags;
	struct dm_map *m;
	bool found;

	spin_lock_irqsave(&b->lock, flags);
	m = dm_maps_find(b, key, 0);
	found = m;
	if (m) {
		hlist_del(&m->node);
		*seg = m->seg[0];
		*dir = m->dir;
		if (b->nr_spare < DM_MAPS_SPARE && !READ_ONCE(dh->maps.closed)) {
			hlist_add_head(&m->node, &b->spare);
			b->nr_spare++;
		} else {
			kfree(m);
		}
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return found;
}

/**
 * dm_maps_take_list() - take the live list mapping a bus list names
 * @dh: the handle
 * @bus: a bus list holding the entries d_map_list() wrote: the first
 *	entry's bus address and used_iovecs find the mapping
 *
 * Return: the record, now the caller's, or NULL if none is live.
 */
struct dm_map *dm_maps_take_list(struct dm_handle *dh, const struct dio *bus)
{
	struct dm_maps_bucket *b;
	unsigned long flags, key;
	struct dm_map *m;
	long entries;

	if (!dm_maps_list_key(bus, &key, &entries))
		return NULL;
	b = dm_maps_bucket(dh, key);
	spin_lock_irqsave(&b->lock, flags);
	m = dm_maps_find(b, key, entries);
	if (m)
		hlist_del(&m->node);
	spin_unlock_irqrestore(&b->lock, flags);
	return m;
}

/*
 * Whether the live mapping @key and @entries name is there, and, with
 * @sync, a coherency point for it under its bucket's lock.
 */
static bool dm_maps_visit(struct dm_handle *dh, unsigned long key,
			  long entries, bool sync)
{
	struct dm_maps_bucket *b = dm_maps_bucket(dh, key);
	unsigned long flags;
	struct dm_map *m;

	spin_lock_irqsave(&b->lock, flags);
	m = dm_maps_find(b, key, entries);
	if (m && sync)
		dm_map_sync(dh, m);
	spin_unlock_irqrestore(&b->lock, flags);
	return m;
}

/*
 * The page mappings a bus list holding entries names, one per entry by
 * the bus address d_map_page() gave: none unless every one is live.  Each
 * bucket is locked alone, so one unmapped meanwhile (by the driver racing
 * its own sync, or by d_map_clear()) is passed over, and the sync fails.
 */
static bool dm_maps_sync_pages(struct dm_handle *dh, const struct dio *bus)
{
	bool all = true;
	long i;

	for (i = 0; i < bus->used_iovecs; i++)
		if (!dm_maps_visit(dh, (unsigned long)bus->dvec[i].iov_base, 0,
				   false))
			return false;
	for (i = 0; i < bus->used_iovecs; i++)
		all &= dm_maps_visit(dh, (unsigned long)bus->dvec[i].iov_base, 0,
				     true);
	return all;
}

/**
 * dm_maps_sync() - a coherency point for live mappings
 * @dh: the handle
 * @bus: a bus list holding the entries d_map_list() wrote, or a list
 *	whose entries hold bus addresses d_map_page() gave
 *
 * Every piece is synchronised in the direction it was mapped for.
 *
 * Return: 0, or -ENOENT when @bus is no live list mapping and not every
 * entry of it names a live page mapping: nothing is synchronised then,
 * unless one was unmapped while the others were being synchronised.
 */
int dm_maps_sync(struct dm_handle *dh, const struct dio *bus)
{
	unsigned long key;
	long entries;

	if (!dm_maps_list_key(bus, &key, &entries))
		return -ENOENT;
	if (dm_maps_visit(dh, key, entries, true))
		return 0;
	return dm_maps_sync_pages(dh, bus) ? 0 : -ENOENT;
}

/**
 * dm_maps_close() - take every live mapping from a handle being cleared
 * @dh: the handle; it accepts no new mapping afterwards
 * @out: receives the records (struct dm_map.node), now the caller's
 *
 * The spare records are freed.
 *
 * Return: how many live mappings there were.
 */
unsigned long dm_maps_close(struct dm_handle *dh, struct hlist_head *out)
{
	struct dm_maps_bucket *b;
	struct hlist_node *tmp;
	HLIST_HEAD(spare);
	unsigned long flags, n = 0;
	struct dm_map *m;
	unsigned int i;

	/* before any bucket is emptied: an add that misses it is refused */
	WRITE_ONCE(dh->maps.closed, true);
	for (i = 0; i < ARRAY_SIZE(dh->maps.b); i++) {
		b = &dh->maps.b[i];
		spin_lock_irqsave(&b->lock, flags);
		hlist_for_each_entry_safe(m, tmp, &b->live, node) {
			hlist_del(&m->node);
			hlist_add_head(&m->node, out);
			n++;
		}
		hlist_move_list(&b->spare, &spare);
		b->nr_spare = 0;
		spin_unlock_irqrestore(&b->lock, flags);
		hlist_for_each_entry_safe(m, tmp, &spare, node)
			kfree(m);
	}
	kfree(xchg(&dh->maps.spare_list, NULL));
	return n;
}

/**
 * dm_maps_destroy() - free what a cleared handle's table still holds
 * @maps: the table, which nothing can reach any more
 *
 * A list record given back while dm_maps_close() ran may have reached the
 * spare slot after it was emptied.
 */
void dm_maps_destroy(struct dm_maps *maps)
{
	kfree(maps->spare_list);
}

/**
 * dm_maps_count() - how many mappings a handle has live
 * @dh: the handle
 *
 * Return: the number, walking every bucket.
 */
unsigned long dm_maps_count(struct dm_handle *dh)
{
	struct dm_maps_bucket *b;
	unsigned long flags, n = 0;
	struct dm_map *m;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dh->maps.b); i++) {
		b = &dh->maps.b[i];
		spin_lock_irqsave(&b->lock, flags);
		hlist_for_each_entry(m, &b->live, node)
			n++;
		spin_unlock_irqrestore(&b->lock, flags);
	}
	return n;
}
