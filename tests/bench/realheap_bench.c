// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: the real heap's allocator against gen_pool with
 * gen_pool_first_fit_align() and against power-of-two bitmap regions
 * (bitmap_find_free_region(), as kernel/dma/coherent.c uses them), over
 * one reserved range and one request trace, in one boot.
 *
 * The range is named by range=SIZE@BASE; it must be reserved (memmap=) and
 * unclaimed, and is claimed for the run.  No allocator touches the memory:
 * this measures the allocators alone.  (The real heap zeroes what it hands
 * out and records it per handle on top of this, as any heap must.)
 *
 * The trace: sizes log-uniform from 4 KiB to 1 MiB, alignments 4 KiB to
 * 64 KiB, ceilings of 30, 31, 32 and 64 bits.  The baselines get the
 * range cut into one pool (or bitmap) per ceiling class, searched highest
 * first, as a driver writer would set them up; the arena takes the whole
 * range and honours the ceiling in its own search, as the real heap does.
 *
 * For 1k, 10k and the most live allocations the range holds, each
 * allocator is filled from empty along the trace, then timed over pairs
 * of (free a random live allocation, allocate the next request).  For
 * fragmentation, each churns 50000 pairs at 13000 live (about 91% of the
 * range by bytes requested; power-of-two rounding cannot hold that many,
 * so bitmap regions churn at their most), counting refusals and then
 * reporting the largest free block and bytes lost to rounding; then it
 * tries the next 1000 requests with no frees and counts how many fit.
 * Last, an arena pair of one page against an order-0 alloc_pages() pair.
 */
#include "../../dmamem/arena.c"	/* first: it sets pr_fmt */
#include <linux/bitmap.h>
#include <linux/genalloc.h>
#include <linux/ioport.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/sizes.h>
#include <linux/vmalloc.h>

static char *range = "2560M@0x20000000";
module_param(range, charp, 0444);
MODULE_PARM_DESC(range, "the reserved range to run on, SIZE@BASE");

#define BENCH_TRACE	60000	/* requests in the trace */
#define BENCH_BUDGET_NS	(20ULL * NSEC_PER_SEC)	/* per measurement, at most */
#define BENCH_NCUTS	3	/* ceiling classes cut out of the range */
#define BENCH_ROOM	1000	/* requests tried after the churn, no frees */
#define BENCH_ROUNDS	3	/* each measurement, keeping the fastest */

/* One request of the trace. */
struct bench_req {
	u32 size;		/* bytes */
	u8 align;		/* log2 */
	u8 bits;		/* ceiling */
	u32 victim;		/* picks the live allocation freed before it */
};

/* One live allocation. */
struct bench_live {
	u64 addr;
	u32 size;
	u32 held;		/* bytes taken from the range, rounding included */
};

struct bench_alloc;

/* An allocator under test. */
struct bench_ops {
	const char *name;
	int (*setup)(struct bench_alloc *b);
	void (*teardown)(struct bench_alloc *b);
	/* 0 and *addr, *held set; or -ENOMEM */
	int (*alloc)(struct bench_alloc *b, const struct bench_req *r,
		     u64 *addr, u32 *held);
	void (*free)(struct bench_alloc *b, const struct bench_live *l);
	u64 (*largest)(struct bench_alloc *b);
};

/* A piece of the range below one ceiling, for the baselines. */
struct bench_cut {
	u64 base;
	u64 size;
	struct gen_pool *pool;
	unsigned long *map;	/* bit per page */
};

struct bench_alloc {
	const struct bench_ops *ops;
	u64 base;
	u64 size;
	struct dm_arena arena;
	struct bench_cut cut[BENCH_NCUTS];
	int ncuts;
};

/* One measurement: fill to a load, then pairs of free and allocate. */
struct bench_load {
	unsigned long live;	/* 0: until the range refuses a 64-bit request */
	unsigned long pairs;
	bool room;		/* then try BENCH_ROOM more requests */
};

/* What one measurement found. */
struct bench_result {
	u64 ns_per_pair;
	unsigned long live;	/* at the start of the pairs */
	unsigned long pairs;
	unsigned long refused;	/* during the pairs */
	unsigned long room;	/* of the next BENCH_ROOM requests, those that fit */
	u64 lost;		/* bytes lost to rounding per live allocation */
	u64 largest;		/* largest free block after the pairs */
};

static struct bench_req *bench_trace;
static struct bench_live *bench_lives;

static u64 bench_ceiling(const struct bench_req *r)
{
	return r->bits >= 64 ? U64_MAX : BIT_ULL(r->bits);
}

/* The dmamem arena: the whole range, ceiling honoured in the search. */
static int arena_setup(struct bench_alloc *b)
{
	return dm_arena_init(&b->arena, PHYS_PFN(b->base), PHYS_PFN(b->size));
}

static void arena_teardown(struct bench_alloc *b)
{
	dm_arena_destroy(&b->arena);
}

static int arena_alloc(struct bench_alloc *b, const struct bench_req *r,
		       u64 *addr, u32 *held)
{
	struct dm_arena_req q = {
		.pages = PAGE_ALIGN(r->size) >> PAGE_SHIFT,
		.align = 1UL << (r->align - PAGE_SHIFT),
		.limit = r->bits >= 64 ? ULONG_MAX : PHYS_PFN(BIT_ULL(r->bits)),
	};
	unsigned long pfn;

	if (dm_arena_alloc(&b->arena, &q, &pfn))
		return -ENOMEM;
	*addr = PFN_PHYS(pfn);
	*held = PAGE_ALIGN(r->size);
	return 0;
}

static void arena_free(struct bench_alloc *b, const struct bench_live *l)
{
	dm_arena_free(&b->arena, PHYS_PFN(l->addr), l->held >> PAGE_SHIFT);
}

static u64 arena_largest(struct bench_alloc *b)
{
	return PFN_PHYS(dm_arena_largest(&b->arena));
}

/* Cut the range at each ceiling of the trace that falls inside it. */
static void bench_cut(struct bench_alloc *b)
{
	static const u64 ceilings[] = { SZ_1G, SZ_2G, SZ_4G };
	u64 start = b->base, end = b->base + b->size, at;
	unsigned int i;

	b->ncuts = 0;
	for (i = 0; i <= ARRAY_SIZE(ceilings) && start < end; i++) {
		at = i < ARRAY_SIZE(ceilings) ? min(ceilings[i], end) : end;
		if (at <= start)
			continue;
		b->cut[b->ncuts].base = start;
		b->cut[b->ncuts].size = at - start;
		b->ncuts++;
		start = at;
	}
}

/* The highest cut whose every byte lies below the request's ceiling. */
static int bench_top_cut(struct bench_alloc *b, const struct bench_req *r)
{
	int i;

	for (i = b->ncuts - 1; i >= 0; i--)
		if (b->cut[i].base + b->cut[i].size <= bench_ceiling(r))
			return i;
	return -1;
}

static struct bench_cut *bench_cut_of(struct bench_alloc *b, u64 addr)
{
	int i;

	for (i = 0; i < b->ncuts; i++)
		if (addr >= b->cut[i].base && addr < b->cut[i].base + b->cut[i].size)
			return &b->cut[i];
	return NULL;
}

/* Longest run of clear bits in @map. */
static unsigned long bench_longest_clear(const unsigned long *map,
					 unsigned long bits)
{
	unsigned long start = 0, end, best = 0;

	for (;;) {
		start = find_next_zero_bit(map, bits, start);
		if (start >= bits)
			return best;
		end = find_next_bit(map, bits, start);
		best = max(best, end - start);
		start = end;
	}
}

/* gen_pool with gen_pool_first_fit_align(), one pool per cut. */
static void genpool_teardown(struct bench_alloc *b)
{
	int i;

	for (i = 0; i < b->ncuts; i++)
		if (b->cut[i].pool)
			gen_pool_destroy(b->cut[i].pool);
}

static int genpool_setup(struct bench_alloc *b)
{
	struct bench_cut *c;
	int i;

	bench_cut(b);
	for (i = 0; i < b->ncuts; i++) {
		c = &b->cut[i];
		c->pool = gen_pool_create(PAGE_SHIFT, NUMA_NO_NODE);
		if (!c->pool ||
		    gen_pool_add_virt(c->pool, c->base, c->base, c->size,
				      NUMA_NO_NODE)) {
			genpool_teardown(b);
			return -ENOMEM;
		}
	}
	return 0;
}

static int genpool_alloc(struct bench_alloc *b, const struct bench_req *r,
			 u64 *addr, u32 *held)
{
	struct genpool_data_align data = { .align = 1 << r->align };
	unsigned long a;
	int i;

	for (i = bench_top_cut(b, r); i >= 0; i--) {
		a = gen_pool_alloc_algo(b->cut[i].pool, r->size,
					gen_pool_first_fit_align, &data);
		if (a) {
			*addr = a;
			*held = PAGE_ALIGN(r->size);
			return 0;
		}
	}
	return -ENOMEM;
}

static void genpool_free(struct bench_alloc *b, const struct bench_live *l)
{
	gen_pool_free(bench_cut_of(b, l->addr)->pool, l->addr, l->size);
}

static void genpool_chunk_largest(struct gen_pool *pool,
				  struct gen_pool_chunk *chunk, void *data)
{
	unsigned long bits = (chunk->end_addr - chunk->start_addr + 1) >>
			     pool->min_alloc_order;
	u64 *largest = data;

	*largest = max_t(u64, *largest,
			 (u64)bench_longest_clear(chunk->bits, bits) <<
			 pool->min_alloc_order);
}

static u64 genpool_largest(struct bench_alloc *b)
{
	u64 largest = 0;
	int i;

	for (i = 0; i < b->ncuts; i++)
		gen_pool_for_each_chunk(b->cut[i].pool, genpool_chunk_largest,
					&largest);
	return largest;
}

/* Power-of-two bitmap regions, one bitmap per cut. */
static void bitmap_teardown(struct bench_alloc *b)
{
	int i;

	for (i = 0; i < b->ncuts; i++)
		bitmap_free(b->cut[i].map);
}

static int bitmap_setup(struct bench_alloc *b)
{
	int i;

	bench_cut(b);
	for (i = 0; i < b->ncuts; i++) {
		b->cut[i].map = bitmap_zalloc(PHYS_PFN(b->cut[i].size), GFP_KERNEL);
		if (!b->cut[i].map) {
			bitmap_teardown(b);
			return -ENOMEM;
		}
	}
	return 0;
}

static int bitmap_order(const struct bench_req *r)
{
	return max(get_order(r->size), (int)r->align - PAGE_SHIFT);
}

static int bitmap_alloc_region(struct bench_alloc *b, const struct bench_req *r,
			       u64 *addr, u32 *held)
{
	int order = bitmap_order(r), i, pos;

	for (i = bench_top_cut(b, r); i >= 0; i--) {
		pos = bitmap_find_free_region(b->cut[i].map,
					      PHYS_PFN(b->cut[i].size), order);
		if (pos >= 0) {
			*addr = b->cut[i].base + PFN_PHYS(pos);
			*held = PAGE_SIZE << order;
			return 0;
		}
	}
	return -ENOMEM;
}

static void bitmap_free_region(struct bench_alloc *b, const struct bench_live *l)
{
	struct bench_cut *c = bench_cut_of(b, l->addr);

	bitmap_release_region(c->map, PHYS_PFN(l->addr - c->base),
			      ilog2(l->held >> PAGE_SHIFT));
}

static u64 bitmap_largest(struct bench_alloc *b)
{
	u64 largest = 0;
	int i;

	for (i = 0; i < b->ncuts; i++)
		largest = max_t(u64, largest,
				PFN_PHYS(bench_longest_clear(b->cut[i].map,
							     PHYS_PFN(b->cut[i].size))));
	return largest;
}

static const struct bench_ops bench_allocators[] = {
	{ "dmamem arena", arena_setup, arena_teardown, arena_alloc,
	  arena_free, arena_largest },
	{ "gen_pool first_fit_align", genpool_setup, genpool_teardown,
	  genpool_alloc, genpool_free, genpool_largest },
	{ "bitmap regions", bitmap_setup, bitmap_teardown,
	  bitmap_alloc_region, bitmap_free_region, bitmap_largest },
};

/*
 * Sizes log-uniform from 4 KiB to just under 1 MiB: an octave, then one
 * of 64 steps of 2^(1/64) within it.
 */
static void bench_make_trace(void)
{
	static const u8 bits[10] = { 30, 31, 31, 32, 32, 32, 64, 64, 64, 64 };
	struct rnd_state rnd;
	u32 step[64], i;

	step[0] = 1U << 16;
	for (i = 1; i < ARRAY_SIZE(step); i++)
		step[i] = (u64)step[i - 1] * 66250 >> 16;	/* 2^(1/64) */
	prandom_seed_state(&rnd, 0x62656e6368ULL);
	for (i = 0; i < BENCH_TRACE; i++) {
		u32 octave = prandom_u32_state(&rnd) % 8;
		u32 s = prandom_u32_state(&rnd) % 64;

		bench_trace[i].size = (u64)(SZ_4K << octave) * step[s] >> 16;
		bench_trace[i].align = PAGE_SHIFT + prandom_u32_state(&rnd) % 5;
		bench_trace[i].bits = bits[prandom_u32_state(&rnd) % 10];
		bench_trace[i].victim = prandom_u32_state(&rnd);
	}
}

/* Allocate the next request of the trace; false when it was refused. */
static bool bench_take(struct bench_alloc *b, unsigned int *t,
		       unsigned long *live)
{
	const struct bench_req *r = &bench_trace[*t % BENCH_TRACE];
	struct bench_live *l = &bench_lives[*live];

	(*t)++;
	if (b->ops->alloc(b, r, &l->addr, &l->held))
		return false;
	l->size = r->size;
	(*live)++;
	return true;
}

static void bench_drop(struct bench_alloc *b, u32 pick, unsigned long *live)
{
	unsigned long i = pick % *live;

	b->ops->free(b, &bench_lives[i]);
	bench_lives[i] = bench_lives[--(*live)];
}

/*
 * Fill to @want live allocations, stopping early when the range refuses a
 * request without a ceiling (a ceiling's class may fill first).
 */
static void bench_fill(struct bench_alloc *b, unsigned long want,
		       unsigned int *t, unsigned long *live)
{
	const struct bench_req *r;

	while (*live < want) {
		r = &bench_trace[*t % BENCH_TRACE];
		if (!bench_take(b, t, live) && r->bits >= 64)
			break;
	}
}

/* Time pairs of (free a random live allocation, allocate the next). */
static void bench_pairs(struct bench_alloc *b, unsigned long pairs,
			unsigned int *t, unsigned long *live,
			struct bench_result *res)
{
	u64 start = ktime_get_ns();
	unsigned long i;

	for (i = 0; i < pairs && *live; i++) {
		bench_drop(b, bench_trace[*t % BENCH_TRACE].victim, live);
		if (!bench_take(b, t, live))
			res->refused++;
		if (!(i % 64) && ktime_get_ns() - start > BENCH_BUDGET_NS)
			break;
	}
	res->pairs = i;
	res->ns_per_pair = i ? div_u64(ktime_get_ns() - start, i) : 0;
}

static void bench_loss(unsigned long live, struct bench_result *res)
{
	unsigned long i;

	for (i = 0; i < live; i++)
		res->lost += bench_lives[i].held - bench_lives[i].size;
	res->lost = live ? div_u64(res->lost, live) : 0;
}

static int bench_measure(const struct bench_ops *ops, u64 base, u64 size,
			 const struct bench_load *load, struct bench_result *res)
{
	struct bench_alloc *b = kzalloc(sizeof(*b), GFP_KERNEL);
	unsigned long live = 0, was, i;
	unsigned int t = 0;
	int ret;

	if (!b)
		return -ENOMEM;
	b->ops = ops;
	b->base = base;
	b->size = size;
	ret = ops->setup(b);
	if (ret)
		goto out;
	memset(res, 0, sizeof(*res));
	bench_fill(b, load->live ?: BENCH_TRACE, &t, &live);
	res->live = live;
	bench_pairs(b, load->pairs, &t, &live, res);
	res->largest = ops->largest(b);
	bench_loss(live, res);
	if (load->room) {
		was = live;
		for (i = 0; i < BENCH_ROOM && live < BENCH_TRACE; i++)
			bench_take(b, &t, &live);
		res->room = live - was;
	}
	while (live)
		bench_drop(b, 0, &live);
	ops->teardown(b);
out:
	kfree(b);
	return ret;
}

/* a / b as "x.yy" */
static void bench_ratio(char *buf, size_t len, u64 a, u64 b)
{
	u64 r = b ? div64_u64(a * 100, b) : 0;

	snprintf(buf, len, "%llu.%02llu", div_u64(r, 100), r % 100);
}

#define BENCH_NALLOC	ARRAY_SIZE(bench_allocators)
#define BENCH_NLOADS	4
#define BENCH_FRAG	3	/* the load the fragmentation figures come from */

/*
 * Cost at 1k, 10k and the most the range holds; then fragmentation: a
 * long churn at a load every allocator can hold.
 */
static const struct bench_load bench_loads[BENCH_NLOADS] = {
	{ .live = 1000, .pairs = 4000 },
	{ .live = 10000, .pairs = 4000 },
	{ .live = 0, .pairs = 4000 },
	{ .live = 13000, .pairs = 50000, .room = true },
};

static void bench_report_cost(struct bench_result res[][BENCH_NLOADS])
{
	char r1[16], r2[16];
	unsigned int i;

	pr_info("cost per free+alloc pair, ns (emulated CPU: compare ratios)\n");
	pr_info("  %-26s %9s %9s %9s %9s\n", "allocator", "1k live", "10k live",
		"max live", "at max");
	for (i = 0; i < BENCH_NALLOC; i++)
		pr_info("  %-26s %9llu %9llu %9llu %9lu\n",
			bench_allocators[i].name, res[i][0].ns_per_pair,
			res[i][1].ns_per_pair, res[i][2].ns_per_pair,
			res[i][2].live);
	bench_ratio(r1, sizeof(r1), res[1][1].ns_per_pair, res[0][1].ns_per_pair);
	bench_ratio(r2, sizeof(r2), res[2][1].ns_per_pair, res[0][1].ns_per_pair);
	/* the targets of issue "Per-I/O speed": 10x, and 1.2x growth */
	pr_info("at 10k live the arena is %sx faster than gen_pool (target at least 10x: %s) and %sx faster than bitmap regions\n",
		r1, res[1][1].ns_per_pair >= 10 * res[0][1].ns_per_pair ? "met" : "MISSED",
		r2);
	bench_ratio(r1, sizeof(r1), res[0][2].ns_per_pair, res[0][0].ns_per_pair);
	pr_info("arena cost at %lu live / at 1k live: %sx (target at most 1.2x: %s)\n",
		res[0][2].live, r1,
		5 * res[0][2].ns_per_pair <= 6 * res[0][0].ns_per_pair ? "met" : "MISSED");
}

static void bench_report_frag(struct bench_result res[][BENCH_NLOADS])
{
	const struct bench_result *f;
	unsigned long fewest;
	unsigned int i;

	pr_info("fragmentation: %lu pairs at %lu live, then the next %u requests with no frees\n",
		bench_loads[BENCH_FRAG].pairs, bench_loads[BENCH_FRAG].live,
		BENCH_ROOM);
	pr_info("  %-26s %8s %12s %12s %11s\n", "allocator", "refused",
		"lost/alloc", "largest free", "then fit");
	for (i = 0; i < BENCH_NALLOC; i++) {
		f = &res[i][BENCH_FRAG];
		pr_info("  %-26s %8lu %10llu B %8llu KiB %11lu\n",
			bench_allocators[i].name, f->refused, f->lost,
			f->largest >> 10, f->room);
	}
	f = &res[0][BENCH_FRAG];
	fewest = min(res[1][BENCH_FRAG].refused, res[2][BENCH_FRAG].refused);
	pr_info("arena refused %lu, gen_pool %lu, bitmap regions %lu (target no more than either: %s)\n",
		f->refused, res[1][BENCH_FRAG].refused, res[2][BENCH_FRAG].refused,
		f->refused <= fewest ? "met" : "MISSED");
	pr_info("arena rounding: %llu B per allocation (target under one page: %s)\n",
		f->lost, f->lost < PAGE_SIZE ? "met" : "MISSED");
}

/*
 * Every measurement BENCH_ROUNDS times, rounds interleaved, keeping the
 * fastest: what the VM's host does meanwhile only ever slows a round.
 * Everything but the time is the same each round (one trace, no
 * randomness of its own).
 */
static int bench_run(u64 base, u64 size)
{
	struct bench_result (*res)[BENCH_NLOADS], one;
	unsigned int i, j, round;
	int ret = 0;

	res = kcalloc(BENCH_NALLOC, sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	for (round = 0; round < BENCH_ROUNDS && !ret; round++) {
		for (i = 0; i < BENCH_NALLOC && !ret; i++) {
			for (j = 0; j < BENCH_NLOADS && !ret; j++) {
				ret = bench_measure(&bench_allocators[i], base,
						    size, &bench_loads[j], &one);
				if (!round || one.ns_per_pair < res[i][j].ns_per_pair)
					res[i][j] = one;
			}
		}
	}
	if (!ret) {
		bench_report_cost(res);
		bench_report_frag(res);
	}
	kfree(res);
	return ret;
}

#define BENCH_PAIR_OPS	20000	/* pairs per timing */

/*
 * An arena pair at its lightest (one page allocated and freed, nothing
 * else live) against an order-0 alloc_pages() + __free_pages() pair, in
 * the same boot, alternating BENCH_ROUNDS times, best kept.
 */
static void bench_pair(u64 base, u64 size)
{
	struct dm_arena_req q = { .pages = 1, .align = 1, .limit = ULONG_MAX };
	u64 ta = 0, tp = 0, t, ratio;
	struct dm_arena arena;
	unsigned int round, i;
	unsigned long pfn;
	struct page *page;

	if (dm_arena_init(&arena, PHYS_PFN(base), PHYS_PFN(size)))
		return;
	for (round = 0; round < BENCH_ROUNDS; round++) {
		t = ktime_get_ns();
		for (i = 0; i < BENCH_PAIR_OPS; i++) {
			if (dm_arena_alloc(&arena, &q, &pfn))
				goto out;
			dm_arena_free(&arena, pfn, 1);
		}
		t = ktime_get_ns() - t;
		ta = !ta || t < ta ? t : ta;
		t = ktime_get_ns();
		for (i = 0; i < BENCH_PAIR_OPS; i++) {
			page = alloc_page(GFP_KERNEL);
			if (!page)
				goto out;
			__free_page(page);
		}
		t = ktime_get_ns() - t;
		tp = !tp || t < tp ? t : tp;
	}
	ratio = div64_u64(ta * 100, tp);
	pr_info("an arena pair (one page) %llu ns, an order-0 alloc_pages pair %llu ns: ratio %llu.%02llu (target at most 2: %s)\n",
		div_u64(ta, BENCH_PAIR_OPS), div_u64(tp, BENCH_PAIR_OPS),
		ratio / 100, ratio % 100, ratio <= 200 ? "met" : "MISSED");
out:
	dm_arena_destroy(&arena);
}

static int bench_parse(u64 *base, u64 *size)
{
	char *end;

	*size = memparse(range, &end);
	if (end == range || *end != '@')
		return -EINVAL;
	*base = memparse(end + 1, &end);
	if (*end || !*size || !PAGE_ALIGNED(*base) || !PAGE_ALIGNED(*size))
		return -EINVAL;
	return 0;
}

static int __init bench_init(void)
{
	u64 base, size;
	int ret;

	if (bench_parse(&base, &size)) {
		pr_err("range=%s: want page-aligned SIZE@BASE\n", range);
		return -EINVAL;
	}
	if (region_intersects(base, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("range=%s intersects System RAM: reserve it with memmap=\n",
		       range);
		return -EBUSY;
	}
	if (!request_mem_region(base, size, KBUILD_MODNAME)) {
		pr_err("range=%s is claimed by another driver\n", range);
		return -EBUSY;
	}
	bench_trace = vmalloc(array_size(BENCH_TRACE, sizeof(*bench_trace)));
	bench_lives = vmalloc(array_size(BENCH_TRACE, sizeof(*bench_lives)));
	ret = -ENOMEM;
	if (bench_trace && bench_lives) {
		bench_make_trace();
		pr_info("range [mem %#010llx-%#010llx] %llu MiB; %u requests: 4 KiB to 1 MiB log-uniform, aligned 4 to 64 KiB, ceilings 30/31/32/64-bit\n",
			base, base + size - 1, size >> 20, BENCH_TRACE);
		ret = bench_run(base, size);
	}
	if (!ret)
		bench_pair(base, size);
	vfree(bench_lives);
	vfree(bench_trace);
	release_mem_region(base, size);
	return ret;
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("dmamem: the real heap's allocator against gen_pool and bitmap regions");
MODULE_LICENSE("GPL");
