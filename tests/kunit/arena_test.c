// SPDX-License-Identifier: GPL-2.0
/*
 * The real heap's allocator, on page frame numbers alone (no memory is
 * touched).  The test keeps its own map of who owns each page frame and
 * checks the allocator against it: every run meets its request, no run is
 * handed out twice, a refused request really had nowhere to go, and after
 * each phase every page frame is free or owned by exactly one allocation.
 */
#include "../../dmamem/arena.c"	/* first: it sets pr_fmt */
#include <linux/bitmap.h>
#include <linux/log2.h>
#include <linux/prandom.h>
#include "dmtest.h"

#define ARENA_FIRST	0x18000UL	/* an unaligned-ish base: 384 MiB */
#define ARENA_PAGES	4096UL
#define ARENA_END	(ARENA_FIRST + ARENA_PAGES)
#define CHURN_OPS	100000
#define CHURN_PHASES	10
#define CHURN_LIVE	512

struct arena_run {
	unsigned long pfn;
	unsigned long pages;
};

struct arena_world {
	struct dm_arena a;
	unsigned long *owned;	/* bit per page frame: owned by a live run */
	struct arena_run live[CHURN_LIVE];
	unsigned int nr_live;
	struct rnd_state rnd;
	unsigned long refused;
	unsigned long served;
};

static struct arena_world *world_new(struct kunit *test)
{
	struct arena_world *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_EQ(test, dm_arena_init(&w->a, ARENA_FIRST, ARENA_PAGES), 0);
	w->owned = kunit_kcalloc(test, BITS_TO_LONGS(ARENA_PAGES),
				 sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w->owned);
	prandom_seed_state(&w->rnd, 0x646d616d656dULL);
	return w;
}

static bool req_met(const struct dm_arena_req *r, unsigned long pfn)
{
	unsigned long last = pfn + r->pages - 1;

	return IS_ALIGNED(pfn, r->align) && pfn >= r->lowest &&
	       pfn + r->pages <= r->limit &&
	       (!r->boundary || !((pfn ^ last) & ~(r->boundary - 1)));
}

/* Could the request have been met anywhere in the free page frames? */
static bool req_possible(struct arena_world *w, const struct dm_arena_req *r)
{
	unsigned long pfn = ALIGN(max(ARENA_FIRST, r->lowest), r->align);
	unsigned long off;

	for (; pfn + r->pages <= ARENA_FIRST + ARENA_PAGES; pfn += r->align) {
		if (!req_met(r, pfn))
			continue;
		off = pfn - ARENA_FIRST;
		if (find_next_bit(w->owned, off + r->pages, off) >= off + r->pages)
			return true;
	}
	return false;
}

static unsigned int rnd_below(struct arena_world *w, unsigned int n)
{
	return prandom_u32_state(&w->rnd) % n;
}

static void random_req(struct arena_world *w, struct dm_arena_req *r)
{
	/* sizes log-uniform 1..128 pages, alignments 1..64 pages */
	r->pages = 1 + rnd_below(w, 1U << rnd_below(w, 8));
	r->align = 1UL << rnd_below(w, 7);
	r->boundary = 0;
	if (!rnd_below(w, 4))
		r->boundary = roundup_pow_of_two(r->pages) << rnd_below(w, 3);
	r->lowest = 0;
	r->limit = ULONG_MAX;
	if (!rnd_below(w, 4))
		r->limit = ARENA_FIRST + rnd_below(w, ARENA_PAGES + 1);
}

static void world_alloc(struct kunit *test, struct arena_world *w,
			const struct dm_arena_req *r)
{
	unsigned long pfn, off;

	if (dm_arena_alloc(&w->a, r, &pfn)) {
		w->refused++;
		KUNIT_EXPECT_FALSE_MSG(test, req_possible(w, r),
				       "refused %lu pages align %lu boundary %lu limit %#lx that fit",
				       r->pages, r->align, r->boundary, r->limit);
		return;
	}
	w->served++;
	KUNIT_EXPECT_TRUE_MSG(test, req_met(r, pfn),
			      "run %#lx+%lu misses align %lu boundary %lu limit %#lx",
			      pfn, r->pages, r->align, r->boundary, r->limit);
	KUNIT_ASSERT_TRUE(test, pfn >= ARENA_FIRST &&
			  pfn + r->pages <= ARENA_FIRST + ARENA_PAGES);
	off = pfn - ARENA_FIRST;
	KUNIT_ASSERT_EQ_MSG(test, find_next_bit(w->owned, off + r->pages, off),
			    off + r->pages, "run %#lx+%lu handed out twice",
			    pfn, r->pages);
	bitmap_set(w->owned, off, r->pages);
	w->live[w->nr_live++] = (struct arena_run){ pfn, r->pages };
}

static void world_free(struct kunit *test, struct arena_world *w, unsigned int i)
{
	struct arena_run run = w->live[i];

	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, run.pfn, run.pages), 0);
	bitmap_clear(w->owned, run.pfn - ARENA_FIRST, run.pages);
	w->live[i] = w->live[--w->nr_live];
}

/* Every page frame free or owned by exactly one live run; tree sound. */
static void world_check(struct kunit *test, struct arena_world *w)
{
	unsigned long *seen, off;
	struct dm_extent *e;
	struct rb_node *n;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, dm_arena_check(&w->a), 0);
	seen = kunit_kcalloc(test, BITS_TO_LONGS(ARENA_PAGES), sizeof(long),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	for (i = 0; i < w->nr_live; i++) {
		off = w->live[i].pfn - ARENA_FIRST;
		KUNIT_ASSERT_EQ(test, find_next_bit(seen, off + w->live[i].pages, off),
				off + w->live[i].pages);
		bitmap_set(seen, off, w->live[i].pages);
	}
	for (n = rb_first(&w->a.free); n; n = rb_next(n)) {
		e = dm_ext(n);
		off = e->first - ARENA_FIRST;
		KUNIT_ASSERT_EQ_MSG(test, find_next_bit(seen, off + e->pages, off),
				    off + e->pages, "free extent %#lx+%lu overlaps a live run",
				    e->first, e->pages);
		bitmap_set(seen, off, e->pages);
	}
	KUNIT_EXPECT_EQ_MSG(test, bitmap_weight(seen, ARENA_PAGES), ARENA_PAGES,
			    "page frames neither free nor owned");
	kunit_kfree(test, seen);
}

static void arena_basic(struct kunit *test)
{
	struct dm_arena_req r = { .pages = 3, .align = 1, .limit = ULONG_MAX };
	struct arena_world *w;
	unsigned long a, b;

	w = world_new(test);
	KUNIT_EXPECT_EQ(test, dm_arena_largest(&w->a), ARENA_PAGES);
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &a), 0);
	KUNIT_EXPECT_EQ(test, a, ARENA_END - 3);	/* highest first */
	r.align = 1 << 6;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &b), 0);
	KUNIT_EXPECT_EQ(test, b, ALIGN_DOWN(ARENA_END - 6, 1 << 6));
	KUNIT_EXPECT_EQ(test, w->a.free_pages, ARENA_PAGES - 6);
	KUNIT_EXPECT_EQ(test, dm_arena_check(&w->a), 0);
	/* misuse: double free, outside, overlapping a free run */
	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, a, 3), 0);
	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, a, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, b - 1, 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, ARENA_FIRST - 1, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, ARENA_FIRST + ARENA_PAGES, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, b, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, w->a.free_pages, ARENA_PAGES - 3);
	KUNIT_EXPECT_EQ(test, dm_arena_free(&w->a, b, 3), 0);
	/* everything merged back into one extent */
	KUNIT_EXPECT_EQ(test, w->a.nr_extents, 1UL);
	KUNIT_EXPECT_EQ(test, dm_arena_largest(&w->a), ARENA_PAGES);
	KUNIT_EXPECT_EQ(test, dm_arena_check(&w->a), 0);
	dm_arena_destroy(&w->a);
}

/* Runs go as high as the ceiling lets them, and never cross a boundary. */
static void arena_ceiling(struct kunit *test)
{
	struct dm_arena_req r = { .pages = 3, .align = 1 };
	struct arena_world *w;
	unsigned long pfn;

	w = world_new(test);
	r.limit = ARENA_FIRST + 0x102;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, ARENA_FIRST + 0xff);
	/* the highest place would cross 0xfc: the run ends there instead */
	r.boundary = 4;
	r.limit = ARENA_FIRST + 0xfe;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, ARENA_FIRST + 0xfc - 3);
	r.align = 2;
	r.limit = ARENA_FIRST + 0xf6;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, ARENA_FIRST + 0xf4 - 4);
	r.align = 1;
	/* a limit below the arena, or cutting it at its first frame */
	r.limit = ARENA_FIRST;
	KUNIT_EXPECT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), -ENOMEM);
	r.limit = ARENA_FIRST + 3;
	r.boundary = 0;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, ARENA_FIRST);
	/* with no ceiling the run goes to the top */
	r.limit = ULONG_MAX;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, ARENA_END - 3);
	KUNIT_EXPECT_EQ(test, dm_arena_check(&w->a), 0);
	dm_arena_destroy(&w->a);
}

/* Exhaustion is refused cleanly and one free makes room again. */
static void arena_exhaust(struct kunit *test)
{
	struct dm_arena_req r = { .pages = 1, .align = 1, .limit = ULONG_MAX };
	struct arena_world *w;
	unsigned long pfn, n = 0;

	w = world_new(test);
	while (!dm_arena_alloc(&w->a, &r, &pfn))
		n++;
	KUNIT_EXPECT_EQ(test, n, ARENA_PAGES);
	KUNIT_EXPECT_EQ(test, w->a.nr_extents, 0UL);
	KUNIT_EXPECT_EQ(test, dm_arena_largest(&w->a), 0UL);
	KUNIT_ASSERT_EQ(test, dm_arena_free(&w->a, ARENA_FIRST + 100, 1), 0);
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, ARENA_FIRST + 100);
	for (pfn = ARENA_FIRST; pfn < ARENA_FIRST + ARENA_PAGES; pfn += 2)
		KUNIT_ASSERT_EQ(test, dm_arena_free(&w->a, pfn, 1), 0);
	KUNIT_EXPECT_EQ(test, w->a.nr_extents, ARENA_PAGES / 2);
	for (pfn = ARENA_FIRST + 1; pfn < ARENA_FIRST + ARENA_PAGES; pfn += 2)
		KUNIT_ASSERT_EQ(test, dm_arena_free(&w->a, pfn, 1), 0);
	KUNIT_EXPECT_EQ(test, w->a.nr_extents, 1UL);
	KUNIT_EXPECT_EQ(test, dm_arena_check(&w->a), 0);
	dm_arena_destroy(&w->a);
}

/* The exact search finds the one spot the fast descent cannot promise. */
static void arena_tight_fit(struct kunit *test)
{
	struct dm_arena_req r = { .pages = 64, .align = 64, .limit = ULONG_MAX };
	struct dm_arena_req one = { .pages = 1, .align = 1, .limit = ULONG_MAX };
	struct arena_world *w;
	unsigned long pfn, hole = ALIGN(ARENA_FIRST, 64) + 1024;

	w = world_new(test);
	while (!dm_arena_alloc(&w->a, &one, &pfn))
		;
	/* free exactly one aligned 64-frame hole: 64 < 64 + 63 */
	KUNIT_ASSERT_EQ(test, dm_arena_free(&w->a, hole, 64), 0);
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, hole);
	/* a ceiling below the hole refuses it */
	KUNIT_ASSERT_EQ(test, dm_arena_free(&w->a, hole, 64), 0);
	r.limit = hole + 63;
	KUNIT_EXPECT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), -ENOMEM);
	r.limit = hole + 64;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	/* the exact hole is still taken before a larger extent below it */
	KUNIT_ASSERT_EQ(test, dm_arena_free(&w->a, pfn, 64), 0);
	for (pfn = ARENA_FIRST; pfn < ARENA_FIRST + 512; pfn++)
		KUNIT_ASSERT_EQ(test, dm_arena_free(&w->a, pfn, 1), 0);
	r.limit = ULONG_MAX;
	KUNIT_ASSERT_EQ(test, dm_arena_alloc(&w->a, &r, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, hole);
	KUNIT_EXPECT_EQ(test, dm_arena_check(&w->a), 0);
	dm_arena_destroy(&w->a);
}

static void arena_churn(struct kunit *test)
{
	struct arena_world *w = world_new(test);
	struct dm_arena_req r;
	unsigned int op, phase;

	for (phase = 0; phase < CHURN_PHASES; phase++) {
		for (op = 0; op < CHURN_OPS / CHURN_PHASES; op++) {
			if (w->nr_live && (w->nr_live == CHURN_LIVE || rnd_below(w, 2))) {
				world_free(test, w, rnd_below(w, w->nr_live));
			} else {
				random_req(w, &r);
				world_alloc(test, w, &r);
			}
			/* the tree's own checker, often: a stale maximum shows at once */
			if (!(op % 16)) {
				KUNIT_ASSERT_EQ_MSG(test, dm_arena_check(&w->a), 0,
						    "after operation %u of phase %u", op, phase);
				/*
				 * A scheduling point: under TCG with KASAN
				 * the run takes tens of seconds, and on a
				 * kernel without preemption a loaded host
				 * made it an RCU stall.
				 */
				cond_resched();
			}
		}
		world_check(test, w);
	}
	kunit_info(test, "%lu served, %lu refused (each refusal proven unsatisfiable)",
		   w->served, w->refused);
	KUNIT_EXPECT_GT(test, w->refused, 0UL);	/* the arena was driven full */
	while (w->nr_live)
		world_free(test, w, w->nr_live - 1);
	world_check(test, w);
	KUNIT_EXPECT_EQ(test, w->a.nr_extents, 1UL);
	dm_arena_destroy(&w->a);
}

static struct kunit_case arena_cases[] = {
	KUNIT_CASE(arena_basic),
	KUNIT_CASE(arena_ceiling),
	KUNIT_CASE(arena_exhaust),
	KUNIT_CASE(arena_tight_fit),
	KUNIT_CASE_SLOW(arena_churn),
	{}
};

static struct kunit_suite arena_suite = {
	.name = "dmamem_arena",
	.test_cases = arena_cases,
};

kunit_test_suites(&arena_suite);
