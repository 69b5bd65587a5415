/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/xmem.h> for AIX drivers ported to Linux: the cross-memory
 * descriptor in the AIX 5.3 (64-bit kernel) layout, xmem_global, the
 * XMEM_* values and segflags, and xmattach(), xmdetach(), xmemin(),
 * xmemout() and xmemdma64(), as declared by <dmamem/dmamem.h>.
 *
 * Left out: xmemdma(), which AIX's 64-bit kernel does not declare (its
 * int result cannot hold a 64-bit address: use xmemdma64()); the 32-bit
 * kernel's XMEM_PROC2, XMEM_XLATE, xmattach64() and xmemacc(); remote I/O
 * (XMEM_REMIO, xmattach_remio()); pretranslation (the XLATE_* flags,
 * struct xmem_phys is present but unused) and storage keys.
 */
#ifndef _AIX_SYS_XMEM_H
#define _AIX_SYS_XMEM_H

#include "../../dmamem/dmamem.h"

#endif /* _AIX_SYS_XMEM_H */
