// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by dmamem's KUnit suites.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/kmsg_dump.h>
#include <linux/module.h>
#include "dmtest.h"

/**
 * dmt_phys() - physical address of the byte at @p, from the page tables
 * @p: a kernel address: linear map, vmalloc space, or a memremap()ping
 *
 * On x86 the page tables are walked whatever the mapping size (memremap()
 * of a reserved range uses large pages).
 *
 * Return: the physical address.
 */
phys_addr_t dmt_phys(void *p)
{
#ifdef CONFIG_X86
	return slow_virt_to_phys(p);
#else
	if (is_vmalloc_addr(p))
		return PFN_PHYS(vmalloc_to_pfn(p)) + offset_in_page(p);
	return virt_to_phys(p);
#endif
}

/**
 * dmt_pages_above() - zeroed pages that lie above an address
 * @test: the running test, failed when no such pages come
 * @last: a physical address the pages must start above
 * @order: log2 of the pages wanted
 *
 * The guest has 6 GiB, and the page allocator gives high memory first,
 * so the first try nearly always does.
 *
 * Return: 2^@order pages, all above @last, to give back with
 * __free_pages().
 */
struct page *dmt_pages_above(struct kunit *test, phys_addr_t last,
			     unsigned int order)
{
	struct page *tried[16], *high = NULL;
	unsigned int i, n;

	for (n = 0; n < ARRAY_SIZE(tried) && !high; n++) {
		tried[n] = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
		KUNIT_ASSERT_NOT_NULL(test, tried[n]);
		if (page_to_phys(tried[n]) > last)
			high = tried[n];
	}
	for (i = 0; i < n; i++) {
		if (tried[i] != high)
			__free_pages(tried[i], order);
	}
	KUNIT_ASSERT_NOT_NULL_MSG(test, high, "no pages above %pa", &last);
	return high;
}

/**
 * dmt_hold_pages() - take a reference on every page behind a buffer
 * @test: the running test
 * @p: a buffer from d_alloc_dmamem(), in pinned-heap pages
 * @size: its size
 *
 * With the extra reference, the pages cannot be handed to anyone else
 * when dmamem frees them, so dmt_expect_released() can tell exactly
 * whether dmamem let go of each one.
 *
 * Return: the pages, one per page of the buffer.
 */
struct page **dmt_hold_pages(struct kunit *test, void *p, size_t size)
{
	size_t i, n = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct page **pages;

	pages = kunit_kcalloc(test, n, sizeof(*pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (i = 0; i < n; i++) {
		pages[i] = pfn_to_page(PHYS_PFN(dmt_phys(p + i * PAGE_SIZE)));
		get_page(pages[i]);
	}
	return pages;
}

/**
 * dmt_expect_released() - dmamem dropped every page; drop ours too
 * @test: the running test
 * @pages: from dmt_hold_pages()
 * @size: the buffer's size
 */
void dmt_expect_released(struct kunit *test, struct page **pages, size_t size)
{
	size_t i, n = PAGE_ALIGN(size) >> PAGE_SHIFT;
	unsigned int kept = 0;

	dmamem_pool_trim();	/* a pool's spare pages go back too */
	for (i = 0; i < n; i++) {
		if (page_ref_count(pages[i]) != 1)
			kept++;
		put_page(pages[i]);
	}
	KUNIT_EXPECT_EQ_MSG(test, kept, 0U, "pages still held after free");
}

static bool dmt_crosses(u64 first, u64 len, u64 boundary)
{
	return boundary && ((first ^ (first + len - 1)) & ~(boundary - 1));
}

/**
 * dmt_misplaced() - why an allocation breaks its constraints, if it does
 * @p: what d_alloc_dmamem() returned, not NULL
 * @size: the size asked for
 * @want: the constraints the handle carries and the alignment asked for
 * @why: receives a sentence naming the first bad byte
 * @len: room in @why
 *
 * Checks the alignment of the first byte (physical and virtual), and the
 * physical address of every page: ceiling, contiguity, boundary.  Safe
 * to call from any thread, with no test at hand.
 *
 * Return: true if a constraint is broken, and @why says which.
 */
bool dmt_misplaced(void *p, size_t size, const struct dmt_want *want,
		   char *why, size_t len)
{
	u64 align = 1ULL << want->align;
	phys_addr_t first = dmt_phys(p);
	size_t off, n;
	u64 phys;

	if ((u64)first & (align - 1)) {
		snprintf(why, len, "phys %pa not aligned to 2^%u", &first, want->align);
		return true;
	}
	if ((u64)(unsigned long)p & (align - 1)) {
		snprintf(why, len, "vaddr %p not aligned to 2^%u", p, want->align);
		return true;
	}
	for (off = 0; off < size; off += n) {
		n = min_t(size_t, size - off, PAGE_SIZE - offset_in_page(p + off));
		phys = dmt_phys(p + off);
		if (phys + n - 1 > want->mask) {
			snprintf(why, len, "byte %zu at phys %#llx above ceiling %#llx",
				 off, phys + n - 1, want->mask);
			return true;
		}
		if (want->contiguous && phys != first + off) {
			snprintf(why, len, "byte %zu at phys %#llx, not contiguous with %pa",
				 off, phys, &first);
			return true;
		}
		if (!want->contiguous && dmt_crosses(phys, n, want->boundary)) {
			snprintf(why, len, "page at phys %#llx crosses the boundary", phys);
			return true;
		}
	}
	if (want->contiguous && dmt_crosses(first, size, want->boundary)) {
		snprintf(why, len, "[%pa, +%zu) crosses a %llu-byte boundary",
			 &first, size, want->boundary);
		return true;
	}
	return false;
}

/**
 * dmt_check_alloc() - check every page of an allocation against @want
 * @test: the running test
 * @p: what d_alloc_dmamem() returned, not NULL
 * @size: the size asked for
 * @want: the constraints the handle carries and the alignment asked for
 *
 * Checks the physical address of every page (ceiling, contiguity,
 * boundary), the alignment of the first byte, that every byte reads zero,
 * and that every byte can be written.  Reports only the first bad page.
 */
void dmt_check_alloc(struct kunit *test, void *p, size_t size,
		     const struct dmt_want *want)
{
	char why[128];

	if (dmt_misplaced(p, size, want, why, sizeof(why)))
		KUNIT_FAIL(test, "%s", why);
	KUNIT_EXPECT_PTR_EQ_MSG(test, memchr_inv(p, 0, size), NULL,
				"memory handed out is not zeroed");
	memset(p, 0xa5, size);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(p, 0xa5, size), NULL);
}

/**
 * dmt_counters_read() - what every heap and the pools hold
 * @test: the running test
 * @c: filled in
 */
void dmt_counters_read(struct kunit *test, struct dmt_counters *c)
{
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_PINNED, &c->pinned), 0);
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_REAL, &c->real), 0);
	KUNIT_ASSERT_EQ(test, dmamem_pool_info(&c->pool), 0);
}

/**
 * dmt_counters_differ() - whether two readings of the counters differ
 * @a: one reading
 * @b: the other
 *
 * Return: true if any counter differs.
 */
bool dmt_counters_differ(const struct dmt_counters *a,
			 const struct dmt_counters *b)
{
	return a->pinned.allocations != b->pinned.allocations ||
	       a->pinned.held != b->pinned.held ||
	       a->real.allocations != b->real.allocations ||
	       a->real.held != b->real.held ||
	       a->pool.pages != b->pool.pages ||
	       a->pool.blocks != b->pool.blocks ||
	       a->pool.bytes != b->pool.bytes ||
	       a->pool.held != b->pool.held ||
	       a->pool.overhead != b->pool.overhead;
}

/**
 * dmt_expect_counters() - every heap and the pools hold what they held
 * @test: the running test
 * @was: an earlier dmt_counters_read()
 * @what: what happened in between, for the message
 */
void dmt_expect_counters(struct kunit *test, const struct dmt_counters *was,
			 const char *what)
{
	struct dmt_counters now;

	dmt_counters_read(test, &now);
	KUNIT_EXPECT_FALSE_MSG(test, dmt_counters_differ(&now, was),
			       "after %s: pinned %lu/%zu real %lu/%zu pool %lu/%lu/%zu/%zu/%zu, were pinned %lu/%zu real %lu/%zu pool %lu/%lu/%zu/%zu/%zu",
			       what, now.pinned.allocations, now.pinned.held,
			       now.real.allocations, now.real.held,
			       now.pool.pages, now.pool.blocks, now.pool.bytes,
			       now.pool.held, now.pool.overhead,
			       was->pinned.allocations, was->pinned.held,
			       was->real.allocations, was->real.held,
			       was->pool.pages, was->pool.blocks, was->pool.bytes,
			       was->pool.held, was->pool.overhead);
}

/**
 * dmt_heap_snapshot() - read what the pinned heap holds
 * @test: the running test
 * @info: filled in
 */
void dmt_heap_snapshot(struct kunit *test, struct dmamem_heap_info *info)
{
	dmamem_pool_trim();
	KUNIT_ASSERT_EQ(test, dmamem_heap_info(DMAMEM_HEAP_PINNED, info), 0);
}

/**
 * dmt_expect_heap() - the pinned heap holds what it held before
 * @test: the running test
 * @was: an earlier dmt_heap_snapshot()
 */
void dmt_expect_heap(struct kunit *test, const struct dmamem_heap_info *was)
{
	struct dmamem_heap_info now;

	dmt_heap_snapshot(test, &now);
	KUNIT_EXPECT_EQ(test, now.allocations, was->allocations);
	KUNIT_EXPECT_EQ(test, now.held, was->held);
}

/**
 * dmt_expect_handle() - a handle holds exactly this much
 * @test: the running test
 * @h: a live handle
 * @allocations: live allocations expected
 * @bytes: bytes requested by them
 */
void dmt_expect_handle(struct kunit *test, d_handle_t h,
		       unsigned long allocations, size_t bytes)
{
	struct dmamem_handle_info info;

	KUNIT_ASSERT_EQ(test, dmamem_handle_info(h, &info), 0);
	KUNIT_EXPECT_EQ(test, info.allocations, allocations);
	KUNIT_EXPECT_EQ(test, info.bytes, bytes);
	if (!allocations)
		KUNIT_EXPECT_EQ(test, info.held, (size_t)0);
}

/**
 * dmt_handle() - a handle for a test, which the test clears itself
 * @test: the running test
 * @flags: d_map_init() flags
 *
 * Return: the handle; the test stops if d_map_init() refuses.
 */
d_handle_t dmt_handle(struct kunit *test, int flags)
{
	d_handle_t h = d_map_init(0, flags, 0, 0);

	KUNIT_ASSERT_TRUE_MSG(test, h != (d_handle_t)DMA_FAIL,
			      "d_map_init(flags %#x) refused", flags);
	return h;
}

static atomic_t dmt_devices = ATOMIC_INIT(0);

static void dmt_device_release(struct device *dev)
{
	kfree(dev);
}

static int dmt_device_init(struct kunit_resource *res, void *context)
{
	unsigned int bits = *(unsigned int *)context;
	struct device *dev;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	device_initialize(dev);
	dev->release = dmt_device_release;
	dev->dma_mask = &dev->coherent_dma_mask;
	if (dev_set_name(dev, "dmamem_test%d", atomic_inc_return(&dmt_devices)) ||
	    dma_set_mask_and_coherent(dev, DMA_BIT_MASK(bits))) {
		put_device(dev);
		return -EIO;
	}
	res->data = dev;
	return 0;
}

static void dmt_device_free(struct kunit_resource *res)
{
	put_device(res->data);
}

/**
 * dmt_device() - a device that can do DMA, gone when the test ends
 * @test: the running test
 * @bits: the width of its DMA mask
 *
 * A device on no bus and not registered, which is all the DMA API needs:
 * its DMA goes through the kernel's direct mapping, with the bounce
 * buffer for memory it cannot reach.
 *
 * Return: the device; the test stops if it cannot be made.
 */
struct device *dmt_device(struct kunit *test, unsigned int bits)
{
	struct device *dev;

	dev = kunit_alloc_resource(test, dmt_device_init, dmt_device_free,
				   GFP_KERNEL, &bits);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	return dev;
}

/**
 * dmt_bound_handle() - a handle bound to a device
 * @test: the running test
 * @dev: the device
 * @flags: d_map_init() flags
 *
 * The device's bid is given back at once: the handle keeps the device.
 *
 * Return: the handle; the test stops if d_map_init() refuses.
 */
d_handle_t dmt_bound_handle(struct kunit *test, struct device *dev, int flags)
{
	int bid = dmamem_device_bid(dev);
	d_handle_t h;

	KUNIT_ASSERT_NE(test, bid, DMA_FAIL);
	h = d_map_init(bid, flags, 0, 0);
	KUNIT_EXPECT_EQ(test, dmamem_bid_release(bid), 0);
	KUNIT_ASSERT_TRUE_MSG(test, h != (d_handle_t)DMA_FAIL,
			      "d_map_init(bid %#x, flags %#x) refused", bid, flags);
	return h;
}

/* The bus address of byte @off of a bus list, or ~0 past its end. */
static u64 dmt_bus_at(const struct dio *bus, size_t off)
{
	long i;

	for (i = 0; i < bus->used_iovecs; i++) {
		if (off < bus->dvec[i].iov_len)
			return (u64)(unsigned long)bus->dvec[i].iov_base + off;
		off -= bus->dvec[i].iov_len;
	}
	return ~0ULL;
}

/**
 * dmt_check_bus_list() - a bus list is the buffers' memory, merged fully
 * @test: the running test
 * @virt: the buffers that were mapped
 * @bus: what d_map_list() made of them, covering bus->bytes_done bytes
 * @max_len: the longest range allowed
 * @window: the window no range may cross, 0 for none
 *
 * For a mapping without an IOMMU or bounce buffer: byte for byte, the bus
 * address is the physical address found from the page tables.  The
 * ranges add up to bytes_done, none is longer than @max_len or crosses a
 * window, and no two neighbours could have been one.
 */
void dmt_check_bus_list(struct kunit *test, const struct dio *virt,
			const struct dio *bus, size_t max_len, u64 window)
{
	size_t at = 0, off, len, sum = 0, done = bus->bytes_done;
	const struct d_iovec *b;
	u64 end, phys;
	void *p;
	long i;

	for (i = 0; i < virt->used_iovecs && at < done; i++) {
		for (off = 0; off < virt->dvec[i].iov_len && at < done;
		     off += len, at += len) {
			p = virt->dvec[i].iov_base + off;
			len = min3(virt->dvec[i].iov_len - off,
				   PAGE_SIZE - offset_in_page(p), done - at);
			phys = dmt_phys(p);
			KUNIT_EXPECT_EQ_MSG(test, dmt_bus_at(bus, at), phys,
					    "entry %ld, byte %zu", i, off);
			KUNIT_EXPECT_EQ_MSG(test, dmt_bus_at(bus, at + len - 1),
					    phys + len - 1, "entry %ld, byte %zu",
					    i, off + len - 1);
		}
	}
	for (i = 0; i < bus->used_iovecs; i++) {
		b = &bus->dvec[i];
		end = (u64)(unsigned long)b->iov_base + b->iov_len;
		sum += b->iov_len;
		KUNIT_EXPECT_GT(test, b->iov_len, 0L);
		KUNIT_EXPECT_LE(test, (size_t)b->iov_len, max_len);
		KUNIT_EXPECT_PTR_EQ(test, (void *)b->xmp, NULL);
		if (window)
			KUNIT_EXPECT_EQ_MSG(test, (u64)(unsigned long)b->iov_base / window,
					    (end - 1) / window,
					    "range %ld crosses a window", i);
		if (i + 1 < bus->used_iovecs &&
		    end == (u64)(unsigned long)b[1].iov_base &&
		    (!window || end % window))
			KUNIT_EXPECT_EQ_MSG(test, (size_t)b->iov_len, max_len,
					    "ranges %ld and %ld should be one", i, i + 1);
	}
	KUNIT_EXPECT_EQ(test, sum, done);
}

/**
 * dmt_log_mark() - note where the kernel log ends, for dmt_log_has()
 * @test: the running test, skipped when the kernel keeps no log
 * @mark: receives the place
 */
void dmt_log_mark(struct kunit *test, struct kmsg_dump_iter *mark)
{
	if (!IS_ENABLED(CONFIG_PRINTK))
		kunit_skip(test, "no kernel log to read (CONFIG_PRINTK is off)");
	kmsg_dump_rewind(mark);
	while (kmsg_dump_get_line(mark, false, NULL, 0, NULL))
		;
}

/**
 * dmt_log_has() - whether a line logged after @mark holds @text
 * @mark: from dmt_log_mark()
 * @text: the text, e.g. a whole message with its "dmamem: " prefix
 *
 * The log's own prefix (the time stamp) is not part of the match.
 *
 * Return: true when a line does.
 */
bool dmt_log_has(const struct kmsg_dump_iter *mark, const char *text)
{
	struct kmsg_dump_iter iter = *mark;
	char line[256];
	size_t len;

	while (kmsg_dump_get_line(&iter, false, line, sizeof(line) - 1, &len)) {
		line[min(len, sizeof(line) - 1)] = '\0';
		if (strstr(line, text))
			return true;
	}
	return false;
}

MODULE_DESCRIPTION("dmamem KUnit suites");
MODULE_LICENSE("GPL");
