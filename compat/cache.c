// SPDX-License-Identifier: GPL-2.0
/*
 * The AIX cache services, for drivers ported to Linux: d_align() and
 * d_roundup() size buffers in whole cache lines; vm_cflush(), d_cflush()
 * and d_bflush() are what AIX drivers call so that what the processor
 * wrote reaches memory, or what an I/O bridge buffered reaches it.
 *
 * On Linux a driver does not flush caches for DMA: the DMA API does, when
 * memory is mapped for a device and at each sync, and dmamem's mapping
 * services stand on it (d_map_page(), d_map_list(), D_SYNC_MEM()).  No
 * interface lets a module write a range of the caches back on every
 * architecture, and the DMA API's part needs a device and a mapping, which
 * these services are not given.  So the flushes do what holds everywhere:
 * a full memory barrier, which orders the processor's earlier accesses
 * before its later ones (the write that starts the device among them), and
 * is all a cache-coherent platform needs (x86, POWER, most arm64 servers).
 * For a device that is not cache-coherent, D_SYNC_MEM() is the flush.
 *
 * Locking: none; nothing is kept.  Any context.
 */
#include <linux/cache.h>
#include <linux/dma-mapping.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <aix/sys/dma.h>

/**
 * d_align() - log2 of the largest processor cache line
 *
 * The largest of the line the kernel was built for (L1_CACHE_BYTES), the
 * line it found the processor to have (cache_line_size()), and the
 * alignment the DMA API asks of memory shared with a device that is not
 * cache-coherent (dma_get_cache_alignment()), rounded up to a power of
 * two.  A buffer aligned to 1 << d_align() and padded with d_roundup()
 * shares no cache line with anything else.  Any context.
 *
 * Return: the log2 of that size in bytes.
 */
int d_align(void)
{
	unsigned int line = max3((unsigned int)L1_CACHE_BYTES,
				 (unsigned int)cache_line_size(),
				 (unsigned int)dma_get_cache_alignment());

	return order_base_2(line);
}
EXPORT_SYMBOL(d_align);

/**
 * d_roundup() - round a length up to whole cache lines
 * @length: bytes, 0 or more
 *
 * Lines are 1 << d_align() bytes.  Any context.
 *
 * Return: @length rounded up to a multiple of the line (0 stays 0), or -1
 * when @length is negative or the result would not fit an int.  -1 is
 * never a rounded length.
 */
int d_roundup(int length)
{
	int line = 1 << d_align();

	if (length < 0 || length > INT_MAX - (line - 1))
		return -1;
	return round_up(length, line);
}
EXPORT_SYMBOL(d_roundup);

/**
 * vm_cflush() - make the processor's writes to a range reach memory
 * @eaddr: kernel address of the range's first byte
 * @nbytes: bytes in the range; 0 or less does nothing
 *
 * A full memory barrier: every access the processor made before it is
 * ordered before every access after it, which on a cache-coherent platform
 * is what makes the writes to [@eaddr, @eaddr + @nbytes) visible to a
 * device started afterwards.  No cache line is written back: for a device
 * that is not cache-coherent, sync the memory's mapping with D_SYNC_MEM()
 * (or map it after writing it).  The range is not touched, so any address
 * will do.  Any context.
 */
void vm_cflush(caddr_t eaddr, int nbytes)
{
	if (nbytes <= 0)
		return;
	/* the writes before the call, before whatever starts the device */
	mb();
}
EXPORT_SYMBOL(vm_cflush);

/**
 * d_cflush() - make the processor's writes to a DMA buffer reach memory
 * @channel_id: the DMA channel the buffer is mapped on; not used
 * @baddr: kernel address of the buffer
 * @count: bytes in the buffer; 0 does nothing
 * @daddr: the buffer's bus address; not used
 *
 * As vm_cflush(): a full memory barrier.  On AIX it also invalidated the
 * I/O bridge's buffers for the channel, of which a Linux platform has none
 * a driver reaches.  Any context.
 *
 * Return: 0.
 */
int d_cflush(int channel_id, caddr_t baddr, size_t count, caddr_t daddr)
{
	if (count)
		mb();	/* as vm_cflush()'s */
	return 0;
}
EXPORT_SYMBOL(d_cflush);

/**
 * d_bflush() - make what the I/O bridge buffered for a channel reach memory
 * @channel_id: the DMA channel; not used
 * @buid: the bus's identifier; not used
 * @daddr: a bus address on the channel; not used
 *
 * A full memory barrier, so that the processor reads what the device
 * wrote only after what it did before the call.  A device's writes reach
 * memory before the interrupt or status the driver learns of them from,
 * as the PCI ordering rules and the DMA API require; for a device that is
 * not cache-coherent, sync the mapping with D_SYNC_MEM() before reading.
 * Any context.
 *
 * Return: 0.
 */
int d_bflush(int channel_id, vmhandle_t buid, char *daddr)
{
	/* the accesses before the call, before the reads of the buffer after */
	mb();
	return 0;
}
EXPORT_SYMBOL(d_bflush);
