/*
 * qmatch.h - the Xapian queries of a syntax tree's nodes, written flat
 * (xflat.h): what the plan's passes run, and how many index terms they
 * hold (the parser's VNS_QUERY_MAX_TERMS).
 */
#ifndef VNS_QMATCH_H
#define VNS_QMATCH_H

#include "qtree.h"
#include "xflat.h"

#include <stddef.h>

/* Appends the query of node (the match of its subtree) to f. */
void vns__qmatch_write(vns__xflat *f, const vns__qtree *t, int node);

/* Index terms the query of a word or phrase item (WORD, PHRASE, ABBR,
 * COMPOUND) holds. */
size_t vns__qmatch_terms(const vns__qtree *t, int node);
/* Index terms an AND group adds to those of its items: the
 * abbreviations of spelled expansions, the title boost, the pairs. */
size_t vns__qmatch_group_terms(const vns__qtree *t, int node);

/* Appends to f the phrases of adjacent plain words of every group under
 * node, inner groups first (as each group is parsed before the one around
 * it); returns how many. */
size_t vns__qmatch_pairs(vns__xflat *f, const vns__qtree *t, int node);

#endif /* VNS_QMATCH_H */
