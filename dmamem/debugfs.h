/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem's statistics files in debugfs (dmamem/debugfs.c).
 */
#ifndef _DMAMEM_DEBUGFS_H
#define _DMAMEM_DEBUGFS_H

void dm_debugfs_init(void);
void dm_debugfs_exit(void);

#endif /* _DMAMEM_DEBUGFS_H */
