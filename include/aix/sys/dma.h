/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/dma.h> for AIX adapter drivers ported to Linux.
 *
 * Add -I<dmamem>/include/aix to the driver's ccflags and keep
 * "#include <sys/dma.h>"; the services, flags and the handle layout are
 * those of AIX 5.3, provided by the dmamem module.  Besides AIX 5.3's
 * names it holds the manual's DMA_ADDRESS_64, DMA_L2PSIZE and DMA_PSIZE
 * (which AIX keeps in <sys/sysdma.h>), the _64 names of AIX's 32-bit
 * kernel, and the cache services d_align(), d_roundup(), vm_cflush(),
 * d_cflush() and d_bflush().
 *
 * Left out: the Micro Channel services and their flags and return codes
 * (d_init(), d_slave(), d_master(), d_complete(), d_mask(), d_unmask(),
 * d_clear(), d_move(), DMA_CONFLICT and the rest), which AIX 5.3 keeps
 * only for source compatibility; the dynamic-reconfiguration interface
 * for DMA mappers; d_map_attr() and d_map_query() (no I/O memory
 * entitlement or DMA windows on Linux); and the 6.1/7.x flags whose
 * values are not published where they could be found: DMA_STMAP,
 * DMA_INIT_STMAP_SUPPORT, DMA_PRIME and DMA_HUGE.
 */
#ifndef _AIX_SYS_DMA_H
#define _AIX_SYS_DMA_H

#include "../../dmamem/dmamem.h"
#include "ioacc.h"
#include "malloc.h"
#include "types.h"
#include "xmem.h"

/* The manual's name for DMA_ADDRESS_64_BIT. */
#define DMA_ADDRESS_64		DMA_ADDRESS_64_BIT

/*
 * AIX's DMA page: the unit of d_map_page() and of TCE mappings, 4 KiB
 * whatever the processor's page (Linux's may be 64 KiB).  A 4 KiB piece
 * aligned to 4 KiB always lies within one Linux page.
 */
#define DMA_L2PSIZE		12
#define DMA_PSIZE		0x1000
#define TCE_MAP_SIZE		4096

/*
 * The 64-bit interfaces of AIX's 32-bit kernel (DMA_ENABLE_64).  A 64-bit
 * AIX kernel has none: its struct dio and struct d_iovec already carry
 * 64-bit addresses and lengths, as dmamem's do.  So for code written to
 * them the _64 names are the native ones: struct dio_64 is struct dio,
 * struct d_iovec_64 is struct d_iovec, DIO_INIT_64() is DIO_INIT().  Code
 * that stores an integer in iov_base (the 32-bit kernel's d_iovec_64
 * holds an unsigned long long there) fails to compile at that line: cast
 * the value to caddr_t.  dio_64 and d_iovec_64 are macros, so nothing
 * else may bear those names.
 */
#define dio_64			dio
#define d_iovec_64		d_iovec
typedef dio_t dio_64_t;
typedef d_iovec_t d_iovec_64_t;

/* Handle dispatch and exported-service aliases, as in AIX 5.3. */
#define D_MAP_INIT(bid, flags, bus_flags, channel) \
	d_map_init(bid, flags, bus_flags, channel)
/*
 * AIX calls through handle->d_map_clear; dmamem has one implementation, so
 * the macro calls it directly and a bad handle is refused, not dereferenced.
 */
#define D_MAP_CLEAR(handle)	d_map_clear(handle)
#define D_ALLOC_DMAMEM		d_alloc_dmamem
#define D_FREE_DMAMEM		d_free_dmamem

int dmamem_map_page32(d_handle_t handle, int flags, caddr_t baddr,
		      u32 *busaddr, struct xmem *xmp);
void dmamem_unmap_page32(d_handle_t handle, u32 *busaddr);

/*
 * What a bus address destination is, from its type alone (it is not
 * evaluated): 1 for a uint * or int *, 2 for an unsigned long long *,
 * 0 for anything else.
 */
#define DMAMEM_BUSADDR_KIND(busaddr)					\
	(__builtin_types_compatible_p(typeof(busaddr), typeof((uint *)0)) || \
	 __builtin_types_compatible_p(typeof(busaddr), typeof((int *)0)) ? 1 : \
	 __builtin_types_compatible_p(typeof(busaddr),			\
				      typeof((unsigned long long *)0)) ? 2 : 0)

/* A u64 bus address destination (a dma_addr_t, say), through a ulong. */
static inline int dmamem_map_page_ull(d_handle_t h, int flags, caddr_t baddr,
				      unsigned long long *busaddr,
				      struct xmem *xmp)
{
	ulong bus;
	int ret;

	if (sizeof(*busaddr) == sizeof(bus))
		return h->d_map_page(h, flags, baddr, (ulong *)busaddr, xmp);
	ret = h->d_map_page(h, flags, baddr, busaddr ? &bus : NULL, xmp);
	if (ret == DMA_SUCC)
		*busaddr = bus;
	return ret;
}

static inline void dmamem_unmap_page_ull(d_handle_t h,
					 unsigned long long *busaddr)
{
	ulong bus;

	if (!h->d_unmap_page)
		return;
	if (sizeof(*busaddr) == sizeof(bus) || !busaddr) {
		h->d_unmap_page(h, (ulong *)busaddr);
		return;
	}
	bus = *busaddr;
	h->d_unmap_page(h, &bus);
}

/*
 * The mapping services, called through the handle's members as on AIX:
 * the handle is read before anything checks it, so it must be live.  Each
 * macro evaluates each argument once.  D_UNMAP_PAGE() and D_UNMAP_LIST()
 * are statements, as on AIX, but without its dangling else.
 *
 * D_MAP_PAGE() takes any pointer as baddr, cast to caddr_t as AIX's
 * unprototyped pointer took it.  Its bus address destination, and
 * D_UNMAP_PAGE()'s, is a ulong * as on AIX's 64-bit kernel, or:
 *
 *  - a uint * or an int *, as drivers written for AIX's 32-bit kernel
 *    keep them: dmamem_map_page32() maps into a ulong and stores the low
 *    32 bits, and refuses (DMA_FAIL, with a log line, nothing mapped) a
 *    handle whose flags let a bus address need more: DMA_ADDRESS_64_BIT,
 *    or DMA_ADDRESS_BITS() above 32.  Such a handle would give addresses
 *    that fit until the day one does not;
 *  - an unsigned long long * (a u64, a dma_addr_t), which holds any bus
 *    address.
 *
 * Any other type is a compile error.
 */
#define D_MAP_PAGE(handle, flags, baddr, busaddr, xmp)			\
({									\
	d_handle_t __h = (handle);					\
	int __f = (flags);						\
	caddr_t __a = (caddr_t)(baddr);					\
	__auto_type __b = (busaddr);					\
	struct xmem *__x = (xmp);					\
									\
	__builtin_choose_expr(DMAMEM_BUSADDR_KIND(__b) == 1,		\
		dmamem_map_page32(__h, __f, __a, (u32 *)__b, __x),	\
	__builtin_choose_expr(DMAMEM_BUSADDR_KIND(__b) == 2,		\
		dmamem_map_page_ull(__h, __f, __a,			\
				    (unsigned long long *)__b, __x),	\
		__h->d_map_page(__h, __f, __a,				\
				__builtin_choose_expr(DMAMEM_BUSADDR_KIND(__b), \
						      (ulong *)NULL, __b), \
				__x)));					\
})
#define D_UNMAP_PAGE(handle, busaddr)					\
	do {								\
		d_handle_t __h = (handle);				\
		__auto_type __b = (busaddr);				\
									\
		if (!__h->d_unmap_page)					\
			break;						\
		__builtin_choose_expr(DMAMEM_BUSADDR_KIND(__b) == 1,	\
			dmamem_unmap_page32(__h, (u32 *)__b),		\
		__builtin_choose_expr(DMAMEM_BUSADDR_KIND(__b) == 2,	\
			dmamem_unmap_page_ull(__h,			\
					      (unsigned long long *)__b), \
			__h->d_unmap_page(__h,				\
				__builtin_choose_expr(DMAMEM_BUSADDR_KIND(__b), \
						      (ulong *)NULL, __b)))); \
	} while (0)
#define D_MAP_LIST(handle, flags, minxfer, virt_list, bus_list)	\
	({ d_handle_t __h = (handle);					\
	   __h->d_map_list(__h, flags, minxfer, virt_list, bus_list); })
#define D_UNMAP_LIST(handle, bus_list)					\
	do {								\
		d_handle_t __h = (handle);				\
									\
		if (__h->d_unmap_list)					\
			__h->d_unmap_list(__h, bus_list);		\
	} while (0)
#define D_MAP_SLAVE(handle, flags, minxfer, vlist, chan_flags)		\
	({ d_handle_t __h = (handle);					\
	   __h->d_map_slave(__h, flags, minxfer, vlist, chan_flags); })
#define D_UNMAP_SLAVE(handle)						\
	({ d_handle_t __h = (handle);					\
	   __h->d_unmap_slave ? __h->d_unmap_slave(__h) : DMA_SUCC; })
#define D_MAP_DISABLE(handle)						\
	({ d_handle_t __h = (handle); __h->d_map_disable(__h); })
#define D_MAP_ENABLE(handle)						\
	({ d_handle_t __h = (handle); __h->d_map_enable(__h); })
#define D_SYNC_MEM(handle, bus_list)					\
	({ d_handle_t __h = (handle);					\
	   __h->d_sync_mem ? __h->d_sync_mem(__h, bus_list) : DMA_SUCC; })

void dmamem_dio_init(struct dio *d, long n_iovecs);

/*
 * Give a struct dio room for n entries from the pinned heap, with every
 * counter 0; total_iovecs stays 0 (and dvec NULL) when the count is not 1
 * to INT_MAX / sizeof(struct d_iovec), or memory is short.  DIO_FREE()
 * gives the room back.  Process context only.  It has no value, as on AIX.
 * As AIX's, both cast d to a struct dio *, so any pointer to one will do.
 */
#define DIO_INIT(d, n_iovecs)	dmamem_dio_init((struct dio *)(d), n_iovecs)
#define DIO_FREE(d)		xmfree(((struct dio *)(d))->dvec, pinned_heap)
#define DIO_INIT_64(d, n_iovecs)	DIO_INIT(d, n_iovecs)
#define DIO_FREE_64(d)		DIO_FREE(d)

/*
 * The cache services (see d_align(9), vm_cflush(9), d_cflush(9)).  AIX
 * declares vm_cflush() in <sys/vmuser.h>, which includes this header, and
 * the others in no header of its own.  d_align() and d_roundup() give the
 * cache line; the flushes are memory barriers, since on Linux the DMA API
 * does the cache work when memory is mapped and at D_SYNC_MEM().
 */
int d_align(void);
int d_roundup(int length);
void vm_cflush(caddr_t eaddr, int nbytes);
int d_cflush(int channel_id, caddr_t baddr, size_t count, caddr_t daddr);
int d_bflush(int channel_id, vmhandle_t buid, char *daddr);

#endif /* _AIX_SYS_DMA_H */
