/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/xmem.h> for AIX drivers ported to Linux: struct xmem, xmem_global
 * and the XMEM_* values, as declared by <dmamem/dmamem.h>.  dmamem maps
 * global kernel memory only; there is no xmattach().
 */
#ifndef _AIX_SYS_XMEM_H
#define _AIX_SYS_XMEM_H

#include "../../dmamem/dmamem.h"

#endif /* _AIX_SYS_XMEM_H */
