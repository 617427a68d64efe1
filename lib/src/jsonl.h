/*
 * jsonl.h - one JSON Lines record into an article.
 */
#ifndef VNS_JSONL_H
#define VNS_JSONL_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

/* The text fields of an article, in this order. */
enum vns__field {
    VNS__F_ID, VNS__F_TITLE, VNS__F_LEAD, VNS__F_BODY, VNS__F_SOURCE,
    VNS__F_URL, VNS__F_AUTHOR, VNS__F_CATEGORY, VNS__F_COUNT
};

/* An article: its fields are slices of one buffer, so a record costs one
 * growing allocation however many fields it has. A field that is absent
 * or null has length 0. */
typedef struct vns__article {
    vns__buf text;
    size_t start[VNS__F_COUNT], len[VNS__F_COUNT];
    uint32_t date; /* YYYYMMDD, 0 for none */
} vns__article;

/* The field's bytes (not NUL-terminated), valid until the article changes. */
static inline const char *vns__article_field(const vns__article *a,
                                             enum vns__field f)
{
    return a->text.ptr ? a->text.ptr + a->start[f] : "";
}

/* Parses one line: a JSON object with "id", "title", "body" and optional
 * "date" ("YYYY-MM-DD" or null), "lead", "source", "url", "author",
 * "category"; other keys are ignored whatever their value. The article's
 * previous content is replaced. Returns VNS_OK, VNS_EFORMAT with the reason
 * in why[] ("invalid JSON at byte 17: expected ':'", "missing title and
 * body", "impossible date 2019-02-31"), or VNS_ENOMEM. */
int vns__jsonl_parse(const char *line, size_t n, vns__article *a, char *why,
                     size_t why_size);

void vns__article_free(vns__article *a);

#endif /* VNS_JSONL_H */
