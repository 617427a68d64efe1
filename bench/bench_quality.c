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

/* hòa <-> hoà, khỏe <-> khoẻ, thủy <-> thuỷ, for words ending so. */
static char *other_tone(const char *s)
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
    char *out = malloc(4 * n + 1);
    size_t o = 0;
    for (size_t k = 0; k < n; k++)
        o += vns__utf8_encode(cps[k], out + o);
    out[o] = '\0';
    return out;
}

static char *icu_transform(const char *s, int upper)
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
            it->query[2] = other_tone(q);
            it->query[3] = icu_transform(q, 0);
            it->query[4] = icu_transform(q, 1);
        }
        gzclose(gz);
    }
    vns__article_free(&a);
    *out = items;
    return n;
}

/* Rank (1..10) of id in vnsearch's top 10, or 0; *seconds the time. */
static int vns_rank(vns_index *ix, const char *query, const char *id,
                    double *seconds)
{
    vns_query *q = NULL;
    vns_results *r = NULL;
    int rank = 0;
    double t0 = now();
    if (vns_query_parse(&q, ix, query, strlen(query)) == VNS_OK &&
        vns_search(&r, ix, q, 0, 10) == VNS_OK)
        for (size_t i = 0; i < vns_results_count(r) && !rank; i++)
            if (strcmp(vns_results_id(r, i, NULL), id) == 0)
                rank = (int)i + 1;
    *seconds = now() - t0;
    vns_results_free(r);
    vns_query_free(q);
    return rank;
}

static int fts_rank(sqlite3_stmt *st, const char *query, const char *id,
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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
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
    mkdir(work, 0755);
    char idx[512], fts[512];
    snprintf(idx, sizeof idx, "%s/idx", work);
    snprintf(fts, sizeof fts, "%s/fts5.db", work);
    if (access(idx, F_OK) != 0) {
        char **args = calloc(g.gl_pathc + 8, sizeof *args);
        int k = 0;
        args[k++] = VNS_INDEXER;
        args[k++] = "--quiet";
        args[k++] = "--jobs";
        args[k++] = "2";
        args[k++] = "--db";
        args[k++] = idx;
        for (size_t f = 0; f < g.gl_pathc; f++)
            args[k++] = g.gl_pathv[f];
        long rss;
        printf("building %s ...\n", idx);
        fflush(stdout);
        if (run_indexer(args, &rss) < 0)
            return 1;
    }
    if (access(fts, F_OK) != 0) {
        unsigned long records;
        printf("building %s ...\n", fts);
        fflush(stdout);
        if (build_fts5(&g, fts, &records) < 0)
            return 1;
    }

    vns_analyzer *an;
    vns_index *ix;
    sqlite3 *db;
    sqlite3_stmt *st;
    if (vns_analyzer_new(&an) || vns_index_open(&ix, idx) ||
        sqlite3_open_v2(fts, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT id, snippet(d, 3, '<b>', '</b>', "
                           "'…', 32) FROM d WHERE d MATCH ? ORDER BY rank "
                           "LIMIT 10", -1, &st, NULL) != SQLITE_OK) {
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
            int r = vns_rank(ix, items[i].query[f], items[i].id,
                             &vt[f * n + i]);
            vhit += r > 0;
            vmrr += r > 0 ? 1.0 / r : 0;
            r = fts_rank(st, items[i].query[f], items[i].id, &ft[f * n + i]);
            fhit += r > 0;
            fmrr += r > 0 ? 1.0 / r : 0;
        }
        printf("%-11s %9.3f %9.3f   %9.3f %9.3f\n", form_names[f], vhit / n,
               vmrr / n, fhit / n, fmrr / n);
    }
    qsort(vt, n * FORMS, sizeof *vt, cmp_double);
    qsort(ft, n * FORMS, sizeof *ft, cmp_double);
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
