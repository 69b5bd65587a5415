/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem: the AIX DMA memory service for Linux drivers.
 *
 * A driver describes its adapter once with d_map_init(), which records the
 * adapter's constraints in a handle, and then asks for memory against that
 * handle with d_alloc_dmamem() and gives it back with d_free_dmamem().
 *
 * Names, values and layouts that AIX defines are kept exactly as AIX has
 * them.  Everything marked "Linux departure" is an addition of dmamem's.
 */
#ifndef _DMAMEM_DMAMEM_H
#define _DMAMEM_DMAMEM_H

#include <linux/types.h>

struct xmem;
struct dio;
typedef struct dio *dio_t;
typedef struct d_handle *d_handle_t;

/* d_map_init() flags: AIX 5.3 <sys/dma.h> names and values. */
#define DMA_MASTER		0x00
#define DMA_SLAVE		0x10
#define DMA_NO_ZERO_ADDR	0x40
#define DMA_ADDRESS_64_BIT	0x80
#define DMA_ENABLE_64		0x100
#define DMA_64_BIT_PATH		0x400	/* set by the bus only; refused */
#define DMA_CONTIGUOUS		0x800
#define DMA_MAXMIN_MAPSPACE	0x1000
#define DMA_MAXMIN_QUIET	0x2000

/* Largest minimum transfer, in the low four bits of the flags: 64K << n. */
#define DMA_MAXMIN_MASK		0xF
#define DMA_MAXMIN_64K		0x0
#define DMA_MAXMIN_128K		0x1
#define DMA_MAXMIN_256K		0x2
#define DMA_MAXMIN_512K		0x3
#define DMA_MAXMIN_1M		0x4
#define DMA_MAXMIN_2M		0x5
#define DMA_MAXMIN_4M		0x6
#define DMA_MAXMIN_8M		0x7
#define DMA_MAXMIN_16M		0x8
#define DMA_MAXMIN_32M		0x9
#define DMA_MAXMIN_64M		0xA
#define DMA_MAXMIN_128M		0xB
#define DMA_MAXMIN_256M		0xC
#define DMA_MAXMIN_512M		0xD
#define DMA_MAXMIN_1G		0xE
#define DMA_MAXMIN_2G		0xF

/*
 * Linux departure: the width of the adapter's address bus, for widths AIX
 * cannot express (AIX knows only "32-bit" and DMA_ADDRESS_64_BIT).  Bits
 * 24..30 of the flags hold the width in bits, 12..64; 0 keeps the AIX meaning.
 * DMA_ADDRESS_24_BIT is the ISA ceiling (below 16 MiB).
 */
#define DMA_ADDRESS_BITS_SHIFT	24
#define DMA_ADDRESS_BITS_MASK	(0x7F << DMA_ADDRESS_BITS_SHIFT)
#define DMA_ADDRESS_BITS(n)	(((n) & 0x7F) << DMA_ADDRESS_BITS_SHIFT)
#define DMA_ADDRESS_24_BIT	DMA_ADDRESS_BITS(24)

/*
 * Linux departure: a boundary no buffer may cross, as log2 of its size in
 * bytes (1..63) in bits 16..21 of the flags; 0 means no boundary.
 * DMA_BOUNDARY(16) keeps every buffer inside one 64 KiB window.
 */
#define DMA_BOUNDARY_SHIFT	16
#define DMA_BOUNDARY_MASK	(0x3F << DMA_BOUNDARY_SHIFT)
#define DMA_BOUNDARY(log2)	(((log2) & 0x3F) << DMA_BOUNDARY_SHIFT)

/*
 * Linux departure: which heap serves the handle, in bits 22..23 of the
 * flags.  Without either, the module's heap_policy decides and each heap
 * stands in for the other; with one, only that heap is used.
 */
#define DMA_HEAP_SHIFT		22
#define DMA_HEAP_MASK		(0x3 << DMA_HEAP_SHIFT)
#define DMA_HEAP_PINNED		(0x1 << DMA_HEAP_SHIFT)
#define DMA_HEAP_REAL		(0x2 << DMA_HEAP_SHIFT)

/* Return codes of the d_map_* family (AIX values). */
#define DMA_SUCC		0
#define DMA_FAIL		(-1)
#define DMA_NOACC		(-2)
#define DMA_NORES		(-3)
#define DMA_DIOFULL		(-4)
#define DMA_TC_NOTREACHED	(-5)
#define DMA_BAD_MODE		(-6)
#define DMA_R_FAIL		(-7)
#define DMA_R_NORES		(-8)

/**
 * struct d_handle - a DMA handle, in the AIX 5.3 (64-bit kernel) layout
 * @id: identifier of the handle, unique among live handles
 * @flags: the flags given to d_map_init()
 * @d_map_page: maps one page for DMA (NULL where not provided)
 * @d_unmap_page: undoes @d_map_page (NULL where not needed)
 * @d_map_list: maps a list of buffers for DMA (NULL where not provided)
 * @d_unmap_list: undoes @d_map_list (NULL where not needed)
 * @d_map_slave: programs a system DMA controller (NULL where not provided)
 * @d_unmap_slave: undoes @d_map_slave (NULL where not needed)
 * @d_map_disable: disables DMA for the handle (NULL where not provided)
 * @d_map_enable: enables DMA for the handle (NULL where not provided)
 * @d_map_clear: ends the handle; the target of D_MAP_CLEAR()
 * @d_sync_mem: declares a coherency point (NULL where not needed)
 * @bid: the bus identifier given to d_map_init()
 * @bus_sys_xlate_ptr: bus to system address translation data
 * @reserved1: padding, as on AIX
 * @reserved2: padding, as on AIX
 * @reserved3: padding, as on AIX
 *
 * Drivers reach the services through the D_* macros of <sys/dma.h>; the
 * structure is embedded at offset 0 of dmamem's private handle and must
 * never be allocated, copied or written by a driver.
 */
struct d_handle {
	uint id;
	uint flags;
	int (*d_map_page)(d_handle_t h, int flags, caddr_t baddr,
			  ulong *busaddr, struct xmem *xmp);
	void (*d_unmap_page)(d_handle_t h, ulong *busaddr);
	int (*d_map_list)(d_handle_t h, int flags, int minxfer,
			  dio_t virt_list, dio_t bus_list);
	void (*d_unmap_list)(d_handle_t h, dio_t bus_list);
	int (*d_map_slave)(d_handle_t h, int flags, int minxfer,
			   dio_t vlist, uint chan_flags);
	int (*d_unmap_slave)(d_handle_t h);
	int (*d_map_disable)(d_handle_t h);
	int (*d_map_enable)(d_handle_t h);
	void (*d_map_clear)(d_handle_t h);
	int (*d_sync_mem)(d_handle_t h, dio_t bus_list);
	int bid;
	void *bus_sys_xlate_ptr;
	uint reserved1, reserved2, reserved3;
};

d_handle_t d_map_init(int bid, int flags, int bus_flags, uint channel);
void d_map_clear(d_handle_t handle);
void *d_alloc_dmamem(d_handle_t handle, size_t size, int align);
int d_free_dmamem(d_handle_t handle, void *addr, size_t size);

/**
 * struct dmamem_handle_info - what a handle asks for and what it holds
 * @id: the handle's id (as in struct d_handle)
 * @dma_mask: highest physical (bus) address the adapter reaches
 * @boundary: size of the window no buffer crosses, in bytes; 0 for none
 * @contiguous: buffers are physically contiguous
 * @no_zero_addr: address 0 is never handed out
 * @allocations: live allocations
 * @bytes: bytes requested by the live allocations
 * @held: bytes held for them, rounding included
 *
 * Linux departure: AIX has no way to ask a handle what it holds.
 */
struct dmamem_handle_info {
	unsigned int id;
	u64 dma_mask;
	u64 boundary;
	bool contiguous;
	bool no_zero_addr;
	unsigned long allocations;
	size_t bytes;
	size_t held;
};

int dmamem_handle_info(d_handle_t handle, struct dmamem_handle_info *info);

/**
 * struct dmamem_heap_info - what a heap holds
 * @allocations: live allocations served by the heap
 * @held: bytes the heap holds for them, rounding included
 *
 * Linux departure.
 */
struct dmamem_heap_info {
	unsigned long allocations;
	size_t held;
};

/**
 * enum dmamem_heap - the heaps behind d_alloc_dmamem()
 * @DMAMEM_HEAP_PINNED: ordinary kernel pages
 * @DMAMEM_HEAP_REAL: memory reserved at boot, claimed by dmamem
 */
enum dmamem_heap {
	DMAMEM_HEAP_PINNED,
	DMAMEM_HEAP_REAL,
};

int dmamem_heap_info(enum dmamem_heap heap, struct dmamem_heap_info *info);

/**
 * struct dmamem_pool_info - what the sub-page block pools hold
 * @pages: pages the pools hold, taken from the heaps
 * @blocks: live blocks
 * @bytes: bytes requested by the live blocks
 * @held: bytes of the live blocks, rounding up to their size class included
 * @overhead: bytes of bookkeeping kept for the pages, outside them
 *
 * Linux departure.
 */
struct dmamem_pool_info {
	unsigned long pages;
	unsigned long blocks;
	size_t bytes;
	size_t held;
	size_t overhead;
};

int dmamem_pool_info(struct dmamem_pool_info *info);
int dmamem_real_heap_add(phys_addr_t base, u64 size);

#endif /* _DMAMEM_DMAMEM_H */
