// SPDX-License-Identifier: GPL-2.0
/*
 * The definitions of dmamem's tracepoints (dmamem/trace.h).
 */
#define CREATE_TRACE_POINTS
#include "trace.h"

/* For the KUnit suites, which register probes on them. */
EXPORT_TRACEPOINT_SYMBOL_GPL(dmamem_alloc);
EXPORT_TRACEPOINT_SYMBOL_GPL(dmamem_free);
EXPORT_TRACEPOINT_SYMBOL_GPL(dmamem_alloc_fail);
EXPORT_TRACEPOINT_SYMBOL_GPL(dmamem_free_fail);
