// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem_vendor: the services dmamem exports to every module, named by a
 * module whose licence is not the GPL, as a vendor's AIX adapter driver's
 * is.  It is built and linked by modpost, which refuses a module that is
 * not GPL-compatible naming a symbol exported with EXPORT_SYMBOL_GPL(), so
 * the build fails if any of these is; it is never loaded.  The list is
 * README's ("Which services every module may call"): the handle, mapping,
 * slave DMA, heap, pin and cache services, and the Linux calls their macros
 * expand to.
 *
 * (This file is GPL, as every file of dmamem; the module it builds says
 * otherwise on purpose.)
 */
#include <linux/module.h>
#include <sys/dma.h>
#include <sys/malloc.h>
#include <sys/pin.h>
#include <sys/uio.h>
#include <sys/vmuser.h>
#include <sys/xmem.h>

/* Every service, by address, kept (__used) so modpost sees each named. */
static const void *const vendor_services[] __used = {
	d_map_init, d_map_init_ext, dmamem_map_init, dmamem_map_init_ext,
	d_map_clear, d_map_enable, d_map_disable,
	d_map_page, d_unmap_page, dmamem_map_page32, dmamem_unmap_page32,
	d_map_list, d_unmap_list, d_sync_mem, d_map_slave, d_unmap_slave,
	dmamem_device_bid, dmamem_bid_release, dmamem_dio_init,
	xmalloc, xmfree, uiomove,
	d_align, d_roundup, d_cflush, d_bflush, vm_cflush, pin, unpin,
};

/* A driver's calls through the AIX macros, as it makes them. */
static int __init vendor_init(void)
{
	d_handle_t h = D_MAP_INIT(0, DMA_MASTER, 0, 0);
	void *cmd = xmalloc(64, 3, kernel_heap);
	struct dio virt, bus;
	ulong ba;
	uint ba32;
	int rc;

	if (h == (d_handle_t)DMA_FAIL || !cmd)
		return -ENOMEM;
	rc = D_MAP_PAGE(h, 0, cmd, &ba, xmem_global);
	if (rc == DMA_SUCC)
		D_UNMAP_PAGE(h, &ba);
	rc = D_MAP_PAGE(h, 0, cmd, &ba32, xmem_global);
	if (rc == DMA_SUCC)
		D_UNMAP_PAGE(h, &ba32);
	DIO_INIT(&virt, 1);
	DIO_INIT(&bus, 1);
	if (virt.total_iovecs && bus.total_iovecs) {
		virt.dvec[0].iov_base = cmd;
		virt.dvec[0].iov_len = 64;
		virt.dvec[0].xmp = xmem_global;
		virt.used_iovecs = 1;
		if (D_MAP_LIST(h, 0, 1, &virt, &bus) == DMA_SUCC) {
			D_SYNC_MEM(h, &bus);
			D_UNMAP_LIST(h, &bus);
		}
	}
	if (bus.total_iovecs)
		DIO_FREE(&bus);
	if (virt.total_iovecs)
		DIO_FREE(&virt);
	xmfree(cmd, kernel_heap);
	D_MAP_CLEAR(h);
	return 0;
}
module_init(vendor_init);

MODULE_DESCRIPTION("dmamem test: what a module that is not GPL may call");
MODULE_LICENSE("Proprietary");
