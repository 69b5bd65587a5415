/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/adspace.h> for AIX drivers ported to Linux.  It provides nothing
 * but the headers AIX's includes (<sys/types.h>, and <sys/xmem.h> for the
 * descriptors its services take), so that a driver that includes it
 * compiles up to its first use of a service, which is where the Linux
 * glue goes.
 *
 * Everything AIX's <sys/adspace.h> declares attaches segments or bus
 * memory to the current address space, and none of it has a meaning on
 * Linux, where all kernel memory is always addressable and bus memory is
 * mapped once, by the driver:
 *
 *  - vm_att(), vm_det(), as_att64(), as_det64(), as_geth64(),
 *    as_puth64(), as_seth64(), as_getsrval64(), vm_getkey(), vm_vmid(),
 *    vm_saveatt(), vm_restatt() and the lightweight attach pool: a kernel
 *    address needs no attaching; drop the calls.
 *  - iomem_att(), iomem_det(), struct io_map, IO_MAP_INIT(),
 *    io_map_init(), io_map(), io_unmap(), io_map_clear(), rmmap_create()
 *    and rmmap_remove(): map the adapter's registers in probe, with
 *    pci_iomap() or ioremap(), and keep the address.
 *  - xm_att(), xm_mapin(), xm_maxmap() and xm_det(), which give a kernel
 *    address for a range of a cross-memory descriptor: not provided.
 *  - as_att(), as_det(), getadsp() and the rest of the 32-bit kernel's
 *    services, and adspace_t, which only they take.
 *  - VM_PRIV, VM_UNPRIV and the other arguments of the services above.
 */
#ifndef _AIX_SYS_ADSPACE_H
#define _AIX_SYS_ADSPACE_H

#include "types.h"
#include "xmem.h"

#endif /* _AIX_SYS_ADSPACE_H */
