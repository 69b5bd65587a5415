// SPDX-License-Identifier: GPL-2.0
/*
 * Where a kernel virtual address lives: which physical memory, whether
 * the page allocator manages it (it has a struct page) or it is real heap
 * memory (it has none), and how far it runs physically contiguous.
 *
 * Locking: none; any context.
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include "dhandle.h"
#include "mapping.h"
#include "../dmamem/heap.h"

/**
 * dm_mem_resolve() - the physically contiguous run starting at an address
 * @vaddr: a kernel virtual address: the linear map, vmalloc space, or the
 *	real heap
 * @max: the most bytes wanted, at least 1
 * @m: filled in on success; @m->len is at most @max
 *
 * Return: 0, or -EFAULT when @vaddr is no kernel memory dmamem can map
 * (NULL, a user address, a hole in vmalloc space, I/O memory).
 */
int dm_mem_resolve(void *vaddr, size_t max, struct dm_mem *m)
{
	size_t in_page = PAGE_SIZE - offset_in_page(vaddr);
	struct page *page;
	size_t avail;

	if (dm_real_resolve(vaddr, &m->phys, &avail)) {
		m->page = NULL;
		m->len = min(max, avail);
		return 0;
	}
	if (virt_addr_valid(vaddr)) {
		m->page = virt_to_page(vaddr);
		m->phys = virt_to_phys(vaddr);
		/* the linear map is physically contiguous */
		m->len = virt_addr_valid(vaddr + max - 1) ? max : min(max, in_page);
		return 0;
	}
	if (is_vmalloc_addr(vaddr)) {
		page = vmalloc_to_page(vaddr);
		if (!page || !pfn_valid(page_to_pfn(page)))
			return -EFAULT;
		m->page = page;
		m->phys = page_to_phys(page) + offset_in_page(vaddr);
		m->len = min(max, in_page);
		return 0;
	}
	return -EFAULT;
}

/**
 * dm_xmem_global() - whether a cross-memory descriptor names kernel memory
 * @xmp: the descriptor a driver passed
 *
 * Return: true for xmem_global or any descriptor of XMEM_GLOBAL.
 */
bool dm_xmem_global(const struct xmem *xmp)
{
	return xmp && xmp->aspace_id == XMEM_GLOBAL;
}
