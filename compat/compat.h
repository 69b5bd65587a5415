/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-version compatibility.  Each shim tests the shape of the API it
 * papers over, never a version number: Kbuild compiles the probes in
 * compat/probes/ against the target kernel and writes the HAVE_* answers
 * to the generated header probes.h (see compat/probe.sh).
 */
#ifndef _DMAMEM_COMPAT_H
#define _DMAMEM_COMPAT_H

#include <linux/mmzone.h>
#include "probes.h"

/*
 * DM_MAX_PAGE_ORDER: the largest order the page allocator gives.  Kernels
 * that name it MAX_PAGE_ORDER count it inclusively; older ones have only
 * MAX_ORDER, exclusive.  (Kernels 6.4-6.7 made MAX_ORDER inclusive before
 * renaming it; there this is one order short, which is safe.)
 */
#ifdef HAVE_MAX_PAGE_ORDER
#define DM_MAX_PAGE_ORDER	MAX_PAGE_ORDER
#else
#define DM_MAX_PAGE_ORDER	(MAX_ORDER - 1)
#endif

struct shrinker;
struct shrink_control;
typedef unsigned long (*dm_shrink_fn)(struct shrinker *s,
				      struct shrink_control *sc);

/* A shrinker, however this kernel allocates and registers one (shrinker.c). */
struct shrinker *dm_shrinker_new(dm_shrink_fn count, dm_shrink_fn scan,
				 const char *name);
void dm_shrinker_free(struct shrinker *s);

#endif /* _DMAMEM_COMPAT_H */
