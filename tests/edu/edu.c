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
 *
 * Then the cases of the DMA paths, per heap: a ring mapped with DMA_READ
 * that the device reads (as AIX drivers map rings), a long-lived page
 * mapping made coherent with D_SYNC_MEM() between transfers, a pool
 * block's neighbour written by the CPU while the block is mapped for the
 * device, a DMA_CONTIGUOUS buffer of many pages mapped as one bus range,
 * and the bus address proven against the path: an IOVA that the IOMMU
 * translates to the buffer, the physical address when direct, or a bounce
 * slot under forced bounce buffering.
 *
 * Last, /dev/dmamem_edu: raw I/O between the device and a process's
 * buffer, through xmattach() and D_MAP_LIST() (raw.c).
 *
 * dma_bits=N gives the device (and the handles) an N-bit mask instead of
 * the engine's 28 bits: with qemu's "-device edu,dma_mask=0xffffffff",
 * dma_bits=32 lets the device reach swiotlb's bounce pool.
 */
#define pr_fmt(fmt) fmt

#include <linux/delay.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swiotlb.h>
#include <linux/vmalloc.h>
#include <sys/dma.h>

#include "edu.h"

static unsigned int dma_bits = EDU_DMA_BITS;
module_param(dma_bits, uint, 0444);
MODULE_PARM_DESC(dma_bits, "address bits of the device's DMA mask and of the handles (28 to 64, default 28: what the engine reaches)");

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

int edu_to_device(struct edu *e, ulong bus, size_t off, size_t len)
{
	return edu_dma(e, bus, EDU_BUF + off, len, 0);
}

int edu_to_ram(struct edu *e, size_t off, ulong bus, size_t len)
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

/* Bytes of p that are not what edu_fill(p, len, seed) wrote. */
static size_t edu_bad_fill(const u8 *p, size_t len, u8 seed)
{
	size_t i, bad = 0;

	for (i = 0; i < len; i++)
		bad += p[i] != (u8)(i * 7 + seed);
	return bad;
}

/* The outcome of one case: err, or len bytes checked of which bad wrong. */
static void edu_outcome(struct edu *e, const char *name, size_t len,
			size_t bad, int err)
{
	if (err && len)
		dev_info(&e->pdev->dev, "  %s: failed (%d); %zu bytes checked, %zu wrong\n",
			 name, err, len, bad);
	else if (err)
		dev_info(&e->pdev->dev, "  %s: failed (%d)\n", name, err);
	else
		dev_info(&e->pdev->dev, "  %s: %zu bytes checked, %zu wrong\n",
			 name, len, bad);
	if (e->cases == EDU_CASES)
		return;
	e->names[e->cases] = name;
	e->results[e->cases++] = !err && !bad;
}

static void edu_result(struct edu *e, const char *name, size_t bad, int err)
{
	edu_outcome(e, name, err ? 0 : EDU_XFER, bad, err);
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

/*
 * Each bus range of a mapped list, to or from the device's buffer from
 * offset @off on.
 */
int edu_list_dma(struct edu *e, const struct dio *bus, size_t off,
		 bool to_ram)
{
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
	ret = edu_list_dma(e, &bs, 0, false);
	if (!ret)
		ret = edu_list_dma(e, &bd, 0, true);
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

	h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(e->bits) | heap_flags, 0, 0);
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

/*
 * Fill the device's buffer with edu_fill(.., EDU_XFER, seed), read by the
 * device from a page of h mapped memory to device: the path every other
 * case starts from.
 */
static int edu_load(struct edu *e, d_handle_t h, u8 seed)
{
	u8 *src = D_ALLOC_DMAMEM(h, EDU_BUF_SIZE, 12);
	ulong bus;
	int ret;

	if (!src)
		return -ENOMEM;
	edu_fill(src, EDU_XFER, seed);
	ret = D_MAP_PAGE(h, 0, src, &bus, xmem_global);
	if (!ret) {
		ret = edu_to_device(e, bus, 0, EDU_XFER);
		D_UNMAP_PAGE(h, &bus);
	}
	D_FREE_DMAMEM(h, src, EDU_BUF_SIZE);
	return ret;
}

/*
 * A ring the device reads, mapped with DMA_READ as AIX drivers map their
 * rings: the device copies it into its buffer and back out to a second
 * page, and both the copy and the ring must hold what the CPU wrote.
 */
static void edu_ring_read(struct edu *e, d_handle_t h, const char *name)
{
	u8 *ring = D_ALLOC_DMAMEM(h, EDU_BUF_SIZE, 12);
	u8 *dst = D_ALLOC_DMAMEM(h, EDU_BUF_SIZE, 12);
	ulong bring, bdst;
	size_t bad = 0, len = 0;
	int ret = -ENOMEM;

	if (!ring || !dst)
		goto out;
	edu_fill(ring, EDU_XFER, 0x2b);
	ret = D_MAP_PAGE(h, DMA_READ, ring, &bring, xmem_global);
	if (ret)
		goto out;
	ret = D_MAP_PAGE(h, DMA_READ, dst, &bdst, xmem_global);
	if (ret) {
		D_UNMAP_PAGE(h, &bring);
		goto out;
	}
	ret = edu_to_device(e, bring, 0, EDU_XFER);
	if (!ret)
		ret = edu_to_ram(e, 0, bdst, EDU_XFER);
	D_UNMAP_PAGE(h, &bring);
	D_UNMAP_PAGE(h, &bdst);
	len = 2 * EDU_XFER;
	bad = edu_bad_fill(dst, EDU_XFER, 0x2b) + edu_bad_fill(ring, EDU_XFER, 0x2b);
out:
	if (ring)
		D_FREE_DMAMEM(h, ring, EDU_BUF_SIZE);
	if (dst)
		D_FREE_DMAMEM(h, dst, EDU_BUF_SIZE);
	edu_outcome(e, name, len, bad, ret);
}

/*
 * One page mapped once (DMA_READ: the device writes it, and reads it, as a
 * ring) for several transfers, each made coherent with D_SYNC_MEM() on a
 * bus list whose one entry is the page's bus address: the CPU writes the
 * first half, D_SYNC_MEM(), the device reads it and writes it to the
 * second half, D_SYNC_MEM(), the CPU reads it.  Twice, with new bytes.
 */
#define EDU_HALF	2000
static void edu_page_sync(struct edu *e, d_handle_t h, const char *name)
{
	u8 *buf = D_ALLOC_DMAMEM(h, EDU_BUF_SIZE, 12);
	size_t bad = 0, len = 0;
	struct dio bus;
	ulong b;
	int ret = -ENOMEM, round, sync = 0;

	DIO_INIT(&bus, 1);
	if (!buf || !bus.total_iovecs)
		goto out;
	ret = D_MAP_PAGE(h, DMA_READ, buf, &b, xmem_global);
	if (ret)
		goto out;
	bus.dvec[0].iov_base = (caddr_t)b;
	bus.dvec[0].iov_len = EDU_BUF_SIZE;
	bus.dvec[0].xmp = xmem_global;
	bus.used_iovecs = 1;
	for (round = 0; round < 2 && !ret; round++) {
		u8 seed = 0x31 + round * 0x40;

		edu_fill(buf, EDU_HALF, seed);
		if (D_SYNC_MEM(h, &bus) != DMA_SUCC)
			sync = -EIO;
		ret = edu_to_device(e, b, 0, EDU_HALF);
		if (!ret)
			ret = edu_to_ram(e, 0, b + EDU_BUF_SIZE / 2, EDU_HALF);
		if (D_SYNC_MEM(h, &bus) != DMA_SUCC)
			sync = -EIO;
		bad += edu_bad_fill(buf + EDU_BUF_SIZE / 2, EDU_HALF, seed);
		len += EDU_HALF;
	}
	D_UNMAP_PAGE(h, &b);
	if (!ret && sync) {
		dev_info(&e->pdev->dev, "  D_SYNC_MEM on the page's bus address: DMA_FAIL\n");
		ret = sync;
	}
out:
	DIO_FREE(&bus);
	if (buf)
		D_FREE_DMAMEM(h, buf, EDU_BUF_SIZE);
	edu_outcome(e, name, len, bad, ret);
}

/*
 * Two pool blocks in one page: the first is mapped with DMA_READ, the CPU
 * writes the second meanwhile, the device writes the first, and after the
 * unmap both must hold what was written into them.  A bounce of the whole
 * page back over the neighbour would lose the CPU's bytes.
 */
static void edu_neighbour(struct edu *e, d_handle_t h, const char *name)
{
	u8 *a = D_ALLOC_DMAMEM(h, EDU_BLOCK, 9);
	u8 *n = D_ALLOC_DMAMEM(h, EDU_BLOCK, 9);
	struct dmamem_alloc_info ia, in;
	size_t bad = 0, len = 0;
	ulong bus;
	int ret = -ENOMEM;

	if (!a || !n)
		goto out;
	ret = -EAGAIN;
	if (dmamem_alloc_info(h, a, &ia) || dmamem_alloc_info(h, n, &in) ||
	    ia.phys >> PAGE_SHIFT != in.phys >> PAGE_SHIFT) {
		dev_info(&e->pdev->dev, "  %s: the two blocks are not in one page\n", name);
		goto out;
	}
	/* The mapped block is the lower one: its mapping reaches the other. */
	if (in.phys < ia.phys)
		swap(a, n);
	ret = edu_load(e, h, 0x4d);
	if (ret)
		goto out;
	ret = D_MAP_PAGE(h, DMA_READ, a, &bus, xmem_global);
	if (ret)
		goto out;
	edu_fill(n, EDU_BLOCK, 0x77);
	ret = edu_to_ram(e, 0, bus, EDU_BLOCK);
	D_UNMAP_PAGE(h, &bus);
	len = 2 * EDU_BLOCK;
	bad = edu_bad_fill(a, EDU_BLOCK, 0x4d) + edu_bad_fill(n, EDU_BLOCK, 0x77);
	if (bad)
		dev_info(&e->pdev->dev, "  %s: %zu of the neighbour's bytes lost\n",
			 name, edu_bad_fill(n, EDU_BLOCK, 0x77));
out:
	if (a)
		D_FREE_DMAMEM(h, a, EDU_BLOCK);
	if (n)
		D_FREE_DMAMEM(h, n, EDU_BLOCK);
	edu_outcome(e, name, len, bad, ret);
}

/*
 * The device writes both ends of a buffer that a list mapping made one
 * bus range of, and the mapping goes; *len and *bad say how many bytes
 * were checked and how many were wrong.
 */
static int edu_write_ends(struct edu *e, d_handle_t h, struct dio *bus,
			  const u8 *buf, u8 seed, size_t *len, size_t *bad)
{
	ulong b = (ulong)bus->dvec[0].iov_base;
	int ret = -EINVAL;

	if (bus->used_iovecs == 1 && bus->dvec[0].iov_len == EDU_CONTIG) {
		ret = edu_load(e, h, seed);
		if (!ret)
			ret = edu_to_ram(e, 0, b, EDU_XFER);
		if (!ret)
			ret = edu_to_ram(e, 0, b + EDU_CONTIG - EDU_XFER, EDU_XFER);
	}
	D_UNMAP_LIST(h, bus);
	if (ret)
		return ret;
	*len = 2 * EDU_XFER;
	*bad = edu_bad_fill(buf, EDU_XFER, seed) +
	       edu_bad_fill(buf + EDU_CONTIG - EDU_XFER, EDU_XFER, seed);
	return 0;
}

/*
 * A DMA_CONTIGUOUS buffer of 16 pages, mapped with D_MAP_LIST() into a
 * bus list of one entry: it must come back as one bus range, which the
 * device then writes at its start and near its end.
 */
static void edu_contig_list(struct edu *e, d_handle_t h, const char *name)
{
	u8 *big = D_ALLOC_DMAMEM(h, EDU_CONTIG, 12);
	struct dio virt, bus;
	size_t bad = 0, len = 0;
	int ret = -ENOMEM, mapped;

	DIO_INIT(&virt, 1);
	DIO_INIT(&bus, 1);
	if (!big || !virt.total_iovecs || !bus.total_iovecs)
		goto out;
	edu_report_alloc(e, h, big, "contiguous buffer");
	edu_set(&virt.dvec[0], big, EDU_CONTIG);
	virt.used_iovecs = 1;
	mapped = D_MAP_LIST(h, DMA_READ, 1, &virt, &bus);
	dev_info(&e->pdev->dev, "  D_MAP_LIST of %d contiguous bytes: %d, %ld bus ranges, %ld bytes done, first %#lx, %ld bytes\n",
		 EDU_CONTIG, mapped, bus.used_iovecs, bus.bytes_done,
		 mapped == DMA_NOACC ? 0UL : (ulong)bus.dvec[0].iov_base,
		 mapped == DMA_NOACC ? 0L : bus.dvec[0].iov_len);
	if (mapped != DMA_SUCC && mapped != DMA_DIOFULL && mapped != DMA_NORES) {
		ret = mapped;
		goto out;
	}
	if (mapped == DMA_SUCC) {
		ret = edu_write_ends(e, h, &bus, big, 0x65, &len, &bad);
	} else {
		D_UNMAP_LIST(h, &bus);
		ret = -EINVAL;
	}
out:
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	if (big)
		D_FREE_DMAMEM(h, big, EDU_CONTIG);
	edu_outcome(e, name, len, bad, ret);
}

/*
 * What the bus address of a D_MAP_PAGE() mapping is, against the path the
 * device's DMA takes: behind a translating IOMMU, an IOVA that the IOMMU
 * translates to the buffer's physical address; otherwise the DMA address
 * of that physical address (phys_to_dma()), or, with every mapping
 * bounced, a bounce slot, which must differ from it.  Mapped at an
 * offset into the page, so that the offset is checked too.
 */
static bool edu_bus_ok(struct edu *e, ulong bus, phys_addr_t phys)
{
	struct device *dev = &e->pdev->dev;
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);
	phys_addr_t to;

	if (dom && dom->type != IOMMU_DOMAIN_IDENTITY) {
		to = iommu_iova_to_phys(dom, bus);
		dev_info(dev, "  bus %#lx is an IOVA (IOMMU domain type %#x): it translates to %pa, the buffer is at %pa\n",
			 bus, dom->type, &to, &phys);
		return to == phys;
	}
	if (device_iommu_mapped(dev))
		dev_info(dev, "  in an IOMMU group, with an identity domain\n");
	if (bus == phys_to_dma(dev, phys)) {
		dev_info(dev, "  bus %#lx is the DMA address of the buffer at %pa\n",
			 bus, &phys);
		return true;
	}
	if (is_swiotlb_force_bounce(dev)) {
		dev_info(dev, "  bus %#lx is a bounce slot for the buffer at %pa\n",
			 bus, &phys);
		return true;
	}
	dev_info(dev, "  bus %#lx is neither an IOVA nor the DMA address %#llx of the buffer at %pa\n",
		 bus, (u64)phys_to_dma(dev, phys), &phys);
	return false;
}

#define EDU_OFFSET	100
static void edu_bus_addr(struct edu *e, d_handle_t h, const char *name)
{
	u8 *p = D_ALLOC_DMAMEM(h, EDU_BUF_SIZE, 12);
	struct dmamem_alloc_info info;
	ulong bus;
	int ret = -ENOMEM;
	bool ok = false;

	if (!p)
		goto out;
	ret = dmamem_alloc_info(h, p, &info);
	if (ret)
		goto out;
	ret = D_MAP_PAGE(h, 0, p + EDU_OFFSET, &bus, xmem_global);
	if (ret)
		goto out;
	ok = edu_bus_ok(e, bus, info.phys + EDU_OFFSET);
	D_UNMAP_PAGE(h, &bus);
out:
	if (p)
		D_FREE_DMAMEM(h, p, EDU_BUF_SIZE);
	edu_outcome(e, name, 0, 0, ret ? ret : ok ? 0 : -EFAULT);
}

/* Does an IOMMU give the device its bus addresses? */
static bool edu_translated(struct edu *e)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(&e->pdev->dev);

	return dom && dom->type != IOMMU_DOMAIN_IDENTITY;
}

/*
 * Behind a translating IOMMU, a DMA_CONTIGUOUS handle maps a buffer of
 * separate pages (vmalloc()) that dmamem did not allocate as one bus
 * range, which the device then writes at both ends.  Only there: without
 * an IOMMU the pages are not contiguous on the bus, and a 28-bit device
 * could not reach their bounce buffers.
 */
static void edu_pages_list(struct edu *e, const char *name)
{
	u8 *buf = vmalloc(EDU_CONTIG);
	struct dio virt, bus;
	size_t bad = 0, len = 0;
	int ret = -ENOMEM;
	d_handle_t h;

	h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(e->bits) | DMA_CONTIGUOUS, 0, 0);
	DIO_INIT(&virt, 1);
	DIO_INIT(&bus, 1);
	if (!buf || h == (d_handle_t)DMA_FAIL || !virt.total_iovecs || !bus.total_iovecs)
		goto out;
	memset(buf, 0, EDU_CONTIG);
	edu_set(&virt.dvec[0], buf, EDU_CONTIG);
	virt.used_iovecs = 1;
	ret = D_MAP_LIST(h, DMA_READ, 1, &virt, &bus);
	dev_info(&e->pdev->dev, "  %s: D_MAP_LIST of %d bytes in separate pages: %d, %ld bus ranges, first %#lx\n",
		 name, EDU_CONTIG, ret, bus.used_iovecs,
		 ret == DMA_SUCC ? (ulong)bus.dvec[0].iov_base : 0UL);
	if (!ret)
		ret = edu_write_ends(e, h, &bus, buf, 0x3e, &len, &bad);
out:
	DIO_FREE(&virt);
	DIO_FREE(&bus);
	if (h != (d_handle_t)DMA_FAIL)
		D_MAP_CLEAR(h);
	vfree(buf);
	edu_outcome(e, name, len, bad, ret);
}

/*
 * The handle's ceiling on the DMA path.  Behind a translating IOMMU, bus
 * addresses come from the IOMMU below the device's mask, so a 24-bit
 * handle cannot be met and D_MAP_INIT() refuses it, while a handle at the
 * mask gets real heap memory that need not lie low (not below 16 MiB) at
 * an IOVA below the mask.  Elsewhere the 24-bit handle is made, and its
 * memory and bus address lie below 16 MiB.
 */
static void edu_ceiling(struct edu *e, const char *name)
{
	bool translated = edu_translated(e);
	u64 ceiling = DMA_BIT_MASK(translated ? e->bits : 24);
	struct dmamem_alloc_info info;
	int ret = -EINVAL;
	d_handle_t h;
	u8 *p = NULL;
	ulong bus;
	bool ok;

	h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(24) | DMA_HEAP_REAL, 0, 0);
	if (translated && h != (d_handle_t)DMA_FAIL) {
		dev_info(&e->pdev->dev, "  %s: a 24-bit handle behind an IOMMU was made\n", name);
		D_MAP_CLEAR(h);
		goto out;
	}
	if (translated)
		h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(e->bits) | DMA_HEAP_REAL, 0, 0);
	ret = -ENOMEM;
	if (h == (d_handle_t)DMA_FAIL)
		goto out;
	p = D_ALLOC_DMAMEM(h, EDU_BUF_SIZE, 0);
	if (!p)
		goto clear;
	ret = dmamem_alloc_info(h, p, &info);
	if (ret)
		goto clear;
	ret = D_MAP_PAGE(h, 0, p, &bus, xmem_global);
	if (ret)
		goto clear;
	dev_info(&e->pdev->dev, "  %s: real heap memory at %pa, bus %#lx, ceiling %#llx\n",
		 name, &info.phys, bus, ceiling);
	ok = edu_bus_ok(e, bus, info.phys) && bus + EDU_BUF_SIZE - 1 <= ceiling;
	if (translated)
		ok = ok && info.phys >= SZ_16M;
	else
		ok = ok && info.phys + EDU_BUF_SIZE - 1 <= ceiling;
	ret = ok ? 0 : -ERANGE;
	D_UNMAP_PAGE(h, &bus);
clear:
	if (p)
		D_FREE_DMAMEM(h, p, EDU_BUF_SIZE);
	D_MAP_CLEAR(h);
out:
	edu_outcome(e, name, 0, 0, ret);
}

/* The cases of the DMA paths, on a DMA_CONTIGUOUS handle of one heap. */
static void edu_paths(struct edu *e, int heap_flags, const char *heap,
		      const char * const names[5])
{
	d_handle_t h;
	int i;

	h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(e->bits) | DMA_CONTIGUOUS | heap_flags, 0, 0);
	if (h == (d_handle_t)DMA_FAIL) {
		dev_info(&e->pdev->dev, "%s heap: no contiguous handle\n", heap);
		for (i = 0; i < 5; i++)
			edu_outcome(e, names[i], 0, 0, -ENOMEM);
		return;
	}
	dev_info(&e->pdev->dev, "handle %u, %s heap, contiguous: the DMA path cases\n",
		 h->id, heap);
	edu_ring_read(e, h, names[0]);
	edu_page_sync(e, h, names[1]);
	edu_neighbour(e, h, names[2]);
	edu_contig_list(e, h, names[3]);
	edu_bus_addr(e, h, names[4]);
	D_MAP_CLEAR(h);
}

static const char * const edu_pinned_paths[5] = {
	"pinned_ring_read", "pinned_page_sync", "pinned_neighbour",
	"pinned_contig_list", "pinned_bus_addr",
};

static const char * const edu_real_paths[5] = {
	"real_ring_read", "real_page_sync", "real_neighbour",
	"real_contig_list", "real_bus_addr",
};

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
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(e->bits));
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
	if (dma_bits < EDU_DMA_BITS || dma_bits > 64)
		return -EINVAL;
	e->bits = dma_bits;
	ret = edu_setup(pdev, e);
	if (ret)
		return ret;
	pci_set_drvdata(pdev, e);

	dev_info(&pdev->dev, "edu: DMA engine of %d bits, a %u-bit mask, bid %#x\n",
		 EDU_DMA_BITS, e->bits, e->bid);
	h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(e->bits), 0, 0);
	if (h != (d_handle_t)DMA_FAIL) {
		dev_info(&pdev->dev, "D_MAP_ENABLE: %s\n",
			 D_MAP_ENABLE(h) == DMA_SUCC ? "bus mastering on" : "failed");
		D_MAP_CLEAR(h);
	}
	edu_heaps_report(e, "before");
	edu_heap(e, DMA_HEAP_PINNED, "pinned", "pinned_page", "pinned_list");
	edu_heap(e, DMA_HEAP_REAL | DMA_CONTIGUOUS, "real", "real_page", "real_list");
	edu_paths(e, DMA_HEAP_PINNED, "pinned", edu_pinned_paths);
	edu_paths(e, DMA_HEAP_REAL, "real", edu_real_paths);
	edu_ceiling(e, "ceiling");
	if (edu_translated(e))
		edu_pages_list(e, "pages_list");
	edu_heaps_report(e, "after");
	edu_ktap(e);
	ret = edu_raw_add(e);
	if (ret)
		dev_warn(&pdev->dev, "no raw I/O device: %d\n", ret);
	return 0;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu *e = pci_get_drvdata(pdev);

	edu_raw_remove(e);
	edu_teardown(pdev, e);
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
