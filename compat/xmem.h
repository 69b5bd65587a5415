/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Attached user buffers (compat/xmem.c), as the mapping services reach
 * them: the pinned page an address lies in, held while it is mapped.
 */
#ifndef _DMAMEM_COMPAT_XMEM_H
#define _DMAMEM_COMPAT_XMEM_H

#include <linux/types.h>

struct dm_xm;
struct page;
struct xmem;

int dm_xm_resolve(const struct xmem *dp, const void *uaddr, size_t len,
		  bool write, struct page **page, struct dm_xm **xm);
void dm_xm_put(struct dm_xm *xm);
int dm_xmem_init(void);
void dm_xmem_exit(void);

#endif /* _DMAMEM_COMPAT_XMEM_H */
