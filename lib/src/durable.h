/*
 * durable.h - changes to files that survive a crash: a directory synced
 * after a rename in it, and a small file replaced in one step.
 */
#ifndef VNS_DURABLE_H
#define VNS_DURABLE_H

#include <stddef.h>

/* dir/name, malloc'd; NULL when out of memory. */
char *vns__durable_path(const char *dir, const char *name);

/* Syncs the directory at path, so that the entries renamed in it are on
 * disk. VNS_OK or VNS_EIO. */
int vns__durable_sync_dir(const char *path);

/* Makes the file dir/name hold exactly text[0..len), through a temporary
 * file and a rename, each synced; a file that already says that is left
 * alone (no new inode for readers to notice). VNS_OK, VNS_EIO, VNS_ENOMEM. */
int vns__durable_replace(const char *dir, const char *name, const char *text,
                         size_t len);

#endif /* VNS_DURABLE_H */
