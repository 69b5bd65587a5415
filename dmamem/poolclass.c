// SPDX-License-Identifier: GPL-2.0
/*
 * Size classes of the sub-page block pools, and which class serves a
 * request.
 *
 * The classes are the powers of two from 16 bytes to a page, and between
 * them the sizes 3 * 2^k (48, 96, 192, 384, 768 with 4 KiB pages) where
 * such a class fits more blocks in a page than the next power of two.  The
 * page class holds one block a page: a request of more than half a page is
 * no sub-page block, but served this way it is handed out and taken back
 * as fast as any block, from the pools' spare pages (poolspare.c).
 *
 * Blocks are laid out back to back from the start of a page, so a block
 * of a class starts on the largest power of two dividing the class
 * (16 for 48, 32 for 96, ...): that is the alignment the class gives.  A
 * class that is not a multiple of the DMA cache alignment of the
 * architecture is left out, so no two blocks ever share a cache line on a
 * machine whose DMA is not cache-coherent.
 *
 * A request is served by the smallest class at least as large as its size
 * whose alignment is at least the one asked.  A handle whose boundary is
 * smaller than a page uses the powers of two only: a block of 2^k bytes
 * starts on a multiple of 2^k and so cannot cross a boundary of 2^k or
 * more, and with a smaller boundary its first size bytes (size is at most
 * the boundary) start on a boundary and stay inside it.  A larger boundary
 * holds for every class, since a block never leaves its page.
 *
 * Locking: none; the table is written once, at module load.
 */
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include "pool.h"

/* Powers of two and the 3 * 2^k between them, from 16 to a page. */
#define DM_POOL_MAX_CLASSES	(2 * (PAGE_SHIFT - 4))

/*
 * The classes' block sizes, ascending, and for each multiple of
 * DM_POOL_MIN_BLOCK the smallest class that holds it: dm_pool_class()
 * reads both inline.
 */
unsigned int dm_pool_class_bytes[DM_POOL_MAX_CLASSES];
u8 dm_pool_class_fit[DM_POOL_MAX_BLOCK / DM_POOL_MIN_BLOCK + 1];
static unsigned int dm_nr_classes;

static void dm_pool_class_add(unsigned int size, unsigned int dma_align)
{
	if (size % dma_align)
		return;
	if (WARN_ON_ONCE(dm_nr_classes == DM_POOL_MAX_CLASSES))
		return;
	dm_pool_class_bytes[dm_nr_classes++] = size;
}

/* For each multiple of DM_POOL_MIN_BLOCK, the smallest class that holds it. */
static void dm_pool_class_fit_init(void)
{
	unsigned int i, k = 0;

	for (i = 0; i < ARRAY_SIZE(dm_pool_class_fit); i++) {
		while (k < dm_nr_classes &&
		       dm_pool_class_bytes[k] < i * DM_POOL_MIN_BLOCK)
			k++;
		dm_pool_class_fit[i] = k < dm_nr_classes ? k : DM_POOL_NO_CLASS;
	}
}

/**
 * dm_pool_classes_init() - build the table of size classes
 *
 * Return: 0, or -ENODEV when the DMA cache alignment leaves no class.
 */
int dm_pool_classes_init(void)
{
	unsigned int dma_align = max(dma_get_cache_alignment(), 1);
	unsigned int p, mid;

	dm_nr_classes = 0;
	for (p = DM_POOL_MIN_BLOCK; p <= DM_POOL_MAX_BLOCK; p *= 2) {
		dm_pool_class_add(p, dma_align);
		mid = p + p / 2;
		if (p > DM_POOL_MIN_BLOCK && mid < DM_POOL_MAX_BLOCK &&
		    PAGE_SIZE / mid > PAGE_SIZE / (2 * p))
			dm_pool_class_add(mid, dma_align);
	}
	dm_pool_class_fit_init();
	return dm_nr_classes ? 0 : -ENODEV;
}

/**
 * dm_pool_nr_classes() - how many size classes there are
 *
 * Return: the number of classes.
 */
unsigned int dm_pool_nr_classes(void)
{
	return dm_nr_classes;
}

/**
 * dm_pool_class_size() - bytes per block of a class
 * @k: the class, below dm_pool_nr_classes()
 *
 * Return: the block size.
 */
unsigned int dm_pool_class_size(unsigned int k)
{
	return dm_pool_class_bytes[k];
}

/* The alignment every block of a class starts on. */
static unsigned long dm_pool_class_align(unsigned int size)
{
	return size & -size;
}

/**
 * dm_pool_class_search() - the class that serves a request, if any
 * @c: the handle's constraints
 * @size: bytes requested, not 0 and no larger than the handle's boundary
 * @align: log2 of the alignment, below BITS_PER_LONG
 *
 * The search behind dm_pool_class(), for what its table does not settle.
 *
 * Return: the class, or -1 when the request is too large or too aligned
 * for the pools.
 */
int dm_pool_class_search(const struct dm_constraints *c, size_t size,
			 unsigned int align)
{
	bool pow2_only = c->boundary && c->boundary < PAGE_SIZE;
	unsigned int k, b;

	for (k = 0; k < dm_nr_classes; k++) {
		b = dm_pool_class_bytes[k];
		if (b < size || dm_pool_class_align(b) < (1UL << align))
			continue;
		if (pow2_only && !is_power_of_2(b))
			continue;
		return k;
	}
	return -1;
}
