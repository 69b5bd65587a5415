// SPDX-License-Identifier: GPL-2.0
/*
 * The AIX heap shims: xmalloc()/xmfree() on kernel_heap and pinned_heap,
 * rmalloc()/rmfree() below 16 MiB, and DIO_INIT()/DIO_FREE() built on
 * them.  Addresses are checked physically; every misuse must change
 * nothing.  Runs after the real heap suite, which takes the reserved
 * ranges.  And the cache services (d_align(), d_roundup() and the
 * flushes) and uiomove().
 */
#include <linux/cache.h>
#include <linux/dma-mapping.h>
#include <linux/sizes.h>
#include <linux/mman.h>
#include <sys/dma.h>
#include <sys/pin.h>
#include <sys/uio.h>
#include <sys/vmuser.h>
#include <sys/xmem.h>
#include "dmtest.h"

#define LOW_BASE	0xC00000ULL
#define LOW_SIZE	SZ_4M

struct xm_case {
	int size;
	int align;
};

static const struct xm_case xm_cases[] = {
	{ 1, 0 }, { 24, 2 }, { 100, 3 }, { 100, 6 }, { 3000, 11 },
	{ PAGE_SIZE, 12 }, { PAGE_SIZE + 1, 0 }, { 5000, 12 },
	{ 3 * PAGE_SIZE + 17, 12 }, { 100, 16 }, { SZ_64K + 1, 16 }, { SZ_1M, 20 },
};

static void xm_check(struct kunit *test, void *p, int size, int align)
{
	unsigned long a = 1UL << align;

	KUNIT_EXPECT_EQ_MSG(test, (unsigned long)p & (a - 1), 0UL,
			    "xmalloc(%d, %d) at %p", size, align, p);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0, size), NULL);
	memset(p, 0x6b, size);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0x6b, size), NULL);
}

static void compat_xmalloc_aligned(struct kunit *test)
{
	heapaddr_t heaps[] = { kernel_heap, pinned_heap };
	unsigned int i, h;
	caddr_t p;

	for (h = 0; h < ARRAY_SIZE(heaps); h++) {
		for (i = 0; i < ARRAY_SIZE(xm_cases); i++) {
			p = xmalloc(xm_cases[i].size, xm_cases[i].align, heaps[h]);
			KUNIT_ASSERT_NOT_NULL_MSG(test, p, "xmalloc(%d, %d)",
						  xm_cases[i].size, xm_cases[i].align);
			xm_check(test, p, xm_cases[i].size, xm_cases[i].align);
			KUNIT_EXPECT_EQ(test, xmfree(p, heaps[h]), 0);
		}
	}
}

static void compat_xmalloc_misuse(struct kunit *test)
{
	caddr_t p, q, stray;

	KUNIT_EXPECT_NULL(test, xmalloc(0, 0, pinned_heap));
	KUNIT_EXPECT_NULL(test, xmalloc(-1, 0, pinned_heap));
	KUNIT_EXPECT_NULL(test, xmalloc(16, -1, pinned_heap));
	KUNIT_EXPECT_NULL(test, xmalloc(16, 64, pinned_heap));
	KUNIT_EXPECT_NULL(test, xmalloc(16, 40, pinned_heap));
	KUNIT_EXPECT_NULL(test, xmalloc(16, 0, NULL));
	KUNIT_EXPECT_NULL(test, xmalloc(16, 0, &p));

	p = xmalloc(64, 3, pinned_heap);
	q = xmalloc(64, 3, kernel_heap);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, q);
	memset(p, 0x11, 64);
	/* the wrong heap, an interior address, memory never from xmalloc */
	KUNIT_EXPECT_EQ(test, xmfree(p, kernel_heap), -1);
	KUNIT_EXPECT_EQ(test, xmfree(q, pinned_heap), -1);
	KUNIT_EXPECT_EQ(test, xmfree(p + 8, pinned_heap), -1);
	KUNIT_EXPECT_EQ(test, xmfree(NULL, pinned_heap), -1);
	stray = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, stray);
	KUNIT_EXPECT_EQ(test, xmfree(stray, pinned_heap), -1);
	kfree(stray);
	/* nothing changed: both are still live and freed the right way */
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0x11, 64), NULL);
	KUNIT_EXPECT_EQ(test, xmfree(p, pinned_heap), 0);
	KUNIT_EXPECT_EQ(test, xmfree(q, kernel_heap), 0);
	KUNIT_EXPECT_EQ(test, xmfree(p, pinned_heap), -1);
}

/* The real heap's low range, whether or not an earlier suite took it. */
static void compat_low_range(struct kunit *test)
{
	int ret = dmamem_real_heap_add(LOW_BASE, LOW_SIZE);

	KUNIT_ASSERT_TRUE_MSG(test, ret == 0 || ret == -EBUSY,
			      "dmamem_real_heap_add: %d", ret);
}

static void compat_rmalloc_below_16m(struct kunit *test)
{
	static const struct xm_case cases[] = {
		{ 1, 0 }, { 16, 4 }, { PAGE_SIZE, 12 }, { 3 * PAGE_SIZE + 17, 12 },
		{ SZ_64K, 16 }, { SZ_1M, 20 },
	};
	struct dmamem_heap_info before, now;
	struct dmt_want want = { .mask = DMA_BIT_MASK(24), .contiguous = true };
	unsigned int i;
	caddr_t p;

	compat_low_range(test);
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, &before), 0);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		p = rmalloc(cases[i].size, cases[i].align);
		KUNIT_ASSERT_NOT_NULL_MSG(test, p, "rmalloc(%d, %d)",
					  cases[i].size, cases[i].align);
		want.align = cases[i].align;
		dmt_check_alloc(test, p, cases[i].size, &want);
		KUNIT_EXPECT_EQ(test, rmfree(p, cases[i].size), 0);
	}
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, &now), 0);
	KUNIT_EXPECT_EQ(test, now.allocations, before.allocations);
	KUNIT_EXPECT_EQ(test, now.held, before.held);
}

static void compat_rmalloc_misuse(struct kunit *test)
{
	struct dmamem_heap_info before, now;
	caddr_t p, x;

	compat_low_range(test);
	KUNIT_EXPECT_NULL(test, rmalloc(0, 0));
	KUNIT_EXPECT_NULL(test, rmalloc(-5, 0));
	KUNIT_EXPECT_NULL(test, rmalloc(16, -1));
	KUNIT_EXPECT_NULL(test, rmalloc(16, 63));
	/* more than the 4 MiB below 16 MiB */
	KUNIT_EXPECT_NULL(test, rmalloc(LOW_SIZE + PAGE_SIZE, 0));

	p = rmalloc(100, 4);
	x = xmalloc(100, 4, pinned_heap);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, x);
	memset(p, 0x22, 100);
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, &before), 0);
	KUNIT_EXPECT_EQ(test, rmfree(p, 99), -1);
	KUNIT_EXPECT_EQ(test, rmfree(p, 0), -1);
	KUNIT_EXPECT_EQ(test, rmfree(p + 16, 84), -1);
	KUNIT_EXPECT_EQ(test, rmfree(x, 100), -1);
	KUNIT_EXPECT_EQ(test, xmfree(p, pinned_heap), -1);
	KUNIT_EXPECT_EQ(test, rmfree(NULL, 100), -1);
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, &now), 0);
	KUNIT_EXPECT_EQ(test, now.allocations, before.allocations);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0x22, 100), NULL);
	KUNIT_EXPECT_EQ(test, rmfree(p, 100), 0);
	KUNIT_EXPECT_EQ(test, rmfree(p, 100), -1);
	KUNIT_EXPECT_EQ(test, xmfree(x, pinned_heap), 0);
}

static void compat_dio_init(struct kunit *test)
{
	struct dio d = { .used_iovecs = 7, .bytes_done = 7, .resid_iov = 7 };
	long i;

	DIO_INIT(&d, 5);
	KUNIT_ASSERT_NOT_NULL(test, d.dvec);
	KUNIT_EXPECT_EQ(test, d.total_iovecs, 5L);
	KUNIT_EXPECT_EQ(test, d.used_iovecs, 0L);
	KUNIT_EXPECT_EQ(test, d.bytes_done, 0L);
	KUNIT_EXPECT_EQ(test, d.resid_iov, 0L);
	KUNIT_EXPECT_EQ(test, (unsigned long)d.dvec & 3, 0UL);
	for (i = 0; i < d.total_iovecs; i++)
		d.dvec[i].iov_len = i;	/* every entry is writable */
	KUNIT_EXPECT_EQ(test, DIO_FREE(&d), 0);

	/* no memory for the entries: total_iovecs says so */
	d.used_iovecs = 3;
	DIO_INIT(&d, 0);
	KUNIT_EXPECT_NULL(test, d.dvec);
	KUNIT_EXPECT_EQ(test, d.total_iovecs, 0L);
	KUNIT_EXPECT_EQ(test, d.used_iovecs, 0L);
}

/*
 * Counts whose entries do not fit xmalloc()'s int size are refused: none
 * may become a smaller allocation under a larger total_iovecs.
 */
static void compat_dio_init_refused(struct kunit *test)
{
	const long max = INT_MAX / sizeof(struct d_iovec);
	const long counts[] = {
		max + 1,					/* past INT_MAX */
		(long)((1ULL << 32) / sizeof(struct d_iovec)) + 1,	/* wraps to 8 bytes */
		(long)((1ULL << 32) / sizeof(struct d_iovec)) * 2 + 2,	/* wraps to 16 */
#if BITS_PER_LONG == 64
		(1L << 32) + 5,				/* 5 as an int */
		LONG_MAX,
#endif
		-1,
		LONG_MIN,
	};
	struct kmsg_dump_iter mark;
	char want[96];
	unsigned int i;
	struct dio d;

	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		d = (struct dio){ .total_iovecs = 9, .used_iovecs = 9,
				  .bytes_done = 9, .resid_iov = 9 };
		dmt_log_mark(test, &mark);
		DIO_INIT(&d, counts[i]);
		KUNIT_EXPECT_NULL_MSG(test, d.dvec, "count %ld", counts[i]);
		KUNIT_EXPECT_EQ_MSG(test, d.total_iovecs, 0L, "count %ld", counts[i]);
		KUNIT_EXPECT_EQ(test, d.used_iovecs, 0L);
		KUNIT_EXPECT_EQ(test, d.bytes_done, 0L);
		KUNIT_EXPECT_EQ(test, d.resid_iov, 0L);
		if (i == 0) {	/* the line is rate-limited: check one */
			snprintf(want, sizeof(want),
				 "dmamem: DIO_INIT(%ld): the count must be 1 to %ld",
				 counts[i], max);
			KUNIT_EXPECT_TRUE_MSG(test, dmt_log_has(&mark, want),
					      "no log line \"%s\"", want);
		}
		if (d.dvec) {
			xmfree(d.dvec, pinned_heap);
			continue;
		}
		/* DIO_FREE() of a refused list frees nothing, and says so */
		KUNIT_EXPECT_EQ(test, DIO_FREE(&d), -1);
	}

	/* a count of any integer type that fits works */
	DIO_INIT(&d, 16);
	KUNIT_ASSERT_NOT_NULL(test, d.dvec);
	KUNIT_EXPECT_EQ(test, d.total_iovecs, 16L);
	d.dvec[15].iov_len = 15;
	KUNIT_EXPECT_EQ(test, DIO_FREE(&d), 0);
	DIO_INIT(&d, 16UL);
	KUNIT_ASSERT_NOT_NULL(test, d.dvec);
	KUNIT_EXPECT_EQ(test, d.total_iovecs, 16L);
	KUNIT_EXPECT_EQ(test, DIO_FREE(&d), 0);
}

/* The largest of the kernel's line sizes, as d_align(9) defines it. */
static unsigned int compat_line(void)
{
	return max3((unsigned int)L1_CACHE_BYTES, (unsigned int)cache_line_size(),
		    (unsigned int)dma_get_cache_alignment());
}

static void compat_cache_align(struct kunit *test)
{
	unsigned int line = compat_line();
	int a = d_align();

	/* a power of two from 16 bytes to a 4 KiB page */
	KUNIT_ASSERT_GE(test, a, 4);
	KUNIT_ASSERT_LE(test, a, 12);
	KUNIT_EXPECT_GE(test, 1U << a, line);
	KUNIT_EXPECT_LT(test, 1U << (a - 1), line);
	KUNIT_EXPECT_GE(test, 1 << a, cache_line_size());
	KUNIT_EXPECT_GE(test, 1 << a, dma_get_cache_alignment());
	KUNIT_EXPECT_GE(test, 1 << a, L1_CACHE_BYTES);
	KUNIT_EXPECT_EQ(test, d_align(), a);
	kunit_info(test, "d_align() %d: cache_line_size() %d, L1_CACHE_BYTES %d, dma_get_cache_alignment() %d\n",
		   a, cache_line_size(), L1_CACHE_BYTES, dma_get_cache_alignment());
}

static void compat_cache_roundup(struct kunit *test)
{
	const int l = 1 << d_align();
	const struct {
		int length;
		int want;
	} cases[] = {
		{ 0, 0 }, { 1, l }, { l - 1, l }, { l, l }, { l + 1, 2 * l },
		{ 3 * l - 1, 3 * l }, { 1000, (1000 + l - 1) / l * l },
		{ INT_MAX - l + 1, INT_MAX - l + 1 },	/* a multiple already */
		{ INT_MAX - l + 2, -1 }, { INT_MAX, -1 },
		{ -1, -1 }, { -l, -1 }, { INT_MIN, -1 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, d_roundup(cases[i].length), cases[i].want,
				    "d_roundup(%d), line %d", cases[i].length, l);
}

/* The flushes are barriers: they touch nothing and always succeed. */
static void compat_cache_flush(struct kunit *test)
{
	char *buf = kunit_kmalloc(test, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 0x3c, 256);
	vm_cflush(buf, 256);
	vm_cflush(buf, 0);
	vm_cflush(NULL, -1);
	KUNIT_EXPECT_EQ(test, d_cflush(0, buf, 256, (caddr_t)0x1000), 0);
	KUNIT_EXPECT_EQ(test, d_cflush(3, NULL, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, d_bflush(0, 0, NULL), 0);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(buf, 0x3c, 256), NULL);
}

static void compat_fill(char *p, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (char)(seed + i * 7);
}

/* Kernel buffers: three iovecs, the middle one empty. */
static void compat_uiomove_kernel(struct kunit *test)
{
	char src[16], dst[16], a[5], c[11];
	struct iovec iov[3] = {
		{ .iov_base = (__force void __user *)a, .iov_len = sizeof(a) },
		{ .iov_base = (__force void __user *)c, .iov_len = 0 },
		{ .iov_base = (__force void __user *)c, .iov_len = sizeof(c) },
	};
	struct uio uio = {
		.uio_iov = iov, .uio_iovcnt = 3, .uio_offset = 100,
		.uio_resid = 16, .uio_segflg = UIO_SYSSPACE,
	};

	compat_fill(src, sizeof(src), 1);
	memset(a, 0, sizeof(a));
	memset(c, 0, sizeof(c));

	/* a read of 10: all of a, then 5 into c */
	KUNIT_ASSERT_EQ(test, uiomove(src, 10, UIO_READ, &uio), 0);
	KUNIT_EXPECT_EQ(test, memcmp(a, src, 5), 0);
	KUNIT_EXPECT_EQ(test, memcmp(c, src + 5, 5), 0);
	KUNIT_EXPECT_EQ(test, c[5], 0);
	KUNIT_EXPECT_PTR_EQ(test, uio.uio_iov, &iov[2]);
	KUNIT_EXPECT_EQ(test, uio.uio_iovcnt, 1L);
	KUNIT_EXPECT_EQ(test, uio.uio_iovdcnt, 2L);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, 6L);
	KUNIT_EXPECT_EQ(test, uio.uio_offset, 110LL);
	KUNIT_EXPECT_PTR_EQ(test, (__force char *)iov[2].iov_base, c + 5);
	KUNIT_EXPECT_EQ(test, iov[2].iov_len, (size_t)6);

	/* a write of up to 100 takes the 6 left */
	compat_fill(c + 5, 6, 50);
	memset(dst, 0, sizeof(dst));
	KUNIT_ASSERT_EQ(test, uiomove(dst, 100, UIO_WRITE, &uio), 0);
	KUNIT_EXPECT_EQ(test, memcmp(dst, c + 5, 6), 0);
	KUNIT_EXPECT_EQ(test, dst[6], 0);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, 0L);
	KUNIT_EXPECT_EQ(test, uio.uio_iovcnt, 0L);
	KUNIT_EXPECT_EQ(test, uio.uio_iovdcnt, 3L);
	KUNIT_EXPECT_EQ(test, uio.uio_offset, 116LL);

	/* nothing left, or nothing asked: nothing moves */
	KUNIT_EXPECT_EQ(test, uiomove(dst, 4, UIO_WRITE, &uio), 0);
	KUNIT_EXPECT_EQ(test, uio.uio_offset, 116LL);
	uio = (struct uio){ .uio_iov = iov, .uio_iovcnt = 1, .uio_resid = 5,
			    .uio_segflg = UIO_SYSSPACE };
	iov[0] = (struct iovec){ .iov_base = (__force void __user *)a, .iov_len = 5 };
	KUNIT_EXPECT_EQ(test, uiomove(src, 0, UIO_READ, &uio), 0);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, 5L);
	KUNIT_EXPECT_PTR_EQ(test, uio.uio_iov, &iov[0]);
}

/* Refusals change nothing and say why. */
static void compat_uiomove_refused(struct kunit *test)
{
	char buf[8] = {}, src[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct iovec iov = { .iov_base = (__force void __user *)buf, .iov_len = 8 };
	struct uio uio = { .uio_iov = &iov, .uio_iovcnt = 1, .uio_resid = 8,
			   .uio_segflg = UIO_SYSSPACE };
	struct uio was = uio;
	struct xmem xm[1] = {};
	struct kmsg_dump_iter mark;

	dmt_log_mark(test, &mark);
	KUNIT_EXPECT_EQ(test, uiomove(src, -1, UIO_READ, &uio), EINVAL);
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_READ, NULL), EINVAL);
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_PWRITE, &uio), EINVAL);
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_READ_NO_MOVE, &uio), EINVAL);
	uio.uio_segflg = 7;
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_READ, &uio), EINVAL);
	uio.uio_segflg = UIO_XMEM;
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_READ, &uio), EINVAL);
	uio = was;
	/* a descriptor nothing attached: no byte moves */
	uio.uio_segflg = UIO_XMEM;
	uio.uio_xmem = xm;
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_READ, &uio), EFAULT);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, 8L);
	uio = was;
	uio.uio_iovcnt = 0;
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_READ, &uio), EINVAL);
	uio = was;
	uio.uio_resid = -3;
	KUNIT_EXPECT_EQ(test, uiomove(src, 8, UIO_READ, &uio), EINVAL);
	uio = was;
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(buf, 0, sizeof(buf)), NULL);
	KUNIT_EXPECT_EQ(test, memcmp(&uio, &was, sizeof(uio)), 0);
	KUNIT_EXPECT_TRUE(test, dmt_log_has(&mark, "uiomove(-1, 0): no uio, or a negative count"));
}

/* A process's buffers, the last one ending where its mapping does. */
static void compat_uiomove_user(struct kunit *test)
{
#ifdef HAVE_KUNIT_VM_MMAP
	char src[64], back[64];
	unsigned long user;
	struct iovec iov[2];
	struct uio uio;

	user = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE_MSG(test, user, 0UL, "no process mapping for the test");
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(user));
	compat_fill(src, sizeof(src), 9);

	iov[0] = (struct iovec){ .iov_base = (void __user *)(user + 3), .iov_len = 20 };
	iov[1] = (struct iovec){ .iov_base = (void __user *)(user + 100), .iov_len = 40 };
	uio = (struct uio){ .uio_iov = iov, .uio_iovcnt = 2, .uio_resid = 60,
			    .uio_segflg = UIO_USERSPACE };
	KUNIT_ASSERT_EQ(test, uiomove(src, 64, UIO_READ, &uio), 0);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, 0L);
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void __user *)(user + 3), 20), 0UL);
	KUNIT_EXPECT_EQ(test, memcmp(back, src, 20), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void __user *)(user + 100), 40), 0UL);
	KUNIT_EXPECT_EQ(test, memcmp(back, src + 20, 40), 0);

	/* and back, as a write(): UIO_USERISPACE is a process's too */
	iov[0] = (struct iovec){ .iov_base = (void __user *)(user + 100), .iov_len = 40 };
	uio = (struct uio){ .uio_iov = iov, .uio_iovcnt = 1, .uio_resid = 40,
			    .uio_segflg = UIO_USERISPACE };
	memset(back, 0, sizeof(back));
	KUNIT_ASSERT_EQ(test, uiomove(back, 40, UIO_WRITE, &uio), 0);
	KUNIT_EXPECT_EQ(test, memcmp(back, src + 20, 40), 0);

	/* past the mapping: EFAULT, with the bytes before it moved and counted */
	iov[0] = (struct iovec){ .iov_base = (void __user *)(user + PAGE_SIZE - 8),
				 .iov_len = 16 };
	uio = (struct uio){ .uio_iov = iov, .uio_iovcnt = 1, .uio_resid = 16,
			    .uio_segflg = UIO_USERSPACE };
	KUNIT_EXPECT_EQ(test, uiomove(src, 16, UIO_READ, &uio), EFAULT);
	KUNIT_EXPECT_LE(test, uio.uio_resid, 16L);
	KUNIT_EXPECT_GE(test, uio.uio_resid, 8L);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, (long)iov[0].iov_len);
	KUNIT_EXPECT_EQ(test, uio.uio_offset, (offset_t)(16 - uio.uio_resid));
#else
	kunit_skip(test, "no kunit_vm_mmap() on this kernel");
#endif
}

/*
 * UIO_XMEM: each iovec through its descriptor, kernel memory and a
 * process's buffer attached, in one uio.
 */
static void compat_uiomove_xmem(struct kunit *test)
{
#ifdef HAVE_KUNIT_VM_MMAP
	char src[64], back[64], k[20];
	struct xmem xm[2] = { { .aspace_id = XMEM_GLOBAL },
			      { .aspace_id = XMEM_INVAL } };
	unsigned long user;
	struct iovec iov[2];
	struct uio uio;

	user = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(user) || !user);
	KUNIT_ASSERT_EQ(test, xmattach((caddr_t)user, PAGE_SIZE, &xm[1], USER_ADSPACE),
			XMEM_SUCC);
	compat_fill(src, sizeof(src), 3);
	memset(k, 0, sizeof(k));
	iov[0] = (struct iovec){ .iov_base = (__force void __user *)k, .iov_len = 20 };
	iov[1] = (struct iovec){ .iov_base = (void __user *)(user + 50), .iov_len = 40 };
	uio = (struct uio){ .uio_iov = iov, .uio_xmem = xm, .uio_iovcnt = 2,
			    .uio_resid = 60, .uio_segflg = UIO_XMEM };
	KUNIT_ASSERT_EQ(test, uiomove(src, 64, UIO_READ, &uio), 0);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, 0L);
	KUNIT_EXPECT_PTR_EQ(test, uio.uio_xmem, &xm[2]);
	KUNIT_EXPECT_EQ(test, memcmp(k, src, 20), 0);
	KUNIT_ASSERT_EQ(test, copy_from_user(back, (void __user *)(user + 50), 40), 0UL);
	KUNIT_EXPECT_EQ(test, memcmp(back, src + 20, 40), 0);

	/* and back: the process's bytes through its descriptor alone */
	iov[0] = (struct iovec){ .iov_base = (void __user *)(user + 50), .iov_len = 40 };
	uio = (struct uio){ .uio_iov = iov, .uio_xmem = &xm[1], .uio_iovcnt = 1,
			    .uio_resid = 40, .uio_segflg = UIO_XMEM };
	memset(back, 0, sizeof(back));
	KUNIT_ASSERT_EQ(test, uiomove(back, 40, UIO_WRITE, &uio), 0);
	KUNIT_EXPECT_EQ(test, memcmp(back, src + 20, 40), 0);

	/* past the attached buffer: EFAULT, nothing of that piece moved */
	iov[0] = (struct iovec){ .iov_base = (void __user *)(user + PAGE_SIZE - 8),
				 .iov_len = 16 };
	uio = (struct uio){ .uio_iov = iov, .uio_xmem = &xm[1], .uio_iovcnt = 1,
			    .uio_resid = 16, .uio_segflg = UIO_XMEM };
	KUNIT_EXPECT_EQ(test, uiomove(src, 16, UIO_READ, &uio), EFAULT);
	KUNIT_EXPECT_EQ(test, uio.uio_resid, 16L);
	KUNIT_EXPECT_EQ(test, xmdetach(&xm[1]), XMEM_SUCC);
#else
	kunit_skip(test, "no kunit_vm_mmap() on this kernel");
#endif
}

/* pin() and unpin() take kernel memory, all of a range, and nothing else. */
static void compat_pin(struct kunit *test)
{
	char *k = kunit_kmalloc(test, 3 * PAGE_SIZE, GFP_KERNEL);
	void *v = vmalloc(2 * PAGE_SIZE);
	struct kmsg_dump_iter mark;

	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, pin(k + 5, 2 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, unpin(k + 5, 2 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, pin(v, 2 * PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, unpin(v, 2 * PAGE_SIZE), 0);
	dmt_log_mark(test, &mark);
	/* past the end of vmalloc()'s pages, a user address, no length */
	KUNIT_EXPECT_EQ(test, pin(v + PAGE_SIZE, 2 * PAGE_SIZE), EINVAL);
	KUNIT_EXPECT_EQ(test, pin((void *)0x10000, 16), EINVAL);
	KUNIT_EXPECT_EQ(test, pin(k, 0), EINVAL);
	KUNIT_EXPECT_EQ(test, unpin(k, -1), EINVAL);
	KUNIT_EXPECT_TRUE(test, dmt_log_has(&mark, "not a range of kernel memory"));
	vfree(v);
}

static struct kunit_case compat_cases[] = {
	KUNIT_CASE(compat_uiomove_kernel),
	KUNIT_CASE(compat_uiomove_refused),
	KUNIT_CASE(compat_uiomove_user),
	KUNIT_CASE(compat_uiomove_xmem),
	KUNIT_CASE(compat_pin),
	KUNIT_CASE(compat_cache_align),
	KUNIT_CASE(compat_cache_roundup),
	KUNIT_CASE(compat_cache_flush),
	KUNIT_CASE(compat_xmalloc_aligned),
	KUNIT_CASE(compat_xmalloc_misuse),
	KUNIT_CASE(compat_rmalloc_below_16m),
	KUNIT_CASE(compat_rmalloc_misuse),
	KUNIT_CASE(compat_dio_init),
	KUNIT_CASE(compat_dio_init_refused),
	{}
};

static struct kunit_suite compat_suite = {
	.name = "dmamem_compat",
	.test_cases = compat_cases,
};

kunit_test_suites(&compat_suite);
