// SPDX-License-Identifier: GPL-2.0
/*
 * Raw I/O to user buffers, as an AIX adapter's character driver does it:
 * the process's buffer is attached with xmattach(), mapped with
 * D_MAP_LIST(), moved by the device's DMA engine, unmapped with
 * D_UNMAP_LIST() and detached with xmdetach().  Nothing is copied through
 * the kernel.
 *
 * /dev/dmamem_edu: write() moves up to EDU_XFER bytes from the caller's
 * buffer into the device's buffer, read() moves them from the device's
 * buffer into the caller's, both from the device buffer's start; each
 * returns the bytes moved.  The bus list has room for one range, so a
 * buffer that crosses pages is mapped a part at a time: each D_MAP_LIST()
 * that returns DMA_DIOFULL maps what fits, the device moves it, and the
 * rest is mapped from bytes_done on.  A buffer the process may not access
 * gets EFAULT, as does a read() into a buffer it may only read.
 *
 * The EDU_RAW_HOLD ioctl attaches a buffer and maps it, as a driver keeps
 * a process's ring mapped between I/Os, and holds both until the file is
 * released: at close(), or when the process exits without closing it,
 * when its memory is gone already.
 *
 * The Linux glue (the misc device, the file operations) is ordinary
 * Linux; the DMA code between xmattach() and xmdetach() is AIX's.
 */
#define pr_fmt(fmt) fmt

#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <sys/dma.h>
#include "edu.h"

/* Bus ranges one D_MAP_LIST() may fill: one, so that parts are mapped. */
#define EDU_RAW_RANGES	1

/* ioctl: attach and map the buffer of struct edu_raw_hold, until release */
#define EDU_RAW_HOLD	_IOW('E', 1, struct edu_raw_hold)
#define EDU_RAW_HOLD_RANGES	8

/**
 * struct edu_raw_hold - the ioctl's argument
 * @addr: the buffer's first byte, in the caller
 * @len: its bytes, at most EDU_RAW_HOLD_RANGES pages' worth
 */
struct edu_raw_hold {
	__u64 addr;
	__u64 len;
};

/**
 * struct edu_raw - the raw I/O device of one edu device
 * @misc: /dev/dmamem_edu
 * @e: the edu device
 * @h: its handle, with the engine's constraints
 * @lock: one transfer at a time: the device has one buffer
 */
struct edu_raw {
	struct miscdevice misc;
	struct edu *e;
	d_handle_t h;
	struct mutex lock;	/* see @lock above */
};

/**
 * struct edu_raw_file - one open file of /dev/dmamem_edu
 * @r: the device
 * @xm: the attachment EDU_RAW_HOLD made, or XMEM_INVAL
 * @bus: the bus list of its mapping (used_iovecs 0 before one)
 * @bv: @bus's entries
 */
struct edu_raw_file {
	struct edu_raw *r;
	struct xmem xm;
	struct dio bus;
	struct d_iovec bv[EDU_RAW_HOLD_RANGES];
};

/* Map the rest of the attached buffer from @done on, a part at a time. */
static int edu_raw_parts(struct edu_raw *r, caddr_t ubuf, size_t len,
			 struct xmem *xm, bool to_ram)
{
	struct d_iovec vv, bv[EDU_RAW_RANGES];
	struct dio virt = { .total_iovecs = 1, .dvec = &vv };
	struct dio bus = { .total_iovecs = EDU_RAW_RANGES, .dvec = bv };
	int flags = to_ram ? DMA_READ : 0;
	size_t done = 0;
	int ret;

	while (done < len) {
		vv = (struct d_iovec){ ubuf + done, len - done, xm };
		virt.used_iovecs = 1;
		ret = D_MAP_LIST(r->h, flags, 1, &virt, &bus);
		if (ret == DMA_NOACC)
			return -EFAULT;
		if ((ret != DMA_SUCC && ret != DMA_DIOFULL) || !bus.bytes_done) {
			D_UNMAP_LIST(r->h, &bus);
			return -EIO;
		}
		ret = edu_list_dma(r->e, &bus, done, to_ram);
		D_UNMAP_LIST(r->h, &bus);
		if (ret)
			return ret;
		done += bus.bytes_done;
	}
	return 0;
}

static ssize_t edu_raw_io(struct file *file, char __user *ubuf, size_t len,
			  bool to_ram)
{
	struct edu_raw *r = ((struct edu_raw_file *)file->private_data)->r;
	struct xmem xm = { .aspace_id = XMEM_INVAL };
	int ret;

	len = min_t(size_t, len, EDU_XFER);
	if (!len)
		return 0;
	/* the Linux glue ends here: from a user pointer to AIX's caddr_t */
	if (xmattach((caddr_t)(__force void *)ubuf, len, &xm, USER_ADSPACE) !=
	    XMEM_SUCC)
		return -EFAULT;
	mutex_lock(&r->lock);
	ret = edu_raw_parts(r, (caddr_t)(__force void *)ubuf, len, &xm, to_ram);
	mutex_unlock(&r->lock);
	xmdetach(&xm);
	return ret ? ret : len;
}

static ssize_t edu_raw_read(struct file *file, char __user *ubuf, size_t len,
			    loff_t *pos)
{
	return edu_raw_io(file, ubuf, len, true);
}

static ssize_t edu_raw_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *pos)
{
	return edu_raw_io(file, (char __user *)ubuf, len, false);
}

/* misc_open() left the miscdevice in private_data: a file of our own. */
static int edu_raw_open(struct inode *inode, struct file *file)
{
	struct edu_raw_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	f->r = container_of(file->private_data, struct edu_raw, misc);
	f->xm.aspace_id = XMEM_INVAL;
	f->bus = (struct dio){ .total_iovecs = EDU_RAW_HOLD_RANGES, .dvec = f->bv };
	file->private_data = f;
	return 0;
}

/* Attach and map a buffer, and keep both until the file is released. */
static long edu_raw_hold(struct edu_raw_file *f, struct edu_raw_hold __user *arg)
{
	struct edu_raw_hold h;
	struct d_iovec vv;
	struct dio virt = { .total_iovecs = 1, .used_iovecs = 1, .dvec = &vv };
	caddr_t ubuf;
	int ret;

	if (copy_from_user(&h, arg, sizeof(h)))
		return -EFAULT;
	if (!h.len || h.len > (EDU_RAW_HOLD_RANGES - 1) * PAGE_SIZE)
		return -EINVAL;
	if (f->xm.aspace_id != XMEM_INVAL)
		return -EBUSY;
	ubuf = (caddr_t)(unsigned long)h.addr;
	if (xmattach(ubuf, h.len, &f->xm, USER_ADSPACE) != XMEM_SUCC)
		return -EFAULT;
	vv = (struct d_iovec){ ubuf, h.len, &f->xm };
	ret = D_MAP_LIST(f->r->h, DMA_READ, 1, &virt, &f->bus);
	if (ret == DMA_SUCC)
		return 0;
	D_UNMAP_LIST(f->r->h, &f->bus);
	xmdetach(&f->xm);
	return -EIO;
}

static long edu_raw_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != EDU_RAW_HOLD)
		return -ENOTTY;
	return edu_raw_hold(file->private_data, (void __user *)arg);
}

/* What EDU_RAW_HOLD holds goes with the file, the process alive or not. */
static int edu_raw_release(struct inode *inode, struct file *file)
{
	struct edu_raw_file *f = file->private_data;

	if (f->xm.aspace_id != XMEM_INVAL) {
		D_UNMAP_LIST(f->r->h, &f->bus);
		xmdetach(&f->xm);
	}
	kfree(f);
	return 0;
}

static const struct file_operations edu_raw_fops = {
	.owner = THIS_MODULE,
	.open = edu_raw_open,
	.release = edu_raw_release,
	.read = edu_raw_read,
	.write = edu_raw_write,
	.unlocked_ioctl = edu_raw_ioctl,
	.llseek = noop_llseek,
};

/**
 * edu_raw_add() - create /dev/dmamem_edu for a device
 * @e: the device, set up
 *
 * Return: 0, or a negative errno.
 */
int edu_raw_add(struct edu *e)
{
	struct edu_raw *r = kzalloc(sizeof(*r), GFP_KERNEL);
	int ret;

	if (!r)
		return -ENOMEM;
	r->e = e;
	mutex_init(&r->lock);
	r->h = D_MAP_INIT(e->bid, DMA_ADDRESS_BITS(e->bits), 0, 0);
	if (r->h == (d_handle_t)DMA_FAIL) {
		kfree(r);
		return -ENODEV;
	}
	r->misc = (struct miscdevice) {
		.minor = MISC_DYNAMIC_MINOR,
		.name = "dmamem_edu",
		.fops = &edu_raw_fops,
		.mode = 0666,
	};
	ret = misc_register(&r->misc);
	if (ret) {
		D_MAP_CLEAR(r->h);
		kfree(r);
		return ret;
	}
	e->raw = r;
	return 0;
}

/**
 * edu_raw_remove() - remove /dev/dmamem_edu
 * @e: the device
 */
void edu_raw_remove(struct edu *e)
{
	struct edu_raw *r = e->raw;

	if (!r)
		return;
	misc_deregister(&r->misc);
	D_MAP_CLEAR(r->h);
	kfree(r);
	e->raw = NULL;
}
