/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/uio.h> for AIX drivers ported to Linux: struct uio, the read or
 * write request an AIX character driver's entry points are handed, with
 * its segment flags and directions.
 *
 * Nothing on Linux hands a driver a struct uio.  A ported driver's Linux
 * glue builds one, from the buffer and count of its read() or write()
 * file operation (uio_segflg UIO_USERSPACE), and passes it to the AIX
 * code, which walks it as before.
 *
 * struct iovec is Linux's, from <linux/uio.h>: an AIX one could not be
 * declared beside it.  It has AIX's two members, iov_base and iov_len, in
 * the same order and with the same widths, so AIX code reads the same
 * names.  Its iov_base is a void __user * where AIX's kernel has a
 * caddr_t: arithmetic on it counts bytes, as on a caddr_t (the kernel's C
 * does so for void *), and sparse reports a user address passed where a
 * kernel one is wanted, as it should.
 *
 * The members of struct uio are AIX 5.3's, in its 64-bit kernel's order
 * and widths.  The segment flags equal the address spaces of <sys/xmem.h>
 * (USER_ADSPACE, SYS_ADSPACE, USERI_ADSPACE), with UIO_XMEM after them.
 *
 * uiomove() moves bytes between kernel memory and the uio's buffers, a
 * process's (UIO_USERSPACE, UIO_USERISPACE) or the kernel's (UIO_SYSSPACE);
 * see uiomove(9), and with UIO_XMEM the buffers each iovec's cross-memory
 * descriptor describes.
 *
 * Left out: ureadc(), uwritec(), uphysio() and uiomove_chksum();
 * copyin(), copyout() and their kin, which are Linux's copy_from_user()
 * and copy_to_user(); xmempin() and xmemunpin(); and pinu(), unpinu() and
 * struct pinu_block, which belong to AIX's 32-bit kernel.
 */
#ifndef _AIX_SYS_UIO_H
#define _AIX_SYS_UIO_H

#include <linux/uio.h>
#include "types.h"
#include "xmem.h"

#ifndef IOV_MAX
#define IOV_MAX		16	/* AIX's value; Linux allows UIO_MAXIOV */
#endif

/**
 * enum uio_rw - the direction of a move between kernel memory and a uio
 * @UIO_READ: from the kernel into the space the uio describes (a read)
 * @UIO_WRITE: from that space into the kernel (a write)
 * @UIO_READ_NO_MOVE: a read that moves nothing
 * @UIO_WRITE_NO_MOVE: a write that moves nothing
 * @UIO_PWRITE: a positioned write
 */
enum uio_rw {
	UIO_READ,
	UIO_WRITE,
	UIO_READ_NO_MOVE,
	UIO_WRITE_NO_MOVE,
	UIO_PWRITE,
};

/* uio_segflg: where the buffers are (AIX values). */
#define UIO_USERSPACE	0	/* a process's data: USER_ADSPACE */
#define UIO_SYSSPACE	1	/* the kernel's: SYS_ADSPACE */
#define UIO_USERISPACE	2	/* a process's instructions: USERI_ADSPACE */
#define UIO_XMEM	3	/* as uio_xmem[i] says, for each iovec */

/**
 * struct uio - a read or write request, in the AIX 5.3 (64-bit kernel) order
 * @uio_iov: the iovec being worked on, the first of @uio_iovcnt
 * @uio_xmem: with UIO_XMEM, a cross-memory descriptor for each iovec,
 *	in step with @uio_iov
 * @uio_iovcnt: iovecs left, @uio_iov's included
 * @uio_iovdcnt: iovecs done
 * @uio_offset: the offset on the device or file
 * @uio_resid: bytes left to move
 * @uio_segflg: UIO_USERSPACE, UIO_SYSSPACE, UIO_USERISPACE or UIO_XMEM
 * @uio_fmode: the file's open mode flags
 */
struct uio {
	struct iovec *uio_iov;
	struct xmem *uio_xmem;
	int32long64_t uio_iovcnt;
	int32long64_t uio_iovdcnt;
	offset_t uio_offset;
	int32long64_t uio_resid;
	short uio_segflg;
	long uio_fmode;
};

typedef struct uio uio_t;

int uiomove(caddr_t cp, int32long64_t n, enum uio_rw rw, struct uio *uio);

#endif /* _AIX_SYS_UIO_H */
