// SPDX-License-Identifier: GPL-2.0
/*
 * Probe HAVE_KUNIT_VM_MMAP: KUnit can give a test a mapping in a process
 * address space of its own, kunit_vm_mmap() (6.10 on).
 */
#include <kunit/test.h>
#include <linux/mman.h>

unsigned long dm_probe_vm_mmap(struct kunit *test);
unsigned long dm_probe_vm_mmap(struct kunit *test)
{
	return kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
}
