/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AIX porting shims' module-internal entry points.
 */
#ifndef _DMAMEM_COMPAT_SHIMS_H
#define _DMAMEM_COMPAT_SHIMS_H

void dm_xm_exit(void);
void dm_rm_exit(void);

#endif /* _DMAMEM_COMPAT_SHIMS_H */
