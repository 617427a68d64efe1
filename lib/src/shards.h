/*
 * shards.h - what an index name stands for: one database, or several
 * searched as one.
 */
#ifndef VNS_SHARDS_H
#define VNS_SHARDS_H

#include "vnsearch.h"
#include "xapian_shim.h"

#include <stddef.h>

/* The shards left out (allow_missing), each with the reason. */
typedef struct vns__missing {
    char **names, **reasons;
    size_t count;
} vns__missing;

/* Opens the shards `name` stands for and adds them to db:
 *   tcp://HOST:PORT  a shard served by xapian-tcpsrv;
 *   a directory      a database, or, when it holds a file XAPIANDB, the
 *                    shards that stub file lists (vnsearch-index
 *                    --shard-by writes one);
 *   a file           a Xapian stub file: one shard per line, "auto PATH"
 *                    or "glass PATH" (relative to the file's folder) or
 *                    "remote HOST:PORT"; blank lines and # comments skip.
 * With allow_missing, a shard that fails to open is recorded in *missing
 * and skipped; *opened counts the shards added. */
int vns__shards_add(vns__xrdb *db, const char *name, unsigned timeout_ms,
                    int allow_missing, vns__missing *missing,
                    size_t *opened);

void vns__missing_free(vns__missing *missing);

#endif /* VNS_SHARDS_H */
