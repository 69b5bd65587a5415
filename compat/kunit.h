/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit compatibility for the suites in tests/kunit/, chosen like
 * compat/compat.h by the probes in compat/probes/, never a version number.
 */
#ifndef _DMAMEM_COMPAT_KUNIT_H
#define _DMAMEM_COMPAT_KUNIT_H

#include <kunit/test.h>
#include "probes.h"

/*
 * KUNIT_CASE_SLOW() marks a case slow, so that a run filtered on speed can
 * leave it out.  Kernels without case attributes run it as any other case.
 */
#ifndef HAVE_KUNIT_CASE_SLOW
#define KUNIT_CASE_SLOW(test_name)	KUNIT_CASE(test_name)
#endif

/*
 * KUNIT_CASE_PARAM_SLOW() does the same for a parameterised case; the case
 * attributes came with KUNIT_CASE_SLOW().
 */
#ifdef HAVE_KUNIT_CASE_SLOW
#define KUNIT_CASE_PARAM_SLOW(test_name, gen_params) \
	KUNIT_CASE_PARAM_ATTR(test_name, gen_params, { .speed = KUNIT_SPEED_SLOW })
#else
#define KUNIT_CASE_PARAM_SLOW(test_name, gen_params) \
	KUNIT_CASE_PARAM(test_name, gen_params)
#endif

#endif /* _DMAMEM_COMPAT_KUNIT_H */
