// SPDX-License-Identifier: GPL-2.0
/*
 * Bus identifiers: AIX's encoding, binding a device to a bid, what
 * d_map_init() makes of a bid, and the device's DMA mask capping a
 * handle's ceiling.
 */
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/kthread.h>
#include <sys/dma.h>
#include "dmtest.h"

/* Values worked out by hand from AIX 5.3's bid layout. */
static void bind_bid_encoding(struct kunit *test)
{
	static const uint nums[] = { 0, 1, 0x3F, 0x40, 0x3C0, 0x400, 0x1234,
				     0x8000, 0xC000, 0xFFFF };
	unsigned int i;
	int bid;

	KUNIT_EXPECT_EQ(test, (uint)BID_VAL(IO_PCI, PCI_IOMEM, 0), 0x900000C0U);
	KUNIT_EXPECT_EQ(test, (uint)BID_VAL(IO_ISA, ISA_BUSMEM, 0x1234), 0x98410134U);
	KUNIT_EXPECT_EQ(test, (uint)BID_VAL(IO_PCI, PCI_BUSMEM, 0xFFFF), 0xFFF100FFU);
	for (i = 0; i < ARRAY_SIZE(nums); i++) {
		bid = BID_VAL(IO_PCIE, PCI_BUSMEM, nums[i]);
		KUNIT_EXPECT_EQ(test, BID_NUM(bid), nums[i]);
		KUNIT_EXPECT_EQ(test, BID_TYPE(bid), (uint)IO_PCIE);
		KUNIT_EXPECT_EQ(test, BID_REGION(bid), (uint)PCI_BUSMEM);
		/* a bid in the number's place keeps its number */
		KUNIT_EXPECT_EQ(test, BID_VAL(IO_PCI, PCI_IOMEM, bid),
				BID_VAL(IO_PCI, PCI_IOMEM, nums[i]));
		KUNIT_EXPECT_EQ(test, BID_ALTREG(bid, PCI_IOMEM),
				BID_VAL(IO_PCIE, PCI_IOMEM, nums[i]));
	}
}

static void bind_device_bid(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	struct device bare = {};
	int bid, again;
	d_handle_t h;

	bid = dmamem_device_bid(dev);
	KUNIT_ASSERT_NE(test, bid, DMA_FAIL);
	KUNIT_EXPECT_EQ(test, BID_TYPE(bid), (uint)IO_SYSTEM);
	again = dmamem_device_bid(dev);
	KUNIT_EXPECT_EQ(test, again, bid);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), 0);
	/* still bound for the second user */
	h = d_map_init(again, 0, 0, 0);
	KUNIT_ASSERT_TRUE(test, h != (d_handle_t)DMA_FAIL);
	d_map_clear(h);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(again), 0);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), -EINVAL);
	KUNIT_EXPECT_TRUE(test, d_map_init(bid, 0, 0, 0) == (d_handle_t)DMA_FAIL);

	KUNIT_EXPECT_EQ(test, dmamem_device_bid(NULL), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, dmamem_device_bid(&bare), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(0), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(BID_VAL(IO_PCI, 0, 0xFFFF)), -EINVAL);
}

/* What d_map_init() accepts as a bid, and what it makes of it. */
static void bind_map_init_bids(struct kunit *test)
{
	struct device *dev = dmt_device(test, 64);
	struct dmamem_handle_info info;
	int bid = dmamem_device_bid(dev);
	d_handle_t h;

	KUNIT_ASSERT_NE(test, bid, DMA_FAIL);
	/* no device: bid 0 and ISA bids */
	h = dmt_handle(test, 0);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_FALSE(test, info.device);
	d_map_clear(h);
	h = d_map_init(BID_VAL(IO_ISA, ISA_IOMEM, 0), DMA_SLAVE, 0, 5);
	KUNIT_ASSERT_TRUE(test, h != (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_EQ(test, h->bid, BID_VAL(IO_ISA, ISA_IOMEM, 0));
	d_map_clear(h);

	/* the bound device, named as ported code would */
	h = d_map_init(BID_VAL(IO_SYSTEM, 0, bid), 0, 0, 0);
	KUNIT_ASSERT_TRUE(test, h != (d_handle_t)DMA_FAIL);
	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_TRUE(test, info.device);
	d_map_clear(h);

	/* refused: wrong bus type, unknown type, unbound number, slave */
	KUNIT_EXPECT_TRUE(test, d_map_init(BID_VAL(IO_PCI, 0, bid), 0, 0, 0) ==
				(d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(BID_VAL(IO_VME, 0, 0), 0, 0, 0) ==
				(d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(0x1234, 0, 0, 0) == (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(BID_VAL(IO_SYSTEM, 0, BID_NUM(bid) + 1),
					   0, 0, 0) == (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_TRUE(test, d_map_init(bid, DMA_SLAVE, 0, 5) == (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), 0);
}

/* A handle never reaches further than its device. */
static void bind_device_mask_caps(struct kunit *test)
{
	static const struct {
		unsigned int dev_bits;
		int flags;
		u64 mask;
	} cases[] = {
		{ 28, DMA_ADDRESS_64_BIT, DMA_BIT_MASK(28) },
		{ 28, DMA_MASTER, DMA_BIT_MASK(28) },
		{ 28, DMA_ADDRESS_24_BIT, DMA_BIT_MASK(24) },
		{ 32, DMA_ADDRESS_64_BIT, DMA_BIT_MASK(32) },
		{ 64, DMA_ADDRESS_64_BIT, DMA_BIT_MASK(64) },
		{ 64, DMA_ADDRESS_BITS(36), DMA_BIT_MASK(36) },
	};
	struct dmamem_handle_info info;
	unsigned int i;
	d_handle_t h;
	void *p;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		h = dmt_bound_handle(test, dmt_device(test, cases[i].dev_bits),
				     cases[i].flags);
		KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
		KUNIT_EXPECT_EQ_MSG(test, info.dma_mask, cases[i].mask, "case %u", i);
		/* and memory for it lands under the device's reach */
		p = d_alloc_dmamem(h, PAGE_SIZE, 0);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_LE_MSG(test, (u64)dmt_phys(p) + PAGE_SIZE - 1, cases[i].mask,
				    "case %u", i);
		KUNIT_EXPECT_EQ(test, d_free_dmamem(h, p, PAGE_SIZE), 0);
		d_map_clear(h);
	}
}

static void bind_enable_disable(struct kunit *test)
{
	d_handle_t h = dmt_handle(test, 0);
	d_handle_t hd = dmt_bound_handle(test, dmt_device(test, 64), 0);

	/* neither has a PCI device whose bus mastering could be switched */
	KUNIT_EXPECT_EQ(test, D_MAP_ENABLE(h), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_DISABLE(h), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_ENABLE(hd), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, D_MAP_DISABLE(hd), DMA_FAIL);
	KUNIT_EXPECT_EQ(test, d_map_enable(NULL), DMA_FAIL);
	d_map_clear(h);
	d_map_clear(hd);
}

/*
 * A bound handle cleared while another CPU maps on it with interrupts off:
 * the mapping services hold no reference, so d_map_clear() waits for them
 * to be done with the device before it lets go of it.  The device's
 * release may sleep, so it must run in process context, and only once.
 */
#define RELEASE_ROUNDS	60

struct bind_release {
	struct device dev;
	struct completion released;
	bool atomic;
};

struct bind_mapper {
	d_handle_t h;
	void *buf;
	unsigned long calls;
	bool stop;
};

static void bind_release_dev(struct device *dev)
{
	struct bind_release *r = container_of(dev, struct bind_release, dev);

	r->atomic = !preemptible() || irqs_disabled() || in_interrupt();
	complete(&r->released);
}

static int bind_mapper_fn(void *arg)
{
	struct bind_mapper *m = arg;
	unsigned long flags;
	ulong bus;

	while (!READ_ONCE(m->stop)) {
		local_irq_save(flags);
		if (D_MAP_PAGE(m->h, 0, m->buf, &bus, xmem_global) == DMA_SUCC)
			D_UNMAP_PAGE(m->h, &bus);
		local_irq_restore(flags);
		m->calls++;
		/*
		 * As any loop in a kernel without preemption must: the
		 * clear waits for an RCU grace period before it lets go of
		 * the device.
		 */
		cond_resched();
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void bind_release_round(struct kunit *test, struct bind_release *r,
			       struct bind_mapper *m, unsigned int cpu)
{
	struct task_struct *task;
	int bid;

	memset(r, 0, sizeof(*r));
	init_completion(&r->released);
	device_initialize(&r->dev);
	r->dev.release = bind_release_dev;
	r->dev.dma_mask = &r->dev.coherent_dma_mask;
	KUNIT_ASSERT_EQ(test, dev_set_name(&r->dev, "dmamem_release"), 0);
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(&r->dev, DMA_BIT_MASK(64)), 0);
	bid = dmamem_device_bid(&r->dev);
	KUNIT_ASSERT_NE(test, bid, DMA_FAIL);
	m->h = d_map_init(bid, DMA_ADDRESS_64_BIT, 0, 0);
	KUNIT_ASSERT_TRUE(test, m->h != (d_handle_t)DMA_FAIL);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), 0);
	put_device(&r->dev);	/* the handle holds the last reference */
	m->stop = false;
	m->calls = 0;
	task = kthread_create(bind_mapper_fn, m, "dmamem_mapper");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, task);
	kthread_bind(task, cpu);
	get_task_struct(task);
	wake_up_process(task);
	while (!READ_ONCE(m->calls))
		cond_resched();
	d_map_clear(m->h);
	WRITE_ONCE(m->stop, true);
	kthread_stop(task);
	put_task_struct(task);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&r->released, 10 * HZ), 0UL);
}

static void bind_release_any_context(struct kunit *test)
{
	struct bind_release *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct bind_mapper m = {};
	unsigned int i, atomic = 0, cpu, me;

	KUNIT_ASSERT_NOT_NULL(test, r);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	m.buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m.buf);
	me = get_cpu();
	put_cpu();
	cpu = cpumask_any_but(cpu_online_mask, me);
	for (i = 0; i < RELEASE_ROUNDS; i++) {
		bind_release_round(test, r, &m, cpu);
		atomic += r->atomic;
	}
	KUNIT_EXPECT_EQ_MSG(test, atomic, 0U,
			    "%u of %u device releases ran in atomic context",
			    atomic, RELEASE_ROUNDS);
}

static struct kunit_case bind_cases[] = {
	KUNIT_CASE(bind_bid_encoding),
	KUNIT_CASE(bind_device_bid),
	KUNIT_CASE(bind_map_init_bids),
	KUNIT_CASE(bind_device_mask_caps),
	KUNIT_CASE(bind_enable_disable),
	KUNIT_CASE_SLOW(bind_release_any_context),
	{}
};

static struct kunit_suite bind_suite = {
	.name = "dmamem_bind",
	.test_cases = bind_cases,
};

kunit_test_suites(&bind_suite);
