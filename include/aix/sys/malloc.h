/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/malloc.h> for AIX drivers ported to Linux: the kernel heaps, as
 * provided by the dmamem module.  See xmalloc(9) and rmalloc(9).
 *
 * Holds heapaddr_t, kernel_heap, pinned_heap, xmalloc() and xmfree() with
 * the types of AIX's header (void * and uint, not the manual's caddr_t
 * and int), so that a driver passes any object pointer to xmfree() and
 * assigns xmalloc()'s result to one without a cast.  The two heaps are
 * const: a driver names them, it never changes them.
 *
 * Also holds rmalloc() and rmfree(), the real heap below 16 MiB.  AIX
 * documents no header for them (the manual names only <sys/types.h>);
 * they are here, with the manual's types, because they are heaps too.
 *
 * Left out: init_heap() (private heaps: dmamem has none), and the
 * malloc(), palloc() and free() macros, which would rename every member
 * and function of those names in Linux code compiled after this header.
 */
#ifndef _AIX_SYS_MALLOC_H
#define _AIX_SYS_MALLOC_H

#include <linux/types.h>

/* A heap, as xmalloc() and xmfree() name it. */
typedef void *heapaddr_t;

/* The heaps xmalloc() serves; pass them as its heap argument. */
extern heapaddr_t const kernel_heap;
extern heapaddr_t const pinned_heap;

/*
 * AIX 7's names for the heaps by page size (4 KiB or 64 KiB pages, or
 * 16 MiB ones where the large-page heap is on): Linux's allocators pick
 * pages themselves, so each is the heap it aliases on AIX.
 */
#define kernel_heap_4K_64K	kernel_heap
#define kernel_heap_16M		kernel_heap
#define pinned_heap_4K_64K	pinned_heap
#define pinned_heap_16M		pinned_heap

void *xmalloc(uint size, uint align, heapaddr_t heap);
int xmfree(void *ptr, heapaddr_t heap);

/* The real heap: physically contiguous memory below 16 MiB. */
caddr_t rmalloc(int size, int align);
int rmfree(caddr_t pointer, int size);

#endif /* _AIX_SYS_MALLOC_H */
