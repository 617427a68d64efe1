/*
 * qplan.h - from a query's syntax tree (qtree.h) to its plan (query.h).
 */
#ifndef VNS_QPLAN_H
#define VNS_QPLAN_H

#include "qtree.h"
#include "query.h"

/* Fills q's match, pairs, fallback and patterns from the parsed tree t,
 * and appends the lines "highlight: ..." and "fallback: ..." of
 * --explain to explain. VNS_OK or VNS_ENOMEM. */
int vns__qplan_make(vns__query *q, const vns__qtree *t, vns__buf *explain);

/* Appends the query of a node to f (the match of its subtree). */
void vns__qplan_query(vns__xflat *f, const vns__qtree *t, int node);

/* qwords.c: the words of the plan. The forms to highlight: every word's
 * (excluded ones too), in the order typed, then, per group, those of the
 * abbreviations its spelled expansions match; their explain line. */
int vns__qplan_patterns(vns__query *q, const vns__qtree *t,
                        vns__buf *explain);
/* The fallback: any of the words typed (not excluded), folded, less every
 * excluded item, inner groups' first; its explain line. */
int vns__qplan_fallback(vns__query *q, const vns__qtree *t,
                        vns__buf *explain);

/* Index terms the plan of a word or phrase item (WORD, PHRASE, ABBR,
 * COMPOUND) holds: the parser's count for VNS_QUERY_MAX_TERMS. */
size_t vns__qplan_terms(const vns__qtree *t, int node);
/* Index terms an AND group adds to those of its items: the
 * abbreviations of spelled expansions, the title boost, the pairs. */
size_t vns__qplan_group_terms(const vns__qtree *t, int node);

#endif /* VNS_QPLAN_H */
