/*
 * bench_common.c - what the benchmarks share: a clock, directory sizes,
 * the FTS5 build over corpus files, running vnsearch-index, the known-item
 * searches on both engines and the typed forms of a query.
 */
#define _GNU_SOURCE
#include "bench_common.h"

#include "jsonl.h"
#include "utf8.h"
#include "vietnamese.h"

#include <ftw.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long dir_bytes;
static int add_size(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag == FTW_F)
        dir_bytes += st->st_size;
    return 0;
}
long long size_of(const char *path)
{
    dir_bytes = 0;
    nftw(path, add_size, 16, FTW_PHYS);
    return dir_bytes;
}
int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* FTS5 over every record; returns seconds, or -1. */
double build_fts5(glob_t *g, const char *dbpath, unsigned long *records)
{
    static char line[1 << 24];
    sqlite3 *db;
    sqlite3_stmt *ins;
    vns__article a = {0};
    char why[256];
    double t0 = now();

    remove(dbpath);
    if (sqlite3_open(dbpath, &db) != SQLITE_OK ||
        sqlite3_exec(db, "CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, "
                     "title, lead, body, tokenize='unicode61 "
                     "remove_diacritics 2'); BEGIN;", NULL, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO d VALUES (?, ?, ?, ?)", -1, &ins,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    *records = 0;
    for (size_t f = 0; f < g->gl_pathc; f++) {
        gzFile gz = gzopen(g->gl_pathv[f], "rb");
        gzbuffer(gz, 1 << 20);
        while (gzgets(gz, line, sizeof line)) {
            size_t n = strlen(line);
            if (vns__jsonl_parse(line, n, &a, why, sizeof why) != VNS_OK)
                continue;
            static const enum vns__field cols[] = {VNS__F_ID, VNS__F_TITLE,
                                                   VNS__F_LEAD, VNS__F_BODY};
            for (int c = 0; c < 4; c++)
                sqlite3_bind_text(ins, c + 1, vns__article_field(&a, cols[c]),
                                  (int)a.len[cols[c]], SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE) {
                fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
                return -1;
            }
            sqlite3_reset(ins);
            (*records)++;
        }
        gzclose(gz);
    }
    sqlite3_finalize(ins);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(db);
    vns__article_free(&a);
    return now() - t0;
}

/* Runs vnsearch-index with args; returns seconds; *rss_kb its peak. */
double run_indexer(char **args, long *rss_kb)
{
    struct rusage ru;
    int status;
    double t0 = now();
    pid_t pid = fork();

    if (pid == 0) {
        execv(args[0], args);
        perror(args[0]);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    double t = now() - t0;
    getrusage(RUSAGE_CHILDREN, &ru);
    *rss_kb = ru.ru_maxrss;
    if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 &&
                               WEXITSTATUS(status) != 3)) {
        fprintf(stderr, "bench_index: vnsearch-index failed\n");
        return -1;
    }
    return t;
}

/* The FTS5 query for the words of a query: each word quoted, AND. */
void bench_fts_match(const char *query, char *out, size_t cap)
{
    size_t o = 0;
    char *copy = strdup(query), *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w && o + 8 < cap;
         w = strtok_r(NULL, " ", &save)) {
        out[o++] = '"';
        for (; *w && o + 4 < cap; w++) {
            if (*w == '"')
                out[o++] = '"';
            out[o++] = *w;
        }
        out[o++] = '"';
        out[o++] = ' ';
    }
    out[o] = '\0';
    free(copy);
}

int bench_build_indexes(glob_t *g, const char *work, char *idx, char *fts)
{
    mkdir(work, 0755);
    snprintf(idx, PATH_MAX, "%s/idx", work);
    snprintf(fts, PATH_MAX, "%s/fts5.db", work);
    if (access(idx, F_OK) != 0) {
        char **args = calloc(g->gl_pathc + 8, sizeof *args);
        int k = 0;
        args[k++] = VNS_INDEXER;
        args[k++] = "--quiet";
        args[k++] = "--jobs";
        args[k++] = "2";
        args[k++] = "--db";
        args[k++] = idx;
        for (size_t f = 0; f < g->gl_pathc; f++)
            args[k++] = g->gl_pathv[f];
        long rss;
        printf("building %s ...\n", idx);
        fflush(stdout);
        double t = run_indexer(args, &rss);
        free(args);
        if (t < 0)
            return -1;
    }
    if (access(fts, F_OK) != 0) {
        unsigned long records;
        printf("building %s ...\n", fts);
        fflush(stdout);
        if (build_fts5(g, fts, &records) < 0)
            return -1;
    }
    return 0;
}

int bench_fts_prepare(sqlite3 *db, int limit, sqlite3_stmt **st)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id, snippet(d, 3, '<b>', '</b>', "
             "'…', 32) FROM d WHERE d MATCH ? ORDER BY rank LIMIT %d", limit);
    return sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK ? 0 : -1;
}

int bench_vns_rank(vns_index *ix, const char *query, const char *id,
                   size_t depth, double *seconds, int *partial)
{
    vns_query *q = NULL;
    vns_results *r = NULL;
    int rank = 0;
    double t0 = now();
    if (partial)
        *partial = -1;
    if (vns_query_parse(&q, ix, query, strlen(query)) == VNS_OK &&
        vns_search(&r, ix, q, 0, depth) == VNS_OK) {
        if (partial)
            *partial = vns_results_partial(r);
        for (size_t i = 0; i < vns_results_count(r) && !rank; i++)
            if (strcmp(vns_results_id(r, i, NULL), id) == 0)
                rank = (int)i + 1;
    }
    *seconds = now() - t0;
    vns_results_free(r);
    vns_query_free(q);
    return rank;
}

int bench_fts_rank(sqlite3_stmt *st, const char *query, const char *id,
                   double *seconds)
{
    char match[4096];
    int rank = 0, i = 0;
    bench_fts_match(query, match, sizeof match);
    double t0 = now();
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        i++;
        if (!rank && strcmp((const char *)sqlite3_column_text(st, 0), id) == 0)
            rank = i;
        (void)sqlite3_column_text(st, 1); /* the snippet */
    }
    sqlite3_reset(st);
    *seconds = now() - t0;
    return rank;
}

char *bench_other_tone(const char *s)
{
    int32_t cps[1024];
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < 1024) {
        int bad;
        i += vns__utf8_decode((const unsigned char *)s + i, len - i, &cps[n++],
                              &bad);
    }
    for (size_t k = 1; k < n; k++) {
        int end = k + 1 == n || cps[k + 1] == ' ';
        int v1, t1, v2, t2;
        if (!end || !vns__viet_vowel(cps[k - 1], &v1, &t1) ||
            !vns__viet_vowel(cps[k], &v2, &t2) ||
            (k >= 2 && (cps[k - 2] == 'q' || cps[k - 2] == 'g')))
            continue;
        /* o+a, o+e, u+y: vowel indexes 6+0, 6+3, 9+11 */
        if (!((v1 == 6 && (v2 == 0 || v2 == 3)) || (v1 == 9 && v2 == 11)))
            continue;
        if (t1 && !t2) {
            cps[k - 1] = vns__viet_compose(v1, 0);
            cps[k] = vns__viet_compose(v2, t1);
        } else if (!t1 && t2) {
            cps[k - 1] = vns__viet_compose(v1, t2);
            cps[k] = vns__viet_compose(v2, 0);
        }
    }
    return bench_utf8(cps, n);
}

char *bench_utf8(const int32_t *cps, size_t n)
{
    char *out = malloc(4 * n + 1);
    size_t o = 0;
    for (size_t k = 0; out && k < n; k++)
        o += vns__utf8_encode(cps[k], out + o);
    if (out)
        out[o] = '\0';
    return out;
}

char *bench_icu_transform(const char *s, int upper)
{
    UErrorCode err = U_ZERO_ERROR;
    UChar u[2048], v[4096];
    int32_t n, m, len;
    char *out = malloc(4 * 4096);
    u_strFromUTF8(u, 2048, &n, s, -1, &err);
    if (upper)
        m = u_strToUpper(v, 4096, u, n, "", &err);
    else
        m = unorm2_normalize(unorm2_getNFDInstance(&err), u, n, v, 4096, &err);
    u_strToUTF8(out, 4 * 4096, &len, v, m, &err);
    return out;
}

int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int bench_tsv_line(FILE *f, char *line, size_t size)
{
    while (fgets(line, (int)size, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] != '#' && line[0] != '\0')
            return 1;
    }
    return 0;
}
