// SPDX-License-Identifier: GPL-2.0
/*
 * The definitions of dmamem's tracepoints (dmamem/trace.h).
 */
#define CREATE_TRACE_POINTS
#include "trace.h"
