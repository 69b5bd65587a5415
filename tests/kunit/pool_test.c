// SPDX-License-Identifier: GPL-2.0
/*
 * Sub-page block pools.  Every block of many sizes and alignments is
 * checked by its physical address against its handle's constraints; live
 * blocks never overlap and keep their bytes; blocks are zeroed; pages are
 * shared only between handles with the same constraints and go back to
 * their heap when their last block goes; d_map_clear() takes exactly one
 * handle's blocks; and every bad free is refused and changes nothing.
 *
 * The real heap's ranges come from the real_heap= dmamem is loaded with.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <sys/dma.h>
#include "dmtest.h"

#define POOL_MAX_BLOCKS	300	/* per size and alignment: 2 pages of 16 */

static void pool_snapshot(struct kunit *test, struct dmamem_pool_info *info)
{
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_pool_info(info), 0);
}

static void pool_expect_same(struct kunit *test,
			     const struct dmamem_pool_info *was)
{
	struct dmamem_pool_info now;

	pool_snapshot(test, &now);
	KUNIT_EXPECT_EQ(test, now.pages, was->pages);
	KUNIT_EXPECT_EQ(test, now.blocks, was->blocks);
	KUNIT_EXPECT_EQ(test, now.bytes, was->bytes);
	KUNIT_EXPECT_EQ(test, now.held, was->held);
	KUNIT_EXPECT_EQ(test, now.overhead, was->overhead);
}

/* The matrix: ceilings, heaps and boundaries, each over sizes x alignments. */
struct pool_case {
	unsigned int bits;
	int heap;
	unsigned int boundary;	/* log2, 0 for none */
};

static const unsigned int pool_bits[] = { 24, 28, 32, 64 };
static const int pool_heaps[] = { 0, DMA_HEAP_PINNED, DMA_HEAP_REAL };
static const unsigned int pool_boundaries[] = { 0, 9, 12 };
static const size_t pool_sizes[] = {
	1, 15, 16, 17, 48, 64, 68, 96, 100, 255, 256, 257, 384, 700, 1024,
	1500, PAGE_SIZE / 2,
};

static const unsigned int pool_aligns[] = { 0, 4, 5, 7, PAGE_SHIFT - 1 };

#define POOL_NCASES	(ARRAY_SIZE(pool_bits) * ARRAY_SIZE(pool_heaps) * \
			 ARRAY_SIZE(pool_boundaries))
static struct pool_case pool_cases[POOL_NCASES];

static const char *pool_heap_name(int heap)
{
	return heap == DMA_HEAP_PINNED ? "pinned" :
	       heap == DMA_HEAP_REAL ? "real" : "policy";
}

static const void *pool_gen(const void *prev, char *desc)
{
	const struct pool_case *pc = prev;
	unsigned int b, h, k, n = 0;

	if (!pc) {
		for (b = 0; b < ARRAY_SIZE(pool_bits); b++)
			for (h = 0; h < ARRAY_SIZE(pool_heaps); h++)
				for (k = 0; k < ARRAY_SIZE(pool_boundaries); k++)
					pool_cases[n++] = (struct pool_case) {
						pool_bits[b], pool_heaps[h],
						pool_boundaries[k] };
		pc = pool_cases;
	} else if (++pc == pool_cases + POOL_NCASES) {
		return NULL;
	}
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%ubit %s boundary%u", pc->bits,
		 pool_heap_name(pc->heap), pc->boundary);
	return pc;
}

static int pool_cmp_ptr(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* No two of the blocks overlap: sorted, each ends before the next starts. */
static void pool_expect_disjoint(struct kunit *test, void **blocks,
				 unsigned int n, size_t size)
{
	unsigned long *sorted;
	unsigned int i;

	sorted = kunit_kmalloc_array(test, n, sizeof(*sorted), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sorted);
	for (i = 0; i < n; i++)
		sorted[i] = (unsigned long)blocks[i];
	sort(sorted, n, sizeof(*sorted), pool_cmp_ptr, NULL);
	for (i = 1; i < n; i++)
		if (sorted[i - 1] + size > sorted[i]) {
			KUNIT_FAIL(test, "blocks at %#lx and %#lx overlap (size %zu)",
				   sorted[i - 1], sorted[i], size);
			return;
		}
}

static u8 pool_pattern(unsigned int i)
{
	return (i % 251) + 1;
}

static void pool_fill(void **blocks, unsigned int n, size_t size)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		memset(blocks[i], pool_pattern(i), size);
}

/* Every block still holds the bytes written into it. */
static void pool_expect_filled(struct kunit *test, void **blocks,
			       unsigned int n, size_t size)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (memchr_inv(blocks[i], pool_pattern(i), size)) {
			KUNIT_FAIL(test, "block %u of %u (size %zu) lost its bytes",
				   i, n, size);
			return;
		}
}

static unsigned int pool_count(size_t size, unsigned int align)
{
	size_t step = max_t(size_t, size, 1UL << align);

	return min_t(size_t, POOL_MAX_BLOCKS, 2 * PAGE_SIZE / step + 1);
}

/* The physical address lies in one of the ranges the VM reserves. */
static bool pool_in_real_heap(phys_addr_t p)
{
	/* real_heap= ranges, and the spare one the realheap suite adds */
	return (p >= 0xC00000 && p < 0x1000000) ||
	       (p >= 0x18000000 && p < 0x1C000000) ||
	       (p >= 0x1D000000 && p < 0x1D100000);
}

static void pool_one_shape(struct kunit *test, d_handle_t h,
			   const struct pool_case *pc, size_t size,
			   unsigned int align, void **blocks)
{
	struct dmt_want want = {
		.mask = DMA_BIT_MASK(pc->bits),
		.align = align,
		.contiguous = true,
		.boundary = pc->boundary ? 1ULL << pc->boundary : 0,
	};
	unsigned int i, n = pool_count(size, align);

	if (want.boundary && size > want.boundary) {
		KUNIT_EXPECT_NULL(test, d_alloc_dmamem(h, size, align));
		return;
	}
	for (i = 0; i < n; i++) {
		blocks[i] = d_alloc_dmamem(h, size, align);
		KUNIT_ASSERT_NOT_NULL_MSG(test, blocks[i], "size %zu align %u block %u",
					  size, align, i);
		dmt_check_alloc(test, blocks[i], size, &want);
		if (pc->heap == DMA_HEAP_REAL)
			KUNIT_EXPECT_TRUE(test, pool_in_real_heap(dmt_phys(blocks[i])));
	}
	dmt_expect_handle(test, h, n, n * size);
	pool_expect_disjoint(test, blocks, n, size);
	pool_fill(blocks, n, size);
	pool_expect_filled(test, blocks, n, size);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, blocks[i], size), 0);
	dmt_expect_handle(test, h, 0, 0);
}

static void pool_matrix(struct kunit *test)
{
	const struct pool_case *pc = test->param_value;
	struct dmamem_pool_info before;
	unsigned int s, a;
	d_handle_t h;
	void **blocks;

	blocks = kunit_kcalloc(test, POOL_MAX_BLOCKS, sizeof(*blocks), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blocks);
	pool_snapshot(test, &before);
	h = dmt_handle(test, DMA_ADDRESS_BITS(pc->bits) | pc->heap |
			     (pc->boundary ? DMA_BOUNDARY(pc->boundary) : 0));
	for (s = 0; s < ARRAY_SIZE(pool_sizes); s++)
		for (a = 0; a < ARRAY_SIZE(pool_aligns); a++)
			pool_one_shape(test, h, pc, pool_sizes[s], pool_aligns[a],
				       blocks);
	d_map_clear(h);
	pool_expect_same(test, &before);
}

/* The threshold and the size classes, as d_alloc_dmamem(9) documents them. */
static const struct {
	size_t size;
	unsigned int align;
	size_t held;		/* 0: not from the pools */
} pool_classes[] = {
	{ 1, 0, 16 }, { 16, 0, 16 }, { 17, 0, 32 }, { 33, 0, 48 },
	{ 48, 5, 64 }, { 68, 5, 96 }, { 68, 6, 128 }, { 100, 0, 128 },
	{ 129, 0, 192 }, { 200, 0, 256 }, { 300, 0, 384 }, { 300, 8, 512 },
	{ 513, 0, 768 }, { 769, 0, 1024 }, { 1025, 0, 2048 },
	{ PAGE_SIZE / 2, 0, PAGE_SIZE / 2 }, { 1, PAGE_SHIFT - 1, PAGE_SIZE / 2 },
	{ PAGE_SIZE / 2 + 1, 0, PAGE_SIZE }, { 1, PAGE_SHIFT, PAGE_SIZE },
	{ PAGE_SIZE, PAGE_SHIFT, PAGE_SIZE },
	{ PAGE_SIZE + 1, 0, 0 }, { 1, PAGE_SHIFT + 1, 0 },
};

static void pool_threshold(struct kunit *test)
{
	struct dmamem_pool_info before, during;
	struct dmamem_handle_info info;
	d_handle_t h = dmt_handle(test, DMA_MASTER);
	unsigned int i;
	void *p;

	for (i = 0; i < ARRAY_SIZE(pool_classes); i++) {
		size_t size = pool_classes[i].size, held = pool_classes[i].held;

		pool_snapshot(test, &before);
		p = d_alloc_dmamem(h, size, pool_classes[i].align);
		KUNIT_ASSERT_NOT_NULL(test, p);
		pool_snapshot(test, &during);
		KUNIT_EXPECT_EQ_MSG(test, during.blocks, before.blocks + !!held,
				    "size %zu align %u", size, pool_classes[i].align);
		KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
		KUNIT_EXPECT_EQ_MSG(test, info.held, held ?: PAGE_ALIGN(size),
				    "size %zu align %u", size, pool_classes[i].align);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, size), 0);
	}
	d_map_clear(h);
}

/* A block handed out again is zeroed, however it was left. */
static void pool_zeroed(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_MASTER);
	void *keep, *p, *q;

	keep = d_alloc_dmamem(h, 64, 0);	/* keeps the page in the pool */
	p = d_alloc_dmamem(h, 64, 0);
	KUNIT_ASSERT_TRUE(test, keep && p);
	memset(p, 0xff, 64);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, 64), 0);
	q = d_alloc_dmamem(h, 60, 0);		/* same class, same block */
	KUNIT_ASSERT_PTR_EQ(test, q, p);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(q, 0, 64), NULL);
	d_map_clear(h);
}

/* Hold each distinct page behind the blocks; return how many there are. */
static unsigned int pool_hold_pages(struct kunit *test, void **blocks,
				    unsigned int n, struct page **pages)
{
	unsigned int i, j, nr = 0;
	struct page *pg;

	for (i = 0; i < n; i++) {
		pg = pfn_to_page(PHYS_PFN(dmt_phys(blocks[i])));
		for (j = 0; j < nr && pages[j] != pg; j++)
			;
		if (j == nr) {
			get_page(pg);
			pages[nr++] = pg;
		}
	}
	return nr;
}

/*
 * A page whose last block goes stays in its pool, spare; dmamem_pool_trim()
 * gives every spare page back to the page allocator.
 */
static void pool_pages_returned(struct kunit *test)
{
	struct dmamem_heap_info heap;
	struct dmamem_pool_info before, during;
	d_handle_t h = dmt_handle(test, DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT);
	unsigned int i, nr, n = 3 * PAGE_SIZE / 48 + 5;
	struct page **pages;
	void **blocks;

	blocks = kunit_kcalloc(test, n, sizeof(*blocks), GFP_KERNEL);
	pages = kunit_kcalloc(test, n, sizeof(*pages), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, blocks && pages);
	dmt_heap_snapshot(test, &heap);
	pool_snapshot(test, &before);
	for (i = 0; i < n; i++) {
		blocks[i] = d_alloc_dmamem(h, i % 2 ? 48 : 33, 4);
		KUNIT_ASSERT_NOT_NULL(test, blocks[i]);
	}
	nr = pool_hold_pages(test, blocks, n, pages);
	KUNIT_EXPECT_EQ(test, nr, DIV_ROUND_UP(n, PAGE_SIZE / 48));
	pool_snapshot(test, &during);
	KUNIT_EXPECT_EQ(test, during.pages, before.pages + nr);
	KUNIT_EXPECT_EQ(test, during.blocks, before.blocks + n);
	KUNIT_EXPECT_GT(test, during.overhead, before.overhead);

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, blocks[i], i % 2 ? 48 : 33), 0);
	/* spare, unless they aged out meanwhile */
	KUNIT_ASSERT_EQ(test, dmamem_pool_info(&during), 0);
	KUNIT_EXPECT_EQ(test, during.blocks, before.blocks);
	KUNIT_EXPECT_EQ(test, during.pages - during.spare, before.pages);
	KUNIT_EXPECT_LE(test, during.spare, (unsigned long)nr);
	KUNIT_EXPECT_GE(test, dmamem_pool_trim(), during.spare);
	for (i = 0; i < nr; i++) {
		KUNIT_EXPECT_EQ(test, page_ref_count(pages[i]), 1);
		put_page(pages[i]);
	}
	pool_expect_same(test, &before);
	dmt_expect_heap(test, &heap);
	d_map_clear(h);
}

#define SPARE_BLOCKS	(2 * PAGE_SIZE / 64)	/* two pages of 64-byte blocks */

/* Fill, check and free SPARE_BLOCKS blocks of 64 bytes. */
static void pool_spare_round(struct kunit *test, d_handle_t h, void **blocks,
			     u64 *pfn)
{
	unsigned int i;

	for (i = 0; i < SPARE_BLOCKS; i++) {
		blocks[i] = d_alloc_dmamem(h, 64, 6);
		KUNIT_ASSERT_NOT_NULL(test, blocks[i]);
		KUNIT_EXPECT_PTR_EQ(test, memchr_inv(blocks[i], 0, 64), NULL);
		pfn[i] = PHYS_PFN(dmt_phys(blocks[i]));
	}
	pool_fill(blocks, SPARE_BLOCKS, 64);
	for (i = 0; i < SPARE_BLOCKS; i++)
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, blocks[i], 64), 0);
}

/*
 * Blocks freed and allocated again come from the spare pages, zeroed,
 * without the heap; a page left spare goes back to its heap on its own.
 */
static void pool_spare_reused(struct kunit *test)
{
	struct dmamem_heap_info heap, now;
	struct dmamem_pool_info info;
	d_handle_t h = dmt_handle(test, DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT);
	u64 *was, *pfn;
	void **blocks;
	unsigned int i, waited;

	blocks = kunit_kcalloc(test, SPARE_BLOCKS, sizeof(*blocks), GFP_KERNEL);
	was = kunit_kcalloc(test, SPARE_BLOCKS, sizeof(*was), GFP_KERNEL);
	pfn = kunit_kcalloc(test, SPARE_BLOCKS, sizeof(*pfn), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, blocks && was && pfn);
	dmt_heap_snapshot(test, &heap);
	pool_spare_round(test, h, blocks, was);
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_PINNED, &now), 0);
	KUNIT_EXPECT_EQ(test, now.allocations, heap.allocations + 2);

	/* the same two pages, written all over, come back zeroed */
	KUNIT_ASSERT_NE(test, was[0], was[SPARE_BLOCKS - 1]);
	pool_spare_round(test, h, blocks, pfn);
	for (i = 0; i < SPARE_BLOCKS; i++)
		KUNIT_EXPECT_TRUE_MSG(test, pfn[i] == was[0] ||
				      pfn[i] == was[SPARE_BLOCKS - 1],
				      "block %u", i);
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_PINNED, &now), 0);
	KUNIT_EXPECT_EQ(test, now.allocations, heap.allocations + 2);

	/* left alone, they go back within a few seconds */
	for (waited = 0; waited < 10000; waited += 100) {
		KUNIT_ASSERT_EQ(test, dmamem_pool_info(&info), 0);
		if (!info.spare)
			break;
		msleep(100);
	}
	KUNIT_EXPECT_EQ(test, info.spare, 0UL);
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_PINNED, &now), 0);
	KUNIT_EXPECT_EQ(test, now.allocations, heap.allocations);
	d_map_clear(h);
}

/*
 * A heap out of memory takes back the spare pages the pools keep of it
 * before it refuses: fill the 4 MiB below 16 MiB with page-sized blocks,
 * free them, and ask for all of it at once.
 */
static void pool_spare_yields(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_24_BIT |
				     DMA_CONTIGUOUS);
	struct dmamem_pool_info info;
	unsigned int i, n = 0, max = SZ_16M / PAGE_SIZE;
	void **blocks, *all;

	blocks = kunit_kcalloc(test, max, sizeof(*blocks), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blocks);
	dmamem_pool_trim();
	while (n < max && (blocks[n] = d_alloc_dmamem(h, PAGE_SIZE, 0)))
		n++;
	KUNIT_ASSERT_GT(test, n, 0U);
	KUNIT_ASSERT_LT(test, n, max);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, blocks[i], PAGE_SIZE), 0);
	KUNIT_ASSERT_EQ(test, dmamem_pool_info(&info), 0);
	KUNIT_EXPECT_GT(test, info.spare, 0UL);
	all = d_alloc_dmamem(h, (size_t)n * PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, all);
	KUNIT_EXPECT_LT(test, (u64)dmt_phys(all) + n * PAGE_SIZE - 1,
			(u64)DMA_BIT_MASK(24) + 1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, all, (size_t)n * PAGE_SIZE), 0);
	d_map_clear(h);
}

/* Handles with the same constraints share pages; others never do. */
static void pool_sharing(struct kunit *test)
{
	d_handle_t a = dmt_handle(test, DMA_ADDRESS_BITS(32));
	d_handle_t b = dmt_handle(test, DMA_MASTER | DMA_CONTIGUOUS);
	d_handle_t c = dmt_handle(test, DMA_ADDRESS_BITS(31));
	void *pa, *pb, *pc;

	pa = d_alloc_dmamem(a, 64, 0);
	pb = d_alloc_dmamem(b, 64, 0);
	pc = d_alloc_dmamem(c, 64, 0);
	KUNIT_ASSERT_TRUE(test, pa && pb && pc);
	KUNIT_EXPECT_EQ(test, PHYS_PFN(dmt_phys(pa)), PHYS_PFN(dmt_phys(pb)));
	KUNIT_EXPECT_NE(test, PHYS_PFN(dmt_phys(pa)), PHYS_PFN(dmt_phys(pc)));
	/* the same page, but each block is its handle's own */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(a, pb, 64), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(b, pa, 64), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(c, pa, 64), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(a, pa, 64), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(b, pb, 64), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(c, pc, 64), 0);
	d_map_clear(a);
	d_map_clear(b);
	d_map_clear(c);
}

/*
 * A block never handed out is zeroed too: a device that overruns its
 * block writes the rest of the page, and another handle of the same key
 * then takes the blocks there.
 */
#define OVERRUN_BLOCKS	24

static void pool_overrun_zeroed(struct kunit *test)
{
	/* a key no other case uses, so the page is this case's alone */
	int flags = DMA_HEAP_PINNED | DMA_ADDRESS_BITS(30);
	d_handle_t a = dmt_handle(test, flags);
	d_handle_t b = dmt_handle(test, flags);
	unsigned int i, dirty = 0, same = 0;
	void *p, *q[OVERRUN_BLOCKS];
	size_t rest;

	pool_snapshot(test, &(struct dmamem_pool_info){});
	p = d_alloc_dmamem(a, 100, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	/* the device overruns: the rest of the page, as the edu device did */
	rest = PAGE_SIZE - offset_in_page(p) - 100;
	memset(p + 100, 0xa5, rest);
	for (i = 0; i < OVERRUN_BLOCKS; i++) {
		q[i] = d_alloc_dmamem(b, 100, 0);
		KUNIT_ASSERT_NOT_NULL(test, q[i]);
		if (PHYS_PFN(dmt_phys(q[i])) != PHYS_PFN(dmt_phys(p)))
			continue;
		same++;
		if (memchr_inv(q[i], 0, 100))
			dirty++;
	}
	/* the overrun page was the one partial page of the key */
	KUNIT_EXPECT_GT(test, same, 0U);
	KUNIT_EXPECT_EQ_MSG(test, dirty, 0U,
			    "%u of %u blocks on the overrun page came with its bytes",
			    dirty, same);
	for (i = 0; i < OVERRUN_BLOCKS; i++)
		KUNIT_EXPECT_EQ(test, d_free_dmamem(b, q[i], 100), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(a, p, 100), 0);
	d_map_clear(a);
	d_map_clear(b);
}

/*
 * Handles bound to different devices never share a page; handles of one
 * device do, and so do unbound ones.
 */
static void pool_device_isolation(struct kunit *test)
{
	struct device *d1 = dmt_device(test, 32), *d2 = dmt_device(test, 32);
	d_handle_t a1 = dmt_bound_handle(test, d1, DMA_ADDRESS_BITS(32));
	d_handle_t b1 = dmt_bound_handle(test, d1, DMA_ADDRESS_BITS(32));
	d_handle_t a2 = dmt_bound_handle(test, d2, DMA_ADDRESS_BITS(32));
	d_handle_t u = dmt_handle(test, DMA_ADDRESS_BITS(32));
	void *pa1, *pb1, *pa2, *pu;

	pa1 = d_alloc_dmamem(a1, 64, 0);
	pb1 = d_alloc_dmamem(b1, 64, 0);
	pa2 = d_alloc_dmamem(a2, 64, 0);
	pu = d_alloc_dmamem(u, 64, 0);
	KUNIT_ASSERT_TRUE(test, pa1 && pb1 && pa2 && pu);
	KUNIT_EXPECT_EQ(test, PHYS_PFN(dmt_phys(pa1)), PHYS_PFN(dmt_phys(pb1)));
	KUNIT_EXPECT_NE(test, PHYS_PFN(dmt_phys(pa1)), PHYS_PFN(dmt_phys(pa2)));
	KUNIT_EXPECT_NE(test, PHYS_PFN(dmt_phys(pa1)), PHYS_PFN(dmt_phys(pu)));
	KUNIT_EXPECT_NE(test, PHYS_PFN(dmt_phys(pa2)), PHYS_PFN(dmt_phys(pu)));
	KUNIT_EXPECT_EQ(test, d_free_dmamem(a1, pa1, 64), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(b1, pb1, 64), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(a2, pa2, 64), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(u, pu, 64), 0);
	d_map_clear(a1);
	d_map_clear(b1);
	d_map_clear(a2);
	d_map_clear(u);
}

#define CLEAR_BLOCKS	600	/* interleaved on shared pages of 64-byte blocks */

/* d_map_clear() takes one handle's blocks; the other's survive intact. */
static void pool_clear_one_handle(struct kunit *test)
{
	struct dmamem_pool_info before, during;
	struct dmamem_heap_info heap;
	d_handle_t gone = dmt_handle(test, DMA_MASTER);
	d_handle_t stay = dmt_handle(test, DMA_MASTER);
	void **mine, **theirs;
	unsigned int i, n = CLEAR_BLOCKS / 2;

	mine = kunit_kcalloc(test, n, sizeof(*mine), GFP_KERNEL);
	theirs = kunit_kcalloc(test, n, sizeof(*theirs), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, mine && theirs);
	dmt_heap_snapshot(test, &heap);
	pool_snapshot(test, &before);
	for (i = 0; i < n; i++) {
		theirs[i] = d_alloc_dmamem(gone, 60, 0);
		mine[i] = d_alloc_dmamem(stay, 64, 0);
		KUNIT_ASSERT_TRUE(test, theirs[i] && mine[i]);
	}
	/* interleaved: the handles share every page */
	KUNIT_EXPECT_EQ(test, PHYS_PFN(dmt_phys(mine[0])),
			PHYS_PFN(dmt_phys(theirs[0])));
	pool_fill(mine, n, 64);
	pool_fill(theirs, n, 60);
	/* a third of the survivor's blocks go first, leaving holes */
	for (i = 0; i < n; i += 3)
		KUNIT_EXPECT_EQ(test, d_free_dmamem(stay, mine[i], 64), 0);

	d_map_clear(gone);
	for (i = 0; i < n; i++) {
		if (i % 3 == 0)
			continue;
		KUNIT_EXPECT_PTR_EQ_MSG(test, memchr_inv(mine[i], pool_pattern(i), 64),
					NULL, "block %u", i);
	}
	dmt_expect_handle(test, stay, n - DIV_ROUND_UP(n, 3),
			  (n - DIV_ROUND_UP(n, 3)) * 64);
	pool_snapshot(test, &during);
	KUNIT_EXPECT_EQ(test, during.blocks, before.blocks + n - DIV_ROUND_UP(n, 3));
	/* the cleared handle's blocks are gone: no one can free them */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(stay, theirs[1], 60), -1);
	for (i = 0; i < n; i++)
		if (i % 3)
			KUNIT_EXPECT_EQ(test, d_free_dmamem(stay, mine[i], 64), 0);
	pool_expect_same(test, &before);
	dmt_expect_heap(test, &heap);
	d_map_clear(stay);
}

/* A block the misuse cases aim at, and a neighbour of another handle's. */
struct pool_misuse {
	struct dmamem_pool_info pool;
	d_handle_t h, other, far;
	void *victim, *theirs, *freed;
};

#define VSIZE	90	/* class 96: 42 blocks and a 64-byte tail per page */

static void pool_misuse_setup(struct kunit *test, struct pool_misuse *m)
{
	m->h = dmt_handle(test, DMA_MASTER);
	m->other = dmt_handle(test, DMA_MASTER);
	m->far = dmt_handle(test, DMA_ADDRESS_BITS(30));
	m->victim = d_alloc_dmamem(m->h, VSIZE, 0);
	m->theirs = d_alloc_dmamem(m->other, VSIZE, 0);
	m->freed = d_alloc_dmamem(m->h, VSIZE, 0);
	KUNIT_ASSERT_TRUE(test, m->victim && m->theirs && m->freed);
	KUNIT_ASSERT_EQ(test, d_free_dmamem(m->h, m->freed, VSIZE), 0);
	memset(m->victim, 0x5a, VSIZE);
	memset(m->theirs, 0x3c, VSIZE);
	pool_snapshot(test, &m->pool);
}

static void pool_misuse_verify(struct kunit *test, struct pool_misuse *m)
{
	pool_expect_same(test, &m->pool);
	dmt_expect_handle(test, m->h, 1, VSIZE);
	dmt_expect_handle(test, m->other, 1, VSIZE);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(m->victim, 0x5a, VSIZE), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(m->theirs, 0x3c, VSIZE), NULL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m->h, m->victim, VSIZE), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m->other, m->theirs, VSIZE), 0);
	d_map_clear(m->h);
	d_map_clear(m->other);
	d_map_clear(m->far);
}

static void pool_misuse(struct kunit *test)
{
	void *page_start, *tail;
	struct pool_misuse m;

	pool_misuse_setup(test, &m);
	page_start = (void *)((unsigned long)m.victim & PAGE_MASK);
	tail = page_start + (PAGE_SIZE / 96) * 96;
	/* wrong size */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim, VSIZE + 1), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim, VSIZE - 1), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim, 96), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim, 0), -1);
	/* interior addresses, in the bytes asked and in the rounding */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim + 1, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim + VSIZE - 1, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim + 95, VSIZE), -1);
	/* another handle's block on the same page, either way round */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.theirs, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.other, m.victim, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.far, m.victim, VSIZE), -1);
	/* double free, a free block, the tail no block covers, the page */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.freed, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, page_start + 10 * 96, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, tail, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, page_start + PAGE_SIZE - 1, 1), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, page_start, PAGE_SIZE), -1);
	pool_misuse_verify(test, &m);
}

/* A freed handle's blocks cannot be freed through a new handle either. */
static void pool_misuse_cleared(struct kunit *test)
{
	struct pool_misuse m;
	d_handle_t late;
	void *p;

	pool_misuse_setup(test, &m);
	late = dmt_handle(test, DMA_MASTER);
	p = d_alloc_dmamem(late, VSIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	d_map_clear(late);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(late, p, VSIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, p, VSIZE), -1);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(late, VSIZE, 0));
	pool_misuse_verify(test, &m);
}

static struct kunit_case pool_cases_list[] = {
	KUNIT_CASE_PARAM_SLOW(pool_matrix, pool_gen),
	KUNIT_CASE(pool_threshold),
	KUNIT_CASE(pool_zeroed),
	KUNIT_CASE(pool_pages_returned),
	KUNIT_CASE(pool_spare_reused),
	KUNIT_CASE(pool_spare_yields),
	KUNIT_CASE(pool_sharing),
	KUNIT_CASE(pool_overrun_zeroed),
	KUNIT_CASE(pool_device_isolation),
	KUNIT_CASE(pool_clear_one_handle),
	KUNIT_CASE(pool_misuse),
	KUNIT_CASE(pool_misuse_cleared),
	{}
};

static struct kunit_suite pool_suite = {
	.name = "dmamem_pool",
	.test_cases = pool_cases_list,
};

kunit_test_suites(&pool_suite);
