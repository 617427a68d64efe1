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
/* Largest abbreviations file read, 16 MiB: the built-in table is some KB,
 * and a bound keeps a wrong path (/dev/zero, a dump) from filling memory. */
#define VNS__ABBREV_FILE_MAX (16u << 20)

/* Adds the entries of the TSV file at `path`, which must be a regular file
 * of at most VNS__ABBREV_FILE_MAX bytes: a FIFO, device or directory
 * ("path: is a FIFO; not an abbreviations file") or a bigger file ("path:
 * larger than 16 MiB; not an abbreviations file") gives VNS_EFORMAT,
 * without waiting on a FIFO or reading past the bound; a file that cannot
 * be opened or read, VNS_EIO ("path: cannot open: reason"). */
int vns__abbrevs_add_file(vns__abbrevs *t, vns_analyzer *an,
                          const char *path);
/* The built-in table: corpus/abbreviations.tsv as of the build. */
int vns__abbrevs_add_default(vns__abbrevs *t, vns_analyzer *an);
void vns__abbrevs_free(vns__abbrevs *t);

#endif /* VNS_ABBREV_H */
