/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/kerrno.h> for AIX drivers ported to Linux: kerrno_t, the type
 * d_map_init_ext() returns, declared with the rest of dmamem's services
 * in <dmamem/dmamem.h>.
 *
 * kerrno_t is a long, as on AIX.  There it is an encoded kernel error
 * carrying detail for its RAS facilities, but its encoding is not
 * published in any IBM header or manual page this project could find,
 * nor are the macros that build or take one apart.  So none is provided,
 * and none is invented: d_map_init_ext() returns 0 on success and a
 * negative Linux errno on failure (-EINVAL, -ENODEV or -ENOMEM; see
 * d_map_init_ext(9)), which is what Linux code understands and what a
 * log line can print.  Test a kerrno_t against 0: 0 is success, anything
 * else a failure.
 *
 * Left out: the encoding, its macros and any kerrno_t constants.
 */
#ifndef _AIX_SYS_KERRNO_H
#define _AIX_SYS_KERRNO_H

#include "../../dmamem/dmamem.h"

#endif /* _AIX_SYS_KERRNO_H */
