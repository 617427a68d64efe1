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

/* How words typed with marks match:
 *   TYPED    as typed (their exact terms): the match;
 *   RELAXED  those standing next to another word of their group match
 *            with any marks (folded), their group's pairs then required:
 *            what a wrong tone does not lose;
 *   FOLDED   all of them with any marks: the first fallback. */
enum vns__qmode { VNS__QMATCH_TYPED, VNS__QMATCH_RELAXED, VNS__QMATCH_FOLDED };

/* Appends the query of node (the match of its subtree) to f; returns how
 * many words it let match with other marks than typed. */
size_t vns__qmatch_write(vns__xflat *f, const vns__qtree *t, int node,
                         enum vns__qmode mode);

/* Index terms the query of a word or phrase item (WORD, PHRASE, ABBR,
 * COMPOUND) holds. */
size_t vns__qmatch_terms(const vns__qtree *t, int node);
/* Index terms an AND group adds to those of its items: the
 * abbreviations of spelled expansions, the pairs. */
size_t vns__qmatch_group_terms(const vns__qtree *t, int node);

#endif /* VNS_QMATCH_H */
