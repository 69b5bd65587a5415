// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem_floppy: sectors of qemu's 1.44 MB floppy disk read and written
 * through D_MAP_SLAVE() on ISA DMA channel 2, written as a ported AIX ISA
 * driver is: its DMA code uses only <sys/dma.h>.  The floppy controller
 * (an 82077 at 0x3F0) is driven by port I/O and polled, not interrupt
 * driven: that is the Linux side, and the part a porter rewrites.
 *
 * Byte i of the sector at LBA n of the disk is floppy_byte(n, i)
 * (tests/isa/image.py writes the image).  The cases, every byte checked:
 *  - sectors read into memory from d_alloc_dmamem();
 *  - sectors written from it, read back, and their neighbours unchanged;
 *  - sectors read into, and written from, kmalloc() memory above 16 MiB,
 *    which the controller does not reach: through the handle's bounce
 *    page;
 *  - a list of two buffers apart: two transfers, the first a partial
 *    mapping (DMA_NORES, bytes_done), as an AIX driver loops;
 *  - a transfer the drive ends early: DMA_TC_NOTREACHED.
 * The result is a KTAP document on the console.
 */
#define pr_fmt(fmt) fmt

#include <linux/delay.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <sys/dma.h>

#define FLOPPY_CHANNEL	2
#define FLOPPY_SECTOR	512
#define FLOPPY_SPT	18	/* sectors per track */
#define FLOPPY_HEADS	2

/* The controller's registers */
#define FDC_DOR		0x3f2	/* digital output: reset, DMA gate, motors */
#define FDC_MSR		0x3f4	/* main status */
#define FDC_FIFO	0x3f5
#define FDC_CCR		0x3f7	/* configuration control: data rate */
#define DOR_NRESET	0x04
#define DOR_DMA		0x08
#define DOR_MOTOR_A	0x10
#define MSR_RQM		0x80	/* ready for a byte */
#define MSR_DIO		0x40	/* the byte goes to the CPU */
#define CMD_SPECIFY	0x03
#define CMD_WRITE	0x45	/* MFM */
#define CMD_READ	0x46	/* MFM */
#define CMD_RECAL	0x07
#define CMD_SENSEI	0x08
#define CMD_SEEK	0x0f
#define ST0_IC		0xc0	/* interrupt code: 0 is normal termination */

#define FLOPPY_CASES	5

struct floppy {
	d_handle_t h;
	bool results[FLOPPY_CASES];
	const char *names[FLOPPY_CASES];
	unsigned int cases;
};

static u8 floppy_byte(unsigned int lba, unsigned int i)
{
	return (lba * 13 + i * 7 + (i >> 8) * 3 + 0x5a) & 0xff;
}

/* The first byte of @buf that is not the image's, from LBA @lba on, or -1. */
static long floppy_differs(const u8 *buf, unsigned int lba, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] != floppy_byte(lba + i / FLOPPY_SECTOR, i % FLOPPY_SECTOR))
			return i;
	return -1;
}

static int fdc_wait(u8 want)
{
	unsigned long end = jiffies + 5 * HZ;

	do {
		if ((inb(FDC_MSR) & (MSR_RQM | MSR_DIO)) == want)
			return 0;
		usleep_range(50, 100);
	} while (time_before(jiffies, end));
	pr_err("dmamem_floppy: controller timed out (MSR %#x)\n", inb(FDC_MSR));
	return -ETIMEDOUT;
}

/* Send a command's bytes, then read @nres result bytes. */
static int fdc_command(const u8 *cmd, int n, u8 *res, int nres)
{
	int i;

	for (i = 0; i < n; i++) {
		if (fdc_wait(MSR_RQM))
			return -ETIMEDOUT;
		outb(cmd[i], FDC_FIFO);
	}
	for (i = 0; i < nres; i++) {
		if (fdc_wait(MSR_RQM | MSR_DIO))
			return -ETIMEDOUT;
		res[i] = inb(FDC_FIFO);
	}
	return 0;
}

static int fdc_sense(void)
{
	static const u8 cmd[] = { CMD_SENSEI };
	u8 res[2];

	return fdc_command(cmd, 1, res, 2);
}

/* Reset the controller, spin drive A, 500 kb/s, DMA mode, track 0. */
static int fdc_init(void)
{
	static const u8 specify[] = { CMD_SPECIFY, 0xdf, 0x02 };
	static const u8 recal[] = { CMD_RECAL, 0 };
	int i, ret;

	outb(0, FDC_DOR);
	usleep_range(20, 40);
	outb(DOR_NRESET | DOR_DMA | DOR_MOTOR_A, FDC_DOR);
	for (i = 0; i < 4; i++) {
		ret = fdc_sense();
		if (ret)
			return ret;
	}
	outb(0, FDC_CCR);
	ret = fdc_command(specify, sizeof(specify), NULL, 0);
	if (!ret)
		ret = fdc_command(recal, sizeof(recal), NULL, 0);
	return ret ?: fdc_sense();
}

/*
 * Read or write @n sectors from LBA @lba, all on one track, ending the
 * track at sector @eot: the DMA channel must be programmed already.
 * Return 0 on normal termination, -EIO otherwise.
 */
static int fdc_rw(bool write, unsigned int lba, unsigned int n,
		  unsigned int eot)
{
	unsigned int cyl = lba / (FLOPPY_SPT * FLOPPY_HEADS);
	unsigned int head = lba / FLOPPY_SPT % FLOPPY_HEADS;
	unsigned int sect = lba % FLOPPY_SPT + 1;
	u8 seek[] = { CMD_SEEK, head << 2, cyl };
	u8 cmd[] = { write ? CMD_WRITE : CMD_READ, head << 2, cyl, head, sect,
		     2, eot, 0x1b, 0xff };
	u8 st[7];
	int ret;

	if (WARN_ON(sect + n - 1 > FLOPPY_SPT))
		return -EINVAL;
	ret = fdc_command(seek, sizeof(seek), NULL, 0);
	if (!ret)
		ret = fdc_sense();
	if (!ret)
		ret = fdc_command(cmd, sizeof(cmd), st, sizeof(st));
	if (ret)
		return ret;
	if (st[0] & ST0_IC) {
		pr_info("dmamem_floppy: LBA %u: ST0 %#x ST1 %#x ST2 %#x\n",
			lba, st[0], st[1], st[2]);
		return -EIO;
	}
	return 0;
}

/* A list over the caller's own entries, as AIX drivers build one. */
static void floppy_list(struct dio *vl, struct d_iovec *v, long n)
{
	*vl = (struct dio){ .total_iovecs = n, .used_iovecs = n, .dvec = v };
}

/*
 * Move the bytes of @v[0..n) to or from the disk from LBA @lba on, the AIX
 * way: map what the controller takes, run it, unmap, and go on from
 * bytes_done.  Return the number of transfers, or -EIO.
 */
static int floppy_io(struct floppy *f, bool write, unsigned int lba,
		     struct d_iovec *v, long n)
{
	struct dio vl;
	int ret, transfers = 0;
	long sectors;

	while (n) {
		floppy_list(&vl, v, n);
		ret = D_MAP_SLAVE(f->h, write ? 0 : DMA_READ, FLOPPY_SECTOR, &vl,
				  CH_SINGLE);
		if (ret != DMA_SUCC && ret != DMA_NORES) {
			pr_info("dmamem_floppy: D_MAP_SLAVE: %d\n", ret);
			return -EIO;
		}
		sectors = vl.bytes_done / FLOPPY_SECTOR;
		ret = fdc_rw(write, lba, sectors, FLOPPY_SPT);
		if (D_UNMAP_SLAVE(f->h) != DMA_SUCC || ret) {
			pr_info("dmamem_floppy: transfer at LBA %u did not complete\n", lba);
			return -EIO;
		}
		transfers++;
		lba += sectors;
		/* on from the first byte not done */
		while (n && vl.bytes_done >= v->iov_len) {
			vl.bytes_done -= v->iov_len;
			v++;
			n--;
		}
		if (n) {
			v->iov_base += vl.bytes_done;
			v->iov_len -= vl.bytes_done;
		}
	}
	return transfers;
}

static void floppy_iov(struct d_iovec *v, void *base, long len)
{
	v->iov_base = base;
	v->iov_len = len;
	v->xmp = xmem_global;
}

static bool floppy_read_check(struct floppy *f, void *buf, unsigned int lba,
			      unsigned int n)
{
	struct d_iovec v;
	long bad;

	memset(buf, 0, n * FLOPPY_SECTOR);
	floppy_iov(&v, buf, n * FLOPPY_SECTOR);
	if (floppy_io(f, false, lba, &v, 1) != 1)
		return false;
	bad = floppy_differs(buf, lba, n * FLOPPY_SECTOR);
	if (bad >= 0)
		pr_info("dmamem_floppy: LBA %u: byte %ld differs\n", lba, bad);
	return bad < 0;
}

/* Sectors read into memory the controller reaches. */
static bool floppy_read(struct floppy *f)
{
	u8 *buf = d_alloc_dmamem(f->h, 4 * FLOPPY_SECTOR, 12);
	bool ok;

	if (!buf)
		return false;
	ok = floppy_read_check(f, buf, 0, 4) && floppy_read_check(f, buf, 40, 4);
	d_free_dmamem(f->h, buf, 4 * FLOPPY_SECTOR);
	return ok;
}

/* Sectors written, read back, and their neighbours left alone. */
static bool floppy_write(struct floppy *f, u8 *out, u8 *back, unsigned int lba,
			 unsigned int n)
{
	struct d_iovec v;

	get_random_bytes(out, n * FLOPPY_SECTOR);
	floppy_iov(&v, out, n * FLOPPY_SECTOR);
	if (floppy_io(f, true, lba, &v, 1) != 1)
		return false;
	memset(back, 0, n * FLOPPY_SECTOR);
	floppy_iov(&v, back, n * FLOPPY_SECTOR);
	if (floppy_io(f, false, lba, &v, 1) != 1)
		return false;
	if (memcmp(out, back, n * FLOPPY_SECTOR)) {
		pr_info("dmamem_floppy: LBA %u: what was written did not read back\n", lba);
		return false;
	}
	return floppy_read_check(f, back, lba - 1, 1) &&
	       floppy_read_check(f, back, lba + n, 1);
}

static bool floppy_write_real(struct floppy *f)
{
	u8 *out = d_alloc_dmamem(f->h, 6 * FLOPPY_SECTOR, 12);
	u8 *back = d_alloc_dmamem(f->h, 6 * FLOPPY_SECTOR, 12);
	bool ok = out && back && floppy_write(f, out, back, 10 * 36 + 19, 6);

	if (out)
		d_free_dmamem(f->h, out, 6 * FLOPPY_SECTOR);
	if (back)
		d_free_dmamem(f->h, back, 6 * FLOPPY_SECTOR);
	return ok;
}

/*
 * kmalloc() memory above 16 MiB, where the controller does not reach (the
 * VM has 6 GiB: the first try nearly always is), or NULL.
 */
static void *floppy_high(size_t size)
{
	void *p, *low[8];
	int n = 0;

	while ((p = kmalloc(size, GFP_KERNEL)) && virt_to_phys(p) < SZ_16M &&
	       n < ARRAY_SIZE(low))
		low[n++] = p;
	while (n)
		kfree(low[--n]);
	if (p && virt_to_phys(p) < SZ_16M) {
		kfree(p);
		p = NULL;
	}
	return p;
}

/* Memory out of the controller's reach: through the bounce page. */
static bool floppy_bounced(struct floppy *f)
{
	u8 *buf = floppy_high(8 * FLOPPY_SECTOR);
	u8 *back = floppy_high(2 * FLOPPY_SECTOR);
	bool ok;

	ok = buf && back && floppy_read_check(f, buf, 36, 8) &&
	     floppy_write(f, buf, back, 20 * 36 + 3, 2);
	kfree(buf);
	kfree(back);
	return ok;
}

/* Two buffers apart: a partial mapping, then the rest. */
static bool floppy_partial(struct floppy *f)
{
	u8 *a = d_alloc_dmamem(f->h, PAGE_SIZE, 12);
	u8 *gap = d_alloc_dmamem(f->h, PAGE_SIZE, 12);
	u8 *c = d_alloc_dmamem(f->h, PAGE_SIZE, 12);
	struct d_iovec v[2];
	bool ok = false;

	if (!a || !gap || !c)
		goto out;
	floppy_iov(&v[0], a, 2 * FLOPPY_SECTOR);
	floppy_iov(&v[1], c, 2 * FLOPPY_SECTOR);
	if (floppy_io(f, false, 72, v, 2) != 2)
		goto out;
	ok = floppy_differs(a, 72, 2 * FLOPPY_SECTOR) < 0 &&
	     floppy_differs(c, 74, 2 * FLOPPY_SECTOR) < 0;
out:
	if (a)
		d_free_dmamem(f->h, a, PAGE_SIZE);
	if (gap)
		d_free_dmamem(f->h, gap, PAGE_SIZE);
	if (c)
		d_free_dmamem(f->h, c, PAGE_SIZE);
	return ok;
}

/* Four sectors programmed, the track ended after two: not terminal count. */
static bool floppy_short(struct floppy *f)
{
	u8 *buf = d_alloc_dmamem(f->h, 4 * FLOPPY_SECTOR, 12);
	struct d_iovec v;
	struct dio vl;
	int mapped, unmapped;
	bool ok;

	if (!buf)
		return false;
	memset(buf, 0, 4 * FLOPPY_SECTOR);
	floppy_iov(&v, buf, 4 * FLOPPY_SECTOR);
	floppy_list(&vl, &v, 1);
	mapped = D_MAP_SLAVE(f->h, DMA_READ, FLOPPY_SECTOR, &vl, CH_SINGLE);
	/* sectors 9 and 10 of track 0: the track "ends" at 10 */
	fdc_rw(false, 8, 2, 10);
	unmapped = D_UNMAP_SLAVE(f->h);
	pr_info("dmamem_floppy: short transfer: D_MAP_SLAVE %d, D_UNMAP_SLAVE %d\n",
		mapped, unmapped);
	ok = mapped == DMA_SUCC && unmapped == DMA_TC_NOTREACHED &&
	     floppy_differs(buf, 8, 2 * FLOPPY_SECTOR) < 0;
	d_free_dmamem(f->h, buf, 4 * FLOPPY_SECTOR);
	return ok;
}

static void floppy_case(struct floppy *f, const char *name,
			bool (*fn)(struct floppy *f))
{
	f->names[f->cases] = name;
	f->results[f->cases++] = fn(f);
}

static void floppy_ktap(const struct floppy *f)
{
	bool all = f->cases == FLOPPY_CASES;
	unsigned int i;

	pr_info("KTAP version 1\n");
	pr_info("1..1\n");
	pr_info("    KTAP version 1\n");
	pr_info("    # Subtest: dmamem_floppy\n");
	pr_info("    1..%u\n", FLOPPY_CASES);
	for (i = 0; i < f->cases; i++) {
		pr_info("    %s %u %s\n", f->results[i] ? "ok" : "not ok", i + 1,
			f->names[i]);
		all &= f->results[i];
	}
	pr_info("%s 1 dmamem_floppy\n", all ? "ok" : "not ok");
}

static int __init floppy_init(void)
{
	struct floppy *f;
	int ret = -EBUSY;

	if (!request_region(FDC_DOR, 4, "dmamem_floppy"))
		return -EBUSY;
	if (!request_region(FDC_CCR, 1, "dmamem_floppy"))
		goto out_dor;
	ret = -ENOMEM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		goto out_ccr;
	ret = -ENODEV;
	f->h = D_MAP_INIT(BID_VAL(IO_ISA, ISA_IOMEM, 0), DMA_SLAVE, 0,
			  FLOPPY_CHANNEL);
	if (f->h == (d_handle_t)DMA_FAIL)
		goto out_free;
	if (fdc_init()) {
		pr_err("dmamem_floppy: no floppy controller answers\n");
		goto out_clear;
	}
	floppy_case(f, "read", floppy_read);
	floppy_case(f, "write_read_back", floppy_write_real);
	floppy_case(f, "bounced_kmalloc", floppy_bounced);
	floppy_case(f, "partial_mapping", floppy_partial);
	floppy_case(f, "tc_not_reached", floppy_short);
	floppy_ktap(f);
	outb(DOR_NRESET, FDC_DOR);	/* motor off */
	ret = 0;
out_clear:
	D_MAP_CLEAR(f->h);
out_free:
	kfree(f);
out_ccr:
	release_region(FDC_CCR, 1);
out_dor:
	release_region(FDC_DOR, 4);
	return ret;
}
module_init(floppy_init);

/* Everything was checked and given back at load. */
static void __exit floppy_exit(void)
{
}
module_exit(floppy_exit);

MODULE_DESCRIPTION("dmamem test: qemu's floppy disk through D_MAP_SLAVE()");
MODULE_LICENSE("GPL");
