/*
 * jsonl.h - one JSON Lines record into an article.
 */
#ifndef VNS_JSONL_H
#define VNS_JSONL_H

#include "article.h"

/* Parses one line: a JSON object with "id", "title", "body" and optional
 * "date" ("YYYY-MM-DD" or null), "lead", "source", "url", "author",
 * "category"; other keys are ignored whatever their value. A key given
 * twice keeps its last value; null leaves the field empty (the date 0).
 * The article's previous content is replaced. Returns VNS_OK, VNS_EFORMAT
 * with the reason in why[] ("invalid JSON at byte 17: expected ':'",
 * "missing title and body", "impossible date 2019-02-31"), or
 * VNS_ENOMEM. */
int vns__jsonl_parse(const char *line, size_t n, vns__article *a, char *why,
                     size_t why_size);

#endif /* VNS_JSONL_H */
