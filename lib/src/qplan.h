/*
 * qplan.h - a query's plan: what each pass of a search runs, and what its
 * snippets highlight. Made from the syntax tree (qtree.h) by query.c, with
 * qmatch.c (the queries) and qwords.c (the words); read by search.c and
 * snippet.c. Types only, so that every module may include it.
 */
#ifndef VNS_QPLAN_H
#define VNS_QPLAN_H

#include "xflat.h"

#include <stddef.h>

/* A form to highlight in snippets: a token matches when its exact form
 * (exact) or its folded form (not exact) equals `form`. */
typedef struct vns__pattern {
    char *form;
    size_t len;
    int exact;
} vns__pattern;

typedef struct vns__qplan {
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
} vns__qplan;

#endif /* VNS_QPLAN_H */
