/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The real heap's arithmetic that must hold for every width of
 * unsigned long and phys_addr_t, kept apart so that the KUnit suite can
 * check it with a 32-bit type on a 64-bit kernel.
 */
#ifndef _DMAMEM_REALHEAP_H
#define _DMAMEM_REALHEAP_H

#include <linux/minmax.h>
#include <linux/types.h>

/**
 * DM_PFN_LIMIT() - the first page frame above a DMA mask, saturating
 * @type: the unsigned type page frame numbers are held in
 * @mask: the highest physical address a handle may reach
 * @shift: log2 of the page size
 *
 * (@mask >> @shift) + 1 when that fits in @type, or else the largest
 * value of @type.  PHYS_PFN(@mask) + 1 is not the same: where
 * unsigned long is 32 bits and @mask is all ones (64-bit handles on x86
 * with PAE), it wraps to 0 and excludes every page frame.  Saturating
 * loses only the page frame numbered ~0, which no memory has.
 */
#define DM_PFN_LIMIT(type, mask, shift)					\
	((type)(min_t(u64, (u64)(mask) >> (shift), (type)~(type)0 - 1) + 1))

#endif /* _DMAMEM_REALHEAP_H */
