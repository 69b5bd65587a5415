// SPDX-License-Identifier: GPL-2.0
/*
 * Probe HAVE_MAX_PAGE_ORDER: the page allocator's largest order is named
 * MAX_PAGE_ORDER and counted inclusively (6.8 on).  Older kernels have only
 * MAX_ORDER.
 */
#include <linux/mmzone.h>

static inline unsigned int dm_probe(void)
{
	return MAX_PAGE_ORDER;
}
