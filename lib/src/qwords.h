/*
 * qwords.h - the words of a query's plan: what snippets highlight, and
 * the fallback used when nothing matches.
 */
#ifndef VNS_QWORDS_H
#define VNS_QWORDS_H

#include "buf.h"
#include "qplan.h"
#include "qtree.h"

/* The forms to highlight: every word's (excluded ones too), in the order
 * typed, then, per group, those of the abbreviations its spelled
 * expansions match; appends their --explain line. VNS_OK or ENOMEM. */
int vns__qwords_patterns(vns__qplan *plan, const vns__qtree *t,
                         vns__buf *explain);

/* The fallback: any of the words typed (not excluded), folded, less every
 * excluded item, inner groups' first; appends its --explain line. */
int vns__qwords_fallback(vns__qplan *plan, const vns__qtree *t,
                         vns__buf *explain);

#endif /* VNS_QWORDS_H */
