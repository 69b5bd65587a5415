/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/buf.h> for AIX drivers ported to Linux: struct buf, the request an
 * AIX block driver's strategy routine is handed, and its B_* flags.
 *
 * Nothing on Linux hands a driver a struct buf.  A ported driver fills one
 * in itself, in its Linux glue (from a block request, or in a read or
 * write entry point), and its AIX code reads it as it always did:
 * b_flags & B_READ for the direction, b_un.b_addr (b_baddr) and b_bcount
 * for the buffer, b_xmemd for the buffer's address space, b_dev and
 * b_blkno for where; and it reports back in b_resid, b_error (a positive
 * errno, as on AIX) and B_ERROR.  dmamem reads none of it.
 *
 * The members are AIX 5.3's, in its 64-bit kernel's order, with its
 * widths, except that:
 *
 *  - b_dev is Linux's dev_t (32 bits), and b_blkno a long, AIX's width,
 *    rather than Linux's int daddr_t: see <sys/types.h>;
 *  - b_iodone has a prototype, void (*)(struct buf *), since kernel builds
 *    refuse a pointer to a function without one;
 *  - b_event is a long (AIX's tid_t) and b_start a struct timespec64 (the
 *    same two members as AIX's struct timestruc_t);
 *  - b_vp points to a struct vnode, which nothing on Linux defines.
 *
 * The B_* values are AIX's.  Left out: B_COMPACTED and B_DONTUNPIN, which
 * AIX keeps for its own kernel; struct bufx; and the services, which are
 * AIX's buffer cache and block I/O layer, not a driver's: getblk(),
 * geteblk(), bread(), breada(), brelse(), bwrite(), bdwrite(), bawrite(),
 * bflush(), blkflush(), binval(), purblk(), clrbuf(), iowait(), iodone()
 * and geterror().  A ported driver completes a request the Linux way, in
 * its glue.
 */
#ifndef _AIX_SYS_BUF_H
#define _AIX_SYS_BUF_H

#include <linux/string.h>
#include <linux/time64.h>
#include "types.h"
#include "xmem.h"

struct vnode;

/**
 * struct buf - a block I/O request, in the AIX 5.3 (64-bit kernel) order
 * @b_flags: the B_* flags: B_READ for device to memory, else B_WRITE
 * @b_forw: the driver's own chaining
 * @b_back: the driver's own chaining
 * @av_forw: the next request of a list handed to a strategy routine
 * @av_back: the previous request
 * @b_iodone: called when the request completes
 * @b_vp: the file system object the request is for, if any
 * @b_dev: the device
 * @b_blkno: the first block
 * @b_un: the buffer: @b_un.b_addr, also named b_baddr
 * @b_un.b_addr: kernel or user address of the buffer, as @b_xmemd says
 * @b_bcount: bytes to transfer
 * @b_error: a positive errno, when B_ERROR is set
 * @b_resid: bytes not transferred
 * @b_work: the driver's to use
 * @b_options: options of an extended read or write (readx(), writex())
 * @b_event: who waits for the request
 * @b_start: when the request started
 * @b_xmemd: the cross-memory descriptor of the buffer's address space
 */
struct buf {
	long b_flags;
	struct buf *b_forw;
	struct buf *b_back;
	struct buf *av_forw;
	struct buf *av_back;
	void (*b_iodone)(struct buf *bp);
	struct vnode *b_vp;
	dev_t b_dev;
	long b_blkno;
	union {
		caddr_t b_addr;
	} b_un;
	unsigned long b_bcount;
	char b_error;
	unsigned long b_resid;
	long b_work;
	int b_options;
	long b_event;
	struct timespec64 b_start;
	struct xmem b_xmemd;
};

#define b_baddr		b_un.b_addr

/* b_flags (AIX values). */
#define B_WRITE		0x0000L	/* not B_READ: memory to device */
#define B_READ		0x0001L
#define B_DONE		0x0002L
#define B_ERROR		0x0004L
#define B_BUSY		0x0008L
#define B_WLM_UNMNGD	0x0010L
#define B_INFLIGHT	0x0020L
#define B_LOGDEV	0x0040L
#define B_AGE		0x0080L
#define B_ASYNC		0x0100L
#define B_DELWRI	0x0200L
#define B_NOHIDE	0x0400L	/* no effect on Linux: pages are not hidden */
#define B_STALE		0x0800L
#define B_MORE_DONE	0x1000L
#define B_PFSTORE	0x2000L
#define B_PFPROT	0x4000L
#define B_SPLIT		0x8000L
#define B_PFEOF		0x10000L
#define B_COMMIT	0x20000L
#define B_MPSAFE	0x40000L
#define B_MPSAFE_INITIAL 0x80000L
#define B_BUSDMA	0x400000L
#define B_DONE_ASYNC	0x800000L
#define B_SETMOD	0x1000000L
#define B_LIOS		0x1000000L	/* the same value as B_SETMOD, as on AIX */
#define B_LIOD		0x2000000L
#define B_BUFX		0x4000000L
#define B_BUFX_INITIAL	0x8000000L
#define B_XSPLIT1	0x10000000L
#define B_XSPLIT2	0x20000000L
#define B_XSPLIT	0x30000000L
#define B_XREADONLY	0x40000000L
#define B_XPAGER	0x80000000L

/* Make a struct buf all zeroes, as AIX's macros do; no more. */
#define BUF_INIT(bp)		memset(bp, 0, sizeof(struct buf))
#define BUF_INVALIDATE(bp)	memset(bp, 0, sizeof(struct buf))

#endif /* _AIX_SYS_BUF_H */
