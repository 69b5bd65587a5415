// SPDX-License-Identifier: GPL-2.0
/*
 * The mapping services under concurrency, on whatever DMA path the VM
 * was booted with: threads bound to every online CPU map, sync and unmap
 * pieces of dmamem's own memory and of pages from the page allocator, on
 * handles of their own and then all on one shared handle.  The device is qemu's edu
 * device when there is one, so behind an IOMMU the bus addresses are
 * IOVAs; each is checked against the buffer's physical address: an IOVA
 * must translate to it, a direct address must be its DMA address, and
 * only memory that is not dmamem's own may be bounced.
 *
 * The run is bounded by operation counts, not by time.
 */
#include <linux/dma-direct.h>
#include <linux/iommu.h>
#include <linux/kthread.h>
#include <linux/pci.h>
#include <linux/gfp.h>
#include <sys/dma.h>
#include "dmtest.h"

#define MS_THREADS_PER_CPU	2
#define MS_OPS			1500
#define MS_OWN			6	/* buffers from d_alloc_dmamem() */
#define MS_OTHER		3	/* pages from the page allocator */
#define MS_BUFS			(MS_OWN + MS_OTHER)

/*
 * d_map_page() of memory that is not dmamem's own maps the rest of the
 * page, as on AIX, so the other buffers are whole pages.
 */
static const size_t ms_sizes[MS_BUFS] = {
	64, 200, 1024, PAGE_SIZE, 2 * PAGE_SIZE, 8 * PAGE_SIZE,
	PAGE_SIZE, 2 * PAGE_SIZE, PAGE_SIZE,
};

struct ms_thread {
	struct task_struct *task;
	struct completion done;
	struct device *dev;
	d_handle_t h;
	u8 *buf[MS_BUFS];
	unsigned int cpu;
	u32 seed;
	unsigned long maps, syncs, errors;
};

static u32 ms_rand(struct ms_thread *t)
{
	t->seed ^= t->seed << 13;
	t->seed ^= t->seed >> 17;
	t->seed ^= t->seed << 5;
	return t->seed;
}

/*
 * Is @bus right for the byte at @phys?  Behind an IOMMU it translates to
 * it; else it is its DMA address, or, for memory that is not dmamem's own
 * (@may_bounce), a bounce slot the device reaches.
 */
static bool ms_bus_ok(struct device *dev, ulong bus, phys_addr_t phys,
		      bool may_bounce)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(dev);

	if (dom && dom->type != IOMMU_DOMAIN_IDENTITY)
		return iommu_iova_to_phys(dom, bus) == phys;
	if (bus == phys_to_dma(dev, phys))
		return true;
	return may_bounce && bus <= dma_get_mask(dev);
}

static void ms_error(struct ms_thread *t, const char *what, int i, ulong bus)
{
	if (++t->errors <= 5)
		pr_err("dmamem map stress: cpu %u, buffer %d (%zu bytes): %s (bus %#lx)\n",
		       t->cpu, i, ms_sizes[i], what, bus);
}

static void ms_one(struct ms_thread *t)
{
	int i = ms_rand(t) % MS_BUFS;
	size_t off = ms_rand(t) % min_t(size_t, ms_sizes[i], PAGE_SIZE);
	int flags = ms_rand(t) % 2 ? DMA_READ : 0;
	struct d_iovec v;
	struct dio bus = { .total_iovecs = 1, .used_iovecs = 1, .dvec = &v };
	u8 *p = t->buf[i] + off;
	ulong ba;
	int ret;

	ret = D_MAP_PAGE(t->h, flags, p, &ba, xmem_global);
	if (ret != DMA_SUCC) {
		ms_error(t, "D_MAP_PAGE refused", i, 0);
		return;
	}
	t->maps++;
	if (!ms_bus_ok(t->dev, ba, dmt_phys(p), i >= MS_OWN))
		ms_error(t, "wrong bus address", i, ba);
	if (ms_rand(t) % 2) {
		v = (struct d_iovec) { .iov_base = (caddr_t)ba, .iov_len = 1 };
		if (D_SYNC_MEM(t->h, &bus) != DMA_SUCC)
			ms_error(t, "D_SYNC_MEM refused", i, ba);
		t->syncs++;
	}
	D_UNMAP_PAGE(t->h, &ba);
}

static int ms_worker(void *arg)
{
	struct ms_thread *t = arg;
	unsigned int n;

	for (n = 0; n < MS_OPS; n++) {
		ms_one(t);
		cond_resched();
	}
	complete(&t->done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void ms_buffers_get(struct kunit *test, struct ms_thread *t)
{
	unsigned int i;

	for (i = 0; i < MS_BUFS; i++) {
		t->buf[i] = i < MS_OWN ? d_alloc_dmamem(t->h, ms_sizes[i], 0) :
			    (u8 *)__get_free_pages(GFP_KERNEL, get_order(ms_sizes[i]));
		KUNIT_ASSERT_NOT_NULL(test, t->buf[i]);
	}
}

static void ms_buffers_put(struct kunit *test, struct ms_thread *t)
{
	unsigned int i;

	for (i = 0; i < MS_BUFS; i++) {
		if (i < MS_OWN)
			KUNIT_EXPECT_EQ(test, d_free_dmamem(t->h, t->buf[i], ms_sizes[i]), 0);
		else
			free_pages((unsigned long)t->buf[i], get_order(ms_sizes[i]));
	}
}

/* The edu device when the VM has one, else a device the kernel maps directly. */
static struct device *ms_device(struct kunit *test, struct pci_dev **pdev)
{
	*pdev = pci_get_device(0x1234, 0x11e8, NULL);	/* qemu edu */
	return *pdev ? &(*pdev)->dev : dmt_device(test, 64);
}

static void ms_run(struct kunit *test, bool shared)
{
	unsigned int n = num_online_cpus() * MS_THREADS_PER_CPU;
	unsigned long maps = 0, syncs = 0, errors = 0;
	struct dmamem_handle_info info;
	struct ms_thread *t;
	struct pci_dev *pdev;
	struct device *dev;
	unsigned int i, cpu;
	d_handle_t one;

	dev = ms_device(test, &pdev);
	t = kunit_kcalloc(test, n, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	one = dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
	i = 0;
	for_each_online_cpu(cpu) {
		unsigned int j;

		for (j = 0; j < MS_THREADS_PER_CPU && i < n; j++, i++) {
			t[i].cpu = cpu;
			t[i].dev = dev;
			t[i].seed = 0x6b8b4567 * (i + 1);
			t[i].h = shared ? one : dmt_bound_handle(test, dev, DMA_ADDRESS_64_BIT);
			init_completion(&t[i].done);
			ms_buffers_get(test, &t[i]);
		}
	}
	n = i;
	for (i = 0; i < n; i++) {
		t[i].task = kthread_create(ms_worker, &t[i], "dmamem_ms/%u", i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t[i].task);
		kthread_bind(t[i].task, t[i].cpu);
		get_task_struct(t[i].task);
	}
	for (i = 0; i < n; i++)
		wake_up_process(t[i].task);
	for (i = 0; i < n; i++) {
		wait_for_completion(&t[i].done);
		kthread_stop(t[i].task);
		put_task_struct(t[i].task);
		maps += t[i].maps;
		syncs += t[i].syncs;
		errors += t[i].errors;
	}
	kunit_info(test, "%u threads, %s: %lu mappings, %lu syncs\n", n,
		   shared ? "one shared handle" : "a handle each", maps, syncs);
	KUNIT_EXPECT_EQ_MSG(test, errors, 0UL, "see the dmamem map stress lines above");
	KUNIT_EXPECT_EQ(test, maps, (unsigned long)n * MS_OPS);
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, dmamem_handle_info(t[i].h, &info), 0);
		KUNIT_EXPECT_EQ(test, info.mappings, 0UL);
		ms_buffers_put(test, &t[i]);
		if (!shared)
			d_map_clear(t[i].h);
	}
	d_map_clear(one);
	pci_dev_put(pdev);
}

static void map_stress_own_handles(struct kunit *test)
{
	ms_run(test, false);
}

static void map_stress_shared_handle(struct kunit *test)
{
	ms_run(test, true);
}

/*
 * d_map_clear() may release a mapping the moment d_map_page() has made it
 * live: d_map_page() must not read its record after that.  A mapper on
 * one CPU maps and unmaps without pause; this thread interrupts it there
 * with a function call that holds it until d_map_clear() has run.  The
 * mapping services keep interrupts off under their table's lock, so a
 * call that arrives while the mapper makes a mapping live runs the moment
 * it is live, and under KASAN a late read of the released record is a
 * use-after-free report.  Where the call lands is a matter of timing, so
 * the rounds are many.
 */
#define MS_CLEAR_ROUNDS		2000
#define MS_HOLD_SPINS		(10UL * 1000 * 1000)

struct ms_clear_mapper {
	d_handle_t h;
	void *buf;
	unsigned long calls;
	unsigned long wrong;
	bool held;
	bool release;
	bool stop;
};

static int ms_clear_mapper_fn(void *arg)
{
	struct ms_clear_mapper *m = arg;
	d_handle_t h;
	ulong bus;

	while (!READ_ONCE(m->stop)) {
		/* the functions, not the macros: @h may be cleared meanwhile */
		h = READ_ONCE(m->h);
		bus = 0;
		if (d_map_page(h, 0, m->buf, &bus, xmem_global) == DMA_SUCC) {
			m->wrong += bus != virt_to_phys(m->buf);
			d_unmap_page(h, &bus);
		}
		WRITE_ONCE(m->calls, m->calls + 1);
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/* On the mapper's CPU: hold it where it was until the handle is cleared. */
static void ms_clear_hold(void *arg)
{
	struct ms_clear_mapper *m = arg;
	unsigned long spins = 0;

	WRITE_ONCE(m->held, true);
	while (!READ_ONCE(m->release) && ++spins < MS_HOLD_SPINS)
		cpu_relax();
	WRITE_ONCE(m->held, false);
}

static void map_page_races_clear(struct kunit *test)
{
	struct ms_clear_mapper m = {};
	struct task_struct *task;
	unsigned int i, cpu, me;
	unsigned long seen;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs");
	m.buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m.buf);
	m.h = d_map_init(0, DMA_ADDRESS_64_BIT, 0, 0);
	KUNIT_ASSERT_TRUE(test, m.h != (d_handle_t)DMA_FAIL);
	/* this thread stays off the mapper's CPU, or it would hold itself */
	me = get_cpu();
	put_cpu();
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(me)), 0);
	cpu = cpumask_any_but(cpu_online_mask, me);
	task = kthread_create(ms_clear_mapper_fn, &m, "dmamem_racer");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, task);
	kthread_bind(task, cpu);
	get_task_struct(task);
	wake_up_process(task);
	for (i = 0; i < MS_CLEAR_ROUNDS; i++) {
		seen = READ_ONCE(m.calls);
		while (READ_ONCE(m.calls) < seen + 2)
			cpu_relax();
		WRITE_ONCE(m.release, false);
		smp_call_function_single(cpu, ms_clear_hold, &m, 0);
		while (!READ_ONCE(m.held))
			cpu_relax();
		d_map_clear(m.h);
		WRITE_ONCE(m.release, true);
		while (READ_ONCE(m.held))
			cpu_relax();
		WRITE_ONCE(m.h, d_map_init(0, DMA_ADDRESS_64_BIT, 0, 0));
		KUNIT_ASSERT_TRUE(test, m.h != (d_handle_t)DMA_FAIL);
	}
	WRITE_ONCE(m.stop, true);
	kthread_stop(task);
	put_task_struct(task);
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	d_map_clear(m.h);
	KUNIT_EXPECT_EQ(test, m.wrong, 0UL);
}

static struct kunit_case map_stress_cases[] = {
	KUNIT_CASE_SLOW(map_stress_own_handles),
	KUNIT_CASE_SLOW(map_stress_shared_handle),
	KUNIT_CASE_SLOW(map_page_races_clear),
	{}
};

static struct kunit_suite map_stress_suite = {
	.name = "dmamem_map_stress",
	.test_cases = map_stress_cases,
};

kunit_test_suites(&map_stress_suite);
