/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a handle asks of every byte handed to it: the constraints
 * d_map_init() records from its flags (dhandle/constraints.c) and fits to
 * a bound device (dhandle/bind.c), and the checks of a range against
 * them.  The heaps include this alone: they see what a handle asks, not
 * the handle.
 */
#ifndef _DMAMEM_CONSTRAINTS_H
#define _DMAMEM_CONSTRAINTS_H

#include <linux/types.h>

/**
 * struct dm_constraints - what every byte handed to a handle must satisfy
 * @dma_mask: highest bus address the adapter reaches (its ceiling)
 * @phys_mask: highest physical address its memory may lie at: @dma_mask,
 *	except behind a translating IOMMU, where the IOMMU gives the bus
 *	address and memory may lie anywhere (dm_bind_constrain())
 * @boundary: power-of-two window no buffer may cross, in bytes; 0 for none
 * @contiguous: buffers must be contiguous on the bus: physically, unless
 *	@translated
 * @no_zero_addr: physical address 0 must never be handed out
 * @quiet: d_map_init() failures are not logged (DMA_MAXMIN_QUIET)
 * @heap: DMA_HEAP_PINNED or DMA_HEAP_REAL to use only that heap, or 0
 * @translated: bound to a device behind a translating IOMMU
 */
struct dm_constraints {
	u64 dma_mask;
	u64 phys_mask;
	u64 boundary;
	bool contiguous;
	bool no_zero_addr;
	bool quiet;
	int heap;
	bool translated;
};

int dm_constraints_from_flags(int flags, uint channel,
			      struct dm_constraints *c, const char **why);
bool dm_constraints_hold_phys(const struct dm_constraints *c,
			      phys_addr_t phys, size_t len);

/*
 * [first, first + len) lies at or below @ceiling, does not start at 0 when
 * the handle forbids it, and, when @window, crosses no boundary.
 */
static inline bool dm_constraints_fit(const struct dm_constraints *c,
				      u64 ceiling, u64 first, size_t len,
				      bool window)
{
	u64 last = first + len - 1;

	if (last < first || last > ceiling || (c->no_zero_addr && !first))
		return false;
	return !(window && c->boundary && (first ^ last) & ~(c->boundary - 1));
}

/**
 * dm_constraints_hold_bus() - check the bus addresses of a mapping
 * @c: the handle's constraints
 * @bus: first bus address
 * @len: length in bytes, not 0
 *
 * Inline: it is on every mapping's path.
 *
 * Return: true if every byte is below the ceiling and the range does not
 * start at address 0 when that is forbidden.
 */
static inline bool dm_constraints_hold_bus(const struct dm_constraints *c,
					   u64 bus, size_t len)
{
	return dm_constraints_fit(c, c->dma_mask, bus, len, false);
}

/**
 * dm_constraints_hold() - check one range that is contiguous on the bus
 * @c: the handle's constraints
 * @bus: its first bus address
 * @len: length of the range in bytes, not 0
 *
 * Return: true if every byte of the range is below the ceiling, the range
 * does not start at address 0 when that is forbidden, and it does not cross
 * the boundary.
 */
static inline bool dm_constraints_hold(const struct dm_constraints *c,
				       u64 bus, size_t len)
{
	return dm_constraints_fit(c, c->dma_mask, bus, len, true);
}

#endif /* _DMAMEM_CONSTRAINTS_H */
