// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of live handles.  Every d_handle_t a driver passes in is
 * looked up here, by value, before anything dereferences it: NULL,
 * DMA_FAIL, a cleared handle and a forged one are all simply not found.
 *
 * Locking: dm_registry_lock, a spinlock taken with interrupts off (lookups
 * may come from interrupt level), serialises additions and removals.
 * Lookups walk the table under RCU and take a reference with
 * refcount_inc_not_zero(), or, on the fast paths of the sub-page pools,
 * use the handle under RCU alone.  A handle's memory is freed only after
 * a spell in quarantine (quarantine.c) and an RCU grace period.
 */
#include <linux/hashtable.h>
#include <linux/spinlock.h>
#include "dhandle.h"

/* The table itself: dm_registry_lookup_rcu() is inline (dhandle.h). */
DEFINE_HASHTABLE(dm_registry, DM_REGISTRY_BITS);
static DEFINE_SPINLOCK(dm_registry_lock);

/**
 * dm_registry_add() - publish a fully built handle
 * @dh: the handle; its registry reference is already counted in @dh->ref
 */
void dm_registry_add(struct dm_handle *dh)
{
	unsigned long flags;

	spin_lock_irqsave(&dm_registry_lock, flags);
	hash_add_rcu(dm_registry, &dh->reg_node, dm_registry_key(&dh->pub));
	spin_unlock_irqrestore(&dm_registry_lock, flags);
}

/**
 * dm_registry_remove() - withdraw a handle so no new lookup finds it
 * @dh: the handle
 *
 * Return: true for the one caller that removed it, false if it was gone.
 */
bool dm_registry_remove(struct dm_handle *dh)
{
	unsigned long flags;
	bool removed;

	spin_lock_irqsave(&dm_registry_lock, flags);
	removed = !hlist_unhashed(&dh->reg_node);
	if (removed)
		hash_del_rcu(&dh->reg_node);
	spin_unlock_irqrestore(&dm_registry_lock, flags);
	return removed;
}

/**
 * dm_registry_lookup() - find a live handle and take a reference on it
 * @handle: whatever the driver passed in; it is never dereferenced
 *
 * Return: the handle with a reference the caller drops with
 * dm_handle_put(), or NULL if @handle is not a live handle.
 */
struct dm_handle *dm_registry_lookup(d_handle_t handle)
{
	struct dm_handle *dh;

	rcu_read_lock();
	dh = dm_registry_lookup_rcu(handle);
	if (dh && !refcount_inc_not_zero(&dh->ref))
		dh = NULL;
	rcu_read_unlock();
	return dh;
}

/* Any live handle (@any), or one created by @mod, with a reference. */
static struct dm_handle *dm_registry_find(bool any, struct module *mod)
{
	struct dm_handle *dh, *found = NULL;
	unsigned long flags;
	int bkt;

	spin_lock_irqsave(&dm_registry_lock, flags);
	hash_for_each(dm_registry, bkt, dh, reg_node) {
		if ((any || dh->module == mod) &&
		    refcount_inc_not_zero(&dh->ref)) {
			found = dh;
			break;
		}
	}
	spin_unlock_irqrestore(&dm_registry_lock, flags);
	return found;
}

/**
 * dm_registry_first() - any live handle, for tearing everything down
 *
 * Return: a live handle with a reference taken, or NULL when none is left.
 */
struct dm_handle *dm_registry_first(void)
{
	return dm_registry_find(true, NULL);
}

/**
 * dm_registry_first_of() - a live handle a module created
 * @mod: the module, unloading
 *
 * Return: a live handle of @mod with a reference taken, or NULL when
 * @mod has none left.
 */
struct dm_handle *dm_registry_first_of(struct module *mod)
{
	return dm_registry_find(false, mod);
}

/**
 * dm_registry_next() - the live handle with the next id, for walking them
 * @after: an id; 0 to start
 *
 * A walk by id, one lookup per handle, sees each handle that stays live
 * throughout exactly once, whatever is added or removed meanwhile.
 *
 * Return: the live handle with the smallest id above @after, with a
 * reference taken, or NULL when there is none.
 */
struct dm_handle *dm_registry_next(unsigned int after)
{
	struct dm_handle *dh, *next;
	bool got;
	int bkt;

	do {
		next = NULL;
		rcu_read_lock();
		hash_for_each_rcu(dm_registry, bkt, dh, reg_node)
			if (dh->pub.id > after &&
			    (!next || dh->pub.id < next->pub.id))
				next = dh;
		got = next && refcount_inc_not_zero(&next->ref);
		if (next)
			after = next->pub.id;	/* a dying one: look past it */
		rcu_read_unlock();
	} while (next && !got);
	return next;
}
