// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_slave() and d_unmap_slave() against the PC's ISA DMA controller:
 * what is programmed is read back from the 8237's own registers (current
 * address, page and count), so each check is of the controller, not of
 * dmamem's records.  No device drives these channels, so nothing moves and
 * every transfer ends short of terminal count; tests/isa/floppy.c runs
 * transfers to the end on channel 2.
 */
#include <linux/io.h>
#include <linux/mman.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <asm/dma.h>
#include <sys/dma.h>
#include "dmtest.h"

#define SLAVE_BID	BID_VAL(IO_ISA, ISA_IOMEM, 0)
#define SLAVE_CH8	1	/* an 8-bit channel no device drives */
#define SLAVE_CH16	5	/* a 16-bit one */
#define SLAVE_SPARE	3

static const u8 slave_addr_port[8] = { DMA_ADDR_0, DMA_ADDR_1, DMA_ADDR_2,
				       DMA_ADDR_3, 0, DMA_ADDR_5, DMA_ADDR_6,
				       DMA_ADDR_7 };
static const u8 slave_page_port[8] = { DMA_PAGE_0, DMA_PAGE_1, DMA_PAGE_2,
				       DMA_PAGE_3, 0, DMA_PAGE_5, DMA_PAGE_6,
				       DMA_PAGE_7 };

/* The address the channel would move its next byte at, as it reads it. */
static u32 slave_address(unsigned int chan)
{
	unsigned long flags = claim_dma_lock();
	u32 lo, hi, page;

	clear_dma_ff(chan);
	lo = dma_inb(slave_addr_port[chan]);
	hi = dma_inb(slave_addr_port[chan]);
	page = dma_inb(slave_page_port[chan]);
	release_dma_lock(flags);
	if (chan < 4)
		return page << 16 | hi << 8 | lo;
	/* 16-bit channels count words; bit 0 of the page is not used */
	return (page & 0xfe) << 16 | (hi << 8 | lo) << 1;
}

/* The bytes the channel has left to move. */
static u32 slave_residue(unsigned int chan)
{
	unsigned long flags = claim_dma_lock();
	u32 residue;

	clear_dma_ff(chan);
	residue = get_dma_residue(chan);
	release_dma_lock(flags);
	return residue;
}

static d_handle_t slave_handle(struct kunit *test, unsigned int chan)
{
	d_handle_t h = d_map_init(SLAVE_BID, DMA_SLAVE, 0, chan);

	KUNIT_ASSERT_TRUE_MSG(test, h != (d_handle_t)DMA_FAIL,
			      "channel %u refused", chan);
	return h;
}

/* A list over the caller's own entries: nothing to DIO_INIT() or free. */
static void slave_list(struct dio *vl, struct d_iovec *v, long n)
{
	*vl = (struct dio){ .total_iovecs = n, .used_iovecs = n, .dvec = v };
}

static void slave_iov(struct d_iovec *v, void *base, long len)
{
	v->iov_base = base;
	v->iov_len = len;
	v->xmp = xmem_global;
}

/* The channel is programmed with the buffer's physical address and length. */
static void slave_programs_channel(struct kunit *test)
{
	d_handle_t h = slave_handle(test, SLAVE_CH8);
	struct dmamem_handle_info info;
	struct d_iovec v;
	struct dio vl;
	char *buf;

	/* the bounce page is the handle's from the start */
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_EQ(test, info.allocations, 1UL);
	buf = d_alloc_dmamem(h, SZ_8K, 12);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_LT(test, dmt_phys(buf) + SZ_8K, (phys_addr_t)SZ_16M);

	slave_iov(&v, buf + 100, 3000);
	slave_list(&vl, &v, 1);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1, &vl, CH_SINGLE), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, 3000L);
	KUNIT_EXPECT_EQ(test, vl.resid_iov, 1L);
	KUNIT_EXPECT_EQ(test, slave_address(SLAVE_CH8), (u32)dmt_phys(buf + 100));
	KUNIT_EXPECT_EQ(test, slave_residue(SLAVE_CH8), 3000U);
	/* one transfer at a time */
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1, &vl, CH_SINGLE), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, slave_address(SLAVE_CH8), (u32)dmt_phys(buf + 100));
	/* nothing drives channel 1: the count never reached terminal count */
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_FAIL);
	/* disable and enable mask and unmask the channel */
	KUNIT_EXPECT_EQ(test, d_map_disable(h), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, d_map_enable(h), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, buf, SZ_8K), 0);
	d_map_clear(h);
}

/* Channels 5-7 count words: the address and count are still right. */
static void slave_word_channel(struct kunit *test)
{
	d_handle_t h = slave_handle(test, SLAVE_CH16);
	struct d_iovec v, two[2];
	struct dio vl;
	char *buf = d_alloc_dmamem(h, SZ_8K, 12);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	slave_iov(&v, buf + 2, 4096);
	slave_list(&vl, &v, 1);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 2, &vl, CH_16BIT_WORDS | CH_BLOCK),
			DMA_SUCC);
	KUNIT_EXPECT_EQ(test, slave_address(SLAVE_CH16), (u32)dmt_phys(buf + 2));
	KUNIT_EXPECT_EQ(test, slave_residue(SLAVE_CH16), 4096U);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);

	/* CH_DEFAULT is the channel's own width */
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 2, &vl, CH_DEFAULT), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	/* word mode: even start, minxfer and length */
	slave_iov(&v, buf + 1, 4096);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 2, &vl, CH_DEFAULT), DMA_FAIL);
	slave_iov(&v, buf, 4095);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 2, &vl, CH_DEFAULT), DMA_FAIL);
	slave_iov(&v, buf, 4096);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 3, &vl, CH_DEFAULT), DMA_FAIL);
	/* the start is the first byte of the list, past empty entries */
	slave_iov(&two[0], buf, 0);
	slave_iov(&two[1], buf + 1, 4096);
	slave_list(&vl, two, 2);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 2, &vl, CH_DEFAULT), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, buf, SZ_8K), 0);
	d_map_clear(h);
}

/* What the PC's controller cannot do is DMA_BAD_MODE, and programs nothing. */
static void slave_bad_modes(struct kunit *test)
{
	static const uint bad[] = { CH_CASCADE, CH_TYPE_A, CH_TYPE_B, CH_TYPE_F,
				    CH_EOP_INPUT, CH_16BIT_BYTES, CH_16BIT_WORDS,
				    0x00080000, 0x20000000, 0x1 };
	d_handle_t h = slave_handle(test, SLAVE_CH8);
	char *buf = d_alloc_dmamem(h, SZ_4K, 12);
	struct d_iovec v[2];
	struct dio vl;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	slave_iov(&v[0], buf, 512);
	slave_iov(&v[1], buf + 1024, 512);
	slave_list(&vl, v, 1);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, d_map_slave(h, DMA_READ, 1, &vl, bad[i]),
				    DMA_BAD_MODE, "chan_flags %#x", bad[i]);
	/* invalid arguments */
	KUNIT_EXPECT_EQ(test, d_map_slave(h, BUS_DMA, 1, &vl, 0), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 0, &vl, 0), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, NULL, 0), DMA_FAIL);
	slave_list(&vl, v, 2);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, CH_AUTOINIT), DMA_FAIL);
	v[0].xmp = NULL;
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, 0), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, vl.resid_iov, 0L);
	v[0].xmp = xmem_global;
	/* none of it programmed anything */
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_FAIL);
	slave_list(&vl, v, 1);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1, &vl, CH_AUTOINIT | CH_SINGLE),
			DMA_SUCC);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	KUNIT_EXPECT_EQ(test, d_free_dmamem(h, buf, SZ_4K), 0);
	d_map_clear(h);

	/* a handle without a channel */
	h = dmt_handle(test, 0);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, 0), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_FAIL);
	d_map_clear(h);
}

/* A handle holds its channel from d_map_init() to d_map_clear(). */
static void slave_channel_reserved(struct kunit *test)
{
	d_handle_t h = slave_handle(test, SLAVE_SPARE);

	KUNIT_EXPECT_TRUE(test, d_map_init(SLAVE_BID, DMA_SLAVE, 0, SLAVE_SPARE) ==
				(d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_NE(test, request_dma(SLAVE_SPARE, "slave_test"), 0);
	d_map_clear(h);
	KUNIT_ASSERT_EQ(test, request_dma(SLAVE_SPARE, "slave_test"), 0);
	KUNIT_EXPECT_TRUE(test, d_map_init(SLAVE_BID, DMA_SLAVE, 0, SLAVE_SPARE) ==
				(d_handle_t)DMA_FAIL);
	free_dma(SLAVE_SPARE);
	h = slave_handle(test, SLAVE_SPARE);
	d_map_clear(h);
}

/*
 * One transfer is one run inside one window; the rest is a partial
 * mapping, cut to a whole multiple of minxfer.
 */
static void slave_one_run(struct kunit *test)
{
	d_handle_t wide = slave_handle(test, SLAVE_CH16);
	d_handle_t h = slave_handle(test, SLAVE_CH8);
	struct d_iovec v[2];
	struct dio vl;
	char *buf;

	/* 128 KiB on a 128 KiB boundary: its middle crosses a 64 KiB one */
	buf = d_alloc_dmamem(wide, SZ_128K, 17);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	slave_iov(&v[0], buf + SZ_64K - SZ_4K, SZ_8K);
	slave_list(&vl, v, 1);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1024, &vl, 0), DMA_NORES);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, (long)SZ_4K);
	KUNIT_EXPECT_EQ(test, vl.resid_iov, 0L);
	KUNIT_EXPECT_EQ(test, slave_residue(SLAVE_CH8), (u32)SZ_4K);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);

	/* a full window is one count too many for the count register */
	slave_iov(&v[0], buf, SZ_64K);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 512, &vl, 0), DMA_NORES);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, (long)(SZ_64K - 512));
	KUNIT_EXPECT_EQ(test, slave_residue(SLAVE_CH8), (u32)(SZ_64K - 512));
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);

	/* an autoinitialised transfer is all of its buffer or nothing */
	slave_iov(&v[0], buf + SZ_64K - 2048, SZ_4K);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1, &vl, CH_AUTOINIT), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_FAIL);

	/* entries that follow each other physically are one run */
	slave_iov(&v[0], buf, 1000);
	slave_iov(&v[1], buf + 1000, 2000);
	slave_list(&vl, v, 2);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, 0), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, 3000L);
	KUNIT_EXPECT_EQ(test, slave_residue(SLAVE_CH8), 3000U);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	/* and others are the next transfer */
	slave_iov(&v[1], buf + 5000, 2000);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, 0), DMA_NORES);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, 1000L);
	KUNIT_EXPECT_EQ(test, vl.resid_iov, 1L);
	KUNIT_EXPECT_EQ(test, slave_address(SLAVE_CH8), (u32)dmt_phys(buf));
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);

	KUNIT_EXPECT_EQ(test, d_free_dmamem(wide, buf, SZ_128K), 0);
	d_map_clear(h);
	d_map_clear(wide);
}

/* The bounce page's bytes, read through the physical address programmed. */
static bool slave_bounce_holds(struct kunit *test, u32 bus, const char *want,
			       size_t len)
{
	void *p = memremap(bus, PAGE_SIZE, MEMREMAP_WB);
	bool same;

	KUNIT_ASSERT_NOT_NULL(test, p);
	same = !memcmp(p, want, len);
	memunmap(p);
	return same;
}

/* Memory out of reach, and runs shorter than minxfer, go through the bounce. */
static void slave_bounced(struct kunit *test)
{
	/* two pages the controller cannot reach */
	struct page *page = dmt_pages_above(test, SZ_16M - 1, 1);
	d_handle_t h = slave_handle(test, SLAVE_CH8);
	char *high = page_address(page), *a, *spacer, *c;
	char want[1000];
	struct d_iovec v[2];
	struct dio vl;
	u32 bus;

	get_random_bytes(high, 2 * PAGE_SIZE);
	slave_iov(&v[0], high + 16, 1000);
	slave_list(&vl, v, 1);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, 0), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, 1000L);
	bus = slave_address(SLAVE_CH8);
	KUNIT_EXPECT_LT(test, bus, (u32)SZ_16M);
	KUNIT_EXPECT_EQ(test, offset_in_page(bus), 0UL);
	KUNIT_EXPECT_EQ(test, slave_residue(SLAVE_CH8), 1000U);
	KUNIT_EXPECT_TRUE(test, slave_bounce_holds(test, bus, high + 16, 1000));
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	/* a bounced transfer is a page at most: the rest is partial */
	slave_iov(&v[0], high, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 512, &vl, 0), DMA_NORES);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, (long)PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, slave_bounce_holds(test, slave_address(SLAVE_CH8),
						   high, PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	/* CH_AUTOINIT cannot bounce: the controller reruns the same memory */
	v[0].iov_len = 512;
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, CH_AUTOINIT), DMA_NOACC);
	__free_pages(page, 1);

	/* 100 bytes at the end of one page, 900 at another not next to it */
	a = d_alloc_dmamem(h, SZ_4K, 12);
	spacer = d_alloc_dmamem(h, SZ_4K, 12);
	c = d_alloc_dmamem(h, SZ_4K, 12);
	KUNIT_ASSERT_TRUE(test, a && spacer && c);
	get_random_bytes(a, SZ_4K);
	get_random_bytes(c, SZ_4K);
	memcpy(want, a + SZ_4K - 100, 100);
	memcpy(want + 100, c, 900);
	slave_iov(&v[0], a + SZ_4K - 100, 100);
	slave_iov(&v[1], c, 900);
	slave_list(&vl, v, 2);
	if (dmt_phys(c) == dmt_phys(a) + SZ_4K)
		kunit_skip(test, "the pages follow each other");
	/* with minxfer 1 the first run is its own transfer */
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 1, &vl, 0), DMA_NORES);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, 100L);
	KUNIT_EXPECT_EQ(test, slave_address(SLAVE_CH8), (u32)dmt_phys(a + SZ_4K - 100));
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	/* with minxfer 512 it is too short, and both go through the bounce */
	KUNIT_EXPECT_EQ(test, d_map_slave(h, 0, 512, &vl, 0), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, 1000L);
	bus = slave_address(SLAVE_CH8);
	KUNIT_EXPECT_NE(test, bus, (u32)dmt_phys(a + SZ_4K - 100));
	KUNIT_EXPECT_TRUE(test, slave_bounce_holds(test, bus, want, sizeof(want)));
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	d_free_dmamem(h, a, SZ_4K);
	d_free_dmamem(h, spacer, SZ_4K);
	d_free_dmamem(h, c, SZ_4K);
	d_map_clear(h);
}

/*
 * A process's buffer is taken as far as its attachment goes, and no
 * further: on the bounce page too, for a transfer to memory.
 */
static void slave_user_buffer(struct kunit *test)
{
#ifdef HAVE_KUNIT_VM_MMAP
	struct xmem xm = { .aspace_id = XMEM_INVAL };
	d_handle_t h = slave_handle(test, SLAVE_CH8);
	unsigned long u;
	struct d_iovec v;
	struct dio vl;

	u = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(u) || !u);
	KUNIT_ASSERT_EQ(test, xmattach((caddr_t)u, 100, &xm, USER_ADSPACE), XMEM_SUCC);
	v = (struct d_iovec){ (caddr_t)u, PAGE_SIZE, &xm };
	slave_list(&vl, &v, 1);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1, &vl, 0), DMA_NOACC);
	KUNIT_EXPECT_EQ(test, vl.resid_iov, 0L);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_FAIL);
	v.iov_len = 100;
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1, &vl, 0), DMA_SUCC);
	KUNIT_EXPECT_EQ(test, vl.bytes_done, 100L);
	KUNIT_EXPECT_EQ(test, d_unmap_slave(h), DMA_TC_NOTREACHED);
	KUNIT_EXPECT_EQ(test, xmdetach(&xm), XMEM_SUCC);
	d_map_clear(h);
#else
	kunit_skip(test, "no kunit_vm_mmap() on this kernel");
#endif
}

/* d_map_clear() stops a transfer left programmed, and frees the channel. */
static void slave_clear_stops(struct kunit *test)
{
	d_handle_t h = slave_handle(test, SLAVE_CH8);
	struct kmsg_dump_iter mark;
	char *buf = d_alloc_dmamem(h, SZ_4K, 12);
	struct d_iovec v;
	struct dio vl;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	slave_iov(&v, buf, 512);
	slave_list(&vl, &v, 1);
	KUNIT_EXPECT_EQ(test, d_map_slave(h, DMA_READ, 1, &vl, 0), DMA_SUCC);
	dmt_log_mark(test, &mark);
	d_map_clear(h);
	KUNIT_EXPECT_TRUE(test, dmt_log_has(&mark,
					    "slave transfer outstanding on channel 1: stopped"));
	KUNIT_EXPECT_TRUE(test, dmt_log_has(&mark, "with 1 allocation outstanding (4096 bytes)"));
	KUNIT_ASSERT_EQ(test, request_dma(SLAVE_CH8, "slave_test"), 0);
	free_dma(SLAVE_CH8);
}

static struct kunit_case slave_cases[] = {
	KUNIT_CASE(slave_programs_channel),
	KUNIT_CASE(slave_word_channel),
	KUNIT_CASE(slave_bad_modes),
	KUNIT_CASE(slave_channel_reserved),
	KUNIT_CASE(slave_one_run),
	KUNIT_CASE(slave_bounced),
	KUNIT_CASE(slave_user_buffer),
	KUNIT_CASE(slave_clear_stops),
	{}
};

static struct kunit_suite slave_suite = {
	.name = "dmamem_slave",
	.test_cases = slave_cases,
};

kunit_test_suites(&slave_suite);
