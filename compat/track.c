// SPDX-License-Identifier: GPL-2.0
/*
 * What the AIX heap shims handed out: a maple tree from each live
 * allocation's address to its heap, size and the heap's own datum.  A free
 * succeeds only for the exact address of a live allocation of the heap it
 * names, with the size it was made with when the heap asks for one.
 *
 * Locking: dm_track_lock (a mutex; the shims run in process context only)
 * makes looking an entry up and taking it out one step.  Every read and
 * every write of the map is under it: the map is not in RCU mode, so a
 * read beside a writer could step on a node the writer just freed.
 */
#include <linux/maple_tree.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include "track.h"

struct dm_track_entry {
	void *addr;
	const void *heap;
	size_t size;
	unsigned long priv;
};

static DEFINE_MTREE(dm_track_map);
static DEFINE_MUTEX(dm_track_lock);

/*
 * Take an entry out of the map.  mtree_erase() leaves the entry in place
 * when it cannot allocate a node; a store of NULL that may not fail always
 * takes it out.
 */
static void dm_track_erase(const void *addr)
{
	lockdep_assert_held(&dm_track_lock);
	WARN_ON_ONCE(mtree_store(&dm_track_map, (unsigned long)addr, NULL,
				 GFP_KERNEL | __GFP_NOFAIL));
}

/**
 * dm_track_add() - record a new allocation
 * @addr: its address
 * @heap: the heap it came from
 * @size: the size it was asked for with
 * @priv: the heap's datum, handed back when the allocation is taken
 *
 * Return: 0, or -ENOMEM.
 */
int dm_track_add(void *addr, const void *heap, size_t size,
		 unsigned long priv)
{
	struct dm_track_entry *e;
	int ret;

	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->addr = addr;
	e->heap = heap;
	e->size = size;
	e->priv = priv;
	mutex_lock(&dm_track_lock);
	ret = mtree_insert(&dm_track_map, (unsigned long)addr, e, GFP_KERNEL);
	mutex_unlock(&dm_track_lock);
	if (ret)
		kfree(e);
	return ret;
}

/**
 * dm_track_take() - take a live allocation out of the record
 * @addr: the address the caller names
 * @heap: the heap the caller names
 * @size: the size the caller names, or 0 when the heap does not ask
 * @priv: receives the heap's datum on success
 *
 * Nothing changes unless all three match.
 *
 * Return: 0; -ENOENT (not a live allocation), -EACCES (another heap's),
 * -EINVAL (wrong size).
 */
int dm_track_take(void *addr, const void *heap, size_t size,
		  unsigned long *priv)
{
	struct dm_track_entry *e;
	int ret = 0;

	mutex_lock(&dm_track_lock);
	e = mtree_load(&dm_track_map, (unsigned long)addr);
	if (!e)
		ret = -ENOENT;
	else if (e->heap != heap)
		ret = -EACCES;
	else if (size && e->size != size)
		ret = -EINVAL;
	else
		dm_track_erase(addr);
	mutex_unlock(&dm_track_lock);
	if (ret)
		return ret;
	*priv = e->priv;
	kfree(e);
	return 0;
}

/**
 * dm_track_drain() - take every live allocation of a heap, at unload
 * @heap: the heap
 * @release: gives one allocation's memory back
 *
 * Return: how many allocations were still live.
 */
unsigned long dm_track_drain(const void *heap,
			     void (*release)(void *addr, unsigned long priv))
{
	struct dm_track_entry *e;
	unsigned long index = 0, count = 0;

	mutex_lock(&dm_track_lock);
	/* the walk leaves index past the entry: use the entry's address */
	mt_for_each(&dm_track_map, e, index, ULONG_MAX) {
		if (e->heap != heap)
			continue;
		dm_track_erase(e->addr);
		release(e->addr, e->priv);
		kfree(e);
		count++;
	}
	mutex_unlock(&dm_track_lock);
	return count;
}
