// SPDX-License-Identifier: GPL-2.0
/*
 * A handle's live mappings: a hash table from the bus address d_map_page()
 * returned, or the bus list d_map_list() filled in, to what was mapped.
 * d_unmap_page(), d_unmap_list() and d_sync_mem() find their mapping
 * here; d_map_clear() unmaps whatever is left.
 *
 * Without an IOMMU the same page mapped twice has the same bus address:
 * both mappings are kept, and an unmap takes one of them.  A bus list
 * names at most one live mapping.
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

static struct dm_map *dm_maps_find(struct dm_handle *dh, unsigned long key,
				   bool list)
{
	struct dm_map *m;

	lockdep_assert_held(&dh->map_lock);
	hash_for_each_possible(dh->maps, m, node, key) {
		if (m->key == key && m->list == list)
			return m;
	}
	return NULL;
}

/**
 * dm_maps_add() - record a new mapping as live on its handle
 * @dh: the handle
 * @m: the record, with its key set
 *
 * Return: 0; -ESTALE if d_map_clear() has started on @dh; -EBUSY if @m is
 * a list mapping and its bus list is mapped already.
 */
int dm_maps_add(struct dm_handle *dh, struct dm_map *m)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&dh->map_lock, flags);
	if (dh->maps_closed) {
		ret = -ESTALE;
	} else if (m->list && dm_maps_find(dh, m->key, true)) {
		ret = -EBUSY;
	} else {
		hash_add(dh->maps, &m->node, m->key);
		dh->nr_maps++;
	}
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return ret;
}

/**
 * dm_maps_busy() - whether a bus list is mapped already
 * @dh: the handle
 * @key: the bus list
 *
 * Return: true if a live mapping fills in @key.
 */
bool dm_maps_busy(struct dm_handle *dh, unsigned long key)
{
	unsigned long flags;
	bool busy;

	spin_lock_irqsave(&dh->map_lock, flags);
	busy = dm_maps_find(dh, key, true);
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return busy;
}

/**
 * dm_maps_take() - take a live mapping out of its handle's table
 * @dh: the handle
 * @key: its bus address (page) or bus list (list)
 * @list: a list mapping rather than a page mapping
 *
 * Return: the record, now the caller's, or NULL if none is live.
 */
struct dm_map *dm_maps_take(struct dm_handle *dh, unsigned long key,
			    bool list)
{
	unsigned long flags;
	struct dm_map *m;

	spin_lock_irqsave(&dh->map_lock, flags);
	m = dm_maps_find(dh, key, list);
	if (m) {
		hash_del(&m->node);
		dh->nr_maps--;
	}
	spin_unlock_irqrestore(&dh->map_lock, flags);
	return m;
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
		if (!dm_maps_find(dh, (unsigned long)bus->dvec[i].iov_base, false))
			return false;
	for (i = 0; i < bus->used_iovecs; i++) {
		m = dm_maps_find(dh, (unsigned long)bus->dvec[i].iov_base, false);
		dm_seg_sync(dh, &m->seg[0], m->dir);
	}
	return true;
}

/**
 * dm_maps_sync() - a coherency point for live mappings
 * @dh: the handle
 * @bus: the bus list d_map_list() filled in, or a list whose entries hold
 *	bus addresses d_map_page() gave
 *
 * Every piece is synchronised in the direction it was mapped for.
 *
 * Return: 0, or -ENOENT when @bus is no live list mapping and not every
 * entry of it names a live page mapping (nothing is synchronised then).
 */
int dm_maps_sync(struct dm_handle *dh, const struct dio *bus)
{
	unsigned long flags;
	struct dm_map *m;
	bool found;

	spin_lock_irqsave(&dh->map_lock, flags);
	m = dm_maps_find(dh, (unsigned long)bus, true);
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
