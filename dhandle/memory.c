// SPDX-License-Identifier: GPL-2.0
/*
 * Where a kernel virtual address lives: which physical memory, whether
 * it is real heap memory, whether it has a struct page (the page
 * allocator's memory does; the real heap's does where its range got
 * them), and how far it runs physically contiguous.
 *
 * Locking: none; any context.
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/vmalloc.h>
#include "dhandle.h"
#include "mapping.h"
#include "../dmamem/heap.h"
#include "../dmamem/pool.h"

#ifdef CONFIG_X86
/*
 * The page frame mapped at a kernel address, read from the kernel's page
 * tables: no struct page is touched.
 */
static bool dm_kernel_pfn(const void *vaddr, unsigned long *pfn)
{
	unsigned long addr = (unsigned long)vaddr;
	unsigned int level;
	pte_t *pte = lookup_address(addr, &level);

	if (!pte || !pte_present(*pte))
		return false;
	switch (level) {
	case PG_LEVEL_4K:
		*pfn = pte_pfn(*pte);
		return true;
	case PG_LEVEL_2M:
		*pfn = pmd_pfn(*(pmd_t *)pte) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
		return true;
	case PG_LEVEL_1G:
		*pfn = pud_pfn(*(pud_t *)pte) + ((addr & ~PUD_MASK) >> PAGE_SHIFT);
		return true;
	}
	return false;
}
#else
/*
 * The page frame mapped at a kernel address.  Where the memory map is
 * virtual (or flat), page_to_pfn() is arithmetic and touches nothing, so
 * vmalloc_to_page() may be asked first.  Where it is classic SPARSEMEM,
 * page_to_pfn() reads the page, which I/O memory does not have, and no
 * exported call reads the kernel's page tables: vmalloc space is refused.
 */
static bool dm_kernel_pfn(const void *vaddr, unsigned long *pfn)
{
	struct page *page;

	if (!IS_ENABLED(CONFIG_SPARSEMEM_VMEMMAP) && !IS_ENABLED(CONFIG_FLATMEM))
		return false;
	page = vmalloc_to_page(vaddr);
	if (!page)
		return false;
	*pfn = page_to_pfn(page);
	return true;
}
#endif

/*
 * The page behind a vmalloc-space address, if it is RAM that vmalloc()
 * or vmap() mapped.  ioremap() shares that space on most architectures,
 * and I/O memory may have no struct page at all, so the page frame is
 * judged before any struct page is touched: it must have one, and one
 * the page allocator handed out rather than a reserved one.
 */
static struct page *dm_vmalloc_page(const void *vaddr)
{
	unsigned long pfn;
	struct page *page;

	if (!dm_kernel_pfn(vaddr, &pfn) || !pfn_valid(pfn))
		return NULL;
	page = pfn_to_page(pfn);
	return PageReserved(page) ? NULL : page;
}

/**
 * dm_mem_resolve() - the physically contiguous run starting at an address
 * @vaddr: a kernel virtual address: the linear map, vmalloc space, or the
 *	real heap
 * @max: the most bytes wanted, at least 1
 * @m: filled in on success; @m->len is at most @max
 *
 * What may be mapped is decided before any struct page is touched: the
 * real heap (by its ranges), the linear map (whose pages all have one),
 * and RAM mapped in vmalloc space (by the page frame, see
 * dm_vmalloc_page()).  I/O memory, from ioremap() or anywhere else, is
 * none of these.
 *
 * Return: 0, or -EFAULT when @vaddr is no kernel memory dmamem can map
 * (NULL, a user address, a hole in vmalloc space, I/O memory).
 */
int dm_mem_resolve(void *vaddr, size_t max, struct dm_mem *m)
{
	size_t in_page = PAGE_SIZE - offset_in_page(vaddr);
	struct page *page;
	size_t avail;

	m->real = dm_real_resolve(vaddr, &m->phys, &avail, &m->page);
	if (m->real) {
		m->len = min(max, avail);
		return 0;
	}
	if (virt_addr_valid(vaddr)) {
		m->page = virt_to_page(vaddr);
		m->phys = virt_to_phys(vaddr);
		/* the linear map is physically contiguous */
		m->len = max <= in_page || virt_addr_valid(vaddr + max - 1) ?
			 max : in_page;
		return 0;
	}
	if (is_vmalloc_addr(vaddr)) {
		page = dm_vmalloc_page(vaddr);
		if (!page)
			return -EFAULT;
		m->page = page;
		m->phys = page_to_phys(page) + offset_in_page(vaddr);
		m->len = min(max, in_page);
		return 0;
	}
	return -EFAULT;
}

/**
 * dm_mem_check() - whether a whole range is kernel memory dmamem can map
 * @vaddr: its first byte
 * @len: its bytes, at least 1
 *
 * dm_mem_resolve() of every physically contiguous run of the range.  Any
 * context.
 *
 * Return: 0, or -EFAULT when a byte of it is not (see dm_mem_resolve()).
 */
int dm_mem_check(void *vaddr, size_t len)
{
	struct dm_mem m;
	size_t off;
	int ret;

	for (off = 0; off < len; off += m.len) {
		ret = dm_mem_resolve(vaddr + off, len - off, &m);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * dm_mem_where() - whether an address is dmamem memory, and where it lies
 * @vaddr: an address the driver names
 * @own: filled in on success: the bytes to the end of its pool block or
 *	allocation, and, for memory a device's DMA API allocated, the
 *	device and the bus address fixed then
 *
 * Such memory is DMA-able as allocated, at that bus address, for that
 * device: it needs no new mapping and is never bounced.  For any other
 * device, a mapping of it ends where it ends, so that it never reaches a
 * neighbour: a bounce buffer copying back, or a cache invalidate, would
 * undo what the CPU wrote to the neighbour meanwhile.  One lookup in each
 * of the memory side's tables; any context, under RCU (dm_fast_enter() or
 * rcu_read_lock()), until which the answer holds.
 *
 * Return: true when @vaddr lies in a live pool block or allocation of
 * any handle.
 */
bool dm_mem_where(const void *vaddr, struct dm_own *own)
{
	return dm_pool_where(vaddr, own) || dm_owned_where(vaddr, own);
}

