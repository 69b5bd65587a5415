// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_enable() and d_map_disable(): DMA on or off for a handle's device.
 * For a PCI device that is its bus mastering; for a DMA_SLAVE handle, its
 * ISA DMA channel's mask; for anything else DMA cannot be switched
 * explicitly, and the services fail as AIX's do then.
 *
 * Locking: none of its own; the PCI core's.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include "dhandle.h"

static int dm_map_master(d_handle_t handle, bool on, const char *caller)
{
	struct dm_handle *dh = dm_handle_get(handle, caller);
	int ret = DMA_FAIL;

	if (!dh)
		return DMA_FAIL;
	if (dh->dev && dev_is_pci(dh->dev)) {
		if (on)
			pci_set_master(to_pci_dev(dh->dev));
		else
			pci_clear_master(to_pci_dev(dh->dev));
		ret = DMA_SUCC;
	} else if (!dm_slave_mask(dh, !on)) {
		ret = DMA_SUCC;
	}
	dm_handle_put(dh);
	return ret;
}

/**
 * d_map_enable() - enable DMA for a handle's device
 * @handle: a live handle
 *
 * For a handle bound to a PCI device, the device's bus mastering is
 * enabled (pci_set_master()); for a DMA_SLAVE handle its channel is
 * unmasked, resuming the transfer d_map_slave() programmed.
 *
 * Return: DMA_SUCC, or DMA_FAIL when @handle is not live, or has neither
 * a PCI device nor an ISA DMA channel, so DMA cannot be enabled
 * explicitly.
 */
int d_map_enable(d_handle_t handle)
{
	return dm_map_master(handle, true, __func__);
}
EXPORT_SYMBOL(d_map_enable);

/**
 * d_map_disable() - disable DMA for a handle's device
 * @handle: a live handle
 *
 * For a handle bound to a PCI device, the device's bus mastering is
 * disabled (pci_clear_master()): for every handle on that device.  For a
 * DMA_SLAVE handle its channel is masked: the transfer pauses where it is.
 *
 * Return: DMA_SUCC, or DMA_FAIL when @handle is not live, or has neither
 * a PCI device nor an ISA DMA channel, so DMA cannot be disabled
 * explicitly.
 */
int d_map_disable(d_handle_t handle)
{
	return dm_map_master(handle, false, __func__);
}
EXPORT_SYMBOL(d_map_disable);
