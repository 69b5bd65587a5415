// SPDX-License-Identifier: GPL-2.0
/*
 * Misuse: every bad input gets its documented error and changes nothing.
 * Each case checks the heap and the handles' bookkeeping after the bad
 * call, and that a live buffer kept alongside still holds its bytes and
 * can still be freed the right way.
 */
#include <linux/slab.h>
#include <sys/dma.h>
#include "dmtest.h"

#define VICTIM_SIZE	(3 * PAGE_SIZE + 17)

struct misuse {
	struct dmamem_heap_info heap;
	d_handle_t h;
	d_handle_t other;
	void *victim;		/* a live buffer of h */
	void *theirs;		/* a live buffer of other */
};

static void misuse_setup(struct kunit *test, struct misuse *m)
{
	m->h = dmt_handle(test, DMA_MASTER);
	m->other = dmt_handle(test, DMA_HEAP_PINNED | DMA_CONTIGUOUS);
	m->victim = d_alloc_dmamem(m->h, VICTIM_SIZE, 0);
	m->theirs = d_alloc_dmamem(m->other, PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, m->victim);
	KUNIT_ASSERT_NOT_NULL(test, m->theirs);
	memset(m->victim, 0x5a, VICTIM_SIZE);
	memset(m->theirs, 0x3c, PAGE_SIZE);
	dmt_heap_snapshot(test, &m->heap);
}

/* Nothing changed: heap, bookkeeping, bytes; then tear down properly. */
static void misuse_verify(struct kunit *test, struct misuse *m)
{
	dmt_expect_heap(test, &m->heap);
	dmt_expect_handle(test, m->h, 1, VICTIM_SIZE);
	dmt_expect_handle(test, m->other, 1, PAGE_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(m->victim, 0x5a, VICTIM_SIZE), NULL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(m->theirs, 0x3c, PAGE_SIZE), NULL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m->h, m->victim, VICTIM_SIZE), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m->other, m->theirs, PAGE_SIZE), 0);
	d_map_clear(m->h);
	d_map_clear(m->other);
}

static void misuse_bad_alloc_args(struct kunit *test)
{
	d_handle_t b16;
	struct misuse m;

	misuse_setup(test, &m);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, 0, 0));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, PAGE_SIZE, -1));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, PAGE_SIZE, 64));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, PAGE_SIZE, 1000));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, PAGE_SIZE, INT_MIN));
	/* more alignment than the pinned heap can give */
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, PAGE_SIZE, 40));
	/* larger than any heap */
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, SIZE_MAX, 0));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, SIZE_MAX - PAGE_SIZE + 2, 0));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.h, (totalram_pages() + 1) << PAGE_SHIFT, 0));
	/* contiguous, larger than the largest block the page allocator gives */
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(m.other, SZ_64M, 0));
	/* larger than the handle's boundary */
	b16 = dmt_handle(test, DMA_BOUNDARY(16));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(b16, SZ_64K + 1, 0));
	d_map_clear(b16);
	misuse_verify(test, &m);
}

static void misuse_bad_free(struct kunit *test)
{
	struct misuse m;
	void *mine;
	int local;

	misuse_setup(test, &m);
	/* wrong size */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim, VICTIM_SIZE + 1), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim, VICTIM_SIZE - 1), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim, 0), -1);
	/* interior addresses */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim + 1, VICTIM_SIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim + PAGE_SIZE, VICTIM_SIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.victim + 4 * PAGE_SIZE - 1, 1), -1);
	/* another handle's buffer, named with the wrong handle */
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, m.theirs, PAGE_SIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.other, m.victim, VICTIM_SIZE), -1);
	/* memory dmamem never handed out */
	mine = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mine);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, mine, 64), -1);
	kfree(mine);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, &local, sizeof(local)), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, NULL, PAGE_SIZE), -1);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, ERR_PTR(-EINVAL), PAGE_SIZE), -1);
	misuse_verify(test, &m);
}

static void misuse_double_free(struct kunit *test)
{
	struct misuse m;
	void *p;

	misuse_setup(test, &m);
	p = d_alloc_dmamem(m.h, PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, p, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(m.h, p, PAGE_SIZE), -1);
	misuse_verify(test, &m);
}

/* Handles that are not live: refused by every entry point, unread. */
static void misuse_dead_handles(struct kunit *test)
{
	struct dmamem_handle_info info;
	struct d_handle *forged;
	d_handle_t cleared;
	struct misuse m;
	d_handle_t bad[4];
	unsigned int i;

	misuse_setup(test, &m);
	cleared = d_map_init(0, DMA_MASTER, 0, 0);
	KUNIT_ASSERT_TRUE(test, cleared != (d_handle_t)DMA_FAIL);
	d_map_clear(cleared);
	forged = kmemdup(m.h, sizeof(*m.h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, forged);

	bad[0] = NULL;
	bad[1] = (d_handle_t)DMA_FAIL;
	bad[2] = cleared;
	bad[3] = forged;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_NULL_MSG(test, d_alloc_dmamem(bad[i], PAGE_SIZE, 0),
				      "bad handle %u", i);
		KUNIT_EXPECT_EQ_MSG(test, d_free_dmamem(bad[i], m.victim, VICTIM_SIZE), -1,
				    "bad handle %u", i);
		KUNIT_EXPECT_EQ_MSG(test, dmamem_handle_info(bad[i], &info), -EINVAL,
				    "bad handle %u", i);
		D_MAP_CLEAR(bad[i]);
	}
	kfree(forged);
	KUNIT_EXPECT_EQ(test, dmamem_handle_info(m.h, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL + 1, &m.heap), -EINVAL);
	misuse_verify(test, &m);
}

static struct kunit_case misuse_cases[] = {
	KUNIT_CASE(misuse_bad_alloc_args),
	KUNIT_CASE(misuse_bad_free),
	KUNIT_CASE(misuse_double_free),
	KUNIT_CASE(misuse_dead_handles),
	{}
};

static struct kunit_suite misuse_suite = {
	.name = "dmamem_misuse",
	.test_cases = misuse_cases,
};

kunit_test_suites(&misuse_suite);
