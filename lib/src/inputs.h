/*
 * inputs.h - what a writer has read from files (vns_writer_add_path):
 * the paths given, the files and directories that could not be read whole,
 * and where each id was first met. From these it decides which articles,
 * not met in this run, may be deleted: only those whose file was read
 * whole, or is gone from a directory that was read. An article whose file
 * could not be read keeps its place.
 *
 * Paths are absolute (the PATH given, made absolute, then the names found
 * under it), so that runs from another working directory agree; stdin is
 * "-". They are made absolute by their names, as `realpath -s` does, not
 * through symbolic links: a crawl folder reached through a link that is
 * moved to each day's folder is the same folder every day.
 */
#ifndef VNS_INPUTS_H
#define VNS_INPUTS_H

#include "idset.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vns__strlist {
    char **items;
    size_t count, capacity;
} vns__strlist;

typedef struct vns__inputs {
    vns__idset ids;       /* id -> first met: file number << 32 | line */
    vns__strlist files;   /* each file read, as shown in messages */
    vns__strlist roots;   /* the paths given */
    vns__strlist failed;  /* files and directories not read whole */
} vns__inputs;

/* `path` made absolute by its names: the working directory before a
 * relative one, "." and ".." and repeated slashes taken out. malloc'd;
 * NULL when out of memory or the working directory cannot be known. */
char *vns__inputs_absolute(const char *path);

/* Each returns VNS_OK or VNS_ENOMEM. */
int vns__inputs_add_root(vns__inputs *in, const char *path);
int vns__inputs_add_failed(vns__inputs *in, const char *path);
/* Records a file about to be read; *number names it in vns__inputs_meet. */
int vns__inputs_add_file(vns__inputs *in, const char *shown,
                         uint32_t *number);

/* Meets id at (file, line): 1 the first time; 0 when it was met before,
 * with *first_file (as shown) and *first_line; VNS_ENOMEM. */
int vns__inputs_meet(vns__inputs *in, const char *id, size_t n,
                     uint32_t file, uint32_t line, const char **first_file,
                     uint32_t *first_line);

/* Whether an article that came from `origin` (n bytes; empty when it was
 * not written from a file) and was not met in this run may be deleted:
 * its file is under a path given and neither it nor a directory above it
 * failed. An article of no file may go when nothing failed. */
int vns__inputs_may_delete(const vns__inputs *in, const char *origin,
                           size_t n);

void vns__inputs_free(vns__inputs *in);

#endif /* VNS_INPUTS_H */
