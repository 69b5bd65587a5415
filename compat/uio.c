// SPDX-License-Identifier: GPL-2.0
/*
 * uiomove(): the AIX service that moves bytes between kernel memory and
 * the buffers a struct uio describes, for the read and write entry points
 * of drivers ported to Linux.  A process's buffers (UIO_USERSPACE and
 * UIO_USERISPACE) are reached with copy_to_user() and copy_from_user(),
 * the kernel's (UIO_SYSSPACE) with memcpy(), and those of UIO_XMEM through
 * each iovec's cross-memory descriptor, with xmemout() and xmemin().
 *
 * Locking: none; the caller owns the uio.  Process context only, as on
 * AIX: a process's pages may have to be faulted in.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <aix/sys/uio.h>
#include <aix/sys/xmem.h>

/* On to the next iovec, and with UIO_XMEM its descriptor. */
static void dm_uio_next(struct uio *uio)
{
	uio->uio_iov++;
	if (uio->uio_segflg == UIO_XMEM)
		uio->uio_xmem++;
	uio->uio_iovcnt--;
	uio->uio_iovdcnt++;
}

/*
 * Copy @len bytes between @cp and @iov's buffer, as @rw says.  Return how
 * many were not copied: 0, or some for a process's address that faults.
 */
static size_t dm_uio_copy(struct uio *uio, struct iovec *iov, caddr_t cp,
			  size_t len, enum uio_rw rw)
{
	/* an attached buffer, or with XMEM_GLOBAL kernel memory: all or none */
	if (uio->uio_segflg == UIO_XMEM) {
		caddr_t at = (__force caddr_t)iov->iov_base;
		int ret = rw == UIO_READ ? xmemout(cp, at, len, uio->uio_xmem) :
					   xmemin(at, cp, len, uio->uio_xmem);

		return ret == XMEM_SUCC ? 0 : len;
	}
	if (uio->uio_segflg == UIO_SYSSPACE) {
		if (rw == UIO_READ)
			memcpy((__force void *)iov->iov_base, cp, len);
		else
			memcpy(cp, (__force void *)iov->iov_base, len);
		return 0;
	}
	if (rw == UIO_READ)
		return copy_to_user(iov->iov_base, cp, len);
	return copy_from_user(cp, iov->iov_base, len);
}

static int dm_uiomove(caddr_t cp, int32long64_t n, enum uio_rw rw,
		      struct uio *uio, const char **why)
{
	struct iovec *iov;
	size_t len, left;

	*why = "no uio, or a negative count";
	if (!uio || n < 0)
		return -EINVAL;
	*why = "the direction is not UIO_READ or UIO_WRITE";
	if (rw != UIO_READ && rw != UIO_WRITE)
		return -EINVAL;
	*why = "uio_segflg is not UIO_USERSPACE, UIO_SYSSPACE, UIO_USERISPACE or UIO_XMEM";
	if (uio->uio_segflg != UIO_USERSPACE && uio->uio_segflg != UIO_SYSSPACE &&
	    uio->uio_segflg != UIO_USERISPACE && uio->uio_segflg != UIO_XMEM)
		return -EINVAL;
	*why = "UIO_XMEM without uio_xmem";
	if (uio->uio_segflg == UIO_XMEM && !uio->uio_xmem)
		return -EINVAL;
	*why = "uio_resid or uio_iovcnt is negative, or uio_resid has no iovec";
	if (uio->uio_resid < 0 || uio->uio_iovcnt < 0 ||
	    (uio->uio_resid && (!uio->uio_iovcnt || !uio->uio_iov)))
		return -EINVAL;

	might_sleep();
	while (n > 0 && uio->uio_resid > 0 && uio->uio_iovcnt > 0) {
		iov = uio->uio_iov;
		if (!iov->iov_len) {
			dm_uio_next(uio);
			continue;
		}
		len = min3(iov->iov_len, (size_t)n, (size_t)uio->uio_resid);
		left = dm_uio_copy(uio, iov, cp, len, rw);
		len -= left;
		iov->iov_base += len;
		iov->iov_len -= len;
		uio->uio_offset += len;
		uio->uio_resid -= len;
		cp += len;
		n -= len;
		if (left)
			return -EFAULT;
		if (!iov->iov_len)
			dm_uio_next(uio);
	}
	return 0;
}

/**
 * uiomove() - move bytes between kernel memory and the space a uio describes
 * @cp: kernel address the bytes are moved from (UIO_READ) or to (UIO_WRITE)
 * @n: the most bytes to move
 * @rw: UIO_READ, from @cp into the uio's buffers (what a read() does), or
 *	UIO_WRITE, from them to @cp
 * @uio: the buffers, from its current iovec on; updated as bytes move
 *
 * Moves the lesser of @n and uio_resid bytes, iovec by iovec: a process's
 * buffers (UIO_USERSPACE, UIO_USERISPACE) with copy_to_user() and
 * copy_from_user(), the kernel's (UIO_SYSSPACE) with memcpy(), and with
 * UIO_XMEM each iovec's buffer through its descriptor in uio_xmem (in
 * step with uio_iov: xmem_global's kind for kernel memory, or one
 * xmattach() filled in) with xmemout() and xmemin().  Each byte moved
 * advances iov_base and uio_offset and comes off iov_len and uio_resid;
 * an iovec used up (or empty) moves uio_iov (and uio_xmem) on, and one
 * from uio_iovcnt to uio_iovdcnt.  An @n or uio_resid of 0 moves nothing.
 * Process context only.
 *
 * Linux departures: the directions other than UIO_READ and UIO_WRITE are
 * refused, as is an @n or a uio that does not add up; each refusal has a
 * log line and changes nothing.
 *
 * Return: 0; EFAULT when a process's address faults, or a UIO_XMEM piece
 * is not in the buffer its descriptor attached, after the bytes before it
 * were moved and counted; EINVAL for a refusal.  Positive, as on AIX.
 */
int uiomove(caddr_t cp, int32long64_t n, enum uio_rw rw, struct uio *uio)
{
	const char *why;
	int ret;

	ret = dm_uiomove(cp, n, rw, uio, &why);
	if (ret == -EINVAL)
		pr_warn_ratelimited("%s(%ld, %d): %s\n", __func__, (long)n, rw, why);
	/* AIX's services return an errno positive, Linux's negative */
	return -ret;
}
EXPORT_SYMBOL(uiomove);
