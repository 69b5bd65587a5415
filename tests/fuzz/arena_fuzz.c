// SPDX-License-Identifier: GPL-2.0
/*
 * The real heap's allocator (dmamem/arena.c, compiled unchanged) driven by
 * libFuzzer.  Each input is a script of operations on a small arena: take
 * a run under random constraints, give one back, give back a run that is
 * not (all) taken, or make the next operation's kmalloc() fail.  A map of
 * who owns each page frame is kept beside the arena, and after every
 * operation:
 *
 * - the arena's own checker passes (order, merging, subtree maxima,
 *   counters);
 * - every page frame is free in the tree or owned by one live run, never
 *   both, never neither;
 * - a run handed out meets its request and was all free;
 * - a refused request had nowhere to go (proven by trying every place),
 *   unless kmalloc() was failing;
 * - a refused free changed nothing.
 *
 * Any breach aborts, which libFuzzer reports with the input that did it.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "../../dmamem/arena.c"

#define FUZZ_MAX_PAGES	512
#define FUZZ_MAX_LIVE	256

bool fuzz_fail_kmalloc;

struct fuzz_run {
	unsigned long pfn;
	unsigned long pages;
};

struct fuzz_world {
	struct dm_arena a;
	unsigned char owned[FUZZ_MAX_PAGES];
	struct fuzz_run live[FUZZ_MAX_LIVE];
	unsigned int nr_live;
	const u8 *in;
	size_t left;
};

#define fuzz_assert(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "arena_fuzz: " __VA_ARGS__);		\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

static unsigned int fuzz_byte(struct fuzz_world *w)
{
	if (!w->left)
		return 0;
	w->left--;
	return *w->in++;
}

static bool fuzz_met(const struct dm_arena_req *r, unsigned long pfn)
{
	unsigned long last = pfn + r->pages - 1;

	return !(pfn & (r->align - 1)) && pfn >= r->lowest &&
	       pfn + r->pages <= r->limit &&
	       (!r->boundary || !((pfn ^ last) & ~(r->boundary - 1)));
}

static bool fuzz_all(struct fuzz_world *w, unsigned long pfn,
		     unsigned long pages, unsigned char owned)
{
	unsigned long i;

	for (i = 0; i < pages; i++)
		if (w->owned[pfn - w->a.first + i] != owned)
			return false;
	return true;
}

static bool fuzz_possible(struct fuzz_world *w, const struct dm_arena_req *r)
{
	unsigned long end = w->a.first + w->a.pages;
	unsigned long pfn = ALIGN(max(w->a.first, r->lowest), r->align);

	for (; pfn + r->pages <= end; pfn += r->align)
		if (fuzz_met(r, pfn) && fuzz_all(w, pfn, r->pages, 0))
			return true;
	return false;
}

/* Every page frame free in the tree or owned, exactly one of the two. */
static void fuzz_check(struct fuzz_world *w)
{
	unsigned char seen[FUZZ_MAX_PAGES];
	struct dm_extent *e;
	struct rb_node *n;
	unsigned long i;

	fuzz_assert(!dm_arena_check(&w->a), "the arena's checker failed");
	memcpy(seen, w->owned, w->a.pages);
	for (n = rb_first(&w->a.free); n; n = rb_next(n)) {
		e = dm_ext(n);
		for (i = e->first - w->a.first; i < e->first - w->a.first + e->pages; i++) {
			fuzz_assert(!seen[i], "frame %#lx both free and owned",
				    w->a.first + i);
			seen[i] = 1;
		}
	}
	for (i = 0; i < w->a.pages; i++)
		fuzz_assert(seen[i], "frame %#lx neither free nor owned",
			    w->a.first + i);
}

static void fuzz_request(struct fuzz_world *w, struct dm_arena_req *r)
{
	unsigned int b;

	r->pages = 1 + fuzz_byte(w) % (1U << (fuzz_byte(w) % 8));
	r->align = 1UL << (fuzz_byte(w) % 9);
	b = fuzz_byte(w);
	r->boundary = 0;
	if (b % 4 == 1) {
		r->boundary = 1;
		while (r->boundary < r->pages)
			r->boundary <<= 1;
		r->boundary <<= b / 4 % 3;
	}
	b = fuzz_byte(w);
	r->limit = b ? w->a.first + (unsigned long)b * (w->a.pages + 8) / 255 :
		   ULONG_MAX;
	b = fuzz_byte(w);
	r->lowest = b % 8 ? 0 : w->a.first + b / 8;
}

static void fuzz_take(struct fuzz_world *w)
{
	unsigned long free_pages = w->a.free_pages, pfn;
	struct dm_arena_req r;

	fuzz_request(w, &r);
	if (dm_arena_alloc(&w->a, &r, &pfn)) {
		fuzz_assert(w->a.free_pages == free_pages,
			    "a refused request changed the free count");
		fuzz_assert(fuzz_fail_kmalloc || !fuzz_possible(w, &r),
			    "refused %lu pages align %lu boundary %lu lowest %#lx limit %#lx that fit",
			    r.pages, r.align, r.boundary, r.lowest, r.limit);
		return;
	}
	fuzz_assert(fuzz_met(&r, pfn) && pfn >= w->a.first &&
		    pfn + r.pages <= w->a.first + w->a.pages,
		    "run %#lx+%lu misses align %lu boundary %lu lowest %#lx limit %#lx",
		    pfn, r.pages, r.align, r.boundary, r.lowest, r.limit);
	fuzz_assert(fuzz_all(w, pfn, r.pages, 0), "run %#lx+%lu handed out twice",
		    pfn, r.pages);
	memset(w->owned + (pfn - w->a.first), 1, r.pages);
	if (w->nr_live < FUZZ_MAX_LIVE) {
		w->live[w->nr_live++] = (struct fuzz_run){ pfn, r.pages };
	} else {
		fuzz_assert(!dm_arena_free(&w->a, pfn, r.pages), "free failed");
		memset(w->owned + (pfn - w->a.first), 0, r.pages);
	}
}

static void fuzz_give(struct fuzz_world *w, unsigned int i)
{
	struct fuzz_run run = w->live[i];
	int ret = dm_arena_free(&w->a, run.pfn, run.pages);

	fuzz_assert(!ret, "free of live run %#lx+%lu: %d", run.pfn, run.pages,
		    ret);
	memset(w->owned + (run.pfn - w->a.first), 0, run.pages);
	w->live[i] = w->live[--w->nr_live];
}

/* A run that is outside the arena or not all taken is refused, untouched. */
static void fuzz_bad_give(struct fuzz_world *w)
{
	unsigned long free_pages = w->a.free_pages, nr_extents = w->a.nr_extents;
	unsigned long pfn = w->a.first - 4 + fuzz_byte(w) * (w->a.pages + 8) / 255;
	unsigned long pages = fuzz_byte(w) % 16;

	if (pages && pfn >= w->a.first &&
	    pfn + pages <= w->a.first + w->a.pages &&
	    fuzz_all(w, pfn, pages, 1))
		return;		/* all taken: the arena cannot tell */
	fuzz_assert(dm_arena_free(&w->a, pfn, pages) == -EINVAL,
		    "free of %#lx+%lu (not all taken) accepted", pfn, pages);
	fuzz_assert(w->a.free_pages == free_pages &&
		    w->a.nr_extents == nr_extents, "a refused free changed the arena");
}

static void fuzz_op(struct fuzz_world *w)
{
	unsigned int op = fuzz_byte(w) % 8;

	if (op == 7) {
		fuzz_fail_kmalloc = true;
		op = fuzz_byte(w) % 7;
	}
	if (op < 4)
		fuzz_take(w);
	else if (op < 6 && w->nr_live)
		fuzz_give(w, fuzz_byte(w) % w->nr_live);
	else if (op == 6)
		fuzz_bad_give(w);
	fuzz_fail_kmalloc = false;
	fuzz_check(w);
}

/* libFuzzer's entry point; fuzz.sh defines FUZZ_ENTRY as its name. */
int FUZZ_ENTRY(const u8 *data, size_t size)
{
	static struct fuzz_world w;
	unsigned long first, pages;

	memset(&w, 0, sizeof(w));
	w.in = data;
	w.left = size;
	pages = 1 + (fuzz_byte(&w) | fuzz_byte(&w) << 8) % FUZZ_MAX_PAGES;
	first = 0x18000 + fuzz_byte(&w);	/* not aligned to much */
	fuzz_assert(!dm_arena_init(&w.a, first, pages), "init failed");
	while (w.left)
		fuzz_op(&w);
	while (w.nr_live)
		fuzz_give(&w, w.nr_live - 1);
	fuzz_check(&w);
	fuzz_assert(w.a.nr_extents == 1 && w.a.free_pages == pages,
		    "all given back, yet %lu extents and %lu free pages",
		    w.a.nr_extents, w.a.free_pages);
	dm_arena_destroy(&w.a);
	return 0;
}
