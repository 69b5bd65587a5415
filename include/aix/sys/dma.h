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

#endif /* _AIX_SYS_DMA_H */
