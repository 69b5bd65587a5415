/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record of what the AIX heap shims (xmalloc(), rmalloc()) handed out,
 * so that a free names exactly a live allocation of the right heap.
 */
#ifndef _DMAMEM_COMPAT_TRACK_H
#define _DMAMEM_COMPAT_TRACK_H

#include <linux/types.h>

int dm_track_add(void *addr, const void *heap, size_t size,
		 unsigned long priv);
int dm_track_take(void *addr, const void *heap, size_t size,
		  unsigned long *priv);
unsigned long dm_track_drain(const void *heap,
			     void (*release)(void *addr, unsigned long priv));

#endif /* _DMAMEM_COMPAT_TRACK_H */
