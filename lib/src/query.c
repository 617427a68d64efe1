/*
 * query.c - a query from its text to its plan: parse into a syntax tree
 * (qparse.c), derive the plan from the tree (qplan.c, qwords.c), keep the
 * plan and the tree's printed form (--explain), drop the tree.
 */
#include "query.h"

#include "qplan.h"
#include "qtree.h"
#include "vns_internal.h"

#include <stdlib.h>
#include <string.h>

int vns__query_build(vns__query *q, vns_analyzer *an,
                     const vns__abbrevs *abbrevs, const char *text,
                     size_t len)
{
    vns__qtree t = VNS__QTREE_INIT;
    vns__buf explain = VNS__BUF_INIT;
    int rc = vns__qtree_parse(&t, an, abbrevs, text, len, &q->error_offset);

    if (rc == VNS_OK) {
        vns__qtree_print(&t, t.root, &explain);
        vns__buf_append(&explain, "\n", 1);
        rc = vns__qplan_make(q, &t, &explain);
    }
    if (rc == VNS_OK && !(q->explain = vns__buf_detach(&explain, NULL)))
        rc = vns__error(VNS_ENOMEM, "out of memory");
    vns__buf_free(&explain);
    vns__qtree_free(&t);
    return rc;
}

void vns__query_clear(vns__query *q)
{
    vns__xflat_free(&q->match);
    vns__xflat_free(&q->pairs);
    vns__xflat_free(&q->fallback);
    for (size_t i = 0; i < q->npatterns; i++)
        free(q->patterns[i].form);
    free(q->patterns);
    free(q->explain);
    memset(q, 0, sizeof *q);
}
