// SPDX-License-Identifier: GPL-2.0
/*
 * D_MAP_PAGE() and D_UNMAP_PAGE() with a 32-bit bus address destination.
 * Drivers written for AIX's 32-bit kernel keep bus addresses in uint or
 * int fields, where d_map_page() writes a ulong; the macros of
 * <sys/dma.h> send such a destination here.  A handle whose flags let a
 * bus address need more than 32 bits is refused outright: its addresses
 * would fit until the day one did not.
 *
 * The destination is read with copy_from_kernel_nofault() before anything
 * is mapped or stored, so a pointer that is not one gets a log line
 * rather than an oops.
 *
 * Locking: none of its own; the services it calls do theirs.  Any
 * context, as those services.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/uaccess.h>
#include <aix/sys/dma.h>

/* Whether a handle made with these flags can give bus addresses above 4 GiB. */
static bool dm_ceiling_above_32(int flags)
{
	unsigned int bits = (flags & DMA_ADDRESS_BITS_MASK) >>
			    DMA_ADDRESS_BITS_SHIFT;

	if (!bits)
		bits = (flags & DMA_ADDRESS_64_BIT) ? 64 : 32;
	return bits > 32;
}

/**
 * dmamem_map_page32() - d_map_page() into a 32-bit bus address
 * @handle: a live handle whose bus addresses fit 32 bits
 * @flags: as d_map_page()'s
 * @baddr: as d_map_page()'s
 * @busaddr: receives the bus address, a uint or an int
 * @xmp: as d_map_page()'s
 *
 * What D_MAP_PAGE() calls for a uint * or int * destination; not to be
 * called by name.  The handle's d_map_page() maps into a ulong, which is
 * stored in *@busaddr.  A handle made with DMA_ADDRESS_64_BIT, or with
 * DMA_ADDRESS_BITS() above 32, is refused, and so is a destination that
 * cannot be read, or a bus address above 32 bits (a BUS_DMA address,
 * which is not translated): nothing is left mapped, and *@busaddr is
 * unchanged.  Any context.
 *
 * Return: what d_map_page() returns, or DMA_FAIL (with a log line) for a
 * refusal.
 */
int dmamem_map_page32(d_handle_t handle, int flags, caddr_t baddr,
		      u32 *busaddr, struct xmem *xmp)
{
	const char *why;
	ulong bus;
	u32 low;
	int ret;

	if (!busaddr)	/* refused there, in its words */
		return handle->d_map_page(handle, flags, baddr, NULL, xmp);
	why = "the handle's bus addresses may need more than 32 bits";
	if (dm_ceiling_above_32(handle->flags))
		goto refuse;
	why = "the destination is not a pointer to one";
	if (copy_from_kernel_nofault(&low, busaddr, sizeof(low)))
		goto refuse;
	ret = handle->d_map_page(handle, flags, baddr, &bus, xmp);
	if (ret != DMA_SUCC)
		return ret;
	low = bus;
	if (low == bus) {
		*busaddr = low;
		return DMA_SUCC;
	}
	why = "the bus address needs more than 32 bits";
	if (handle->d_unmap_page)
		handle->d_unmap_page(handle, &bus);
refuse:
	pr_warn_ratelimited("handle %u: D_MAP_PAGE(flags %#x, %p) into a 32-bit bus address: %s\n",
			    handle->id, flags, baddr, why);
	return DMA_FAIL;
}
EXPORT_SYMBOL(dmamem_map_page32);

/**
 * dmamem_unmap_page32() - d_unmap_page() of a 32-bit bus address
 * @handle: the handle the page was mapped with
 * @busaddr: the uint or int dmamem_map_page32() stored the bus address in
 *
 * What D_UNMAP_PAGE() calls for a uint * or int * destination; not to be
 * called by name.  *@busaddr is read as an unsigned 32-bit value, widened
 * to a ulong and handed to the handle's d_unmap_page().  A @busaddr that
 * cannot be read is logged and otherwise ignored.  Any context.
 */
void dmamem_unmap_page32(d_handle_t handle, u32 *busaddr)
{
	ulong bus;
	u32 low;

	if (!handle->d_unmap_page)
		return;
	if (!busaddr || copy_from_kernel_nofault(&low, busaddr, sizeof(low))) {
		pr_warn_ratelimited("handle %u: D_UNMAP_PAGE(%p): not a pointer to a bus address\n",
				    handle->id, busaddr);
		return;
	}
	bus = low;
	handle->d_unmap_page(handle, &bus);
}
EXPORT_SYMBOL(dmamem_unmap_page32);
