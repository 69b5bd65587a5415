// SPDX-License-Identifier: GPL-2.0
/*
 * Spare pages of the sub-page block pools: a page whose last block is
 * freed stays in its pool for a while, on the pool's spare list, and the
 * pool hands it out again before it takes a page from a heap.
 *
 * A page taken from a heap and given back costs far more than the blocks
 * carved from it (README, Benchmarks, has the figures).  A driver that
 * frees its blocks and soon allocates them again (a ring of descriptors
 * rebuilt, a burst of requests) would pay it for every page, every time.
 * dma_pool keeps every page until the pool is destroyed; here the reserve
 * is bounded by time instead.  A spare page goes back to its heap:
 *
 * - once it has been spare for DM_POOL_SPARE_AGE: a delayed work looks
 *   that often while any page is spare;
 * - when memory is short: a shrinker gives back the pinned heap's spare
 *   pages, and a heap that cannot serve a request gives back its own and
 *   is asked again before the request is refused (policy.c), so no request
 *   fails for want of a page a pool keeps;
 * - when dmamem_pool_trim() is called, and at unload.
 *
 * Each spare list is oldest first: pages are handed out again from its
 * tail (the most recently emptied, likeliest in the cache) and age out
 * from its head.  A spare page keeps its record and its place in the
 * lookup table; its blocks are zeroed when handed out again, as any block
 * handed out before is.  Likewise the last page-owner record to leave a
 * page is kept, one a pool, for the next page an owner joins, and goes
 * with the pool's last spare page.
 *
 * Locking: a pool's lock guards its spare list; the walk over the pools
 * is pool.c's, under dm_pool_sets_lock (only tried from the shrinker,
 * which may run under an allocation made with that lock held).  Pages are
 * given back to their heap with no pool lock held.
 */
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/shrinker.h>
#include <linux/workqueue.h>
#include "pool.h"
#include "../compat/compat.h"

/* How long a page stays spare before it goes back to its heap. */
#define DM_POOL_SPARE_AGE	HZ

/* Spare pages of the pinned heap and of the real heap. */
static atomic_long_t dm_pool_spares[2];

static void dm_pool_spare_age(struct work_struct *work);
static DECLARE_DELAYED_WORK(dm_pool_spare_work, dm_pool_spare_age);

static struct shrinker *dm_pool_shrinker;

static atomic_long_t *dm_pool_spares_of(const struct dm_pool_page *pp)
{
	return &dm_pool_spares[pp->mem.backing == DM_REAL];
}

static unsigned long dm_pool_spare_total(void)
{
	return atomic_long_read(&dm_pool_spares[0]) +
	       atomic_long_read(&dm_pool_spares[1]);
}

/**
 * dm_pool_spare_add() - keep a page left with no live block
 * @pp: the page, on its pool's partial list or on none
 */
void dm_pool_spare_add(struct dm_pool_page *pp)
{
	struct dm_pool *pool = pp->pool;

	lockdep_assert_held(&pool->lock);
	list_move_tail(&pp->node, &pool->spare);
	pp->idle = jiffies;
	pool->nr_spare++;
	atomic_long_inc(dm_pool_spares_of(pp));
	if (!delayed_work_pending(&dm_pool_spare_work))
		schedule_delayed_work(&dm_pool_spare_work, DM_POOL_SPARE_AGE);
}

static void dm_pool_spare_del(struct dm_pool_page *pp)
{
	lockdep_assert_held(&pp->pool->lock);
	pp->pool->nr_spare--;
	atomic_long_dec(dm_pool_spares_of(pp));
}

/**
 * dm_pool_spare_take() - the most recently emptied spare page, for use
 * @pool: the pool
 *
 * Return: the page, now on the partial list, or NULL when none is spare.
 */
struct dm_pool_page *dm_pool_spare_take(struct dm_pool *pool)
{
	struct dm_pool_page *pp;

	lockdep_assert_held(&pool->lock);
	if (list_empty(&pool->spare))
		return NULL;
	pp = list_last_entry(&pool->spare, struct dm_pool_page, node);
	dm_pool_spare_del(pp);
	list_move(&pp->node, &pool->partial);
	return pp;
}

/* What one trim gives back, and how far it has got. */
struct dm_pool_trimming {
	enum dm_pool_trim what;
	unsigned long max;
	unsigned long done;
	struct list_head out;
};

/* Whether a trim gives back a spare page; *stop when no later one either. */
static bool dm_pool_spare_due(const struct dm_pool_page *pp,
			      enum dm_pool_trim what, bool *stop)
{
	*stop = false;
	switch (what) {
	case DM_TRIM_AGED:
		*stop = time_before(jiffies, pp->idle + DM_POOL_SPARE_AGE);
		return !*stop;
	case DM_TRIM_PINNED:
		return pp->mem.backing != DM_REAL;
	case DM_TRIM_REAL:
		return pp->mem.backing == DM_REAL;
	case DM_TRIM_ALL:
		break;
	}
	return true;
}

static void dm_pool_spare_trim_pool(struct dm_pool *pool, void *arg)
{
	struct dm_pool_trimming *tr = arg;
	struct dm_pool_page *pp, *next;
	bool stop;

	spin_lock(&pool->lock);
	list_for_each_entry_safe(pp, next, &pool->spare, node) {
		if (tr->done == tr->max)
			break;
		if (!dm_pool_spare_due(pp, tr->what, &stop)) {
			if (stop)
				break;
			continue;
		}
		dm_pool_spare_del(pp);
		dm_pool_page_drop(pp);
		list_add(&pp->node, &tr->out);
		tr->done++;
	}
	if (!pool->nr_spare)
		dm_pool_spare_owner_free(pool);
	spin_unlock(&pool->lock);
}

/**
 * dm_pool_spare_trim() - give spare pages back to their heaps
 * @what: which spare pages
 * @max: at most this many
 * @wait: whether to wait for the pools' walk, or give up when another
 *	holds it (from the shrinker)
 *
 * Sleeps.
 *
 * Return: how many pages went back.
 */
unsigned long dm_pool_spare_trim(enum dm_pool_trim what, unsigned long max,
				 bool wait)
{
	struct dm_pool_trimming tr = {
		.what = what,
		.max = max,
		.out = LIST_HEAD_INIT(tr.out),
	};
	struct dm_pool_page *pp, *next;

	if (!dm_pool_walk(dm_pool_spare_trim_pool, &tr, wait))
		return 0;
	list_for_each_entry_safe(pp, next, &tr.out, node) {
		list_del(&pp->node);
		dm_pool_page_put(pp);
	}
	return tr.done;
}

/**
 * dm_pool_spare_trim_set() - give back every spare page of one set
 * @set: the set
 *
 * For a bound device's set once one of its handles is cleared: its pages
 * came from the device's DMA API and hold the device, which must not
 * outlive the last handle by the pages' age.  Sleeps.
 */
void dm_pool_spare_trim_set(struct dm_pool_set *set)
{
	struct dm_pool_trimming tr = {
		.what = DM_TRIM_ALL,
		.max = ULONG_MAX,
		.out = LIST_HEAD_INIT(tr.out),
	};
	struct dm_pool_page *pp, *next;
	unsigned int k;

	might_sleep();
	for (k = 0; k < dm_pool_nr_classes(); k++)
		dm_pool_spare_trim_pool(&set->pools[k], &tr);
	list_for_each_entry_safe(pp, next, &tr.out, node) {
		list_del(&pp->node);
		dm_pool_page_put(pp);
	}
}

static void dm_pool_spare_age(struct work_struct *work)
{
	dm_pool_spare_trim(DM_TRIM_AGED, ULONG_MAX, true);
	if (dm_pool_spare_total())
		schedule_delayed_work(&dm_pool_spare_work, DM_POOL_SPARE_AGE);
}

/**
 * dmamem_pool_trim() - give every spare page of the pools back to its heap
 *
 * The sub-page block pools keep a page whose last block was freed for a
 * moment, for the next blocks; this gives them all back now, as after a
 * driver's teardown or before reading the heaps' counters.  Process
 * context; sleeps.
 *
 * Linux departure.
 *
 * Return: the number of pages given back.
 */
unsigned long dmamem_pool_trim(void)
{
	return dm_pool_spare_trim(DM_TRIM_ALL, ULONG_MAX, true);
}
EXPORT_SYMBOL_GPL(dmamem_pool_trim);

static unsigned long dm_pool_shrink_count(struct shrinker *s,
					  struct shrink_control *sc)
{
	return atomic_long_read(&dm_pool_spares[0]);
}

static unsigned long dm_pool_shrink_scan(struct shrinker *s,
					 struct shrink_control *sc)
{
	unsigned long done;

	done = dm_pool_spare_trim(DM_TRIM_PINNED, sc->nr_to_scan, false);
	return done ?: SHRINK_STOP;
}

/**
 * dm_pool_spare_init() - register the shrinker, at module load
 *
 * Return: 0, or -ENOMEM.
 */
int dm_pool_spare_init(void)
{
	dm_pool_shrinker = dm_shrinker_new(dm_pool_shrink_count,
					   dm_pool_shrink_scan, "dmamem-pool");
	return dm_pool_shrinker ? 0 : -ENOMEM;
}

/**
 * dm_pool_spare_exit() - give back every spare page, at unload
 *
 * Called once every handle is cleared, so every page of the pools is
 * spare.
 */
void dm_pool_spare_exit(void)
{
	dm_shrinker_free(dm_pool_shrinker);
	cancel_delayed_work_sync(&dm_pool_spare_work);
	dm_pool_spare_trim(DM_TRIM_ALL, ULONG_MAX, true);
}
