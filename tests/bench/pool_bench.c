// SPDX-License-Identifier: GPL-2.0
/*
 * make bench: dmamem's sub-page block pools against the kernel's dma_pool,
 * on the six configurations of the kernel's own mm/dmapool_test.c, in one
 * boot.
 *
 * As dmapool_test does, each configuration (block size, alignment,
 * boundary) allocates clamp(PAGE_SIZE / size * 512, 1024, 8192) blocks and
 * frees them all, for a number of rounds.  dma_pool gets a pool made for
 * the configuration on a device with a 64-bit DMA mask; dmamem gets a
 * 64-bit handle with the boundary, and asks d_alloc_dmamem() for the size
 * with log2 of the alignment: the whole service, handle checks and
 * zeroing included, against dma_pool_alloc() and dma_pool_free() (which
 * zero too when init_on_alloc is on, as on Debian).  The two alternate,
 * BENCH_REPS times each, and each keeps its best time: the host's other
 * load only ever adds time.
 *
 * Memory is measured with every block live, after dmamem_pool_trim() (so
 * that no earlier configuration's spare pages count): the distinct pages
 * under the blocks, plus bookkeeping kept outside them.  dmamem's comes from
 * dmamem_pool_info() (plus a struct dm_alloc per allocation outside the
 * pools, its maple tree nodes not counted).  dma_pool's is one
 * struct dma_page per page, 40 bytes in a 64-byte kmalloc() slot in the
 * 6.1 kernel this runs on; its free list lives inside the blocks.
 *
 * Lines: "pool_bench: size S align A boundary B blocks N: ..." with the
 * nanoseconds per alloc+free pair of each, their ratio (dmamem / dma_pool,
 * below 1 is faster), and the bytes of memory used per byte requested.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <dmamem/dmamem.h>
#include "../../dmamem/heap.h"
#include "benchdev.h"

#define BENCH_ROUNDS	4	/* alloc-all, free-all rounds per timing */
#define BENCH_REPS	10	/* timings of each, alternating; best kept */
#define DMA_POOL_PAGE_META	64	/* struct dma_page in kmalloc-64, 6.1 */

/* The configurations of mm/dmapool_test.c. */
static const struct bench_parms {
	size_t size;
	size_t align;
	size_t boundary;
} bench_parms[] = {
	{ 16, 16, 0 },
	{ 64, 64, 0 },
	{ 256, 256, 0 },
	{ 1024, 1024, 0 },
	{ 4096, 4096, 0 },
	{ 68, 32, 4096 },
};

struct bench_block {
	void *v;
	dma_addr_t dma;
};

struct bench_run {
	const struct bench_parms *parms;
	struct bench_block *b;
	unsigned int blocks;
	struct dma_pool *pool;
	d_handle_t h;
};

static unsigned int bench_nr_blocks(size_t size)
{
	return clamp_t(unsigned int, (PAGE_SIZE / size) * 512, 1024, 8192);
}

static int bench_pool_fill(struct bench_run *r)
{
	unsigned int i;

	for (i = 0; i < r->blocks; i++) {
		r->b[i].v = dma_pool_alloc(r->pool, GFP_KERNEL, &r->b[i].dma);
		if (!r->b[i].v)
			goto fail;
	}
	return 0;
fail:
	while (i--)
		dma_pool_free(r->pool, r->b[i].v, r->b[i].dma);
	return -ENOMEM;
}

static void bench_pool_empty(struct bench_run *r)
{
	unsigned int i;

	for (i = 0; i < r->blocks; i++)
		dma_pool_free(r->pool, r->b[i].v, r->b[i].dma);
}

static int bench_dmamem_fill(struct bench_run *r)
{
	unsigned int align = ilog2(r->parms->align), i;

	for (i = 0; i < r->blocks; i++) {
		r->b[i].v = d_alloc_dmamem(r->h, r->parms->size, align);
		if (!r->b[i].v)
			goto fail;
	}
	return 0;
fail:
	while (i--)
		d_free_dmamem(r->h, r->b[i].v, r->parms->size);
	return -ENOMEM;
}

static void bench_dmamem_empty(struct bench_run *r)
{
	unsigned int i;

	for (i = 0; i < r->blocks; i++)
		if (d_free_dmamem(r->h, r->b[i].v, r->parms->size))
			pr_err("d_free_dmamem refused block %u\n", i);
}

struct bench_side {
	const char *name;
	int (*fill)(struct bench_run *r);
	void (*empty)(struct bench_run *r);
};

static const struct bench_side bench_pool = {
	"dma_pool", bench_pool_fill, bench_pool_empty
};

static const struct bench_side bench_dmamem = {
	"dmamem", bench_dmamem_fill, bench_dmamem_empty
};

/* Nanoseconds for BENCH_ROUNDS rounds, or a negative errno. */
static s64 bench_time(struct bench_run *r, const struct bench_side *s)
{
	ktime_t start = ktime_get();
	unsigned int round;
	int ret;

	for (round = 0; round < BENCH_ROUNDS; round++) {
		ret = s->fill(r);
		if (ret)
			return ret;
		s->empty(r);
		cond_resched();
	}
	return ktime_to_ns(ktime_sub(ktime_get(), start));
}

static int bench_cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* Distinct pages under the live blocks. */
static unsigned long bench_pages(struct bench_run *r)
{
	unsigned long *pfn, n = 0;
	unsigned int i;

	pfn = kvmalloc_array(r->blocks, sizeof(*pfn), GFP_KERNEL);
	if (!pfn)
		return 0;
	for (i = 0; i < r->blocks; i++)
		pfn[i] = (unsigned long)r->b[i].v >> PAGE_SHIFT;
	sort(pfn, r->blocks, sizeof(*pfn), bench_cmp_ulong, NULL);
	for (i = 0; i < r->blocks; i++)
		if (!i || pfn[i] != pfn[i - 1])
			n++;
	kvfree(pfn);
	return n;
}

/* Bytes of memory per 1000 bytes requested, with every block live. */
static u64 bench_memory(struct bench_run *r, const struct bench_side *s)
{
	struct dmamem_pool_info info;
	u64 used, asked = (u64)r->blocks * r->parms->size;
	unsigned long pages;

	/* only this configuration's pages: no other's spare ones */
	dmamem_pool_trim();
	if (s->fill(r))
		return 0;
	pages = bench_pages(r);
	used = (u64)pages * PAGE_SIZE;
	if (s == &bench_pool) {
		used += pages * DMA_POOL_PAGE_META;
	} else if (!dmamem_pool_info(&info) && info.blocks) {
		used += info.overhead;
	} else {
		used += (u64)r->blocks *
			kmalloc_size_roundup(sizeof(struct dm_alloc));
	}
	s->empty(r);
	return div64_u64(used * 1000, asked);
}

static s64 bench_best(struct bench_run *r, const struct bench_side *s,
		      s64 best)
{
	s64 t = bench_time(r, s);

	if (t < 0)
		return t;
	return best <= 0 || t < best ? t : best;
}

static int bench_one(struct bench_run *r)
{
	const struct bench_parms *p = r->parms;
	s64 tp = 0, td = 0;
	u64 pairs = (u64)BENCH_ROUNDS * r->blocks, mp, md;
	unsigned int rep;

	/* warm both up: pages taken once, caches filled */
	if (bench_time(r, &bench_pool) < 0 || bench_time(r, &bench_dmamem) < 0)
		return -ENOMEM;
	for (rep = 0; rep < BENCH_REPS; rep++) {
		tp = bench_best(r, &bench_pool, tp);
		td = bench_best(r, &bench_dmamem, td);
		if (tp < 0 || td < 0)
			return -ENOMEM;
	}
	mp = bench_memory(r, &bench_pool);
	md = bench_memory(r, &bench_dmamem);
	pr_info("size %zu align %zu boundary %zu blocks %u: dma_pool %llu ns/pair, dmamem %llu ns/pair, ratio %llu.%02llu; memory per byte asked: dma_pool %llu.%03llu, dmamem %llu.%03llu\n",
		p->size, p->align, p->boundary, r->blocks,
		div64_u64(tp, pairs), div64_u64(td, pairs),
		div64_u64(td * 100, tp) / 100, div64_u64(td * 100, tp) % 100,
		mp / 1000, mp % 1000, md / 1000, md % 1000);
	return 0;
}

static int bench_config(const struct bench_parms *p)
{
	int flags = DMA_ADDRESS_64_BIT;
	struct bench_run r = {
		.parms = p,
		.blocks = bench_nr_blocks(p->size),
	};
	int ret = -ENOMEM;

	if (p->boundary)
		flags |= DMA_BOUNDARY(ilog2(p->boundary));
	r.b = kvcalloc(r.blocks, sizeof(*r.b), GFP_KERNEL);
	r.pool = dma_pool_create("pool_bench", &bench_dev, p->size, p->align,
				 p->boundary);
	r.h = d_map_init(0, flags, 0, 0);
	if (r.b && r.pool && r.h != (d_handle_t)DMA_FAIL)
		ret = bench_one(&r);
	if (ret)
		pr_err("size %zu align %zu boundary %zu: could not run (%d)\n",
		       p->size, p->align, p->boundary, ret);
	if (r.h != (d_handle_t)DMA_FAIL)
		d_map_clear(r.h);
	dma_pool_destroy(r.pool);
	kvfree(r.b);
	return ret;
}

static int __init pool_bench_init(void)
{
	unsigned int i;
	int ret;

	ret = bench_dev_register("pool_bench");
	if (ret)
		return ret;
	pr_info("dmamem pools against dma_pool, %u rounds of alloc-all then free-all, best of %u\n",
		BENCH_ROUNDS, BENCH_REPS);
	for (i = 0; i < ARRAY_SIZE(bench_parms); i++)
		bench_config(&bench_parms[i]);
	device_unregister(&bench_dev);
	return 0;
}

static void __exit pool_bench_exit(void)
{
}

module_init(pool_bench_init);
module_exit(pool_bench_exit);

MODULE_DESCRIPTION("dmamem benchmark: sub-page block pools against dma_pool");
MODULE_LICENSE("GPL");
