/*
 * bench_index - build time of vnsearch against SQLite FTS5, on the same
 * records, in one run on one machine.
 *
 *   bench_index [--jobs N] [--runs R] [FILE.jsonl.gz ...]
 *
 * FTS5: every record of the files is read (gunzip, JSON) and inserted in
 * one transaction into an on-disk FTS5 table (title, lead, body) with
 * tokenize='unicode61 remove_diacritics 2'. vnsearch: `vnsearch-index
 * --full --jobs N` over the same files, as a child process; then the same
 * command without --full, with nothing changed (the nightly no-change
 * run). Reported: median seconds of R runs, the ratio, index sizes, and
 * the indexer's peak RSS (largest process). Exit 0 with a message when the
 * corpus is absent.
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include "vnsearch.h"

#include <ftw.h>
#include <glob.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int runs = 1, first = 1;
    const char *jobs = "2";
    glob_t g = {0};
    char dir[] = "/tmp/vns-bench-XXXXXX";

    for (; first + 1 < argc && !strncmp(argv[first], "--", 2); first += 2) {
        if (!strcmp(argv[first], "--runs"))
            runs = atoi(argv[first + 1]);
        else if (!strcmp(argv[first], "--jobs"))
            jobs = argv[first + 1];
    }
    if (first < argc)
        for (int i = first; i < argc; i++)
            glob(argv[i], i > first ? GLOB_APPEND : 0, NULL, &g);
    else
        glob(VNS_CORPUS_DIR "/part-*.jsonl.gz", 0, NULL, &g);
    if (g.gl_pathc == 0) {
        printf("bench_index: skipped: no corpus at %s\n", VNS_CORPUS_DIR);
        return 0;
    }
    if (!mkdtemp(dir))
        return 1;
    char fts_path[256], idx_path[256];
    snprintf(fts_path, sizeof fts_path, "%s/fts5.db", dir);
    snprintf(idx_path, sizeof idx_path, "%s/idx", dir);

    size_t nargs = g.gl_pathc + 10;
    char **full = calloc(nargs, sizeof *full), **rerun = calloc(nargs, sizeof *rerun);
    int k = 0, m = 0;
    full[k++] = VNS_INDEXER;
    full[k++] = "--full";
    full[k++] = "--quiet";
    full[k++] = "--jobs";
    full[k++] = (char *)jobs;
    full[k++] = "--db";
    full[k++] = idx_path;
    rerun[m++] = VNS_INDEXER;
    rerun[m++] = "--quiet";
    rerun[m++] = "--db";
    rerun[m++] = idx_path;
    for (size_t f = 0; f < g.gl_pathc; f++)
        full[k++] = rerun[m++] = g.gl_pathv[f];

    double *fts = calloc((size_t)runs, sizeof *fts),
           *vns = calloc((size_t)runs, sizeof *vns),
           *again = calloc((size_t)runs, sizeof *again);
    unsigned long records = 0;
    long rss = 0, rss_rerun = 0;
    for (int r = 0; r < runs; r++) {
        fts[r] = build_fts5(&g, fts_path, &records);
        nftw(idx_path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        vns[r] = run_indexer(full, &rss);
        again[r] = run_indexer(rerun, &rss_rerun);
        printf("run %d: FTS5 %.1f s, vnsearch %.1f s (%.1fx), no-change rerun "
               "%.1f s\n", r + 1, fts[r], vns[r], vns[r] / fts[r], again[r]);
        fflush(stdout);
    }
    qsort(fts, (size_t)runs, sizeof *fts, cmp_double);
    qsort(vns, (size_t)runs, sizeof *vns, cmp_double);
    qsort(again, (size_t)runs, sizeof *again, cmp_double);
    double f = fts[runs / 2], v = vns[runs / 2], a = again[runs / 2];
    printf("records: %lu from %zu files\n", records, g.gl_pathc);
    printf("FTS5 (unicode61 remove_diacritics 2): %.1f s, %.0f MB\n", f,
           size_of(fts_path) / 1e6);
    printf("vnsearch --full --jobs %s: %.1f s = %.1fx FTS5, %.0f MB, peak "
           "RSS %.0f MB\n", jobs, v, v / f, size_of(idx_path) / 1e6,
           rss / 1024.0);
    printf("no-change rerun: %.1f s = %.1f%% of the full build\n", a,
           100 * a / v);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
