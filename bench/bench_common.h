/*
 * bench_common.h - what the benchmarks share.
 */
#ifndef VNS_BENCH_COMMON_H
#define VNS_BENCH_COMMON_H

#include <glob.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "vnsearch.h"

struct FTW;

/* Seconds on a monotonic clock. */
double now(void);
/* Bytes of the files under path. */
long long size_of(const char *path);
/* nftw callback that removes what it visits (with FTW_DEPTH). */
int remove_entry(const char *path, const struct stat *st, int flag,
                 struct FTW *ftw);
/* Builds an on-disk FTS5 table (id, title, lead, body; unicode61
 * remove_diacritics 2) from every record of the files; returns seconds or
 * -1; *records receives their count. */
double build_fts5(glob_t *g, const char *dbpath, unsigned long *records);
/* Runs vnsearch-index with args (args[0] is its path); returns seconds or
 * -1; *rss_kb the peak RSS of the largest process. */
double run_indexer(char **args, long *rss_kb);
/* The FTS5 MATCH expression the benchmarks give a query: each word
 * quoted, ANDed. */
void bench_fts_match(const char *query, char *out, size_t cap);

/* Builds in `work` what is not there yet: the vnsearch index `work`/idx
 * (vnsearch-index --jobs 2 over the files) and the FTS5 database
 * `work`/fts5.db; writes their paths to idx and fts (PATH_MAX bytes).
 * Returns 0 or -1. */
int bench_build_indexes(glob_t *g, const char *work, char *idx, char *fts);
/* The FTS5 statement of the known-item runs: id and a snippet of the
 * top `limit` for `?1` (a MATCH expression), by rank (bm25). */
int bench_fts_prepare(sqlite3 *db, int limit, sqlite3_stmt **st);

/* Rank (1..depth) of id in vnsearch's first `depth` hits for query, or 0;
 * *seconds the time of the search; *partial (when not NULL) whether the
 * results were the partial fallback (-1: the query failed). */
int bench_vns_rank(vns_index *ix, const char *query, const char *id,
                   size_t depth, double *seconds, int *partial);
/* Rank of id among the rows of st (prepared by bench_fts_prepare) for
 * the words of query (bench_fts_match), or 0; *seconds the time. */
int bench_fts_rank(sqlite3_stmt *st, const char *query, const char *id,
                   double *seconds);

/* hòa <-> hoà, khỏe <-> khoẻ, thủy <-> thuỷ, for words ending so: the
 * other tone placement. Returns a malloc'ed string. */
char *bench_other_tone(const char *s);
/* The code points cps[0..n) as NUL-terminated UTF-8; malloc'ed. */
char *bench_utf8(const int32_t *cps, size_t n);
/* s in upper case (upper != 0) or decomposed (NFD); malloc'ed. */
char *bench_icu_transform(const char *s, int upper);

/* qsort comparison of doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);

/* The next line of a TSV file that is not empty or a # comment, without
 * its line end, in line[0..size); 0 at the end of the file. */
int bench_tsv_line(FILE *f, char *line, size_t size);

#endif
