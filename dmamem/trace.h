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

TRACE_DEFINE_ENUM(DMAMEM_HEAP_PINNED);
TRACE_DEFINE_ENUM(DMAMEM_HEAP_REAL);

#define dm_show_heap(heap)						\
	__print_symbolic(heap,						\
			 { DMAMEM_HEAP_PINNED, "pinned" },		\
			 { DMAMEM_HEAP_REAL, "real" })

TRACE_DEFINE_ENUM(DM_AFAIL_HANDLE);
TRACE_DEFINE_ENUM(DM_AFAIL_SIZE);
TRACE_DEFINE_ENUM(DM_AFAIL_ALIGN);
TRACE_DEFINE_ENUM(DM_AFAIL_TOO_BIG);
TRACE_DEFINE_ENUM(DM_AFAIL_NO_MEMORY);
TRACE_DEFINE_ENUM(DM_AFAIL_CLEARED);

#define dm_show_alloc_fail(why)						\
	__print_symbolic(why,						\
			 { DM_AFAIL_HANDLE, "bad_handle" },		\
			 { DM_AFAIL_SIZE, "bad_size" },			\
			 { DM_AFAIL_ALIGN, "bad_align" },		\
			 { DM_AFAIL_TOO_BIG, "too_big" },		\
			 { DM_AFAIL_NO_MEMORY, "no_memory" },		\
			 { DM_AFAIL_CLEARED, "cleared" })

TRACE_DEFINE_ENUM(DM_FFAIL_HANDLE);
TRACE_DEFINE_ENUM(DM_FFAIL_NOT_ALLOCATED);
TRACE_DEFINE_ENUM(DM_FFAIL_OTHER_HANDLE);
TRACE_DEFINE_ENUM(DM_FFAIL_INTERIOR);
TRACE_DEFINE_ENUM(DM_FFAIL_SIZE);
TRACE_DEFINE_ENUM(DM_FFAIL_CLEARED);

#define dm_show_free_fail(why)						\
	__print_symbolic(why,						\
			 { DM_FFAIL_HANDLE, "bad_handle" },		\
			 { DM_FFAIL_NOT_ALLOCATED, "not_allocated" },	\
			 { DM_FFAIL_OTHER_HANDLE, "other_handle" },	\
			 { DM_FFAIL_INTERIOR, "interior" },		\
			 { DM_FFAIL_SIZE, "bad_size" },			\
			 { DM_FFAIL_CLEARED, "cleared" })

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
