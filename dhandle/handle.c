// SPDX-License-Identifier: GPL-2.0
/*
 * Handles: d_map_init() and d_map_clear(), and the references that keep a
 * handle alive while a call on it is in flight.
 *
 * Every handle remembers the module that created it; when that module
 * unloads with handles still live, they are cleared and one warning names
 * the module and what was reclaimed.  Each live handle also holds a
 * reference on dmamem itself, so dmamem cannot unload under it.
 *
 * Locking: none of its own beyond what registry.c and dmamem/owned.c take.  A
 * handle is freed, through the quarantine, when its last reference goes:
 * the registry holds one until d_map_clear(), and every call in flight
 * that may sleep holds one.  The calls that never sleep (the mapping
 * services and the pools' fast paths) hold none: they use the handle
 * under dm_fast_enter(), and its memory and its device outlive them by an
 * RCU grace period.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include "dhandle.h"
#include "mapping.h"

static DEFINE_IDA(dm_handle_ida);

/**
 * dm_handle_refused() - log a call refused for want of a live handle
 * @handle: what the driver passed in
 * @caller: the service's name
 */
void dm_handle_refused(d_handle_t handle, const char *caller)
{
	pr_warn_ratelimited("%s: %p is not a live handle\n", caller, handle);
}

/**
 * dm_handle_get() - validate a driver's handle and pin it for one call
 * @handle: what the driver passed in
 * @caller: the service's name, for the log line on a bad handle
 *
 * Return: the live handle, to be released with dm_handle_put(), or NULL
 * (logged) when @handle is not a live handle.
 */
struct dm_handle *dm_handle_get(d_handle_t handle, const char *caller)
{
	struct dm_handle *dh = dm_registry_lookup(handle);

	if (!dh)
		dm_handle_refused(handle, caller);
	return dh;
}

/**
 * dm_handle_hold() - pin a handle found with dm_handle_find_rcu()
 * @dh: the handle, under the same RCU read side
 * @caller: the service's name, for the log line if it was freed meanwhile
 *
 * Return: true with a reference to drop with dm_handle_put(); false
 * (logged) when the handle's last reference went meanwhile.
 */
bool dm_handle_hold(struct dm_handle *dh, const char *caller)
{
	if (refcount_inc_not_zero(&dh->ref))
		return true;
	dm_handle_refused(&dh->pub, caller);
	return false;
}

/**
 * dm_handle_free() - free a handle's memory, as an RCU callback
 * @rcu: the handle's @rcu
 *
 * Called once the handle leaves quarantine and concurrent readers under
 * RCU are done with it.
 */
void dm_handle_free(struct rcu_head *rcu)
{
	struct dm_handle *dh = container_of(rcu, struct dm_handle, rcu);

	dm_owner_destroy(&dh->mem);	/* emptied by d_map_clear() */
	dm_maps_destroy(&dh->maps);
	kfree(dh->slave);
	kfree(dh);
}

/*
 * The last reference's release: the handle's device reference, then the
 * quarantine.  Process context, as a device's release may sleep.  The
 * handle left the registry, and the calls that use it without a reference
 * were waited for, in dm_handle_clear().
 */
static void dm_handle_release(struct dm_handle *dh)
{
	if (dh->dev)
		put_device(dh->dev);
	dm_quarantine_add(dh);
}

/* The release, for a last reference dropped where nothing may sleep. */
static struct workqueue_struct *dm_release_wq;

static void dm_handle_release_work(struct work_struct *work)
{
	dm_handle_release(container_of(work, struct dm_handle, release));
}

/**
 * dm_handle_put() - drop a reference; the last one frees the handle
 * @dh: the handle
 *
 * Any context: a call that holds a reference (d_map_enable(), the slave
 * services) may run at interrupt level, and one still in flight when
 * d_map_clear() drops the registry's reference holds the last.  A bound
 * handle's device reference is then dropped later, from a work item.
 */
void dm_handle_put(struct dm_handle *dh)
{
	if (!refcount_dec_and_test(&dh->ref))
		return;
	ida_free(&dm_handle_ida, dh->pub.id);
	if (dh->dev) {
		INIT_WORK(&dh->release, dm_handle_release_work);
		queue_work(dm_release_wq, &dh->release);
	} else {
		dm_quarantine_add(dh);
	}
}

/*
 * Drop a reference in process context: a last one is released before
 * this returns, so a driver whose d_map_clear() drops it may unload the
 * device's module at once.
 */
static void dm_handle_put_sync(struct dm_handle *dh)
{
	might_sleep();
	if (!refcount_dec_and_test(&dh->ref))
		return;
	ida_free(&dm_handle_ida, dh->pub.id);
	dm_handle_release(dh);
}

/* Everything d_map_init() checks before it allocates; *devp is referenced. */
static int dm_handle_check(int bid, int flags, int bus_flags, uint channel,
			   struct dm_constraints *c, struct device **devp,
			   const char **why)
{
	int ret;

	*devp = NULL;
	if (bus_flags) {
		*why = "bus_flags must be 0";
		return -EINVAL;
	}
	ret = dm_constraints_from_flags(flags, channel, c, why);
	if (ret)
		return ret;
	ret = dm_bind_resolve(bid, devp, why);
	if (ret)
		return ret;
	if (*devp && (flags & DMA_SLAVE)) {
		*why = "DMA_SLAVE names the ISA system DMA controller, not a bound device";
		put_device(*devp);
		*devp = NULL;
		return -EINVAL;
	}
	if (*devp && dm_bind_constrain(*devp, c))
		pr_info("bid %#x: %s reaches only %#llx: the handle takes that ceiling\n",
			bid, dev_name(*devp), c->dma_mask);
	if (*devp && !dm_bind_reachable(*devp, c)) {
		*why = "behind an IOMMU, bus addresses meet the device's mask, not this ceiling";
		put_device(*devp);
		*devp = NULL;
		return -ERANGE;
	}
	return 0;
}

/**
 * dm_handle_create() - build a handle and publish it
 * @caller: the service's name, for the log line
 * @bid: bus identifier: 0 or an ISA bid for no device, or a bid from
 *	dmamem_device_bid()
 * @flags: DMA_* init flags
 * @bus_flags: must be 0
 * @channel: ISA DMA channel for DMA_SLAVE
 * @name: the mapper name, or NULL
 * @owner: the calling module, or NULL
 * @out: receives the handle
 *
 * A refusal is logged, and so is a shortage unless @flags has
 * DMA_MAXMIN_QUIET.
 *
 * Return: 0; -EINVAL (invalid flags or arguments), -ENODEV (the bid names
 * no device), -EBUSY (a DMA_SLAVE channel another driver holds), -ENOMEM.
 */
int dm_handle_create(const char *caller, int bid, int flags, int bus_flags,
		     uint channel, const char *name, struct module *owner,
		     struct dm_handle **out)
{
	struct dm_constraints c;
	struct device *dev;
	struct dm_handle *dh;
	const char *why;
	int id, ret;

	might_sleep();
	ret = dm_handle_check(bid, flags, bus_flags, channel, &c, &dev, &why);
	if (ret)
		goto refuse;

	ret = -ENOMEM;
	dh = kzalloc(sizeof(*dh), GFP_KERNEL);
	if (!dh)
		goto short_of_memory;
	id = ida_alloc_min(&dm_handle_ida, 1, GFP_KERNEL);
	if (id < 0) {
		kfree(dh);
		goto short_of_memory;
	}

	dh->pub.id = id;
	dh->pub.flags = flags;
	dh->pub.bid = bid;
	dh->pub.d_map_page = d_map_page;
	dh->pub.d_unmap_page = d_unmap_page;
	dh->pub.d_map_list = d_map_list;
	dh->pub.d_unmap_list = d_unmap_list;
	dh->pub.d_map_slave = d_map_slave;
	dh->pub.d_unmap_slave = d_unmap_slave;
	dh->pub.d_map_disable = d_map_disable;
	dh->pub.d_map_enable = d_map_enable;
	dh->pub.d_map_clear = d_map_clear;
	dh->pub.d_sync_mem = d_sync_mem;
	dh->c = c;
	dh->dev = dev;
	if (name)
		strscpy(dh->name, name, sizeof(dh->name));
	if (owner)
		strscpy(dh->owner, owner->name, sizeof(dh->owner));
	dh->module = owner;
	refcount_set(&dh->ref, 1);
	dm_owner_init(&dh->mem, id, &dh->c, dev);
	dm_maps_init(&dh->maps);
	if (flags & DMA_SLAVE) {
		ret = dm_slave_open(dh, channel, &why);
		if (ret) {
			dm_owner_destroy(&dh->mem);
			ida_free(&dm_handle_ida, id);
			kfree(dh);
			goto refuse;
		}
	}
	__module_get(THIS_MODULE);	/* put when the handle is cleared */
	dm_registry_add(dh);
	*out = dh;
	return 0;

short_of_memory:
	/* DMA_MAXMIN_QUIET silences resource shortages, as on AIX. */
	if (flags & DMA_MAXMIN_QUIET)
		goto out;
	why = "out of memory";
refuse:
	/* Hexadecimal with 0x, but 0 as 0, as d_map_init(9) shows the line. */
	pr_warn("%s(bid %s%x, flags %s%x, bus_flags %s%x, channel %u): %s\n",
		caller, bid ? "0x" : "", bid, flags ? "0x" : "", flags,
		bus_flags ? "0x" : "", bus_flags, channel, why);
out:
	if (dev)
		put_device(dev);
	return ret;
}

/* The functions of the AIX names, below, are called through these macros. */
#undef d_map_init

/**
 * dmamem_map_init() - create a DMA handle owned by a module
 * @bid: bus identifier: a bid from dmamem_device_bid() binds the handle
 *	to that device; 0 or an ISA bid makes a handle without a device
 * @flags: DMA_* init flags, AIX values, plus the Linux departures
 *	DMA_ADDRESS_BITS(), DMA_BOUNDARY() and DMA_HEAP_*
 * @bus_flags: must be 0; AIX defines no bus flags
 * @channel: ISA DMA channel for DMA_SLAVE; ignored otherwise
 * @owner: the calling module (THIS_MODULE), or NULL for none
 *
 * What a call of d_map_init() becomes.  Linux departure.  Without
 * DMA_ADDRESS_64_BIT (or DMA_ADDRESS_BITS()) the adapter reaches 32 bits.
 * A handle bound to a device takes the device's DMA mask as its ceiling
 * when that is lower.  When @owner unloads with the handle still live, the
 * handle is cleared.  Process context only.
 *
 * Return: the handle, or (d_handle_t)DMA_FAIL with a log line when the
 * flags or the bid are invalid or memory is short (with
 * DMA_MAXMIN_QUIET, a shortage is not logged).
 */
d_handle_t dmamem_map_init(int bid, int flags, int bus_flags, uint channel,
			   struct module *owner)
{
	struct dm_handle *dh;

	if (dm_handle_create("d_map_init", bid, flags, bus_flags, channel,
			     NULL, owner, &dh))
		return (d_handle_t)DMA_FAIL;
	return &dh->pub;
}
EXPORT_SYMBOL(dmamem_map_init);

/**
 * d_map_init() - create a DMA handle recording an adapter's constraints
 * @bid: bus identifier, as for dmamem_map_init()
 * @flags: DMA_* init flags, as for dmamem_map_init()
 * @bus_flags: must be 0
 * @channel: ISA DMA channel for DMA_SLAVE; ignored otherwise
 *
 * A call of d_map_init() in a driver is a call of dmamem_map_init() with
 * the driver's module as owner; this function is what its address names,
 * and makes a handle with no owner.  Process context only.
 *
 * Return: as dmamem_map_init().
 */
d_handle_t d_map_init(int bid, int flags, int bus_flags, uint channel)
{
	return dmamem_map_init(bid, flags, bus_flags, channel, NULL);
}
EXPORT_SYMBOL(d_map_init);

/* Unmap what is still mapped: before the memory it maps is freed. */
static void dm_handle_unmap_all(struct dm_handle *dh, const char *why)
{
	struct hlist_node *next;
	HLIST_HEAD(left);
	struct dm_map *m;
	unsigned long n;

	n = dm_maps_close(dh, &left);
	hlist_for_each_entry_safe(m, next, &left, node)
		dm_map_release(dh, m);
	if (n)
		pr_warn("handle %u %s with %lu mapping%s outstanding: unmapped\n",
			dh->pub.id, why, n, n == 1 ? "" : "s");
}

/*
 * Take a handle out of service and give back everything it still holds,
 * counting it into *@count allocations and *@bytes bytes.  False if the
 * handle was already out of service.
 */
static bool dm_handle_clear(struct dm_handle *dh, const char *why,
			    unsigned long *count, size_t *bytes)
{
	if (!dm_registry_remove(dh))
		return false;
	/*
	 * The mapping services use a handle and its device under
	 * dm_fast_enter() with no reference: one that found this handle
	 * before it left the registry finishes before its mappings and
	 * memory are taken back and its device let go of.
	 */
	if (dh->dev)
		synchronize_rcu();
	dm_slave_close(dh);
	dm_handle_unmap_all(dh, why);
	dm_mem_reclaim(&dh->mem, count, bytes);
	dm_handle_put_sync(dh);	/* the registry's reference */
	module_put(THIS_MODULE);
	return true;
}

static const char *dm_plural(unsigned long n)
{
	return n == 1 ? "" : "s";
}

/**
 * d_map_clear() - end a DMA handle
 * @handle: a handle from d_map_init()
 *
 * Allocations still outstanding on the handle are reclaimed, and the
 * kernel log says how many and how many bytes.  A handle that is not live
 * is logged and otherwise ignored.  Process context only.
 */
void d_map_clear(d_handle_t handle)
{
	struct dm_handle *dh;
	unsigned long count = 0;
	size_t bytes = 0;
	unsigned int id;

	might_sleep();
	dh = dm_handle_get(handle, "d_map_clear");
	if (!dh)
		return;
	id = dh->pub.id;
	if (dm_handle_clear(dh, "cleared", &count, &bytes) && count)
		pr_warn("handle %u cleared with %lu allocation%s outstanding (%zu bytes): reclaimed\n",
			id, count, dm_plural(count), bytes);
	dm_handle_put_sync(dh);
}
EXPORT_SYMBOL(d_map_clear);

/* Clear the handles an unloading module left live, with one warning. */
static void dm_handles_clear_module(struct module *mod)
{
	unsigned long handles = 0, count = 0;
	struct dm_handle *dh;
	size_t bytes = 0;

	while ((dh = dm_registry_first_of(mod))) {
		if (dm_handle_clear(dh, "left by its module", &count, &bytes))
			handles++;
		dm_handle_put_sync(dh);
	}
	if (handles)
		pr_warn("module %s unloaded with %lu handle%s live: cleared, %lu allocation%s (%zu bytes) reclaimed\n",
			mod->name, handles, dm_plural(handles), count,
			dm_plural(count), bytes);
}

static int dm_handles_module_event(struct notifier_block *nb,
				   unsigned long state, void *data)
{
	/* After the module's exit, or after its init failed. */
	if (state == MODULE_STATE_GOING)
		dm_handles_clear_module(data);
	return NOTIFY_DONE;
}

static struct notifier_block dm_handles_module_nb = {
	.notifier_call = dm_handles_module_event,
};

/**
 * dm_handles_init() - start watching for modules that unload with handles
 *
 * Return: 0, or a negative errno.
 */
int dm_handles_init(void)
{
	int ret;

	dm_release_wq = alloc_workqueue("dmamem_release", 0, 0);
	if (!dm_release_wq)
		return -ENOMEM;
	ret = register_module_notifier(&dm_handles_module_nb);
	if (ret)
		destroy_workqueue(dm_release_wq);
	return ret;
}

/**
 * dm_handles_exit() - at module unload, clear any handle still live
 *
 * Every live handle holds a reference on dmamem, so normally none is
 * left; only a forced unload finds one.
 */
void dm_handles_exit(void)
{
	struct dm_handle *dh;

	unregister_module_notifier(&dm_handles_module_nb);
	while ((dh = dm_registry_first())) {
		unsigned long count = 0;
		unsigned int id = dh->pub.id;
		size_t bytes = 0;

		if (dm_handle_clear(dh, "still live at unload", &count, &bytes))
			pr_warn("handle %u still live at unload, with %lu allocation%s (%zu bytes): reclaimed\n",
				id, count, dm_plural(count), bytes);
		dm_handle_put_sync(dh);
	}
	destroy_workqueue(dm_release_wq);	/* the last device releases */
	dm_quarantine_exit();
	rcu_barrier();	/* let the RCU frees finish before the module goes */
}

/**
 * dmamem_handle_info() - what a handle asks for and what it holds
 * @handle: a live handle
 * @info: filled in on success
 *
 * Linux departure.
 *
 * Return: 0, or -EINVAL when @handle is not a live handle or @info is NULL.
 */
int dmamem_handle_info(d_handle_t handle, struct dmamem_handle_info *info)
{
	struct dm_handle *dh;

	if (!info)
		return -EINVAL;
	dh = dm_handle_get(handle, "dmamem_handle_info");
	if (!dh)
		return -EINVAL;

	info->id = dh->pub.id;
	info->dma_mask = dh->c.dma_mask;
	info->boundary = dh->c.boundary;
	info->contiguous = dh->c.contiguous;
	info->no_zero_addr = dh->c.no_zero_addr;
	dm_mem_count(&dh->mem, info);
	info->mappings = dm_maps_count(dh);
	info->device = dh->dev;
	strscpy(info->mapper_name, dh->name, sizeof(info->mapper_name));
	strscpy(info->owner, dh->owner, sizeof(info->owner));

	dm_handle_put(dh);
	return 0;
}
EXPORT_SYMBOL_GPL(dmamem_handle_info);
