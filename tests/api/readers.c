/*
 * readers.c - library searchers for tests/cli/concurrent.sh: THREADS
 * threads, each with its own index handle (handles are not shared between
 * threads), search in turn through QUERIES until the file STOP exists,
 * reopening before each search to see the latest commit, as a server
 * would.
 * Prints the searches, failures and latency p50/p99; exits 1 if any
 * search failed.
 *   readers INDEX THREADS STOP QUERY...
 */
#define _POSIX_C_SOURCE 200809L
#include "vnsearch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_TIMES 200000

static const char *index_path, *stop_path;
static char **queries;
static int nqueries;

typedef struct reader {
    double times[MAX_TIMES];
    size_t n;
    unsigned long failures;
    pthread_t thread;
} reader;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int search_once(vns_index *ix, const char *text)
{
    vns_query *q = NULL;
    vns_results *r = NULL;
    int ok = vns_index_reopen(ix) == VNS_OK &&
             vns_query_parse(&q, ix, text, strlen(text)) == VNS_OK &&
             vns_search(&r, ix, q, 0, 10) == VNS_OK &&
             vns_results_total(r) > 0;
    for (size_t i = 0; ok && i < vns_results_count(r); i++)
        ok = vns_results_snippet(r, i, NULL) != NULL;
    if (!ok)
        fprintf(stderr, "readers: %s: %s\n", text, vns_errmsg());
    vns_results_free(r);
    vns_query_free(q);
    return ok;
}

static void *run(void *arg)
{
    reader *rd = arg;
    vns_index *ix;
    if (vns_index_open(&ix, index_path) != VNS_OK) {
        fprintf(stderr, "readers: %s\n", vns_errmsg());
        rd->failures++;
        return NULL;
    }
    for (int k = 0; access(stop_path, F_OK) != 0 && rd->n < MAX_TIMES; k++) {
        double t0 = now();
        rd->failures += !search_once(ix, queries[k % nqueries]);
        rd->times[rd->n++] = now() - t0;
    }
    vns_index_close(ix);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fputs("usage: readers INDEX THREADS STOP QUERY...\n", stderr);
        return 2;
    }
    index_path = argv[1];
    int threads = atoi(argv[2]);
    stop_path = argv[3];
    queries = argv + 4;
    nqueries = argc - 4;
    reader *rds = calloc((size_t)threads, sizeof *rds);
    if (threads < 1 || !rds)
        return 2;
    for (int t = 0; t < threads; t++)
        pthread_create(&rds[t].thread, NULL, run, &rds[t]);
    size_t all = 0;
    unsigned long failures = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(rds[t].thread, NULL);
        all += rds[t].n;
        failures += rds[t].failures;
    }
    double *times = malloc((all ? all : 1) * sizeof *times);
    for (int t = 0, k = 0; t < threads; t++)
        for (size_t i = 0; i < rds[t].n; i++)
            times[k++] = rds[t].times[i];
    qsort(times, all, sizeof *times, cmp_double);
    printf("library: %d threads, %zu searches, %lu failed, p50 %.2f ms, "
           "p99 %.2f ms\n", threads, all, failures,
           all ? 1e3 * times[all / 2] : 0.0,
           all ? 1e3 * times[all * 99 / 100] : 0.0);
    free(times);
    free(rds);
    return failures ? 1 : 0;
}
