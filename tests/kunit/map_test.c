// SPDX-License-Identifier: GPL-2.0
/*
 * The mapping services: the bus address d_map_page() and d_map_list()
 * give, checked against the physical address found from the page tables
 * (no device, or a device the kernel maps directly) or against the bounce
 * buffer the DMA API put between (a 32-bit device and memory above 4 GiB);
 * coalescing, windows, partial mappings with minxfer, the direction
 * d_sync_mem() takes, d_map_clear() unmapping, and every misuse.  Runs
 * after the real heap suite, which takes the reserved ranges.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/swiotlb.h>
#include <linux/vmalloc.h>
#include <sys/dma.h>
#include "dmtest.h"

#define HIGH_BASE	0x18000000ULL
#define HIGH_SIZE	SZ_64M
#define BLOCK_ORDER	3

/* A block of 8 physically contiguous pages, and a vmap of some of them. */
struct map_mem {
	struct page *block;
	void *va[1 << BLOCK_ORDER];
	void *vmapped;
};

static void map_mem_get(struct kunit *test, struct map_mem *mm)
{
	struct page *pages[3];
	unsigned int i;

	mm->block = alloc_pages(GFP_KERNEL | __GFP_ZERO, BLOCK_ORDER);
	KUNIT_ASSERT_NOT_NULL(test, mm->block);
	for (i = 0; i < ARRAY_SIZE(mm->va); i++)
		mm->va[i] = page_address(mm->block + i);
	/* pages 0, 1 and 3: contiguous, then a gap */
	pages[0] = mm->block;
	pages[1] = mm->block + 1;
	pages[2] = mm->block + 3;
	mm->vmapped = vmap(pages, 3, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mm->vmapped);
}

static void map_mem_put(struct map_mem *mm)
{
	vunmap(mm->vmapped);
	__free_pages(mm->block, BLOCK_ORDER);
}

/* A page above 4 GiB. */
static struct page *map_high_page(struct kunit *test)
{
	return dmt_pages_above(test, DMA_BIT_MASK(32), 0);
}

static void map_real_range(struct kunit *test)
{
	int ret = dmamem_real_heap_add(HIGH_BASE, HIGH_SIZE);

	KUNIT_ASSERT_TRUE_MSG(test, ret == 0 || ret == -EBUSY,
			      "dmamem_real_heap_add: %d", ret);
}

static unsigned long map_count(struct kunit *test, d_handle_t h)
{
	struct dmamem_handle_info info;

	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	return info.mappings;
}

/* Every member is set, and the macros reach the services through them. */
static void map_dispatch(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, 0);

	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_map_page, (void *)d_map_page);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_unmap_page, (void *)d_unmap_page);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_map_list, (void *)d_map_list);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_unmap_list, (void *)d_unmap_list);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_map_slave, (void *)d_map_slave);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_unmap_slave, (void *)d_unmap_slave);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_map_disable, (void *)d_map_disable);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_map_enable, (void *)d_map_enable);
	KUNIT_EXPECT_PTR_EQ(test, (void *)h->d_sync_mem, (void *)d_sync_mem);
	/* no system DMA controller serves the handle */
	KUNIT_EXPECT_EQ(test, D_MAP_SLAVE(h, 0, 1, NULL, 0), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_UNMAP_SLAVE(h), DMA_FAIL);
	d_map_clear(h);
}

/* Without a device the bus address is the physical address. */
static void map_page_no_device(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t real = dmt_handle(test, DMA_ADDRESS_64_BIT | DMA_HEAP_REAL);
	struct map_mem mm;
	ulong bus[3];
	void *at[3];
	unsigned int i;
	void *r;

	map_real_range(test);
	map_mem_get(test, &mm);
	r = d_alloc_dmamem(real, 2 * PAGE_SIZE, 12);
	KUNIT_ASSERT_NOT_NULL(test, r);
	at[0] = mm.va[5] + 123;			/* the linear map */
	at[1] = mm.vmapped + 2 * PAGE_SIZE + 904;	/* vmalloc space */
	at[2] = r + PAGE_SIZE + 4;		/* the real heap */
	for (i = 0; i < ARRAY_SIZE(at); i++) {
		KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, at[i], &bus[i], xmem_global),
				DMA_SUCC);
		KUNIT_EXPECT_EQ_MSG(test, (u64)bus[i], (u64)dmt_phys(at[i]), "buffer %u", i);
	}
	KUNIT_EXPECT_EQ(test, map_count(test, h), 3UL);
	for (i = 0; i < ARRAY_SIZE(at); i++)
		D_UNMAP_PAGE(h, &bus[i]);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(real, r, 2 * PAGE_SIZE), 0);
	d_map_clear(real);
	d_map_clear(h);
	map_mem_put(&mm);
}

/* A bus address must lie under the handle's ceiling. */
static void map_page_ceiling(struct kunit *test)
{
	d_handle_t h32 = dmt_handle(test, DMA_MASTER);
	d_handle_t h28 = dmt_handle(test, DMA_ADDRESS_BITS(28) | DMA_HEAP_REAL);
	d_handle_t d28 = dmt_bound_handle(test, dmt_device(test, 28), 0);
	struct page *high = map_high_page(test);
	ulong bus = 0;
	void *real64, *low;
	d_handle_t real;

	map_real_range(test);
	real = dmt_handle(test, DMA_ADDRESS_64_BIT | DMA_HEAP_REAL);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h32, 0, page_address(high), &bus, xmem_global),
			DMA_NOACC);
	/* real heap memory at 384 MiB: above 28 bits, with and without a device */
	real64 = d_alloc_dmamem(real, PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, real64);
	KUNIT_ASSERT_GT(test, (u64)dmt_phys(real64), DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h28, 0, real64, &bus, xmem_global), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(d28, 0, real64, &bus, xmem_global), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, map_count(test, h28) + map_count(test, d28), 0UL);
	/* memory the 28-bit handle got is fine */
	low = d_alloc_dmamem(h28, PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, low);
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h28, 0, low, &bus, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)bus, (u64)dmt_phys(low));
	D_UNMAP_PAGE(h28, &bus);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h28, low, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(real, real64, PAGE_SIZE), 0);
	__free_page(high);
	d_map_clear(real);
	d_map_clear(d28);
	d_map_clear(h28);
	d_map_clear(h32);
}

/* A device the kernel maps directly: dma_map_page, the real heap as it lies. */
static void map_page_device_direct(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h, real;
	struct map_mem mm;
	ulong bus, rbus;
	void *r;

	if (is_swiotlb_force_bounce(dev))
		kunit_skip(test, "every streaming mapping is bounced (swiotlb=force)");
	h = dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	map_real_range(test);
	real = dmt_bound_handle(test, dmt_device(test, 32), DMA_HEAP_REAL);
	map_mem_get(test, &mm);
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, 0, mm.va[2] + 7, &bus, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)bus, (u64)dmt_phys(mm.va[2] + 7));
	r = d_alloc_dmamem(real, PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(real, DMA_READ, r + 64, &rbus, xmem_global),
			DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)rbus, (u64)dmt_phys(r + 64));
	D_UNMAP_PAGE(real, &rbus);
	D_UNMAP_PAGE(h, &bus);
	KUNIT_EXPECT_EQ(test, map_count(test, h) + map_count(test, real), 0UL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(real, r, PAGE_SIZE), 0);
	d_map_clear(real);
	d_map_clear(h);
	map_mem_put(&mm);
}

/*
 * A 32-bit device and a page above 4 GiB: the DMA API bounces.  The bus
 * address is the bounce buffer's, under 4 GiB; what the "device" writes
 * there reaches the page when it is unmapped, and what the CPU wrote is
 * there for the device when it is mapped.
 */
static void map_page_bounce(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 32), DMA_ADDRESS_64_BIT);
	struct page *high = map_high_page(test);
	void *p = page_address(high);
	ulong bus;

	memset(p, 0x3c, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, 0, p + 256, &bus, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_LE(test, (u64)bus + PAGE_SIZE - 256 - 1, DMA_BIT_MASK(32));
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(phys_to_virt(bus), 0x3c, PAGE_SIZE - 256), NULL);
	D_UNMAP_PAGE(h, &bus);

	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, p + 256, &bus, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_NE(test, (u64)bus, (u64)page_to_phys(high) + 256);
	memset(phys_to_virt(bus), 0xa7, PAGE_SIZE - 256);	/* the device writes */
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0x3c, PAGE_SIZE), NULL);
	D_UNMAP_PAGE(h, &bus);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p + 256, 0xa7, PAGE_SIZE - 256), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0x3c, 256), NULL);
	__free_page(high);
	d_map_clear(h);
}

/*
 * While 64-byte block @a is mapped at @ba for the device to write, the
 * device writes it and the CPU writes its neighbour @b; after the unmap
 * each holds what was written to it.
 */
static void map_neighbour_survives(struct kunit *test, d_handle_t h, u8 *a,
				   u8 *b, ulong ba)
{
	memset(phys_to_virt(ba), 0xd1, 64);	/* the device writes the block */
	memset(b, 0x6b, 64);			/* the CPU writes the neighbour */
	D_UNMAP_PAGE(h, &ba);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(a, 0xd1, 64), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(b, 0x6b, 64), NULL);
}

/*
 * A pool block of a handle without a device, mapped through a bound
 * handle: through a bounce buffer, the mapping covers the block alone,
 * so the unmap's copy back leaves the neighbour on the page as the CPU
 * wrote it meanwhile.
 */
static void map_neighbour_bounced(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 32), DMA_ADDRESS_64_BIT);
	d_handle_t u = dmt_handle(test, DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT);
	u8 *a = d_alloc_dmamem(u, 64, 0), *b = d_alloc_dmamem(u, 64, 0);
	ulong ba;
	int ret;

	KUNIT_ASSERT_TRUE(test, a && b);
	KUNIT_ASSERT_EQ(test, PHYS_PFN(dmt_phys(a)), PHYS_PFN(dmt_phys(b)));
	KUNIT_ASSERT_GT(test, (u64)dmt_phys(a), DMA_BIT_MASK(32));
	memset(b, 0x5a, 64);
	ret = D_MAP_PAGE(h, DMA_READ, a, &ba, xmem_global);
	if (ret == DMA_NORES)
		kunit_skip(test, "no bounce buffer on this DMA path");
	KUNIT_ASSERT_EQ(test, ret, DMA_SUCC);
	KUNIT_ASSERT_NE(test, (u64)ba, (u64)dmt_phys(a));	/* bounced */
	map_neighbour_survives(test, h, a, b, ba);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(u, a, 64), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(u, b, 64), 0);
	d_map_clear(u);
	d_map_clear(h);
}

/*
 * Real heap memory, for a device that reaches RAM directly, is at its
 * physical address and never bounced, not even under swiotlb=force,
 * whose bounce pool a 28-bit device could not reach: a sync of the page
 * mapping moves nothing.
 */
static void map_real_direct(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 28), DMA_HEAP_REAL);
	struct dio bus;
	ulong ba;
	u8 *r;

	r = d_alloc_dmamem(h, PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_LE(test, (u64)dmt_phys(r) + PAGE_SIZE - 1, DMA_BIT_MASK(28));
	memset(r, 0x21, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, r + 64, &ba, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)ba, (u64)dmt_phys(r + 64));
	/* the device writes where the CPU reads, as there is no bounce */
	memset(r + 64, 0x42, 64);
	DIO_INIT(&bus, 1);
	bus.dvec[0].iov_base = (caddr_t)ba;
	bus.dvec[0].iov_len = 64;
	bus.dvec[0].xmp = xmem_global;
	bus.used_iovecs = 1;
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_SUCC);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(r + 64, 0x42, 64), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(r, 0x21, 64), NULL);
	D_UNMAP_PAGE(h, &ba);
	DIO_FREE(&bus);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, r, PAGE_SIZE), 0);
	d_map_clear(h);
}

static void map_set(struct d_iovec *v, void *base, long len)
{
	v->iov_base = base;
	v->iov_len = len;
	v->xmp = xmem_global;
}

/*
 * A long-lived page mapping, such as a status ring, has coherency points
 * too: d_sync_mem() takes a list naming page mappings by the bus
 * addresses d_map_page() gave.  Through a bounce buffer, what the device
 * wrote reaches the CPU at the sync, and nothing past the mapping moves.
 */
static void map_page_synced(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 32), DMA_ADDRESS_64_BIT);
	struct page *high = map_high_page(test);
	void *p = page_address(high);
	struct dio bus;
	ulong ba;

	memset(p, 0x11, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, p + 128, &ba, xmem_global),
			DMA_SUCC);
	KUNIT_ASSERT_NE(test, (u64)ba, (u64)page_to_phys(high) + 128);	/* bounced */
	DIO_INIT(&bus, 1);
	map_set(&bus.dvec[0], (caddr_t)ba, 64);
	bus.used_iovecs = 1;
	memset(phys_to_virt(ba), 0x33, 64);	/* the device writes a status */
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_SUCC);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p + 128, 0x33, 64), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0x11, 128), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p + 192, 0x11, PAGE_SIZE - 192), NULL);
	memset(phys_to_virt(ba), 0x44, 64);	/* and another */
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_SUCC);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p + 128, 0x44, 64), NULL);
	D_UNMAP_PAGE(h, &ba);
	/* a list naming a bus address with no live mapping syncs nothing */
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_FAIL);
	DIO_FREE(&bus);
	__free_page(high);
	d_map_clear(h);
}

/*
 * A DMA_CONTIGUOUS buffer maps as one bus range, longer than the device's
 * segment size (64 KiB when it sets none): the handle says the adapter
 * takes each buffer whole.
 */
static void map_contig_one_range(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h = dmt_bound_handle(test, dev, DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT);
	struct dio virt, bus;
	void *p;

	KUNIT_ASSERT_LT(test, dma_get_max_seg_size(dev), (unsigned int)SZ_1M);
	p = d_alloc_dmamem(h, SZ_1M, PAGE_SHIFT);
	KUNIT_ASSERT_NOT_NULL(test, p);
	DIO_INIT(&virt, 1);
	DIO_INIT(&bus, 1);
	map_set(&virt.dvec[0], p, SZ_1M);
	virt.used_iovecs = 1;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, DMA_READ, 1, &virt, &bus), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, bus.used_iovecs, 1L);
	KUNIT_EXPECT_EQ(test, bus.dvec[0].iov_len, (long)SZ_1M);
	KUNIT_EXPECT_EQ(test, (u64)(unsigned long)bus.dvec[0].iov_base, (u64)dmt_phys(p));
	D_UNMAP_LIST(h, &bus);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, SZ_1M), 0);
	d_map_clear(h);
}

/*
 * Memory d_alloc_dmamem() hands a bound handle is DMA-able as allocated:
 * mapped, it is at the bus address the DMA API gave it, never bounced
 * (swiotlb=force shows the difference), and an unmap after the device
 * wrote one pool block leaves its neighbour on the page as the CPU left
 * it.
 */
static void map_own_memory(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h = dmt_bound_handle(test, dev, DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT);
	d_handle_t hc = dmt_bound_handle(test, dev, DMA_HEAP_PINNED | DMA_CONTIGUOUS |
					 DMA_ADDRESS_64_BIT);
	static const size_t sizes[] = { 64, 1000, PAGE_SIZE, 3 * PAGE_SIZE };
	unsigned int i;
	u8 *a, *b, *p;
	ulong ba;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = d_alloc_dmamem(hc, sizes[i], 0);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_ASSERT_EQ(test, D_MAP_PAGE(hc, DMA_READ, p + 8, &ba, xmem_global),
				DMA_SUCC);
		KUNIT_EXPECT_EQ_MSG(test, (u64)ba, (u64)dmt_phys(p + 8),
				    "size %zu: bounced or mapped anew", sizes[i]);
		D_UNMAP_PAGE(hc, &ba);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(hc, p, sizes[i]), 0);
	}

	a = d_alloc_dmamem(h, 64, 0);
	b = d_alloc_dmamem(h, 64, 0);
	KUNIT_ASSERT_TRUE(test, a && b);
	KUNIT_ASSERT_EQ(test, PHYS_PFN(dmt_phys(a)), PHYS_PFN(dmt_phys(b)));
	memset(b, 0x5a, 64);
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, a, &ba, xmem_global), DMA_SUCC);
	map_neighbour_survives(test, h, a, b, ba);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, a, 64), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, b, 64), 0);
	d_map_clear(hc);
	d_map_clear(h);
}

/* Buffers spread over a gap; neighbours on the bus merge across entries. */
static void map_list_fill(struct map_mem *mm, struct dio *virt)
{
	map_set(&virt->dvec[0], mm->vmapped + 100, 3 * PAGE_SIZE - 100);	/* 0,1 | 3 */
	map_set(&virt->dvec[1], mm->va[4], PAGE_SIZE);	/* follows page 3 */
	map_set(&virt->dvec[2], mm->va[6], 100);	/* after a gap */
	virt->used_iovecs = 3;
}

static void map_list_coalesce(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t b4k = dmt_handle(test, DMA_ADDRESS_64_BIT | DMA_BOUNDARY(12));
	struct dio virt, bus;
	struct map_mem mm;

	map_mem_get(test, &mm);
	DIO_INIT(&virt, 3);
	DIO_INIT(&bus, 8);
	KUNIT_ASSERT_EQ(test, bus.total_iovecs, 8L);
	map_list_fill(&mm, &virt);
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, bus.bytes_done, (long)(4 * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, virt.bytes_done, (long)(4 * PAGE_SIZE));
	KUNIT_ASSERT_EQ(test, bus.used_iovecs, 3L);
	KUNIT_EXPECT_EQ(test, bus.dvec[0].iov_len, (long)(2 * PAGE_SIZE - 100));
	KUNIT_EXPECT_EQ(test, bus.dvec[1].iov_len, (long)(2 * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, bus.dvec[2].iov_len, 100L);
	dmt_check_bus_list(test, &virt, &bus, LONG_MAX, 0);
	D_UNMAP_LIST(h, &bus);

	/* a 4 KiB boundary: no range crosses a page */
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(b4k, 0, 1, &virt, &bus), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, bus.used_iovecs, 5L);
	dmt_check_bus_list(test, &virt, &bus, LONG_MAX, SZ_4K);
	D_UNMAP_LIST(b4k, &bus);
	KUNIT_EXPECT_EQ(test, map_count(test, h) + map_count(test, b4k), 0UL);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	d_map_clear(b4k);
	d_map_clear(h);
	map_mem_put(&mm);
}

/* Through a directly mapped device: its 64 KiB segment limit holds. */
static void map_list_device(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	struct dio virt, bus;
	struct map_mem mm;
	struct page *big;
	d_handle_t h;

	if (is_swiotlb_force_bounce(dev))
		kunit_skip(test, "every streaming mapping is bounced (swiotlb=force)");
	h = dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	big = alloc_pages(GFP_KERNEL, 5);	/* 128 KiB */
	KUNIT_ASSERT_NOT_NULL(test, big);
	map_mem_get(test, &mm);
	DIO_INIT(&virt, 4);
	DIO_INIT(&bus, 8);
	map_list_fill(&mm, &virt);
	map_set(&virt.dvec[3], page_address(big) + 8, 100 * 1024);
	virt.used_iovecs = 4;
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, DMA_READ, 1, &virt, &bus), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, bus.used_iovecs, 5L);
	KUNIT_EXPECT_EQ(test, bus.dvec[3].iov_len, (long)SZ_64K);
	dmt_check_bus_list(test, &virt, &bus, SZ_64K, 0);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_SUCC);
	D_UNMAP_LIST(h, &bus);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	d_map_clear(h);
	map_mem_put(&mm);
	__free_pages(big, 5);
}

/*
 * A list mapped through a bounce buffer (a 32-bit device, pages above
 * 4 GiB), as one scatterlist: each buffer has its own bounce range; what
 * the device wrote there reaches the buffers at d_sync_mem(), and nothing
 * around them moves.
 */
static void map_list_bounced(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 32), DMA_ADDRESS_64_BIT);
	struct page *hp[2] = { map_high_page(test), map_high_page(test) };
	u8 *p0 = page_address(hp[0]), *p1 = page_address(hp[1]);
	struct dio virt, bus;
	int ret;

	memset(p0, 0x11, PAGE_SIZE);
	memset(p1, 0x22, PAGE_SIZE);
	DIO_INIT(&virt, 2);
	DIO_INIT(&bus, 2);
	map_set(&virt.dvec[0], p0 + 100, 200);
	map_set(&virt.dvec[1], p1, 300);
	virt.used_iovecs = 2;
	ret = D_MAP_LIST(h, DMA_READ, 1, &virt, &bus);
	if (ret == DMA_NORES)
		kunit_skip(test, "no bounce buffer on this DMA path");
	KUNIT_ASSERT_EQ(test, ret, DMA_SUCC);
	KUNIT_ASSERT_EQ(test, bus.used_iovecs, 2L);
	KUNIT_EXPECT_EQ(test, bus.dvec[0].iov_len, 200L);
	KUNIT_EXPECT_EQ(test, bus.dvec[1].iov_len, 300L);
	KUNIT_ASSERT_NE(test, (u64)(ulong)bus.dvec[0].iov_base, (u64)dmt_phys(p0 + 100));
	KUNIT_ASSERT_NE(test, (u64)(ulong)bus.dvec[1].iov_base, (u64)dmt_phys(p1));
	/* the device writes both */
	memset(phys_to_virt((ulong)bus.dvec[0].iov_base), 0xa1, 200);
	memset(phys_to_virt((ulong)bus.dvec[1].iov_base), 0xb2, 300);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_SUCC);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p0 + 100, 0xa1, 200), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p1, 0xb2, 300), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p0, 0x11, 100), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p0 + 300, 0x11, PAGE_SIZE - 300), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p1 + 300, 0x22, PAGE_SIZE - 300), NULL);
	D_UNMAP_LIST(h, &bus);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	__free_page(hp[0]);
	__free_page(hp[1]);
	d_map_clear(h);
}

/*
 * Through a device, the bus list runs out: the pieces it names stay
 * mapped, each alone, and the rest is given back; the device's DMA
 * debugging then finds nothing left at unmap.
 */
static void map_list_diofull_device(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h = dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	struct dio virt, bus;
	struct map_mem mm;
	unsigned int i;

	map_mem_get(test, &mm);
	DIO_INIT(&virt, 3);
	DIO_INIT(&bus, 2);
	/*
	 * Three buffers never contiguous on the bus, bounced or not: pages
	 * 0, 2 and 4 of the block, each but its first and last 8 bytes.
	 */
	for (i = 0; i < 3; i++)
		map_set(&virt.dvec[i], mm.va[2 * i] + 8, PAGE_SIZE - 16);
	virt.used_iovecs = 3;
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, DMA_READ, 16, &virt, &bus), DMA_DIOFULL);
	KUNIT_EXPECT_EQ(test, bus.used_iovecs, 2L);
	KUNIT_EXPECT_EQ(test, bus.bytes_done, 2L * (PAGE_SIZE - 16));
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 2L);
	if (!is_swiotlb_force_bounce(dev))
		dmt_check_bus_list(test, &virt, &bus, SIZE_MAX, 0);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_SUCC);
	D_UNMAP_LIST(h, &bus);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	d_map_clear(h);
	map_mem_put(&mm);
}

/* The bus list runs out: a whole multiple of minxfer stays mapped. */
static void map_list_diofull(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	struct dio virt, bus;
	struct map_mem mm;

	map_mem_get(test, &mm);
	DIO_INIT(&virt, 3);
	DIO_INIT(&bus, 2);
	map_set(&virt.dvec[0], mm.va[0], 3000);
	map_set(&virt.dvec[1], mm.va[2], 3000);
	map_set(&virt.dvec[2], mm.va[4], 3000);
	virt.used_iovecs = 3;
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, 0, 512, &virt, &bus), DMA_DIOFULL);
	KUNIT_EXPECT_EQ(test, bus.bytes_done, 5632L);
	KUNIT_EXPECT_EQ(test, virt.bytes_done, 5632L);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 1L);
	KUNIT_ASSERT_EQ(test, bus.used_iovecs, 2L);
	KUNIT_EXPECT_EQ(test, bus.dvec[0].iov_len, 3000L);
	KUNIT_EXPECT_EQ(test, bus.dvec[1].iov_len, 2632L);
	dmt_check_bus_list(test, &virt, &bus, LONG_MAX, 0);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 1UL);
	D_UNMAP_LIST(h, &bus);

	/* rounding drops a whole entry: it is unmapped, and resid_iov says 0 */
	virt.dvec[1].iov_len = 100;
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, 0, 2048, &virt, &bus), DMA_DIOFULL);
	KUNIT_EXPECT_EQ(test, bus.bytes_done, 2048L);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 0L);
	KUNIT_ASSERT_EQ(test, bus.used_iovecs, 1L);
	KUNIT_EXPECT_EQ(test, bus.dvec[0].iov_len, 2048L);
	D_UNMAP_LIST(h, &bus);

	/* no room at all */
	bus.total_iovecs = 0;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_DIOFULL);
	KUNIT_EXPECT_EQ(test, bus.bytes_done, 0L);
	KUNIT_EXPECT_EQ(test, bus.used_iovecs, 0L);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 0L);
	D_UNMAP_LIST(h, &bus);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	bus.total_iovecs = 2;
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	d_map_clear(h);
	map_mem_put(&mm);
}

/* An entry that cannot be mapped: nothing stays mapped, resid_iov names it. */
static void map_list_noacc(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t hc = dmt_handle(test, DMA_ADDRESS_64_BIT | DMA_CONTIGUOUS);
	struct xmem mine = { .aspace_id = XMEM_GLOBAL };
	struct xmem user = { .aspace_id = XMEM_PROC };
	struct dio virt, bus;
	struct map_mem mm;

	map_mem_get(test, &mm);
	DIO_INIT(&virt, 2);
	DIO_INIT(&bus, 4);
	map_set(&virt.dvec[0], mm.va[0], 100);
	map_set(&virt.dvec[1], (caddr_t)0x1000, 100);
	virt.used_iovecs = 2;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 1L);
	/* IBM: the bytes of the entries before the one that faulted */
	KUNIT_EXPECT_EQ(test, virt.bytes_done, 100L);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);

	map_set(&virt.dvec[1], mm.va[1], 100);
	virt.dvec[1].xmp = &user;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 1L);
	virt.dvec[0].xmp = NULL;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 0L);
	KUNIT_EXPECT_EQ(test, virt.bytes_done, 0L);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	/* a descriptor of the driver's own, for global memory, will do */
	virt.dvec[0].xmp = &mine;
	virt.dvec[1].xmp = &mine;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_SUCC);
	D_UNMAP_LIST(h, &bus);

	/* DMA_CONTIGUOUS: a buffer spread over a gap is refused */
	map_set(&virt.dvec[0], mm.vmapped, 3 * PAGE_SIZE);
	virt.used_iovecs = 1;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(hc, 0, 1, &virt, &bus), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 0L);
	KUNIT_EXPECT_EQ(test, map_count(test, hc), 0UL);
	virt.dvec[0].iov_len = 2 * PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(hc, 0, 1, &virt, &bus), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, bus.used_iovecs, 1L);
	D_UNMAP_LIST(hc, &bus);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	d_map_clear(hc);
	d_map_clear(h);
	map_mem_put(&mm);
}

/*
 * I/O memory is refused, never mapped, and no struct page is made up for
 * it: qemu's edu device's BAR, ioremap()ed, and a vmap()ped page beside
 * it, which must still map.  On a kernel whose memory map is classic
 * SPARSEMEM (the 6.1 test kernel) a made-up struct page for the BAR's
 * page frame points into nothing.
 */
static void map_io_memory(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t hd = dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	struct pci_dev *pdev;
	struct dio virt, bus;
	void __iomem *bar;
	struct map_mem mm;
	caddr_t io;
	ulong ba;

	pdev = pci_get_device(0x1234, 0x11e8, NULL);	/* qemu edu */
	if (!pdev) {
		d_map_clear(h);
		d_map_clear(hd);
		kunit_skip(test, "no edu device");
	}
	bar = ioremap(pci_resource_start(pdev, 0), PAGE_SIZE);
	pci_dev_put(pdev);
	io = (__force caddr_t)bar;
	KUNIT_ASSERT_NOT_NULL(test, io);
	map_mem_get(test, &mm);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(io));
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, io, &ba, xmem_global), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(hd, DMA_READ, io + 8, &ba, xmem_global),
			DMA_NOACC);
	DIO_INIT(&virt, 2);
	DIO_INIT(&bus, 2);
	map_set(&virt.dvec[0], mm.vmapped, 64);
	map_set(&virt.dvec[1], io, 64);
	virt.used_iovecs = 2;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(hd, 0, 1, &virt, &bus), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 1L);
	KUNIT_EXPECT_EQ(test, map_count(test, h) + map_count(test, hd), 0UL);
	/* RAM in vmalloc space still maps, at its physical address */
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, mm.vmapped, &ba, xmem_global),
			DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)ba, (u64)page_to_phys(mm.block));
	D_UNMAP_PAGE(h, &ba);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	iounmap(bar);
	map_mem_put(&mm);
	d_map_clear(hd);
	d_map_clear(h);
}

/*
 * d_sync_mem() takes the direction of the original mapping: device to
 * memory refreshes the CPU's view, memory to device the device's.
 */
static void map_sync_direction(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 32), DMA_ADDRESS_64_BIT);
	struct page *in = map_high_page(test), *out = map_high_page(test);
	struct dio vin, vout, bin, bout;

	DIO_INIT(&vin, 1);
	DIO_INIT(&vout, 1);
	DIO_INIT(&bin, 1);
	DIO_INIT(&bout, 1);
	map_set(&vin.dvec[0], page_address(in), 2048);
	map_set(&vout.dvec[0], page_address(out), 2048);
	vin.used_iovecs = 1;
	vout.used_iovecs = 1;
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, DMA_READ, 1, &vin, &bin), DMA_SUCC);
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, 0, 1, &vout, &bout), DMA_SUCC);

	/* the device wrote: the CPU sees it after the sync, not before */
	memset(phys_to_virt((unsigned long)bin.dvec[0].iov_base), 0x77, 2048);
	KUNIT_EXPECT_PTR_NE(test, memchr_inv(page_address(in), 0x77, 2048), NULL);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bin), DMA_SUCC);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(page_address(in), 0x77, 2048), NULL);

	/* the CPU wrote: the device sees it after the sync, not before */
	memset(page_address(out), 0x33, 2048);
	KUNIT_EXPECT_PTR_NE(test, memchr_inv(phys_to_virt((unsigned long)bout.dvec[0].iov_base),
					     0x33, 2048), NULL);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bout), DMA_SUCC);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(phys_to_virt((unsigned long)bout.dvec[0].iov_base),
					     0x33, 2048), NULL);

	D_UNMAP_LIST(h, &bin);
	D_UNMAP_LIST(h, &bout);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bin), DMA_FAIL);
	DIO_FREE(&vin);
	DIO_FREE(&vout);
	DIO_FREE(&bin);
	DIO_FREE(&bout);
	__free_page(in);
	__free_page(out);
	d_map_clear(h);
}

/* Every service works with interrupts off, as AIX allows. */
static void map_atomic(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 32), DMA_ADDRESS_64_BIT);
	struct page *high = map_high_page(test);
	struct dio virt, bus;
	unsigned long flags;
	int page_ret, list_ret, sync_ret;
	ulong ba;

	DIO_INIT(&virt, 1);
	DIO_INIT(&bus, 1);
	map_set(&virt.dvec[0], page_address(high) + 2048, 1024);
	virt.used_iovecs = 1;
	local_irq_save(flags);
	page_ret = D_MAP_PAGE(h, 0, page_address(high), &ba, xmem_global);
	list_ret = D_MAP_LIST(h, DMA_READ, 1, &virt, &bus);
	sync_ret = D_SYNC_MEM(h, &bus);
	D_UNMAP_LIST(h, &bus);
	if (!page_ret)
		D_UNMAP_PAGE(h, &ba);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, page_ret, DMA_SUCC);
	KUNIT_EXPECT_EQ(test, list_ret, DMA_SUCC);
	KUNIT_EXPECT_EQ(test, sync_ret, DMA_SUCC);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	__free_page(high);
	d_map_clear(h);
}

/* d_map_clear() unmaps what is still mapped, bounce copy-back included. */
static void map_clear_unmaps(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 32), DMA_ADDRESS_64_BIT);
	struct page *high = map_high_page(test);
	struct dio virt, bus;
	ulong ba;

	DIO_INIT(&virt, 1);
	DIO_INIT(&bus, 1);
	map_set(&virt.dvec[0], page_address(high) + 2048, 2048);
	virt.used_iovecs = 1;
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, page_address(high), &ba, xmem_global),
			DMA_SUCC);
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 2UL);
	memset(phys_to_virt(ba), 0x42, 2048);	/* the device writes */
	d_map_clear(h);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(page_address(high), 0x42, 2048), NULL);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	__free_page(high);
}

/* Misuse gets DMA_FAIL (or is ignored, for the unmaps) and changes nothing. */
static void map_misuse(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	struct dio virt, bus, other;
	struct kmsg_dump_iter mark;
	struct d_iovec saved[2];
	struct map_mem mm;
	ulong ba = 0, unknown;

	map_mem_get(test, &mm);
	DIO_INIT(&virt, 3);
	DIO_INIT(&bus, 2);
	DIO_INIT(&other, 2);
	map_list_fill(&mm, &virt);
	virt.used_iovecs = 2;
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_SUCC);
	memcpy(saved, bus.dvec, sizeof(saved));

	KUNIT_EXPECT_EQ(test, d_map_page(NULL, 0, mm.va[0], &ba, xmem_global), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_map_page((d_handle_t)DMA_FAIL, 0, mm.va[0], &ba,
					 xmem_global), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0x1, mm.va[0], &ba, xmem_global), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, mm.va[0], NULL, xmem_global), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, mm.va[0], &ba, NULL), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, NULL, &ba, xmem_global), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 0, &virt, &other), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, -4, &virt, &other), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0x8, 1, &virt, &other), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &virt), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, NULL, &other), DMA_FAIL);
	virt.used_iovecs = 4;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &other), DMA_FAIL);
	virt.used_iovecs = 2;
	virt.dvec[1].iov_len = -1;
	KUNIT_EXPECT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &other), DMA_FAIL);
	virt.dvec[1].iov_len = PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, memcmp(saved, bus.dvec, sizeof(saved)), 0);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 1UL);
	/* the bus address itself where a pointer to it belongs: no oops */
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, 0, mm.va[5], &ba, xmem_global), DMA_SUCC);
	dmt_log_mark(test, &mark);
	d_unmap_page(h, (ulong *)ba);
	KUNIT_EXPECT_TRUE(test, dmt_log_has(&mark, "not a pointer to a bus address"));
	KUNIT_EXPECT_EQ(test, map_count(test, h), 2UL);
	KUNIT_EXPECT_EQ(test, d_map_page(h, 0, mm.va[6], (ulong *)ba, xmem_global),
			DMA_FAIL);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 2UL);
	D_UNMAP_PAGE(h, &ba);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 1UL);
	/* unknown unmaps are ignored, unknown syncs fail */
	unknown = (ulong)dmt_phys(mm.va[7]);
	D_UNMAP_PAGE(h, &unknown);
	d_unmap_page(h, NULL);
	D_UNMAP_LIST(h, &other);
	d_unmap_list(h, NULL);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &other), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_sync_mem(NULL, &bus), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_map_list(NULL, 0, 1, &virt, &other), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 1UL);
	dmt_check_bus_list(test, &virt, &bus, LONG_MAX, 0);
	D_UNMAP_LIST(h, &bus);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	/* and once unmapped, the list is unknown */
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_FAIL);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	DIO_FREE(&other);
	d_map_clear(h);
	map_mem_put(&mm);
}

/*
 * One bus dio passed to every outstanding command, as AIX SCSI drivers
 * do: each mapping is found again by the entries it wrote, put back in
 * the dio or in a copy of it, not by the dio's address.
 */
static void map_list_reused_dio_on(struct kunit *test, d_handle_t h)
{
	struct d_iovec first[2], second[2];
	struct dio virt, bus, copy;
	struct map_mem mm;
	long n1, n2;

	map_mem_get(test, &mm);
	DIO_INIT(&virt, 3);
	DIO_INIT(&bus, 2);
	map_list_fill(&mm, &virt);
	virt.used_iovecs = 1;
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, 0, 1, &virt, &bus), DMA_SUCC);
	n1 = bus.used_iovecs;
	memcpy(first, bus.dvec, n1 * sizeof(first[0]));
	/* the next command, into the same dio, while the first is mapped */
	virt.dvec[0] = virt.dvec[1];
	KUNIT_ASSERT_EQ(test, D_MAP_LIST(h, DMA_READ, 1, &virt, &bus), DMA_SUCC);
	n2 = bus.used_iovecs;
	memcpy(second, bus.dvec, n2 * sizeof(second[0]));
	KUNIT_EXPECT_EQ(test, map_count(test, h), 2UL);
	KUNIT_EXPECT_NE(test, (unsigned long)first[0].iov_base,
			(unsigned long)second[0].iov_base);

	/* the first completes: its entries back in the dio */
	memcpy(bus.dvec, first, n1 * sizeof(first[0]));
	bus.used_iovecs = n1;
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_SUCC);
	D_UNMAP_LIST(h, &bus);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 1UL);
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &bus), DMA_FAIL);
	/* the second, through a copy of the dio holding its entries */
	copy = bus;
	copy.dvec = second;
	copy.used_iovecs = n2;
	KUNIT_EXPECT_EQ(test, D_SYNC_MEM(h, &copy), DMA_SUCC);
	D_UNMAP_LIST(h, &copy);
	KUNIT_EXPECT_EQ(test, map_count(test, h), 0UL);
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	map_mem_put(&mm);
}

static void map_list_reused_dio(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);

	map_list_reused_dio_on(test, h);
	d_map_clear(h);
	h = dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	map_list_reused_dio_on(test, h);
	d_map_clear(h);
}

/* dmamem_alloc_info() says where memory lies, for reports. */
static void map_alloc_info(struct kunit *test)
{
	d_handle_t real, pinned;
	struct dmamem_alloc_info info;
	void *r, *p, *small;

	map_real_range(test);
	real = dmt_handle(test, DMA_HEAP_REAL);
	pinned = dmt_handle(test, DMA_HEAP_PINNED);
	r = d_alloc_dmamem(real, 3 * PAGE_SIZE, 12);
	p = d_alloc_dmamem(pinned, 3 * PAGE_SIZE + 1, 0);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, dmamem_alloc_info(real, r, &info), 0);
	KUNIT_EXPECT_EQ(test, info.heap, DMAMEM_HEAP_REAL);
	KUNIT_EXPECT_EQ(test, (u64)info.phys, (u64)dmt_phys(r));
	KUNIT_EXPECT_EQ(test, info.size, (size_t)(3 * PAGE_SIZE));
	KUNIT_EXPECT_TRUE(test, info.contiguous);
	KUNIT_ASSERT_EQ(test, dmamem_alloc_info(pinned, p, &info), 0);
	KUNIT_EXPECT_EQ(test, info.heap, DMAMEM_HEAP_PINNED);
	KUNIT_EXPECT_EQ(test, (u64)info.phys, (u64)dmt_phys(p));
	KUNIT_EXPECT_EQ(test, info.size, (size_t)(3 * PAGE_SIZE + 1));
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(real, p, &info), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(real, r + 8, &info), -EINVAL);
	/* a block of a sub-page pool */
	small = d_alloc_dmamem(pinned, 100, 3);
	KUNIT_ASSERT_NOT_NULL(test, small);
	KUNIT_ASSERT_EQ(test, dmamem_alloc_info(pinned, small, &info), 0);
	KUNIT_EXPECT_EQ(test, (u64)info.phys, (u64)dmt_phys(small));
	KUNIT_EXPECT_EQ(test, info.size, (size_t)100);
	KUNIT_EXPECT_EQ(test, info.heap, DMAMEM_HEAP_PINNED);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(real, small, &info), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(pinned, small + 8, &info), -EINVAL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(pinned, small, 100), 0);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(pinned, small, &info), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(real, r, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(NULL, r, &info), -EINVAL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(real, r, 3 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(pinned, p, 3 * PAGE_SIZE + 1), 0);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(real, r, &info), -EINVAL);
	d_map_clear(real);
	d_map_clear(pinned);
}

static struct kunit_case map_cases[] = {
	KUNIT_CASE(map_dispatch),
	KUNIT_CASE(map_page_no_device),
	KUNIT_CASE(map_page_ceiling),
	KUNIT_CASE(map_page_device_direct),
	KUNIT_CASE(map_page_bounce),
	KUNIT_CASE(map_neighbour_bounced),
	KUNIT_CASE(map_real_direct),
	KUNIT_CASE(map_list_coalesce),
	KUNIT_CASE(map_list_device),
	KUNIT_CASE(map_list_diofull),
	KUNIT_CASE(map_list_bounced),
	KUNIT_CASE(map_list_diofull_device),
	KUNIT_CASE(map_list_noacc),
	KUNIT_CASE(map_list_reused_dio),
	KUNIT_CASE(map_page_synced),
	KUNIT_CASE(map_contig_one_range),
	KUNIT_CASE(map_own_memory),
	KUNIT_CASE(map_io_memory),
	KUNIT_CASE(map_sync_direction),
	KUNIT_CASE(map_atomic),
	KUNIT_CASE(map_clear_unmaps),
	KUNIT_CASE(map_misuse),
	KUNIT_CASE(map_alloc_info),
	{}
};

static struct kunit_suite map_suite = {
	.name = "dmamem_map",
	.test_cases = map_cases,
};

kunit_test_suites(&map_suite);
