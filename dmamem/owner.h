/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The owner of memory: what the memory side knows of a handle, and the
 * calls the handle side makes on it.
 *
 * The handle side (dhandle/) embeds one struct dm_owner in each handle,
 * sets it up at d_map_init() with dm_owner_init() and passes it to the
 * calls below and to the fast paths of fast.h; the memory side (dmamem/)
 * sees nothing else of the handle and never calls back into its
 * lifecycle.  Calls made with the owner pinned (its handle referenced) may
 * sleep; the fast paths run under dm_fast_enter() with no reference, so
 * the handle side frees an owner, with dm_owner_destroy(), only after an
 * RCU grace period.
 *
 * Errors are negative errnos; the AIX values are the handle side's.
 *
 * Locking: @lock, a mutex, guards an owner's list of allocations, their
 * counters and @dead.  The lock order is in dhandle/dhandle.h.
 */
#ifndef _DMAMEM_OWNER_H
#define _DMAMEM_OWNER_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <dmamem/dmamem.h>
#include "../dhandle/constraints.h"

struct device;
struct dm_pool_owner;

/**
 * struct dm_owner - what one handle owns of dmamem's memory
 * @id: the handle's id, for log lines and tracepoints
 * @c: the handle's constraints, which every byte handed out meets
 * @dev: the device whose DMA API allocates for the handle, or NULL
 * @lock: serialises @allocs, @nr_allocs, @bytes, @held and @dead
 * @allocs: live allocations outside the pools (struct dm_alloc.node)
 * @nr_allocs: number of entries on @allocs
 * @bytes: bytes requested by the entries on @allocs
 * @held: bytes held for the entries on @allocs, rounding included
 * @dead: d_map_clear() has started; nothing new may be added.  Set under
 *	@lock, read without it by the pools under their own locks.
 * @blocks: the owner's blocks in the sub-page pools (pool.c), or NULL
 *	before its first; attached under @lock, freed by dm_owner_destroy()
 * @live: bytes requested by the live allocations and blocks; counted
 *	without a lock (dm_owner_account())
 * @peak: the most @live has been
 */
struct dm_owner {
	unsigned int id;
	const struct dm_constraints *c;
	struct device *dev;
	struct mutex lock;		/* see @lock above */
	struct list_head allocs;
	unsigned long nr_allocs;
	size_t bytes;
	size_t held;
	bool dead;
	struct dm_pool_owner *blocks;
	atomic_long_t live;
	atomic_long_t peak;
};

/*
 * The read side of the fast paths, which use an owner, its pool records
 * and pool pages without a reference: preemption off (RCU-sched), which
 * is inline, where spinlocks spin; rcu_read_lock() under PREEMPT_RT, where
 * the pools' spinlocks may sleep.  Since RCU's flavours were merged,
 * call_rcu() and kfree_rcu(), which free handles and pool pages, wait for
 * either.
 */
#ifdef CONFIG_PREEMPT_RT
#define dm_fast_enter()		rcu_read_lock()
#define dm_fast_exit()		rcu_read_unlock()
#else
#define dm_fast_enter()		rcu_read_lock_sched()
#define dm_fast_exit()		rcu_read_unlock_sched()
#endif

/**
 * dm_owner_account() - count bytes an owner gained or gave back, for its peak
 * @o: the owner, pinned or under dm_fast_enter()
 * @delta: bytes asked for by an allocation or block handed out (positive)
 *	or given back (negative)
 *
 * Lock-free, so the pools' fast paths can count their blocks too; inline,
 * as it is on them.  The peak is the highest value the running sum has
 * taken.
 */
static inline void dm_owner_account(struct dm_owner *o, long delta)
{
	long now = atomic_long_add_return(delta, &o->live);
	long peak = atomic_long_read(&o->peak);

	while (now > peak && !atomic_long_try_cmpxchg(&o->peak, &peak, now))
		;
}

void dm_owner_init(struct dm_owner *o, unsigned int id,
		   const struct dm_constraints *c, struct device *dev);
void dm_owner_destroy(struct dm_owner *o);

/* The memory service for one owner (dmamem.c; the fast paths in fast.h). */
void *dm_mem_alloc(struct dm_owner *o, size_t size, int align);
int dm_mem_free(struct dm_owner *o, void *addr, size_t size);
int dm_mem_describe(struct dm_owner *o, void *addr,
		    struct dmamem_alloc_info *info);
void dm_mem_reclaim(struct dm_owner *o, unsigned long *count, size_t *bytes);
void dm_mem_count(struct dm_owner *o, struct dmamem_handle_info *info);

#endif /* _DMAMEM_OWNER_H */
