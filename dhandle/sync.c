// SPDX-License-Identifier: GPL-2.0
/*
 * d_sync_mem(): a coherency point in long-lived mappings.
 *
 * Locking: none of its own; see maps.c.  Any context: under dm_fast_enter()
 * with no reference on the handle, as d_map_page().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "dhandle.h"
#include "mapping.h"

/**
 * d_sync_mem() - declare a coherency point for mapped memory
 * @handle: the handle the memory was mapped with
 * @bus_list: the bus list d_map_list() filled in; or a list whose entries
 *	hold bus addresses d_map_page() gave (a Linux addition: AIX syncs
 *	list mappings only)
 *
 * Called between the map and the unmap, when a transfer is about to start
 * or one has finished.  The direction is that of the
 * original mapping: memory to device, the device's view is refreshed
 * from memory; device to memory, the CPU's view is refreshed from what
 * the device wrote.  Any context.
 *
 * Return: DMA_SUCC, or DMA_FAIL (with a log line) when @handle is not live,
 * or @bus_list is no live list mapping and not every entry of it names a
 * live page mapping.
 */
int d_sync_mem(d_handle_t handle, dio_t bus_list)
{
	struct dm_handle *dh;
	int ret = -EINVAL;	/* not a live handle: DMA_FAIL, logged */

	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, __func__);
	if (likely(dh)) {
		ret = dm_maps_sync(dh, bus_list);
		if (unlikely(ret))
			pr_warn_ratelimited("handle %u: %s(%p): not mapped\n",
					    dh->pub.id, __func__, bus_list);
	}
	dm_fast_exit();
	return ret ? DMA_FAIL : DMA_SUCC;
}
EXPORT_SYMBOL(d_sync_mem);
