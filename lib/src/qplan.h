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
    vns__xflat match;    /* what must match, with the boost of words
                            standing together */
    vns__xflat relaxed;  /* when nrelaxed: the match with the words typed
                            with marks that stand next to another word
                            matching with any marks, their pairs required
                            (VNS__QMATCH_RELAXED): ranked after the match */
    size_t nrelaxed;
    vns__xflat folded;   /* when nfolded and nothing matches: the match
                            with every word typed with marks folded */
    size_t nfolded;
    vns__pattern *words; /* then, fewer of the words typed (folded, in
                            order; their pairs rank): qwords.h */
    size_t nwords, cap_words;
    vns__pattern *typed; /* the same words as typed (exact when typed
                            with marks): what the fallback requires */
    size_t ntyped, cap_typed;
    vns__xflat excluded; /* the OR of what the query excludes, when
                            nexcluded */
    size_t nexcluded;
    vns__pattern *patterns;
    size_t npatterns, cap_patterns;
    vns__pattern *loose; /* the same, folded: for the hits that matched
                            with other marks than typed */
    size_t nloose, cap_loose;
} vns__qplan;

#endif /* VNS_QPLAN_H */
