// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-memory descriptors: xmattach() and its refusals, kernel memory
 * through SYS_ADSPACE, forged descriptors, and, where KUnit gives a test a
 * user address space (kunit_vm_mmap()), a process's buffer attached,
 * copied through, mapped for DMA and detached.  Every refusal must leave
 * the descriptor as it was.  tests/edu/rawio.c does the same end to end,
 * from a process, with the edu device's DMA and the kernel's pin counters.
 */
#include <linux/io.h>
#include <linux/mman.h>
#include <linux/uaccess.h>
#include <sys/dma.h>
#include "dmtest.h"

static void xmem_refused(struct kunit *test, caddr_t addr, long count,
			 struct xmem *dp, int segflag, const char *what)
{
	struct xmem was;

	if (dp)
		was = *dp;
	KUNIT_EXPECT_EQ_MSG(test, xmattach(addr, count, dp, segflag), XMEM_FAIL,
			    "%s", what);
	if (dp)
		KUNIT_EXPECT_EQ_MSG(test, memcmp(&was, dp, sizeof(was)), 0,
				    "%s changed the descriptor", what);
}

/* Bad arguments, and a caller with no process: refused, nothing changed. */
static void xmem_attach_refused(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	struct xmem dp = { .aspace_id = XMEM_INVAL };
	struct xmem used = { .aspace_id = XMEM_PROC, .subspace_id = 7 };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	xmem_refused(test, buf, 64, NULL, SYS_ADSPACE, "NULL descriptor");
	xmem_refused(test, buf, 64, xmem_global, SYS_ADSPACE, "xmem_global");
	xmem_refused(test, buf, 64, &used, SYS_ADSPACE, "descriptor in use");
	xmem_refused(test, buf, 0, &dp, SYS_ADSPACE, "count 0");
	xmem_refused(test, buf, -1, &dp, SYS_ADSPACE, "count -1");
	xmem_refused(test, buf, 64, &dp, 3, "segflag 3");
	xmem_refused(test, buf, 64, &dp, -1, "segflag -1");
	/* the suite's thread has no user address space of its own */
	if (!current->mm)
		xmem_refused(test, (caddr_t)0x10000, 64, &dp, USER_ADSPACE,
			     "no process");
	KUNIT_EXPECT_EQ(test, xmdetach(&dp), XMEM_FAIL);
	KUNIT_EXPECT_EQ(test, xmdetach(NULL), XMEM_FAIL);
	KUNIT_EXPECT_EQ(test, xmem_global->aspace_id, XMEM_GLOBAL);
}

/* SYS_ADSPACE: a descriptor of kernel memory; copies are plain copies. */
static void xmem_kernel_memory(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, 256, GFP_KERNEL);
	char *got = kunit_kzalloc(test, 256, GFP_KERNEL);
	struct xmem dp = { .aspace_id = XMEM_INVAL };

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, got);
	memset(buf, 0x4d, 256);
	KUNIT_ASSERT_EQ(test, xmattach(buf, 256, &dp, SYS_ADSPACE), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, dp.aspace_id, XMEM_GLOBAL);
	KUNIT_EXPECT_EQ(test, xmemin(buf, got, 256, &dp), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, memcmp(buf, got, 256), 0);
	memset(got, 0x21, 256);
	KUNIT_EXPECT_EQ(test, xmemout(got, buf + 10, 100, &dp), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, buf[9], 0x4d);
	KUNIT_EXPECT_EQ(test, buf[10], 0x21);
	KUNIT_EXPECT_EQ(test, buf[109], 0x21);
	KUNIT_EXPECT_EQ(test, buf[110], 0x4d);
	KUNIT_EXPECT_EQ(test, (unsigned long)xmemdma64(&dp, buf + 5, 0),
			(unsigned long)virt_to_phys(buf + 5));
	KUNIT_EXPECT_EQ(test, xmdetach(&dp), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, dp.aspace_id, XMEM_INVAL);
	KUNIT_EXPECT_EQ(test, xmemin(buf, got, 1, &dp), XMEM_FAIL);
}

/* A descriptor no xmattach() made is never followed. */
static void xmem_forged(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	char *buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	struct xmem forged[] = {
		{ .aspace_id = XMEM_PROC },
		{ .aspace_id = XMEM_PROC, .subspace_id = 1, .vaddr = buf },
		{ .aspace_id = XMEM_PROC, .subspace_id = ~0UL, .vaddr = buf },
		{ .aspace_id = XMEM_INVAL, .vaddr = buf },
		{ .aspace_id = 5, .vaddr = buf },
	};
	unsigned int i;
	ulong bus;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(forged); i++) {
		KUNIT_EXPECT_EQ(test, xmemin(buf, buf, 8, &forged[i]), XMEM_FAIL);
		KUNIT_EXPECT_EQ(test, xmemout(buf, buf, 8, &forged[i]), XMEM_FAIL);
		KUNIT_EXPECT_PTR_EQ(test, xmemdma64(&forged[i], buf, 0),
				    (void *)XMEM_FAIL);
		KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, buf, &bus, &forged[i]),
				DMA_NOACC);
		KUNIT_EXPECT_EQ(test, xmdetach(&forged[i]), XMEM_FAIL);
	}
	d_map_clear(h);
}

#ifdef HAVE_KUNIT_VM_MMAP
static unsigned long xmem_mappings(struct kunit *test, d_handle_t h)
{
	struct dmamem_handle_info info;

	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	return info.mappings;
}

/* The bytes of a user buffer, through copy_from_user(). */
static void xmem_user_read(struct kunit *test, caddr_t ubuf, void *to,
			   size_t len)
{
	KUNIT_ASSERT_EQ(test, copy_from_user(to, (void __user *)ubuf, len), 0UL);
}

/*
 * A buffer of the test's own address space, across a page boundary:
 * attached, copied through both ways, its physical pages mapped for DMA,
 * detached while mapped, and unmapped.
 */
static void xmem_user_buffer(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, DMA_ADDRESS_64_BIT);
	size_t len = PAGE_SIZE + 200;
	struct xmem dp = { .aspace_id = XMEM_INVAL }, copy, lw;
	unsigned long u;
	caddr_t ubuf;
	u8 *k, *got;
	ulong bus;
	size_t i;

	u = kunit_vm_mmap(test, NULL, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(u));
	KUNIT_ASSERT_NE(test, u, 0UL);
	ubuf = (caddr_t)u + 100;
	k = kunit_kzalloc(test, len, GFP_KERNEL);
	got = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_ASSERT_NOT_NULL(test, got);
	for (i = 0; i < len; i++)
		k[i] = i * 13;
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)ubuf, k, len), 0UL);

	/* a range that runs past the mapping: refused, nothing changed */
	xmem_refused(test, ubuf, 3 * PAGE_SIZE, &dp, USER_ADSPACE,
		     "past the mapping");
	KUNIT_ASSERT_EQ(test, xmattach(ubuf, len, &dp, USER_ADSPACE), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, dp.aspace_id, XMEM_PROC);
	KUNIT_EXPECT_PTR_EQ(test, dp.vaddr, ubuf);
	KUNIT_EXPECT_EQ(test, dp.xmemflags, 0);
	xmem_refused(test, ubuf, len, &dp, USER_ADSPACE, "attached twice");

	/* copies through the pinned pages, in the buffer's bounds only */
	KUNIT_EXPECT_EQ(test, xmemin(ubuf, got, len, &dp), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, memcmp(got, k, len), 0);
	KUNIT_EXPECT_EQ(test, xmemin(ubuf - 1, got, 1, &dp), XMEM_FAIL);
	KUNIT_EXPECT_EQ(test, xmemin(ubuf, got, len + 1, &dp), XMEM_FAIL);
	memset(k, 0x77, 300);
	KUNIT_EXPECT_EQ(test, xmemout(k, ubuf + PAGE_SIZE - 150, 300, &dp),
			XMEM_SUCC);
	xmem_user_read(test, ubuf, got, len);
	KUNIT_EXPECT_EQ(test, got[PAGE_SIZE - 151], k[PAGE_SIZE - 151]);
	KUNIT_EXPECT_EQ(test, got[PAGE_SIZE + 150], k[PAGE_SIZE + 150]);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(got + PAGE_SIZE - 150, 0x77, 300),
			    NULL);

	/* a copy of the descriptor names the same pages */
	copy = dp;
	KUNIT_EXPECT_EQ(test, xmemin(ubuf, got, 16, &copy), XMEM_SUCC);

	/* mapped without a device: the bus address is the pinned page's */
	bus = 0;
	KUNIT_ASSERT_EQ(test, D_MAP_PAGE(h, DMA_READ, ubuf + PAGE_SIZE, &bus, &dp),
			DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (unsigned long)bus,
			(unsigned long)xmemdma64(&dp, ubuf + PAGE_SIZE, 0));
	/* the device's write lands in the process's buffer */
	memset(phys_to_virt(bus), 0x3c, 32);
	xmem_user_read(test, ubuf + PAGE_SIZE, got, 32);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(got, 0x3c, 32), NULL);

	/* detached while mapped: the mapping keeps the page until unmapped */
	KUNIT_EXPECT_EQ(test, xmdetach(&dp), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, dp.aspace_id, XMEM_INVAL);
	KUNIT_EXPECT_EQ(test, xmemin(ubuf, got, 16, &copy), XMEM_FAIL);
	KUNIT_EXPECT_EQ(test, xmdetach(&copy), XMEM_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, ubuf, &bus, &copy), DMA_NOACC);
	D_UNMAP_PAGE(h, &bus);
	KUNIT_EXPECT_EQ(test, xmem_mappings(test, h), 0UL);

	/* a lightweight attachment says so */
	lw = (struct xmem){ .aspace_id = XMEM_INVAL };
	KUNIT_ASSERT_EQ(test, xmattach(ubuf, 8, &lw, LW_XMATTACH), XMEM_SUCC);
	KUNIT_EXPECT_EQ(test, lw.xmemflags, XMEM_LW);
	KUNIT_EXPECT_EQ(test, xmdetach(&lw), XMEM_SUCC);
	d_map_clear(h);
}
#endif

#ifdef HAVE_KUNIT_VM_MMAP
/*
 * xmemdma64()'s access check, on a buffer the process may only read: as
 * AIX's mapping services ask it, XMEM_ACC_CHK alone (a transfer that
 * writes memory) needs a writable page, and with XMEM_WRITE_ONLY (an
 * outbound one) reading is enough.
 */
static void xmem_dma_access(struct kunit *test)
{
	struct xmem dp = { .aspace_id = XMEM_INVAL };
	unsigned long u, phys;
	caddr_t ubuf;

	u = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ,
			  MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(u) || !u);
	ubuf = (caddr_t)u;
	KUNIT_ASSERT_EQ(test, xmattach(ubuf, PAGE_SIZE, &dp, USER_ADSPACE), XMEM_SUCC);
	phys = (unsigned long)xmemdma64(&dp, ubuf + 8, 0);
	KUNIT_EXPECT_NE(test, phys, (unsigned long)XMEM_FAIL);
	KUNIT_EXPECT_EQ(test, (unsigned long)xmemdma64(&dp, ubuf + 8,
						       XMEM_ACC_CHK | XMEM_WRITE_ONLY),
			phys);
	KUNIT_EXPECT_EQ(test, (unsigned long)xmemdma64(&dp, ubuf + 8,
						       XMEM_ACC_CHK | XMEM_WRITE_ONLY |
						       XMEM_DR_SAFE),
			phys);
	KUNIT_EXPECT_PTR_EQ(test, xmemdma64(&dp, ubuf + 8, XMEM_ACC_CHK),
			    (void *)XMEM_FAIL);
	KUNIT_EXPECT_EQ(test, xmdetach(&dp), XMEM_SUCC);
}
#endif

static struct kunit_case xmem_cases[] = {
	KUNIT_CASE(xmem_attach_refused),
	KUNIT_CASE(xmem_kernel_memory),
	KUNIT_CASE(xmem_forged),
#ifdef HAVE_KUNIT_VM_MMAP
	KUNIT_CASE(xmem_user_buffer),
	KUNIT_CASE(xmem_dma_access),
#endif
	{}
};

static struct kunit_suite xmem_suite = {
	.name = "dmamem_xmem",
	.test_cases = xmem_cases,
};

kunit_test_suites(&xmem_suite);
