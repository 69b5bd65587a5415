// SPDX-License-Identifier: GPL-2.0
/*
 * xmalloc() and xmfree(): the AIX kernel heaps, kernel_heap and
 * pinned_heap, for drivers ported to Linux; and DIO_INIT()'s entries,
 * which come from them.
 *
 * Linux never pages kernel memory out, so both heaps are served alike; a
 * free must still name the heap the memory came from, as on AIX.  The
 * alignment is log2 of a byte boundary.  Up to the page size it comes from
 * kmalloc()'s natural alignment of power-of-two sizes, or from vmalloc()
 * for more than a page; above it, from a block of the page allocator of
 * at least that order.  Memory is zeroed.
 *
 * Locking: none of its own; see track.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <aix/sys/dma.h>
#include <aix/sys/malloc.h>
#include "compat.h"
#include "shims.h"
#include "track.h"

/* Stands for "not from the page allocator" in the record's datum. */
#define DM_XM_KV	ULONG_MAX

static char dm_kernel_heap_tag, dm_pinned_heap_tag;

heapaddr_t const kernel_heap = &dm_kernel_heap_tag;
EXPORT_SYMBOL(kernel_heap);
heapaddr_t const pinned_heap = &dm_pinned_heap_tag;
EXPORT_SYMBOL(pinned_heap);

static bool dm_xm_heap_known(heapaddr_t heap)
{
	return heap == kernel_heap || heap == pinned_heap;
}

/* Allocate @size bytes on a 2^@align boundary; *order says how. */
static void *dm_xm_get(size_t size, unsigned int align, unsigned long *order)
{
	unsigned int o;

	if (align > PAGE_SHIFT) {
		o = max_t(unsigned int, get_order(size), align - PAGE_SHIFT);
		if (o > DM_MAX_PAGE_ORDER)
			return NULL;
		*order = o;
		return (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, o);
	}
	*order = DM_XM_KV;
	if ((1UL << align) <= ARCH_KMALLOC_MINALIGN)
		return kvzalloc(size, GFP_KERNEL);
	if (size <= PAGE_SIZE)
		return kzalloc(roundup_pow_of_two(max_t(size_t, size, 1UL << align)),
			       GFP_KERNEL);
	return vzalloc(size);
}

static void dm_xm_put(void *addr, unsigned long order)
{
	if (order == DM_XM_KV)
		kvfree(addr);
	else
		free_pages((unsigned long)addr, order);
}

/**
 * xmalloc() - allocate kernel memory from an AIX heap
 * @size: bytes wanted, 1 to INT_MAX
 * @align: log2 of the byte boundary the memory starts on (3: 8 bytes),
 *	below BITS_PER_LONG
 * @heap: kernel_heap or pinned_heap
 *
 * The memory is zeroed and resident; on Linux both heaps are.  The types
 * are those of AIX's header; a negative int passed as @size or @align
 * arrives here as a large uint and is refused.  Process context only.
 *
 * Return: the address, or NULL (with a log line) when an argument is
 * invalid or memory is short.
 */
void *xmalloc(uint size, uint align, heapaddr_t heap)
{
	unsigned long order;
	void *p;

	might_sleep();
	if (!dm_xm_heap_known(heap) || !size || size > INT_MAX ||
	    align >= BITS_PER_LONG) {
		pr_warn_ratelimited("%s(%u, %u, %p): invalid size, alignment or heap\n",
				    __func__, size, align, heap);
		return NULL;
	}
	p = dm_xm_get(size, align, &order);
	if (!p)
		goto short_of_memory;
	if (dm_track_add(p, heap, size, order)) {
		dm_xm_put(p, order);
		goto short_of_memory;
	}
	return p;

short_of_memory:
	pr_warn_ratelimited("%s(%u, %u): no memory\n", __func__, size, align);
	return NULL;
}
EXPORT_SYMBOL(xmalloc);

/**
 * xmfree() - free memory from xmalloc()
 * @ptr: exactly the address xmalloc() returned
 * @heap: the heap it was allocated from
 *
 * Process context only.
 *
 * Return: 0, or -1 (with a log line, and nothing freed) when @ptr is not a
 * live allocation of @heap.
 */
int xmfree(void *ptr, heapaddr_t heap)
{
	unsigned long order;
	int ret;

	might_sleep();
	ret = dm_track_take(ptr, heap, 0, &order);
	if (ret) {
		pr_warn_ratelimited("%s(%p): %s\n", __func__, ptr,
				    ret == -EACCES ? "allocated from another heap" :
						     "not allocated by xmalloc (or already freed)");
		return -1;
	}
	dm_xm_put(ptr, order);
	return 0;
}
EXPORT_SYMBOL(xmfree);

/* The most entries DIO_INIT() gives: their size must fit an int. */
#define DM_DIO_MAX	((long)(INT_MAX / sizeof(struct d_iovec)))

/**
 * dmamem_dio_init() - give a struct dio its entries: what DIO_INIT() calls
 * @d: the list
 * @n_iovecs: entries wanted, 1 to INT_MAX / sizeof(struct d_iovec)
 *
 * The entries come from xmalloc() on the pinned heap, 4-byte aligned, so
 * that DIO_FREE() gives them back with xmfree().  Every counter of @d is
 * set to 0, then total_iovecs to @n_iovecs when the entries are allocated.
 * When @n_iovecs is out of range (with a log line) or memory is short,
 * total_iovecs stays 0 and dvec is NULL, as on AIX when xmalloc() fails.
 * Process context only.
 */
void dmamem_dio_init(struct dio *d, long n_iovecs)
{
	might_sleep();
	d->total_iovecs = 0;
	d->used_iovecs = 0;
	d->bytes_done = 0;
	d->resid_iov = 0;
	d->dvec = NULL;
	if (n_iovecs < 1 || n_iovecs > DM_DIO_MAX) {
		pr_warn_ratelimited("DIO_INIT(%ld): the count must be 1 to %ld\n",
				    n_iovecs, DM_DIO_MAX);
		return;
	}
	d->dvec = xmalloc(n_iovecs * sizeof(struct d_iovec), 2, pinned_heap);
	if (d->dvec)
		d->total_iovecs = n_iovecs;
}
EXPORT_SYMBOL(dmamem_dio_init);

/**
 * dm_xm_exit() - free what xmalloc() still holds, at unload
 */
void dm_xm_exit(void)
{
	unsigned long n;

	n = dm_track_drain(kernel_heap, dm_xm_put) +
	    dm_track_drain(pinned_heap, dm_xm_put);
	if (n)
		pr_warn("xmalloc: %lu allocation%s still live at unload: freed\n",
			n, n == 1 ? "" : "s");
}
