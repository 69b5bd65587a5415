// SPDX-License-Identifier: GPL-2.0
/*
 * The ISA system DMA controller through the kernel's ISA DMA API: a
 * channel is reserved with request_dma() for the life of a DMA_SLAVE
 * handle, and each transfer is programmed and read back under the API's
 * own lock, claim_dma_lock(), as the API requires: the controller's
 * byte-pointer flip-flop is shared by all channels.
 *
 * Addresses and counts are in bytes here; the API converts them to words
 * for channels 5-7.  The caller keeps a transfer inside one 64 KiB (0-3)
 * or 128 KiB (5-7) window below 16 MiB, since the page register does not
 * carry.
 *
 * Locking: claim_dma_lock() (the kernel's dma_spin_lock, irqsave), a
 * leaf taken under a slave handle's lock (dhandle/slave.c).  Any context.
 */
#include <linux/spinlock.h>
#include <asm/dma.h>
#include "isadma.h"

/**
 * dm_isa_claim() - reserve a channel for a handle
 * @chan: the channel, 0-3 or 5-7
 * @name: who holds it, as /proc/dma shows; must outlive the reservation
 *
 * Return: 0, or -EBUSY when another driver holds it (or it is the
 * cascade).
 */
int dm_isa_claim(unsigned int chan, const char *name)
{
	return request_dma(chan, name);
}

/**
 * dm_isa_release() - give back a channel dm_isa_claim() reserved
 * @chan: the channel, masked already
 */
void dm_isa_release(unsigned int chan)
{
	free_dma(chan);
}

/**
 * dm_isa_start() - program one transfer and unmask the channel
 * @chan: a reserved channel
 * @mode: the mode register's bits 2-7: transfer mode, autoinitialise and
 *	DM_ISA_TO_MEMORY or DM_ISA_FROM_MEMORY
 * @bus: the first byte's address, below 16 MiB (even on channels 5-7)
 * @count: bytes, 1 to 65535 on channels 0-3, 2 to 131070 (even) on 5-7:
 *	one count short of the register's reach (see dhandle/slave.c)
 */
void dm_isa_start(unsigned int chan, u8 mode, u32 bus, u32 count)
{
	unsigned long flags = claim_dma_lock();

	disable_dma(chan);
	clear_dma_ff(chan);
	set_dma_mode(chan, mode);
	set_dma_addr(chan, bus);
	set_dma_count(chan, count);
	enable_dma(chan);
	release_dma_lock(flags);
}

/**
 * dm_isa_stop() - mask a channel and say what its transfer left undone
 * @chan: a reserved channel
 *
 * Return: the bytes not transferred: 0 once the count reached terminal
 * count.
 */
u32 dm_isa_stop(unsigned int chan)
{
	unsigned long flags = claim_dma_lock();
	u32 residue;

	disable_dma(chan);
	clear_dma_ff(chan);
	residue = get_dma_residue(chan);
	release_dma_lock(flags);
	return residue;
}

/**
 * dm_isa_mask() - mask or unmask a channel, leaving what it was given
 * @chan: a reserved channel
 * @masked: true to stop it, false to let it run
 */
void dm_isa_mask(unsigned int chan, bool masked)
{
	unsigned long flags = claim_dma_lock();

	if (masked)
		disable_dma(chan);
	else
		enable_dma(chan);
	release_dma_lock(flags);
}
