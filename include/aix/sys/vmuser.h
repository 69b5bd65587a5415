/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/vmuser.h> for AIX drivers ported to Linux: vm_cflush(), which AIX
 * declares here, and which <sys/dma.h> declares with the other cache
 * services; see vm_cflush(9).
 *
 * Left out: the rest of AIX's header, the virtual memory manager's
 * services and types (segments, vm_att() and its kin, vm_move(),
 * vm_uiomove(), vms_create(), vm_protect() and more), which work on AIX's
 * segments and have no counterpart a Linux driver needs.
 */
#ifndef _AIX_SYS_VMUSER_H
#define _AIX_SYS_VMUSER_H

#include "dma.h"

#endif /* _AIX_SYS_VMUSER_H */
