/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/types.h> for AIX drivers ported to Linux: the AIX kernel's scalar
 * types that Linux lacks, as AIX 5.3 defines them for its 64-bit kernel.
 *
 * A ported driver is a Linux module, so wherever the two systems share a
 * name, Linux's definition (from <linux/types.h>) is the one it gets:
 *
 *  - caddr_t, ushort, uint, ulong, u_char, u_short, u_int, u_long, off_t,
 *    size_t and ssize_t are the same types as AIX's on a 64-bit kernel.
 *  - dev_t is Linux's 32-bit dev_t, with Linux's MAJOR() and MINOR()
 *    (AIX's is an unsigned long with its own encoding).  A ported driver
 *    gets its device numbers from Linux, so they are Linux's.
 *  - daddr_t is Linux's int (AIX's is a long).  Keep a block number in a
 *    long, as struct buf's b_blkno is, not in a daddr_t, or lose the
 *    high bits on large disks.
 *  - int8_t to int64_t, uint8_t to uint64_t and u_int8_t to u_int64_t
 *    are Linux's.
 *
 * Left out:
 *
 *  - int8, int16, int32, int64 and u_int8 to u_int64: Linux's
 *    <net/slhc_vj.h> has an int32 of its own (unsigned), so a driver that
 *    met both would not compile; use s32, u32 or int32_t.
 *  - tid_t: Linux's jbd2 has one of its own; AIX's is a thread id.
 *  - ptr64, cptr64, ptr32 and cptr32: the currency of the address-space
 *    services, which <sys/adspace.h> leaves out.
 *  - __long64_t, __ulong64_t and the other double-underscore spellings,
 *    the types of a 32-bit kernel, and user space's types.
 */
#ifndef _AIX_SYS_TYPES_H
#define _AIX_SYS_TYPES_H

#include <linux/types.h>

/*
 * AIX compiles its 64-bit kernel, and extensions for it, with
 * __64BIT_KERNEL defined; drivers test it to pick the 64-bit layouts and
 * types, which are the ones these headers give on a 64-bit Linux.
 */
#if defined(CONFIG_64BIT) && !defined(__64BIT_KERNEL)
#define __64BIT_KERNEL	1
#endif

typedef unsigned char uchar;
typedef unsigned int uint_t;
typedef int boolean_t;

#ifndef TRUE
#define TRUE	1
#endif
#ifndef FALSE
#define FALSE	0
#endif

/*
 * AIX's types that are an int on its 32-bit kernel and a long on its
 * 64-bit one (counts, lengths, page numbers), and the other way round.
 * They are long and int here, so they have the width of a pointer and of
 * 32 bits on a 64-bit Linux kernel, as on AIX's.
 */
typedef long int32long64_t;
typedef unsigned long uint32long64_t;
typedef int long32int64_t;
typedef unsigned int ulong32int64_t;

/* 64-bit integers and sizes, whatever the kernel's width. */
typedef long long offset_t;
typedef long long longlong_t;
typedef unsigned long long u_longlong_t;
typedef unsigned long long size64_t;
typedef long long ssize64_t;

/*
 * The virtual memory manager's types, which cross-memory descriptors
 * carry.  On Linux they are plain numbers with AIX's widths.
 */
typedef unsigned long vmhandle_t;	/* a segment's handle */
typedef long vmid_t;			/* a segment's id */
typedef long rpn_t;			/* a real page number */
typedef long vpn_t;			/* a virtual page number */
typedef long vmsize_t;			/* a size in pages */
typedef unsigned short pshift_t;	/* log2 of a page size */
typedef unsigned short sshift_t;	/* log2 of a segment size */

typedef long paddr_t;			/* a real (physical) address */
typedef unsigned int liobn_t;		/* a logical I/O bus number */
typedef int chan_t;			/* a channel of a multiplexed device */

#endif /* _AIX_SYS_TYPES_H */
