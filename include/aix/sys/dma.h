/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/dma.h> for AIX adapter drivers ported to Linux.
 *
 * Add -I<dmamem>/include/aix to the driver's ccflags and keep
 * "#include <sys/dma.h>"; the services, flags and the handle layout are
 * those of AIX 5.3, provided by the dmamem module.
 */
#ifndef _AIX_SYS_DMA_H
#define _AIX_SYS_DMA_H

#include "../../dmamem/dmamem.h"
#include "ioacc.h"
#include "malloc.h"
#include "xmem.h"

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

/*
 * The mapping services, called through the handle's members as on AIX:
 * the handle is read before anything checks it, so it must be live.  Each
 * macro evaluates its handle once.  D_UNMAP_PAGE() and D_UNMAP_LIST() are
 * statements, as on AIX, but without its dangling else.
 */
#define D_MAP_PAGE(handle, flags, baddr, busaddr, xmp)			\
	({ d_handle_t __h = (handle);					\
	   __h->d_map_page(__h, flags, baddr, busaddr, xmp); })
#define D_UNMAP_PAGE(handle, busaddr)					\
	do {								\
		d_handle_t __h = (handle);				\
									\
		if (__h->d_unmap_page)					\
			__h->d_unmap_page(__h, busaddr);		\
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
 */
#define DIO_INIT(d, n_iovecs)	dmamem_dio_init(d, n_iovecs)
#define DIO_FREE(d)		xmfree((d)->dvec, pinned_heap)

#endif /* _AIX_SYS_DMA_H */
