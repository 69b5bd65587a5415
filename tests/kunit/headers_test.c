// SPDX-License-Identifier: GPL-2.0
/*
 * The shapes of the AIX porting headers: what a ported driver's code needs
 * to compile as it was written.  The bid macros are constant expressions
 * (a static initializer, a case label, BUILD_BUG_ON) and give what the
 * inline functions they replaced gave, for every input.  The types have
 * AIX's widths, and struct buf and struct uio its 64-bit kernel's layout.
 */
#include <sys/adspace.h>
#include <sys/buf.h>
#include <sys/dma.h>
#include <sys/malloc.h>
#include <sys/errno.h>
#include <sys/kerrno.h>
#include <sys/types.h>
#include <sys/uio.h>
#include "dmtest.h"

/* The bid functions <sys/ioacc.h> had, to check the macros against. */
static uint headers_old_bid_num(uint bid)
{
	return ((bid >> 15) & 0xC000) | ((bid >> 10) & 0x3C00) |
	       ((bid >> 18) & 0x3C0) | (bid & 0x3F);
}

static int headers_old_bid_val(uint type, uint region, uint num)
{
	uint fields = (type & 0x3FF) << 6 | (region & 0xF) << 16;

	if (num & BID_VERSION2)
		return (int)((num & 0xFFF0003F) | fields);
	return (int)(BID_VERSION2 | fields | (num & 0xC000) << 15 |
		     (num & 0x3C00) << 10 | (num & 0x3C0) << 18 | (num & 0x3F));
}

#define OLD_BID(type, region, num)	headers_old_bid_val(type, region, num)

/* Static data initialised with bids, as AIX drivers' tables are. */
static const int headers_bids[] = {
	BID_VAL(IO_PCI, PCI_IOMEM, 0),
	BID_VAL(IO_ISA, ISA_BUSMEM, 0x1234),
	BID_VAL(IO_PCI, PCI_BUSMEM, 0xFFFF),
	SYSMEM_BID,
};

static const uint headers_bid_nums[] = {
	BID_NUM(BID_VAL(IO_PCIE, PCI_BUSMEM, 0x8001)),
	BID_NUM(0xFFF100FF),
};

/* A bid as a case label. */
static int headers_bid_case(int bid)
{
	switch (bid) {
	case BID_VAL(IO_PCI, PCI_IOMEM, 0):
		return 1;
	case BID_VAL(IO_ISA, ISA_BUSMEM, 0x1234):
		return 2;
	case BID_VAL(IO_PCIE, PCI_BUSMEM, BID_VAL(IO_PCI, PCI_IOMEM, 0xFFFF)):
		return 3;
	}
	return 0;
}

static void headers_bid_constant(struct kunit *test)
{
	BUILD_BUG_ON((uint)BID_VAL(IO_PCI, PCI_IOMEM, 0) != 0x900000C0U);
	BUILD_BUG_ON((uint)BID_VAL(IO_PCI, PCI_BUSMEM, 0xFFFF) != 0xFFF100FFU);
	BUILD_BUG_ON(BID_NUM(BID_VAL(IO_PCIE, PCI_BUSMEM, 0x1234)) != 0x1234);
	BUILD_BUG_ON(BID_TYPE(BID_VAL(IO_VDEVICE, 0, 7)) != IO_VDEVICE);
	BUILD_BUG_ON(BID_REGION(BID_VAL(IO_PCI, PCI_BUSMEM, 7)) != PCI_BUSMEM);
	BUILD_BUG_ON((uint)SYSMEM_BID != 0x90000300U);

	KUNIT_EXPECT_EQ(test, (uint)headers_bids[0], 0x900000C0U);
	KUNIT_EXPECT_EQ(test, (uint)headers_bids[1], 0x98410134U);
	KUNIT_EXPECT_EQ(test, (uint)headers_bids[2], 0xFFF100FFU);
	KUNIT_EXPECT_EQ(test, BID_TYPE(headers_bids[3]), (uint)IO_SYSTEM);
	KUNIT_EXPECT_EQ(test, headers_bid_nums[0], 0x8001U);
	KUNIT_EXPECT_EQ(test, headers_bid_nums[1], 0xFFFFU);

	KUNIT_EXPECT_EQ(test, headers_bid_case(OLD_BID(IO_PCI, PCI_IOMEM, 0)), 1);
	KUNIT_EXPECT_EQ(test, headers_bid_case(OLD_BID(IO_ISA, ISA_BUSMEM, 0x1234)), 2);
	KUNIT_EXPECT_EQ(test, headers_bid_case(OLD_BID(IO_PCIE, PCI_BUSMEM, 0xFFFF)), 3);
	KUNIT_EXPECT_EQ(test, headers_bid_case(OLD_BID(IO_PCIE, PCI_IOMEM, 0xFFFF)), 0);
}

/* A small generator with a fixed seed, so that a failure repeats. */
static u32 headers_next(u32 *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

static void headers_bid_as_before(struct kunit *test)
{
	static const uint types[] = {
		0, 1, IO_PCI, IO_ISA, IO_PCIE, 0x3FF, 0x400, 0x7FF, 0xFFFF,
		0x80000000, 0xFFFFFFFF,
	};
	static const uint regions[] = { 0, 1, 0xF, 0x10, 0x1F, 0x80000000, 0xFFFFFFFF };
	static const uint nums[] = {
		0, 1, 0x3F, 0x40, 0x3C0, 0x400, 0x1234, 0x3C00, 0x8000, 0xC000,
		0xFFFF, 0x10000, 0xABCDEF, 0x0FFFFFFF, 0x10000000, 0x12345678,
		0x7FFFFFFF, 0x80000000, 0x900000C0, 0xFFF100FF, 0xFFFFFFFF,
	};
	unsigned int t, r, n, i, bad = 0;
	u32 state = 0x2545F491;
	u64 wide, wide_type;
	short small;
	uint a, b, c;

	for (t = 0; t < ARRAY_SIZE(types); t++)
		for (r = 0; r < ARRAY_SIZE(regions); r++)
			for (n = 0; n < ARRAY_SIZE(nums); n++)
				KUNIT_EXPECT_EQ_MSG(test,
						    BID_VAL(types[t], regions[r], nums[n]),
						    OLD_BID(types[t], regions[r], nums[n]),
						    "BID_VAL(%#x, %#x, %#x)",
						    types[t], regions[r], nums[n]);
	for (n = 0; n < ARRAY_SIZE(nums); n++)
		KUNIT_EXPECT_EQ_MSG(test, BID_NUM(nums[n]),
				    headers_old_bid_num(nums[n]),
				    "BID_NUM(%#x)", nums[n]);

	for (i = 0; i < 100000; i++) {
		a = headers_next(&state);
		b = headers_next(&state);
		c = headers_next(&state);
		if (i & 1) {	/* half of them with the values drivers pass */
			a &= 0x3FF;
			b &= 0xF;
			c &= (i & 2) ? 0xFFFF : ~0U;
		}
		if (BID_VAL(a, b, c) == headers_old_bid_val(a, b, c) &&
		    BID_NUM(c) == headers_old_bid_num(c))
			continue;
		if (!bad++)
			KUNIT_FAIL(test, "BID_VAL(%#x, %#x, %#x) or BID_NUM(%#x) differ",
				   a, b, c, c);
	}
	KUNIT_EXPECT_EQ(test, bad, 0U);

	/* arguments of other integer types convert as they did */
	wide = (u64)headers_next(&state) << 32 | headers_next(&state);
	wide_type = (u64)headers_next(&state) << 32 | IO_ISA;
	small = -(short)(headers_next(&state) & 0x7FFF) - 1;
	KUNIT_EXPECT_EQ(test, BID_VAL(-1, -1, -1), headers_old_bid_val(-1, -1, -1));
	KUNIT_EXPECT_EQ(test, BID_VAL(IO_PCI, 0, wide), headers_old_bid_val(IO_PCI, 0, wide));
	KUNIT_EXPECT_EQ(test, BID_VAL(wide_type, 0L, small),
			headers_old_bid_val(wide_type, 0L, small));
	KUNIT_EXPECT_EQ(test, BID_NUM(-1L), headers_old_bid_num(-1L));
	KUNIT_EXPECT_EQ(test, BID_NUM(wide), headers_old_bid_num(wide));
}

/* Offsets worked out from AIX 5.3's member order and widths (LP64). */
static void headers_layouts(struct kunit *test)
{
	struct buf bp = { .b_un.b_addr = (caddr_t)test, .b_bcount = 5 };

	BUILD_BUG_ON(sizeof(int32long64_t) != sizeof(long));
	BUILD_BUG_ON(sizeof(uint32long64_t) != sizeof(long));
	BUILD_BUG_ON(sizeof(long32int64_t) != 4);
	BUILD_BUG_ON(sizeof(offset_t) != 8 || sizeof(size64_t) != 8);
	BUILD_BUG_ON(sizeof(pshift_t) != 2 || sizeof(liobn_t) != 4);
	BUILD_BUG_ON(sizeof(kerrno_t) != sizeof(long));
	BUILD_BUG_ON((heapaddr_t)0 != (void *)0);
	BUILD_BUG_ON(UIO_USERSPACE != 0 || UIO_SYSSPACE != 1 ||
		     UIO_USERISPACE != 2 || UIO_XMEM != 3);
	BUILD_BUG_ON(UIO_READ != 0 || UIO_WRITE != 1 || UIO_PWRITE != 4);
	BUILD_BUG_ON(B_READ != 1 || B_WRITE != 0 || B_ERROR != 4 || B_NOHIDE != 0x400);
	BUILD_BUG_ON(ENOTSUP != EOPNOTSUPP);
#if BITS_PER_LONG == 64
	BUILD_BUG_ON(sizeof(vmhandle_t) != 8 || sizeof(rpn_t) != 8);
	BUILD_BUG_ON(offsetof(struct buf, b_forw) != 8);
	BUILD_BUG_ON(offsetof(struct buf, av_forw) != 24);
	BUILD_BUG_ON(offsetof(struct buf, b_iodone) != 40);
	BUILD_BUG_ON(offsetof(struct buf, b_vp) != 48);
	BUILD_BUG_ON(offsetof(struct buf, b_dev) != 56);
	BUILD_BUG_ON(offsetof(struct buf, b_blkno) != 64);
	BUILD_BUG_ON(offsetof(struct buf, b_un.b_addr) != 72);
	BUILD_BUG_ON(offsetof(struct buf, b_bcount) != 80);
	BUILD_BUG_ON(offsetof(struct buf, b_error) != 88);
	BUILD_BUG_ON(offsetof(struct buf, b_resid) != 96);
	BUILD_BUG_ON(offsetof(struct buf, b_work) != 104);
	BUILD_BUG_ON(offsetof(struct buf, b_options) != 112);
	BUILD_BUG_ON(offsetof(struct buf, b_event) != 120);
	BUILD_BUG_ON(offsetof(struct buf, b_start) != 128);
	BUILD_BUG_ON(offsetof(struct buf, b_xmemd) != 144);

	BUILD_BUG_ON(offsetof(struct iovec, iov_len) != 8);
	BUILD_BUG_ON(offsetof(struct uio, uio_xmem) != 8);
	BUILD_BUG_ON(offsetof(struct uio, uio_iovcnt) != 16);
	BUILD_BUG_ON(offsetof(struct uio, uio_iovdcnt) != 24);
	BUILD_BUG_ON(offsetof(struct uio, uio_offset) != 32);
	BUILD_BUG_ON(offsetof(struct uio, uio_resid) != 40);
	BUILD_BUG_ON(offsetof(struct uio, uio_segflg) != 48);
	BUILD_BUG_ON(offsetof(struct uio, uio_fmode) != 56);
	BUILD_BUG_ON(sizeof(struct uio) != 64);
#endif

	/* b_baddr names the buffer's address; BUF_INIT() zeroes everything */
	KUNIT_EXPECT_PTR_EQ(test, bp.b_baddr, (caddr_t)test);
	BUF_INIT(&bp);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(&bp, 0, sizeof(bp)), NULL);
}

/* The 64-bit names, and the DIO macros taking any pointer, as AIX's do. */
static void headers_dio_shapes(struct kunit *test)
{
	struct dio d = {}, e = {};
	struct dio_64 *d64 = &e;
	caddr_t any = (caddr_t)&d;
	dio_64_t p64 = d64;
	d_iovec_64_t v;

	BUILD_BUG_ON(DMA_ADDRESS_64 != DMA_ADDRESS_64_BIT);
	BUILD_BUG_ON(DMA_PSIZE != 1 << DMA_L2PSIZE || TCE_MAP_SIZE != DMA_PSIZE);
	BUILD_BUG_ON(!__same_type(struct dio_64, struct dio));
	BUILD_BUG_ON(!__same_type(struct d_iovec_64, struct d_iovec));
	BUILD_BUG_ON(!__same_type(dio_64_t, dio_t));
	BUILD_BUG_ON(CH_CASCADE != (CH_SINGLE | CH_BLOCK));
	BUILD_BUG_ON(CH_16BIT_BYTES != 0x000C0000 || CH_TYPE_F != 0x00300000);
	BUILD_BUG_ON(sizeof(dma_channel_t) != sizeof(uint));

	DIO_INIT(any, 3);
	KUNIT_ASSERT_EQ(test, d.total_iovecs, 3L);
	KUNIT_ASSERT_NOT_NULL(test, d.dvec);
	v = d.dvec;
	v[2].iov_len = 2;	/* the entries are d_iovec_64s too */
	KUNIT_EXPECT_EQ(test, DIO_FREE(any), 0);

	DIO_INIT_64(p64, 2);
	KUNIT_ASSERT_EQ(test, e.total_iovecs, 2L);
	KUNIT_EXPECT_EQ(test, DIO_FREE_64((void *)d64), 0);
}

static unsigned long headers_mappings(struct kunit *test, d_handle_t h)
{
	struct dmamem_handle_info info;

	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	return info.mappings;
}

struct headers_cmd {
	char bytes[64];
};

/*
 * D_MAP_PAGE() takes any pointer as baddr, and a ulong, uint, int or u64
 * destination: the 32-bit ones only from a handle whose bus addresses fit
 * them.  Without a device, the bus address is the physical address.
 */
static void headers_busaddr_widths(struct kunit *test)
{
	static const char refused[] =
		"into a 32-bit bus address: the handle's bus addresses may need more than 32 bits";
	d_handle_t h = dmt_handle(test, 0);
	d_handle_t wide = dmt_handle(test, DMA_ADDRESS_64_BIT);
	d_handle_t bits36 = dmt_handle(test, DMA_ADDRESS_BITS(36));
	struct kmsg_dump_iter mark;
	struct headers_cmd *cmd;
	u64 q = 0, pw;
	ulong ul = 0;
	uint u = 0;
	char *p, *w;
	int i = 0;

	p = d_alloc_dmamem(h, 256, 6);
	w = d_alloc_dmamem(wide, 256, 6);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, w);
	cmd = (struct headers_cmd *)p;
	pw = dmt_phys(w);

	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, cmd, &ul, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)ul, (u64)dmt_phys(p));
	D_UNMAP_PAGE(h, &ul);

	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, DMA_READ, p + 8, &u, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)u, (u64)dmt_phys(p + 8));
	KUNIT_EXPECT_EQ(test, headers_mappings(test, h), 1UL);
	D_UNMAP_PAGE(h, &u);
	KUNIT_EXPECT_EQ(test, headers_mappings(test, h), 0UL);

	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, (void *)(p + 16), &i, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, (u64)(uint)i, (u64)dmt_phys(p + 16));
	D_UNMAP_PAGE(h, &i);
	KUNIT_EXPECT_EQ(test, headers_mappings(test, h), 0UL);

	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, p + 24, &q, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, q, (u64)dmt_phys(p + 24));
	D_UNMAP_PAGE(h, &q);
	KUNIT_EXPECT_EQ(test, headers_mappings(test, h), 0UL);

	/* wider handles: 32 bits refused, nothing mapped or written */
	u = 0x5a5a5a5a;
	i = 0x1234;
	dmt_log_mark(test, &mark);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(wide, 0, w, &u, xmem_global), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(bits36, DMA_READ, w, &i, xmem_global), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, u, 0x5a5a5a5aU);
	KUNIT_EXPECT_EQ(test, i, 0x1234);
	KUNIT_EXPECT_EQ(test, headers_mappings(test, wide), 0UL);
	KUNIT_EXPECT_EQ(test, headers_mappings(test, bits36), 0UL);
	KUNIT_EXPECT_TRUE_MSG(test, dmt_log_has(&mark, refused), "no log line \"%s\"", refused);
	/* which a u64 takes */
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(wide, 0, w, &q, xmem_global), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, q, pw);
	D_UNMAP_PAGE(wide, &q);
	KUNIT_EXPECT_EQ(test, headers_mappings(test, wide), 0UL);

	/* a destination that is not one: a log line, nothing else */
	KUNIT_EXPECT_EQ(test, D_MAP_PAGE(h, 0, p, (uint *)NULL, xmem_global), DMA_FAIL);
	dmt_log_mark(test, &mark);
	D_UNMAP_PAGE(h, (uint *)16);
	KUNIT_EXPECT_TRUE(test, dmt_log_has(&mark, "not a pointer to a bus address"));
	KUNIT_EXPECT_EQ(test, headers_mappings(test, h), 0UL);

	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, 256), 0);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(wide, w, 256), 0);
	d_map_clear(h);
	d_map_clear(wide);
	d_map_clear(bits36);
}

/* What AIX 7 drivers and 64-bit kernel extensions test and name. */
static void headers_aix7_names(struct kunit *test)
{
#ifdef __64BIT_KERNEL
	KUNIT_EXPECT_EQ(test, sizeof(long), 8UL);
#else
	KUNIT_FAIL(test, "__64BIT_KERNEL is not defined on a 64-bit kernel");
#endif
	KUNIT_EXPECT_PTR_EQ(test, kernel_heap_4K_64K, kernel_heap);
	KUNIT_EXPECT_PTR_EQ(test, kernel_heap_16M, kernel_heap);
	KUNIT_EXPECT_PTR_EQ(test, pinned_heap_4K_64K, pinned_heap);
	KUNIT_EXPECT_PTR_EQ(test, pinned_heap_16M, pinned_heap);
	KUNIT_EXPECT_EQ(test, sizeof(uint_t), sizeof(dma_channel_t));
	KUNIT_EXPECT_EQ(test, XMEM_RDONLY + XMEM_RDWR + XMEM_NOACC, 3);
}

static struct kunit_case headers_cases[] = {
	KUNIT_CASE(headers_dio_shapes),
	KUNIT_CASE(headers_aix7_names),
	KUNIT_CASE(headers_busaddr_widths),
	KUNIT_CASE(headers_layouts),
	KUNIT_CASE(headers_bid_constant),
	KUNIT_CASE(headers_bid_as_before),
	{}
};

static struct kunit_suite headers_suite = {
	.name = "dmamem_headers",
	.test_cases = headers_cases,
};

kunit_test_suites(&headers_suite);
