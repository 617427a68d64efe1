/*
 * query.c - the query language, parsed straight into a Xapian query.
 *
 *   query   := or ;  or := and ("OR" and)* ;  and := unary+
 *   unary   := "-" primary | primary
 *   primary := WORD | "PHRASE" | "(" or ")" | title:WORD | title:"PHRASE"
 *
 * Every word goes through the analyzer, as at index time. What a word
 * matches (schema.h has the terms):
 *   - typed without marks (its exact form is its folded form): the folded
 *     term, so "dong" finds đồng, động, dòng;
 *   - typed with marks: the exact term "E...", so "bàn" never finds "bán";
 *   - a compound (61/2018/NĐ-CP) matches as one term; a word that splits
 *     into several (hành.chính) as a phrase;
 *   - an abbreviation also matches its expansions as phrases, and a run of
 *     words that spells an expansion also matches the abbreviation.
 * Ranking is BM25 (title words carry 3 times the weight), plus two boosts
 * that add weight without changing what matches: words found in the title
 * (part of the query built here), and words that stand together in the
 * document as in the query (phrases of adjacent query words over the
 * positions of the folded terms), kept apart in q->pairs because checking
 * positions is costly: search.c applies it to the best candidates only.
 * Errors give the byte offset of the offending token (vns_error_offset).
 */
#include "query.h"

#include "buf.h"
#include "schema.h"
#include "vns_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32
#define MAX_WORD_TOKENS 16

/* One analyzed word of the query. */
struct qtok {
    char exact[VNS_MAX_TOKEN_BYTES], folded[VNS_MAX_TOKEN_BYTES];
    size_t exact_len, folded_len;
    unsigned flags;
};
typedef struct qtok qtok;

/* What one item of an AND group contributes. */
typedef struct item {
    vns__xq *q;
    int negated;
    qtok tok;   /* when `single`: the item is one plain word */
    int single;
    int title;
} item;

typedef struct parser {
    const char *s;
    size_t n, i;
    vns_analyzer *an;
    const vns__abbrevs *abbrevs;
    vns__query *out;
    size_t terms;
    int depth;
    qtok toks[MAX_WORD_TOKENS + 1];
    size_t ntoks;
    int toks_overflow;
    int negating; /* inside -word: not a fallback word */
} parser;

static int syntax_error(parser *p, size_t at, const char *what)
{
    p->out->error_offset = (long)at;
    return vns__error(VNS_EQUERY, "query, byte %zu: %s", at, what);
}

static int accented(const qtok *t)
{
    return t->exact_len != t->folded_len ||
           memcmp(t->exact, t->folded, t->exact_len) != 0;
}

/* Highlighting patterns and fallback terms are kept in the query. */
static int add_pattern(parser *p, const char *form, size_t len, int exact)
{
    vns__query *q = p->out;
    if (q->npatterns == q->cap_patterns) {
        size_t cap = q->cap_patterns ? 2 * q->cap_patterns : 16;
        vns__pattern *more = realloc(q->patterns, cap * sizeof *more);
        if (!more)
            return VNS_ENOMEM;
        q->patterns = more;
        q->cap_patterns = cap;
    }
    vns__pattern *pat = &q->patterns[q->npatterns];
    if (!(pat->form = malloc(len + 1)))
        return VNS_ENOMEM;
    memcpy(pat->form, form, len);
    pat->form[len] = '\0';
    pat->len = len;
    pat->exact = exact;
    q->npatterns++;
    return VNS_OK;
}

static vns__xq *term(parser *p, const char *prefix, const char *form,
                     size_t len)
{
    char buf[VNS_MAX_TOKEN_BYTES + 4];
    size_t plen = strlen(prefix);
    memcpy(buf, prefix, plen);
    memcpy(buf + plen, form, len);
    p->terms++;
    return vns__xq_term(buf, plen + len);
}

/* Combines and frees the sub-queries; NULL if one is NULL (out of
 * memory) or the combination fails. */
static vns__xq *combine(enum vns__xop op, vns__xq **subs, size_t count,
                        unsigned window)
{
    for (size_t i = 0; i < count; i++) {
        if (!subs[i]) {
            for (size_t k = 0; k < count; k++)
                vns__xq_free(subs[k]);
            return NULL;
        }
    }
    vns__xq *q = count == 1 && op != VNS__XOP_PHRASE
                     ? subs[0]
                     : vns__xq_op(op, (const vns__xq *const *)subs, count,
                                  window);
    if (!(count == 1 && op != VNS__XOP_PHRASE))
        for (size_t i = 0; i < count; i++)
            vns__xq_free(subs[i]);
    return q;
}

static int collect_token(const vns_token *t, void *payload)
{
    parser *p = payload;
    if (p->ntoks == MAX_WORD_TOKENS) {
        p->toks_overflow = 1;
        return 0;
    }
    qtok *q = &p->toks[p->ntoks++];
    memcpy(q->exact, t->text, t->len);
    q->exact_len = t->len;
    memcpy(q->folded, t->folded, t->folded_len);
    q->folded_len = t->folded_len;
    q->flags = t->flags;
    return 0;
}

/* What one token matches: its exact term if typed with marks, else its
 * folded term; in the title only, when `title`. */
static vns__xq *token_query(parser *p, const qtok *t, int title)
{
    int rc;
    if ((rc = add_pattern(p, accented(t) ? t->exact : t->folded,
                          accented(t) ? t->exact_len : t->folded_len,
                          accented(t))) != VNS_OK)
        return NULL;
    if (!title)
        return accented(t) ? term(p, VNS__PREFIX_EXACT, t->exact, t->exact_len)
                           : term(p, VNS__PREFIX_WORD, t->folded, t->folded_len);
    vns__xq *subs[2];
    size_t n = 0;
    subs[n++] = term(p, VNS__PREFIX_TITLE, t->folded, t->folded_len);
    if (accented(t))
        subs[n++] = term(p, VNS__PREFIX_EXACT, t->exact, t->exact_len);
    return combine(VNS__XOP_AND, subs, n, 0);
}

/* A phrase of tokens: positions of the folded terms, and each accented
 * token's exact term as a filter. */
static vns__xq *phrase_query(parser *p, const qtok *toks, size_t count,
                             int title)
{
    vns__xq *words[MAX_WORD_TOKENS + 1], *all[2 * MAX_WORD_TOKENS + 2];
    size_t n = 0;

    if (count == 1)
        return token_query(p, &toks[0], title);
    for (size_t i = 0; i < count; i++) {
        words[i] = term(p, VNS__PREFIX_WORD, toks[i].folded, toks[i].folded_len);
        if (add_pattern(p, accented(&toks[i]) ? toks[i].exact : toks[i].folded,
                        accented(&toks[i]) ? toks[i].exact_len
                                           : toks[i].folded_len,
                        accented(&toks[i])) != VNS_OK)
            return NULL;
    }
    all[n++] = combine(VNS__XOP_PHRASE, words, count, (unsigned)count);
    for (size_t i = 0; i < count; i++) {
        if (accented(&toks[i]))
            all[n++] = term(p, VNS__PREFIX_EXACT, toks[i].exact, toks[i].exact_len);
        if (title)
            all[n++] = term(p, VNS__PREFIX_TITLE, toks[i].folded, toks[i].folded_len);
    }
    return combine(VNS__XOP_AND, all, n, 0);
}

/* Splits a folded expansion ("uy ban nhan dan") into phrase tokens. */
static size_t expansion_tokens(const char *exp, qtok *toks)
{
    size_t n = 0;
    for (const char *s = exp; *s && n < MAX_WORD_TOKENS;) {
        const char *sp = strchr(s, ' ');
        size_t len = sp ? (size_t)(sp - s) : strlen(s);
        if (len >= VNS_MAX_TOKEN_BYTES)
            len = VNS_MAX_TOKEN_BYTES - 1;
        memcpy(toks[n].exact, s, len);
        memcpy(toks[n].folded, s, len);
        toks[n].exact_len = toks[n].folded_len = len;
        toks[n].flags = 0;
        n++;
        s += len + (sp ? 1 : 0);
    }
    return n;
}

/* A word that is an abbreviation also matches its expansions. */
static vns__xq *with_expansions(parser *p, vns__xq *q, const qtok *t)
{
    vns__xq *alts[32];
    size_t n = 0;

    alts[n++] = q;
    for (size_t i = 0; i < p->abbrevs->count && n < 32; i++) {
        const vns__abbrev *a = &p->abbrevs->items[i];
        if (strlen(a->abbrev) != t->folded_len ||
            memcmp(a->abbrev, t->folded, t->folded_len) != 0)
            continue;
        qtok toks[MAX_WORD_TOKENS];
        size_t count = expansion_tokens(a->expansion, toks);
        alts[n] = phrase_query(p, toks, count, 0);
        if (!alts[n])
            break;
        n++;
    }
    return combine(VNS__XOP_OR, alts, n, 0);
}

/* Analyzes s[start..end) into p->toks; too many tokens is an error. */
static int analyze_span(parser *p, size_t start, size_t end,
                        const char *too_many)
{
    int rc;

    p->ntoks = 0;
    p->toks_overflow = 0;
    if ((rc = vns__analyze(p->an, p->s + start, end - start, collect_token,
                          p)) != VNS_OK)
        return rc;
    return p->toks_overflow ? syntax_error(p, start, too_many) : VNS_OK;
}

/* A word of the query (s[start..end)): one item. */
static int parse_word(parser *p, size_t start, size_t end, int title,
                      item *it)
{
    const qtok *use;
    size_t count;
    int rc;

    if ((rc = analyze_span(p, start, end, "word with too many parts")))
        return rc;
    if (p->ntoks == 0) { /* punctuation only: nothing to match */
        it->q = NULL;
        return VNS_OK;
    }
    /* A compound (61/2018/NĐ-CP) matches as the whole term, or as the
     * phrase of its parts inside a longer one (NĐ-CP in 61/2018/NĐ-CP). */
    int compound = (p->toks[0].flags & VNS_TOKEN_COMPOUND) != 0;
    use = compound ? &p->toks[0] : p->toks;
    count = compound ? 1 : p->ntoks;
    it->title = title;
    it->single = count == 1;
    if (it->single)
        it->tok = *use;
    it->q = count == 1 ? token_query(p, use, title)
                       : phrase_query(p, use, count, title);
    if (it->q && count == 1 && !title)
        it->q = with_expansions(p, it->q, use);
    if (it->q && compound) {
        vns__xq *alts[2] = {it->q, phrase_query(p, p->toks + 1,
                                                p->ntoks - 1, title)};
        it->q = combine(VNS__XOP_OR, alts, 2, 0);
    }
    if (!it->q)
        return vns__error(VNS_ENOMEM, "out of memory");
    if (count == 1 && !p->negating &&
        (rc = vns__query_add_fallback(p->out, use)) != VNS_OK)
        return rc;
    return VNS_OK;
}

/* A "quoted phrase" (its text is s[start..end)). */
static int parse_phrase(parser *p, size_t start, size_t end, int title,
                        item *it)
{
    qtok toks[MAX_WORD_TOKENS];
    size_t count = 0;
    int rc;

    if ((rc = analyze_span(p, start, end, "phrase of more than 16 words")))
        return rc;
    for (size_t i = 0; i < p->ntoks; i++)
        if (!(p->toks[i].flags & VNS_TOKEN_COMPOUND))
            toks[count++] = p->toks[i];
    it->q = NULL;
    if (count == 0)
        return VNS_OK;
    for (size_t i = 0; i < count && !p->negating; i++)
        if ((rc = vns__query_add_fallback(p->out, &toks[i])) != VNS_OK)
            return rc;
    it->title = title;
    it->single = 0;
    if (!(it->q = phrase_query(p, toks, count, title)))
        return vns__error(VNS_ENOMEM, "out of memory");
    return VNS_OK;
}

static void skip_space(parser *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                           p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int is_word_end(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' ||
           c == ')' || c == '"';
}

static int at_or(parser *p)
{
    return p->n - p->i >= 2 && p->s[p->i] == 'O' && p->s[p->i + 1] == 'R' &&
           (p->n - p->i == 2 || is_word_end(p->s[p->i + 2]));
}

static int parse_or(parser *p, vns__xq **out);

static int parse_primary(parser *p, item *it)
{
    size_t start = p->i;
    int title = 0, rc;

    memset(it, 0, sizeof *it);
    if (p->n - p->i > 6 && memcmp(p->s + p->i, "title:", 6) == 0 &&
        !is_word_end(p->s[p->i + 6])) {
        title = 1;
        p->i += 6;
    }
    if (p->s[p->i] == '(') {
        if (title)
            return syntax_error(p, start, "title: takes a word or a "
                                "\"phrase\", not parentheses");
        if (++p->depth > MAX_DEPTH)
            return syntax_error(p, p->i, "parentheses nested too deeply");
        size_t open = p->i++;
        if ((rc = parse_or(p, &it->q)) != VNS_OK)
            return rc;
        skip_space(p);
        if (p->i >= p->n || p->s[p->i] != ')')
            return syntax_error(p, open, "'(' is not closed");
        p->i++;
        p->depth--;
        return VNS_OK;
    }
    if (p->s[p->i] == '"') {
        const char *close = memchr(p->s + p->i + 1, '"', p->n - p->i - 1);
        if (!close)
            return syntax_error(p, p->i, "'\"' is not closed");
        size_t from = p->i + 1, to = (size_t)(close - p->s);
        p->i = to + 1;
        return parse_phrase(p, from, to, title, it);
    }
    while (p->i < p->n && !is_word_end(p->s[p->i]))
        p->i++;
    return parse_word(p, start + (title ? 6 : 0), p->i, title, it);
}

/* Words of an AND group that spell an expansion also match the
 * abbreviation: [ủy ban nhân dân] -> that phrase OR ubnd. */
static int fold_expansions(parser *p, item *items, size_t *count)
{
    for (size_t i = 0; i < *count; i++) {
        for (size_t a = 0; a < p->abbrevs->count; a++) {
            const vns__abbrev *ab = &p->abbrevs->items[a];
            size_t k = ab->words, j;
            if (k < 2 || i + k > *count)
                continue;
            const char *e = ab->expansion;
            for (j = 0; j < k; j++) {
                const item *it = &items[i + j];
                size_t len = it->tok.folded_len;
                if (!it->single || it->negated || it->title ||
                    strncmp(e, it->tok.folded, len) != 0 ||
                    (e[len] != ' ' && e[len] != '\0'))
                    break;
                e += len + (e[len] == ' ');
            }
            if (j < k)
                continue;
            /* Replace items i..i+k-1 by (their phrase) OR abbreviation. */
            qtok toks[MAX_WORD_TOKENS];
            for (j = 0; j < k; j++) {
                toks[j] = items[i + j].tok;
                vns__xq_free(items[i + j].q);
            }
            vns__xq *alts[2] = {phrase_query(p, toks, k, 0),
                                term(p, VNS__PREFIX_WORD, ab->abbrev, strlen(ab->abbrev))};
            if (!alts[0] || !alts[1] ||
                add_pattern(p, ab->abbrev, strlen(ab->abbrev), 0) != VNS_OK)
                return vns__error(VNS_ENOMEM, "out of memory");
            items[i].q = combine(VNS__XOP_OR, alts, 2, 0);
            items[i].single = 0;
            memmove(&items[i + 1], &items[i + k],
                    (*count - i - k) * sizeof *items);
            *count -= k - 1;
            break;
        }
    }
    return VNS_OK;
}

/* Keeps the phrase of two adjacent words for the words-together boost. */
static int keep_pair(vns__query *q, vns__xq *pair)
{
    vns__xq **more = pair ? realloc(q->pairs, (q->npairs + 1) * sizeof *more)
                          : NULL;
    if (!more) {
        vns__xq_free(pair);
        return vns__error(VNS_ENOMEM, "out of memory");
    }
    q->pairs = more;
    q->pairs[q->npairs++] = pair;
    return VNS_OK;
}

/* The title boost of an AND group's plain words; their adjacent pairs are
 * kept for the words-together boost. Frees base and returns NULL when out
 * of memory. */
static vns__xq *boosted(parser *p, vns__xq *base, const item *items,
                        size_t count)
{
    vns__xq *boosts[64 + 1];
    size_t n = 0;

    for (size_t i = 0; i < count && n < 64; i++) {
        const item *a = &items[i];
        if (!a->single || a->negated)
            continue;
        if (!a->title)
            boosts[n++] = term(p, VNS__PREFIX_TITLE, a->tok.folded, a->tok.folded_len);
        const item *b = i + 1 < count ? &items[i + 1] : NULL;
        if (b && b->single && !b->negated) {
            vns__xq *pair[2] = {term(p, VNS__PREFIX_WORD, a->tok.folded, a->tok.folded_len),
                                term(p, VNS__PREFIX_WORD, b->tok.folded, b->tok.folded_len)};
            if (keep_pair(p->out, combine(VNS__XOP_PHRASE, pair, 2, 2))) {
                for (size_t k = 0; k < n; k++)
                    vns__xq_free(boosts[k]);
                vns__xq_free(base);
                return NULL;
            }
        }
    }
    if (n == 0)
        return base;
    vns__xq *maybe[2] = {base, combine(VNS__XOP_OR, boosts, n, 0)};
    return combine(VNS__XOP_AND_MAYBE, maybe, 2, 0);
}

/* The fallback query excludes what the query excludes. */
static int keep_excluded(vns__query *q, const vns__xq *x)
{
    vns__xq **more = realloc(q->excluded, (q->nexcluded + 1) * sizeof *more);
    if (!more)
        return vns__error(VNS_ENOMEM, "out of memory");
    q->excluded = more;
    if (!(more[q->nexcluded] = vns__xq_op(VNS__XOP_OR, &x, 1, 0)))
        return vns__error(VNS_ENOMEM, "out of memory");
    q->nexcluded++;
    return VNS_OK;
}

static int parse_and(parser *p, vns__xq **out)
{
    item items[64];
    size_t count = 0, first_not = SIZE_MAX;
    int rc = VNS_OK;

    *out = NULL;
    for (;;) {
        skip_space(p);
        if (p->i >= p->n || p->s[p->i] == ')' || at_or(p))
            break;
        if (count == 64) {
            rc = syntax_error(p, p->i, "more than 64 words in a group");
            break;
        }
        int negated = 0;
        size_t at = p->i;
        if (p->s[p->i] == '-' && p->i + 1 < p->n &&
            !is_word_end(p->s[p->i + 1]) && p->s[p->i + 1] != '-') {
            negated = 1;
            p->i++;
        }
        item *it = &items[count];
        p->negating += negated;
        rc = parse_primary(p, it);
        p->negating -= negated;
        if (rc != VNS_OK) {
            vns__xq_free(it->q); /* a group parsed before its error */
            break;
        }
        if (p->terms > VNS_QUERY_MAX_TERMS) {
            vns__xq_free(it->q);
            rc = syntax_error(p, at, "more terms than a query may have");
            break;
        }
        if (!it->q)
            continue;
        it->negated = negated;
        if (negated && first_not == SIZE_MAX)
            first_not = at;
        count++;
    }
    if (rc == VNS_OK)
        rc = fold_expansions(p, items, &count);

    vns__xq *pos[64], *neg[64];
    size_t npos = 0, nneg = 0;
    for (size_t i = 0; i < count; i++) {
        if (items[i].negated)
            neg[nneg++] = items[i].q;
        else
            pos[npos++] = items[i].q;
    }
    for (size_t i = 0; i < nneg && rc == VNS_OK; i++)
        rc = keep_excluded(p->out, neg[i]);
    if (rc != VNS_OK) {
        for (size_t i = 0; i < npos; i++)
            vns__xq_free(pos[i]);
        for (size_t i = 0; i < nneg; i++)
            vns__xq_free(neg[i]);
        return rc;
    }
    if (npos == 0) {
        for (size_t i = 0; i < nneg; i++)
            vns__xq_free(neg[i]);
        if (nneg > 0)
            return syntax_error(p, first_not, "only excluded words: "
                                "nothing to search for");
        return VNS_OK; /* an empty group: the caller decides */
    }
    vns__xq *q = combine(VNS__XOP_AND, pos, npos, 0);
    q = q ? boosted(p, q, items, count) : NULL;
    if (q && nneg > 0) {
        vns__xq *parts[2] = {q, combine(VNS__XOP_OR, neg, nneg, 0)};
        q = combine(VNS__XOP_AND_NOT, parts, 2, 0);
    }
    if (!q)
        return vns__error(VNS_ENOMEM, "out of memory");
    *out = q;
    return VNS_OK;
}

static int parse_or(parser *p, vns__xq **out)
{
    vns__xq *alts[64];
    size_t n = 0;
    int rc;

    *out = NULL;
    for (;;) {
        size_t at = p->i;
        vns__xq *q;
        if ((rc = parse_and(p, &q)) != VNS_OK)
            break;
        skip_space(p);
        int more = p->i < p->n && at_or(p);
        if (!q && (more || n > 0)) {
            rc = syntax_error(p, more ? p->i : at, "OR needs a word on "
                              "each side");
            break;
        }
        if (q) {
            if (n == 64) {
                vns__xq_free(q);
                rc = syntax_error(p, at, "more than 64 alternatives");
                break;
            }
            alts[n++] = q;
        }
        if (!more)
            break;
        p->i += 2;
    }
    if (rc != VNS_OK) {
        for (size_t i = 0; i < n; i++)
            vns__xq_free(alts[i]);
        return rc;
    }
    if (n > 0 && !(*out = combine(VNS__XOP_OR, alts, n, 0)))
        return vns__error(VNS_ENOMEM, "out of memory");
    return VNS_OK;
}

int vns__query_build(vns__query *q, vns_analyzer *an,
                     const vns__abbrevs *abbrevs, const char *text,
                     size_t len)
{
    parser p;
    int rc;

    memset(&p, 0, sizeof p);
    p.s = text;
    p.n = len;
    p.an = an;
    p.abbrevs = abbrevs;
    p.out = q;
    q->error_offset = -1;
    if (len > VNS_QUERY_MAX_BYTES) {
        q->error_offset = VNS_QUERY_MAX_BYTES;
        return vns__error(VNS_EQUERY, "query of %zu bytes: the limit is %d",
                          len, VNS_QUERY_MAX_BYTES);
    }
    if ((rc = parse_or(&p, &q->xq)) != VNS_OK)
        return rc;
    skip_space(&p);
    if (p.i < p.n) {
        vns__xq_free(q->xq);
        q->xq = NULL;
        return syntax_error(&p, p.i, "')' without '('");
    }
    if (!q->xq)
        return syntax_error(&p, 0, "nothing to search for");
    return VNS_OK;
}

int vns__query_add_fallback(vns__query *q, const qtok *t)
{
    char **more = realloc(q->fallback_terms,
                          (q->nfallback + 1) * sizeof *more);
    if (!more)
        return vns__error(VNS_ENOMEM, "out of memory");
    q->fallback_terms = more;
    if (!(more[q->nfallback] = malloc(t->folded_len + 1)))
        return vns__error(VNS_ENOMEM, "out of memory");
    memcpy(more[q->nfallback], t->folded, t->folded_len);
    more[q->nfallback][t->folded_len] = '\0';
    q->nfallback++;
    return VNS_OK;
}

void vns__query_clear(vns__query *q)
{
    vns__xq_free(q->xq);
    vns__xq_free(q->fallback);
    for (size_t i = 0; i < q->npatterns; i++)
        free(q->patterns[i].form);
    free(q->patterns);
    for (size_t i = 0; i < q->nfallback; i++)
        free(q->fallback_terms[i]);
    free(q->fallback_terms);
    for (size_t i = 0; i < q->nexcluded; i++)
        vns__xq_free(q->excluded[i]);
    free(q->excluded);
    for (size_t i = 0; i < q->npairs; i++)
        vns__xq_free(q->pairs[i]);
    free(q->pairs);
    memset(q, 0, sizeof *q);
}
