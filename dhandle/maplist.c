// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_list() and d_unmap_list(): a list of kernel buffers given bus
 * addresses, as a list of bus ranges.
 *
 * Each buffer is cut in physically contiguous pieces (see seg.c).  The
 * pieces of memory with struct pages that the device's DMA API maps are
 * mapped together, as one scatterlist (dma_map_sg_attrs()): behind an
 * IOMMU the whole list is then one IOVA range, and a DMA_CONTIGUOUS
 * buffer of separate pages one bus range.  The bus ranges are written to
 * the bus list in the order of the buffers' bytes, merged where they are
 * contiguous on the bus.  Where the scatterlist cannot be mapped, or the
 * bus list has no room for it all, each piece is mapped alone instead,
 * so that a partial mapping holds only what the bus list names.
 *
 * A bus range stays inside one window of the handle's boundary and of the
 * device's segment boundary, and no longer than the device's largest
 * segment.  When the bus list runs out of
 * entries (DMA_DIOFULL) or the DMA API out of room (DMA_NORES), what was
 * mapped is cut back to a whole multiple of minxfer: bytes_done says how
 * much, resid_iov which buffer is the first not wholly mapped, and the
 * rest is unmapped, so the driver can start the partial transfer.
 *
 * Locking: none of its own; see maps.c.  Any context, as on AIX; the
 * driver serialises calls naming the same lists.  Both run under
 * dm_fast_enter() with no reference on the handle, as d_map_page() does.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include "dhandle.h"
#include "mapping.h"

/* A bus list being filled in. */
struct dm_bus_list {
	struct dio *dio;
	u64 window_mask;	/* a range stays inside one window of mask + 1 */
	size_t max_len;		/* and is at most this long */
	size_t done;		/* bytes given bus ranges so far */
};

static void dm_bus_list_init(struct dm_handle *dh, struct dio *dio,
			     struct dm_bus_list *bl)
{
	bl->dio = dio;
	bl->window_mask = dh->c.boundary ? dh->c.boundary - 1 : U64_MAX;
	bl->max_len = LONG_MAX;
	bl->done = 0;
	/*
	 * The device's segment limits (dma_parms) shape the list, except
	 * that a handle with DMA_CONTIGUOUS says the adapter takes each
	 * buffer as one bus range: those are not cut at the segment size.
	 * Nothing on the device is changed.
	 */
	if (dh->dev) {
		bl->window_mask = min_t(u64, bl->window_mask,
					dma_get_seg_boundary(dh->dev));
		if (!dh->c.contiguous)
			bl->max_len = min_t(size_t, bl->max_len,
					    dma_get_max_seg_size(dh->dev));
	}
	dio->used_iovecs = 0;
}

/* Bytes from @at to the end of its window. */
static size_t dm_bus_list_window(const struct dm_bus_list *bl, u64 at)
{
	if (bl->window_mask == U64_MAX)
		return SIZE_MAX;
	return bl->window_mask - (at & bl->window_mask) + 1;
}

/* Can the last range grow by bytes at @at? */
static bool dm_bus_list_extends(const struct dm_bus_list *bl,
				const struct d_iovec *last, u64 at)
{
	return (u64)(unsigned long)last->iov_base + last->iov_len == at &&
	       (at & bl->window_mask) && last->iov_len < bl->max_len;
}

/* Append the bus range [bus, bus + len); return the bytes that found room. */
static size_t dm_bus_list_add(struct dm_bus_list *bl, u64 bus, size_t len)
{
	struct dio *dio = bl->dio;
	struct d_iovec *last;
	size_t put, piece;
	u64 at;

	for (put = 0; put < len; put += piece) {
		at = bus + put;
		piece = min(len - put, dm_bus_list_window(bl, at));
		last = dio->used_iovecs ? &dio->dvec[dio->used_iovecs - 1] : NULL;
		if (last && dm_bus_list_extends(bl, last, at)) {
			piece = min_t(size_t, piece, bl->max_len - last->iov_len);
			last->iov_len += piece;
			continue;
		}
		if (dio->used_iovecs == dio->total_iovecs)
			break;
		piece = min(piece, bl->max_len);
		last = &dio->dvec[dio->used_iovecs++];
		last->iov_base = (caddr_t)(unsigned long)at;
		last->iov_len = piece;
		last->xmp = NULL;
	}
	bl->done += put;
	return put;
}

/* Cut the bus list back to its first @keep bytes. */
static void dm_bus_list_cut(struct dio *dio, size_t keep)
{
	size_t sum = 0;
	long i;

	for (i = 0; i < dio->used_iovecs; i++) {
		if (sum + dio->dvec[i].iov_len >= keep) {
			dio->dvec[i].iov_len = keep - sum;
			dio->used_iovecs = keep > sum ? i + 1 : i;
			return;
		}
		sum += dio->dvec[i].iov_len;
	}
}

/* Unmap the pieces that start at or after byte @keep: the device never saw them. */
static void dm_list_drop_from(struct dm_handle *dh, struct dm_map *m,
			      size_t keep)
{
	while (m->nr && m->seg[m->nr - 1].at >= keep) {
		m->nr--;
		dm_seg_unmap_unused(dh, &m->seg[m->nr], m->dir);
	}
}

/**
 * dm_list_before() - the bytes of a list's entries before one of them
 * @virt: a list of buffers
 * @i: the entry
 *
 * Return: the sum of the lengths of entries 0 to @i - 1.
 */
size_t dm_list_before(const struct dio *virt, long i)
{
	size_t sum = 0;

	while (i--)
		sum += virt->dvec[i].iov_len;
	return sum;
}

/**
 * dm_list_resid() - the first entry of a list not wholly in its first bytes
 * @virt: a list of buffers
 * @done: bytes from its start
 *
 * Return: the index of the first entry not wholly in @done bytes, or
 * used_iovecs when every entry is.
 */
long dm_list_resid(const struct dio *virt, size_t done)
{
	size_t sum = 0;
	long i;

	for (i = 0; i < virt->used_iovecs; i++) {
		sum += virt->dvec[i].iov_len;
		if (sum > done)
			break;
	}
	return i;
}

static int dm_list_check(int flags, int minxfer, const struct dio *virt,
			 const struct dio *bus)
{
	long i;

	if ((flags & ~DM_SERVICE_FLAGS) || minxfer < 1 || !virt || !bus ||
	    virt == bus)
		return -EINVAL;
	if (virt->used_iovecs < 0 || virt->used_iovecs > virt->total_iovecs ||
	    (virt->used_iovecs && !virt->dvec))
		return -EINVAL;
	if (bus->total_iovecs < 0 || (bus->total_iovecs && !bus->dvec))
		return -EINVAL;
	for (i = 0; i < virt->used_iovecs; i++) {
		if (virt->dvec[i].iov_len < 0)
			return -EINVAL;
	}
	return 0;
}

/* Pieces a list needs at most: one per page each entry touches. */
static unsigned int dm_list_room(const struct dio *virt, int flags)
{
	unsigned long room = 0;
	const struct d_iovec *v;
	long i;

	for (i = 0; i < virt->used_iovecs; i++) {
		v = &virt->dvec[i];
		if (!v->iov_len)
			continue;
		if (flags & BUS_DMA)
			room++;
		else
			room += DIV_ROUND_UP(offset_in_page(v->iov_base) +
					     (unsigned long)v->iov_len, PAGE_SIZE);
	}
	return min_t(unsigned long, max(room, 1UL), UINT_MAX);
}

/*
 * Cut every entry of @virt into pieces in @m, mapping all but those left
 * to the scatterlist.  On failure, *bad is the entry being cut and the
 * pieces before it are kept.  Return 0, -ENOMEM (no room for a piece),
 * or dm_seg_plan()'s error.
 */
static int dm_list_plan(struct dm_handle *dh, int flags, struct dio *virt,
			struct dm_map *m, long *bad)
{
	/* the DMA API takes no scatterlist entry longer than this */
	size_t most = dh->dev ? dma_get_max_seg_size(dh->dev) : SIZE_MAX;
	struct d_iovec *v;
	struct dm_seg *seg;
	size_t off, at = 0;
	int ret;

	for (*bad = 0; *bad < virt->used_iovecs; ++*bad) {
		v = &virt->dvec[*bad];
		if (!(flags & BUS_DMA) && !dm_xmem_known(v->xmp))
			return -EFAULT;
		for (off = 0; off < v->iov_len; off += seg->len) {
			if (m->nr == m->room)
				return -ENOMEM;
			seg = &m->seg[m->nr];
			ret = dm_seg_plan(dh, v->iov_base + off,
					  min(v->iov_len - off, most), flags,
					  v->xmp, m->dir, seg);
			if (ret)
				return ret;
			seg->at = at;
			seg->joined = off;
			at += seg->len;
			m->nr++;
		}
	}
	return 0;
}

/* Map the DM_SEG_SG pieces as one scatterlist: 0, or -ENOMEM. */
static int dm_list_map_sg(struct dm_handle *dh, struct dm_map *m)
{
	struct scatterlist *sgl = dm_map_sgl(m), *sg = sgl;
	unsigned int i, n = 0;
	int nents;

	for (i = 0; i < m->nr; i++)
		n += m->seg[i].kind == DM_SEG_SG;
	if (!n)
		return 0;
	sg_init_table(sgl, n);
	for (i = 0; i < m->nr; i++) {
		if (m->seg[i].kind != DM_SEG_SG)
			continue;
		sg_set_page(sg, m->seg[i].page, m->seg[i].len, m->seg[i].offset);
		sg = sg_next(sg);
	}
	m->sgt.sgl = sgl;
	m->sgt.orig_nents = n;
	/*
	 * dma_map_sg_attrs(), which every module may call, rather than
	 * dma_map_sgtable(), which only GPL modules may: d_map_list() is
	 * exported as the DMA API service it stands on is (see README).
	 */
	nents = dma_map_sg_attrs(dh->dev, sgl, n, m->dir, 0);
	if (nents > 0) {
		m->sgt.nents = nents;
		return 0;
	}
	m->sgt.sgl = NULL;
	return -ENOMEM;
}

/*
 * Unmap the scatterlist, which nothing has used: nothing is copied back
 * from a bounce buffer, as the device has not run.
 */
static void dm_list_unmap_sg(struct dm_handle *dh, struct dm_map *m)
{
	dma_unmap_sgtable(dh->dev, &m->sgt, m->dir, DMA_ATTR_SKIP_CPU_SYNC);
	m->sgt.sgl = NULL;
}

/*
 * Map each DM_SEG_SG piece alone; at the first that fails, it and the
 * pieces after it are dropped, and *at is its first byte.  Return 0 or
 * dm_seg_map_page()'s error.
 */
static int dm_list_map_pages(struct dm_handle *dh, struct dm_map *m,
			     size_t *at)
{
	unsigned int i;
	int ret;

	for (i = 0; i < m->nr; i++) {
		if (m->seg[i].kind != DM_SEG_SG)
			continue;
		ret = dm_seg_map_page(dh, &m->seg[i], m->dir);
		if (ret) {
			*at = m->seg[i].at;
			while (m->nr > i)
				dm_seg_forget(&m->seg[--m->nr]);
			return ret;
		}
	}
	return 0;
}

/* Where the next DM_SEG_SG piece lies among the scatterlist's bus ranges. */
struct dm_sg_cursor {
	struct scatterlist *sg;
	size_t used;
};

/* The next bus range of a DM_SEG_SG piece, at most @len bytes long. */
static size_t dm_sg_next(struct dm_sg_cursor *cur, size_t len, u64 *bus)
{
	size_t n = min_t(size_t, len, sg_dma_len(cur->sg) - cur->used);

	*bus = sg_dma_address(cur->sg) + cur->used;
	cur->used += n;
	if (cur->used == sg_dma_len(cur->sg)) {
		cur->sg = sg_next(cur->sg);
		cur->used = 0;
	}
	return n;
}

/*
 * Write the bus ranges of every piece of @m to @bl, in the order of their
 * bytes; the scatterlist's ranges cover its pieces' bytes in order.  On
 * failure *at is the first byte of the piece that failed.  Return 0,
 * -ENOSPC (the bus list is full), -ERANGE (a bus address breaks the
 * handle's ceiling), or -EXDEV (the handle wants each buffer contiguous
 * on the bus, and one is not).
 */
static int dm_list_fill(struct dm_handle *dh, struct dm_map *m,
			struct dm_bus_list *bl, size_t *at)
{
	struct dm_sg_cursor cur = { .sg = m->sgt.sgl };
	u64 bus, end = 0;
	struct dm_seg *seg;
	size_t left, n;
	unsigned int i;

	for (i = 0; i < m->nr; i++) {
		seg = &m->seg[i];
		*at = seg->at;
		for (left = seg->len; left; left -= n) {
			if (seg->kind == DM_SEG_SG) {
				n = dm_sg_next(&cur, left, &bus);
				if (!dm_constraints_hold_bus(&dh->c, bus, n))
					return -ERANGE;
			} else {
				n = left;
				bus = seg->bus;
			}
			if (dh->c.contiguous && (seg->joined || left < seg->len) &&
			    bus != end)
				return -EXDEV;
			end = bus + n;
			if (dm_bus_list_add(bl, bus, n) < n)
				return -ENOSPC;
		}
	}
	return 0;
}

/*
 * Map every entry of @virt into @m and @bl.  On failure, *bad is the
 * entry that failed.  Return 0, or the error at the first byte that could
 * not be given a bus range: -ENOSPC (the bus list is full), -ENOMEM (no
 * mapping resources), -EXDEV (the handle wants each buffer contiguous on
 * the bus and one is not), or dm_seg_plan()'s or dm_seg_map_page()'s.
 */
static int dm_list_map(struct dm_handle *dh, int flags, struct dio *virt,
		       struct dm_bus_list *bl, struct dm_map *m, long *bad)
{
	int planned, mapped, ret;
	size_t at, failed = 0;

	planned = dm_list_plan(dh, flags, virt, m, bad);
	mapped = dm_list_map_sg(dh, m);
	if (!mapped) {
		ret = dm_list_fill(dh, m, bl, &at);
		if (ret != -ENOSPC || !m->sgt.sgl)
			goto out;
		dm_list_unmap_sg(dh, m);
		dm_bus_list_init(dh, bl->dio, bl);
	}
	mapped = dm_list_map_pages(dh, m, &failed);
	ret = dm_list_fill(dh, m, bl, &at);
out:
	if (ret) {
		*bad = dm_list_resid(virt, at);
		return ret;
	}
	if (mapped) {
		*bad = dm_list_resid(virt, failed);
		return mapped;
	}
	return planned;
}

/* Record the outcome in both lists; a partial mapping is cut to minxfer. */
static void dm_list_settle(struct dm_handle *dh, struct dm_map *m, int ret,
			   int minxfer, struct dio *virt, struct dm_bus_list *bl)
{
	size_t done = bl->done;

	if (ret) {
		done = rounddown(done, minxfer);
		dm_bus_list_cut(bl->dio, done);
		if (m)
			dm_list_drop_from(dh, m, done);
		virt->resid_iov = dm_list_resid(virt, done);
	}
	virt->bytes_done = done;
	bl->dio->bytes_done = done;
}

static int dm_map_list(struct dm_handle *dh, int flags, int minxfer,
		       struct dio *virt, struct dio *bus)
{
	struct dm_bus_list bl;
	struct dm_map *m;
	long bad;
	int ret, err;

	ret = dm_list_check(flags, minxfer, virt, bus);
	if (ret)
		return ret;
	dm_bus_list_init(dh, bus, &bl);
	m = dm_map_alloc_list(dh, dm_list_room(virt, flags), dm_map_dir(flags));
	if (!m) {
		dm_list_settle(dh, NULL, -ENOMEM, minxfer, virt, &bl);
		return -ENOMEM;
	}
	ret = dm_list_map(dh, flags, virt, &bl, m, &bad);
	if (ret && ret != -ENOSPC && ret != -ENOMEM) {
		/*
		 * Nothing stays mapped; resid_iov names the culprit and, as
		 * IBM documents for DMA_NOACC, bytes_done counts the bytes of
		 * the entries before it.
		 */
		dm_map_release(dh, m);
		bus->used_iovecs = 0;
		virt->bytes_done = dm_map_code(ret) == DMA_NOACC ?
				   dm_list_before(virt, bad) : 0;
		bus->bytes_done = 0;
		virt->resid_iov = bad;
		return ret;
	}
	dm_list_settle(dh, m, ret, minxfer, virt, &bl);
	if (!dm_maps_list_key(bus, &m->key, &m->entries)) {
		/* nothing mapped: nothing to keep, nothing to find it by */
		dm_map_release(dh, m);
		return ret;
	}
	err = dm_maps_add(dh, m);
	if (err) {
		dm_map_release(dh, m);
		bus->used_iovecs = 0;
		return err;
	}
	return ret;
}

/**
 * d_map_list() - map a list of buffers for DMA
 * @handle: a live handle
 * @flags: DMA_READ for device to memory, none for memory to device;
 *	BUS_DMA when the list holds bus addresses; DMA_BYPASS, DMA_WRITE_ONLY
 * @minxfer: the device's smallest transfer in bytes, at least 1; a partial
 *	mapping covers a whole multiple of it
 * @virt_list: the buffers: used_iovecs entries of kernel virtual address,
 *	length and xmem_global
 * @bus_list: receives the bus ranges; total_iovecs says how many fit
 *
 * The bus ranges are written to @bus_list (used_iovecs, each entry's
 * iov_base and iov_len), merged where contiguous on the bus.  bytes_done
 * of both lists says how many bytes were mapped; after a partial mapping
 * resid_iov of @virt_list is the first entry not wholly mapped.  The
 * mapping lives until d_unmap_list() or d_map_clear(), which the driver
 * calls after a partial mapping too.  It is found later by the entries
 * written, not by @bus_list's address: the driver may map into the same
 * struct dio again while this mapping lives, and unmap each by a list
 * holding its entries.  Any context.
 *
 * Return: DMA_SUCC; DMA_DIOFULL or DMA_NORES (partial: @bus_list ran out
 * of entries, or mapping resources ran out); DMA_NOACC (nothing mapped:
 * resid_iov of @virt_list names an entry that is not kernel memory, whose
 * bus address would break the handle's ceiling, or that is not contiguous
 * on the bus while the handle has DMA_CONTIGUOUS); DMA_FAIL (nothing
 * mapped: invalid handle, flags, minxfer or list).
 */
int d_map_list(d_handle_t handle, int flags, int minxfer, dio_t virt_list,
	       dio_t bus_list)
{
	struct dm_handle *dh;
	int ret;

	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, __func__);
	if (unlikely(!dh)) {
		dm_fast_exit();
		return DMA_FAIL;
	}
	ret = dm_map_list(dh, flags, minxfer, virt_list, bus_list);
	if (dm_map_code(ret) == DMA_NOACC)
		pr_warn_ratelimited("handle %u: %s(flags %#x): entry %ld: %s\n",
				    dh->pub.id, __func__, flags,
				    virt_list->resid_iov, dm_map_why(ret));
	else if (dm_map_code(ret) == DMA_FAIL)
		pr_warn_ratelimited("handle %u: %s(flags %#x, minxfer %d): %s\n",
				    dh->pub.id, __func__, flags, minxfer,
				    dm_map_why(ret));
	dm_fast_exit();
	return dm_map_code(ret);
}
EXPORT_SYMBOL(d_map_list);

/**
 * d_unmap_list() - undo a d_map_list()
 * @handle: the handle the list was mapped with
 * @bus_list: a bus list holding the entries d_map_list() wrote: the one it
 *	filled in, a copy, or one the driver filled in again; the first
 *	entry's bus address and used_iovecs name the mapping
 *
 * A bus list with no live mapping is ignored if it holds no entries (as
 * after a d_map_list() that mapped nothing), and logged otherwise.  Any
 * context.
 */
void d_unmap_list(d_handle_t handle, dio_t bus_list)
{
	struct dm_handle *dh;
	struct dm_map *m;

	dm_fast_enter();
	dh = dm_handle_find_rcu(handle, __func__);
	if (unlikely(!dh))
		goto out;
	m = dm_maps_take_list(dh, bus_list);
	if (m)
		dm_map_release(dh, m);
	else if (!bus_list || bus_list->used_iovecs)
		pr_warn_ratelimited("handle %u: %s(%p): not mapped\n",
				    dh->pub.id, __func__, bus_list);
out:
	dm_fast_exit();
}
EXPORT_SYMBOL(d_unmap_list);
