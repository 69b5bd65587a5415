// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem's statistics in debugfs, under dmamem/: read-only files in the
 * kernel's "key: value" style, one record per heap, reserved range piece
 * or handle, records separated by a blank line.  dmamem(4) documents every
 * file and key; dmamemstat(8) reads them.
 *
 *   heaps     per heap: live allocations, bytes held, refusals by reason;
 *             for the real heap also its size, free bytes and the largest
 *             free block of each address class
 *   failures  refused d_alloc_dmamem() and d_free_dmamem() calls by reason
 *   ranges    per piece of a reserved range: base, size, address class,
 *             free, used, largest free block, live allocations
 *   extents   per piece of a reserved range: every free run
 *   pools     the sub-page block pools (dmamem_pool_info())
 *   handles   per live handle: ids, device, mapper name, owning module,
 *             constraints, live allocations and bytes, peak bytes; added
 *             by the handle side (dhandle/debugfs.c)
 *
 * Every figure is a counter the allocator keeps for itself, read under the
 * lock that guards it; a file is a snapshot of each record, not of the
 * whole service at one instant.  Without debugfs (CONFIG_DEBUG_FS=n, or
 * debugfs refused the directory) the module loads and works without the
 * files.
 *
 * Locking: none of its own.  Each file's reader takes the locks of what it
 * shows: dm_real_lock, the pools' locks; for handles, a reference and the
 * owner's lock per handle.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include "arena.h"
#include "debugfs.h"
#include "heap.h"
#include "pool.h"
#include "stats.h"

static struct dentry *dm_debugfs_dir;

static void dm_show_refusals(struct seq_file *m, enum dmamem_heap heap)
{
	unsigned int why;

	for (why = 0; why < DM_NR_REFUSED; why++)
		seq_printf(m, "refused_%s: %lu\n", dm_refusal_names[why],
			   dm_stat_refusals(heap, why));
}

/* The real heap's figures summed over its pieces. */
struct dm_real_sum {
	unsigned long pieces;
	unsigned int ranges;
	u64 size;
	u64 free;
	u64 largest[3];		/* 24, 32 and 64-bit classes */
};

static unsigned int dm_class_index(unsigned int bits)
{
	return bits == 24 ? 0 : bits == 32 ? 1 : 2;
}

static int dm_real_add(const struct dm_real_piece_info *pi, void *arg)
{
	struct dm_real_sum *sum = arg;
	unsigned int c = dm_class_index(pi->bits);

	sum->pieces++;
	sum->ranges = pi->range + 1;
	sum->size += pi->size;
	sum->free += pi->free;
	sum->largest[c] = max(sum->largest[c], pi->largest);
	return 0;
}

static int heaps_show(struct seq_file *m, void *unused)
{
	struct dm_real_sum sum = { 0 };
	struct dmamem_heap_info info;

	dmamem_heap_info(DMAMEM_HEAP_PINNED, &info);
	seq_puts(m, "heap: pinned\n");
	seq_printf(m, "allocations: %lu\nheld: %zu\n", info.allocations,
		   info.held);
	dm_show_refusals(m, DMAMEM_HEAP_PINNED);

	dmamem_heap_info(DMAMEM_HEAP_REAL, &info);
	dm_real_walk(dm_real_add, &sum);
	seq_puts(m, "\nheap: real\n");
	seq_printf(m, "allocations: %lu\nheld: %zu\n", info.allocations,
		   info.held);
	dm_show_refusals(m, DMAMEM_HEAP_REAL);
	seq_printf(m, "ranges: %u\npieces: %lu\nsize: %llu\nfree: %llu\n",
		   sum.ranges, sum.pieces, sum.size, sum.free);
	seq_printf(m, "largest_free_24: %llu\nlargest_free_32: %llu\nlargest_free_64: %llu\n",
		   sum.largest[0], sum.largest[1], sum.largest[2]);
	return 0;
}

static int failures_show(struct seq_file *m, void *unused)
{
	unsigned int why;

	for (why = 0; why < DM_NR_AFAIL; why++)
		seq_printf(m, "alloc_%s: %lu\n", dm_alloc_fail_names[why],
			   dm_stat_alloc_fails(why));
	for (why = 0; why < DM_NR_FFAIL; why++)
		seq_printf(m, "free_%s: %lu\n", dm_free_fail_names[why],
			   dm_stat_free_fails(why));
	return 0;
}

/* The first lines of a piece's record, in both ranges and extents. */
static void dm_show_piece(struct seq_file *m,
			  const struct dm_real_piece_info *pi)
{
	if (m->count)
		seq_putc(m, '\n');
	seq_printf(m, "range: %u\nbase: %#018llx\nsize: %llu\nclass: %u\n",
		   pi->range, (u64)pi->base, pi->size, pi->bits);
}

static int dm_range_show(const struct dm_real_piece_info *pi, void *arg)
{
	struct seq_file *m = arg;

	dm_show_piece(m, pi);
	seq_printf(m, "used: %llu\nfree: %llu\nlargest_free: %llu\n",
		   pi->size - pi->free, pi->free, pi->largest);
	seq_printf(m, "free_extents: %lu\nallocations: %lu\nrefused: %lu\n",
		   pi->extents, pi->allocations, pi->refused);
	return 0;
}

static int ranges_show(struct seq_file *m, void *unused)
{
	return dm_real_walk(dm_range_show, m);
}

/* Under the real heap's lock, which serialises the arenas. */
static int dm_extent_show(unsigned long first, unsigned long pages,
			  void *arg)
{
	seq_printf(arg, "extent: %#018llx %llu\n", (u64)PFN_PHYS(first),
		   (u64)PFN_PHYS((u64)pages));
	return 0;
}

static int dm_extents_show(const struct dm_real_piece_info *pi, void *arg)
{
	struct seq_file *m = arg;

	dm_show_piece(m, pi);
	return dm_arena_walk(pi->arena, dm_extent_show, m);
}

static int extents_show(struct seq_file *m, void *unused)
{
	return dm_real_walk(dm_extents_show, m);
}

static int pools_show(struct seq_file *m, void *unused)
{
	struct dmamem_pool_info info;

	dmamem_pool_info(&info);
	seq_printf(m, "pages: %lu\nspare: %lu\nblocks: %lu\nbytes: %zu\nheld: %zu\noverhead: %zu\n",
		   info.pages, info.spare, info.blocks, info.bytes, info.held,
		   info.overhead);
	return 0;
}

static const struct dm_debugfs_file dm_debugfs_files[] = {
	{ "heaps", heaps_show },
	{ "failures", failures_show },
	{ "ranges", ranges_show },
	{ "extents", extents_show },
	{ "pools", pools_show },
};

static int dm_debugfs_open(struct inode *inode, struct file *file)
{
	const struct dm_debugfs_file *f = inode->i_private;

	return single_open(file, f->show, NULL);
}

/*
 * read_iter and no read, so that kernel_read() reads the files too (the
 * KUnit suites do).  The files are created "unsafe": once open, a file
 * has these operations themselves rather than debugfs's proxy, whose
 * read kernel_read() refuses.  Nothing a file shows goes away before the
 * module, and an open file holds a reference on the module.
 */
static const struct file_operations dm_debugfs_fops = {
	.owner = THIS_MODULE,
	.open = dm_debugfs_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
};

/**
 * dm_debugfs_init() - create dmamem/ in debugfs
 *
 * Never fails: without debugfs the module works without its files.
 */
void __init dm_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	unsigned int i;

	if (IS_ERR(dir)) {
		pr_info("no debugfs: statistics files not created (%ld)\n",
			PTR_ERR(dir));
		return;
	}
	dm_debugfs_dir = dir;
	for (i = 0; i < ARRAY_SIZE(dm_debugfs_files); i++)
		dm_debugfs_add(&dm_debugfs_files[i]);
}

/**
 * dm_debugfs_add() - add a file to dmamem/ in debugfs
 * @f: the file's name and what shows it; must live as long as the module
 *
 * For what the memory side does not show itself (the handles).  Does
 * nothing without the directory.
 */
void dm_debugfs_add(const struct dm_debugfs_file *f)
{
	if (dm_debugfs_dir)
		debugfs_create_file_unsafe(f->name, 0444, dm_debugfs_dir,
					   (void *)f, &dm_debugfs_fops);
}

/**
 * dm_debugfs_exit() - remove dmamem/ from debugfs
 */
void dm_debugfs_exit(void)
{
	debugfs_remove(dm_debugfs_dir);
	dm_debugfs_dir = NULL;
}
