/*
 * bench_body - search quality of issue 12, vnsearch against SQLite FTS5
 * (unicode61 remove_diacritics 2, bm25), on the same N articles of
 * ../shared/corpus-vi.
 *
 *   bench_body [--articles N] [--items N] [--seed S] [--workdir DIR]
 *              [--json FILE] [--topics FILE] [--abbreviations FILE]
 *
 * Articles: the N (default 25,000) whose ids come first by an FNV-32 hash
 * of "vns-body:" and the id, a fixed order that does not depend on the
 * seed: every source of the corpus in its share, and the first 3,000 are
 * among the first 25,000. They are written once to DIR/aN/articles.jsonl
 * and indexed there by both engines (DIR defaults to /tmp/vns-body).
 *
 * 1. Body known items. Articles are taken in the order of a hash of the
 *    seed and their id. In each, a window of 3-5 consecutive words of the
 *    body (made of letters only: no number, no punctuation inside or
 *    between them; length and place by the same hash) is kept when
 *    vnsearch's quoted phrase of it, accents as written, finds exactly
 *    this article (total 1, not partial); else the window is lengthened up
 *    to 5 words, then another place is tried (8 places an article). The
 *    window is then typed unquoted five ways: as written; without marks
 *    (folded: lower case, đ as d); upper case; marks on every other word
 *    only (the 1st, 3rd, 5th as written, the others folded); one hỏi/ngã
 *    swap (one word whose tone is hỏi gets ngã, or the reverse: sửa ->
 *    sữa; items without such a word are left out of this form). Each
 *    engine returns its top 10 (with snippets): hit@10, MRR@10, and the
 *    median latency over every query.
 * 2. Expansions in order vs reversed: for each expansion of 2+ words in
 *    the abbreviations file, vnsearch's total (what vnsearch-query prints)
 *    for the words in order and reversed, with marks and without; loss =
 *    1 - in_order / reversed, and its median.
 * 3. Topics: the queries of bench/topics.tsv (query, description, then
 *    required word groups). An article is relevant when, for every group,
 *    one of its alternatives (separated by " | ") occurs as a phrase in
 *    its title, lead or first 500 characters of body, compared folded
 *    (no marks, đ as d, lower case) with punctuation as spaces: a
 *    mechanical judgement. Precision@10 of each engine.
 *
 * Exit 0 with a message when the corpus is absent.
 */
#define _GNU_SOURCE
#include "bench_common.h"
#include "hash.h"
#include "jsonl.h"
#include "utf8.h"
#include "vietnamese.h"
#include "vnsearch.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <unicode/uchar.h>

enum { FORMS = 5, MAX_WORDS = 5, MIN_WORDS = 3, PLACES = 8, EXAMPLES = 5,
       LEAD_CHARS = 500, MAX_GROUPS = 8 };
static const char *const form_names[FORMS] = {
    "written", "no-marks", "upper", "half-marks", "hoi-nga-swap"};

typedef struct article {
    char *id;
    char *body;
    char *judge; /* folded title, lead, first 500 chars of body, padded */
    uint32_t key; /* seeded hash: the order of item picking */
} article;

typedef struct item {
    size_t art;
    int words;
    char *query[FORMS]; /* query[4] NULL: no hỏi/ngã word */
    int rank[FORMS][2]; /* top-10 rank, vnsearch and FTS5; 0: not there */
    int partial[FORMS]; /* vnsearch fell back to partial results */
    int deep[FORMS][2];  /* for a vnsearch miss: ranks in the first 1,000;
                            -1 not run */
} item;

typedef struct topic {
    char *query, *desc;
    char *groups[MAX_GROUPS]; /* folded, alternatives split by '\t' */
    int ngroups;
    unsigned char *rel; /* per article */
    size_t nrel;
    int vhits, fhits; /* relevant in each engine's top 10 */
    uint64_t vtotal;
} topic;

typedef struct expansion {
    char *abbr, *text, *rev, *text_f, *rev_f;
    uint64_t total[4]; /* in order, reversed, folded in order, reversed */
    int partial[4];
    int fts_all, fts_phrase;
} expansion;

static article *arts;
static size_t narts;
static size_t *by_id; /* article indexes sorted by id */
static vns_analyzer *an;


static uint32_t seeded(uint32_t seed, const char *s, size_t n, uint32_t salt)
{
    uint32_t h = VNS__FNV32_INIT;
    h = vns__fnv32_more(h, &seed, sizeof seed);
    h = vns__fnv32_more(h, &salt, sizeof salt);
    h = vns__fnv32_more(h, s, n);
    /* FNV's low bits mix poorly: finish as murmur3 does. */
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    return h ^ (h >> 16);
}

static char *fold(const char *s, size_t n)
{
    char *out = NULL;
    if (vns_analyzer_normalize(&out, NULL, an, s, n, VNS_NORMALIZE_FOLD))
        return strndup(s, n);
    char *copy = strdup(out);
    vns_free(out);
    return copy;
}

/* Folded text with every ASCII byte but letters and digits as a space,
 * runs of spaces as one, and a space at each end: phrases are then found
 * with strstr(" a b "). */
static char *judge_text(const char *s, size_t n)
{
    char *f = fold(s, n);
    size_t len = strlen(f), o = 0;
    char *out = malloc(len + 3);
    out[o++] = ' ';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)f[i];
        if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            c = ' ';
        if (c == ' ' && out[o - 1] == ' ')
            continue;
        out[o++] = (char)c;
    }
    if (out[o - 1] != ' ')
        out[o++] = ' ';
    out[o] = '\0';
    free(f);
    return out;
}

/* Bytes of the first `chars` code points of s[0..n). */
static size_t prefix_chars(const char *s, size_t n, size_t chars)
{
    size_t i = 0;
    while (i < n && chars-- > 0) {
        int32_t cp;
        int bad;
        i += vns__utf8_decode((const unsigned char *)s + i, n - i, &cp, &bad);
    }
    return i;
}

/* ---- the articles ---------------------------------------------------- */

typedef struct keyed {
    uint32_t key;
    uint32_t index;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Writes the first n articles of the corpus, in the fixed hash order, to
 * path (in corpus order). Two passes: the keys, then the lines. */
static int write_subset(glob_t *g, size_t n, const char *path)
{
    static char line[1 << 24];
    vns__article a = {0};
    char why[256], tmp[PATH_MAX];
    keyed *keys = NULL;
    size_t nkeys = 0, cap = 0;

    for (int pass = 0; pass < 2; pass++) {
        FILE *out = NULL;
        unsigned char *take = NULL;
        if (pass == 1) {
            qsort(keys, nkeys, sizeof *keys, cmp_keyed);
            take = calloc(nkeys, 1);
            for (size_t i = 0; i < n && i < nkeys; i++)
                take[keys[i].index] = 1;
            snprintf(tmp, sizeof tmp, "%s.tmp", path);
            if (!(out = fopen(tmp, "w"))) {
                perror(tmp);
                return -1;
            }
        }
        uint32_t index = 0;
        for (size_t f = 0; f < g->gl_pathc; f++) {
            gzFile gz = gzopen(g->gl_pathv[f], "rb");
            gzbuffer(gz, 1 << 20);
            while (gzgets(gz, line, sizeof line)) {
                size_t len = strlen(line);
                if (vns__jsonl_parse(line, len, &a, why, sizeof why))
                    continue;
                if (pass == 0) {
                    if (nkeys == cap)
                        keys = realloc(keys, (cap = cap ? 2 * cap : 1 << 16) *
                                                 sizeof *keys);
                    static const char salt[] = "vns-body:";
                    uint32_t h = vns__fnv32_more(VNS__FNV32_INIT, salt,
                                            sizeof salt - 1);
                    keys[nkeys].key = vns__fnv32_more(
                        h, vns__article_field(&a, VNS__F_ID), a.len[VNS__F_ID]);
                    keys[nkeys++].index = index;
                } else if (take[index]) {
                    fputs(line, out);
                    if (len == 0 || line[len - 1] != '\n')
                        fputc('\n', out);
                }
                index++;
            }
            gzclose(gz);
        }
        if (pass == 1) {
            free(take);
            if (fclose(out) != 0 || rename(tmp, path) != 0) {
                perror(path);
                return -1;
            }
        }
    }
    free(keys);
    vns__article_free(&a);
    return 0;
}

static int cmp_by_id(const void *a, const void *b)
{
    return strcmp(arts[*(const size_t *)a].id, arts[*(const size_t *)b].id);
}

static long find_article(const char *id)
{
    size_t lo = 0, hi = narts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(arts[by_id[mid]].id, id);
        if (c == 0)
            return (long)by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Does the judge text hold, for every group, one of its alternatives? */
static int relevant(const topic *t, const char *judge)
{
    for (int g = 0; g < t->ngroups; g++) {
        int found = 0;
        char *copy = strdup(t->groups[g]), *save = NULL;
        for (char *alt = strtok_r(copy, "\t", &save); alt && !found;
             alt = strtok_r(NULL, "\t", &save))
            found = strstr(judge, alt) != NULL;
        free(copy);
        if (!found)
            return 0;
    }
    return 1;
}

static int load_articles(const char *path, uint32_t seed, topic *topics,
                         size_t ntopics)
{
    static char line[1 << 24];
    vns__article a = {0};
    char why[256];
    size_t cap = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        if (vns__jsonl_parse(line, strlen(line), &a, why, sizeof why))
            continue;
        if (narts == cap)
            arts = realloc(arts, (cap = cap ? 2 * cap : 4096) * sizeof *arts);
        article *x = &arts[narts++];
        x->id = strndup(vns__article_field(&a, VNS__F_ID), a.len[VNS__F_ID]);
        x->body = strndup(vns__article_field(&a, VNS__F_BODY),
                          a.len[VNS__F_BODY]);
        x->key = seeded(seed, x->id, strlen(x->id), 0);
        const char *body = vns__article_field(&a, VNS__F_BODY);
        size_t blen = prefix_chars(body, a.len[VNS__F_BODY], LEAD_CHARS);
        size_t tl = a.len[VNS__F_TITLE], ll = a.len[VNS__F_LEAD];
        char *text = malloc(tl + ll + blen + 3);
        memcpy(text, vns__article_field(&a, VNS__F_TITLE), tl);
        text[tl] = '\n';
        memcpy(text + tl + 1, vns__article_field(&a, VNS__F_LEAD), ll);
        text[tl + 1 + ll] = '\n';
        memcpy(text + tl + 2 + ll, body, blen);
        x->judge = judge_text(text, tl + ll + blen + 2);
        free(text);
    }
    fclose(f);
    vns__article_free(&a);
    by_id = malloc(narts * sizeof *by_id);
    for (size_t i = 0; i < narts; i++)
        by_id[i] = i;
    qsort(by_id, narts, sizeof *by_id, cmp_by_id);
    for (size_t t = 0; t < ntopics; t++) {
        topics[t].rel = calloc(narts, 1);
        for (size_t i = 0; i < narts; i++)
            if (relevant(&topics[t], arts[i].judge)) {
                topics[t].rel[i] = 1;
                topics[t].nrel++;
            }
    }
    return 0;
}

/* ---- section 1: windows and typed forms ------------------------------ */

typedef struct word {
    size_t start, end; /* the letters, without punctuation at its ends */
    int ok;            /* letters only */
    int lead, trail;   /* punctuation before / after the letters */
} word;

/* The body's words, split at white space; punctuation at either end of a
 * word, or a line break after it, ends a run of words standing together. */
static size_t split_words(const char *s, word **out)
{
    size_t n = 0, cap = 0, len = strlen(s), i = 0;
    word *w = NULL;
    while (i < len) {
        while (i < len && strchr(" \t\n\r", s[i]))
            i++;
        if (i >= len)
            break;
        size_t j = i;
        while (j < len && !strchr(" \t\n\r", s[j]))
            j++;
        /* s[i..j) is one word; decode it */
        int32_t cps[256];
        size_t offs[257], k = 0, p = i;
        while (p < j && k < 256) {
            int bad;
            offs[k] = p;
            p += vns__utf8_decode((const unsigned char *)s + p, j - p,
                                  &cps[k], &bad);
            k++;
        }
        offs[k] = p;
        if (n == cap)
            w = realloc(w, (cap = cap ? 2 * cap : 256) * sizeof *w);
        word *x = &w[n++];
        size_t a = 0, b = k;
        while (a < b && !u_isalnum(cps[a]))
            a++;
        while (b > a && !u_isalnum(cps[b - 1]))
            b--;
        x->lead = a > 0;
        x->trail = b < k || p < j;
        x->start = offs[a];
        x->end = offs[b];
        x->ok = b > a && p == j && offs[b] - offs[a] <= 40;
        /* a line break ends a sentence (a title or a heading has no stop) */
        for (size_t e = j; e < len && strchr(" \t\n\r", s[e]); e++)
            if (s[e] == '\n' || s[e] == '\r')
                x->trail = 1;
        for (size_t c = a; c < b && x->ok; c++)
            x->ok = u_isalpha(cps[c]);
        i = j;
    }
    *out = w;
    return n;
}

/* Words at..at+n-1 stand together: letters only, no punctuation between. */
static int window_ok(const word *w, size_t nw, size_t at, size_t n)
{
    if (at + n > nw)
        return 0;
    for (size_t k = at; k < at + n; k++) {
        if (!w[k].ok)
            return 0;
        if (k > at && w[k].lead)
            return 0;
        if (k + 1 < at + n && w[k].trail)
            return 0;
    }
    return 1;
}

static char *join(const char *s, const word *w, size_t at, size_t n)
{
    size_t size = 1;
    for (size_t k = at; k < at + n; k++)
        size += w[k].end - w[k].start + 1;
    char *out = malloc(size), *o = out;
    for (size_t k = at; k < at + n; k++) {
        if (k > at)
            *o++ = ' ';
        memcpy(o, s + w[k].start, w[k].end - w[k].start);
        o += w[k].end - w[k].start;
    }
    *o = '\0';
    return out;
}

/* Is the quoted phrase of q in exactly one article, this one? */
static int unique(vns_index *ix, const char *q, const char *id)
{
    char quoted[1024];
    vns_query *query = NULL;
    vns_results *r = NULL;
    int ok = 0;
    snprintf(quoted, sizeof quoted, "\"%s\"", q);
    if (vns_query_parse(&query, ix, quoted, strlen(quoted)) == VNS_OK &&
        vns_search(&r, ix, query, 0, 2) == VNS_OK)
        ok = vns_results_total(r) == 1 && !vns_results_partial(r) &&
             vns_results_count(r) == 1 &&
             strcmp(vns_results_id(r, 0, NULL), id) == 0;
    vns_results_free(r);
    vns_query_free(query);
    return ok;
}

/* Marks on the 1st, 3rd, 5th word only: the others folded. */
static char *half_marks(const char *q)
{
    char *copy = strdup(q), *save = NULL, *out = malloc(4 * strlen(q) + 8);
    int k = 0;
    out[0] = '\0';
    for (char *w = strtok_r(copy, " ", &save); w;
         w = strtok_r(NULL, " ", &save), k++) {
        if (k)
            strcat(out, " ");
        if (k % 2) {
            char *f = fold(w, strlen(w));
            strcat(out, f);
            free(f);
        } else
            strcat(out, w);
    }
    free(copy);
    return out;
}

/* One word whose tone is hỏi (3) gets ngã (4) or the reverse, picked by h
 * among such words; NULL when there is none. */
static char *hoi_nga_swap(const char *q, uint32_t h)
{
    int32_t cps[512];
    size_t n = 0, i = 0, len = strlen(q), cand[16], ncand = 0;
    while (i < len && n < 512) {
        int bad;
        i += vns__utf8_decode((const unsigned char *)q + i, len - i, &cps[n],
                              &bad);
        int v, t;
        if (vns__viet_vowel(u_tolower(cps[n]), &v, &t) && (t == 3 || t == 4) &&
            ncand < 16)
            cand[ncand++] = n;
        n++;
    }
    if (ncand == 0)
        return NULL;
    size_t at = cand[h % ncand];
    int v, t;
    vns__viet_vowel(u_tolower(cps[at]), &v, &t);
    int32_t c = vns__viet_compose(v, t == 3 ? 4 : 3);
    cps[at] = u_isupper(cps[at]) ? u_toupper(c) : c;
    return bench_utf8(cps, n);
}

static int cmp_key(const void *a, const void *b)
{
    uint32_t x = arts[*(const size_t *)a].key, y = arts[*(const size_t *)b].key;
    if (x != y)
        return x < y ? -1 : 1;
    return (*(const size_t *)a > *(const size_t *)b) -
           (*(const size_t *)a < *(const size_t *)b);
}

static size_t pick_items(vns_index *ix, size_t want, uint32_t seed,
                         item **out, size_t *tried)
{
    size_t *order = malloc(narts * sizeof *order), n = 0;
    item *items = calloc(want ? want : 1, sizeof *items);
    for (size_t i = 0; i < narts; i++)
        order[i] = i;
    qsort(order, narts, sizeof *order, cmp_key);
    *tried = 0;
    for (size_t o = 0; o < narts && n < want; o++) {
        article *a = &arts[order[o]];
        word *w;
        size_t nw = split_words(a->body, &w);
        size_t *starts = malloc((nw + 1) * sizeof *starts), ns = 0;
        for (size_t k = 0; k < nw; k++)
            if (window_ok(w, nw, k, MIN_WORDS))
                starts[ns++] = k;
        (*tried)++;
        for (uint32_t place = 0; place < PLACES && ns > 0; place++) {
            uint32_t h = seeded(seed, a->id, strlen(a->id), place + 1);
            size_t at = starts[h % ns];
            int len = MIN_WORDS + (int)((h >> 20) % (MAX_WORDS - MIN_WORDS + 1));
            while (len > MIN_WORDS && !window_ok(w, nw, at, (size_t)len))
                len--;
            char *q = NULL;
            for (; len <= MAX_WORDS && window_ok(w, nw, at, (size_t)len);
                 len++) {
                q = join(a->body, w, at, (size_t)len);
                if (unique(ix, q, a->id))
                    break;
                free(q);
                q = NULL;
            }
            if (!q)
                continue;
            item *it = &items[n++];
            it->art = order[o];
            it->words = len;
            it->query[0] = q;
            it->query[1] = fold(q, strlen(q));
            it->query[2] = bench_icu_transform(q, 1);
            it->query[3] = half_marks(q);
            it->query[4] = hoi_nga_swap(q, h >> 8);
            break;
        }
        free(starts);
        free(w);
    }
    free(order);
    *out = items;
    return n;
}

/* ---- section 2: abbreviations ---------------------------------------- */

static char *reversed_words(const char *s)
{
    char *copy = strdup(s), *save = NULL, *words[64];
    int n = 0;
    for (char *w = strtok_r(copy, " ", &save); w && n < 64;
         w = strtok_r(NULL, " ", &save))
        words[n++] = w;
    char *out = malloc(strlen(s) + 2);
    out[0] = '\0';
    for (int k = n - 1; k >= 0; k--) {
        strcat(out, words[k]);
        if (k)
            strcat(out, " ");
    }
    free(copy);
    return out;
}

static size_t load_expansions(const char *path, expansion **out)
{
    char line[4096];
    size_t n = 0, cap = 0;
    expansion *e = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 0;
    }
    while (bench_tsv_line(f, line, sizeof line)) {
        char *save = NULL, *abbr = strtok_r(line, "\t", &save);
        for (char *x = strtok_r(NULL, "\t", &save); x;
             x = strtok_r(NULL, "\t", &save)) {
            if (!strchr(x, ' '))
                continue; /* one word */
            if (n == cap)
                e = realloc(e, (cap = cap ? 2 * cap : 64) * sizeof *e);
            expansion *y = &e[n++];
            memset(y, 0, sizeof *y);
            y->abbr = strdup(abbr);
            y->text = strdup(x);
            y->rev = reversed_words(x);
            y->text_f = fold(x, strlen(x));
            y->rev_f = fold(y->rev, strlen(y->rev));
        }
    }
    fclose(f);
    *out = e;
    return n;
}

static uint64_t vns_total(vns_index *ix, const char *text, int *partial)
{
    vns_query *q = NULL;
    vns_results *r = NULL;
    uint64_t total = 0;
    *partial = -1;
    if (vns_query_parse(&q, ix, text, strlen(text)) == VNS_OK &&
        vns_search(&r, ix, q, 0, 10) == VNS_OK) {
        total = vns_results_total(r);
        *partial = vns_results_partial(r);
    }
    vns_results_free(r);
    vns_query_free(q);
    return total;
}

static int fts_count(sqlite3 *db, const char *match)
{
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM d WHERE d MATCH ?", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static double median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- section 3: topics ----------------------------------------------- */

static size_t load_topics(const char *path, topic **out)
{
    char line[4096];
    size_t n = 0, cap = 0;
    topic *t = NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 0;
    }
    while (bench_tsv_line(f, line, sizeof line)) {
        char *fields[2 + MAX_GROUPS], *save = NULL;
        int nf = 0;
        for (char *x = strtok_r(line, "\t", &save); x && nf < 2 + MAX_GROUPS;
             x = strtok_r(NULL, "\t", &save))
            fields[nf++] = x;
        if (nf < 3) {
            fprintf(stderr, "%s: a line without query, description and "
                    "group: %s\n", path, fields[0]);
            continue;
        }
        if (n == cap)
            t = realloc(t, (cap = cap ? 2 * cap : 32) * sizeof *t);
        topic *y = &t[n++];
        memset(y, 0, sizeof *y);
        y->query = strdup(fields[0]);
        y->desc = strdup(fields[1]);
        for (int g = 2; g < nf; g++) {
            /* alternatives "a | b": each as " a b " folded, '\t' between */
            char *copy = strdup(fields[g]), *s2 = NULL, buf[2048] = "";
            for (char *alt = strtok_r(copy, "|", &s2); alt;
                 alt = strtok_r(NULL, "|", &s2)) {
                char *j = judge_text(alt, strlen(alt));
                if (strcmp(j, " ") != 0) {
                    if (buf[0])
                        strncat(buf, "\t", sizeof buf - strlen(buf) - 1);
                    strncat(buf, j, sizeof buf - strlen(buf) - 1);
                }
                free(j);
            }
            free(copy);
            y->groups[y->ngroups++] = strdup(buf);
        }
    }
    fclose(f);
    *out = t;
    return n;
}

/* ---- output ---------------------------------------------------------- */

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* s, then spaces up to `width` code points. */
static void pad(const char *s, int width)
{
    int n = 0;
    for (const char *p = s; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    fputs(s, stdout);
    for (; n < width; n++)
        fputc(' ', stdout);
}

int main(int argc, char **argv)
{
    size_t nwant = 25000, want = 400;
    uint32_t seed = 12;
    const char *work = "/tmp/vns-body", *json = NULL;
    const char *topics_path = VNS_TOPICS_FILE, *abbr_path = VNS_ABBREV_FILE;
    glob_t g = {0}, sub = {0};
    double t_start = now();

    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            fprintf(stderr, "bench_body: %s needs a value\n", argv[i]);
            return 2;
        }
        if (!strcmp(argv[i], "--articles"))
            nwant = (size_t)atol(v);
        else if (!strcmp(argv[i], "--items"))
            want = (size_t)atol(v);
        else if (!strcmp(argv[i], "--seed"))
            seed = (uint32_t)strtoul(v, NULL, 10);
        else if (!strcmp(argv[i], "--workdir"))
            work = v;
        else if (!strcmp(argv[i], "--json"))
            json = v;
        else if (!strcmp(argv[i], "--topics"))
            topics_path = v;
        else if (!strcmp(argv[i], "--abbreviations"))
            abbr_path = v;
        else {
            fprintf(stderr, "usage: bench_body [--articles N] [--items N] "
                    "[--seed S] [--workdir DIR] [--json FILE] "
                    "[--topics FILE] [--abbreviations FILE]\n");
            return 2;
        }
        i++;
    }
    glob(VNS_CORPUS_DIR "/part-*.jsonl.gz", 0, NULL, &g);
    if (g.gl_pathc == 0) {
        printf("bench_body: skipped: no corpus at %s\n", VNS_CORPUS_DIR);
        return 0;
    }

    /* The N articles, and both indexes of them. */
    char dir[PATH_MAX], file[PATH_MAX], idx[PATH_MAX], fts[PATH_MAX];
    mkdir(work, 0755);
    snprintf(dir, sizeof dir, "%s/a%zu", work, nwant);
    mkdir(dir, 0755);
    snprintf(file, sizeof file, "%s/articles.jsonl", dir);
    if (access(file, F_OK) != 0) {
        printf("writing %s ...\n", file);
        fflush(stdout);
        if (write_subset(&g, nwant, file) < 0)
            return 1;
    }
    if (glob(file, 0, NULL, &sub) != 0 ||
        bench_build_indexes(&sub, dir, idx, fts) < 0)
        return 1;
    double t_built = now();

    if (vns_analyzer_new(&an) != VNS_OK) {
        fprintf(stderr, "bench_body: %s\n", vns_errmsg());
        return 1;
    }
    topic *topics = NULL;
    expansion *exps = NULL;
    size_t ntopics = load_topics(topics_path, &topics);
    size_t nexps = load_expansions(abbr_path, &exps);

    vns_index *ix;
    sqlite3 *db;
    sqlite3_stmt *st, *deep;
    if (vns_index_open(&ix, idx) ||
        sqlite3_open_v2(fts, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        bench_fts_prepare(db, 10, &st) < 0 ||
        sqlite3_prepare_v2(db, "SELECT id, NULL FROM d WHERE d MATCH ? "
                           "ORDER BY rank LIMIT 1000", -1, &deep,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "bench_body: %s / %s\n", vns_errmsg(),
                sqlite3_errmsg(db));
        return 1;
    }
    if (load_articles(file, seed, topics, ntopics) < 0)
        return 1;
    printf("%zu articles (%s), seed %u\n", narts, file, (unsigned)seed);

    /* 1. Body known items. */
    item *items;
    size_t tried, n = pick_items(ix, want, seed, &items, &tried);
    size_t nlen[MAX_WORDS + 1] = {0};
    for (size_t i = 0; i < n; i++)
        nlen[items[i].words]++;
    double t_picked = now();
    printf("\n1. Body known items: %zu (from %zu articles tried; windows "
           "of 3/4/5 words: %zu/%zu/%zu), unquoted, top 10\n\n", n, tried,
           nlen[3], nlen[4], nlen[5]);
    double *vt = calloc(n * FORMS + 1, sizeof *vt),
           *ft = calloc(n * FORMS + 1, sizeof *ft);
    size_t nt = 0;
    double res[FORMS][4];
    size_t nform[FORMS], npartial[FORMS], vmiss_fhit[FORMS];
    printf("%-13s %5s %9s %9s   %9s %9s  %8s\n", "form", "items", "vns hit",
           "vns MRR", "fts hit", "fts MRR", "partial");
    for (int f = 0; f < FORMS; f++) {
        double vhit = 0, vmrr = 0, fhit = 0, fmrr = 0;
        size_t m = 0;
        npartial[f] = vmiss_fhit[f] = 0;
        for (size_t i = 0; i < n; i++) {
            item *it = &items[i];
            const char *id = arts[it->art].id;
            if (!it->query[f])
                continue;
            m++;
            int r = bench_vns_rank(ix, it->query[f], id, 10, &vt[nt],
                                   &it->partial[f]);
            it->rank[f][0] = r;
            vhit += r > 0;
            vmrr += r > 0 ? 1.0 / r : 0;
            npartial[f] += it->partial[f] == 1;
            r = bench_fts_rank(st, it->query[f], id, &ft[nt++]);
            it->rank[f][1] = r;
            fhit += r > 0;
            fmrr += r > 0 ? 1.0 / r : 0;
            vmiss_fhit[f] += it->rank[f][0] == 0 && r > 0;
        }
        nform[f] = m;
        double d = m ? (double)m : 1;
        res[f][0] = vhit / d;
        res[f][1] = vmrr / d;
        res[f][2] = fhit / d;
        res[f][3] = fmrr / d;
        printf("%-13s %5zu %9.3f %9.3f   %9.3f %9.3f  %8zu\n", form_names[f],
               m, res[f][0], res[f][1], res[f][2], res[f][3], npartial[f]);
    }
    double *vs = malloc((nt + 1) * sizeof *vs), *fs = malloc((nt + 1) * sizeof *fs);
    memcpy(vs, vt, nt * sizeof *vs);
    memcpy(fs, ft, nt * sizeof *fs);
    double vmed = median(vs, nt), fmed = median(fs, nt);
    printf("\n(partial: vnsearch queries answered by the partial fallback)\n");
    printf("latency over the %zu queries (top 10 with snippets): median "
           "vnsearch %.2f ms, FTS5 %.2f ms (ratio %.2f)\n", nt, 1e3 * vmed,
           1e3 * fmed, fmed > 0 ? vmed / fmed : 0);
    double t_ranked = now();
    printf("\nvnsearch's misses, ranked again in the first 1,000 of each "
           "engine:\n");
    printf("%-13s %6s %10s %10s %10s   %10s %10s %10s\n", "form", "missed",
           "vns <=10", "vns <=1000", "vns none", "fts <=10", "fts <=1000",
           "fts none");
    size_t deepc[FORMS][2][3];
    for (int f = 0; f < FORMS; f++) {
        size_t missed = 0;
        memset(deepc[f], 0, sizeof deepc[f]);
        for (size_t i = 0; i < n; i++) {
            item *it = &items[i];
            it->deep[f][0] = it->deep[f][1] = -1;
            if (!it->query[f] || it->rank[f][0] > 0)
                continue;
            double s;
            missed++;
            it->deep[f][0] = bench_vns_rank(ix, it->query[f],
                                            arts[it->art].id, 1000, &s, NULL);
            it->deep[f][1] = bench_fts_rank(deep, it->query[f],
                                            arts[it->art].id, &s);
            for (int e = 0; e < 2; e++) {
                int r = it->deep[f][e];
                deepc[f][e][r == 0 ? 2 : r <= 10 ? 0 : 1]++;
            }
        }
        printf("%-13s %6zu %10zu %10zu %10zu   %10zu %10zu %10zu\n",
               form_names[f], missed, deepc[f][0][0], deepc[f][0][1],
               deepc[f][0][2], deepc[f][1][0], deepc[f][1][1],
               deepc[f][1][2]);
    }
    printf("\nexamples of vnsearch's misses (the first %d of each form): "
           "query, then the rank in the first 1,000 of vnsearch (p: its top "
           "10 was the partial fallback) and of FTS5 (0: not there), the "
           "item\n", EXAMPLES);
    for (int f = 0; f < FORMS; f++) {
        printf("  %s: %zu missed by vnsearch, %zu of them in FTS5's top 10\n",
               form_names[f], deepc[f][0][0] + deepc[f][0][1] + deepc[f][0][2],
               vmiss_fhit[f]);
        int shown = 0;
        for (size_t i = 0; i < n && shown < EXAMPLES; i++) {
            item *it = &items[i];
            if (it->deep[f][0] < 0)
                continue;
            printf("    ");
            pad(it->query[f], 34);
            printf(" vns %4d%s fts %4d  %s \"%s\"\n", it->deep[f][0],
                   it->partial[f] == 1 ? "p" : " ", it->deep[f][1],
                   arts[it->art].id, it->query[0]);
            shown++;
        }
    }
    double t_items = now();

    /* 2. Expansions in order vs reversed. */
    printf("\n2. Expansions of corpus/abbreviations.tsv typed in order vs "
           "reversed: vnsearch total (p: partial)\n\n");
    pad("abbr", 9);
    pad("expansion", 40);
    printf(" %8s %8s %6s   %8s %8s %6s   %7s %7s\n", "order", "reversed", "loss", "unmarked", "reversed",
           "loss", "fts all", "phrase");
    double *loss[2] = {malloc((nexps + 1) * sizeof(double)),
                       malloc((nexps + 1) * sizeof(double))};
    size_t nloss[2] = {0, 0}, atleast[2] = {0, 0};
    for (size_t e = 0; e < nexps; e++) {
        expansion *x = &exps[e];
        const char *qs[4] = {x->text, x->rev, x->text_f, x->rev_f};
        for (int k = 0; k < 4; k++)
            x->total[k] = vns_total(ix, qs[k], &x->partial[k]);
        char match[4096];
        bench_fts_match(x->text, match, sizeof match);
        x->fts_all = fts_count(db, match);
        char phrase[4096];
        snprintf(phrase, sizeof phrase, "\"%s\"", x->text);
        x->fts_phrase = fts_count(db, phrase);
        double l[2] = {0, 0};
        for (int m = 0; m < 2; m++) {
            uint64_t in = x->total[2 * m], rev = x->total[2 * m + 1];
            if (x->partial[2 * m] == 1)
                in = 0; /* partial results are not a find */
            if (x->partial[2 * m + 1] == 1)
                rev = 0;
            atleast[m] += in >= rev;
            if (rev > 0) {
                l[m] = 1.0 - (double)in / (double)rev;
                loss[m][nloss[m]++] = l[m];
            }
        }
        char t[4][32];
        for (int k = 0; k < 4; k++)
            snprintf(t[k], sizeof t[k], "%llu%s",
                     (unsigned long long)x->total[k],
                     x->partial[k] == 1 ? "p" : "");
        pad(x->abbr, 9);
        pad(x->text, 40);
        printf(" %8s %8s %5.0f%%   %8s %8s %5.0f%%   %7d %7d\n", t[0], t[1], 100 * l[0], t[2], t[3],
               100 * l[1], x->fts_all, x->fts_phrase);
    }
    double med[2] = {median(loss[0], nloss[0]), median(loss[1], nloss[1])};
    printf("\n%zu expansions; median loss %.0f%% with marks, %.0f%% without; "
           "in order finds at least as many as reversed: %zu / %zu with "
           "marks, %zu / %zu without\n(fts all: FTS5's count of articles "
           "holding every word; phrase: holding them as a phrase, accents "
           "ignored but đ kept)\n",
           nexps, 100 * med[0], 100 * med[1], atleast[0], nexps, atleast[1],
           nexps);
    double t_exps = now();

    /* 3. Topics. */
    printf("\n3. Topic queries (%s): precision@10, relevance judged "
           "mechanically (bench/README.md); relevant: articles judged "
           "relevant among the %zu; best: the P@10 they allow\n\n",
           topics_path, narts);
    pad("query", 40);
    printf(" %8s %8s %7s %7s %7s\n", "relevant", "vns tot", "best",
           "vns P10", "fts P10");
    double vsum = 0, fsum = 0, bsum = 0;
    for (size_t t = 0; t < ntopics; t++) {
        topic *y = &topics[t];
        vns_query *q = NULL;
        vns_results *r = NULL;
        y->vhits = y->fhits = 0;
        if (vns_query_parse(&q, ix, y->query, strlen(y->query)) == VNS_OK &&
            vns_search(&r, ix, q, 0, 10) == VNS_OK) {
            y->vtotal = vns_results_total(r);
            for (size_t i = 0; i < vns_results_count(r); i++) {
                long a = find_article(vns_results_id(r, i, NULL));
                y->vhits += a >= 0 && y->rel[a];
            }
        }
        vns_results_free(r);
        vns_query_free(q);
        char match[4096];
        bench_fts_match(y->query, match, sizeof match);
        sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            long a = find_article((const char *)sqlite3_column_text(st, 0));
            y->fhits += a >= 0 && y->rel[a];
        }
        sqlite3_reset(st);
        double best = (y->nrel < 10 ? y->nrel : 10) / 10.0;
        vsum += y->vhits / 10.0;
        fsum += y->fhits / 10.0;
        bsum += best;
        pad(y->query, 40);
        printf(" %8zu %8llu %7.1f %7.1f %7.1f\n", y->nrel,
               (unsigned long long)y->vtotal, best, y->vhits / 10.0,
               y->fhits / 10.0);
    }
    double nt3 = ntopics ? (double)ntopics : 1;
    pad("mean", 40);
    printf(" %8s %8s %7.2f %7.2f %7.2f\n", "", "", bsum / nt3, vsum / nt3,
           fsum / nt3);
    double t_end = now();
    printf("\ntime: indexes %.1f s, items picked %.1f s, known items %.1f s "
           "(misses ranked again: %.1f s), expansions %.1f s, topics %.1f s, "
           "all %.1f s\n",
           t_built - t_start, t_picked - t_built, t_items - t_picked,
           t_items - t_ranked,
           t_exps - t_items, t_end - t_exps, t_end - t_start);

    if (json) {
        FILE *f = fopen(json, "w");
        if (!f) {
            perror(json);
            return 1;
        }
        fprintf(f, "{\"articles\": %zu, \"seed\": %u, \"items_wanted\": %zu, "
                "\"articles_tried\": %zu,\n \"known_items\": {\"forms\": [",
                narts, (unsigned)seed, want, tried);
        for (int k = 0; k < FORMS; k++)
            fprintf(f, "%s{\"form\": \"%s\", \"items\": %zu, \"vns_hit10\": "
                    "%.4f, \"vns_mrr10\": %.4f, \"fts_hit10\": %.4f, "
                    "\"fts_mrr10\": %.4f, \"vns_partial\": %zu}",
                    k ? ",\n   " : "", form_names[k], nform[k], res[k][0],
                    res[k][1], res[k][2], res[k][3], npartial[k]);
        fprintf(f, "],\n  \"latency_median_ms\": {\"queries\": %zu, "
                "\"vns\": %.3f, \"fts\": %.3f},\n  \"items\": [", nt,
                1e3 * vmed, 1e3 * fmed);
        for (size_t i = 0; i < n; i++) {
            item *it = &items[i];
            fprintf(f, "%s{\"id\": ", i ? ",\n   " : "");
            json_str(f, arts[it->art].id);
            fprintf(f, ", \"words\": %d, \"queries\": [", it->words);
            for (int k = 0; k < FORMS; k++) {
                fputs(k ? ", " : "", f);
                if (it->query[k])
                    json_str(f, it->query[k]);
                else
                    fputs("null", f);
            }
            fputs("], \"vns_rank\": [", f);
            for (int k = 0; k < FORMS; k++)
                fprintf(f, k ? ", %d" : "%d", it->query[k] ? it->rank[k][0] : -1);
            fputs("], \"fts_rank\": [", f);
            for (int k = 0; k < FORMS; k++)
                fprintf(f, k ? ", %d" : "%d", it->query[k] ? it->rank[k][1] : -1);
            fputs("], \"vns_rank1000\": [", f);
            for (int k = 0; k < FORMS; k++)
                fprintf(f, k ? ", %d" : "%d", it->deep[k][0]);
            fputs("], \"fts_rank1000\": [", f);
            for (int k = 0; k < FORMS; k++)
                fprintf(f, k ? ", %d" : "%d", it->deep[k][1]);
            fputs("], \"vns_partial\": [", f);
            for (int k = 0; k < FORMS; k++)
                fprintf(f, k ? ", %d" : "%d", it->query[k] ? it->partial[k] : -1);
            fputs("]}", f);
        }
        fprintf(f, "]},\n \"expansions\": {\"median_loss_marks\": %.4f, "
                "\"median_loss_unmarked\": %.4f, \"in_order_at_least_"
                "reversed\": [%zu, %zu], \"list\": [", med[0], med[1],
                atleast[0], atleast[1]);
        for (size_t e = 0; e < nexps; e++) {
            expansion *x = &exps[e];
            fprintf(f, "%s{\"abbr\": ", e ? ",\n   " : "");
            json_str(f, x->abbr);
            fputs(", \"expansion\": ", f);
            json_str(f, x->text);
            fprintf(f, ", \"in_order\": %llu, \"reversed\": %llu, "
                    "\"unmarked_in_order\": %llu, \"unmarked_reversed\": "
                    "%llu, \"partial\": [%d, %d, %d, %d], \"fts_all_words\": "
                    "%d, \"fts_phrase\": %d}",
                    (unsigned long long)x->total[0],
                    (unsigned long long)x->total[1],
                    (unsigned long long)x->total[2],
                    (unsigned long long)x->total[3], x->partial[0],
                    x->partial[1], x->partial[2], x->partial[3], x->fts_all,
                    x->fts_phrase);
        }
        fprintf(f, "]},\n \"topics\": {\"vns_mean_p10\": %.4f, "
                "\"fts_mean_p10\": %.4f, \"best_mean_p10\": %.4f, \"list\": [",
                vsum / nt3, fsum / nt3, bsum / nt3);
        for (size_t t = 0; t < ntopics; t++) {
            topic *y = &topics[t];
            fprintf(f, "%s{\"query\": ", t ? ",\n   " : "");
            json_str(f, y->query);
            fprintf(f, ", \"relevant\": %zu, \"vns_total\": %llu, "
                    "\"vns_p10\": %.1f, \"fts_p10\": %.1f}", y->nrel,
                    (unsigned long long)y->vtotal, y->vhits / 10.0,
                    y->fhits / 10.0);
        }
        fprintf(f, "]},\n \"seconds\": {\"indexes\": %.1f, \"pick\": %.1f, "
                "\"known_items\": %.1f, \"expansions\": %.1f, \"topics\": "
                "%.1f, \"all\": %.1f}}\n", t_built - t_start,
                t_picked - t_built, t_items - t_picked, t_exps - t_items,
                t_end - t_exps, t_end - t_start);
        if (fclose(f) != 0) {
            perror(json);
            return 1;
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(deep);
    sqlite3_close(db);
    vns_index_close(ix);
    vns_analyzer_free(an);
    return 0;
}
