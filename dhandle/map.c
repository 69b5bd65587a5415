// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_page() and d_unmap_page(): one transfer of at most a page, given
 * a bus address for the handle's device.  Errors are negative errnos up
 * to here and become AIX's return codes only at these functions.
 *
 * Locking: none of its own; see maps.c.  Any context, as on AIX.  Both
 * run under dm_fast_enter() with no reference on the handle (see
 * dm_handle_clear()): a mapping costs the handle's lookup, the DMA API's
 * call and a record kept in a bucket of the handle's table, which a
 * driver mapping and unmapping on every I/O reuses.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include "dhandle.h"
#include "mapping.h"

/**
 * dm_map_code() - the AIX return code for a failure to map
 * @err: the negative errno
 *
 * Return: DMA_SUCC for 0; DMA_NOACC for memory that cannot be mapped at
 * all (-EFAULT, -ERANGE, -EXDEV); DMA_NORES for a shortage (-ENOMEM);
 * DMA_DIOFULL for a full bus list (-ENOSPC); DMA_FAIL otherwise.
 */
int dm_map_code(int err)
{
	switch (err) {
	case 0:
		return DMA_SUCC;
	case -EFAULT:
	case -ERANGE:
	case -EXDEV:
	case -EOPNOTSUPP:
		return DMA_NOACC;
	case -ENOMEM:
		return DMA_NORES;
	case -ENOSPC:
		return DMA_DIOFULL;
	}
	return DMA_FAIL;
}

/**
 * dm_map_why() - a sentence for a failure to map, for the log
 * @err: the negative errno
 *
 * Return: the sentence.
 */
const char *dm_map_why(int err)
{
	switch (err) {
	case -EFAULT:
		return "not kernel memory dmamem can map";
	case -ERANGE:
		return "the bus address would break the handle's ceiling";
	case -EXDEV:
		return "not contiguous on the bus, as DMA_CONTIGUOUS requires";
	case -EOPNOTSUPP:
		return "real heap memory without struct pages, for a device not direct";
	case -ENOMEM:
		return "out of mapping resources";
	case -ESTALE:
		return "the handle is being cleared";
	case -EADDRNOTAVAIL:
		return "busaddr is not a pointer to a bus address";
	}
	return "invalid arguments";
}

/*
 * Read a driver's busaddr argument without faulting: AIX drivers have
 * passed the bus address itself where a pointer to it belongs, which
 * their platform never dereferenced.
 */
static bool dm_busaddr_read(const ulong *busaddr, ulong *bus)
{
	return busaddr && !copy_from_kernel_nofault(bus, busaddr, sizeof(*bus));
}

static int dm_map_page(struct dm_handle *dh, int flags, caddr_t baddr,
		       ulong *busaddr, struct xmem *xmp)
{
	enum dma_data_direction dir = dm_map_dir(flags);
	struct dm_seg seg = {};
	ulong was;
	int ret;

	if (flags & ~DM_SERVICE_FLAGS)
		return -EINVAL;
	if (!dm_busaddr_read(busaddr, &was))
		return -EADDRNOTAVAIL;
	if (!(flags & BUS_DMA) && !dm_xmem_known(xmp))
		return -EFAULT;
	ret = dm_seg_map(dh, baddr, PAGE_SIZE - offset_in_page(baddr), flags,
			 xmp, dir, &seg);
	if (ret)
		return ret;
	ret = dm_maps_add_page(dh, &seg, dir);
	if (ret) {
		dm_seg_unmap_unused(dh, &seg, dir);
		return ret;
	}
	*busaddr = seg.bus;
	return 0;
}

/**
 * d_map_page() - map one transfer of at most a page for DMA
 * @handle: a live handle
 * @flags: DMA_READ for device to memory, none for memory to device;
 *	BUS_DMA when @baddr is a bus address; DMA_BYPASS, DMA_WRITE_ONLY
 * @baddr: kernel virtual address of the transfer's first byte; the
 *	transfer must end in the same page
 * @busaddr: receives the bus address of @baddr
 * @xmp: xmem_global (or a descriptor of XMEM_GLOBAL) for kernel memory;
 *	for a process's buffer, the descriptor xmattach() filled in
 *
 * The rest of the page from @baddr on is mapped, through the DMA API of
 * the handle's device; without a device the bus address is the physical
 * address.  The mapping lives until d_unmap_page() or d_map_clear().
 * Any context.
 *
 * Return: DMA_SUCC; DMA_NOACC (nothing mapped: not kernel memory or an
 * attached buffer, the device would write a buffer attached read-only,
 * or the bus address would lie above the handle's ceiling); DMA_NORES (nothing
 * mapped: out of mapping resources, try again later); DMA_FAIL (invalid
 * handle or flags, or @busaddr not a kernel pointer: read without
 * faulting first).
 */
int d_map_page(d_handle_t handle, int flags, caddr_t baddr, ulong *busaddr,
	       struct xmem *xmp)
{
	struct dm_handle *dh;
	int ret = -EINVAL;	/* not a live handle: DMA_FAIL, logged */

	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, __func__);
	if (likely(dh)) {
		ret = dm_map_page(dh, flags, baddr, busaddr, xmp);
		if (unlikely(ret))
			pr_warn_ratelimited("handle %u: %s(flags %#x, %p): %s\n",
					    dh->pub.id, __func__, flags, baddr,
					    dm_map_why(ret));
	}
	dm_fast_exit();
	return dm_map_code(ret);
}
EXPORT_SYMBOL(d_map_page);

/**
 * d_unmap_page() - undo a d_map_page()
 * @handle: the handle the page was mapped with
 * @busaddr: where the bus address d_map_page() returned is stored
 *
 * A bus address with no live mapping is logged and otherwise ignored, and
 * so is a @busaddr that is not a kernel pointer (read without faulting:
 * a driver passing the bus address itself gets a log line, not an oops).
 * Any context.
 */
void d_unmap_page(d_handle_t handle, ulong *busaddr)
{
	enum dma_data_direction dir;
	struct dm_handle *dh;
	struct dm_seg seg;
	ulong bus;

	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, __func__);
	if (unlikely(!dh))
		goto out;
	if (unlikely(!dm_busaddr_read(busaddr, &bus)))
		pr_warn_ratelimited("handle %u: %s(%p): %s\n", dh->pub.id,
				    __func__, busaddr, dm_map_why(-EADDRNOTAVAIL));
	else if (likely(dm_maps_take_page(dh, bus, &seg, &dir)))
		dm_seg_unmap(dh, &seg, dir);
	else
		pr_warn_ratelimited("handle %u: %s(%#lx): not mapped\n",
				    dh->pub.id, __func__, bus);
out:
	dm_fast_exit();
}
EXPORT_SYMBOL(d_unmap_page);
