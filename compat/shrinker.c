// SPDX-License-Identifier: GPL-2.0
/*
 * A shrinker on every kernel: 6.7 on allocate and register it with
 * shrinker_alloc() and shrinker_register(); older kernels register the
 * caller's struct shrinker with register_shrinker().
 *
 * Locking: none.
 */
#include <linux/mm.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include "compat.h"

/**
 * dm_shrinker_new() - register a shrinker
 * @count: its count_objects
 * @scan: its scan_objects
 * @name: its name
 *
 * Return: the shrinker, registered, or NULL when out of memory.
 */
struct shrinker *dm_shrinker_new(dm_shrink_fn count, dm_shrink_fn scan,
				 const char *name)
{
	struct shrinker *s;

#ifdef HAVE_SHRINKER_ALLOC
	s = shrinker_alloc(0, "%s", name);
	if (!s)
		return NULL;
	s->count_objects = count;
	s->scan_objects = scan;
	s->seeks = DEFAULT_SEEKS;
	shrinker_register(s);
#else
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	s->count_objects = count;
	s->scan_objects = scan;
	s->seeks = DEFAULT_SEEKS;
	if (register_shrinker(s, "%s", name)) {
		kfree(s);
		return NULL;
	}
#endif
	return s;
}

/**
 * dm_shrinker_free() - unregister and free a shrinker from dm_shrinker_new()
 * @s: the shrinker
 */
void dm_shrinker_free(struct shrinker *s)
{
#ifdef HAVE_SHRINKER_ALLOC
	shrinker_free(s);
#else
	unregister_shrinker(s);
	kfree(s);
#endif
}
