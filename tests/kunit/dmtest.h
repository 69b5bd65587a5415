/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by dmamem's KUnit suites.  Physical addresses are found by
 * walking the kernel's own mappings, never from dmamem's bookkeeping, so
 * the checks test the memory itself.
 */
#ifndef _DMAMEM_DMTEST_H
#define _DMAMEM_DMTEST_H

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/kmsg_dump.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <dmamem/dmamem.h>
#include "../../compat/kunit.h"

/**
 * struct dmt_want - what one allocation must satisfy
 * @mask: highest physical address any byte may have
 * @align: log2 alignment of the first byte (physical and virtual)
 * @contiguous: physically contiguous
 * @boundary: window no byte range may cross, 0 for none
 */
struct dmt_want {
	u64 mask;
	unsigned int align;
	bool contiguous;
	u64 boundary;
};

/**
 * struct dmt_counters - what the heaps and the pools hold, for baselines
 * @pinned: dmamem_heap_info() of the pinned heap
 * @real: dmamem_heap_info() of the real heap
 * @pool: dmamem_pool_info()
 */
struct dmt_counters {
	struct dmamem_heap_info pinned;
	struct dmamem_heap_info real;
	struct dmamem_pool_info pool;
};

phys_addr_t dmt_phys(void *p);
struct page *dmt_pages_above(struct kunit *test, phys_addr_t last,
			     unsigned int order);
bool dmt_misplaced(void *p, size_t size, const struct dmt_want *want,
		   char *why, size_t len);
void dmt_counters_read(struct kunit *test, struct dmt_counters *c);
bool dmt_counters_differ(const struct dmt_counters *a,
			 const struct dmt_counters *b);
void dmt_expect_counters(struct kunit *test, const struct dmt_counters *was,
			 const char *what);
struct page **dmt_hold_pages(struct kunit *test, void *p, size_t size);
void dmt_expect_released(struct kunit *test, struct page **pages, size_t size);
void dmt_check_alloc(struct kunit *test, void *p, size_t size,
		     const struct dmt_want *want);
void dmt_heap_snapshot(struct kunit *test, struct dmamem_heap_info *info);
void dmt_expect_heap(struct kunit *test, const struct dmamem_heap_info *was);
void dmt_expect_handle(struct kunit *test, d_handle_t h,
		       unsigned long allocations, size_t bytes);
d_handle_t dmt_handle(struct kunit *test, int flags);
struct device *dmt_device(struct kunit *test, unsigned int bits);
d_handle_t dmt_bound_handle(struct kunit *test, struct device *dev, int flags);
void dmt_check_bus_list(struct kunit *test, const struct dio *virt,
			const struct dio *bus, size_t max_len, u64 window);
void dmt_log_mark(struct kunit *test, struct kmsg_dump_iter *mark);
bool dmt_log_has(const struct kmsg_dump_iter *mark, const char *text);

/*
 * d_alloc_dmamem(9): a request of at most half a page, aligned to at most
 * half a page, is a block of a sub-page pool and shares its page.
 */
static inline bool dmt_pooled(size_t size, unsigned int align)
{
	return size <= PAGE_SIZE / 2 && align < PAGE_SHIFT;
}

#endif /* _DMAMEM_DMTEST_H */
