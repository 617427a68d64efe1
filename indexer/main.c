/*
 * vnsearch-index - build and update an index from article files.
 *
 *   vnsearch-index [--db DIR] [--full] [--delete-missing] [--jobs N]
 *                  [--shard-by year|hash:N] [--json] [--quiet] [--batch N]
 *                  PATH...
 *   vnsearch-index --merge --db DEST INDEX...
 *
 * Incremental by default: new and changed articles are written, unchanged
 * ones skipped. --full builds a new index beside the live one and swaps
 * the two directories in one step (renameat2 RENAME_EXCHANGE), so readers
 * see the old index or the new one, never a half-built one. With --jobs N
 * a full build runs N processes, each writing the shard of the articles
 * whose ids hash to it (a Xapian writer is one thread), then merges the
 * shards with Xapian's compaction before the swap. --shard-by keeps the
 * index as a directory of shards (router.c), one per year or per id hash;
 * there --jobs N builds the shards side by side and nothing is merged.
 * --merge compacts indexes (a sharded one included) into one. A nightly job
 * reads the exit code: see EXIT_* below and the README.
 */
#define _GNU_SOURCE /* renameat2 */
#include "json_print.h"
#include "vnsearch.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sys/wait.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Exit codes, for job schedulers. */
enum {
    EXIT_OK = 0,      /* everything read was indexed */
    EXIT_FAIL = 1,    /* the index could not be written: nothing after the
                         last commit was kept */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_SKIPPED = 3, /* indexed, but some inputs were skipped (see stderr) */
    EXIT_LOCKED = 4   /* another vnsearch-index holds the index */
};

#define DEFAULT_DB "vnsearch.db"

typedef struct run {
    const char *db;
    int full, delete_missing, json, quiet, progress, merge;
    vns_shard_by shard_by; /* 0: one index */
    unsigned shard_count;  /* VNS_SHARD_BY_HASH */
    long batch, input_limit_mib, jobs;
    unsigned shard, shards;
    unsigned long added, updated, unchanged, deleted, skipped, files;
    double started, last_progress;
} run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *to)
{
    fputs("Usage: vnsearch-index [OPTION]... PATH...\n"
          "Index the articles in PATH (files, directories, or - for stdin;\n"
          "page text or JSON Lines, plain or gzip) into the index.\n"
          "\n"
          "  -d, --db DIR          the index (default: $VNSEARCH_DB, else "
          DEFAULT_DB ")\n"
          "  -f, --full            rebuild beside the live index, then swap\n"
          "  -D, --delete-missing  delete articles not found in PATH...\n"
          "  -j, --jobs N          build a new index with N processes "
          "(default 1)\n"
          "      --shard-by KEY    keep the index as shards, one per year "
          "(KEY year)\n"
          "                        or N by a hash of the id (KEY hash:N), "
          "listed in\n"
          "                        DIR/XAPIANDB; a run writes only the "
          "shards that change\n"
          "      --merge           merge the indexes PATH... (sharded ones "
          "too) into\n"
          "                        a new compact index DIR\n"
          "  -b, --batch N         commit every N written articles "
          "(default 250)\n"
          "  -m, --max-input MIB   skip files that inflate past MIB "
          "(default 512)\n"
          "      --json            print the summary as JSON on stdout\n"
          "  -q, --quiet           no progress, no summary line\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show versions and exit\n"
          "\n"
          "Exit status: 0 done; 3 done, but some inputs were skipped;\n"
          "1 failure; 2 usage error; 4 the index is locked by another "
          "writer.\n",
          to);
}

static void show_progress(run *r, const char *path, int final)
{
    double t = now();
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
    case VNS_EVENT_ADDED: r->added++; break;
    case VNS_EVENT_UPDATED: r->updated++; break;
    case VNS_EVENT_UNCHANGED: r->unchanged++; break;
    case VNS_EVENT_FILE_DONE: r->files++; break;
    case VNS_EVENT_SKIPPED_RECORD:
    case VNS_EVENT_SKIPPED_FILE:
        r->skipped++;
        show_progress(r, "", 1);
        if (ev->line)
            fprintf(stderr, "vnsearch-index: %s:%lu: %s\n", ev->path,
                    ev->line, ev->message);
        else
            fprintf(stderr, "vnsearch-index: %s: %s\n", ev->path,
                    ev->message);
        break;
    }
    show_progress(r, ev->path, 0);
    return 0;
}

static int fail(const char *what, int rc)
{
    if (rc == VNS_ELOCKED)
        fprintf(stderr, "vnsearch-index: %s is being written by another "
                "vnsearch-index; try again when it has finished\n", what);
    fprintf(stderr, "vnsearch-index: %s: %s: %s\n", what, vns_strerror(rc),
            vns_errmsg());
    return rc == VNS_ELOCKED ? EXIT_LOCKED : EXIT_FAIL;
}

/* Xapian 1.4.22 ends the process (std::terminate, then abort) when a
 * block write fails at some points of a commit, where it cannot pass the
 * error on: tests/cli/ioerror.sh finds 2 such points of 41. The index
 * still holds its last commit, as after kill -9; so the message says that,
 * and the exit code is that of any failed write. Built before any write,
 * as a signal handler may only write(2) and _exit(2). */
static char abort_message[1024];

static void on_abort(int sig)
{
    ssize_t written = write(STDERR_FILENO, abort_message,
                            strlen(abort_message));
    (void)sig;
    (void)written; /* nothing else to do if stderr is gone */
    _exit(EXIT_FAIL);
}

static void exit_cleanly_on_abort(const char *db)
{
    struct sigaction sa;
    snprintf(abort_message, sizeof abort_message,
             "vnsearch-index: %s: Xapian aborted on a write error in a "
             "commit; the index keeps its last commit: check the disk, "
             "then run again\n", db);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_abort;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGABRT, &sa, NULL);
}

static int open_writer(const run *r, vns_writer **w, const char *dir,
                       unsigned flags)
{
    return r->shard_by ? vns_writer_open_sharded(w, dir, flags, r->shard_by,
                                                 r->shard_count)
                       : vns_writer_open(w, dir, flags);
}

/* Writes PATH... into the index at dir. */
static int index_into(run *r, const char *dir, char **paths, int count)
{
    vns_writer *w;
    int rc;

    if ((rc = open_writer(r, &w, dir, VNS_WRITER_CREATE)) != VNS_OK)
        return fail(dir, rc);
    if (r->batch >= 0)
        vns_writer_set_batch(w, (size_t)r->batch);
    if (r->shards > 1)
        vns_writer_set_shard(w, r->shard, r->shards);
    if (r->input_limit_mib > 0)
        vns_writer_set_input_limit(w, (uint64_t)r->input_limit_mib << 20);
    for (int i = 0; i < count && rc == VNS_OK; i++)
        rc = vns_writer_add_path(w, paths[i], on_event, r);
    if (rc == VNS_OK && r->delete_missing) {
        size_t deleted = 0;
        rc = vns_writer_delete_unseen(w, &deleted);
        r->deleted = deleted;
    }
    if (rc == VNS_OK)
        rc = vns_writer_commit(w);
    show_progress(r, "", 1);
    /* A sharded index takes its shards' locks at its first change. */
    int code = rc == VNS_OK ? EXIT_OK : fail(dir, rc);
    vns_writer_close(w);
    return code;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* The counters a shard process hands back to its parent. */
typedef struct counts {
    unsigned long added, updated, unchanged, skipped, files;
    int code;
} counts;

/* Builds shards fresh/shard-0.. in r->jobs processes, then merges them
 * into `merged`. A sharded index (--shard-by) is built in `merged` itself,
 * each process writing the shards whose names hash to it, and not merged. */
static int build_shards(run *r, const char *fresh, const char *merged,
                        char **paths, int count)
{
    long jobs = r->jobs;
    char **shard_dirs = calloc((size_t)jobs, sizeof *shard_dirs);
    pid_t *pids = calloc((size_t)jobs, sizeof *pids);
    int *pipes = calloc((size_t)jobs, sizeof *pipes), code = EXIT_OK;

    if (!shard_dirs || !pids || !pipes) {
        free(shard_dirs);
        free(pids);
        free(pipes);
        return EXIT_FAIL;
    }
    fflush(NULL);
    for (long k = 0; k < jobs; k++) {
        int p[2];
        size_t n = strlen(fresh) + 32;
        shard_dirs[k] = malloc(n);
        if (!shard_dirs[k] || pipe(p) != 0) {
            code = EXIT_FAIL;
            break;
        }
        if (r->shard_by)
            snprintf(shard_dirs[k], n, "%s", merged);
        else
            snprintf(shard_dirs[k], n, "%s/shard-%ld", fresh, k);
        if ((pids[k] = fork()) == 0) { /* the shard's process */
            counts c;
            memset(&c, 0, sizeof c); /* its padding goes down the pipe */
            close(p[0]);
            r->shard = (unsigned)k;
            r->shards = (unsigned)jobs;
            r->progress = r->progress && k == 0;
            c.code = index_into(r, shard_dirs[k], paths, count);
            c.added = r->added;
            c.updated = r->updated;
            c.unchanged = r->unchanged;
            c.skipped = r->skipped;
            c.files = r->files;
            _exit(write(p[1], &c, sizeof c) == sizeof c ? c.code : EXIT_FAIL);
        }
        close(p[1]);
        pipes[k] = p[0];
        if (pids[k] < 0) {
            perror("vnsearch-index: fork");
            code = EXIT_FAIL;
            break;
        }
    }
    for (long k = 0; k < jobs; k++) {
        counts c;
        int status;
        if (pids[k] <= 0)
            continue;
        if (read(pipes[k], &c, sizeof c) != sizeof c)
            c.code = EXIT_FAIL;
        close(pipes[k]);
        waitpid(pids[k], &status, 0);
        if (c.code != EXIT_OK)
            code = c.code;
        r->added += c.added;
        r->updated += c.updated;
        r->unchanged += c.unchanged;
        r->skipped += c.skipped;
        r->files += c.files;
    }
    if (code == EXIT_OK && r->shard_by) {
        /* Opening lists every shard the processes made in XAPIANDB. */
        vns_writer *w;
        int rc = open_writer(r, &w, merged, 0);
        if (rc != VNS_OK)
            code = fail(merged, rc);
        vns_writer_close(w);
    } else if (code == EXIT_OK) {
        int rc = vns_index_merge(merged, (const char *const *)shard_dirs,
                                 (size_t)jobs);
        if (rc != VNS_OK)
            code = fail(merged, rc);
    }
    for (long k = 0; k < jobs; k++)
        free(shard_dirs[k]);
    free(shard_dirs);
    free(pids);
    free(pipes);
    return code;
}

/* Opens the live index, as what it is (sharded or not), to hold its
 * lock; VNS_EINVAL when it is not what --shard-by asks for. */
static int open_live(const run *r, vns_writer **live)
{
    size_t n = strlen(r->db) + 16;
    char *stub = malloc(n);
    int sharded;
    if (!stub)
        return VNS_ENOMEM;
    snprintf(stub, n, "%s/XAPIANDB", r->db);
    sharded = access(stub, F_OK) == 0;
    free(stub);
    if (sharded && !r->shard_by)
        return VNS_EINVAL;
    return sharded ? open_writer(r, live, r->db, 0)
                   : vns_writer_open(live, r->db, 0);
}

/* --full: build a new index beside the live one, then swap them. The live
 * index stays locked meanwhile, so that no incremental run interleaves. */
static int full_rebuild(run *r, char **paths, int count)
{
    /* On the stack: the --jobs processes end with _exit(), and would
     * otherwise leave these allocated (valgrind counts them lost). */
    char fresh[PATH_MAX], built[PATH_MAX + 16];
    vns_writer *live = NULL;
    int code, rc;

    if (strlen(r->db) + 32 > sizeof fresh) {
        fprintf(stderr, "vnsearch-index: %s: path too long\n", r->db);
        return EXIT_FAIL;
    }
    /* An index of another format, or of another layout (one database or
     * shards), is what --full is for: replace it, without the lock its
     * format keeps us from taking. */
    if (access(r->db, F_OK) == 0 && (rc = open_live(r, &live)) != VNS_OK &&
        rc != VNS_EVERSION && rc != VNS_EINVAL)
        return fail(r->db, rc);
    snprintf(fresh, sizeof fresh, "%s.full-XXXXXX", r->db);
    if (!mkdtemp(fresh)) {
        fprintf(stderr, "vnsearch-index: %s: %s\n", fresh, strerror(errno));
        vns_writer_close(live);
        return EXIT_FAIL;
    }
    if (r->jobs > 1) {
        snprintf(built, sizeof built, "%s%s", fresh,
                 r->shard_by ? "" : "/index");
        code = build_shards(r, fresh, built, paths, count);
    } else {
        snprintf(built, sizeof built, "%s", fresh);
        code = index_into(r, fresh, paths, count);
    }
    if (code == EXIT_OK) {
        int swapped = access(r->db, F_OK) == 0
                          ? renameat2(AT_FDCWD, built, AT_FDCWD, r->db,
                                      RENAME_EXCHANGE)
                          : rename(built, r->db);
        if (swapped != 0) {
            fprintf(stderr, "vnsearch-index: cannot swap %s into %s: %s\n",
                    built, r->db, strerror(errno));
            code = EXIT_FAIL;
        }
    }
    vns_writer_close(live);
    /* What is left under `fresh`: the old index, shards, a failed build. */
    nftw(fresh, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return code;
}

/* --shard-by year | hash:N */
static int parse_shard_by(const char *arg, run *r)
{
    char *end;
    if (strcmp(arg, "year") == 0) {
        r->shard_by = VNS_SHARD_BY_YEAR;
        return 1;
    }
    if (strncmp(arg, "hash:", 5) == 0) {
        errno = 0;
        long n = strtol(arg + 5, &end, 10);
        if (!errno && !*end && n >= 1 && n <= 1000) {
            r->shard_by = VNS_SHARD_BY_HASH;
            r->shard_count = (unsigned)n;
            return 1;
        }
    }
    fprintf(stderr, "vnsearch-index: --shard-by: year or hash:N (N from 1 "
            "to 1000), not %s\nTry 'vnsearch-index --help'.\n", arg);
    return 0;
}

/* --merge: the indexes PATH... into a new one at --db. */
static int merge(const run *r, char **paths, int count)
{
    int rc;
    if (access(r->db, F_OK) == 0) {
        fprintf(stderr, "vnsearch-index: --merge: %s exists; merging makes "
                "a new index\n", r->db);
        return EXIT_USAGE;
    }
    rc = vns_index_merge(r->db, (const char *const *)paths, (size_t)count);
    return rc == VNS_OK ? EXIT_OK : fail(r->db, rc);
}

static void summary(const run *r, int code)
{
    double seconds = now() - r->started;

    if (r->json) {
        printf("{\"format\": 1, \"db\": ");
        vns_json_string(stdout, r->db, strlen(r->db));
        printf(", \"full\": %s, \"added\": %lu, \"updated\": %lu, "
               "\"unchanged\": %lu, \"deleted\": %lu, \"skipped\": %lu, "
               "\"files\": %lu, \"seconds\": %.2f, \"exit\": %d}\n",
               r->full ? "true" : "false", r->added, r->updated, r->unchanged,
               r->deleted, r->skipped, r->files, seconds, code);
    }
    if (!r->quiet)
        fprintf(stderr, "vnsearch-index: %lu added, %lu updated, %lu "
                "unchanged, %lu deleted, %lu skipped inputs, %.2f s\n",
                r->added, r->updated, r->unchanged, r->deleted, r->skipped,
                seconds);
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"db", required_argument, NULL, 'd'},
        {"full", no_argument, NULL, 'f'},
        {"delete-missing", no_argument, NULL, 'D'},
        {"jobs", required_argument, NULL, 'j'},
        {"shard-by", required_argument, NULL, 'S'},
        {"merge", no_argument, NULL, 'M'},
        {"batch", required_argument, NULL, 'b'},
        {"max-input", required_argument, NULL, 'm'},
        {"json", no_argument, NULL, 'J'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run r;
    int opt, code;
    char *end;

    memset(&r, 0, sizeof r);
    r.batch = -1;
    r.jobs = 1;
    r.db = getenv("VNSEARCH_DB");
    if (!r.db || !*r.db)
        r.db = DEFAULT_DB;
    while ((opt = getopt_long(argc, argv, "d:fDj:b:m:qhV", options, NULL)) !=
           -1) {
        switch (opt) {
        case 'd': r.db = optarg; break;
        case 'f': r.full = 1; break;
        case 'M': r.merge = 1; break;
        case 'S':
            if (!parse_shard_by(optarg, &r))
                return EXIT_USAGE;
            break;
        case 'D': r.delete_missing = 1; break;
        case 'J': r.json = 1; break;
        case 'q': r.quiet = 1; break;
        case 'b':
            errno = 0;
            r.batch = strtol(optarg, &end, 10);
            if (errno || *end || r.batch < 0) {
                fprintf(stderr, "vnsearch-index: --batch: not a count: %s\n"
                        "Try 'vnsearch-index --help'.\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'j':
            errno = 0;
            r.jobs = strtol(optarg, &end, 10);
            if (errno || *end || r.jobs < 1 || r.jobs > 64) {
                fprintf(stderr, "vnsearch-index: --jobs: not a number of "
                        "processes (1-64): %s\nTry 'vnsearch-index --help'."
                        "\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'm':
            errno = 0;
            r.input_limit_mib = strtol(optarg, &end, 10);
            if (errno || *end || r.input_limit_mib <= 0 ||
                r.input_limit_mib > (1L << 20)) {
                fprintf(stderr, "vnsearch-index: --max-input: not a size in "
                        "MiB: %s\nTry 'vnsearch-index --help'.\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            usage(stdout);
            return EXIT_OK;
        case 'V':
            printf("vnsearch-index %s (%s)\n", VNS_VERSION_STRING,
                   vns_version_string());
            return EXIT_OK;
        default:
            fputs("Try 'vnsearch-index --help'.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs("vnsearch-index: no PATH to index\n"
              "Try 'vnsearch-index --help'.\n", stderr);
        return EXIT_USAGE;
    }
    r.progress = !r.quiet && isatty(STDERR_FILENO);
    r.started = now();
    exit_cleanly_on_abort(r.db);
    /* A first build is a full one: it can use several processes. */
    if (r.jobs > 1 && access(r.db, F_OK) != 0)
        r.full = 1;
    if (r.merge)
        return merge(&r, argv + optind, argc - optind);
    code = r.full ? full_rebuild(&r, argv + optind, argc - optind)
                  : index_into(&r, r.db, argv + optind, argc - optind);
    if (code == EXIT_OK && r.skipped > 0)
        code = EXIT_SKIPPED;
    if (code == EXIT_OK || code == EXIT_SKIPPED)
        summary(&r, code);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("vnsearch-index: stdout");
        return EXIT_FAIL;
    }
    return code;
}
