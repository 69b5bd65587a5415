/* SPDX-License-Identifier: GPL-2.0 */
/* User-space stand-in for <linux/printk.h>: enough for dmamem/arena.c. */
#ifndef _FUZZ_LINUX_PRINTK_H
#define _FUZZ_LINUX_PRINTK_H

#include <stdio.h>

#define pr_err(fmt, ...)	fprintf(stderr, pr_fmt(fmt), ##__VA_ARGS__)

#endif
