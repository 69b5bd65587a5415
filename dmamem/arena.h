/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An arena: the real heap's allocator over one physically contiguous range
 * of page frames.  Counts are in pages and addresses are absolute page
 * frame numbers, so alignment and boundaries are those of the physical
 * address.  The caller serialises calls on one arena (arena.c).
 */
#ifndef _DMAMEM_ARENA_H
#define _DMAMEM_ARENA_H

#include <linux/rbtree.h>
#include <linux/types.h>

/**
 * struct dm_arena - free space of one range of page frames
 * @first: first page frame of the range
 * @pages: page frames in the range
 * @free: free extents (struct dm_extent), by first page frame
 * @free_pages: page frames on @free
 * @nr_extents: extents on @free
 */
struct dm_arena {
	unsigned long first;
	unsigned long pages;
	struct rb_root free;
	unsigned long free_pages;
	unsigned long nr_extents;
};

/**
 * struct dm_arena_req - what an allocation needs
 * @pages: page frames, at least 1
 * @align: the first page frame is a multiple of this (a power of two)
 * @boundary: the run does not cross a multiple of this (a power of two
 *	no smaller than @pages), or 0 for no boundary
 * @lowest: the first page frame is at least this
 * @limit: the run ends at or below this page frame (exclusive)
 */
struct dm_arena_req {
	unsigned long pages;
	unsigned long align;
	unsigned long boundary;
	unsigned long lowest;
	unsigned long limit;
};

/**
 * struct dm_arena_stat - how much of an arena is free
 * @free: free page frames
 * @extents: free runs
 * @largest: page frames in the longest free run
 */
struct dm_arena_stat {
	unsigned long free;
	unsigned long extents;
	unsigned long largest;
};

int dm_arena_init(struct dm_arena *a, unsigned long first, unsigned long pages);
void dm_arena_destroy(struct dm_arena *a);
int dm_arena_alloc(struct dm_arena *a, const struct dm_arena_req *r,
		   unsigned long *pfn);
int dm_arena_free(struct dm_arena *a, unsigned long pfn, unsigned long pages);
unsigned long dm_arena_largest(struct dm_arena *a);
int dm_arena_check(struct dm_arena *a);
void dm_arena_stat(struct dm_arena *a, struct dm_arena_stat *st);
int dm_arena_walk(struct dm_arena *a,
		  int (*fn)(unsigned long first, unsigned long pages, void *arg),
		  void *arg);

#endif /* _DMAMEM_ARENA_H */
