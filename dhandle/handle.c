// SPDX-License-Identifier: GPL-2.0
/*
 * Handles: d_map_init() and d_map_clear(), and the references that keep a
 * handle alive while a call on it is in flight.
 *
 * Locking: none of its own beyond what registry.c and owned.c take.  A
 * handle is freed when its last reference goes: the registry holds one
 * until d_map_clear(), and every call in flight holds one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>
#include "dhandle.h"
#include "../dmamem/heap.h"
#include "../dmamem/pool.h"

static DEFINE_IDA(dm_handle_ida);

/**
 * dm_handle_get() - validate a driver's handle and pin it for one call
 * @handle: what the driver passed in
 * @caller: the service's name, for the log line on a bad handle
 *
 * Return: the live handle, to be released with dm_handle_put(), or NULL
 * (logged) when @handle is not a live handle.
 */
struct dm_handle *dm_handle_get(d_handle_t handle, const char *caller)
{
	struct dm_handle *dh = dm_registry_lookup(handle);

	if (!dh)
		pr_warn_ratelimited("%s: %p is not a live handle\n", caller,
				    handle);
	return dh;
}

/**
 * dm_handle_put() - drop a reference; the last one frees the handle
 * @dh: the handle
 */
void dm_handle_put(struct dm_handle *dh)
{
	if (!refcount_dec_and_test(&dh->ref))
		return;
	kfree(dh->blocks);	/* empty since d_map_clear() */
	ida_free(&dm_handle_ida, dh->pub.id);
	kfree_rcu(dh, rcu);
}

/**
 * d_map_init() - create a DMA handle recording an adapter's constraints
 * @bid: bus identifier, kept in the handle
 * @flags: DMA_* init flags, AIX values, plus the Linux departures
 *	DMA_ADDRESS_BITS() and DMA_BOUNDARY()
 * @bus_flags: must be 0; AIX defines no bus flags
 * @channel: ISA DMA channel for DMA_SLAVE; ignored otherwise
 *
 * Without DMA_ADDRESS_64_BIT (or DMA_ADDRESS_BITS()) the adapter reaches
 * 32 bits.  Process context only.
 *
 * Return: the handle, or (d_handle_t)DMA_FAIL with a log line when the
 * flags are invalid or memory is short (with DMA_MAXMIN_QUIET, a shortage
 * is not logged).
 */
d_handle_t d_map_init(int bid, int flags, int bus_flags, uint channel)
{
	struct dm_constraints c;
	struct dm_handle *dh;
	const char *why;
	int id;

	might_sleep();
	if (bus_flags) {
		why = "bus_flags must be 0";
		goto invalid;
	}
	if (dm_constraints_from_flags(flags, channel, &c, &why))
		goto invalid;

	dh = kzalloc(sizeof(*dh), GFP_KERNEL);
	if (!dh)
		goto short_of_memory;
	id = ida_alloc_min(&dm_handle_ida, 1, GFP_KERNEL);
	if (id < 0) {
		kfree(dh);
		goto short_of_memory;
	}

	dh->pub.id = id;
	dh->pub.flags = flags;
	dh->pub.bid = bid;
	dh->pub.d_map_clear = d_map_clear;
	dh->c = c;
	refcount_set(&dh->ref, 1);
	mutex_init(&dh->lock);
	INIT_LIST_HEAD(&dh->allocs);
	dm_registry_add(dh);
	return &dh->pub;

short_of_memory:
	/* DMA_MAXMIN_QUIET silences resource shortages, as on AIX. */
	if (flags & DMA_MAXMIN_QUIET)
		return (d_handle_t)DMA_FAIL;
	why = "out of memory";
invalid:
	pr_warn("%s(bid %#x, flags %#x, bus_flags %#x, channel %u): %s\n",
		__func__, bid, flags, bus_flags, channel, why);
	return (d_handle_t)DMA_FAIL;
}
EXPORT_SYMBOL_GPL(d_map_init);

/* Take a handle out of service and give back everything it still holds. */
static void dm_handle_clear(struct dm_handle *dh, const char *why, bool unload)
{
	struct dm_alloc *a, *next;
	unsigned long count = 0;
	size_t bytes = 0;
	LIST_HEAD(left);

	if (!dm_registry_remove(dh))
		return;
	dm_owned_take_all(dh, &left);
	list_for_each_entry_safe(a, next, &left, node) {
		count++;
		bytes += a->size;
		dm_alloc_release(a);
	}
	dm_pool_reclaim(dh, &count, &bytes);
	if (count)
		pr_warn("handle %u %s with %lu allocation%s outstanding (%zu bytes): reclaimed\n",
			dh->pub.id, why, count, count == 1 ? "" : "s", bytes);
	else if (unload)
		pr_warn("handle %u %s with no allocation outstanding\n",
			dh->pub.id, why);
	dm_handle_put(dh);	/* the registry's reference */
}

/**
 * d_map_clear() - end a DMA handle
 * @handle: a handle from d_map_init()
 *
 * Allocations still outstanding on the handle are reclaimed, and the
 * kernel log says how many and how many bytes.  A handle that is not live
 * is logged and otherwise ignored.  Process context only.
 */
void d_map_clear(d_handle_t handle)
{
	struct dm_handle *dh;

	might_sleep();
	dh = dm_handle_get(handle, "d_map_clear");
	if (!dh)
		return;
	dm_handle_clear(dh, "cleared", false);
	dm_handle_put(dh);
}
EXPORT_SYMBOL_GPL(d_map_clear);

/**
 * dm_handles_clear_all() - clear every live handle, at module unload
 */
void dm_handles_clear_all(void)
{
	struct dm_handle *dh;

	while ((dh = dm_registry_first())) {
		dm_handle_clear(dh, "still live at unload", true);
		dm_handle_put(dh);
	}
	rcu_barrier();	/* let kfree_rcu() finish before the module goes */
}

/**
 * dmamem_handle_info() - what a handle asks for and what it holds
 * @handle: a live handle
 * @info: filled in on success
 *
 * Linux departure.
 *
 * Return: 0, or -EINVAL when @handle is not a live handle or @info is NULL.
 */
int dmamem_handle_info(d_handle_t handle, struct dmamem_handle_info *info)
{
	struct dm_handle *dh;

	if (!info)
		return -EINVAL;
	dh = dm_handle_get(handle, "dmamem_handle_info");
	if (!dh)
		return -EINVAL;

	mutex_lock(&dh->lock);
	info->id = dh->pub.id;
	info->dma_mask = dh->c.dma_mask;
	info->boundary = dh->c.boundary;
	info->contiguous = dh->c.contiguous;
	info->no_zero_addr = dh->c.no_zero_addr;
	info->allocations = dh->nr_allocs;
	info->bytes = dh->bytes;
	info->held = dh->held;
	mutex_unlock(&dh->lock);
	dm_pool_count(dh, info);

	dm_handle_put(dh);
	return 0;
}
EXPORT_SYMBOL_GPL(dmamem_handle_info);
