/*
 * bench_quality - known-item search quality and query latency, vnsearch
 * against SQLite FTS5 (unicode61 remove_diacritics 2, bm25), on all of
 * ../shared/corpus-vi.
 *
 *   bench_quality [--items N] [--workdir DIR]
 *
 * Known items: about N articles picked by a hash of their id, each with a
 * title of six words or more. The query is a window of five words of the
 * title (picked by the same hash), typed five ways:
 *   written    as in the title
 *   no-marks   without any mark, đ as d, lower case (as people type fast)
 *   other-tone the other tone placement where a word ends in oa, oe, uy
 *              (hòa <-> hoà, thủy <-> thuỷ, khỏe <-> khoẻ)
 *   nfd        decomposed Unicode (NFD)
 *   upper      upper case
 * Each engine returns its top 10; hit@10 and MRR@10 are reported per form.
 * Latency: every query of every form, with snippets on both sides, p50
 * and p99. The indexes are built once in the work directory (default
 * /tmp/vns-eval) and reused. Exit 0 with a message when the corpus is
 * absent.
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include "hash.h"
#include "jsonl.h"
#include "utf8.h"
#include "vietnamese.h"
#include "vnsearch.h"

#include <ftw.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

enum { FORMS = 5 };
static const char *const form_names[FORMS] = {"written", "no-marks",
                                              "other-tone", "nfd", "upper"};

typedef struct item {
    char *id;
    char *query[FORMS];
} item;

/* Five words of the title, without punctuation at their ends. */
static char *title_window(const char *title, size_t len, uint32_t h)
{
    static const char *trim = ":,.;!?\"'()[]-";
    char *words[64];
    size_t n = 0;
    char *copy = strndup(title, len), *save = NULL;

    for (char *w = strtok_r(copy, " \t\n", &save); w && n < 64;
         w = strtok_r(NULL, " \t\n", &save)) {
        while (*w && strchr(trim, *w))
            w++;
        size_t k = strlen(w);
        while (k > 0 && strchr(trim, w[k - 1]))
            w[--k] = '\0';
        /* Curly quotes and ellipses, three bytes each. */
        while (k >= 3 && (!strcmp(w + k - 3, "”") || !strcmp(w + k - 3, "…")))
            w[k -= 3] = '\0';
        while (!strncmp(w, "“", 3))
            w += 3;
        if (*w)
            words[n++] = w;
    }
    char *out = NULL;
    if (n >= 6) {
        size_t start = (h >> 8) % (n - 4), size = 0;
        for (size_t i = start; i < start + 5; i++)
            size += strlen(words[i]) + 1;
        out = malloc(size);
        out[0] = '\0';
        for (size_t i = start; i < start + 5; i++) {
            strcat(out, words[i]);
            if (i + 1 < start + 5)
                strcat(out, " ");
        }
    }
    free(copy);
    return out;
}

static size_t pick_items(glob_t *g, size_t want, vns_analyzer *an,
                         item **out)
{
    static char line[1 << 24];
    vns__article a = {0};
    char why[256];
    size_t n = 0, cap = 0;
    uint32_t modulo = (uint32_t)(158050 / (want ? want : 1));
    item *items = NULL;

    for (size_t f = 0; f < g->gl_pathc; f++) {
        gzFile gz = gzopen(g->gl_pathv[f], "rb");
        gzbuffer(gz, 1 << 20);
        while (gzgets(gz, line, sizeof line)) {
            if (vns__jsonl_parse(line, strlen(line), &a, why, sizeof why))
                continue;
            uint32_t h = vns__fnv32(vns__article_field(&a, VNS__F_ID),
                             a.len[VNS__F_ID]);
            if (modulo > 1 && h % modulo != 0)
                continue;
            char *q = title_window(vns__article_field(&a, VNS__F_TITLE),
                                   a.len[VNS__F_TITLE], h);
            if (!q)
                continue;
            if (n == cap)
                items = realloc(items, (cap = cap ? 2 * cap : 256) *
                                           sizeof *items);
            item *it = &items[n++];
            it->id = strndup(vns__article_field(&a, VNS__F_ID),
                             a.len[VNS__F_ID]);
            it->query[0] = q;
            vns_analyzer_normalize(&it->query[1], NULL, an, q, strlen(q),
                                   VNS_NORMALIZE_FOLD);
            it->query[2] = bench_other_tone(q);
            it->query[3] = bench_icu_transform(q, 0);
            it->query[4] = bench_icu_transform(q, 1);
        }
        gzclose(gz);
    }
    vns__article_free(&a);
    *out = items;
    return n;
}

/* The queries, one per line as "form TAB id TAB query", for other
 * latency runs (bench_latency). */
static int save_queries(const char *path, const item *items, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    for (int form = 0; form < FORMS; form++)
        for (size_t i = 0; i < n; i++)
            fprintf(f, "%s\t%s\t%s\n", form_names[form], items[i].id,
                    items[i].query[form]);
    return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    size_t want = 1000;
    const char *work = "/tmp/vns-eval", *save = NULL;
    glob_t g = {0};

    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--items"))
            want = (size_t)atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--workdir"))
            work = argv[i + 1];
        else if (!strcmp(argv[i], "--save-queries"))
            save = argv[i + 1];
    }
    glob(VNS_CORPUS_DIR "/part-*.jsonl.gz", 0, NULL, &g);
    if (g.gl_pathc == 0) {
        printf("bench_quality: skipped: no corpus at %s\n", VNS_CORPUS_DIR);
        return 0;
    }
    char idx[PATH_MAX], fts[PATH_MAX];
    if (bench_build_indexes(&g, work, idx, fts) < 0)
        return 1;

    vns_analyzer *an;
    vns_index *ix;
    sqlite3 *db;
    sqlite3_stmt *st;
    if (vns_analyzer_new(&an) || vns_index_open(&ix, idx) ||
        sqlite3_open_v2(fts, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        bench_fts_prepare(db, 10, &st) < 0) {
        fprintf(stderr, "bench_quality: %s / %s\n", vns_errmsg(),
                sqlite3_errmsg(db));
        return 1;
    }
    item *items;
    size_t n = pick_items(&g, want, an, &items);
    double *vt = calloc(n * FORMS, sizeof *vt), *ft = calloc(n * FORMS,
                                                             sizeof *ft);
    if (save && save_queries(save, items, n) < 0)
        return 1;
    printf("%zu known items, queries of 5 title words, top 10\n\n", n);
    printf("%-11s %9s %9s   %9s %9s\n", "form", "vns hit", "vns MRR",
           "fts hit", "fts MRR");
    for (int f = 0; f < FORMS; f++) {
        double vhit = 0, vmrr = 0, fhit = 0, fmrr = 0;
        for (size_t i = 0; i < n; i++) {
            int r = bench_vns_rank(ix, items[i].query[f], items[i].id, 10,
                                   &vt[f * n + i], NULL);
            vhit += r > 0;
            vmrr += r > 0 ? 1.0 / r : 0;
            r = bench_fts_rank(st, items[i].query[f], items[i].id,
                               &ft[f * n + i]);
            fhit += r > 0;
            fmrr += r > 0 ? 1.0 / r : 0;
        }
        printf("%-11s %9.3f %9.3f   %9.3f %9.3f\n", form_names[f], vhit / n,
               vmrr / n, fhit / n, fmrr / n);
    }
    qsort(vt, n * FORMS, sizeof *vt, bench_cmp_double);
    qsort(ft, n * FORMS, sizeof *ft, bench_cmp_double);
    size_t m = n * FORMS;
    printf("\nlatency over %zu queries (top 10 with snippets):\n", m);
    printf("  vnsearch p50 %.2f ms, p99 %.2f ms\n", 1e3 * vt[m / 2],
           1e3 * vt[m * 99 / 100]);
    printf("  FTS5     p50 %.2f ms, p99 %.2f ms\n", 1e3 * ft[m / 2],
           1e3 * ft[m * 99 / 100]);
    printf("  p50 ratio vnsearch/FTS5 %.2f\n", vt[m / 2] / ft[m / 2]);
    sqlite3_finalize(st);
    sqlite3_close(db);
    vns_index_close(ix);
    vns_analyzer_free(an);
    return 0;
}
