// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem statistics: how many calls were refused, and why, and how many
 * requests each heap refused.  The live figures (allocations and bytes
 * held per heap, per reserved range and per handle) are the heaps' and
 * handles' own counters; these are the ones nobody else keeps.
 *
 * The names are those of debugfs and of the tracepoints' reason field,
 * from the lists in stats.h; dmamem(4) documents them.
 *
 * Locking: none; every counter is an atomic_long_t.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include "stats.h"

/* The lists of dmamem/stats.h as designated initialisers. */
#define DM_EM(value, name)						\
	[value] = name,
#define DM_EM_LAST(value, name)						\
	[value] = name,

const char * const dm_alloc_fail_names[DM_NR_AFAIL] = { DM_ALLOC_FAILS };
const char * const dm_free_fail_names[DM_NR_FFAIL] = { DM_FREE_FAILS };

const char * const dm_refusal_names[DM_NR_REFUSED] = {
	[DM_REFUSED_NO_MEMORY] = "no_memory",
	[DM_REFUSED_TOO_BIG] = "too_big",
};

const char * const dm_heap_names[DM_NR_HEAPS] = { DM_HEAPS };

static atomic_long_t dm_alloc_fails[DM_NR_AFAIL];
static atomic_long_t dm_free_fails[DM_NR_FFAIL];
static atomic_long_t dm_refusals[DM_NR_HEAPS][DM_NR_REFUSED];

/**
 * dm_alloc_fail_of() - the reason for a failure after the request checks
 * @err: the negative errno of the pools, the policy or the bookkeeping
 *
 * Return: -ESTALE is a cleared handle, -E2BIG and -EINVAL a request no
 * heap ever gives, anything else a shortage.
 */
enum dm_alloc_fail dm_alloc_fail_of(int err)
{
	switch (err) {
	case -ESTALE:
		return DM_AFAIL_CLEARED;
	case -E2BIG:
	case -EINVAL:
		return DM_AFAIL_TOO_BIG;
	}
	return DM_AFAIL_NO_MEMORY;
}

/**
 * dm_free_fail_of() - the reason for a refused free
 * @err: the negative errno of dm_owned_verdict()
 *
 * Return: the reason; an errno dm_owned_verdict() never gives counts as
 * not allocated.
 */
enum dm_free_fail dm_free_fail_of(int err)
{
	switch (err) {
	case -EACCES:
		return DM_FFAIL_OTHER_HANDLE;
	case -EFAULT:
		return DM_FFAIL_INTERIOR;
	case -EINVAL:
		return DM_FFAIL_SIZE;
	case -ESTALE:
		return DM_FFAIL_CLEARED;
	}
	return DM_FFAIL_NOT_ALLOCATED;
}

/**
 * dm_stat_alloc_fail() - count a refused d_alloc_dmamem()
 * @why: the reason
 */
void dm_stat_alloc_fail(enum dm_alloc_fail why)
{
	atomic_long_inc(&dm_alloc_fails[why]);
}

/**
 * dm_stat_free_fail() - count a refused d_free_dmamem()
 * @why: the reason
 */
void dm_stat_free_fail(enum dm_free_fail why)
{
	atomic_long_inc(&dm_free_fails[why]);
}

/**
 * dm_stat_refused() - count a request a heap refused
 * @heap: the heap
 * @err: its negative errno
 */
void dm_stat_refused(enum dmamem_heap heap, int err)
{
	enum dm_refusal why = err == -ENOMEM ? DM_REFUSED_NO_MEMORY :
					       DM_REFUSED_TOO_BIG;

	atomic_long_inc(&dm_refusals[heap][why]);
}

/**
 * dm_stat_alloc_fails() - refused d_alloc_dmamem() calls since load
 * @why: the reason
 *
 * Return: the count.
 */
unsigned long dm_stat_alloc_fails(enum dm_alloc_fail why)
{
	return atomic_long_read(&dm_alloc_fails[why]);
}

/**
 * dm_stat_free_fails() - refused d_free_dmamem() calls since load
 * @why: the reason
 *
 * Return: the count.
 */
unsigned long dm_stat_free_fails(enum dm_free_fail why)
{
	return atomic_long_read(&dm_free_fails[why]);
}

/**
 * dm_stat_refusals() - requests a heap refused since load
 * @heap: the heap
 * @why: the reason
 *
 * Return: the count.
 */
unsigned long dm_stat_refusals(enum dmamem_heap heap, enum dm_refusal why)
{
	return atomic_long_read(&dm_refusals[heap][why]);
}
