/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/errno.h> for AIX drivers ported to Linux: Linux's errno values,
 * under the names AIX shares with Linux.
 *
 * A ported driver's errors end at Linux callers (the VFS, user space,
 * other modules), so its error names must mean Linux's numbers.  AIX and
 * Linux agree from EPERM (1) to ERANGE (34), which holds most of what
 * drivers return (EIO, ENXIO, EAGAIN, ENOMEM, EFAULT, EBUSY, ENODEV,
 * EINVAL, ENOSPC); above 34 the numbers differ (ETIMEDOUT is 78 on AIX,
 * 110 on Linux), and a driver built against this header gets Linux's.
 *
 * AIX entry points return a positive errno; Linux's return a negative
 * one.  The Linux glue that calls a ported driver's entry points negates
 * what they return.  struct buf's b_error holds a positive errno, as on
 * AIX, and uiomove() returns one; d_map_init_ext() returns a negative one
 * (see <sys/kerrno.h>).
 *
 * Added: ENOTSUP, as EOPNOTSUPP, which is what Linux's C library makes of
 * it (AIX has two values).
 *
 * Left out: the names only AIX has (ENOTREADY, EWRPROTECT, EFORMAT,
 * ENOCONNECT, EMEDIA, ESOFT, ENOATTR, ESAD, ENOTRUST, ECORRUPT, EDIST,
 * EPROCLIM), so that each use is a compile error asking for a Linux value
 * (EROFS for write-protected media, ENODATA for a missing attribute, as
 * Linux spells it, EIO for a failed transfer); and errno, the variable:
 * kernel code has none.
 */
#ifndef _AIX_SYS_ERRNO_H
#define _AIX_SYS_ERRNO_H

#include <linux/errno.h>

#ifndef ENOTSUP
#define ENOTSUP		EOPNOTSUPP
#endif

#endif /* _AIX_SYS_ERRNO_H */
