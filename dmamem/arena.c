// SPDX-License-Identifier: GPL-2.0
/*
 * The real heap's allocator over one range of page frames.
 *
 * Free space is a set of extents in an rbtree ordered by first page frame
 * and augmented with the largest extent in each subtree, so the largest
 * free run is known at the root and whole subtrees too small for a request
 * are skipped.  All of it lives in kmalloc()ed nodes, never in the memory
 * it manages.
 *
 * Allocations are placed as high as their ceiling allows, so that low
 * memory stays free for the adapters whose ceilings need it.  A place is
 * found in two steps.  First, a few searches below the ceiling: the
 * highest extents long enough for the request are tried, then the highest
 * extent long enough that the request fits in it whatever the alignment
 * and boundary do: O(log n).  Only if that fails (the request is nearly
 * as large as the largest extent) an exact search walks the extents that
 * could hold the request, highest address first, so that a request that
 * fits anywhere is never refused.
 * A free merges with both neighbours: O(log n).
 *
 * Locking: none of its own.  The caller serialises every call on one
 * arena (the real heap holds dm_real_lock); calls may sleep, as nodes are
 * allocated with GFP_KERNEL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/align.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/rbtree_augmented.h>
#include <linux/slab.h>
#include "arena.h"

/*
 * Extents merely long enough for a request tried before one long enough
 * for any alignment; README (Benchmarks) gives how the number was chosen.
 */
#define DM_TRIES	16

/* A free run of page frames. */
struct dm_extent {
	struct rb_node rb;
	unsigned long first;
	unsigned long pages;
	unsigned long subtree_max;	/* largest @pages in this subtree */
};

static unsigned long dm_extent_pages(struct dm_extent *e)
{
	return e->pages;
}

RB_DECLARE_CALLBACKS_MAX(static, dm_extent_cb, struct dm_extent, rb,
			 unsigned long, subtree_max, dm_extent_pages)

static struct dm_extent *dm_ext(struct rb_node *n)
{
	return rb_entry(n, struct dm_extent, rb);
}

static unsigned long dm_subtree_max(struct rb_node *n)
{
	return n ? dm_ext(n)->subtree_max : 0;
}

static void dm_insert(struct dm_arena *a, struct dm_extent *e)
{
	struct rb_node **link = &a->free.rb_node, *parent = NULL;
	struct dm_extent *p;

	e->subtree_max = e->pages;
	while (*link) {
		parent = *link;
		p = dm_ext(parent);
		if (p->subtree_max < e->pages)
			p->subtree_max = e->pages;
		link = e->first < p->first ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&e->rb, parent, link);
	rb_insert_augmented(&e->rb, &a->free, &dm_extent_cb);
	a->nr_extents++;
}

static void dm_erase(struct dm_arena *a, struct dm_extent *e)
{
	rb_erase_augmented(&e->rb, &a->free, &dm_extent_cb);
	a->nr_extents--;
}

/*
 * The highest place in @e where the request fits, honouring every
 * constraint, so that memory low in the arena is kept for the requests
 * whose ceilings need it.
 */
static bool dm_fit(const struct dm_extent *e, const struct dm_arena_req *r,
		   unsigned long *at)
{
	unsigned long lo = max(e->first, r->lowest);
	unsigned long end = min(e->first + e->pages, r->limit);
	unsigned long p, b;

	if (end <= lo || end - lo < r->pages)
		return false;
	p = ALIGN_DOWN(end - r->pages, r->align);
	/*
	 * Crossing boundary b: end at b instead.  b >= boundary >= pages, and
	 * b is aligned whenever the start could cross it (align < boundary).
	 */
	b = r->boundary ? ALIGN_DOWN(p + r->pages - 1, r->boundary) : 0;
	if (b > p)
		p = ALIGN_DOWN(b - r->pages, r->align);
	if (p < lo)
		return false;
	*at = p;
	return true;
}

/*
 * Extra length an extent needs beyond the request for the request to fit
 * whatever its end: alignment can cost align - 1 frames, and when that
 * start would cross a boundary, ending at the boundary costs at most
 * pages - 1 more, and aligning again align - 1.
 */
static unsigned long dm_slack(const struct dm_arena_req *r)
{
	unsigned long slack = r->align - 1;

	if (r->boundary > r->align)
		slack += r->pages - 1 + r->align - 1;
	return slack;
}

/* The highest extent starting below @below with at least @need frames. */
static struct dm_extent *dm_highest(struct rb_node *n, unsigned long below,
				    unsigned long need)
{
	struct dm_extent *found;

	if (!n || dm_ext(n)->subtree_max < need)
		return NULL;
	if (dm_ext(n)->first >= below)
		return dm_highest(n->rb_left, below, need);
	found = dm_highest(n->rb_right, below, need);
	if (found)
		return found;
	if (dm_ext(n)->pages >= need)
		return dm_ext(n);
	return dm_highest(n->rb_left, below, need);
}

/* The extent holding frame @pfn, if it is free. */
static struct dm_extent *dm_holding(struct dm_arena *a, unsigned long pfn)
{
	struct rb_node *n = a->free.rb_node;
	struct dm_extent *e;

	while (n) {
		e = dm_ext(n);
		if (pfn < e->first)
			n = n->rb_left;
		else if (pfn - e->first >= e->pages)
			n = n->rb_right;
		else
			return e;
	}
	return NULL;
}

/*
 * The highest extent in which the request fits, found in O(log n) steps.
 * The extent the ceiling cuts short is tried exactly.  Below it, the
 * highest few extents at least as long as the request are tried in turn,
 * so a hole that fits exactly is not passed over for one that is merely
 * larger; then one search guided by the subtree maxima finds the highest
 * extent long enough whatever the alignment and boundary do.
 */
static struct dm_extent *dm_quick_fit(struct dm_arena *a,
				      const struct dm_arena_req *r,
				      unsigned long *at)
{
	unsigned long below = r->limit;
	struct dm_extent *e = NULL;
	unsigned int tries;

	if (r->limit > a->first && r->limit - a->first <= a->pages) {
		e = dm_holding(a, r->limit - 1);
		if (e && dm_fit(e, r, at))
			return e;
		if (e)
			below = e->first;
	}
	for (tries = 0; tries < DM_TRIES; tries++) {
		e = dm_highest(a->free.rb_node, below, r->pages);
		if (!e)
			return NULL;
		if (dm_fit(e, r, at))
			return e;
		below = e->first;
	}
	e = dm_highest(a->free.rb_node, below, r->pages + dm_slack(r));
	return e && dm_fit(e, r, at) ? e : NULL;
}

/* The highest extent in which the request fits at all. */
static struct dm_extent *dm_exact_fit(struct rb_node *n,
				      const struct dm_arena_req *r,
				      unsigned long *at)
{
	struct dm_extent *found;

	if (!n || dm_ext(n)->subtree_max < r->pages)
		return NULL;
	if (dm_ext(n)->first >= r->limit)
		return dm_exact_fit(n->rb_left, r, at);
	found = dm_exact_fit(n->rb_right, r, at);
	if (found)
		return found;
	if (dm_ext(n)->pages >= r->pages && dm_fit(dm_ext(n), r, at))
		return dm_ext(n);
	if (dm_ext(n)->first < r->lowest)
		return NULL;
	return dm_exact_fit(n->rb_left, r, at);
}

/* Take [at, at + pages) out of @e; *spare is used if @e splits in two. */
static void dm_carve(struct dm_arena *a, struct dm_extent *e,
		     unsigned long at, unsigned long pages,
		     struct dm_extent **spare, struct dm_extent **gone)
{
	unsigned long left = at - e->first;
	unsigned long right = e->first + e->pages - (at + pages);

	if (!left && !right) {
		dm_erase(a, e);
		*gone = e;
	} else if (!left || !right) {
		if (!left)
			e->first = at + pages;
		e->pages = left + right;
		dm_extent_cb_propagate(&e->rb, NULL);
	} else {
		e->pages = left;
		dm_extent_cb_propagate(&e->rb, NULL);
		(*spare)->first = at + pages;
		(*spare)->pages = right;
		dm_insert(a, *spare);
		*spare = NULL;
	}
	a->free_pages -= pages;
}

/**
 * dm_arena_init() - an arena whose whole range is free
 * @a: the arena
 * @first: first page frame of the range
 * @pages: page frames in the range, at least 1
 *
 * Return: 0 or -ENOMEM.
 */
int dm_arena_init(struct dm_arena *a, unsigned long first, unsigned long pages)
{
	struct dm_extent *e = kmalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	a->first = first;
	a->pages = pages;
	a->free = RB_ROOT;
	a->free_pages = pages;
	a->nr_extents = 0;
	e->first = first;
	e->pages = pages;
	dm_insert(a, e);
	return 0;
}

/**
 * dm_arena_destroy() - free an arena's bookkeeping
 * @a: the arena, not in use
 */
void dm_arena_destroy(struct dm_arena *a)
{
	struct dm_extent *e, *next;

	rbtree_postorder_for_each_entry_safe(e, next, &a->free, rb)
		kfree(e);
	a->free = RB_ROOT;
	a->nr_extents = 0;
}

/**
 * dm_arena_alloc() - take the highest run of page frames that meets @r
 * @a: the arena
 * @r: the request; @r->boundary, when set, is at least @r->pages
 * @pfn: set to the first page frame of the run
 *
 * Return: 0, or -ENOMEM when no run meets the request.
 */
int dm_arena_alloc(struct dm_arena *a, const struct dm_arena_req *r,
		   unsigned long *pfn)
{
	struct dm_extent *spare, *gone = NULL, *e;
	unsigned long at;
	int ret = -ENOMEM;

	spare = kmalloc(sizeof(*spare), GFP_KERNEL);
	e = dm_quick_fit(a, r, &at);
	if (!e)
		e = dm_exact_fit(a->free.rb_node, r, &at);
	if (e && (spare || at == e->first ||
		  at + r->pages == e->first + e->pages)) {
		dm_carve(a, e, at, r->pages, &spare, &gone);
		*pfn = at;
		ret = 0;
	}
	kfree(spare);
	kfree(gone);
	return ret;
}

/**
 * dm_arena_free() - give a run of page frames back, merging neighbours
 * @a: the arena
 * @pfn: first page frame of the run
 * @pages: page frames in the run
 *
 * A run whose neighbours are both taken needs a new record.  It is
 * allocated with __GFP_NOFAIL: it is small, and a caller giving memory
 * back has nothing to do with a run that cannot be freed.
 *
 * Return: 0; -EINVAL (nothing changed) when the run is not inside the
 * arena or any of it is already free; -ENOMEM (nothing changed) only if
 * even a __GFP_NOFAIL allocation fails.
 */
int dm_arena_free(struct dm_arena *a, unsigned long pfn, unsigned long pages)
{
	struct dm_extent *prev = NULL, *next = NULL, *spare, *gone = NULL;
	struct rb_node *n;
	int ret = 0;

	if (!pages || pfn < a->first || pfn - a->first > a->pages ||
	    pages > a->pages - (pfn - a->first))
		return -EINVAL;

	spare = kmalloc(sizeof(*spare), GFP_KERNEL | __GFP_NOFAIL);
	for (n = a->free.rb_node; n; ) {
		if (pfn < dm_ext(n)->first) {
			next = dm_ext(n);
			n = n->rb_left;
		} else {
			prev = dm_ext(n);
			n = n->rb_right;
		}
	}
	if ((prev && prev->first + prev->pages > pfn) ||
	    (next && pfn + pages > next->first)) {
		ret = -EINVAL;
	} else if (prev && prev->first + prev->pages == pfn) {
		/* erase first: the erase's rotations must see true maxima */
		if (next && pfn + pages == next->first) {
			dm_erase(a, next);
			prev->pages += next->pages;
			gone = next;
		}
		prev->pages += pages;
		dm_extent_cb_propagate(&prev->rb, NULL);
	} else if (next && pfn + pages == next->first) {
		next->first = pfn;
		next->pages += pages;
		dm_extent_cb_propagate(&next->rb, NULL);
	} else if (spare) {
		spare->first = pfn;
		spare->pages = pages;
		dm_insert(a, spare);
		spare = NULL;
	} else {
		ret = -ENOMEM;
	}
	if (!ret)
		a->free_pages += pages;
	kfree(spare);
	kfree(gone);
	return ret;
}

/**
 * dm_arena_largest() - the longest free run
 * @a: the arena
 *
 * Return: its length in page frames.
 */
unsigned long dm_arena_largest(struct dm_arena *a)
{
	return dm_subtree_max(a->free.rb_node);
}

/**
 * dm_arena_stat() - how much of an arena is free, and in how many runs
 * @a: the arena
 * @st: filled in
 */
void dm_arena_stat(struct dm_arena *a, struct dm_arena_stat *st)
{
	st->free = a->free_pages;
	st->extents = a->nr_extents;
	st->largest = dm_subtree_max(a->free.rb_node);
}

/**
 * dm_arena_walk() - visit every free run, lowest first
 * @a: the arena
 * @fn: called with each run's first page frame and length; a non-zero
 *	return stops the walk
 * @arg: passed to @fn
 *
 * Return: 0, or what @fn returned to stop the walk.
 */
int dm_arena_walk(struct dm_arena *a,
		  int (*fn)(unsigned long first, unsigned long pages, void *arg),
		  void *arg)
{
	struct rb_node *n;
	int ret = 0;

	for (n = rb_first(&a->free); n && !ret; n = rb_next(n))
		ret = fn(dm_ext(n)->first, dm_ext(n)->pages, arg);
	return ret;
}

struct dm_check {
	unsigned long end;	/* one past the previous extent */
	unsigned long pages;
	unsigned long extents;
};

static int dm_check_subtree(struct dm_arena *a, struct rb_node *n,
			    struct dm_check *ck)
{
	struct dm_extent *e;
	unsigned long max;

	if (!n)
		return 0;
	if (dm_check_subtree(a, n->rb_left, ck))
		return -EUCLEAN;
	e = dm_ext(n);
	if (!e->pages || e->first < a->first ||
	    e->first + e->pages > a->first + a->pages) {
		pr_err("arena %#lx: extent %#lx+%lu outside the arena\n",
		       a->first, e->first, e->pages);
		return -EUCLEAN;
	}
	if (ck->extents && e->first <= ck->end) {
		pr_err("arena %#lx: extent %#lx+%lu overlaps or touches the one before (end %#lx)\n",
		       a->first, e->first, e->pages, ck->end);
		return -EUCLEAN;
	}
	max = max3(e->pages, dm_subtree_max(n->rb_left),
		   dm_subtree_max(n->rb_right));
	if (e->subtree_max != max) {
		pr_err("arena %#lx: extent %#lx records subtree max %lu, not %lu\n",
		       a->first, e->first, e->subtree_max, max);
		return -EUCLEAN;
	}
	ck->end = e->first + e->pages;
	ck->pages += e->pages;
	ck->extents++;
	return dm_check_subtree(a, n->rb_right, ck);
}

/**
 * dm_arena_check() - verify the arena's bookkeeping
 * @a: the arena
 *
 * Checks that the free extents are inside the arena, in order, neither
 * overlapping nor touching (touching ones must have been merged), that
 * every subtree maximum is right, and that the counters match the tree.
 * Each inconsistency is logged.
 *
 * Return: 0, or -EUCLEAN.
 */
int dm_arena_check(struct dm_arena *a)
{
	struct dm_check ck = { 0 };
	int ret;

	ret = dm_check_subtree(a, a->free.rb_node, &ck);
	if (!ret && (ck.pages != a->free_pages || ck.extents != a->nr_extents)) {
		pr_err("arena %#lx: counters say %lu pages in %lu extents, tree has %lu in %lu\n",
		       a->first, a->free_pages, a->nr_extents, ck.pages, ck.extents);
		ret = -EUCLEAN;
	}
	return ret;
}
