// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection: allocations fail inside dmamem's paths, and every
 * failure must come out as the documented value (NULL, DMA_FAIL,
 * DMA_NORES, -ENOMEM, -1), with nothing leaked and nothing left half done.
 *
 * Two ways.  Systematically: for each operation, the first run fails the
 * first allocation it makes (failslab or fail_page_alloc, whichever comes
 * first), the next run the second, and so on until a run completes with
 * no failure injected, so every allocation on the path fails once.  This
 * uses the task's fail-nth counter, as /proc/self/fail-nth does.  Then at
 * random: the test's own task is marked to fail (make_it_fail, with the
 * task filter on), and a churn of every operation runs against the
 * probability set in debugfs.
 *
 * Both need failslab and fail_page_alloc to consider sleeping allocations
 * of any order (ignore-gfp-wait=N, min-order=0): tests/vm/faults.sh sets
 * that up before the suites load.  Without it the cases are skipped,
 * unless the module was loaded with faults_required=1 (as make check does),
 * when they fail.
 *
 * After each operation: the heaps' and the pools' counters and the
 * handle's are where the outcome says they must be, a free that succeeded
 * left no trace (the address is unknown afterwards, which also finds a
 * record freed but still reachable, with KASAN), and a free or a clear
 * that was refused changed nothing.
 */
#include <linux/dma-mapping.h>
#include <linux/fault-inject.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <sys/dma.h>
#include "dmtest.h"

static bool faults_required;
module_param(faults_required, bool, 0444);
MODULE_PARM_DESC(faults_required,
		 "fail the fault injection suite, instead of skipping it, when fault injection is not set up");

#define FAULT_MAX_SITES	400	/* allocations one operation may make */

#ifdef CONFIG_FAULT_INJECTION

/* Fail the n-th allocation this task makes from now on (1: the next). */
static void fault_arm(unsigned int n)
{
	WRITE_ONCE(current->fail_nth, n);
}

/* Stop failing; return whether a failure was injected since fault_arm(). */
static bool fault_disarm(void)
{
	bool hit = !READ_ONCE(current->fail_nth);

	WRITE_ONCE(current->fail_nth, 0);
	return hit;
}

/* Do sleeping slab and order-0 page allocations fail when asked to? */
static bool fault_nth_works(void)
{
	struct page *page;
	void *p;

	fault_arm(1);
	p = kmalloc(32, GFP_KERNEL);
	fault_disarm();
	kfree(p);
	if (p)
		return false;
	fault_arm(1);
	page = alloc_page(GFP_KERNEL);
	fault_disarm();
	if (page)
		__free_page(page);
	return !page;
}

/* Does marking the task make its allocations fail now and then? */
static bool fault_random_works(void)
{
	unsigned int i, failed = 0;
	void *p;

	current->make_it_fail = 1;
	for (i = 0; i < 200; i++) {
		p = kmalloc(32, GFP_KERNEL);
		failed += !p;
		kfree(p);
	}
	current->make_it_fail = 0;
	return failed > 0 && failed < 200;
}

static void fault_need(struct kunit *test, bool ready)
{
	if (ready)
		return;
	if (faults_required)
		KUNIT_FAIL(test, "fault injection is not set up (tests/vm/faults.sh)");
	else
		kunit_skip(test, "fault injection is not set up (tests/vm/faults.sh)");
}

static int fault_init(struct kunit *test)
{
	if (fault_nth_works())
		return 0;
	if (faults_required) {
		KUNIT_FAIL(test, "fault injection is not set up (tests/vm/faults.sh)");
		return -ENODEV;
	}
	kunit_skip(test, "fault injection is not set up (tests/vm/faults.sh)");
	return 0;
}

/* One shape of allocation: a handle's flags, a size and an alignment. */
struct fault_shape {
	const char *name;
	int flags;
	size_t size;
	unsigned int align;
	u64 mask;
	bool contiguous;
};

static const struct fault_shape fault_shapes[] = {
	{ "pool block, pinned first", DMA_MASTER, 100, 0, DMA_BIT_MASK(32) },
	{ "pool block, real heap", DMA_HEAP_REAL | DMA_ADDRESS_64_BIT, 64, 6,
	  DMA_BIT_MASK(64) },
	{ "pool block, 24-bit", DMA_ADDRESS_BITS(24), 700, 8, DMA_BIT_MASK(24) },
	{ "pinned page", DMA_HEAP_PINNED, PAGE_SIZE, 12, DMA_BIT_MASK(32) },
	{ "pinned contiguous", DMA_HEAP_PINNED | DMA_CONTIGUOUS,
	  5 * PAGE_SIZE + 3, 14, DMA_BIT_MASK(32), true },
	{ "pinned separate pages", DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT,
	  6 * PAGE_SIZE, 0, DMA_BIT_MASK(64) },
	{ "real heap", DMA_HEAP_REAL, 3 * PAGE_SIZE, 13, DMA_BIT_MASK(32), true },
	{ "real first, 28-bit", DMA_ADDRESS_BITS(28) | DMA_CONTIGUOUS, SZ_64K, 12,
	  DMA_BIT_MASK(28), true },
};

static void fault_want(const struct fault_shape *s, struct dmt_want *want)
{
	*want = (struct dmt_want) {
		.mask = s->mask,
		.align = s->align,
		.contiguous = s->contiguous || s->size <= PAGE_SIZE ||
			      (s->flags & DMA_HEAP_REAL),
	};
}

static const void *fault_shape_gen(const void *prev, char *desc)
{
	const struct fault_shape *s = prev ? (const struct fault_shape *)prev + 1 :
					     fault_shapes;

	if (s == fault_shapes + ARRAY_SIZE(fault_shapes))
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", s->name);
	return s;
}

/*
 * d_alloc_dmamem() with each of its allocations failing in turn, on a new
 * handle each time, so the first block's records are made on every run.
 */
static void fault_alloc(struct kunit *test)
{
	const struct fault_shape *s = test->param_value;
	unsigned int n, refused = 0;
	struct dmt_counters before;
	struct dmt_want want;
	d_handle_t h;
	bool hit;
	void *p;

	fault_want(s, &want);
	for (n = 1; n < FAULT_MAX_SITES; n++) {
		dmt_counters_read(test, &before);
		h = dmt_handle(test, s->flags);
		fault_arm(n);
		p = d_alloc_dmamem(h, s->size, s->align);
		hit = fault_disarm();
		if (p) {
			dmt_check_alloc(test, p, s->size, &want);
			dmt_expect_handle(test, h, 1, s->size);
			KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, s->size), 0);
		} else {
			refused++;
			KUNIT_EXPECT_TRUE_MSG(test, hit, "refused with no failure injected");
		}
		dmt_expect_handle(test, h, 0, 0);
		d_map_clear(h);
		dmt_expect_counters(test, &before, "an allocation and its free");
		if (!hit)
			break;
	}
	KUNIT_EXPECT_LT_MSG(test, n, FAULT_MAX_SITES, "no end of allocations to fail");
	KUNIT_EXPECT_GT_MSG(test, refused, 0U, "no injected failure reached the caller");
	kunit_info(test, "%u allocations on the path, %u refused\n", n - 1, refused);
}

/* d_free_dmamem() with each of its allocations failing in turn. */
static void fault_free(struct kunit *test)
{
	const struct fault_shape *s = test->param_value;
	struct dmt_counters before, with;
	struct dmamem_alloc_info info;
	unsigned int n;
	d_handle_t h;
	bool hit;
	void *p;
	int ret;

	for (n = 1; n < FAULT_MAX_SITES; n++) {
		dmt_counters_read(test, &before);
		h = dmt_handle(test, s->flags);
		p = d_alloc_dmamem(h, s->size, s->align);
		KUNIT_ASSERT_NOT_NULL(test, p);
		memset(p, 0x6b, s->size);
		dmt_counters_read(test, &with);
		fault_arm(n);
		ret = d_free_dmamem(h, p, s->size);
		hit = fault_disarm();
		if (!ret) {
			/* gone without a trace: unknown to every lookup */
			dmt_expect_counters(test, &before, "a free");
			dmt_expect_handle(test, h, 0, 0);
			KUNIT_EXPECT_EQ(test, dmamem_alloc_info(h, p, &info), -EINVAL);
			KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, s->size), -1);
		} else {
			/* refused: nothing changed, and it can be freed later */
			KUNIT_EXPECT_EQ(test, ret, -1);
			dmt_expect_counters(test, &with, "a refused free");
			dmt_expect_handle(test, h, 1, s->size);
			KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0x6b, s->size), NULL);
			KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, s->size), 0);
		}
		d_map_clear(h);
		dmt_expect_counters(test, &before, "a free and a clear");
		if (!hit)
			break;
	}
	KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
}

/* What a handle holds before fault_clear() clears it. */
struct fault_held {
	void *p;
	size_t size;
};

/*
 * d_map_clear() with each of its allocations failing in turn: it reclaims
 * everything whatever happens, and leaves no trace another handle's free
 * could stumble on.
 */
static void fault_clear(struct kunit *test)
{
	static const struct fault_shape *const kinds[] = {
		&fault_shapes[0], &fault_shapes[3], &fault_shapes[4],
		&fault_shapes[5],
	};
	struct fault_held held[ARRAY_SIZE(kinds) + 1];
	struct dmt_counters before;
	struct dmamem_alloc_info info;
	unsigned int i, n;
	d_handle_t h, other;
	ulong bus;
	bool hit;

	other = dmt_handle(test, DMA_MASTER);
	for (n = 1; n < FAULT_MAX_SITES; n++) {
		dmt_counters_read(test, &before);
		h = dmt_handle(test, DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT);
		for (i = 0; i < ARRAY_SIZE(kinds); i++) {
			held[i].size = kinds[i]->size;
			held[i].p = d_alloc_dmamem(h, held[i].size, kinds[i]->align);
			KUNIT_ASSERT_NOT_NULL(test, held[i].p);
		}
		held[i].size = 3 * PAGE_SIZE;
		held[i].p = d_alloc_dmamem(h, held[i].size, 0);
		KUNIT_ASSERT_NOT_NULL(test, held[i].p);
		KUNIT_ASSERT_EQ(test, d_map_page(h, 0, held[1].p, &bus, xmem_global),
				DMA_SUCC);
		fault_arm(n);
		d_map_clear(h);
		hit = fault_disarm();
		dmt_expect_counters(test, &before, "a clear");
		KUNIT_EXPECT_EQ(test, dmamem_handle_info(h, (void *)&info), -EINVAL);
		for (i = 0; i < ARRAY_SIZE(held); i++) {
			KUNIT_EXPECT_EQ(test, d_free_dmamem(other, held[i].p, held[i].size), -1);
			KUNIT_EXPECT_EQ(test, dmamem_alloc_info(other, held[i].p, &info),
					-EINVAL);
		}
		if (!hit)
			break;
	}
	KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
	dmt_expect_handle(test, other, 0, 0);
	d_map_clear(other);
}

/* d_map_init(), d_map_init_ext() and dmamem_device_bid() failing in turn. */
static void fault_handles(struct kunit *test)
{
	struct device *dev = dmt_device(test, 32);
	unsigned int n, refused = 0;
	d_info_t in = { .di_flags = DMA_CONTIGUOUS, .di_mapper_name = "fault" };
	d_handle_t h;
	long ret;
	int bid = 0;
	bool hit;

	for (n = 1; n < FAULT_MAX_SITES; n++) {
		fault_arm(n);
		h = d_map_init(bid, DMA_ADDRESS_BITS(30) | DMA_MAXMIN_QUIET, 0, 0);
		hit = fault_disarm();
		if (h == (d_handle_t)DMA_FAIL) {
			KUNIT_EXPECT_TRUE(test, hit);
			refused++;
		} else {
			dmt_expect_handle(test, h, 0, 0);
			d_map_clear(h);
		}
		if (!hit)
			break;
	}
	KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
	KUNIT_EXPECT_GT(test, refused, 0U);
	for (n = 1; n < FAULT_MAX_SITES; n++) {
		h = (d_handle_t)0x5a5a;
		fault_arm(n);
		ret = d_map_init_ext(&in, sizeof(in), &h);
		hit = fault_disarm();
		if (ret) {
			KUNIT_EXPECT_TRUE(test, hit);
			KUNIT_EXPECT_EQ(test, ret, (long)-ENOMEM);
			KUNIT_EXPECT_PTR_EQ(test, h, (d_handle_t)0x5a5a);
		} else {
			d_map_clear(h);
		}
		if (!hit)
			break;
	}
	KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
	for (n = 1; n < FAULT_MAX_SITES; n++) {
		fault_arm(n);
		bid = dmamem_device_bid(dev);
		hit = fault_disarm();
		if (bid == DMA_FAIL) {
			KUNIT_EXPECT_TRUE(test, hit);
		} else {
			h = d_map_init(bid, DMA_MASTER, 0, 0);
			KUNIT_EXPECT_TRUE(test, h != (d_handle_t)DMA_FAIL);
			if (h != (d_handle_t)DMA_FAIL)
				d_map_clear(h);
			KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), 0);
		}
		if (!hit)
			break;
	}
	KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
	/* a handle bound to the device, its records failing in turn */
	bid = dmamem_device_bid(dev);
	KUNIT_ASSERT_NE(test, bid, DMA_FAIL);
	for (n = 1; n < FAULT_MAX_SITES; n++) {
		fault_arm(n);
		h = d_map_init(bid, DMA_MASTER | DMA_MAXMIN_QUIET, 0, 0);
		hit = fault_disarm();
		if (h != (d_handle_t)DMA_FAIL)
			d_map_clear(h);
		if (!hit)
			break;
	}
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), 0);
}

static unsigned long fault_mappings(d_handle_t h)
{
	struct dmamem_handle_info info;

	if (dmamem_handle_info(h, &info))
		return ULONG_MAX;
	return info.mappings;
}

/*
 * The mapping services failing in turn, with and without a device, each
 * run on a handle of its own: a mapping record given back is kept for the
 * next mapping on the handle, which then allocates nothing.  With a device
 * the DMA API maps before dmamem takes its record, and DMA-API debugging
 * switches itself off when its own records cannot be had, so the runs
 * stop at the first that dmamem refuses, and map to the device only:
 * DMA-API debugging tracks the cachelines of a mapping the device may
 * write in a radix tree, whose nodes (and kmemleak's records of them) it
 * allocates on the way, a varying number of them, and so the first
 * failure would land among them instead of on dmamem's record.
 */
static d_handle_t fault_map_handle(struct kunit *test, struct device *dev)
{
	if (dev)
		return dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	return dmt_handle(test, DMA_ADDRESS_64_BIT);
}

/* d_map_page() and d_map_list() of @buf, on @dev or none, failing in turn. */
static void fault_map_one(struct kunit *test, struct device *dev, void *buf)
{
	struct d_iovec vv[2], bv[2];
	struct dio virt = { .total_iovecs = 2, .used_iovecs = 2, .dvec = vv };
	struct dio bus = { .total_iovecs = 2, .dvec = bv };
	unsigned int n, refused = 0;
	d_handle_t h;
	ulong ba;
	bool hit;
	int ret;

	for (n = 1; n < FAULT_MAX_SITES; n++) {
		h = fault_map_handle(test, dev);
		fault_arm(n);
		ret = d_map_page(h, dev ? 0 : DMA_READ, buf, &ba, xmem_global);
		hit = fault_disarm();
		if (ret == DMA_SUCC) {
			KUNIT_EXPECT_EQ(test, fault_mappings(h), 1UL);
			d_unmap_page(h, &ba);
		} else {
			KUNIT_EXPECT_EQ(test, ret, DMA_NORES);
			refused++;
		}
		KUNIT_EXPECT_EQ(test, fault_mappings(h), 0UL);
		d_map_clear(h);
		if (!hit || (dev && ret != DMA_SUCC))
			break;
	}
	KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
	KUNIT_EXPECT_GT_MSG(test, refused, 0U, "%s, %u runs",
			    dev ? "bound" : "no device", n);
	for (n = 1; n < FAULT_MAX_SITES; n++) {
		h = fault_map_handle(test, dev);
		vv[0] = (struct d_iovec) { buf, PAGE_SIZE, xmem_global };
		vv[1] = (struct d_iovec) { buf + 2 * PAGE_SIZE, 100, xmem_global };
		fault_arm(n);
		ret = d_map_list(h, 0, 1, &virt, &bus);
		hit = fault_disarm();
		if (ret == DMA_SUCC) {
			KUNIT_EXPECT_EQ(test, bus.bytes_done, (long)PAGE_SIZE + 100);
		} else {
			KUNIT_EXPECT_EQ(test, ret, DMA_NORES);
			KUNIT_EXPECT_EQ(test, bus.bytes_done, 0L);
		}
		d_unmap_list(h, &bus);
		KUNIT_EXPECT_EQ(test, fault_mappings(h), 0UL);
		d_map_clear(h);
		if (!hit || (dev && ret != DMA_SUCC))
			break;
	}
	KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
}

static void fault_map(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t r = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	void *buf = d_alloc_dmamem(h, 3 * PAGE_SIZE, 0);
	void *real = d_alloc_dmamem(r, 3 * PAGE_SIZE, 0);

	KUNIT_ASSERT_TRUE(test, buf && real);
	fault_map_one(test, NULL, buf);
	fault_map_one(test, dev, buf);
	fault_map_one(test, dev, real);
	d_map_clear(h);
	d_map_clear(r);
}

/*
 * A page mapping and a list mapping of @buf on @h, after one of each was
 * made and unmapped: neither allocates (its record is the one given back),
 * so neither fails when the task's next allocation is made to fail.
 */
static void fault_reuse_one(struct kunit *test, d_handle_t h, void *buf)
{
	struct d_iovec vv[2], bv[2];
	struct dio virt = { .total_iovecs = 2, .used_iovecs = 2, .dvec = vv };
	struct dio bus = { .total_iovecs = 2, .dvec = bv };
	unsigned int round;
	ulong ba;
	int ret;

	vv[0] = (struct d_iovec) { buf, 64, xmem_global };
	vv[1] = (struct d_iovec) { buf + 128, 64, xmem_global };
	for (round = 0; round < 2; round++) {
		fault_arm(round);	/* 0: nothing fails */
		ret = d_map_page(h, DMA_READ, buf, &ba, xmem_global);
		KUNIT_EXPECT_FALSE_MSG(test, fault_disarm() && round,
				       "d_map_page() allocated on reuse");
		KUNIT_ASSERT_EQ(test, ret, DMA_SUCC);
		d_unmap_page(h, &ba);
		fault_arm(round);
		ret = d_map_list(h, 0, 1, &virt, &bus);
		KUNIT_EXPECT_FALSE_MSG(test, fault_disarm() && round,
				       "d_map_list() allocated on reuse");
		KUNIT_ASSERT_EQ(test, ret, DMA_SUCC);
		d_unmap_list(h, &bus);
	}
	KUNIT_EXPECT_EQ(test, fault_mappings(h), 0UL);
}

/* The per-I/O path allocates nothing in the steady state. */
static void fault_map_reuse(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t bound = dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	void *buf = d_alloc_dmamem(h, PAGE_SIZE, 0);
	void *own = d_alloc_dmamem(bound, PAGE_SIZE, 0);

	KUNIT_ASSERT_TRUE(test, buf && own);
	fault_reuse_one(test, h, buf);
	/* the device's own memory: no DMA API call, which could allocate */
	fault_reuse_one(test, bound, own);
	d_map_clear(h);
	d_map_clear(bound);
}

/* One case of the AIX heap shims: xmalloc() or rmalloc(). */
struct fault_shim {
	int size;
	int align;
	bool real;
};

static caddr_t fault_shim_get(const struct fault_shim *c)
{
	if (c->real)
		return rmalloc(c->size, c->align);
	return xmalloc(c->size, c->align, pinned_heap);
}

static int fault_shim_put(const struct fault_shim *c, caddr_t p)
{
	if (c->real)
		return rmfree(p, c->size);
	return xmfree(p, pinned_heap);
}

/* xmalloc(), xmfree(), rmalloc() and rmfree() failing in turn. */
static void fault_compat(struct kunit *test)
{
	static const struct fault_shim cases[] = {
		{ 64, 3 }, { 100, 8 }, { 5000, 0 }, { 2 * PAGE_SIZE, 13 },
		{ 100, 4, true }, { 3 * PAGE_SIZE, 12, true },
	};
	struct dmt_counters before;
	unsigned int i, n;
	caddr_t p;
	bool hit;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		for (n = 1; n < FAULT_MAX_SITES; n++) {
			dmt_counters_read(test, &before);
			fault_arm(n);
			p = fault_shim_get(&cases[i]);
			hit = fault_disarm();
			if (p) {
				KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0, cases[i].size), NULL);
				/* a free failing for memory must change nothing */
				fault_arm(n);
				ret = fault_shim_put(&cases[i], p);
				fault_disarm();
				if (ret)
					ret = fault_shim_put(&cases[i], p);
				KUNIT_EXPECT_EQ(test, ret, 0);
				/* and it is unknown now */
				KUNIT_EXPECT_EQ(test, fault_shim_put(&cases[i], p), -1);
			} else {
				KUNIT_EXPECT_TRUE(test, hit);
			}
			dmt_expect_counters(test, &before, "xmalloc or rmalloc and its free");
			if (!hit)
				break;
		}
		KUNIT_EXPECT_LT(test, n, FAULT_MAX_SITES);
	}
}

/* A churn of every operation with the task's allocations failing at random. */
#define FAULT_CHURN	600
#define FAULT_SLOTS	24

struct fault_slot {
	const struct fault_shape *shape;
	d_handle_t h;
	void *p;
};

static void fault_random(struct kunit *test)
{
	struct fault_slot *slot, *sl;
	struct dmt_counters before;
	unsigned int i, failed = 0, wrong = 0;
	struct dmt_want want;
	u32 seed = 12345;
	char why[128];
	ulong ba;
	int ret;

	fault_need(test, fault_random_works());
	slot = kunit_kcalloc(test, FAULT_SLOTS, sizeof(*slot), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, slot);
	dmt_counters_read(test, &before);
	for (i = 0; i < FAULT_CHURN; i++) {
		seed = seed * 1103515245 + 12345;
		sl = &slot[(seed >> 8) % FAULT_SLOTS];
		current->make_it_fail = 1;
		if (!sl->h) {
			sl->shape = &fault_shapes[(seed >> 16) % ARRAY_SIZE(fault_shapes)];
			sl->h = d_map_init(0, sl->shape->flags | DMA_MAXMIN_QUIET, 0, 0);
			if (sl->h == (d_handle_t)DMA_FAIL) {
				sl->h = NULL;
				failed++;
			}
		} else if (!sl->p) {
			sl->p = d_alloc_dmamem(sl->h, sl->shape->size, sl->shape->align);
			failed += !sl->p;
		} else if ((seed >> 24) % 4 == 0) {
			ret = d_map_page(sl->h, 0, sl->p, &ba, xmem_global);
			if (ret == DMA_SUCC)
				d_unmap_page(sl->h, &ba);
			else if (ret == DMA_NORES)
				failed++;
			else
				wrong++;
		} else if ((seed >> 24) % 4 == 1) {
			d_map_clear(sl->h);
			sl->h = NULL;
			sl->p = NULL;
		} else {
			ret = d_free_dmamem(sl->h, sl->p, sl->shape->size);
			current->make_it_fail = 0;
			/* refused for memory: then it must be freeable still */
			if (ret && (ret != -1 ||
				    d_free_dmamem(sl->h, sl->p, sl->shape->size)))
				wrong++;
			sl->p = NULL;
		}
		current->make_it_fail = 0;
	}
	KUNIT_EXPECT_EQ_MSG(test, wrong, 0U, "a return code not documented");
	KUNIT_EXPECT_GT(test, failed, 0U);
	kunit_info(test, "%u operations, %u refused for memory\n", FAULT_CHURN, failed);
	/* what survived is where it must be, and all of it goes back */
	for (i = 0; i < FAULT_SLOTS; i++) {
		sl = &slot[i];
		if (!sl->h)
			continue;
		if (sl->p) {
			fault_want(sl->shape, &want);
			if (dmt_misplaced(sl->p, sl->shape->size, &want, why, sizeof(why)))
				KUNIT_FAIL(test, "%s: %s", sl->shape->name, why);
		}
		d_map_clear(sl->h);
	}
	dmt_expect_counters(test, &before, "the churn");
}

#else /* !CONFIG_FAULT_INJECTION */

static int fault_init(struct kunit *test)
{
	if (faults_required) {
		KUNIT_FAIL(test, "the kernel has no fault injection");
		return -ENODEV;
	}
	kunit_skip(test, "the kernel has no fault injection");
	return 0;
}

static const void *fault_shape_gen(const void *prev, char *desc)
{
	return NULL;
}

static void fault_alloc(struct kunit *test) {}
static void fault_free(struct kunit *test) {}
static void fault_clear(struct kunit *test) {}
static void fault_handles(struct kunit *test) {}
static void fault_map(struct kunit *test) {}
static void fault_map_reuse(struct kunit *test) {}
static void fault_compat(struct kunit *test) {}
static void fault_random(struct kunit *test) {}

#endif /* CONFIG_FAULT_INJECTION */

static struct kunit_case fault_cases[] = {
	KUNIT_CASE_PARAM(fault_alloc, fault_shape_gen),
	KUNIT_CASE_PARAM(fault_free, fault_shape_gen),
	KUNIT_CASE(fault_clear),
	KUNIT_CASE(fault_handles),
	KUNIT_CASE(fault_map),
	KUNIT_CASE(fault_map_reuse),
	KUNIT_CASE(fault_compat),
	KUNIT_CASE(fault_random),
	{}
};

static struct kunit_suite fault_suite = {
	.name = "dmamem_fault",
	.init = fault_init,
	.test_cases = fault_cases,
};

kunit_test_suites(&fault_suite);
