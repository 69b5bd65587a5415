/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmamem's statistics files in debugfs (dmamem/debugfs.c).
 */
#ifndef _DMAMEM_DEBUGFS_H
#define _DMAMEM_DEBUGFS_H

struct seq_file;

/**
 * struct dm_debugfs_file - a file of dmamem/ in debugfs
 * @name: its name
 * @show: writes its records, as a single_open() show function
 */
struct dm_debugfs_file {
	const char *name;
	int (*show)(struct seq_file *m, void *unused);
};

void dm_debugfs_init(void);
void dm_debugfs_add(const struct dm_debugfs_file *f);
void dm_debugfs_exit(void);

#endif /* _DMAMEM_DEBUGFS_H */
