// SPDX-License-Identifier: GPL-2.0
/*
 * Probe HAVE_SHRINKER_ALLOC: shrinkers are allocated by the kernel with
 * shrinker_alloc() and registered with shrinker_register() (6.7 on).
 * Older kernels register a caller's struct shrinker with register_shrinker().
 */
#include <linux/mm.h>
#include <linux/shrinker.h>

static inline struct shrinker *dm_probe(void)
{
	return shrinker_alloc(0, "dm_probe");
}
