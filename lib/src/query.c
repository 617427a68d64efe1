/*
 * query.c - a query from its text to its plan: parse into a syntax tree
 * (qparse.c), derive the plan from the tree (its queries: qmatch.c; its
 * words: qwords.c), keep the plan and the tree's printed form (--explain),
 * drop the tree.
 */
#include "query.h"

#include "qmatch.h"
#include "qtree.h"
#include "qwords.h"
#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>

/* Fills the plan from the tree, appending the lines "highlight: ..." and
 * "fallback: ..." of --explain. */
static int make_plan(vns__qplan *plan, const vns__qtree *t,
                     vns__buf *explain)
{
    vns__qmatch_write(&plan->match, t, t->root, VNS__QMATCH_TYPED);
    plan->nrelaxed = vns__qmatch_write(&plan->relaxed, t, t->root,
                                       VNS__QMATCH_RELAXED);
    plan->nfolded = vns__qmatch_write(&plan->folded, t, t->root,
                                      VNS__QMATCH_FOLDED);
    if (vns__qwords_patterns(plan, t, explain) != VNS_OK ||
        vns__qwords_fallback(plan, t, explain) != VNS_OK ||
        vns__xflat_failed(&plan->match) ||
        vns__xflat_failed(&plan->relaxed) || vns__xflat_failed(&plan->folded) ||
        vns__buf_failed(explain))
        return vns__error(VNS_ENOMEM, "out of memory");
    return VNS_OK;
}

int vns__query_build(vns__query *q, vns_analyzer *an,
                     const vns__abbrevs *abbrevs, const char *text,
                     size_t len)
{
    vns__qtree t = VNS__QTREE_INIT;
    vns__buf explain = VNS__BUF_INIT;
    int rc = vns__qtree_parse(&t, an, abbrevs, text, len, &q->error_offset);

    if (rc == VNS_EQUERY && t.too_long) {
        vns__error_clear();
        q->error_offset = -1;
        rc = vns__qwords_passage(&q->plan, an, text, len, &explain);
    } else if (rc == VNS_OK) {
        vns__qtree_print(&t, t.root, &explain);
        vns__buf_append(&explain, "\n", 1);
        rc = make_plan(&q->plan, &t, &explain);
    }
    if (rc == VNS_OK && !(q->explain = vns__buf_detach(&explain, NULL)))
        rc = vns__error(VNS_ENOMEM, "out of memory");
    vns__buf_free(&explain);
    vns__qtree_free(&t);
    return rc;
}

static void free_forms(vns__pattern *forms, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(forms[i].form);
    free(forms);
}

void vns__query_clear(vns__query *q)
{
    vns__qplan *plan = &q->plan;
    vns__xflat_free(&plan->match);
    vns__xflat_free(&plan->relaxed);
    vns__xflat_free(&plan->folded);
    vns__xflat_free(&plan->excluded);
    free_forms(plan->patterns, plan->npatterns);
    free_forms(plan->loose, plan->nloose);
    free_forms(plan->words, plan->nwords);
    free_forms(plan->typed, plan->ntyped);
    free(q->explain);
    memset(q, 0, sizeof *q);
}
