/*
 * bench_common.h - what the benchmarks share.
 */
#ifndef VNS_BENCH_COMMON_H
#define VNS_BENCH_COMMON_H

#include <glob.h>
#include <stddef.h>
#include <sys/stat.h>

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

#endif
