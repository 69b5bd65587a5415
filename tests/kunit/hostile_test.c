// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile input: every entry point fed values no driver should pass, each
 * answered with what its man page documents.  Extends the misuse suite:
 * every flag bit alone and in pairs, every alignment from -1 to 64, sizes
 * near the limits of size_t, forged handles of many kinds at every entry
 * point (the mapping services and the reports too), pointers into and
 * just past every kind of allocation (pool blocks, pages, separate pages,
 * the real heap) and into other handles', frees across the AIX heaps, and
 * hostile DMA lists.
 *
 * A witness handle keeps a buffer of each kind, filled with a pattern and
 * partly mapped, through every battery: afterwards the buffers still hold
 * their bytes, the mappings are still there, and the heaps and pools hold
 * exactly what they held.
 */
#include <linux/dma-mapping.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <sys/dma.h>
#include "dmtest.h"

/* The kinds of allocation: a pool block, a page, separate pages, real heap. */
static const struct {
	int flags;
	size_t size;
} hostile_kinds[] = {
	{ DMA_MASTER, 90 },				/* a 96-byte block */
	{ DMA_HEAP_PINNED, PAGE_SIZE },
	{ DMA_HEAP_PINNED, 4 * PAGE_SIZE + 10 },	/* separate pages */
	{ DMA_HEAP_REAL, 2 * PAGE_SIZE + 1 },
};

#define HOSTILE_KINDS	ARRAY_SIZE(hostile_kinds)

/* One handle per kind, each with a live buffer of its kind. */
struct hostile_set {
	d_handle_t h[HOSTILE_KINDS];
	void *p[HOSTILE_KINDS];
	u8 pattern;
};

/* What the witness holds, and what must not change. */
struct hostile {
	struct hostile_set mine, theirs;
	struct dmt_counters counters;
	struct d_iovec vvec[2], bvec[4];
	struct dio virt, bus;	/* a live list mapping of the witness */
	ulong page_bus;		/* a live page mapping of the witness */
};

static void hostile_set_up(struct kunit *test, struct hostile_set *s, u8 pattern)
{
	unsigned int k;

	s->pattern = pattern;
	for (k = 0; k < HOSTILE_KINDS; k++) {
		s->h[k] = dmt_handle(test, hostile_kinds[k].flags);
		s->p[k] = d_alloc_dmamem(s->h[k], hostile_kinds[k].size, 0);
		KUNIT_ASSERT_NOT_NULL(test, s->p[k]);
		memset(s->p[k], pattern, hostile_kinds[k].size);
	}
}

static void hostile_setup(struct kunit *test, struct hostile *w)
{
	hostile_set_up(test, &w->mine, 0x5a);
	hostile_set_up(test, &w->theirs, 0xc3);
	KUNIT_ASSERT_EQ(test, d_map_page(w->mine.h[1], 0, w->mine.p[1], &w->page_bus,
					 xmem_global), DMA_SUCC);
	w->vvec[0] = (struct d_iovec) { w->mine.p[2], PAGE_SIZE, xmem_global };
	w->vvec[1] = (struct d_iovec) { w->mine.p[2] + 2 * PAGE_SIZE, 100, xmem_global };
	w->virt = (struct dio) { .total_iovecs = 2, .used_iovecs = 2, .dvec = w->vvec };
	w->bus = (struct dio) { .total_iovecs = 4, .dvec = w->bvec };
	KUNIT_ASSERT_EQ(test, d_map_list(w->mine.h[2], 0, 1, &w->virt, &w->bus),
			DMA_SUCC);
	dmt_counters_read(test, &w->counters);
}

static unsigned long hostile_mappings(d_handle_t h)
{
	struct dmamem_handle_info info;

	return dmamem_handle_info(h, &info) ? ULONG_MAX : info.mappings;
}

static void hostile_set_verify(struct kunit *test, struct hostile_set *s)
{
	struct dmamem_alloc_info info;
	unsigned int k;

	for (k = 0; k < HOSTILE_KINDS; k++) {
		dmt_expect_handle(test, s->h[k], 1, hostile_kinds[k].size);
		/* a buffer freed by mistake is not read */
		if (dmamem_alloc_info(s->h[k], s->p[k], &info)) {
			KUNIT_FAIL(test, "kind %u: the witness's buffer is gone", k);
			d_map_clear(s->h[k]);
			continue;
		}
		KUNIT_EXPECT_PTR_EQ_MSG(test, memchr_inv(s->p[k], s->pattern,
							 hostile_kinds[k].size),
					NULL, "kind %u lost its bytes", k);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(s->h[k], s->p[k],
						    hostile_kinds[k].size), 0);
		d_map_clear(s->h[k]);
	}
}

/* Nothing changed; then everything goes back the right way. */
static void hostile_verify(struct kunit *test, struct hostile *w)
{
	struct dmt_counters now;

	dmt_counters_read(test, &now);
	KUNIT_EXPECT_FALSE_MSG(test, dmt_counters_differ(&now, &w->counters),
			       "the heaps or the pools changed");
	KUNIT_EXPECT_EQ(test, hostile_mappings(w->mine.h[1]), 1UL);
	KUNIT_EXPECT_EQ(test, hostile_mappings(w->mine.h[2]), 1UL);
	KUNIT_EXPECT_EQ(test, w->bus.bytes_done, (long)PAGE_SIZE + 100);
	KUNIT_EXPECT_EQ(test, d_sync_mem(w->mine.h[2], &w->bus), DMA_SUCC);
	d_unmap_page(w->mine.h[1], &w->page_bus);
	d_unmap_list(w->mine.h[2], &w->bus);
	KUNIT_EXPECT_EQ(test, hostile_mappings(w->mine.h[1]), 0UL);
	KUNIT_EXPECT_EQ(test, hostile_mappings(w->mine.h[2]), 0UL);
	hostile_set_verify(test, &w->mine);
	hostile_set_verify(test, &w->theirs);
}

/* d_map_init()'s rules, as d_map_init(9) states them. */
struct hostile_model {
	bool valid;
	u64 mask;
	u64 boundary;
	bool contiguous;
	bool no_zero_addr;
};

#define HOSTILE_KNOWN	(DMA_MAXMIN_MASK | DMA_SLAVE | DMA_NO_ZERO_ADDR | \
			 DMA_ADDRESS_64_BIT | DMA_ENABLE_64 | DMA_CONTIGUOUS | \
			 DMA_MAXMIN_MAPSPACE | DMA_MAXMIN_QUIET | \
			 DMA_ADDRESS_BITS_MASK | DMA_BOUNDARY_MASK | DMA_HEAP_MASK)

static struct hostile_model hostile_model(int flags, uint channel)
{
	unsigned int bits = (flags & DMA_ADDRESS_BITS_MASK) >> DMA_ADDRESS_BITS_SHIFT;
	unsigned int boundary = (flags & DMA_BOUNDARY_MASK) >> DMA_BOUNDARY_SHIFT;
	struct hostile_model m = {};

	if ((flags & DMA_64_BIT_PATH) || (flags & ~HOSTILE_KNOWN) ||
	    (bits && (bits < 12 || bits > 64)) ||
	    (bits && bits < 64 && (flags & DMA_ADDRESS_64_BIT)) ||
	    (flags & DMA_HEAP_MASK) == DMA_HEAP_MASK)
		return m;
	if (!bits)
		bits = flags & DMA_ADDRESS_64_BIT ? 64 : 32;
	if (flags & DMA_SLAVE) {
		if (channel > 7 || channel == 4)
			return m;
		bits = min(bits, 24U);
		boundary = min_not_zero(boundary, channel < 4 ? 16U : 17U);
	}
	m.valid = true;
	m.mask = DMA_BIT_MASK(bits);
	m.boundary = boundary ? 1ULL << boundary : 0;
	m.contiguous = flags & (DMA_CONTIGUOUS | DMA_SLAVE);
	m.no_zero_addr = flags & DMA_NO_ZERO_ADDR;
	return m;
}

/* One set of flags: accepted exactly when the model says, recorded as it says. */
static void hostile_one_flags(struct kunit *test, int flags, uint channel)
{
	struct hostile_model m = hostile_model(flags, channel);
	struct dmamem_handle_info info;
	d_handle_t h = d_map_init(0, flags, 0, channel);

	if (!m.valid) {
		KUNIT_EXPECT_TRUE_MSG(test, h == (d_handle_t)DMA_FAIL,
				      "flags %#x channel %u accepted", flags, channel);
		if (h != (d_handle_t)DMA_FAIL)
			d_map_clear(h);
		return;
	}
	KUNIT_ASSERT_TRUE_MSG(test, h != (d_handle_t)DMA_FAIL,
			      "flags %#x channel %u refused", flags, channel);
	KUNIT_EXPECT_EQ(test, h->flags, (uint)flags);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_EQ_MSG(test, info.dma_mask, m.mask, "flags %#x", flags);
	KUNIT_EXPECT_EQ_MSG(test, info.boundary, m.boundary, "flags %#x", flags);
	KUNIT_EXPECT_EQ_MSG(test, info.contiguous, m.contiguous, "flags %#x", flags);
	KUNIT_EXPECT_EQ_MSG(test, info.no_zero_addr, m.no_zero_addr, "flags %#x", flags);
	d_map_clear(h);
}

/* Every bit alone, every pair of bits, and random words, on several channels. */
static void hostile_init_flags(struct kunit *test)
{
	unsigned int a, b, i;
	struct hostile w;

	hostile_setup(test, &w);
	for (a = 0; a < 32; a++) {
		hostile_one_flags(test, (int)BIT(a), 0);
		hostile_one_flags(test, (int)BIT(a), 4);
		for (b = a + 1; b < 32; b++)
			hostile_one_flags(test, (int)(BIT(a) | BIT(b)), 1);
	}
	for (i = 0; i < 64; i++)
		hostile_one_flags(test, (int)get_random_u32(), get_random_u32() % 10);
	/* the documented fields at their edges */
	hostile_one_flags(test, DMA_ADDRESS_BITS(12), 0);
	hostile_one_flags(test, DMA_ADDRESS_BITS(11), 0);
	hostile_one_flags(test, DMA_ADDRESS_BITS(65), 0);
	hostile_one_flags(test, DMA_ADDRESS_BITS(127), 0);
	hostile_one_flags(test, DMA_BOUNDARY(63), 0);
	hostile_one_flags(test, DMA_BOUNDARY(1) | DMA_CONTIGUOUS, 0);
	hostile_one_flags(test, DMA_SLAVE | DMA_BOUNDARY(20), 5);
	hostile_one_flags(test, DMA_SLAVE, UINT_MAX);
	hostile_one_flags(test, -1, 0);
	/* bids and bus_flags no one bound */
	KUNIT_EXPECT_TRUE(test, d_map_init(-1, 0, 0, 0) == (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(INT_MIN, 0, 0, 0) == (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(BID_VAL(IO_PCIE, PCI_IOMEM, 0xFFF), 0, 0, 0) ==
				(d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(0, 0, -1, 0) == (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(0, 0, INT_MIN, 0) == (d_handle_t)DMA_FAIL);
	hostile_verify(test, &w);
}

/* d_map_init_ext() with fields no driver should fill so. */
static void hostile_init_ext(struct kunit *test)
{
	static const u64 bad_ints[] = {
		0xFFFFFFFFULL << 4, 1ULL << 32, 1ULL << 63, (u64)S32_MIN - 1,
	};
	d_handle_t untouched = (d_handle_t)0x5a5a, h = untouched;
	struct dmamem_handle_info info;
	d_info_t in = {};
	unsigned int i;
	long ret;

	for (i = 0; i < ARRAY_SIZE(bad_ints); i++) {
		in = (d_info_t) { .di_bid = bad_ints[i] };
		KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
		in = (d_info_t) { .di_flags = bad_ints[i] };
		KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
		in = (d_info_t) { .di_bus_flags = bad_ints[i] };
		KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	}
	/* sign-extended -1: a 32-bit value, but an invalid one */
	in = (d_info_t) { .di_flags = (u64)-1 };
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	in = (d_info_t) { .di_bid = (u64)-1 };
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-ENODEV);
	in = (d_info_t) { .di_flags = DMA_SLAVE, .di_channel = U32_MAX };
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	in = (d_info_t) { .di_min_mapmem = U64_MAX, .di_max_mapmem = 0 };
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, SIZE_MAX, &h), (long)-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, h, untouched);
	/* the longest name, and bytes after its NUL: kept, and ignored */
	memset(in.di_mapper_name, 'n', sizeof(in.di_mapper_name));
	in.di_mapper_name[DMA_MAX_MAPPER_NAME - 1] = 0;
	ret = d_map_init_ext(&in, sizeof(in), &h);
	KUNIT_ASSERT_EQ(test, ret, 0L);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_EQ(test, strlen(info.mapper_name), (size_t)DMA_MAX_MAPPER_NAME - 1);
	d_map_clear(h);
	memset(in.di_mapper_name, 'm', sizeof(in.di_mapper_name));
	in.di_mapper_name[2] = 0;
	KUNIT_ASSERT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), 0L);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_STREQ(test, info.mapper_name, "mm");
	d_map_clear(h);
}

/* Every alignment from -1 to 64, on a handle of each heap. */
static void hostile_align(struct kunit *test)
{
	d_handle_t pinned = dmt_handle(test, DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT);
	d_handle_t real = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	struct dmt_want want = { .mask = DMA_BIT_MASK(64) };
	struct hostile w;
	phys_addr_t phys;
	size_t size;
	int align;
	void *p;

	hostile_setup(test, &w);
	for (align = -1; align <= 64; align++) {
		/* pinned: a block of up to order MAX_PAGE_ORDER (4 MiB), d_alloc_dmamem(9) */
		for (size = 100; size <= PAGE_SIZE + 1; size += PAGE_SIZE - 99) {
			p = d_alloc_dmamem(pinned, size, align);
			if (align < 0 || align > 22)
				KUNIT_EXPECT_NULL_MSG(test, p, "pinned, align %d", align);
			else
				KUNIT_EXPECT_NOT_NULL_MSG(test, p, "pinned, align %d", align);
			if (p) {
				/* separate pages: more than a page, align <= PAGE_SHIFT */
				want.contiguous = size <= PAGE_SIZE || align > PAGE_SHIFT;
				want.align = align;
				dmt_check_alloc(test, p, size, &want);
				KUNIT_EXPECT_EQ(test, d_free_dmamem(pinned, p, size), 0);
			}
		}
		/* real: up to the alignment of a range; none is aligned to 256 MiB */
		p = d_alloc_dmamem(real, PAGE_SIZE, align);
		if (align < 0 || align >= 28)
			KUNIT_EXPECT_NULL_MSG(test, p, "real, align %d", align);
		else if (align <= 22)
			KUNIT_EXPECT_NOT_NULL_MSG(test, p, "real, align %d", align);
		if (p) {
			/*
			 * The physical address is aligned; the virtual one as far
			 * as the range's mapping is (d_alloc_dmamem(9)): ranges
			 * here are 1 MiB or more, mapped at least so aligned.
			 */
			phys = dmt_phys(p);
			KUNIT_EXPECT_EQ_MSG(test, (u64)phys & ((1ULL << align) - 1), 0ULL,
					    "real, align %d: phys %pa", align, &phys);
			want.contiguous = true;
			want.align = min(align, 20);
			dmt_check_alloc(test, p, PAGE_SIZE, &want);
			KUNIT_EXPECT_EQ(test, d_free_dmamem(real, p, PAGE_SIZE), 0);
		}
	}
	/* the AIX heap shims take every alignment too */
	for (align = -1; align <= 64; align++) {
		p = xmalloc(100, align, kernel_heap);
		if (align < 0 || align > 22)
			KUNIT_EXPECT_NULL_MSG(test, p, "xmalloc, align %d", align);
		else
			KUNIT_EXPECT_NOT_NULL_MSG(test, p, "xmalloc, align %d", align);
		if (p) {
			KUNIT_EXPECT_EQ(test, (unsigned long)p & ((1UL << align) - 1), 0UL);
			KUNIT_EXPECT_EQ(test, xmfree(p, kernel_heap), 0);
		}
		p = rmalloc(100, align);
		if (align < 0 || align >= 24)
			KUNIT_EXPECT_NULL_MSG(test, p, "rmalloc, align %d", align);
		if (p) {
			KUNIT_EXPECT_EQ(test, (u64)dmt_phys(p) & ((1ULL << align) - 1), 0ULL);
			KUNIT_EXPECT_EQ(test, rmfree(p, 100), 0);
		}
	}
	dmt_expect_handle(test, pinned, 0, 0);
	dmt_expect_handle(test, real, 0, 0);
	d_map_clear(pinned);
	d_map_clear(real);
	hostile_verify(test, &w);
}

/* Sizes near the limits of size_t and int. */
static void hostile_sizes(struct kunit *test)
{
	static const size_t huge[] = {
		SIZE_MAX / 2, SIZE_MAX / 2 + 1, SIZE_MAX - PAGE_SIZE + 1,
		(size_t)LONG_MAX + 1, (size_t)-4096,
	};
	d_handle_t real = dmt_handle(test, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT);
	d_handle_t contig = dmt_handle(test, DMA_HEAP_PINNED | DMA_CONTIGUOUS);
	struct hostile w;
	unsigned int i, k;

	hostile_setup(test, &w);
	for (i = 0; i < ARRAY_SIZE(huge); i++) {
		for (k = 0; k < HOSTILE_KINDS; k++) {
			KUNIT_EXPECT_NULL(test, d_alloc_dmamem(w.mine.h[k], huge[i], 0));
			KUNIT_EXPECT_EQ(test, d_free_dmamem(w.mine.h[k], w.mine.p[k],
							    huge[i]), -1);
		}
		KUNIT_EXPECT_NULL(test, d_alloc_dmamem(real, huge[i], 12));
	}
	/* within RAM, beyond what the heap has or can give at once */
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(real, SZ_128M, 0));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(contig, SZ_8M, 0));
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(contig, SZ_4M + 1, 0));
	/* one byte off either way, and the rounding, on every kind */
	for (k = 0; k < HOSTILE_KINDS; k++) {
		size_t size = hostile_kinds[k].size;
		size_t wrong[] = { size + 1, size - 1, round_up(size, 16),
				   round_up(size, 96), PAGE_ALIGN(size) };

		for (i = 0; i < ARRAY_SIZE(wrong); i++)
			if (wrong[i] != size)
				KUNIT_EXPECT_EQ_MSG(test, d_free_dmamem(w.mine.h[k], w.mine.p[k],
									wrong[i]), -1,
						    "kind %u, size %zu", k, wrong[i]);
	}
	/* the AIX heap shims: sizes are ints */
	KUNIT_EXPECT_NULL(test, xmalloc(INT_MIN, 0, kernel_heap));
	KUNIT_EXPECT_NULL(test, xmalloc(-(int)PAGE_SIZE, 12, pinned_heap));
	KUNIT_EXPECT_NULL(test, rmalloc(INT_MIN, 0));
	KUNIT_EXPECT_NULL(test, rmalloc(INT_MAX, 0));
	KUNIT_EXPECT_EQ(test, rmfree(w.mine.p[3], INT_MAX), -1);
	KUNIT_EXPECT_EQ(test, rmfree(w.mine.p[3], -1), -1);
	d_map_clear(real);
	d_map_clear(contig);
	hostile_verify(test, &w);
}

/* Forged handles: each refused by every entry point, and never read. */
struct hostile_forged {
	struct dmamem_handle_info info, info_was;
	struct dmamem_alloc_info ainfo, ainfo_was;
	struct d_iovec vv[1], bv[2];
	struct dio virt, bus, bus_was;
	d_handle_t bad[24];
};

static void hostile_forged_handles(struct kunit *test)
{
	struct hostile_forged *f;
	d_handle_t cleared, *bad;
	struct d_handle copy;
	unsigned int i, n = 0;
	struct hostile w;
	ulong ba;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	bad = f->bad;
	hostile_setup(test, &w);
	cleared = dmt_handle(test, DMA_MASTER);
	d_map_clear(cleared);
	copy = *w.mine.h[1];
	bad[n++] = NULL;
	bad[n++] = (d_handle_t)DMA_FAIL;
	bad[n++] = cleared;
	bad[n++] = &copy;				/* a copy on the stack */
	bad[n++] = (void *)w.mine.h[0] + 1;		/* misaligned */
	bad[n++] = (void *)w.mine.h[0] + 4;
	bad[n++] = (void *)w.mine.h[0] + sizeof(long);
	bad[n++] = (void *)w.mine.h[0] - sizeof(long);
	bad[n++] = (void *)w.mine.h[0] + sizeof(struct d_handle);	/* its private part */
	bad[n++] = (d_handle_t)1;
	bad[n++] = (d_handle_t)0x1000;			/* a user address */
	bad[n++] = ERR_PTR(-ENOMEM);
	bad[n++] = (d_handle_t)0xdead000000000000ULL;	/* not canonical */
	bad[n++] = (d_handle_t)w.mine.p[0];		/* DMA memory */
	bad[n++] = (d_handle_t)w.mine.p[3];		/* real heap memory */
	bad[n++] = (d_handle_t)&d_map_init;		/* kernel text */
	while (n < ARRAY_SIZE(f->bad))
		bad[n++] = (d_handle_t)(unsigned long)get_random_u64();

	f->vv[0] = (struct d_iovec) { w.mine.p[1], 64, xmem_global };
	f->virt = (struct dio) { .total_iovecs = 1, .used_iovecs = 1, .dvec = f->vv };
	f->bus = (struct dio) { .total_iovecs = 2, .dvec = f->bv };
	memset(&f->info_was, 0x77, sizeof(f->info_was));
	memset(&f->ainfo_was, 0x77, sizeof(f->ainfo_was));
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_NULL_MSG(test, d_alloc_dmamem(bad[i], 64, 0), "forged %u", i);
		KUNIT_EXPECT_EQ_MSG(test, d_free_dmamem(bad[i], w.mine.p[1], PAGE_SIZE),
				    -1, "forged %u", i);
		ba = 0x1234;
		KUNIT_EXPECT_EQ_MSG(test, d_map_page(bad[i], 0, w.mine.p[1], &ba,
						     xmem_global), DMA_FAIL, "forged %u", i);
		KUNIT_EXPECT_EQ(test, ba, 0x1234UL);
		d_unmap_page(bad[i], &w.page_bus);
		f->bus.used_iovecs = 0;
		f->bus.bytes_done = 0x4321;
		memset(f->bv, 0x66, sizeof(f->bv));
		f->bus_was = f->bus;
		KUNIT_EXPECT_EQ_MSG(test, d_map_list(bad[i], 0, 1, &f->virt, &f->bus),
				    DMA_FAIL, "forged %u", i);
		KUNIT_EXPECT_EQ(test, memcmp(&f->bus, &f->bus_was, sizeof(f->bus)), 0);
		KUNIT_EXPECT_PTR_EQ(test, memchr_inv(f->bv, 0x66, sizeof(f->bv)), NULL);
		d_unmap_list(bad[i], &w.bus);
		KUNIT_EXPECT_EQ_MSG(test, d_sync_mem(bad[i], &w.bus), DMA_FAIL, "forged %u", i);
		KUNIT_EXPECT_EQ(test, d_map_enable(bad[i]), DMA_FAIL);
		KUNIT_EXPECT_EQ(test, d_map_disable(bad[i]), DMA_FAIL);
		KUNIT_EXPECT_EQ(test, d_map_slave(bad[i], 0, 1, &f->virt, 0), DMA_FAIL);
		f->info = f->info_was;
		KUNIT_EXPECT_EQ(test, dmamem_handle_info(bad[i], &f->info), -EINVAL);
		KUNIT_EXPECT_EQ(test, memcmp(&f->info, &f->info_was, sizeof(f->info)), 0);
		f->ainfo = f->ainfo_was;
		KUNIT_EXPECT_EQ(test, dmamem_alloc_info(bad[i], w.mine.p[1], &f->ainfo),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, memcmp(&f->ainfo, &f->ainfo_was, sizeof(f->ainfo)), 0);
		d_map_clear(bad[i]);
	}
	/* the stack copy was never written either */
	KUNIT_EXPECT_EQ(test, memcmp(&copy, w.mine.h[1], sizeof(copy)), 0);
	hostile_verify(test, &w);
}

/* Addresses in, around and between allocations of every kind. */
static void hostile_pointers(struct kunit *test)
{
	struct dmamem_alloc_info ainfo;
	void *cands[16], *p, *q, *x, *r;
	unsigned int k, o, i, n;
	struct hostile w;
	size_t size;

	hostile_setup(test, &w);
	for (k = 0; k < HOSTILE_KINDS; k++) {
		p = w.mine.p[k];
		q = w.theirs.p[k];
		size = hostile_kinds[k].size;
		n = 0;
		cands[n++] = p + 1;
		cands[n++] = p + size - 1;
		cands[n++] = p + size;			/* just past: the rounding */
		cands[n++] = p + round_up(size, 96);	/* the next block or page */
		cands[n++] = p - 1;
		cands[n++] = p - 96;			/* the block before */
		cands[n++] = (void *)PAGE_ALIGN((unsigned long)p + 1);
		cands[n++] = (void *)((unsigned long)p & PAGE_MASK) + 8;
		cands[n++] = p + PAGE_SIZE;
		cands[n++] = p - PAGE_SIZE;
		cands[n++] = (void *)(unsigned long)dmt_phys(p);	/* a physical address */
		cands[n++] = q + 1;			/* inside another handle's */
		for (i = 0; i < n; i++) {
			if (cands[i] == w.mine.p[0] || cands[i] == w.theirs.p[0])
				continue;	/* happens to be a live block */
			KUNIT_EXPECT_EQ_MSG(test, d_free_dmamem(w.mine.h[k], cands[i], size),
					    -1, "kind %u candidate %u", k, i);
			KUNIT_EXPECT_EQ_MSG(test, dmamem_alloc_info(w.mine.h[k], cands[i],
								    &ainfo),
					    -EINVAL, "kind %u candidate %u", k, i);
			KUNIT_EXPECT_EQ(test, xmfree(cands[i], kernel_heap), -1);
		}
		/* every byte of a pool block, on its own handle and another's */
		for (o = 0; k == 0 && o < 96; o++) {
			if (o)
				KUNIT_EXPECT_EQ(test, d_free_dmamem(w.mine.h[0], p + o, size), -1);
			KUNIT_EXPECT_EQ(test, d_free_dmamem(w.theirs.h[0], p + o, size), -1);
		}
		/* the exact address on every other handle */
		for (o = 0; o < HOSTILE_KINDS; o++) {
			if (o != k)
				KUNIT_EXPECT_EQ(test, d_free_dmamem(w.mine.h[o], p, size), -1);
			KUNIT_EXPECT_EQ(test, d_free_dmamem(w.theirs.h[o], p, size), -1);
		}
		/* and to the AIX heap shims, which never handed it out */
		KUNIT_EXPECT_EQ(test, xmfree(p, kernel_heap), -1);
		KUNIT_EXPECT_EQ(test, xmfree(p, pinned_heap), -1);
		KUNIT_EXPECT_EQ(test, rmfree(p, size), -1);
	}
	/* what the shims handed out is not dmamem's to free, nor the reverse */
	x = xmalloc(64, 0, pinned_heap);
	r = rmalloc(PAGE_SIZE, 12);
	KUNIT_ASSERT_NOT_NULL(test, x);
	for (k = 0; k < HOSTILE_KINDS; k++) {
		KUNIT_EXPECT_EQ(test, d_free_dmamem(w.mine.h[k], x, 64), -1);
		if (r)
			KUNIT_EXPECT_EQ(test, d_free_dmamem(w.mine.h[k], r, PAGE_SIZE), -1);
	}
	KUNIT_EXPECT_EQ(test, xmfree(x, pinned_heap), 0);
	if (r)
		KUNIT_EXPECT_EQ(test, rmfree(r, PAGE_SIZE), 0);
	hostile_verify(test, &w);
}

/* Double frees and frees after d_map_clear(), of every kind. */
static void hostile_stale(struct kunit *test)
{
	struct dmamem_alloc_info ainfo;
	struct hostile_set gone;
	d_handle_t h;
	unsigned int k;
	struct hostile w;
	size_t size;
	void *p;

	hostile_setup(test, &w);
	for (k = 0; k < HOSTILE_KINDS; k++) {
		size = hostile_kinds[k].size;
		h = w.mine.h[k];
		p = d_alloc_dmamem(h, size, 0);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, size), 0);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, size), -1);
		KUNIT_EXPECT_EQ(test, dmamem_alloc_info(h, p, &ainfo), -EINVAL);
	}
	/* a whole set cleared: its handles and addresses are dead everywhere */
	hostile_set_up(test, &gone, 0x11);
	for (k = 0; k < HOSTILE_KINDS; k++)
		d_map_clear(gone.h[k]);
	for (k = 0; k < HOSTILE_KINDS; k++) {
		size = hostile_kinds[k].size;
		KUNIT_EXPECT_EQ(test, d_free_dmamem(gone.h[k], gone.p[k], size), -1);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(w.mine.h[k], gone.p[k], size), -1);
		KUNIT_EXPECT_NULL(test, d_alloc_dmamem(gone.h[k], size, 0));
		KUNIT_EXPECT_EQ(test, dmamem_alloc_info(gone.h[k], gone.p[k], &ainfo),
				-EINVAL);
		d_map_clear(gone.h[k]);
	}
	hostile_verify(test, &w);
}

/* Lists and bus addresses no driver should pass. */
static void hostile_lists(struct kunit *test)
{
	struct d_iovec vv[2], bv[2];
	struct dio virt = { .total_iovecs = 2, .used_iovecs = 1, .dvec = vv };
	struct dio bus = { .total_iovecs = 2, .dvec = bv };
	d_handle_t h;
	struct hostile w;
	ulong forged;
	int ret;

	hostile_setup(test, &w);
	h = w.mine.h[2];
	vv[0] = (struct d_iovec) { w.mine.p[2], PAGE_SIZE, xmem_global };
	vv[1] = vv[0];
	/* counts outside what the lists hold: refused, nothing written */
	virt.used_iovecs = -1;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, 1, &virt, &bus), DMA_FAIL);
	virt.used_iovecs = LONG_MIN;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, 1, &virt, &bus), DMA_FAIL);
	virt.used_iovecs = 1;
	virt.total_iovecs = -2;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, 1, &virt, &bus), DMA_FAIL);
	virt.total_iovecs = 2;
	bus.total_iovecs = LONG_MIN;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, 1, &virt, &bus), DMA_FAIL);
	bus.total_iovecs = 2;
	virt.dvec = NULL;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, 1, &virt, &bus), DMA_FAIL);
	virt.dvec = vv;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, INT_MIN, &virt, &bus), DMA_FAIL);
	vv[0].iov_len = LONG_MIN;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, 1, &virt, &bus), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, hostile_mappings(h), 1UL);
	/* a length past any memory: mapped no further than resources allow */
	vv[0].iov_len = LONG_MAX;
	ret = d_map_list(h, 0, 1, &virt, &bus);
	KUNIT_EXPECT_TRUE_MSG(test,
			      ret == DMA_NORES || ret == DMA_NOACC || ret == DMA_DIOFULL,
			      "returned %d", ret);
	d_unmap_list(h, &bus);
	KUNIT_EXPECT_EQ(test, hostile_mappings(h), 1UL);
	/* no room at all in the bus list: partial, nothing mapped */
	vv[0].iov_len = PAGE_SIZE;
	bus.total_iovecs = 0;
	bus.dvec = NULL;
	KUNIT_EXPECT_EQ(test, d_map_list(h, 0, 1, &virt, &bus), DMA_DIOFULL);
	KUNIT_EXPECT_EQ(test, bus.bytes_done, 0L);
	KUNIT_EXPECT_EQ(test, virt.resid_iov, 0L);
	d_unmap_list(h, &bus);
	KUNIT_EXPECT_EQ(test, hostile_mappings(h), 1UL);
	/* every service flag bit alone */
	for (ret = 0; ret < 32; ret++) {
		int flags = (int)BIT(ret);
		bool known = flags & (DMA_READ | DMA_WRITE_ONLY | DMA_BYPASS | BUS_DMA);
		ulong ba;
		int got;

		got = d_map_page(w.mine.h[1], flags, w.mine.p[1] + 64, &ba, xmem_global);
		if (!known) {
			KUNIT_EXPECT_EQ_MSG(test, got, DMA_FAIL, "flags %#x", flags);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, got, DMA_SUCC, "flags %#x", flags);
		/* with BUS_DMA the address is a bus address, given back unchanged */
		if (flags == BUS_DMA)
			KUNIT_EXPECT_EQ(test, ba, (ulong)w.mine.p[1] + 64);
		KUNIT_EXPECT_EQ(test, hostile_mappings(w.mine.h[1]), 2UL);
		d_unmap_page(w.mine.h[1], &ba);
		KUNIT_EXPECT_EQ(test, hostile_mappings(w.mine.h[1]), 1UL);
	}
	/* unmapping what was never mapped changes nothing */
	forged = w.page_bus + 1;
	d_unmap_page(w.mine.h[1], &forged);
	forged = 0;
	d_unmap_page(w.mine.h[1], &forged);
	forged = ~0UL;
	d_unmap_page(w.mine.h[1], &forged);
	d_unmap_page(w.mine.h[2], &w.page_bus);		/* another handle's */
	d_unmap_list(w.mine.h[1], &w.bus);
	KUNIT_EXPECT_EQ(test, d_sync_mem(w.mine.h[1], &w.bus), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_sync_mem(w.mine.h[2], NULL), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_sync_mem(w.mine.h[2], &virt), DMA_FAIL);
	hostile_verify(test, &w);
}

/* The reports: refused for what is not theirs to report, info untouched. */
static void hostile_info(struct kunit *test)
{
	static const int heaps[] = { -1, 2, 3, INT_MAX, INT_MIN };
	struct dmamem_heap_info heap, heap_was;
	struct dmamem_alloc_info ainfo, ainfo_was;
	struct hostile w;
	unsigned int i;

	hostile_setup(test, &w);
	memset(&heap_was, 0x77, sizeof(heap_was));
	memset(&ainfo_was, 0x77, sizeof(ainfo_was));
	for (i = 0; i < ARRAY_SIZE(heaps); i++) {
		heap = heap_was;
		KUNIT_EXPECT_EQ(test, dmamem_heap_info(heaps[i], &heap), -EINVAL);
		KUNIT_EXPECT_EQ(test, memcmp(&heap, &heap_was, sizeof(heap)), 0);
	}
	KUNIT_EXPECT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_PINNED, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_pool_info(NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(w.mine.h[0], w.mine.p[0], NULL), -EINVAL);
	ainfo = ainfo_was;
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(w.mine.h[0], NULL, &ainfo), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(w.mine.h[0], ERR_PTR(-EINVAL), &ainfo),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_alloc_info(w.theirs.h[0], w.mine.p[0], &ainfo),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, memcmp(&ainfo, &ainfo_was, sizeof(ainfo)), 0);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(~(phys_addr_t)0 & PAGE_MASK,
						   PAGE_SIZE * 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(0x18000000, PAGE_SIZE), -EBUSY);
	KUNIT_EXPECT_EQ(test, dmamem_real_heap_add(PAGE_SIZE + 1, PAGE_SIZE), -EINVAL);
	hostile_verify(test, &w);
}

static struct kunit_case hostile_cases[] = {
	KUNIT_CASE(hostile_init_flags),
	KUNIT_CASE(hostile_init_ext),
	KUNIT_CASE(hostile_align),
	KUNIT_CASE(hostile_sizes),
	KUNIT_CASE(hostile_forged_handles),
	KUNIT_CASE(hostile_pointers),
	KUNIT_CASE(hostile_stale),
	KUNIT_CASE(hostile_lists),
	KUNIT_CASE(hostile_info),
	{}
};

static struct kunit_suite hostile_suite = {
	.name = "dmamem_hostile",
	.test_cases = hostile_cases,
};

kunit_test_suites(&hostile_suite);
