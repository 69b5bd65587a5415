/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/malloc.h> for AIX drivers ported to Linux: the kernel heaps, as
 * provided by the dmamem module.  See xmalloc(9) and rmalloc(9).
 */
#ifndef _AIX_SYS_MALLOC_H
#define _AIX_SYS_MALLOC_H

#include <linux/types.h>

/* The heaps xmalloc() serves; pass them as its heap argument. */
extern caddr_t const kernel_heap;
extern caddr_t const pinned_heap;

caddr_t xmalloc(int size, int align, caddr_t heap);
int xmfree(caddr_t ptr, caddr_t heap);

/* The real heap: physically contiguous memory below 16 MiB. */
caddr_t rmalloc(int size, int align);
int rmfree(caddr_t pointer, int size);

#endif /* _AIX_SYS_MALLOC_H */
