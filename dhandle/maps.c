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
 * Locking: dh->map_lock, a spinlock taken with interrupts off, since the
 * mapping services may be called at interrupt level.  Records are
 * allocated with GFP_ATOMIC for the same reason; a record that cannot be
 * allocated is a shortage of mapping resources (DMA_NORES).
 */
#include <linux/dma-mapping.h>
#include <linux/hashtable.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include "dhandle.h"
#include "mapping.h"

/**
 * dm_map_alloc() - a record with room for some pieces
 * @room: pieces it must hold, at least 1
 * @dir: the direction of the transfer
 * @list: for d_map_list(): a scatterlist entry per piece follows them
 *
 * Return: the record, or NULL.
 */
struct dm_map *dm_map_alloc(unsigned int room, enum dma_data_direction dir,
			    bool list)
{
	size_t size = struct_size_t(struct dm_map, seg, room);
	struct dm_map *m;

	if (list)
		size = size_add(size, array_size(room, sizeof(struct scatterlist)));
	m = kzalloc(size, GFP_ATOMIC | __GFP_NOWARN);
	if (!m)
		return NULL;
	m->room = room;
	m->dir = dir;
	m->list = list;
	return m;
}

/**
 * dm_map_sgl() - the scatterlist entries of a list's record
 * @m: a record from dm_map_alloc() with @list
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

	for (i = 0; i < m->nr; i++)
		dm_seg_sync(dh, &m->seg[i], m->dir);
	if (!m->sgt.sgl)
		return;
	if (m->dir != DMA_TO_DEVICE)
		dma_sync_sgtable_for_cpu(dh->dev, &m->sgt, m->dir);
	dma_sync_sgtable_for_device(dh->dev, &m->sgt, m->dir);
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
	kfree(m);
}

/*
 * The live mapping named by @key: a page mapping (@entries 0) by its bus
 * address, a list mapping by its first bus address and its number of
 * entries.  Two live lists may name the same: the same memory mapped
 * twice where its bus address is its physical address; either is then
 * as good as the other.
 */
static struct dm_map *dm_maps_find(struct dm_handle *dh, unsigned long key,
				   long entries)
{
	struct dm_map *m;

	lockdep_assert_held(&dh->map_lock);
	hash_for_each_possible(dh->maps, m, node, key) {
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
 * dm_maps_add() - record a new mapping as live on its handle
 * @dh: the handle
 * @m: the record, with its key (and, for a list, its entries) set
 *
 * Return: 0, or -ESTALE if d_map_clear() has started on @dh.
 */
int dm_maps_add(struct dm_handle *dh, struct dm_map *m)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&dh->map_lock, flags);
	if (dh->maps_closed) {
		ret = -ESTALE;
	} else {
		hash_add(dh->maps, &m->node, m->key);
		dh->nr_maps++;
	}
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return ret;
}

static struct dm_map *__dm_maps_take(struct dm_handle *dh, unsigned long key,
				     long entries)
{
	unsigned long flags;
	struct dm_map *m;

	spin_lock_irqsave(&dh->map_lock, flags);
	m = dm_maps_find(dh, key, entries);
	if (m) {
		hash_del(&m->node);
		dh->nr_maps--;
	}
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return m;
}

/**
 * dm_maps_take() - take a live page mapping out of its handle's table
 * @dh: the handle
 * @key: the bus address d_map_page() gave
 *
 * Return: the record, now the caller's, or NULL if none is live.
 */
struct dm_map *dm_maps_take(struct dm_handle *dh, unsigned long key)
{
	return __dm_maps_take(dh, key, 0);
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
	unsigned long key;
	long entries;

	if (!dm_maps_list_key(bus, &key, &entries))
		return NULL;
	return __dm_maps_take(dh, key, entries);
}

/*
 * Under the map lock: the page mappings a bus list names, one per entry
 * by the bus address d_map_page() gave; all of them, or none.
 */
static bool dm_maps_sync_pages(struct dm_handle *dh, const struct dio *bus)
{
	struct dm_map *m;
	long i;

	lockdep_assert_held(&dh->map_lock);
	if (!bus || bus->used_iovecs <= 0 || !bus->dvec)
		return false;
	for (i = 0; i < bus->used_iovecs; i++)
		if (!dm_maps_find(dh, (unsigned long)bus->dvec[i].iov_base, 0))
			return false;
	for (i = 0; i < bus->used_iovecs; i++) {
		m = dm_maps_find(dh, (unsigned long)bus->dvec[i].iov_base, 0);
		dm_seg_sync(dh, &m->seg[0], m->dir);
	}
	return true;
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
 * entry of it names a live page mapping (nothing is synchronised then).
 */
int dm_maps_sync(struct dm_handle *dh, const struct dio *bus)
{
	struct dm_map *m = NULL;
	unsigned long flags, key;
	long entries;
	bool found;

	spin_lock_irqsave(&dh->map_lock, flags);
	if (dm_maps_list_key(bus, &key, &entries))
		m = dm_maps_find(dh, key, entries);
	if (m)
		dm_map_sync(dh, m);
	found = m || dm_maps_sync_pages(dh, bus);
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return found ? 0 : -ENOENT;
}

/**
 * dm_maps_close() - take every live mapping from a handle being cleared
 * @dh: the handle; it accepts no new mapping afterwards
 * @out: receives the records (struct dm_map.node), now the caller's
 *
 * Return: how many there were.
 */
unsigned long dm_maps_close(struct dm_handle *dh, struct hlist_head *out)
{
	struct hlist_node *tmp;
	unsigned long flags, n;
	struct dm_map *m;
	int bkt;

	spin_lock_irqsave(&dh->map_lock, flags);
	dh->maps_closed = true;
	hash_for_each_safe(dh->maps, bkt, tmp, m, node) {
		hash_del(&m->node);
		hlist_add_head(&m->node, out);
	}
	n = dh->nr_maps;
	dh->nr_maps = 0;
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return n;
}

/**
 * dm_maps_count() - how many mappings a handle has live
 * @dh: the handle
 *
 * Return: the number.
 */
unsigned long dm_maps_count(struct dm_handle *dh)
{
	unsigned long flags, n;

	spin_lock_irqsave(&dh->map_lock, flags);
	n = dh->nr_maps;
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return n;
}
