// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: dmamem's per-I/O mapping services against the raw DMA API,
 * on the same device and the same memory, in one boot.
 *
 * The device is qemu's edu PCI device, which this module binds as a PCI
 * driver, with a 64-bit DMA mask: make bench boots it directly (bus
 * address = physical address) and behind VT-d, strict and lazy, and says
 * which with the path parameter, which picks the issue's targets.  With no
 * edu device it measures on a registered struct device with no bus, which
 * the DMA API maps directly.  The handle is bound to the device.
 * Each case alternates dmamem and the raw call, BENCH_REPS timings of
 * BENCH_OPS pairs each, and keeps each side's best: the host's other load
 * only ever adds time.
 *
 *  - d_map_page() + d_unmap_page() against dma_map_page() +
 *    dma_unmap_page(), 64 bytes and 4 KiB, on kmalloc() memory and on
 *    dmamem's own (d_alloc_dmamem() on the bound handle, which the raw
 *    side maps by its page as any driver could);
 *  - d_map_list() + d_unmap_list() of 1, 16 and 256 separate 4 KiB
 *    kmalloc() buffers against sg_init_table(), sg_set_buf() of each,
 *    dma_map_sg() and dma_unmap_sg() of the same buffers: what a driver
 *    does per I/O either way;
 *  - d_sync_mem() of a live 16-buffer list mapped with DMA_READ against
 *    dma_sync_sg_for_cpu() + dma_sync_sg_for_device() of the same list.
 *
 * Lines: "mapping_bench: CASE: dmamem N ns, raw M ns per pair: ratio R"
 * (dmamem / raw, below 1 is faster), with the target of the issue where
 * it sets one, "met" or "MISSED".  A figure never fails the run.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <aix/sys/dma.h>
#include "benchdev.h"

#define BENCH_OPS	2000	/* pairs per timing */
#define BENCH_REPS	7	/* timings of each side, alternating; best kept */
#define BENCH_BUFS	256	/* the most buffers a list case maps */

static char *path = "direct";
module_param(path, charp, 0444);
MODULE_PARM_DESC(path, "the DMA path booted: direct, vtd-strict or vtd-lazy");

/* What every case works on. */
struct bench_ctx {
	struct device *dev;		/* what the raw side maps for */
	d_handle_t h;
	void *kbuf[BENCH_BUFS];		/* kmalloc(PAGE_SIZE) each */
	void *own;			/* d_alloc_dmamem(PAGE_SIZE) */
	struct scatterlist sg[BENCH_BUFS];
	struct dio virt, bus;
	unsigned int n;			/* buffers of the list cases */
	size_t len;			/* bytes of the page cases */
	void *page;			/* the page case's memory */
};

static int bench_page_dmamem(void *arg)
{
	struct bench_ctx *c = arg;
	unsigned int i;
	ulong ba;

	for (i = 0; i < BENCH_OPS; i++) {
		if (D_MAP_PAGE(c->h, 0, c->page, &ba, xmem_global) != DMA_SUCC)
			return -EIO;
		D_UNMAP_PAGE(c->h, &ba);
	}
	return 0;
}

static int bench_page_raw(void *arg)
{
	struct bench_ctx *c = arg;
	struct page *page = virt_to_page(c->page);
	unsigned int off = offset_in_page(c->page), i;
	dma_addr_t bus;

	for (i = 0; i < BENCH_OPS; i++) {
		bus = dma_map_page(c->dev, page, off, c->len, DMA_TO_DEVICE);
		if (dma_mapping_error(c->dev, bus))
			return -EIO;
		dma_unmap_page(c->dev, bus, c->len, DMA_TO_DEVICE);
	}
	return 0;
}

static int bench_list_dmamem(void *arg)
{
	struct bench_ctx *c = arg;
	unsigned int i;
	int ret;

	c->virt.used_iovecs = c->n;
	for (i = 0; i < BENCH_OPS; i++) {
		ret = D_MAP_LIST(c->h, 0, 1, &c->virt, &c->bus);
		if (ret != DMA_SUCC)
			return -EIO;
		D_UNMAP_LIST(c->h, &c->bus);
	}
	return 0;
}

static int bench_list_raw(void *arg)
{
	struct bench_ctx *c = arg;
	unsigned int i, j;
	int nents;

	for (i = 0; i < BENCH_OPS; i++) {
		sg_init_table(c->sg, c->n);
		for (j = 0; j < c->n; j++)
			sg_set_buf(&c->sg[j], c->kbuf[j], PAGE_SIZE);
		nents = dma_map_sg(c->dev, c->sg, c->n, DMA_TO_DEVICE);
		if (!nents)
			return -EIO;
		dma_unmap_sg(c->dev, c->sg, c->n, DMA_TO_DEVICE);
	}
	return 0;
}

static int bench_sync_dmamem(void *arg)
{
	struct bench_ctx *c = arg;
	unsigned int i;

	for (i = 0; i < BENCH_OPS; i++)
		if (D_SYNC_MEM(c->h, &c->bus) != DMA_SUCC)
			return -EIO;
	return 0;
}

static int bench_sync_raw(void *arg)
{
	struct bench_ctx *c = arg;
	unsigned int i;

	for (i = 0; i < BENCH_OPS; i++) {
		dma_sync_sg_for_cpu(c->dev, c->sg, c->n, DMA_BIDIRECTIONAL);
		dma_sync_sg_for_device(c->dev, c->sg, c->n, DMA_BIDIRECTIONAL);
	}
	return 0;
}

/* Run a case and print it, against @target (0: none) of dmamem / raw. */
static void bench_case(const char *name, struct bench_ctx *c,
		       int (*dm)(void *c), int (*raw)(void *c),
		       unsigned int target_pct)
{
	u64 d = 0, r = 0;
	unsigned int rep;
	u64 ratio;

	for (rep = 0; rep < BENCH_REPS; rep++) {
		d = bench_best_ns(dm, c, BENCH_OPS, d);
		r = bench_best_ns(raw, c, BENCH_OPS, r);
		if (!d || !r) {
			pr_err("%s: a mapping failed\n", name);
			return;
		}
	}
	ratio = div64_u64(d * 100, r);
	if (!target_pct)
		pr_info("%s: dmamem %llu ns, raw %llu ns per pair: ratio %llu.%02llu\n",
			name, d, r, ratio / 100, ratio % 100);
	else
		pr_info("%s: dmamem %llu ns, raw %llu ns per pair: ratio %llu.%02llu (target at most %u.%02u: %s)\n",
			name, d, r, ratio / 100, ratio % 100, target_pct / 100,
			target_pct % 100, ratio <= target_pct ? "met" : "MISSED");
}

/*
 * The issue's targets for page mappings: at most 1.25x raw direct and
 * 1.10x raw behind VT-d strict on other kernel memory, none for lazy; at
 * most 0.5x raw on dmamem's own memory, which needs no new mapping.
 */
static unsigned int bench_page_target(bool own)
{
	if (own)
		return 50;
	if (!strcmp(path, "direct"))
		return 125;
	return strcmp(path, "vtd-strict") ? 0 : 110;
}

static void bench_pages(struct bench_ctx *c)
{
	static const struct {
		const char *name;
		size_t len;
		bool own;
	} cases[] = {
		{ "page 64 B, kmalloc memory", 64, false },
		{ "page 4 KiB, kmalloc memory", PAGE_SIZE, false },
		{ "page 64 B, dmamem's own memory", 64, true },
		{ "page 4 KiB, dmamem's own memory", PAGE_SIZE, true },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		c->len = cases[i].len;
		if (cases[i].own)
			c->page = c->own;
		else
			c->page = c->kbuf[0];
		bench_case(cases[i].name, c, bench_page_dmamem, bench_page_raw,
			   bench_page_target(cases[i].own));
	}
}

static void bench_lists(struct bench_ctx *c)
{
	static const struct {
		const char *name;
		unsigned int n;
		unsigned int target;
	} cases[] = {
		{ "list of 1 buffer", 1, 0 },
		{ "list of 16 buffers", 16, 125 },
		{ "list of 256 buffers", 256, 110 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		c->n = cases[i].n;
		bench_case(cases[i].name, c, bench_list_dmamem, bench_list_raw,
			   cases[i].target);
	}
}

/* d_sync_mem() of a live list, against the raw syncs of the same list. */
static void bench_sync(struct bench_ctx *c)
{
	unsigned int j;

	c->n = 16;
	c->virt.used_iovecs = c->n;
	if (D_MAP_LIST(c->h, DMA_READ, 1, &c->virt, &c->bus) != DMA_SUCC) {
		pr_err("sync: the list could not be mapped\n");
		return;
	}
	sg_init_table(c->sg, c->n);
	for (j = 0; j < c->n; j++)
		sg_set_buf(&c->sg[j], c->kbuf[j], PAGE_SIZE);
	if (!dma_map_sg(c->dev, c->sg, c->n, DMA_BIDIRECTIONAL)) {
		pr_err("sync: the raw list could not be mapped\n");
	} else {
		bench_case("sync of a 16-buffer list", c, bench_sync_dmamem,
			   bench_sync_raw, 0);
		dma_unmap_sg(c->dev, c->sg, c->n, DMA_BIDIRECTIONAL);
	}
	D_UNMAP_LIST(c->h, &c->bus);
}

static int bench_setup(struct bench_ctx *c, int bid)
{
	unsigned int i;

	/* the pinned heap: its memory has struct pages the raw side maps */
	c->h = d_map_init(bid, DMA_ADDRESS_64_BIT | DMA_HEAP_PINNED, 0, 0);
	if (c->h == (d_handle_t)DMA_FAIL)
		return -ENODEV;
	for (i = 0; i < BENCH_BUFS; i++) {
		c->kbuf[i] = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!c->kbuf[i])
			return -ENOMEM;
	}
	c->own = d_alloc_dmamem(c->h, PAGE_SIZE, 12);
	DIO_INIT(&c->virt, BENCH_BUFS);
	DIO_INIT(&c->bus, BENCH_BUFS);
	if (!c->own || !c->virt.total_iovecs || !c->bus.total_iovecs)
		return -ENOMEM;
	for (i = 0; i < BENCH_BUFS; i++) {
		c->virt.dvec[i].iov_base = c->kbuf[i];
		c->virt.dvec[i].iov_len = PAGE_SIZE;
		c->virt.dvec[i].xmp = xmem_global;
	}
	return 0;
}

static void bench_teardown(struct bench_ctx *c)
{
	unsigned int i;

	if (c->bus.total_iovecs)
		DIO_FREE(&c->bus);
	if (c->virt.total_iovecs)
		DIO_FREE(&c->virt);
	if (c->own)
		d_free_dmamem(c->h, c->own, PAGE_SIZE);
	for (i = 0; i < BENCH_BUFS; i++)
		kfree(c->kbuf[i]);
	if (c->h != (d_handle_t)DMA_FAIL)
		d_map_clear(c->h);
}

/* The edu device, when this module is bound to one. */
static struct pci_dev *bench_edu;

static int bench_edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	if (bench_edu)
		return -EBUSY;
	bench_edu = pdev;
	return 0;
}

static void bench_edu_remove(struct pci_dev *pdev)
{
	bench_edu = NULL;
}

static const struct pci_device_id bench_edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },	/* qemu's edu device */
	{ }
};

static struct pci_driver bench_edu_driver = {
	.name = "mapping_bench",
	.id_table = bench_edu_ids,
	.probe = bench_edu_probe,
	.remove = bench_edu_remove,
};

/* Every case, on @dev. */
static void bench_run(struct device *dev)
{
	struct bench_ctx *c;
	int bid, ret;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	bid = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64)) ? DMA_FAIL :
	      dmamem_device_bid(dev);
	if (!c || bid == DMA_FAIL) {
		pr_err("no device to measure on\n");
		if (bid != DMA_FAIL)
			dmamem_bid_release(bid);
		kfree(c);
		return;
	}
	c->dev = dev;
	c->h = (d_handle_t)DMA_FAIL;
	ret = bench_setup(c, bid);
	if (ret) {
		pr_err("could not set up (%d)\n", ret);
	} else {
		pr_info("d_map_* against the DMA API on %s (%s, %s), %u pairs, best of %u\n",
			dev_name(dev), device_iommu_mapped(dev) ?
			"behind an IOMMU" : "no IOMMU", path, BENCH_OPS,
			BENCH_REPS);
		bench_pages(c);
		bench_lists(c);
		bench_sync(c);
	}
	bench_teardown(c);
	dmamem_bid_release(bid);
	kfree(c);
}

static int __init mapping_bench_init(void)
{
	int ret = pci_register_driver(&bench_edu_driver);

	if (ret)
		return ret;
	if (bench_edu) {
		bench_run(&bench_edu->dev);
	} else {
		if (strcmp(path, "direct"))
			pr_warn("no edu device: measuring on a direct device, not %s\n",
				path);
		ret = bench_dev_register("mapping_bench");
		if (!ret) {
			bench_run(&bench_dev);
			device_unregister(&bench_dev);
		}
	}
	pci_unregister_driver(&bench_edu_driver);
	return ret;
}

static void __exit mapping_bench_exit(void)
{
}

module_init(mapping_bench_init);
module_exit(mapping_bench_exit);

MODULE_DESCRIPTION("dmamem benchmark: the mapping services against the raw DMA API");
MODULE_LICENSE("GPL");
