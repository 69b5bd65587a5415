// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics: the debugfs files under dmamem/ read back as a user reads
 * them, after known sequences, against the allocator's own state: the
 * handle and heap figures of dmamem_handle_info() and dmamem_heap_info(),
 * the physical addresses dmamem_alloc_info() reports, each refusal counted
 * exactly once under its reason, and what the tracepoints say.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <sys/dma.h>
#include "dmtest.h"
#include "../../dmamem/trace.h"

#define ST_DIR		"/sys/kernel/debug/dmamem/"
#define ST_MAX		SZ_256K		/* the longest file read */

/* Read a whole file of dmamem/; the test stops if there is none. */
static char *st_read(struct kunit *test, const char *name)
{
	char *text = kunit_kzalloc(test, ST_MAX, GFP_KERNEL);
	char path[64];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, text);
	snprintf(path, sizeof(path), ST_DIR "%s", name);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		kunit_skip(test, "cannot open %s (%ld): debugfs not mounted?",
			   path, PTR_ERR(f));
	do {
		n = kernel_read(f, text + pos, ST_MAX - 1 - pos, &pos);
	} while (n > 0 && pos < ST_MAX - 1);
	filp_close(f, NULL);
	KUNIT_ASSERT_GE_MSG(test, n, 0, "reading %s", path);
	KUNIT_ASSERT_LT_MSG(test, pos, (loff_t)ST_MAX - 1, "%s too long", path);
	return text;
}

/*
 * The record after *@pos (records are separated by a blank line), cut
 * out in place; *@pos moves past it.  NULL after the last one.
 */
static char *st_next(char **pos)
{
	char *rec = *pos, *end;

	if (!rec || !*rec)
		return NULL;
	end = strstr(rec, "\n\n");
	if (end) {
		end[1] = '\0';
		*pos = end + 2;
	} else {
		*pos = NULL;
	}
	return rec;
}

/* The value of "@key: " in a record, or NULL. */
static const char *st_str(const char *rec, const char *key)
{
	size_t len = strlen(key);
	const char *line = rec;

	while (*line) {
		if (!strncmp(line, key, len) && line[len] == ':' &&
		    line[len + 1] == ' ')
			return line + len + 2;
		line = strchrnul(line, '\n');
		if (*line)
			line++;
	}
	return NULL;
}

/* A number in a record; the test stops if it is missing. */
static u64 st_num(struct kunit *test, const char *rec, const char *key)
{
	const char *val = st_str(rec, key);
	char buf[32];
	size_t len;
	u64 n;

	KUNIT_ASSERT_NOT_NULL_MSG(test, val, "no \"%s\" in:\n%s", key, rec);
	len = strcspn(val, "\n");
	KUNIT_ASSERT_LT(test, len, sizeof(buf));
	memcpy(buf, val, len);
	buf[len] = '\0';
	KUNIT_ASSERT_EQ_MSG(test, kstrtoull(buf, 0, &n), 0, "%s: %s", key, buf);
	return n;
}

/* Does the record's @key read exactly @want? */
static bool st_is(const char *rec, const char *key, const char *want)
{
	const char *val = st_str(rec, key);

	return val && !strncmp(val, want, strlen(want)) &&
	       val[strlen(want)] == '\n';
}

/* The record of a file whose @key reads @want; the test stops if none. */
static char *st_find(struct kunit *test, const char *file, const char *key,
		     const char *want)
{
	char *pos = st_read(test, file), *rec;

	while ((rec = st_next(&pos)))
		if (st_is(rec, key, want))
			return rec;
	KUNIT_ASSERT_TRUE_MSG(test, false, "no record \"%s: %s\" in %s", key,
			      want, file);
	return NULL;
}

static char *st_handle(struct kunit *test, d_handle_t h)
{
	char id[16];

	snprintf(id, sizeof(id), "%u", h->id);
	return st_find(test, "handles", "handle", id);
}

/* The handle's record against dmamem_handle_info(), and its peak. */
static void st_expect_handle(struct kunit *test, d_handle_t h, size_t peak)
{
	struct dmamem_handle_info info;
	char *rec = st_handle(test, h);

	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "allocations"), info.allocations);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "bytes"), info.bytes);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "held"), info.held);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "dma_mask"), info.dma_mask);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "boundary"), info.boundary);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "contiguous"), info.contiguous);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "mappings"), info.mappings);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "bid"), (u64)h->bid);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "flags"), (u64)h->flags);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "peak"), peak);
}

/* Allocations, bytes, peak and mapper name of a handle, blocks included. */
static void stats_handle(struct kunit *test)
{
	d_info_t di = { .di_flags = DMA_CONTIGUOUS };
	void *page, *block, *big;
	d_handle_t h;
	char *rec;

	strscpy(di.di_mapper_name, "stats test", sizeof(di.di_mapper_name));
	KUNIT_ASSERT_EQ(test, d_map_init_ext(&di, sizeof(di), &h), 0);
	rec = st_handle(test, h);
	KUNIT_EXPECT_TRUE(test, st_is(rec, "mapper", "stats test"));
	KUNIT_EXPECT_TRUE(test, st_is(rec, "owner", KBUILD_MODNAME));
	KUNIT_EXPECT_TRUE(test, st_is(rec, "device", "-"));
	KUNIT_EXPECT_TRUE(test, st_is(rec, "heap", "any"));
	st_expect_handle(test, h, 0);

	/* the block last: only its own accounting can raise the peak */
	page = d_alloc_dmamem(h, 3 * PAGE_SIZE + 1, 0);
	big = d_alloc_dmamem(h, SZ_64K, 16);
	block = d_alloc_dmamem(h, 100, 3);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, block);
	KUNIT_ASSERT_NOT_NULL(test, big);
	st_expect_handle(test, h, 3 * PAGE_SIZE + 1 + 100 + SZ_64K);
	KUNIT_EXPECT_EQ(test, st_num(test, st_handle(test, h), "allocations"), 3);

	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, big, SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, block, 100), 0);
	/* the peak stays; a smaller allocation does not raise it */
	block = d_alloc_dmamem(h, 50, 0);
	KUNIT_ASSERT_NOT_NULL(test, block);
	st_expect_handle(test, h, 3 * PAGE_SIZE + 1 + 100 + SZ_64K);
	rec = st_handle(test, h);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "bytes"), 3 * PAGE_SIZE + 1 + 50);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "allocations"), 2);
	d_map_clear(h);
}

/* Each heap's record against dmamem_heap_info(), before and after. */
static void st_expect_heaps(struct kunit *test)
{
	struct dmamem_heap_info pinned, real;
	char *rec;

	dmamem_pool_trim();	/* no spare page ages out between the reads */
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_PINNED, &pinned), 0);
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, &real), 0);
	rec = st_find(test, "heaps", "heap", "pinned");
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "allocations"), pinned.allocations);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "held"), pinned.held);
	rec = st_find(test, "heaps", "heap", "real");
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "allocations"), real.allocations);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "held"), real.held);
}

static void stats_heaps(struct kunit *test)
{
	d_handle_t real = dmt_handle(test, DMA_HEAP_REAL);
	d_handle_t pinned = dmt_handle(test, DMA_HEAP_PINNED);
	u64 before;
	void *p, *q;

	st_expect_heaps(test);
	before = st_num(test, st_find(test, "heaps", "heap", "real"), "held");
	p = d_alloc_dmamem(real, SZ_128K + 1, 12);
	q = d_alloc_dmamem(pinned, 2 * PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, q);
	st_expect_heaps(test);
	KUNIT_EXPECT_EQ(test, st_num(test, st_find(test, "heaps", "heap", "real"), "held"),
			before + SZ_128K + PAGE_SIZE);
	d_map_clear(real);
	d_map_clear(pinned);
	st_expect_heaps(test);
}

/* The piece of a reserved range holding @phys, from @file. */
static char *st_piece(struct kunit *test, const char *file, phys_addr_t phys)
{
	char *pos = st_read(test, file), *rec;
	u64 base;

	while ((rec = st_next(&pos))) {
		base = st_num(test, rec, "base");
		if (phys >= base && phys - base < st_num(test, rec, "size"))
			return rec;
	}
	KUNIT_ASSERT_TRUE_MSG(test, false, "no piece holds %pa in %s", &phys,
			      file);
	return NULL;
}

/* Is [phys, phys + len) free in the piece's extents, wholly or not at all? */
static int st_free_in(struct kunit *test, const char *rec, u64 phys, u64 len)
{
	const char *line = rec;
	u64 first, bytes, sum = 0, largest = 0;
	int state = 0;		/* 1: inside a free extent, -1: overlaps one */

	while ((line = strstr(line, "\nextent: "))) {
		line += strlen("\nextent: ");
		if (sscanf(line, "%llx %llu", &first, &bytes) != 2) {
			KUNIT_FAIL(test, "bad extent line: %s", line);
			break;
		}
		sum += bytes;
		largest = max(largest, bytes);
		if (phys >= first && phys + len <= first + bytes)
			state = 1;
		else if (phys < first + bytes && first < phys + len)
			state = -1;
	}
	/* the extents add up to the piece's free bytes and largest block */
	rec = st_piece(test, "ranges", phys);
	KUNIT_EXPECT_EQ(test, sum, st_num(test, rec, "free"));
	KUNIT_EXPECT_EQ(test, largest, st_num(test, rec, "largest_free"));
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "used") + sum, st_num(test, rec, "size"));
	return state;
}

static void stats_ranges(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_REAL);
	struct dmamem_alloc_info ai;
	u64 allocs, used, span = 5 * PAGE_SIZE;
	char *rec;
	void *p;

	p = d_alloc_dmamem(h, span - 7, 13);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, dmamem_alloc_info(h, p, &ai), 0);
	KUNIT_ASSERT_EQ(test, ai.heap, DMAMEM_HEAP_REAL);
	rec = st_piece(test, "ranges", ai.phys);
	allocs = st_num(test, rec, "allocations");
	used = st_num(test, rec, "used");
	KUNIT_EXPECT_GE(test, allocs, 1);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "class"), 32);
	KUNIT_EXPECT_EQ(test, st_free_in(test, st_piece(test, "extents", ai.phys),
					 ai.phys, span), 0);

	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, span - 7), 0);
	rec = st_piece(test, "ranges", ai.phys);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "allocations"), allocs - 1);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "used"), used - span);
	KUNIT_EXPECT_EQ(test, st_free_in(test, st_piece(test, "extents", ai.phys),
					 ai.phys, span), 1);
	d_map_clear(h);
}

/* Every counter of the failures file, or of a heap's refusals. */
struct st_counts {
	u64 n[16];
	int nr;
};

static const char * const st_fail_keys[] = {
	"alloc_bad_handle", "alloc_bad_size", "alloc_bad_align",
	"alloc_too_big", "alloc_no_memory", "alloc_cleared",
	"free_bad_handle", "free_not_allocated", "free_other_handle",
	"free_interior", "free_bad_size", "free_cleared",
};

static void st_counts(struct kunit *test, struct st_counts *c)
{
	char *rec = st_read(test, "failures");
	int i;

	for (i = 0; i < (int)ARRAY_SIZE(st_fail_keys); i++)
		c->n[i] = st_num(test, rec, st_fail_keys[i]);
	rec = st_find(test, "heaps", "heap", "pinned");
	c->n[i++] = st_num(test, rec, "refused_no_memory");
	c->n[i++] = st_num(test, rec, "refused_too_big");
	rec = st_find(test, "heaps", "heap", "real");
	c->n[i++] = st_num(test, rec, "refused_no_memory");
	c->n[i++] = st_num(test, rec, "refused_too_big");
	c->nr = i;
}

/* Only counter @which (and @also, if not -1) went up, and by exactly 1. */
static void st_expect_one(struct kunit *test, const struct st_counts *was,
			  int which, int also, const char *what)
{
	struct st_counts now;
	int i;

	st_counts(test, &now);
	for (i = 0; i < now.nr; i++)
		KUNIT_EXPECT_EQ_MSG(test, now.n[i],
				    was->n[i] + (i == which || i == also),
				    "after %s, counter %u", what, i);
}

/* The heaps' refusals, after the failures file's counters. */
enum {
	ST_PINNED_NO_MEMORY = ARRAY_SIZE(st_fail_keys),
	ST_PINNED_TOO_BIG,
	ST_REAL_NO_MEMORY,
	ST_REAL_TOO_BIG,
};

static void stats_failures(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_HEAP_PINNED | DMA_CONTIGUOUS);
	d_handle_t real = dmt_handle(test, DMA_HEAP_REAL);
	d_handle_t bad = (d_handle_t)DMA_FAIL;
	struct st_counts c;
	void *p, *theirs;
	int local;

	p = d_alloc_dmamem(h, 2 * PAGE_SIZE, 0);
	theirs = d_alloc_dmamem(real, PAGE_SIZE, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, theirs);

	st_counts(test, &c);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(bad, PAGE_SIZE, 0));
	st_expect_one(test, &c, 0, -1, "d_alloc_dmamem(bad, PAGE_SIZE, 0)");
	st_counts(test, &c);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(h, 0, 0));
	st_expect_one(test, &c, 1, -1, "d_alloc_dmamem(h, 0, 0)");
	st_counts(test, &c);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(h, PAGE_SIZE, -1));
	st_expect_one(test, &c, 2, -1, "d_alloc_dmamem(h, PAGE_SIZE, -1)");
	/* contiguous and larger than the page allocator's largest block */
	st_counts(test, &c);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(h, SZ_256M, 0));
	st_expect_one(test, &c, 3, ST_PINNED_TOO_BIG, "d_alloc_dmamem(h, SZ_256M, 0)");
	/* more than every reserved range together */
	st_counts(test, &c);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(real, SZ_256M, 0));
	st_expect_one(test, &c, 4, ST_REAL_NO_MEMORY, "d_alloc_dmamem(real, SZ_256M, 0)");
	st_counts(test, &c);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(bad, p, 2 * PAGE_SIZE), -1);
	st_expect_one(test, &c, 6, -1, "d_free_dmamem(bad, p, 2 * PAGE_SIZE)");
	st_counts(test, &c);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, &local, sizeof(local)), -1);
	st_expect_one(test, &c, 7, -1, "d_free_dmamem(h, &local, sizeof(local))");
	st_counts(test, &c);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, theirs, PAGE_SIZE), -1);
	st_expect_one(test, &c, 8, -1, "d_free_dmamem(h, theirs, PAGE_SIZE)");
	st_counts(test, &c);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p + PAGE_SIZE, PAGE_SIZE), -1);
	st_expect_one(test, &c, 9, -1, "d_free_dmamem(h, p + PAGE_SIZE, PAGE_SIZE)");
	st_counts(test, &c);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, PAGE_SIZE), -1);
	st_expect_one(test, &c, 10, -1, "d_free_dmamem(h, p, PAGE_SIZE)");
	/* a served request counts nothing */
	st_counts(test, &c);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, 2 * PAGE_SIZE), 0);
	st_expect_one(test, &c, -1, -1, "d_free_dmamem(h, p, 2 * PAGE_SIZE)");
	d_map_clear(h);
	d_map_clear(real);
}

/* What the tracepoints said last. */
struct st_trace {
	unsigned int handle;
	size_t size;
	int align;
	enum dmamem_heap heap;
	phys_addr_t phys;
	int reason;
	unsigned int events;
};

static void st_on_mem(void *data, unsigned int handle, size_t size, int align,
		      enum dmamem_heap heap, phys_addr_t phys)
{
	struct st_trace *t = data;

	t->handle = handle;
	t->size = size;
	t->align = align;
	t->heap = heap;
	t->phys = phys;
	t->events++;
}

static void st_on_fail(void *data, unsigned int handle, size_t size,
		       int align, enum dm_alloc_fail reason, int err)
{
	struct st_trace *t = data;

	t->handle = handle;
	t->size = size;
	t->align = align;
	t->reason = reason;
	t->events++;
}

/* Every event carries the handle, size and the address dmamem reports. */
static void st_trace_one(struct kunit *test, d_handle_t h, size_t size,
			 int align)
{
	struct st_trace a = { 0 }, f = { 0 };
	struct dmamem_alloc_info ai;
	void *p;

	KUNIT_ASSERT_EQ(test, register_trace_dmamem_alloc(st_on_mem, &a), 0);
	KUNIT_ASSERT_EQ(test, register_trace_dmamem_free(st_on_mem, &f), 0);
	p = d_alloc_dmamem(h, size, align);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, dmamem_alloc_info(h, p, &ai), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, size), 0);
	unregister_trace_dmamem_alloc(st_on_mem, &a);
	unregister_trace_dmamem_free(st_on_mem, &f);
	tracepoint_synchronize_unregister();

	KUNIT_EXPECT_EQ(test, a.events, 1);
	KUNIT_EXPECT_EQ(test, a.handle, h->id);
	KUNIT_EXPECT_EQ(test, a.size, size);
	KUNIT_EXPECT_EQ(test, a.align, align);
	KUNIT_EXPECT_EQ(test, a.heap, ai.heap);
	KUNIT_EXPECT_EQ(test, a.phys, ai.phys);
	KUNIT_EXPECT_EQ(test, f.events, 1);
	KUNIT_EXPECT_EQ(test, f.handle, h->id);
	KUNIT_EXPECT_EQ(test, f.size, size);
	KUNIT_EXPECT_EQ(test, f.heap, ai.heap);
	KUNIT_EXPECT_EQ(test, f.phys, ai.phys);
}

static void stats_tracepoints(struct kunit *test)
{
	d_handle_t real = dmt_handle(test, DMA_HEAP_REAL);
	d_handle_t pinned = dmt_handle(test, DMA_HEAP_PINNED);
	struct st_trace t = { 0 };

	if (!IS_ENABLED(CONFIG_TRACEPOINTS))
		kunit_skip(test, "no tracepoints in this kernel");
	st_trace_one(test, real, 3 * PAGE_SIZE, 14);
	st_trace_one(test, pinned, PAGE_SIZE, 12);
	st_trace_one(test, pinned, 200, 5);	/* a block of a pool */

	KUNIT_ASSERT_EQ(test, register_trace_dmamem_alloc_fail(st_on_fail, &t), 0);
	KUNIT_EXPECT_NULL(test, d_alloc_dmamem(pinned, 0, 3));
	unregister_trace_dmamem_alloc_fail(st_on_fail, &t);
	tracepoint_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, t.events, 1);
	KUNIT_EXPECT_EQ(test, t.handle, pinned->id);
	KUNIT_EXPECT_EQ(test, t.align, 3);
	KUNIT_EXPECT_EQ(test, t.reason, DM_AFAIL_SIZE);
	d_map_clear(real);
	d_map_clear(pinned);
}

/* The pools file is dmamem_pool_info(). */
static void stats_pools(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_MASTER);
	struct dmamem_pool_info info;
	void *b;
	char *rec;

	b = d_alloc_dmamem(h, 64, 6);
	KUNIT_ASSERT_NOT_NULL(test, b);
	dmamem_pool_trim();	/* no spare page ages out between the reads */
	KUNIT_ASSERT_EQ(test, dmamem_pool_info(&info), 0);
	rec = st_read(test, "pools");
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "pages"), info.pages);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "spare"), info.spare);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "blocks"), info.blocks);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "bytes"), info.bytes);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "held"), info.held);
	KUNIT_EXPECT_EQ(test, st_num(test, rec, "overhead"), info.overhead);
	KUNIT_EXPECT_GE(test, info.blocks, 1);
	d_map_clear(h);
}

static struct kunit_case stats_cases[] = {
	KUNIT_CASE(stats_handle),
	KUNIT_CASE(stats_heaps),
	KUNIT_CASE(stats_ranges),
	KUNIT_CASE(stats_failures),
	KUNIT_CASE(stats_tracepoints),
	KUNIT_CASE(stats_pools),
	{}
};

static struct kunit_suite stats_suite = {
	.name = "dmamem_stats",
	.test_cases = stats_cases,
};

kunit_test_suites(&stats_suite);
