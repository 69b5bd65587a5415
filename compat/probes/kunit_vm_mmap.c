// SPDX-License-Identifier: GPL-2.0
/*
 * Probe HAVE_KUNIT_VM_MMAP: KUnit gives a test a user address space of its
 * own, with kunit_vm_mmap() (6.10 on).
 */
#include <kunit/test.h>
#include <linux/mman.h>

static unsigned long __maybe_unused dm_probe_mmap(struct kunit *test)
{
	return kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
}
