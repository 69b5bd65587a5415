/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem mappings: what d_map_page() and d_map_list() made, kept per
 * handle until it is unmapped or the handle is cleared.
 */
#ifndef _DMAMEM_MAPPING_H
#define _DMAMEM_MAPPING_H

#include <linux/cache.h>
#include <linux/dma-direction.h>
#include <linux/list.h>
#include <linux/scatterlist.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <dmamem/dmamem.h>

struct device;
struct dm_handle;
struct dm_own;
struct dm_xm;
struct page;

/* The service flags d_map_page() and d_map_list() know. */
#define DM_SERVICE_FLAGS	(DMA_READ | BUS_DMA | DMA_WRITE_ONLY | DMA_BYPASS)

/**
 * enum dm_seg_kind - how one piece of a mapping was mapped
 * @DM_SEG_NONE: not through the DMA API: a handle without a device, or a
 *	BUS_DMA address; the bus address is the physical (or given) address
 * @DM_SEG_PAGE: dma_map_page() of memory with struct pages
 * @DM_SEG_DIRECT: real heap memory for a device that reaches RAM at
 *	phys_to_dma(), with nothing between (see dhandle/seg.c): nothing
 *	is mapped, bounced or synchronised, as for kernel/dma/coherent.c
 * @DM_SEG_SG: memory with struct pages, one entry of its list mapping's
 *	scatterlist: mapped, synchronised and unmapped with the rest of it
 *	(dma_map_sg_attrs()), so that behind an IOMMU the list is one IOVA
 *	range
 * @DM_SEG_OWN: dmamem's own memory, allocated through the device's DMA
 *	API: its bus address was fixed at allocation, nothing is mapped
 */
enum dm_seg_kind {
	DM_SEG_NONE,
	DM_SEG_PAGE,
	DM_SEG_DIRECT,
	DM_SEG_OWN,
	DM_SEG_SG,
};

/**
 * struct dm_seg - one physically contiguous piece of a mapping
 * @bus: its bus address
 * @len: its length in bytes
 * @at: offset of its first byte in the whole mapping
 * @base: for DM_SEG_OWN, the bus address the DMA API gave the allocation
 *	(or pool page) the piece lies in; @bus is @base plus an offset
 * @page: for DM_SEG_SG, the page holding its first byte
 * @offset: for DM_SEG_SG, the offset of its first byte in @page
 * @xm: for a piece of a process's buffer, its attachment (compat/xmem.c),
 *	held while the piece is mapped; NULL otherwise
 * @kind: how it was mapped
 * @joined: it continues the buffer of the piece before it
 */
struct dm_seg {
	dma_addr_t bus;
	size_t len;
	size_t at;
	union {
		dma_addr_t base;
		struct {
			struct page *page;
			unsigned int offset;
		};
	};
	struct dm_xm *xm;
	enum dm_seg_kind kind;
	bool joined;
};

/**
 * struct dm_map - one live mapping of a handle
 * @node: entry in the handle's table of mappings
 * @key: the bus address d_map_page() returned, or for a list the bus
 *	address of the first entry d_map_list() wrote: a list mapping is
 *	found by the bus ranges it gave, so a bus list that names them (the
 *	one filled in, a copy, or one the driver refilled) finds it, and one
 *	struct dio may take any number of mappings, as on AIX
 * @entries: for a list, how many entries it wrote (at least 1); 0 for a
 *	page
 * @list: made by d_map_list()
 * @dir: the direction of the transfer
 * @nr: pieces in use
 * @room: pieces @seg has room for
 * @sgt: for a list, the scatterlist of its DM_SEG_SG pieces while it is
 *	mapped (@sgt.sgl is NULL otherwise); its entries follow @seg
 * @seg: the pieces, in order of their bytes
 */
struct dm_map {
	struct hlist_node node;
	unsigned long key;
	long entries;
	bool list;
	enum dma_data_direction dir;
	unsigned int nr;
	unsigned int room;
	struct sg_table sgt;
	struct dm_seg seg[];
};

/* log2 of the buckets of a handle's table of live mappings */
#define DM_MAPS_BITS	5

/**
 * struct dm_maps_bucket - one bucket of a handle's live mappings
 * @lock: serialises @live, @spare and @nr_spare; a spinlock taken with
 *	interrupts off, since the mapping services may be called at
 *	interrupt level
 * @live: the live mappings whose key hashes here (struct dm_map.node)
 * @spare: page mapping records given back here, kept for the next page
 *	mapping, so that a driver mapping and unmapping on every I/O does
 *	not allocate
 * @nr_spare: entries on @spare, at most DM_MAPS_SPARE
 *
 * A bucket to a cache line: two CPUs mapping on one handle take the same
 * lock only when their keys hash together.
 */
struct dm_maps_bucket {
	spinlock_t lock;		/* see @lock above */
	struct hlist_head live;
	struct hlist_head spare;
	unsigned int nr_spare;
} ____cacheline_aligned_in_smp;

/**
 * struct dm_maps - a handle's live mappings, by key (maps.c)
 * @closed: d_map_clear() has started; no mapping may be added.  Set before
 *	the buckets are emptied, read under a bucket's lock.
 * @spare_list: a list mapping record given back, kept for the next list
 *	mapping that fits in it; exchanged atomically, without a lock, on a
 *	cache line of its own
 * @b: the buckets
 */
struct dm_maps {
	bool closed;
	struct dm_map *spare_list ____cacheline_aligned_in_smp;
	struct dm_maps_bucket b[1 << DM_MAPS_BITS];
};

/**
 * struct dm_mem - a physically contiguous run of kernel memory
 * @phys: physical address of its first byte
 * @page: the page holding its first byte, or NULL for real heap memory
 *	whose range has no struct pages
 * @len: its length in bytes
 * @real: it lies in the real heap
 */
struct dm_mem {
	phys_addr_t phys;
	struct page *page;
	size_t len;
	bool real;
};

bool dm_mem_where(const void *vaddr, struct dm_own *own);

int dm_map_code(int err);
const char *dm_map_why(int err);
int dm_mem_resolve(void *vaddr, size_t max, struct dm_mem *m);
int dm_mem_check(void *vaddr, size_t len);
size_t dm_list_before(const struct dio *virt, long i);
long dm_list_resid(const struct dio *virt, size_t done);

int dm_seg_map(struct dm_handle *dh, void *vaddr, size_t max, int flags,
	       const struct xmem *xmp, enum dma_data_direction dir,
	       struct dm_seg *seg);
int dm_seg_plan(struct dm_handle *dh, void *vaddr, size_t max, int flags,
		const struct xmem *xmp, enum dma_data_direction dir,
		struct dm_seg *seg);
int dm_seg_map_page(struct dm_handle *dh, struct dm_seg *seg,
		    enum dma_data_direction dir);
void dm_seg_unmap(struct dm_handle *dh, struct dm_seg *seg,
		  enum dma_data_direction dir);
void dm_seg_unmap_unused(struct dm_handle *dh, struct dm_seg *seg,
			 enum dma_data_direction dir);
void dm_seg_forget(struct dm_seg *seg);
void dm_seg_sync(struct dm_handle *dh, const struct dm_seg *seg,
		 enum dma_data_direction dir);
size_t dm_seg_max(struct dm_handle *dh);

void dm_maps_init(struct dm_maps *maps);
void dm_maps_destroy(struct dm_maps *maps);
struct dm_map *dm_map_alloc_list(struct dm_handle *dh, unsigned int room,
				 enum dma_data_direction dir);
struct scatterlist *dm_map_sgl(struct dm_map *m);
void dm_map_sync(struct dm_handle *dh, struct dm_map *m);
void dm_map_release(struct dm_handle *dh, struct dm_map *m);
int dm_maps_add(struct dm_handle *dh, struct dm_map *m);
int dm_maps_add_page(struct dm_handle *dh, const struct dm_seg *seg,
		     enum dma_data_direction dir);
bool dm_maps_take_page(struct dm_handle *dh, unsigned long key,
		       struct dm_seg *seg, enum dma_data_direction *dir);
struct dm_map *dm_maps_take_list(struct dm_handle *dh, const struct dio *bus);
bool dm_maps_list_key(const struct dio *bus, unsigned long *key,
		      long *entries);
int dm_maps_sync(struct dm_handle *dh, const struct dio *bus);
unsigned long dm_maps_close(struct dm_handle *dh, struct hlist_head *out);
unsigned long dm_maps_count(struct dm_handle *dh);

/**
 * dm_map_dir() - the DMA API direction of a transfer
 * @flags: d_map_page() or d_map_list() service flags
 *
 * AIX's DMA_READ means the device writes memory, but AIX drivers map
 * with it memory the device also reads (descriptor rings, command
 * blocks), which worked on AIX, where nothing bounced and no IOMMU
 * enforced a direction.  DMA_READ therefore maps both ways; without it
 * the device only reads.
 *
 * Return: DMA_BIDIRECTIONAL with DMA_READ, DMA_TO_DEVICE without.
 */
static inline enum dma_data_direction dm_map_dir(int flags)
{
	return flags & DMA_READ ? DMA_BIDIRECTIONAL : DMA_TO_DEVICE;
}

/**
 * dm_xmem_known() - whether a cross-memory descriptor names memory dmamem maps
 * @xmp: the descriptor a driver passed
 *
 * Return: true for kernel memory (xmem_global or any descriptor of
 * XMEM_GLOBAL) and for a process's buffer (XMEM_PROC), which must then be
 * attached (compat/xmem.c).
 */
static inline bool dm_xmem_known(const struct xmem *xmp)
{
	return xmp && (xmp->aspace_id == XMEM_GLOBAL ||
		       xmp->aspace_id == XMEM_PROC);
}

#endif /* _DMAMEM_MAPPING_H */
