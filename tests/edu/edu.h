/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem_edu: the device, its registers and the driver's two parts: the
 * in-kernel cases (edu.c) and raw I/O to user buffers (raw.c).
 */
#ifndef _DMAMEM_EDU_H
#define _DMAMEM_EDU_H

#include <linux/types.h>

struct pci_dev;
struct dio;
struct edu_raw;

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_DMA_BITS	28	/* what the engine reaches */

/* Registers, in BAR 0. */
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_COUNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_RUN	0x1	/* start; cleared by the device when done */
#define EDU_CMD_TO_RAM	0x2	/* device buffer to memory; without it, memory to buffer */

/* The device's own buffer, as the engine addresses it. */
#define EDU_BUF		0x40000
#define EDU_BUF_SIZE	4096
/*
 * Bytes moved each way.  The edu model of qemu 7.2 stops the machine on a
 * transfer that reaches its buffer's last byte, so transfers stay short of
 * it.
 */
#define EDU_XFER	4000
#define EDU_TIMEOUT_MS	5000

/* The DMA_CONTIGUOUS buffer mapped as one bus range. */
#define EDU_CONTIG	(64 * 1024)
/* The pool blocks of the neighbour case. */
#define EDU_BLOCK	512

#define EDU_CASES	20

/**
 * struct edu - one edu device
 * @pdev: the PCI device
 * @regs: its BAR 0
 * @bid: its bus id for d_map_init()
 * @bits: the address bits of its DMA mask and of the handles
 * @transfers: transfers its engine has made
 * @results: each case's outcome
 * @names: each case's name
 * @cases: cases run
 * @raw: the raw I/O character device (raw.c)
 */
struct edu {
	struct pci_dev *pdev;
	void __iomem *regs;
	int bid;
	unsigned int bits;
	unsigned int transfers;
	int results[EDU_CASES];
	const char *names[EDU_CASES];
	unsigned int cases;
	struct edu_raw *raw;
};

int edu_to_device(struct edu *e, ulong bus, size_t off, size_t len);
int edu_to_ram(struct edu *e, size_t off, ulong bus, size_t len);
int edu_list_dma(struct edu *e, const struct dio *bus, size_t off,
		 bool to_ram);
int edu_raw_add(struct edu *e);
void edu_raw_remove(struct edu *e);

#endif /* _DMAMEM_EDU_H */
