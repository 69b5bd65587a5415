/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device the benchmarks measure on: registered, with no bus and a
 * 64-bit DMA mask, so the DMA API maps it directly.
 */
#ifndef _DMAMEM_BENCHDEV_H
#define _DMAMEM_BENCHDEV_H

#include <linux/device.h>
#include <linux/dma-mapping.h>

/*
 * Register @dev as @name with the DMA mask in *@mask set to 64 bits.
 * Return 0, or a negative errno with nothing left registered.
 */
static inline int bench_dev_register(struct device *dev, u64 *mask,
				     const char *name)
{
	int ret = dev_set_name(dev, "%s", name);

	if (ret)
		return ret;
	ret = device_register(dev);
	if (ret) {
		put_device(dev);
		return ret;
	}
	dev->dma_mask = mask;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64));
	if (ret)
		device_unregister(dev);
	return ret;
}

#endif /* _DMAMEM_BENCHDEV_H */
