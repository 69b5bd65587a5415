// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem demo: a client driver written only against <sys/dma.h>, as a
 * ported AIX driver would be.  On load it describes four adapters, asks
 * each for memory, and reports where the memory landed and whether every
 * constraint holds, then shows misuse being refused and d_map_clear()
 * reclaiming what a handle still held.
 */
#define pr_fmt(fmt) "dmamem_demo: " fmt

#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <sys/dma.h>

struct demo_adapter {
	const char *what;
	int flags;
	uint channel;
	size_t size;
	int align;
};

static const struct demo_adapter demo_adapters[] = {
	{ "ISA slave, channel 5 (24-bit, 128K wrap)", DMA_SLAVE, 5, 16 * 1024, 12 },
	{ "28-bit engine, contiguous, 64K boundary",
	  DMA_ADDRESS_BITS(28) | DMA_CONTIGUOUS | DMA_BOUNDARY(16), 0, 40000, 16 },
	{ "32-bit PCI master (AIX default)", DMA_MASTER, 0, 1024 * 1024, 12 },
	{ "64-bit PCI master, contiguous", DMA_ADDRESS_64_BIT | DMA_CONTIGUOUS, 0,
	  3 * 4096 + 17, 13 },
};

/* Real heap memory is one physically contiguous run; pinned pages are walked. */
static phys_addr_t demo_phys(void *p, size_t off, const struct dmamem_alloc_info *ai)
{
	if (ai->heap == DMAMEM_HEAP_REAL)
		return ai->phys + off;
	if (is_vmalloc_addr(p + off))
		return PFN_PHYS(vmalloc_to_pfn(p + off)) + offset_in_page(p + off);
	return virt_to_phys(p + off);
}

/* Walk the buffer page by page; report its span and check the rules. */
static bool demo_report(const struct demo_adapter *ad, void *p,
			const struct dmamem_handle_info *info,
			const struct dmamem_alloc_info *ai)
{
	phys_addr_t first = demo_phys(p, 0, ai), last = demo_phys(p, ad->size - 1, ai);
	phys_addr_t lo = first, hi = first, ph;
	bool contiguous = true, ok;
	size_t off;

	for (off = PAGE_SIZE - offset_in_page(p); off < ad->size; off += PAGE_SIZE) {
		ph = demo_phys(p, off, ai);
		contiguous &= ph == first + off;
		lo = min(lo, ph);
		hi = max(hi, ph);
	}
	hi = max(hi, last);
	ok = hi <= info->dma_mask &&
	     IS_ALIGNED(first, 1ULL << ad->align) &&
	     (!info->contiguous || contiguous) &&
	     (!info->boundary || contiguous ||
	      !((first ^ last) & ~(info->boundary - 1))) &&
	     !memchr_inv(p, 0, ad->size);

	pr_info("  %zu bytes, align 2^%d, %s heap: phys %pa..%pa, %s, zeroed: %s\n",
		ad->size, ad->align,
		ai->heap == DMAMEM_HEAP_REAL ? "real" : "pinned", &lo, &hi,
		contiguous ? "physically contiguous" : "separate pages",
		memchr_inv(p, 0, ad->size) ? "no" : "yes");
	pr_info("  every byte below %#llx, aligned, %s: %s\n",
		info->dma_mask,
		info->boundary ? "inside its boundary window" : "no boundary",
		ok ? "YES" : "NO");
	return ok;
}

static int demo_adapter(const struct demo_adapter *ad)
{
	struct dmamem_handle_info info;
	struct dmamem_alloc_info ai;
	d_handle_t h;
	bool ok;
	void *p;

	h = D_MAP_INIT(0, ad->flags, 0, ad->channel);
	if (h == (d_handle_t)DMA_FAIL) {
		pr_err("%s: d_map_init refused\n", ad->what);
		return -EINVAL;
	}
	dmamem_handle_info(h, &info);
	pr_info("handle %u: %s: flags %#x, ceiling %#llx, boundary %llu, %s\n",
		h->id, ad->what, h->flags, info.dma_mask, info.boundary,
		info.contiguous ? "contiguous" : "pages may be separate");

	p = D_ALLOC_DMAMEM(h, ad->size, ad->align);
	if (!p) {
		pr_err("  d_alloc_dmamem(%zu, %d) failed\n", ad->size, ad->align);
		D_MAP_CLEAR(h);
		return -ENOMEM;
	}
	ok = !dmamem_alloc_info(h, p, &ai) && demo_report(ad, p, &info, &ai);
	memset(p, 0xa5, ad->size);	/* the adapter's data would go here */
	pr_info("  d_free_dmamem: %d\n", D_FREE_DMAMEM(h, p, ad->size));
	D_MAP_CLEAR(h);
	return ok ? 0 : -EIO;
}

/* Misuse is refused and changes nothing; clear reclaims the rest. */
static void demo_misuse(void)
{
	d_handle_t h = D_MAP_INIT(0, DMA_MASTER, 0, 0);
	struct dmamem_heap_info heap;
	int size, interior, null, once, twice;
	void *a, *b, *zero;

	if (h == (d_handle_t)DMA_FAIL)
		return;
	a = D_ALLOC_DMAMEM(h, 4096, 12);
	b = D_ALLOC_DMAMEM(h, 100, 0);
	size = D_FREE_DMAMEM(h, a, 4095);
	interior = D_FREE_DMAMEM(h, a + 8, 4088);
	null = D_FREE_DMAMEM(NULL, a, 4096);
	zero = D_ALLOC_DMAMEM(h, 0, 0);
	pr_info("misuse: wrong size %d, interior address %d, NULL handle %d, size 0 %s\n",
		size, interior, null, zero ? "allocated" : "refused");
	once = D_FREE_DMAMEM(h, a, 4096);
	twice = D_FREE_DMAMEM(h, a, 4096);
	pr_info("misuse: free %d, then double free %d\n", once, twice);
	pr_info("d_map_clear with one buffer (%p) still outstanding:\n", b);
	D_MAP_CLEAR(h);
	dmamem_heap_info(DMAMEM_HEAP_PINNED, &heap);
	pr_info("pinned heap now holds %lu allocations, %zu bytes\n",
		heap.allocations, heap.held);
}

static int __init demo_init(void)
{
	unsigned int i, good = 0;

	for (i = 0; i < ARRAY_SIZE(demo_adapters); i++)
		good += demo_adapter(&demo_adapters[i]) == 0;
	demo_misuse();
	pr_info("%u of %zu adapters got memory meeting every constraint\n",
		good, ARRAY_SIZE(demo_adapters));
	return 0;
}

static void __exit demo_exit(void)
{
}

module_init(demo_init);
module_exit(demo_exit);

MODULE_DESCRIPTION("dmamem demo: a client driver using <sys/dma.h>");
MODULE_LICENSE("GPL");
