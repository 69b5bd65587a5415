// SPDX-License-Identifier: GPL-2.0
/*
 * The pinned heap: ordinary kernel pages that meet a handle's constraints.
 *
 * Pages are asked for in the highest zone whose pages can lie below the
 * handle's ceiling, checked against the constraints, and if they miss,
 * given back and asked for again one zone lower, as kernel/dma/direct.c
 * does.  A contiguous request takes one block of the smallest order that
 * covers both its size and its alignment, splits it and gives back the
 * pages past the end, so it holds exactly the pages it needs.  A multi-page
 * request on a handle without DMA_CONTIGUOUS is built from separate pages
 * mapped contiguously in kernel virtual space.  Memory is zeroed.
 *
 * For a handle bound to a device, memory comes from the device's DMA API
 * instead: one block (dma_alloc_pages()) for a contiguous request or one
 * of a few pages, else pages that are one range on the bus
 * (dma_alloc_noncontiguous()).  It is DMA-able as allocated, at a bus
 * address fixed at allocation; the mapping services hand that bus address
 * out with no new mapping.  Behind a translating IOMMU, where contiguous
 * means one bus range, only a request of a few pages is one block, and
 * pages may lie anywhere: the IOMMU meets the ceiling.  When the device's DMA API cannot meet the
 * handle's constraints, pages are taken the old way and mapped per I/O.
 *
 * Locking: none of its own; the counters are atomic.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "heap.h"
#include "../compat/compat.h"
#include "../dhandle/constraints.h"

/*
 * A DMA buffer request fails rather than invoke the OOM killer, and the
 * driver, not the page allocator, says so.
 */
#define DM_PINNED_GFP	(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

static atomic_long_t dm_pinned_allocs = ATOMIC_LONG_INIT(0);
static atomic_long_t dm_pinned_held = ATOMIC_LONG_INIT(0);

/*
 * Zones from the highest down.  The limits are x86's (ZONE_DMA below
 * 16 MiB, ZONE_DMA32 below 4 GiB); they only choose where to start, and
 * every page is checked against the ceiling whatever zone it came from.
 */
static const struct {
	gfp_t gfp;
	u64 lowest_ceiling;	/* start here only for ceilings >= this */
} dm_zones[] = {
	{ 0,		DMA_BIT_MASK(32) + 1 },
	{ __GFP_DMA32,	DMA_BIT_MASK(24) + 1 },
	{ __GFP_DMA,	0 },
};

/*
 * Get a naturally aligned block of 2^order pages whose first @len bytes
 * meet the constraints.  A zone that yields nothing ends the walk: the
 * page allocator has already fallen back to the lower zones itself.
 */
static struct page *dm_pinned_block(const struct dm_constraints *c,
				    unsigned int order, size_t len, gfp_t extra)
{
	struct page *page;
	unsigned int z;

	for (z = 0; z < ARRAY_SIZE(dm_zones); z++) {
		if (c->phys_mask < dm_zones[z].lowest_ceiling)
			continue;
		page = alloc_pages(DM_PINNED_GFP | dm_zones[z].gfp | extra,
				   order);
		if (!page)
			return NULL;
		if (dm_constraints_hold_phys(c, page_to_phys(page), len))
			return page;
		__free_pages(page, order);
	}
	return NULL;
}

/**
 * dm_pinned_contiguous() - whether the pinned heap serves a request as one block
 * @c: the handle's constraints
 * @size: bytes requested
 * @align: log2 of the alignment
 *
 * Return: true for a contiguous handle, a request of at most a page, or an
 * alignment above the page size; false when separate pages will do.
 */
bool dm_pinned_contiguous(const struct dm_constraints *c, size_t size,
			  unsigned int align)
{
	return c->contiguous || size <= PAGE_SIZE || align > PAGE_SHIFT;
}

/**
 * dm_pinned_order() - the order of the block a contiguous request takes
 * @size: bytes requested
 * @align: log2 of the alignment
 *
 * Return: the smallest order that covers both the size and the alignment.
 */
unsigned int dm_pinned_order(size_t size, unsigned int align)
{
	unsigned int order = get_order(size);

	if (align > PAGE_SHIFT)
		order = max(order, align - PAGE_SHIFT);
	return order;
}

/* Whether one block of 2^@order pages can be had at all. */
static int dm_pinned_order_fits(unsigned int order, const char **why)
{
	if (order <= DM_MAX_PAGE_ORDER)
		return 0;
	*why = "larger or more aligned than the largest block the page allocator gives";
	return -E2BIG;
}

static int dm_pinned_contig(const struct dm_constraints *c, size_t size,
			    unsigned int align, struct dm_alloc *a,
			    const char **why)
{
	unsigned long i, npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	unsigned int order = dm_pinned_order(size, align);
	struct page *page;
	int ret;

	ret = dm_pinned_order_fits(order, why);
	if (ret)
		return ret;

	page = dm_pinned_block(c, order, size, 0);
	if (!page) {
		*why = "no free pages meet the constraints";
		return -ENOMEM;
	}
	if (order) {
		split_page(page, order);
		for (i = npages; i < 1UL << order; i++)
			__free_page(page + i);
	}
	/* With init_on_alloc, the page allocator has zeroed them already. */
	if (!want_init_on_alloc(DM_PINNED_GFP))
		for (i = 0; i < npages; i++)
			clear_highpage(page + i);

	a->backing = DM_PINNED_CONTIG;
	a->vaddr = page_address(page);
	a->phys = page_to_phys(page);
	a->span = npages << PAGE_SHIFT;
	return 0;
}

static void dm_pinned_put_pages(struct page **pages, unsigned long n)
{
	while (n--)
		__free_page(pages[n]);
	kvfree(pages);
}

static int dm_pinned_vmap(const struct dm_constraints *c, size_t size,
			  struct dm_alloc *a, const char **why)
{
	unsigned long i, npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct page **pages;
	void *vaddr;

	*why = "out of memory";
	pages = kvmalloc_array(npages, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	*why = "no free pages meet the constraints";
	for (i = 0; i < npages; i++) {
		pages[i] = dm_pinned_block(c, 0, PAGE_SIZE, __GFP_ZERO);
		if (!pages[i])
			goto fail;
	}
	*why = "no kernel virtual space to map the pages";
	vaddr = vmap(pages, npages, VM_MAP, PAGE_KERNEL);
	if (!vaddr)
		goto fail;

	a->backing = DM_PINNED_PAGES;
	a->vaddr = vaddr;
	a->phys = page_to_phys(pages[0]);
	a->span = npages << PAGE_SHIFT;
	a->pages = pages;
	return 0;
fail:
	dm_pinned_put_pages(pages, i);
	return -ENOMEM;
}

/*
 * For a handle bound to a device, memory comes from the device's DMA API,
 * so that it is DMA-able as allocated (never bounced, decrypted where the
 * platform needs that, below the device's mask) at a bus address fixed
 * now.  The handle's own constraints are then checked on that bus
 * address, which behind an IOMMU is not the physical one; -ERANGE when
 * they do not hold, and the caller takes pages the old way.  The record
 * holds a reference to the device until the pages go back, as they go
 * back through its DMA API.
 */
static int dm_pinned_dev_check(const struct dm_constraints *c, dma_addr_t bus,
			       size_t size, unsigned int align, const char **why)
{
	if (!IS_ALIGNED(bus, 1ULL << align) || !dm_constraints_hold(c, bus, size)) {
		*why = "the device's DMA API gave a bus address the handle cannot take";
		return -ERANGE;
	}
	return 0;
}

/* One physically contiguous block of 2^@order pages, dma_alloc_pages(). */
static int dm_pinned_dev_block(struct device *dev,
			       const struct dm_constraints *c, size_t size,
			       unsigned int align, unsigned int order,
			       struct dm_alloc *a, const char **why)
{
	size_t len = PAGE_SIZE << order;
	struct page *page;
	dma_addr_t bus;
	int ret;

	/*
	 * DMA-API debugging on older kernels (6.1) records dma_alloc_pages()
	 * as a streaming mapping whose error was never checked, and says so
	 * when it is freed; the check costs nothing and always passes.
	 */
	page = dma_alloc_pages(dev, len, &bus, DMA_BIDIRECTIONAL, DM_PINNED_GFP);
	if (!page || dma_mapping_error(dev, bus)) {
		*why = "the device's DMA API has no memory for it";
		return -ENOMEM;
	}
	ret = dm_pinned_dev_check(c, bus, size, align, why);
	if (ret) {
		dma_free_pages(dev, len, page, bus, DMA_BIDIRECTIONAL);
		return ret;
	}
	a->vaddr = page_address(page);
	a->phys = page_to_phys(page);
	a->span = len;
	a->bus = bus;
	return 0;
}

/*
 * Pages that need not be physically contiguous, dma_alloc_noncontiguous():
 * one range on the bus (behind an IOMMU, one IOVA range over separate
 * pages; without one, the DMA API gives a contiguous block), mapped
 * contiguously for the CPU.
 */
static int dm_pinned_dev_pages(struct device *dev,
			       const struct dm_constraints *c, size_t size,
			       unsigned int align, struct dm_alloc *a,
			       const char **why)
{
	size_t len = PAGE_ALIGN(size);
	struct sg_table *sgt;
	void *vaddr;
	int ret;

	sgt = dma_alloc_noncontiguous(dev, len, DMA_BIDIRECTIONAL, DM_PINNED_GFP, 0);
	if (!sgt) {
		*why = "the device's DMA API has no memory for it";
		return -ENOMEM;
	}
	ret = -ERANGE;
	*why = "the device's DMA API gave more than one bus range";
	if (sgt->nents != 1)
		goto fail;
	ret = dm_pinned_dev_check(c, sg_dma_address(sgt->sgl), size, align, why);
	if (ret)
		goto fail;
	ret = -ENOMEM;
	*why = "no kernel virtual space to map the pages";
	vaddr = dma_vmap_noncontiguous(dev, len, sgt);
	if (!vaddr)
		goto fail;
	memset(vaddr, 0, len);
	a->vaddr = vaddr;
	a->phys = page_to_phys(sg_page(sgt->sgl));
	a->span = len;
	a->bus = sg_dma_address(sgt->sgl);
	a->sgt = sgt;
	return 0;
fail:
	dma_free_noncontiguous(dev, len, sgt, DMA_BIDIRECTIONAL);
	return ret;
}

static int dm_pinned_dev(struct device *dev, const struct dm_constraints *c,
			 size_t size, unsigned int align, struct dm_alloc *a,
			 const char **why)
{
	unsigned int order = dm_pinned_order(size, align);
	bool contig = dm_pinned_contiguous(c, size, align);
	int ret;

	/*
	 * Behind a translating IOMMU, contiguous means one bus range: above
	 * a few pages, dma_alloc_noncontiguous() makes it of separate pages,
	 * however large, and the handle's low ceiling spends no low memory.
	 */
	if (c->translated && order > PAGE_ALLOC_COSTLY_ORDER)
		contig = false;
	ret = contig ? dm_pinned_order_fits(order, why) : 0;
	if (ret)
		return ret;
	/* a few pages are one block, as the page allocator gives them best */
	if (contig || order <= PAGE_ALLOC_COSTLY_ORDER)
		ret = dm_pinned_dev_block(dev, c, size, align, order, a, why);
	else
		ret = dm_pinned_dev_pages(dev, c, size, align, a, why);
	if (ret)
		return ret;
	a->backing = DM_PINNED_DEV;
	a->dev = get_device(dev);
	return 0;
}

/**
 * dm_pinned_alloc() - serve a request from the pinned heap
 * @dev: the device the handle is bound to, or NULL
 * @c: the handle's constraints
 * @size: bytes requested, not 0 and no larger than the handle's boundary
 * @align: log2 of the alignment of the first byte
 * @a: filled in on success: backing, vaddr, phys, span, pages
 * @why: on failure, set to a sentence saying why
 *
 * Return: 0; -E2BIG when no block the page allocator gives can hold the
 * request with its alignment; -ENOMEM when no pages meet the constraints.
 */
int dm_pinned_alloc(struct device *dev, const struct dm_constraints *c,
		    size_t size, unsigned int align, struct dm_alloc *a,
		    const char **why)
{
	int ret;

	ret = dev ? dm_pinned_dev(dev, c, size, align, a, why) : -ERANGE;
	if (ret == -ERANGE && dm_pinned_contiguous(c, size, align))
		ret = dm_pinned_contig(c, size, align, a, why);
	else if (ret == -ERANGE)
		ret = dm_pinned_vmap(c, size, a, why);
	if (ret)
		return ret;

	atomic_long_inc(&dm_pinned_allocs);
	atomic_long_add(a->span, &dm_pinned_held);
	return 0;
}

/**
 * dm_pinned_free() - give an allocation's pages back to the page allocator
 * @a: an allocation made by dm_pinned_alloc()
 */
void dm_pinned_free(struct dm_alloc *a)
{
	unsigned long i, npages = a->span >> PAGE_SHIFT;
	struct page *page;

	if (a->backing == DM_PINNED_DEV && a->sgt) {
		dma_vunmap_noncontiguous(a->dev, a->vaddr);
		dma_free_noncontiguous(a->dev, a->span, a->sgt, DMA_BIDIRECTIONAL);
		put_device(a->dev);
	} else if (a->backing == DM_PINNED_DEV) {
		dma_free_pages(a->dev, a->span, virt_to_page(a->vaddr), a->bus,
			       DMA_BIDIRECTIONAL);
		put_device(a->dev);
	} else if (a->backing == DM_PINNED_PAGES) {
		vunmap(a->vaddr);
		dm_pinned_put_pages(a->pages, npages);
	} else {
		page = virt_to_page(a->vaddr);
		for (i = 0; i < npages; i++)
			__free_page(page + i);
	}
	atomic_long_dec(&dm_pinned_allocs);
	atomic_long_sub(a->span, &dm_pinned_held);
}

/**
 * dm_pinned_info() - what the pinned heap holds
 * @info: filled in
 */
void dm_pinned_info(struct dmamem_heap_info *info)
{
	info->allocations = atomic_long_read(&dm_pinned_allocs);
	info->held = atomic_long_read(&dm_pinned_held);
}
