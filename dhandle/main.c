// SPDX-License-Identifier: GPL-2.0
/*
 * dmamem module entry and exit: the memory side first, then the handles
 * that use it; at exit, the handles first.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include "dhandle.h"
#include "../compat/shims.h"
#include "../compat/xmem.h"
#include "../dmamem/debugfs.h"
#include "../dmamem/heap.h"
#include "../dmamem/pool.h"

static int __init dmamem_init(void)
{
	int ret = dm_pool_init();

	if (ret)
		return ret;
	ret = dm_xmem_init();
	if (ret)
		goto no_xmem;
	ret = dm_handles_init();
	if (ret)
		goto no_handles;
	dm_real_init();
	dm_debugfs_init();
	dm_handles_debugfs_init();
	pr_info("pinned heap ready\n");
	return 0;

no_handles:
	dm_xmem_exit();
no_xmem:
	dm_pool_exit();
	return ret;
}

static void __exit dmamem_exit(void)
{
	dm_debugfs_exit();
	dm_handles_exit();
	dm_binds_exit();
	dm_xmem_exit();
	dm_xm_exit();
	dm_rm_exit();
	dm_pool_exit();
	dm_real_exit();
}

module_init(dmamem_init);
module_exit(dmamem_exit);

MODULE_DESCRIPTION("AIX DMA memory service: d_map_init, d_alloc_dmamem and friends");
MODULE_LICENSE("GPL");
