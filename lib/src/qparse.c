/*
 * qparse.c - the query language, parsed into a syntax tree (qtree.h).
 *
 *   query   := or ;  or := and ("OR" and)* ;  and := unary+
 *   unary   := "-" primary | primary
 *   primary := WORD | "PHRASE" | "(" or ")" | title:WORD | title:"PHRASE"
 *
 * Quotes are " and the marks pasted text brings (“ ” „ « »). What people
 * leave unbalanced is read as they meant it: a phrase or a group left
 * open closes at the end, and a ')' that closes nothing is passed over.
 *
 * Every word goes through the analyzer, as at index time, and the tree
 * keeps its tokens (exact and folded forms). What the parser decides
 * here, rather than the plan, is what the words are:
 *   - a compound (61/2018/NĐ-CP) is the whole term, or the phrase of its
 *     parts (NĐ-CP inside 61/2018/NĐ-CP); a word that splits into several
 *     tokens (hành.chính) is a phrase;
 *   - a word that is an abbreviation also matches its expansions, and a
 *     run of words in a group that spells an expansion also matches the
 *     abbreviation (both from the index's table).
 * Errors give the byte offset of the offending token (vns_error_offset).
 * The limit on index terms is the plan's count (qmatch.h), checked after
 * each item as it is parsed.
 */
#include "qtree.h"

#include "qmatch.h"
#include "vns_internal.h"

#include <stdint.h>
#include <string.h>

#define MAX_DEPTH 32
#define MAX_ITEMS 64   /* in a group, and alternatives of an OR */
#define MAX_EXPANSIONS 31 /* of one abbreviation */

typedef struct parser {
    const char *s;
    size_t n, i;
    vns_analyzer *an;
    const vns__abbrevs *abbrevs;
    vns__qtree *t;
    long *error_offset;
    size_t terms; /* index terms of the plan of what is parsed so far */
    int depth;
    vns__qtok toks[VNS__QTREE_WORD_TOKENS + 1]; /* the span analyzed */
    size_t ntoks;
    int toks_overflow;
} parser;

static int syntax_error(parser *p, size_t at, const char *what)
{
    *p->error_offset = (long)at;
    return vns__error(VNS_EQUERY, "query, byte %zu: %s", at, what);
}

/* A limit that a pasted passage meets (words, terms, a long quote): the
 * error stands, but query.c then searches the text as a passage. */
static int too_long(parser *p, size_t at, const char *what)
{
    p->t->too_long = 1;
    return syntax_error(p, at, what);
}

static int out_of_memory(void)
{
    return vns__error(VNS_ENOMEM, "out of memory");
}

static int collect_token(const vns_token *t, void *payload)
{
    parser *p = payload;
    if (p->ntoks == VNS__QTREE_WORD_TOKENS) {
        p->toks_overflow = 1;
        return 0;
    }
    vns__qtok *q = &p->toks[p->ntoks++];
    memcpy(q->exact, t->text, t->len);
    q->exact_len = t->len;
    memcpy(q->folded, t->folded, t->folded_len);
    q->folded_len = t->folded_len;
    q->flags = t->flags;
    return 0;
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
    return p->toks_overflow ? too_long(p, start, too_many) : VNS_OK;
}

/* A WORD (one token) or PHRASE node of copies of toks[0..count). */
static int tokens_node(parser *p, enum vns__qkind kind, const vns__qtok *toks,
                       size_t count, int title)
{
    vns__qtok *room = vns__qtree_reserve(p->t, count);
    int x = room ? vns__qtree_node(p->t, kind) : -1;
    if (x < 0)
        return -1;
    memcpy(room, toks, count * sizeof *toks);
    p->t->nodes[x].tok = p->t->ntoks;
    p->t->nodes[x].ntoks = count;
    p->t->nodes[x].title = title;
    p->t->ntoks += count;
    return x;
}

/* A node of that kind over children a and b. */
static int pair_node(parser *p, enum vns__qkind kind, int a, int b)
{
    int x = a >= 0 && b >= 0 ? vns__qtree_node(p->t, kind) : -1;
    if (x >= 0) {
        vns__qtree_adopt(p->t, x, a);
        vns__qtree_adopt(p->t, x, b);
    }
    return x;
}

/* Splits a folded expansion ("uy ban nhan dan") into phrase tokens. */
static size_t expansion_tokens(const char *exp, vns__qtok *toks)
{
    size_t n = 0;
    for (const char *s = exp; *s && n < VNS__QTREE_WORD_TOKENS;) {
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

/* A word typed with marks that has known variant spellings also matches
 * them as typed: the WORD node `word` in a VARIANT node, when it has. */
static int with_variants(parser *p, int word)
{
    vns__qtok k = *vns__qtree_single(p->t, word);
    const char *g;
    int x;

    if (!vns__qtok_accented(&k) ||
        !(g = vns__abbrevs_variants(p->abbrevs, k.exact, k.exact_len)))
        return word;
    if ((x = vns__qtree_node(p->t, VNS__QVARIANT)) < 0)
        return -1;
    vns__qtree_adopt(p->t, x, word);
    for (const char *s = g + 1; *s; s = strchr(s, ' ') + 1) {
        size_t len = (size_t)(strchr(s, ' ') - s);
        if (len == k.exact_len && memcmp(s, k.exact, len) == 0)
            continue;
        vns__qtok v = k;
        memcpy(v.exact, s, len);
        v.exact_len = len;
        int w = tokens_node(p, VNS__QWORD, &v, 1, 0);
        if (w < 0)
            return -1;
        vns__qtree_adopt(p->t, x, w);
    }
    return x;
}

/* A word that is an abbreviation also matches its expansions: the WORD
 * node `word` in an ABBR node, when the table has any. */
static int with_expansions(parser *p, int word)
{
    const vns__qtok *t = vns__qtree_single(p->t, word);
    int abbr = -1;
    size_t n = 0;

    for (size_t i = 0; i < p->abbrevs->count && n < MAX_EXPANSIONS; i++) {
        const vns__abbrev *a = &p->abbrevs->items[i];
        if (strlen(a->abbrev) != t->folded_len ||
            memcmp(a->abbrev, t->folded, t->folded_len) != 0)
            continue;
        vns__qtok toks[VNS__QTREE_WORD_TOKENS];
        size_t count = expansion_tokens(a->expansion, toks);
        int phrase = tokens_node(p, VNS__QPHRASE, toks, count, 0);
        if (phrase < 0)
            return -1;
        if (abbr < 0 && (abbr = vns__qtree_node(p->t, VNS__QABBREV)) < 0)
            return -1;
        if (n++ == 0)
            vns__qtree_adopt(p->t, abbr, word);
        vns__qtree_adopt(p->t, abbr, phrase);
        t = vns__qtree_single(p->t, word); /* toks may have moved */
    }
    return abbr >= 0 ? abbr : word;
}

/* A word of the query (s[start..end)): a node, or -1 in *out when it is
 * punctuation only (nothing to match). */
static int parse_word(parser *p, size_t start, size_t end, int title,
                      int *out)
{
    int rc, x;

    *out = -1;
    if ((rc = analyze_span(p, start, end, "word with too many parts")))
        return rc;
    if (p->ntoks == 0)
        return VNS_OK;
    int compound = (p->toks[0].flags & VNS_TOKEN_COMPOUND) != 0;
    if (compound || p->ntoks == 1) {
        x = tokens_node(p, VNS__QWORD, p->toks, 1, title);
        if (x >= 0 && !title)
            x = with_expansions(p, x);
        if (x >= 0 && !title && p->t->nodes[x].kind == VNS__QWORD)
            x = with_variants(p, x);
    } else {
        x = tokens_node(p, VNS__QPHRASE, p->toks, p->ntoks, title);
    }
    if (compound)
        x = pair_node(p, VNS__QCOMPOUND, x,
                      tokens_node(p, VNS__QPHRASE, p->toks + 1,
                                  p->ntoks - 1, title));
    if (x < 0)
        return out_of_memory();
    *out = x;
    p->terms += vns__qmatch_terms(p->t, x);
    return VNS_OK;
}

/* A "quoted phrase" (its text is s[start..end)): of its tokens, the parts
 * of a compound rather than the compound. */
static int parse_phrase(parser *p, size_t start, size_t end, int title,
                        int *out)
{
    vns__qtok toks[VNS__QTREE_WORD_TOKENS];
    size_t count = 0;
    int rc;

    *out = -1;
    if ((rc = analyze_span(p, start, end, "phrase of more than 16 words")))
        return rc;
    for (size_t i = 0; i < p->ntoks; i++)
        if (!(p->toks[i].flags & VNS_TOKEN_COMPOUND))
            toks[count++] = p->toks[i];
    if (count == 0)
        return VNS_OK;
    if ((*out = tokens_node(p, VNS__QPHRASE, toks, count, title)) < 0)
        return out_of_memory();
    p->t->nodes[*out].quoted = 1;
    p->terms += vns__qmatch_terms(p->t, *out);
    return VNS_OK;
}

static void skip_space(parser *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                           p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

/* The length of the quote mark at s[i], or 0: the ASCII one, and those
 * a pasted text brings (“ ” „ « »). Any of them opens or closes a phrase:
 * people mix them. */
static size_t quote_at(const parser *p, size_t i)
{
    static const char *const marks[] = {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D",
                                        "\xE2\x80\x9E", "\xC2\xAB",
                                        "\xC2\xBB"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
        size_t len = strlen(marks[k]);
        if (p->n - i >= len && memcmp(p->s + i, marks[k], len) == 0)
            return len;
    }
    return 0;
}

/* Whether a word ends at s[i] (or s[i] is past the end). */
static int word_ends(const parser *p, size_t i)
{
    char c = i < p->n ? p->s[i] : ' ';
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' ||
           c == ')' || quote_at(p, i);
}

/* Whether c can start what an operator (- or title:) applies to: a word,
 * a "phrase" or a (group). */
static int starts_operand(char c)
{
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ')';
}

static int at_or(parser *p)
{
    return p->n - p->i >= 2 && p->s[p->i] == 'O' && p->s[p->i + 1] == 'R' &&
           word_ends(p, p->i + 2);
}

static int parse_or(parser *p, int *out);

static int parse_group(parser *p, size_t start, int title, int *out)
{
    int rc;

    if (title)
        return syntax_error(p, start, "title: takes a word or a "
                            "\"phrase\", not parentheses");
    if (++p->depth > MAX_DEPTH)
        return syntax_error(p, p->i, "parentheses nested too deeply");
    p->i++;
    if ((rc = parse_or(p, out)) != VNS_OK)
        return rc;
    skip_space(p);
    if (p->i < p->n) /* at its ')'; a '(' left open closes at the end */
        p->i++;
    p->depth--;
    return VNS_OK;
}

static int parse_primary(parser *p, int *out)
{
    size_t start = p->i;
    int title = 0;

    *out = -1;
    if (p->n - p->i > 6 && memcmp(p->s + p->i, "title:", 6) == 0 &&
        starts_operand(p->s[p->i + 6])) {
        title = 1;
        p->i += 6;
    }
    if (p->s[p->i] == '(')
        return parse_group(p, start, title, out);
    size_t open = quote_at(p, p->i);
    if (open) { /* a phrase left open runs to the end */
        size_t from = p->i + open, to = from, close = 0;
        while (to < p->n && !(close = quote_at(p, to)))
            to++;
        p->i = to + close;
        return parse_phrase(p, from, to, title, out);
    }
    while (!word_ends(p, p->i))
        p->i++;
    return parse_word(p, start + (title ? 6 : 0), p->i, title, out);
}

/* Whether the items at[0..k) spell the expansion e word by word: plain
 * words, not excluded, not title:. */
static int spells(const vns__qtree *t, const int *at, size_t k, const char *e)
{
    for (size_t j = 0; j < k; j++) {
        const vns__qtok *tok = vns__qtree_single(t, at[j]);
        size_t len = tok ? tok->folded_len : 0;
        if (!tok || vns__qtree_title(t, at[j]) ||
            strncmp(e, tok->folded, len) != 0 ||
            (e[len] != ' ' && e[len] != '\0'))
            return 0;
        e += len + (e[len] == ' ');
    }
    return 1;
}

/* The abbreviation's other expansions than the one spelled, which it also
 * stands for: x in an ABBR node with their PHRASE nodes, when it has any
 * (thành phố hồ chí minh also finds Tp Hồ Chí Minh). */
static int with_other_expansions(parser *p, int x, const vns__abbrev *spelled)
{
    int abbr = x;

    for (size_t a = 0; a < p->abbrevs->count && abbr >= 0; a++) {
        const vns__abbrev *o = &p->abbrevs->items[a];
        if (o == spelled || strcmp(o->abbrev, spelled->abbrev) != 0)
            continue;
        vns__qtok toks[VNS__QTREE_WORD_TOKENS];
        size_t count = expansion_tokens(o->expansion, toks);
        int phrase = tokens_node(p, VNS__QPHRASE, toks, count, 0);
        if (phrase >= 0 && abbr == x &&
            (abbr = vns__qtree_node(p->t, VNS__QABBREV)) >= 0)
            vns__qtree_adopt(p->t, abbr, x);
        if (phrase < 0 || abbr < 0)
            return -1;
        vns__qtree_adopt(p->t, abbr, phrase);
    }
    return abbr;
}

/* Words of an AND group that spell an expansion also match the
 * abbreviation: [ủy ban nhân dân] becomes SPELLED(those words, =ubnd). */
static int fold_expansions(parser *p, int *items, size_t *count)
{
    for (size_t i = 0; i < *count; i++) {
        for (size_t a = 0; a < p->abbrevs->count; a++) {
            const vns__abbrev *ab = &p->abbrevs->items[a];
            size_t k = ab->words;
            if (k < 2 || k > VNS__QTREE_WORD_TOKENS || i + k > *count ||
                !spells(p->t, items + i, k, ab->expansion))
                continue;
            int x = vns__qtree_node(p->t, VNS__QSPELLED);
            if (x < 0)
                return out_of_memory();
            p->t->nodes[x].abbrev = ab->abbrev;
            for (size_t j = 0; j < k; j++)
                vns__qtree_adopt(p->t, x, items[i + j]);
            if ((items[i] = with_other_expansions(p, x, ab)) < 0)
                return out_of_memory();
            memmove(&items[i + 1], &items[i + k],
                    (*count - i - k) * sizeof *items);
            *count -= k - 1;
            break;
        }
    }
    return VNS_OK;
}

/* The next item of a group: [-]primary, NOT around it when excluded;
 * -1 in *out when it is punctuation only. */
static int parse_item(parser *p, int *out, size_t *first_not)
{
    size_t at = p->i;
    int negated = 0, rc;

    if (p->s[p->i] == '-' && p->i + 1 < p->n &&
        starts_operand(p->s[p->i + 1]) && p->s[p->i + 1] != '-') {
        negated = 1;
        p->i++;
    }
    if ((rc = parse_primary(p, out)) != VNS_OK)
        return rc;
    if (p->terms > VNS_QUERY_MAX_TERMS)
        return too_long(p, at, "more terms than a query may have");
    if (*out < 0 || !negated)
        return VNS_OK;
    int x = vns__qtree_node(p->t, VNS__QNOT);
    if (x < 0)
        return out_of_memory();
    vns__qtree_adopt(p->t, x, *out);
    *out = x;
    if (*first_not == SIZE_MAX)
        *first_not = at;
    return VNS_OK;
}

static int parse_and(parser *p, int *out)
{
    int items[MAX_ITEMS], x;
    size_t count = 0, npos = 0, first_not = SIZE_MAX;
    int rc = VNS_OK;

    *out = -1;
    for (;;) {
        skip_space(p);
        if (p->i < p->n && p->s[p->i] == ')' && p->depth == 0) {
            p->i++; /* closes nothing: passed over */
            continue;
        }
        if (p->i >= p->n || p->s[p->i] == ')' || at_or(p))
            break;
        if (count == MAX_ITEMS)
            return too_long(p, p->i, "more than 64 words in a group");
        if ((rc = parse_item(p, &x, &first_not)) != VNS_OK)
            return rc;
        if (x >= 0)
            items[count++] = x;
    }
    if ((rc = fold_expansions(p, items, &count)) != VNS_OK)
        return rc;
    for (size_t i = 0; i < count; i++)
        npos += p->t->nodes[items[i]].kind != VNS__QNOT;
    if (npos == 0)
        return count ? syntax_error(p, first_not, "only excluded words: "
                                    "nothing to search for")
                     : VNS_OK; /* an empty group: the caller decides */
    if ((*out = vns__qtree_node(p->t, VNS__QAND)) < 0)
        return out_of_memory();
    for (size_t i = 0; i < count; i++)
        vns__qtree_adopt(p->t, *out, items[i]);
    p->terms += vns__qmatch_group_terms(p->t, *out);
    return VNS_OK;
}

static int parse_or(parser *p, int *out)
{
    int alts[MAX_ITEMS], q;
    size_t n = 0;
    int rc;

    *out = -1;
    for (;;) {
        size_t at = p->i;
        if ((rc = parse_and(p, &q)) != VNS_OK)
            return rc;
        skip_space(p);
        int more = p->i < p->n && at_or(p);
        if (q < 0 && (more || n > 0))
            return syntax_error(p, more ? p->i : at, "OR needs a word on "
                                "each side");
        if (q >= 0) {
            if (n == MAX_ITEMS)
                return syntax_error(p, at, "more than 64 alternatives");
            alts[n++] = q;
        }
        if (!more)
            break;
        p->i += 2;
    }
    if (n > 0 && (*out = vns__qtree_node(p->t, VNS__QOR)) < 0)
        return out_of_memory();
    for (size_t i = 0; i < n; i++)
        vns__qtree_adopt(p->t, *out, alts[i]);
    return VNS_OK;
}

int vns__qtree_parse(vns__qtree *t, vns_analyzer *an,
                     const vns__abbrevs *abbrevs, const char *text,
                     size_t len, long *error_offset)
{
    parser p;
    int rc;

    memset(&p, 0, sizeof p);
    p.s = text;
    p.n = len;
    p.an = an;
    p.abbrevs = abbrevs;
    p.t = t;
    p.error_offset = error_offset;
    *error_offset = -1;
    if (len > VNS_QUERY_MAX_BYTES) {
        *error_offset = VNS_QUERY_MAX_BYTES;
        return vns__error(VNS_EQUERY, "query of %zu bytes: the limit is %d",
                          len, VNS_QUERY_MAX_BYTES);
    }
    if ((rc = parse_or(&p, &t->root)) != VNS_OK)
        return rc;
    if (t->root < 0)
        return syntax_error(&p, 0, "nothing to search for");
    return VNS_OK;
}
