// SPDX-License-Identifier: GPL-2.0
/*
 * The pinned heap: every combination of address ceiling, contiguity,
 * alignment and size, checked page by page; and boundaries.  The handles
 * name the pinned heap: the real heap has its ranges from the start.
 */
#include <linux/dma-mapping.h>
#include "dmtest.h"

#define PINNED_NBUF	3	/* live at once, to catch overlaps */

static const unsigned int pinned_bits[] = { 24, 25, 28, 32, 64 };
static const unsigned int pinned_aligns[] = { 0, 3, 12, 13, 16 };
static const size_t pinned_sizes[] = {
	1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 3 * PAGE_SIZE + 17, SZ_1M,
};

struct pinned_case {
	unsigned int bits;
	bool contiguous;
	unsigned int align;
	size_t size;
};

#define PINNED_NCASES	(ARRAY_SIZE(pinned_bits) * 2 * \
			 ARRAY_SIZE(pinned_aligns) * ARRAY_SIZE(pinned_sizes))

static struct pinned_case pinned_cases[PINNED_NCASES];

static void pinned_fill_cases(void)
{
	unsigned int b, c, a, s, n = 0;

	for (b = 0; b < ARRAY_SIZE(pinned_bits); b++)
		for (c = 0; c < 2; c++)
			for (a = 0; a < ARRAY_SIZE(pinned_aligns); a++)
				for (s = 0; s < ARRAY_SIZE(pinned_sizes); s++)
					pinned_cases[n++] = (struct pinned_case) {
						.bits = pinned_bits[b],
						.contiguous = c,
						.align = pinned_aligns[a],
						.size = pinned_sizes[s],
					};
}

static const void *pinned_gen(const void *prev, char *desc)
{
	const struct pinned_case *pc = prev;

	if (!pc) {
		pinned_fill_cases();
		pc = pinned_cases;
	} else if (++pc == pinned_cases + PINNED_NCASES) {
		return NULL;
	}
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%ubit %s align%u size%zu",
		 pc->bits, pc->contiguous ? "contig" : "pages", pc->align,
		 pc->size);
	return pc;
}

static int pinned_flags(unsigned int bits, bool contiguous)
{
	return DMA_HEAP_PINNED | DMA_ADDRESS_BITS(bits) |
	       (contiguous ? DMA_CONTIGUOUS : 0);
}

static bool pinned_overlap(const void *a, const void *b, size_t size)
{
	return a < b + size && b < a + size;
}

static void pinned_matrix(struct kunit *test)
{
	const struct pinned_case *pc = test->param_value;
	struct dmt_want want = {
		.mask = DMA_BIT_MASK(pc->bits),
		.align = pc->align,
		.contiguous = pc->contiguous || pc->size <= PAGE_SIZE,
	};
	bool pooled = dmt_pooled(pc->size, pc->align);
	struct page **held[PINNED_NBUF];
	struct dmamem_heap_info before;
	void *buf[PINNED_NBUF];
	d_handle_t h;
	int i, j;

	dmt_heap_snapshot(test, &before);
	h = dmt_handle(test, pinned_flags(pc->bits, pc->contiguous));

	for (i = 0; i < PINNED_NBUF; i++) {
		buf[i] = d_alloc_dmamem(h, pc->size, pc->align);
		KUNIT_ASSERT_NOT_NULL(test, buf[i]);
		dmt_check_alloc(test, buf[i], pc->size, &want);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_FALSE(test, pinned_overlap(buf[i], buf[j], pc->size));
	}
	dmt_expect_handle(test, h, PINNED_NBUF, PINNED_NBUF * pc->size);

	/* Pool blocks share a page: pool_test.c follows their pages. */
	for (i = 0; i < PINNED_NBUF; i++) {
		if (pooled) {
			KUNIT_EXPECT_EQ(test, d_free_dmamem(h, buf[i], pc->size), 0);
			continue;
		}
		held[i] = dmt_hold_pages(test, buf[i], pc->size);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, buf[i], pc->size), 0);
		dmt_expect_released(test, held[i], pc->size);
	}
	dmt_expect_handle(test, h, 0, 0);
	d_map_clear(h);
	dmt_expect_heap(test, &before);
}

/* A boundary holds for every buffer up to the boundary's size. */
static const unsigned int boundary_log2[] = { 12, 16 };
static const size_t boundary_sizes[] = { 1, 100, PAGE_SIZE, 3 * PAGE_SIZE + 17, SZ_64K };

static void pinned_boundary(struct kunit *test)
{
	struct dmamem_heap_info before;
	unsigned int b, s, c;
	d_handle_t h;
	void *p;

	dmt_heap_snapshot(test, &before);
	for (b = 0; b < ARRAY_SIZE(boundary_log2); b++) {
		for (c = 0; c < 2; c++) {
			struct dmt_want want = {
				.mask = DMA_BIT_MASK(32),
				.contiguous = c,
				.boundary = 1ULL << boundary_log2[b],
			};

			h = dmt_handle(test, DMA_HEAP_PINNED | DMA_BOUNDARY(boundary_log2[b]) |
					     (c ? DMA_CONTIGUOUS : 0));
			for (s = 0; s < ARRAY_SIZE(boundary_sizes); s++) {
				size_t size = boundary_sizes[s];

				p = d_alloc_dmamem(h, size, 0);
				if (size > want.boundary) {
					KUNIT_EXPECT_NULL(test, p);
					continue;
				}
				KUNIT_ASSERT_NOT_NULL(test, p);
				want.contiguous = c || size <= PAGE_SIZE;
				dmt_check_alloc(test, p, size, &want);
				KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, size), 0);
			}
			d_map_clear(h);
		}
	}
	dmt_expect_heap(test, &before);
}

/* The largest alignment the page allocator can give, on a 4 KiB buffer. */
static void pinned_large_align(struct kunit *test)
{
	struct dmt_want want = { .mask = DMA_BIT_MASK(32), .align = 22,
				 .contiguous = true };
	d_handle_t h = dmt_handle(test, DMA_HEAP_PINNED | DMA_CONTIGUOUS);
	void *p = d_alloc_dmamem(h, PAGE_SIZE, 22);

	KUNIT_ASSERT_NOT_NULL(test, p);
	dmt_check_alloc(test, p, PAGE_SIZE, &want);
	dmt_expect_handle(test, h, 1, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, PAGE_SIZE), 0);
	d_map_clear(h);
}

/* Contiguous buffers hold exactly the pages they need, not a power of two. */
static void pinned_exact_pages(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_PINNED | DMA_CONTIGUOUS);
	struct dmamem_handle_info info;
	size_t size = 5 * PAGE_SIZE + 1;
	void *p = d_alloc_dmamem(h, size, 0);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_EQ(test, info.held, 6 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, size), 0);
	d_map_clear(h);
}

/* Handles with DMA_NO_ZERO_ADDR never get physical address 0. */
static void pinned_no_zero_addr(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_PINNED | DMA_NO_ZERO_ADDR |
				  DMA_ADDRESS_24_BIT);
	void *p = d_alloc_dmamem(h, PAGE_SIZE, 0);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_NE(test, (u64)dmt_phys(p), 0ULL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, PAGE_SIZE), 0);
	d_map_clear(h);
}

static struct kunit_case pinned_cases_list[] = {
	KUNIT_CASE_PARAM(pinned_matrix, pinned_gen),
	KUNIT_CASE(pinned_boundary),
	KUNIT_CASE(pinned_large_align),
	KUNIT_CASE(pinned_exact_pages),
	KUNIT_CASE(pinned_no_zero_addr),
	{}
};

static struct kunit_suite pinned_suite = {
	.name = "dmamem_pinned",
	.test_cases = pinned_cases_list,
};

kunit_test_suites(&pinned_suite);
