/*
 * bench_analyzer - analyzer throughput on real Vietnamese news.
 *
 * Reads the title, lead and body of every record of the gzip JSON Lines
 * files given (by default ../shared/corpus-vi/part-*.jsonl.gz beside the
 * source tree), keeps them in memory, then runs the full analysis
 * (UTF-8 check, NFC, case fold, tone placement, folding, ICU word break,
 * compounds) over them on one thread, several times, and reports the median
 * MB/s of input text. Exit 0 with a message when the corpus is absent.
 *
 *   bench_analyzer [--runs N] [--mb LIMIT] [FILE.jsonl.gz ...]
 */
#define _POSIX_C_SOURCE 200809L
#include "vnsearch.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

typedef struct {
    char *ptr;
    size_t len, cap;
} text_buf;

static void append(text_buf *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        if (!(b->ptr = realloc(b->ptr, b->cap))) {
            perror("bench_analyzer");
            exit(1);
        }
    }
    memcpy(b->ptr + b->len, p, n);
    b->len += n;
}

static void append_cp(text_buf *b, unsigned long c)
{
    char o[4];
    size_t n;
    if (c < 0x80) { o[0] = (char)c; n = 1; }
    else if (c < 0x800) { o[0] = (char)(0xC0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
    else if (c < 0x10000) { o[0] = (char)(0xE0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3F)); o[2] = (char)(0x80 | (c & 0x3F)); n = 3; }
    else { o[0] = (char)(0xF0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3F)); o[2] = (char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F)); n = 4; }
    append(b, o, n);
}

/* Decodes the JSON string starting after the opening quote at *p into out;
 * leaves *p after the closing quote. */
static void json_string(const char **p, text_buf *out)
{
    const char *s = *p;
    while (*s && *s != '"') {
        if (*s != '\\') {
            const char *run = s;
            while (*s && *s != '"' && *s != '\\')
                s++;
            append(out, run, (size_t)(s - run));
            continue;
        }
        s++;
        switch (*s) {
        case 'n': append(out, "\n", 1); break;
        case 't': append(out, "\t", 1); break;
        case 'r': case 'b': case 'f': append(out, " ", 1); break;
        case 'u': {
            unsigned long c = strtoul((char[]){s[1], s[2], s[3], s[4], 0}, NULL, 16);
            s += 4;
            if (c >= 0xD800 && c < 0xDC00 && s[1] == '\\' && s[2] == 'u') {
                unsigned long lo = strtoul((char[]){s[3], s[4], s[5], s[6], 0}, NULL, 16);
                c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
            }
            append_cp(out, c);
            break;
        }
        default: append(out, s, 1); break;
        }
        if (*s) s++;
    }
    *p = *s ? s + 1 : s;
}

/* Appends the title, lead and body of one JSON record to texts, each
 * ended by a NUL: the pieces an indexer analyzes one call each. */
static void take_record(const char *line, text_buf *texts, text_buf *scratch)
{
    const char *p = line;
    char key[16] = "";
    while (*p) {
        if (*p != '"') { p++; continue; }
        p++;
        scratch->len = 0;
        json_string(&p, scratch);
        while (*p == ' ') p++;
        if (*p == ':') {
            size_t n = scratch->len < sizeof key - 1 ? scratch->len : sizeof key - 1;
            memcpy(key, scratch->ptr, n);
            key[n] = '\0';
            continue;
        }
        if (!strcmp(key, "title") || !strcmp(key, "lead") || !strcmp(key, "body")) {
            append(texts, scratch->ptr, scratch->len);
            append(texts, "", 1);
        }
        key[0] = '\0';
    }
}

static int count_token(const vns_token *tok, void *payload)
{
    (void)tok;
    (*(size_t *)payload)++;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int runs = 5, first = 1;
    double limit_mb = 0;
    glob_t g = {0};
    text_buf texts = {0}, scratch = {0};
    text_buf line = {0};
    size_t docs = 0;

    for (; first < argc && !strncmp(argv[first], "--", 2); first += 2) {
        if (first + 1 >= argc) break;
        if (!strcmp(argv[first], "--runs")) runs = atoi(argv[first + 1]);
        else if (!strcmp(argv[first], "--mb")) limit_mb = atof(argv[first + 1]);
    }
    if (first < argc) {
        for (int i = first; i < argc; i++)
            glob(argv[i], i > first ? GLOB_APPEND : 0, NULL, &g);
    } else {
        glob(VNS_CORPUS_DIR "/part-*.jsonl.gz", 0, NULL, &g);
    }
    if (g.gl_pathc == 0) {
        printf("bench_analyzer: skipped: no corpus at %s\n", VNS_CORPUS_DIR);
        return 0;
    }
    for (size_t f = 0; f < g.gl_pathc; f++) {
        gzFile gz = gzopen(g.gl_pathv[f], "rb");
        char chunk[65536];
        if (!gz) { perror(g.gl_pathv[f]); return 1; }
        gzbuffer(gz, 1 << 20);
        while (gzgets(gz, chunk, sizeof chunk)) {
            size_t n = strlen(chunk);
            append(&line, chunk, n);
            if (n && chunk[n - 1] == '\n') {
                append(&line, "", 1);
                take_record(line.ptr, &texts, &scratch);
                line.len = 0;
                docs++;
                if (limit_mb > 0 && texts.len > limit_mb * 1e6) break;
            }
        }
        gzclose(gz);
        if (limit_mb > 0 && texts.len > limit_mb * 1e6) break;
    }

    vns_analyzer *an;
    if (vns_analyzer_new(&an) != VNS_OK) { fprintf(stderr, "%s\n", vns_errmsg()); return 1; }
    double *secs = calloc((size_t)runs, sizeof *secs);
    size_t tokens = 0;
    for (int r = 0; r < runs; r++) {
        size_t start = 0;
        tokens = 0;
        double t0 = now();
        /* One call per field, as an indexer calls it. */
        while (start < texts.len) {
            const char *nl = memchr(texts.ptr + start, '\0', texts.len - start);
            size_t end = nl ? (size_t)(nl - texts.ptr) : texts.len;
            if (vns_analyze(an, texts.ptr + start, end - start, count_token, &tokens) != VNS_OK) {
                fprintf(stderr, "%s\n", vns_errmsg());
                return 1;
            }
            start = end + 1;
        }
        secs[r] = now() - t0;
    }
    qsort(secs, (size_t)runs, sizeof *secs, cmp_double);
    double med = secs[runs / 2];
    printf("analyzer: %zu records, %.1f MB of text, %zu tokens\n", docs, texts.len / 1e6, tokens);
    printf("analyzer: median of %d runs %.3f s = %.1f MB/s, %.2f M tokens/s (one thread)\n",
           runs, med, texts.len / 1e6 / med, tokens / 1e6 / med);
    vns_analyzer_free(an);
    free(secs);
    free(texts.ptr);
    free(scratch.ptr);
    free(line.ptr);
    globfree(&g);
    return 0;
}
