// SPDX-License-Identifier: GPL-2.0
/*
 * One piece of a mapping: a physically contiguous run of kernel memory
 * given a bus address.  With a device, through its DMA API, so the bus
 * address is right behind an IOMMU or a bounce buffer: pages the kernel
 * manages with dma_map_page(), real heap memory (which has no struct
 * page) with dma_map_resource().  dmamem's own memory that the device's
 * DMA API allocated is not mapped again: its bus address was fixed at
 * allocation, and a piece of it ends with its allocation or pool block.
 * Without a device, the bus address is the physical address, as on a
 * machine without an IOMMU.  Either way the bus address must lie under
 * the handle's ceiling.
 *
 * Locking: none; any context.
 */
#include <linux/dma-mapping.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include "dhandle.h"
#include "mapping.h"

/**
 * dm_map_dir() - the DMA API direction of a transfer
 * @flags: d_map_page() or d_map_list() service flags
 *
 * AIX's DMA_READ means the device writes memory, but AIX drivers map
 * with it memory the device also reads (descriptor rings, command
 * blocks), which worked on AIX, where nothing bounced and no IOMMU
 * enforced a direction.  DMA_READ therefore maps both ways; without it
 * the device only reads.
 *
 * Return: DMA_BIDIRECTIONAL with DMA_READ, DMA_TO_DEVICE without.
 */
enum dma_data_direction dm_map_dir(int flags)
{
	return flags & DMA_READ ? DMA_BIDIRECTIONAL : DMA_TO_DEVICE;
}

/**
 * dm_seg_max() - the longest piece the handle's device maps at once
 * @dh: the handle
 *
 * Return: the DMA API's limit (a bounce buffer's slot run, for one), or
 * SIZE_MAX without a device.
 */
size_t dm_seg_max(struct dm_handle *dh)
{
	return dh->dev ? dma_max_mapping_size(dh->dev) : SIZE_MAX;
}

/* The most the device reaches without an IOMMU, for a resource. */
static bool dm_seg_reaches(struct device *dev, phys_addr_t phys, size_t len)
{
	u64 reach = min_not_zero(dma_get_mask(dev), dev->bus_dma_limit);

	return phys + len - 1 <= reach;
}

static int dm_seg_map_dev(struct dm_handle *dh, const struct dm_mem *m,
			  enum dma_data_direction dir, struct dm_seg *seg)
{
	struct device *dev = dh->dev;

	if (m->page) {
		seg->kind = DM_SEG_PAGE;
		seg->bus = dma_map_page(dev, m->page, offset_in_page(m->phys),
					m->len, dir);
	} else {
		/*
		 * A resource is never bounced: memory the device cannot
		 * reach directly is refused here rather than by a warning
		 * from the DMA API.
		 */
		if (!dm_seg_reaches(dev, m->phys, m->len))
			return -ERANGE;
		seg->kind = DM_SEG_RESOURCE;
		seg->bus = dma_map_resource(dev, m->phys, m->len, dir, 0);
	}
	return dma_mapping_error(dev, seg->bus) ? -ENOMEM : 0;
}

/*
 * Syncs of dmamem's own memory: the range of the piece within what the DMA
 * API allocated, in the direction it was allocated for.
 */
static void dm_seg_own_for_device(struct dm_handle *dh,
				  const struct dm_seg *seg)
{
	dma_sync_single_range_for_device(dh->dev, seg->base,
					 seg->bus - seg->base, seg->len,
					 DMA_BIDIRECTIONAL);
}

static void dm_seg_own_for_cpu(struct dm_handle *dh, const struct dm_seg *seg)
{
	dma_sync_single_range_for_cpu(dh->dev, seg->base, seg->bus - seg->base,
				      seg->len, DMA_BIDIRECTIONAL);
}

/*
 * dmamem's own memory, allocated through the device's DMA API: the bus
 * address was fixed then, and the piece ends with its allocation or
 * block, so nothing beyond it is ever synced.  The CPU's writes so far
 * are handed to the device.
 */
static int dm_seg_map_own(struct dm_handle *dh, const struct dm_own *own,
			  size_t max, struct dm_seg *seg)
{
	seg->kind = DM_SEG_OWN;
	seg->base = own->base;
	seg->bus = own->base + own->off;
	seg->len = min(max, own->len);
	if (!dm_constraints_hold_bus(&dh->c, seg->bus, seg->len))
		return -ERANGE;
	dm_seg_own_for_device(dh, seg);
	return 0;
}

/**
 * dm_seg_map() - map the physically contiguous run at an address
 * @dh: the handle
 * @vaddr: kernel virtual address of the first byte, or with BUS_DMA the
 *	bus address itself
 * @max: the most bytes wanted, at least 1
 * @flags: the service flags
 * @dir: the direction of the transfer
 * @seg: filled in on success: @seg->len is at most @max; @seg->at is left
 *	to the caller
 *
 * Return: 0; -EFAULT (@vaddr is no kernel memory dmamem can map), -ERANGE
 * (the bus address would lie above the handle's ceiling, or at 0 when
 * the handle forbids it), -ENOMEM (the DMA API has no room).
 */
int dm_seg_map(struct dm_handle *dh, void *vaddr, size_t max, int flags,
	       enum dma_data_direction dir, struct dm_seg *seg)
{
	struct dm_own own;
	struct dm_mem m;
	int ret;

	if (flags & BUS_DMA) {
		/* device to device: the address is a bus address already */
		seg->kind = DM_SEG_NONE;
		seg->bus = (dma_addr_t)(unsigned long)vaddr;
		seg->len = max;
		return 0;
	}
	if (dh->dev && dm_mem_own(dh->dev, vaddr, &own))
		return dm_seg_map_own(dh, &own, max, seg);
	ret = dm_mem_resolve(vaddr, min(max, dm_seg_max(dh)), &m);
	if (ret)
		return ret;
	seg->len = m.len;
	if (dh->dev) {
		ret = dm_seg_map_dev(dh, &m, dir, seg);
		if (ret)
			return ret;
	} else {
		seg->kind = DM_SEG_NONE;
		seg->bus = m.phys;
	}
	if (!dm_constraints_hold_bus(&dh->c, seg->bus, seg->len)) {
		dm_seg_unmap(dh, seg, dir);
		return -ERANGE;
	}
	return 0;
}

/**
 * dm_seg_unmap() - give back what dm_seg_map() took
 * @dh: the handle
 * @seg: the piece
 * @dir: the direction it was mapped for
 */
void dm_seg_unmap(struct dm_handle *dh, const struct dm_seg *seg,
		  enum dma_data_direction dir)
{
	if (seg->kind == DM_SEG_OWN && dir != DMA_TO_DEVICE)
		dm_seg_own_for_cpu(dh, seg);
	else if (seg->kind == DM_SEG_PAGE)
		dma_unmap_page(dh->dev, seg->bus, seg->len, dir);
	else if (seg->kind == DM_SEG_RESOURCE)
		dma_unmap_resource(dh->dev, seg->bus, seg->len, dir, 0);
}

/**
 * dm_seg_sync() - a coherency point for one piece
 * @dh: the handle
 * @seg: the piece
 * @dir: the direction it was mapped for
 *
 * Memory to device: the device's view is refreshed from memory.  Device
 * to memory: the CPU's view is refreshed from what the device wrote, and
 * the memory is handed back to the device.  Pieces not mapped through the
 * DMA API as pages are left alone: without a device there is nothing to
 * do, and real heap memory is never bounced.  It is not synchronised
 * either, which is right where DMA is cache-coherent (x86).
 */
void dm_seg_sync(struct dm_handle *dh, const struct dm_seg *seg,
		 enum dma_data_direction dir)
{
	if (seg->kind == DM_SEG_OWN) {
		if (dir != DMA_TO_DEVICE)
			dm_seg_own_for_cpu(dh, seg);
		dm_seg_own_for_device(dh, seg);
		return;
	}
	if (seg->kind != DM_SEG_PAGE)
		return;
	if (dir != DMA_TO_DEVICE)
		dma_sync_single_for_cpu(dh->dev, seg->bus, seg->len, dir);
	dma_sync_single_for_device(dh->dev, seg->bus, seg->len, dir);
}
