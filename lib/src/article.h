/*
 * article.h - an article as the parsers produce it.
 */
#ifndef VNS_ARTICLE_H
#define VNS_ARTICLE_H

#include "buf.h"
#include "vnsearch.h"

#include <stddef.h>
#include <stdint.h>

/* The text fields of an article. */
enum vns__field {
    VNS__F_ID, VNS__F_TITLE, VNS__F_LEAD, VNS__F_BODY, VNS__F_SOURCE,
    VNS__F_URL, VNS__F_AUTHOR, VNS__F_CATEGORY, VNS__F_CAPTION,
    VNS__F_COUNT
};

/* Its fields are slices of one buffer, so a record costs one growing
 * allocation however many fields it has. An absent field has length 0. */
typedef struct vns__article {
    vns__buf text;
    size_t start[VNS__F_COUNT], len[VNS__F_COUNT];
    uint32_t date;      /* YYYYMMDD, 0 for none */
    int minutes;        /* time of day of a page's date, or -1 */
    uint32_t page_date; /* a page's crawl header date, 0 for none */
} vns__article;

/* Empties the article, keeping its buffer's memory. */
void vns__article_reset(vns__article *a);

/* Sets field f to a copy of s[0..n). */
void vns__article_set(vns__article *a, enum vns__field f, const char *s,
                      size_t n);

/* The field's bytes (not NUL-terminated), valid until the article changes. */
static inline const char *vns__article_field(const vns__article *a,
                                             enum vns__field f)
{
    return a->text.ptr ? a->text.ptr + a->start[f] : "";
}

/* The public view of the article, pointing into it. */
void vns__article_view(const vns__article *a, vns_article *out);

void vns__article_free(vns__article *a);

#endif /* VNS_ARTICLE_H */
