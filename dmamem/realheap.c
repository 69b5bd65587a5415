// SPDX-License-Identifier: GPL-2.0
/*
 * The real heap: physical memory the kernel was told at boot not to use
 * (memmap=SIZE$BASE, or what lies above mem=), named to dmamem by the
 * real_heap= module parameter or by dmamem_real_heap_add().
 *
 * A range is used only after it passes every check: page-aligned, not
 * intersecting System RAM, claimed with request_mem_region() so no other
 * driver can take it, and lying in memory the firmware or the kernel
 * marks reserved, with no device's range in or around it; a range that
 * nothing in /proc/iomem describes (above mem=) only when the caller says
 * so (DMAMEM_REAL_UNLISTED, or :unlisted in real_heap=).  A range that
 * fails a check is refused with a log line saying which check.
 *
 * A range gets struct pages where the kernel can give them:
 * memremap_pages() with MEMORY_DEVICE_GENERIC, on a kernel with
 * ZONE_DEVICE, for a range made of whole memory-hotplug subsections (2 MiB
 * on x86).  Its memory is then RAM to the DMA API: dma_map_page() maps it
 * behind an IOMMU, bounces it where the platform needs that, and keeps
 * caches coherent; the CPU reaches it write-back through the linear map.
 * Otherwise the range is mapped write-back with memremap() and has no
 * struct pages: it can then be given only to a device that reaches RAM at
 * phys_to_dma(), as kernel/dma/coherent.c gives a device's coherent memory
 * (dhandle/seg.c decides).  A log line names a range left without pages.
 *
 * Each range is cut at 16 MiB and 4 GiB into pieces of one address class,
 * and each piece gets an arena (arena.c).  A request searches the classes
 * from the highest its ceiling allows down, and within a class the pieces
 * from the highest down, and each arena places a run as high as the
 * ceiling allows, so scarce low memory goes to those who need it: a
 * 64-bit request takes 24-bit memory only when nothing else can serve it.
 *
 * Locking: dm_real_lock (a mutex) guards the lists of pieces, the
 * counters and every arena, which has no lock of its own.  The list of
 * claims is also read under RCU, by dm_real_resolve() from any context;
 * claims are only added while the module is loaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memremap.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include "arena.h"
#include "heap.h"
#include "realheap.h"
#include "../dhandle/constraints.h"

static char *real_heap;
module_param(real_heap, charp, 0444);
MODULE_PARM_DESC(real_heap,
		 "reserved ranges for the real heap: SIZE@BASE[:unlisted][,...], as in memmap=SIZE$BASE; :unlisted takes a range nothing in /proc/iomem describes (above mem=)");

/* Address classes, highest first: the order requests search them in. */
enum dm_class { DM_CLASS_64, DM_CLASS_32, DM_CLASS_24, DM_NR_CLASSES };

static const char * const dm_class_names[DM_NR_CLASSES] = {
	[DM_CLASS_64] = "above 4 GiB",
	[DM_CLASS_32] = "below 4 GiB",
	[DM_CLASS_24] = "below 16 MiB",
};

/* One range as claimed and mapped; @pgmap holds its struct pages if @paged. */
struct dm_claim {
	struct list_head node;
	struct resource *res;
	void *vaddr;
	phys_addr_t base;
	u64 size;
	bool paged;
	struct dev_pagemap pgmap;
};

/*
 * A piece of a claim inside one address class, with its allocator, its
 * live allocations and the requests it was searched for and could not
 * place (both under dm_real_lock).
 */
struct dm_piece {
	struct list_head node;
	struct dm_claim *claim;
	enum dm_class class;
	struct dm_arena arena;
	unsigned long allocs;
	unsigned long refused;
};

static const unsigned int dm_class_bits[DM_NR_CLASSES] = {
	[DM_CLASS_64] = 64,
	[DM_CLASS_32] = 32,
	[DM_CLASS_24] = 24,
};

static DEFINE_MUTEX(dm_real_lock);
static LIST_HEAD(dm_claims);
/*
 * The lowest and highest kernel addresses of any claim, so that
 * dm_real_resolve(), on every mapping's path, refuses most other memory
 * without walking the claims.  They only widen, before a claim is
 * published, under dm_real_lock.
 */
static unsigned long dm_claims_lo = ULONG_MAX;
static unsigned long dm_claims_hi;
static struct list_head dm_pieces[DM_NR_CLASSES] = {
	LIST_HEAD_INIT(dm_pieces[DM_CLASS_64]),
	LIST_HEAD_INIT(dm_pieces[DM_CLASS_32]),
	LIST_HEAD_INIT(dm_pieces[DM_CLASS_24]),
};

static unsigned long dm_real_allocs;
static size_t dm_real_held;

static enum dm_class dm_class_of(u64 last)
{
	if (last < SZ_16M)
		return DM_CLASS_24;
	if (last < SZ_4G)
		return DM_CLASS_32;
	return DM_CLASS_64;
}

/* Cut a claim at the class lines and give each piece an arena. */
static int dm_real_cut(struct dm_claim *cl, struct list_head *pieces)
{
	u64 start = cl->base, end = cl->base + cl->size, stop;
	struct dm_piece *p;
	int ret;

	while (start < end) {
		stop = start < SZ_16M ? min_t(u64, end, SZ_16M) :
		       start < SZ_4G ? min_t(u64, end, SZ_4G) : end;
		p = kzalloc(sizeof(*p), GFP_KERNEL);
		if (!p)
			return -ENOMEM;
		p->claim = cl;
		p->class = dm_class_of(stop - 1);
		list_add_tail(&p->node, pieces);
		ret = dm_arena_init(&p->arena, PHYS_PFN(start),
				    PHYS_PFN(stop - start));
		if (ret)
			return ret;
		start = stop;
	}
	return 0;
}

static void dm_real_drop_pieces(struct list_head *pieces)
{
	struct dm_piece *p, *next;

	list_for_each_entry_safe(p, next, pieces, node) {
		list_del(&p->node);
		dm_arena_destroy(&p->arena);
		kfree(p);
	}
}

#ifdef CONFIG_ZONE_DEVICE
/*
 * Struct pages for a claim, and its linear mapping.  Memory hot-plug adds
 * memory in whole subsections; a range that is not made of them is left
 * without, as is one the kernel refuses.
 */
static void *dm_real_pages(struct dm_claim *cl, const char **why)
{
	void *vaddr;

	if (!IS_ALIGNED(cl->base | cl->size, SUBSECTION_SIZE)) {
		*why = "not made of whole 2 MiB memory-hotplug subsections";
		return NULL;
	}
	cl->pgmap.type = MEMORY_DEVICE_GENERIC;
	cl->pgmap.range.start = cl->base;
	cl->pgmap.range.end = cl->base + cl->size - 1;
	cl->pgmap.nr_range = 1;
	vaddr = memremap_pages(&cl->pgmap, NUMA_NO_NODE);
	if (IS_ERR(vaddr)) {
		*why = "memremap_pages() refused it";
		return NULL;
	}
	cl->paged = true;
	return vaddr;
}

static void dm_real_unpage(struct dm_claim *cl)
{
	memunmap_pages(&cl->pgmap);
}
#else
static void *dm_real_pages(struct dm_claim *cl, const char **why)
{
	*why = "this kernel has no ZONE_DEVICE";
	return NULL;
}

static void dm_real_unpage(struct dm_claim *cl)
{
}
#endif

/* The claim's CPU mapping: write-back, with struct pages if it can have them. */
static int dm_real_map(struct dm_claim *cl)
{
	const char *why;

	cl->vaddr = dm_real_pages(cl, &why);
	if (cl->vaddr)
		return 0;
	cl->vaddr = memremap(cl->base, cl->size, MEMREMAP_WB);
	if (!cl->vaddr)
		return -ENOMEM;
	pr_info("real heap: [mem %#010llx-%#010llx] has no struct pages (%s): only devices that reach RAM directly can use it\n",
		(u64)cl->base, (u64)cl->base + cl->size - 1, why);
	return 0;
}

static void dm_real_unclaim(struct dm_claim *cl)
{
	if (cl->paged)
		dm_real_unpage(cl);
	else if (cl->vaddr)
		memunmap(cl->vaddr);
	if (cl->res)
		release_mem_region(cl->base, cl->size);
	kfree(cl);
}

/* Does [base, base + size) overlap a range the real heap already has? */
static bool dm_real_has(phys_addr_t base, u64 size)
{
	struct dm_claim *cl;
	bool has = false;

	mutex_lock(&dm_real_lock);
	list_for_each_entry(cl, &dm_claims, node)
		if (base < cl->base + cl->size && cl->base < base + size)
			has = true;
	mutex_unlock(&dm_real_lock);
	return has;
}

/*
 * Is @r memory the firmware or the kernel set aside, which nothing else
 * uses: what memmap=SIZE$BASE makes on x86 ("Reserved"), or a no-map
 * reservation on arm64 ("reserved")?
 */
static bool dm_real_reserved(const struct resource *r)
{
	return r->desc == IORES_DESC_RESERVED && !(r->flags & IORESOURCE_BUSY);
}

/*
 * What @res was placed inside when it was claimed: NULL when every
 * resource holding it is reserved memory, else the innermost one that is
 * not (a PCI bus window, a device's BAR, another driver's region).  A
 * claim at the top level (*unlisted set) is in a range nothing describes.
 *
 * request_mem_region() put @res inside the resources that hold all of it
 * and refused it if it overlapped any other, so its ancestors are all
 * that describe its addresses.  They are read without the resource lock,
 * which is not exported: what they are was settled by the firmware and
 * the bus drivers, and only hot-plug changes it.
 */
static const struct resource *dm_real_container(const struct resource *res,
						bool *unlisted)
{
	const struct resource *p;

	*unlisted = res->parent == &iomem_resource;
	for (p = res->parent; p && p != &iomem_resource; p = p->parent)
		if (!dm_real_reserved(p))
			return p;
	return NULL;
}

/* Every check a range must pass; on failure @why says which. */
static int dm_real_claim(phys_addr_t base, u64 size, unsigned int flags,
			 struct dm_claim **out, char *why, size_t len)
{
	const struct resource *in;
	struct dm_claim *cl;
	bool unlisted;

	if (flags & ~DMAMEM_REAL_UNLISTED) {
		strscpy(why, "unknown flags", len);
		return -EINVAL;
	}
	if (!size || base + size - 1 < base) {
		strscpy(why, "empty or wrapping range", len);
		return -EINVAL;
	}
	if (!PAGE_ALIGNED(base) || !PAGE_ALIGNED(size)) {
		strscpy(why, "not page-aligned", len);
		return -EINVAL;
	}
	if (base + size - 1 > iomem_resource.end) {
		strscpy(why, "beyond the physical address space", len);
		return -EINVAL;
	}
	if (region_intersects(base, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		strscpy(why, "intersects System RAM (reserve it with memmap=SIZE$BASE or mem=)",
			len);
		return -EBUSY;
	}
	if (dm_real_has(base, size)) {
		strscpy(why, "overlaps a range the real heap has already", len);
		return -EBUSY;
	}
	strscpy(why, "out of memory", len);
	cl = kzalloc(sizeof(*cl), GFP_KERNEL);
	if (!cl)
		return -ENOMEM;
	cl->base = base;
	cl->size = size;
	cl->res = request_mem_region(base, size, KBUILD_MODNAME);
	if (!cl->res) {
		kfree(cl);
		strscpy(why,
			"overlaps a device or another driver's claim, or more than one range (see /proc/iomem)",
			len);
		return -EBUSY;
	}
	in = dm_real_container(cl->res, &unlisted);
	if (in) {
		snprintf(why, len,
			 "inside \"%s\", a device's or a driver's range, not reserved memory (see /proc/iomem)",
			 in->name ?: "?");
		dm_real_unclaim(cl);
		return -EBUSY;
	}
	if (unlisted && !(flags & DMAMEM_REAL_UNLISTED)) {
		dm_real_unclaim(cl);
		strscpy(why,
			"nothing in /proc/iomem describes it (if it is RAM kept from the kernel with mem=, add :unlisted)",
			len);
		return -ENXIO;
	}
	if (dm_real_map(cl)) {
		dm_real_unclaim(cl);
		strscpy(why, "cannot be mapped", len);
		return -ENOMEM;
	}
	if (unlisted)
		pr_notice("real heap: taking [mem %#010llx-%#010llx], which nothing in /proc/iomem describes, as asked (unlisted)\n",
			  (u64)base, (u64)base + size - 1);
	*out = cl;
	return 0;
}

/* Into its class's list, which is kept highest piece first. */
static void dm_real_insert(struct dm_piece *p)
{
	struct list_head *pos = &dm_pieces[p->class];
	struct dm_piece *q;

	lockdep_assert_held(&dm_real_lock);
	list_for_each_entry(q, &dm_pieces[p->class], node) {
		if (q->arena.first < p->arena.first) {
			pos = &q->node;
			break;
		}
	}
	list_move_tail(&p->node, pos);
}

/**
 * dmamem_real_heap_add_flags() - give the real heap a reserved range
 * @base: physical address of the range, page-aligned
 * @size: size of the range in bytes, page-aligned
 * @flags: 0, or DMAMEM_REAL_UNLISTED to accept a range that nothing in
 *	/proc/iomem describes (RAM the kernel was kept from with mem=)
 *
 * The range must lie in memory the firmware or the kernel marks reserved
 * (what memmap=SIZE$BASE makes) or, with DMAMEM_REAL_UNLISTED, where
 * nothing is described at all.  It must not touch System RAM, a device's
 * range (a PCI bus window or BAR, anything else in /proc/iomem that is
 * not reserved memory, even inside a reserved range) or another
 * driver's claim.  dmamem claims it until it is unloaded.  One log line
 * says what was accepted, or which check refused the range.
 *
 * Linux departure.  Process context only.
 *
 * Return: 0; -EINVAL (empty, unaligned, beyond the physical address
 * space, or unknown @flags), -EBUSY (System RAM, a device's range, or
 * claimed already), -ENXIO (described by nothing, and @flags lacks
 * DMAMEM_REAL_UNLISTED), -ENOMEM.
 */
int dmamem_real_heap_add_flags(phys_addr_t base, u64 size, unsigned int flags)
{
	struct dm_claim *cl = NULL;
	struct dm_piece *p, *next;
	LIST_HEAD(pieces);
	char why[160];
	int ret;

	might_sleep();
	ret = dm_real_claim(base, size, flags, &cl, why, sizeof(why));
	if (!ret) {
		strscpy(why, "out of memory", sizeof(why));
		ret = dm_real_cut(cl, &pieces);
	}
	if (ret) {
		dm_real_drop_pieces(&pieces);
		if (cl)
			dm_real_unclaim(cl);
		pr_warn("real heap: refusing [mem %#010llx-%#010llx]: %s\n",
			(u64)base, (u64)base + size - 1, why);
		return ret;
	}

	mutex_lock(&dm_real_lock);
	WRITE_ONCE(dm_claims_lo, min_t(unsigned long, dm_claims_lo,
				       (unsigned long)cl->vaddr));
	WRITE_ONCE(dm_claims_hi, max_t(unsigned long, dm_claims_hi,
				       (unsigned long)cl->vaddr + cl->size));
	list_add_tail_rcu(&cl->node, &dm_claims);
	list_for_each_entry_safe(p, next, &pieces, node) {
		dm_real_insert(p);
		pr_info("real heap: [mem %#010llx-%#010llx] %llu KiB, %s\n",
			(u64)PFN_PHYS(p->arena.first),
			(u64)PFN_PHYS(p->arena.first + p->arena.pages) - 1,
			(u64)PFN_PHYS(p->arena.pages) / SZ_1K,
			dm_class_names[p->class]);
	}
	mutex_unlock(&dm_real_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(dmamem_real_heap_add_flags);

/**
 * dmamem_real_heap_add() - give the real heap a reserved range
 * @base: physical address of the range, page-aligned
 * @size: size of the range in bytes, page-aligned
 *
 * dmamem_real_heap_add_flags() with no flags: the range must lie in
 * memory the firmware or the kernel marks reserved.
 *
 * Linux departure.  Process context only.
 *
 * Return: as dmamem_real_heap_add_flags().
 */
int dmamem_real_heap_add(phys_addr_t base, u64 size)
{
	return dmamem_real_heap_add_flags(base, size, 0);
}
EXPORT_SYMBOL_GPL(dmamem_real_heap_add);

/**
 * dm_real_init() - take the ranges named by the real_heap= parameter
 *
 * A range that cannot be parsed or fails a check is logged and skipped;
 * the others are used.
 */
void dm_real_init(void)
{
	char *s = real_heap, *end;
	unsigned int flags;
	u64 size, base;
	size_t len;

	while (s && *s) {
		size = memparse(s, &end);
		if (end == s || *end != '@')
			goto bad;
		s = end + 1;
		base = memparse(s, &end);
		if (end == s)
			goto bad;
		flags = 0;
		len = str_has_prefix(end, ":unlisted");
		if (len) {
			flags |= DMAMEM_REAL_UNLISTED;
			end += len;
		}
		if (*end && *end != ',')
			goto bad;
		dmamem_real_heap_add_flags(base, size, flags);
		s = *end ? end + 1 : end;
	}
	return;
bad:
	pr_warn("real heap: cannot parse real_heap=%s at \"%s\": want SIZE@BASE[:unlisted][,SIZE@BASE[:unlisted]...]\n",
		real_heap, s);
}

/**
 * dm_real_exit() - give every range back; no allocation may be left
 */
void dm_real_exit(void)
{
	struct dm_claim *cl, *next;
	unsigned int c;

	for (c = 0; c < DM_NR_CLASSES; c++)
		dm_real_drop_pieces(&dm_pieces[c]);
	list_for_each_entry_safe(cl, next, &dm_claims, node) {
		list_del(&cl->node);
		dm_real_unclaim(cl);
	}
}

/**
 * dm_real_resolve() - the physical address of memory in the real heap
 * @vaddr: a kernel virtual address
 * @phys: receives the physical address of @vaddr
 * @avail: receives the bytes from @vaddr to the end of its range
 * @page: receives the page holding @vaddr, or NULL when its range has no
 *	struct pages
 *
 * Any context.
 *
 * Return: true if @vaddr lies in a range of the real heap.
 */
bool dm_real_resolve(const void *vaddr, phys_addr_t *phys, size_t *avail,
		     struct page **page)
{
	unsigned long addr = (unsigned long)vaddr;
	struct dm_claim *cl;
	bool found = false;
	size_t off;

	if (addr < READ_ONCE(dm_claims_lo) || addr >= READ_ONCE(dm_claims_hi))
		return false;
	rcu_read_lock();
	list_for_each_entry_rcu(cl, &dm_claims, node) {
		if (vaddr < cl->vaddr || vaddr >= cl->vaddr + cl->size)
			continue;
		off = vaddr - cl->vaddr;
		*phys = cl->base + off;
		*avail = cl->size - off;
		*page = cl->paged ? pfn_to_page(PHYS_PFN(*phys)) : NULL;
		found = true;
		break;
	}
	rcu_read_unlock();
	return found;
}

static void dm_real_request(const struct dm_constraints *c, size_t size,
			    unsigned int align, struct dm_arena_req *r)
{
	r->pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	r->align = align > PAGE_SHIFT ? 1UL << (align - PAGE_SHIFT) : 1;
	r->boundary = c->boundary > PAGE_SIZE ? c->boundary >> PAGE_SHIFT : 0;
	r->lowest = c->no_zero_addr ? 1 : 0;
	r->limit = DM_PFN_LIMIT(unsigned long, c->phys_mask, PAGE_SHIFT);
	/* a 64-bit mask where page frame numbers are 32 bits must not wrap */
	BUILD_BUG_ON(DM_PFN_LIMIT(u32, U64_MAX, 12) != U32_MAX);
	BUILD_BUG_ON(DM_PFN_LIMIT(u32, U32_MAX, 12) != 1U << 20);
}

/**
 * dm_real_alloc() - serve a request from the real heap
 * @c: the handle's constraints
 * @size: bytes requested, not 0 and no larger than the handle's boundary
 * @align: log2 of the alignment of the first byte
 * @a: filled in on success: backing, vaddr, phys, span, piece
 * @why: on failure, set to a sentence saying why
 *
 * The memory is physically contiguous and zeroed.
 *
 * Return: 0; -ENOMEM when no range has room that meets the constraints.
 */
int dm_real_alloc(const struct dm_constraints *c, size_t size,
		  unsigned int align, struct dm_alloc *a, const char **why)
{
	struct dm_arena_req r;
	struct dm_piece *p;
	unsigned long pfn;
	int cls;

	if (align >= BITS_PER_LONG - 1) {
		*why = "alignment larger than any range";
		return -EINVAL;
	}
	dm_real_request(c, size, align, &r);
	mutex_lock(&dm_real_lock);
	for (cls = 0; cls < DM_NR_CLASSES; cls++) {
		list_for_each_entry(p, &dm_pieces[cls], node) {
			if (p->arena.first >= r.limit)
				continue;
			if (!dm_arena_alloc(&p->arena, &r, &pfn))
				goto found;
			p->refused++;
		}
	}
	mutex_unlock(&dm_real_lock);
	*why = "no reserved range has room that meets the constraints";
	return -ENOMEM;

found:
	p->allocs++;
	dm_real_allocs++;
	dm_real_held += PFN_PHYS(r.pages);
	mutex_unlock(&dm_real_lock);

	a->backing = DM_REAL;
	a->piece = p;
	a->phys = PFN_PHYS(pfn);
	a->span = PFN_PHYS(r.pages);
	a->vaddr = p->claim->vaddr + (a->phys - p->claim->base);
	memset(a->vaddr, 0, a->span);
	return 0;
}

/**
 * dm_real_free() - give an allocation back to its range
 * @a: an allocation made by dm_real_alloc()
 */
void dm_real_free(struct dm_alloc *a)
{
	struct dm_piece *p = a->piece;

	mutex_lock(&dm_real_lock);
	WARN_ON(dm_arena_free(&p->arena, PHYS_PFN(a->phys),
			      a->span >> PAGE_SHIFT));
	p->allocs--;
	dm_real_allocs--;
	dm_real_held -= a->span;
	mutex_unlock(&dm_real_lock);
}

/**
 * dm_real_info() - what the real heap holds
 * @info: filled in
 */
void dm_real_info(struct dmamem_heap_info *info)
{
	mutex_lock(&dm_real_lock);
	info->allocations = dm_real_allocs;
	info->held = dm_real_held;
	mutex_unlock(&dm_real_lock);
}

/* The piece of @cl in class @cls, or NULL. */
static struct dm_piece *dm_real_piece(struct dm_claim *cl, int cls)
{
	struct dm_piece *p;

	lockdep_assert_held(&dm_real_lock);
	list_for_each_entry(p, &dm_pieces[cls], node)
		if (p->claim == cl)
			return p;
	return NULL;
}

static void dm_real_describe(struct dm_piece *p, unsigned int range,
			     struct dm_real_piece_info *pi)
{
	struct dm_arena_stat st;

	lockdep_assert_held(&dm_real_lock);
	dm_arena_stat(&p->arena, &st);
	pi->range = range;
	pi->base = PFN_PHYS(p->arena.first);
	pi->size = PFN_PHYS((u64)p->arena.pages);
	pi->bits = dm_class_bits[p->class];
	pi->free = PFN_PHYS((u64)st.free);
	pi->largest = PFN_PHYS((u64)st.largest);
	pi->extents = st.extents;
	pi->allocations = p->allocs;
	pi->refused = p->refused;
	pi->arena = &p->arena;
}

/**
 * dm_real_walk() - visit every piece of every reserved range
 * @fn: called for each piece, under the real heap's lock (so no
 *	allocation or free of the real heap is made meanwhile, and @fn may
 *	sleep); a non-zero return stops the walk
 * @arg: passed to @fn
 *
 * Ranges come in the order they were added, and the pieces of a range
 * lowest first.
 *
 * Return: 0, or what @fn returned to stop the walk.
 */
int dm_real_walk(int (*fn)(const struct dm_real_piece_info *pi, void *arg),
		 void *arg)
{
	struct dm_real_piece_info pi;
	unsigned int range = 0;
	struct dm_claim *cl;
	struct dm_piece *p;
	int cls, ret = 0;

	mutex_lock(&dm_real_lock);
	list_for_each_entry(cl, &dm_claims, node) {
		for (cls = DM_NR_CLASSES - 1; cls >= 0 && !ret; cls--) {
			p = dm_real_piece(cl, cls);
			if (!p)
				continue;
			dm_real_describe(p, range, &pi);
			ret = fn(&pi, arg);
		}
		if (ret)
			break;
		range++;
	}
	mutex_unlock(&dm_real_lock);
	return ret;
}
