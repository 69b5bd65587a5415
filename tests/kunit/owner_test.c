// SPDX-License-Identifier: GPL-2.0
/*
 * A module that leaves handles behind.  At load it makes two handles, one
 * with d_map_init() and one with d_map_init_ext(), and three allocations
 * on them, one from each heap and one from a sub-page pool; at unload it
 * gives nothing back.  make check loads it, checks that each live handle
 * holds a reference on dmamem (tests/vm/owner.sh), and after the VM has
 * unloaded everything, that dmamem cleared the handles with one warning
 * naming this module, 2 handles and the 79192 bytes allocated here.
 */
#include <linux/module.h>
#include <sys/dma.h>

static int __init dmamem_owner_test_init(void)
{
	d_info_t in = {
		.di_flags = DMA_CONTIGUOUS,
		.di_mapper_name = "owner-test",
	};
	d_handle_t plain, named;

	plain = d_map_init(0, DMA_HEAP_PINNED, 0, 0);
	if (plain == (d_handle_t)DMA_FAIL)
		return -ENOMEM;
	if (d_map_init_ext(&in, sizeof(in), &named))
		goto fail;
	if (!d_alloc_dmamem(plain, 1000, 3) ||
	    !d_alloc_dmamem(plain, 8192, 12) ||
	    !d_alloc_dmamem(named, 70000, 12)) {
		d_map_clear(named);
		goto fail;
	}
	pr_info("dmamem_owner_test: 2 handles, 3 allocations, 79192 bytes left live\n");
	return 0;
fail:
	d_map_clear(plain);
	return -ENOMEM;
}

static void __exit dmamem_owner_test_exit(void)
{
	/* Nothing: dmamem clears what this module left. */
}

module_init(dmamem_owner_test_init);
module_exit(dmamem_owner_test_exit);

MODULE_DESCRIPTION("dmamem test: a module that unloads with handles live");
MODULE_LICENSE("GPL");
