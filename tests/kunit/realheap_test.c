// SPDX-License-Identifier: GPL-2.0
/*
 * The real heap, in the VM whose kernel command line reserves
 * memmap=4M$0xC00000 (below 16 MiB), memmap=64M$0x18000000 and
 * memmap=1M$0x1D000000; dmamem is loaded with the first two in real_heap=.
 * Ranges are refused for each documented reason, the spare one is added
 * last; every allocation is checked by its physical address.  qemu's edu
 * device stands for a PCI BAR the real heap must never take.
 *
 * With realheap_unlisted=SIZE@BASE, naming RAM the kernel was kept from
 * with mem=, the last case adds it with DMAMEM_REAL_UNLISTED; without it,
 * that case is skipped.
 */
#include <linux/dma-mapping.h>
#include <linux/ioport.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <sys/dma.h>
#include "dmtest.h"
#include "../../dmamem/realheap.h"

#define LOW_BASE	0xC00000ULL
#define LOW_SIZE	SZ_4M
#define HIGH_BASE	0x18000000ULL
#define HIGH_SIZE	SZ_64M
#define SPARE_BASE	0x1D000000ULL
#define SPARE_SIZE	SZ_1M

/* qemu's edu device */
#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8

static char *realheap_unlisted;
module_param(realheap_unlisted, charp, 0444);
MODULE_PARM_DESC(realheap_unlisted,
		 "SIZE@BASE of RAM above mem=, for the realheap suite to add as unlisted");

static void real_snapshot(struct kunit *test, struct dmamem_heap_info *info)
{
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, info), 0);
}

static bool real_within(phys_addr_t p, size_t size, u64 base, u64 len)
{
	return p >= base && p + size <= base + len;
}

/*
 * Runs first.  dmamem was loaded with
 * real_heap=64M@0x18000000,1M@0x18000001,4M@0xC00000: the two good ranges
 * are dmamem's (the unaligned one between them did not stop the rest);
 * every other kind of range is refused for its reason.
 */
static void real_ranges(struct kunit *test)
{
	struct resource *mine;

	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(HIGH_BASE, HIGH_SIZE), -EBUSY);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(LOW_BASE, LOW_SIZE), -EBUSY);
	/* dmamem's claim keeps other drivers out */
	mine = request_mem_region(HIGH_BASE, PAGE_SIZE, "dmamem_test");
	KUNIT_EXPECT_NULL(test, mine);
	if (mine)
		release_mem_region(HIGH_BASE, PAGE_SIZE);
	mine = request_mem_region(LOW_BASE + LOW_SIZE - PAGE_SIZE, PAGE_SIZE,
				  "dmamem_test");
	KUNIT_EXPECT_NULL(test, mine);
	if (mine)
		release_mem_region(LOW_BASE + LOW_SIZE - PAGE_SIZE, PAGE_SIZE);

	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SPARE_BASE + 1, SPARE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SPARE_BASE, SPARE_SIZE - 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SPARE_BASE, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SZ_1G, SZ_4M), -EBUSY);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SPARE_BASE - SZ_1M, SZ_2M), -EBUSY);
	mine = request_mem_region(SPARE_BASE + SZ_512K, PAGE_SIZE, "dmamem_test");
	KUNIT_ASSERT_NOT_NULL(test, mine);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SPARE_BASE, SPARE_SIZE), -EBUSY);
	release_mem_region(SPARE_BASE + SZ_512K, PAGE_SIZE);
	/* nothing of the spare range was kept by the refusals */
	mine = request_mem_region(SPARE_BASE, SPARE_SIZE, "dmamem_test");
	KUNIT_EXPECT_NOT_NULL(test, mine);
	if (mine)
		release_mem_region(SPARE_BASE, SPARE_SIZE);
}

/* Nothing of [base, base + size) is held: another driver can claim it all. */
static void real_expect_free(struct kunit *test, u64 base, u64 size)
{
	struct resource *mine = request_mem_region(base, size, "dmamem_test");

	KUNIT_EXPECT_NOT_NULL_MSG(test, mine, "[mem %#llx-%#llx] was kept",
				  base, base + size - 1);
	if (mine)
		release_mem_region(base, size);
}

/*
 * A device's range is refused however it is asked for: a PCI BAR (the
 * edu device's BAR 0, which no driver has claimed yet), a page in it,
 * with or without DMAMEM_REAL_UNLISTED; and a device's range that lies
 * inside a reserved range.
 */
static struct resource real_dev = DEFINE_RES_MEM_NAMED(SPARE_BASE + SZ_256K, SZ_64K,
						       "dmamem_test device");

static void real_devices(struct kunit *test)
{
	struct resource *dev = &real_dev;
	struct pci_dev *edu;
	u64 bar, len;

	KUNIT_ASSERT_EQ(test, insert_resource(&iomem_resource, dev), 0);
	KUNIT_EXPECT_TRUE(test, dev->parent && dev->parent->desc == IORES_DESC_RESERVED);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(dev->start, resource_size(dev)), -EBUSY);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(dev->start + PAGE_SIZE, PAGE_SIZE), -EBUSY);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add_flags(dev->start, resource_size(dev),
							 DMAMEM_REAL_UNLISTED), -EBUSY);
	/* around it: a reserved range holding a device's range is not free */
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SPARE_BASE, SPARE_SIZE), -EBUSY);
	KUNIT_EXPECT_EQ(test, remove_resource(dev), 0);
	real_expect_free(test, SPARE_BASE, SPARE_SIZE);

	edu = pci_get_device(EDU_VENDOR, EDU_DEVICE, NULL);
	if (!edu)
		kunit_skip(test, "no edu PCI device (qemu -device edu)");
	bar = pci_resource_start(edu, 0);
	len = pci_resource_len(edu, 0);
	pci_dev_put(edu);
	KUNIT_ASSERT_NE(test, len, 0ULL);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(bar, len), -EBUSY);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(bar + PAGE_SIZE, PAGE_SIZE), -EBUSY);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add_flags(bar, len, DMAMEM_REAL_UNLISTED),
			-EBUSY);
	real_expect_free(test, bar, len);
}

/*
 * A range nothing in /proc/iomem describes (an address hole) is refused
 * unless DMAMEM_REAL_UNLISTED says to take it; the hole may not be memory,
 * so it is never added here.  Unknown flags and ranges beyond the
 * physical address space are refused too.
 */
static void real_unlisted_refused(struct kunit *test)
{
	u64 hole;

	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add_flags(SPARE_BASE, SPARE_SIZE, 0x80),
			-EINVAL);
	if (iomem_resource.end < U64_MAX - PAGE_SIZE)
		KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(iomem_resource.end + 1, PAGE_SIZE),
				-EINVAL);

	for (hole = SZ_4G; hole + SZ_2M - 1 <= iomem_resource.end; hole += SZ_1G)
		if (region_intersects(hole, SZ_2M, 0, IORES_DESC_NONE) == REGION_DISJOINT)
			break;
	if (hole + SZ_2M - 1 > iomem_resource.end)
		kunit_skip(test, "no address hole above 4 GiB");
	kunit_info(test, "address hole at %#llx\n", hole);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(hole, SZ_2M), -ENXIO);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add_flags(hole, SZ_2M, 0), -ENXIO);
	KUNIT_EXPECT_EQ(test, region_intersects(hole, SZ_2M, 0, IORES_DESC_NONE),
			REGION_DISJOINT);
}

/*
 * The page frame limit of a request, as the real heap computes it, for
 * 32-bit page frame numbers (x86 with PAE) as well as this kernel's: a
 * 64-bit mask must not wrap to 0, which would exclude every range.
 */
static void real_pfn_limit(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, U64_MAX, 12), U32_MAX);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, DMA_BIT_MASK(48), 12), U32_MAX);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, DMA_BIT_MASK(44), 12), U32_MAX);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, DMA_BIT_MASK(43), 12), 1U << 31);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, DMA_BIT_MASK(36), 12), 1U << 24);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, DMA_BIT_MASK(32), 12), 1U << 20);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, DMA_BIT_MASK(24), 12), 1U << 12);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u32, DMA_BIT_MASK(24), 16), 1U << 8);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(u64, U64_MAX, 12), 1ULL << 52);
	KUNIT_EXPECT_EQ(test, DM_PFN_LIMIT(unsigned long, DMA_BIT_MASK(32), PAGE_SHIFT),
			PHYS_PFN(DMA_BIT_MASK(32)) + 1);
	KUNIT_EXPECT_NE(test, DM_PFN_LIMIT(unsigned long, U64_MAX, PAGE_SHIFT), 0UL);
}

struct real_case {
	unsigned int bits;
	unsigned int align;
	size_t size;
	unsigned int boundary;	/* log2, 0 for none */
};

static const unsigned int real_bits[] = { 24, 28, 32, 64 };
static const unsigned int real_aligns[] = { 0, 12, 16, 20 };
static const size_t real_sizes[] = {
	1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 17, SZ_1M,
};

#define REAL_NCASES	(ARRAY_SIZE(real_bits) * ARRAY_SIZE(real_aligns) * \
			 ARRAY_SIZE(real_sizes) * 2)
static struct real_case real_cases[REAL_NCASES];

static const void *real_gen(const void *prev, char *desc)
{
	const struct real_case *rc = prev;
	unsigned int b, a, s, n = 0, k;

	if (!rc) {
		for (b = 0; b < ARRAY_SIZE(real_bits); b++)
			for (a = 0; a < ARRAY_SIZE(real_aligns); a++)
				for (s = 0; s < ARRAY_SIZE(real_sizes); s++)
					for (k = 0; k < 2; k++)
						real_cases[n++] = (struct real_case) {
							real_bits[b], real_aligns[a],
							real_sizes[s], k ? 20 : 0 };
		rc = real_cases;
	} else if (++rc == real_cases + REAL_NCASES) {
		return NULL;
	}
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%ubit align%u size%zu boundary%u",
		 rc->bits, rc->align, rc->size, rc->boundary);
	return rc;
}

#define REAL_NBUF	3

static void real_matrix(struct kunit *test)
{
	const struct real_case *rc = test->param_value;
	struct dmt_want want = {
		.mask = DMA_BIT_MASK(rc->bits),
		.align = rc->align,
		.contiguous = true,
		.boundary = rc->boundary ? 1ULL << rc->boundary : 0,
	};
	/* small requests share one page of a sub-page pool */
	unsigned int pages = dmt_pooled(rc->size, rc->align) ? 1 : REAL_NBUF;
	struct dmamem_heap_info before, during;
	void *buf[REAL_NBUF];
	d_handle_t h;
	int i;

	real_snapshot(test, &before);
	h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_BITS(rc->bits) |
			     (rc->boundary ? DMA_BOUNDARY(rc->boundary) : 0));
	for (i = 0; i < REAL_NBUF; i++) {
		buf[i] = d_alloc_dmamem(h, rc->size, rc->align);
		KUNIT_ASSERT_NOT_NULL(test, buf[i]);
		dmt_check_alloc(test, buf[i], rc->size, &want);
		KUNIT_EXPECT_TRUE(test,
				  real_within(dmt_phys(buf[i]), rc->size, HIGH_BASE, HIGH_SIZE) ||
				  real_within(dmt_phys(buf[i]), rc->size, LOW_BASE, LOW_SIZE));
	}
	real_snapshot(test, &during);
	KUNIT_EXPECT_EQ(test, during.allocations, before.allocations + pages);
	KUNIT_EXPECT_EQ(test, during.held,
			before.held + pages * PAGE_ALIGN(rc->size));
	for (i = 0; i < REAL_NBUF; i++)
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, buf[i], rc->size), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, buf[0], rc->size), -1);
	d_map_clear(h);
	real_snapshot(test, &during);
	KUNIT_EXPECT_EQ(test, during.allocations, before.allocations);
	KUNIT_EXPECT_EQ(test, during.held, before.held);
}

/* A 64-bit request takes memory below 16 MiB only when nothing else can. */
static void real_low_memory_last(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	unsigned int i, n = HIGH_SIZE / SZ_1M;
	void **buf;
	void *low;

	buf = kunit_kcalloc(test, n, sizeof(*buf), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < n; i++) {
		buf[i] = d_alloc_dmamem(h, SZ_1M, 0);
		KUNIT_ASSERT_NOT_NULL(test, buf[i]);
		KUNIT_EXPECT_TRUE(test, real_within(dmt_phys(buf[i]), SZ_1M,
						    HIGH_BASE, HIGH_SIZE));
	}
	low = d_alloc_dmamem(h, SZ_1M, 0);
	KUNIT_ASSERT_NOT_NULL(test, low);
	KUNIT_EXPECT_TRUE(test, real_within(dmt_phys(low), SZ_1M, LOW_BASE, LOW_SIZE));
	/* the range was filled exactly: not one page lost to rounding */
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(h, LOW_SIZE, 0));
	d_map_clear(h);
}

/* Exhaustion returns NULL; one free makes room again. */
static void real_exhaustion(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_24_BIT);
	unsigned int n = 0;
	void *p, *keep = NULL;

	while ((p = d_alloc_dmamem(h, PAGE_SIZE, 0))) {
		if (n++ == 100)
			keep = p;
	}
	KUNIT_EXPECT_EQ(test, n, (unsigned int)(LOW_SIZE / PAGE_SIZE));
	KUNIT_ASSERT_NOT_NULL(test, keep);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, keep, PAGE_SIZE), 0);
	p = d_alloc_dmamem(h, PAGE_SIZE, 0);
	KUNIT_EXPECT_PTR_EQ(test, p, keep);
	d_map_clear(h);
}

/* Alignment up to the size of the range. */
static void real_align(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	void *p;

	p = d_alloc_dmamem(h, PAGE_SIZE, 26);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, (u64)dmt_phys(p), HIGH_BASE);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, PAGE_SIZE), 0);
	/* no range holds a 256 MiB-aligned page */
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(h, PAGE_SIZE, 28));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(h, HIGH_SIZE + PAGE_SIZE, 0));
	d_map_clear(h);
}

/* The default policy, and each heap standing in for the other. */
static void real_policy(struct kunit *test)
{
	struct dmamem_heap_info real0, real1, pin0, pin1;
	d_handle_t isa = dmt_handle(test, DMA_ADDRESS_24_BIT | DMA_CONTIGUOUS);
	d_handle_t wide = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t full = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_24_BIT);
	void *a, *b, *c;

	real_snapshot(test, &real0);
	dmt_heap_snapshot(test, &pin0);
	a = d_alloc_dmamem(isa, SZ_64K, 0);	/* below 32 bits: real heap */
	b = d_alloc_dmamem(wide, PAGE_SIZE, 0);	/* wide and small: pinned */
	c = d_alloc_dmamem(wide, SZ_1M, 20);	/* large contiguous: real */
	KUNIT_ASSERT_TRUE(test, a && b && c);
	real_snapshot(test, &real1);
	dmt_heap_snapshot(test, &pin1);
	KUNIT_EXPECT_EQ(test, real1.allocations, real0.allocations + 2);
	KUNIT_EXPECT_EQ(test, pin1.allocations, pin0.allocations + 1);
	KUNIT_EXPECT_TRUE(test, real_within(dmt_phys(a), SZ_64K, LOW_BASE, LOW_SIZE));

	/* fill the 24-bit range: the ISA handle falls back to ZONE_DMA */
	while (d_alloc_dmamem(full, PAGE_SIZE, 0))
		;
	dmt_heap_snapshot(test, &pin0);
	a = d_alloc_dmamem(isa, SZ_64K, 0);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_LT(test, (u64)dmt_phys(a) + SZ_64K - 1, (u64)DMA_BIT_MASK(24) + 1);
	dmt_heap_snapshot(test, &pin1);
	KUNIT_EXPECT_EQ(test, pin1.allocations, pin0.allocations + 1);
	d_map_clear(full);
	d_map_clear(isa);
	d_map_clear(wide);
	real_snapshot(test, &real1);
	KUNIT_EXPECT_EQ(test, real1.allocations, real0.allocations);
}

/*
 * Runs last: a range added while loaded serves at once, and being the
 * highest piece of its class it is searched first.
 */
/* Is the real heap memory at @p backed by struct pages it was given? */
static bool real_paged(void *p)
{
	unsigned long pfn = PHYS_PFN(dmt_phys(p));

	return pfn_valid(pfn) && is_zone_device_page(pfn_to_page(pfn));
}

/*
 * A range made of whole 2 MiB subsections gets struct pages where the
 * kernel has ZONE_DEVICE, so the DMA API maps it as RAM; one that is not
 * (the 1 MiB spare range), or on a kernel without, gets none.
 */
static void real_struct_pages(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	void *p = d_alloc_dmamem(h, 2 * PAGE_SIZE, 0);	/* not a pool block */

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_TRUE(test, real_within(dmt_phys(p), 2 * PAGE_SIZE, HIGH_BASE, HIGH_SIZE));
	KUNIT_EXPECT_EQ(test, real_paged(p), IS_ENABLED(CONFIG_ZONE_DEVICE));
	d_map_clear(h);
}

static void real_add_later(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	struct kmsg_dump_iter mark;
	void *p;

	dmt_log_mark(test, &mark);
	KUNIT_ASSERT_EQ(test, dmamem_real_heap_add(SPARE_BASE, SPARE_SIZE), 0);
	KUNIT_EXPECT_TRUE(test, dmt_log_has(&mark,
					    "[mem 0x1d000000-0x1d0fffff] has no struct pages"));
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(SPARE_BASE, SPARE_SIZE), -EBUSY);
	p = d_alloc_dmamem(h, SPARE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, (u64)dmt_phys(p), SPARE_BASE);
	KUNIT_EXPECT_FALSE(test, real_paged(p));
	p = d_alloc_dmamem(h, SZ_1M, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, (u64)dmt_phys(p), HIGH_BASE + HIGH_SIZE - SZ_1M);
	d_map_clear(h);
}

/*
 * Runs after real_add_later: memory of the spare range, which has no
 * struct pages, is given to a device that reaches RAM directly at its
 * physical address.
 */
static void real_unpaged_direct(struct kunit *test)
{
	d_handle_t h = dmt_bound_handle(test, dmt_device(test, 64),
					DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	void *p = d_alloc_dmamem(h, PAGE_SIZE, 0);
	ulong ba;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_TRUE(test, real_within(dmt_phys(p), PAGE_SIZE, SPARE_BASE, SPARE_SIZE));
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, p + 8, &ba, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)ba, (u64)dmt_phys(p + 8));
	D_UNMAP_PAGE(h, &ba);
	d_map_clear(h);
}

/*
 * Runs after real_add_later, as the range it adds is searched first from
 * then on: RAM above mem= (realheap_unlisted=SIZE@BASE) is refused
 * without DMAMEM_REAL_UNLISTED and serves at once with it.
 */
static void real_unlisted_taken(struct kunit *test)
{
	struct dmt_want want = { .mask = DMA_BIT_MASK(64), .contiguous = true };
	d_handle_t h;
	u64 base, size;
	char *end;
	void *p;

	if (!realheap_unlisted)
		kunit_skip(test, "no realheap_unlisted=SIZE@BASE (RAM above mem=) given");
	size = memparse(realheap_unlisted, &end);
	KUNIT_ASSERT_EQ(test, *end, '@');
	base = memparse(end + 1, &end);
	KUNIT_ASSERT_EQ(test, *end, '\0');
	KUNIT_ASSERT_GE(test, size, (u64)SZ_1M);

	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(base, size), -ENXIO);
	KUNIT_ASSERT_EQ(test, dmamem_real_heap_add_flags(base, size, DMAMEM_REAL_UNLISTED), 0);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add_flags(base, size, DMAMEM_REAL_UNLISTED),
			-EBUSY);
	KUNIT_EXPECT_NULL(test, request_mem_region(base, PAGE_SIZE, "dmamem_test"));
	h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	p = d_alloc_dmamem(h, SZ_1M, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, real_within(dmt_phys(p), SZ_1M, base, size));
	dmt_check_alloc(test, p, SZ_1M, &want);
	d_map_clear(h);
}

static struct kunit_case real_cases_list[] = {
	KUNIT_CASE(real_ranges),
	KUNIT_CASE(real_pfn_limit),
	KUNIT_CASE(real_devices),
	KUNIT_CASE(real_unlisted_refused),
	KUNIT_CASE_PARAM(real_matrix, real_gen),
	KUNIT_CASE(real_low_memory_last),
	KUNIT_CASE(real_exhaustion),
	KUNIT_CASE(real_align),
	KUNIT_CASE(real_policy),
	KUNIT_CASE(real_struct_pages),
	KUNIT_CASE(real_add_later),
	KUNIT_CASE(real_unpaged_direct),
	KUNIT_CASE(real_unlisted_taken),
	{}
};

static struct kunit_suite real_suite = {
	.name = "dmamem_realheap",
	.test_cases = real_cases_list,
};

kunit_test_suites(&real_suite);
