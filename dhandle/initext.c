// SPDX-License-Identifier: GPL-2.0
/*
 * d_map_init_ext(): d_map_init() with its arguments in a d_info_t, which
 * can grow without breaking callers, and a mapper name kept with the
 * handle.
 *
 * Locking: none of its own; see handle.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/limits.h>
#include <linux/module.h>
#include <linux/string.h>
#include "dhandle.h"

/*
 * A 64-bit field holding one of d_map_init()'s int arguments: the value
 * zero-extended or sign-extended from 32 bits.
 */
static bool dm_ext_int(u64 v, int *out)
{
	s64 sv = (s64)v;

	if (v > U32_MAX && (sv >= 0 || sv < S32_MIN))
		return false;
	*out = (int)(u32)v;
	return true;
}

/* The function of the AIX name, below, is called through this macro. */
#undef d_map_init_ext

/**
 * dmamem_map_init_ext() - create a DMA handle from a d_info_t, with owner
 * @dma_input: the arguments: those of d_map_init(), and a mapper name
 * @info_size: sizeof(d_info_t), as the caller was built with
 * @handle_ptr: receives the handle on success
 * @owner: the calling module (THIS_MODULE), or NULL for none
 *
 * What a call of d_map_init_ext() becomes.  Linux departure.  Otherwise
 * dmamem_map_init().  di_bid, di_flags and di_bus_flags hold 32-bit
 * values, zero- or sign-extended; di_channel an unsigned one.  The
 * di_*_mapmem amounts are accepted and not used.  Process context only.
 *
 * Return: 0; -EINVAL (with a log line) when @info_size is not
 * sizeof(d_info_t), a pointer is NULL, a field does not fit, the name is
 * not NUL-terminated, or the flags are invalid; -ENODEV when the bid
 * names no device; -ENOMEM.  *@handle_ptr is written only on success.
 */
kerrno_t dmamem_map_init_ext(d_info_t *dma_input, size_t info_size,
			     d_handle_t *handle_ptr, struct module *owner)
{
	int bid, flags, bus_flags;
	struct dm_handle *dh;
	const char *why;
	int ret;

	might_sleep();
	why = "info_size is not sizeof(d_info_t), or a pointer is NULL";
	if (!dma_input || !handle_ptr || info_size != sizeof(*dma_input))
		goto invalid;
	why = "di_bid, di_flags, di_bus_flags or di_channel does not fit";
	if (!dm_ext_int(dma_input->di_bid, &bid) ||
	    !dm_ext_int(dma_input->di_flags, &flags) ||
	    !dm_ext_int(dma_input->di_bus_flags, &bus_flags) ||
	    dma_input->di_channel > U32_MAX)
		goto invalid;
	why = "di_mapper_name is not NUL-terminated";
	if (strnlen(dma_input->di_mapper_name, DMA_MAX_MAPPER_NAME) ==
	    DMA_MAX_MAPPER_NAME)
		goto invalid;

	ret = dm_handle_create("d_map_init_ext", bid, flags, bus_flags,
			       dma_input->di_channel,
			       dma_input->di_mapper_name, owner, &dh);
	if (ret)
		return ret;
	*handle_ptr = &dh->pub;
	return 0;

invalid:
	pr_warn("d_map_init_ext(size %zu): %s\n", info_size, why);
	return -EINVAL;
}
EXPORT_SYMBOL(dmamem_map_init_ext);

/**
 * d_map_init_ext() - create a DMA handle from a d_info_t
 * @dma_input: the arguments: those of d_map_init(), and a mapper name
 * @info_size: sizeof(d_info_t), as the caller was built with
 * @handle_ptr: receives the handle on success
 *
 * A call of d_map_init_ext() in a driver is a call of
 * dmamem_map_init_ext() with the driver's module as owner; this function
 * is what its address names, and makes a handle with no owner.
 *
 * Return: as dmamem_map_init_ext().
 */
kerrno_t d_map_init_ext(d_info_t *dma_input, size_t info_size,
			d_handle_t *handle_ptr)
{
	return dmamem_map_init_ext(dma_input, info_size, handle_ptr, NULL);
}
EXPORT_SYMBOL(d_map_init_ext);
