// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_slave() and d_unmap_slave(): programming a system DMA controller
 * for a slave device.  No system DMA controller serves a Linux handle, so
 * both fail, as AIX's do where the bus has none.
 *
 * Locking: none.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "dhandle.h"

static int dm_no_controller(d_handle_t handle, const char *caller)
{
	struct dm_handle *dh = dm_handle_get(handle, caller);

	if (!dh)
		return DMA_FAIL;
	pr_warn_ratelimited("handle %u: %s: no system DMA controller serves the handle\n",
			    dh->pub.id, caller);
	dm_handle_put(dh);
	return DMA_FAIL;
}

/**
 * d_map_slave() - program a system DMA controller (not provided)
 * @handle: a live handle
 * @flags: service flags
 * @minxfer: the device's smallest transfer
 * @vlist: the buffers
 * @chan_flags: the controller's channel mode (CH_*)
 *
 * Nothing is mapped and no controller is programmed.
 *
 * Return: DMA_FAIL, always, with a log line.
 */
int d_map_slave(d_handle_t handle, int flags, int minxfer, dio_t vlist,
		uint chan_flags)
{
	return dm_no_controller(handle, __func__);
}
EXPORT_SYMBOL_GPL(d_map_slave);

/**
 * d_unmap_slave() - end a slave transfer (not provided)
 * @handle: a live handle
 *
 * Return: DMA_FAIL, always, with a log line.
 */
int d_unmap_slave(d_handle_t handle)
{
	return dm_no_controller(handle, __func__);
}
EXPORT_SYMBOL_GPL(d_unmap_slave);
