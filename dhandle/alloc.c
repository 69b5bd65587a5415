// SPDX-License-Identifier: GPL-2.0
/*
 * d_alloc_dmamem(), d_free_dmamem() and dmamem_alloc_info(): the AIX face
 * of the memory service.  Each finds the driver's handle and passes the
 * memory side's record of it (struct dm_owner) to dmamem/dmamem.c; the
 * negative errnos it gets back become AIX's NULL and -1 here.
 *
 * What it guarantees: a call with something that is not a live handle is
 * refused, logged and counted, and never dereferences it.  Blocks of the
 * sub-page pools are served and given back, when a page is at hand, under
 * dm_fast_enter() alone, with no reference taken on the handle; every
 * other path pins the handle first, so it outlives the call.
 *
 * Locking: none of its own.
 */
#include <linux/module.h>
#include "dhandle.h"
#include "../dmamem/fast.h"
#include "../dmamem/stats.h"

/**
 * d_alloc_dmamem() - allocate memory an adapter can reach by DMA
 * @handle: a live handle from d_map_init()
 * @size: bytes wanted, at least 1
 * @align: log2 of the byte boundary the memory starts on (12: 4096 bytes)
 *
 * Every byte of the memory meets the handle's constraints: below its
 * address ceiling, physically contiguous if it asked for that, and inside
 * one boundary window if it has one.  The memory is zeroed.  Process
 * context only.
 *
 * Return: the kernel virtual address of the memory, or NULL (with a log
 * line saying why) when the handle is not live, the arguments are invalid,
 * or no memory meets the constraints.
 */
void *d_alloc_dmamem(d_handle_t handle, size_t size, int align)
{
	struct dm_handle *dh;
	void *vaddr;

	might_sleep();
	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, "d_alloc_dmamem");
	vaddr = dh ? dm_mem_alloc_fast(&dh->mem, size, align) : NULL;
	if (vaddr || !dh || !dm_handle_hold(dh, "d_alloc_dmamem")) {
		dm_fast_exit();
		if (!vaddr) {
			dm_stat_alloc_fail(DM_AFAIL_HANDLE);
			trace_dmamem_alloc_fail(0, size, align,
						DM_AFAIL_HANDLE, -EINVAL);
		}
		return vaddr;
	}
	dm_fast_exit();
	vaddr = dm_mem_alloc(&dh->mem, size, align);
	dm_handle_put(dh);
	return IS_ERR(vaddr) ? NULL : vaddr;
}
EXPORT_SYMBOL_GPL(d_alloc_dmamem);

/**
 * d_free_dmamem() - free memory from d_alloc_dmamem()
 * @handle: the handle the memory was allocated with
 * @addr: exactly the address d_alloc_dmamem() returned
 * @size: exactly the size that was asked for
 *
 * Process context only.
 *
 * Return: 0, or -1 (with a log line saying which) when the handle is not
 * live, or @addr is not a live allocation of this handle (never allocated,
 * already freed, another handle's, an address inside an allocation), or
 * @size is not the size allocated.  Nothing changes on -1.
 */
int d_free_dmamem(d_handle_t handle, void *addr, size_t size)
{
	struct dm_handle *dh;
	unsigned int id = 0;
	int ret = -EINVAL;

	/* no might_sleep(): a block of a pool is freed without sleeping */
	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, "d_free_dmamem");
	if (likely(dh)) {
		id = dh->pub.id;	/* dh may be gone once the fast path is left */
		ret = dm_mem_free_fast(&dh->mem, addr, size);
		/* not a block: pin the handle, to sleep */
		if (ret == -ENXIO && !dm_handle_hold(dh, "d_free_dmamem"))
			ret = -ESTALE;
	}
	dm_fast_exit();
	if (!dh) {
		dm_stat_free_fail(DM_FFAIL_HANDLE);
		trace_dmamem_free_fail(0, size, DM_FFAIL_HANDLE);
		return -1;
	}
	if (ret == -ENXIO) {
		ret = dm_mem_free(&dh->mem, addr, size);
		dm_handle_put(dh);
	}
	if (ret) {
		dm_stat_free_fail(dm_free_fail_of(ret));
		trace_dmamem_free_fail(id, size, dm_free_fail_of(ret));
	}
	return ret ? -1 : 0;
}
EXPORT_SYMBOL_GPL(d_free_dmamem);

/**
 * dmamem_alloc_info() - where an allocation lies
 * @handle: the handle it was allocated with
 * @addr: exactly the address d_alloc_dmamem() returned
 * @info: filled in on success
 *
 * Linux departure.
 *
 * Return: 0, or -EINVAL when @handle is not live, @info is NULL, or @addr
 * is not a live allocation of @handle.
 */
int dmamem_alloc_info(d_handle_t handle, void *addr,
		      struct dmamem_alloc_info *info)
{
	struct dm_handle *dh;
	int ret;

	if (!info)
		return -EINVAL;
	dh = dm_handle_get(handle, "dmamem_alloc_info");
	if (!dh)
		return -EINVAL;
	ret = dm_mem_describe(&dh->mem, addr, info);
	dm_handle_put(dh);
	return ret ? -EINVAL : 0;
}
EXPORT_SYMBOL_GPL(dmamem_alloc_info);
