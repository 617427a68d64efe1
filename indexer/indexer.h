/*
 * indexer.h - what the files of vnsearch-index share: the run, its exit
 * statuses, and the stages (main.c reads the command line, build.c writes
 * indexes, guard.c keeps a nightly job from losing or exposing one).
 */
#ifndef VNS_INDEXER_H
#define VNS_INDEXER_H

#include "vnsearch.h"

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

/* Exit statuses, for job schedulers: 0 and 3 are success, any other is a
 * failure an operator must look at. An interrupted run dies by the signal
 * that stopped it, after cleaning up (a shell shows 130 or 143). */
enum {
    EXIT_OK = 0,      /* everything read was indexed */
    EXIT_FAIL = 1,    /* the index could not be written: nothing after the
                         last commit was kept */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_SKIPPED = 3, /* indexed, but some inputs were skipped (see stderr) */
    EXIT_LOCKED = 4,  /* another vnsearch-index holds the index */
    EXIT_NO_INPUT = 5, /* a PATH could not be read: nothing was changed */
    EXIT_TOO_MANY_DELETES = 6, /* over --max-delete: nothing was deleted */
    EXIT_STOPPED = 128 /* never an exit status: stopped by a signal, the
                          process dies by it once it has cleaned up */
};

#define MAX_JOBS 64 /* --jobs */
#define DEFAULT_SEGMENT 20000 /* --segment: bench/README.md, "Segments" */

typedef struct run {
    const char *db;   /* as given, for messages and the summary */
    char *target;     /* the index directory: db resolved through links,
                         without a trailing slash */
    int full, delete_missing, json, quiet, progress, merge;
    vns_follow follow;
    vns_shard_by shard_by; /* 0: one index */
    unsigned shard_count;  /* VNS_SHARD_BY_HASH */
    long batch, input_limit_mib, jobs;
    long segment;          /* --segment: articles per database of --full */
    int segmented;         /* this build writes segments (--full, unsharded) */
    double max_delete;     /* a share of the index (0..1), or */
    long max_delete_count; /* a count, when >= 0 */
    const char *max_delete_text; /* as given, for messages */
    unsigned part, parts;
    const char *previous; /* --full: the live index, to keep unread inputs */
    unsigned long added, updated, unchanged, deleted, kept, skipped, files;
    uint64_t had; /* --full: articles in the live index */
    double started, last_progress;
} run;

/* build.c */
int vns_indexer_incremental(run *r, char **paths, int count);
int vns_indexer_full(run *r, char **paths, int count);
int vns_indexer_merge(run *r, char **paths, int count);
/* Seconds on a monotonic clock. */
double vns_indexer_now(void);
/* Prints the library's last error for `what`; returns the exit status. */
int vns_indexer_fail(const char *what, int status);

/* guard.c */
/* EXIT_OK when every PATH can be read, else its message and
 * EXIT_NO_INPUT, before anything is opened. */
int vns_indexer_check_inputs(char **paths, int count);
/* `path` resolved through symbolic links, without a trailing slash; the
 * last part need not exist. malloc'd; NULL with a message on failure. */
char *vns_indexer_resolve(const char *path);
/* Takes the lock TARGET.lock, for the run (kept across fork), then
 * removes what runs killed with -9 left (TARGET.full-*, TARGET.merge-*).
 * EXIT_OK, EXIT_LOCKED or EXIT_FAIL, with a message. */
int vns_indexer_lock(const char *target, int need_file);
/* Whether more would be deleted than --max-delete allows, of `before`
 * documents; prints the refusal. */
int vns_indexer_too_many(const run *r, uint64_t would, uint64_t before);
/* SIGINT and SIGTERM set a flag that the stages poll; after cleaning up,
 * vns_indexer_die_if_stopped() ends the process by that signal. */
void vns_indexer_catch_signals(void);
int vns_indexer_stopped(void);
void vns_indexer_die_if_stopped(void);
/* In a child: die with the parent, whose pid is `parent`. */
void vns_indexer_die_with(pid_t parent);
/* Gives the tree at `dir` the mode and owner of `like` (or, when `like`
 * does not exist, the mode mkdir gives under the umask); files no more
 * open than their directory. */
int vns_indexer_match_mode(const char *dir, const char *like);
/* Removes a tree; quiet. */
void vns_indexer_remove_tree(const char *dir);

#endif /* VNS_INDEXER_H */
