/*
 * query.h - a parsed query's plan: the Xapian queries of its passes
 * (written flat, xflat.h), what to highlight, and the query printed for
 * --explain. The syntax tree it comes from (qtree.h) stays inside the
 * query modules.
 */
#ifndef VNS_QUERY_H
#define VNS_QUERY_H

#include "abbrev.h"
#include "xflat.h"

#include <stddef.h>
#include <stdint.h>

/* A form to highlight in snippets: a token matches when its exact form
 * (exact) or its folded form (not exact) equals `form`. */
typedef struct vns__pattern {
    char *form;
    size_t len;
    int exact;
} vns__pattern;

typedef struct vns__query {
    vns__xflat match;    /* what must match, with the title boost */
    vns__xflat pairs;    /* npairs phrases of adjacent query words, in a
                            row: the boost for words standing together,
                            applied when ranking the best candidates only
                            (search.c) */
    size_t npairs;
    vns__xflat fallback; /* when nothing matches: any of the words, accents
                            ignored, less what the query excludes */
    vns__pattern *patterns;
    size_t npatterns, cap_patterns;
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
