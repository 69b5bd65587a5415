// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-memory descriptors: xmem_global for kernel memory, and xmattach(),
 * xmdetach(), xmemin(), xmemout() and xmemdma64() for a process's buffer,
 * which d_map_page() and d_map_list() then map for DMA.
 *
 * What it guarantees:
 *
 * - xmattach() of a user buffer pins every page of it in the calling
 *   process, with pin_user_pages_fast(): a long-term pin (FOLL_LONGTERM)
 *   for USER_ADSPACE and USERI_ADSPACE, whose attachment may last as long
 *   as the driver keeps it, and a short-term one for LW_XMATTACH, AIX's
 *   attachment for one I/O.  The pages are pinned writable when the
 *   process may write them, else read-only, and a mapping for the device
 *   to write them is then refused.  On any failure nothing stays pinned
 *   and the descriptor is left as it was.
 * - A descriptor names its attachment by number, looked up in a table:
 *   one never attached, detached already or forged is refused, never
 *   followed.  A copy of a descriptor names the same attachment.
 * - The pages stay pinned until xmdetach() and until every mapping made
 *   through the attachment is unmapped, whichever comes last; what the
 *   device or xmemout() wrote is marked dirty when they are unpinned.
 * - xmemin() and xmemout() copy through the pinned pages, so they work in
 *   any context, as AIX's do at interrupt level.
 *
 * What it assumes: xmattach() and xmdetach() are called in process
 * context, xmattach() in the process whose buffer it is (or a kernel
 * thread using its address space).
 *
 * Linux departures: SYS_ADSPACE attaches nothing, as kernel memory is one
 * address space: the descriptor becomes XMEM_GLOBAL.  A process's exit
 * does not detach its buffers, as on AIX: the driver does.  At unload,
 * attachments a driver left are released with a warning.  The pins are not
 * charged to RLIMIT_MEMLOCK.
 *
 * Locking: the table is an xarray, looked up under RCU; an attachment is
 * referenced (refcount) by its descriptor and by each mapped piece, and
 * freed after a grace period.  The last reference dropped outside
 * xmdetach() unpins from a work item, as that may be at interrupt level.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <dmamem/dmamem.h>
#include "xmem.h"

static struct xmem dm_xmem_global = { .aspace_id = XMEM_GLOBAL };

struct xmem *xmem_global = &dm_xmem_global;
EXPORT_SYMBOL(xmem_global);

/**
 * struct dm_xm - the pinned pages of one attached user buffer
 * @ref: one for the attachment, one per piece of a mapping that uses it
 * @id: its number in dm_xm_table, which the descriptor holds
 * @start: the user address attached
 * @len: bytes attached
 * @nr: pages pinned, from the page holding @start
 * @writable: pinned for writing
 * @rcu: frees the record after concurrent lookups
 * @work: the last reference's release, where it may not sleep
 * @pages: the pinned pages
 */
struct dm_xm {
	refcount_t ref;
	u32 id;
	unsigned long start;
	size_t len;
	unsigned int nr;
	bool writable;
	struct rcu_head rcu;
	struct work_struct work;
	struct page *pages[];
};

static DEFINE_XARRAY_FLAGS(dm_xm_table, XA_FLAGS_ALLOC1);
static u32 dm_xm_next;
static struct workqueue_struct *dm_xm_wq;

/* Unpin and free an attachment no one references. */
static void dm_xm_release(struct dm_xm *xm)
{
	unpin_user_pages_dirty_lock(xm->pages, xm->nr, xm->writable);
	kvfree_rcu(xm, rcu);
}

static void dm_xm_release_work(struct work_struct *work)
{
	dm_xm_release(container_of(work, struct dm_xm, work));
}

/**
 * dm_xm_put() - drop a reference to an attachment, in any context
 * @xm: the attachment
 *
 * The last reference unpins from a work item; dm_xmem_exit() drains them.
 */
void dm_xm_put(struct dm_xm *xm)
{
	if (!refcount_dec_and_test(&xm->ref))
		return;
	INIT_WORK(&xm->work, dm_xm_release_work);
	queue_work(dm_xm_wq, &xm->work);
}

/* The attachment a descriptor of XMEM_PROC names, referenced, or NULL. */
static struct dm_xm *dm_xm_find(const struct xmem *dp)
{
	struct dm_xm *xm;

	if (!dp || dp->aspace_id != XMEM_PROC || dp->subspace_id > U32_MAX)
		return NULL;
	rcu_read_lock();
	xm = xa_load(&dm_xm_table, dp->subspace_id);
	if (xm && (xm->start != (unsigned long)dp->vaddr ||
		   !refcount_inc_not_zero(&xm->ref)))
		xm = NULL;
	rcu_read_unlock();
	return xm;
}

/* Whether [@uaddr, @uaddr + @len) lies in the attached buffer. */
static bool dm_xm_covers(const struct dm_xm *xm, unsigned long uaddr,
			 size_t len)
{
	return uaddr >= xm->start && len <= xm->len &&
	       uaddr - xm->start <= xm->len - len;
}

/*
 * The attachment @dp names, referenced, if [@uaddr, @uaddr + @len) lies in
 * it and, for @write, it is pinned writable; else NULL.
 */
static struct dm_xm *dm_xm_get(const struct xmem *dp, unsigned long uaddr,
			       size_t len, bool write)
{
	struct dm_xm *xm = dm_xm_find(dp);

	if (xm && (!dm_xm_covers(xm, uaddr, len) || (write && !xm->writable))) {
		dm_xm_put(xm);
		xm = NULL;
	}
	return xm;
}

/* The pinned page holding @uaddr, an address of the attached buffer. */
static struct page *dm_xm_page(const struct dm_xm *xm, unsigned long uaddr)
{
	return xm->pages[(uaddr >> PAGE_SHIFT) - (xm->start >> PAGE_SHIFT)];
}

/**
 * dm_xm_resolve() - the page of an attached buffer an address lies in
 * @dp: the descriptor a driver passed, of XMEM_PROC
 * @uaddr: an address of the buffer
 * @len: bytes from @uaddr that must lie in the buffer, at least 1
 * @write: the device will write them
 * @page: receives the pinned page holding @uaddr
 * @xm: receives the attachment, referenced: the caller drops it with
 *	dm_xm_put() once its mapping is gone
 *
 * Any context.
 *
 * Return: 0; -EFAULT when @dp names no live attachment, the bytes do not
 * lie in it, or @write and it is pinned read-only.
 */
int dm_xm_resolve(const struct xmem *dp, const void *uaddr, size_t len,
		  bool write, struct page **page, struct dm_xm **xm)
{
	struct dm_xm *found = dm_xm_get(dp, (unsigned long)uaddr, len, write);

	if (!found)
		return -EFAULT;
	*page = dm_xm_page(found, (unsigned long)uaddr);
	*xm = found;
	return 0;
}

/* Pin @nr pages from @start into @pages: all of them, or none. */
static int dm_xm_pin(unsigned long start, unsigned int nr, unsigned int gup,
		     struct page **pages)
{
	unsigned int done = 0;
	int ret;

	while (done < nr) {
		ret = pin_user_pages_fast(start + ((unsigned long)done << PAGE_SHIFT),
					  nr - done, gup, pages + done);
		if (ret <= 0) {
			unpin_user_pages(pages, done);
			return ret ?: -EFAULT;
		}
		done += ret;
	}
	return 0;
}

/* Pin a user buffer of the calling process; the new attachment, or ERR_PTR. */
static struct dm_xm *dm_xm_attach(unsigned long start, size_t len,
				  bool longterm)
{
	unsigned long first = start & PAGE_MASK;
	unsigned int gup = longterm ? FOLL_LONGTERM : 0;
	unsigned long nr;
	struct dm_xm *xm;
	int ret;

	if (len > ULONG_MAX - start || !access_ok((void __user *)start, len))
		return ERR_PTR(-EFAULT);
	nr = (PAGE_ALIGN(start + len) - first) >> PAGE_SHIFT;
	if (nr > INT_MAX)
		return ERR_PTR(-E2BIG);
	xm = kvzalloc(struct_size(xm, pages, nr), GFP_KERNEL);
	if (!xm)
		return ERR_PTR(-ENOMEM);
	xm->start = start;
	xm->len = len;
	xm->nr = nr;
	xm->writable = true;
	ret = dm_xm_pin(first, nr, gup | FOLL_WRITE, xm->pages);
	if (ret == -EFAULT) {
		/* a buffer the process may only read: the device may too */
		xm->writable = false;
		ret = dm_xm_pin(first, nr, gup, xm->pages);
	}
	if (ret)
		goto fail;
	refcount_set(&xm->ref, 1);
	ret = xa_alloc_cyclic(&dm_xm_table, &xm->id, xm, xa_limit_32b,
			      &dm_xm_next, GFP_KERNEL);
	if (ret < 0) {
		unpin_user_pages(xm->pages, nr);
		goto fail;
	}
	return xm;
fail:
	kvfree(xm);
	return ERR_PTR(ret);
}

/**
 * xmattach() - attach a buffer for cross-memory access and DMA
 * @addr: the buffer's first byte: a user address of the calling process,
 *	or with SYS_ADSPACE a kernel address
 * @count: its length in bytes, at least 1
 * @dp: the descriptor to fill in; its @aspace_id must be XMEM_INVAL
 * @segflag: USER_ADSPACE or USERI_ADSPACE (attached until xmdetach()),
 *	LW_XMATTACH (a lightweight attachment, for one I/O), or SYS_ADSPACE
 *
 * A user buffer's pages are pinned in memory, so that xmemin(), xmemout()
 * and the mapping services reach them from any context until xmdetach().
 * With SYS_ADSPACE nothing is pinned: @dp becomes a descriptor of global
 * kernel memory (Linux departure: on AIX it names the kernel segment).
 * Process context only.
 *
 * Return: XMEM_SUCC, or XMEM_FAIL (with a log line, @dp unchanged and
 * nothing pinned) for a NULL or attached @dp, a @count below 1, an
 * unknown @segflag, a call outside a process, or a buffer the process
 * cannot access.
 */
int xmattach(caddr_t addr, long count, struct xmem *dp, int segflag)
{
	const char *why = "invalid arguments";
	struct dm_xm *xm;
	bool longterm;

	might_sleep();
	if (!dp || dp == xmem_global || dp->aspace_id != XMEM_INVAL) {
		why = "the descriptor is NULL, xmem_global or attached already";
		goto refuse;
	}
	if (count <= 0)
		goto refuse;
	switch (segflag) {
	case SYS_ADSPACE:
		*dp = (struct xmem) {
			.aspace_id = XMEM_GLOBAL,
			.vaddr = addr,
			.l2psize = PAGE_SHIFT,
		};
		return XMEM_SUCC;
	case USER_ADSPACE:
	case USERI_ADSPACE:
		longterm = true;
		break;
	case LW_XMATTACH:
		longterm = false;
		break;
	default:
		goto refuse;
	}
	if (!current->mm) {
		why = "not called in a process";
		goto refuse;
	}
	xm = dm_xm_attach((unsigned long)addr, count, longterm);
	if (IS_ERR(xm)) {
		why = PTR_ERR(xm) == -ENOMEM ? "out of memory" :
		      "the process cannot access the buffer";
		goto refuse;
	}
	*dp = (struct xmem) {
		.aspace_id = XMEM_PROC,
		.num_sids = 1,
		.subspace_id = xm->id,
		.vaddr = addr,
		.xmemflags = longterm ? 0 : XMEM_LW,
		.l2psize = PAGE_SHIFT,
	};
	return XMEM_SUCC;
refuse:
	pr_warn_ratelimited("%s(%p, %ld, segflag %d): %s\n", __func__, addr,
			    count, segflag, why);
	return XMEM_FAIL;
}
EXPORT_SYMBOL_GPL(xmattach);

/**
 * xmdetach() - undo an xmattach()
 * @dp: the descriptor xmattach() filled in
 *
 * @dp becomes XMEM_INVAL, and may be attached again.  A user buffer's
 * pages are unpinned, before this returns unless a mapping made through
 * the descriptor is still live: then once the last such is unmapped.
 * Process context only.
 *
 * Return: XMEM_SUCC, or XMEM_FAIL (logged) when @dp is not attached.
 */
int xmdetach(struct xmem *dp)
{
	struct dm_xm *xm;

	might_sleep();
	if (dp && dp != xmem_global && dp->aspace_id == XMEM_GLOBAL) {
		dp->aspace_id = XMEM_INVAL;
		return XMEM_SUCC;
	}
	xm = dm_xm_find(dp);
	if (!xm || xa_cmpxchg(&dm_xm_table, xm->id, xm, NULL, 0) != xm) {
		if (xm)
			dm_xm_put(xm);
		pr_warn_ratelimited("%s(%p): not attached\n", __func__, dp);
		return XMEM_FAIL;
	}
	dp->aspace_id = XMEM_INVAL;
	/* the lookup's reference and the attachment's */
	refcount_dec(&xm->ref);
	if (refcount_dec_and_test(&xm->ref))
		dm_xm_release(xm);
	return XMEM_SUCC;
}
EXPORT_SYMBOL_GPL(xmdetach);

/* Copy @n bytes between @kaddr and the attached buffer at @uaddr. */
static int dm_xm_copy(struct xmem *dp, unsigned long uaddr, void *kaddr,
		      long n, bool out)
{
	struct dm_xm *xm;
	size_t chunk, off;

	if (dp && dp->aspace_id == XMEM_GLOBAL) {
		if (out)
			memcpy((void *)uaddr, kaddr, n);
		else
			memcpy(kaddr, (void *)uaddr, n);
		return XMEM_SUCC;
	}
	xm = dm_xm_get(dp, uaddr, n, out);
	if (!xm)
		return XMEM_FAIL;
	for (; n; n -= chunk, uaddr += chunk, kaddr += chunk) {
		off = offset_in_page(uaddr);
		chunk = min_t(size_t, n, PAGE_SIZE - off);
		if (out)
			memcpy_to_page(dm_xm_page(xm, uaddr), off, kaddr, chunk);
		else
			memcpy_from_page(kaddr, dm_xm_page(xm, uaddr), off, chunk);
	}
	dm_xm_put(xm);
	return XMEM_SUCC;
}

/**
 * xmemin() - copy from an attached buffer into kernel memory
 * @uaddr: the first byte to copy, in the buffer @dp describes
 * @kaddr: where to copy it, in kernel memory
 * @count: bytes to copy
 * @dp: xmem_global, or a descriptor from xmattach()
 *
 * Any context.
 *
 * Return: XMEM_SUCC, or XMEM_FAIL (nothing copied) when @dp is not
 * attached or the bytes do not all lie in its buffer.
 */
int xmemin(caddr_t uaddr, caddr_t kaddr, long count, struct xmem *dp)
{
	if (count < 0)
		return XMEM_FAIL;
	return dm_xm_copy(dp, (unsigned long)uaddr, kaddr, count, false);
}
EXPORT_SYMBOL_GPL(xmemin);

/**
 * xmemout() - copy from kernel memory into an attached buffer
 * @kaddr: the first byte to copy, in kernel memory
 * @uaddr: where to copy it, in the buffer @dp describes
 * @count: bytes to copy
 * @dp: xmem_global, or a descriptor from xmattach()
 *
 * Any context.
 *
 * Return: XMEM_SUCC, or XMEM_FAIL (nothing copied) when @dp is not
 * attached, the bytes do not all lie in its buffer, or the process may
 * not write the buffer.
 */
int xmemout(caddr_t kaddr, caddr_t uaddr, long count, struct xmem *dp)
{
	if (count < 0)
		return XMEM_FAIL;
	return dm_xm_copy(dp, (unsigned long)uaddr, kaddr, count, true);
}
EXPORT_SYMBOL_GPL(xmemout);

/**
 * xmemdma64() - the physical address of a byte of an attached buffer
 * @dp: xmem_global, or a descriptor from xmattach()
 * @xaddr: the byte: a kernel address with xmem_global, else an address of
 *	the buffer @dp describes
 * @flags: XMEM_HIDE, XMEM_UNHIDE; XMEM_ACC_CHK to check the page's
 *	protection: it must be writable (the device will write it) unless
 *	XMEM_WRITE_ONLY says the transfer is outbound, which reading allows;
 *	XMEM_DR_SAFE, which holds of every address here
 *
 * A physical address is not a bus address: a Linux driver gives it to no
 * device, but maps with d_map_page() or d_map_list(), which go through
 * the DMA API.  Linux departure: pages are never hidden, so XMEM_HIDE and
 * XMEM_UNHIDE change nothing; an attached page stays pinned until
 * xmdetach().  Any context.
 *
 * Return: the physical address, or (void *)XMEM_FAIL when @dp is not
 * attached, @xaddr is not in its buffer (or, with xmem_global, not in the
 * kernel's linear map), or @flags ask a writable page and it is not.
 */
void *xmemdma64(struct xmem *dp, caddr_t xaddr, int flags)
{
	/* checked, and not outbound only: the device will write the page */
	bool write = (flags & (XMEM_ACC_CHK | XMEM_WRITE_ONLY)) == XMEM_ACC_CHK;
	struct dm_xm *xm;
	struct page *page;
	phys_addr_t phys;

	if (dp && dp->aspace_id == XMEM_GLOBAL) {
		if (!virt_addr_valid(xaddr))
			return (void *)XMEM_FAIL;
		return (void *)(unsigned long)virt_to_phys(xaddr);
	}
	if (dm_xm_resolve(dp, xaddr, 1, write, &page, &xm))
		return (void *)XMEM_FAIL;
	phys = page_to_phys(page) + offset_in_page(xaddr);
	dm_xm_put(xm);
	return (void *)(unsigned long)phys;
}
EXPORT_SYMBOL_GPL(xmemdma64);

/**
 * dm_xmem_init() - set up the work queue of the last unpins, at load
 *
 * Return: 0, or -ENOMEM.
 */
int dm_xmem_init(void)
{
	dm_xm_wq = alloc_workqueue("dmamem_xmem", 0, 0);
	return dm_xm_wq ? 0 : -ENOMEM;
}

/**
 * dm_xmem_exit() - release what drivers left attached, at unload
 *
 * After every handle is cleared, so no mapping holds an attachment.
 */
void dm_xmem_exit(void)
{
	unsigned long id, left = 0;
	struct dm_xm *xm;

	destroy_workqueue(dm_xm_wq);	/* the unpins mappings left */
	xa_for_each(&dm_xm_table, id, xm) {
		xa_erase(&dm_xm_table, id);
		left += xm->nr;
		if (refcount_dec_and_test(&xm->ref))
			dm_xm_release(xm);
	}
	if (left)
		pr_warn("%lu page%s still attached by xmattach() at unload: unpinned\n",
			left, left == 1 ? "" : "s");
	rcu_barrier();	/* kvfree_rcu() of the records */
}
