/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ISA system DMA controller (the PC's pair of 8237s), as d_map_slave()
 * drives it: reserve a channel, program one transfer, read what is left of
 * it, mask and unmask.  A thin layer over the kernel's ISA DMA API
 * (<asm/dma.h>), which dhandle/isadma.c calls; where the kernel has no such
 * API (CONFIG_ISA_DMA_API off) dm_isa_claim() says -ENODEV and the rest
 * do nothing, so no slave handle is made and d_map_slave() fails as AIX's
 * does where no controller serves the bus.
 */
#ifndef _DMAMEM_ISADMA_H
#define _DMAMEM_ISADMA_H

#include <linux/errno.h>
#include <linux/types.h>

/* The 8237's mode register: transfer mode and autoinitialise (bits 4-7). */
#define DM_ISA_MODE_MASK	0xd0
/* Its transfer type: the device writes memory, or reads it. */
#define DM_ISA_TO_MEMORY	0x04
#define DM_ISA_FROM_MEMORY	0x08
/* Channels 5-7 move 16-bit words; their address and count are in words. */
#define DM_ISA_FIRST_WORD_CHANNEL	5

#ifdef CONFIG_ISA_DMA_API
int dm_isa_claim(unsigned int chan, const char *name);
void dm_isa_release(unsigned int chan);
void dm_isa_start(unsigned int chan, u8 mode, u32 bus, u32 count);
u32 dm_isa_stop(unsigned int chan);
void dm_isa_mask(unsigned int chan, bool masked);
#else
static inline int dm_isa_claim(unsigned int chan, const char *name)
{
	return -ENODEV;
}

static inline void dm_isa_release(unsigned int chan) { }

static inline void dm_isa_start(unsigned int chan, u8 mode, u32 bus,
				u32 count) { }

static inline u32 dm_isa_stop(unsigned int chan)
{
	return 0;
}

static inline void dm_isa_mask(unsigned int chan, bool masked) { }
#endif

#endif /* _DMAMEM_ISADMA_H */
