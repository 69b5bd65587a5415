/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/align.h>: enough for dmamem/arena.c. */
#ifndef _FUZZ_LINUX_ALIGN_H
#define _FUZZ_LINUX_ALIGN_H

#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN(x, a)		({ __typeof__(a) _a = (a); \
				   ALIGN_DOWN((x) + _a - 1, _a); })

#endif
