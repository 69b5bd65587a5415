/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem heaps: the record of one allocation, and the heaps' entry points.
 */
#ifndef _DMAMEM_HEAP_H
#define _DMAMEM_HEAP_H

#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <dmamem/dmamem.h>

struct dm_arena;
struct dm_constraints;
struct dm_owner;
struct dm_piece;
struct page;
struct device;
struct sg_table;

/**
 * enum dm_backing - how the memory of an allocation is held
 * @DM_PINNED_CONTIG: physically contiguous pages from the page allocator
 * @DM_PINNED_PAGES: separate pages, mapped contiguously with vmap()
 * @DM_PINNED_DEV: pages from a bound device's DMA API, one range on the
 *	bus: DMA-able as allocated, at a fixed bus address
 * @DM_REAL: a run of a reserved range of the real heap
 */
enum dm_backing {
	DM_PINNED_CONTIG,
	DM_PINNED_PAGES,
	DM_PINNED_DEV,
	DM_REAL,
};

/**
 * struct dm_alloc - one live allocation; never inside the memory it records
 * @owner: the owner it was allocated for
 * @vaddr: kernel virtual address handed to the driver
 * @size: bytes the driver asked for
 * @span: bytes held from @vaddr on, rounding included
 * @phys: physical address of the first byte
 * @backing: how the memory is held
 * @pages: for DM_PINNED_PAGES, one page per PAGE_SIZE of @span
 * @piece: for DM_REAL, the piece of a reserved range it came from
 * @dev: for DM_PINNED_DEV, the device whose DMA API allocated it
 * @bus: for DM_PINNED_DEV, the bus address of the first byte for @dev
 * @sgt: for DM_PINNED_DEV from dma_alloc_noncontiguous(), its pages; NULL
 *	for one block from dma_alloc_pages()
 * @node: entry in the owner's list of allocations
 * @rcu: frees the record after lock-free lookups by the mapping services
 */
struct dm_alloc {
	struct dm_owner *owner;
	void *vaddr;
	size_t size;
	size_t span;
	phys_addr_t phys;
	enum dm_backing backing;
	struct page **pages;
	struct dm_piece *piece;
	struct device *dev;
	dma_addr_t bus;
	struct sg_table *sgt;
	struct list_head node;
	struct rcu_head rcu;
};

int dm_pinned_alloc(struct device *dev, const struct dm_constraints *c,
		    size_t size, unsigned int align, struct dm_alloc *a,
		    const char **why);
void dm_pinned_free(struct dm_alloc *a);
bool dm_pinned_contiguous(const struct dm_constraints *c, size_t size,
			  unsigned int align);
unsigned int dm_pinned_order(size_t size, unsigned int align);
void dm_pinned_info(struct dmamem_heap_info *info);

void dm_real_init(void);
void dm_real_exit(void);
int dm_real_alloc(const struct dm_constraints *c, size_t size,
		  unsigned int align, struct dm_alloc *a, const char **why);
void dm_real_free(struct dm_alloc *a);
void dm_real_info(struct dmamem_heap_info *info);
bool dm_real_resolve(const void *vaddr, phys_addr_t *phys, size_t *avail,
		     struct page **page);

/**
 * struct dm_real_piece_info - one piece of a reserved range, as it stands
 * @range: the range's number, in the order the ranges were added, from 0
 * @base: physical address of the piece's first byte
 * @size: bytes in the piece
 * @bits: its address class: 24 (below 16 MiB), 32 (below 4 GiB) or 64
 * @free: bytes free
 * @largest: bytes in the longest free run
 * @extents: free runs
 * @allocations: live allocations in the piece
 * @refused: requests the piece was searched for and could not place
 * @arena: the piece's allocator, for dm_arena_walk() during the visit
 */
struct dm_real_piece_info {
	unsigned int range;
	phys_addr_t base;
	u64 size;
	unsigned int bits;
	u64 free;
	u64 largest;
	unsigned long extents;
	unsigned long allocations;
	unsigned long refused;
	struct dm_arena *arena;
};

int dm_real_walk(int (*fn)(const struct dm_real_piece_info *pi, void *arg),
		 void *arg);

int dm_policy_alloc(struct device *dev, const struct dm_constraints *c,
		    size_t size, unsigned int align, struct dm_alloc *a,
		    const char **why);

void dm_alloc_return(struct dm_alloc *a);
void dm_alloc_release(struct dm_alloc *a);

/**
 * struct dm_own - dmamem memory at an address, as looked up
 * @dev: the device whose DMA API allocated it, or NULL (any other heap)
 * @base: with @dev, the bus address the DMA API gave the whole allocation
 *	or pool page
 * @off: with @dev, offset of the address looked up from @base
 * @len: bytes from that address to the end of its allocation or block
 *
 * Filled in by dm_pool_where() and dm_owned_where() for the mapping
 * services, in one lookup each.
 */
struct dm_own {
	struct device *dev;
	dma_addr_t base;
	size_t off;
	size_t len;
};

/* What each owner owns outside the pools (owner.c). */
bool dm_owned_where(const void *vaddr, struct dm_own *own);
int dm_owned_add(struct dm_owner *o, struct dm_alloc *a);
struct dm_alloc *dm_owned_take(struct dm_owner *o, void *addr, size_t size);
void dm_owned_take_all(struct dm_owner *o, struct list_head *out);
int dm_owned_describe(struct dm_owner *o, void *addr,
		      struct dmamem_alloc_info *info);
int dm_owned_verdict(struct dm_owner *o, void *addr, size_t size,
		     struct dm_owner *owner, void *start, size_t asked);

#endif /* _DMAMEM_HEAP_H */
