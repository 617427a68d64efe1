/*
 * snippet.c - a short extract of a text with the query's words marked.
 *
 * As in SQLite FTS5's snippet(): the stored text is tokenized again (by the
 * same analyzer, so a match is a match whatever the accents, case, tone
 * placement or Unicode form of the text), a passage is chosen, and the
 * original bytes are copied with markers around the matching words. A
 * compound that matches (a document number) is marked whole.
 *
 * The passage is at most VNS__SNIPPET_CHARS characters, cut between words.
 * It holds the most distinct query words that fit, then the most of them
 * standing together as typed, then the most matches; the earliest of
 * equals; with no match (an article found by its title), the text's start.
 * Of the passages past the first piece (below), only the one the scan
 * ranks first is weighed.
 *
 * Analyzing (ICU's word breaks) is most of a snippet's time, so the text
 * is analyzed only as far as the snippet needs: its first 1.5 KB or so
 * (query words are most often in the lead), stopping a snippet's length
 * after every query word in a row in the order typed (no passage can hold
 * more query words or more of them together). The rest is analyzed only
 * around the one passage a cheap scan (no analyzer: the text's words
 * folded as the analyzer folds them) finds could beat the best of the
 * first piece if every word folding like a query word matched. Over 1,781
 * snippets of real queries, 14 hold fewer distinct query words than
 * analyzing every text whole would give (analyzing the first 3 KB: 223),
 * for 15% less time a search (bench/README.md, "Latency").
 */
#include "snippet.h"

#include "utf8.h"
#include "vietnamese.h"
#include "vns_internal.h"

#include <unicode/uchar.h>

#include <stdlib.h>
#include <string.h>

typedef struct word {
    size_t start, end;   /* bytes */
    size_t cstart, cend; /* characters from the start of the text */
    int pattern;         /* index of the pattern it matches, or -1 */
} word;

typedef struct collect {
    const char *text;
    const vns__pattern *patterns;
    size_t npatterns;
    word *words;
    size_t count, cap;
    size_t compound_end;   /* inside a matched compound until here */
    size_t base;           /* offset of the analyzed piece in the text */
    size_t counted, chars; /* text[0..counted) holds `chars` characters */
    size_t matches;
    size_t stop_after; /* characters: a passage that cannot be beaten was
                          found, and the words after it up to here */
    int failed;
} collect;

/* collect_word's return when it has read enough of the text. */
#define STOP 1

/* Characters in text[from..to), as vns__buf_append_utf8_repaired() writes
 * them: an ill-formed sequence is one U+FFFD. */
static size_t chars_in(const char *text, size_t from, size_t to)
{
    size_t n = 0;
    while (from < to) {
        int32_t cp;
        int bad;
        if ((unsigned char)text[from] < 0x80) /* most of any text */
            from++;
        else
            from += vns__utf8_decode((const unsigned char *)text + from,
                                     to - from, &cp, &bad);
        n++;
    }
    return n;
}

/* Characters in text[0..at), counted once as words come in order. */
static size_t chars_to(collect *c, size_t at)
{
    if (at < c->counted) /* never seen: tokens come in order */
        return c->chars - chars_in(c->text, at, c->counted);
    c->chars += chars_in(c->text, c->counted, at);
    c->counted = at;
    return c->chars;
}

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

/* Whether the last words match every pattern, in order: a passage that
 * no other can beat (best_passage), so that the text needs reading only
 * as far as the words shown after it. */
static int all_in_a_row(const collect *c)
{
    size_t n = c->npatterns;
    if (n == 0 || c->count < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (c->words[c->count - n + i].pattern != (int)i)
            return 0;
    return 1;
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
    size_t cstart = chars_to(c, start);
    if (c->stop_after && cstart > c->stop_after)
        return STOP;
    c->words[c->count++] = (word){start, end, cstart, chars_to(c, end), m};
    c->matches += m >= 0;
    if (!c->stop_after && all_in_a_row(c))
        c->stop_after = c->words[c->count - 1].cend + VNS__SNIPPET_CHARS;
    return 0;
}

/* How good a passage is: compared in this order. */
typedef struct score {
    size_t distinct; /* patterns matched */
    size_t together; /* distinct pairs of patterns p, p + 1 matched by
                        adjacent words: query words standing together */
    size_t matches;
} score;

static int better(score a, score b)
{
    if (a.distinct != b.distinct)
        return a.distinct > b.distinct;
    if (a.together != b.together)
        return a.together > b.together;
    return a.matches > b.matches;
}

/* Room for the words: the bound less both cut marks, "… " and " …". */
#define ROOM (VNS__SNIPPET_CHARS - 4)

/* The best passage of words that fits: [*first, *last] from a match to a
 * match, or the first word alone when nothing matches. Returns its
 * score. */
static score best_passage(const collect *c, size_t *first, size_t *last)
{
    score best = {0, 0, 0};

    *first = *last = 0;
    for (size_t i = 0; i < c->count; i++) {
        if (c->words[i].pattern < 0)
            continue;
        unsigned char seen[256] = {0}, paired[256] = {0};
        score s = {0, 0, 0};
        size_t end = i;
        for (size_t k = i; k < c->count; k++) {
            const word *w = &c->words[k];
            if (w->cend - c->words[i].cstart > ROOM && k > i)
                break;
            int p = w->pattern;
            if (p < 0)
                continue;
            end = k;
            s.matches++;
            if (p < 256 && !seen[p]) {
                seen[p] = 1;
                s.distinct++;
            }
            if (k > i && p > 0 && p <= 256 &&
                c->words[k - 1].pattern == p - 1 && !paired[p - 1]) {
                paired[p - 1] = 1;
                s.together++;
            }
        }
        if (better(s, best)) {
            best = s;
            *first = i;
            *last = end;
        }
    }
    return best;
}

/* Whether no passage of the rest of the text could beat `s`. */
static int unbeatable(const collect *c, score s)
{
    return c->npatterns > 0 && s.distinct == c->npatterns &&
           s.together == c->npatterns - 1;
}

/* Characters of the snippet of words [first, last]: the cut marks, or
 * the text's end after its last word (final punctuation). */
static size_t length(const collect *c, size_t first, size_t last, size_t tail)
{
    return (first > 0 ? 2 : 0) + c->words[last].cend - c->words[first].cstart +
           (last + 1 < c->count ? 2 : tail);
}

/* Widens [*first, *last] with the words around it, as far as the bound
 * allows: a few before, so that a reader sees what leads to the match,
 * then after, then before again. `tail` is the characters after the last
 * word when the text was analyzed to its end. */
static void widen(const collect *c, size_t tail, size_t *first, size_t *last)
{
    for (int before = 0;
         before < 4 && *first > 0 &&
         length(c, *first - 1, *last, tail) <= VNS__SNIPPET_CHARS;
         before++)
        --*first;
    while (*last + 1 < c->count &&
           length(c, *first, *last + 1, tail) <= VNS__SNIPPET_CHARS)
        ++*last;
    while (*first > 0 &&
           length(c, *first - 1, *last, tail) <= VNS__SNIPPET_CHARS)
        --*first;
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

/* Appends the first characters of a word too long for any snippet. */
static void append_cut_word(vns__buf *out, const char *text, const word *w)
{
    size_t end = w->start;
    for (size_t k = 0; k < ROOM && end < w->end; k++) {
        int32_t cp;
        int bad;
        end += vns__utf8_decode((const unsigned char *)text + end,
                                w->end - end, &cp, &bad);
    }
    append_flat(out, text, w->start, end);
}

/* The scan: a text's words folded as the analyzer folds Vietnamese
 * (lowercase, marks dropped, đ and ð as d, a number's leading zeros
 * dropped), without the analyzer. Any character but a letter or a digit
 * separates words. A word of the text that folds as a pattern does may
 * match it; one that does not, does not (for patterns that are one word:
 * the scan cannot judge compounds). A word with another letter (ć, ñ,
 * ü, any script) may match any pattern: the scan does not fold those. */

#define OTHER_LETTER 1 /* fold_char's value for a letter it cannot fold */

/* The letter c folds to, 0 for a separator, -1 for nothing (a combining
 * mark, a format character that joins). */
static int fold_char(int32_t c)
{
    static const char base[] = "aaaeeiooouuy"; /* vietnamese.h's order */
    int vowel, tone;

    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? (int)c
               : c >= 'A' && c <= 'Z'                           ? c + 32
                                                                : 0;
    if ((c >= 0x300 && c <= 0x36F) || c == 0xAD ||
        c == 0x200C || c == 0x200D || c == 0xFEFF)
        return -1;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        c += 0x20; /* À..Þ to à..þ */
    else if (c == 0x1AF)
        c = 0x1B0; /* Ư */
    else if ((c >= 0x100 && c <= 0x17F) || c == 0x1A0 ||
             (c >= 0x1EA0 && c <= 0x1EF9))
        c |= 1; /* Ă Đ Ĩ Ũ Ơ Ạ..Ỹ: capitals at even code points */
    if (c == 0x111 || c == 0xF0) /* đ, and ð typed for it */
        return 'd';
    if (vns__viet_vowel(c, &vowel, &tone))
        return base[vowel];
    return u_isalnum(c) ? OTHER_LETTER : 0;
}

#define SCAN_WORD 64
#define SCAN_PATTERNS 32 /* more, and the text is analyzed: a bit each */

typedef struct scanner {
    const char *s;
    size_t n, at, chars; /* where the scan is, in bytes and characters */
} scanner;

typedef struct scanned {
    size_t start, end, cstart, cend; /* bytes, characters */
    size_t len;                      /* of the folded form; cap + 1 when
                                        longer */
    int other;                       /* holds a letter not folded */
} scanned;

/* A number's leading zeros, as the analyzer drops them (007 is 7). */
static void drop_leading_zeros(char *out, scanned *w)
{
    size_t zeros = 0;
    for (size_t i = 0; i < w->len; i++)
        if (out[i] < '0' || out[i] > '9')
            return;
    while (zeros + 1 < w->len && out[zeros] == '0')
        zeros++;
    memmove(out, out + zeros, w->len - zeros);
    w->len -= zeros;
}

/* Folds the next word into out (room for cap bytes); 0 at the end. */
static int scan_next(scanner *sc, char *out, size_t cap, scanned *w)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    size_t at = sc->at, chars = sc->chars, len = 0, used;

    w->other = 0;
    for (; at < sc->n; at += used, chars++) {
        int32_t cp = s[at];
        int bad;
        used = cp < 0x80 ? 1 /* most of any text */
                         : vns__utf8_decode(s + at, sc->n - at, &cp, &bad);
        int f = fold_char(cp);
        if (f == 0 && len > 0)
            break;
        if (f > 0 && len++ == 0) {
            w->start = at;
            w->cstart = chars;
        }
        if (f > 0 && len <= cap)
            out[len - 1] = (char)f;
        w->other |= f == OTHER_LETTER;
    }
    sc->at = w->end = at;
    sc->chars = w->cend = chars;
    w->len = len > cap ? cap + 1 : len;
    if (w->len <= cap)
        drop_leading_zeros(out, w);
    return len > 0;
}

/* The patterns folded, when each is one word the scan can judge. */
typedef struct folded {
    char form[SCAN_PATTERNS][SCAN_WORD];
    size_t len[SCAN_PATTERNS], n;
} folded;

static int fold_patterns(const collect *c, folded *fp)
{
    if (c->npatterns == 0 || c->npatterns > SCAN_PATTERNS)
        return 0;
    fp->n = c->npatterns;
    for (size_t i = 0; i < fp->n; i++) {
        scanner sc = {c->patterns[i].form, c->patterns[i].len, 0, 0};
        scanned w;
        if (!scan_next(&sc, fp->form[i], SCAN_WORD, &w) ||
            w.len > SCAN_WORD || sc.at < sc.n || w.other)
            return 0; /* not one word (a compound), too long, or with a
                         letter the scan does not fold */
        fp->len[i] = w.len;
    }
    return 1;
}

/* The patterns a word of the text may match, a bit each. */
static uint32_t may_match(const folded *fp, const char *form,
                          const scanned *w)
{
    uint32_t mask = 0;
    for (size_t i = 0; i < fp->n; i++)
        if (w->other ||
            (w->len == fp->len[i] && !memcmp(form, fp->form[i], w->len)))
            mask |= 1u << i;
    return mask;
}

/* A word the scan found that may match: its place, its patterns. */
typedef struct candidate {
    size_t start, end, cstart, cend, ordinal;
    uint32_t mask;
} candidate;

static int popcount(uint32_t m)
{
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* The score the passage from candidate i would have if every candidate
 * matched all it may (best_passage's rules): the most it can have. */
static score bound_from(const candidate *cd, size_t count, size_t i,
                        size_t *last)
{
    uint32_t seen = 0, paired = 0;
    score s = {0, 0, 0};

    for (size_t k = i; k < count; k++) {
        if (cd[k].cend - cd[i].cstart > ROOM && k > i)
            break;
        seen |= cd[k].mask;
        if (k > i && cd[k].ordinal == cd[k - 1].ordinal + 1)
            paired |= cd[k - 1].mask & cd[k].mask >> 1;
        s.matches++;
        *last = k;
    }
    s.distinct = (size_t)popcount(seen);
    s.together = (size_t)popcount(paired);
    return s;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* The words around a passage that a snippet may show: room for a whole
 * snippet before and after it (in bytes, at most 4 a character), from
 * and to a space, so that the analyzer breaks the words as in the whole
 * text. */
#define MARGIN (4 * VNS__SNIPPET_CHARS)
static void around(const char *text, size_t n, size_t start, size_t end,
                   size_t *from, size_t *to)
{
    *from = start > MARGIN ? start - MARGIN : 0;
    while (*from > 0 && *from < start && !is_space(text[*from - 1]))
        (*from)++;
    *to = n - end > MARGIN ? end + MARGIN : n;
    while (*to < n && !is_space(text[*to]))
        (*to)++;
}

/* The passage of text[from..n) the scan finds best, if every word that
 * may match did: whether it could beat `best`, and then the bytes
 * [*start, *end) to analyze for it. Where the scan cannot judge, the
 * whole of text[from..n). */
static int may_beat(const collect *c, score best, size_t from, size_t n,
                    size_t *start, size_t *end)
{
    folded fp;
    scanner sc = {c->text, n, from, 0};
    scanned w;
    char got[SCAN_WORD];
    candidate *cd = NULL;
    size_t count = 0, cap = 0, first = 0, last = 0;
    score bound = best;

    *start = from;
    *end = n;
    if (!fold_patterns(c, &fp))
        return c->npatterns > 0;
    for (size_t ordinal = 0; scan_next(&sc, got, SCAN_WORD, &w); ordinal++) {
        uint32_t m = may_match(&fp, got, &w);
        if (!m)
            continue;
        if (count == cap) {
            candidate *more = realloc(cd, (cap = cap ? 2 * cap : 64) *
                                              sizeof *more);
            if (!more) {
                free(cd);
                return 1; /* analyze it all */
            }
            cd = more;
        }
        cd[count++] = (candidate){w.start, w.end, w.cstart, w.cend, ordinal,
                                  m};
    }
    for (size_t i = 0, k = 0; i < count; i++) {
        score s = bound_from(cd, count, i, &k);
        if (better(s, bound)) {
            bound = s;
            first = i;
            last = k;
        }
    }
    int beats = better(bound, best);
    if (beats)
        around(c->text, n, cd[first].start, cd[last].end, start, end);
    free(cd);
    return beats;
}

/* Where the first piece analyzed ends: a space after FIRST_PIECE bytes. */
#define FIRST_PIECE 1500
static size_t first_piece(const char *text, size_t n)
{
    if (n <= FIRST_PIECE)
        return n;
    const char *sp = memchr(text + FIRST_PIECE, ' ', n - FIRST_PIECE);
    return sp ? (size_t)(sp - text) : n;
}

/* Analyzes what the snippet needs of the text after its first piece: the
 * passage the scan finds could beat the piece's best, and the words
 * around it (the scan starts a little before the piece's end, where a
 * passage may start). Sets *whole when that reaches the text's end. */
static int analyze_rest(vns_analyzer *an, collect *c, size_t piece, size_t n,
                        int *whole)
{
    size_t first, last, start, end;
    score best = c->matches ? best_passage(c, &first, &last)
                            : (score){0, 0, 0};

    if (c->count == 0) { /* no word yet (a banner): read on */
        start = piece;
        end = n;
    } else if (unbeatable(c, best) ||
               !may_beat(c, best, piece > MARGIN ? piece - MARGIN : 0, n,
                         &start, &end)) {
        return VNS_OK;
    }
    /* From the piece's end unless more than a snippet's characters lie
     * between: no snippet may span text that was not analyzed. */
    if (start < piece + MARGIN ||
        chars_in(c->text, piece, start) <= VNS__SNIPPET_CHARS)
        start = piece;
    c->base = start;
    *whole = end == n;
    return start < end
               ? vns__analyze(an, c->text + start, end - start, collect_word, c)
               : VNS_OK;
}

int vns__snippet(vns_analyzer *an, const char *text, size_t n,
                 const vns__pattern *patterns, size_t npatterns,
                 const char *open, const char *close, vns__buf *out)
{
    collect c = {text, patterns, npatterns, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    size_t first = 0, last = 0;
    size_t piece = first_piece(text, n);
    int whole = piece == n; /* the text was analyzed to its end */
    int rc = vns__analyze(an, text, piece, collect_word, &c);
    if (rc == VNS_OK && !whole)
        rc = analyze_rest(an, &c, piece, n, &whole);
    if (rc == STOP) { /* read as far as the snippet needs */
        rc = VNS_OK;
        whole = 0;
    }

    if (rc == VNS_OK && c.count > 0) {
        best_passage(&c, &first, &last);
        /* After the last word: the text's end, with its final punctuation
         * when that is short, else the cut mark. */
        size_t end = n, tail = 2;
        while (end > c.words[c.count - 1].end &&
               is_space(text[end - 1]))
            end--;
        if (whole && chars_in(text, c.words[c.count - 1].end, end) <= 2)
            tail = chars_in(text, c.words[c.count - 1].end, end);
        else
            end = 0; /* cut after the last word */
        widen(&c, tail, &first, &last);
        int cut_end = last + 1 < c.count || end == 0;

        if (first > 0)
            vns__buf_append(out, "… ", strlen("… "));
        size_t at = c.words[first].start;
        for (size_t k = first; k <= last; k++) {
            const word *w = &c.words[k];
            int too_long = w->cend - w->cstart > ROOM;
            if (w->pattern < 0 && !too_long)
                continue;
            append_flat(out, text, at, w->start);
            if (w->pattern >= 0)
                vns__buf_append(out, open, strlen(open));
            if (too_long) {
                append_cut_word(out, text, w);
                cut_end = 1;
            } else {
                append_flat(out, text, w->start, w->end);
            }
            if (w->pattern >= 0)
                vns__buf_append(out, close, strlen(close));
            at = w->end;
        }
        if (cut_end) {
            append_flat(out, text, at, c.words[last].end);
            vns__buf_append(out, " …", strlen(" …"));
        } else {
            append_flat(out, text, at, end);
        }
    }
    free(c.words);
    if (rc == VNS_OK && (c.failed || vns__buf_failed(out)))
        rc = vns__error(VNS_ENOMEM, "out of memory");
    return rc;
}
