// SPDX-License-Identifier: GPL-2.0
/*
 * Constraints: what d_map_init()'s flags ask of every byte handed to a
 * handle, and the check of a physical range against them.
 *
 * No locking: constraints are written once, before the handle is published.
 */
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include "dhandle.h"

#define DM_KNOWN_FLAGS	(DMA_MAXMIN_MASK | DMA_SLAVE | DMA_NO_ZERO_ADDR | \
			 DMA_ADDRESS_64_BIT | DMA_ENABLE_64 | DMA_CONTIGUOUS | \
			 DMA_MAXMIN_MAPSPACE | DMA_MAXMIN_QUIET | \
			 DMA_ADDRESS_BITS_MASK | DMA_BOUNDARY_MASK | \
			 DMA_HEAP_MASK)

/* Narrower than this reaches no memory a heap can hand out. */
#define DM_MIN_ADDRESS_BITS	12

/*
 * An ISA (8237) system DMA controller drives 24 address bits and its
 * address counter wraps at 64 KiB on channels 0-3 and at 128 KiB on 5-7;
 * channel 4 is the cascade.
 */
#define ISA_DMA_ADDRESS_BITS	24
#define ISA_DMA_8BIT_BOUNDARY	16
#define ISA_DMA_16BIT_BOUNDARY	17
#define ISA_DMA_CASCADE		4
#define ISA_DMA_CHANNELS	8

static int dm_slave_constraints(uint channel, unsigned int *bits,
				unsigned int *boundary, const char **why)
{
	unsigned int wrap;

	if (channel >= ISA_DMA_CHANNELS || channel == ISA_DMA_CASCADE) {
		*why = "DMA_SLAVE needs an ISA DMA channel 0-3 or 5-7";
		return -EINVAL;
	}
	wrap = channel < ISA_DMA_CASCADE ? ISA_DMA_8BIT_BOUNDARY :
					   ISA_DMA_16BIT_BOUNDARY;
	*bits = min(*bits, ISA_DMA_ADDRESS_BITS);
	*boundary = *boundary ? min(*boundary, wrap) : wrap;
	return 0;
}

/**
 * dm_constraints_from_flags() - derive a handle's constraints
 * @flags: d_map_init() flags
 * @channel: d_map_init() channel (used by DMA_SLAVE)
 * @c: filled in on success
 * @why: on failure, set to a sentence saying what is wrong
 *
 * Without DMA_ADDRESS_64_BIT a handle means 32-bit addressing, as on AIX.
 * A DMA_SLAVE handle also gets the ISA controller's 24-bit ceiling, its
 * wrap boundary and physical contiguity.
 *
 * Return: 0, or -EINVAL with @why set.
 */
int dm_constraints_from_flags(int flags, uint channel,
			      struct dm_constraints *c, const char **why)
{
	unsigned int bits = (flags & DMA_ADDRESS_BITS_MASK) >>
			    DMA_ADDRESS_BITS_SHIFT;
	unsigned int boundary = (flags & DMA_BOUNDARY_MASK) >>
				DMA_BOUNDARY_SHIFT;
	int ret;

	if (flags & DMA_64_BIT_PATH) {
		*why = "DMA_64_BIT_PATH is set by the bus, not by drivers";
		return -EINVAL;
	}
	if (flags & ~DM_KNOWN_FLAGS) {
		*why = "unknown flag bits";
		return -EINVAL;
	}
	if (bits > 64 || (bits && bits < DM_MIN_ADDRESS_BITS)) {
		*why = "DMA_ADDRESS_BITS() outside 12..64";
		return -EINVAL;
	}
	if (bits && bits < 64 && (flags & DMA_ADDRESS_64_BIT)) {
		*why = "DMA_ADDRESS_64_BIT contradicts a narrower DMA_ADDRESS_BITS()";
		return -EINVAL;
	}
	if ((flags & DMA_HEAP_MASK) == DMA_HEAP_MASK) {
		*why = "DMA_HEAP_PINNED and DMA_HEAP_REAL together";
		return -EINVAL;
	}
	if (!bits)
		bits = (flags & DMA_ADDRESS_64_BIT) ? 64 : 32;

	if (flags & DMA_SLAVE) {
		ret = dm_slave_constraints(channel, &bits, &boundary, why);
		if (ret)
			return ret;
	}

	c->dma_mask = DMA_BIT_MASK(bits);
	c->phys_mask = c->dma_mask;
	c->boundary = boundary ? 1ULL << boundary : 0;
	c->contiguous = flags & (DMA_CONTIGUOUS | DMA_SLAVE);
	c->no_zero_addr = flags & DMA_NO_ZERO_ADDR;
	c->quiet = flags & DMA_MAXMIN_QUIET;
	c->heap = flags & DMA_HEAP_MASK;
	return 0;
}

/**
 * dm_constraints_hold_phys() - check where memory lies physically
 * @c: the handle's constraints
 * @phys: first byte of a physically contiguous range
 * @len: length of the range in bytes, not 0
 *
 * Where the bus address is the physical address this is
 * dm_constraints_hold(); behind a translating IOMMU only the boundary
 * and address 0 are asked of the physical range, and the ceiling of the
 * bus address is checked when it is given.
 *
 * Return: true if the range may hold the handle's memory.
 */
bool dm_constraints_hold_phys(const struct dm_constraints *c,
			      phys_addr_t phys, size_t len)
{
	return dm_constraints_fit(c, c->phys_mask, phys, len, true);
}
