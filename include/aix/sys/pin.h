/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/pin.h> for AIX drivers ported to Linux: pin() and unpin() of
 * kernel memory.  Linux never pages kernel memory out, so memory from
 * kmalloc(), vmalloc(), xmalloc() on either heap or d_alloc_dmamem() is
 * resident for as long as it is allocated: the services check that the
 * range is kernel memory and succeed, so AIX code that pins kernel_heap
 * memory around an I/O works unchanged.  See pin(9).
 *
 * Linux departure: the address is a void *, not AIX's caddr_t, so any
 * pointer will do, as AIX's unprototyped callers passed one.
 *
 * Left out: pinu() and unpinu(), which pin a process's memory: use
 * xmattach() (<sys/xmem.h>), which pins it and gives the descriptor the
 * mapping services take; and ltpin()/ltunpin(), whose long-term pins of
 * kernel memory are what Linux gives all of it.
 */
#ifndef _AIX_SYS_PIN_H
#define _AIX_SYS_PIN_H

#include "types.h"

int pin(void *addr, int length);
int unpin(void *addr, int length);

#endif /* _AIX_SYS_PIN_H */
