// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency stress: kernel threads bound to every online CPU allocate and
 * free across shared handles of both heaps, in sizes from the smallest
 * pool block to many pages, with several alignments, ceilings and
 * boundaries.  Each buffer gets its own byte pattern, checked in full when
 * it is freed.  Meanwhile, one thread per CPU keeps making and clearing
 * handles that the workers also allocate into and free into: those calls
 * may fail as documented, but never corrupt anything.
 *
 * Then, with the buffers that are still live: every one meets its handle's
 * constraints by physical address, lies in the heap its handle names, no
 * two overlap physically, and each handle's counters are exactly what the
 * threads hold.  Once everything is freed, the heaps and the pools hold
 * what they held before.
 *
 * The run is bounded by operation counts, not by time.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <sys/dma.h>
#include "dmtest.h"

#define STRESS_OPS	20000	/* per worker */
#define STRESS_SLOTS	40	/* buffers a worker may hold at once */
#define STRESS_ROUNDS	300	/* handles each clearer makes and clears */

/* A shared handle: its flags and what they mean for every byte. */
struct stress_spec {
	int flags;
	u64 mask;
	bool contiguous;
	u64 boundary;
	size_t max_size;	/* the low ranges are small: keep within them */
	enum dmamem_heap heap;	/* the heap it must come from, if it names one */
	bool any_heap;
};

static const struct stress_spec stress_specs[] = {
	{ DMA_HEAP_REAL | DMA_ADDRESS_BITS(24) | DMA_CONTIGUOUS,
	  DMA_BIT_MASK(24), true, 0, 3 * PAGE_SIZE, DMAMEM_HEAP_REAL },
	{ DMA_HEAP_REAL | DMA_ADDRESS_BITS(28) | DMA_BOUNDARY(14),
	  DMA_BIT_MASK(28), false, SZ_16K, 2 * PAGE_SIZE, DMAMEM_HEAP_REAL },
	{ DMA_HEAP_REAL | DMA_ADDRESS_BITS(32) | DMA_BOUNDARY(16),
	  DMA_BIT_MASK(32), false, SZ_64K, SZ_64K, DMAMEM_HEAP_REAL },
	{ DMA_HEAP_REAL | DMA_ADDRESS_64_BIT | DMA_NO_ZERO_ADDR,
	  DMA_BIT_MASK(64), false, 0, SZ_64K, DMAMEM_HEAP_REAL },
	{ DMA_HEAP_PINNED | DMA_ADDRESS_BITS(32),
	  DMA_BIT_MASK(32), false, 0, SZ_64K, DMAMEM_HEAP_PINNED },
	{ DMA_HEAP_PINNED | DMA_CONTIGUOUS | DMA_BOUNDARY(17),
	  DMA_BIT_MASK(32), true, SZ_128K, SZ_64K, DMAMEM_HEAP_PINNED },
	{ DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT,
	  DMA_BIT_MASK(64), false, 0, SZ_64K, DMAMEM_HEAP_PINNED },
	{ DMA_MASTER, DMA_BIT_MASK(32), false, 0, SZ_64K, 0, true },
	{ DMA_CONTIGUOUS | DMA_ADDRESS_64_BIT,
	  DMA_BIT_MASK(64), true, 0, SZ_64K, 0, true },
};

#define STRESS_HANDLES	ARRAY_SIZE(stress_specs)
#define STRESS_HOT	7	/* DMA_MASTER */

static const size_t stress_sizes[] = {
	1, 16, 24, 60, 100, 255, 700, 2048, PAGE_SIZE - 1, PAGE_SIZE,
	PAGE_SIZE + 1, 3 * PAGE_SIZE + 17, 8 * PAGE_SIZE, SZ_64K,
};

#define STRESS_BLOCK_SIZES	8	/* the first sizes, served by the pools */

static const unsigned int stress_aligns[] = { 0, 3, 5, 7, 11, 12, 13, 16 };

/* Flags of the handles the clearers make and clear. */
static const int stress_victim_flags[] = {
	DMA_MASTER, DMA_HEAP_REAL | DMA_ADDRESS_64_BIT, DMA_HEAP_PINNED,
	DMA_HEAP_PINNED | DMA_CONTIGUOUS, DMA_ADDRESS_BITS(24),
};

/* One buffer a worker holds. */
struct stress_buf {
	void *p;
	size_t size;
	unsigned int align;
	int spec;		/* index into stress_specs, or -1: a victim's */
	d_handle_t h;
	u8 pattern;
};

struct stress_run;

struct stress_thread {
	struct stress_run *run;
	struct task_struct *task;
	struct completion done;
	unsigned int cpu;	/* the CPU it is bound to */
	unsigned int idx;	/* its place among the CPUs, and its victim's */
	u32 seed;
	unsigned long errors;
	unsigned long allocs, frees, refused, raced;
	d_handle_t stale;	/* a victim handle seen before, maybe cleared */
	struct stress_buf bufs[STRESS_SLOTS];
};

struct stress_run {
	d_handle_t handles[STRESS_HANDLES];
	d_handle_t *victims;	/* one per CPU, swapped by its clearer */
	unsigned int nr_cpus;
	atomic_t workers_left;
	struct stress_thread *workers;
	struct stress_thread *clearers;
};

static u32 stress_rand(struct stress_thread *t)
{
	/* xorshift32: cheap, and reproducible from the seed */
	t->seed ^= t->seed << 13;
	t->seed ^= t->seed >> 17;
	t->seed ^= t->seed << 5;
	return t->seed;
}

static void stress_error(struct stress_thread *t, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	t->errors++;
	if (t->errors > 5)
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err("dmamem stress: %s on cpu %u: %pV\n", current->comm, t->cpu, &vaf);
	va_end(args);
}

static void stress_want(const struct stress_spec *s, unsigned int align,
			struct dmt_want *want)
{
	want->mask = s->mask;
	want->align = align;
	want->contiguous = s->contiguous;
	want->boundary = s->boundary;
}

/* Pick a size and alignment the spec can serve. */
static void stress_shape(struct stress_thread *t, const struct stress_spec *s,
			 size_t *size, unsigned int *align)
{
	/* two times in three a pool block, where threads meet most */
	unsigned int n = stress_rand(t) % 3 ? STRESS_BLOCK_SIZES : ARRAY_SIZE(stress_sizes);

	do {
		*size = stress_sizes[stress_rand(t) % n];
	} while (*size > s->max_size || (s->boundary && *size > s->boundary));
	do {
		*align = stress_aligns[stress_rand(t) % ARRAY_SIZE(stress_aligns)];
	} while (s->boundary && (1ULL << *align) > s->boundary);
	/* the small ranges below 256 MiB: no large alignments there */
	if (s->max_size <= 3 * PAGE_SIZE)
		*align = min(*align, PAGE_SHIFT);
}

static void stress_alloc_shared(struct stress_thread *t, struct stress_buf *b)
{
	/* every other time the handle all threads share most */
	int spec = stress_rand(t) % 2 ? STRESS_HOT : stress_rand(t) % STRESS_HANDLES;
	const struct stress_spec *s = &stress_specs[spec];
	struct dmamem_alloc_info info;
	struct dmt_want want;
	char why[128];
	void *p;

	stress_shape(t, s, &b->size, &b->align);
	b->h = t->run->handles[spec];
	p = d_alloc_dmamem(b->h, b->size, b->align);
	if (!p) {
		stress_error(t, "handle %d: d_alloc_dmamem(%zu, %u) refused",
			     spec, b->size, b->align);
		return;
	}
	t->allocs++;
	stress_want(s, b->align, &want);
	if (dmt_misplaced(p, b->size, &want, why, sizeof(why)))
		stress_error(t, "handle %d, size %zu: %s", spec, b->size, why);
	if (memchr_inv(p, 0, b->size))
		stress_error(t, "handle %d, size %zu: not zeroed", spec, b->size);
	if (dmamem_alloc_info(b->h, p, &info))
		stress_error(t, "handle %d: dmamem_alloc_info refused %p", spec, p);
	else if (!s->any_heap && info.heap != s->heap)
		stress_error(t, "handle %d: from heap %d", spec, info.heap);
	else if (info.phys != dmt_phys(p) || info.size != b->size)
		stress_error(t, "handle %d: dmamem_alloc_info says %pa/%zu",
			     spec, &info.phys, info.size);
	b->pattern = (stress_rand(t) % 255) + 1;
	memset(p, b->pattern, b->size);
	b->spec = spec;
	b->p = p;
}

static void stress_alloc_victim(struct stress_thread *t, struct stress_buf *b)
{
	unsigned int i = stress_rand(t) % t->run->nr_cpus;

	b->size = stress_sizes[stress_rand(t) % 9];	/* up to a page */
	b->align = stress_aligns[stress_rand(t) % 5];
	/* a handle no one guarantees to be live: dmamem checks it */
	if (t->stale && stress_rand(t) % 2)
		b->h = t->stale;
	else
		b->h = READ_ONCE(t->run->victims[i]);
	t->stale = b->h;
	/* the handle may be cleared before or during the call */
	b->p = d_alloc_dmamem(b->h, b->size, b->align);
	if (!b->p) {
		t->raced++;
		return;
	}
	b->spec = -1;
	t->allocs++;
}

static void stress_free(struct stress_thread *t, struct stress_buf *b)
{
	int ret;

	if (b->spec >= 0 && memchr_inv(b->p, b->pattern, b->size))
		stress_error(t, "handle %d, size %zu: pattern %#x lost",
			     b->spec, b->size, b->pattern);
	ret = d_free_dmamem(b->h, b->p, b->size);
	if (b->spec >= 0 && ret)
		stress_error(t, "handle %d: d_free_dmamem(%zu) = %d",
			     b->spec, b->size, ret);
	else if (ret != 0 && ret != -1)
		stress_error(t, "victim: d_free_dmamem = %d", ret);
	if (ret)
		t->refused++;
	else
		t->frees++;
	b->p = NULL;
}

static int stress_worker(void *arg)
{
	struct stress_thread *t = arg;
	struct stress_buf *b;
	unsigned int i;

	for (i = 0; i < STRESS_OPS; i++) {
		b = &t->bufs[stress_rand(t) % STRESS_SLOTS];
		if (b->p)
			stress_free(t, b);
		else if (stress_rand(t) % 4)
			stress_alloc_shared(t, b);
		else
			stress_alloc_victim(t, b);
		cond_resched();
	}
	/* victims' buffers go now; the shared handles' stay for the check */
	for (i = 0; i < STRESS_SLOTS; i++) {
		b = &t->bufs[i];
		if (b->p && b->spec < 0)
			stress_free(t, b);
	}
	atomic_dec(&t->run->workers_left);
	complete(&t->done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/* Keep swapping this CPU's victim handle for a new one and clearing it. */
static int stress_clearer(void *arg)
{
	struct stress_thread *t = arg;
	struct stress_run *run = t->run;
	unsigned int i = 0;
	d_handle_t h, old;

	do {
		h = d_map_init(0, stress_victim_flags[i % ARRAY_SIZE(stress_victim_flags)],
			       0, 0);
		if (h == (d_handle_t)DMA_FAIL) {
			stress_error(t, "d_map_init refused a victim handle");
			break;
		}
		old = xchg(&run->victims[t->idx], h);
		usleep_range(200, 400);
		d_map_clear(old);
		t->frees++;
	} while (++i < STRESS_ROUNDS || atomic_read(&run->workers_left));
	complete(&t->done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static int stress_create(struct stress_thread *t, int (*fn)(void *),
			 const char *what)
{
	struct task_struct *task;

	init_completion(&t->done);
	task = kthread_create(fn, t, "dmamem_%s/%u", what, t->idx);
	if (IS_ERR(task))
		return PTR_ERR(task);
	kthread_bind(task, t->cpu);
	get_task_struct(task);
	t->task = task;
	return 0;
}

static void stress_stop(struct stress_thread *t, bool started)
{
	if (!t->task)
		return;
	if (started)
		wait_for_completion(&t->done);
	kthread_stop(t->task);
	put_task_struct(t->task);
}

/* A physically contiguous piece of a live buffer. */
struct stress_extent {
	u64 first;
	u64 last;
};

static int stress_cmp_extent(const void *a, const void *b)
{
	const struct stress_extent *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* The pieces of every live buffer, sorted: no two may overlap. */
static void stress_expect_disjoint(struct kunit *test, struct stress_run *run)
{
	struct stress_extent *ext;
	struct stress_buf *b;
	unsigned int c, i, n = 0, max = 0;
	size_t off, len;

	for (c = 0; c < run->nr_cpus; c++)
		for (i = 0; i < STRESS_SLOTS; i++)
			if (run->workers[c].bufs[i].p)
				max += DIV_ROUND_UP(run->workers[c].bufs[i].size,
						    PAGE_SIZE) + 1;
	if (!max)
		return;
	ext = kvmalloc_array(max, sizeof(*ext), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	for (c = 0; c < run->nr_cpus; c++) {
		for (i = 0; i < STRESS_SLOTS; i++) {
			b = &run->workers[c].bufs[i];
			if (!b->p)
				continue;
			for (off = 0; off < b->size; off += len) {
				len = min_t(size_t, b->size - off,
					    PAGE_SIZE - offset_in_page(b->p + off));
				ext[n].first = dmt_phys(b->p + off);
				ext[n].last = ext[n].first + len - 1;
				n++;
			}
		}
	}
	sort(ext, n, sizeof(*ext), stress_cmp_extent, NULL);
	for (i = 1; i < n; i++) {
		if (ext[i - 1].last >= ext[i].first) {
			KUNIT_FAIL(test, "live buffers overlap at phys %#llx-%#llx and %#llx-%#llx",
				   ext[i - 1].first, ext[i - 1].last,
				   ext[i].first, ext[i].last);
			break;
		}
	}
	kvfree(ext);
}

/* What the threads hold: every buffer in place, counted by its handle. */
static void stress_expect_consistent(struct kunit *test, struct stress_run *run)
{
	unsigned long count[STRESS_HANDLES] = {};
	size_t bytes[STRESS_HANDLES] = {};
	struct dmamem_handle_info info;
	struct stress_buf *b;
	struct dmt_want want;
	unsigned int c, i;
	char why[128];

	for (c = 0; c < run->nr_cpus; c++) {
		for (i = 0; i < STRESS_SLOTS; i++) {
			b = &run->workers[c].bufs[i];
			if (!b->p)
				continue;
			stress_want(&stress_specs[b->spec], b->align, &want);
			if (dmt_misplaced(b->p, b->size, &want, why, sizeof(why)))
				KUNIT_FAIL(test, "handle %d, live buffer: %s", b->spec, why);
			KUNIT_EXPECT_PTR_EQ_MSG(test, memchr_inv(b->p, b->pattern, b->size),
						NULL, "handle %d: a live buffer lost its bytes",
						b->spec);
			count[b->spec]++;
			bytes[b->spec] += b->size;
		}
	}
	for (i = 0; i < STRESS_HANDLES; i++) {
		KUNIT_ASSERT_EQ(test, dmamem_handle_info(run->handles[i], &info), 0);
		KUNIT_EXPECT_EQ_MSG(test, info.allocations, count[i], "handle %u", i);
		KUNIT_EXPECT_EQ_MSG(test, info.bytes, bytes[i], "handle %u", i);
	}
	stress_expect_disjoint(test, run);
}

static void stress_run(struct kunit *test)
{
	struct dmt_counters before;
	struct stress_run *run;
	struct stress_thread *t;
	unsigned long errors = 0, allocs = 0, frees = 0, refused = 0, raced = 0;
	unsigned int c, cpu, i;
	int ret = 0;

	run = kunit_kzalloc(test, sizeof(*run), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, run);
	dmt_counters_read(test, &before);
	for (i = 0; i < STRESS_HANDLES; i++)
		run->handles[i] = dmt_handle(test, stress_specs[i].flags);

	run->nr_cpus = num_online_cpus();
	run->workers = kunit_kcalloc(test, run->nr_cpus, sizeof(*t), GFP_KERNEL);
	run->clearers = kunit_kcalloc(test, run->nr_cpus, sizeof(*t), GFP_KERNEL);
	run->victims = kunit_kcalloc(test, run->nr_cpus, sizeof(*run->victims),
				     GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, run->workers && run->clearers && run->victims);
	c = 0;
	for_each_online_cpu(cpu) {
		if (c == run->nr_cpus)
			break;
		run->victims[c] = dmt_handle(test, DMA_MASTER);
		run->workers[c] = (struct stress_thread) {
			.run = run, .cpu = cpu, .idx = c, .seed = 0x9e3779b9 * (c + 1),
		};
		run->clearers[c] = (struct stress_thread) {
			.run = run, .cpu = cpu, .idx = c, .seed = 1,
		};
		c++;
	}
	run->nr_cpus = c;
	atomic_set(&run->workers_left, run->nr_cpus);
	for (c = 0; c < run->nr_cpus && !ret; c++) {
		ret = stress_create(&run->workers[c], stress_worker, "stress");
		if (!ret)
			ret = stress_create(&run->clearers[c], stress_clearer, "clear");
	}
	for (c = 0; c < run->nr_cpus; c++) {
		if (ret) {
			stress_stop(&run->workers[c], false);
			stress_stop(&run->clearers[c], false);
			d_map_clear(run->victims[c]);
		} else {
			wake_up_process(run->workers[c].task);
			wake_up_process(run->clearers[c].task);
		}
	}
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "cannot start the threads");

	for (c = 0; c < run->nr_cpus; c++)
		stress_stop(&run->workers[c], true);
	for (c = 0; c < run->nr_cpus; c++) {
		stress_stop(&run->clearers[c], true);
		d_map_clear(run->victims[c]);
	}

	for (c = 0; c < run->nr_cpus; c++) {
		t = &run->workers[c];
		errors += t->errors + run->clearers[c].errors;
		allocs += t->allocs;
		frees += t->frees;
		refused += t->refused;
		raced += t->raced;
	}
	kunit_info(test, "%u CPUs: %lu allocations, %lu frees, %lu frees refused on cleared handles, %lu allocations refused on cleared handles\n",
		   run->nr_cpus, allocs, frees, refused, raced);
	KUNIT_EXPECT_EQ_MSG(test, errors, 0UL, "see the dmamem stress lines above");
	/* the clears must have raced with something */
	KUNIT_EXPECT_GT(test, refused + raced, 0UL);

	stress_expect_consistent(test, run);

	for (c = 0; c < run->nr_cpus; c++) {
		t = &run->workers[c];
		for (i = 0; i < STRESS_SLOTS; i++)
			if (t->bufs[i].p)
				stress_free(t, &t->bufs[i]);
		KUNIT_EXPECT_EQ(test, t->errors, 0UL);
	}
	for (i = 0; i < STRESS_HANDLES; i++) {
		dmt_expect_handle(test, run->handles[i], 0, 0);
		d_map_clear(run->handles[i]);
	}
	dmt_expect_counters(test, &before, "the stress run");
}

/*
 * Threads on handles of their own, every buffer above the pools' sizes, so
 * that every allocation and free goes through the allocation map: frees
 * on one handle while others allocate and free on theirs.  Handles are
 * locked apart, so the map's own lock is all that keeps these apart.
 */
#define OWN_THREADS_PER_CPU	2
#define OWN_OPS			4000
#define OWN_SLOTS		24

static int stress_own_worker(void *arg)
{
	struct stress_thread *t = arg;
	struct stress_buf *b;
	unsigned int i;

	for (i = 0; i < OWN_OPS; i++) {
		b = &t->bufs[stress_rand(t) % OWN_SLOTS];
		if (b->p) {
			stress_free(t, b);
			continue;
		}
		b->size = PAGE_SIZE + 1 + stress_rand(t) % (2 * PAGE_SIZE);
		b->p = d_alloc_dmamem(b->h, b->size, 0);
		if (!b->p) {
			stress_error(t, "d_alloc_dmamem(%zu) refused", b->size);
			continue;
		}
		t->allocs++;
		if (memchr_inv(b->p, 0, b->size))
			stress_error(t, "size %zu: not zeroed", b->size);
		b->pattern = (stress_rand(t) % 255) + 1;
		memset(b->p, b->pattern, b->size);
	}
	for (i = 0; i < OWN_SLOTS; i++)
		if (t->bufs[i].p)
			stress_free(t, &t->bufs[i]);
	complete(&t->done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void stress_own_handles(struct kunit *test)
{
	unsigned int n = num_online_cpus() * OWN_THREADS_PER_CPU;
	unsigned long errors = 0, allocs = 0, frees = 0, refused = 0;
	struct dmt_counters before;
	struct stress_thread *t;
	unsigned int i, j, cpu;
	d_handle_t *h;
	int ret = 0;

	dmt_counters_read(test, &before);
	t = kunit_kcalloc(test, n, sizeof(*t), GFP_KERNEL);
	h = kunit_kcalloc(test, n, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, t && h);
	i = 0;
	for_each_online_cpu(cpu)
		for (j = 0; j < OWN_THREADS_PER_CPU && i < n; j++, i++)
			t[i] = (struct stress_thread) {
				.cpu = cpu, .idx = i, .seed = 0x2545f491 * (i + 1),
			};
	n = i;
	for (i = 0; i < n; i++) {
		h[i] = dmt_handle(test, DMA_HEAP_PINNED | DMA_ADDRESS_64_BIT);
		for (j = 0; j < OWN_SLOTS; j++)
			t[i].bufs[j] = (struct stress_buf) { .h = h[i] };
	}
	for (i = 0; i < n && !ret; i++)
		ret = stress_create(&t[i], stress_own_worker, "own");
	for (i = 0; i < n; i++)
		if (!ret)
			wake_up_process(t[i].task);
		else
			stress_stop(&t[i], false);
	if (!ret)
		for (i = 0; i < n; i++)
			stress_stop(&t[i], true);
	for (i = 0; i < n; i++) {
		errors += t[i].errors;
		allocs += t[i].allocs;
		frees += t[i].frees;
		refused += t[i].refused;
		dmt_expect_handle(test, h[i], 0, 0);
		d_map_clear(h[i]);
	}
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "cannot start the threads");
	kunit_info(test, "%u threads on their own handles: %lu allocations, %lu frees\n",
		   n, allocs, frees);
	KUNIT_EXPECT_EQ_MSG(test, errors, 0UL, "see the dmamem stress lines above");
	KUNIT_EXPECT_EQ(test, refused, 0UL);
	KUNIT_EXPECT_EQ(test, allocs, frees);
	dmt_expect_counters(test, &before, "the run on own handles");
}

/*
 * stress_repeat=N runs each case N times in one load, to show a race that
 * hits one run in many stays away.
 */
#define STRESS_MAX_REPEAT	50

static unsigned int stress_repeat = 1;
module_param(stress_repeat, uint, 0444);
MODULE_PARM_DESC(stress_repeat, "runs of each stress case (1 to 50, default 1)");

static const void *stress_gen(const void *prev, char *desc)
{
	static const u8 round[STRESS_MAX_REPEAT];
	const u8 *next = prev ? (const u8 *)prev + 1 : round;
	unsigned int n = next - round;

	if (n >= clamp(stress_repeat, 1U, (unsigned int)STRESS_MAX_REPEAT))
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "run %u", n + 1);
	return next;
}

static struct kunit_case stress_cases[] = {
	KUNIT_CASE_PARAM_SLOW(stress_run, stress_gen),
	KUNIT_CASE_PARAM_SLOW(stress_own_handles, stress_gen),
	{}
};

static struct kunit_suite stress_suite = {
	.name = "dmamem_stress",
	.test_cases = stress_cases,
};

kunit_test_suites(&stress_suite);
