// SPDX-License-Identifier: GPL-2.0
/*
 * rmalloc() and rmfree(): AIX's real_heap, physically contiguous memory
 * below 16 MiB, for drivers ported to Linux.  Served by dmamem's real
 * heap, from reserved ranges below 16 MiB (memmap=SIZE$BASE with BASE
 * under 16 MiB, named to dmamem with real_heap=); with none, rmalloc()
 * returns NULL, as AIX does where it has no real_heap.
 *
 * Locking: none of its own; see track.c and the real heap.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <aix/sys/malloc.h>
#include "shims.h"
#include "track.h"
#include "../dhandle/constraints.h"
#include "../dmamem/heap.h"

/* The real heap's tag in the record of what the shims handed out. */
static const char dm_rm_tag;

/*
 * The real heap alone, through the policy, which asks it again once the
 * pools have given back their spare pages of it.
 */
static const struct dm_constraints dm_rm_constraints = {
	.dma_mask = DMA_BIT_MASK(24),
	.phys_mask = DMA_BIT_MASK(24),
	.contiguous = true,
	.heap = DMA_HEAP_REAL,
};

static void dm_rm_put(void *addr, unsigned long priv)
{
	struct dm_alloc *a = (struct dm_alloc *)priv;

	dm_real_free(a);
	kfree(a);
}

/**
 * rmalloc() - allocate physically contiguous memory below 16 MiB
 * @size: bytes wanted, at least 1; whole pages are held
 * @align: log2 of the byte boundary the memory starts on (4: 16 bytes)
 *
 * The memory comes from dmamem's real heap, is zeroed, and is mapped in
 * kernel virtual space.  Process context only.
 *
 * Return: the address, or NULL (with a log line) when an argument is
 * invalid or no reserved range below 16 MiB has room.
 */
caddr_t rmalloc(int size, int align)
{
	struct dm_alloc *a;
	const char *why = "out of memory";
	int ret = -ENOMEM;

	might_sleep();
	if (size <= 0 || align < 0) {
		why = "invalid size or alignment";
		ret = -EINVAL;
		goto fail;
	}
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		goto fail;
	a->size = size;
	ret = dm_policy_alloc(NULL, &dm_rm_constraints, size, align, a, &why);
	if (ret) {
		kfree(a);
		goto fail;
	}
	ret = dm_track_add(a->vaddr, &dm_rm_tag, size, (unsigned long)a);
	if (ret) {
		why = "out of memory";
		dm_rm_put(NULL, (unsigned long)a);
		goto fail;
	}
	return a->vaddr;

fail:
	pr_warn_ratelimited("%s(%d, %d): %s (%d)\n", __func__, size, align, why, ret);
	return NULL;
}
EXPORT_SYMBOL_GPL(rmalloc);

/**
 * rmfree() - free memory from rmalloc()
 * @pointer: exactly the address rmalloc() returned
 * @size: exactly the size it was asked for with
 *
 * Process context only.
 *
 * Return: 0, or -1 (with a log line, and nothing freed) when @pointer is
 * not a live allocation of rmalloc() or @size is not its size.
 */
int rmfree(caddr_t pointer, int size)
{
	unsigned long priv;
	int ret = -EINVAL;

	might_sleep();
	if (size > 0)
		ret = dm_track_take(pointer, &dm_rm_tag, size, &priv);
	if (ret) {
		pr_warn_ratelimited("%s(%p, %d): %s\n", __func__, pointer, size,
				    ret == -EINVAL ? "not the size allocated" :
						     "not allocated by rmalloc (or already freed)");
		return -1;
	}
	dm_rm_put(pointer, priv);
	return 0;
}
EXPORT_SYMBOL_GPL(rmfree);

/**
 * dm_rm_exit() - free what rmalloc() still holds, at unload
 *
 * Runs before the real heap gives its ranges back.
 */
void dm_rm_exit(void)
{
	unsigned long n = dm_track_drain(&dm_rm_tag, dm_rm_put);

	if (n)
		pr_warn("rmalloc: %lu allocation%s still live at unload: freed\n",
			n, n == 1 ? "" : "s");
}
