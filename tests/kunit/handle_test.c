// SPDX-License-Identifier: GPL-2.0
/*
 * Handles: what d_map_init() accepts and records, what it refuses,
 * d_map_clear() reclaiming what a handle still holds, the owning module
 * recorded, and stale handles kept from reuse.
 */
#include <linux/dma-mapping.h>
#include <sys/dma.h>
#include "dmtest.h"

struct flags_case {
	const char *name;
	int flags;
	uint channel;
	u64 mask;
	u64 boundary;
	bool contiguous;
};

static const struct flags_case accepted[] = {
	{ "master", DMA_MASTER, 0, DMA_BIT_MASK(32), 0, false },
	{ "64-bit", DMA_ADDRESS_64_BIT, 0, DMA_BIT_MASK(64), 0, false },
	{ "64-bit enable_64", DMA_ADDRESS_64_BIT | DMA_ENABLE_64, 0, DMA_BIT_MASK(64), 0, false },
	{ "contiguous", DMA_CONTIGUOUS, 0, DMA_BIT_MASK(32), 0, true },
	{ "24-bit", DMA_ADDRESS_24_BIT, 0, DMA_BIT_MASK(24), 0, false },
	{ "28-bit", DMA_ADDRESS_BITS(28), 0, DMA_BIT_MASK(28), 0, false },
	{ "bits(64)", DMA_ADDRESS_BITS(64), 0, DMA_BIT_MASK(64), 0, false },
	{ "64-bit bits(64)", DMA_ADDRESS_64_BIT | DMA_ADDRESS_BITS(64), 0,
	  DMA_BIT_MASK(64), 0, false },
	{ "boundary 64K", DMA_BOUNDARY(16), 0, DMA_BIT_MASK(32), SZ_64K, false },
	{ "maxmin 2G mapspace quiet", DMA_MAXMIN_2G | DMA_MAXMIN_MAPSPACE | DMA_MAXMIN_QUIET,
	  0, DMA_BIT_MASK(32), 0, false },
	{ "no zero addr", DMA_NO_ZERO_ADDR, 0, DMA_BIT_MASK(32), 0, false },
	{ "pinned heap only", DMA_HEAP_PINNED, 0, DMA_BIT_MASK(32), 0, false },
	{ "real heap only", DMA_HEAP_REAL, 0, DMA_BIT_MASK(32), 0, false },
	{ "isa slave ch1", DMA_SLAVE, 1, DMA_BIT_MASK(24), SZ_64K, true },
	{ "isa slave ch6", DMA_SLAVE, 6, DMA_BIT_MASK(24), SZ_128K, true },
	{ "isa slave ch0 boundary 4K", DMA_SLAVE | DMA_BOUNDARY(12), 0,
	  DMA_BIT_MASK(24), SZ_4K, true },
};

static void handle_flags_recorded(struct kunit *test)
{
	struct dmamem_handle_info info;
	unsigned int i;
	d_handle_t h;

	for (i = 0; i < ARRAY_SIZE(accepted); i++) {
		const struct flags_case *fc = &accepted[i];

		h = d_map_init(BID_VAL(IO_ISA, ISA_BUSMEM, 3), fc->flags, 0,
			       fc->channel);
		KUNIT_ASSERT_TRUE_MSG(test, h != (d_handle_t)DMA_FAIL, "%s refused", fc->name);
		KUNIT_EXPECT_EQ_MSG(test, h->flags, (uint)fc->flags, "%s", fc->name);
		KUNIT_EXPECT_EQ_MSG(test, h->bid, BID_VAL(IO_ISA, ISA_BUSMEM, 3),
				    "%s", fc->name);
		KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
		KUNIT_EXPECT_EQ_MSG(test, info.id, h->id, "%s", fc->name);
		KUNIT_EXPECT_EQ_MSG(test, info.dma_mask, fc->mask, "%s", fc->name);
		KUNIT_EXPECT_EQ_MSG(test, info.boundary, fc->boundary, "%s", fc->name);
		KUNIT_EXPECT_EQ_MSG(test, info.contiguous, fc->contiguous, "%s", fc->name);
		KUNIT_EXPECT_EQ_MSG(test, info.no_zero_addr,
				    !!(fc->flags & DMA_NO_ZERO_ADDR), "%s", fc->name);
		d_map_clear(h);
	}
}

static const struct flags_case refused[] = {
	{ "undefined 0x20", 0x20 },
	{ "AIX-reserved 0x200", 0x200 },
	{ "bus-only DMA_64_BIT_PATH", DMA_64_BIT_PATH },
	{ "undefined bit 14", 1 << 14 },
	{ "undefined bit 15", 1 << 15 },
	{ "both heaps", DMA_HEAP_PINNED | DMA_HEAP_REAL },
	{ "undefined bit 31", (int)(1U << 31) },
	{ "bits(65)", DMA_ADDRESS_BITS(65) },
	{ "bits(8)", DMA_ADDRESS_BITS(8) },
	{ "64-bit with bits(32)", DMA_ADDRESS_64_BIT | DMA_ADDRESS_BITS(32) },
	{ "slave on cascade channel 4", DMA_SLAVE, 4 },
	{ "slave on channel 8", DMA_SLAVE, 8 },
};

static void handle_flags_refused(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(refused); i++)
		KUNIT_EXPECT_TRUE_MSG(test, d_map_init(0, refused[i].flags, 0,
						       refused[i].channel) ==
					    (d_handle_t)DMA_FAIL,
				      "%s accepted", refused[i].name);
	KUNIT_EXPECT_TRUE(test, d_map_init(0, 0, 1, 0) == (d_handle_t)DMA_FAIL);
}

struct logged_case {
	int isa_bid;	/* the bid: 0, or BID_VAL(IO_ISA, ISA_BUSMEM, 3) */
	int flags;
	int bus_flags;
	uint channel;
	const char *line;	/* after "dmamem: d_map_init(bid BID, " */
};

static const struct logged_case logged[] = {
	{ 0, DMA_SLAVE, 0, 4,
	  "flags 0x10, bus_flags 0, channel 4): DMA_SLAVE needs an ISA DMA channel 0-3 or 5-7" },
	{ 0, 0, 1, 0, "flags 0, bus_flags 0x1, channel 0): bus_flags must be 0" },
	{ 1, 0x20, 0, 7, "flags 0x20, bus_flags 0, channel 7): unknown flag bits" },
};

/*
 * The refusal's log line, as d_map_init(9) documents it: bid, flags and
 * bus_flags in hexadecimal with 0x, except that 0 prints as 0.
 */
static void handle_refusal_logged(struct kunit *test)
{
	struct kmsg_dump_iter mark;
	char want[160];
	unsigned int i;
	int bid;

	for (i = 0; i < ARRAY_SIZE(logged); i++) {
		const struct logged_case *lc = &logged[i];

		bid = lc->isa_bid ? BID_VAL(IO_ISA, ISA_BUSMEM, 3) : 0;
		if (bid)
			snprintf(want, sizeof(want), "dmamem: d_map_init(bid 0x%x, %s",
				 bid, lc->line);
		else
			snprintf(want, sizeof(want), "dmamem: d_map_init(bid 0, %s",
				 lc->line);
		dmt_log_mark(test, &mark);
		KUNIT_EXPECT_TRUE(test, d_map_init(bid, lc->flags, lc->bus_flags,
						   lc->channel) == (d_handle_t)DMA_FAIL);
		KUNIT_EXPECT_TRUE_MSG(test, dmt_log_has(&mark, want),
				      "no log line \"%s\"", want);
	}
}

/* The AIX layout: ids unique, d_map_clear reachable through the handle. */
static void handle_aix_view(struct kunit *test)
{
	d_handle_t a = dmt_handle(test, DMA_MASTER);
	d_handle_t b = dmt_handle(test, DMA_MASTER);

	KUNIT_EXPECT_NE(test, a->id, 0U);
	KUNIT_EXPECT_NE(test, a->id, b->id);
	KUNIT_EXPECT_PTR_EQ(test, (void *)a->d_map_clear, (void *)d_map_clear);
	KUNIT_EXPECT_PTR_EQ(test, (void *)D_ALLOC_DMAMEM, (void *)d_alloc_dmamem);
	KUNIT_EXPECT_PTR_EQ(test, (void *)D_FREE_DMAMEM, (void *)d_free_dmamem);
	KUNIT_EXPECT_EQ(test, offsetof(struct d_handle, flags), sizeof(uint));
	D_MAP_CLEAR(a);
	KUNIT_EXPECT_EQ(test, dmamem_handle_info(a, &(struct dmamem_handle_info){}), -EINVAL);
	D_MAP_CLEAR(b);
}

/* d_map_clear() gives back everything a handle still holds. */
static void handle_clear_reclaims(struct kunit *test)
{
	static const size_t sizes[] = { 1, PAGE_SIZE, 3 * PAGE_SIZE + 17, SZ_1M };
	struct page **held[ARRAY_SIZE(sizes)];
	struct dmamem_heap_info before, during;
	d_handle_t h, other;
	unsigned int i;
	void *keep, *p;

	dmt_heap_snapshot(test, &before);
	other = dmt_handle(test, DMA_CONTIGUOUS);
	keep = d_alloc_dmamem(other, 100, 0);
	KUNIT_ASSERT_NOT_NULL(test, keep);

	h = dmt_handle(test, DMA_MASTER);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = d_alloc_dmamem(h, sizes[i], 0);
		KUNIT_ASSERT_NOT_NULL(test, p);
		held[i] = dmt_hold_pages(test, p, sizes[i]);
	}
	dmt_heap_snapshot(test, &during);
	KUNIT_EXPECT_EQ(test, during.allocations, before.allocations + 1 + ARRAY_SIZE(sizes));

	d_map_clear(h);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		dmt_expect_released(test, held[i], sizes[i]);
	dmt_heap_snapshot(test, &during);
	KUNIT_EXPECT_EQ(test, during.allocations, before.allocations + 1);
	KUNIT_EXPECT_EQ(test, during.held, before.held + PAGE_SIZE);

	/* The other handle's buffer is untouched and still its own. */
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(keep, 0, 100), NULL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(other, keep, 100), 0);
	d_map_clear(other);
	dmt_expect_heap(test, &before);
}

/*
 * A handle remembers the module whose call of d_map_init() or
 * d_map_init_ext() made it; a call through the function's address (as a
 * table of services would make) gives a handle no owner.
 */
static void handle_owner(struct kunit *test)
{
	d_handle_t (*init)(int, int, int, uint) = d_map_init;
	kerrno_t (*init_ext)(d_info_t *, size_t, d_handle_t *) = d_map_init_ext;
	d_handle_t h[4] = { d_map_init(0, 0, 0, 0), init(0, 0, 0, 0) };
	static const char * const want[] = { KBUILD_MODNAME, "", KBUILD_MODNAME, "" };
	struct dmamem_handle_info info;
	d_info_t in = {};
	unsigned int i;

	KUNIT_ASSERT_EQ(test, d_map_init_ext(&in, sizeof(in), &h[2]), 0L);
	KUNIT_ASSERT_EQ(test, init_ext(&in, sizeof(in), &h[3]), 0L);
	for (i = 0; i < ARRAY_SIZE(h); i++) {
		KUNIT_ASSERT_EQ(test, dmamem_handle_info(h[i], &info), 0);
		KUNIT_EXPECT_STREQ(test, info.owner, want[i]);
		d_map_clear(h[i]);
	}
}

/*
 * A cleared handle's memory is not reused by the handles made after it
 * (up to the quarantine's 64), and a call through its members, as the
 * D_* macros make, reaches a service that refuses it.
 */
static void handle_stale_quarantined(struct kunit *test)
{
	d_handle_t stale = dmt_handle(test, DMA_MASTER);
	char *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	d_handle_t h;
	ulong bus = 0;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	d_map_clear(stale);
	rcu_barrier();
	for (i = 0; i < 63; i++) {
		h = dmt_handle(test, DMA_MASTER);
		KUNIT_EXPECT_PTR_NE(test, h, stale);
		d_map_clear(h);
	}
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(stale, DMA_READ, buf, &bus, xmem_global),
			DMA_FAIL);
	KUNIT_EXPECT_EQ(test, bus, 0UL);
	KUNIT_EXPECT_NULL(test, D_ALLOC_DMAMEM(stale, 64, 0));
}

static struct kunit_case handle_cases[] = {
	KUNIT_CASE(handle_flags_recorded),
	KUNIT_CASE(handle_flags_refused),
	KUNIT_CASE(handle_refusal_logged),
	KUNIT_CASE(handle_aix_view),
	KUNIT_CASE(handle_clear_reclaims),
	KUNIT_CASE(handle_owner),
	KUNIT_CASE(handle_stale_quarantined),
	{}
};

static struct kunit_suite handle_suite = {
	.name = "dmamem_handle",
	.test_cases = handle_cases,
};

kunit_test_suites(&handle_suite);
