/*
 * snippet.h - a short extract of a text with the query's words marked.
 */
#ifndef VNS_SNIPPET_H
#define VNS_SNIPPET_H

#include "buf.h"
#include "qplan.h"
#include "vnsearch.h"

/* Unicode characters in a snippet at most, cut marks included, markers
 * not (vnsearch.h). */
#define VNS__SNIPPET_CHARS 200

/* Appends to out an extract of text[0..n) of at most VNS__SNIPPET_CHARS
 * characters: the passage holding the most distinct words matching the
 * patterns, then the most of them standing together in the patterns'
 * order, then the most matches (the text's start when nothing matches),
 * each match between `open` and `close`, with "…" where the text was cut
 * and line breaks as spaces. Cuts fall between words (a single word
 * longer than the bound is cut in it); the result is valid UTF-8.
 * Returns VNS_OK, VNS_ENOMEM or an analyzer error. */
int vns__snippet(vns_analyzer *an, const char *text, size_t n,
                 const vns__pattern *patterns, size_t npatterns,
                 const char *open, const char *close, vns__buf *out);

#endif /* VNS_SNIPPET_H */
