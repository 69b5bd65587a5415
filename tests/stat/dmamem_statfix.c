// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem_statfix: holds known handles and allocations while loaded, for
 * tests/vm/stat.sh to find in what dmamemstat(8) shows:
 *
 *   mapper "statfix-real", DMA_HEAP_REAL: 4 MiB and 64 KiB, after a
 *	256 KiB allocation freed again, so its peak is above what it holds;
 *	then one refused free of an interior address;
 *   mapper "statfix-pinned", DMA_HEAP_PINNED: three allocations of 8 KiB.
 *
 * Everything is given back on unload.
 */
#include <linux/module.h>
#include <linux/sizes.h>
#include <sys/dma.h>

static d_handle_t statfix_real, statfix_pinned;
static void *statfix_big, *statfix_small, *statfix_pages[3];

static d_handle_t statfix_handle(const char *name, int flags)
{
	d_info_t info = { .di_flags = flags };
	d_handle_t h;

	strscpy(info.di_mapper_name, name, sizeof(info.di_mapper_name));
	if (d_map_init_ext(&info, sizeof(info), &h))
		return NULL;
	return h;
}

static int statfix_hold(void)
{
	void *transient;
	unsigned int i;

	statfix_real = statfix_handle("statfix-real", DMA_HEAP_REAL);
	statfix_pinned = statfix_handle("statfix-pinned", DMA_HEAP_PINNED);
	if (!statfix_real || !statfix_pinned)
		return -ENODEV;
	transient = d_alloc_dmamem(statfix_real, SZ_256K, 12);
	statfix_big = d_alloc_dmamem(statfix_real, SZ_4M, 12);
	statfix_small = d_alloc_dmamem(statfix_real, SZ_64K, 12);
	if (!transient || !statfix_big || !statfix_small)
		return -ENOMEM;
	if (d_free_dmamem(statfix_real, transient, SZ_256K))
		return -EINVAL;
	/* refused, and counted as a free of an interior address */
	if (!d_free_dmamem(statfix_real, statfix_big + PAGE_SIZE, SZ_4M))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(statfix_pages); i++) {
		statfix_pages[i] = d_alloc_dmamem(statfix_pinned, SZ_8K, 12);
		if (!statfix_pages[i])
			return -ENOMEM;
	}
	return 0;
}

static void statfix_release(void)
{
	/* d_map_clear() reclaims whatever is still held */
	if (statfix_real)
		d_map_clear(statfix_real);
	if (statfix_pinned)
		d_map_clear(statfix_pinned);
}

static int __init statfix_init(void)
{
	int ret = statfix_hold();

	if (ret) {
		pr_err("dmamem_statfix: could not set up its handles (%d)\n",
		       ret);
		statfix_release();
		return ret;
	}
	pr_info("dmamem_statfix: holding statfix-real and statfix-pinned\n");
	return 0;
}

static void __exit statfix_exit(void)
{
	unsigned int i;

	d_free_dmamem(statfix_real, statfix_big, SZ_4M);
	d_free_dmamem(statfix_real, statfix_small, SZ_64K);
	for (i = 0; i < ARRAY_SIZE(statfix_pages); i++)
		d_free_dmamem(statfix_pinned, statfix_pages[i], SZ_8K);
	statfix_release();
}

module_init(statfix_init);
module_exit(statfix_exit);

MODULE_DESCRIPTION("dmamem test fixture: known handles and allocations for dmamemstat");
MODULE_LICENSE("GPL");
