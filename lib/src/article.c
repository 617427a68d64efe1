/*
 * article.c - an article as the parsers produce it.
 */
#include "article.h"

#include <string.h>

void vns__article_reset(vns__article *a)
{
    a->text.len = 0;
    a->text.failed = 0;
    memset(a->start, 0, sizeof a->start);
    memset(a->len, 0, sizeof a->len);
    a->date = a->page_date = 0;
    a->minutes = -1;
}

void vns__article_set(vns__article *a, enum vns__field f, const char *s,
                      size_t n)
{
    a->start[f] = a->text.len;
    vns__buf_append(&a->text, s, n);
    a->len[f] = a->text.len - a->start[f];
}

void vns__article_view(const vns__article *a, vns_article *out)
{
    vns_article fresh = VNS_ARTICLE_INIT;
    *out = fresh;
#define VIEW(f, name)                                                  \
    do {                                                               \
        out->name = a->len[f] ? vns__article_field(a, f) : NULL;       \
        out->name##_len = a->len[f];                                   \
    } while (0)
    VIEW(VNS__F_ID, id);
    VIEW(VNS__F_TITLE, title);
    VIEW(VNS__F_LEAD, lead);
    VIEW(VNS__F_BODY, body);
    VIEW(VNS__F_SOURCE, source);
    VIEW(VNS__F_URL, url);
    VIEW(VNS__F_AUTHOR, author);
    VIEW(VNS__F_CATEGORY, category);
    VIEW(VNS__F_CAPTION, caption);
#undef VIEW
    out->date = a->date;
}

void vns__article_free(vns__article *a)
{
    vns__buf_free(&a->text);
}
