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

/* Known variant spellings of one folded form (Đăk, Đắk): each line of a
 * variants file whose spellings fold alike is a group of exact forms
 * (lower case, NFC, canonical tone placement), separated by spaces. A
 * line whose spellings fold apart (Kontum, Kon Tum) is an abbreviation
 * instead: its one-word spelling, expanded to the others. */
typedef struct vns__variants {
    char **groups; /* " đăk đắk " : spaces around each form */
    size_t count, cap;
} vns__variants;

typedef struct vns__abbrevs {
    vns__abbrev *items;
    size_t count, cap;
    vns__variants variants;
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
/* Adds the lines of a variants file (SPELLING<TAB>SPELLING[<TAB>...],
 * # comments), read as vns__abbrevs_add_file() reads. */
int vns__abbrevs_add_variants_file(vns__abbrevs *t, vns_analyzer *an,
                                   const char *path);
int vns__abbrevs_add_variants_tsv(vns__abbrevs *t, vns_analyzer *an,
                                  const char *text, size_t len,
                                  const char *name);
/* The group holding the exact form `exact` (a word's), or NULL. */
const char *vns__abbrevs_variants(const vns__abbrevs *t, const char *exact,
                                  size_t len);
/* The built-in tables: corpus/abbreviations.tsv and corpus/variants.tsv
 * as of the build. */
int vns__abbrevs_add_default(vns__abbrevs *t, vns_analyzer *an);
void vns__abbrevs_free(vns__abbrevs *t);

#endif /* VNS_ABBREV_H */
