/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/xmem.h> for AIX drivers ported to Linux: the cross-memory
 * descriptor in the AIX 5.3 (64-bit kernel) layout, xmem_global, the
 * XMEM_* values and segflags, and xmattach(), xmdetach(), xmemin(),
 * xmemout() and xmemdma64(), as declared by <dmamem/dmamem.h>; the access
 * values, the rest of the 64-bit kernel's xmemflags bits, XMEM_DR_SAFE,
 * and xmemat() and xmemdt().
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

/*
 * xmemdma64() flag: the address stays valid under dynamic
 * reconfiguration, as every address of an attached page does on Linux,
 * where the pin keeps the page from moving.
 */
#define XMEM_DR_SAFE		0x8

/* Access to a page, as AIX's services report it. */
#define XMEM_RDONLY		0
#define XMEM_RDWR		1
#define XMEM_NOACC		2

/*
 * xmemflags bits of the 64-bit kernel besides XMEM_LW.  AIX sets them in
 * its own attachments; dmamem's never carry them, and the services ignore
 * them in a descriptor.
 */
#define XMEM_AUTHORITY		0x1
#define XMEM_TEMP_ATT		0x2
#define XMEM_SEG_XLATE		0x8
#define XMEM_SUB_PTR		0x10
#define XMEM_SEG_1T		0x20
#define XMEM_AMR_SAFE		0x40

/* AIX's shorthands for attaching and detaching kernel memory. */
#define xmemat(vaddr, count, dp)	xmattach(vaddr, count, dp, SYS_ADSPACE)
#define xmemdt(dp)			xmdetach(dp)

#endif /* _AIX_SYS_XMEM_H */
