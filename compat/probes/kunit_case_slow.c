// SPDX-License-Identifier: GPL-2.0
/*
 * Probe HAVE_KUNIT_CASE_SLOW: KUnit has case attributes and the
 * KUNIT_CASE_SLOW() helper that marks a case slow (6.6 on).
 */
#include <kunit/test.h>

static void dm_probe_case(struct kunit *test)
{
}

static struct kunit_case dm_probe_cases[] __maybe_unused = {
	KUNIT_CASE_SLOW(dm_probe_case),
	{}
};
