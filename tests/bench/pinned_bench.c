// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: the pinned heap through d_alloc_dmamem() and d_free_dmamem()
 * against the kernel's page allocations of the same size, in one boot.
 *
 *  - On a handle bound to a device (registered, no bus, 64-bit mask, so
 *    the DMA API allocates directly), with DMA_HEAP_PINNED and
 *    DMA_CONTIGUOUS: against dma_alloc_pages() + dma_free_pages() on the
 *    same device, which also give one zeroed, physically contiguous block.
 *  - On a handle without a device: against alloc_pages(__GFP_ZERO) +
 *    __free_pages() of the same order.
 *
 * 4 KiB, 64 KiB and 1 MiB, one allocation live at a time.  The two sides
 * alternate, BENCH_REPS timings each, best kept.  Lines:
 * "pinned_bench: CASE: dmamem N ns, raw M ns per pair: ratio R", with
 * the target of issue "Per-I/O speed" where it sets one (bound: at most
 * 1.10), "met" or "MISSED".  A figure never fails the run.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <aix/sys/dma.h>
#include "benchdev.h"

#define BENCH_REPS	7	/* timings of each side, alternating; best kept */
#define BENCH_PAIRS	(2 * 1024 * 1024 / 4096)	/* 2 MiB a timing at 4 KiB */

struct bench_case {
	d_handle_t h;
	size_t size;
	bool bound;
	unsigned int pairs;
};

static int bench_dmamem(void *arg)
{
	struct bench_case *c = arg;
	unsigned int i;
	void *p;

	for (i = 0; i < c->pairs; i++) {
		p = d_alloc_dmamem(c->h, c->size, PAGE_SHIFT);
		if (!p || d_free_dmamem(c->h, p, c->size))
			return -ENOMEM;
	}
	return 0;
}

static int bench_raw(void *arg)
{
	struct bench_case *c = arg;
	unsigned int order = get_order(c->size), i;
	struct page *page;
	dma_addr_t bus;

	for (i = 0; i < c->pairs; i++) {
		if (c->bound) {
			page = dma_alloc_pages(&bench_dev, c->size, &bus,
					       DMA_BIDIRECTIONAL, GFP_KERNEL);
			if (!page)
				return -ENOMEM;
			dma_free_pages(&bench_dev, c->size, page, bus,
				       DMA_BIDIRECTIONAL);
		} else {
			page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
			if (!page)
				return -ENOMEM;
			__free_pages(page, order);
		}
	}
	return 0;
}

static void bench_one(struct bench_case *c)
{
	const char *what = c->bound ? "bound handle, against dma_alloc_pages" :
				      "no device, against alloc_pages";
	u64 d = 0, r = 0, ratio;
	unsigned int rep;

	c->pairs = max_t(unsigned int, BENCH_PAIRS / (c->size / SZ_4K), 16);
	for (rep = 0; rep < BENCH_REPS; rep++) {
		d = bench_best_ns(bench_dmamem, c, c->pairs, d);
		r = bench_best_ns(bench_raw, c, c->pairs, r);
		if (!d || !r) {
			pr_err("%zu KiB, %s: an allocation failed\n",
			       c->size / SZ_1K, what);
			return;
		}
	}
	ratio = div64_u64(d * 100, r);
	if (c->bound)
		pr_info("%zu KiB, %s: dmamem %llu ns, raw %llu ns per pair: ratio %llu.%02llu (target at most 1.10: %s)\n",
			c->size / SZ_1K, what, d, r, ratio / 100, ratio % 100,
			ratio <= 110 ? "met" : "MISSED");
	else
		pr_info("%zu KiB, %s: dmamem %llu ns, raw %llu ns per pair: ratio %llu.%02llu\n",
			c->size / SZ_1K, what, d, r, ratio / 100, ratio % 100);
}

static void bench_handle(int bid, bool bound)
{
	static const size_t sizes[] = { SZ_4K, SZ_64K, SZ_1M };
	struct bench_case c = { .bound = bound };
	unsigned int i;

	c.h = d_map_init(bid, DMA_ADDRESS_64_BIT | DMA_HEAP_PINNED |
			 DMA_CONTIGUOUS, 0, 0);
	if (c.h == (d_handle_t)DMA_FAIL) {
		pr_err("no handle\n");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		c.size = sizes[i];
		bench_one(&c);
	}
	d_map_clear(c.h);
}

static int __init pinned_bench_init(void)
{
	int bid, ret;

	ret = bench_dev_register("pinned_bench");
	if (ret)
		return ret;
	pr_info("the pinned heap against the kernel's page allocations, best of %u\n",
		BENCH_REPS);
	bid = dmamem_device_bid(&bench_dev);
	if (bid != DMA_FAIL) {
		bench_handle(bid, true);
		dmamem_bid_release(bid);
	} else {
		pr_err("no bid for the device\n");
	}
	bench_handle(0, false);
	device_unregister(&bench_dev);
	return 0;
}

static void __exit pinned_bench_exit(void)
{
}

module_init(pinned_bench_init);
module_exit(pinned_bench_exit);

MODULE_DESCRIPTION("dmamem benchmark: the pinned heap against the page allocator and dma_alloc_pages");
MODULE_LICENSE("GPL");
