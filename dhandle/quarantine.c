// SPDX-License-Identifier: GPL-2.0
/*
 * The quarantine of freed handles.  A d_handle_t is a pointer, and the
 * registry knows a handle by that value alone: were a cleared handle's
 * memory handed straight back to the slab, the next d_map_init() could
 * get the same address, and a driver still holding the old handle would
 * act on the new one.  So a freed handle's memory is kept here, intact,
 * until DM_QUARANTINE more handles have been freed after it.  Meanwhile a
 * stale handle is simply not in the registry, and the D_* macros, which
 * call through its members, still reach services that refuse it.
 *
 * Locking: dm_quarantine_lock, a spinlock taken with interrupts off (the
 * last reference to a handle may be dropped at interrupt level), guards
 * the list and its length.
 */
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "dhandle.h"

/* freed handles whose memory is kept from reuse */
#define DM_QUARANTINE	64

static LIST_HEAD(dm_quarantine);
static unsigned int dm_quarantined;
static DEFINE_SPINLOCK(dm_quarantine_lock);

/**
 * dm_quarantine_add() - keep a freed handle's memory from reuse for a while
 * @dh: the handle, out of the registry, its last reference gone
 *
 * The oldest handle in quarantine, once there are more than DM_QUARANTINE,
 * is freed after an RCU grace period, with its record of pool blocks.
 */
void dm_quarantine_add(struct dm_handle *dh)
{
	struct dm_handle *oldest = NULL;
	unsigned long flags;

	spin_lock_irqsave(&dm_quarantine_lock, flags);
	list_add_tail(&dh->quarantine, &dm_quarantine);
	if (++dm_quarantined > DM_QUARANTINE) {
		oldest = list_first_entry(&dm_quarantine, struct dm_handle,
					  quarantine);
		list_del(&oldest->quarantine);
		dm_quarantined--;
	}
	spin_unlock_irqrestore(&dm_quarantine_lock, flags);
	if (oldest)
		call_rcu(&oldest->rcu, dm_handle_free);
}

/**
 * dm_quarantine_exit() - free every handle in quarantine, at module unload
 */
void dm_quarantine_exit(void)
{
	struct dm_handle *dh, *next;
	unsigned long flags;
	LIST_HEAD(all);

	spin_lock_irqsave(&dm_quarantine_lock, flags);
	list_splice_init(&dm_quarantine, &all);
	dm_quarantined = 0;
	spin_unlock_irqrestore(&dm_quarantine_lock, flags);
	list_for_each_entry_safe(dh, next, &all, quarantine)
		call_rcu(&dh->rcu, dm_handle_free);
}
