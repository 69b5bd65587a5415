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

#include <linux/module.h>
#include <linux/types.h>

typedef struct d_handle *d_handle_t;
struct device;

/* Room for a mapper name, with its NUL, in d_info_t (AIX value). */
#define DMA_MAX_MAPPER_NAME	32

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

/*
 * Service flags of d_map_page(), d_map_list() and d_map_slave(): AIX 5.3
 * names and values.  A separate namespace from the d_map_init() flags
 * above; the values overlap (DMA_READ and DMA_ADDRESS_64_BIT are both 0x80).
 */
#define DMA_READ		0x80	/* device to memory; without it, memory to device */
#define BUS_DMA			0x100	/* device to device: the address is a bus address */
#define DMA_WRITE_ONLY		0x400	/* source compatibility only; no effect */
#define DMA_BYPASS		0x4000	/* skip the access check; no effect on Linux */

/* A DMA channel number (AIX's type for one). */
typedef uint dma_channel_t;

/*
 * d_map_slave() chan_flags: how the system DMA controller runs the
 * channel (AIX values).  Mode in bits 30-31, address direction in bit 29
 * (only 0, increment, is named), autoinitialise in bit 28, EOP in bit 22,
 * timing in bits 20-21, width in bits 18-19; each field's 0 is its
 * default.
 */
#define CH_DEFAULT		0x00000000
#define CH_DEMAND		0x00000000	/* demand mode */
#define CH_SINGLE		0x40000000	/* single transfer mode */
#define CH_BLOCK		0x80000000	/* block mode */
#define CH_CASCADE		0xC0000000	/* cascade mode */
#define CH_ADDR_INC		0x00000000	/* increment the address */
#define CH_AUTOINIT		0x10000000	/* autoinitialise */
#define CH_EOP_OUTPUT		0x00000000	/* EOP is an output */
#define CH_EOP_INPUT		0x00400000	/* EOP is an input */
#define CH_COMPAT		0x00000000	/* compatible timing */
#define CH_TYPE_A		0x00100000	/* type A timing */
#define CH_TYPE_B		0x00200000	/* type B timing */
#define CH_TYPE_F		0x00300000	/* type F timing */
#define CH_8BIT_BYTES		0x00000000	/* 8 bits wide, counting bytes */
#define CH_16BIT_WORDS		0x00040000	/* 16 bits wide, counting words */
#define CH_16BIT_BYTES		0x000C0000	/* 16 bits wide, counting bytes */

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

/* Address spaces of a cross-memory descriptor (AIX <sys/xmem.h> values). */
#define XMEM_PROC		0
#define XMEM_GLOBAL		(-1)
#define XMEM_INVAL		(-2)

/* Return codes of the cross-memory services (AIX values). */
#define XMEM_SUCC		0
#define XMEM_FAIL		(-1)

/* What xmattach() attaches: its segflag (AIX values). */
#define USER_ADSPACE		0	/* the calling process's data */
#define SYS_ADSPACE		1	/* kernel memory */
#define USERI_ADSPACE		2	/* the calling process's text */
#define LW_XMATTACH		4	/* lightweight: for one I/O */

/* struct xmem's xmemflags (AIX value): made by a lightweight attach. */
#define XMEM_LW			0x4

/* xmemdma64()'s flags (AIX values). */
#define XMEM_HIDE		0x0
#define XMEM_UNHIDE		0x1
#define XMEM_ACC_CHK		0x2
#define XMEM_WRITE_ONLY		0x4

/**
 * struct xmem_phys - a descriptor's pretranslation, in the AIX 5.3
 *	(64-bit kernel) layout
 * @total: page numbers @rpn has room for
 * @used: page numbers in use
 * @s_vpn: first virtual page translated
 * @rpn: the real page numbers
 *
 * dmamem does not pretranslate: all zero.
 */
struct xmem_phys {
	long total;
	long used;
	long s_vpn;
	long *rpn;
};

/**
 * struct xmem - a cross-memory descriptor, in the AIX 5.3 (64-bit kernel)
 *	layout
 * @aspace_id: XMEM_GLOBAL for kernel memory; XMEM_PROC for a process's
 *	buffer that xmattach() attached; XMEM_INVAL for none
 * @num_sids: segments the buffer spans; 1 for an attached buffer
 * @subspace_id: for XMEM_PROC, dmamem's number for the attachment (AIX:
 *	the segment id)
 * @subspace_ptr: AIX's list of segment ids; unused
 * @vaddr: for XMEM_PROC, the user address attached
 * @xmemflags: XMEM_LW for a lightweight attachment
 * @prexflags: pretranslation flags; unused
 * @xm_amr: storage keys; unused
 * @l2psize: log2 of the buffer's page size
 * @xp: pretranslation; unused
 *
 * A ported driver passes xmem_global, or a descriptor of its own whose
 * @aspace_id is XMEM_GLOBAL, for a kernel buffer, and one xmattach()
 * filled in for a process's buffer.  dmamem reads only @aspace_id,
 * @subspace_id and @vaddr, and follows no pointer in it: an attachment is
 * looked up by number, so a descriptor never attached, detached already,
 * or forged, is refused.
 */
struct xmem {
	int aspace_id;
	int num_sids;
	union {
		unsigned long subspace_id;
		unsigned long *subspace_ptr;
	};
	char *vaddr;
	unsigned short xmemflags;
	unsigned short prexflags;
	unsigned short xm_amr;
	unsigned short l2psize;
	struct xmem_phys xp;
};

/* The descriptor of global kernel memory, as on AIX. */
extern struct xmem *xmem_global;

int xmattach(caddr_t addr, long count, struct xmem *dp, int segflag);
int xmdetach(struct xmem *dp);
int xmemin(caddr_t uaddr, caddr_t kaddr, long count, struct xmem *dp);
int xmemout(caddr_t kaddr, caddr_t uaddr, long count, struct xmem *dp);
void *xmemdma64(struct xmem *dp, caddr_t xaddr, int flags);

/**
 * struct d_iovec - one buffer of a DMA list
 * @iov_base: kernel virtual address of the buffer (a virtual list), or its
 *	bus address (a bus list)
 * @iov_len: length in bytes (int32long64_t on AIX: long on a 64-bit kernel)
 * @xmp: address space of the buffer (a virtual list): xmem_global or a
 *	descriptor of XMEM_GLOBAL for kernel memory, one from xmattach() for
 *	a process's buffer; NULL in a bus list
 */
struct d_iovec {
	caddr_t iov_base;
	long iov_len;
	struct xmem *xmp;
};

typedef struct d_iovec *d_iovec_t;

/**
 * struct dio - a list of buffers for d_map_list(), in the AIX 5.3 layout
 * @total_iovecs: entries @dvec has room for
 * @used_iovecs: entries in use: input of a virtual list, output of a bus list
 * @bytes_done: bytes mapped by the last d_map_list() naming this list
 * @resid_iov: index of the first virtual-list entry not (fully) mapped
 * @dvec: the entries
 *
 * The counters are int32long64_t on AIX: long on a 64-bit kernel.
 */
struct dio {
	long total_iovecs;
	long used_iovecs;
	long bytes_done;
	long resid_iov;
	d_iovec_t dvec;
};

typedef struct dio *dio_t;

/**
 * struct d_handle - a DMA handle, in the AIX 5.3 (64-bit kernel) layout
 * @id: identifier of the handle, unique among live handles
 * @flags: the flags given to d_map_init()
 * @d_map_page: d_map_page(); the target of D_MAP_PAGE()
 * @d_unmap_page: d_unmap_page(); the target of D_UNMAP_PAGE()
 * @d_map_list: d_map_list(); the target of D_MAP_LIST()
 * @d_unmap_list: d_unmap_list(); the target of D_UNMAP_LIST()
 * @d_map_slave: d_map_slave(); the target of D_MAP_SLAVE()
 * @d_unmap_slave: d_unmap_slave(); the target of D_UNMAP_SLAVE()
 * @d_map_disable: d_map_disable(); the target of D_MAP_DISABLE()
 * @d_map_enable: d_map_enable(); the target of D_MAP_ENABLE()
 * @d_map_clear: d_map_clear()
 * @d_sync_mem: d_sync_mem(); the target of D_SYNC_MEM()
 * @bid: the bus identifier given to d_map_init()
 * @bus_sys_xlate_ptr: bus to system address translation data
 * @reserved1: padding, as on AIX
 * @reserved2: padding, as on AIX
 * @reserved3: padding, as on AIX
 *
 * Drivers reach the services through the D_* macros of <sys/dma.h>, which
 * call through the members as on AIX; every member is set.  The structure
 * is embedded at offset 0 of dmamem's private handle and must never be
 * allocated, copied or written by a driver.
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

/*
 * The error type of d_map_init_ext().  Linux departure: 0 or a negative
 * errno, not AIX's encoded kernel error.
 */
typedef long kerrno_t;

/**
 * struct d_info - d_map_init_ext()'s arguments, in the AIX layout (d_info_t)
 * @di_bid: bus identifier, as d_map_init()'s bid
 * @di_flags: init flags, as d_map_init()'s flags
 * @di_bus_flags: bus flags, as d_map_init()'s bus_flags (must be 0)
 * @di_channel: channel, as d_map_init()'s channel
 * @di_min_mapmem: least memory the driver must be able to map (accepted,
 *	not used: Linux has no I/O memory entitlement)
 * @di_des_mapmem: memory the driver would like to map (likewise)
 * @di_max_mapmem: most memory the driver maps (likewise)
 * @di_mapper_name: a name for the handle, NUL-terminated, kept with it
 */
struct d_info {
	u64 di_bid;
	u64 di_flags;
	u64 di_bus_flags;
	u64 di_channel;
	u64 di_min_mapmem;
	u64 di_des_mapmem;
	u64 di_max_mapmem;
	char di_mapper_name[DMA_MAX_MAPPER_NAME];
};

typedef struct d_info d_info_t;

d_handle_t d_map_init(int bid, int flags, int bus_flags, uint channel);
kerrno_t d_map_init_ext(d_info_t *dma_input, size_t info_size,
			d_handle_t *handle_ptr);
d_handle_t dmamem_map_init(int bid, int flags, int bus_flags, uint channel,
			   struct module *owner);
kerrno_t dmamem_map_init_ext(d_info_t *dma_input, size_t info_size,
			     d_handle_t *handle_ptr, struct module *owner);

/*
 * Linux departure: a call of d_map_init() or d_map_init_ext() passes the
 * calling module along, so that the handles a module leaves behind are
 * cleared when it unloads.  The functions of these names exist as well,
 * for callers that take their address; their handles have no owner.
 */
#define d_map_init(bid, flags, bus_flags, channel) \
	dmamem_map_init(bid, flags, bus_flags, channel, THIS_MODULE)
#define d_map_init_ext(dma_input, info_size, handle_ptr) \
	dmamem_map_init_ext(dma_input, info_size, handle_ptr, THIS_MODULE)
int dmamem_device_bid(struct device *dev);
int dmamem_bid_release(int bid);
void d_map_clear(d_handle_t handle);
int d_map_page(d_handle_t handle, int flags, caddr_t baddr, ulong *busaddr,
	       struct xmem *xmp);
void d_unmap_page(d_handle_t handle, ulong *busaddr);
int d_map_list(d_handle_t handle, int flags, int minxfer, dio_t virt_list,
	       dio_t bus_list);
void d_unmap_list(d_handle_t handle, dio_t bus_list);
int d_sync_mem(d_handle_t handle, dio_t bus_list);
int d_map_slave(d_handle_t handle, int flags, int minxfer, dio_t vlist,
		uint chan_flags);
int d_unmap_slave(d_handle_t handle);
int d_map_enable(d_handle_t handle);
int d_map_disable(d_handle_t handle);
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
 * @mappings: live mappings made by d_map_page() and d_map_list()
 * @device: the handle maps through a device's DMA API (its bid came from
 *	dmamem_device_bid()); otherwise bus address = physical address
 * @mapper_name: the name given to d_map_init_ext(), or empty
 * @owner: the name of the module that created the handle, or empty when
 *	built-in code (or a call through the function's address) did
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
	unsigned long mappings;
	bool device;
	char mapper_name[DMA_MAX_MAPPER_NAME];
	char owner[MODULE_NAME_LEN];
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
 * struct dmamem_alloc_info - where one allocation lies
 * @heap: the heap that served it
 * @phys: physical address of its first byte
 * @size: bytes it was asked for with
 * @contiguous: physically contiguous
 *
 * Linux departure.
 */
struct dmamem_alloc_info {
	enum dmamem_heap heap;
	phys_addr_t phys;
	size_t size;
	bool contiguous;
};

int dmamem_alloc_info(d_handle_t handle, void *addr,
		      struct dmamem_alloc_info *info);

/**
 * struct dmamem_pool_info - what the sub-page block pools hold
 * @pages: pages the pools hold, taken from the heaps, @spare included
 * @blocks: live blocks
 * @bytes: bytes requested by the live blocks
 * @held: bytes of the live blocks, rounding up to their size class included
 * @overhead: bytes of bookkeeping kept for the pages, outside them
 * @spare: pages of @pages with no live block, kept a moment for reuse
 *	(dmamem_pool_trim() gives them back at once)
 *
 * Linux departure.
 */
struct dmamem_pool_info {
	unsigned long pages;
	unsigned long blocks;
	size_t bytes;
	size_t held;
	size_t overhead;
	unsigned long spare;
};

int dmamem_pool_info(struct dmamem_pool_info *info);
unsigned long dmamem_pool_trim(void);
int dmamem_real_heap_add(phys_addr_t base, u64 size);

/*
 * dmamem_real_heap_add_flags() flag: the range may lie where nothing in
 * /proc/iomem describes it (RAM kept from the kernel with mem=).  Linux
 * departure.
 */
#define DMAMEM_REAL_UNLISTED	0x1

int dmamem_real_heap_add_flags(phys_addr_t base, u64 size, unsigned int flags);

#endif /* _DMAMEM_DMAMEM_H */
