// SPDX-License-Identifier: GPL-2.0
/*
 * Binding: a Linux driver turns its struct device into an AIX bus
 * identifier (bid) that d_map_init() accepts, so the handle's mappings
 * go through that device's DMA API.  The bid's bus number indexes the
 * table of bound devices; its bus type is IO_PCI for a PCI device and
 * IO_SYSTEM for any other.  Linux departure: on AIX the bid comes from
 * the device's configuration.
 *
 * A device is bound once however often it is asked for; each bid from
 * dmamem_device_bid() is given back with dmamem_bid_release().  Handles
 * hold their own reference on the device.
 *
 * Locking: dm_bind_lock (a mutex) serialises the table's users counts;
 * the table is an allocating xarray.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <aix/sys/ioacc.h>
#include "dhandle.h"

#define DM_BIND_MAX_NUM	0xFFFF	/* bus numbers a bid holds */

struct dm_bind {
	struct device *dev;
	uint type;
	unsigned int users;
};

static DEFINE_XARRAY_ALLOC(dm_binds);
static DEFINE_MUTEX(dm_bind_lock);

static int dm_bid_of(unsigned long num, const struct dm_bind *b)
{
	return BID_VAL(b->type, PCI_IOMEM, num);
}

/**
 * dmamem_device_bid() - the bus identifier of a device, for d_map_init()
 * @dev: a device that can do DMA (its DMA mask is set), usually a PCI
 *	device's &pci_dev->dev
 *
 * The device stays bound, and referenced, until every bid from this
 * function for it is given back with dmamem_bid_release().  Asking again
 * for a bound device returns the same bid.
 *
 * Linux departure.  Process context only.
 *
 * Return: the bid, or DMA_FAIL (with a log line) when @dev is NULL or
 * cannot do DMA, or 65536 devices are bound already.
 */
int dmamem_device_bid(struct device *dev)
{
	struct dm_bind *b;
	unsigned long num;
	u32 id;
	int bid = DMA_FAIL;

	might_sleep();
	if (!dev || !dev->dma_mask) {
		pr_warn("%s(%s): not a device that can do DMA (no DMA mask)\n",
			__func__, dev ? dev_name(dev) : "NULL");
		return DMA_FAIL;
	}
	mutex_lock(&dm_bind_lock);
	xa_for_each(&dm_binds, num, b) {
		if (b->dev == dev) {
			b->users++;
			bid = dm_bid_of(num, b);
			goto out;
		}
	}
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		goto out;
	b->dev = get_device(dev);
	b->type = dev_is_pci(dev) ? IO_PCI : IO_SYSTEM;
	b->users = 1;
	if (xa_alloc(&dm_binds, &id, b, XA_LIMIT(0, DM_BIND_MAX_NUM),
		     GFP_KERNEL)) {
		put_device(dev);
		kfree(b);
		goto out;
	}
	bid = dm_bid_of(id, b);
out:
	mutex_unlock(&dm_bind_lock);
	if (bid == DMA_FAIL)
		pr_warn("%s(%s): out of memory or bus numbers\n", __func__,
			dev_name(dev));
	return bid;
}
EXPORT_SYMBOL(dmamem_device_bid);

/* The bound device a bid names, under dm_bind_lock; NULL if none. */
static struct dm_bind *dm_bind_find(int bid)
{
	lockdep_assert_held(&dm_bind_lock);

	uint type = BID_TYPE(bid);
	struct dm_bind *b;

	if (!(bid & BID_VERSION2))
		return NULL;
	b = xa_load(&dm_binds, BID_NUM(bid));
	if (!b)
		return NULL;
	/* A PCI device is named as PCI or PCI Express, as ported code likes. */
	if (type == b->type || (b->type == IO_PCI && type == IO_PCIE))
		return b;
	return NULL;
}

/**
 * dmamem_bid_release() - give back a bid from dmamem_device_bid()
 * @bid: the bid
 *
 * When the last bid for a device is given back, the device is unbound:
 * later d_map_init() calls naming the bid fail.  Handles made with it
 * keep working until d_map_clear().
 *
 * Linux departure.  Process context only.
 *
 * Return: 0, or -EINVAL (with a log line) when @bid names no bound device.
 */
int dmamem_bid_release(int bid)
{
	struct dm_bind *b, *gone = NULL;

	might_sleep();
	mutex_lock(&dm_bind_lock);
	b = dm_bind_find(bid);
	if (b && !--b->users) {
		xa_erase(&dm_binds, BID_NUM(bid));
		gone = b;
	}
	mutex_unlock(&dm_bind_lock);
	if (!b) {
		pr_warn("%s(%#x): names no bound device\n", __func__, bid);
		return -EINVAL;
	}
	if (gone) {
		put_device(gone->dev);
		kfree(gone);
	}
	return 0;
}
EXPORT_SYMBOL(dmamem_bid_release);

/**
 * dm_bind_resolve() - the device a d_map_init() bid names
 * @bid: the bid
 * @devp: receives the device, with a reference for the caller, or NULL
 *	for a handle without a device
 * @why: on failure, set to a sentence saying what is wrong
 *
 * Bid 0 (a Linux departure) and ISA bids name no device: the bus address
 * of memory is its physical address.
 *
 * Return: 0, or -ENODEV with @why set.
 */
int dm_bind_resolve(int bid, struct device **devp, const char **why)
{
	uint type = BID_TYPE(bid);
	struct dm_bind *b;

	*devp = NULL;
	if (!bid || type == IO_ISA)
		return 0;
	if (type != IO_PCI && type != IO_PCIE && type != IO_SYSTEM) {
		*why = "unknown bus type in the bid";
		return -ENODEV;
	}
	mutex_lock(&dm_bind_lock);
	b = dm_bind_find(bid);
	if (b)
		*devp = get_device(b->dev);
	mutex_unlock(&dm_bind_lock);
	if (!b) {
		*why = "the bid names no device bound with dmamem_device_bid()";
		return -ENODEV;
	}
	return 0;
}

/**
 * dm_dev_reach() - the highest bus address a device's DMA takes
 * @dev: the device
 *
 * Return: its DMA mask, or its bus's DMA limit when that is lower.
 */
u64 dm_dev_reach(struct device *dev)
{
	return min_not_zero(dma_get_mask(dev), dev->bus_dma_limit);
}

/**
 * dm_dev_translated() - whether an IOMMU gives a device its bus addresses
 * @dev: the device
 *
 * Return: true when @dev is in a translating IOMMU domain (a DMA domain;
 * an identity domain passes physical addresses through).
 */
bool dm_dev_translated(struct device *dev)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);

	return dom && dom->type != IOMMU_DOMAIN_IDENTITY;
}

/**
 * dm_bind_constrain() - fit a handle's constraints to its device
 * @dev: the handle's device
 * @c: the constraints from the flags; the ceiling may be lowered
 *
 * The handle describes one DMA engine of the adapter and the device's DMA
 * mask the adapter as a whole; memory must suit both, so the handle takes
 * the lower of its own ceiling and the device's reach (its DMA mask, and
 * its bus's limit when it has one).  Behind a translating IOMMU the
 * ceiling is the bus address's alone: the IOMMU maps memory wherever it
 * lies, so the handle's memory need not spend scarce low memory.
 *
 * Return: true if the device's reach lowered the ceiling.
 */
bool dm_bind_constrain(struct device *dev, struct dm_constraints *c)
{
	u64 reach = dm_dev_reach(dev);
	bool lowered = reach < c->dma_mask;

	if (lowered)
		c->dma_mask = reach;
	c->translated = dm_dev_translated(dev);
	c->phys_mask = c->translated ? DMA_BIT_MASK(64) : c->dma_mask;
	return lowered;
}

/**
 * dm_bind_reachable() - whether the DMA API can meet a handle's ceiling
 * @dev: the handle's device
 * @c: the constraints, fitted by dm_bind_constrain()
 *
 * Behind a translating IOMMU, every bus address comes from the IOMMU,
 * which gives addresses below the device's mask, and below 4 GiB first
 * where the mask is wider (the DMA API's IOVA allocator does so for PCI
 * devices).  A handle whose ceiling is below both (a 24-bit engine on a
 * device with a 32-bit mask) would get addresses it cannot take.  A
 * 32-bit handle on a wider device is kept: its addresses are checked as
 * they are given.
 *
 * Return: true unless the ceiling cannot be met.
 */
bool dm_bind_reachable(struct device *dev, const struct dm_constraints *c)
{
	return !c->translated ||
	       c->dma_mask >= min_t(u64, dm_dev_reach(dev), DMA_BIT_MASK(32));
}

/**
 * dm_binds_exit() - unbind every device still bound, at unload
 */
void dm_binds_exit(void)
{
	struct dm_bind *b;
	unsigned long num;

	xa_for_each(&dm_binds, num, b) {
		pr_warn("%s still bound at unload (%u bid%s not released): unbound\n",
			dev_name(b->dev), b->users, b->users == 1 ? "" : "s");
		xa_erase(&dm_binds, num);
		put_device(b->dev);
		kfree(b);
	}
}
