/*
 * snippet.h - a short extract of a text with the query's words marked.
 */
#ifndef VNS_SNIPPET_H
#define VNS_SNIPPET_H

#include "buf.h"
#include "qplan.h"
#include "vnsearch.h"

/* Words in a snippet. */
#define VNS__SNIPPET_WORDS 32

/* Appends to out an extract of text[0..n) of about VNS__SNIPPET_WORDS
 * words around the densest run of words matching the patterns, each
 * match between `open` and `close`, with "…" where the text was cut and
 * line breaks as spaces. Cuts fall between words; the result is valid
 * UTF-8. Returns VNS_OK, VNS_ENOMEM or an analyzer error. */
int vns__snippet(vns_analyzer *an, const char *text, size_t n,
                 const vns__pattern *patterns, size_t npatterns,
                 const char *open, const char *close, vns__buf *out);

#endif /* VNS_SNIPPET_H */
