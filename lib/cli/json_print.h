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
 * control characters; UTF-8 passes through (it is valid: the library
 * repairs what it returns, and paths are checked here). */
void vns_json_string(FILE *out, const char *s, size_t n);

#endif /* VNS_JSON_PRINT_H */
