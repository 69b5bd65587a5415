/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the benchmarks share: the device they measure on (registered, with
 * no bus and a 64-bit DMA mask, so the DMA API maps it directly), and
 * their timing, best of several runs.
 */
#ifndef _DMAMEM_BENCHDEV_H
#define _DMAMEM_BENCHDEV_H

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/ktime.h>
#include <linux/math64.h>

/* The device of a benchmark module (each is one file that includes this). */
static u64 bench_dma_mask;

static void bench_release(struct device *dev)
{
}

static struct device bench_dev = {
	.release = bench_release,
};

/*
 * Register bench_dev as @name, with a 64-bit DMA mask.  Return 0, or a
 * negative errno with nothing left registered.
 */
static inline int bench_dev_register(const char *name)
{
	int ret = dev_set_name(&bench_dev, "%s", name);

	if (ret)
		return ret;
	ret = device_register(&bench_dev);
	if (ret) {
		put_device(&bench_dev);
		return ret;
	}
	bench_dev.dma_mask = &bench_dma_mask;
	ret = dma_set_mask_and_coherent(&bench_dev, DMA_BIT_MASK(64));
	if (ret)
		device_unregister(&bench_dev);
	return ret;
}

/*
 * Time one run of @fn(@arg), which does @ops operations or fails: the
 * better of it and @best (0 for none), in ns per operation, or 0 when
 * @fn failed.  The host's other load only ever adds time, so the best of
 * several runs is the figure.
 */
static inline u64 bench_best_ns(int (*fn)(void *arg), void *arg,
				unsigned int ops, u64 best)
{
	u64 t = ktime_get_ns();

	if (fn(arg))
		return 0;
	t = div_u64(ktime_get_ns() - t, ops);
	return best && best < t ? best : t;
}

#endif /* _DMAMEM_BENCHDEV_H */
