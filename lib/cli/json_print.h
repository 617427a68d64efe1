/*
 * json_print.h - writing JSON from the command-line programs.
 *
 * Shared by vnsearch-index and vnsearch-query through the small internal
 * static library vnsearch_cli; not part of libvnsearch.
 */
#ifndef VNS_JSON_PRINT_H
#define VNS_JSON_PRINT_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..n) as a JSON string: quotes, escapes for '"', '\\' and
 * control characters (C0, DEL and C1: never raw on a terminal that shows
 * the JSON); other UTF-8 passes through, and each ill-formed sequence (a
 * path need not be UTF-8) becomes \ufffd. */
void vns_json_string(FILE *out, const char *s, size_t n);

#endif /* VNS_JSON_PRINT_H */
