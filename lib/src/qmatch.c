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
 *   - an abbreviation's expansion, typed or matched for the abbreviation:
 *     all of its words (word order free), or the abbreviation, also
 *     written in parts (TP. HCM, 46/2026/NĐ-CP: the pairs of its parts).
 * Ranking is BM25 (title words carry 3 times the weight), plus a boost
 * that adds weight without changing what matches: adjacent words of the
 * query that stand together in the document (AND_MAYBE of their pair
 * terms "P..."), on every candidate.
 *
 * The relaxed and folded modes (qmatch.h) write the same queries with
 * words typed with marks matching any marks: search.c runs them after
 * the match, and when nothing matches (qwords.h has the rest of the
 * fallback).
 *
 * The queries are written flat (xflat.h). One walk of the tree writes a
 * query (or counts its terms, for the parser's limit).
 */
#include "qmatch.h"

#include "schema.h"
#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>

/* Where a walk writes its query: f, or nowhere (f NULL) when it only
 * counts the terms; how it matches words typed with marks (qmatch.h),
 * and how many it let match with other marks. */
typedef struct emit {
    vns__xflat *f;
    size_t terms;
    enum vns__qmode mode;
    size_t relaxed;
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

/* The weight of the pairs' boost, in hundredths: words standing together
 * count three times their BM25 weight. Chosen on bench_body's body known
 * items (bench/README.md, "Results after issue 12's first session", one
 * change at a time): with pairs at 1x, an article holding the words
 * together ranked below those holding them apart in the title. Title
 * words have no boost of their own: they count VNS__TITLE_WDF times in
 * their terms and pairs already, and a boost over that (half their
 * weight) cost 7% of a search's time for worse body known items and no
 * better title ones (bench/README.md, "Latency"). */
#define PAIR_SCALE 300

static void scale(emit *e, unsigned hundredths)
{
    if (e->f)
        vns__xflat_op(e->f, VNS__XOP_SCALE, 1, hundredths);
}

/* One token: its exact term if typed with marks, else its folded term;
 * with `title`, its title term as well. */
static void token_query(emit *e, const vns__qtok *k, int title)
{
    int accented = vns__qtok_accented(k);

    if (accented && e->mode == VNS__QMATCH_FOLDED) {
        accented = 0;
        e->relaxed++;
    }
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
        if (vns__qtok_accented(&k[i]) && e->mode == VNS__QMATCH_FOLDED) {
            e->relaxed++;
        } else if (vns__qtok_accented(&k[i])) {
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

static void node_query(emit *e, const vns__qtree *t, int x);

/* The pair term of two adjacent words: their folded forms. */
static void pair_term(emit *e, const vns__qtok *a, const vns__qtok *b)
{
    e->terms++;
    if (e->f)
        vns__xflat_term2(e->f, VNS__PREFIX_PAIR, a->folded, a->folded_len,
                         b->folded, b->folded_len);
}

/* The pairs of k[0..count) in a row; how many. */
static size_t row_pairs(emit *e, const vns__qtok *k, size_t count)
{
    for (size_t i = 0; i + 1 < count; i++)
        pair_term(e, &k[i], &k[i + 1]);
    return count > 1 ? count - 1 : 0;
}

/* Words ranked higher where they stand together: (their AND) AND_MAYBE
 * (their pairs). */
static void words_query(emit *e, const vns__qtok *k, size_t count)
{
    for (size_t i = 0; i < count; i++)
        token_query(e, &k[i], 0);
    combine(e, VNS__XOP_AND, count, 0);
    if (count < 2)
        return;
    combine(e, VNS__XOP_OR, row_pairs(e, k, count), 0);
    combine(e, VNS__XOP_AND_MAYBE, 2, 0);
}

/* An abbreviation (folded) as a term, or, written in parts (TP. HCM,
 * TP.HCM, 46/2026/NĐ-CP), as the pairs of its parts. */
static void abbrev_query(emit *e, const char *abbrev)
{
    vns__qtok parts[VNS__QTREE_WORD_TOKENS];
    size_t n = 0, len = strlen(abbrev);

    term(e, VNS__PREFIX_WORD, abbrev, len);
    for (const char *s = abbrev; *s && n < VNS__QTREE_WORD_TOKENS;) {
        size_t part = strcspn(s, "./-_");
        if (part > 0 && part < VNS_MAX_TOKEN_BYTES) {
            memcpy(parts[n].folded, s, part);
            parts[n++].folded_len = part;
        }
        s += part + (s[part] != '\0');
    }
    if (n < 2)
        return;
    combine(e, VNS__XOP_AND, row_pairs(e, parts, n), 0);
    combine(e, VNS__XOP_OR, 2, 0);
}

/* The plain words of a group (one token, not excluded): whether item c is
 * one. */
static const vns__qtok *plain(const vns__qtree *t, int c)
{
    return c >= 0 && t->nodes[c].kind != VNS__QNOT ? vns__qtree_single(t, c)
                                                   : NULL;
}

/* The pairs of a group's adjacent plain words; how many. */
static size_t group_pairs(emit *e, const vns__qtree *t, int x, int either)
{
    size_t n = 0;
    VNS__QTREE_CHILDREN(t, x, c) {
        const vns__qtok *a = plain(t, c), *b = plain(t, t->nodes[c].next);
        if (a && b) {
            pair_term(e, a, b);
            if (either) {
                pair_term(e, b, a);
                combine(e, VNS__XOP_OR, 2, 0);
            }
            n++;
        }
    }
    return n;
}

/* Whether item c of a group is a word typed with marks that stands next
 * to another word: in the relaxed mode it may match with other marks, its
 * pairs then being required. */
static int relaxable(const emit *e, const vns__qtree *t, int c,
                     const vns__qtok *before)
{
    const vns__qtok *k = plain(t, c);
    enum vns__qkind kind = t->nodes[c].kind;
    return e->mode == VNS__QMATCH_RELAXED && k &&
           (kind == VNS__QWORD || kind == VNS__QVARIANT) &&
           !t->nodes[c].title &&
           vns__qtok_accented(k) && (before || plain(t, t->nodes[c].next));
}

/* The items of a group, AND. */
static void group_items(emit *e, const vns__qtree *t, int x)
{
    const vns__qtok *before = NULL;
    size_t n = 0;

    VNS__QTREE_CHILDREN(t, x, c) {
        if (t->nodes[c].kind == VNS__QNOT) {
            before = NULL;
            continue;
        }
        if (relaxable(e, t, c, before)) {
            const vns__qtok *k = plain(t, c);
            term(e, VNS__PREFIX_WORD, k->folded, k->folded_len);
            e->relaxed++;
        } else {
            node_query(e, t, c);
        }
        before = plain(t, c);
        n++;
    }
    combine(e, VNS__XOP_AND, n, 0);
}

/* SPELLED: its words (all of them, ranked higher together), or the
 * abbreviation. */
static void spelled_query(emit *e, const vns__qtree *t, int x)
{
    size_t relaxed = e->relaxed;

    group_items(e, t, x);
    int required = e->mode == VNS__QMATCH_RELAXED && e->relaxed > relaxed;
    size_t npairs = group_pairs(e, t, x, required);
    if (npairs > 0) {
        combine(e, required ? VNS__XOP_AND : VNS__XOP_OR, npairs, 0);
        combine(e, required ? VNS__XOP_AND : VNS__XOP_AND_MAYBE, 2, 0);
    }
    abbrev_query(e, t->nodes[x].abbrev);
    combine(e, VNS__XOP_OR, 2, 0);
}

/* AND: (items AND_MAYBE pairs) AND_NOT
 * (excluded items). Where words were relaxed, their pairs are required,
 * each in either order, so that word order never changes what a query
 * finds: (items AND pairs). */
static void group_query(emit *e, const vns__qtree *t, int x)
{
    size_t nneg = 0, npairs, relaxed = e->relaxed;

    group_items(e, t, x);
    int required = e->mode == VNS__QMATCH_RELAXED && e->relaxed > relaxed;
    if ((npairs = group_pairs(e, t, x, required)) > 0 && required) {
        combine(e, VNS__XOP_AND, npairs, 0);
        combine(e, VNS__XOP_AND, 2, 0);
    } else if (npairs > 0) {
        combine(e, VNS__XOP_OR, npairs, 0);
        scale(e, PAIR_SCALE);
        combine(e, VNS__XOP_AND_MAYBE, 2, 0);
    }
    /* What is excluded is excluded as typed, whatever the mode: a folded
     * -bán would exclude bàn, bạn and the query's own relaxed words. */
    emit typed = {e->f, 0, VNS__QMATCH_TYPED, 0};
    VNS__QTREE_CHILDREN(t, x, c)
        if (t->nodes[c].kind == VNS__QNOT) {
            node_query(&typed, t, t->nodes[c].first);
            nneg++;
        }
    e->terms += typed.terms;
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
    case VNS__QABBREV: /* the abbreviation, or any expansion's words */
        VNS__QTREE_CHILDREN(t, x, c) {
            if (c == n->first)
                node_query(e, t, c);
            else
                words_query(e, &t->toks[t->nodes[c].tok], t->nodes[c].ntoks);
            count++;
        }
        combine(e, VNS__XOP_OR, count, 0);
        return;
    case VNS__QOR:
    case VNS__QCOMPOUND:
    case VNS__QVARIANT:
        VNS__QTREE_CHILDREN(t, x, c) {
            node_query(e, t, c);
            count++;
        }
        combine(e, VNS__XOP_OR, count, 0);
        return;
    }
}

size_t vns__qmatch_write(vns__xflat *f, const vns__qtree *t, int node,
                         enum vns__qmode mode)
{
    emit e = {f, 0, mode, 0};
    node_query(&e, t, node);
    return e.relaxed;
}

size_t vns__qmatch_terms(const vns__qtree *t, int node)
{
    emit e = {NULL, 0, VNS__QMATCH_TYPED, 0};
    node_query(&e, t, node);
    return e.terms;
}

size_t vns__qmatch_group_terms(const vns__qtree *t, int node)
{
    emit e = {NULL, 0, VNS__QMATCH_TYPED, 0};
    VNS__QTREE_CHILDREN(t, node, c)
        if (t->nodes[c].kind == VNS__QSPELLED)
            spelled_query(&e, t, c);
        else if (t->nodes[c].kind == VNS__QABBREV &&
                 t->nodes[t->nodes[c].first].kind == VNS__QSPELLED)
            node_query(&e, t, c); /* with the other expansions */
    group_pairs(&e, t, node, 0);
    return e.terms;
}
