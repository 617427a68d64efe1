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

static int add_form(vns__pattern **list, size_t *n, size_t *cap,
                    const char *form, size_t len, int exact)
{
    vns__pattern *more = vns__grow(*list, cap, *n + 1, sizeof *more);
    if (!more)
        return VNS_ENOMEM;
    *list = more;
    vns__pattern *pat = &more[*n];
    if (!(pat->form = malloc(len + 1)))
        return VNS_ENOMEM;
    memcpy(pat->form, form, len);
    pat->form[len] = '\0';
    pat->len = len;
    pat->exact = exact;
    ++*n;
    return VNS_OK;
}

/* A form to highlight (exact or folded), and its folded form, which the
 * hits that matched with other marks highlight instead. */
static int add_pattern(vns__qplan *q, const char *form, size_t len,
                       int exact, const char *folded, size_t folded_len)
{
    int rc = add_form(&q->patterns, &q->npatterns, &q->cap_patterns, form,
                      len, exact);
    return rc == VNS_OK ? add_form(&q->loose, &q->nloose, &q->cap_loose,
                                   folded, folded_len, 0)
                        : rc;
}

/* A token is highlighted as it matches: by its exact form if typed with
 * marks, else by its folded form. */
static int token_pattern(vns__qplan *q, const vns__qtok *k)
{
    int accented = vns__qtok_accented(k);
    return add_pattern(q, accented ? k->exact : k->folded,
                       accented ? k->exact_len : k->folded_len, accented,
                       k->folded, k->folded_len);
}

/* A group's spelled expansions: their words again, then the
 * abbreviation. */
static int spelled_patterns(vns__qplan *q, const vns__qtree *t, int x)
{
    int rc = VNS_OK;
    VNS__QTREE_CHILDREN(t, x, c0) {
        int s = t->nodes[c0].kind == VNS__QABBREV ? t->nodes[c0].first : c0;
        if (t->nodes[s].kind != VNS__QSPELLED)
            continue;
        VNS__QTREE_CHILDREN(t, s, c)
            if (rc == VNS_OK)
                rc = token_pattern(q, vns__qtree_single(t, c));
        if (rc == VNS_OK)
            rc = add_pattern(q, t->nodes[s].abbrev,
                             strlen(t->nodes[s].abbrev), 0,
                             t->nodes[s].abbrev, strlen(t->nodes[s].abbrev));
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

/* An --explain line: the label, then each form (E: when exact). */
static void explain_forms(vns__buf *explain, const char *label,
                          const vns__pattern *forms, size_t n)
{
    vns__buf_append(explain, label, strlen(label));
    for (size_t i = 0; i < n; i++) {
        vns__buf_append(explain, forms[i].exact ? " E:" : " ",
                        forms[i].exact ? 3 : 1);
        vns__buf_append(explain, forms[i].form, forms[i].len);
    }
    vns__buf_append(explain, "\n", 1);
}

int vns__qwords_patterns(vns__qplan *q, const vns__qtree *t,
                         vns__buf *explain)
{
    int rc = patterns(q, t, t->root);
    explain_forms(explain, "highlight:", q->patterns, q->npatterns);
    return rc;
}

/* Adds a word typed to the fallback's, once: a word typed twice is one
 * word to hold. */
static int add_word(vns__qplan *q, const vns__qtok *k, vns__buf *explain)
{
    int accented = vns__qtok_accented(k);
    const char *form = accented ? k->exact : k->folded;
    size_t len = accented ? k->exact_len : k->folded_len;
    int rc;

    for (size_t i = 0; i < q->ntyped; i++)
        if (q->typed[i].len == len && memcmp(q->typed[i].form, form, len) == 0)
            return VNS_OK;
    if ((rc = add_form(&q->words, &q->nwords, &q->cap_words, k->folded,
                       k->folded_len, 0)) != VNS_OK)
        return rc;
    vns__buf_append(explain, " ", 1);
    vns__buf_append(explain, k->folded, k->folded_len);
    return add_form(&q->typed, &q->ntyped, &q->cap_typed, form, len,
                    accented);
}

/* The words typed, not excluded: each WORD (a compound as a whole), and
 * the words of each "quoted phrase". Expansions, the parts of compounds
 * and of words like hành.chính are not words typed. */
static int any_word(vns__qplan *q, const vns__qtree *t, int x,
                    vns__buf *explain)
{
    const vns__qnode *node = &t->nodes[x];
    int rc = VNS_OK;

    if (node->kind == VNS__QNOT ||
        (node->kind == VNS__QPHRASE && !node->quoted))
        return VNS_OK;
    if (node->kind == VNS__QVARIANT) /* one word, however spelled */
        return any_word(q, t, node->first, explain);
    size_t ntoks = node->kind == VNS__QWORD || node->kind == VNS__QPHRASE
                       ? node->ntoks
                       : 0;
    for (size_t i = 0; i < ntoks && rc == VNS_OK; i++)
        rc = add_word(q, &t->toks[node->tok + i], explain);
    VNS__QTREE_CHILDREN(t, x, c)
        if (rc == VNS_OK)
            rc = any_word(q, t, c, explain);
    return rc;
}

/* The excluded items, each group's after those of the groups inside it. */
static void excluded(vns__qplan *q, const vns__qtree *t, int x,
                     vns__buf *explain)
{
    VNS__QTREE_CHILDREN(t, x, c)
        excluded(q, t, c, explain);
    if (t->nodes[x].kind != VNS__QAND)
        return;
    VNS__QTREE_CHILDREN(t, x, c) {
        if (t->nodes[c].kind != VNS__QNOT)
            continue;
        vns__qmatch_write(&q->excluded, t, t->nodes[c].first,
                          VNS__QMATCH_TYPED);
        vns__xflat_op(&q->excluded, VNS__XOP_OR, 1, 0);
        vns__buf_append(explain, q->nexcluded ? ", " : " less ",
                        q->nexcluded ? 2 : 6);
        vns__qtree_print(t, t->nodes[c].first, explain);
        q->nexcluded++;
    }
}

int vns__qwords_fallback(vns__qplan *q, const vns__qtree *t,
                         vns__buf *explain)
{
    vns__buf_append(explain, "fallback:", 9);
    int rc = any_word(q, t, t->root, explain);
    excluded(q, t, t->root, explain);
    if (q->nexcluded > 1)
        vns__xflat_op(&q->excluded, VNS__XOP_OR, q->nexcluded, 0);
    vns__buf_append(explain, "\n", 1);
    return rc != VNS_OK || vns__xflat_failed(&q->excluded) ? VNS_ENOMEM
                                                            : VNS_OK;
}

/* Word i as typed: its exact term if typed with marks. */
static void typed_word(vns__xflat *f, const vns__qplan *q, size_t i)
{
    const vns__pattern *w = &q->typed[i];
    vns__xflat_term(f, w->exact ? VNS__PREFIX_EXACT : VNS__PREFIX_WORD,
                    w->form, w->len);
}

/* The AND of the words whose bits are set in `set`. */
static void words_and(vns__xflat *f, const vns__qplan *q, unsigned set)
{
    size_t n = 0;
    for (size_t i = 0; i < q->nwords; i++)
        if (set & (1u << i)) {
            typed_word(f, q, i);
            n++;
        }
    vns__xflat_combine(f, VNS__XOP_AND, n, 0);
}

static unsigned bits(unsigned x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

void vns__qwords_some(vns__xflat *f, const vns__qplan *q, size_t k)
{
    size_t n = 0, npairs = 0;

    if (q->nwords <= VNS__QWORDS_SUBSETS && k > 1) {
        for (unsigned set = 0; set < (1u << q->nwords); set++)
            if (bits(set) == k) {
                words_and(f, q, set);
                n++;
            }
    } else {
        for (size_t i = 0; i < q->nwords; i++)
            typed_word(f, q, i);
        n = q->nwords;
    }
    vns__xflat_combine(f, VNS__XOP_OR, n, 0);
    for (size_t i = 0; i + 1 < q->nwords; i++) {
        vns__xflat_term2(f, VNS__PREFIX_PAIR, q->words[i].form,
                         q->words[i].len, q->words[i + 1].form,
                         q->words[i + 1].len);
        npairs++;
    }
    if (npairs) {
        vns__xflat_combine(f, VNS__XOP_OR, npairs, 0);
        vns__xflat_op(f, VNS__XOP_AND_MAYBE, 2, 0);
    }

    if (q->nexcluded) {
        vns__xflat_append(f, &q->excluded);
        vns__xflat_op(f, VNS__XOP_AND_NOT, 2, 0);
    }
}

/* Collects a passage's words: each word or part of a compound (not the
 * compound: the parts give the pairs), up to VNS__QWORDS_PASSAGE. */
static int passage_word(const vns_token *k, void *payload)
{
    vns__qplan *q = payload;
    int accented = k->len != k->folded_len ||
                   memcmp(k->text, k->folded, k->len) != 0;
    int rc;

    if ((k->flags & VNS_TOKEN_COMPOUND) || q->nwords >= VNS__QWORDS_PASSAGE)
        return VNS_OK;
    if ((rc = add_form(&q->words, &q->nwords, &q->cap_words, k->folded,
                       k->folded_len, 0)) != VNS_OK)
        return rc;
    rc = add_form(&q->typed, &q->ntyped, &q->cap_typed,
                  accented ? k->text : k->folded,
                  accented ? k->len : k->folded_len, accented);
    return rc == VNS_OK ? add_pattern(q, q->typed[q->ntyped - 1].form,
                                      q->typed[q->ntyped - 1].len, accented,
                                      k->folded, k->folded_len)
                        : rc;
}

int vns__qwords_passage(vns__qplan *q, vns_analyzer *an, const char *text,
                        size_t len, vns__buf *explain)
{
    int rc = vns__analyze(an, text, len, passage_word, q);

    if (rc != VNS_OK)
        return rc == VNS_ENOMEM ? vns__error(rc, "out of memory") : rc;
    vns__xflat_nothing(&q->match);
    explain_forms(explain, "PASSAGE\nhighlight:", q->patterns, q->npatterns);
    explain_forms(explain, "fallback:", q->words, q->nwords);
    return vns__xflat_failed(&q->match) || vns__buf_failed(explain)
               ? vns__error(VNS_ENOMEM, "out of memory")
               : VNS_OK;
}
