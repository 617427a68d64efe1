/*
 * query.h - a parsed query's plan: the Xapian queries of its passes
 * (written flat, xflat.h), what to highlight, and the query printed for
 * --explain. The syntax tree it comes from (qtree.h) stays inside the
 * query modules.
 */
#ifndef VNS_QUERY_H
#define VNS_QUERY_H

#include "abbrev.h"
#include "qplan.h"

#include <stddef.h>
#include <stdint.h>

typedef struct vns__query {
    vns__qplan plan;
    char *explain;       /* the tree, the highlights and the fallback, on
                            three lines (vns_query_explain) */
    long error_offset;
} vns__query;

/* Parses text into q (zeroed first by the caller) and makes its plan.
 * VNS_EQUERY sets q->error_offset. */
int vns__query_build(vns__query *q, vns_analyzer *an,
                     const vns__abbrevs *abbrevs, const char *text,
                     size_t len);

void vns__query_clear(vns__query *q);

#endif /* VNS_QUERY_H */
