/*
 * bench_latency - query latency of vnsearch and SQLite FTS5 over a saved
 * query set, optionally from several threads at once.
 *
 *   bench_quality --save-queries /tmp/vns-eval/queries.tsv
 *   bench_latency [--queries FILE] [--workdir DIR] [--threads N]
 *                 [--engine vns|fts5|both] [--rounds R] [--db NAME]...
 *                 [--slowest N]
 *
 * The query file has one "form TAB id TAB query" per line. Each thread
 * opens its own handles (vns_index and sqlite3 connections are not shared
 * between threads) and runs every query R times, top 10 with snippets;
 * p50 and p99 are over all the searches of all threads. --db (again and
 * again) searches those indexes or shards as one (directories, tcp://,
 * stub files) instead of WORKDIR/idx. --slowest N prints the N slowest
 * searches of the first thread and their queries.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench_common.h"
#include "vnsearch.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char **queries;
static size_t nqueries;
static const char *fts_path;
static const char *dbs[64];
static size_t ndbs;
static int rounds = 1;
static size_t slowest; /* --slowest N: print the N slowest queries */

typedef struct worker {
    int engine; /* 0 vns, 1 fts5 */
    double *times;
    size_t ntimes;
    unsigned long failures;
} worker;

static void vns_worker(worker *w)
{
    vns_index *ix;
    if (vns_index_open_shards(&ix, dbs, ndbs, NULL) != VNS_OK) {
        fprintf(stderr, "bench_latency: %s\n", vns_errmsg());
        w->failures++;
        return;
    }
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < nqueries; i++) {
            vns_query *q = NULL;
            vns_results *res = NULL;
            double t0 = now();
            if (vns_query_parse(&q, ix, queries[i], strlen(queries[i])) ||
                vns_search(&res, ix, q, 0, 10))
                w->failures++;
            for (size_t k = 0; k < vns_results_count(res); k++)
                (void)vns_results_snippet(res, k, NULL);
            w->times[w->ntimes++] = now() - t0;
            vns_results_free(res);
            vns_query_free(q);
        }
    vns_index_close(ix);
}

static void fts_worker(worker *w)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char match[4096];
    if (sqlite3_open_v2(fts_path, &db, SQLITE_OPEN_READONLY, NULL) ||
        sqlite3_prepare_v2(db, "SELECT id, snippet(d, 3, '<b>', '</b>', "
                           "'…', 32) FROM d WHERE d MATCH ? ORDER BY rank "
                           "LIMIT 10", -1, &st, NULL)) {
        fprintf(stderr, "bench_latency: %s\n", sqlite3_errmsg(db));
        w->failures++;
        return;
    }
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < nqueries; i++) {
            bench_fts_match(queries[i], match, sizeof match);
            double t0 = now();
            sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW)
                (void)sqlite3_column_text(st, 1);
            w->failures += rc != SQLITE_DONE;
            sqlite3_reset(st);
            w->times[w->ntimes++] = now() - t0;
        }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void *thread_main(void *arg)
{
    worker *w = arg;
    if (w->engine == 0)
        vns_worker(w);
    else
        fts_worker(w);
    return NULL;
}

/* The n slowest searches of the first thread, with their queries. */
static void print_slowest(const worker *w, size_t n)
{
    size_t *order = malloc(w->ntimes * sizeof *order);
    for (size_t i = 0; i < w->ntimes; i++)
        order[i] = i;
    for (size_t i = 0; i < n && i < w->ntimes; i++) {
        size_t worst = i;
        for (size_t j = i + 1; j < w->ntimes; j++)
            if (w->times[order[j]] > w->times[order[worst]])
                worst = j;
        size_t t = order[i];
        order[i] = order[worst];
        order[worst] = t;
        printf("    %8.2f ms  %s\n", 1e3 * w->times[order[i]],
               queries[order[i] % nqueries]);
    }
    free(order);
}

/* Runs one engine on n threads; prints p50, p99 and the failures. */
static double measure(int engine, int threads, double *p50)
{
    worker *ws = calloc((size_t)threads, sizeof *ws);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    size_t per = nqueries * (size_t)rounds, all = 0;
    unsigned long failures = 0;
    double *times = calloc(per * (size_t)threads, sizeof *times);

    for (int t = 0; t < threads; t++) {
        ws[t].engine = engine;
        ws[t].times = times + per * (size_t)t;
        pthread_create(&tids[t], NULL, thread_main, &ws[t]);
    }
    for (int t = 0; t < threads; t++) {
        pthread_join(tids[t], NULL);
        failures += ws[t].failures;
    }
    if (slowest)
        print_slowest(&ws[0], slowest);
    for (int t = 0; t < threads; t++) {
        memmove(times + all, ws[t].times, ws[t].ntimes * sizeof *times);
        all += ws[t].ntimes;
    }
    qsort(times, all, sizeof *times, bench_cmp_double);
    *p50 = all ? times[all / 2] : 0;
    double p99 = all ? times[all * 99 / 100] : 0;
    printf("  %-8s %d thread%s: %zu searches, p50 %.2f ms, p99 %.2f ms, "
           "%lu failed\n", engine ? "FTS5" : "vnsearch", threads,
           threads == 1 ? " " : "s", all, 1e3 * *p50, 1e3 * p99, failures);
    free(times);
    free(tids);
    free(ws);
    return p99;
}

static int load_queries(const char *path)
{
    static char line[8192];
    size_t cap = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    while (bench_tsv_line(f, line, sizeof line)) {
        char *q = strchr(line, '\t');
        q = q ? strchr(q + 1, '\t') : NULL;
        if (!q)
            continue;
        if (nqueries == cap)
            queries = realloc(queries, (cap = cap ? 2 * cap : 1024) *
                                           sizeof *queries);
        queries[nqueries++] = strdup(q + 1);
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *work = "/tmp/vns-eval", *qpath = NULL, *engine = "both";
    int threads = 1;
    char idx[512], fts[512], qdefault[512];

    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--workdir"))
            work = argv[i + 1];
        else if (!strcmp(argv[i], "--queries"))
            qpath = argv[i + 1];
        else if (!strcmp(argv[i], "--threads"))
            threads = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--engine"))
            engine = argv[i + 1];
        else if (!strcmp(argv[i], "--rounds"))
            rounds = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--slowest"))
            slowest = (size_t)atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--db") && ndbs < 64)
            dbs[ndbs++] = argv[i + 1];
    }
    snprintf(idx, sizeof idx, "%s/idx", work);
    snprintf(fts, sizeof fts, "%s/fts5.db", work);
    snprintf(qdefault, sizeof qdefault, "%s/queries.tsv", work);
    if (ndbs == 0)
        dbs[ndbs++] = idx;
    fts_path = fts;
    if (threads < 1 || rounds < 1 || load_queries(qpath ? qpath : qdefault))
        return 2;
    printf("%zu queries, %d round%s, top 10 with snippets\n", nqueries,
           rounds, rounds == 1 ? "" : "s");
    double v50 = 0, f50 = 0;
    if (strcmp(engine, "fts5") != 0)
        measure(0, threads, &v50);
    if (strcmp(engine, "vns") != 0)
        measure(1, threads, &f50);
    if (v50 > 0 && f50 > 0)
        printf("  p50 ratio vnsearch/FTS5 %.2f\n", v50 / f50);
    return 0;
}
