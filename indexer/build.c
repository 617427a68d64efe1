/*
 * build.c - the writing stages of vnsearch-index: an incremental run, a
 * full rebuild beside the live index (in one process or several), and
 * --merge. Each one either leaves the index updated or as it was.
 */
#define _GNU_SOURCE /* renameat2 */
#include "indexer.h"
#include "text_print.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double vns_indexer_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void show_progress(run *r, const char *path, int final)
{
    double t = vns_indexer_now();
    if (!r->progress || (!final && t - r->last_progress < 0.25))
        return;
    r->last_progress = t;
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    fprintf(stderr, "\r\033[K%lu articles (%lu added, %lu updated, %lu "
            "skipped) %.40s", r->added + r->updated + r->unchanged, r->added,
            r->updated, r->skipped, path);
}

static int on_event(const vns_event *ev, void *payload)
{
    run *r = payload;

    switch (ev->kind) {
    case VNS_EVENT_ARTICLE:
        r->added += ev->result == VNS_WRITE_ADDED;
        r->updated += ev->result == VNS_WRITE_UPDATED;
        r->unchanged += ev->result == VNS_WRITE_UNCHANGED;
        break;
    case VNS_EVENT_FILE_DONE: r->files++; break;
    case VNS_EVENT_SKIPPED_RECORD:
    case VNS_EVENT_SKIPPED_FILE:
        r->skipped++;
        show_progress(r, "", 1);
        /* An id or a file name must not drive the operator's terminal. */
        fputs("vnsearch-index: ", stderr);
        vns_text_string(stderr, ev->path, strlen(ev->path));
        if (ev->line)
            fprintf(stderr, ":%lu", ev->line);
        fputs(": ", stderr);
        vns_text_string(stderr, ev->message, strlen(ev->message));
        fputc('\n', stderr);
        break;
    }
    show_progress(r, ev->path, 0);
    return vns_indexer_stopped() ? EXIT_STOPPED : 0;
}

int vns_indexer_fail(const char *what, int rc)
{
    if (rc == VNS_ELOCKED)
        fprintf(stderr, "vnsearch-index: %s is being written by another "
                "vnsearch-index; try again when it has finished\n", what);
    fprintf(stderr, "vnsearch-index: %s: %s: %s\n", what, vns_strerror(rc),
            vns_errmsg());
    return rc == VNS_ELOCKED ? EXIT_LOCKED : EXIT_FAIL;
}

/* A --full build's parts are segmented (`r->segmented`): dir is new. */
static int open_writer(const run *r, vns_writer **w, const char *dir,
                       unsigned flags)
{
    if (r->segmented)
        return vns_writer_open_segmented(w, dir, (size_t)r->segment);
    return r->shard_by ? vns_writer_open_sharded(w, dir, flags, r->shard_by,
                                                 r->shard_count)
                       : vns_writer_open(w, dir, flags);
}

/* --delete-missing: what the inputs no longer hold, unless that is more
 * than --max-delete allows; then what was written is still committed. */
static int delete_missing(run *r, vns_writer *w)
{
    size_t would = 0, deleted = 0;
    uint64_t now_count = 0;
    int rc;

    if ((rc = vns_writer_count_unseen(&would, w)) != VNS_OK ||
        (rc = vns_writer_doc_count(&now_count, w)) != VNS_OK)
        return rc;
    if (vns_indexer_too_many(r, would, now_count - r->added))
        return EXIT_TOO_MANY_DELETES;
    rc = vns_writer_delete_unseen(&deleted, w);
    r->deleted = deleted;
    return rc;
}

/* After the inputs of a rebuild: the live index's articles of inputs that
 * could not be read are copied over; the rest of it is what is dropped. */
static int keep_unread(run *r, vns_writer *w)
{
    size_t kept = 0, dropped = 0;
    uint64_t had = 0;
    int rc = vns_writer_keep_unread(&kept, &dropped, &had, w,
                                    r->previous);
    r->kept = kept;
    r->deleted = dropped;
    r->had = had;
    return rc;
}

/* Writes PATH... into the index at dir; an exit status. */
static int index_into(run *r, const char *dir, char **paths, int count)
{
    vns_writer *w;
    int rc, guard = EXIT_OK;

    if ((rc = open_writer(r, &w, dir, VNS_WRITER_CREATE)) != VNS_OK)
        return vns_indexer_fail(dir, rc);
    rc = r->batch >= 0 ? vns_writer_set_batch(w, (size_t)r->batch) : VNS_OK;
    if (rc == VNS_OK && r->parts > 1)
        rc = vns_writer_set_part(w, r->part, r->parts);
    if (rc == VNS_OK && r->input_limit_mib > 0)
        rc = vns_writer_set_input_limit(w,
                                        (uint64_t)r->input_limit_mib << 20);
    if (rc == VNS_OK)
        rc = vns_writer_set_follow_symlinks(w, r->follow);
    for (int i = 0; i < count && rc == VNS_OK; i++)
        rc = vns_writer_add_path(w, paths[i], on_event, r);
    if (rc == VNS_OK && r->previous)
        rc = keep_unread(r, w);
    if (rc == VNS_OK && r->delete_missing && !r->previous &&
        (rc = delete_missing(r, w)) == EXIT_TOO_MANY_DELETES) {
        guard = rc;
        rc = VNS_OK;
    }
    if (rc == VNS_OK && vns_indexer_stopped())
        rc = EXIT_STOPPED;
    if (rc == VNS_OK)
        rc = vns_writer_commit(w);
    show_progress(r, "", 1);
    int code = rc == VNS_OK          ? guard
               : rc == EXIT_STOPPED ? EXIT_STOPPED
                                    : vns_indexer_fail(dir, rc);
    vns_writer_close(w);
    return code;
}

int vns_indexer_incremental(run *r, char **paths, int count)
{
    return index_into(r, r->db, paths, count); /* as named in messages */
}

/* The counters a part process hands back to its parent. */
typedef struct counts {
    unsigned long added, updated, unchanged, deleted, kept, skipped, files;
    uint64_t had;
    int code;
} counts;

/* A part process (--jobs): builds its part, hands its counts back, ends. */
static void part_process(run *r, pid_t parent, int out, long k, long jobs,
                          const char *dir, char **paths, int count)
{
    counts c;
    memset(&c, 0, sizeof c); /* its padding goes down the pipe */
    vns_indexer_die_with(parent);
    r->part = (unsigned)k;
    r->parts = (unsigned)jobs;
    r->progress = r->progress && k == 0;
    c.code = index_into(r, dir, paths, count);
    c.added = r->added;
    c.updated = r->updated;
    c.unchanged = r->unchanged;
    c.deleted = r->deleted;
    c.kept = r->kept;
    c.skipped = r->skipped;
    c.files = r->files;
    c.had = r->had;
    _exit(write(out, &c, sizeof c) == sizeof c ? c.code : EXIT_FAIL);
}

static void stop_all(const pid_t *pids, long jobs)
{
    for (long k = 0; k < jobs; k++)
        if (pids[k] > 0)
            kill(pids[k], SIGTERM);
}

/* Adds what part process k reported (or why it gave nothing) to r. */
static int collect(run *r, long k, int in, int status)
{
    counts c;
    if (read(in, &c, sizeof c) != sizeof c) {
        if (WIFSIGNALED(status) && !vns_indexer_stopped())
            fprintf(stderr, "vnsearch-index: shard process %ld killed by "
                    "signal %d (%s); nothing was changed\n", k,
                    WTERMSIG(status), strsignal(WTERMSIG(status)));
        else if (!vns_indexer_stopped())
            fprintf(stderr, "vnsearch-index: shard process %ld ended with "
                    "status %d without its counts; nothing was changed\n",
                    k, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return vns_indexer_stopped() ? EXIT_STOPPED : EXIT_FAIL;
    }
    r->added += c.added;
    r->updated += c.updated;
    r->unchanged += c.unchanged;
    r->kept += c.kept;
    r->skipped += c.skipped;
    r->files += c.files;
    if (k == 0) { /* every process reads every input: one tells */
        r->deleted = c.deleted;
        r->had = c.had;
    }
    return c.code;
}

/* Waits for the part processes; the first failure (or a signal) stops
 * the others, so that none outlives the run. */
static int wait_all(run *r, const pid_t *pids, const int *pipes, long jobs)
{
    long left = 0;
    int code = EXIT_OK, stopping = 0;

    for (long k = 0; k < jobs; k++)
        left += pids[k] > 0;
    while (left > 0) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno != EINTR)
            break;
        if (!stopping && (vns_indexer_stopped() || code != EXIT_OK)) {
            stop_all(pids, jobs);
            stopping = 1;
        }
        for (long k = 0; pid > 0 && k < jobs; k++) {
            if (pids[k] != pid)
                continue;
            int c = collect(r, k, pipes[k], status);
            if (code == EXIT_OK || code == EXIT_STOPPED)
                code = c == EXIT_OK ? code : c;
            left--;
        }
        if (!stopping && code != EXIT_OK) {
            stop_all(pids, jobs);
            stopping = 1;
        }
    }
    return code;
}

/* Merges indexes into dest in a child process, so that a signal can stop
 * a long compaction at once (what it wrote is removed with the rest). */
static int merge_in_child(const char *dest, char **sources, size_t count)
{
    pid_t pid, parent = getpid();
    int status;

    fflush(NULL);
    if ((pid = fork()) == 0) {
        /* Nothing here polls for a stop: a signal ends it at once. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        vns_indexer_die_with(parent);
        int rc = vns_index_merge(dest, (const char *const *)sources, count);
        _exit(rc == VNS_OK ? EXIT_OK : vns_indexer_fail(dest, rc));
    }
    if (pid < 0) {
        perror("vnsearch-index: fork");
        return EXIT_FAIL;
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR || vns_indexer_stopped())
            kill(pid, SIGKILL);
    if (vns_indexer_stopped())
        return EXIT_STOPPED;
    return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAIL;
}

/* Builds parts fresh/shard-0.. in r->jobs processes, then merges them
 * into `merged`; each part is a directory of segments when the build is
 * segmented, and all their segments are merged in one compaction. A
 * sharded index (--shard-by) is built in `merged` itself, each process
 * writing the shards whose names hash to it, and not merged. */
static int build_parts(run *r, const char *fresh, const char *merged,
                        char **paths, int count)
{
    /* On the stack: the part processes end with _exit(), and would leave
     * what the parent allocated for them lost (valgrind counts it). */
    char *part_dirs[MAX_JOBS] = {NULL};
    pid_t pids[MAX_JOBS] = {0}, parent = getpid();
    int pipes[MAX_JOBS], code = EXIT_OK;
    long jobs = r->jobs;

    fflush(NULL);
    for (long k = 0; k < jobs && code == EXIT_OK; k++) {
        int p[2];
        size_t n = strlen(fresh) + 32;
        if (!(part_dirs[k] = malloc(n)) || pipe(p) != 0) {
            code = EXIT_FAIL;
            break;
        }
        snprintf(part_dirs[k], n, r->shard_by ? "%s" : "%s/shard-%ld",
                 r->shard_by ? merged : fresh, k);
        if ((pids[k] = fork()) == 0) {
            close(p[0]);
            part_process(r, parent, p[1], k, jobs, part_dirs[k], paths,
                          count);
        }
        close(p[1]);
        pipes[k] = p[0];
        if (pids[k] < 0) {
            perror("vnsearch-index: fork");
            code = EXIT_FAIL;
        }
    }
    if (code != EXIT_OK)
        stop_all(pids, jobs);
    int waited = wait_all(r, pids, pipes, jobs);
    code = code != EXIT_OK ? code : waited;
    for (long k = 0; k < jobs; k++)
        if (pids[k] > 0)
            close(pipes[k]);
    if (code == EXIT_OK && r->shard_by) {
        /* Opening lists every shard the processes made in XAPIANDB. */
        vns_writer *w;
        int rc = vns_writer_open_sharded(&w, merged, 0, r->shard_by,
                                         r->shard_count);
        if (rc != VNS_OK)
            code = vns_indexer_fail(merged, rc);
        vns_writer_close(w);
    } else if (code == EXIT_OK) {
        code = merge_in_child(merged, part_dirs, (size_t)jobs);
    }
    for (long k = 0; k < jobs; k++)
        free(part_dirs[k]);
    return code;
}

/* Opens the live index, as what it is (sharded or not), to hold its
 * lock; VNS_EINVAL when it is not what --shard-by asks for. */
static int open_live(const run *r, vns_writer **live)
{
    /* One that cannot be looked into is opened as one database: the
     * writer then says what is wrong with it. */
    vns_layout layout;
    int sharded = vns_index_layout(&layout, r->target) == VNS_OK &&
                  layout == VNS_LAYOUT_SHARDED;
    if (sharded && !r->shard_by)
        return VNS_EINVAL;
    return sharded ? open_writer(r, live, r->target, 0)
                   : vns_writer_open(live, r->target, 0);
}

/* Puts the build in the live index's place in one step; readers see one
 * or the other. The live directory (a link's target: the link stays)
 * ends up inside `fresh`, removed with it. */
static int swap_in(const run *r, const char *built, int live_exists)
{
    int code = vns_indexer_match_mode(built, r->target);
    if (code != EXIT_OK)
        return code;
    int swapped = live_exists ? renameat2(AT_FDCWD, built, AT_FDCWD,
                                          r->target, RENAME_EXCHANGE)
                              : renameat2(AT_FDCWD, built, AT_FDCWD,
                                          r->target, RENAME_NOREPLACE);
    if (swapped != 0) {
        fprintf(stderr, "vnsearch-index: cannot put %s in place of %s: %s\n",
                built, r->target, strerror(errno));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* --full: build a new index beside the live one, then swap them. The live
 * index stays locked meanwhile, so that no incremental run interleaves. */
int vns_indexer_full(run *r, char **paths, int count)
{
    /* On the stack: the --jobs processes end with _exit(), and would
     * otherwise leave these allocated (valgrind counts them lost). */
    char fresh[PATH_MAX], built[PATH_MAX + 16];
    vns_writer *live = NULL;
    int code, rc, live_exists = access(r->target, F_OK) == 0;

    if (strlen(r->target) + 32 > sizeof fresh) {
        fprintf(stderr, "vnsearch-index: %s: path too long\n", r->target);
        return EXIT_FAIL;
    }
    /* An index of another format, or of another layout (one database or
     * shards), is what --full is for: replace it, without the lock its
     * format keeps us from taking. */
    if (live_exists && (rc = open_live(r, &live)) != VNS_OK &&
        rc != VNS_EVERSION && rc != VNS_EINVAL)
        return vns_indexer_fail(r->db, rc);
    r->previous = live_exists ? r->target : NULL;
    /* Segments (--segment) keep each database a process fills small; one
     * process writing them is a part of one, run as the parts of --jobs
     * are (a child, merged at the end), so that there is one way. */
    r->segmented = r->segment > 0 && !r->shard_by;
    snprintf(fresh, sizeof fresh, "%s.full-XXXXXX", r->target);
    if (!mkdtemp(fresh)) {
        fprintf(stderr, "vnsearch-index: %s: %s\n", fresh, strerror(errno));
        vns_writer_close(live);
        return EXIT_FAIL;
    }
    snprintf(built, sizeof built, "%s%s", fresh,
             (r->jobs > 1 && !r->shard_by) || r->segmented ? "/index" : "");
    code = r->jobs > 1 || r->segmented
               ? build_parts(r, fresh, built, paths, count)
               : index_into(r, fresh, paths, count);
    if (code == EXIT_OK && vns_indexer_too_many(r, r->deleted, r->had))
        code = EXIT_TOO_MANY_DELETES;
    if (code == EXIT_OK && vns_indexer_stopped())
        code = EXIT_STOPPED;
    if (code == EXIT_OK && r->kept > 0)
        fprintf(stderr, "vnsearch-index: %lu articles of inputs that could "
                "not be read kept from the index as it was\n", r->kept);
    if (code == EXIT_OK)
        code = swap_in(r, built, live_exists);
    vns_writer_close(live);
    /* What is left under `fresh`: the old index, shards, a failed build. */
    vns_indexer_remove_tree(fresh);
    return code;
}

/* --merge: the indexes PATH... into a new one at --db, built beside it
 * and renamed into place, so that a run that fails or is killed leaves
 * no half-made index there. */
int vns_indexer_merge(run *r, char **paths, int count)
{
    char tmp[PATH_MAX], dest[PATH_MAX + 16];
    int code;

    if (access(r->target, F_OK) == 0) {
        fprintf(stderr, "vnsearch-index: --merge: %s exists; merging makes "
                "a new index\n", r->db);
        return EXIT_USAGE;
    }
    if (strlen(r->target) + 32 > sizeof tmp) {
        fprintf(stderr, "vnsearch-index: %s: path too long\n", r->target);
        return EXIT_FAIL;
    }
    snprintf(tmp, sizeof tmp, "%s.merge-XXXXXX", r->target);
    if (!mkdtemp(tmp)) {
        fprintf(stderr, "vnsearch-index: %s: %s\n", tmp, strerror(errno));
        return EXIT_FAIL;
    }
    snprintf(dest, sizeof dest, "%s/index", tmp);
    code = merge_in_child(dest, paths, (size_t)count);
    if (code == EXIT_OK)
        code = swap_in(r, dest, 0);
    vns_indexer_remove_tree(tmp);
    return code;
}
