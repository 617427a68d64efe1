/*
 * qwords.h - the words of a query's plan: what snippets highlight, and
 * the fallback used when nothing matches.
 */
#ifndef VNS_QWORDS_H
#define VNS_QWORDS_H

#include "buf.h"
#include "qplan.h"
#include "qtree.h"
#include "vnsearch.h"

/* The forms to highlight: every word's (excluded ones too), in the order
 * typed, then, per group, those of the abbreviations its spelled
 * expansions match; appends their --explain line. VNS_OK or ENOMEM. */
int vns__qwords_patterns(vns__qplan *plan, const vns__qtree *t,
                         vns__buf *explain);

/* The fallback's words: those typed (not excluded), folded, and every
 * excluded item, inner groups' first; appends its --explain line. */
int vns__qwords_fallback(vns__qplan *plan, const vns__qtree *t,
                         vns__buf *explain);

/* Up to this many words, the fallback requires k of them (every set of
 * k); more, only any one of them. */
#define VNS__QWORDS_SUBSETS 6

/* Writes the fallback that requires k of the plan's words as typed (those
 * typed with marks with them: an article holding none of the words typed
 * is never found), ranked higher where consecutive words stand together,
 * less what the query excludes. k <= nwords. */
void vns__qwords_some(vns__xflat *f, const vns__qplan *plan, size_t k);

/* The plan of a text too long for a query (a pasted sentence or
 * paragraph): its words (up to VNS__QWORDS_PASSAGE, not its operators or
 * quotes) as the fallback's, and a match of nothing, so that the search
 * goes to the fallback: the documents holding most of the words, and
 * holding them together, first. Appends the three --explain lines. */
#define VNS__QWORDS_PASSAGE 120
int vns__qwords_passage(vns__qplan *plan, vns_analyzer *an, const char *text,
                        size_t len, vns__buf *explain);

#endif /* VNS_QWORDS_H */
