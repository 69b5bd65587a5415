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

/*
 * The names of the reasons and of the heaps, each list written once in the
 * style of include/trace/events/migrate.h: DM_EM(value, name) for every
 * entry but the last, DM_EM_LAST(value, name) for the last, as
 * __print_symbolic() takes no comma after its last pair.  Where a list is
 * expanded the two are defined first: in dmamem/stats.c for the arrays of
 * names debugfs prints, in dmamem/trace.h for TRACE_DEFINE_ENUM() and the
 * tracepoints' __print_symbolic() tables.  dmamem(4) documents the names.
 * The enums stay written out, for their kernel-doc.
 *
 * DM_LIST() gives back its arguments as they are.  A macro body that is one
 * call of it reads to checkpatch as one expression, where a bare list would
 * be a complex macro and TRACE_DEFINE_ENUM(value); a trailing semicolon.
 */
#define DM_LIST(items...)	items

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

#define DM_ALLOC_FAILS							\
	DM_LIST(DM_EM(DM_AFAIL_HANDLE, "bad_handle")			\
		DM_EM(DM_AFAIL_SIZE, "bad_size")			\
		DM_EM(DM_AFAIL_ALIGN, "bad_align")			\
		DM_EM(DM_AFAIL_TOO_BIG, "too_big")			\
		DM_EM(DM_AFAIL_NO_MEMORY, "no_memory")			\
		DM_EM_LAST(DM_AFAIL_CLEARED, "cleared"))

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

#define DM_FREE_FAILS							\
	DM_LIST(DM_EM(DM_FFAIL_HANDLE, "bad_handle")			\
		DM_EM(DM_FFAIL_NOT_ALLOCATED, "not_allocated")		\
		DM_EM(DM_FFAIL_OTHER_HANDLE, "other_handle")		\
		DM_EM(DM_FFAIL_INTERIOR, "interior")			\
		DM_EM(DM_FFAIL_SIZE, "bad_size")			\
		DM_EM_LAST(DM_FFAIL_CLEARED, "cleared"))

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

#define DM_HEAPS							\
	DM_LIST(DM_EM(DMAMEM_HEAP_PINNED, "pinned")			\
		DM_EM_LAST(DMAMEM_HEAP_REAL, "real"))

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
