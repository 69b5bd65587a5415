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
 * Give a struct dio room for n entries from the pinned heap, with every
 * counter 0; total_iovecs stays 0 when memory is short.  DIO_FREE() gives
 * the room back.  Process context only.  A statement, as on AIX.
 */
#define DIO_INIT(d, n_iovecs)						\
	do {								\
		struct dio *__d = (d);					\
		int __n = (n_iovecs);					\
									\
		__d->dvec = (d_iovec_t)xmalloc(sizeof(struct d_iovec) * __n, \
					       2, pinned_heap);		\
		__d->total_iovecs = __d->dvec ? __n : 0;		\
		__d->used_iovecs = 0;					\
		__d->bytes_done = 0;					\
		__d->resid_iov = 0;					\
	} while (0)
#define DIO_FREE(d)		xmfree((caddr_t)(d)->dvec, pinned_heap)

#endif /* _AIX_SYS_DMA_H */
