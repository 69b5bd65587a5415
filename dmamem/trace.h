/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem tracepoints: every allocation, free and refusal of
 * d_alloc_dmamem() and d_free_dmamem(), for ftrace and trace-cmd
 * (events dmamem:dmamem_alloc, dmamem_free, dmamem_alloc_fail and
 * dmamem_free_fail; dmamem(4) lists their fields).
 *
 * dmamem/trace.c defines them; the build adds dmamem/ to its include path
 * so that <trace/define_trace.h> finds this file again.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM dmamem

#if !defined(_DMAMEM_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _DMAMEM_TRACE_H

#include <linux/tracepoint.h>
#include "stats.h"

/*
 * The lists of dmamem/stats.h: first their enums' values for tracefs (the
 * names go unused), then as the pairs of __print_symbolic().
 */
#undef DM_EM
#undef DM_EM_LAST
#define DM_EM(value, ...)	DM_LIST(TRACE_DEFINE_ENUM(value);)
#define DM_EM_LAST(value, ...)	DM_LIST(TRACE_DEFINE_ENUM(value);)

DM_HEAPS
DM_ALLOC_FAILS
DM_FREE_FAILS

#undef DM_EM
#undef DM_EM_LAST
#define DM_EM(value, name)	{ value, name },
#define DM_EM_LAST(value, name)	{ value, name }

#define dm_show_heap(heap)	__print_symbolic(heap, DM_HEAPS)
#define dm_show_alloc_fail(why)	__print_symbolic(why, DM_ALLOC_FAILS)
#define dm_show_free_fail(why)	__print_symbolic(why, DM_FREE_FAILS)

DECLARE_EVENT_CLASS(dmamem_mem,
		    TP_PROTO(unsigned int handle, size_t size, int align,
			     enum dmamem_heap heap, phys_addr_t phys),
		    TP_ARGS(handle, size, align, heap, phys),
		    TP_STRUCT__entry(__field(unsigned int, handle)
				     __field(size_t, size)
				     __field(int, align)
				     __field(int, heap)
				     __field(u64, phys)),
		    TP_fast_assign(__entry->handle = handle;
				   __entry->size = size;
				   __entry->align = align;
				   __entry->heap = heap;
				   __entry->phys = phys;),
		    TP_printk("handle=%u size=%zu align=%d heap=%s phys=%#llx",
			      __entry->handle, __entry->size, __entry->align,
			      dm_show_heap(__entry->heap), __entry->phys));

/* A successful d_alloc_dmamem(): where the memory lies. */
DEFINE_EVENT(dmamem_mem, dmamem_alloc,
	     TP_PROTO(unsigned int handle, size_t size, int align,
		      enum dmamem_heap heap, phys_addr_t phys),
	     TP_ARGS(handle, size, align, heap, phys));

/* A successful d_free_dmamem(); align is -1: the call does not name it. */
DEFINE_EVENT(dmamem_mem, dmamem_free,
	     TP_PROTO(unsigned int handle, size_t size, int align,
		      enum dmamem_heap heap, phys_addr_t phys),
	     TP_ARGS(handle, size, align, heap, phys));

/* A refused d_alloc_dmamem(); handle is 0 when it was not a live one. */
TRACE_EVENT(dmamem_alloc_fail,
	    TP_PROTO(unsigned int handle, size_t size, int align,
		     enum dm_alloc_fail reason, int err),
	    TP_ARGS(handle, size, align, reason, err),
	    TP_STRUCT__entry(__field(unsigned int, handle)
			     __field(size_t, size)
			     __field(int, align)
			     __field(int, reason)
			     __field(int, err)),
	    TP_fast_assign(__entry->handle = handle;
			   __entry->size = size;
			   __entry->align = align;
			   __entry->reason = reason;
			   __entry->err = err;),
	    TP_printk("handle=%u size=%zu align=%d reason=%s err=%d",
		      __entry->handle, __entry->size, __entry->align,
		      dm_show_alloc_fail(__entry->reason), __entry->err));

/* A refused d_free_dmamem(); handle is 0 when it was not a live one. */
TRACE_EVENT(dmamem_free_fail,
	    TP_PROTO(unsigned int handle, size_t size,
		     enum dm_free_fail reason),
	    TP_ARGS(handle, size, reason),
	    TP_STRUCT__entry(__field(unsigned int, handle)
			     __field(size_t, size)
			     __field(int, reason)),
	    TP_fast_assign(__entry->handle = handle;
			   __entry->size = size;
			   __entry->reason = reason;),
	    TP_printk("handle=%u size=%zu reason=%s", __entry->handle,
		      __entry->size, dm_show_free_fail(__entry->reason)));

#endif /* _DMAMEM_TRACE_H */

/* Out of tree: define_trace.h finds this file on the include path. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
