/*
 * stub.h - the stub file of a sharded index: DIR/XAPIANDB, a Xapian stub
 * file with one line per shard, through which Xapian and vns_index_open()
 * see the directory as one index. Written here (vnsearch-index
 * --shard-by) and read here (any stub file a reader is given).
 */
#ifndef VNS_STUB_H
#define VNS_STUB_H

#include "vnsearch.h"

#include <stddef.h>

#define VNS__STUB_NAME "XAPIANDB"

/* dir/XAPIANDB, malloc'd; NULL when out of memory. */
char *vns__stub_path(const char *dir);

/* Whether dir holds a stub file: 1, 0, or VNS_EIO (it cannot be looked
 * at) or VNS_ENOMEM. */
int vns__stub_in(const char *dir);

/* What is at path (vns_index_layout()). */
int vns__stub_layout(vns_layout *out, const char *path);

/* Makes dir/XAPIANDB list the shards names[0..n) ("auto NAME" lines), in
 * one step and durably; left alone when it says that already. */
int vns__stub_write(const char *dir, char *const *names, size_t n);

/* A shard a stub file lists. */
typedef enum vns__stub_kind {
    VNS__STUB_LOCAL = 1, /* "auto PATH" or "glass PATH": `where` is PATH,
                            relative to the stub file's folder made
                            relative to the caller's */
    VNS__STUB_REMOTE = 2 /* "remote HOST:PORT": `where` is HOST:PORT */
} vns__stub_kind;
typedef int (*vns__stub_cb)(vns__stub_kind kind, const char *where,
                            void *payload);

/* Calls cb for each shard the stub file lists, in order (blank lines and
 * # comments skip); a non-zero return stops and is returned. A line of
 * another form gives VNS_EINVAL with its line number. A file that cannot
 * be read, is no regular file (a FIFO is never read) or is over 1 MiB
 * gives its error with *unreadable_out set, before any call. */
int vns__stub_read(int *unreadable_out, const char *stub, vns__stub_cb cb,
                   void *payload);

#endif /* VNS_STUB_H */
