/*
 * qmatch.c - the queries of a parsed query's plan (qtree.h -> qplan.h).
 *
 * What a word matches (schema.h has the terms):
 *   - typed without marks (its exact form is its folded form): the folded
 *     term, so "dong" finds đồng, động, dòng;
 *   - typed with marks: the exact term "E...", so "bàn" never finds "bán";
 *   - in the title only (title:): the title term "S..." too;
 *   - a phrase: the positions of its folded terms, and each accented
 *     word's exact term as a filter.
 * Ranking is BM25 (title words carry 3 times the weight), plus two boosts
 * that add weight without changing what matches: the plain words of each
 * group found in the title (AND_MAYBE of their S-terms, in the match),
 * and words that stand together in the document as in the query (phrases
 * of adjacent plain words, kept apart in `pairs` because checking
 * positions is costly: search.c applies them to the best candidates).
 * When nothing matches, search.c falls back on any of the words typed
 * (folded), less what the query excludes.
 *
 * The queries are written flat (xflat.h) in the structure the parser used
 * to build node by node, so rankings stay as they were. One walk of the
 * tree writes a query (or counts its terms, for the parser's limit); the
 * highlights, fallback words and pairs are each one more walk.
 */
#include "qmatch.h"

#include "schema.h"
#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>

/* Where a walk writes its query: f, or nowhere (f NULL) when it only
 * counts the terms. */
typedef struct emit {
    vns__xflat *f;
    size_t terms;
} emit;

static void term(emit *e, const char *prefix, const char *s, size_t len)
{
    e->terms++;
    if (e->f)
        vns__xflat_term(e->f, prefix, s, len);
}

static void combine(emit *e, enum vns__xop op, size_t count, unsigned window)
{
    if (e->f)
        vns__xflat_combine(e->f, op, count, window);
}

/* One token: its exact term if typed with marks, else its folded term;
 * with `title`, its title term as well. */
static void token_query(emit *e, const vns__qtok *k, int title)
{
    int accented = vns__qtok_accented(k);
    if (!title) {
        if (accented)
            term(e, VNS__PREFIX_EXACT, k->exact, k->exact_len);
        else
            term(e, VNS__PREFIX_WORD, k->folded, k->folded_len);
        return;
    }
    term(e, VNS__PREFIX_TITLE, k->folded, k->folded_len);
    if (accented)
        term(e, VNS__PREFIX_EXACT, k->exact, k->exact_len);
    combine(e, VNS__XOP_AND, accented ? 2 : 1, 0);
}

static void phrase_query(emit *e, const vns__qtok *k, size_t count, int title)
{
    size_t n = 1;

    if (count == 1) {
        token_query(e, k, title);
        return;
    }
    for (size_t i = 0; i < count; i++)
        term(e, VNS__PREFIX_WORD, k[i].folded, k[i].folded_len);
    combine(e, VNS__XOP_PHRASE, count, (unsigned)count);
    for (size_t i = 0; i < count; i++) {
        if (vns__qtok_accented(&k[i])) {
            term(e, VNS__PREFIX_EXACT, k[i].exact, k[i].exact_len);
            n++;
        }
        if (title) {
            term(e, VNS__PREFIX_TITLE, k[i].folded, k[i].folded_len);
            n++;
        }
    }
    combine(e, VNS__XOP_AND, n, 0);
}

/* SPELLED: the phrase of its words, or the abbreviation. */
static void spelled_query(emit *e, const vns__qtree *t, int x)
{
    vns__qtok k[VNS__QTREE_WORD_TOKENS];
    size_t n = 0;

    VNS__QTREE_CHILDREN(t, x, c)
        if (n < VNS__QTREE_WORD_TOKENS)
            k[n++] = *vns__qtree_single(t, c);
    phrase_query(e, k, n, 0);
    term(e, VNS__PREFIX_WORD, t->nodes[x].abbrev,
         strlen(t->nodes[x].abbrev));
    combine(e, VNS__XOP_OR, 2, 0);
}

/* The plain words of a group (one token, not excluded): whether item c is
 * one. */
static const vns__qtok *plain(const vns__qtree *t, int c)
{
    return c >= 0 && t->nodes[c].kind != VNS__QNOT ? vns__qtree_single(t, c)
                                                   : NULL;
}

/* The title boost of a group: its plain words' title terms; how many. */
static size_t title_boost(emit *e, const vns__qtree *t, int x)
{
    size_t n = 0;
    VNS__QTREE_CHILDREN(t, x, c) {
        const vns__qtok *k = plain(t, c);
        if (k && !vns__qtree_title(t, c)) {
            term(e, VNS__PREFIX_TITLE, k->folded, k->folded_len);
            n++;
        }
    }
    return n;
}

/* The phrases of a group's adjacent plain words; how many. */
static size_t group_pairs(emit *e, const vns__qtree *t, int x)
{
    size_t n = 0;
    VNS__QTREE_CHILDREN(t, x, c) {
        const vns__qtok *a = plain(t, c), *b = plain(t, t->nodes[c].next);
        if (a && b) {
            term(e, VNS__PREFIX_WORD, a->folded, a->folded_len);
            term(e, VNS__PREFIX_WORD, b->folded, b->folded_len);
            combine(e, VNS__XOP_PHRASE, 2, 2);
            n++;
        }
    }
    return n;
}

static void node_query(emit *e, const vns__qtree *t, int x);

/* AND: (items AND_MAYBE title boost) AND_NOT (excluded items). */
static void group_query(emit *e, const vns__qtree *t, int x)
{
    size_t npos = 0, nneg = 0, nboost;

    VNS__QTREE_CHILDREN(t, x, c)
        if (t->nodes[c].kind != VNS__QNOT) {
            node_query(e, t, c);
            npos++;
        }
    combine(e, VNS__XOP_AND, npos, 0);
    if ((nboost = title_boost(e, t, x)) > 0) {
        combine(e, VNS__XOP_OR, nboost, 0);
        combine(e, VNS__XOP_AND_MAYBE, 2, 0);
    }
    VNS__QTREE_CHILDREN(t, x, c)
        if (t->nodes[c].kind == VNS__QNOT) {
            node_query(e, t, t->nodes[c].first);
            nneg++;
        }
    if (nneg > 0) {
        combine(e, VNS__XOP_OR, nneg, 0);
        combine(e, VNS__XOP_AND_NOT, 2, 0);
    }
}

static void node_query(emit *e, const vns__qtree *t, int x)
{
    const vns__qnode *n = &t->nodes[x];
    size_t count = 0;

    switch (n->kind) {
    case VNS__QWORD:
    case VNS__QPHRASE:
        phrase_query(e, &t->toks[n->tok], n->ntoks, n->title);
        return;
    case VNS__QSPELLED:
        spelled_query(e, t, x);
        return;
    case VNS__QAND:
        group_query(e, t, x);
        return;
    case VNS__QNOT: /* only inside an AND, which handles it */
        return;
    case VNS__QOR:
    case VNS__QABBREV:
    case VNS__QCOMPOUND:
        VNS__QTREE_CHILDREN(t, x, c) {
            node_query(e, t, c);
            count++;
        }
        combine(e, VNS__XOP_OR, count, 0);
        return;
    }
}

void vns__qmatch_write(vns__xflat *f, const vns__qtree *t, int node)
{
    emit e = {f, 0};
    node_query(&e, t, node);
}

size_t vns__qmatch_terms(const vns__qtree *t, int node)
{
    emit e = {NULL, 0};
    node_query(&e, t, node);
    return e.terms;
}

size_t vns__qmatch_group_terms(const vns__qtree *t, int node)
{
    emit e = {NULL, 0};
    VNS__QTREE_CHILDREN(t, node, c)
        if (t->nodes[c].kind == VNS__QSPELLED)
            spelled_query(&e, t, c);
    title_boost(&e, t, node);
    group_pairs(&e, t, node);
    return e.terms;
}

size_t vns__qmatch_pairs(vns__xflat *f, const vns__qtree *t, int node)
{
    emit e = {f, 0};
    size_t n = 0;
    VNS__QTREE_CHILDREN(t, node, c)
        n += vns__qmatch_pairs(f, t, c);
    if (t->nodes[node].kind == VNS__QAND)
        n += group_pairs(&e, t, node);
    return n;
}
