/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem statistics: the counters the service keeps for itself of the
 * calls it refused, by reason, and of the requests each heap refused.
 * Read through debugfs (dmamem/debugfs.c) and dmamemstat(8).
 */
#ifndef _DMAMEM_STATS_H
#define _DMAMEM_STATS_H

#include <linux/types.h>
#include <dmamem/dmamem.h>

/**
 * enum dm_alloc_fail - why d_alloc_dmamem() returned NULL
 * @DM_AFAIL_HANDLE: not a live handle
 * @DM_AFAIL_SIZE: size 0, or larger than memory or the handle's boundary
 * @DM_AFAIL_ALIGN: align is not a log2 in 0..63
 * @DM_AFAIL_TOO_BIG: the last heap asked never gives a block that large or
 *	that aligned
 * @DM_AFAIL_NO_MEMORY: the last heap asked had no room that meets the
 *	constraints, or a record could not be allocated
 * @DM_AFAIL_CLEARED: d_map_clear() started on the handle meanwhile
 * @DM_NR_AFAIL: number of reasons
 */
enum dm_alloc_fail {
	DM_AFAIL_HANDLE,
	DM_AFAIL_SIZE,
	DM_AFAIL_ALIGN,
	DM_AFAIL_TOO_BIG,
	DM_AFAIL_NO_MEMORY,
	DM_AFAIL_CLEARED,
	DM_NR_AFAIL,
};

/**
 * enum dm_free_fail - why d_free_dmamem() returned -1
 * @DM_FFAIL_HANDLE: not a live handle
 * @DM_FFAIL_NOT_ALLOCATED: no live allocation there (freed already, or
 *	never from dmamem)
 * @DM_FFAIL_OTHER_HANDLE: another handle's allocation
 * @DM_FFAIL_INTERIOR: an address inside an allocation, not its start
 * @DM_FFAIL_SIZE: not the size that was allocated
 * @DM_FFAIL_CLEARED: d_map_clear() started on the handle meanwhile
 * @DM_NR_FFAIL: number of reasons
 */
enum dm_free_fail {
	DM_FFAIL_HANDLE,
	DM_FFAIL_NOT_ALLOCATED,
	DM_FFAIL_OTHER_HANDLE,
	DM_FFAIL_INTERIOR,
	DM_FFAIL_SIZE,
	DM_FFAIL_CLEARED,
	DM_NR_FFAIL,
};

/**
 * enum dm_refusal - why a heap refused a request the policy gave it
 * @DM_REFUSED_NO_MEMORY: no room that meets the constraints (-ENOMEM)
 * @DM_REFUSED_TOO_BIG: never a block that large or that aligned (-E2BIG,
 *	-EINVAL)
 * @DM_NR_REFUSED: number of reasons
 */
enum dm_refusal {
	DM_REFUSED_NO_MEMORY,
	DM_REFUSED_TOO_BIG,
	DM_NR_REFUSED,
};

/* Number of heaps: enum dmamem_heap. */
#define DM_NR_HEAPS	2

extern const char * const dm_alloc_fail_names[DM_NR_AFAIL];
extern const char * const dm_free_fail_names[DM_NR_FFAIL];
extern const char * const dm_refusal_names[DM_NR_REFUSED];
extern const char * const dm_heap_names[DM_NR_HEAPS];

enum dm_alloc_fail dm_alloc_fail_of(int err);
enum dm_free_fail dm_free_fail_of(int err);
void dm_stat_alloc_fail(enum dm_alloc_fail why);
void dm_stat_free_fail(enum dm_free_fail why);
void dm_stat_refused(enum dmamem_heap heap, int err);
unsigned long dm_stat_alloc_fails(enum dm_alloc_fail why);
unsigned long dm_stat_free_fails(enum dm_free_fail why);
unsigned long dm_stat_refusals(enum dmamem_heap heap, enum dm_refusal why);

#endif /* _DMAMEM_STATS_H */
