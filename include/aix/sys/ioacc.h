/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <sys/ioacc.h> for AIX drivers ported to Linux: the bus identifier (bid)
 * that d_map_init() takes, with AIX 5.3's encoding, bus types, regions
 * and limits.  Only the bid part of the AIX header is provided.  Left
 * out: the programmed-I/O macros (BUS_GETL(), BUS_PUTL() and the rest:
 * a Linux driver uses ioread32() and its kin on a mapping of its own),
 * and the names AIX keeps for its kernel's own use: IO_REALMEM,
 * REALMEM_BID, IO_TCE, PCI_CFGMEM and PCI_MEMALIAS.
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

/*
 * The bid macros are constant expressions, as AIX's are, so that a bid
 * can initialise static data or label a case; and, as AIX's do, they
 * evaluate their arguments more than once: give them none with side
 * effects.  Linux departures: the type and region are masked to their
 * fields (10 and 4 bits), where AIX lets a wider value spill into the
 * fields beside them, and BID_VAL() is an int, the type d_map_init()
 * takes, where AIX's expression is an unsigned int.  BID_NUM(),
 * BID_TYPE() and BID_REGION() are unsigned ints.
 */
#define BID_TYPE(bid)	((((uint)(bid)) >> 6) & 0x3FF)
#define BID_REGION(bid)	((((uint)(bid)) >> 16) & 0xF)
/* The bid with its region replaced. */
#define BID_ALTREG(bid, region) \
	((int)(((uint)(bid) & 0xFFF0FFFF) | (((uint)(region) & 0xF) << 16)))

/* The bus number of a bid. */
#define BID_NUM(bid)							\
	((((uint)(bid) >> 15) & 0xC000) | (((uint)(bid) >> 10) & 0x3C00) | \
	 (((uint)(bid) >> 18) & 0x3C0) | ((uint)(bid) & 0x3F))

/* The type and region fields of a bid. */
#define AIX_BID_FIELDS(type, region) \
	(((uint)(type) & 0x3FF) << 6 | ((uint)(region) & 0xF) << 16)

/* A bid's marks and a 16-bit bus number spread over its number fields. */
#define AIX_BID_NUMBER(num)						\
	(BID_VERSION2 | ((uint)(num) & 0xC000) << 15 |			\
	 ((uint)(num) & 0x3C00) << 10 | ((uint)(num) & 0x3C0) << 18 |	\
	 ((uint)(num) & 0x3F))

/*
 * A bid from a bus type, a region and a bus number.  When num already is a
 * bid (bit 31 or 28 set), its bus number is kept and its type and region
 * are replaced, as on AIX.
 */
#define BID_VAL(type, region, num)					\
	((int)(AIX_BID_FIELDS(type, region) |				\
	       (((uint)(num) & BID_VERSION2) ?				\
		(uint)(num) & 0xFFF0003F : AIX_BID_NUMBER(num))))

/* Limits of the encoding (AIX 5.3, 64-bit kernel values). */
#define MAX_BID_TYPES		0x10
#define MAX_BUS_NUM_PER_TYPE	512
#define MAX_REGIONS		16
#define MAX_FIXED_PER_TYPE	16

/* The bid of the system bus, number 0. */
#define SYSMEM_BID	BID_VAL(IO_SYSTEM, 0, 0)

#endif /* _AIX_SYS_IOACC_H */
