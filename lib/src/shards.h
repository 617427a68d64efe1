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

/* Opens the shards names[0..count) stand for and adds them to db, in
 * that order (remote shards are opened side by side, so that N silent
 * servers cost one timeout, not N). Each name is
 *   tcp://HOST:PORT  a shard served by xapian-tcpsrv;
 *   a directory      a database, or, when it holds a file XAPIANDB, the
 *                    shards that stub file lists (vnsearch-index
 *                    --shard-by writes one);
 *   a file           a Xapian stub file: one shard per line, "auto PATH"
 *                    or "glass PATH" (relative to the file's folder) or
 *                    "remote HOST:PORT"; blank lines and # comments skip.
 * A name that exists but cannot be looked into gives VNS_EIO with the
 * system's reason (Permission denied), not VNS_ENOTFOUND. With
 * allow_missing, a shard that fails to open is recorded in *missing and
 * skipped; *opened counts the shards added. */
int vns__shards_open(vns__xrdb *db, const char *const *names, size_t count,
                     unsigned timeout_ms, int allow_missing,
                     vns__missing *missing, size_t *opened);

void vns__missing_free(vns__missing *missing);

/* Retrying a read that a writer's commits discarded (VNS_EMODIFIED: Xapian
 * keeps a reader's revision only until two commits later). A writer that
 * commits fast can do that again and again, so the bound is a time, not a
 * count of tries: VNS__MODIFIED_RETRY_MS in all, with pauses that grow
 * from 0 to VNS__MODIFIED_PAUSE_MS, so that a burst of commits can end. */
#define VNS__MODIFIED_RETRY_MS 5000
#define VNS__MODIFIED_PAUSE_MS 4

typedef struct vns__retry {
    double deadline; /* CLOCK_MONOTONIC seconds */
    unsigned pause_ms;
    unsigned tries;
} vns__retry;

void vns__retry_start(vns__retry *retry);
/* Whether there is time left to try again; pauses first when it says
 * yes. The caller decides that the failure is worth a retry. */
int vns__retry_again(vns__retry *retry);

#endif /* VNS_SHARDS_H */
