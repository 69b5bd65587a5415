// SPDX-License-Identifier: GPL-2.0
/*
 * One piece of a mapping: a physically contiguous run of kernel memory
 * given a bus address.
 *
 * With a device, the bus address comes from its DMA API, so it is right
 * behind an IOMMU or a bounce buffer:
 *  - dmamem's own memory that the device's DMA API allocated is not
 *    mapped again: its bus address was fixed at allocation;
 *  - real heap memory, for a device that reaches RAM directly (see
 *    dm_seg_direct()), is at phys_to_dma(), as kernel/dma/coherent.c
 *    gives a device's coherent memory: nothing is mapped or bounced;
 *  - any other memory with struct pages, the real heap's included, is
 *    mapped with dma_map_page();
 *  - real heap memory without struct pages, for any other device, is
 *    refused: the DMA API maps RAM only by its pages, and
 *    dma_map_resource() is for MMIO.
 * A piece of dmamem memory ends with its pool block or allocation, so a
 * bounce or a cache invalidate never reaches a neighbour.  Without a
 * device, the bus address is the physical address, as on a machine
 * without an IOMMU.  Either way the bus address must lie under the
 * handle's ceiling.
 *
 * Locking: none; any context, under RCU (dm_fast_enter() or
 * rcu_read_lock()), as dmamem's own memory is looked up without a lock.
 */
#include <linux/cc_platform.h>
#include <linux/dma-direct.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/swiotlb.h>
#include "dhandle.h"
#include "mapping.h"
#include "../compat/xmem.h"
#include "../dmamem/heap.h"

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

/*
 * Whether the handle's device reaches RAM with nothing between, so that
 * real heap memory may be given to it by its bus address alone: its DMA
 * goes straight to memory at phys_to_dma(), with no DMA ops and no
 * translating IOMMU domain (an identity domain is direct; binding
 * recorded which in the constraints), a cache-coherent bus, no memory
 * encryption, and no restricted DMA pool (device tree), which would be
 * all the device may touch.  swiotlb=force alone does not count: it
 * bounces streaming mappings, and real heap memory given this way is not
 * one, as coherent.c's memory is not.
 */
static bool dm_seg_direct(struct dm_handle *dh)
{
	struct device *dev = dh->dev;

	if (get_dma_ops(dev) || dh->c.translated)
		return false;
	if (!dev_is_dma_coherent(dev) || cc_platform_has(CC_ATTR_MEM_ENCRYPT))
		return false;
	return !(IS_ENABLED(CONFIG_DMA_RESTRICTED_POOL) &&
		 is_swiotlb_force_bounce(dev));
}

/* The device reaches [bus, bus + len) without an IOMMU's help. */
static bool dm_seg_reaches(struct device *dev, dma_addr_t bus, size_t len)
{
	return bus + len - 1 <= dm_dev_reach(dev);
}

static int dm_seg_map_dev(struct dm_handle *dh, const struct dm_mem *m,
			  enum dma_data_direction dir, bool defer,
			  struct dm_seg *seg)
{
	struct device *dev = dh->dev;

	if (m->real && dm_seg_direct(dh)) {
		/*
		 * Refused here when the device cannot reach it, rather than
		 * by a warning from the DMA API.
		 */
		seg->kind = DM_SEG_DIRECT;
		seg->bus = phys_to_dma(dev, m->phys);
		return dm_seg_reaches(dev, seg->bus, m->len) ? 0 : -ERANGE;
	}
	if (!m->page)
		return -EOPNOTSUPP;
	seg->kind = DM_SEG_SG;
	seg->page = m->page;
	seg->offset = offset_in_page(m->phys);
	return defer ? 0 : dm_seg_map_page(dh, seg, dir);
}

/**
 * dm_seg_map_page() - map one piece of memory with struct pages alone
 * @dh: the handle, bound to a device
 * @seg: a DM_SEG_SG piece that dm_seg_plan() left unmapped; on success a
 *	DM_SEG_PAGE piece
 * @dir: the direction of the transfer
 *
 * Return: 0; -ENOMEM (the DMA API has no room), -ERANGE (the bus address
 * would break the handle's ceiling; nothing stays mapped).
 */
int dm_seg_map_page(struct dm_handle *dh, struct dm_seg *seg,
		    enum dma_data_direction dir)
{
	dma_addr_t bus = dma_map_page(dh->dev, seg->page, seg->offset,
				      seg->len, dir);

	if (dma_mapping_error(dh->dev, bus))
		return -ENOMEM;
	seg->kind = DM_SEG_PAGE;
	seg->bus = bus;
	if (dm_constraints_hold_bus(&dh->c, bus, seg->len))
		return 0;
	dma_unmap_page(dh->dev, bus, seg->len, dir);
	seg->kind = DM_SEG_NONE;
	return -ERANGE;
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

/*
 * A page of a process's buffer that xmattach() pinned: @m describes it
 * from @vaddr on, at most @max bytes, and *@xm holds the attachment while
 * the piece is mapped.  A list's piece must lie in the attached buffer;
 * d_map_page() maps the rest of the page, as on AIX, so only its first
 * byte must.
 */
static int dm_seg_user(const struct xmem *xmp, void *vaddr, size_t max,
		       enum dma_data_direction dir, bool list,
		       struct dm_mem *m, struct dm_xm **xm)
{
	size_t in_page = PAGE_SIZE - offset_in_page(vaddr);
	int ret;

	m->len = min(max, in_page);
	ret = dm_xm_resolve(xmp, vaddr, list ? m->len : 1,
			    dir != DMA_TO_DEVICE, &m->page, xm);
	if (ret)
		return ret;
	m->phys = page_to_phys(m->page) + offset_in_page(vaddr);
	m->real = false;
	return 0;
}

/*
 * Kernel memory other than dmamem's own for the handle's device: @own, when
 * not NULL, is the dmamem memory it lies in, where the piece must end.
 */
static int dm_seg_kernel(struct dm_handle *dh, void *vaddr, size_t max,
			 const struct dm_own *own, struct dm_mem *m)
{
	if (own)
		max = min(max, own->len);
	/* the DMA API maps a page at least: d_map_page()'s pieces need not ask */
	if (max > PAGE_SIZE)
		max = min(max, dm_seg_max(dh));
	return dm_mem_resolve(vaddr, max, m);
}

static int __dm_seg_map(struct dm_handle *dh, void *vaddr, size_t max,
			int flags, const struct xmem *xmp,
			enum dma_data_direction dir, bool defer,
			struct dm_seg *seg)
{
	bool user = !(flags & BUS_DMA) && xmp->aspace_id == XMEM_PROC;
	struct dm_own own;
	bool dmamem;
	struct dm_mem m;
	int ret;

	RCU_LOCKDEP_WARN(!rcu_read_lock_any_held(), "dmamem: mapping outside RCU");
	seg->xm = NULL;
	if (flags & BUS_DMA) {
		/* device to device: the address is a bus address already */
		seg->kind = DM_SEG_NONE;
		seg->bus = (dma_addr_t)(unsigned long)vaddr;
		seg->len = max;
		return 0;
	}
	dmamem = !user && dm_mem_where(vaddr, &own);
	if (dmamem && dh->dev && own.dev == dh->dev)
		return dm_seg_map_own(dh, &own, max, seg);
	if (user)
		ret = dm_seg_user(xmp, vaddr, max, dir, defer, &m, &seg->xm);
	else
		ret = dm_seg_kernel(dh, vaddr, max, dmamem ? &own : NULL, &m);
	if (ret)
		return ret;
	seg->len = m.len;
	if (!dh->dev) {
		seg->kind = DM_SEG_NONE;
		seg->bus = m.phys;
	} else {
		ret = dm_seg_map_dev(dh, &m, dir, defer, seg);
		/* the ceiling of the DMA API's pieces is checked on their bus address */
		if (!ret && (seg->kind == DM_SEG_SG || seg->kind == DM_SEG_PAGE))
			return 0;
	}
	if (!ret && !dm_constraints_hold_bus(&dh->c, seg->bus, seg->len))
		ret = -ERANGE;
	if (ret)
		dm_seg_forget(seg);
	return ret;
}

/**
 * dm_seg_map() - map the physically contiguous run at an address
 * @dh: the handle
 * @vaddr: kernel virtual address of the first byte, an address of the
 *	buffer @xmp attached, or with BUS_DMA the bus address itself
 * @max: the most bytes wanted, at least 1
 * @flags: the service flags
 * @xmp: the descriptor of @vaddr's address space, of XMEM_GLOBAL or
 *	XMEM_PROC (unread with BUS_DMA)
 * @dir: the direction of the transfer
 * @seg: filled in on success: @seg->len is at most @max; @seg->at is left
 *	to the caller
 *
 * Return: 0; -EFAULT (@vaddr is no kernel memory dmamem can map, or not
 * in the buffer @xmp attached, or the device would write a buffer
 * attached read-only), -ERANGE
 * (the bus address would lie above the handle's ceiling, or at 0 when
 * the handle forbids it), -EOPNOTSUPP (real heap memory without struct
 * pages, for a device that does not reach RAM directly), -ENOMEM (the
 * DMA API has no room).
 */
int dm_seg_map(struct dm_handle *dh, void *vaddr, size_t max, int flags,
	       const struct xmem *xmp, enum dma_data_direction dir,
	       struct dm_seg *seg)
{
	return __dm_seg_map(dh, vaddr, max, flags, xmp, dir, false, seg);
}

/**
 * dm_seg_plan() - dm_seg_map(), leaving memory with struct pages to map
 * @dh: the handle
 * @vaddr: as for dm_seg_map()
 * @max: as for dm_seg_map()
 * @flags: as for dm_seg_map()
 * @xmp: as for dm_seg_map(); a piece of a process's buffer must lie in it
 * @dir: as for dm_seg_map()
 * @seg: as for dm_seg_map(); a piece that dm_seg_map() would give to
 *	dma_map_page() is left DM_SEG_SG, unmapped, with its page and offset
 *
 * d_map_list() maps such pieces together, with dma_map_sg_attrs(), and
 * checks their bus addresses then.
 *
 * Return: as dm_seg_map().
 */
int dm_seg_plan(struct dm_handle *dh, void *vaddr, size_t max, int flags,
		const struct xmem *xmp, enum dma_data_direction dir,
		struct dm_seg *seg)
{
	return __dm_seg_map(dh, vaddr, max, flags, xmp, dir, true, seg);
}

/**
 * dm_seg_unmap() - give back what dm_seg_map() took
 * @dh: the handle
 * @seg: the piece
 * @dir: the direction it was mapped for
 *
 * DM_SEG_SG pieces go with their record's scatterlist (dm_map_release());
 * every piece lets go of its attachment (dm_seg_forget()).
 */
void dm_seg_unmap(struct dm_handle *dh, struct dm_seg *seg,
		  enum dma_data_direction dir)
{
	if (seg->kind == DM_SEG_OWN && dir != DMA_TO_DEVICE)
		dm_seg_own_for_cpu(dh, seg);
	else if (seg->kind == DM_SEG_PAGE)
		dma_unmap_page(dh->dev, seg->bus, seg->len, dir);
	dm_seg_forget(seg);
}

/**
 * dm_seg_unmap_unused() - give back a piece the device never used
 * @dh: the handle
 * @seg: the piece, just mapped, never handed to the driver
 * @dir: the direction it was mapped for
 *
 * As dm_seg_unmap(), without the CPU's syncs: nothing is copied back from
 * a bounce buffer over memory the CPU may have written meanwhile, and
 * dmamem's own memory is left as it is.
 */
void dm_seg_unmap_unused(struct dm_handle *dh, struct dm_seg *seg,
			 enum dma_data_direction dir)
{
	if (seg->kind == DM_SEG_PAGE)
		dma_unmap_page_attrs(dh->dev, seg->bus, seg->len, dir,
				     DMA_ATTR_SKIP_CPU_SYNC);
	dm_seg_forget(seg);
}

/**
 * dm_seg_forget() - let go of what a piece holds besides its mapping
 * @seg: a piece that is unmapped, or was never mapped
 *
 * A piece of a process's buffer holds its attachment, so that its pages
 * stay pinned while it is mapped.  Any context.
 */
void dm_seg_forget(struct dm_seg *seg)
{
	if (seg->xm)
		dm_xm_put(seg->xm);
	seg->xm = NULL;
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
 * DMA API are left alone: without a device there is nothing to do, and
 * DM_SEG_DIRECT memory is given only to a device on a coherent bus.
 * DM_SEG_SG pieces go with their record's scatterlist (dm_map_sync()).
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
