// SPDX-License-Identifier: GPL-2.0
/*
 * The handles file of dmamem/ in debugfs: one record per live handle, in
 * the "key: value" style of the memory side's files (dmamem/debugfs.c),
 * records separated by a blank line.  dmamem(4) documents every key.
 *
 * Each record is a snapshot of one handle, read with a reference held and
 * its owner's counters under the owner's lock; the file is not a snapshot
 * of every handle at one instant.
 *
 * Locking: none of its own.
 */
#include <linux/device.h>
#include <linux/init.h>
#include <linux/seq_file.h>
#include "dhandle.h"
#include "mapping.h"
#include "../dmamem/debugfs.h"

static const char *dm_heap_flag(const struct dm_constraints *c)
{
	if (c->heap == DMA_HEAP_PINNED)
		return "pinned";
	if (c->heap == DMA_HEAP_REAL)
		return "real";
	return "any";
}

/* One handle's record; @dh is referenced. */
static void dm_handle_show(struct seq_file *m, struct dm_handle *dh)
{
	struct dmamem_handle_info info = { 0 };
	size_t peak = atomic_long_read(&dh->mem.peak);

	dm_mem_count(&dh->mem, &info);
	if (m->count)
		seq_putc(m, '\n');
	seq_printf(m, "handle: %u\nbid: %#x\nflags: %#x\n", dh->pub.id,
		   dh->pub.bid, dh->pub.flags);
	seq_printf(m, "device: %s\nmapper: %s\nowner: %s\n",
		   dh->dev ? dev_name(dh->dev) : "-",
		   dh->name[0] ? dh->name : "-",
		   dh->owner[0] ? dh->owner : "-");
	seq_printf(m, "dma_mask: %#llx\nboundary: %llu\ncontiguous: %d\nno_zero_addr: %d\nheap: %s\n",
		   dh->c.dma_mask, dh->c.boundary, dh->c.contiguous,
		   dh->c.no_zero_addr, dm_heap_flag(&dh->c));
	seq_printf(m, "allocations: %lu\nbytes: %zu\nheld: %zu\npeak: %zu\nmappings: %lu\n",
		   info.allocations, info.bytes, info.held, peak,
		   dm_maps_count(dh));
}

static int handles_show(struct seq_file *m, void *unused)
{
	unsigned int id = 0;
	struct dm_handle *dh;

	while ((dh = dm_registry_next(id))) {
		dm_handle_show(m, dh);
		id = dh->pub.id;
		dm_handle_put(dh);
	}
	return 0;
}

static const struct dm_debugfs_file dm_handles_file = {
	"handles", handles_show
};

/**
 * dm_handles_debugfs_init() - add the handles file to dmamem/ in debugfs
 *
 * After dm_debugfs_init(); the file goes with the directory.
 */
void __init dm_handles_debugfs_init(void)
{
	dm_debugfs_add(&dm_handles_file);
}
