/*
 * abbrev.h - abbreviations and their expansions (UBND <-> ủy ban nhân dân).
 */
#ifndef VNS_ABBREV_H
#define VNS_ABBREV_H

#include "vnsearch.h"

#include <stddef.h>

/* One entry: the abbreviation's folded form (compound or word), and one
 * expansion as folded words separated by single spaces. An abbreviation
 * with several expansions has several entries. */
typedef struct vns__abbrev {
    char *abbrev;
    char *expansion;
    size_t words; /* in the expansion */
} vns__abbrev;

typedef struct vns__abbrevs {
    vns__abbrev *items;
    size_t count, cap;
} vns__abbrevs;

/* Adds the entries of a TSV text (ABBREVIATION<TAB>EXPANSION[<TAB>...]
 * per line, # comments). `name` names the source in errors: a bad line
 * gives VNS_EFORMAT "name:line: reason". */
int vns__abbrevs_add_tsv(vns__abbrevs *t, vns_analyzer *an, const char *text,
                         size_t len, const char *name);
/* The built-in table: corpus/abbreviations.tsv as of the build. */
int vns__abbrevs_add_default(vns__abbrevs *t, vns_analyzer *an);
void vns__abbrevs_free(vns__abbrevs *t);

#endif /* VNS_ABBREV_H */
