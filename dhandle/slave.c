// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_slave() and d_unmap_slave(): one transfer of a slave device, run
 * by the ISA system DMA controller on the channel its DMA_SLAVE handle
 * reserved at d_map_init() (dhandle/isadma.c drives the controller).
 *
 * The contract is AIX's, within the PC controller's limits:
 *  - a handle has at most one transfer outstanding.  d_map_slave()
 *    programs it and unmasks the channel; d_unmap_slave() masks the
 *    channel, says whether the transfer reached terminal count, and gives
 *    back what it held;
 *  - the controller moves one run of bytes, physically contiguous, below
 *    16 MiB, inside one window of the handle's boundary (64 KiB on
 *    channels 0-3, 128 KiB on 5-7, as the page register does not carry),
 *    and one count short of the window at most (DM_SLAVE_MAX).
 *    d_map_slave() programs as much of the list as one run holds, cut to
 *    a whole multiple of minxfer, and reports a partial mapping
 *    (DMA_NORES, bytes_done, resid_iov) for the driver to run the rest
 *    after;
 *  - where the list starts with memory the controller cannot reach, or
 *    with a run shorter than minxfer, up to a page of it goes through the
 *    handle's bounce page, which d_map_init() took from the handle's own
 *    heaps, below 16 MiB: copied in before a transfer from memory, and
 *    out at d_unmap_slave(), as far as the transfer got, after one to
 *    memory.
 * Entries past the bytes programmed are not looked at until the driver
 * maps them.  Without the kernel's ISA DMA API no controller serves a
 * handle and both services fail.
 *
 * Locking: a slave handle's @lock, a spinlock taken with interrupts off
 * since the services run at interrupt level, serialises its transfer; the
 * ISA DMA API's lock is taken under it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include "dhandle.h"
#include "isadma.h"
#include "mapping.h"
#include "../compat/xmem.h"
#include "../dmamem/fast.h"

/* The service flags d_map_slave() knows: BUS_DMA means nothing to it. */
#define DM_SLAVE_FLAGS	(DMA_READ | DMA_WRITE_ONLY | DMA_BYPASS)

/* Every chan_flags bit AIX names. */
#define DM_CH_KNOWN	(CH_CASCADE | CH_AUTOINIT | CH_EOP_INPUT | CH_TYPE_F | \
			 CH_16BIT_BYTES)
#define DM_CH_WIDTH	CH_16BIT_BYTES

/* Pieces of one run: a page each, over the widest window and one more. */
#define DM_SLAVE_SEGS	(SZ_128K / PAGE_SIZE + 1)
/* Buffers one bounced transfer gathers at most. */
#define DM_SLAVE_PIECES	16

/**
 * struct dm_slave_piece - a buffer, or its start, held in the bounce page
 * @base: its first byte, as the list gave it
 * @len: its bytes in the bounce page
 * @xmp: the descriptor of its address space
 * @xm: for a process's buffer, its attachment, held while the transfer is
 *	programmed, as a mapped piece holds it; NULL for kernel memory
 */
struct dm_slave_piece {
	caddr_t base;
	size_t len;
	struct xmem *xmp;
	struct dm_xm *xm;
};

/**
 * struct dm_slave - the controller's side of a DMA_SLAVE handle
 * @lock: serialises everything below but @chan, @word, @max and the
 *	bounce page's three, which d_map_init() sets
 * @chan: the channel the handle reserved
 * @word: the channel moves 16-bit words (5-7)
 * @max: the most bytes one transfer may move
 * @bounce: the bounce page, an allocation of the handle below 16 MiB, or
 *	NULL when its ceiling left no memory for one
 * @bounce_len: its size: a page, or the handle's boundary when smaller
 * @bounce_bus: its bus (physical) address
 * @name: who holds the channel, for /proc/dma
 * @closed: d_map_clear() has started: nothing more is programmed
 * @busy: a transfer is programmed and not yet unmapped
 * @dir: its direction, dm_map_dir() of its flags: anything but
 *	DMA_TO_DEVICE moves bytes from the device to memory (DMA_READ)
 * @count: its bytes
 * @nr_segs: pieces in @seg, when the transfer runs on the list's memory
 * @nr_pieces: buffers in @piece, when it runs through the bounce page
 * @seg: the pieces of the list the controller reaches, in order
 * @piece: the buffers gathered in the bounce page, in order
 */
struct dm_slave {
	spinlock_t lock;		/* see @lock above */
	unsigned int chan;
	bool word;
	size_t max;
	void *bounce;
	size_t bounce_len;
	dma_addr_t bounce_bus;
	char name[24];
	bool closed;
	bool busy;
	enum dma_data_direction dir;
	size_t count;
	unsigned int nr_segs;
	unsigned int nr_pieces;
	struct dm_seg seg[DM_SLAVE_SEGS];
	struct dm_slave_piece piece[DM_SLAVE_PIECES];
};

/*
 * The bytes one transfer may move from @bus: to the end of its window,
 * and at most one count short of the window, so that a transfer that
 * moved nothing never reads back as terminal count (the count register
 * of a full window wraps to the value terminal count leaves).
 */
static size_t dm_slave_room(const struct dm_slave *sl, u64 window, u64 bus)
{
	return min_t(u64, window - (bus & (window - 1)), sl->max);
}

/* Give the bounce page back: it may be a block of a pool, as any page. */
static void dm_slave_free_bounce(struct dm_handle *dh, struct dm_slave *sl)
{
	int ret;

	dm_fast_enter();
	ret = dm_mem_free_fast(&dh->mem, sl->bounce, sl->bounce_len);
	dm_fast_exit();
	if (ret == -ENXIO)
		ret = dm_mem_free(&dh->mem, sl->bounce, sl->bounce_len);
	WARN_ON_ONCE(ret);
}

/**
 * dm_slave_open() - reserve a DMA_SLAVE handle's channel and bounce page
 * @dh: the new handle, not yet published; its constraints are set
 * @channel: the ISA DMA channel d_map_init() was given, 0-3 or 5-7
 * @why: on failure, set to a sentence saying what is wrong
 *
 * The channel stays reserved until d_map_clear(), so no other driver
 * programs it meanwhile; d_map_init() fails when another holds it, as
 * on AIX.  Without the kernel's ISA DMA API nothing is reserved and the
 * handle serves memory alone.
 *
 * A handle whose ceiling leaves no memory for the bounce page is made
 * without one, and said so: its transfers must lie where the controller
 * reaches.
 *
 * Return: 0; -EBUSY (the channel is reserved), -ENOMEM.
 */
int dm_slave_open(struct dm_handle *dh, uint channel, const char **why)
{
	struct dm_slave *sl;
	struct dm_mem m;
	int ret;

	if (!IS_ENABLED(CONFIG_ISA_DMA_API))
		return 0;
	sl = kzalloc(sizeof(*sl), GFP_KERNEL);
	if (!sl) {
		*why = "out of memory";
		return -ENOMEM;
	}
	spin_lock_init(&sl->lock);
	sl->chan = channel;
	sl->word = channel >= DM_ISA_FIRST_WORD_CHANNEL;
	sl->max = min_t(u64, dh->c.boundary,
			(sl->word ? SZ_128K : SZ_64K) - (sl->word ? 2 : 1));
	snprintf(sl->name, sizeof(sl->name), "dmamem handle %u", dh->pub.id);
	ret = dm_isa_claim(channel, sl->name);
	if (ret) {
		*why = "the ISA DMA channel is reserved by another driver";
		goto free;
	}
	sl->bounce_len = min_t(u64, PAGE_SIZE, dh->c.boundary);
	sl->bounce = dm_mem_alloc(&dh->mem, sl->bounce_len,
				  ilog2(sl->bounce_len));
	if (IS_ERR(sl->bounce)) {
		sl->bounce = NULL;
		if (!dh->c.quiet)
			pr_info("handle %u: no memory under its ceiling for a bounce page: d_map_slave() takes only memory the controller reaches\n",
				dh->pub.id);
	} else if (WARN_ON_ONCE(dm_mem_resolve(sl->bounce, sl->bounce_len, &m))) {
		dm_slave_free_bounce(dh, sl);
		sl->bounce = NULL;
	} else {
		sl->bounce_bus = m.phys;
	}
	dh->slave = sl;
	return 0;

free:
	kfree(sl);
	return ret;
}

/* Give back what the programmed transfer holds; the channel is masked. */
static void dm_slave_drop(struct dm_handle *dh, struct dm_slave *sl)
{
	lockdep_assert_held(&sl->lock);
	while (sl->nr_segs)
		dm_seg_unmap(dh, &sl->seg[--sl->nr_segs], sl->dir);
	while (sl->nr_pieces) {
		struct dm_slave_piece *p = &sl->piece[--sl->nr_pieces];

		if (p->xm)
			dm_xm_put(p->xm);
	}
	sl->busy = false;
}

/**
 * dm_slave_close() - stop a slave handle's controller side for good
 * @dh: a handle d_map_clear() took out of the registry
 *
 * A transfer still programmed is stopped, and logged.  The channel and
 * the bounce page are given back; the record goes with the handle.
 * Process context.
 */
void dm_slave_close(struct dm_handle *dh)
{
	struct dm_slave *sl = dh->slave;
	unsigned long flags;
	bool busy;

	if (!sl)
		return;
	spin_lock_irqsave(&sl->lock, flags);
	sl->closed = true;
	busy = sl->busy;
	/* masked whatever d_map_enable() did, before the channel is freed */
	dm_isa_stop(sl->chan);
	if (busy)
		dm_slave_drop(dh, sl);
	spin_unlock_irqrestore(&sl->lock, flags);
	if (busy)
		pr_warn("handle %u cleared with a slave transfer outstanding on channel %u: stopped\n",
			dh->pub.id, sl->chan);
	dm_isa_release(sl->chan);
	if (sl->bounce)
		dm_slave_free_bounce(dh, sl);
}

/**
 * dm_slave_mask() - d_map_disable() and d_map_enable() of a slave handle
 * @dh: the handle
 * @masked: true to mask its channel, false to unmask it
 *
 * The channel is unmasked only while a transfer is programmed: after
 * d_unmap_slave() it holds the address and count of one that is over,
 * and its memory may be gone.
 *
 * Return: 0, or -ENODEV when no controller serves the handle.
 */
int dm_slave_mask(struct dm_handle *dh, bool masked)
{
	struct dm_slave *sl = dh->slave;
	unsigned long flags;
	int ret = 0;

	if (!sl)
		return -ENODEV;
	spin_lock_irqsave(&sl->lock, flags);
	if (sl->closed)
		ret = -ESTALE;
	else if (masked || sl->busy)
		dm_isa_mask(sl->chan, masked);
	spin_unlock_irqrestore(&sl->lock, flags);
	return ret;
}

/*
 * The mode register for @chan_flags, or -EPROTONOSUPPORT (DMA_BAD_MODE)
 * for what the PC's controller cannot do: cascade is how its two chips
 * are joined, not a transfer; EOP as an input and the EISA timings are
 * an EISA controller's; a width other than the channel's (0, the
 * default, is the channel's own: bytes on 0-3, words on 5-7).
 */
static int dm_slave_mode(const struct dm_slave *sl, int flags,
			 uint chan_flags, u8 *mode, const char **why)
{
	uint width = chan_flags & DM_CH_WIDTH;

	*why = NULL;
	if (chan_flags & ~DM_CH_KNOWN)
		*why = "chan_flags bits AIX does not define";
	else if ((chan_flags & CH_CASCADE) == CH_CASCADE)
		*why = "CH_CASCADE joins the controllers; it moves nothing";
	else if (chan_flags & (CH_EOP_INPUT | CH_TYPE_F))
		*why = "EOP input and EISA timings need an EISA controller";
	else if (width && !(width == CH_16BIT_WORDS && sl->word))
		*why = "the width is not the channel's: 0-3 move bytes, 5-7 words";
	if (*why)
		return -EPROTONOSUPPORT;
	*mode = ((chan_flags >> 24) & DM_ISA_MODE_MASK) |
		(flags & DMA_READ ? DM_ISA_TO_MEMORY : DM_ISA_FROM_MEMORY);
	return 0;
}

/* The arguments, and the bytes of the list in *total; -EINVAL, -EFAULT. */
static int dm_slave_check(const struct dm_slave *sl, int flags, int minxfer,
			  struct dio *vlist, uint chan_flags, size_t *total,
			  const char **why)
{
	long i;

	*why = "invalid flags, minxfer or list";
	if ((flags & ~DM_SLAVE_FLAGS) || minxfer < 1 || !vlist ||
	    vlist->used_iovecs < 1 || vlist->used_iovecs > vlist->total_iovecs ||
	    !vlist->dvec)
		return -EINVAL;
	for (*total = 0, i = 0; i < vlist->used_iovecs; i++) {
		if (vlist->dvec[i].iov_len < 0)
			return -EINVAL;
		if (!dm_xmem_known(vlist->dvec[i].xmp)) {
			vlist->resid_iov = i;
			vlist->bytes_done = dm_list_before(vlist, i);
			*why = dm_map_why(-EFAULT);
			return -EFAULT;
		}
		*total += vlist->dvec[i].iov_len;
	}
	*why = "nothing to transfer";
	if (!*total)
		return -EINVAL;
	for (i = 0; !vlist->dvec[i].iov_len; i++)
		;
	*why = "word mode needs an even start, minxfer and length";
	if (sl->word && (((unsigned long)vlist->dvec[i].iov_base | minxfer |
			  *total) & 1))
		return -EINVAL;
	*why = "CH_AUTOINIT takes one buffer of at most a page";
	if ((chan_flags & CH_AUTOINIT) &&
	    (vlist->used_iovecs != 1 || *total > PAGE_SIZE))
		return -EINVAL;
	return 0;
}

/*
 * Map the bytes at the start of @vlist that the controller takes in one
 * run: page by page while they follow each other physically, inside the
 * window of the first.  Return 0 with *len bytes mapped in sl->seg (at
 * least 1), or the error at the first byte, with *bad its entry.
 */
static int dm_slave_run(struct dm_handle *dh, struct dm_slave *sl, int flags,
			struct dio *vlist, size_t *len, long *bad)
{
	size_t off, n, room = SIZE_MAX;
	struct dm_seg *seg;
	struct d_iovec *v;
	u64 end = 0;
	int ret;

	lockdep_assert_held(&sl->lock);
	*len = 0;
	for (*bad = 0; *bad < vlist->used_iovecs; ++*bad) {
		v = &vlist->dvec[*bad];
		for (off = 0; off < v->iov_len; off += n) {
			if (sl->nr_segs == DM_SLAVE_SEGS)
				return 0;
			seg = &sl->seg[sl->nr_segs];
			n = min(v->iov_len - off,
				PAGE_SIZE - offset_in_page(v->iov_base + off));
			/* as d_map_list(): all of a piece in the attachment */
			rcu_read_lock();
			ret = dm_seg_plan(dh, v->iov_base + off, n, flags,
					  v->xmp, sl->dir, seg);
			rcu_read_unlock();
			if (ret)
				return *len ? 0 : ret;
			if (!*len) {
				room = dm_slave_room(sl, dh->c.boundary, seg->bus);
			} else if (seg->bus != end) {
				dm_seg_unmap_unused(dh, seg, sl->dir);
				return 0;
			}
			seg->len = min(seg->len, room - *len);
			n = seg->len;
			seg->at = *len;
			*len += n;
			end = seg->bus + n;
			sl->nr_segs++;
			if (*len == room)
				return 0;
		}
	}
	return 0;
}

/* Keep the first @len bytes of the run mapped, and give back the rest. */
static void dm_slave_cut(struct dm_handle *dh, struct dm_slave *sl, size_t len)
{
	struct dm_seg *last;

	lockdep_assert_held(&sl->lock);
	while (sl->nr_segs && sl->seg[sl->nr_segs - 1].at >= len)
		dm_seg_unmap(dh, &sl->seg[--sl->nr_segs], sl->dir);
	if (sl->nr_segs) {
		last = &sl->seg[sl->nr_segs - 1];
		last->len = min(last->len, len - last->at);
	}
}

/*
 * Check a gathered buffer before anything is programmed, as a mapped
 * piece is checked: a kernel buffer must be memory dmamem maps, all of
 * it; a process's must lie in the buffer its descriptor attached, and be
 * writable for a transfer to memory.  A process's buffer keeps its
 * attachment (and so its pages) until the transfer is unmapped.  Return
 * 0 or -EFAULT.
 */
static int dm_slave_hold(struct dm_slave *sl, struct dm_slave_piece *p)
{
	struct page *page;

	if (p->xmp->aspace_id != XMEM_GLOBAL)
		return dm_xm_resolve(p->xmp, p->base, p->len,
				     sl->dir != DMA_TO_DEVICE, &page, &p->xm);
	return dm_mem_check(p->base, p->len);
}

/*
 * Copy between the bounce page, at @at, and a gathered buffer that
 * dm_slave_hold() checked: a process's through its descriptor (xmemin(),
 * xmemout()), so a buffer detached meanwhile fails.
 */
static int dm_slave_copy(struct dm_slave *sl, const struct dm_slave_piece *p,
			 size_t at, size_t len, bool out)
{
	int ret;

	if (p->xmp->aspace_id != XMEM_GLOBAL) {
		ret = out ? xmemout(sl->bounce + at, p->base, len, p->xmp) :
			    xmemin(p->base, sl->bounce + at, len, p->xmp);
		return ret == XMEM_SUCC ? 0 : -EFAULT;
	}
	if (out)
		memcpy(p->base, sl->bounce + at, len);
	else
		memcpy(sl->bounce + at, p->base, len);
	return 0;
}

/*
 * Gather the list's first bytes in the bounce page: at most a page, and
 * a whole multiple of @minxfer unless they are the whole list.  For a
 * transfer from memory they are copied in now.  Return 0 with *len, or
 * -EFAULT (a buffer cannot be copied; *bad is its entry), -E2BIG (minxfer
 * is more than the bounce page takes), -ERANGE (the handle has none).
 */
static int dm_slave_gather(struct dm_handle *dh, struct dm_slave *sl,
			   struct dio *vlist, int minxfer, size_t total,
			   size_t *len, long *bad)
{
	size_t want = min(total, dm_slave_room(sl, dh->c.boundary,
					       sl->bounce_bus));
	size_t at = 0, n;
	struct dm_slave_piece *p;
	struct d_iovec *v;
	int ret;

	lockdep_assert_held(&sl->lock);
	*bad = 0;
	if (!sl->bounce)
		return -ERANGE;
	want = min(want, sl->bounce_len);
	if (want < total)
		want = rounddown(want, minxfer);
	for (; *bad < vlist->used_iovecs && at < want; ++*bad) {
		v = &vlist->dvec[*bad];
		if (!v->iov_len)
			continue;
		if (sl->nr_pieces == DM_SLAVE_PIECES)
			break;
		n = min_t(size_t, v->iov_len, want - at);
		p = &sl->piece[sl->nr_pieces++];
		*p = (struct dm_slave_piece){ v->iov_base, n, v->xmp, NULL };
		ret = dm_slave_hold(sl, p);
		if (!ret && sl->dir == DMA_TO_DEVICE)
			ret = dm_slave_copy(sl, p, at, n, false);
		if (ret)
			return ret;
		at += n;
	}
	*len = at < total ? rounddown(at, minxfer) : at;
	return *len ? 0 : -E2BIG;
}

/*
 * Map the list's first run, or gather it in the bounce page, and program
 * the controller.  Return 0, -ENOMEM (partial), or the error with
 * nothing programmed.
 */
static int dm_slave_program(struct dm_handle *dh, struct dm_slave *sl,
			    int flags, int minxfer, struct dio *vlist,
			    uint chan_flags, size_t total, u8 mode)
{
	dma_addr_t bus;
	size_t len;
	long bad;
	int ret;

	lockdep_assert_held(&sl->lock);
	sl->dir = dm_map_dir(flags);
	ret = dm_slave_run(dh, sl, flags, vlist, &len, &bad);
	if (!ret && len < total) {
		len = rounddown(len, minxfer);
		dm_slave_cut(dh, sl, len);
	}
	if ((!ret && !len) || ret == -ERANGE || ret == -EOPNOTSUPP) {
		/* out of the controller's reach, or too short a run */
		dm_slave_cut(dh, sl, 0);
		ret = chan_flags & CH_AUTOINIT ? -ERANGE :
		      dm_slave_gather(dh, sl, vlist, minxfer, total, &len, &bad);
		bus = sl->bounce_bus;
	} else {
		bus = sl->seg[0].bus;
	}
	/* the controller reruns an autoinitialised transfer: all or nothing */
	if (!ret && (chan_flags & CH_AUTOINIT) && len < total) {
		ret = -EXDEV;
		bad = 0;
	}
	if (ret) {
		dm_slave_drop(dh, sl);
		vlist->resid_iov = bad;
		vlist->bytes_done = dm_list_before(vlist, bad);
		return ret;
	}
	dm_isa_start(sl->chan, mode, bus, len);
	sl->count = len;
	sl->busy = true;
	vlist->bytes_done = len;
	vlist->resid_iov = dm_list_resid(vlist, len);
	return len < total ? -ENOMEM : 0;
}

static int dm_slave_map(struct dm_handle *dh, int flags, int minxfer,
			struct dio *vlist, uint chan_flags, const char **why)
{
	struct dm_slave *sl = dh->slave;
	unsigned long irqflags;
	size_t total;
	u8 mode;
	int ret;

	*why = dh->pub.flags & DMA_SLAVE ?
	       "no system DMA controller serves the handle" :
	       "not a DMA_SLAVE handle";
	if (!sl)
		return -ENODEV;
	ret = dm_slave_mode(sl, flags, chan_flags, &mode, why);
	if (!ret)
		ret = dm_slave_check(sl, flags, minxfer, vlist, chan_flags,
				     &total, why);
	if (ret)
		return ret;
	spin_lock_irqsave(&sl->lock, irqflags);
	if (sl->closed) {
		ret = -ESTALE;
	} else if (sl->busy) {
		*why = "a transfer is outstanding: d_unmap_slave() it first";
		ret = -EBUSY;
	} else {
		ret = dm_slave_program(dh, sl, flags, minxfer, vlist,
				       chan_flags, total, mode);
	}
	spin_unlock_irqrestore(&sl->lock, irqflags);
	if (ret == -E2BIG)
		*why = "minxfer is more than the bounce page, or its 16 buffers, hold";
	else if (ret == -EXDEV && (chan_flags & CH_AUTOINIT))
		*why = "CH_AUTOINIT needs its buffer in one run the controller reaches";
	else if (ret != -EBUSY)
		*why = dm_map_why(ret);
	return ret;
}

/**
 * d_map_slave() - program the system DMA controller for a slave transfer
 * @handle: a live DMA_SLAVE handle
 * @flags: DMA_READ for device to memory, none for memory to device;
 *	DMA_WRITE_ONLY and DMA_BYPASS are accepted and change nothing
 * @minxfer: the device's smallest transfer in bytes, at least 1; a partial
 *	transfer is a whole multiple of it (even on channels 5-7)
 * @vlist: the buffers: used_iovecs entries of address, length and address
 *	space (xmem_global, or a descriptor from xmattach())
 * @chan_flags: CH_* mode: CH_DEMAND, CH_SINGLE or CH_BLOCK, CH_AUTOINIT,
 *	and the channel's width
 *
 * The first run of @vlist the controller can take in one transfer is
 * mapped, the channel is programmed with it and unmasked.  bytes_done of
 * @vlist says how many bytes, resid_iov the first entry not wholly in
 * them.  Memory above 16 MiB, or a first run shorter than @minxfer, goes
 * through the handle's bounce page, a page at most per transfer.  The
 * transfer lives until d_unmap_slave() or d_map_clear().  Any context.
 *
 * Return: DMA_SUCC; DMA_NORES (partial: the rest of @vlist needs further
 * transfers); DMA_NOACC (nothing programmed: entry resid_iov is not
 * memory the controller or the bounce page can take); DMA_BAD_MODE
 * (@chan_flags asks what the controller cannot do); DMA_FAIL (nothing
 * programmed: not a live slave handle, no controller, invalid arguments,
 * or a transfer is outstanding).
 */
int d_map_slave(d_handle_t handle, int flags, int minxfer, dio_t vlist,
		uint chan_flags)
{
	struct dm_handle *dh = dm_handle_get(handle, __func__);
	const char *why;
	int ret, code;

	if (!dh)
		return DMA_FAIL;
	ret = dm_slave_map(dh, flags, minxfer, vlist, chan_flags, &why);
	code = ret == -EPROTONOSUPPORT ? DMA_BAD_MODE : dm_map_code(ret);
	if (code == DMA_NOACC)
		pr_warn_ratelimited("handle %u: %s(flags %#x): entry %ld: %s\n",
				    dh->pub.id, __func__, flags,
				    vlist->resid_iov, why);
	else if (code == DMA_FAIL || code == DMA_BAD_MODE)
		pr_warn_ratelimited("handle %u: %s(flags %#x, minxfer %d, chan_flags %#x): %s\n",
				    dh->pub.id, __func__, flags, minxfer,
				    chan_flags, why);
	dm_handle_put(dh);
	return code;
}
EXPORT_SYMBOL(d_map_slave);

/* Copy what the device wrote to the bounce page out to the buffers. */
static int dm_slave_scatter(struct dm_slave *sl, size_t done)
{
	struct dm_slave_piece *p;
	size_t at = 0, n;
	unsigned int i;
	int ret = 0;

	lockdep_assert_held(&sl->lock);
	for (i = 0; i < sl->nr_pieces && at < done && !ret; i++) {
		p = &sl->piece[i];
		n = min(p->len, done - at);
		ret = dm_slave_copy(sl, p, at, n, true);
		at += n;
	}
	return ret;
}

static int dm_slave_unmap(struct dm_handle *dh, const char **why)
{
	struct dm_slave *sl = dh->slave;
	unsigned long flags;
	size_t residue;
	int ret;

	*why = dh->pub.flags & DMA_SLAVE ?
	       "no system DMA controller serves the handle" :
	       "not a DMA_SLAVE handle";
	if (!sl)
		return -ENODEV;
	spin_lock_irqsave(&sl->lock, flags);
	*why = "no transfer is outstanding";
	ret = -EINVAL;
	if (sl->busy) {
		residue = min_t(size_t, dm_isa_stop(sl->chan), sl->count);
		ret = 0;
		if (sl->dir != DMA_TO_DEVICE)
			ret = dm_slave_scatter(sl, sl->count - residue);
		*why = "a buffer of the bounced transfer cannot be written";
		if (!ret && residue)
			ret = -EAGAIN;
		dm_slave_drop(dh, sl);
	}
	spin_unlock_irqrestore(&sl->lock, flags);
	return ret;
}

/**
 * d_unmap_slave() - end a slave transfer and report how it ended
 * @handle: the handle d_map_slave() programmed
 *
 * The channel is masked, what the controller did not move is read from
 * its count register, the bytes of a bounced transfer to memory are
 * copied to the buffers as far as they got, and what the mapping held
 * is given back.  Any context.
 *
 * Return: DMA_SUCC (terminal count: every byte moved); DMA_TC_NOTREACHED
 * (the transfer stopped short, which a device of variable length may
 * mean); DMA_FAIL (not a live slave handle, no transfer outstanding, or
 * the bytes of a bounced transfer could not be copied out).
 */
int d_unmap_slave(d_handle_t handle)
{
	struct dm_handle *dh = dm_handle_get(handle, __func__);
	const char *why;
	int ret;

	if (!dh)
		return DMA_FAIL;
	ret = dm_slave_unmap(dh, &why);
	if (ret && ret != -EAGAIN)
		pr_warn_ratelimited("handle %u: %s: %s\n", dh->pub.id, __func__,
				    why);
	dm_handle_put(dh);
	if (ret == -EAGAIN)
		return DMA_TC_NOTREACHED;
	return ret ? DMA_FAIL : DMA_SUCC;
}
EXPORT_SYMBOL(d_unmap_slave);
