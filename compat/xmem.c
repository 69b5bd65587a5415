// SPDX-License-Identifier: GPL-2.0
/*
 * xmem_global: the cross-memory descriptor of global kernel memory, which
 * a ported driver passes to d_map_page() and in d_map_list()'s lists for
 * kernel buffers, as on AIX.
 */
#include <linux/module.h>
#include <dmamem/dmamem.h>

static struct xmem dm_xmem_global = { .aspace_id = XMEM_GLOBAL };

struct xmem *xmem_global = &dm_xmem_global;
EXPORT_SYMBOL_GPL(xmem_global);
