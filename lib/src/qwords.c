/*
 * qwords.c - the words of a query's plan: the forms snippets highlight,
 * and the fallback (any of the words) used when nothing matches.
 *
 * Both keep the order the parser used to keep: a snippet counts the
 * distinct patterns a passage matches, a word matching the first of them
 * that fits, so their order can change which passage is shown.
 */
#include "qwords.h"

#include "qmatch.h"

#include "schema.h"
#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>

static int add_pattern(vns__qplan *q, const char *form, size_t len,
                       int exact)
{
    vns__pattern *more = vns__grow(q->patterns, &q->cap_patterns,
                                   q->npatterns + 1, sizeof *more);
    if (!more)
        return VNS_ENOMEM;
    q->patterns = more;
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

/* A token is highlighted as it matches: by its exact form if typed with
 * marks, else by its folded form. */
static int token_pattern(vns__qplan *q, const vns__qtok *k)
{
    return vns__qtok_accented(k) ? add_pattern(q, k->exact, k->exact_len, 1)
                                 : add_pattern(q, k->folded, k->folded_len,
                                               0);
}

/* A group's spelled expansions: their words again, then the
 * abbreviation. */
static int spelled_patterns(vns__qplan *q, const vns__qtree *t, int x)
{
    int rc = VNS_OK;
    VNS__QTREE_CHILDREN(t, x, s) {
        if (t->nodes[s].kind != VNS__QSPELLED)
            continue;
        VNS__QTREE_CHILDREN(t, s, c)
            if (rc == VNS_OK)
                rc = token_pattern(q, vns__qtree_single(t, c));
        if (rc == VNS_OK)
            rc = add_pattern(q, t->nodes[s].abbrev,
                             strlen(t->nodes[s].abbrev), 0);
    }
    return rc;
}

static int patterns(vns__qplan *q, const vns__qtree *t, int x)
{
    const vns__qnode *n = &t->nodes[x];
    int rc = VNS_OK;

    if (n->kind == VNS__QWORD || n->kind == VNS__QPHRASE) {
        for (size_t i = 0; i < n->ntoks && rc == VNS_OK; i++)
            rc = token_pattern(q, &t->toks[n->tok + i]);
        return rc;
    }
    VNS__QTREE_CHILDREN(t, x, c)
        if (rc == VNS_OK)
            rc = patterns(q, t, c);
    if (rc == VNS_OK && n->kind == VNS__QAND)
        rc = spelled_patterns(q, t, x);
    return rc;
}

int vns__qwords_patterns(vns__qplan *q, const vns__qtree *t,
                         vns__buf *explain)
{
    int rc = patterns(q, t, t->root);

    vns__buf_append(explain, "highlight:", 10);
    for (size_t i = 0; i < q->npatterns; i++) {
        vns__buf_append(explain, q->patterns[i].exact ? " E:" : " ",
                        q->patterns[i].exact ? 3 : 1);
        vns__buf_append(explain, q->patterns[i].form, q->patterns[i].len);
    }
    vns__buf_append(explain, "\n", 1);
    return rc;
}

/* The words typed, not excluded: each WORD (a compound as a whole), and
 * the words of each "quoted phrase". Expansions, the parts of compounds
 * and of words like hành.chính are not words typed. */
static void any_word(vns__xflat *f, size_t *n, const vns__qtree *t, int x,
                     vns__buf *explain)
{
    const vns__qnode *node = &t->nodes[x];

    if (node->kind == VNS__QNOT ||
        (node->kind == VNS__QPHRASE && !node->quoted))
        return;
    size_t ntoks = node->kind == VNS__QWORD || node->kind == VNS__QPHRASE
                       ? node->ntoks
                       : 0;
    for (size_t i = 0; i < ntoks; i++) {
        const vns__qtok *k = &t->toks[node->tok + i];
        vns__xflat_term(f, VNS__PREFIX_WORD, k->folded, k->folded_len);
        vns__buf_append(explain, " ", 1);
        vns__buf_append(explain, k->folded, k->folded_len);
        ++*n;
    }
    VNS__QTREE_CHILDREN(t, x, c)
        any_word(f, n, t, c, explain);
}

/* The excluded items, each group's after those of the groups inside it. */
static void excluded(vns__xflat *f, size_t *n, const vns__qtree *t, int x,
                     vns__buf *explain)
{
    VNS__QTREE_CHILDREN(t, x, c)
        excluded(f, n, t, c, explain);
    if (t->nodes[x].kind != VNS__QAND)
        return;
    VNS__QTREE_CHILDREN(t, x, c) {
        if (t->nodes[c].kind != VNS__QNOT)
            continue;
        vns__qmatch_write(f, t, t->nodes[c].first);
        vns__xflat_op(f, VNS__XOP_OR, 1, 0);
        vns__buf_append(explain, *n ? ", " : " less ", *n ? 2 : 6);
        vns__qtree_print(t, t->nodes[c].first, explain);
        ++*n;
    }
}

int vns__qwords_fallback(vns__qplan *q, const vns__qtree *t,
                         vns__buf *explain)
{
    size_t words = 0, out = 0;

    vns__buf_append(explain, "fallback:", 9);
    any_word(&q->fallback, &words, t, t->root, explain);
    if (words)
        vns__xflat_op(&q->fallback, VNS__XOP_OR, words, 0);
    else
        vns__xflat_nothing(&q->fallback);
    excluded(&q->fallback, &out, t, t->root, explain);
    if (out) {
        vns__xflat_op(&q->fallback, VNS__XOP_OR, out, 0);
        vns__xflat_op(&q->fallback, VNS__XOP_AND_NOT, 2, 0);
    }
    vns__buf_append(explain, "\n", 1);
    return vns__xflat_failed(&q->fallback) ? VNS_ENOMEM : VNS_OK;
}
