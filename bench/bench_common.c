/*
 * bench_common.c - what the benchmarks share: a clock, directory sizes,
 * the FTS5 build over corpus files, running vnsearch-index.
 */
#define _GNU_SOURCE
#include "bench_common.h"

#include "jsonl.h"

#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

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
