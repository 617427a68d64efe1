/*
 * query.h - a parsed query: the Xapian query, what to highlight, and what
 * to fall back on when nothing matches.
 */
#ifndef VNS_QUERY_H
#define VNS_QUERY_H

#include "abbrev.h"
#include "xapian_shim.h"

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
    vns__xq *xq;        /* what must match */
    vns__xq *fallback;  /* any of the words, accents ignored */
    vns__pattern *patterns;
    size_t npatterns, cap_patterns;
    char **fallback_terms;
    size_t nfallback;
    vns__xq **excluded; /* -words, which the fallback excludes too */
    size_t nexcluded;
    vns__xq **pairs;    /* adjacent query words as phrases: the boost for
                           words standing together, applied when ranking
                           the best candidates (search.c) */
    size_t npairs;
    long error_offset;
} vns__query;

/* Parses text into q (zeroed first by the caller). VNS_EQUERY sets
 * q->error_offset. */
int vns__query_build(vns__query *q, vns_analyzer *an,
                     const vns__abbrevs *abbrevs, const char *text,
                     size_t len);

/* Remembers a word for the fallback query (its folded form). */
struct qtok;
int vns__query_add_fallback(vns__query *q, const struct qtok *t);

void vns__query_clear(vns__query *q);

#endif /* VNS_QUERY_H */
