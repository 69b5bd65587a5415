/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/ioacc.h> for AIX drivers ported to Linux: the bus identifier (bid)
 * that d_map_init() takes, with AIX 5.3's encoding, bus types and regions.
 * Only the bid part of the AIX header is provided.
 *
 * A bid holds a bus type (bits 6..15), a region (bits 16..19) and a bus
 * number of up to 16 bits, spread over bits 0..5, 20..27 and 29..30;
 * bits 31 and 28 mark this encoding.  On Linux a bus number names a
 * struct device bound with dmamem_device_bid(); see dmamem_device_bid(9).
 */
#ifndef _AIX_SYS_IOACC_H
#define _AIX_SYS_IOACC_H

#include <linux/types.h>

/* Bus types. */
#define IO_DIAG		0x0002	/* testing */
#define IO_PCI		0x0003	/* PCI bus */
#define IO_ISA		0x0004	/* ISA bus */
#define IO_VME		0x0005	/* VME bus */
#define IO_FT		0x0006	/* fault-tolerant bus */
#define IO_MBUS		0x0007	/* maintenance bus */
#define IO_OEM_0	0x0008	/* reserved for OEM use */
#define IO_OEM_1	0x0009
#define IO_OEM_2	0x000A
#define IO_OEM_3	0x000B
#define IO_SYSTEM	0x000C	/* attached to the system bus */
#define IO_VDEVICE	0x000D	/* virtual device bus */
#define IO_PCIE		0x000E	/* PCI Express bus */

/* Regions of a PCI bus and of an ISA bus. */
#define PCI_IOMEM	0	/* I/O space */
#define PCI_BUSMEM	1	/* bus memory */
#define ISA_IOMEM	0
#define ISA_BUSMEM	1

#define INVALID_BID	0xFFFFFFFF
#define BID_VERSION1	0x10000000
#define BID_VERSION2	(0x80000000 | BID_VERSION1)
/* The bits two bids are compared on. */
#define BID_BITMASK	0x6fffffff

#define BID_TYPE(bid)	((((uint)(bid)) >> 6) & 0x3FF)
#define BID_REGION(bid)	((((uint)(bid)) >> 16) & 0xF)
/* The bid with its region replaced. */
#define BID_ALTREG(bid, region) \
	((int)(((uint)(bid) & 0xFFF0FFFF) | (((uint)(region) & 0xF) << 16)))

/* The bus number of a bid. */
static inline uint aix_bid_num(uint bid)
{
	return ((bid >> 15) & 0xC000) | ((bid >> 10) & 0x3C00) |
	       ((bid >> 18) & 0x3C0) | (bid & 0x3F);
}

#define BID_NUM(bid)	aix_bid_num((uint)(bid))

/*
 * A bid from a bus type, a region and a bus number.  When num already is a
 * bid (bit 31 or 28 set), its bus number is kept and its type and region
 * are replaced, as on AIX.
 */
static inline int aix_bid_val(uint type, uint region, uint num)
{
	uint fields = (type & 0x3FF) << 6 | (region & 0xF) << 16;

	if (num & BID_VERSION2)
		return (int)((num & 0xFFF0003F) | fields);
	return (int)(BID_VERSION2 | fields | (num & 0xC000) << 15 |
		     (num & 0x3C00) << 10 | (num & 0x3C0) << 18 | (num & 0x3F));
}

#define BID_VAL(type, region, num)	aix_bid_val(type, region, num)

#endif /* _AIX_SYS_IOACC_H */
