// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem_edu: a driver for qemu's "edu" PCI device, whose DMA engine
 * reaches 28 bits, written as a ported AIX driver is: its DMA code uses
 * only <sys/dma.h>; the rest is the ordinary Linux PCI driver API.
 *
 * On probe it makes one handle per heap with the engine's constraints,
 * allocates buffers, maps them with D_MAP_PAGE() and D_MAP_LIST(), has
 * the device copy data from memory into its own buffer and back, checks
 * every byte, and reports.  The result is a KTAP document on the console:
 * one case per heap and service.
 */
#define pr_fmt(fmt) fmt

#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <sys/dma.h>

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_DMA_BITS	28	/* what the engine reaches */

/* Registers, in BAR 0. */
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_COUNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_RUN	0x1	/* start; cleared by the device when done */
#define EDU_CMD_TO_RAM	0x2	/* device buffer to memory; without it, memory to buffer */

/* The device's own buffer, as the engine addresses it. */
#define EDU_BUF		0x40000
#define EDU_BUF_SIZE	4096
/*
 * Bytes moved each way.  The edu model of qemu 7.2 stops the machine on a
 * transfer that reaches its buffer's last byte, so transfers stay short of
 * it.
 */
#define EDU_XFER	4000
#define EDU_TIMEOUT_MS	5000

#define EDU_CASES	4

struct edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	int bid;
	unsigned int transfers;
	int results[EDU_CASES];
	const char *names[EDU_CASES];
	unsigned int cases;
};

/* One transfer by the device's engine; waits for it to finish. */
static int edu_dma(struct edu *e, u64 src, u64 dst, size_t count, u32 cmd)
{
	unsigned long timeout = jiffies + msecs_to_jiffies(EDU_TIMEOUT_MS);

	writeq(src, e->regs + EDU_DMA_SRC);
	writeq(dst, e->regs + EDU_DMA_DST);
	writeq(count, e->regs + EDU_DMA_COUNT);
	writeq(cmd | EDU_CMD_RUN, e->regs + EDU_DMA_CMD);
	while (readq(e->regs + EDU_DMA_CMD) & EDU_CMD_RUN) {
		if (time_after(jiffies, timeout))
			return -ETIMEDOUT;
		usleep_range(10000, 20000);
	}
	e->transfers++;
	return 0;
}

static int edu_to_device(struct edu *e, ulong bus, size_t off, size_t len)
{
	return edu_dma(e, bus, EDU_BUF + off, len, 0);
}

static int edu_to_ram(struct edu *e, size_t off, ulong bus, size_t len)
{
	return edu_dma(e, EDU_BUF + off, bus, len, EDU_CMD_TO_RAM);
}

static void edu_fill(u8 *p, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = i * 7 + seed;
}

static size_t edu_bad_bytes(const u8 *a, const u8 *b, size_t len)
{
	size_t i, bad = 0;

	for (i = 0; i < len; i++)
		bad += a[i] != b[i];
	return bad;
}

static void edu_result(struct edu *e, const char *name, size_t bad, int err)
{
	if (err)
		dev_info(&e->pdev->dev, "  %s: failed (%d)\n", name, err);
	else
		dev_info(&e->pdev->dev, "  %s: %d bytes there and back, %zu wrong\n",
			 name, EDU_XFER, bad);
	e->names[e->cases] = name;
	e->results[e->cases++] = !err && !bad;
}

/* One page each way, mapped with D_MAP_PAGE(). */
static void edu_page(struct edu *e, d_handle_t h, u8 *src, u8 *dst,
		     const char *name)
{
	ulong bsrc, bdst;
	int ret;

	edu_fill(src, EDU_XFER, 0x11);
	memset(dst, 0, EDU_XFER);
	ret = D_MAP_PAGE(h, 0, src, &bsrc, xmem_global);
	if (ret)
		goto out;
	ret = D_MAP_PAGE(h, DMA_READ, dst, &bdst, xmem_global);
	if (ret) {
		D_UNMAP_PAGE(h, &bsrc);
		goto out;
	}
	dev_info(&e->pdev->dev, "  D_MAP_PAGE: source at bus %#lx, destination at bus %#lx\n",
		 bsrc, bdst);
	ret = edu_to_device(e, bsrc, 0, EDU_XFER);
	if (!ret)
		ret = edu_to_ram(e, 0, bdst, EDU_XFER);
	D_UNMAP_PAGE(h, &bsrc);
	D_UNMAP_PAGE(h, &bdst);
out:
	edu_result(e, name, ret ? 0 : edu_bad_bytes(src, dst, EDU_XFER), ret);
}

/* Each bus range of a mapped list, to or from the device's buffer. */
static int edu_list_dma(struct edu *e, const struct dio *bus, bool to_ram)
{
	size_t off = 0;
	long i;
	int ret;

	for (i = 0; i < bus->used_iovecs; i++) {
		ulong b = (ulong)bus->dvec[i].iov_base;
		size_t len = bus->dvec[i].iov_len;

		dev_info(&e->pdev->dev, "    bus range %ld: %#lx, %zu bytes\n", i, b, len);
		ret = to_ram ? edu_to_ram(e, off, b, len) : edu_to_device(e, b, off, len);
		if (ret)
			return ret;
		off += len;
	}
	return 0;
}

static void edu_set(struct d_iovec *v, u8 *base, long len)
{
	v->iov_base = base;
	v->iov_len = len;
	v->xmp = xmem_global;
}

/* The same bytes scattered over both pages, mapped with D_MAP_LIST(). */
static int edu_list_map(struct edu *e, d_handle_t h, u8 *src, u8 *dst,
			struct dio *vs, struct dio *vd, struct dio *bs,
			struct dio *bd)
{
	int ret;

	edu_set(&vs->dvec[0], src + 100, 1500);
	edu_set(&vs->dvec[1], src + 3000, EDU_XFER - 1500);	/* crosses a page */
	edu_set(&vd->dvec[0], dst + 8, EDU_XFER / 2);
	edu_set(&vd->dvec[1], dst + 6000, EDU_XFER / 2);
	vs->used_iovecs = 2;
	vd->used_iovecs = 2;
	ret = D_MAP_LIST(h, 0, 1, vs, bs);
	if (ret)
		return ret;
	ret = D_MAP_LIST(h, DMA_READ, 1, vd, bd);
	if (ret)
		D_UNMAP_LIST(h, bs);
	return ret;
}

static void edu_list(struct edu *e, d_handle_t h, u8 *src, u8 *dst,
		     const char *name)
{
	u8 *want = kmalloc(EDU_XFER, GFP_KERNEL), *got = kmalloc(EDU_XFER, GFP_KERNEL);
	struct dio vs, vd, bs, bd;
	size_t bad = 0;
	int ret = -ENOMEM;

	DIO_INIT(&vs, 2);
	DIO_INIT(&vd, 2);
	DIO_INIT(&bs, 4);
	DIO_INIT(&bd, 4);
	if (!want || !got || !vs.total_iovecs || !vd.total_iovecs ||
	    !bs.total_iovecs || !bd.total_iovecs)
		goto out;
	edu_fill(src, 2 * EDU_BUF_SIZE, 0x5c);
	memset(dst, 0, 2 * EDU_BUF_SIZE);
	ret = edu_list_map(e, h, src, dst, &vs, &vd, &bs, &bd);
	if (ret)
		goto out;
	dev_info(&e->pdev->dev, "  D_MAP_LIST: 2 source buffers in %ld bus ranges, 2 destination buffers in %ld\n",
		 bs.used_iovecs, bd.used_iovecs);
	ret = edu_list_dma(e, &bs, false);
	if (!ret)
		ret = edu_list_dma(e, &bd, true);
	if (!ret)
		ret = D_SYNC_MEM(h, &bd);	/* the CPU reads what the device wrote */
	memcpy(want, src + 100, 1500);
	memcpy(want + 1500, src + 3000, EDU_XFER - 1500);
	memcpy(got, dst + 8, EDU_XFER / 2);
	memcpy(got + EDU_XFER / 2, dst + 6000, EDU_XFER / 2);
	bad = edu_bad_bytes(want, got, EDU_XFER);
	D_UNMAP_LIST(h, &bs);
	D_UNMAP_LIST(h, &bd);
out:
	DIO_FREE(&vs);
	DIO_FREE(&vd);
	DIO_FREE(&bs);
	DIO_FREE(&bd);
	kfree(want);
	kfree(got);
	edu_result(e, name, bad, ret);
}

static void edu_report_alloc(struct edu *e, d_handle_t h, void *p,
			     const char *what)
{
	struct dmamem_alloc_info info;

	if (dmamem_alloc_info(h, p, &info))
		return;
	dev_info(&e->pdev->dev, "  %s: %zu bytes from the %s heap at phys %pa, %s\n",
		 what, info.size, info.heap == DMAMEM_HEAP_REAL ? "real" : "pinned",
		 &info.phys, info.contiguous ? "contiguous" : "in separate pages");
}

/* One handle, two buffers, both services. */
static void edu_heap(struct edu *e, int heap_flags, const char *heap,
		     const char *page_case, const char *list_case)
{
	struct dmamem_handle_info info;
	u8 *src = NULL, *dst = NULL;
	d_handle_t h;

	h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(EDU_DMA_BITS) | heap_flags, 0, 0);
	if (h == (d_handle_t)DMA_FAIL)
		goto fail;
	dmamem_handle_info(h, &info);
	dev_info(&e->pdev->dev, "handle %u, %s heap: every byte below %#llx%s\n",
		 h->id, heap, info.dma_mask, info.contiguous ? ", contiguous" : "");
	src = D_ALLOC_DMAMEM(h, 2 * EDU_BUF_SIZE, 12);
	dst = D_ALLOC_DMAMEM(h, 2 * EDU_BUF_SIZE, 12);
	if (!src || !dst)
		goto fail;
	edu_report_alloc(e, h, src, "source");
	edu_report_alloc(e, h, dst, "destination");
	edu_page(e, h, src, dst, page_case);
	edu_list(e, h, src, dst, list_case);
	D_FREE_DMAMEM(h, src, 2 * EDU_BUF_SIZE);
	D_FREE_DMAMEM(h, dst, 2 * EDU_BUF_SIZE);
	D_MAP_CLEAR(h);
	return;
fail:
	dev_info(&e->pdev->dev, "%s heap: no handle or no memory\n", heap);
	if (h != (d_handle_t)DMA_FAIL)
		D_MAP_CLEAR(h);
	edu_result(e, page_case, 0, -ENOMEM);
	edu_result(e, list_case, 0, -ENOMEM);
}

static void edu_heaps_report(struct edu *e, const char *when)
{
	struct dmamem_heap_info pinned, real;

	dmamem_heap_info(DMAMEM_HEAP_PINNED, &pinned);
	dmamem_heap_info(DMAMEM_HEAP_REAL, &real);
	dev_info(&e->pdev->dev, "heaps %s: pinned %lu allocations (%zu bytes), real %lu allocations (%zu bytes)\n",
		 when, pinned.allocations, pinned.held, real.allocations, real.held);
}

/* The outcome, as a KTAP document the test harness counts. */
static void edu_ktap(struct edu *e)
{
	unsigned int i, good = 0;
	bool all;

	pr_info("KTAP version 1\n");
	pr_info("1..1\n");
	pr_info("    KTAP version 1\n");
	pr_info("    # Subtest: dmamem_edu\n");
	pr_info("    1..%u\n", e->cases);
	for (i = 0; i < e->cases; i++) {
		pr_info("    %s %u %s\n", e->results[i] ? "ok" : "not ok", i + 1,
			e->names[i]);
		good += e->results[i];
	}
	all = good == e->cases;
	pr_info("%s 1 dmamem_edu\n", all ? "ok" : "not ok");
	dev_info(&e->pdev->dev, "%u of %u cases correct, %u DMA transfers by the device\n",
		 good, e->cases, e->transfers);
}

static void edu_teardown(struct pci_dev *pdev, struct edu *e)
{
	if (e->bid && e->bid != DMA_FAIL)
		dmamem_bid_release(e->bid);
	if (e->regs)
		pci_iounmap(pdev, e->regs);
	pci_release_region(pdev, 0);
	pci_disable_device(pdev);
}

static int edu_setup(struct pci_dev *pdev, struct edu *e)
{
	int ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	ret = pci_request_region(pdev, 0, KBUILD_MODNAME);
	if (ret) {
		pci_disable_device(pdev);
		return ret;
	}
	ret = -ENOMEM;
	e->regs = pci_iomap(pdev, 0, 0);
	if (!e->regs)
		goto fail;
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(EDU_DMA_BITS));
	if (ret)
		goto fail;
	ret = -ENODEV;
	e->bid = dmamem_device_bid(&pdev->dev);
	if (e->bid == DMA_FAIL)
		goto fail;
	return 0;
fail:
	edu_teardown(pdev, e);
	return ret;
}

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu *e;
	d_handle_t h;
	int ret;

	e = devm_kzalloc(&pdev->dev, sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->pdev = pdev;
	ret = edu_setup(pdev, e);
	if (ret)
		return ret;
	pci_set_drvdata(pdev, e);

	dev_info(&pdev->dev, "edu: DMA engine of %d bits, bid %#x\n", EDU_DMA_BITS, e->bid);
	h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(EDU_DMA_BITS), 0, 0);
	if (h != (d_handle_t)DMA_FAIL) {
		dev_info(&pdev->dev, "D_MAP_ENABLE: %s\n",
			 D_MAP_ENABLE(h) == DMA_SUCC ? "bus mastering on" : "failed");
		D_MAP_CLEAR(h);
	}
	edu_heaps_report(e, "before");
	edu_heap(e, DMA_HEAP_PINNED, "pinned", "pinned_page", "pinned_list");
	edu_heap(e, DMA_HEAP_REAL | DMA_CONTIGUOUS, "real", "real_page", "real_list");
	edu_heaps_report(e, "after");
	edu_ktap(e);
	return 0;
}

static void edu_remove(struct pci_dev *pdev)
{
	edu_teardown(pdev, pci_get_drvdata(pdev));
}

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = KBUILD_MODNAME,
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
};
module_pci_driver(edu_driver);

MODULE_DESCRIPTION("dmamem demo: qemu's edu device driven through <sys/dma.h>");
MODULE_LICENSE("GPL");
