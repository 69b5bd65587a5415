// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_init_ext(): the same handle as d_map_init() from a d_info_t, the
 * mapper name kept with it, and every malformed argument block refused
 * with its errno and nothing written.
 */
#include <linux/dma-mapping.h>
#include <linux/string.h>
#include <sys/dma.h>
#include "dmtest.h"

static void initext_make(struct kunit *test)
{
	d_info_t in = {
		.di_flags = DMA_ADDRESS_BITS(28) | DMA_CONTIGUOUS,
		.di_min_mapmem = 1 << 20,
		.di_des_mapmem = 1 << 22,
		.di_max_mapmem = 1 << 24,
		.di_mapper_name = "edu-engine0",
	};
	struct dmamem_handle_info info;
	d_handle_t h = (d_handle_t)DMA_FAIL;

	KUNIT_ASSERT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), 0L);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_STREQ(test, info.mapper_name, "edu-engine0");
	KUNIT_EXPECT_EQ(test, info.dma_mask, DMA_BIT_MASK(28));
	KUNIT_EXPECT_TRUE(test, info.contiguous);
	KUNIT_EXPECT_FALSE(test, info.device);
	KUNIT_EXPECT_EQ(test, h->flags, (uint)in.di_flags);
	KUNIT_EXPECT_EQ(test, h->bid, 0);
	d_map_clear(h);

	/* a d_map_init() handle has no name */
	h = dmt_handle(test, 0);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_STREQ(test, info.mapper_name, "");
	d_map_clear(h);
}

/* A bid with bit 31 set, stored zero- or sign-extended. */
static void initext_bound(struct kunit *test)
{
	struct device *dev = dmt_device(test, 32);
	int bid = dmamem_device_bid(dev);
	d_info_t in = { .di_flags = DMA_ADDRESS_64_BIT };
	struct dmamem_handle_info info;
	u64 forms[2];
	unsigned int i;
	d_handle_t h;

	KUNIT_ASSERT_NE(test, bid, DMA_FAIL);
	forms[0] = (u32)bid;
	forms[1] = (u64)(s64)bid;
	KUNIT_ASSERT_NE(test, forms[0], forms[1]);
	for (i = 0; i < ARRAY_SIZE(forms); i++) {
		in.di_bid = forms[i];
		KUNIT_ASSERT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), 0L);
		KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
		KUNIT_EXPECT_TRUE(test, info.device);
		KUNIT_EXPECT_EQ(test, info.dma_mask, DMA_BIT_MASK(32));
		KUNIT_EXPECT_EQ(test, h->bid, bid);
		d_map_clear(h);
	}
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), 0);
}

static void initext_refused(struct kunit *test)
{
	d_handle_t untouched = (d_handle_t)0x5a5a;
	d_handle_t h = untouched;
	d_info_t in = {};

	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in) - 1, &h), (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in) + 8, &h), (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, 0, &h), (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, d_map_init_ext(NULL, sizeof(in), &h), (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), NULL), (long)-EINVAL);
	in.di_flags = DMA_64_BIT_PATH;
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	in.di_flags = 1ULL << 32;
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	in.di_flags = 0;
	in.di_bus_flags = 1;
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	in.di_bus_flags = 0;
	in.di_channel = 1ULL << 32;
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	in.di_channel = 0;
	in.di_bid = 1ULL << 40;
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	in.di_bid = (u32)BID_VAL(IO_VME, 0, 0);
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-ENODEV);
	in.di_bid = (u32)BID_VAL(IO_PCI, PCI_IOMEM, 0xFFFE);
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-ENODEV);
	in.di_bid = 0;
	memset(in.di_mapper_name, 'x', sizeof(in.di_mapper_name));
	KUNIT_EXPECT_EQ(test, d_map_init_ext(&in, sizeof(in), &h), (long)-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, h, untouched);
}

static struct kunit_case initext_cases[] = {
	KUNIT_CASE(initext_make),
	KUNIT_CASE(initext_bound),
	KUNIT_CASE(initext_refused),
	{}
};

static struct kunit_suite initext_suite = {
	.name = "dmamem_initext",
	.test_cases = initext_cases,
};

kunit_test_suites(&initext_suite);
