/*
 * vnsearch-index - build and update an index from article files.
 *
 *   vnsearch-index [--db DIR] [--full] [--delete-missing] [--jobs N]
 *                  [--shard-by year|hash:N] [--json] [--quiet] [--batch N]
 *                  [--segment N]
 *                  [--max-input MIB] [--max-delete PCT%|N]
 *                  [--follow-symlinks[=any]] PATH...
 *   vnsearch-index --merge --db DEST INDEX...
 *
 * Incremental by default: new and changed articles are written, unchanged
 * ones skipped. --full builds a new index beside the live one and swaps
 * the two directories in one step (renameat2 RENAME_EXCHANGE), so readers
 * see the old index or the new one, never a half-built one. With --jobs N
 * a full build runs N processes, parts of one build, each writing the
 * articles whose ids hash to it into its own database (a Xapian writer is
 * one thread), then merges them with Xapian's compaction before the swap. --shard-by keeps the
 * index as a directory of shards (lib/src/route.c), one per year or per
 * id hash; there --jobs N builds the shards side by side and nothing is
 * merged. Unsharded, --full writes each process's articles in segments
 * of --segment N articles, fresh databases merged by the same compaction,
 * as a Xapian commit costs more the larger the database it goes to.
 * --merge compacts indexes (a sharded one included) into one. A nightly job
 * reads the exit code: see EXIT_* in indexer.h and the README.
 *
 * This file reads the command line and runs the stages in order: the
 * inputs checked (guard.c), the lock taken, then the writing (build.c).
 */
#define _POSIX_C_SOURCE 200809L
#include "indexer.h"
#include "json_print.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_DB "vnsearch.db"
#define VNS_STR_(x) #x
#define VNS_STR(x) VNS_STR_(x) /* a number in the help text */

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
          "      --segment N       --full: start a new database every N "
          "articles\n"
          "                        a process writes, and merge them all "
          "at the end\n"
          "                        (default " VNS_STR(DEFAULT_SEGMENT)
          "; 0: one database per process)\n"
          "  -m, --max-input MIB   skip files that inflate past MIB "
          "(default 512)\n"
          "      --max-delete LIMIT  refuse a run that would delete more "
          "than LIMIT\n"
          "                        articles: PCT% of the index or a count "
          "(default 10%)\n"
          "      --follow-symlinks[=any]  follow symbolic links in "
          "directories, if\n"
          "                        they stay inside PATH (any: wherever "
          "they lead)\n"
          "      --json            print the summary as JSON on stdout\n"
          "  -q, --quiet           no progress, no summary line\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show versions and exit\n"
          "\n"
          "Exit status: 0 done; 3 done, but some inputs were skipped;\n"
          "1 failure; 2 usage error; 4 the index is locked by another "
          "writer;\n"
          "5 a PATH cannot be read (nothing changed); 6 more deletions "
          "than\n"
          "--max-delete (none done). Stopped by SIGINT or SIGTERM, it "
          "cleans up\n"
          "and dies by that signal.\n",
          to);
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

/* A whole number from lo to hi for `option`, or a usage message saying it
 * is not `what`. */
static int parse_number(long *out, const char *arg, long lo, long hi,
                        const char *option, const char *what)
{
    char *end;
    errno = 0;
    *out = strtol(arg, &end, 10);
    if (errno || end == arg || *end || *out < lo || *out > hi) {
        fprintf(stderr, "vnsearch-index: %s: not %s: %s\n"
                "Try 'vnsearch-index --help'.\n", option, what, arg);
        return 0;
    }
    return 1;
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

/* --max-delete PCT% | N */
static int parse_max_delete(const char *arg, run *r)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    r->max_delete_text = arg;
    if (!errno && end != arg && strcmp(end, "%") == 0 && v >= 0 &&
        v <= 100) {
        r->max_delete = v / 100;
        r->max_delete_count = -1;
        return 1;
    }
    long n = strtol(arg, &end, 10);
    if (!errno && end != arg && !*end && n >= 0) {
        r->max_delete_count = n;
        return 1;
    }
    fprintf(stderr, "vnsearch-index: --max-delete: a share of the index "
            "(10%%) or a count of articles, not %s\nTry 'vnsearch-index "
            "--help'.\n", arg);
    return 0;
}

static void summary(const run *r, int code)
{
    double seconds = vns_indexer_now() - r->started;

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

/* The stages in order; an exit status. Nothing is opened before the
 * inputs are known to be readable, nothing created before the lock. */
static int run_all(run *r, char **paths, int count)
{
    int code = vns_indexer_check_inputs(paths, count);

    if (code != EXIT_OK)
        return code;
    if (!(r->target = vns_indexer_resolve(r->db)))
        return EXIT_FAIL;
    int exists = access(r->target, F_OK) == 0;
    /* A first build is a full one: it can use several processes. */
    if (r->jobs > 1 && !exists)
        r->full = 1;
    if ((code = vns_indexer_lock(r->target, !exists || r->full ||
                                                r->merge)) != EXIT_OK)
        return code;
    vns_indexer_catch_signals();
    exit_cleanly_on_abort(r->db);
    code = r->merge  ? vns_indexer_merge(r, paths, count)
           : r->full ? vns_indexer_full(r, paths, count)
                     : vns_indexer_incremental(r, paths, count);
    if (code == EXIT_OK && r->skipped > 0)
        code = EXIT_SKIPPED;
    if ((code == EXIT_OK || code == EXIT_SKIPPED) && !r->merge)
        summary(r, code);
    return code;
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
        {"segment", required_argument, NULL, 'G'},
        {"max-input", required_argument, NULL, 'm'},
        {"max-delete", required_argument, NULL, 'X'},
        {"follow-symlinks", optional_argument, NULL, 'L'},
        {"json", no_argument, NULL, 'J'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    run r;
    int opt, code;

    memset(&r, 0, sizeof r);
    r.batch = -1;
    r.jobs = 1;
    r.segment = DEFAULT_SEGMENT;
    r.max_delete = 0.10;
    r.max_delete_count = -1;
    r.max_delete_text = "10%";
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
        case 'X':
            if (!parse_max_delete(optarg, &r))
                return EXIT_USAGE;
            break;
        case 'L':
            if (optarg && strcmp(optarg, "any") != 0) {
                fprintf(stderr, "vnsearch-index: --follow-symlinks: 'any' or "
                        "nothing, not %s\nTry 'vnsearch-index --help'.\n",
                        optarg);
                return EXIT_USAGE;
            }
            r.follow = optarg ? VNS_FOLLOW_ANY : VNS_FOLLOW_INSIDE;
            break;
        case 'J': r.json = 1; break;
        case 'q': r.quiet = 1; break;
        case 'b':
            if (!parse_number(&r.batch, optarg, 0, LONG_MAX, "--batch",
                              "a count"))
                return EXIT_USAGE;
            break;
        case 'G':
            if (!parse_number(&r.segment, optarg, 0, LONG_MAX, "--segment",
                              "a number of articles (0: no segments)"))
                return EXIT_USAGE;
            break;
        case 'j':
            if (!parse_number(&r.jobs, optarg, 1, MAX_JOBS, "--jobs",
                              "a number of processes (1-64)"))
                return EXIT_USAGE;
            break;
        case 'm':
            if (!parse_number(&r.input_limit_mib, optarg, 1, 1L << 20,
                              "--max-input", "a size in MiB"))
                return EXIT_USAGE;
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
    r.started = vns_indexer_now();
    code = run_all(&r, argv + optind, argc - optind);
    free(r.target);
    vns_indexer_die_if_stopped();
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("vnsearch-index: stdout");
        return EXIT_FAIL;
    }
    return code;
}
