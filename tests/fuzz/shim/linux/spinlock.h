/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space stand-in for <linux/spinlock.h>: one thread, so a lock is a
 * flag that must never be taken twice or released when free.
 */
#ifndef _FUZZ_LINUX_SPINLOCK_H
#define _FUZZ_LINUX_SPINLOCK_H

#include <assert.h>

struct fuzz_spinlock {
	int held;
};

#define spinlock_t	struct fuzz_spinlock

static inline void spin_lock_init(spinlock_t *l)
{
	l->held = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	assert(!l->held);
	l->held = 1;
}

static inline void spin_unlock(spinlock_t *l)
{
	assert(l->held);
	l->held = 0;
}

#endif
