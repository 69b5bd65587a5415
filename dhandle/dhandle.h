/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem handles: the private side of a d_handle_t.
 *
 * Lock order, for the whole module: a lock on the left may be held while
 * one to its right is taken, never the other way round.
 *
 *   dh->mem.lock (mutex)             -> the allocation map's lock
 *     (struct dm_owner, dmamem/owner.c)
 *   dm_pool_sets_lock (mutex)        -> pool->lock -> the pool page table's
 *                                       xarray lock (dmamem/pool.c)
 *   dm_real_lock (mutex)             -> nothing: it serialises the arenas too
 *
 * Each of these is taken with none of the others held: dm_bind_lock,
 * dh->mem.lock and pool->lock are never nested, nor are the two mutexes
 * dm_pool_sets_lock and dm_real_lock, and no heap is asked for memory under
 * any of them but the real heap's own.  Leaves, under which the module
 * takes nothing of its own (the DMA API and the allocators take theirs):
 * a bucket lock of a handle's live mappings (struct dm_maps_bucket,
 * dhandle/maps.c; never two at once), dm_registry_lock and
 * dm_quarantine_lock (spinlocks taken with interrupts off, as the mapping
 * services run in any context), and
 * compat's dm_track_lock.  A slave handle's lock (struct dm_slave,
 * dhandle/slave.c) is a leaf too but for the ISA DMA API's own lock,
 * claim_dma_lock(), taken under it.  Every function that relies on a lock says so
 * with lockdep_assert_held().
 *
 * Calls go one way: the handle side (dhandle/) calls the memory side
 * (dmamem/) through dmamem/owner.h, passing @mem, and the memory side
 * never calls back.
 */
#ifndef _DMAMEM_DHANDLE_H
#define _DMAMEM_DHANDLE_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <dmamem/dmamem.h>
#include "constraints.h"
#include "mapping.h"
#include "../dmamem/owner.h"

struct device;
struct dm_slave;

/**
 * struct dm_handle - a live handle
 * @pub: the AIX view handed to drivers; must stay first
 * @c: the constraints recorded by d_map_init()
 * @dev: the device whose DMA API maps for the handle, or NULL: bus
 *	address = physical address.  The mapping services use it under
 *	dm_fast_enter() without a reference on the handle: d_map_clear()
 *	waits for an RCU grace period before it takes back the handle's
 *	mappings and memory, and its last reference lets go of the device.
 * @name: the mapper name given to d_map_init_ext(), or empty
 * @owner: the name of @module, or empty
 * @module: the module that created the handle, or NULL (built-in code, or
 *	a call through the address of d_map_init()); its handles are
 *	cleared when it unloads.  Compared, never dereferenced, after
 *	creation.
 * @ref: references: one for the registry, one per call in flight that
 *	may sleep (the mapping services take none)
 * @mem: what the handle owns of dmamem's memory: the memory side's
 *	record, freed with the handle after an RCU grace period (the
 *	memory side's fast paths read it under dm_fast_enter())
 * @maps: live mappings, by key, each bucket under its own lock (maps.c)
 * @slave: for a DMA_SLAVE handle on a kernel with the ISA DMA API, its
 *	channel, bounce page and transfer (dhandle/slave.c); NULL otherwise
 * @reg_node: entry in the registry of live handles
 * @rcu: frees the handle after concurrent registry lookups are done
 * @quarantine: entry in the quarantine of freed handles (quarantine.c)
 * @release: drops the reference to @dev once the handle's last reference
 *	is gone, in process context (handle.c)
 */
struct dm_handle {
	struct d_handle pub;
	struct dm_constraints c;
	struct device *dev;
	char name[DMA_MAX_MAPPER_NAME];
	char owner[MODULE_NAME_LEN];
	struct module *module;
	refcount_t ref;
	struct dm_owner mem;
	struct dm_maps maps;
	struct dm_slave *slave;
	struct hlist_node reg_node;
	struct rcu_head rcu;
	struct list_head quarantine;
	struct work_struct release;
};

void dm_registry_add(struct dm_handle *dh);
bool dm_registry_remove(struct dm_handle *dh);
struct dm_handle *dm_registry_lookup(d_handle_t handle);
struct dm_handle *dm_registry_first(void);
struct dm_handle *dm_registry_first_of(struct module *mod);
struct dm_handle *dm_registry_next(unsigned int after);

int dm_handle_create(const char *caller, int bid, int flags, int bus_flags,
		     uint channel, const char *name, struct module *owner,
		     struct dm_handle **out);
struct dm_handle *dm_handle_get(d_handle_t handle, const char *caller);
void dm_handle_refused(d_handle_t handle, const char *caller);
bool dm_handle_hold(struct dm_handle *dh, const char *caller);
void dm_handle_free(struct rcu_head *rcu);
void dm_handle_put(struct dm_handle *dh);
int dm_handles_init(void);
void dm_handles_exit(void);
void dm_handles_debugfs_init(void);

int dm_slave_open(struct dm_handle *dh, uint channel, const char **why);
void dm_slave_close(struct dm_handle *dh);
int dm_slave_mask(struct dm_handle *dh, bool masked);

void dm_quarantine_add(struct dm_handle *dh);
void dm_quarantine_exit(void);

int dm_bind_resolve(int bid, struct device **devp, const char **why);
bool dm_bind_constrain(struct device *dev, struct dm_constraints *c);
u64 dm_dev_reach(struct device *dev);
bool dm_dev_translated(struct device *dev);
bool dm_bind_reachable(struct device *dev, const struct dm_constraints *c);
void dm_binds_exit(void);

#define DM_REGISTRY_BITS	6

extern struct hlist_head dm_registry[1 << DM_REGISTRY_BITS];

/* A handle's key in the registry: its value. */
static inline unsigned long dm_registry_key(d_handle_t handle)
{
	return (unsigned long)handle;
}

/**
 * dm_registry_lookup_rcu() - find a live handle, without a reference
 * @handle: whatever the driver passed in; it is never dereferenced
 *
 * Call under an RCU read side (rcu_read_lock(), dm_fast_enter()): the
 * handle found stays readable until it ends, and may be cleared meanwhile
 * (see @dead).  Inline: it is on every fast path.
 *
 * Return: the handle, or NULL if @handle is not a live handle.
 */
static inline struct dm_handle *dm_registry_lookup_rcu(d_handle_t handle)
{
	struct dm_handle *dh;

	if (IS_ERR_OR_NULL(handle))
		return NULL;
	hash_for_each_possible_rcu(dm_registry, dh, reg_node,
				   dm_registry_key(handle))
		if (&dh->pub == handle)
			return dh;
	return NULL;
}

/**
 * dm_handle_find_rcu() - validate a driver's handle for a call under RCU
 * @handle: what the driver passed in
 * @caller: the service's name, for the log line on a bad handle
 *
 * For the fast paths, which do not sleep: call under dm_fast_enter(); the
 * handle stays readable until dm_fast_exit().  To sleep, pin it first
 * with dm_handle_hold().  Inline: it is on every fast path.
 *
 * Return: the live handle, unreferenced, or NULL (logged) when @handle is
 * not a live handle.
 */
static inline struct dm_handle *dm_handle_find_rcu(d_handle_t handle,
						   const char *caller)
{
	struct dm_handle *dh = dm_registry_lookup_rcu(handle);

	if (unlikely(!dh))
		dm_handle_refused(handle, caller);
	return dh;
}

#endif /* _DMAMEM_DHANDLE_H */
