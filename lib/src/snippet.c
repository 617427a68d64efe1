/*
 * snippet.c - a short extract of a text with the query's words marked.
 *
 * As in SQLite FTS5's snippet(): the stored text is tokenized again (by the
 * same analyzer, so a match is a match whatever the accents, case, tone
 * placement or Unicode form of the text), the window of words holding the
 * most distinct query words is chosen, and the original bytes are copied
 * with markers around the matching words. A compound that matches (a
 * document number) is marked whole. Only the first 3 KB or so are
 * analyzed when they hold a match, which halves the time of a search.
 */
#include "snippet.h"

#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct word {
    size_t start, end;
    int pattern; /* index of the pattern it matches, or -1 */
} word;

typedef struct collect {
    const vns__pattern *patterns;
    size_t npatterns;
    word *words;
    size_t count, cap;
    size_t compound_end; /* inside a matched compound until here */
    size_t base;         /* offset of the analyzed piece in the text */
    size_t matches;
    int failed;
} collect;

static int match(const collect *c, const vns_token *t)
{
    for (size_t i = 0; i < c->npatterns; i++) {
        const vns__pattern *p = &c->patterns[i];
        const char *form = p->exact ? t->text : t->folded;
        size_t len = p->exact ? t->len : t->folded_len;
        if (len == p->len && memcmp(form, p->form, len) == 0)
            return (int)i;
    }
    return -1;
}

static int collect_word(const vns_token *t, void *payload)
{
    collect *c = payload;
    int m = match(c, t);

    size_t start = c->base + t->start, end = c->base + t->end;

    if (t->flags & VNS_TOKEN_COMPOUND) {
        if (m < 0)
            return 0;
        c->compound_end = end; /* its parts become one marked word */
    } else if (start < c->compound_end) {
        return 0;
    }
    if (c->count == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        word *more = realloc(c->words, cap * sizeof *more);
        if (!more) {
            c->failed = 1;
            return VNS_ENOMEM;
        }
        c->words = more;
        c->cap = cap;
    }
    c->words[c->count++] = (word){start, end, m};
    c->matches += m >= 0;
    return 0;
}

/* The window [first, first + VNS__SNIPPET_WORDS) with the most distinct
 * patterns, then the most matches; the earliest of equals. */
static size_t best_window(const collect *c)
{
    size_t best = 0, best_score = 0;

    for (size_t i = 0; i < c->count; i++) {
        if (c->words[i].pattern < 0)
            continue;
        size_t first = i > 4 ? i - 4 : 0, score = 0;
        unsigned char seen[256] = {0};
        for (size_t k = first; k < c->count && k < first + VNS__SNIPPET_WORDS;
             k++) {
            int p = c->words[k].pattern;
            if (p < 0)
                continue;
            score += 1 + (p < 256 && !seen[p] ? 100 : 0);
            if (p < 256)
                seen[p] = 1;
        }
        if (score > best_score) {
            best_score = score;
            best = first;
        }
    }
    /* A window near the end of the text moves back to be full; a text
     * shorter than a window is shown whole. */
    size_t latest = c->count > VNS__SNIPPET_WORDS
                        ? c->count - VNS__SNIPPET_WORDS
                        : 0;
    if (best > latest)
        best = latest;
    return best;
}

/* Appends text[from..to) with line breaks and tabs as spaces. */
static void append_flat(vns__buf *out, const char *text, size_t from,
                        size_t to)
{
    size_t run = from;
    for (size_t i = from; i < to; i++) {
        if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') {
            vns__buf_append_utf8_repaired(out, text + run, i - run);
            if (out->len == 0 || out->ptr[out->len - 1] != ' ')
                vns__buf_append(out, " ", 1);
            run = i + 1;
        }
    }
    vns__buf_append_utf8_repaired(out, text + run, to - run);
}

/* Where the first piece analyzed ends: a space after FIRST_PIECE bytes. */
#define FIRST_PIECE 3000
static size_t first_piece(const char *text, size_t n)
{
    if (n <= FIRST_PIECE)
        return n;
    const char *sp = memchr(text + FIRST_PIECE, ' ', n - FIRST_PIECE);
    return sp ? (size_t)(sp - text) : n;
}

int vns__snippet(vns_analyzer *an, const char *text, size_t n,
                 const vns__pattern *patterns, size_t npatterns,
                 const char *open, const char *close, vns__buf *out)
{
    collect c = {patterns, npatterns, NULL, 0, 0, 0, 0, 0, 0};
    /* Query words are most often near the start (the lead): the rest of
     * a long text is analyzed only when the first piece has none. */
    size_t piece = first_piece(text, n);
    int rc = vns__analyze(an, text, piece, collect_word, &c);
    if (rc == VNS_OK && c.matches == 0 && piece < n) {
        c.base = piece;
        rc = vns__analyze(an, text + piece, n - piece, collect_word, &c);
    }

    if (rc == VNS_OK && c.count > 0) {
        size_t first = best_window(&c);
        size_t last = first + VNS__SNIPPET_WORDS < c.count
                          ? first + VNS__SNIPPET_WORDS - 1
                          : c.count - 1;
        if (first > 0)
            vns__buf_append(out, "… ", strlen("… "));
        size_t at = c.words[first].start;
        for (size_t k = first; k <= last; k++) {
            const word *w = &c.words[k];
            if (w->pattern < 0)
                continue;
            append_flat(out, text, at, w->start);
            vns__buf_append(out, open, strlen(open));
            append_flat(out, text, w->start, w->end);
            vns__buf_append(out, close, strlen(close));
            at = w->end;
        }
        if (last + 1 < c.count) {
            append_flat(out, text, at, c.words[last].end);
            vns__buf_append(out, " …", strlen(" …"));
        } else { /* the end of the text, with its final punctuation */
            size_t end = n;
            while (end > at && strchr(" \t\r\n", text[end - 1]))
                end--;
            append_flat(out, text, at, end);
        }
    }
    free(c.words);
    if (rc == VNS_OK && (c.failed || vns__buf_failed(out)))
        rc = vns__error(VNS_ENOMEM, "out of memory");
    return rc;
}
